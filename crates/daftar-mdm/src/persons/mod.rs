//! The person registry: golden records per province, the source records behind them,
//! and resolution — deciding whether a record that turns up is someone already known.
//!
//! A record is normalised, blocked on the same rules as batch linkage (keys stored per
//! person), scored against each candidate's golden record with the province's learned
//! model, and then linked (match), linked to a new person and queued for a steward
//! (possible), or made a new person. The golden values follow survivorship rules, each
//! with its origin. Every change is audited.

pub mod api;
mod bulk;
mod golden;
pub mod import;
pub(crate) mod pages;
mod planned;
pub mod quality;
mod resolve;
pub mod steward;
pub mod store;

use daftar_linkage::{Profile, blocking, data::normalise_field, model::Evidence};
use daftar_platform::{Ctx, Db, Error, Result, auth::ResourceScope, error::Problems};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use golden::{ATTRIBUTES, Origin, Rule, Survivorship};
pub use planned::{Planned, plan_deferred, resolve_planned};
pub(crate) use resolve::{Setup, load_setup, refresh_golden, resolve_in, save_model};
pub use resolve::{resolve, resolve_within};
use store::{PersonRow, SourceRow};

/// Permission to resolve records (systems and registrars).
pub const RESOLVE: &str = "mdm.persons.resolve";
/// Permission to search and view people (CNICs masked).
pub const VIEW: &str = "mdm.persons.view";
/// Permission to see CNICs in full.
pub const SEE_CNIC: &str = "mdm.persons.cnic";

/// At or above this probability a record is linked to the person it matches.
pub const MATCH_AT: f64 = 0.9;
/// From here up to `MATCH_AT` a steward decides.
pub const POSSIBLE_AT: f64 = 0.3;

/// A record as a system or an import presents it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    /// The system it comes from: `khidmat`, `hrims`, an import's name...
    pub source: String,
    /// Its key in that system; (source, source_id) is resolved once.
    pub source_id: String,
    #[serde(default)]
    pub cnic: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub father_name: Option<String>,
    #[serde(default)]
    pub gender: Option<String>,
    /// `YYYY-MM-DD`, `DD/MM/YYYY`, `YYYYMMDD` or a year.
    #[serde(default)]
    pub dob: Option<String>,
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

impl SourceRecord {
    fn values(&self) -> [String; 8] {
        [
            &self.cnic,
            &self.name,
            &self.father_name,
            &self.gender,
            &self.dob,
            &self.district,
            &self.address,
            &self.phone,
        ]
        .map(|v| v.as_deref().unwrap_or("").trim().to_owned())
    }
}

/// What resolution decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Linked to an existing person.
    Match,
    /// Made a new person, and queued for a steward against a likely match.
    Possible,
    /// Made a new person.
    New,
}

impl Decision {
    fn as_str(self) -> &'static str {
        match self {
            Decision::Match => "match",
            Decision::Possible => "possible",
            Decision::New => "new",
        }
    }
}

/// The answer to a resolve call.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Resolution {
    pub decision: Decision,
    pub person_id: String,
    pub source_record_id: String,
    /// The best candidate's match probability (0 when there was none).
    pub probability: f64,
    /// For `possible`: the person a steward will compare with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidate_id: Option<String>,
    /// Per field: agreement level and weight (log2 Bayes factor) against the best candidate.
    #[schema(value_type = Vec<Object>)]
    pub explanation: Vec<Evidence>,
    /// True when this (source, source_id) had been resolved before: nothing changed.
    pub replayed: bool,
}

/// Checks a source record; problems name the field.
fn validate(r: &SourceRecord) -> Result<()> {
    let mut p = Problems::new();
    let src = r.source.trim();
    if src.is_empty()
        || src.len() > 40
        || !src
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    {
        p.add("source", "err-person-source");
    }
    if r.source_id.trim().is_empty() || r.source_id.len() > 100 {
        p.add("source_id", "err-person-source-id");
    }
    let v = r.values();
    for (name, value) in ATTRIBUTES.iter().zip(&v) {
        if value.chars().count() > 200 || value.chars().any(char::is_control) {
            p.add(*name, "err-person-field");
        }
    }
    if v[0].is_empty() && v[1].is_empty() {
        p.add("name", "err-person-name-or-cnic");
    }
    if !v[0].is_empty() && daftar_linkage::normalise::cnic(&v[0]).is_none() {
        p.add("cnic", "err-cnic");
    }
    if !v[3].is_empty() && daftar_linkage::normalise::gender(&v[3]).is_none() {
        p.add("gender", "err-person-gender");
    }
    if !v[4].is_empty() && daftar_linkage::normalise::date(&v[4]).is_none() {
        p.add("dob", "err-person-dob");
    }
    if !v[7].is_empty() && daftar_linkage::normalise::phone(&v[7]).is_none() {
        p.add("phone", "err-person-phone");
    }
    p.finish()
}

/// The built-in person profile, built once: its name table is a few hundred map entries
/// that every resolve and search would otherwise rebuild.
pub(crate) fn person_profile() -> &'static Profile {
    static PROFILE: std::sync::OnceLock<Profile> = std::sync::OnceLock::new();
    PROFILE.get_or_init(Profile::person)
}

/// Values as the person profile normalises them (the profile's field order).
fn normalised(profile: &Profile, v: &[String; 8]) -> Vec<Option<String>> {
    profile
        .fields
        .iter()
        .map(|f| {
            let i = ATTRIBUTES
                .iter()
                .position(|a| *a == f.columns[0])
                .unwrap_or(0);
            normalise_field(f.normaliser, &[&v[i], &v[0]], profile)
        })
        .collect()
}

/// The blocking keys of a record, as stored (rule index, key as a signed integer).
fn keys(profile: &Profile, values: &[Option<String>]) -> Vec<(i64, i64)> {
    blocking::record_keys(profile, values)
        .into_iter()
        .enumerate()
        .filter(|(_, k)| *k != 0)
        .map(|(r, k)| (r as i64, k as i64))
        .collect()
}

/// A person with everything the registry knows, for pages and the API.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PersonDetail {
    #[schema(value_type = Object)]
    pub person: PersonView,
    #[schema(value_type = Vec<Object>)]
    pub sources: Vec<SourceRow>,
    /// Attribute -> where its golden value came from.
    #[schema(value_type = Object)]
    pub lineage: std::collections::BTreeMap<String, Origin>,
}

/// A golden record as shown to a user (CNIC masked without the right to see it).
#[derive(Clone, Debug, Serialize)]
pub struct PersonView {
    pub id: String,
    pub cnic: String,
    pub name: String,
    pub father_name: String,
    pub gender: String,
    pub dob: String,
    pub district: String,
    pub address: String,
    pub phone: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
}

fn mask(cnic: &str, full: bool) -> String {
    match (full, daftar_kernel::Cnic::parse(cnic)) {
        (true, _) => cnic.to_owned(),
        (false, Ok(c)) => c.masked(),
        (false, Err(_)) if cnic.is_empty() => String::new(),
        (false, Err(_)) => "*****-*******-*".to_owned(),
    }
}

fn view(p: &PersonRow, full: bool) -> PersonView {
    PersonView {
        id: p.id.clone(),
        cnic: mask(&p.cnic, full),
        name: p.name.clone(),
        father_name: p.father_name.clone(),
        gender: p.gender.clone(),
        dob: p.dob.clone(),
        district: p.district.clone(),
        address: p.address.clone(),
        phone: p.phone.clone(),
        merged_into: p.merged_into.clone(),
    }
}

/// One person, with source records and lineage (404 outside the user's province).
pub async fn person(db: &Db, ctx: &Ctx, id: &str) -> Result<PersonDetail> {
    ctx.require(VIEW, &ResourceScope::province())?;
    let full = ctx.can(SEE_CNIC, &ResourceScope::province());
    let mut conn = db.pool().acquire().await?;
    let tenant = ctx.tenant_id();
    let p = store::person(&mut conn, &tenant, id)
        .await?
        .ok_or(Error::NotFound)?;
    let mut sources = store::sources_of(&mut conn, &tenant, id).await?;
    for s in &mut sources {
        s.cnic = mask(&s.cnic, full);
    }
    let lineage = serde_json::from_str(&p.lineage).unwrap_or_default();
    Ok(PersonDetail {
        person: view(&p, full),
        sources,
        lineage,
    })
}

/// Search by CNIC (exact, with or without dashes) or by name (fuzzy).
pub async fn search(db: &Db, ctx: &Ctx, q: &str) -> Result<Vec<PersonView>> {
    ctx.require(VIEW, &ResourceScope::province())?;
    let full = ctx.can(SEE_CNIC, &ResourceScope::province());
    let q = q.trim();
    if q.is_empty() || q.chars().count() > 100 {
        return Err(Error::field("q", "err-person-query"));
    }
    let tenant = ctx.tenant_id();
    let mut conn = db.pool().acquire().await?;
    if q.chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
    {
        let Ok(cnic) = daftar_kernel::Cnic::parse(q) else {
            return Err(Error::field("q", "err-cnic"));
        };
        let rows = store::persons_by_cnic(&mut conn, &tenant, &cnic.to_string()).await?;
        return Ok(rows.iter().map(|p| view(p, full)).collect());
    }
    let profile = person_profile();
    let Some(name) = daftar_linkage::normalise::name(q, &profile.names) else {
        return Err(Error::field("q", "err-person-query"));
    };
    // Candidates share a name token's first letters (stored under the search rule).
    let ids = store::candidates(&mut conn, &tenant, &name_keys(&name), 500).await?;
    let cmp = daftar_linkage::compare::Comparator::Name {
        high: 0.92,
        low: 0.85,
    };
    let mut scored: Vec<(u8, f64, PersonRow)> = store::persons(&mut conn, &tenant, &ids)
        .await?
        .into_iter()
        .filter_map(|p| {
            let n = daftar_linkage::normalise::name(&p.name, &profile.names)?;
            let level = cmp.compare(&name, &n);
            (level < 6).then(|| (level, daftar_linkage::compare::jaro_winkler(&name, &n), p))
        })
        .collect();
    scored.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2.id.cmp(&b.2.id))
    });
    Ok(scored
        .iter()
        .take(50)
        .map(|(_, _, p)| view(p, full))
        .collect())
}

/// Rule number under which name-token keys are stored for search.
const SEARCH_RULE: i64 = 1000;

/// One key per name token (its first three letters), for fuzzy search.
fn name_keys(name: &str) -> Vec<(i64, i64)> {
    name.split(' ')
        .filter(|t| !t.is_empty() && *t != "muhammad")
        .map(|t| {
            (
                SEARCH_RULE,
                blocking::fnv(t.chars().take(3).collect::<String>().as_bytes(), 7) as i64,
            )
        })
        .collect()
}
