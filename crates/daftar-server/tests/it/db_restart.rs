//! The write-ahead log's restart on SQLite: between two groups, with the database file
//! synced off the writer's path and no group committed before that sync has ended.

use std::time::Duration;

use crate::db::{count, probe_app};
use crate::harness::backends;

/// Under steady writes (some of them dropped) the writer restarts the write-ahead log
/// between two groups when a checkpoint finds it long (so that no COMMIT folds it; here
/// asked for directly, as a test's log stays short); every write acknowledged meanwhile,
/// those that waited for the database file's sync included, is stored, and the writer's
/// own settings are back once that sync has ended.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_steady_writes_the_writer_restarts_the_log_and_loses_nothing() {
    for backend in backends() {
        let Some(app) = probe_app(&backend, true).await else {
            continue;
        };
        let db = app.state.db.clone();
        let restarts = db.log_restarts();
        let until = tokio::time::Instant::now() + Duration::from_millis(2_600);
        // Asked again each second, as the checkpoint task would while the log is long
        // (a restart that readers kept busy is tried again).
        let asking = {
            let db = db.clone();
            tokio::spawn(async move {
                while tokio::time::Instant::now() < until {
                    db.restart_log_soon();
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            })
        };
        let mut writers = Vec::new();
        for w in 0..8 {
            let db = db.clone();
            writers.push(tokio::spawn(async move {
                let mut done = 0_i64;
                let mut tries = 0_u64;
                while tokio::time::Instant::now() < until {
                    tries += 1;
                    let mut tx = db.begin().await.expect("begin");
                    tx.defer(
                        sqlx::query("INSERT INTO probe (k, v) VALUES ($1, $2)")
                            .bind(format!("w{w}-{tries}"))
                            .bind(done),
                    )
                    .expect("defer");
                    // Every seventh is given up: rolled back, the others go on.
                    if tries.is_multiple_of(7) {
                        tx.flush().await.expect("flush");
                        drop(tx);
                        continue;
                    }
                    tx.commit().await.expect("commit");
                    done += 1;
                }
                done
            }));
        }
        let mut acknowledged = 0;
        for w in writers {
            acknowledged += w.await.expect("writer");
        }
        asking.await.expect("asking");
        assert!(
            db.log_restarts() > restarts,
            "the log was not restarted in {acknowledged} commits"
        );
        assert_eq!(count(&db, "SELECT COUNT(*) FROM probe").await, acknowledged);
        // The writer syncs at checkpoints again, and its cache may spill again, once the
        // database file's sync after the last restart has ended.
        let settled = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            let mut tx = db.begin().await.expect("begin");
            let spill = tx
                .fetch_as::<(i64,), _>(sqlx::query("PRAGMA cache_spill"))
                .await
                .expect("cache_spill");
            let sync = tx
                .fetch_as::<(i64,), _>(sqlx::query("PRAGMA synchronous"))
                .await
                .expect("synchronous");
            tx.rollback().await.expect("rollback");
            assert_eq!(sync.first().map(|r| r.0), Some(1), "synchronous = NORMAL");
            if spill.first().is_some_and(|r| r.0 > 0) {
                break;
            }
            assert!(
                tokio::time::Instant::now() < settled,
                "the writer's cache was left unable to spill"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // And the writer goes on.
        let mut tx = db.begin().await.expect("begin after");
        tx.defer(sqlx::query("INSERT INTO probe (k, v) VALUES ('after', 0)"))
            .expect("defer");
        tokio::time::timeout(Duration::from_secs(3), tx.commit())
            .await
            .expect("the writer was left stuck")
            .expect("commit after");
    }
}

/// No group commits before the database file's sync after a restart has ended: the
/// restart copied the log's last frames into the file without a sync, and the first frame
/// written overwrites the log. With that sync held back 400 ms, the writes committed
/// meanwhile are acknowledged only after it, none is lost, and writes go on meanwhile
/// (they join the open group) rather than queueing for the writer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_group_commits_before_the_database_file_is_synced_after_a_restart() {
    const HELD: Duration = Duration::from_millis(400);
    for backend in backends() {
        let Some(app) = probe_app(&backend, true).await else {
            continue;
        };
        let db = app.state.db.clone();
        db.delay_database_syncs(HELD);
        let restarts = db.log_restarts();
        let until = tokio::time::Instant::now() + Duration::from_millis(1_500);
        let asked = tokio::time::Instant::now() + Duration::from_millis(300);
        let asking = {
            let db = db.clone();
            tokio::spawn(async move {
                tokio::time::sleep_until(asked).await;
                db.restart_log_soon();
            })
        };
        let mut writers = Vec::new();
        for w in 0..8 {
            let db = db.clone();
            writers.push(tokio::spawn(async move {
                let (mut done, mut slowest) = (0_i64, Duration::ZERO);
                while tokio::time::Instant::now() < until {
                    let mut tx = db.begin().await.expect("begin");
                    tx.defer(
                        sqlx::query("INSERT INTO probe (k, v) VALUES ($1, $2)")
                            .bind(format!("w{w}-{done}"))
                            .bind(done),
                    )
                    .expect("defer");
                    let started = std::time::Instant::now();
                    tx.commit().await.expect("commit");
                    slowest = slowest.max(started.elapsed());
                    done += 1;
                }
                (done, slowest)
            }));
        }
        let (mut acknowledged, mut slowest) = (0, Duration::ZERO);
        for w in writers {
            let (done, slow) = w.await.expect("writer");
            acknowledged += done;
            slowest = slowest.max(slow);
        }
        asking.await.expect("asking");
        assert_eq!(db.log_restarts(), restarts + 1, "one restart asked for");
        // The commits in the held group waited for the sync (the restart came at once).
        assert!(
            slowest >= HELD.mul_f64(0.75),
            "no commit waited for the database file's sync (slowest {slowest:?})"
        );
        assert_eq!(count(&db, "SELECT COUNT(*) FROM probe").await, acknowledged);
    }
}
