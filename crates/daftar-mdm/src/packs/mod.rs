//! Loading a province pack (`packs/<name>/`): the province, its geography, offices,
//! posts and holidays. A pack with any error is rejected whole, naming file and line,
//! and nothing of it is loaded. Loading is idempotent: a second run changes nothing,
//! and a changed row becomes a new version effective on the pack's baseline date.

use std::{collections::HashMap, fmt, path::Path};

use serde_json::json;

use daftar_platform::{
    Db, Error, Tx,
    audit::{self, Actor},
    tenants::{self, TenantDef},
};

use crate::{
    model::{Holiday, NewUnit, Notification, Post, Registry},
    service::{Op, Revision, create_unit, record_change, revise},
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
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
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

mod parse;
mod persons;

use parse::{ProvinceFile, parse_pack};

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
    let what = format!(
        "init --pack {}",
        dir.file_name().and_then(|s| s.to_str()).unwrap_or("?")
    );
    let tenant = tenants::upsert(&mut tx, &def, &what).await?;
    let actor = Actor::system(tenant.tenant_id(), &what);
    let mut loader = Loader {
        tx,
        actor,
        on: pv.baseline.effective_from.clone(),
        notification: Notification {
            notification_no: pv.baseline.notification_no.clone(),
            notification_date: pv.baseline.notification_date.clone(),
            effective_date: pv.baseline.effective_from.clone(),
            note: format!("Loaded from the {} pack", pv.slug),
        },
        changes: HashMap::new(),
        report: LoadReport {
            tenant: pv.slug.clone(),
            ..Default::default()
        },
    };
    loader.province(pv).await?;
    if let Some(rules) = &pack.persons {
        loader.person_rules(rules).await?;
    }
    for (registry, file, rows) in [
        (Registry::Geo, "geography.csv", &pack.geo),
        (Registry::Org, "offices.csv", &pack.org),
    ] {
        for (line, u) in rows {
            loader
                .unit(registry, u)
                .await
                .map_err(|e| at(file, *line, e))?;
        }
    }
    for (line, p) in &pack.posts {
        loader
            .post(p)
            .await
            .map_err(|e| at("posts.csv", *line, e))?;
    }
    for (line, h) in &pack.holidays {
        loader
            .holiday(h)
            .await
            .map_err(|e| at("holidays.csv", *line, e))?;
    }
    let Loader {
        mut tx,
        report,
        actor,
        ..
    } = loader;
    // Holidays and registry settings may have changed: caches of them reload.
    daftar_platform::stamps::bump(&mut tx, &actor.tenant).await?;
    tx.commit().await?;
    Ok(report)
}

fn at(file: &str, line: u64, e: Error) -> LoadError {
    let message = match &e {
        Error::Validation(fs) => fs
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; "),
        Error::Conflict { field, message, .. } => format!(
            "{}{message}",
            field.as_ref().map(|f| format!("{f}: ")).unwrap_or_default()
        ),
        other => other.to_string(),
    };
    LoadError::Invalid(vec![PackError {
        file: file.to_owned(),
        line,
        message,
    }])
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
        let id = record_change(
            &mut self.tx,
            &self.actor,
            registry,
            "pack",
            &self.notification,
        )
        .await?;
        self.changes.insert(registry.as_str(), id.clone());
        Ok(id)
    }

    async fn province(&mut self, p: &ProvinceFile) -> Result<(), Error> {
        let tenant = self.actor.tenant.clone();
        let current = store::province(&mut self.tx, &tenant).await?;
        let wanted = (
            p.development_programme.clone(),
            p.fiscal_year_start.clone(),
            p.timezone.clone(),
        );
        if current.as_ref() == Some(&wanted) {
            return Ok(());
        }
        store::upsert_province(
            &mut self.tx,
            &tenant,
            &wanted.0,
            &wanted.1,
            &wanted.2,
            current.is_some(),
        )
        .await?;
        audit::record(
            &mut self.tx,
            &self.actor,
            "province_settings.set",
            &PROVINCE,
            tenant.as_str(),
            json!({}),
        )
        .await
    }

    /// The survivorship settings of the person registry, when they differ from the stored
    /// ones (golden records already made keep their values until they next change).
    async fn person_rules(&mut self, rules: &crate::persons::Survivorship) -> Result<(), Error> {
        let tenant = self.actor.tenant.clone();
        let wanted = serde_json::to_string(rules).map_err(|e| Error::Internal(e.to_string()))?;
        let current = crate::persons::store::rules(&mut self.tx, &tenant).await?;
        if current.as_deref() == Some(wanted.as_str()) {
            return Ok(());
        }
        crate::persons::store::save_rules(&mut self.tx, &tenant, &wanted).await?;
        audit::record(
            &mut self.tx,
            &self.actor,
            "person_rules.set",
            &crate::persons::store::RULES,
            tenant.as_str(),
            json!({}),
        )
        .await
    }

    async fn unit(&mut self, registry: Registry, u: &NewUnit) -> Result<(), Error> {
        let tenant = self.actor.tenant.clone();
        match store::identity(&mut self.tx, &tenant, registry, &u.code).await? {
            None => {
                let change = self.change(registry).await?;
                let op = Op {
                    actor: &self.actor,
                    registry,
                    on: &self.on,
                    change: &change,
                };
                create_unit(&mut self.tx, &op, u, "").await?;
                self.report.created += 1;
            }
            Some((_, _, Some(_))) => {
                return Err(Error::field(
                    "code",
                    "this code is retired; codes are never reused",
                ));
            }
            Some(_) => {
                let (_, _, name, name_ur, parent, location) =
                    store::latest_version(&mut self.tx, &tenant, registry, &u.code)
                        .await?
                        .ok_or(Error::NotFound)?;
                if (
                    name.as_str(),
                    name_ur.as_str(),
                    parent.as_str(),
                    location.as_str(),
                ) == (
                    u.name.trim(),
                    u.name_ur.trim(),
                    u.parent.as_str(),
                    u.location.as_str(),
                ) {
                    self.report.unchanged += 1;
                    return Ok(());
                }
                let change = self.change(registry).await?;
                let r = Revision {
                    name: Some(&u.name),
                    name_ur: Some(&u.name_ur),
                    parent: Some(&u.parent),
                    location: Some(&u.location),
                };
                let action = format!("{}.update", registry.entity().kind);
                let op = Op {
                    actor: &self.actor,
                    registry,
                    on: &self.on,
                    change: &change,
                };
                revise(&mut self.tx, &op, &u.code, r, &action, "parent").await?;
                self.report.updated += 1;
            }
        }
        Ok(())
    }

    async fn post(&mut self, p: &Post) -> Result<(), Error> {
        let tenant = self.actor.tenant.clone();
        let current = store::post(&mut self.tx, &tenant, &p.code).await?;
        if let Some(c) = &current
            && (
                c.office.as_str(),
                c.designation.as_str(),
                c.designation_ur.as_str(),
                c.bps,
            ) == (
                p.office.as_str(),
                p.designation.as_str(),
                p.designation_ur.as_str(),
                p.bps,
            )
        {
            self.report.unchanged += 1;
            return Ok(());
        }
        store::upsert_post(&mut self.tx, &tenant, p, &self.on, current.is_some()).await?;
        let action = if current.is_some() {
            "post.update"
        } else {
            "post.create"
        };
        audit::record(&mut self.tx, &self.actor, action, &POST, &p.code, json!({})).await?;
        if current.is_some() {
            self.report.updated += 1
        } else {
            self.report.created += 1
        }
        Ok(())
    }

    async fn holiday(&mut self, h: &Holiday) -> Result<(), Error> {
        let tenant = self.actor.tenant.clone();
        let current = store::holiday(&mut self.tx, &tenant, &h.day, &h.name).await?;
        if let Some(c) = &current
            && (c.name_ur.as_str(), c.kind.as_str(), c.note.as_str())
                == (h.name_ur.as_str(), h.kind.as_str(), h.note.as_str())
        {
            self.report.unchanged += 1;
            return Ok(());
        }
        store::upsert_holiday(&mut self.tx, &tenant, h, current.is_some()).await?;
        let action = if current.is_some() {
            "holiday.update"
        } else {
            "holiday.create"
        };
        audit::record(
            &mut self.tx,
            &self.actor,
            action,
            &HOLIDAY,
            &format!("{}|{}", h.day, h.name),
            json!({}),
        )
        .await?;
        if current.is_some() {
            self.report.updated += 1
        } else {
            self.report.created += 1
        }
        Ok(())
    }
}
