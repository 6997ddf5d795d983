//! The pack's `filing.toml`, read purely (every problem with its line): who outranks
//! whom, which designations may approve a draft, receipt categories (court cases and
//! assembly questions first), record classes (retention), and for each department its
//! file-numbering scheme, letterhead and sections.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use toml::Spanned;
use utoipa::ToSchema;

pub const FILE: &str = "filing.toml";

/// Placeholders a file-number pattern may use; `{seq}` is required.
pub const PLACEHOLDERS: &[&str] = &["{section}", "{seq}", "{year}"];

/// A province's e-FOAS configuration.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
pub struct Config {
    /// Designation → rank; a higher rank is senior. Designations not listed rank by BPS.
    pub ranks: BTreeMap<String, i64>,
    /// Designations that may approve a draft for issue, unless a department says otherwise.
    pub approvers: Vec<String>,
    pub categories: Vec<Category>,
    pub record_classes: Vec<RecordClass>,
    pub departments: Vec<Department>,
}

/// A receipt's category; a higher priority is shown first (court cases, assembly
/// questions, VIP references).
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub code: String,
    pub name: String,
    pub name_ur: String,
    #[serde(default)]
    pub priority: i64,
}

/// A record class: how long a closed file is kept. `retain_years = 0` is permanent
/// (reviewed after `review_years`).
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordClass {
    pub code: String,
    pub name: String,
    pub name_ur: String,
    #[serde(default)]
    pub retain_years: i64,
    #[serde(default)]
    pub review_years: i64,
}

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// The department's code in the organisation registry.
    pub office: String,
    /// E.g. `SO({section})1-{seq}/{year}`.
    pub file_number: String,
    #[serde(default)]
    pub letterhead: String,
    #[serde(default)]
    pub letterhead_ur: String,
    /// Overrides the province's approvers for this department.
    #[serde(default)]
    pub approvers: Vec<String>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub code: String,
    pub name: String,
    pub name_ur: String,
    /// The post heading the section (its section officer).
    pub post: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    #[serde(default)]
    ranks: BTreeMap<String, i64>,
    #[serde(default)]
    approvers: Vec<String>,
    #[serde(default)]
    categories: Vec<Spanned<Category>>,
    #[serde(default)]
    record_classes: Vec<Spanned<RecordClass>>,
    #[serde(default)]
    departments: Vec<Spanned<Department>>,
}

/// `(line, message)` for each problem.
pub type Problems = Vec<(u64, String)>;

fn line_at(text: &str, offset: usize) -> u64 {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count() as u64
        + 1
}

fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 32
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Whether a file-number pattern is usable: `{seq}` once, only known placeholders.
pub fn check_pattern(p: &str) -> Result<(), String> {
    if p.trim().is_empty() || p.len() > 80 {
        return Err("file_number must be 1-80 characters".into());
    }
    if p.matches("{seq}").count() != 1 {
        return Err("file_number must contain {seq} exactly once".into());
    }
    let mut rest = p;
    while let Some(i) = rest.find('{') {
        let tail = &rest[i..];
        let Some(j) = tail.find('}') else {
            return Err("file_number has an unclosed {".into());
        };
        let ph = &tail[..=j];
        if !PLACEHOLDERS.contains(&ph) {
            return Err(format!(
                "file_number: unknown placeholder {ph} (use {})",
                PLACEHOLDERS.join(", ")
            ));
        }
        rest = &tail[j + 1..];
    }
    Ok(())
}

/// A file number from its department's pattern.
pub fn file_number(pattern: &str, section: &str, seq: i64, year: i32) -> String {
    pattern
        .replace("{section}", section)
        .replace("{seq}", &seq.to_string())
        .replace("{year}", &year.to_string())
}

/// Reads and checks the text of a `filing.toml`. `province` is the province's code
/// (`PB`): every office and post named must start with it.
pub fn parse(text: &str, province: &str) -> Result<Config, Problems> {
    let doc: FileDoc = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_at(text, s.start));
        vec![(line, e.message().to_owned())]
    })?;
    let mut p: Problems = Vec::new();
    let prefix = format!("{province}-");
    for (d, r) in &doc.ranks {
        if d.trim().is_empty() || !(0..=1000).contains(r) {
            p.push((1, format!("ranks: {d:?} = {r}: ranks are 0-1000")));
        }
    }
    let mut seen = BTreeSet::new();
    let mut categories = Vec::new();
    for c in doc.categories {
        let line = line_at(text, c.span().start);
        let c = c.into_inner();
        if !is_code(&c.code.to_ascii_uppercase()) || c.name.trim().is_empty() {
            p.push((
                line,
                format!("category {:?}: a code and a name are required", c.code),
            ));
        }
        if !(0..=9).contains(&c.priority) {
            p.push((line, format!("category {}: priority is 0-9", c.code)));
        }
        if !seen.insert(c.code.clone()) {
            p.push((line, format!("category {} is listed twice", c.code)));
        }
        categories.push(c);
    }
    if categories.is_empty() {
        p.push((1, "at least one [[categories]] is required".into()));
    }
    let mut seen = BTreeSet::new();
    let mut record_classes = Vec::new();
    for c in doc.record_classes {
        let line = line_at(text, c.span().start);
        let c = c.into_inner();
        if !is_code(&c.code) {
            p.push((
                line,
                format!("record class {:?}: code must be upper-case", c.code),
            ));
        }
        if !(0..=100).contains(&c.retain_years) || !(0..=100).contains(&c.review_years) {
            p.push((line, format!("record class {}: years are 0-100", c.code)));
        }
        if c.retain_years == 0 && c.review_years == 0 {
            p.push((
                line,
                format!(
                    "record class {}: a permanent class (retain_years = 0) needs review_years",
                    c.code
                ),
            ));
        }
        if !seen.insert(c.code.clone()) {
            p.push((line, format!("record class {} is listed twice", c.code)));
        }
        record_classes.push(c);
    }
    if record_classes.is_empty() {
        p.push((1, "at least one [[record_classes]] is required".into()));
    }
    let mut seen = BTreeSet::new();
    let mut departments = Vec::new();
    for d in doc.departments {
        let line = line_at(text, d.span().start);
        let d = d.into_inner();
        if !d.office.starts_with(&prefix) {
            p.push((
                line,
                format!("department {}: not an office of {province}", d.office),
            ));
        }
        if !seen.insert(d.office.clone()) {
            p.push((line, format!("department {} is listed twice", d.office)));
        }
        if let Err(e) = check_pattern(&d.file_number) {
            p.push((line, format!("department {}: {e}", d.office)));
        }
        if d.sections.is_empty() {
            p.push((
                line,
                format!("department {}: at least one section", d.office),
            ));
        }
        let mut codes = BTreeSet::new();
        for s in &d.sections {
            if !is_code(&s.code) || s.name.trim().is_empty() || s.name_ur.trim().is_empty() {
                p.push((
                    line,
                    format!(
                        "department {}: section {:?} needs an upper-case code and names in English and Urdu",
                        d.office, s.code
                    ),
                ));
            }
            if !codes.insert(s.code.clone()) {
                p.push((
                    line,
                    format!("department {}: section {} twice", d.office, s.code),
                ));
            }
            if !s.post.starts_with(&d.office) {
                p.push((
                    line,
                    format!(
                        "department {}: section {}'s post {} is not a post of the department",
                        d.office, s.code, s.post
                    ),
                ));
            }
        }
        departments.push(d);
    }
    if !p.is_empty() {
        return Err(p);
    }
    Ok(Config {
        ranks: doc.ranks,
        approvers: doc.approvers,
        categories,
        record_classes,
        departments,
    })
}

impl Config {
    pub fn department(&self, office: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.office == office)
    }

    pub fn category(&self, code: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.code == code)
    }

    pub fn record_class(&self, code: &str) -> Option<&RecordClass> {
        self.record_classes.iter().find(|c| c.code == code)
    }

    /// A post's rank: its designation's, else its BPS.
    pub fn rank(&self, designation: &str, bps: i64) -> i64 {
        self.ranks.get(designation).copied().unwrap_or(bps)
    }

    /// Whether a designation may approve drafts in a department.
    pub fn approves(&self, office: &str, designation: &str) -> bool {
        let list = self
            .department(office)
            .filter(|d| !d.approvers.is_empty())
            .map_or(&self.approvers, |d| &d.approvers);
        list.iter().any(|a| a == designation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
approvers = ["Secretary"]
[ranks]
"Secretary" = 50
"Section Officer" = 20
[[categories]]
code = "court"
name = "Court case"
name_ur = "عدالتی مقدمہ"
priority = 3
[[record_classes]]
code = "A"
name = "Permanent"
name_ur = "مستقل"
review_years = 10
[[departments]]
office = "PB-DEPT-SGAD"
file_number = "SO({section})1-{seq}/{year}"
[[departments.sections]]
code = "ADMIN"
name = "Admin"
name_ur = "ایڈمن"
post = "PB-DEPT-SGAD-005"
"#;

    #[test]
    fn a_good_file_parses() {
        let c = parse(GOOD, "PB").expect("parses");
        assert_eq!(c.departments[0].sections[0].code, "ADMIN");
        assert_eq!(c.rank("Secretary", 20), 50);
        assert_eq!(c.rank("Assistant", 16), 16);
        assert!(c.approves("PB-DEPT-SGAD", "Secretary"));
        assert!(!c.approves("PB-DEPT-SGAD", "Section Officer"));
    }

    #[test]
    fn problems_name_their_line() {
        let bad = GOOD.replace("{seq}", "{serial}");
        let p = parse(&bad, "PB").expect_err("rejected");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, 16, "{p:?}");
        assert!(p[0].1.contains("{seq}"), "{p:?}");
        let p = parse(GOOD, "BA").expect_err("wrong province");
        assert!(p[0].1.contains("not an office of BA"), "{p:?}");
        let p = parse("ranks = 3", "PB").expect_err("not a table");
        assert_eq!(p[0].0, 1);
    }

    #[test]
    fn file_numbers_follow_the_pattern() {
        assert_eq!(
            file_number("SO({section})1-{seq}/{year}", "ADMIN", 23, 2024),
            "SO(ADMIN)1-23/2024"
        );
        assert!(check_pattern("{seq}/{year}").is_ok());
        assert!(check_pattern("{year}").is_err());
        assert!(check_pattern("{seq}-{seq}").is_err());
        assert!(check_pattern("{seq}{").is_err());
    }
}
