//! The e-Khidmat counter benchmark in BENCHMARKS.md: C concurrent counter clients each
//! take an application (`POST /api/v1/khidmat/applications`, applicant resolved, audited)
//! and record its payment (`POST .../payments`) back to back; one application is both
//! requests. Then the physical limit for comparison: this machine's SQLite committing
//! the same number of rows of the same size in the same number of transactions (two per
//! application), with the same settings (WAL, synchronous=FULL), from one writer.
//! It also reports how idle the machine was during the run and how much of its CPU the
//! hypervisor stole (`/proc/stat`): on a shared virtual machine both decide the tail.
//!
//! cargo run --release --example khidmat_load -- --url http://127.0.0.1:18182 --db DEMO/daftar.db \
//!     [--concurrency 64] [--seconds 20] [--user punjab.operator] [--password daftar-demo] \
//!     [--server-pid PID]   (reports the server's CPU time per application) \
//!     [--rate R | --share F]   (open loop: R applications/s in all, or the share F of the
//!                               raw rate measured just before the run) \
//!     [--trace FILE]   (each application's start and latency, as CSV; it prints the
//!                       run's start as Unix time, for scripts/khidmat-timeline.py)

use std::{
    collections::BTreeMap,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use serde_json::{Value, json};
use sqlx::{Connection, Row, SqliteConnection, sqlite::SqliteConnectOptions};

struct Args {
    url: String,
    db: String,
    user: String,
    password: String,
    concurrency: usize,
    seconds: u64,
    /// The server's process id, to report its CPU time per application.
    server_pid: Option<u32>,
    /// Applications per second offered in all (open loop): each client starts one on its
    /// own schedule, and latency counts from the scheduled start, so a client that falls
    /// behind is charged for it. Without it, clients go back to back (closed loop).
    rate: Option<f64>,
    /// Offer this share of the raw rate, measured just before the run (open loop).
    share: Option<f64>,
    /// Write each application's start (ms into the run) and latency (ms) here, as CSV.
    trace: Option<String>,
}

fn args() -> anyhow::Result<Args> {
    let mut a = Args {
        url: String::new(),
        db: String::new(),
        user: "punjab.operator".to_owned(),
        password: "daftar-demo".to_owned(),
        concurrency: 64,
        seconds: 20,
        server_pid: None,
        rate: None,
        share: None,
        trace: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--url" => a.url = value,
            "--db" => a.db = value,
            "--user" => a.user = value,
            "--password" => a.password = value,
            "--concurrency" => a.concurrency = value.parse()?,
            "--seconds" => a.seconds = value.parse()?,
            "--server-pid" => a.server_pid = Some(value.parse()?),
            "--rate" => a.rate = Some(value.parse()?),
            "--share" => a.share = Some(value.parse()?),
            "--trace" => a.trace = Some(value),
            other => bail!("unknown flag {other}"),
        }
    }
    if a.url.is_empty() || a.db.is_empty() {
        bail!("--url and --db are required");
    }
    Ok(a)
}

/// Rows and payload bytes of every table of the database.
async fn census(db: &str) -> anyhow::Result<BTreeMap<String, (i64, i64)>> {
    let mut c =
        SqliteConnection::connect_with(&SqliteConnectOptions::new().filename(db).read_only(true))
            .await?;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(&mut c)
    .await?;
    let mut out = BTreeMap::new();
    for t in tables {
        let cols: Vec<String> = sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA table_info({t})")))
            .fetch_all(&mut c)
            .await?
            .iter()
            .map(|r| r.get::<String, _>(1))
            .collect();
        let len = cols
            .iter()
            .map(|c| format!("COALESCE(LENGTH({c}), 0)"))
            .collect::<Vec<_>>()
            .join(" + ");
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*), COALESCE(SUM({len}), 0) FROM {t}"
        )))
        .fetch_one(&mut c)
        .await?;
        out.insert(t, (row.get::<i64, _>(0), row.get::<i64, _>(1)));
    }
    Ok(out)
}

/// A census taken once two in a row, a quarter of a second apart, agree: nothing else
/// is writing. Gives up after a minute.
async fn quiet_census(db: &str) -> anyhow::Result<BTreeMap<String, (i64, i64)>> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut last = census(db).await?;
    loop {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let now = census(db).await?;
        if now == last {
            return Ok(now);
        }
        if Instant::now() > deadline {
            bail!(
                "the database was still being written after a minute: nothing to measure against"
            );
        }
        last = now;
    }
}

/// Rows and bytes each table gained from `a` to `b`.
fn delta(
    a: &BTreeMap<String, (i64, i64)>,
    b: &BTreeMap<String, (i64, i64)>,
) -> BTreeMap<String, (i64, i64)> {
    b.iter()
        .map(|(t, (rows, bytes))| {
            let (r0, s0) = a.get(t).copied().unwrap_or((0, 0));
            (t.clone(), (rows - r0, bytes - s0))
        })
        .collect()
}

/// Each table's median gain over the samples, summed: rows and bytes.
fn median_total(samples: Vec<BTreeMap<String, (i64, i64)>>) -> (i64, i64) {
    let tables: std::collections::BTreeSet<&String> =
        samples.iter().flat_map(|s| s.keys()).collect();
    let median = |mut v: Vec<i64>| {
        v.sort_unstable();
        v.get(v.len() / 2).copied().unwrap_or(0)
    };
    tables.into_iter().fold((0, 0), |(r, b), t| {
        let of = |f: fn(&(i64, i64)) -> i64| {
            median(samples.iter().map(|s| s.get(t).map_or(0, f)).collect())
        };
        (r + of(|v| v.0), b + of(|v| v.1))
    })
}

struct Client {
    http: reqwest::Client,
    base: String,
    token: String,
}

static SERIAL: AtomicU64 = AtomicU64::new(0);

/// A name and a father's name for applicant `n`, from a few common names (as many
/// distinct pairs as a run takes).
fn citizen(n: u64) -> (String, String) {
    const FIRST: [&str; 24] = [
        "Ahmed", "Ali", "Bilal", "Usman", "Hamza", "Imran", "Kashif", "Zeeshan", "Faisal", "Tariq",
        "Naveed", "Sajid", "Asif", "Waqas", "Adnan", "Shahid", "Omer", "Junaid", "Fahad", "Yasir",
        "Rizwan", "Nadeem", "Saqib", "Haroon",
    ];
    const LAST: [&str; 16] = [
        "Khan", "Malik", "Butt", "Chaudhry", "Qureshi", "Sheikh", "Awan", "Rana", "Mirza", "Baig",
        "Gill", "Bhatti", "Siddiqui", "Ansari", "Hashmi", "Abbasi",
    ];
    let pick = |i: u64, list: &[&str]| list[(i % list.len() as u64) as usize].to_owned();
    let last = pick(n / 24, &LAST);
    (
        format!("{} {last}", pick(n, &FIRST)),
        format!("{} {last}", pick(n / 384 + 7, &FIRST)),
    )
}

impl Client {
    async fn take(&self) -> anyhow::Result<String> {
        let n = SERIAL.fetch_add(1, Ordering::Relaxed)
            + 1_000_000 * u64::from(std::process::id() % 9 + 1);
        // A different citizen each time: the registry resolves each to a new golden
        // record (with one name, father, birth date and phone for all, it would match
        // them into one person with ever more source records).
        let (name, father) = citizen(n);
        let dob = format!(
            "{}-{:02}-{:02}",
            1950 + n % 50,
            1 + n / 50 % 12,
            1 + n / 600 % 28
        );
        let mobile = format!("03{:02}{:07}", n % 50, n / 50 % 10_000_000);
        let body = json!({
            "service": "DOMICILE",
            "counter": "PB-EKM-LHR-JT-C2",
            "applicant": { "cnic": format!("35202-{:07}-{}", n % 10_000_000, n % 10), "name": name,
                           "father_name": father, "mobile": mobile, "gender": "male", "dob": dob },
            "form": { "father_name": father, "address": format!("House {}, Street {}", n % 500, n / 500 % 90), "date_of_birth": dob }
        });
        let r = self
            .http
            .post(format!("{}/api/v1/khidmat/applications", self.base))
            .bearer_auth(&self.token)
            .header("Idempotency-Key", format!("bench-{n}"))
            .json(&body)
            .send()
            .await?;
        if !r.status().is_success() {
            bail!(
                "take: {} {}",
                r.status(),
                r.text().await.unwrap_or_default()
            );
        }
        let v: Value = r.json().await?;
        v["tracking_id"]
            .as_str()
            .map(str::to_owned)
            .context("no tracking id")
    }

    async fn pay(&self, tracking: &str) -> anyhow::Result<()> {
        let r = self
            .http
            .post(format!(
                "{}/api/v1/khidmat/applications/{tracking}/payments",
                self.base
            ))
            .bearer_auth(&self.token)
            .json(&json!({ "method": "cash", "amount_paisa": 55_000 }))
            .send()
            .await?;
        if !r.status().is_success() {
            bail!("pay: {} {}", r.status(), r.text().await.unwrap_or_default());
        }
        Ok(())
    }
}

/// CPU seconds (user + system) a process has used so far, from `/proc/PID/stat`.
fn cpu_seconds(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The machine's CPU time so far, in ticks, from `/proc/stat`: `(all, idle, steal)`.
/// Steal is time the hypervisor gave this machine's virtual CPUs to someone else.
fn machine_ticks() -> Option<(u64, u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let f: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .take(8)
        .filter_map(|v| v.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal
    Some((f.iter().sum(), f.get(3)? + f.get(4)?, *f.get(7)?))
}

fn pct(all: &[u64], p: f64) -> f64 {
    all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0) as f64
        / 1000.0
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let a = args()?;
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(a.concurrency)
        .build()?;
    let base = a.url.trim_end_matches('/').to_owned();
    let v: Value = http
        .post(format!("{base}/api/v1/auth/token"))
        .json(&json!({ "username": a.user, "password": a.password }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let client = Arc::new(Client {
        http,
        base,
        token: v["token"].as_str().context("no token")?.to_owned(),
    });

    // What one application writes: rows and bytes of the take, then of the payment.
    // Measured once the database is quiet (after start the demo's search feed still
    // indexes, deleting its queue), three times, each table's median: one background
    // job's write during a sample does not count.
    let mut takes = Vec::new();
    let mut pays = Vec::new();
    for _ in 0..3 {
        let c0 = quiet_census(&a.db).await?;
        let t = client.take().await?;
        let c1 = census(&a.db).await?;
        client.pay(&t).await?;
        let c2 = census(&a.db).await?;
        takes.push(delta(&c0, &c1));
        pays.push(delta(&c1, &c2));
    }
    let (take_rows, take_bytes) = median_total(takes);
    let (pay_rows, pay_bytes) = median_total(pays);

    // With a share of the raw rate to offer: measure the raw rate first (the machine's
    // speed drifts, so the offered rate follows it).
    let mut a = a;
    if let Some(share) = a.share {
        let shape = Shape {
            take_rows,
            take_bytes,
            pay_rows,
            pay_bytes,
        };
        let before = raw_rate(&a.db, 1000, &shape).await?;
        a.rate = Some(share * before);
        println!(
            "raw sqlite before the run: apps_per_s={before:.0}; offering {:.0}% of it: {:.0}/s",
            100.0 * share,
            share * before
        );
    }
    let server_pid = a.server_pid.map(|p| p.to_string());
    let cpu0 = (
        server_pid.as_deref().and_then(cpu_seconds),
        cpu_seconds("self"),
    );
    let machine0 = machine_ticks();
    let deadline = Instant::now() + Duration::from_secs(a.seconds);
    let started = Instant::now();
    let started_unix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64());
    let mut tasks = Vec::new();
    // Open loop: client i starts at i/rate and then every concurrency/rate seconds.
    let interval = a
        .rate
        .map(|r| Duration::from_secs_f64(a.concurrency as f64 / r.max(0.001)));
    for i in 0..a.concurrency {
        let client = client.clone();
        let mut next =
            started + interval.map_or(Duration::ZERO, |d| d * i as u32 / a.concurrency as u32);
        tasks.push(tokio::spawn(async move {
            let (mut lat, mut each, mut errors) = (Vec::new(), Vec::new(), 0u64);
            loop {
                if interval.is_some() {
                    tokio::time::sleep_until(next.into()).await;
                }
                if Instant::now() >= deadline {
                    break;
                }
                let t0 = if interval.is_some() {
                    next
                } else {
                    Instant::now()
                };
                if let Some(d) = interval {
                    next += d;
                }
                match client.take().await {
                    Ok(t) => {
                        let t1 = Instant::now();
                        match client.pay(&t).await {
                            Ok(()) => {
                                let start = (t0.max(started) - started).as_micros() as u64;
                                lat.push((t0.elapsed().as_micros() as u64, start));
                                each.push((t1 - t0).as_micros() as u64);
                                each.push(t1.elapsed().as_micros() as u64);
                            }
                            Err(_) => errors += 1,
                        }
                    }
                    Err(_) => errors += 1,
                }
            }
            (lat, each, errors)
        }));
    }
    let (mut all, mut requests, mut errors) = (Vec::new(), Vec::new(), 0);
    let mut starts = Vec::new();
    for t in tasks {
        let (l, r, e) = t.await?;
        all.extend(l.iter().map(|(lat, _)| *lat));
        starts.extend(l);
        requests.extend(r);
        errors += e;
    }
    if let Some(path) = &a.trace {
        starts.sort_unstable_by_key(|(_, start)| *start);
        let mut csv = String::from("start_ms,latency_ms\n");
        for (lat, start) in &starts {
            csv.push_str(&format!(
                "{:.3},{:.3}\n",
                *start as f64 / 1000.0,
                *lat as f64 / 1000.0
            ));
        }
        std::fs::write(path, csv).with_context(|| format!("writing {path}"))?;
        // To line the trace up with the server's log (scripts/khidmat-timeline.py).
        println!("trace: {path}, the run started at {started_unix:.3} s (Unix time)");
    }
    let elapsed = started.elapsed().as_secs_f64();
    let cpu1 = (
        server_pid.as_deref().and_then(cpu_seconds),
        cpu_seconds("self"),
    );
    let machine1 = machine_ticks();
    all.sort_unstable();
    requests.sort_unstable();
    let rate = all.len() as f64 / elapsed;
    println!(
        "applications={} errors={errors} seconds={elapsed:.1} apps_per_s={rate:.0} p50_ms={:.2} p90_ms={:.2} p99_ms={:.2} max_ms={:.2}",
        all.len(),
        pct(&all, 0.5),
        pct(&all, 0.9),
        pct(&all, 0.99),
        all.last().copied().unwrap_or(0) as f64 / 1000.0
    );
    println!(
        "requests: p50_ms={:.2} p90_ms={:.2} p99_ms={:.2}",
        pct(&requests, 0.5),
        pct(&requests, 0.9),
        pct(&requests, 0.99)
    );
    let per_app = |before: Option<f64>, after: Option<f64>| match (before, after) {
        (Some(b), Some(a)) if !all.is_empty() => {
            format!("{:.2}", 1000.0 * (a - b) / all.len() as f64)
        }
        _ => "-".to_owned(),
    };
    println!(
        "cpu per application: server_ms={} load_generator_ms={}",
        per_app(cpu0.0, cpu1.0),
        per_app(cpu0.1, cpu1.1)
    );
    if let (Some(b), Some(e)) = (machine0, machine1) {
        let all_ticks = (e.0 - b.0).max(1) as f64;
        println!(
            "machine during the run: idle {:.0}%, stolen by the hypervisor {:.0}%",
            100.0 * (e.1 - b.1) as f64 / all_ticks,
            100.0 * (e.2 - b.2) as f64 / all_ticks
        );
    }
    println!(
        "per application: take {take_rows} rows ({take_bytes} bytes), payment {pay_rows} rows ({pay_bytes} bytes)"
    );

    // The physical limit: the same rows, sizes and transactions, straight into SQLite.
    let shape = Shape {
        take_rows,
        take_bytes,
        pay_rows,
        pay_bytes,
    };
    let n = all.len().max(500);
    let raw_rate = raw_rate(&a.db, n, &shape).await?;
    println!(
        "raw sqlite: applications={n} apps_per_s={raw_rate:.0} ({} transactions/s); app/raw = {:.0}%",
        (raw_rate * 2.0) as u64,
        100.0 * rate / raw_rate
    );
    Ok(())
}

/// Rows and bytes one application writes: its take, then its payment.
struct Shape {
    take_rows: i64,
    take_bytes: i64,
    pay_rows: i64,
    pay_bytes: i64,
}

/// Applications a second this machine's SQLite commits straight from one writer: the
/// same rows, sizes and transactions as `n` applications, no HTTP in between.
async fn raw_rate(db: &str, n: usize, s: &Shape) -> anyhow::Result<f64> {
    let raw = format!("{db}.raw.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{raw}{suffix}"));
    }
    let opts = SqliteConnectOptions::new()
        .filename(&raw)
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Full);
    let mut c = SqliteConnection::connect_with(&opts).await?;
    sqlx::query("CREATE TABLE raw (k TEXT PRIMARY KEY, v TEXT NOT NULL)")
        .execute(&mut c)
        .await?;
    let pad = |rows: i64, bytes: i64| {
        "x".repeat(usize::try_from((bytes / rows.max(1)).max(1)).unwrap_or(1))
    };
    let (take_v, pay_v) = (pad(s.take_rows, s.take_bytes), pad(s.pay_rows, s.pay_bytes));
    let started = Instant::now();
    for i in 0..n {
        for (phase, rows, v) in [("t", s.take_rows, &take_v), ("p", s.pay_rows, &pay_v)] {
            let mut tx = c.begin().await?;
            for r in 0..rows {
                sqlx::query("INSERT INTO raw (k, v) VALUES ($1, $2)")
                    .bind(format!("{i}-{phase}-{r}"))
                    .bind(v)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        }
    }
    let rate = n as f64 / started.elapsed().as_secs_f64();
    drop(c);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{raw}{suffix}"));
    }
    Ok(rate)
}
