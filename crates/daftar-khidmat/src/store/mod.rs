//! SQL for e-Khidmat's own tables, and nothing else. Every function takes the tenant
//! first (public lookups by a globally unique number return the tenant they found).

use sqlx::{AnyConnection, Row};

use daftar_kernel::TenantId;
use daftar_platform::{
    audit::EntitySpec,
    db::Tx,
    error::{Error, Result},
};

pub mod apps;
pub mod certificates;
pub mod queue;
pub mod sms;

pub static SERVICE: EntitySpec = EntitySpec {
    kind: "khidmat_service",
    state: &[
        "SELECT code, name, name_ur, department, definition FROM khidmat_services WHERE tenant_id = $1 AND code = $2",
        "SELECT effective_from, mode, head, amount_paisa FROM khidmat_fees WHERE tenant_id = $1 AND service_code = $2 ORDER BY effective_from, mode, head",
    ],
    list: "SELECT code FROM khidmat_services WHERE tenant_id = $1",
};

pub static CENTRE: EntitySpec = EntitySpec {
    kind: "khidmat_centre",
    state: &[
        "SELECT code, name, name_ur, district, opens, closes FROM khidmat_centres WHERE tenant_id = $1 AND code = $2",
        "SELECT code, name, name_ur, serves FROM khidmat_counters WHERE tenant_id = $1 AND centre_code = $2 ORDER BY code",
    ],
    list: "SELECT code FROM khidmat_centres WHERE tenant_id = $1",
};

pub static CALENDAR: EntitySpec = EntitySpec {
    kind: "khidmat_calendar",
    state: &["SELECT days_off FROM khidmat_calendar WHERE tenant_id = $1 AND tenant_id = $2"],
    list: "SELECT tenant_id FROM khidmat_calendar WHERE tenant_id = $1",
};

/// A signing key's audited state is its public half only.
pub static KEY: EntitySpec = EntitySpec {
    kind: "khidmat_key",
    state: &[
        "SELECT key_id, public_key, created_at FROM khidmat_keys WHERE tenant_id = $1 AND key_id = $2",
    ],
    list: "SELECT key_id FROM khidmat_keys WHERE tenant_id = $1",
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ServiceRow {
    pub code: String,
    pub definition: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FeeRow {
    pub service_code: String,
    pub effective_from: String,
    pub mode: String,
    pub head: String,
    pub amount_paisa: i64,
}

pub async fn services(conn: &mut AnyConnection, tenant: &TenantId) -> Result<Vec<ServiceRow>> {
    Ok(sqlx::query_as(
        "SELECT code, definition FROM khidmat_services WHERE tenant_id = $1 ORDER BY name",
    )
    .bind(tenant.as_str())
    .fetch_all(conn)
    .await?)
}

/// Every fee row of the tenant (or of one service), oldest schedule first.
pub async fn fees(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    service: Option<&str>,
) -> Result<Vec<FeeRow>> {
    Ok(sqlx::query_as(
        "SELECT service_code, effective_from, mode, head, amount_paisa FROM khidmat_fees \
         WHERE tenant_id = $1 AND ($2 = '' OR service_code = $2) \
         ORDER BY service_code, effective_from, mode, head",
    )
    .bind(tenant.as_str())
    .bind(service.unwrap_or(""))
    .fetch_all(conn)
    .await?)
}

/// Inserts or replaces a service's definition; returns whether anything changed.
pub async fn upsert_service(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    code: &str,
    name: &str,
    name_ur: &str,
    department: &str,
    definition: &str,
) -> Result<bool> {
    let r = sqlx::query(
        "INSERT INTO khidmat_services (tenant_id, code, name, name_ur, department, definition) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (tenant_id, code) DO UPDATE SET name = excluded.name, name_ur = excluded.name_ur, \
         department = excluded.department, definition = excluded.definition \
         WHERE khidmat_services.definition <> excluded.definition OR khidmat_services.name <> excluded.name \
         OR khidmat_services.name_ur <> excluded.name_ur OR khidmat_services.department <> excluded.department",
    )
    .bind(tenant.as_str())
    .bind(code)
    .bind(name)
    .bind(name_ur)
    .bind(department)
    .bind(definition)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() > 0)
}

pub async fn insert_fee(conn: &mut AnyConnection, tenant: &TenantId, f: &FeeRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO khidmat_fees (tenant_id, service_code, effective_from, mode, head, amount_paisa) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(tenant.as_str())
    .bind(&f.service_code)
    .bind(&f.effective_from)
    .bind(&f.mode)
    .bind(&f.head)
    .bind(f.amount_paisa)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn days_off(conn: &mut AnyConnection, tenant: &TenantId) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT days_off FROM khidmat_calendar WHERE tenant_id = $1")
            .bind(tenant.as_str())
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn set_days_off(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    days_off: &str,
) -> Result<bool> {
    let r = sqlx::query(
        "INSERT INTO khidmat_calendar (tenant_id, days_off) VALUES ($1, $2) \
         ON CONFLICT (tenant_id) DO UPDATE SET days_off = excluded.days_off \
         WHERE khidmat_calendar.days_off <> excluded.days_off",
    )
    .bind(tenant.as_str())
    .bind(days_off)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() > 0)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct CentreRow {
    pub code: String,
    pub name: String,
    pub name_ur: String,
    pub district: String,
    pub opens: String,
    pub closes: String,
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct CounterRow {
    pub code: String,
    pub centre_code: String,
    pub name: String,
    pub name_ur: String,
    /// Comma-separated categories.
    pub serves: String,
}

/// Inserts or updates a centre; returns whether anything changed.
pub async fn upsert_centre(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    c: &CentreRow,
) -> Result<bool> {
    let r = sqlx::query(
        "INSERT INTO khidmat_centres (tenant_id, code, name, name_ur, district, opens, closes) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (tenant_id, code) DO UPDATE SET name = excluded.name, name_ur = excluded.name_ur, \
         district = excluded.district, opens = excluded.opens, closes = excluded.closes \
         WHERE khidmat_centres.name <> excluded.name OR khidmat_centres.name_ur <> excluded.name_ur \
         OR khidmat_centres.district <> excluded.district OR khidmat_centres.opens <> excluded.opens \
         OR khidmat_centres.closes <> excluded.closes",
    )
    .bind(tenant.as_str())
    .bind(&c.code)
    .bind(&c.name)
    .bind(&c.name_ur)
    .bind(&c.district)
    .bind(&c.opens)
    .bind(&c.closes)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() > 0)
}

pub async fn upsert_counter(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    c: &CounterRow,
) -> Result<bool> {
    let r = sqlx::query(
        "INSERT INTO khidmat_counters (tenant_id, code, centre_code, name, name_ur, serves) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (tenant_id, code) DO UPDATE SET name = excluded.name, name_ur = excluded.name_ur, \
         serves = excluded.serves \
         WHERE khidmat_counters.name <> excluded.name OR khidmat_counters.name_ur <> excluded.name_ur \
         OR khidmat_counters.serves <> excluded.serves",
    )
    .bind(tenant.as_str())
    .bind(&c.code)
    .bind(&c.centre_code)
    .bind(&c.name)
    .bind(&c.name_ur)
    .bind(&c.serves)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() > 0)
}

/// Whether a code is taken by a centre or counter of another province.
pub async fn code_elsewhere(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    code: &str,
) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM khidmat_centres WHERE code = $2 AND tenant_id <> $1) \
         + (SELECT COUNT(*) FROM khidmat_counters WHERE code = $2 AND tenant_id <> $1)",
    )
    .bind(tenant.as_str())
    .bind(code)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

pub async fn centres(conn: &mut AnyConnection, tenant: &TenantId) -> Result<Vec<CentreRow>> {
    Ok(sqlx::query_as(
        "SELECT code, name, name_ur, district, opens, closes FROM khidmat_centres WHERE tenant_id = $1 ORDER BY name",
    )
    .bind(tenant.as_str())
    .fetch_all(conn)
    .await?)
}

pub async fn centre(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    code: &str,
) -> Result<Option<CentreRow>> {
    Ok(sqlx::query_as(
        "SELECT code, name, name_ur, district, opens, closes FROM khidmat_centres WHERE tenant_id = $1 AND code = $2",
    )
    .bind(tenant.as_str())
    .bind(code)
    .fetch_optional(conn)
    .await?)
}

/// The tenant owning a centre, for public pages (the kiosk, the board) that know only
/// the centre's code.
pub async fn centre_tenant(conn: &mut AnyConnection, code: &str) -> Result<Option<TenantId>> {
    let t: Option<String> =
        sqlx::query_scalar("SELECT tenant_id FROM khidmat_centres WHERE code = $1")
            .bind(code)
            .fetch_optional(conn)
            .await?;
    Ok(t.map(TenantId::from_stored))
}

pub async fn counters(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    centre: &str,
) -> Result<Vec<CounterRow>> {
    Ok(sqlx::query_as(
        "SELECT code, centre_code, name, name_ur, serves FROM khidmat_counters \
         WHERE tenant_id = $1 AND ($2 = '' OR centre_code = $2) ORDER BY code",
    )
    .bind(tenant.as_str())
    .bind(centre)
    .fetch_all(conn)
    .await?)
}

pub async fn counter(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    code: &str,
) -> Result<Option<CounterRow>> {
    Ok(sqlx::query_as(
        "SELECT code, centre_code, name, name_ur, serves FROM khidmat_counters WHERE tenant_id = $1 AND code = $2",
    )
    .bind(tenant.as_str())
    .bind(code)
    .fetch_optional(conn)
    .await?)
}

/// Takes the next number of a per-tenant sequence (gap-free: it rolls back with the
/// transaction that took it).
/// Sent with the writes the transaction held back.
pub async fn next_number(tx: &mut Tx, tenant: &TenantId, name: &str) -> Result<i64> {
    let rows = tx.fetch(next_number_query(tenant, name)).await?;
    number_of(&rows, name)
}

/// The statement of [`next_number`], to be sent with others; its rows go to [`number_of`].
pub fn next_number_query(
    tenant: &TenantId,
    name: &str,
) -> sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments> {
    sqlx::query(
        "INSERT INTO khidmat_sequences (tenant_id, name, value) VALUES ($1, $2, 1) \
         ON CONFLICT (tenant_id, name) DO UPDATE SET value = khidmat_sequences.value + 1 \
         RETURNING value",
    )
    .bind(tenant.as_str().to_owned())
    .bind(name.to_owned())
}

/// The number [`next_number_query`] gave.
pub fn number_of(rows: &[sqlx::any::AnyRow], name: &str) -> Result<i64> {
    let row = rows
        .first()
        .ok_or_else(|| Error::Internal(format!("sequence {name} gave no number")))?;
    Ok(row.try_get(0)?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct KeyRow {
    pub tenant_id: String,
    pub key_id: String,
    pub public_key: String,
    pub secret_key: String,
    pub created_at: String,
}

/// The tenant's signing keys, newest first.
pub async fn keys(conn: &mut AnyConnection, tenant: &TenantId) -> Result<Vec<KeyRow>> {
    Ok(sqlx::query_as(
        "SELECT tenant_id, key_id, public_key, secret_key, created_at FROM khidmat_keys \
         WHERE tenant_id = $1 ORDER BY created_at DESC, key_id",
    )
    .bind(tenant.as_str())
    .fetch_all(conn)
    .await?)
}

/// Every province's public keys (the secret column is left empty).
pub async fn public_keys(conn: &mut AnyConnection) -> Result<Vec<KeyRow>> {
    Ok(sqlx::query_as(
        "SELECT tenant_id, key_id, public_key, '' AS secret_key, created_at FROM khidmat_keys \
         ORDER BY tenant_id, created_at",
    )
    .fetch_all(conn)
    .await?)
}

pub async fn insert_key(conn: &mut AnyConnection, k: &KeyRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO khidmat_keys (tenant_id, key_id, public_key, secret_key, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&k.tenant_id)
    .bind(&k.key_id)
    .bind(&k.public_key)
    .bind(&k.secret_key)
    .bind(&k.created_at)
    .execute(conn)
    .await?;
    Ok(())
}
