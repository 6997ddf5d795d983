//! Indexing and query-latency benchmark on synthetic e-filing notes.
//!
//! cargo run --release --example search_bench -- --notes 1000000 \
//!     --dir /tmp/kb/sb-index [--queries 2000] [--reuse]

use std::path::{Path, PathBuf};
use std::time::Instant;

use daftar_filing::search::{Doc, DocKind, Index, Query};

const TENANT: &str = "punjab";
const FILES: u64 = 100_000;
const DEPARTMENTS: [&str; 10] = [
    "admin",
    "finance",
    "health",
    "education",
    "revenue",
    "police",
    "irrigation",
    "law",
    "planning",
    "transport",
];
const BATCH: usize = 50_000;
const HEAP_BYTES: usize = 200_000_000;

/// splitmix64: tiny deterministic PRNG.
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
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn mix(x: u64) -> u64 {
    Rng(x).next()
}

/// A vocabulary whose words are drawn with a Zipf(1) skew.
struct Vocab {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocab {
    fn new(words: Vec<String>) -> Vocab {
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|r| {
                total += 1.0 / (r as f64 + 1.0);
                total
            })
            .collect();
        Vocab { words, cumulative }
    }
    fn zipf(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }
    /// A word of rank in `lo..hi` (uniform).
    fn ranked(&self, rng: &mut Rng, lo: usize, hi: usize) -> &str {
        &self.words[rng.range(lo as u64, hi.min(self.words.len()) as u64 - 1) as usize]
    }
}

fn generate(rng: &mut Rng, n: usize, parts: &[&str], min: u64, max: u64) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let k = rng.range(min, max);
        let w: String = (0..k)
            .map(|_| parts[rng.below(parts.len() as u64) as usize])
            .collect();
        if seen.insert(w.clone()) {
            out.push(w);
        }
    }
    out
}

fn vocabularies() -> (Vocab, Vocab) {
    let mut rng = Rng(42);
    let mut syllables = Vec::new();
    for c in [
        "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "sh", "ch", "tr",
    ] {
        for v in ["a", "e", "i", "o", "u", "ai", "ou"] {
            syllables.push(format!("{c}{v}"));
        }
    }
    let syl: Vec<&str> = syllables.iter().map(String::as_str).collect();
    let english = generate(&mut rng, 5_000, &syl, 2, 4);
    let letters: Vec<String> = "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنوہھءیے"
        .chars()
        .map(String::from)
        .collect();
    let letters: Vec<&str> = letters.iter().map(String::as_str).collect();
    let urdu = generate(&mut rng, 1_000, &letters, 3, 6);
    (Vocab::new(english), Vocab::new(urdu))
}

fn is_confidential(file: u64) -> bool {
    mix(file ^ 0xC0FF_EE00) % 100 < 3
}

fn note(i: u64, en: &Vocab, ur: &Vocab) -> Doc {
    let file = i % FILES;
    // The subject belongs to the file: same words for all its notes.
    let mut frng = Rng(mix(file));
    let urdu_file = frng.chance(30);
    let pick = |rng: &mut Rng, urdu_share: u64| -> String {
        if rng.chance(urdu_share) {
            ur.zipf(rng).to_string()
        } else {
            en.zipf(rng).to_string()
        }
    };
    let share = if urdu_file { 80 } else { 10 };
    let mut title = format!("SO(ADMIN)1-{file}/2024");
    for _ in 0..frng.range(4, 8) {
        title.push(' ');
        title.push_str(&pick(&mut frng, share));
    }
    let mut rng = Rng(mix(i ^ 0xABCD_EF01_2345_6789));
    let n = rng.range(20, 60) as usize;
    let text = (0..n)
        .map(|_| pick(&mut rng, share))
        .collect::<Vec<_>>()
        .join(" ");
    Doc {
        tenant: TENANT.into(),
        doc_id: format!("note:{i}"),
        file_id: Some(format!("file:{file}")),
        kind: DocKind::Note,
        confidential: is_confidential(file),
        department: DEPARTMENTS[(mix(file ^ 7) % 10) as usize].into(),
        title,
        text,
        at: format!(
            "2024-{:02}-{:02}T{:02}:{:02}:00Z",
            1 + i % 12,
            1 + i % 28,
            i % 24,
            i % 60
        ),
    }
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

struct Args {
    notes: u64,
    dir: PathBuf,
    queries: usize,
    reuse: bool,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        notes: 1_000_000,
        dir: PathBuf::from("/tmp/kb/sb-index"),
        queries: 2000,
        reuse: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--notes" => a.notes = value()?.parse().map_err(|e| format!("--notes: {e}"))?,
            "--queries" => a.queries = value()?.parse().map_err(|e| format!("--queries: {e}"))?,
            "--dir" => a.dir = PathBuf::from(value()?),
            "--reuse" => a.reuse = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Class {
    OneRare,
    OneCommon,
    Two,
    Three,
}

struct Spec {
    class: Class,
    text: String,
    department: Option<&'static str>,
}

fn queries(n: usize, en: &Vocab, ur: &Vocab) -> Vec<Spec> {
    let mut rng = Rng(7);
    (0..n)
        .map(|_| {
            let v = if rng.chance(30) { ur } else { en };
            let (class, text) = match rng.below(10) {
                0 | 1 => (
                    Class::OneRare,
                    v.ranked(&mut rng, v.words.len() / 3, v.words.len())
                        .to_string(),
                ),
                2 | 3 => (Class::OneCommon, v.ranked(&mut rng, 0, 50).to_string()),
                4..=6 => (
                    Class::Two,
                    format!("{} {}", v.zipf(&mut rng), v.zipf(&mut rng)),
                ),
                _ => (
                    Class::Three,
                    format!(
                        "{} {} {}",
                        v.zipf(&mut rng),
                        v.zipf(&mut rng),
                        v.zipf(&mut rng)
                    ),
                ),
            };
            let department = rng.chance(50).then(|| DEPARTMENTS[rng.below(10) as usize]);
            Spec {
                class,
                text,
                department,
            }
        })
        .collect()
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn summary(label: &str, ms: &mut [f64]) {
    ms.sort_by(f64::total_cmp);
    println!(
        "{label:<12} n={:<5} p50={:.2}ms p95={:.2}ms p99={:.2}ms max={:.2}ms",
        ms.len(),
        pct(ms, 0.50),
        pct(ms, 0.95),
        pct(ms, 0.99),
        ms.last().copied().unwrap_or(0.0)
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a = args()?;
    println!(
        "machine: available_parallelism={}",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0)
    );
    let (en, ur) = vocabularies();
    if !a.reuse && a.dir.exists() {
        std::fs::remove_dir_all(&a.dir)?;
    }
    let index = Index::open_with_heap(&a.dir, HEAP_BYTES)?;
    let existing = index.count(TENANT)?;
    if a.reuse && existing > 0 {
        println!("reusing index at {} with {existing} docs", a.dir.display());
    } else {
        let start = Instant::now();
        let mut i = 0;
        while i < a.notes {
            let end = (i + BATCH as u64).min(a.notes);
            let batch: Vec<Doc> = (i..end).map(|k| note(k, &en, &ur)).collect();
            index.upsert(&batch)?;
            i = end;
            println!(
                "indexed {i}/{} in {:.1}s, segments={}",
                a.notes,
                start.elapsed().as_secs_f64(),
                index.segment_count()
            );
        }
        let indexed = start.elapsed();
        index.wait_for_merges()?;
        println!(
            "indexing: {} notes in {:.1}s ({:.0} docs/s); +merges done at {:.1}s",
            a.notes,
            indexed.as_secs_f64(),
            a.notes as f64 / indexed.as_secs_f64(),
            start.elapsed().as_secs_f64()
        );
    }
    println!(
        "index: {} docs, {} segments, {:.1} MiB on disk",
        index.count(TENANT)?,
        index.segment_count(),
        dir_size(&a.dir) as f64 / (1024.0 * 1024.0)
    );

    // A reader who has seen 300 confidential files.
    let allowed: Vec<String> = (0..FILES)
        .filter(|&f| is_confidential(f))
        .step_by(10)
        .take(300)
        .map(|f| format!("file:{f}"))
        .collect();
    let specs = queries(a.queries + 100, &en, &ur);
    let run = |s: &Spec| {
        index.search(&Query {
            tenant: TENANT,
            text: &s.text,
            kinds: &[],
            department: s.department,
            allowed_confidential: &allowed,
            limit: 20,
        })
    };
    for s in &specs[..100] {
        run(s)?;
    }
    let mut all = Vec::new();
    let mut by_class: Vec<(Class, Vec<f64>)> =
        [Class::OneRare, Class::OneCommon, Class::Two, Class::Three]
            .into_iter()
            .map(|c| (c, Vec::new()))
            .collect();
    let mut zero = 0;
    let mut full = 0;
    let mut hits_total = 0;
    for s in &specs[100..] {
        let t = Instant::now();
        let hits = run(s)?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        all.push(ms);
        if let Some((_, v)) = by_class.iter_mut().find(|(c, _)| *c == s.class) {
            v.push(ms);
        }
        hits_total += hits.len();
        match hits.len() {
            0 => zero += 1,
            20 => full += 1,
            _ => {}
        }
    }
    println!("queries (limit 20, 300 allowed confidential files, half with department filter):");
    summary("all", &mut all);
    for (c, v) in &mut by_class {
        summary(&format!("{c:?}"), v);
    }
    println!(
        "hits: {zero} queries with 0 hits, {full} with 20 (full page), {} with 1-19; mean {:.1}",
        all.len() - zero - full,
        hits_total as f64 / all.len().max(1) as f64
    );
    Ok(())
}
