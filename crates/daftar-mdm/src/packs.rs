//! Loading a province pack (`packs/<name>/`): the province, its geography, offices,
//! posts and holidays. A pack with any error is rejected whole, naming file and line,
//! and nothing of it is loaded. Loading is idempotent: a second run changes nothing,
//! and a changed row becomes a new version effective on the pack's baseline date.

use std::{collections::{HashMap, HashSet}, fmt, path::Path};

use serde::{Deserialize, de::DeserializeOwned};
use serde_json::json;

use daftar_kernel::{CivilDate, Code};
use daftar_platform::{
    Db, Error, Tx,
    audit::{self, Actor},
    tenants::{self, TenantDef},
};

use crate::{
    model::{Holiday, NewUnit, Notification, Post, Registry},
    rules,
    service::{Revision, create_unit, record_change, revise},
    store::{self, HOLIDAY, POST, PROVINCE},
};

/// One thing wrong with a pack, located by file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    pub file: String,
    pub line: u64,
    pub message: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 { write!(f, "{}:{}: {}", self.file, self.line, self.message) } else { write!(f, "{}: {}", self.file, self.message) }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the pack was rejected; nothing was loaded:\n{}", .0.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<PackError>),
    #[error("{0}")]
    Platform(#[from] Error),
}

/// What a load did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LoadReport {
    pub tenant: String,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProvinceFile {
    code: String,
    slug: String,
    name: String,
    name_ur: String,
    government: String,
    government_ur: String,
    accent_colour: String,
    development_programme: String,
    fiscal_year_start: String,
    timezone: String,
    baseline: Baseline,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Baseline {
    effective_from: String,
    notification_no: String,
    notification_date: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GeoRow {
    code: String,
    level: String,
    name: String,
    name_ur: String,
    parent: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficeRow {
    code: String,
    kind: String,
    name: String,
    name_ur: String,
    parent: String,
    location: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PostRow {
    code: String,
    office: String,
    designation: String,
    designation_ur: String,
    bps: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayRow {
    date: String,
    name: String,
    name_ur: String,
    kind: String,
    note: String,
}

/// A pack that passed every check, ready to load.
struct Pack {
    province: ProvinceFile,
    geo: Vec<(u64, NewUnit)>,
    org: Vec<(u64, NewUnit)>,
    posts: Vec<(u64, Post)>,
    holidays: Vec<(u64, Holiday)>,
}

struct Checker {
    errors: Vec<PackError>,
}

impl Checker {
    fn err(&mut self, file: &str, line: u64, message: impl Into<String>) {
        self.errors.push(PackError { file: file.to_owned(), line, message: message.into() });
    }

    fn rows<T: DeserializeOwned>(&mut self, dir: &Path, file: &str) -> Vec<(u64, T)> {
        let path = dir.join(file);
        let mut reader = match csv::ReaderBuilder::new().trim(csv::Trim::All).from_path(&path) {
            Ok(r) => r,
            Err(e) => {
                self.err(file, 0, format!("cannot read: {e}"));
                return Vec::new();
            }
        };
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                self.err(file, 1, e.to_string());
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for record in reader.records() {
            match record {
                Ok(rec) => {
                    let line = rec.position().map(|p| p.line()).unwrap_or(0);
                    match rec.deserialize::<T>(Some(&headers)) {
                        Ok(row) => out.push((line, row)),
                        Err(e) => self.err(file, line, csv_message(&e)),
                    }
                }
                Err(e) => {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    self.err(file, line, csv_message(&e));
                }
            }
        }
        out
    }
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(i) => format!("column {}: {}", i + 1, err.kind()),
            None => err.kind().to_string(),
        },
        _ => e.to_string(),
    }
}

fn parse_pack(dir: &Path) -> Result<Pack, Vec<PackError>> {
    let mut c = Checker { errors: Vec::new() };
    let province: Option<ProvinceFile> = match std::fs::read_to_string(dir.join("province.toml")) {
        Ok(text) => match toml::from_str(&text) {
            Ok(p) => Some(p),
            Err(e) => {
                let line = e.span().map(|s| text[..s.start].lines().count() as u64).unwrap_or(0).max(1);
                c.err("province.toml", line, e.message().to_owned());
                None
            }
        },
        Err(e) => {
            c.err("province.toml", 0, format!("cannot read: {e}"));
            None
        }
    };
    let Some(province) = province else { return Err(c.errors) };
    let f = "province.toml";
    let pcode = province.code.clone();
    if pcode.len() != 2 || !pcode.chars().all(|ch| ch.is_ascii_uppercase()) {
        c.err(f, 0, "code must be two capital letters (ISO 3166-2:PK), like PB");
    }
    if province.slug.is_empty() || !province.slug.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-') {
        c.err(f, 0, "slug must be small letters, digits and hyphens, like punjab");
    }
    if !rules::valid_name(&province.name) || !rules::valid_name(&province.government) {
        c.err(f, 0, "name and government must be given");
    }
    if !rules::valid_urdu_name(&province.name_ur) || !rules::valid_urdu_name(&province.government_ur) {
        c.err(f, 0, "name_ur and government_ur must be written in Urdu");
    }
    let colour = &province.accent_colour;
    if colour.len() != 7 || !colour.starts_with('#') || !colour[1..].chars().all(|ch| ch.is_ascii_hexdigit()) {
        c.err(f, 0, "accent_colour must be like #0b6e4f");
    }
    if province.fiscal_year_start != "07-01" {
        c.err(f, 0, "fiscal_year_start must be 07-01 (the fiscal year runs 1 July to 30 June)");
    }
    if CivilDate::parse(&province.baseline.effective_from).is_err() || CivilDate::parse(&province.baseline.notification_date).is_err() {
        c.err(f, 0, "baseline dates must be YYYY-MM-DD");
    }
    if !rules::valid_name(&province.baseline.notification_no) {
        c.err(f, 0, "baseline.notification_no must be given");
    }

    let mut geo_levels: HashMap<String, String> = HashMap::new();
    let mut geo = Vec::new();
    for (line, r) in c.rows::<GeoRow>(dir, "geography.csv") {
        let u = NewUnit { code: r.code, level: r.level, name: r.name, name_ur: r.name_ur, parent: r.parent.to_ascii_uppercase(), location: String::new() };
        if let Some(code) = check_unit(&mut c, "geography.csv", line, Registry::Geo, &pcode, &u, &geo_levels) {
            if geo_levels.insert(code.to_string(), u.level.clone()).is_some() {
                c.err("geography.csv", line, format!("code {code} appears twice"));
            }
            geo.push((line, NewUnit { code: code.to_string(), ..u }));
        }
    }
    let mut org_levels: HashMap<String, String> = HashMap::new();
    let mut org = Vec::new();
    for (line, r) in c.rows::<OfficeRow>(dir, "offices.csv") {
        let u = NewUnit { code: r.code, level: r.kind, name: r.name, name_ur: r.name_ur, parent: r.parent.to_ascii_uppercase(), location: r.location.to_ascii_uppercase() };
        if let Some(code) = check_unit(&mut c, "offices.csv", line, Registry::Org, &pcode, &u, &org_levels) {
            if !u.location.is_empty() && !geo_levels.contains_key(&u.location) {
                c.err("offices.csv", line, format!("location {} is not in geography.csv", u.location));
            }
            if org_levels.insert(code.to_string(), u.level.clone()).is_some() {
                c.err("offices.csv", line, format!("code {code} appears twice"));
            }
            org.push((line, NewUnit { code: code.to_string(), ..u }));
        }
    }
    let mut posts = Vec::new();
    let mut post_codes = HashSet::new();
    for (line, r) in c.rows::<PostRow>(dir, "posts.csv") {
        let file = "posts.csv";
        let code = match Code::parse(&r.code) {
            Ok(code) => code.to_string(),
            Err(e) => {
                c.err(file, line, format!("code: {e}"));
                continue;
            }
        };
        if !post_codes.insert(code.clone()) {
            c.err(file, line, format!("code {code} appears twice"));
        }
        let office = r.office.to_ascii_uppercase();
        if !org_levels.contains_key(&office) {
            c.err(file, line, format!("office {office} is not in offices.csv"));
        }
        let bps = match r.bps.parse::<i64>() {
            Ok(b) if (1..=22).contains(&b) => b,
            _ => {
                c.err(file, line, format!("bps must be a whole number from 1 to 22, not {:?}", r.bps));
                0
            }
        };
        if !rules::valid_name(&r.designation) {
            c.err(file, line, "designation must be given");
        }
        if !rules::valid_urdu_name(&r.designation_ur) {
            c.err(file, line, "designation_ur must be written in Urdu");
        }
        posts.push((line, Post { code, office, designation: r.designation, designation_ur: r.designation_ur, bps }));
    }
    let mut holidays = Vec::new();
    let mut holiday_keys = HashSet::new();
    for (line, r) in c.rows::<HolidayRow>(dir, "holidays.csv") {
        let file = "holidays.csv";
        let day = match CivilDate::parse(&r.date) {
            Ok(d) => d.iso(),
            Err(e) => {
                c.err(file, line, format!("date: {e}"));
                continue;
            }
        };
        if !rules::valid_name(&r.name) {
            c.err(file, line, "name must be given");
        }
        if !rules::valid_urdu_name(&r.name_ur) {
            c.err(file, line, "name_ur must be written in Urdu");
        }
        if !["public", "optional", "bank"].contains(&r.kind.as_str()) {
            c.err(file, line, format!("kind must be public, optional or bank, not {:?}", r.kind));
        }
        if !holiday_keys.insert((day.clone(), r.name.clone())) {
            c.err(file, line, format!("{day} {} appears twice", r.name));
        }
        holidays.push((line, Holiday { day, name: r.name, name_ur: r.name_ur, kind: r.kind, note: r.note }));
    }
    if c.errors.is_empty() { Ok(Pack { province, geo, org, posts, holidays }) } else { Err(c.errors) }
}

/// Row-level checks of a unit: code, level, names, and a parent of the right level that
/// appears earlier in the same file.
fn check_unit(c: &mut Checker, file: &str, line: u64, registry: Registry, pcode: &str, u: &NewUnit, seen: &HashMap<String, String>) -> Option<Code> {
    let mut p = daftar_platform::error::Problems::new();
    let code = rules::check_new_unit(&mut p, "", registry, pcode, u);
    if let Err(Error::Validation(fields)) = p.finish() {
        for fe in fields {
            c.err(file, line, format!("{}: {}", fe.field, pack_message(&fe.message)));
        }
        return None;
    }
    let allowed = rules::parent_levels(registry, &u.level);
    if !allowed.is_empty() {
        match seen.get(&u.parent) {
            None => c.err(file, line, format!("parent {} must appear on an earlier line", u.parent)),
            Some(level) if !allowed.contains(&level.as_str()) => {
                c.err(file, line, format!("parent {} is a {level}; a {} must sit inside a {}", u.parent, u.level, allowed.join(" or ")))
            }
            Some(_) => {}
        }
    }
    code
}

/// English words for the rule messages, for command-line reports.
fn pack_message(id: &str) -> &'static str {
    match id {
        "err-code" => "a code is 2-40 capital letters, digits and single hyphens, like PB-LHR",
        "err-code-prefix" => "the code must start with the province code and a hyphen",
        "err-level" => "unknown level",
        "err-name" => "the name must be given (at most 200 characters)",
        "err-name-ur" => "the Urdu name must be written in Urdu",
        "err-parent-required" => "a parent is required at this level",
        "err-parent-none" => "this level has no parent; leave parent empty",
        "err-location-required" => "an office needs a location (a geography code)",
        _ => "invalid",
    }
}

/// Loads (or updates) the pack in `dir`.
pub async fn load(db: &Db, dir: &Path) -> Result<LoadReport, LoadError> {
    let pack = parse_pack(dir).map_err(LoadError::Invalid)?;
    let mut tx = db.begin().await?;
    let pv = &pack.province;
    let def = TenantDef {
        slug: pv.slug.clone(),
        code: pv.code.clone(),
        name: pv.name.clone(),
        name_ur: pv.name_ur.clone(),
        government: pv.government.clone(),
        government_ur: pv.government_ur.clone(),
        accent_colour: pv.accent_colour.clone(),
    };
    let what = format!("init --pack {}", dir.file_name().and_then(|s| s.to_str()).unwrap_or("?"));
    let tenant = tenants::upsert(&mut tx, &def, &what).await?;
    let actor = Actor::system(tenant.tenant_id(), &what);
    let mut loader = Loader { tx, actor, on: pv.baseline.effective_from.clone(), notification: Notification {
        notification_no: pv.baseline.notification_no.clone(),
        notification_date: pv.baseline.notification_date.clone(),
        effective_date: pv.baseline.effective_from.clone(),
        note: format!("Loaded from the {} pack", pv.slug),
    }, changes: HashMap::new(), report: LoadReport { tenant: pv.slug.clone(), ..Default::default() } };
    loader.province(pv).await?;
    for (registry, file, rows) in [(Registry::Geo, "geography.csv", &pack.geo), (Registry::Org, "offices.csv", &pack.org)] {
        for (line, u) in rows {
            loader.unit(registry, u).await.map_err(|e| at(file, *line, e))?;
        }
    }
    for (line, p) in &pack.posts {
        loader.post(p).await.map_err(|e| at("posts.csv", *line, e))?;
    }
    for (line, h) in &pack.holidays {
        loader.holiday(h).await.map_err(|e| at("holidays.csv", *line, e))?;
    }
    let Loader { tx, report, .. } = loader;
    tx.commit().await.map_err(Error::from)?;
    Ok(report)
}

fn at(file: &str, line: u64, e: Error) -> LoadError {
    let message = match &e {
        Error::Validation(fs) => fs.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; "),
        Error::Conflict { field, message } => format!("{}{message}", field.as_ref().map(|f| format!("{f}: ")).unwrap_or_default()),
        other => other.to_string(),
    };
    LoadError::Invalid(vec![PackError { file: file.to_owned(), line, message }])
}

struct Loader {
    tx: Tx,
    actor: Actor,
    on: String,
    notification: Notification,
    changes: HashMap<&'static str, String>,
    report: LoadReport,
}

impl Loader {
    /// The baseline change of a registry, recorded the first time it is needed.
    async fn change(&mut self, registry: Registry) -> Result<String, Error> {
        if let Some(id) = self.changes.get(registry.as_str()) {
            return Ok(id.clone());
        }
        let id = record_change(&mut self.tx, &self.actor, registry, "pack", &self.notification).await?;
        self.changes.insert(registry.as_str(), id.clone());
        Ok(id)
    }

    async fn province(&mut self, p: &ProvinceFile) -> Result<(), Error> {
        let tenant = self.actor.tenant.clone();
        let current = store::province(&mut self.tx, &tenant).await?;
        let wanted = (p.development_programme.clone(), p.fiscal_year_start.clone(), p.timezone.clone());
        if current.as_ref() == Some(&wanted) {
            return Ok(());
        }
        store::upsert_province(&mut self.tx, &tenant, &wanted.0, &wanted.1, &wanted.2, current.is_some()).await?;
        audit::record(&mut self.tx, &self.actor, "province_settings.set", &PROVINCE, tenant.as_str(), json!({})).await
    }

    async fn unit(&mut self, registry: Registry, u: &NewUnit) -> Result<(), Error> {
        let tenant = self.actor.tenant.clone();
        match store::identity(&mut self.tx, &tenant, registry, &u.code).await? {
            None => {
                let change = self.change(registry).await?;
                create_unit(&mut self.tx, &self.actor, registry, u, &self.on.clone(), &change, "").await?;
                self.report.created += 1;
            }
            Some((_, _, Some(_))) => return Err(Error::field("code", "this code is retired; codes are never reused")),
            Some(_) => {
                let (_, _, name, name_ur, parent, location) = store::latest_version(&mut self.tx, &tenant, registry, &u.code).await?.ok_or(Error::NotFound)?;
                if (name.as_str(), name_ur.as_str(), parent.as_str(), location.as_str()) == (u.name.trim(), u.name_ur.trim(), u.parent.as_str(), u.location.as_str()) {
                    self.report.unchanged += 1;
                    return Ok(());
                }
                let change = self.change(registry).await?;
                let r = Revision { name: Some(&u.name), name_ur: Some(&u.name_ur), parent: Some(&u.parent), location: Some(&u.location) };
                let action = format!("{}.update", registry.entity().kind);
                let on = self.on.clone();
                revise(&mut self.tx, &self.actor, registry, &u.code, &on, &change, r, &action, "parent").await?;
                self.report.updated += 1;
            }
        }
        Ok(())
    }

    async fn post(&mut self, p: &Post) -> Result<(), Error> {
        let tenant = self.actor.tenant.clone();
        let current = store::post(&mut self.tx, &tenant, &p.code).await?;
        if let Some(c) = &current
            && (c.office.as_str(), c.designation.as_str(), c.designation_ur.as_str(), c.bps) == (p.office.as_str(), p.designation.as_str(), p.designation_ur.as_str(), p.bps)
        {
            self.report.unchanged += 1;
            return Ok(());
        }
        store::upsert_post(&mut self.tx, &tenant, p, &self.on, current.is_some()).await?;
        let action = if current.is_some() { "post.update" } else { "post.create" };
        audit::record(&mut self.tx, &self.actor, action, &POST, &p.code, json!({})).await?;
        if current.is_some() { self.report.updated += 1 } else { self.report.created += 1 }
        Ok(())
    }

    async fn holiday(&mut self, h: &Holiday) -> Result<(), Error> {
        let tenant = self.actor.tenant.clone();
        let current = store::holiday(&mut self.tx, &tenant, &h.day, &h.name).await?;
        if let Some(c) = &current
            && (c.name_ur.as_str(), c.kind.as_str(), c.note.as_str()) == (h.name_ur.as_str(), h.kind.as_str(), h.note.as_str())
        {
            self.report.unchanged += 1;
            return Ok(());
        }
        store::upsert_holiday(&mut self.tx, &tenant, h, current.is_some()).await?;
        let action = if current.is_some() { "holiday.update" } else { "holiday.create" };
        audit::record(&mut self.tx, &self.actor, action, &HOLIDAY, &format!("{}|{}", h.day, h.name), json!({})).await?;
        if current.is_some() { self.report.updated += 1 } else { self.report.created += 1 }
        Ok(())
    }
}
