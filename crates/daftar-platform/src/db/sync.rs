//! Making SQLite's commits durable off the writer's path.
//!
//! With `synchronous=FULL`, SQLite's COMMIT writes the group's pages to the write-ahead
//! log and then waits for the disk (`fdatasync`) while it still holds the one writer, so
//! no other transaction can run during the wait. Measured under load, that COMMIT took
//! 1.5 ms (p50) of the writer's time, more than the transactions themselves.
//!
//! So the writer connection commits with `synchronous=NORMAL` (the pages are written to
//! the log, which SQLite keeps consistent: frames are checksummed and a checkpoint syncs
//! the log first), and the log is made durable here, by a blocking thread, while the
//! writer goes on with the next group. A group's members are answered only after an
//! `fdatasync` of the log that began after their COMMIT: acknowledged still means
//! durable. One sync covers every group committed before it began, so groups committed
//! during a sync share the next one.
//!
//! Another connection may read a committed group before its sync ends (for about a
//! millisecond); a loss of power in that moment loses the group, and nobody was told it
//! was stored. If a sync fails, the disk may have dropped what it was given: from then on
//! every commit is refused until the server restarts and SQLite recovers the log.

use std::{
    collections::BTreeMap,
    fs::File,
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

use tokio::sync::oneshot;

/// A log sync at least this long is logged (at debug level, `daftar_platform::db`), to
/// line a latency trace up with the disk's stalls (`scripts/khidmat-timeline.py`).
const SLOW_SYNC_MS: f64 = 4.0;

/// Transactions waiting for their commit to be durable.
pub(super) type Members = Vec<oneshot::Sender<std::result::Result<(), String>>>;

/// The write-ahead log's syncer. `None` path: an in-memory database, nothing to sync.
#[derive(Debug)]
pub(super) struct Syncer {
    wal: Option<PathBuf>,
    /// The database file, synced after a log restart (see `tx::restart`).
    database: Option<PathBuf>,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Committed, waiting for the next sync to begin.
    waiting: Members,
    /// A sync is running (it will take `waiting` when it ends).
    running: bool,
    /// A sync failed: nothing more is acknowledged.
    failed: Option<String>,
    /// The log's directory has been synced once (the log file's own entry).
    dir_synced: bool,
}

impl Syncer {
    /// `db_file`: the main database file (`PRAGMA database_list`), empty when in memory.
    pub(super) fn new(db_file: &str) -> Arc<Syncer> {
        Arc::new(Syncer {
            wal: (!db_file.is_empty()).then(|| PathBuf::from(format!("{db_file}-wal"))),
            database: (!db_file.is_empty()).then(|| PathBuf::from(db_file)),
            state: Mutex::new(State::default()),
        })
    }

    /// Whether a sync has failed, with its error: no commit may be acknowledged.
    pub(super) fn failed(&self) -> Option<String> {
        self.lock().failed.clone()
    }

    /// From now on nothing is acknowledged: the disk did not store what it was given.
    pub(super) fn fail(&self, message: String) {
        tracing::error!("{message}; every commit is refused until a restart");
        let mut s = self.lock();
        if s.failed.is_none() {
            s.failed = Some(message);
        }
    }

    /// Whether there is a log file on disk (not a database in memory).
    pub(super) fn on_disk(&self) -> bool {
        self.wal.is_some()
    }

    /// Syncs the write-ahead log now, on the calling (blocking) thread.
    pub(super) fn sync_log(&self) -> std::io::Result<()> {
        self.sync(false)
    }

    /// Syncs the database file now, on the calling (blocking) thread.
    pub(super) fn sync_database(&self) -> std::io::Result<()> {
        match &self.database {
            Some(path) => kept_open(path)?.sync_data(),
            None => Ok(()),
        }
    }

    /// Answers `members`, whose group has just committed, once the log is durable.
    pub(super) fn after_commit(self: &Arc<Self>, members: Members) {
        if self.wal.is_none() {
            answer(members, &Ok(()));
            return;
        }
        let mut s = self.lock();
        if let Some(e) = &s.failed {
            let e = Err(e.clone());
            drop(s);
            answer(members, &e);
            return;
        }
        s.waiting.extend(members);
        if s.running {
            return;
        }
        s.running = true;
        drop(s);
        let me = self.clone();
        tokio::task::spawn_blocking(move || me.run());
    }

    /// Syncs until nobody waits.
    fn run(&self) {
        loop {
            let (members, dir) = {
                let mut s = self.lock();
                if s.waiting.is_empty() {
                    s.running = false;
                    return;
                }
                (std::mem::take(&mut s.waiting), !s.dir_synced)
            };
            let started = std::time::Instant::now();
            let result = self.sync(dir);
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            if ms >= SLOW_SYNC_MS {
                tracing::debug!(ms, waiting = members.len(), "slow write-ahead log sync");
            }
            let result =
                result.map_err(|e| format!("the disk did not store the write-ahead log: {e}"));
            match &result {
                Ok(()) => self.lock().dir_synced = true,
                Err(e) => self.fail(e.clone()),
            }
            answer(members, &result);
        }
    }

    fn sync(&self, dir: bool) -> std::io::Result<()> {
        let Some(wal) = &self.wal else {
            return Ok(());
        };
        std::fs::File::open(wal)?.sync_data()?;
        if dir && let Some(parent) = wal.parent() {
            let parent = if parent.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                parent
            };
            std::fs::File::open(parent)?.sync_all()?;
        }
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // The state stays consistent between statements, so a panic elsewhere while it
        // was held leaves nothing half-done.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Database files opened here to be synced, by device and inode, each kept open for the
/// life of the process: closing any descriptor of a file releases every POSIX lock the
/// process holds on it, those of SQLite's connections included. (The log needs no such
/// care: SQLite locks the database file and the shared-memory file, not the log.)
static KEPT_OPEN: Mutex<BTreeMap<(u64, u64), Arc<File>>> = Mutex::new(BTreeMap::new());

#[cfg(unix)]
fn kept_open(path: &Path) -> std::io::Result<Arc<File>> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path)?;
    let key = (meta.dev(), meta.ino());
    let mut kept = KEPT_OPEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(file) = kept.get(&key) {
        return Ok(file.clone());
    }
    let file = Arc::new(File::open(path)?);
    kept.insert(key, file.clone());
    Ok(file)
}

/// Elsewhere locks are not dropped with a descriptor: opened for each sync.
#[cfg(not(unix))]
fn kept_open(path: &Path) -> std::io::Result<Arc<File>> {
    let _ = &KEPT_OPEN;
    Ok(Arc::new(File::options().read(true).write(true).open(path)?))
}

fn answer(members: Members, result: &std::result::Result<(), String>) {
    for m in members {
        let _ = m.send(result.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("daftar-sync-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        dir
    }

    async fn commit(syncer: &Arc<Syncer>) -> std::result::Result<(), String> {
        let (done, answer) = oneshot::channel();
        syncer.after_commit(vec![done]);
        answer.await.unwrap_or_else(|_| Err("no answer".to_owned()))
    }

    #[tokio::test]
    async fn members_are_answered_once_the_log_is_synced() {
        let dir = scratch("synced");
        let db = dir.join("d.db");
        std::fs::write(dir.join("d.db-wal"), b"frames").expect("a log file");
        let syncer = Syncer::new(&db.to_string_lossy());
        for _ in 0..3 {
            assert_eq!(commit(&syncer).await, Ok(()));
        }
        assert!(syncer.failed().is_none());
        // Nothing to sync for a database in memory.
        assert_eq!(commit(&Syncer::new("")).await, Ok(()));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn after_a_failed_sync_nothing_more_is_acknowledged() {
        let dir = scratch("failed");
        // No log file where it should be: the sync fails.
        let syncer = Syncer::new(&dir.join("gone.db").to_string_lossy());
        let first = commit(&syncer).await;
        assert!(
            first
                .as_ref()
                .is_err_and(|e| e.contains("did not store the write-ahead log")),
            "{first:?}"
        );
        std::fs::write(dir.join("gone.db-wal"), b"frames").expect("a log file");
        // Even once the file is there, the disk is no longer trusted.
        assert_eq!(commit(&syncer).await, first);
        assert!(syncer.failed().is_some());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_database_file_is_synced_through_one_descriptor_kept_open() {
        let dir = scratch("database");
        let db = dir.join("d.db");
        std::fs::write(&db, b"pages").expect("a database file");
        let syncer = Syncer::new(&db.to_string_lossy());
        let kept = || KEPT_OPEN.lock().map(|k| k.len()).unwrap_or(0);
        syncer.sync_database().expect("first sync");
        let after_first = kept();
        syncer.sync_database().expect("second sync");
        // Opened once, never closed (closing would drop SQLite's locks on the file).
        assert_eq!(kept(), after_first);
        assert!(after_first >= 1);
        // No database file where it should be: the sync fails, nothing is kept for it.
        let gone = Syncer::new(&dir.join("gone.db").to_string_lossy());
        assert!(gone.sync_database().is_err());
        assert!(Syncer::new("").sync_database().is_ok());
        let _ = std::fs::remove_dir_all(dir);
    }
}
