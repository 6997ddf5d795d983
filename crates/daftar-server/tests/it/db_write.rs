//! `Db::write`: a write transaction run on the write thread (SQLite) or in place
//! (PostgreSQL) gives back its result and its error, and one whose caller stops waiting
//! rolls back there as it would in place, leaving the writer to the next.

use std::time::Duration;

use daftar_platform::{Db, Error, db::Backend};

use crate::harness::{TestApp, backends};

async fn count(db: &Db) -> i64 {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM probe")
        .fetch_one(db.pool())
        .await
        .expect("count")
}

/// Inserts `k` after `wait`; gives the name of the thread it ran on.
async fn insert(db: Db, k: &'static str, wait: Duration) -> daftar_platform::Result<String> {
    let mut tx = db.begin().await?;
    tokio::time::sleep(wait).await;
    sqlx::query("INSERT INTO probe (k, v) VALUES ($1, 1)")
        .bind(k)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(std::thread::current().name().unwrap_or("").to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_gives_its_result_and_error_and_rolls_back_without_its_caller() {
    for backend in backends() {
        let app = TestApp::empty(&backend).await;
        app.tamper("CREATE TABLE probe (k TEXT PRIMARY KEY, v BIGINT NOT NULL)")
            .await;
        let db = app.state.db.clone();
        let sqlite = db.backend() == Backend::Sqlite;
        let ran_on = db
            .write(insert(db.clone(), "a", Duration::ZERO))
            .await
            .expect("written");
        assert_eq!(
            ran_on == "daftar-writes",
            sqlite,
            "{backend:?}: ran on {ran_on:?}"
        );
        assert_eq!(count(&db).await, 1, "{backend:?}");
        // A failed write (the key is taken) is the caller's error and leaves nothing.
        let refused = db.write(insert(db.clone(), "a", Duration::ZERO)).await;
        assert!(
            matches!(refused, Err(Error::Conflict { .. })),
            "{backend:?}: {refused:?}"
        );
        assert_eq!(count(&db).await, 1, "{backend:?}");
        // The caller gives up while the transaction holds the writer (a request at its
        // timeout): the transaction rolls back, and the writer goes on to the next one.
        let given_up = tokio::time::timeout(
            Duration::from_millis(20),
            db.write(insert(db.clone(), "b", Duration::from_millis(200))),
        )
        .await;
        assert!(given_up.is_err(), "the caller stopped waiting");
        tokio::time::timeout(
            Duration::from_secs(5),
            db.write(insert(db.clone(), "c", Duration::ZERO)),
        )
        .await
        .expect("the writer went on")
        .expect("written");
        // Past the given-up one's sleep: had it gone on, it would have written by now.
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(
            count(&db).await,
            2,
            "{backend:?}: the given-up write left nothing"
        );
    }
}
