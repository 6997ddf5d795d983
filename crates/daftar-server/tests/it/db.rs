//! Write transactions under concurrency: on SQLite they commit in groups, on PostgreSQL
//! one by one. Either way a transaction that commits is durable when `commit` returns
//! (another connection sees it), one that fails or is dropped leaves nothing and does
//! not take others with it, and no transaction leaves the database locked.

use std::time::Duration;

use daftar_platform::Db;

use crate::harness::{TestApp, backends};

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(db.pool())
        .await
        .expect("count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_transactions_commit_durably_and_roll_back_alone() {
    for backend in backends() {
        let app = TestApp::empty(&backend).await;
        app.tamper("CREATE TABLE probe (k TEXT PRIMARY KEY, v BIGINT NOT NULL)")
            .await;
        // Another connection to the same database, as another process would have.
        let url = app.state.settings.database_url().expose().to_owned();
        let other = Db::connect(&url, 2).await.expect("second connection");
        let mut tasks = Vec::new();
        for i in 0..60_i64 {
            let db = app.state.db.clone();
            let other = other.clone();
            tasks.push(tokio::spawn(async move {
                let mut tx = db.begin().await.expect("begin");
                sqlx::query("INSERT INTO probe (k, v) VALUES ($1, $2)")
                    .bind(format!("k{i}"))
                    .bind(i)
                    .execute(&mut *tx)
                    .await
                    .expect("insert");
                tokio::task::yield_now().await;
                match i % 4 {
                    // Dropped: rolled back.
                    0 => drop(tx),
                    // A statement fails (a key taken in this very transaction); the
                    // caller gives up.
                    1 => {
                        let dup = sqlx::query("INSERT INTO probe (k, v) VALUES ($1, 0)")
                            .bind(format!("k{i}"))
                            .execute(&mut *tx)
                            .await;
                        assert!(dup.is_err(), "a duplicate key must fail");
                        tx.rollback().await.expect("rollback");
                    }
                    _ => {
                        tx.commit().await.expect("commit");
                        let seen = sqlx::query_scalar::<_, i64>("SELECT v FROM probe WHERE k = $1")
                            .bind(format!("k{i}"))
                            .fetch_optional(other.pool())
                            .await
                            .expect("read");
                        assert_eq!(seen, Some(i), "k{i} committed but not visible elsewhere");
                    }
                }
            }));
        }
        for t in tasks {
            t.await.expect("task");
        }
        assert_eq!(count(&app.state.db, "SELECT COUNT(*) FROM probe").await, 30);
        assert_eq!(
            count(
                &app.state.db,
                "SELECT COUNT(*) FROM probe WHERE v % 4 IN (0, 1)"
            )
            .await,
            0
        );
        // A transaction dropped with nobody after it leaves no lock behind: the other
        // connection writes at once (not after its busy timeout).
        let tx = app.state.db.begin().await.expect("begin");
        drop(tx);
        tokio::time::sleep(Duration::from_millis(50)).await;
        let write = async {
            let mut tx = other.begin().await.expect("begin elsewhere");
            sqlx::query("INSERT INTO probe (k, v) VALUES ('elsewhere', 2)")
                .execute(&mut *tx)
                .await
                .expect("insert elsewhere");
            tx.commit().await.expect("commit elsewhere");
        };
        tokio::time::timeout(Duration::from_secs(3), write)
            .await
            .expect("the database was left locked");
        assert_eq!(count(&app.state.db, "SELECT COUNT(*) FROM probe").await, 31);
        other.pool().close().await;
    }
}
