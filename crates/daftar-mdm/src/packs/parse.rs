//! Reading and checking a pack's files, row by row, before anything is loaded.

use std::{
    collections::{HashMap, HashSet},
    path::Path,
};

use serde::{Deserialize, de::DeserializeOwned};

use daftar_kernel::{CivilDate, Code};
use daftar_platform::Error;

use super::PackError;
use crate::{
    model::{Holiday, NewUnit, Post, Registry},
    rules,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ProvinceFile {
    pub(super) code: String,
    pub(super) slug: String,
    pub(super) name: String,
    pub(super) name_ur: String,
    pub(super) government: String,
    pub(super) government_ur: String,
    pub(super) accent_colour: String,
    pub(super) development_programme: String,
    pub(super) fiscal_year_start: String,
    pub(super) timezone: String,
    pub(super) baseline: Baseline,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Baseline {
    pub(super) effective_from: String,
    pub(super) notification_no: String,
    pub(super) notification_date: String,
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
pub(super) struct Pack {
    pub(super) province: ProvinceFile,
    pub(super) geo: Vec<(u64, NewUnit)>,
    pub(super) org: Vec<(u64, NewUnit)>,
    pub(super) posts: Vec<(u64, Post)>,
    pub(super) holidays: Vec<(u64, Holiday)>,
    /// Survivorship settings, when the pack has a `persons.toml`.
    pub(super) persons: Option<crate::persons::Survivorship>,
}

struct Checker {
    errors: Vec<PackError>,
}

impl Checker {
    fn err(&mut self, file: &str, line: u64, message: impl Into<String>) {
        self.errors.push(PackError {
            file: file.to_owned(),
            line,
            message: message.into(),
        });
    }

    fn rows<T: DeserializeOwned>(&mut self, dir: &Path, file: &str) -> Vec<(u64, T)> {
        let path = dir.join(file);
        let mut reader = match csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_path(&path)
        {
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

pub(super) fn parse_pack(dir: &Path) -> Result<Pack, Vec<PackError>> {
    let mut c = Checker { errors: Vec::new() };
    let province: Option<ProvinceFile> = match std::fs::read_to_string(dir.join("province.toml")) {
        Ok(text) => match toml::from_str(&text) {
            Ok(p) => Some(p),
            Err(e) => {
                let line = e
                    .span()
                    .map(|s| text[..s.start].lines().count() as u64)
                    .unwrap_or(0)
                    .max(1);
                c.err("province.toml", line, e.message().to_owned());
                None
            }
        },
        Err(e) => {
            c.err("province.toml", 0, format!("cannot read: {e}"));
            None
        }
    };
    let Some(province) = province else {
        return Err(c.errors);
    };
    let f = "province.toml";
    let pcode = province.code.clone();
    if pcode.len() != 2 || !pcode.chars().all(|ch| ch.is_ascii_uppercase()) {
        c.err(
            f,
            0,
            "code must be two capital letters (ISO 3166-2:PK), like PB",
        );
    }
    if province.slug.is_empty()
        || !province
            .slug
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
    {
        c.err(
            f,
            0,
            "slug must be small letters, digits and hyphens, like punjab",
        );
    }
    if !rules::valid_name(&province.name) || !rules::valid_name(&province.government) {
        c.err(f, 0, "name and government must be given");
    }
    if !rules::valid_urdu_name(&province.name_ur)
        || !rules::valid_urdu_name(&province.government_ur)
    {
        c.err(f, 0, "name_ur and government_ur must be written in Urdu");
    }
    let colour = &province.accent_colour;
    if colour.len() != 7
        || !colour.starts_with('#')
        || !colour[1..].chars().all(|ch| ch.is_ascii_hexdigit())
    {
        c.err(f, 0, "accent_colour must be like #0b6e4f");
    }
    if province.fiscal_year_start != "07-01" {
        c.err(
            f,
            0,
            "fiscal_year_start must be 07-01 (the fiscal year runs 1 July to 30 June)",
        );
    }
    if CivilDate::parse(&province.baseline.effective_from).is_err()
        || CivilDate::parse(&province.baseline.notification_date).is_err()
    {
        c.err(f, 0, "baseline dates must be YYYY-MM-DD");
    }
    if !rules::valid_name(&province.baseline.notification_no) {
        c.err(f, 0, "baseline.notification_no must be given");
    }

    let mut geo_levels: HashMap<String, String> = HashMap::new();
    let mut geo = Vec::new();
    for (line, r) in c.rows::<GeoRow>(dir, "geography.csv") {
        let u = NewUnit {
            code: r.code,
            level: r.level,
            name: r.name,
            name_ur: r.name_ur,
            parent: r.parent.to_ascii_uppercase(),
            location: String::new(),
        };
        if let Some(code) = check_unit(
            &mut c,
            "geography.csv",
            line,
            Registry::Geo,
            &pcode,
            &u,
            &geo_levels,
        ) {
            if geo_levels
                .insert(code.to_string(), u.level.clone())
                .is_some()
            {
                c.err("geography.csv", line, format!("code {code} appears twice"));
            }
            geo.push((
                line,
                NewUnit {
                    code: code.to_string(),
                    ..u
                },
            ));
        }
    }
    let mut org_levels: HashMap<String, String> = HashMap::new();
    let mut org = Vec::new();
    for (line, r) in c.rows::<OfficeRow>(dir, "offices.csv") {
        let u = NewUnit {
            code: r.code,
            level: r.kind,
            name: r.name,
            name_ur: r.name_ur,
            parent: r.parent.to_ascii_uppercase(),
            location: r.location.to_ascii_uppercase(),
        };
        if let Some(code) = check_unit(
            &mut c,
            "offices.csv",
            line,
            Registry::Org,
            &pcode,
            &u,
            &org_levels,
        ) {
            if !u.location.is_empty() && !geo_levels.contains_key(&u.location) {
                c.err(
                    "offices.csv",
                    line,
                    format!("location {} is not in geography.csv", u.location),
                );
            }
            if org_levels
                .insert(code.to_string(), u.level.clone())
                .is_some()
            {
                c.err("offices.csv", line, format!("code {code} appears twice"));
            }
            org.push((
                line,
                NewUnit {
                    code: code.to_string(),
                    ..u
                },
            ));
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
                c.err(
                    file,
                    line,
                    format!("bps must be a whole number from 1 to 22, not {:?}", r.bps),
                );
                0
            }
        };
        if !rules::valid_name(&r.designation) {
            c.err(file, line, "designation must be given");
        }
        if !rules::valid_urdu_name(&r.designation_ur) {
            c.err(file, line, "designation_ur must be written in Urdu");
        }
        posts.push((
            line,
            Post {
                code,
                office,
                designation: r.designation,
                designation_ur: r.designation_ur,
                bps,
            },
        ));
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
            c.err(
                file,
                line,
                format!("kind must be public, optional or bank, not {:?}", r.kind),
            );
        }
        if !holiday_keys.insert((day.clone(), r.name.clone())) {
            c.err(file, line, format!("{day} {} appears twice", r.name));
        }
        holidays.push((
            line,
            Holiday {
                day,
                name: r.name,
                name_ur: r.name_ur,
                kind: r.kind,
                note: r.note,
            },
        ));
    }
    let persons = match std::fs::read_to_string(dir.join(super::persons::FILE)) {
        Ok(text) => match super::persons::parse(&text) {
            Ok(s) => Some(s),
            Err(problems) => {
                for (line, message) in problems {
                    c.err(super::persons::FILE, line, message);
                }
                None
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            c.err(super::persons::FILE, 0, format!("cannot read: {e}"));
            None
        }
    };
    if c.errors.is_empty() {
        Ok(Pack {
            province,
            geo,
            org,
            posts,
            holidays,
            persons,
        })
    } else {
        Err(c.errors)
    }
}

/// Row-level checks of a unit: code, level, names, and a parent of the right level that
/// appears earlier in the same file.
fn check_unit(
    c: &mut Checker,
    file: &str,
    line: u64,
    registry: Registry,
    pcode: &str,
    u: &NewUnit,
    seen: &HashMap<String, String>,
) -> Option<Code> {
    let mut p = daftar_platform::error::Problems::new();
    let code = rules::check_new_unit(&mut p, "", registry, pcode, u);
    if let Err(Error::Validation(fields)) = p.finish() {
        for fe in fields {
            c.err(
                file,
                line,
                format!("{}: {}", fe.field, pack_message(&fe.message)),
            );
        }
        return None;
    }
    let allowed = rules::parent_levels(registry, &u.level);
    if !allowed.is_empty() {
        match seen.get(&u.parent) {
            None => c.err(
                file,
                line,
                format!("parent {} must appear on an earlier line", u.parent),
            ),
            Some(level) if !allowed.contains(&level.as_str()) => c.err(
                file,
                line,
                format!(
                    "parent {} is a {level}; a {} must sit inside a {}",
                    u.parent,
                    u.level,
                    allowed.join(" or ")
                ),
            ),
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
