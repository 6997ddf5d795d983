//! Reading records into columns of normalised, interned values. Input is streamed in
//! batches (normalised in parallel), so memory holds the normalised columns, not the
//! file. Malformed rows are reported with their line number and skipped, or stop the
//! run in strict mode.

use std::{collections::HashMap, io::Read};

use rayon::prelude::*;

use crate::{
    normalise,
    profile::{Normaliser, Profile},
};

/// The value id of a missing value.
pub const MISSING: u32 = u32::MAX;

/// A fast hasher for interning values and ids (the keys are our own data, not an
/// attacker's, so SipHash's flood resistance buys nothing here).
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 =
                (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        // Mix high bits into low ones: hash tables index by the low bits.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
}

/// Builds [`FastHasher`]s.
pub type FastState = std::hash::BuildHasherDefault<FastHasher>;

/// Distinct values of a column, stored end to end in one string (one allocation for
/// all of them, not one each).
#[derive(Debug, Default)]
pub struct Dict {
    text: String,
    ends: Vec<usize>,
}

impl Dict {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn push(&mut self, s: &str) -> u32 {
        self.text.push_str(s);
        self.ends.push(self.text.len());
        (self.ends.len() - 1) as u32
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| &self[i])
    }
}

impl std::ops::Index<usize> for Dict {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// A hasher for keys that are already hashes.
#[derive(Default, Clone, Copy)]
pub struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

fn hash_str(s: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = FastState::default().build_hasher();
    h.write(s.as_bytes());
    h.finish()
}

/// One field over all records: a value id per record, and each distinct value once.
#[derive(Debug, Default)]
pub struct Column {
    pub values: Vec<u32>,
    pub dict: Dict,
    /// How many records hold each distinct value.
    pub counts: Vec<u32>,
    /// Records with any value.
    pub non_null: u64,
    /// Value ids by the 64-bit hash of the value (two distinct values sharing a hash
    /// is a one-in-10^7 event over a million values; it would merely merge them).
    index: HashMap<u64, u32, std::hash::BuildHasherDefault<IdentityHasher>>,
}

impl Column {
    fn push(&mut self, v: Option<String>) {
        match v {
            None => self.values.push(MISSING),
            Some(s) => {
                let h = hash_str(&s);
                let id = match self.index.get(&h) {
                    Some(id) => *id,
                    None => {
                        let id = self.dict.push(&s);
                        self.counts.push(0);
                        self.index.insert(h, id);
                        id
                    }
                };
                self.counts[id as usize] += 1;
                self.non_null += 1;
                self.values.push(id);
            }
        }
    }

    /// The normalised value of record `i`, if any.
    pub fn get(&self, i: usize) -> Option<&str> {
        match self.values[i] {
            MISSING => None,
            id => Some(&self.dict[id as usize]),
        }
    }
}

/// Records ready for linkage. In a link run, records `0..left_len` come from the left
/// file and the rest from the right.
#[derive(Debug, Default)]
pub struct Dataset {
    pub ids: Vec<Box<str>>,
    pub columns: Vec<Column>,
    pub left_len: usize,
    /// The same value ids, record by record (`rows[i * columns.len() + f]`): comparing a
    /// pair then touches two cache lines instead of two per field.
    pub rows: Vec<u32>,
}

impl Dataset {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Record `i`'s value ids, one per field.
    pub fn row(&self, i: usize) -> &[u32] {
        let nf = self.columns.len();
        &self.rows[i * nf..(i + 1) * nf]
    }
}

/// A row that was not taken, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// Line in the file (the header is line 1).
    pub line: u64,
    pub reason: String,
}

/// Why reading stopped.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Csv(String),
    #[error("the header has no {0:?} column (the id column the profile names)")]
    NoIdColumn(String),
    #[error("line {}: {}", .0.line, .0.reason)]
    Strict(Rejected),
}

/// Builds a dataset from one file (dedupe) or two (link).
pub struct DatasetBuilder<'p> {
    profile: &'p Profile,
    ds: Dataset,
    /// Record index by the hash of its id (checked against the id itself on a hit).
    seen: HashMap<u64, u32, std::hash::BuildHasherDefault<IdentityHasher>>,
    /// Ids whose hash another id already has: kept whole, so a duplicate is never missed.
    collided: std::collections::HashSet<Box<str>>,
}

const BATCH: usize = 16384;

impl<'p> DatasetBuilder<'p> {
    pub fn new(profile: &'p Profile) -> Self {
        let columns = profile.fields.iter().map(|_| Column::default()).collect();
        DatasetBuilder {
            profile,
            ds: Dataset {
                columns,
                ..Dataset::default()
            },
            seen: Default::default(),
            collided: Default::default(),
        }
    }

    /// Reads every row of a CSV file. Returns the rows that were skipped (in strict mode
    /// the first one stops the read instead). `progress` is told how many records have
    /// been taken so far, after each batch.
    pub fn add_csv<R: Read>(
        &mut self,
        input: R,
        strict: bool,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Vec<Rejected>, ReadError> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(false)
            .from_reader(input);
        let headers = reader
            .headers()
            .map_err(|e| ReadError::Csv(e.to_string()))?
            .clone();
        let position = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
        let id_col = position(&self.profile.id_column)
            .ok_or_else(|| ReadError::NoIdColumn(self.profile.id_column.clone()))?;
        let field_cols: Vec<Vec<Option<usize>>> = self
            .profile
            .fields
            .iter()
            .map(|f| f.columns.iter().map(|c| position(c)).collect())
            .collect();
        let mut rejected = Vec::new();
        // Records are read into a reused batch, so no row is allocated twice.
        let mut batch: Vec<(u64, csv::StringRecord)> =
            (0..BATCH).map(|_| (0, csv::StringRecord::new())).collect();
        let mut filled = 0;
        loop {
            let more = match reader.read_record(&mut batch[filled].1) {
                Ok(more) => more,
                Err(e) => {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    let r = Rejected {
                        line,
                        reason: csv_reason(&e),
                    };
                    if strict {
                        return Err(ReadError::Strict(r));
                    }
                    rejected.push(r);
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        return Err(ReadError::Csv(e.to_string()));
                    }
                    continue;
                }
            };
            if more {
                batch[filled].0 = batch[filled].1.position().map(|p| p.line()).unwrap_or(0);
                filled += 1;
            }
            if filled == BATCH || (!more && filled > 0) {
                self.take_batch(&batch[..filled], id_col, &field_cols, strict, &mut rejected)?;
                filled = 0;
                progress(self.ds.ids.len());
            }
            if !more {
                break;
            }
        }
        Ok(rejected)
    }

    fn take_batch(
        &mut self,
        batch: &[(u64, csv::StringRecord)],
        id_col: usize,
        field_cols: &[Vec<Option<usize>>],
        strict: bool,
        rejected: &mut Vec<Rejected>,
    ) -> Result<(), ReadError> {
        // Ids first (in order: a duplicate is the later row).
        let mut accepted = vec![false; batch.len()];
        for (k, (line, rec)) in batch.iter().enumerate() {
            let id = rec.get(id_col).unwrap_or("").trim();
            let problem = if id.is_empty() {
                Some("the id is empty".to_owned())
            } else if self.is_duplicate(id) {
                Some(format!("the id {id:?} appears twice"))
            } else {
                None
            };
            if let Some(reason) = problem {
                let r = Rejected {
                    line: *line,
                    reason,
                };
                if strict {
                    return Err(ReadError::Strict(r));
                }
                rejected.push(r);
                continue;
            }
            self.ds.ids.push(id.into());
            accepted[k] = true;
        }
        // Then each field: normalised and interned column by column, in parallel.
        let profile = self.profile;
        self.ds
            .columns
            .par_iter_mut()
            .zip(profile.fields.par_iter().zip(field_cols))
            .for_each(|(col, (f, cols))| {
                for ((_, rec), ok) in batch.iter().zip(&accepted) {
                    if *ok {
                        col.push(normalise_field(
                            f.normaliser,
                            &[field_at(rec, cols, 0), field_at(rec, cols, 1)],
                            profile,
                        ));
                    }
                }
            });
        Ok(())
    }

    /// Whether `id` was taken already; if not, remembers it.
    fn is_duplicate(&mut self, id: &str) -> bool {
        let next = self.ds.ids.len() as u32;
        match self.seen.entry(hash_str(id)) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(next);
                false
            }
            std::collections::hash_map::Entry::Occupied(e) => {
                &*self.ds.ids[*e.get() as usize] == id || !self.collided.insert(id.into())
            }
        }
    }

    /// Marks everything read so far as the left side of a link.
    pub fn end_left(&mut self) {
        self.ds.left_len = self.ds.ids.len();
    }

    /// The finished dataset. For a dedupe, `left_len` is the whole.
    pub fn finish(mut self) -> Dataset {
        if self.ds.left_len == 0 {
            self.ds.left_len = self.ds.ids.len();
        }
        for c in &mut self.ds.columns {
            c.index = HashMap::default();
        }
        let nf = self.ds.columns.len();
        let mut rows = vec![MISSING; self.ds.ids.len() * nf];
        for (f, c) in self.ds.columns.iter().enumerate() {
            for (i, v) in c.values.iter().enumerate() {
                rows[i * nf + f] = *v;
            }
        }
        self.ds.rows = rows;
        self.ds
    }
}

/// The raw text of a field's `k`th input column in a record ("" when absent).
fn field_at<'r>(rec: &'r csv::StringRecord, cols: &[Option<usize>], k: usize) -> &'r str {
    cols.get(k)
        .copied()
        .flatten()
        .and_then(|i| rec.get(i))
        .unwrap_or("")
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_owned(),
        _ => e.to_string(),
    }
}

/// One field's normalised value from its raw column(s).
pub fn normalise_field(n: Normaliser, raw: &[&str], profile: &Profile) -> Option<String> {
    let first = raw.first().copied().unwrap_or("").trim();
    match n {
        Normaliser::Clean => Some(normalise::clean(first)).filter(|s| !s.is_empty()),
        Normaliser::Name => normalise::name(first, &profile.names),
        Normaliser::Cnic => normalise::cnic(first),
        Normaliser::Phone => normalise::phone(first),
        Normaliser::Date => normalise::date(first).map(|d| d.key()),
        Normaliser::Text => normalise::text(first),
        Normaliser::Digits => Some(
            first
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>(),
        )
        .filter(|s| !s.is_empty()),
        Normaliser::Gender => normalise::gender(first)
            .or_else(|| {
                raw.get(1)
                    .and_then(|c| normalise::cnic(c))
                    .and_then(|c| normalise::cnic_sex(&c))
            })
            .map(String::from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_normalises_and_reports_bad_rows() {
        let csv = "id,cnic,name,father_name,gender,dob,district,address,phone\n\
                   a1,35202-1234567-1,Syed Muhammad Ali,Ahmed Khan,,07/03/1985,Lahore,H# 5 St 2,0300-1234567\n\
                   a2,3520212345671,M. Ali,,M,1985-03-07,lahore,,+92 300 1234567\n\
                   a3,too,few\n\
                   ,1,x,y,m,1985,Lahore,,\n\
                   a2,,Dup,,,,,,\n";
        let profile = Profile::person();
        let mut b = DatasetBuilder::new(&profile);
        let mut seen = 0;
        let rejected = b
            .add_csv(csv.as_bytes(), false, &mut |n| seen = n)
            .expect("read");
        let ds = b.finish();
        assert_eq!(ds.len(), 2);
        assert_eq!(seen, 2);
        let lines: Vec<u64> = rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![4, 5, 6], "{rejected:?}");
        let cnic = profile.field_index("cnic").expect("cnic");
        assert_eq!(
            ds.columns[cnic].values[0], ds.columns[cnic].values[1],
            "both spellings intern to one value"
        );
        let gender = profile.field_index("gender").expect("gender");
        assert_eq!(
            ds.columns[gender].get(0),
            Some("m"),
            "gender from CNIC parity when missing"
        );
        let mut b = DatasetBuilder::new(&profile);
        let err = b
            .add_csv(csv.as_bytes(), true, &mut |_| {})
            .expect_err("strict stops");
        assert!(
            matches!(err, ReadError::Strict(Rejected { line: 4, .. })),
            "{err}"
        );
        let mut b = DatasetBuilder::new(&profile);
        assert!(matches!(
            b.add_csv("name,dob\nx,1\n".as_bytes(), false, &mut |_| {}),
            Err(ReadError::NoIdColumn(_))
        ));
    }
}
