//! The async runtime the `daftar` command runs on.

use anyhow::bail;

/// mimalloc, for Rust's allocations and (its `override` feature: the binary defines
/// `malloc` and `free`) for SQLite's and the C library's too. With glibc's allocator,
/// `malloc` and `free` were 17% of the server's CPU samples under e-Khidmat's load and a
/// tenth of the SQLite writer thread's; with this one the server took more applications a
/// second back to back in every alternating pair (997-1,066 against 722-881) and queued
/// less at 650 a second (BENCHMARKS.md, e-Khidmat, sixth session).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The runtime, with as many worker threads as `DAFTAR_RUNTIME_THREADS` says; else, when
/// serving on SQLite (`serves_sqlite`), one per core but one (at least one); else one per
/// core, tokio's default.
///
/// On SQLite every write goes through one writer connection, whose statements run on a
/// thread of their own (sqlx's), and every other write waits for it; the busiest write
/// transactions run on another thread of their own (`Db::write`). With as many runtime
/// threads as cores, the runtime's threads preempted that thread in the middle of
/// transactions (1,400-3,000 times a second at 450 e-Khidmat applications a second,
/// BENCHMARKS.md) and the writer's queue grew behind it. With one core left to it, on this
/// project's two-core test machine: back to back, 774-854 applications a second against
/// 604-715 with two runtime threads (three alternating runs each); at 650 a second offered,
/// p99 70-93 ms against 102-159 ms. With `Db::write`'s thread added, two runtime threads
/// still took no more (610 and 616 a second against 757 and 604, alternating). Work that
/// holds a thread for long (password hashing, file writes, search indexing) already runs on
/// the blocking pool, not on these threads. On PostgreSQL there is no such thread in this
/// process, and nothing was measured there.
pub fn build(serves_sqlite: bool) -> anyhow::Result<tokio::runtime::Runtime> {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    match std::env::var("DAFTAR_RUNTIME_THREADS") {
        Ok(v) => match v.trim().parse::<usize>() {
            Ok(n) if n > 0 => {
                builder.worker_threads(n);
            }
            _ => bail!("DAFTAR_RUNTIME_THREADS must be a whole number of at least 1, not {v:?}"),
        },
        Err(_) if serves_sqlite => {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            builder.worker_threads(cores.saturating_sub(1).max(1));
        }
        Err(_) => {}
    }
    Ok(builder.enable_all().build()?)
}
