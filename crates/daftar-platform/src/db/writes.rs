//! A thread of its own for the busiest write transactions on SQLite.
//!
//! SQLite has one writer, and every write transaction holds it from its first statement to
//! its commit (see [`super::Tx`]); each answer from the writer wakes the holder's task. On
//! the request runtime that task waits behind whatever requests are being served before it
//! can go on and let the writer pass, so the writer's serial section grows with the load.
//! [`Db::write`] runs a transaction on a runtime of one worker thread kept for write
//! transactions (and what they start: the log's sync, a carried commit's opening), so a
//! holder goes on as soon as its answer comes.

use std::future::Future;
use std::sync::OnceLock;

use tracing::Instrument;

use super::{Backend, Db};
use crate::error::{Error, Result};

/// The write thread's runtime, started on first use and kept for the life of the process.
/// `None` if it could not be started (the work then runs where it is called).
static RUNTIME: OnceLock<Option<tokio::runtime::Runtime>> = OnceLock::new();

fn runtime() -> Option<&'static tokio::runtime::Runtime> {
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("daftar-writes")
                .enable_all()
                .build()
                .inspect_err(|e| tracing::warn!("no write thread, writes run in place: {e}"))
                .ok()
        })
        .as_ref()
}

impl Db {
    /// Runs `work`, a write transaction from its begin to its commit, on the write thread
    /// when this database is SQLite (on PostgreSQL, in place) and gives its result. If
    /// the caller stops waiting (a request given up at its timeout, a client gone), the
    /// work is dropped where it stands, as it would be in place, and its transaction
    /// rolls back: nothing is written for a request that was not answered with success.
    /// A panic in it is the caller's.
    pub async fn write<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: Future<Output = Result<T>> + Send + 'static,
    {
        let rt = match self.backend {
            Backend::Sqlite => runtime(),
            Backend::Postgres => None,
        };
        let Some(rt) = rt else {
            return work.await;
        };
        let mut task = AbortOnDrop(rt.spawn(work.in_current_span()));
        match (&mut task.0).await {
            Ok(result) => result,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(e) => Err(Error::Internal(format!("write task: {e}"))),
        }
    }
}

/// Aborts the task when its caller stops waiting for it (no effect once it has ended).
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}
