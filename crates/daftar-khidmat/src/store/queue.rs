//! SQL of the token queue.

use sqlx::AnyConnection;

use daftar_kernel::TenantId;
use daftar_platform::{audit::EntitySpec, error::Result};

pub static TOKEN: EntitySpec = EntitySpec {
    kind: "khidmat_token",
    state: &[
        "SELECT id, centre_code, day, number, category, priority, seq, status, counter_code, issued_at, called_at, finished_at, recalls FROM khidmat_tokens WHERE tenant_id = $1 AND id = $2",
    ],
    list: "SELECT id FROM khidmat_tokens WHERE tenant_id = $1",
};

macro_rules! columns {
    () => {
        "id, centre_code, day, number, category, priority, seq, status, counter_code, issued_at, called_at, finished_at, recalls"
    };
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct TokenRow {
    pub id: String,
    pub centre_code: String,
    pub day: String,
    /// As shown to the citizen: `G-007`, `P-002`, `W-001`.
    pub number: String,
    pub category: String,
    pub priority: i64,
    pub seq: i64,
    /// `waiting`, `called`, `done`, `no_show` or `expired`.
    pub status: String,
    pub counter_code: Option<String>,
    pub issued_at: String,
    pub called_at: Option<String>,
    pub finished_at: Option<String>,
    pub recalls: i64,
}

pub async fn insert(conn: &mut AnyConnection, tenant: &TenantId, t: &TokenRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO khidmat_tokens (id, tenant_id, centre_code, day, number, category, priority, seq, status, counter_code, issued_at, recalls) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0)",
    )
    .bind(&t.id)
    .bind(tenant.as_str())
    .bind(&t.centre_code)
    .bind(&t.day)
    .bind(&t.number)
    .bind(&t.category)
    .bind(t.priority)
    .bind(t.seq)
    .bind(&t.status)
    .bind(&t.counter_code)
    .bind(&t.issued_at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn get(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> Result<Option<TokenRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM khidmat_tokens WHERE tenant_id = $1 AND id = $2"
    ))
    .bind(tenant.as_str())
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// The token a counter has called and not finished, if any.
pub async fn current(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    counter: &str,
    day: &str,
) -> Result<Option<TokenRow>> {
    Ok(sqlx::query_as(concat!("SELECT ", columns!(), " FROM khidmat_tokens WHERE tenant_id = $1 AND counter_code = $2 AND day = $3 AND status = 'called' ORDER BY called_at DESC LIMIT 1"))
    .bind(tenant.as_str())
    .bind(counter)
    .bind(day)
    .fetch_optional(conn)
    .await?)
}

/// The next waiting token a counter may call: tokens transferred to it first, then by
/// priority, then in order of arrival; only categories the counter serves.
pub async fn next_waiting(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    centre: &str,
    counter: &str,
    day: &str,
    serves: &[&str],
) -> Result<Option<TokenRow>> {
    let cats = serves
        .iter()
        .map(|c| format!("'{}'", c.replace('\'', "")))
        .collect::<Vec<_>>()
        .join(", ");
    // The categories are the pack's checked names, quoted (never user input).
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM khidmat_tokens WHERE tenant_id = $1 AND centre_code = $2 AND day = $3 \
         AND status = 'waiting' AND (counter_code IS NULL OR counter_code = $4) \
         AND (category IN ({cats}) OR counter_code = $4) \
         ORDER BY CASE WHEN counter_code = $4 THEN 0 ELSE 1 END, priority DESC, seq LIMIT 1",
        columns!()
    )))
    .bind(tenant.as_str())
    .bind(centre)
    .bind(day)
    .bind(counter)
    .fetch_optional(conn)
    .await?)
}

/// Moves a token from one status to another; false when it was no longer in `from`
/// (another counter took it first).
#[allow(clippy::too_many_arguments)]
pub async fn set_status(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
    from: &str,
    to: &str,
    counter: Option<&str>,
    called_at: Option<&str>,
    finished_at: Option<&str>,
) -> Result<bool> {
    let r = sqlx::query(
        "UPDATE khidmat_tokens SET status = $4, counter_code = COALESCE($5, counter_code), \
         called_at = COALESCE($6, called_at), finished_at = COALESCE($7, finished_at) \
         WHERE tenant_id = $1 AND id = $2 AND status = $3",
    )
    .bind(tenant.as_str())
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(counter)
    .bind(called_at)
    .bind(finished_at)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn recall(conn: &mut AnyConnection, tenant: &TenantId, id: &str, at: &str) -> Result<()> {
    sqlx::query(
        "UPDATE khidmat_tokens SET recalls = recalls + 1, called_at = $3 WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(id)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Hands a called token to another counter: it waits there, ahead of that counter's queue.
pub async fn transfer(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
    to: &str,
) -> Result<bool> {
    let r = sqlx::query(
        "UPDATE khidmat_tokens SET status = 'waiting', counter_code = $3 WHERE tenant_id = $1 AND id = $2 AND status = 'called'",
    )
    .bind(tenant.as_str())
    .bind(id)
    .bind(to)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// A centre's tokens of a day, in order of arrival.
pub async fn of_day(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    centre: &str,
    day: &str,
) -> Result<Vec<TokenRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM khidmat_tokens WHERE tenant_id = $1 AND centre_code = $2 AND day = $3 ORDER BY seq"
    ))
    .bind(tenant.as_str())
    .bind(centre)
    .bind(day)
    .fetch_all(conn)
    .await?)
}

/// Ids of tokens of earlier days still waiting or called: they expire.
pub async fn stale(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    today: &str,
) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM khidmat_tokens WHERE tenant_id = $1 AND day < $2 AND status IN ('waiting', 'called') ORDER BY id LIMIT 500",
    )
    .bind(tenant.as_str())
    .bind(today)
    .fetch_all(conn)
    .await?)
}
