//! `daftar match`: record linkage over CSV files, synthetic test data, and evaluation.

use std::{
    collections::{HashMap, HashSet},
    fs::File,
    io::{BufWriter, IsTerminal, Write},
    path::{Path, PathBuf},
    time::Instant,
};

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use daftar_linkage::{DatasetBuilder, Options, Profile, ReadError, Stage, evaluate, run, synth};

#[derive(Subcommand)]
pub enum MatchCommand {
    /// Find records of one file that are the same person.
    #[command(
        after_help = "Example:\n  daftar match dedupe --profile person --input people.csv --pairs pairs.csv --clusters clusters.csv"
    )]
    Dedupe {
        #[command(flatten)]
        common: Common,
        /// The records (CSV with a header).
        #[arg(long)]
        input: PathBuf,
        /// Also write `id,cluster` for every record.
        #[arg(long)]
        clusters: Option<PathBuf>,
    },
    /// Find records of two files that are the same person (pairs are left id, right id).
    #[command(
        after_help = "Example:\n  daftar match link --profile febrl --left dataset4a.csv --right dataset4b.csv --pairs pairs.csv"
    )]
    Link {
        #[command(flatten)]
        common: Common,
        #[arg(long)]
        left: PathBuf,
        #[arg(long)]
        right: PathBuf,
    },
    /// Why two records of a file score as they do: the learned weight of each field.
    #[command(
        after_help = "Example:\n  daftar match explain --profile person --input people.csv --pairs /dev/null --a r0000012 --b r0004711"
    )]
    Explain {
        #[command(flatten)]
        common: Common,
        #[arg(long)]
        input: PathBuf,
        /// The two record ids.
        #[arg(long)]
        a: String,
        #[arg(long)]
        b: String,
    },
    /// Write synthetic Pakistani person records with known truth (the `entity` column).
    #[command(
        after_help = "Example:\n  daftar match generate --records 100000 --seed 7 --out people-100k.csv"
    )]
    Generate {
        #[arg(long, default_value_t = 100_000)]
        records: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Pairwise precision, recall and F1 of a pairs file against the truth.
    #[command(
        after_help = "Examples:\n  daftar match evaluate --pairs pairs.csv --truth people-100k.csv --entity-column entity\n  daftar match evaluate --pairs pairs.csv --truth dataset3.csv --febrl"
    )]
    Evaluate {
        #[arg(long)]
        pairs: PathBuf,
        /// A CSV holding every record's id and true entity (for a link: the left file).
        #[arg(long)]
        truth: PathBuf,
        /// For a link: the right file (its ids are the right side).
        #[arg(long)]
        truth_right: Option<PathBuf>,
        #[arg(long, default_value = "id")]
        id_column: String,
        /// The column naming each record's true entity.
        #[arg(long, default_value = "entity")]
        entity_column: String,
        /// FEBRL ids carry the truth: rec-N-org and rec-N-dup-K are entity N.
        #[arg(long)]
        febrl: bool,
    },
}

#[derive(Args)]
pub struct Common {
    /// `person`, `febrl`, or a TOML profile file.
    #[arg(long)]
    profile: String,
    /// Where to write `id_a,id_b,probability`.
    #[arg(long)]
    pairs: PathBuf,
    /// Report pairs at or above this match probability.
    #[arg(long, default_value_t = 0.5)]
    threshold: f64,
    /// Stop at the first malformed row instead of skipping it.
    #[arg(long)]
    strict: bool,
    /// No progress bars.
    #[arg(long)]
    quiet: bool,
    /// Also write the learned model (m and u per field and level, the prior) as JSON.
    #[arg(long)]
    model_out: Option<PathBuf>,
}

fn load_profile(name: &str) -> anyhow::Result<Profile> {
    if let Some(p) = Profile::builtin(name) {
        return Ok(p);
    }
    let text = std::fs::read_to_string(name).with_context(|| {
        format!("{name} is neither a built-in profile (person, febrl) nor a readable file")
    })?;
    Ok(Profile::from_toml(&text)?)
}

pub fn bar(quiet: bool, message: &str) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let b = ProgressBar::new_spinner();
    b.set_style(
        ProgressStyle::with_template("{spinner} {msg} {pos} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    b.set_message(message.to_owned());
    b.enable_steady_tick(std::time::Duration::from_millis(120));
    b
}

fn read(builder: &mut DatasetBuilder<'_>, path: &Path, c: &Common) -> anyhow::Result<()> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let pb = bar(c.quiet, &format!("reading {}", path.display()));
    let rejected = builder.add_csv(
        std::io::BufReader::with_capacity(1 << 20, file),
        c.strict,
        &mut |n| pb.set_position(n as u64),
    );
    pb.finish_and_clear();
    match rejected {
        Ok(rows) => {
            for r in rows.iter().take(50) {
                eprintln!("{}:{}: skipped: {}", path.display(), r.line, r.reason);
            }
            if rows.len() > 50 {
                eprintln!("{}: {} more rows skipped", path.display(), rows.len() - 50);
            }
            Ok(())
        }
        Err(ReadError::Strict(r)) => bail!(
            "{}:{}: {} (stopped: --strict)",
            path.display(),
            r.line,
            r.reason
        ),
        Err(e) => bail!("{}: {e}", path.display()),
    }
}

fn linkage(
    c: &Common,
    inputs: &[&Path],
) -> anyhow::Result<(daftar_linkage::Dataset, daftar_linkage::Outcome)> {
    if !(0.0..=1.0).contains(&c.threshold) {
        bail!("--threshold is a probability between 0 and 1");
    }
    let profile = load_profile(&c.profile)?;
    let started = Instant::now();
    let mut builder = DatasetBuilder::new(&profile);
    for (i, path) in inputs.iter().enumerate() {
        read(&mut builder, path, c)?;
        if i == 0 && inputs.len() > 1 {
            builder.end_left();
        }
    }
    let ds = builder.finish();
    let read_secs = started.elapsed().as_secs_f64();
    let pb = bar(c.quiet, "linking");
    let mut stages: Vec<(String, Instant)> = Vec::new();
    let outcome = run(
        &ds,
        &profile,
        &Options {
            threshold: c.threshold,
            ..Options::default()
        },
        &mut |stage| {
            let name = format!("{stage:?}");
            let name = name.split([' ', '{']).next().unwrap_or("").to_lowercase();
            stages.push((name, Instant::now()));
            pb.set_message(match stage {
                Stage::Blocking => "blocking".to_owned(),
                Stage::Comparing { pairs } => format!("comparing {pairs} candidate pairs"),
                Stage::Training => "learning m and u".to_owned(),
                Stage::Scoring => "scoring".to_owned(),
                Stage::Clustering => "clustering".to_owned(),
            });
        },
    );
    pb.finish_and_clear();
    stages.push(("end".to_owned(), Instant::now()));
    let timing: Vec<String> = stages
        .windows(2)
        .map(|w| format!("{} {:.2} s", w[0].0, (w[1].1 - w[0].1).as_secs_f64()))
        .collect();
    let mut out = BufWriter::with_capacity(
        1 << 20,
        File::create(&c.pairs).with_context(|| format!("creating {}", c.pairs.display()))?,
    );
    writeln!(out, "id_a,id_b,probability")?;
    for m in &outcome.matches {
        writeln!(
            out,
            "{},{},{:.6}",
            csv_field(&ds.ids[m.a as usize]),
            csv_field(&ds.ids[m.b as usize]),
            m.probability
        )?;
    }
    out.flush()?;
    eprintln!(
        "{} records read in {read_secs:.2} s; {} candidate pairs; {} pairs at or above {} written to {} ({:.2} s in all)",
        ds.len(),
        outcome.candidates,
        outcome.matches.len(),
        c.threshold,
        c.pairs.display(),
        started.elapsed().as_secs_f64()
    );
    eprintln!("stages: {}", timing.join(", "));
    if let Some(path) = &c.model_out {
        std::fs::write(path, serde_json::to_string_pretty(&outcome.model)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let rules: Vec<String> = outcome
        .per_rule
        .iter()
        .map(|(name, pairs, skipped)| {
            if *skipped > 0 {
                format!("{name} {pairs} ({skipped} large blocks skipped)")
            } else {
                format!("{name} {pairs}")
            }
        })
        .collect();
    eprintln!("pairs by blocking rule: {}", rules.join(", "));
    Ok((ds, outcome))
}

/// Quotes a CSV field when it needs it.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn read_truth(
    path: &Path,
    id_column: &str,
    entity_column: &str,
    febrl: bool,
) -> anyhow::Result<HashMap<String, String>> {
    let mut r = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("reading {}", path.display()))?;
    let headers = r.headers()?.clone();
    let id_name = if febrl { "rec_id" } else { id_column };
    let id = headers
        .iter()
        .position(|h| h == id_name)
        .with_context(|| format!("{} has no {id_name} column", path.display()))?;
    let ent = if febrl {
        None
    } else {
        Some(
            headers
                .iter()
                .position(|h| h == entity_column)
                .with_context(|| format!("{} has no {entity_column} column", path.display()))?,
        )
    };
    let mut out = HashMap::new();
    // Rows the linkage skipped as malformed are skipped here too.
    for rec in r.records().filter_map(Result::ok) {
        let i = rec.get(id).unwrap_or("").to_owned();
        let e = match ent {
            Some(c) => rec.get(c).unwrap_or("").to_owned(),
            None => evaluate::febrl_entity(&i),
        };
        out.insert(i, e);
    }
    Ok(out)
}

pub fn run_command(cmd: MatchCommand) -> anyhow::Result<()> {
    match cmd {
        MatchCommand::Explain {
            common,
            input,
            a,
            b,
        } => {
            let profile = load_profile(&common.profile)?;
            let (ds, outcome) = linkage(&common, &[&input])?;
            let find = |id: &str| {
                ds.ids
                    .iter()
                    .position(|x| &**x == id)
                    .with_context(|| format!("no record {id}"))
            };
            let (ia, ib) = (find(&a)?, find(&b)?);
            let (p, evidence) = daftar_linkage::run::explain(&ds, &profile, &outcome.model, ia, ib);
            println!(
                "{a} ~ {b}: match probability {p:.4} (prior {:.2} bits)",
                outcome.model.prior_weight
            );
            for e in evidence {
                println!(
                    "  {:<14} {:<20} {:+.2}{}",
                    e.field,
                    e.level,
                    e.weight,
                    if e.tf_adjusted {
                        " (term frequency)"
                    } else {
                        ""
                    }
                );
            }
        }
        MatchCommand::Dedupe {
            common,
            input,
            clusters,
        } => {
            let (ds, outcome) = linkage(&common, &[&input])?;
            if let (Some(path), Some(labels)) = (clusters, &outcome.clusters) {
                let mut out = BufWriter::with_capacity(
                    1 << 20,
                    File::create(&path).with_context(|| format!("creating {}", path.display()))?,
                );
                writeln!(out, "id,cluster")?;
                for (i, l) in labels.iter().enumerate() {
                    writeln!(
                        out,
                        "{},{}",
                        csv_field(&ds.ids[i]),
                        csv_field(&ds.ids[*l as usize])
                    )?;
                }
                out.flush()?;
                let n: HashSet<&u32> = labels.iter().collect();
                eprintln!("{} clusters written to {}", n.len(), path.display());
            }
        }
        MatchCommand::Link {
            common,
            left,
            right,
        } => {
            linkage(&common, &[&left, &right])?;
        }
        MatchCommand::Generate { records, seed, out } => {
            let file = BufWriter::with_capacity(
                1 << 20,
                File::create(&out).with_context(|| format!("creating {}", out.display()))?,
            );
            let cfg = synth::SynthConfig {
                records,
                seed,
                ..synth::SynthConfig::default()
            };
            let stats = synth::generate(&cfg, file)?;
            eprintln!(
                "{} records of {} people ({} true pairs) written to {}",
                stats.records,
                stats.entities,
                stats.true_pairs,
                out.display()
            );
        }
        MatchCommand::Evaluate {
            pairs,
            truth,
            truth_right,
            id_column,
            entity_column,
            febrl,
        } => {
            let mut entity = read_truth(&truth, &id_column, &entity_column, febrl)?;
            let right = match &truth_right {
                Some(p) => {
                    let r = read_truth(p, &id_column, &entity_column, febrl)?;
                    let ids: HashSet<String> = r.keys().cloned().collect();
                    entity.extend(r);
                    Some(ids)
                }
                None => None,
            };
            let mut r = csv::Reader::from_path(&pairs)
                .with_context(|| format!("reading {}", pairs.display()))?;
            let rows: Vec<(String, String)> = r
                .records()
                .filter_map(Result::ok)
                .map(|rec| {
                    (
                        rec.get(0).unwrap_or("").to_owned(),
                        rec.get(1).unwrap_or("").to_owned(),
                    )
                })
                .collect();
            let s = evaluate::pairwise(
                rows.iter().map(|(a, b)| (a.as_str(), b.as_str())),
                &entity,
                right.as_ref(),
            );
            println!(
                "true_pairs={} found={} true_positives={} precision={:.5} recall={:.5} f1={:.5}",
                s.true_pairs, s.found, s.true_positives, s.precision, s.recall, s.f1
            );
        }
    }
    Ok(())
}
