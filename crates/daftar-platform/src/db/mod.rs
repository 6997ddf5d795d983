//! The database: one code path over SQLite and PostgreSQL.
//!
//! Both engines are reached through sqlx's `Any` driver. That works because every column
//! we use is TEXT or BIGINT: ids are UUIDv7 text, instants are RFC 3339 UTC text, dates
//! are `YYYY-MM-DD` text, flags and money are integers. SQL is written once with `$1`
//! placeholders; DDL is kept per engine only where it must differ.

use std::time::Duration;

use sqlx::{
    AnyPool, Executor, Row,
    any::{AnyConnectOptions, AnyPoolOptions},
};

use crate::error::{Error, Result};

mod batch;
mod sync;
mod tx;
mod writes;

pub use tx::Tx;

/// Which engine a [`Db`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The engine a database URL names (`sqlite:`, `postgres:` or `postgresql:`), if any.
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// A pool of connections to the one database of this deployment.
///
/// On SQLite, write transactions go through one dedicated connection: SQLite runs one
/// writer at a time anyway, and a connection keeps its page cache only while no other
/// connection writes. With writes spread over a pool, every transaction would start by
/// discarding its cache and reading the pages it needs again.
///
/// On SQLite, commits are grouped: see [`Tx`].
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    /// SQLite: the writer connection (it keeps its own pool of one alive) and its commit
    /// group. PostgreSQL writes through the pool.
    sqlite_writer: Option<tx::Shared>,
    backend: Backend,
}

/// One schema change of one module. `sqlite` and `postgres` hold the DDL for each engine
/// (often the same text).
#[derive(Debug)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

impl Db {
    /// Connects to `sqlite://...` or `postgres://...`. SQLite runs in WAL mode with foreign
    /// keys on and a busy timeout; a commit is answered once it is on disk (acknowledged
    /// means durable): the writer commits and a thread syncs the log (see `sync`), and
    /// a task folds the log back into the database every [`CHECKPOINT_EVERY`].
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url).ok_or_else(|| {
            Error::Internal("the database URL must start with sqlite:// or postgres://".to_owned())
        })?;
        let options: AnyConnectOptions = url.parse().map_err(Error::Db)?;
        // Readers keep 16 MiB of pages each (their caches go stale whenever the writer
        // commits). The one writer's cache stays valid across its own transactions; it
        // keeps 4 MiB while the database is under 1 GiB and up to 1 GiB from then on,
        // so a large registry's hot index pages are read from disk once. Not 1 GiB from
        // the start: under 1 GiB, SQLite's b-tree balance parks a page at the number of
        // the pending-byte page (262,145 with 4 KiB pages) for a moment, and the COMMIT
        // after it then walks the writer's whole page cache to drop it. That walk grows
        // with the pages cached: with 1 GiB allowed, e-Khidmat's applications a second
        // (16 clients back to back) fell by half within a minute as the cache filled, and
        // held level with 16 MiB; at 16 MiB the walk was still 7% of the writer thread's
        // time, and 4 MiB took 6% more applications a second than 16 (BENCHMARKS.md).
        // Past 1 GiB the pending-byte page lies inside the file and no walk follows.
        // No memory map: as the database grows under writes, every connection's map is
        // remapped, and each remap interrupts the other CPU (a TLB shootdown). With a
        // writer committing, a reader's one-row session lookup had a p99 of 3-8.5 ms with
        // the map and 0.3 ms without; e-Khidmat took 12% less CPU per application (see
        // BENCHMARKS.md). The writer's warmed cache (1 GiB once the database is that
        // large) holds the hot pages instead.
        // Every SQLite connection is opened with the pool and kept for its life (an
        // idle or old one is a file handle, not a server's process). Opened on demand, a
        // reader came when a hiccup had already queued requests, and each new one cost
        // milliseconds of CPU (its thread, its cache, SQLite reading the schema) just
        // then: under e-Khidmat's load, eleven opened at once made a stall of 130-200 ms
        // out of one of 20-50 (BENCHMARKS.md). `Db::warm` has each read the schema. The
        // cost is memory at idle: a warm-started demo holds 134 MB where it held 76-80,
        // what the server held anyway once a burst of load had opened every reader.
        let pool_of = |max: u32, cache_kib: u32| {
            let options = AnyPoolOptions::new();
            let options = if backend == Backend::Sqlite {
                options
                    .min_connections(max)
                    .idle_timeout(None)
                    .max_lifetime(None)
            } else {
                options
            };
            options
                .max_connections(max)
                .acquire_timeout(Duration::from_secs(30))
                // A pooled PostgreSQL connection may have been dropped by the server; an
                // SQLite one is a file handle in this process, and checking it would
                // cost a round trip to its thread on every read.
                .test_before_acquire(backend == Backend::Postgres)
                .after_connect(move |conn, _meta| {
                    Box::pin(async move {
                        if backend == Backend::Sqlite {
                            let pragmas = format!(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}; \
                                 PRAGMA wal_autocheckpoint = {AUTO_CHECKPOINT}; PRAGMA cache_size = -{cache_kib}; \
                                 PRAGMA mmap_size = 0;"
                            );
                            conn.execute(sqlx::raw_sql(sqlx::AssertSqlSafe(pragmas)))
                                .await?;
                        }
                        Ok(())
                    })
                })
        };
        let pool = pool_of(max_connections.max(2), 16 * 1024)
            .connect_with(options.clone())
            .await
            .map_err(Error::Db)?;
        let sqlite_writer = match backend {
            Backend::Sqlite => {
                let conn = pool_of(1, SMALL_CACHE_KIB)
                    .connect_with(options)
                    .await
                    .map_err(Error::Db)?
                    .acquire()
                    .await
                    .map_err(Error::Db)?;
                let writer = tx::writer(conn).await?;
                tokio::spawn(checkpoints(pool.clone(), writer.clone()));
                Some(writer)
            }
            Backend::Postgres => None,
        };
        Ok(Db {
            pool,
            sqlite_writer,
            backend,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// How many SQLite commits went with the next transaction's opening round trip
    /// instead of their own (see [`Tx`]); tests check the path was taken. Zero on
    /// PostgreSQL.
    pub fn carried_commits(&self) -> u64 {
        self.sqlite_writer.as_ref().map_or(0, tx::Shared::carried)
    }

    /// How many times the SQLite writer restarted the write-ahead log once a checkpoint
    /// found it long (see [`RESTART_LOG_AT`]) or one was asked for
    /// ([`Db::restart_log_soon`]); for tests. Zero on PostgreSQL.
    pub fn log_restarts(&self) -> u64 {
        self.sqlite_writer.as_ref().map_or(0, tx::Shared::restarts)
    }

    /// Asks the SQLite writer to restart the write-ahead log at its next group boundary,
    /// as the checkpoint task does once the log is [`RESTART_LOG_AT`] frames long; for
    /// tests, which would wait long for that. Nothing on PostgreSQL.
    pub fn restart_log_soon(&self) {
        if let Some(w) = &self.sqlite_writer {
            w.ask_restart();
        }
    }

    /// Delays the start of the database file's sync after each log restart by `by`, so
    /// that a test sees the commits that wait for it (see `tx::restart`); for tests.
    /// Nothing on PostgreSQL.
    pub fn delay_database_syncs(&self, by: Duration) {
        if let Some(w) = &self.sqlite_writer {
            w.delay_database_syncs(by);
        }
    }

    /// Asks the SQLite writer to take its large page cache before its next transaction,
    /// as the checkpoint task does once the database reaches 1 GiB; for tests, which
    /// would have to write a gigabyte first. Nothing on PostgreSQL.
    pub fn large_cache_soon(&self) {
        if let Some(w) = &self.sqlite_writer {
            w.ask_large_cache();
        }
    }

    /// The pool, for reads outside a transaction.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Starts a write transaction.
    pub async fn begin(&self) -> Result<Tx> {
        match &self.sqlite_writer {
            Some(w) => Ok(Tx::sqlite(w, Vec::new()).await?.0),
            None => Ok(Tx::postgres(self.pool.begin().await.map_err(Error::Db)?)),
        }
    }

    /// Starts a write transaction with its first statement, and gives that statement's
    /// rows: on SQLite, under load, one round trip for both.
    pub async fn begin_with<'q, E: sqlx::Execute<'q, sqlx::Any>>(
        &self,
        first: E,
    ) -> Result<(Tx, Vec<sqlx::any::AnyRow>)> {
        let (tx, mut rows) = self.begin_with_each(vec![first]).await?;
        Ok((tx, rows.pop().unwrap_or_default()))
    }

    /// Starts a write transaction with its first statements, and gives each one's rows:
    /// on SQLite, one round trip for them all and the start.
    pub async fn begin_with_each<'q, E: sqlx::Execute<'q, sqlx::Any>>(
        &self,
        first: Vec<E>,
    ) -> Result<(Tx, Vec<Vec<sqlx::any::AnyRow>>)> {
        match &self.sqlite_writer {
            Some(w) => {
                let stmts = first
                    .into_iter()
                    .map(batch::Stmt::of)
                    .collect::<Result<Vec<_>>>()?;
                Tx::sqlite(w, stmts).await
            }
            None => {
                let mut tx = Tx::postgres(self.pool.begin().await.map_err(Error::Db)?);
                let rows = tx.fetch_each(first).await?;
                Ok((tx, rows))
            }
        }
    }

    /// Applies every migration not applied yet, in order, each in its own transaction.
    /// A migration whose text changed after it was applied is refused.
    pub async fn migrate(&self, module: &str, migrations: &[Migration]) -> Result<()> {
        self.pool
            .execute(
                "CREATE TABLE IF NOT EXISTS daftar_migrations (
                    module TEXT NOT NULL, version BIGINT NOT NULL, name TEXT NOT NULL,
                    checksum TEXT NOT NULL, applied_at TEXT NOT NULL,
                    PRIMARY KEY (module, version))",
            )
            .await?;
        for m in migrations {
            let sql = match self.backend {
                Backend::Sqlite => m.sqlite,
                Backend::Postgres => m.postgres,
            };
            let checksum = crate::audit::sha256_hex(sql.as_bytes());
            let mut tx = self.begin().await?;
            let applied: Option<(String,)> = sqlx::query_as(
                "SELECT checksum FROM daftar_migrations WHERE module = $1 AND version = $2",
            )
            .bind(module)
            .bind(m.version)
            .fetch_optional(&mut *tx)
            .await?;
            match applied {
                Some((c,)) if c == checksum => continue,
                Some(_) => {
                    return Err(Error::Internal(format!(
                        "migration {module} {} ({}) was changed after it was applied",
                        m.version, m.name
                    )));
                }
                None => {}
            }
            tx.execute(sqlx::raw_sql(sql)).await?;
            sqlx::query(
                "INSERT INTO daftar_migrations (module, version, name, checksum, applied_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(module)
            .bind(m.version)
            .bind(m.name)
            .bind(&checksum)
            .bind(now_utc())
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            tracing::info!(
                module,
                version = m.version,
                name = m.name,
                "migration applied"
            );
        }
        Ok(())
    }

    /// Runs read-only `queries` on the SQLite writer connection, whose page cache then
    /// holds what they read, and has every reader connection read the schema. No-op on
    /// PostgreSQL. Returns the time taken.
    pub async fn warm(&self, queries: &[&str]) -> Result<Duration> {
        let start = std::time::Instant::now();
        if self.sqlite_writer.is_some() {
            let mut tx = self.begin().await?;
            for q in queries {
                tx.fetch_all(sqlx::raw_sql(sqlx::AssertSqlSafe(*q))).await?;
            }
            tx.rollback().await?;
            // Every reader at once (so each is a different one), each reading the schema
            // that migrations changed since it opened: otherwise each would parse it at
            // its first read under load.
            let readers = futures_util::future::try_join_all(
                (0..self.pool.options().get_max_connections()).map(|_| self.pool.acquire()),
            )
            .await?;
            for mut reader in readers {
                reader
                    .execute("SELECT 1 FROM sqlite_master LIMIT 1")
                    .await?;
            }
        }
        Ok(start.elapsed())
    }

    /// A consistent online copy of an SQLite database into `target` (`VACUUM INTO`).
    pub async fn backup_sqlite(&self, target: &std::path::Path) -> Result<()> {
        if self.backend != Backend::Sqlite {
            return Err(Error::Internal(
                "backup --to works on SQLite; use pg_dump for PostgreSQL".to_owned(),
            ));
        }
        if target.exists() {
            return Err(Error::Internal(format!(
                "{} already exists",
                target.display()
            )));
        }
        let path = target.to_string_lossy().replace('\'', "''");
        self.pool
            .execute(sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "VACUUM INTO '{path}'"
            ))))
            .await?;
        Ok(())
    }
}

/// The SQLite writer's page cache while the database is under [`LARGE_DATABASE_BYTES`]
/// (see `Db::connect`). At 1 MiB the pages read back cost more than the walk saves:
/// e-Khidmat took 10-17% fewer applications a second than at 4 (2 MiB did as well as 4).
const SMALL_CACHE_KIB: u32 = 4 * 1024;

/// From this size on (SQLite's pending byte, at 1 GiB), the SQLite writer keeps up to
/// [`LARGE_CACHE_KIB`] of pages.
pub(crate) const LARGE_DATABASE_BYTES: i64 = 1 << 30;

/// The SQLite writer's page cache from [`LARGE_DATABASE_BYTES`] on: up to 1 GiB.
pub(crate) const LARGE_CACHE_KIB: u32 = 1024 * 1024;

/// The database's size in bytes, as `on` (a connection or the pool) sees it.
pub(crate) async fn database_bytes<'c, E>(on: E) -> sqlx::Result<i64>
where
    E: Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "SELECT p.page_count * s.page_size FROM pragma_page_count() p, pragma_page_size() s",
    )
    .fetch_one(on)
    .await
}

/// How often the SQLite write-ahead log is folded back into the database, off the
/// writer's path. Left to SQLite, the writer folds it itself when it reaches its
/// auto-checkpoint size, inside a COMMIT: copying thousands of pages and syncing the
/// database file while every other writer waits (such COMMITs took 16-22 ms under
/// load, where most take under one). Once a second keeps the pages not yet folded to
/// about a second's worth. Not more often: each fold ends by syncing the database
/// file, and a commit's sync that meets it waits; every 250 ms, a lone client's resolve
/// p99 went from 3.6 to 8-12 ms (BENCHMARKS.md). Once the log is [`RESTART_LOG_AT`]
/// frames long, the writer restarts it between two groups (`tx::restart::restart_log`), so
/// under steady load it does not grow to the auto-checkpoint size either.
pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// How long the SQLite write-ahead log grows (frames: pages of 4 KiB, so about 800 MiB)
/// before the writer restarts it. A restart held the writer while it copied what the
/// last fold left and synced the database file: 4-40 ms, and every write waited
/// meanwhile. (Now the database file is synced off the writer's path and a restart holds
/// it 1-11 ms, up to 29 when the log's own sync is slow; the group after it waits for
/// the database file's sync, see `tx::restart`.) An e-Khidmat application appends about
/// 59 frames, so at 450 a second restarting after
/// every fold (once a second) put such a stall in every second, and the slowest 1% of
/// applications were mostly the ones caught in it. Restarting about every four seconds
/// (100,000 frames), the p99 went from 52.8 to 47.9 ms; every six (200,000) at 600 and
/// 650 a second, it was lower in eight alternating pairs of eight, median 65.6 to 55.5 ms
/// (BENCHMARKS.md). The cost is disk space: the log file keeps the length it reached
/// (SQLite overwrites it from the start rather than shrinking it), and it reaches this
/// one only under sustained heavy load; at lighter load SQLite restarts it by itself
/// whenever the writer finds it fully folded and no reader on it. (Should readers keep
/// every restart from finishing, the log grows to `AUTO_CHECKPOINT` frames, about 1.2
/// GiB, where SQLite folds it inside COMMITs.)
pub const RESTART_LOG_AT: i64 = 200_000;

/// SQLite's own fold inside a COMMIT (`wal_autocheckpoint`), in frames: only a safety net
/// for a log the writer could not restart (readers kept it busy), well past
/// [`RESTART_LOG_AT`] plus the two seconds of the heaviest load measured (about 40,000
/// frames a second) before the next try.
const AUTO_CHECKPOINT: u32 = 300_000;

/// How long an SQLite connection waits for another's lock before it gives up.
pub(crate) const BUSY_TIMEOUT_MS: u32 = 10_000;

/// Checkpoints the database behind `pool` every [`CHECKPOINT_EVERY`], for as long as
/// the pool is open.
async fn checkpoints(pool: AnyPool, writer: tx::Shared) {
    let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !pool.is_closed() {
        tick.tick().await;
        // Its row: busy, the log's length in frames, frames folded. A length that cannot
        // be read (it never was) counts as long: restarting after every checkpoint, as
        // before, rather than never.
        let passive = "PRAGMA wal_checkpoint(PASSIVE)";
        let started = std::time::Instant::now();
        match async {
            let row = sqlx::query(passive).fetch_one(&pool).await?;
            let long = row
                .try_get::<i64, _>(1)
                .map_or(true, |frames| frames >= RESTART_LOG_AT);
            // A restart to come: a second pass copies what the writer appended during
            // the first, so the restart has next to nothing left to copy.
            if long {
                pool.execute(passive).await?;
            }
            Ok::<_, sqlx::Error>(long)
        }
        .await
        {
            Ok(long) => {
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                tracing::debug!(ms, restart = long, "checkpointed");
                if long {
                    writer.ask_restart();
                }
            }
            Err(e) => {
                if pool.is_closed() {
                    return;
                }
                tracing::warn!(error = %e, "checkpoint failed");
            }
        }
        // The database has grown to the size where the writer keeps its large cache.
        if !writer.large_cache() {
            match database_bytes(&pool).await {
                Ok(bytes) if bytes >= LARGE_DATABASE_BYTES => writer.ask_large_cache(),
                Ok(_) => {}
                Err(e) if !pool.is_closed() => {
                    tracing::warn!(error = %e, "reading the database's size");
                }
                Err(_) => return,
            }
        }
    }
}

/// `$first, $first+1, ...` for `n` values of an `IN (...)` list.
pub fn marks(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The current instant as RFC 3339 UTC text with microseconds (sorts correctly as text).
pub fn now_utc() -> String {
    format_instant(time::OffsetDateTime::now_utc())
}

/// Formats an instant the way the database stores it.
pub fn format_instant(t: time::OffsetDateTime) -> String {
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
    );
    t.to_offset(time::UtcOffset::UTC)
        .format(fmt)
        .unwrap_or_default()
}

/// Reads an instant stored by [`format_instant`].
pub fn parse_instant(s: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
}
