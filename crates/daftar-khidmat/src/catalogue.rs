//! The service catalogue as a pack states it (`khidmat.toml`): the working week, the
//! stages services pass through, the documents and form fields they ask for, the centres
//! with their counters, and the services with dated fee schedules. Parsing is pure: every
//! problem comes back with its line.

use std::collections::{BTreeMap, BTreeSet};

use daftar_kernel::{CivilDate, Money};
use serde::{Deserialize, Serialize};
use time::Weekday;
use toml::Spanned;
use utoipa::ToSchema;

pub const FILE: &str = "khidmat.toml";

/// Stage names an application takes outside the service's own stages.
pub const RESERVED_STAGES: &[&str] = &["payment", "returned", "rejected", "ready", "delivered"];

/// The fee heads a receipt shows, in order.
pub const FEE_HEADS: &[&str] = &["government_fee", "service_charge", "affidavit", "courier"];

/// Token categories. `general` is always served; the others are served first.
pub const CATEGORIES: &[&str] = &["general", "priority", "women"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    days_off: Vec<String>,
    #[serde(default)]
    stages: BTreeMap<String, Spanned<StageFile>>,
    #[serde(default)]
    documents: BTreeMap<String, DocumentFile>,
    #[serde(default)]
    fields: BTreeMap<String, FieldFile>,
    #[serde(default)]
    centres: Vec<Spanned<CentreFile>>,
    #[serde(default)]
    services: Vec<Spanned<ServiceFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StageFile {
    name: String,
    name_ur: String,
    role: String,
    /// The action that moves an application on from this stage (`verify`, `approve`...).
    action: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentFile {
    name: String,
    name_ur: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldFile {
    label: String,
    label_ur: String,
    #[serde(default = "text_kind")]
    kind: String,
}

fn text_kind() -> String {
    "text".to_owned()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CentreFile {
    code: String,
    name: String,
    name_ur: String,
    district: String,
    opens: String,
    closes: String,
    counters: Vec<CounterFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CounterFile {
    code: String,
    name: String,
    name_ur: String,
    serves: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceFile {
    code: String,
    name: String,
    name_ur: String,
    department: String,
    turnaround_days: u32,
    #[serde(default)]
    urgent_days: Option<u32>,
    designated_officer: String,
    designated_officer_ur: String,
    appellate_authority: String,
    appellate_authority_ur: String,
    documents: Vec<String>,
    #[serde(default)]
    optional_documents: Vec<String>,
    #[serde(default)]
    fields: Vec<String>,
    stages: Vec<String>,
    escalation: Vec<String>,
    #[serde(default)]
    certificate: bool,
    fees: Vec<FeeFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeeFile {
    from: String,
    normal: BTreeMap<String, i64>,
    #[serde(default)]
    urgent: Option<BTreeMap<String, i64>>,
}

/// A stage of a service: who acts there and what moves the application on.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema, PartialEq, Eq)]
pub struct Stage {
    pub code: String,
    pub name: String,
    pub name_ur: String,
    pub role: String,
    pub action: String,
}

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema, PartialEq, Eq)]
pub struct Document {
    pub code: String,
    pub name: String,
    pub name_ur: String,
    pub required: bool,
}

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema, PartialEq, Eq)]
pub struct Field {
    pub code: String,
    pub label: String,
    pub label_ur: String,
    /// `text`, `date` or `number`.
    pub kind: String,
}

/// One fee head and its amount.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema, PartialEq, Eq)]
pub struct FeeLine {
    pub head: String,
    pub amount_paisa: i64,
}

/// The fees of a service from a date on, for normal and (where offered) urgent service.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema, PartialEq, Eq)]
pub struct FeeSchedule {
    pub from: String,
    pub normal: Vec<FeeLine>,
    #[serde(default)]
    pub urgent: Option<Vec<FeeLine>>,
}

/// A service as the catalogue defines it.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema, PartialEq, Eq)]
pub struct Service {
    pub code: String,
    pub name: String,
    pub name_ur: String,
    /// Organisation registry code of the owning department.
    pub department: String,
    pub turnaround_days: u32,
    pub urgent_days: Option<u32>,
    pub designated_officer: String,
    pub designated_officer_ur: String,
    pub appellate_authority: String,
    pub appellate_authority_ur: String,
    pub documents: Vec<Document>,
    pub fields: Vec<Field>,
    pub stages: Vec<Stage>,
    /// Roles an application is escalated to, level by level, when its SLA is breached.
    pub escalation: Vec<String>,
    /// Whether delivery issues a signed certificate.
    pub certificate: bool,
    /// Oldest first.
    pub fees: Vec<FeeSchedule>,
}

impl Service {
    /// The fee lines in force on `on` for normal or urgent service; `None` when no
    /// schedule had started by then or urgent service is not offered.
    pub fn fees_on(&self, on: &str, urgent: bool) -> Option<(&str, &[FeeLine])> {
        let s = self.fees.iter().rev().find(|f| f.from.as_str() <= on)?;
        let lines = if urgent {
            s.urgent.as_deref()?
        } else {
            &s.normal
        };
        Some((&s.from, lines))
    }

    /// Working days allowed for an application.
    pub fn days_allowed(&self, urgent: bool) -> u32 {
        if urgent {
            self.urgent_days.unwrap_or(self.turnaround_days)
        } else {
            self.turnaround_days
        }
    }
}

/// Where a fee head stands on a receipt (unknown heads last).
pub fn head_order(head: &str) -> usize {
    FEE_HEADS
        .iter()
        .position(|h| *h == head)
        .unwrap_or(usize::MAX)
}

/// Sum of fee lines.
pub fn total(lines: &[FeeLine]) -> i64 {
    lines.iter().map(|l| l.amount_paisa).sum()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counter {
    pub code: String,
    pub name: String,
    pub name_ur: String,
    pub serves: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Centre {
    pub code: String,
    pub name: String,
    pub name_ur: String,
    pub district: String,
    pub opens: String,
    pub closes: String,
    pub counters: Vec<Counter>,
}

/// The whole catalogue of a province.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalogue {
    pub days_off: Vec<Weekday>,
    pub centres: Vec<Centre>,
    pub services: Vec<Service>,
}

/// Codes the file names that live in master data, checked by the loader.
impl Catalogue {
    pub fn departments(&self) -> BTreeSet<&str> {
        self.services
            .iter()
            .map(|s| s.department.as_str())
            .collect()
    }
    pub fn districts(&self) -> BTreeSet<&str> {
        self.centres.iter().map(|c| c.district.as_str()).collect()
    }
}

pub type Problems = Vec<(u64, String)>;

/// The 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> u64 {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count() as u64
        + 1
}

pub fn weekday(s: &str) -> Option<Weekday> {
    Some(match s {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

/// `[A-Z][A-Z0-9_]*` for services, stage-like lowercase for the rest.
fn upper_code(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f.is_ascii_uppercase())
        && s.len() <= 40
        && c.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

fn lower_code(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f.is_ascii_lowercase())
        && s.len() <= 40
        && c.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn clock(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && s[..2].parse::<u8>().is_ok_and(|h| h < 24)
        && s[3..].parse::<u8>().is_ok_and(|m| m < 60)
}

/// Checks the text of `khidmat.toml` against the province's code (`PB`); `roles` are
/// the role names stages and escalation may name.
pub fn parse(text: &str, province: &str, roles: &[&str]) -> Result<Catalogue, Problems> {
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_at(text, s.start));
        vec![(line, e.message().to_owned())]
    })?;
    let mut p: Problems = Vec::new();
    let mut days_off = Vec::new();
    for d in &file.days_off {
        match weekday(d) {
            Some(w) => days_off.push(w),
            None => p.push((
                1,
                format!("days_off: {d:?} is not a day (monday ... sunday)"),
            )),
        }
    }
    if days_off.len() >= 7 {
        p.push((1, "days_off leaves no working day".to_owned()));
    }
    let mut stages = BTreeMap::new();
    for (code, s) in &file.stages {
        let line = line_at(text, s.span().start);
        let s = s.get_ref();
        if !lower_code(code) || RESERVED_STAGES.contains(&code.as_str()) {
            p.push((
                line,
                format!(
                    "stage {code:?}: a stage code is small letters, digits and _, and not one of {}",
                    RESERVED_STAGES.join(", ")
                ),
            ));
        }
        if !roles.contains(&s.role.as_str()) {
            p.push((
                line,
                format!(
                    "stage {code:?}: role {:?} is not one of {}",
                    s.role,
                    roles.join(", ")
                ),
            ));
        }
        if !lower_code(&s.action)
            || ["return", "reject", "resubmit", "deliver"].contains(&s.action.as_str())
        {
            p.push((line, format!("stage {code:?}: action {:?} is not a plain action name (and not return, reject, resubmit or deliver)", s.action)));
        }
        stages.insert(
            code.clone(),
            Stage {
                code: code.clone(),
                name: s.name.clone(),
                name_ur: s.name_ur.clone(),
                role: s.role.clone(),
                action: s.action.clone(),
            },
        );
    }
    let mut centres = Vec::new();
    let mut codes = BTreeSet::new();
    let prefix = format!("{province}-");
    for c in &file.centres {
        let line = line_at(text, c.span().start);
        let c = c.get_ref();
        if !upper_code(&c.code) || !c.code.starts_with(&prefix) {
            p.push((
                line,
                format!("centre {:?}: the code must start with {prefix}", c.code),
            ));
        }
        if !codes.insert(c.code.clone()) {
            p.push((line, format!("centre {:?} is listed twice", c.code)));
        }
        if !clock(&c.opens) || !clock(&c.closes) || c.opens >= c.closes {
            p.push((
                line,
                format!(
                    "centre {:?}: opens and closes are HH:MM, opening first",
                    c.code
                ),
            ));
        }
        if c.counters.is_empty() {
            p.push((line, format!("centre {:?} has no counters", c.code)));
        }
        let mut counters = Vec::new();
        for k in &c.counters {
            let full = format!("{}-{}", c.code, k.code);
            if !upper_code(&k.code) || !codes.insert(full.clone()) {
                p.push((
                    line,
                    format!(
                        "centre {:?}: counter {:?} is not a code or is listed twice",
                        c.code, k.code
                    ),
                ));
            }
            if k.serves.is_empty() || k.serves.iter().any(|s| !CATEGORIES.contains(&s.as_str())) {
                p.push((
                    line,
                    format!(
                        "centre {:?}: counter {:?} serves one or more of {}",
                        c.code,
                        k.code,
                        CATEGORIES.join(", ")
                    ),
                ));
            }
            counters.push(Counter {
                code: full,
                name: k.name.clone(),
                name_ur: k.name_ur.clone(),
                serves: k.serves.clone(),
            });
        }
        centres.push(Centre {
            code: c.code.clone(),
            name: c.name.clone(),
            name_ur: c.name_ur.clone(),
            district: c.district.clone(),
            opens: c.opens.clone(),
            closes: c.closes.clone(),
            counters,
        });
    }
    let mut services = Vec::new();
    let mut service_codes = BTreeSet::new();
    for s in &file.services {
        let line = line_at(text, s.span().start);
        let s = s.get_ref();
        services.push(service(s, line, &stages, &file, roles, &mut p));
        if !upper_code(&s.code) || !service_codes.insert(s.code.clone()) {
            p.push((
                line,
                format!("service {:?}: not a code, or listed twice", s.code),
            ));
        }
    }
    if p.is_empty() {
        Ok(Catalogue {
            days_off,
            centres,
            services,
        })
    } else {
        Err(p)
    }
}

fn service(
    s: &ServiceFile,
    line: u64,
    stages: &BTreeMap<String, Stage>,
    file: &File,
    roles: &[&str],
    p: &mut Problems,
) -> Service {
    let mut err = |m: String| p.push((line, format!("service {:?}: {m}", s.code)));
    if s.turnaround_days == 0 || s.turnaround_days > 365 {
        err("turnaround_days is 1 to 365".to_owned());
    }
    if let Some(u) = s.urgent_days
        && (u == 0 || u > s.turnaround_days)
    {
        err("urgent_days is at least 1 and no more than turnaround_days".to_owned());
    }
    let mut documents = Vec::new();
    for (code, required) in s
        .documents
        .iter()
        .map(|d| (d, true))
        .chain(s.optional_documents.iter().map(|d| (d, false)))
    {
        match file.documents.get(code) {
            Some(d) => documents.push(Document {
                code: code.clone(),
                name: d.name.clone(),
                name_ur: d.name_ur.clone(),
                required,
            }),
            None => err(format!(
                "document {code:?} is not defined under [documents]"
            )),
        }
    }
    let mut fields = Vec::new();
    for code in &s.fields {
        match file.fields.get(code) {
            Some(f) if ["text", "date", "number"].contains(&f.kind.as_str()) => {
                fields.push(Field {
                    code: code.clone(),
                    label: f.label.clone(),
                    label_ur: f.label_ur.clone(),
                    kind: f.kind.clone(),
                })
            }
            Some(f) => err(format!(
                "field {code:?} has kind {:?} (text, date or number)",
                f.kind
            )),
            None => err(format!("field {code:?} is not defined under [fields]")),
        }
    }
    let mut own = Vec::new();
    for code in &s.stages {
        match stages.get(code) {
            Some(st) if !own.contains(st) => own.push(st.clone()),
            Some(_) => err(format!("stage {code:?} is listed twice")),
            None => err(format!("stage {code:?} is not defined under [stages]")),
        }
    }
    if own.is_empty() {
        err("a service has at least one stage".to_owned());
    }
    for r in &s.escalation {
        if !roles.contains(&r.as_str()) {
            err(format!(
                "escalation role {r:?} is not one of {}",
                roles.join(", ")
            ));
        }
    }
    let mut fees = Vec::new();
    let mut last = String::new();
    for f in &s.fees {
        let from = match CivilDate::parse(&f.from) {
            Ok(d) => d.iso(),
            Err(_) => {
                err(format!("fees from {:?} is not a date (YYYY-MM-DD)", f.from));
                continue;
            }
        };
        if from <= last {
            err(format!(
                "fee schedules are listed oldest first, each from a later date ({from})"
            ));
        }
        last.clone_from(&from);
        let mut lines = |m: &BTreeMap<String, i64>| {
            let mut out = Vec::new();
            for (head, rupees) in m {
                if !FEE_HEADS.contains(&head.as_str()) {
                    err(format!(
                        "fee head {head:?} is not one of {}",
                        FEE_HEADS.join(", ")
                    ));
                    continue;
                }
                match Money::from_rupees(*rupees).filter(|m| m.paisa() >= 0) {
                    Some(m) => out.push((head.clone(), m.paisa())),
                    None => err(format!("fee {head} = {rupees} is not an amount in rupees")),
                }
            }
            // Receipt order, not alphabetical.
            out.sort_by_key(|(h, _)| head_order(h));
            out.into_iter()
                .map(|(head, amount_paisa)| FeeLine { head, amount_paisa })
                .collect::<Vec<_>>()
        };
        let normal = lines(&f.normal);
        let urgent = f.urgent.as_ref().map(&mut lines);
        fees.push(FeeSchedule {
            from,
            normal,
            urgent,
        });
    }
    if fees.is_empty() {
        err("a service has at least one fee schedule (fees may be 0)".to_owned());
    }
    if s.urgent_days.is_some() != fees.iter().any(|f| f.urgent.is_some()) {
        err("urgent_days and urgent fees go together".to_owned());
    }
    Service {
        code: s.code.clone(),
        name: s.name.clone(),
        name_ur: s.name_ur.clone(),
        department: s.department.clone(),
        turnaround_days: s.turnaround_days,
        urgent_days: s.urgent_days,
        designated_officer: s.designated_officer.clone(),
        designated_officer_ur: s.designated_officer_ur.clone(),
        appellate_authority: s.appellate_authority.clone(),
        appellate_authority_ur: s.appellate_authority_ur.clone(),
        documents,
        fields,
        stages: own,
        escalation: s.escalation.clone(),
        certificate: s.certificate,
        fees,
    }
}

#[cfg(test)]
mod tests;
