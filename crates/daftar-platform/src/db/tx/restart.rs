//! Restarting the write-ahead log between two groups, and the database file's sync that
//! the restart leaves off the writer's path.

use std::sync::atomic::Ordering;

use sqlx::{Executor, Row};

use super::{Writer, ends::hand_back, open::note_data_version};
use crate::db::BUSY_TIMEOUT_MS;

/// How long the writer waits for readers still on the old log before it gives up
/// restarting it (until the next checkpoint).
const RESTART_WAIT_MS: u32 = 5;

/// Restarts the write-ahead log between two groups, once a checkpoint has copied it into
/// the database and it has grown to `RESTART_LOG_AT` frames.
///
/// SQLite writes the log from its start again only when a write transaction begins with
/// every frame of the log already copied; under steady load the periodic checkpoint (on a
/// reader, off the writer's path) never leaves it so, as the writer appends meanwhile. The
/// log then grew to the auto-checkpoint size (`wal_autocheckpoint`, then 50,000 frames, about
/// 1.5 s at 700 applications a second), where the COMMIT that reached it copied the up to
/// a second of frames the last checkpoint had not, and synced the log and the database,
/// while every other writer waited: 11-37 ms, growing as the database grew.
///
/// Here, right after a periodic checkpoint (two passes, the second short), the writer
/// syncs the log (as SQLite does before it copies: no frame reaches the database file
/// before it is on disk in the log), copies the few frames left, waits at most a few
/// milliseconds for readers still on the old log (`RESTART_WAIT_MS`; else it tries again
/// after the next checkpoint), and opens the next group, which begins the log again. It does not sync the database file
/// itself: that sync took most of the restart (5-37 ms of writer time against 2-8 ms
/// without it, BENCHMARKS.md), so it runs on a thread of its own while the writer goes
/// on (see [`sync_database_later`]).
pub(super) async fn restart_log(w: &mut Writer) {
    w.signals.restart_due.store(false, Ordering::Release);
    // A database without a log file (in memory) has nothing to restart.
    if !w.sync.on_disk() {
        return;
    }
    let started = std::time::Instant::now();
    let syncing = w.sync.clone();
    if let Err(e) = on_blocking_thread(move || syncing.sync_log()).await {
        // Nothing is copied: the next commit is refused (and the log is not restarted).
        w.sync
            .fail(format!("the disk did not store the write-ahead log: {e}"));
        return;
    }
    // With the copy's own syncs off, and the page cache kept from spilling into the log
    // (a spill writes frames, which would begin the log again) until the database file
    // is synced.
    let restart = format!(
        "PRAGMA cache_spill = OFF; PRAGMA synchronous = OFF; \
         PRAGMA busy_timeout = {RESTART_WAIT_MS}; PRAGMA wal_checkpoint(RESTART); \
         PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}; PRAGMA synchronous = NORMAL"
    );
    let result = sqlx::raw_sql(sqlx::AssertSqlSafe(restart))
        .fetch_all(&mut *w.conn)
        .await;
    // Whatever became of it, frames may have been copied without a sync.
    sync_database_later(w);
    match result {
        // The checkpoint's row (busy, frames in the log, frames copied): not busy when
        // the readers let it finish.
        Ok(rows) => {
            let restarted = rows
                .iter()
                .find(|r| r.len() == 3)
                .and_then(|r| r.try_get::<i64, _>(0).ok())
                == Some(0);
            if restarted {
                w.signals.restarts.fetch_add(1, Ordering::Relaxed);
            }
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            tracing::debug!(restarted, ms, "write-ahead log restart");
        }
        Err(e) => {
            tracing::warn!(error = %e, "restarting the write-ahead log");
            // Whatever stopped it, the writer's own sync and busy timeout are back.
            let _ = w
                .conn
                .execute(sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                    "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}"
                ))))
                .await;
        }
    }
    // The next group opens now and holds SQLite's write lock until the database file is
    // synced: no other connection (another process) can write to the log meanwhile.
    match sqlx::raw_sql("BEGIN IMMEDIATE; PRAGMA data_version")
        .fetch_all(&mut *w.conn)
        .await
    {
        Ok(rows) => {
            w.open = true;
            let version = rows.first().and_then(|r| r.try_get::<i64, _>(0).ok());
            note_data_version(w, version);
        }
        // The transaction that goes on opens it.
        Err(e) => tracing::warn!(error = %e, "opening a group after a log restart"),
    }
}

/// Syncs the database file on a blocking thread, and lets no group commit until then.
///
/// The restart copied the log's last frames into the database file without syncing it,
/// and the first frame written after it overwrites the log from its start: should the
/// power fail before the database file is on disk, frames written before the restart
/// would be gone from both. So until the sync ends no group commits: transactions go on
/// joining the open group (its COMMIT waits, see `Signals::database_unsynced`), and the
/// group is committed once it has. The writer is not held meanwhile, only the answers.
/// Should the sync fail, nothing more is committed (as when a log sync fails), and the
/// cache is not let spill again.
fn sync_database_later(w: &Writer) {
    w.signals.database_unsynced.store(true, Ordering::SeqCst);
    let sync = w.sync.clone();
    let signals = w.signals.clone();
    let me = w.me.clone();
    tokio::spawn(async move {
        let delay = signals.database_sync_delay_ms.load(Ordering::Relaxed);
        if delay > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
        }
        let started = std::time::Instant::now();
        let syncing = sync.clone();
        let synced = on_blocking_thread(move || syncing.sync_database()).await;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        tracing::debug!(
            ms,
            ok = synced.is_ok(),
            "database file synced after a restart"
        );
        match &synced {
            Ok(()) => signals.database_unsynced.store(false, Ordering::SeqCst),
            // The flag stays: no COMMIT is ever sent again by this writer.
            Err(e) => sync.fail(format!("the disk did not store the database file: {e}")),
        }
        // The group that waited is committed (or failed) now, whoever comes next.
        let Some(writer) = me.upgrade() else {
            return;
        };
        let mut w = writer.lock_owned().await;
        if synced.is_ok()
            && let Err(e) = w.conn.execute("PRAGMA cache_spill = ON").await
        {
            tracing::warn!(error = %e, "letting the writer's cache spill again");
        }
        hand_back(&mut w, None).await;
    });
}

/// Runs a sync on a blocking thread; its error (or the thread's panic) as text.
async fn on_blocking_thread<F>(sync: F) -> Result<(), String>
where
    F: FnOnce() -> std::io::Result<()> + Send + 'static,
{
    match tokio::task::spawn_blocking(sync).await {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    }
}
