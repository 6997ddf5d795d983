//! SQL for the reference registries' own tables, and nothing else. Every function takes
//! the tenant first.

use sqlx::AnyConnection;

use crate::model::{Holiday, Notification, Post, Registry, Unit, Version};
use daftar_kernel::TenantId;
use daftar_platform::{audit::EntitySpec, error::Result};

macro_rules! unit_spec {
    ($name:ident, $kind:literal, $registry:literal) => {
        /// A unit's audited state: identity, every version, and its successors.
        pub static $name: EntitySpec = EntitySpec {
            kind: $kind,
            state: &[
                concat!("SELECT code, level, effective_from, created_change, retired_on, retired_change FROM mdm_units WHERE tenant_id = $1 AND registry = '", $registry, "' AND code = $2"),
                concat!("SELECT valid_from, valid_to, name, name_ur, parent, location, change_id FROM mdm_versions WHERE tenant_id = $1 AND registry = '", $registry, "' AND code = $2 ORDER BY valid_from"),
                concat!("SELECT successor, change_id FROM mdm_successors WHERE tenant_id = $1 AND registry = '", $registry, "' AND code = $2 ORDER BY successor"),
            ],
            list: concat!("SELECT code FROM mdm_units WHERE tenant_id = $1 AND registry = '", $registry, "'"),
        };
    };
}

unit_spec!(GEO_UNIT, "geo_unit", "geo");
unit_spec!(ORG_UNIT, "org_unit", "org");

pub static POST: EntitySpec = EntitySpec {
    kind: "post",
    state: &[
        "SELECT code, office, designation, designation_ur, bps, effective_from, retired_on FROM mdm_posts WHERE tenant_id = $1 AND code = $2",
    ],
    list: "SELECT code FROM mdm_posts WHERE tenant_id = $1",
};

/// A holiday's entity id is `YYYY-MM-DD|name` (two holidays can share a day).
pub static HOLIDAY: EntitySpec = EntitySpec {
    kind: "holiday",
    state: &[
        "SELECT day, name, name_ur, kind, note FROM mdm_holidays WHERE tenant_id = $1 AND day || '|' || name = $2",
    ],
    list: "SELECT day || '|' || name FROM mdm_holidays WHERE tenant_id = $1",
};

pub static CHANGE: EntitySpec = EntitySpec {
    kind: "mdm_change",
    state: &[
        "SELECT id, registry, kind, notification_no, notification_date, effective_date, note, recorded_by FROM mdm_changes WHERE tenant_id = $1 AND id = $2",
    ],
    list: "SELECT id FROM mdm_changes WHERE tenant_id = $1",
};

pub static PROVINCE: EntitySpec = EntitySpec {
    kind: "province_settings",
    state: &[
        "SELECT tenant_id, development_programme, fiscal_year_start, timezone FROM mdm_province WHERE tenant_id = $1 AND tenant_id = $2",
    ],
    list: "SELECT tenant_id FROM mdm_province WHERE tenant_id = $1",
};

#[allow(clippy::too_many_arguments)]
pub async fn insert_change(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
    registry: Registry,
    kind: &str,
    n: &Notification,
    by: &str,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO mdm_changes (id, tenant_id, registry, kind, notification_no, notification_date, effective_date, note, recorded_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(id)
    .bind(tenant.as_str())
    .bind(registry.as_str())
    .bind(kind)
    .bind(n.notification_no.trim())
    .bind(&n.notification_date)
    .bind(&n.effective_date)
    .bind(n.note.trim())
    .bind(now)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(())
}

/// Identity of a unit regardless of dates: (level, effective_from, retired_on).
pub async fn identity(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    registry: Registry,
    code: &str,
) -> Result<Option<(String, String, Option<String>)>> {
    Ok(sqlx::query_as("SELECT level, effective_from, retired_on FROM mdm_units WHERE tenant_id = $1 AND registry = $2 AND code = $3")
        .bind(tenant.as_str())
        .bind(registry.as_str())
        .bind(code)
        .fetch_optional(conn)
        .await?)
}

pub async fn insert_unit(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    registry: Registry,
    code: &str,
    level: &str,
    effective_from: &str,
    change: &str,
) -> Result<()> {
    sqlx::query("INSERT INTO mdm_units (tenant_id, registry, code, level, effective_from, created_change) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(tenant.as_str())
        .bind(registry.as_str())
        .bind(code)
        .bind(level)
        .bind(effective_from)
        .bind(change)
        .execute(conn)
        .await?;
    Ok(())
}

/// The latest version of a unit: (valid_from, valid_to, name, name_ur, parent, location).
pub type VersionRow = (String, Option<String>, String, String, String, String);

pub async fn latest_version(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    registry: Registry,
    code: &str,
) -> Result<Option<VersionRow>> {
    Ok(sqlx::query_as(
        "SELECT valid_from, valid_to, name, name_ur, parent, location FROM mdm_versions
         WHERE tenant_id = $1 AND registry = $2 AND code = $3 ORDER BY valid_from DESC LIMIT 1",
    )
    .bind(tenant.as_str())
    .bind(registry.as_str())
    .bind(code)
    .fetch_optional(conn)
    .await?)
}

/// Ends the version that starts at `valid_from` on `valid_to`.
pub async fn close_version(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    registry: Registry,
    code: &str,
    valid_from: &str,
    valid_to: &str,
) -> Result<()> {
    sqlx::query("UPDATE mdm_versions SET valid_to = $5 WHERE tenant_id = $1 AND registry = $2 AND code = $3 AND valid_from = $4")
        .bind(tenant.as_str())
        .bind(registry.as_str())
        .bind(code)
        .bind(valid_from)
        .bind(valid_to)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_version(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    registry: Registry,
    code: &str,
    valid_from: &str,
) -> Result<()> {
    sqlx::query("DELETE FROM mdm_versions WHERE tenant_id = $1 AND registry = $2 AND code = $3 AND valid_from = $4")
        .bind(tenant.as_str())
        .bind(registry.as_str())
        .bind(code)
        .bind(valid_from)
        .execute(conn)
        .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_version(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    registry: Registry,
    code: &str,
    valid_from: &str,
    name: &str,
    name_ur: &str,
    parent: &str,
    location: &str,
    change: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO mdm_versions (tenant_id, registry, code, valid_from, valid_to, name, name_ur, parent, location, change_id)
         VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9)",
    )
    .bind(tenant.as_str())
    .bind(registry.as_str())
    .bind(code)
    .bind(valid_from)
    .bind(name)
    .bind(name_ur)
    .bind(parent)
    .bind(location)
    .bind(change)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn retire_unit(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    registry: Registry,
    code: &str,
    on: &str,
    change: &str,
) -> Result<()> {
    sqlx::query("UPDATE mdm_units SET retired_on = $4, retired_change = $5 WHERE tenant_id = $1 AND registry = $2 AND code = $3")
        .bind(tenant.as_str())
        .bind(registry.as_str())
        .bind(code)
        .bind(on)
        .bind(change)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn insert_successor(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    registry: Registry,
    code: &str,
    successor: &str,
    change: &str,
) -> Result<()> {
    sqlx::query("INSERT INTO mdm_successors (tenant_id, registry, code, successor, change_id) VALUES ($1, $2, $3, $4, $5)")
        .bind(tenant.as_str())
        .bind(registry.as_str())
        .bind(code)
        .bind(successor)
        .bind(change)
        .execute(conn)
        .await?;
    Ok(())
}

const UNIT_AS_OF: &str = "SELECT u.code, u.level, v.name, v.name_ur, v.parent, v.location, u.effective_from, u.retired_on
    FROM mdm_units u JOIN mdm_versions v ON v.tenant_id = u.tenant_id AND v.registry = u.registry AND v.code = u.code
    WHERE u.tenant_id = $1 AND u.registry = $2 AND v.valid_from <= $3 AND (v.valid_to IS NULL OR v.valid_to > $3)
      AND (u.retired_on IS NULL OR u.retired_on > $3)";

/// Filters for listing units; empty strings mean "any".
#[derive(Debug, Default)]
pub struct UnitFilter<'a> {
    pub level: &'a str,
    pub parent: &'a str,
    pub location: &'a str,
}

/// Units in force on `as_of`, filtered, ordered by name.
pub async fn units_as_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    registry: Registry,
    as_of: &str,
    f: &UnitFilter<'_>,
) -> Result<Vec<Unit>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{UNIT_AS_OF} AND ($4 = '' OR u.level = $4) AND ($5 = '' OR v.parent = $5) AND ($6 = '' OR v.location = $6) ORDER BY v.name, u.code"
    )))
    .bind(tenant.as_str())
    .bind(registry.as_str())
    .bind(as_of)
    .bind(f.level)
    .bind(f.parent)
    .bind(f.location)
    .fetch_all(conn)
    .await?)
}

pub async fn unit_as_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    registry: Registry,
    code: &str,
    as_of: &str,
) -> Result<Option<Unit>> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{UNIT_AS_OF} AND u.code = $4")))
            .bind(tenant.as_str())
            .bind(registry.as_str())
            .bind(as_of)
            .bind(code)
            .fetch_optional(conn)
            .await?,
    )
}

/// A unit with its latest version, whatever the date (for retired units' pages).
pub async fn unit_latest(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    registry: Registry,
    code: &str,
) -> Result<Option<Unit>> {
    Ok(sqlx::query_as(
        "SELECT u.code, u.level, v.name, v.name_ur, v.parent, v.location, u.effective_from, u.retired_on
         FROM mdm_units u JOIN mdm_versions v ON v.tenant_id = u.tenant_id AND v.registry = u.registry AND v.code = u.code
         WHERE u.tenant_id = $1 AND u.registry = $2 AND u.code = $3 ORDER BY v.valid_from DESC LIMIT 1",
    )
    .bind(tenant.as_str())
    .bind(registry.as_str())
    .bind(code)
    .fetch_optional(conn)
    .await?)
}

pub async fn history(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    registry: Registry,
    code: &str,
) -> Result<Vec<Version>> {
    Ok(sqlx::query_as(
        "SELECT v.valid_from, v.valid_to, v.name, v.name_ur, v.parent, v.location, c.kind, c.notification_no, c.notification_date
         FROM mdm_versions v JOIN mdm_changes c ON c.id = v.change_id
         WHERE v.tenant_id = $1 AND v.registry = $2 AND v.code = $3 ORDER BY v.valid_from",
    )
    .bind(tenant.as_str())
    .bind(registry.as_str())
    .bind(code)
    .fetch_all(conn)
    .await?)
}

pub async fn successors(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    registry: Registry,
    code: &str,
) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT successor FROM mdm_successors WHERE tenant_id = $1 AND registry = $2 AND code = $3 ORDER BY successor")
        .bind(tenant.as_str())
        .bind(registry.as_str())
        .bind(code)
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn predecessors(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    registry: Registry,
    code: &str,
) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT code FROM mdm_successors WHERE tenant_id = $1 AND registry = $2 AND successor = $3 ORDER BY code")
        .bind(tenant.as_str())
        .bind(registry.as_str())
        .bind(code)
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn post(conn: &mut AnyConnection, tenant: &TenantId, code: &str) -> Result<Option<Post>> {
    Ok(sqlx::query_as("SELECT code, office, designation, designation_ur, bps FROM mdm_posts WHERE tenant_id = $1 AND code = $2")
        .bind(tenant.as_str())
        .bind(code)
        .fetch_optional(conn)
        .await?)
}

pub async fn upsert_post(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    p: &Post,
    effective_from: &str,
    exists: bool,
) -> Result<()> {
    let sql = if exists {
        "UPDATE mdm_posts SET office = $3, designation = $4, designation_ur = $5, bps = $6 WHERE tenant_id = $1 AND code = $2"
    } else {
        "INSERT INTO mdm_posts (tenant_id, code, office, designation, designation_ur, bps, effective_from) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    };
    let q = sqlx::query(sql)
        .bind(tenant.as_str())
        .bind(&p.code)
        .bind(&p.office)
        .bind(&p.designation)
        .bind(&p.designation_ur)
        .bind(p.bps);
    let q = if exists { q } else { q.bind(effective_from) };
    q.execute(conn).await?;
    Ok(())
}

pub async fn posts_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    office: &str,
) -> Result<Vec<Post>> {
    Ok(sqlx::query_as(
        "SELECT code, office, designation, designation_ur, bps FROM mdm_posts
         WHERE tenant_id = $1 AND office = $2 AND retired_on IS NULL ORDER BY bps DESC, code",
    )
    .bind(tenant.as_str())
    .bind(office)
    .fetch_all(conn)
    .await?)
}

/// Every post of the province still sanctioned (not retired), office by office.
pub async fn posts_in_force(conn: &mut AnyConnection, tenant: &TenantId) -> Result<Vec<Post>> {
    Ok(sqlx::query_as(
        "SELECT code, office, designation, designation_ur, bps FROM mdm_posts
         WHERE tenant_id = $1 AND retired_on IS NULL ORDER BY office, bps DESC, code",
    )
    .bind(tenant.as_str())
    .fetch_all(conn)
    .await?)
}

pub async fn holiday(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    day: &str,
    name: &str,
) -> Result<Option<Holiday>> {
    Ok(sqlx::query_as("SELECT day, name, name_ur, kind, note FROM mdm_holidays WHERE tenant_id = $1 AND day = $2 AND name = $3")
        .bind(tenant.as_str())
        .bind(day)
        .bind(name)
        .fetch_optional(conn)
        .await?)
}

pub async fn upsert_holiday(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    h: &Holiday,
    exists: bool,
) -> Result<()> {
    let sql = if exists {
        "UPDATE mdm_holidays SET name_ur = $4, kind = $5, note = $6 WHERE tenant_id = $1 AND day = $2 AND name = $3"
    } else {
        "INSERT INTO mdm_holidays (tenant_id, day, name, name_ur, kind, note) VALUES ($1, $2, $3, $4, $5, $6)"
    };
    sqlx::query(sql)
        .bind(tenant.as_str())
        .bind(&h.day)
        .bind(&h.name)
        .bind(&h.name_ur)
        .bind(&h.kind)
        .bind(&h.note)
        .execute(conn)
        .await?;
    Ok(())
}

/// Holidays between two days inclusive (`YYYY-MM-DD`).
pub async fn holidays(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    from: &str,
    to: &str,
) -> Result<Vec<Holiday>> {
    Ok(sqlx::query_as("SELECT day, name, name_ur, kind, note FROM mdm_holidays WHERE tenant_id = $1 AND day >= $2 AND day <= $3 ORDER BY day, name")
        .bind(tenant.as_str())
        .bind(from)
        .bind(to)
        .fetch_all(conn)
        .await?)
}

/// (development_programme, fiscal_year_start, timezone)
pub async fn province(
    conn: &mut AnyConnection,
    tenant: &TenantId,
) -> Result<Option<(String, String, String)>> {
    Ok(sqlx::query_as("SELECT development_programme, fiscal_year_start, timezone FROM mdm_province WHERE tenant_id = $1")
        .bind(tenant.as_str())
        .fetch_optional(conn)
        .await?)
}

pub async fn upsert_province(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    programme: &str,
    fy_start: &str,
    tz: &str,
    exists: bool,
) -> Result<()> {
    let sql = if exists {
        "UPDATE mdm_province SET development_programme = $2, fiscal_year_start = $3, timezone = $4 WHERE tenant_id = $1"
    } else {
        "INSERT INTO mdm_province (tenant_id, development_programme, fiscal_year_start, timezone) VALUES ($1, $2, $3, $4)"
    };
    sqlx::query(sql)
        .bind(tenant.as_str())
        .bind(programme)
        .bind(fy_start)
        .bind(tz)
        .execute(conn)
        .await?;
    Ok(())
}
