//! Tenants: one per province. Every row of tenant data carries its tenant's id.

use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, AssertSqlSafe};

use crate::{
    audit::{self, Actor, EntitySpec},
    db::{Db, Tx},
    error::Result,
};
use daftar_kernel::{Id, TenantId};

/// A province using this deployment.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Tenant {
    pub id: String,
    /// The short name used on the command line: `punjab`.
    pub slug: String,
    /// ISO 3166-2:PK code, the prefix of its reference codes: `PB`.
    pub code: String,
    pub name: String,
    pub name_ur: String,
    pub government: String,
    pub government_ur: String,
    pub accent_colour: String,
    /// The province's configuration stamp when this was read (see [`crate::stamps`]).
    #[serde(skip)]
    #[sqlx(default)]
    pub config_stamp: i64,
}

impl Tenant {
    pub fn tenant_id(&self) -> TenantId {
        TenantId::from_stored(self.id.clone())
    }
}

/// What a province pack says about its province.
#[derive(Clone, Debug, Deserialize)]
pub struct TenantDef {
    pub slug: String,
    pub code: String,
    pub name: String,
    pub name_ur: String,
    pub government: String,
    pub government_ur: String,
    pub accent_colour: String,
}

pub static TENANT: EntitySpec = EntitySpec {
    kind: "tenant",
    state: &[
        "SELECT id, slug, code, name, name_ur, government, government_ur, accent_colour
              FROM tenants WHERE id = $1 AND id = $2",
    ],
    list: "SELECT id FROM tenants WHERE id = $1",
};

const COLUMNS: &str = "id, slug, code, name, name_ur, government, government_ur, accent_colour";
/// Read with the columns: the province's configuration stamp.
const STAMP: &str = "COALESCE((SELECT stamp FROM config_stamps c WHERE c.tenant_id = tenants.id), 0) AS config_stamp";

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Tenant>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {COLUMNS}, {STAMP} FROM tenants WHERE slug = $1"
    )))
    .bind(slug)
    .fetch_optional(db.pool())
    .await?)
}

pub async fn by_id(conn: &mut AnyConnection, id: &str) -> Result<Option<Tenant>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {COLUMNS}, {STAMP} FROM tenants WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

pub async fn list(db: &Db) -> Result<Vec<Tenant>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {COLUMNS}, {STAMP} FROM tenants ORDER BY slug"
    )))
    .fetch_all(db.pool())
    .await?)
}

/// Creates the tenant, or updates its names and colour; audited when anything changed.
pub async fn upsert(tx: &mut Tx, def: &TenantDef, what: &str) -> Result<Tenant> {
    let existing: Option<Tenant> = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM tenants WHERE slug = $1"
    )))
    .bind(&def.slug)
    .fetch_optional(&mut **tx)
    .await?;
    let (id, action) = match &existing {
        Some(t)
            if t.code == def.code
                && t.name == def.name
                && t.name_ur == def.name_ur
                && t.government == def.government
                && t.government_ur == def.government_ur
                && t.accent_colour == def.accent_colour =>
        {
            return Ok(t.clone());
        }
        Some(t) => {
            sqlx::query(
                "UPDATE tenants SET code = $2, name = $3, name_ur = $4, government = $5,
                 government_ur = $6, accent_colour = $7 WHERE id = $1",
            )
            .bind(&t.id)
            .bind(&def.code)
            .bind(&def.name)
            .bind(&def.name_ur)
            .bind(&def.government)
            .bind(&def.government_ur)
            .bind(&def.accent_colour)
            .execute(&mut **tx)
            .await?;
            (t.id.clone(), "tenant.update")
        }
        None => {
            let id = Id::new().to_string();
            sqlx::query(AssertSqlSafe(format!(
                "INSERT INTO tenants ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            )))
            .bind(&id)
            .bind(&def.slug)
            .bind(&def.code)
            .bind(&def.name)
            .bind(&def.name_ur)
            .bind(&def.government)
            .bind(&def.government_ur)
            .bind(&def.accent_colour)
            .execute(&mut **tx)
            .await?;
            (id, "tenant.create")
        }
    };
    let actor = Actor::system(TenantId::from_stored(id.clone()), what);
    audit::record(tx, &actor, action, &TENANT, &id, serde_json::json!({})).await?;
    by_id(tx, &id).await?.ok_or(crate::error::Error::NotFound)
}
