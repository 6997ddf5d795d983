//! Write transactions, and group commit on SQLite.
//!
//! SQLite runs one writer at a time, and every commit must reach the disk before it is
//! answered. So on SQLite every write transaction runs on one writer connection inside a
//! shared outer transaction (a group), each as a SAVEPOINT but the one that opens the
//! group: while that one holds the writer the group holds nothing else, so rolling it
//! back is rolling back the group. When a transaction commits, its savepoint is released
//! and it waits while the transactions already queued for the writer join the same
//! group; the last of them sends the group's COMMIT with its own release (one round
//! trip), and once the log is synced (`super::sync`, off the writer's path) every member
//! is answered. A transaction is acknowledged only after that sync: acknowledged means
//! durable. One that fails or is dropped rolls back to its own savepoint and leaves the
//! others intact; if the group's COMMIT or sync fails, every member gets the error, and
//! none was acknowledged. PostgreSQL groups commits itself; there a transaction is an
//! ordinary one.

use std::sync::{
    Arc, Weak,
    atomic::{AtomicU64, Ordering},
};

use sqlx::{
    Any, AnyConnection, Execute, Executor, FromRow, Row, any::AnyRow, pool::PoolConnection,
};
use tokio::sync::{Mutex, OwnedMutexGuard, oneshot};

use super::{
    batch::{self, Stmt},
    sync::Syncer,
};
use crate::error::{Error, Result};

mod ends;
mod open;
mod restart;
mod signals;

use ends::{Dirty, commit_group, committed, fail_group, flush, hand_back};
use open::Carry;
use signals::Signals;

/// The one SQLite writer connection and the group being written.
#[derive(Debug)]
pub(super) struct Writer {
    conn: PoolConnection<Any>,
    /// An outer transaction is open (members released into it, not yet committed).
    open: bool,
    /// Transactions released into the open group, each waiting for its COMMIT.
    members: Vec<oneshot::Sender<std::result::Result<(), String>>>,
    /// The open group is committed by the first transaction whose ticket is at least
    /// this one: set when its first member is released, to the last ticket drawn then,
    /// so the transactions already waiting join it and none that come later.
    commit_at: Option<u64>,
    /// What transactions and the checkpoint task tell it without taking it.
    signals: Arc<Signals>,
    /// The commit the last holder left for the next to send (see [`Carry`]).
    carry: Option<Carry>,
    /// What a dropped transaction left to roll back.
    dirty: Dirty,
    /// See [`Tx::writer_epoch`].
    epoch: u64,
    /// SQLite's `data_version` as last read: it changes when another connection commits.
    data_version: Option<i64>,
    /// Makes committed groups durable and answers their members.
    sync: Arc<Syncer>,
    /// Itself, for the work it leaves to finish later (see `restart`).
    me: Weak<Mutex<Writer>>,
}

/// Epochs are drawn from one counter, so no two writers (two databases in one process,
/// as in tests) ever share one.
static EPOCHS: AtomicU64 = AtomicU64::new(1);

fn next_epoch() -> u64 {
    EPOCHS.fetch_add(1, Ordering::Relaxed)
}

/// The writer, and what is known of it without taking it.
#[derive(Clone, Debug)]
pub(super) struct Shared {
    writer: Arc<Mutex<Writer>>,
    signals: Arc<Signals>,
}

pub(super) async fn writer(mut conn: PoolConnection<Any>) -> Result<Shared> {
    // In WAL mode the log is synced off the writer's path (see `sync`); otherwise (an
    // in-memory database, a file system without WAL) SQLite's own FULL sync stays.
    let mode: (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await?;
    let file: Option<String> = sqlx::query("PRAGMA database_list")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .find(|r| r.try_get::<String, _>(1).is_ok_and(|n| n == "main"))
        .and_then(|r| r.try_get(2).ok());
    let file = file.filter(|f| !f.is_empty() && mode.0.eq_ignore_ascii_case("wal"));
    if file.is_some() {
        conn.execute("PRAGMA synchronous = NORMAL").await?;
    }
    // A savepoint's journal (each page first changed under it, copied before the change)
    // is kept in memory. Otherwise SQLite spills it to a temporary file past 64 KiB, and
    // a take changes about 37 pages: an open, the page writes, an unlink and a close for
    // every transaction that joins a group. Temporary tables and sorts of this connection
    // are then kept in memory too. The cost to watch: a statement that ends inside a
    // savepoint cuts the journal back by walking it from the start, so in one very large
    // member (thousands of rows) each statement costs more than the last. When every
    // transaction was a savepoint, that stalled a registry first load (BENCHMARKS.md).
    // Now the group's opener has no savepoint, and large writes (imports) run alone in
    // the CLI's own process, each the opener of its group.
    conn.execute("PRAGMA temp_store = MEMORY").await?;
    let signals = Arc::new(Signals::default());
    // A database already past the size where the small cache pays (see `Db::connect`)
    // gets the large one before its first transaction (start-up warming is one), so
    // that what warming reads stays cached.
    if super::database_bytes(&mut *conn).await? >= super::LARGE_DATABASE_BYTES {
        signals.ask_large_cache();
    }
    Ok(Shared {
        writer: Arc::new_cyclic(|me| {
            Mutex::new(Writer {
                conn,
                open: false,
                members: Vec::new(),
                commit_at: None,
                signals: signals.clone(),
                carry: None,
                dirty: Dirty::No,
                epoch: next_epoch(),
                data_version: None,
                sync: Syncer::new(file.as_deref().unwrap_or("")),
                me: me.clone(),
            })
        }),
        signals,
    })
}

/// A transaction waiting for the writer. Should it be dropped before it gets there (its
/// request was abandoned), the group it was to commit (and a commit left for it to carry)
/// is committed by a flush.
struct Waiting(Option<Shared>);

impl Waiting {
    fn new(shared: &Shared) -> Waiting {
        shared.signals.waiting.fetch_add(1, Ordering::SeqCst);
        Waiting(Some(shared.clone()))
    }

    /// It holds the writer.
    fn arrived(mut self) {
        if let Some(shared) = self.0.take() {
            shared.signals.waiting.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        if let Some(shared) = self.0.take() {
            shared.signals.waiting.fetch_sub(1, Ordering::SeqCst);
            if let Ok(rt) = tokio::runtime::Handle::try_current() {
                rt.spawn(flush(shared));
            }
        }
    }
}

/// A write transaction. Dereferences to the connection, so store functions take
/// `&mut tx`; end it with [`Tx::commit`] (dropping it rolls it back).
///
/// Writes whose answer nobody needs can be held back with [`Tx::defer`]: they go with
/// the next statement run through [`Tx::run`] or [`Tx::fetch`], or with the commit, in
/// one round trip on SQLite. While writes are held back the connection must not be used
/// directly (a read through it would not see them): debug builds panic if it is.
pub struct Tx {
    inner: Inner,
    pending: Vec<Stmt>,
}

/// Each holds its transaction until it is committed or rolled back (then `None`).
enum Inner {
    Postgres(Option<sqlx::Transaction<'static, Any>>),
    Sqlite {
        writer: Option<OwnedMutexGuard<Writer>>,
        /// Drawn as it started waiting for the writer (see [`Writer::commit_at`]).
        ticket: u64,
        /// What dropping it leaves to roll back: its savepoint, or the group it opened
        /// (an opener needs no savepoint: while it holds the writer the group holds
        /// nothing else, so rolling it back is rolling back the group; and without one
        /// SQLite journals no pages, see `writer`). While its batch with the group's
        /// COMMIT awaits its answer, `Ending`: whoever takes the writer next finds out
        /// how far it went.
        leaves: Dirty,
    },
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tx")
    }
}

const RELEASE: &str = "RELEASE daftar_tx";
const ROLLBACK: &str = "ROLLBACK TO daftar_tx; RELEASE daftar_tx";
const COMMIT: &str = "COMMIT";

impl Tx {
    pub(super) fn postgres(t: sqlx::Transaction<'static, Any>) -> Tx {
        Tx {
            inner: Inner::Postgres(Some(t)),
            pending: Vec::new(),
        }
    }

    /// Takes the SQLite writer and opens a savepoint in the current group (or the group).
    /// With `first`, runs those as the transaction's first statements (with the savepoint,
    /// in one round trip) and gives each one's rows.
    pub(super) async fn sqlite(
        shared: &Shared,
        first: Vec<Stmt>,
    ) -> Result<(Tx, Vec<Vec<AnyRow>>)> {
        let ticket = shared.signals.arrivals.fetch_add(1, Ordering::SeqCst) + 1;
        let waiting = Waiting::new(shared);
        let mut w = shared.writer.clone().lock_owned().await;
        waiting.arrived();
        if let Some(carry) = w.carry.take() {
            // The commit this transaction carries is another's: its round trip runs to
            // the end even if this request is dropped meanwhile, so that one is answered.
            // The transaction is made there: should nobody take it (the request dropped
            // before or after it was sent), dropping it rolls back what it began.
            let (back, opened) = oneshot::channel();
            tokio::spawn(async move {
                let mut leaves = Dirty::Savepoint;
                let rows = open::open(&mut w, &mut leaves, Some(carry), first).await;
                let tx = Tx {
                    inner: Inner::Sqlite {
                        writer: Some(w),
                        ticket,
                        leaves,
                    },
                    pending: Vec::new(),
                };
                let _ = back.send(rows.map(|rows| (tx, rows)));
            });
            return opened
                .await
                .map_err(|_| Error::Internal("the database writer stopped".to_owned()))?;
        }
        // Held by the transaction from here on, so that if this future is dropped
        // half-way, dropping the transaction tidies up.
        let mut tx = Tx {
            inner: Inner::Sqlite {
                writer: Some(w),
                ticket,
                leaves: Dirty::Savepoint,
            },
            pending: Vec::new(),
        };
        let Inner::Sqlite {
            writer: Some(w),
            leaves,
            ..
        } = &mut tx.inner
        else {
            return Err(ended());
        };
        let rows = open::open(w, leaves, None, first).await?;
        Ok((tx, rows))
    }

    /// On SQLite, a number that stays the same for as long as only this writer has
    /// changed the database and nothing it wrote has been rolled back: what the process
    /// remembers of the database under one epoch (the tip of the audit chain) still holds
    /// under the same epoch. `None` on PostgreSQL, where other writers run alongside.
    pub fn writer_epoch(&self) -> Option<u64> {
        match &self.inner {
            Inner::Sqlite {
                writer: Some(w), ..
            } => Some(w.epoch),
            _ => None,
        }
    }

    /// Holds back a write whose answer (rows, count) is not needed: it is sent with the
    /// next [`Tx::run`] or [`Tx::fetch`], or with the commit. An error it raises is
    /// that call's error, and the transaction is then to be dropped.
    pub fn defer<'q, E: Execute<'q, Any>>(&mut self, q: E) -> Result<()> {
        self.pending.push(Stmt::of(q)?);
        Ok(())
    }

    /// Runs the writes held back and then `q`; returns the rows `q` changed.
    pub async fn run<'q, E: Execute<'q, Any>>(&mut self, q: E) -> Result<u64> {
        Ok(self.send(vec![Stmt::of(q)?]).await?.rows_affected)
    }

    /// Runs the writes held back and then `q`; returns the rows `q` gave.
    pub async fn fetch<'q, E: Execute<'q, Any>>(&mut self, q: E) -> Result<Vec<AnyRow>> {
        Ok(self.send(vec![Stmt::of(q)?]).await?.rows)
    }

    /// Runs the writes held back and then each of `queries`, in one round trip on
    /// SQLite; returns each one's rows.
    pub async fn fetch_each<'q, E: Execute<'q, Any>>(
        &mut self,
        queries: Vec<E>,
    ) -> Result<Vec<Vec<AnyRow>>> {
        let n = queries.len();
        if n == 0 {
            return Ok(Vec::new());
        }
        let stmts = queries.into_iter().map(Stmt::of).collect::<Result<_>>()?;
        let answers = self.send_all(stmts).await?;
        let skip = answers.len().saturating_sub(n);
        Ok(answers.into_iter().skip(skip).map(|a| a.rows).collect())
    }

    /// [`Tx::fetch`], each row read as an `O`.
    pub async fn fetch_as<'q, O, E>(&mut self, q: E) -> Result<Vec<O>>
    where
        O: for<'r> FromRow<'r, AnyRow>,
        E: Execute<'q, Any>,
    {
        let rows = self.fetch(q).await?;
        Ok(rows.iter().map(O::from_row).collect::<sqlx::Result<_>>()?)
    }

    /// Sends the writes held back, if any.
    pub async fn flush(&mut self) -> Result<()> {
        if let Some(last) = self.pending.pop() {
            self.send(vec![last]).await?;
        }
        Ok(())
    }

    /// The writes held back and then `last`: the answer of the last statement.
    async fn send(&mut self, last: Vec<Stmt>) -> Result<batch::Answer> {
        Ok(self.send_all(last).await?.pop().unwrap_or_default())
    }

    /// The writes held back and then `more`: every statement's answer.
    async fn send_all(&mut self, more: Vec<Stmt>) -> Result<Vec<batch::Answer>> {
        let mut stmts = std::mem::take(&mut self.pending);
        stmts.extend(more);
        let joined = matches!(self.inner, Inner::Sqlite { .. });
        batch::send(self.conn()?, stmts, joined).await
    }

    /// The connection, whatever is held back.
    fn conn(&mut self) -> Result<&mut AnyConnection> {
        match &mut self.inner {
            Inner::Postgres(Some(t)) => Ok(t),
            Inner::Sqlite {
                writer: Some(w), ..
            } => Ok(&mut w.conn),
            _ => Err(ended()),
        }
    }

    /// Commits; returns once the change is durable.
    pub async fn commit(mut self) -> Result<()> {
        let (w, ticket, leaves) = match &mut self.inner {
            Inner::Postgres(_) => {
                self.flush().await?;
                let Inner::Postgres(t) = &mut self.inner else {
                    return Err(ended());
                };
                return match t.take() {
                    Some(t) => t.commit().await.map_err(Error::Db),
                    None => Err(ended()),
                };
            }
            Inner::Sqlite {
                writer: Some(w),
                ticket,
                leaves,
            } => (w, *ticket, leaves),
            Inner::Sqlite { writer: None, .. } => return Err(ended()),
        };
        // Whether this transaction ends the group: it is the last of those that were
        // waiting when the group's first member was released (or the first itself).
        let arrivals = w.signals.arrivals.load(Ordering::SeqCst);
        let commit_at = *w.commit_at.get_or_insert(arrivals);
        // (Not while the database file is unsynced after a log restart: the group is
        // committed once it is, see `restart`.)
        let commits =
            ticket >= commit_at && w.sync.failed().is_none() && !w.signals.database_unsynced();
        // The writes held back, the release and, if it ends the group, the COMMIT: one
        // round trip. (Without a savepoint, its writes are the group's from the start.)
        let mut stmts = std::mem::take(&mut self.pending);
        let release = stmts.len();
        let before = *leaves;
        let savepoint = before == Dirty::Savepoint;
        if savepoint {
            stmts.push(Stmt::text(RELEASE));
        }
        if commits {
            stmts.push(Stmt::text(COMMIT));
        }
        let (done, acknowledged) = oneshot::channel();
        // Another transaction waits for the writer: it takes these statements with its
        // own first ones, and the writer passes to it now (see `Carry`).
        // (Not once a sync has failed: then the group is failed at once, below.)
        if !stmts.is_empty()
            && w.signals.waiting.load(Ordering::SeqCst) > 0
            && w.sync.failed().is_none()
        {
            w.signals.carried.fetch_add(1, Ordering::Relaxed);
            let (refused, refusal) = oneshot::channel();
            w.carry = Some(Carry {
                stmts,
                writes: release,
                savepoint,
                commits,
                done,
                refused,
            });
            if let Inner::Sqlite { writer, .. } = &mut self.inner {
                writer.take();
            }
            if let Ok(e) = refusal.await {
                return Err(e);
            }
            return acknowledge(acknowledged).await;
        }
        if commits {
            *leaves = Dirty::Ending { savepoint };
        }
        let sent = batch::send_counted(&mut w.conn, stmts, true).await;
        // The batch's outcome is known from here on.
        *leaves = before;
        match sent {
            Ok(_) if commits => {
                w.members.push(done);
                committed(w);
            }
            Ok(_) => {
                w.members.push(done);
                if w.sync.failed().is_some() {
                    commit_group(w).await;
                }
            }
            // A held-back write failed: the savepoint is still there (or the group holds
            // only this transaction), and dropping the transaction rolls it back.
            Err(f) if f.done < release => return Err(f.error),
            // The release failed (without a savepoint: the COMMIT): the group fails.
            Err(f) if f.done == release => {
                fail_group(w, &f.error.to_string()).await;
                return Err(f.error);
            }
            // The release went through and the group's COMMIT failed.
            Err(f) => {
                w.members.push(done);
                fail_group(w, &f.error.to_string()).await;
            }
        }
        // The writer goes to the next transaction; this one waits for its group.
        if let Inner::Sqlite { writer, .. } = &mut self.inner {
            writer.take();
        }
        acknowledge(acknowledged).await
    }

    /// Rolls back now (dropping the transaction does the same).
    pub async fn rollback(mut self) -> Result<()> {
        match &mut self.inner {
            Inner::Postgres(t) => match t.take() {
                Some(t) => t.rollback().await.map_err(Error::Db),
                None => Err(ended()),
            },
            Inner::Sqlite {
                writer,
                ticket,
                leaves,
            } => {
                if let Some(mut w) = writer.take() {
                    w.dirty = *leaves;
                    hand_back(&mut w, Some(*ticket)).await;
                }
                Ok(())
            }
        }
    }
}

impl Drop for Tx {
    fn drop(&mut self) {
        // PostgreSQL: sqlx's transaction rolls itself back when dropped.
        if let Inner::Sqlite {
            writer,
            ticket,
            leaves,
        } = &mut self.inner
            && let Some(mut w) = writer.take()
        {
            let ticket = *ticket;
            // The savepoint is rolled back by whoever takes the writer next, or here
            // and now when a runtime is at hand; members already released still get
            // their commit.
            w.dirty = *leaves;
            if let Ok(rt) = tokio::runtime::Handle::try_current() {
                rt.spawn(async move { hand_back(&mut w, Some(ticket)).await });
            }
        }
    }
}

impl std::ops::Deref for Tx {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        held_back(&self.pending);
        match &self.inner {
            Inner::Postgres(Some(t)) => t,
            Inner::Sqlite {
                writer: Some(w), ..
            } => &w.conn,
            _ => unreachable_writer(),
        }
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        held_back(&self.pending);
        match &mut self.inner {
            Inner::Postgres(Some(t)) => t,
            Inner::Sqlite {
                writer: Some(w), ..
            } => &mut w.conn,
            _ => unreachable_writer(),
        }
    }
}

/// The connection is handed out while writes are held back: a statement sent through it
/// would run before them, and a read would not see them. A programming error: tests
/// (debug builds) stop on it; a release build logs it and goes on (the writes still go
/// with the next statement or the commit).
fn held_back(pending: &[Stmt]) {
    if !pending.is_empty() {
        let message = "the connection of a transaction with writes held back was used directly: \
             run the statement with Tx::run or Tx::fetch, or Tx::flush first";
        if cfg!(debug_assertions) {
            panic!("{message}");
        }
        tracing::error!("{message}");
    }
}

/// A committed transaction's answer: once its group is durable, or why it is not.
async fn acknowledge(
    acknowledged: oneshot::Receiver<std::result::Result<(), String>>,
) -> Result<()> {
    match acknowledged.await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(message)) => Err(Error::Internal(format!(
            "the database did not commit: {message}"
        ))),
        Err(_) => Err(Error::Internal(
            "the database did not commit: the writer stopped".to_owned(),
        )),
    }
}

fn ended() -> Error {
    Error::Internal("the transaction has already ended".to_owned())
}

/// A transaction hands its writer back only when it is consumed (commit, rollback) or
/// dropped, after which it cannot be dereferenced.
fn unreachable_writer() -> ! {
    panic!("a write transaction was used after it ended")
}
