//! e-FOAS benchmarks for BENCHMARKS.md, against the real application (`build_app`, as
//! `daftar serve` builds it) on a real HTTP port, SQLite in a fresh data directory (or
//! PostgreSQL with `--database-url`), with the demo's officers:
//!
//! 1. File movements per second: `--clients` clients, each with its own file, move it
//!    up (section officer → deputy secretary) and back for `--seconds`; with `--notes`
//!    each movement first writes a note, so each move seals and signs it.
//! 2. The pendency report of a department holding `--files` files (and a fifth as many
//!    receipts), spread over its posts, loaded straight into the tables.
//! 3. Search over HTTP of that department's file subjects (`--search`).
//!
//! `--keep` leaves the data directory (to look at the database afterwards).
//!
//! cargo run --release -p daftar-server --example filing_load -- --files 100000 --notes --search

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use anyhow::Context;
use reqwest::Client;
use serde_json::{Value, json};

use daftar_filing::store::{
    self as fstore,
    dak::{self, ReceiptRow},
    files::{self, FileRow},
};
use daftar_platform::settings::{Secret, Settings};

struct Args {
    clients: usize,
    seconds: u64,
    files: usize,
    notes: bool,
    search: bool,
    keep: bool,
    database_url: Option<String>,
}

fn args() -> anyhow::Result<Args> {
    let mut a = Args {
        clients: 16,
        seconds: 20,
        files: 100_000,
        notes: false,
        search: false,
        keep: false,
        database_url: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut v = || it.next().context("a value after the flag");
        match k.as_str() {
            "--clients" => a.clients = v()?.parse()?,
            "--seconds" => a.seconds = v()?.parse()?,
            "--files" => a.files = v()?.parse()?,
            "--notes" => a.notes = true,
            "--search" => a.search = true,
            "--keep" => a.keep = true,
            "--database-url" => a.database_url = Some(v()?),
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    Ok(a)
}

struct Api {
    http: Client,
    base: String,
}

impl Api {
    async fn token(&self, user: &str) -> anyhow::Result<String> {
        let v: Value = self
            .http
            .post(format!("{}/api/v1/auth/token", self.base))
            .json(&json!({ "username": user, "password": "daftar-demo" }))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        Ok(v["token"].as_str().context("token")?.to_owned())
    }

    async fn post(&self, token: &str, path: &str, body: Value) -> anyhow::Result<Value> {
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await?;
        let status = res.status();
        let v: Value = res.json().await?;
        anyhow::ensure!(status.is_success(), "{path}: {status} {v}");
        Ok(v)
    }

    async fn get(&self, token: &str, path: &str) -> anyhow::Result<Value> {
        let res = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(token)
            .send()
            .await?;
        let status = res.status();
        let v: Value = res.json().await?;
        anyhow::ensure!(status.is_success(), "{path}: {status} {v}");
        Ok(v)
    }
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn summary(what: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "{what}: n={} p50={:.1} ms p95={:.1} ms p99={:.1} ms max={:.1} ms",
        ms.len(),
        pct(&ms, 0.5),
        pct(&ms, 0.95),
        pct(&ms, 0.99),
        ms.last().copied().unwrap_or(0.0)
    );
}

const SO: &str = "PB-DEPT-SGAD-005";
const DS: &str = "PB-DEPT-SGAD-003";
const DEPT: &str = "PB-DEPT-SGAD";

async fn movements(api: Arc<Api>, a: &Args) -> anyhow::Result<()> {
    let so = api.token("punjab.so").await?;
    let ds = api.token("punjab.ds").await?;
    let mut ids = Vec::new();
    for i in 0..a.clients {
        let f = api
            .post(&so, "/api/v1/filing/files", json!({ "office": DEPT, "section": "ADMIN", "subject": format!("Movement benchmark {i}"), "record_class": "C" }))
            .await?;
        ids.push(f["file"]["id"].as_str().context("id")?.to_owned());
    }
    let until = Instant::now() + Duration::from_secs(a.seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for id in ids {
        let (api, so, ds, notes) = (api.clone(), so.clone(), ds.clone(), a.notes);
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut up = true;
            while Instant::now() < until {
                let (who, action, to) = if up { (&so, "put_up", DS) } else { (&ds, "return", SO) };
                let t0 = Instant::now();
                if notes {
                    api.post(who, &format!("/api/v1/filing/files/{id}/notes"), json!({ "paragraphs": ["Seen. Put up for orders, with reference to the paragraphs above."] }))
                        .await?;
                }
                api.post(who, &format!("/api/v1/filing/files/{id}/movements"), json!({ "action": action, "to_post": to }))
                    .await?;
                lat.push(t0.elapsed().as_secs_f64() * 1000.0);
                up = !up;
            }
            anyhow::Ok(lat)
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "movements{}: {} clients, {:.0} movements/s ({} in {secs:.1} s)",
        if a.notes {
            " (each sealing a signed note)"
        } else {
            ""
        },
        a.clients,
        all.len() as f64 / secs,
        all.len()
    );
    summary("  per movement", all);
    Ok(())
}

/// A deterministic generator (splitmix64).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "posts",
    "recruitment",
    "seniority",
    "budget",
    "transfer",
    "inquiry",
    "pension",
    "leave",
    "promotion",
    "court",
    "assembly",
    "allowance",
    "vehicles",
    "procurement",
    "audit",
    "training",
    "district",
    "rules",
    "regularisation",
    "notification",
    "اسامیوں",
    "ترقی",
    "پنشن",
    "تبادلہ",
];

async fn load_department(db: &daftar_platform::Db, n: usize) -> anyhow::Result<()> {
    let tenant = daftar_platform::tenants::by_slug(db, "punjab")
        .await?
        .context("punjab")?
        .tenant_id();
    let posts: Vec<String> = (1..=14).map(|i| format!("{DEPT}-{i:03}")).collect();
    let sections = ["ADMIN", "REG", "IMP", "CAB"];
    let mut rng = Rng(42);
    let now = time::OffsetDateTime::now_utc();
    let t0 = Instant::now();
    let mut i = 0;
    while i < n {
        let mut tx = db.begin().await?;
        for _ in 0..5000.min(n - i) {
            let held = now - time::Duration::minutes(rng.below(90 * 24 * 60) as i64);
            let held = daftar_platform::db::format_instant(held);
            let subject = (0..5)
                .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
                .collect::<Vec<_>>()
                .join(" ");
            let due = (rng.below(5) == 0)
                .then(|| format!("2026-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)));
            let section = sections[i % sections.len()];
            let f = FileRow {
                id: daftar_kernel::Id::new().to_string(),
                office: DEPT.into(),
                section: section.into(),
                year: 2025,
                seq: i as i64 + 1,
                number: format!("SO({section})9-{}/2025", i + 1),
                subject,
                record_class: "C".into(),
                confidential: i64::from(rng.below(30) == 0),
                status: if rng.below(20) == 0 {
                    "parked".into()
                } else {
                    "open".into()
                },
                holder_post: posts[rng.below(posts.len() as u64) as usize].clone(),
                held_since: held.clone(),
                sent_by_post: None,
                opened_at: Some(held.clone()),
                due_on: due.clone(),
                priority: [0, 0, 0, 0, 0, 0, 2, 3][rng.below(8) as usize],
                parent_id: None,
                part_no: 1,
                notes_sealed: 0,
                paras: 0,
                papers: 0,
                last_hash: daftar_filing::rules::GENESIS.into(),
                version: 1,
                opened_by: "benchmark".into(),
                created_at: held.clone(),
                closed_on: None,
                review_on: None,
                remarks: String::new(),
            };
            files::insert_file(&mut tx, &tenant, &f).await?;
            if i % 5 == 0 {
                let r = ReceiptRow {
                    id: daftar_kernel::Id::new().to_string(),
                    office: DEPT.into(),
                    year: 2025,
                    diary_no: i as i64 + 1,
                    received_on: "2025-12-01".into(),
                    sender: "Benchmark".into(),
                    letter_no: String::new(),
                    letter_date: None,
                    subject: f.subject.clone(),
                    category: "general".into(),
                    priority: f.priority,
                    status: "open".into(),
                    holder_post: f.holder_post.clone(),
                    held_since: held,
                    acknowledged_at: None,
                    due_on: due,
                    file_id: None,
                    closed_reason: String::new(),
                    created_by: "benchmark".into(),
                    created_at: f.created_at.clone(),
                };
                dak::insert(&mut tx, &tenant, &r).await?;
            }
            i += 1;
        }
        tx.commit().await?;
    }
    println!(
        "loaded {n} files and {} receipts into {DEPT} in {:.1} s",
        n.div_ceil(5),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn pendency(api: &Api, db: &daftar_platform::Db, a: &Args) -> anyhow::Result<()> {
    load_department(db, a.files).await?;
    let sec = api.token("punjab.secretary").await?;
    let path = format!("/api/v1/filing/pendency?office={DEPT}");
    for _ in 0..3 {
        api.get(&sec, &path).await?;
    }
    let mut ms = Vec::new();
    let mut last = Value::Null;
    for _ in 0..30 {
        let t0 = Instant::now();
        last = api.get(&sec, &path).await?;
        ms.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "pendency of {DEPT}: {} files, {} receipts pending over {} posts",
        last["files"],
        last["receipts"],
        last["posts"].as_array().map_or(0, Vec::len)
    );
    summary("  report over HTTP", ms);
    Ok(())
}

async fn search(
    api: &Api,
    db: &daftar_platform::Db,
    data_dir: &std::path::Path,
) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    let queued = fstore::queue_everything(&mut tx).await?;
    tx.commit().await?;
    let t0 = Instant::now();
    let ix = daftar_filing::service::search::indexer(db, data_dir).await?;
    let n = daftar_filing::service::search::feed(db, &ix).await?;
    println!(
        "indexed {n} entities ({queued} queued) in {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    let sec = api.token("punjab.secretary").await?;
    let mut rng = Rng(7);
    let mut ms = Vec::new();
    for i in 0..300 {
        let words = 1 + (i % 3);
        let q: Vec<&str> = (0..words)
            .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
            .collect();
        let q: String = form_urlencoded::byte_serialize(q.join(" ").as_bytes()).collect();
        let t0 = Instant::now();
        api.get(&sec, &format!("/api/v1/filing/search?q={q}"))
            .await?;
        if i >= 20 {
            ms.push(t0.elapsed().as_secs_f64() * 1000.0);
        }
    }
    summary("search over HTTP (1-3 words, rights applied)", ms);
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let a = args()?;
    let data_dir = std::env::temp_dir().join(format!("daftar-filing-load-{}", std::process::id()));
    let mut settings = Settings {
        data_dir: data_dir.clone(),
        packs_dir: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../packs"),
        ..Settings::default()
    };
    if let Some(url) = &a.database_url {
        settings.database_url = Some(Secret::new(url.clone()));
    }
    let app = daftar_server::build_app(settings).await?;
    daftar_server::demo::seed(
        &app.state.db,
        &app.state.roles,
        &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../packs"),
    )
    .await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let state = app.state.clone();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app.router).await;
    });
    println!(
        "machine: {} cores; {}",
        std::thread::available_parallelism().map_or(0, usize::from),
        if a.database_url.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    let api = Arc::new(Api {
        http: Client::builder()
            .pool_max_idle_per_host(a.clients)
            .build()?,
        base: format!("http://{addr}"),
    });
    movements(api.clone(), &a).await?;
    pendency(&api, &state.db, &a).await?;
    if a.search {
        search(&api, &state.db, &data_dir).await?;
    }
    if a.keep {
        println!("data kept in {}", data_dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&data_dir);
    }
    Ok(())
}
