//! The async runtime the `daftar` command runs on.

/// How many worker threads the runtime gets, unless `DAFTAR_RUNTIME_THREADS` says:
/// one per core but one (at least one).
///
/// On SQLite every write goes through one writer connection, whose statements run on a
/// thread of their own (sqlx's), and every other write waits for it. With as many runtime
/// threads as cores, the runtime's threads preempted that thread in the middle of
/// transactions (1,400-3,000 times a second at 450 e-Khidmat applications a second,
/// BENCHMARKS.md) and the writer's queue grew behind it. With one core left to it, on this
/// project's two-core test machine: back to back, 774-854 applications a second against
/// 604-715 with two runtime threads (three alternating runs each); at 650 a second offered,
/// p99 70-93 ms against 102-159 ms. Work that holds a thread for long (password hashing,
/// file writes, search indexing) already runs on the blocking pool, not on these threads.
pub fn build() -> std::io::Result<tokio::runtime::Runtime> {
    let threads = std::env::var("DAFTAR_RUNTIME_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1))
        });
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
}
