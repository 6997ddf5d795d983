//! What the writer, the transactions waiting for it and the checkpoint task tell each
//! other without taking the writer.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use super::Shared;

/// Shared by the writer, the transactions waiting for it and the checkpoint task.
#[derive(Debug, Default)]
pub(super) struct Signals {
    /// The tickets transactions draw, in order, as they start waiting for the writer.
    pub(super) arrivals: AtomicU64,
    /// How many transactions wait for the writer now, counted before they queue for it
    /// and until they hold it: while one holds the writer and the count is not zero,
    /// another will take it next (or, given up, leave a flush to), and may carry its
    /// commit.
    pub(super) waiting: AtomicUsize,
    /// The log is to be restarted at the next group boundary: a checkpoint has copied
    /// it and found it long (see `restart::restart_log`).
    pub(super) restart_due: AtomicBool,
    /// A log restart copied frames into the database file without syncing it, and that
    /// sync has not yet ended (or failed): no group may commit, since the first frame
    /// written overwrites the log from its start (see `restart::sync_database_later`).
    pub(super) database_unsynced: AtomicBool,
    /// How long that sync waits before it starts, in milliseconds (zero but in tests).
    pub(super) database_sync_delay_ms: AtomicU64,
    /// How many commits the next transaction's opening carried (see
    /// [`super::open::Carry`]).
    pub(super) carried: AtomicU64,
    /// How many times the writer restarted the log.
    pub(super) restarts: AtomicU64,
    /// The database has reached [`crate::db::LARGE_DATABASE_BYTES`]: the writer is to
    /// take its large page cache before its next transaction (see `open::grow_cache`).
    pub(super) grow_cache: AtomicBool,
    /// The writer keeps its large page cache, or has been asked to take it.
    pub(super) large_cache: AtomicBool,
}

impl Shared {
    /// How many times the writer restarted the log (see `restart::restart_log`).
    pub(in crate::db) fn restarts(&self) -> u64 {
        self.signals.restarts.load(Ordering::Relaxed)
    }

    /// How many commits the next transaction's opening carried (see
    /// [`super::open::Carry`]): for tests, which would otherwise pass along the ordinary
    /// path unseen.
    pub(in crate::db) fn carried(&self) -> u64 {
        self.signals.carried.load(Ordering::Relaxed)
    }

    /// Asks the writer to restart the log before the next group it opens (a checkpoint
    /// has copied it into the database and found it long).
    pub(in crate::db) fn ask_restart(&self) {
        self.signals.restart_due.store(true, Ordering::Release);
    }

    /// See [`crate::Db::delay_database_syncs`].
    pub(in crate::db) fn delay_database_syncs(&self, by: std::time::Duration) {
        let ms = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        self.signals
            .database_sync_delay_ms
            .store(ms, Ordering::Relaxed);
    }

    /// Whether the writer keeps its large page cache (or has been asked to take it).
    pub(in crate::db) fn large_cache(&self) -> bool {
        self.signals.large_cache.load(Ordering::Acquire)
    }

    /// Asks the writer to take its large page cache: the database has reached
    /// [`crate::db::LARGE_DATABASE_BYTES`].
    pub(in crate::db) fn ask_large_cache(&self) {
        self.signals.ask_large_cache();
    }
}

impl Signals {
    /// See [`Signals::database_unsynced`].
    pub(super) fn database_unsynced(&self) -> bool {
        self.database_unsynced.load(Ordering::SeqCst)
    }

    /// See [`Shared::ask_large_cache`]: asked once, taken by the writer before its next
    /// transaction.
    pub(super) fn ask_large_cache(&self) {
        if !self.large_cache.swap(true, Ordering::AcqRel) {
            self.grow_cache.store(true, Ordering::Release);
        }
    }
}
