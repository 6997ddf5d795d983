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

/// One field over all records: a value id per record, and each distinct value once.
#[derive(Debug, Default)]
pub struct Column {
    pub values: Vec<u32>,
    pub dict: Vec<Box<str>>,
    /// How many records hold each distinct value.
    pub counts: Vec<u32>,
    /// Records with any value.
    pub non_null: u64,
    index: HashMap<Box<str>, u32>,
}

impl Column {
    fn push(&mut self, v: Option<String>) {
        match v {
            None => self.values.push(MISSING),
            Some(s) => {
                let id = match self.index.get(s.as_str()) {
                    Some(id) => *id,
                    None => {
                        let id = self.dict.len() as u32;
                        let key: Box<str> = s.into_boxed_str();
                        self.dict.push(key.clone());
                        self.counts.push(0);
                        self.index.insert(key, id);
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
}

impl Dataset {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
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
    seen: std::collections::HashSet<Box<str>>,
}

const BATCH: usize = 8192;

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
        let mut batch: Vec<(u64, csv::StringRecord)> = Vec::with_capacity(BATCH);
        let mut record = csv::StringRecord::new();
        loop {
            let more = match reader.read_record(&mut record) {
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
                let line = record.position().map(|p| p.line()).unwrap_or(0);
                batch.push((line, record.clone()));
            }
            if batch.len() == BATCH || (!more && !batch.is_empty()) {
                self.take_batch(&batch, id_col, &field_cols, strict, &mut rejected)?;
                batch.clear();
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
        let profile = self.profile;
        let normalised: Vec<Vec<Option<String>>> = batch
            .par_iter()
            .map(|(_, rec)| {
                profile
                    .fields
                    .iter()
                    .zip(field_cols)
                    .map(|(f, cols)| {
                        let raw: Vec<&str> = cols
                            .iter()
                            .map(|c| c.and_then(|i| rec.get(i)).unwrap_or(""))
                            .collect();
                        normalise_field(f.normaliser, &raw, profile)
                    })
                    .collect()
            })
            .collect();
        for ((line, rec), values) in batch.iter().zip(normalised) {
            let id = rec.get(id_col).unwrap_or("").trim();
            let problem = if id.is_empty() {
                Some("the id is empty".to_owned())
            } else if self.seen.contains(id) {
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
            let id: Box<str> = id.into();
            self.seen.insert(id.clone());
            self.ds.ids.push(id);
            for (col, v) in self.ds.columns.iter_mut().zip(values) {
                col.push(v);
            }
        }
        Ok(())
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
            c.index = HashMap::new();
        }
        self.ds
    }
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
