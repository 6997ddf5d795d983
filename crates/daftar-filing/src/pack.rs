//! Loads a pack's `filing.toml` into a province that master data already knows, in one
//! audited transaction, idempotently. Its departments must be offices in force and each
//! section's post a sanctioned post of its department.

use std::path::Path;

use daftar_kernel::TenantId;
use daftar_platform::{
    Db, Error,
    audit::{self, Actor},
    db::now_utc,
    stamps,
};
use serde_json::json;

use crate::{
    config::{self, Config, FILE},
    store::{self, CONFIG},
};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Each problem is `file:line: message`.
    #[error("{FILE} was rejected; nothing was loaded:\n{}", .0.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<String>),
    #[error("{0}")]
    Platform(#[from] Error),
}

/// What a load did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub departments: usize,
    pub changed: bool,
}

/// Reads and checks `dir/filing.toml`; `None` when the pack has none.
pub fn read(dir: &Path, province: &str) -> Result<Option<Config>, LoadError> {
    let path = dir.join(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(LoadError::Invalid(vec![format!("{}: {e}", path.display())])),
    };
    config::parse(&text, province).map(Some).map_err(|p| {
        LoadError::Invalid(
            p.into_iter()
                .map(|(line, m)| format!("{}:{line}: {m}", path.display()))
                .collect(),
        )
    })
}

/// Loads the e-FOAS part of the pack in `dir` into `tenant` (province `code`).
pub async fn load(
    db: &Db,
    tenant: &TenantId,
    code: &str,
    dir: &Path,
) -> Result<Option<Loaded>, LoadError> {
    let Some(cfg) = read(dir, code)? else {
        return Ok(None);
    };
    let today = crate::service::today().iso();
    let offices: std::collections::BTreeSet<String> =
        daftar_mdm::service::units_in_force(db, tenant, daftar_mdm::model::Registry::Org, &today)
            .await?
            .into_iter()
            .map(|u| u.code)
            .collect();
    let posts: std::collections::BTreeMap<String, String> =
        daftar_mdm::service::posts_in_force(db, tenant)
            .await?
            .into_iter()
            .map(|p| (p.code, p.office))
            .collect();
    let path = dir.join(FILE);
    let mut problems = Vec::new();
    for d in &cfg.departments {
        if !offices.contains(&d.office) {
            problems.push(format!(
                "{}: department {} is not an office in force",
                path.display(),
                d.office
            ));
        }
        for s in &d.sections {
            if posts.get(&s.post) != Some(&d.office) {
                problems.push(format!(
                    "{}: section {} of {}: {} is not a sanctioned post of the department",
                    path.display(),
                    s.code,
                    d.office,
                    s.post
                ));
            }
        }
    }
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    let body = serde_json::to_string(&cfg).map_err(|e| Error::Internal(e.to_string()))?;
    let mut tx = db.begin().await?;
    let changed = store::set_config(&mut tx, tenant, &body, &now_utc()).await?;
    if changed {
        stamps::bump(&mut tx, tenant).await?;
        let actor = Actor::system(tenant.clone(), "pack");
        audit::record(
            &mut tx,
            &actor,
            "filing_config.load",
            &CONFIG,
            tenant.as_str(),
            json!({ "departments": cfg.departments.len() }),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Some(Loaded {
        departments: cfg.departments.len(),
        changed,
    }))
}
