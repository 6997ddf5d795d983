//! A small closed-loop load generator for the server benchmarks in BENCHMARKS.md:
//! C concurrent clients each send GET requests back to back for a fixed time, and the
//! tool reports requests per second and latency percentiles.
//!
//! cargo run --release --example load -- --url URL --user NAME --password PW [--concurrency 64] [--seconds 20]
//!
//! With `--resolve-csv FILE` (person columns with an `id`), each request instead posts the
//! file's next row to `POST /api/v1/persons/resolve` (source `bench`, or `--source`), until the time or
//! the rows run out.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};

struct Args {
    resolve_csv: Option<String>,
    source: String,
    url: String,
    user: String,
    password: String,
    concurrency: usize,
    seconds: u64,
}

fn args() -> anyhow::Result<Args> {
    let mut a = Args {
        resolve_csv: None,
        source: "bench".to_owned(),
        url: String::new(),
        user: String::new(),
        password: String::new(),
        concurrency: 64,
        seconds: 20,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--url" => a.url = value,
            "--user" => a.user = value,
            "--password" => a.password = value,
            "--concurrency" => a.concurrency = value.parse()?,
            "--seconds" => a.seconds = value.parse()?,
            "--resolve-csv" => a.resolve_csv = Some(value),
            "--source" => a.source = value,
            other => bail!("unknown flag {other}"),
        }
    }
    if a.url.is_empty() {
        bail!("--url is required");
    }
    Ok(a)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let a = args()?;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(a.concurrency)
        .build()?;
    let base = a.url.split("/api/").next().unwrap_or(&a.url).to_owned();
    let token: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/token"))
        .json(&serde_json::json!({ "username": a.user, "password": a.password }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let token = token["token"].as_str().context("no token")?.to_owned();
    if let Some(path) = &a.resolve_csv {
        return resolve_load(&a, &client, &base, &token, path).await;
    }
    // Warm up: connections and caches.
    for _ in 0..a.concurrency {
        client
            .get(&a.url)
            .bearer_auth(&token)
            .send()
            .await?
            .error_for_status()?;
    }
    let deadline = Instant::now() + Duration::from_secs(a.seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..a.concurrency {
        let (client, url, token) = (client.clone(), a.url.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0u64;
            while Instant::now() < deadline {
                let t = Instant::now();
                match client.get(&url).bearer_auth(&token).send().await {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                        lat.push(t.elapsed().as_micros() as u64);
                    }
                    _ => errors += 1,
                }
            }
            (lat, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await?;
        all.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort_unstable();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0) as f64
            / 1000.0
    };
    println!(
        "requests={} errors={errors} seconds={elapsed:.1} rps={:.0} p50_ms={:.2} p90_ms={:.2} p99_ms={:.2} max_ms={:.2}",
        all.len(),
        all.len() as f64 / elapsed,
        pct(0.50),
        pct(0.90),
        pct(0.99),
        all.last().copied().unwrap_or(0) as f64 / 1000.0
    );
    Ok(())
}

/// Posts the rows of a CSV to the resolve endpoint from `concurrency` clients.
async fn resolve_load(
    a: &Args,
    client: &reqwest::Client,
    base: &str,
    token: &str,
    path: &str,
) -> anyhow::Result<()> {
    let mut reader = csv::Reader::from_path(path)?;
    let headers = reader.headers()?.clone();
    let mut bodies = Vec::new();
    for rec in reader.records() {
        let rec = rec?;
        let mut body = serde_json::json!({ "source": a.source });
        for (h, v) in headers.iter().zip(rec.iter()) {
            match h {
                "id" => body["source_id"] = serde_json::json!(v),
                "cnic" | "name" | "father_name" | "gender" | "dob" | "district" | "address"
                | "phone"
                    if !v.is_empty() =>
                {
                    body[h] = serde_json::json!(v)
                }
                _ => {}
            }
        }
        bodies.push(body);
    }
    let bodies = std::sync::Arc::new(bodies);
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(a.seconds);
    let started = Instant::now();
    let url = format!("{base}/api/v1/persons/resolve");
    let mut tasks = Vec::new();
    for _ in 0..a.concurrency {
        let (client, url, token, bodies, next) = (
            client.clone(),
            url.clone(),
            token.to_owned(),
            bodies.clone(),
            next.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut decisions = std::collections::BTreeMap::<String, u64>::new();
            let mut errors = 0u64;
            while Instant::now() < deadline {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(body) = bodies.get(i) else { break };
                let t = Instant::now();
                match client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(body)
                    .send()
                    .await
                {
                    Ok(r) if r.status().is_success() => {
                        let v: serde_json::Value = r.json().await.unwrap_or_default();
                        lat.push(t.elapsed().as_micros() as u64);
                        *decisions
                            .entry(v["decision"].as_str().unwrap_or("?").to_owned())
                            .or_default() += 1;
                    }
                    _ => errors += 1,
                }
            }
            (lat, decisions, errors)
        }));
    }
    let (mut all, mut decisions, mut errors) = (
        Vec::new(),
        std::collections::BTreeMap::<String, u64>::new(),
        0,
    );
    for t in tasks {
        let (l, d, e) = t.await?;
        all.extend(l);
        for (k, v) in d {
            *decisions.entry(k).or_default() += v;
        }
        errors += e;
    }
    all.sort_unstable();
    let elapsed = started.elapsed().as_secs_f64();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0) as f64
            / 1000.0
    };
    println!(
        "resolves={} errors={errors} seconds={elapsed:.1} rps={:.0} p50_ms={:.2} p90_ms={:.2} p99_ms={:.2} max_ms={:.2} decisions={decisions:?}",
        all.len(),
        all.len() as f64 / elapsed,
        pct(0.50),
        pct(0.90),
        pct(0.99),
        all.last().copied().unwrap_or(0) as f64 / 1000.0
    );
    Ok(())
}
