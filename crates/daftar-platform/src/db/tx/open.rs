//! How a transaction takes the SQLite writer: it opens the group or a savepoint in it,
//! with its first statements, in one round trip; and the commit of the transaction
//! before it, if that one left it to carry (see [`Carry`]), goes first in the same trip.

use std::sync::atomic::Ordering;

use sqlx::{Executor, Row, any::AnyRow};
use tokio::sync::oneshot;

use super::{
    Writer,
    batch::{self, Failed, Stmt},
    ends::{Dirty, committed, fail_group, settle_dirty},
    next_epoch,
};
use crate::error::{Error, Result};

const SAVEPOINT: &str = "SAVEPOINT daftar_tx";

/// The end of a transaction that committed while another was waiting for the writer: its
/// held-back writes, its release (if it has a savepoint) and, if it ends the group, the
/// COMMIT. Rather than a round trip of its own, made while it holds the writer, they go
/// first in the next holder's opening round trip, so the writer passes on at once.
pub(super) struct Carry {
    pub stmts: Vec<Stmt>,
    /// How many of `stmts` are its own writes (the release and COMMIT follow).
    pub writes: usize,
    pub savepoint: bool,
    pub commits: bool,
    /// Its place among the group's members, answered once the group is durable.
    pub done: oneshot::Sender<std::result::Result<(), String>>,
    /// Why it was refused, should one of its writes or its release fail; dropped
    /// unused once they went through.
    pub refused: oneshot::Sender<Error>,
}

impl std::fmt::Debug for Carry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Carry")
            .field("stmts", &self.stmts.len())
            .field("commits", &self.commits)
            .finish_non_exhaustive()
    }
}

/// Opens this transaction on the writer (the group, or a savepoint in it) with `first`
/// as its first statements, after whatever `carry` brings; gives each of `first`'s rows.
/// `leaves` is kept to what dropping the transaction would leave to roll back.
pub(super) async fn open(
    w: &mut Writer,
    leaves: &mut Dirty,
    mut carry: Option<Carry>,
    mut first: Vec<Stmt>,
) -> Result<Vec<Vec<AnyRow>>> {
    grow_cache(w).await;
    loop {
        settle_dirty(w).await;
        // Between two groups, once a checkpoint has copied the log and found it long (or
        // a restart was asked for): the carried COMMIT goes on its own, then the writer
        // restarts the log. (Only here: this opening runs on a task of its own, which no
        // dropped request can cut short half-way.)
        if let Some(c) =
            carry.take_if(|c| c.commits && w.signals.restart_due.load(Ordering::Acquire))
        {
            send_alone(w, c).await;
            if !w.open {
                super::restart::restart_log(w).await;
            }
            continue;
        }
        // A carried COMMIT ends the group before this transaction's statements run.
        let opens = !w.open || carry.as_ref().is_some_and(|c| c.commits);
        let mut stmts = Vec::new();
        let ahead = carry.as_mut().map_or(0, |c| {
            stmts.append(&mut c.stmts);
            stmts.len()
        });
        let head = if opens {
            // The group opens (this transaction needs no savepoint: see `Inner::Sqlite`),
            // with whether another connection has committed since the last group
            // (SQLite's data_version).
            *leaves = Dirty::Group;
            stmts.push(Stmt::text("BEGIN IMMEDIATE"));
            stmts.push(Stmt::text("PRAGMA data_version"));
            2
        } else {
            *leaves = Dirty::Savepoint;
            stmts.push(Stmt::text(SAVEPOINT));
            1
        };
        // Should a carried write fail, none of these ran and they are sent again.
        if carry.is_some() {
            stmts.extend(first.iter().map(Stmt::duplicate));
        } else {
            stmts.append(&mut first);
        }
        let sent = batch::send_counted(&mut w.conn, stmts, true).await;
        let sent = match carry.take() {
            None => sent,
            Some(c) => match sent {
                Ok(mut answers) => {
                    settle_carry(w, c, None).await;
                    Ok(answers.split_off(ahead))
                }
                Err(f) if f.done >= ahead => {
                    settle_carry(w, c, None).await;
                    Err(Failed {
                        done: f.done - ahead,
                        error: f.error,
                    })
                }
                Err(f) => {
                    settle_carry(w, c, Some(f)).await;
                    continue;
                }
            },
        };
        return match sent {
            Ok(answers) => {
                let mut answers = answers.into_iter().skip(1);
                if opens {
                    w.open = true;
                    let version: Option<i64> = answers
                        .next()
                        .and_then(|a| a.rows.first().and_then(|r| r.try_get(0).ok()));
                    note_data_version(w, version);
                }
                Ok(answers.map(|a| a.rows).collect())
            }
            Err(f) if opens => {
                // The group holds nothing else: whatever of it began goes.
                let _ = w.conn.execute("ROLLBACK").await;
                w.epoch = next_epoch();
                Err(f.error)
            }
            // The savepoint itself was refused: the group is in no state to go on.
            Err(f) if f.done < head => {
                fail_group(w, &f.error.to_string()).await;
                Err(f.error)
            }
            // One of its first statements failed: dropping the transaction rolls back
            // to its savepoint.
            Err(f) => Err(f.error),
        };
    }
}

/// A group has opened and read SQLite's `data_version`: should another connection have
/// committed since the last group (or the version could not be read), what the process
/// remembers under the old epoch no longer holds.
pub(super) fn note_data_version(w: &mut Writer, version: Option<i64>) {
    if version.is_none() || version != w.data_version {
        w.epoch = next_epoch();
        w.data_version = version;
    }
}

/// Takes the large page cache once the database has reached its size (asked at connect
/// or by the checkpoint task, see `Db::connect`): one statement, once in the writer's
/// life. Asked again by the next transaction should it fail or be cut short (its request
/// dropped); running it twice does no harm.
async fn grow_cache(w: &mut Writer) {
    if w.signals.grow_cache.load(Ordering::Acquire) {
        let pragma = format!("PRAGMA cache_size = -{}", crate::db::LARGE_CACHE_KIB);
        match w
            .conn
            .execute(sqlx::raw_sql(sqlx::AssertSqlSafe(pragma)))
            .await
        {
            Ok(_) => w.signals.grow_cache.store(false, Ordering::Release),
            Err(e) => tracing::warn!(error = %e, "enlarging the writer's page cache"),
        }
    }
}

/// Sends a carried commit on its own (the writer is taken by a flush, not a transaction,
/// or the log is to be restarted first).
pub(super) async fn send_alone(w: &mut Writer, mut c: Carry) {
    let stmts = std::mem::take(&mut c.stmts);
    let failure = batch::send_counted(&mut w.conn, stmts, true).await.err();
    settle_carry(w, c, failure).await;
}

/// What became of a carried commit (`failure`: where its statements stopped), settled
/// as its own round trip would have been.
async fn settle_carry(w: &mut Writer, c: Carry, failure: Option<Failed>) {
    match failure {
        None => {
            w.members.push(c.done);
            if c.commits {
                committed(w);
            }
        }
        // One of its writes failed and nothing after it ran: it goes back to where it
        // began (its savepoint, or the group it opened, which holds nothing else).
        Some(f) if f.done < c.writes => {
            let _ = c.refused.send(f.error);
            w.dirty = if c.savepoint {
                Dirty::Savepoint
            } else {
                Dirty::Group
            };
            settle_dirty(w).await;
        }
        // Its release failed (without a savepoint: the COMMIT): the group fails.
        Some(f) if f.done == c.writes => {
            let message = f.error.to_string();
            let _ = c.refused.send(f.error);
            fail_group(w, &message).await;
        }
        // Released, and the group's COMMIT failed: every member is told.
        Some(f) => {
            w.members.push(c.done);
            fail_group(w, &f.error.to_string()).await;
        }
    }
}
