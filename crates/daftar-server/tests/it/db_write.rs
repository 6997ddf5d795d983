//! `Db::write`: a write transaction run on the write thread (SQLite) or in place
//! (PostgreSQL) gives back its result and its error; on SQLite it runs to its end even
//! when its caller stops waiting.

use std::time::Duration;

use daftar_platform::{Db, Error, db::Backend};

use crate::harness::{TestApp, backends};

async fn count(db: &Db) -> i64 {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM probe")
        .fetch_one(db.pool())
        .await
        .expect("count")
}

async fn insert(db: Db, k: &'static str, wait: Duration) -> daftar_platform::Result<i64> {
    let mut tx = db.begin().await?;
    tokio::time::sleep(wait).await;
    sqlx::query("INSERT INTO probe (k, v) VALUES ($1, 1)")
        .bind(k)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(7)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_gives_its_result_and_error_and_on_sqlite_ends_without_its_caller() {
    for backend in backends() {
        let app = TestApp::empty(&backend).await;
        app.tamper("CREATE TABLE probe (k TEXT PRIMARY KEY, v BIGINT NOT NULL)")
            .await;
        let db = app.state.db.clone();
        let answer = db.write(insert(db.clone(), "a", Duration::ZERO)).await;
        assert_eq!(answer.expect("written"), 7, "{backend:?}");
        assert_eq!(count(&db).await, 1, "{backend:?}");
        // A failed write (the key is taken) is the caller's error and leaves nothing.
        let refused = db.write(insert(db.clone(), "a", Duration::ZERO)).await;
        assert!(
            matches!(refused, Err(Error::Conflict { .. })),
            "{backend:?}: {refused:?}"
        );
        assert_eq!(count(&db).await, 1, "{backend:?}");
        if db.backend() != Backend::Sqlite {
            continue;
        }
        // The caller gives up while the transaction holds the writer: it still commits,
        // and the writer goes on to the next one.
        let given_up = tokio::time::timeout(
            Duration::from_millis(20),
            db.write(insert(db.clone(), "b", Duration::from_millis(200))),
        )
        .await;
        assert!(given_up.is_err(), "the caller stopped waiting");
        let next = tokio::time::timeout(
            Duration::from_secs(5),
            db.write(insert(db.clone(), "c", Duration::ZERO)),
        )
        .await
        .expect("the writer went on");
        assert_eq!(next.expect("written"), 7);
        assert_eq!(count(&db).await, 3, "the given-up write landed too");
    }
}
