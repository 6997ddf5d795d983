//! SQLite's connections. The writer's page cache: 4 MiB while the database is under
//! 1 GiB, where a larger one makes commits walk it (see `Db::connect`), and 1 GiB once
//! the checkpoint task finds the database has grown to that size; writes go on across
//! the change. The readers: all opened with the pool and kept, never opened under load.

use daftar_platform::{Db, db::Backend};

use crate::harness::{TestApp, backends};

/// The writer's `cache_size` (negative: KiB), read inside a write transaction.
async fn writer_cache(db: &Db) -> i64 {
    let mut tx = db.begin().await.expect("begin");
    let rows = tx
        .fetch(sqlx::query("PRAGMA cache_size"))
        .await
        .expect("cache_size");
    let size = rows
        .first()
        .and_then(|r| sqlx::Row::try_get::<i64, _>(r, 0).ok())
        .expect("a cache size");
    tx.rollback().await.expect("rollback");
    size
}

async fn insert(db: &Db, k: &str) {
    let mut tx = db.begin().await.expect("begin");
    tx.run(sqlx::query("INSERT INTO probe (k, v) VALUES ($1, 1)").bind(k))
        .await
        .expect("insert");
    tx.commit().await.expect("commit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_writer_takes_its_large_cache_once_the_database_is_large() {
    for backend in backends() {
        let app = TestApp::empty(&backend).await;
        let db = app.state.db.clone();
        if db.backend() != Backend::Sqlite {
            // PostgreSQL keeps its own buffers; the hook does nothing there.
            db.large_cache_soon();
            continue;
        }
        app.tamper("CREATE TABLE probe (k TEXT PRIMARY KEY, v BIGINT NOT NULL)")
            .await;
        assert_eq!(writer_cache(&db).await, -4 * 1024, "a new database");
        insert(&db, "small").await;
        assert_eq!(writer_cache(&db).await, -4 * 1024, "still small");
        // As the checkpoint task asks once the database reaches 1 GiB.
        db.large_cache_soon();
        insert(&db, "large").await;
        assert_eq!(writer_cache(&db).await, -1024 * 1024, "after the ask");
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM probe")
            .fetch_one(db.pool())
            .await
            .expect("count");
        assert_eq!(stored, 2, "both writes stored");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_reader_is_opened_with_the_pool_and_kept() {
    for backend in backends() {
        let app = TestApp::empty(&backend).await;
        let db = app.state.db.clone();
        if db.backend() != Backend::Sqlite {
            // PostgreSQL's connections are the server's processes: opened on demand.
            continue;
        }
        let max = db.pool().options().get_max_connections();
        assert_eq!(db.pool().size(), max, "every reader open from the start");
        // The schema changes after they opened; warming has each of them read it.
        app.tamper("CREATE TABLE probe (k TEXT PRIMARY KEY, v BIGINT NOT NULL)")
            .await;
        db.warm(&[]).await.expect("warm");
        insert(&db, "seen").await;
        // All at once, so each is a different reader: each sees the new table's row.
        let mut readers = Vec::new();
        for _ in 0..max {
            readers.push(db.pool().acquire().await.expect("a reader"));
        }
        for reader in &mut readers {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM probe")
                .fetch_one(&mut **reader)
                .await
                .expect("count");
            assert_eq!(n, 1);
        }
        drop(readers);
        assert_eq!(db.pool().size(), max, "none closed");
    }
}
