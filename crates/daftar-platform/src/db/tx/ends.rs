//! How a group ends: committed, failed, or tidied up after a transaction that was rolled
//! back or dropped part-way (see the parent module for how groups form).

use sqlx::Executor;

use super::{COMMIT, ROLLBACK, Shared, Writer, next_epoch};

/// What a transaction dropped without committing leaves on the writer, for whoever takes
/// it next (or the drop's own task) to roll back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dirty {
    No,
    /// Its savepoint.
    Savepoint,
    /// The whole group, which it opened and which holds nothing else.
    Group,
    /// Its batch with the group's COMMIT was sent and it was dropped before the answer
    /// (`savepoint`: with its release): how far that batch went is to be found out.
    Ending {
        savepoint: bool,
    },
}

/// Why a group an abandoned transaction opened was rolled back.
const ABANDONED: &str = "the transaction was abandoned before its commit";

/// Commits the open group, whoever was to commit it: that one was dropped while waiting
/// (and with it, a commit left for it to carry).
pub(super) async fn flush(shared: Shared) {
    let mut w = shared.writer.lock_owned().await;
    hand_back(&mut w, None).await;
}

/// After a transaction (`ticket`) rolled back, or from a flush (`None`): its savepoint
/// goes, and the outer transaction does not stay open (holding SQLite's write lock)
/// with nothing to commit; members already released into it are committed if it was
/// this transaction's turn to commit the group (or a flush's).
pub(super) async fn hand_back(w: &mut Writer, ticket: Option<u64>) {
    settle_dirty(w).await;
    // A commit left for the transaction that was to take the writer next (a flush's).
    if let Some(c) = w.carry.take() {
        super::open::send_alone(w, c).await;
    }
    // After a log restart, the group stays open (holding SQLite's write lock) until the
    // database file is synced; then it is committed (see `restart`).
    if !w.open || (w.signals.database_unsynced() && w.sync.failed().is_none()) {
        return;
    }
    if w.members.is_empty() {
        if let Err(e) = w.conn.execute("ROLLBACK").await {
            tracing::warn!(error = %e, "ending an empty write group");
        }
        w.open = false;
        w.commit_at = None;
    } else if ticket.is_none_or(|t| w.commit_at.is_none_or(|c| t >= c)) {
        commit_group(w).await;
    }
}

pub(super) async fn commit_group(w: &mut Writer) {
    if let Some(e) = w.sync.failed() {
        fail_group(w, &e).await;
        return;
    }
    if w.signals.database_unsynced() {
        return;
    }
    match w.conn.execute(COMMIT).await {
        Ok(_) => committed(w),
        Err(e) => fail_group(w, &e.to_string()).await,
    }
}

/// The group's COMMIT went through: its members are answered once the log is durable,
/// and the writer goes on meanwhile.
pub(super) fn committed(w: &mut Writer) {
    w.open = false;
    w.commit_at = None;
    w.sync.after_commit(std::mem::take(&mut w.members));
}

/// Rolls back what a dropped transaction left: its savepoint, or the group it was. If
/// SQLite has already abandoned the whole outer transaction (an I/O error, a full disk),
/// the group fails.
pub(super) async fn settle_dirty(w: &mut Writer) {
    let dirty = std::mem::replace(&mut w.dirty, Dirty::No);
    if dirty != Dirty::No {
        // What was remembered of the rolled-back writes no longer holds.
        w.epoch = next_epoch();
    }
    match dirty {
        Dirty::No => {}
        Dirty::Group => fail_group(w, ABANDONED).await,
        Dirty::Ending { savepoint } => settle_ending(w, savepoint).await,
        Dirty::Savepoint => {
            if let Err(e) = w.conn.execute(ROLLBACK).await {
                // No savepoint: the transaction never opened one, or its release went
                // through before it was dropped (its work stays in the group,
                // unacknowledged); or SQLite rolled back the whole outer transaction (a
                // full disk, an I/O error), and a BEGIN is accepted: the group fails.
                if !e.to_string().contains("no such savepoint") {
                    fail_group(w, &e.to_string()).await;
                } else if w.open && w.conn.execute("BEGIN").await.is_ok() {
                    let _ = w.conn.execute("ROLLBACK").await;
                    fail_group(w, "the database rolled back the group").await;
                }
            }
        }
    }
}

/// A transaction was dropped after sending its release (if it had a savepoint) and the
/// group's COMMIT, before their answer: SQLite may have run none, some or all of them.
async fn settle_ending(w: &mut Writer, savepoint: bool) {
    // Its savepoint still there: nothing of the batch ran, and the group goes on
    // without it (the commit is then another's or a flush's, see `hand_back`).
    if savepoint && w.conn.execute(ROLLBACK).await.is_ok() {
        return;
    }
    // Whether the group's transaction is still open: SQLite refuses a BEGIN inside one.
    if w.conn.execute("BEGIN").await.is_ok() {
        // The COMMIT went through: the group is committed, and its members are answered
        // once the log is durable (this transaction's work with it, unacknowledged).
        let _ = w.conn.execute("ROLLBACK").await;
        committed(w);
    } else if !savepoint {
        // Still open and holding only this transaction, the group's opener.
        fail_group(w, ABANDONED).await;
    }
    // Still open, with this transaction released into it: its work stays in the group,
    // committed with it.
}

/// Ends the open group without committing it (whatever SQLite kept of it goes),
/// answering every member with the error: none was acknowledged.
pub(super) async fn fail_group(w: &mut Writer, message: &str) {
    w.epoch = next_epoch();
    if w.open {
        let _ = w.conn.execute("ROLLBACK").await;
        w.open = false;
    }
    w.commit_at = None;
    for m in w.members.drain(..) {
        let _ = m.send(Err(message.to_owned()));
    }
}
