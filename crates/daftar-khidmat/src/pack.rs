//! Loads a pack's `khidmat.toml` into a province that master data already knows, in one
//! audited transaction, idempotently. The departments and districts it names must be
//! in force in the registries. A fee schedule, once loaded, is never changed: a new
//! fee takes effect from a later date, so no application already taken is altered.

use std::path::Path;

use daftar_kernel::TenantId;
use daftar_platform::{
    Db, Error,
    audit::{self, Actor},
    db::now_utc,
};
use serde_json::json;

use crate::{
    ROLE_NAMES,
    catalogue::{self, Catalogue, FILE},
    certificate,
    store::{self, CALENDAR, CENTRE, CentreRow, CounterRow, FeeRow, KEY, KeyRow, SERVICE},
};

/// What a load did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub services: usize,
    pub centres: usize,
    pub changed: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Each problem is `file:line: message`.
    #[error("{FILE} was rejected; nothing was loaded:\n{}", .0.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<String>),
    #[error("{0}")]
    Platform(#[from] Error),
}

/// Reads and checks `dir/khidmat.toml`; `None` when the pack has none.
pub fn read(dir: &Path, province: &str) -> Result<Option<Catalogue>, LoadError> {
    let path = dir.join(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(LoadError::Invalid(vec![format!("{}: {e}", path.display())])),
    };
    catalogue::parse(&text, province, ROLE_NAMES)
        .map(Some)
        .map_err(|p| {
            LoadError::Invalid(
                p.into_iter()
                    .map(|(line, m)| format!("{}:{line}: {m}", path.display()))
                    .collect(),
            )
        })
}

/// Loads the catalogue of the pack in `dir` into `tenant` (province `code`).
pub async fn load(
    db: &Db,
    tenant: &TenantId,
    code: &str,
    dir: &Path,
) -> Result<Option<Loaded>, LoadError> {
    let Some(cat) = read(dir, code)? else {
        return Ok(None);
    };
    let today = crate::service::today().iso();
    let in_force = |units: Vec<daftar_mdm::model::Unit>| -> std::collections::BTreeSet<String> {
        units.into_iter().map(|u| u.code).collect()
    };
    let orgs = in_force(
        daftar_mdm::service::units_in_force(db, tenant, daftar_mdm::model::Registry::Org, &today)
            .await?,
    );
    let geo = in_force(
        daftar_mdm::service::units_in_force(db, tenant, daftar_mdm::model::Registry::Geo, &today)
            .await?,
    );
    let path = dir.join(FILE);
    let mut problems = Vec::new();
    for d in cat.departments() {
        if !orgs.contains(d) {
            problems.push(format!(
                "{}: department {d} is not an office or department in force",
                path.display()
            ));
        }
    }
    for d in cat.districts() {
        if !geo.contains(d) {
            problems.push(format!(
                "{}: district {d} is not a geography unit in force",
                path.display()
            ));
        }
    }
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    let actor = Actor::system(tenant.clone(), "pack");
    let mut tx = db.begin().await?;
    let mut loaded = Loaded {
        services: cat.services.len(),
        centres: cat.centres.len(),
        changed: 0,
    };
    let days_off = cat
        .days_off
        .iter()
        .map(|d| d.to_string().to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(",");
    if store::set_days_off(&mut tx, tenant, &days_off).await? {
        audit::record(
            &mut tx,
            &actor,
            "khidmat_calendar.load",
            &CALENDAR,
            tenant.as_str(),
            json!({}),
        )
        .await?;
        loaded.changed += 1;
    }
    let existing = store::fees(&mut tx, tenant, None).await?;
    for s in &cat.services {
        let mut def = s.clone();
        def.fees = Vec::new();
        let definition = serde_json::to_string(&def).map_err(|e| Error::Internal(e.to_string()))?;
        let mut changed = store::upsert_service(
            &mut tx,
            tenant,
            &s.code,
            &s.name,
            &s.name_ur,
            &s.department,
            &definition,
        )
        .await?;
        for f in &s.fees {
            let modes = std::iter::once(("normal", &f.normal))
                .chain(f.urgent.iter().map(|u| ("urgent", u)));
            for (mode, lines) in modes {
                for l in lines {
                    let row = FeeRow {
                        service_code: s.code.clone(),
                        effective_from: f.from.clone(),
                        mode: mode.to_owned(),
                        head: l.head.clone(),
                        amount_paisa: l.amount_paisa,
                    };
                    let same = |e: &&FeeRow| {
                        e.service_code == row.service_code
                            && e.effective_from == row.effective_from
                            && e.mode == row.mode
                            && e.head == row.head
                    };
                    match existing.iter().find(same) {
                        Some(e) if e.amount_paisa == row.amount_paisa => {}
                        Some(e) => problems.push(format!(
                            "{}: service {}: the {mode} {} from {} is already loaded as {} paisa; a fee in force never changes, add a schedule from a later date",
                            path.display(), s.code, l.head, f.from, e.amount_paisa
                        )),
                        None => {
                            store::insert_fee(&mut tx, tenant, &row).await?;
                            changed = true;
                        }
                    }
                }
            }
        }
        // Schedules already loaded but missing from the file stay: applications name them.
        if changed {
            audit::record(
                &mut tx,
                &actor,
                "khidmat_service.load",
                &SERVICE,
                &s.code,
                json!({}),
            )
            .await?;
            loaded.changed += 1;
        }
    }
    for c in &cat.centres {
        for code in std::iter::once(&c.code).chain(c.counters.iter().map(|k| &k.code)) {
            if store::code_elsewhere(&mut tx, tenant, code).await? {
                problems.push(format!(
                    "{}: {code} is a centre or counter of another province",
                    path.display()
                ));
            }
        }
        let row = CentreRow {
            code: c.code.clone(),
            name: c.name.clone(),
            name_ur: c.name_ur.clone(),
            district: c.district.clone(),
            opens: c.opens.clone(),
            closes: c.closes.clone(),
        };
        let mut changed = store::upsert_centre(&mut tx, tenant, &row).await?;
        for k in &c.counters {
            let counter = CounterRow {
                code: k.code.clone(),
                centre_code: c.code.clone(),
                name: k.name.clone(),
                name_ur: k.name_ur.clone(),
                serves: k.serves.join(","),
            };
            changed |= store::upsert_counter(&mut tx, tenant, &counter).await?;
        }
        if changed {
            audit::record(
                &mut tx,
                &actor,
                "khidmat_centre.load",
                &CENTRE,
                &c.code,
                json!({}),
            )
            .await?;
            loaded.changed += 1;
        }
    }
    if !problems.is_empty() {
        tx.rollback().await?;
        return Err(LoadError::Invalid(problems));
    }
    // The province's signing key for certificates, made once.
    if store::keys(&mut tx, tenant).await?.is_empty() {
        let (secret, public, key_id) =
            certificate::new_key().map_err(|e| Error::Internal(e.to_string()))?;
        let row = KeyRow {
            tenant_id: tenant.as_str().to_owned(),
            key_id: key_id.clone(),
            public_key: public,
            secret_key: secret,
            created_at: now_utc(),
        };
        store::insert_key(&mut tx, &row).await?;
        audit::record(
            &mut tx,
            &actor,
            "khidmat_key.create",
            &KEY,
            &key_id,
            json!({}),
        )
        .await?;
        loaded.changed += 1;
    }
    // The catalogue, centres or days off may have changed: caches of them reload.
    daftar_platform::stamps::bump(&mut tx, tenant).await?;
    tx.commit().await?;
    Ok(Some(loaded))
}
