//! Importing a file of person records from one source: bad rows go to a rejects file with
//! the reason; the rest are resolved after the province's model is retrained on the file:
//! into an empty registry all at once by batch linkage (`bulk.rs`), otherwise row by row
//! in transactions of a few hundred. Importing the same file again changes nothing:
//! (source, id) is resolved once; so a first load stopped halfway keeps what it committed,
//! and running the import again resolves the rest row by row.

use std::{collections::HashMap, io::Write, path::Path};

use daftar_linkage::{Dataset, DatasetBuilder, Options, Profile};
use daftar_platform::{Db, Error, Result, audit::Actor};

use super::{Decision, Setup, SourceRecord, resolve_in, save_model, validate};

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub read: u64,
    pub rejected: u64,
    pub replayed: u64,
    pub matched: u64,
    pub possible: u64,
    pub new: u64,
    /// Whether the province's model was retrained on this file.
    pub trained: bool,
}

/// Rows resolved per transaction.
const CHUNK: usize = 500;
/// Files at least this large retrain the model.
const TRAIN_AT: usize = 1000;

/// English words for the rejects file.
fn reason(e: &Error) -> String {
    match e {
        Error::Validation(fields) => fields
            .iter()
            .map(|f| format!("{}: {}", f.field, english(&f.message)))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

fn english(id: &str) -> &'static str {
    match id {
        "err-person-source" => "the source is 1-40 small letters, digits, _ or -",
        "err-person-source-id" => "the id is missing or longer than 100 characters",
        "err-person-field" => "longer than 200 characters or contains control characters",
        "err-person-name-or-cnic" => "a record needs a name or a CNIC",
        "err-cnic" => "not a CNIC (13 digits, like 35202-1234567-1)",
        "err-person-gender" => "gender is M or F (male/female)",
        "err-person-dob" => "not a date (YYYY-MM-DD, DD/MM/YYYY, YYYYMMDD or a year)",
        "err-person-phone" => "not a phone number",
        _ => "invalid",
    }
}

/// Resolves `records` in one transaction and counts what was decided.
async fn resolve_chunk(
    db: &Db,
    actor: &Actor,
    profile: &Profile,
    setup: &Setup,
    records: &[SourceRecord],
    report: &mut ImportReport,
) -> Result<()> {
    let mut tx = db.begin().await?;
    for r in records {
        let res = resolve_in(&mut tx, actor, profile, setup, r).await?;
        match (res.replayed, res.decision) {
            (true, _) => report.replayed += 1,
            (false, Decision::Match) => report.matched += 1,
            (false, Decision::Possible) => report.possible += 1,
            (false, Decision::New) => report.new += 1,
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A file's valid rows split for a first load.
struct BulkRecords {
    /// Loaded at once: (index in the dataset, record).
    bulk: Vec<(u32, SourceRecord)>,
    /// Resolved one by one afterwards.
    rest: Vec<SourceRecord>,
}

/// The valid rows of `path` for a first load, each with its record in `ds`; and the rest
/// to resolve one by one: a repeated id, or a valid row whose id's first row (the one the
/// dataset holds) was not valid.
fn bulk_records(
    path: &Path,
    ds: &Dataset,
    to_record: &dyn Fn(&csv::StringRecord) -> SourceRecord,
) -> Result<BulkRecords> {
    let index: HashMap<&str, u32> = ds
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| (&**id, i as u32))
        .collect();
    let mut seen = vec![false; ds.len()];
    let (mut bulk, mut rest) = (Vec::new(), Vec::new());
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| Error::Internal(e.to_string()))?;
    for rec in reader.records().flatten() {
        let r = to_record(&rec);
        let valid = validate(&r).is_ok();
        match index.get(r.source_id.trim()) {
            Some(&i) if !seen[i as usize] => {
                seen[i as usize] = true;
                if valid {
                    bulk.push((i, r));
                }
            }
            _ if valid => rest.push(r),
            _ => {}
        }
    }
    Ok(BulkRecords { bulk, rest })
}

/// Imports `path` (person columns, `id` required) for `actor`'s province.
pub async fn import(
    db: &Db,
    actor: &Actor,
    source: &str,
    path: &Path,
    rejects: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<ImportReport> {
    let io = |e: std::io::Error| Error::Internal(format!("{}: {e}", path.display()));
    let profile = Profile::person();
    let mut report = ImportReport::default();

    // Pass 1: check every row; write the rejects; count the good ones.
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| Error::Internal(format!("{}: {e}", path.display())))?;
    let headers = reader
        .headers()
        .map_err(|e| Error::Internal(e.to_string()))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let Some(id_col) = col("id") else {
        return Err(Error::Internal(format!(
            "{}: the header has no id column",
            path.display()
        )));
    };
    let cols: Vec<Option<usize>> = super::ATTRIBUTES.iter().map(|a| col(a)).collect();
    let mut out = csv::Writer::from_path(rejects)
        .map_err(|e| Error::Internal(format!("{}: {e}", rejects.display())))?;
    out.write_record(["line", "reason", "id"])
        .map_err(|e| Error::Internal(e.to_string()))?;
    let to_record = |rec: &csv::StringRecord| -> SourceRecord {
        let get = |i: usize| {
            cols[i]
                .and_then(|c| rec.get(c))
                .map(str::to_owned)
                .filter(|v| !v.is_empty())
        };
        SourceRecord {
            source: source.to_owned(),
            source_id: rec.get(id_col).unwrap_or("").to_owned(),
            cnic: get(0),
            name: get(1),
            father_name: get(2),
            gender: get(3),
            dob: get(4),
            district: get(5),
            address: get(6),
            phone: get(7),
        }
    };
    let mut good = 0usize;
    for row in reader.records() {
        report.read += 1;
        let problem = match row {
            Err(e) => Some((
                e.position().map(|p| p.line()).unwrap_or(0),
                e.to_string(),
                String::new(),
            )),
            Ok(rec) => {
                let line = rec.position().map(|p| p.line()).unwrap_or(0);
                match validate(&to_record(&rec)) {
                    Ok(()) => {
                        good += 1;
                        None
                    }
                    Err(e) => Some((line, reason(&e), rec.get(id_col).unwrap_or("").to_owned())),
                }
            }
        };
        if let Some((line, why, id)) = problem {
            report.rejected += 1;
            out.write_record([line.to_string(), why, id])
                .map_err(|e| Error::Internal(e.to_string()))?;
        }
    }
    out.flush().map_err(io)?;

    // Retrain the province's model on the file itself when it is big enough; into an
    // empty registry, the same run also resolves the whole file at once.
    let mut first_load = None;
    if good >= TRAIN_AT {
        let mut conn = db.pool().acquire().await?;
        let empty = super::store::registry_empty(&mut conn, &actor.tenant).await?;
        drop(conn);
        let mut b = DatasetBuilder::new(&profile);
        let file = std::fs::File::open(path).map_err(io)?;
        b.add_csv(std::io::BufReader::new(file), false, &mut |_| {})
            .map_err(|e| Error::Internal(e.to_string()))?;
        let ds = b.finish();
        let opts = Options {
            threshold: super::POSSIBLE_AT,
            cluster: false,
            ..Options::default()
        };
        let outcome = daftar_linkage::run(&ds, &profile, &opts, &mut |_| {});
        save_model(db, actor, &outcome.model, ds.len()).await?;
        report.trained = true;
        if empty {
            first_load = Some((ds, outcome.matches));
        }
    }
    let setup = {
        let mut conn = db.pool().acquire().await?;
        super::load_setup(&mut conn, &actor.tenant).await?
    };
    if let Some((ds, matches)) = first_load {
        let BulkRecords { bulk, rest } = bulk_records(path, &ds, &to_record)?;
        let loaded =
            super::bulk::first_load(db, actor, &profile, &setup, &ds, &matches, bulk, progress)
                .await?;
        report.matched += loaded.matched;
        report.possible += loaded.possible;
        report.new += loaded.new;
        for chunk in rest.chunks(CHUNK) {
            resolve_chunk(db, actor, &profile, &setup, chunk, &mut report).await?;
        }
        return Ok(report);
    }

    // Pass 2: resolve the good rows, a chunk per transaction.
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| Error::Internal(e.to_string()))?;
    let mut chunk: Vec<SourceRecord> = Vec::with_capacity(CHUNK);
    let mut done = 0u64;
    let mut rows = reader.records();
    loop {
        let next = rows.next();
        if let Some(Ok(rec)) = &next {
            let r = to_record(rec);
            if validate(&r).is_ok() {
                chunk.push(r);
            }
        }
        if chunk.len() == CHUNK || (next.is_none() && !chunk.is_empty()) {
            resolve_chunk(db, actor, &profile, &setup, &chunk, &mut report).await?;
            done += chunk.len() as u64;
            chunk.clear();
            progress(done);
        }
        if next.is_none() {
            break;
        }
    }
    let _ = std::io::stderr().flush();
    Ok(report)
}
