//! Demo data: both provinces' packs and demo accounts, all with password `daftar-demo`.

use std::path::Path;

use daftar_platform::{
    Db, Error,
    audit::Actor,
    auth::{Roles, Scope, service},
    tenants,
};

pub const PASSWORD: &str = "daftar-demo";

/// A demo login: who, what they can do, and the role they hold.
pub struct DemoAccount {
    pub username: String,
    pub display_name: String,
    pub role: Option<(&'static str, Scope)>,
    pub what: &'static str,
}

fn accounts(slug: &str, code: &str, district: &str) -> Vec<DemoAccount> {
    let title = |s: &str| {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    let p = title(slug);
    vec![
        DemoAccount {
            username: format!("{slug}.admin"),
            display_name: format!("{p} Administrator"),
            role: Some(("platform.admin", Scope::Province)),
            what: "province administrator",
        },
        DemoAccount {
            username: format!("{slug}.editor"),
            display_name: format!("{p} Reference Data Editor"),
            role: Some(("mdm.editor", Scope::Province)),
            what: "records geography and office changes",
        },
        DemoAccount {
            username: format!("{slug}.district"),
            display_name: format!("{p} District Officer"),
            role: Some(("mdm.editor", Scope::District(format!("{code}-{district}")))),
            what: "editor role limited to one district",
        },
        DemoAccount {
            username: format!("{slug}.steward"),
            display_name: format!("{p} Records Steward"),
            role: Some(("mdm.steward", Scope::Province)),
            what: "people's records: resolve, see CNICs",
        },
        DemoAccount {
            username: format!("{slug}.clerk"),
            display_name: format!("{p} Clerk"),
            role: None,
            what: "no roles: browses reference data",
        },
    ]
}

/// Loads the Punjab and Balochistan packs and creates the demo accounts that do not exist
/// yet. Safe to run again: nothing is duplicated.
pub async fn seed(db: &Db, roles: &Roles, packs_dir: &Path) -> anyhow::Result<Vec<DemoAccount>> {
    let mut all = Vec::new();
    for (slug, district) in [("punjab", "LHR"), ("balochistan", "QTA")] {
        let report = daftar_mdm::packs::load(db, &packs_dir.join(slug)).await?;
        tracing::info!(
            slug,
            created = report.created,
            updated = report.updated,
            "pack loaded"
        );
        let tenant = tenants::by_slug(db, slug)
            .await?
            .ok_or_else(|| anyhow::anyhow!("tenant {slug} missing after load"))?;
        let actor = Actor::system(tenant.tenant_id(), "demo");
        for a in accounts(slug, &tenant.code, district) {
            match service::find_user(db, &tenant.tenant_id(), &a.username).await {
                Ok(_) => {}
                Err(Error::NotFound) => {
                    let new = service::NewUser {
                        username: a.username.clone(),
                        display_name: a.display_name.clone(),
                        password: PASSWORD.to_owned(),
                    };
                    let user = service::create_user(db, &actor, &new).await?;
                    if let Some((role, scope)) = &a.role {
                        service::grant_role(db, &actor, roles, &user.id, role, scope.clone())
                            .await?;
                    }
                }
                Err(e) => return Err(e.into()),
            }
            all.push(a);
        }
    }
    Ok(all)
}
