//! SQL of the SMS outbox: a message per stage, written in the step's transaction and
//! sent (and retried) by the outbox worker.

use sqlx::AnyConnection;

use daftar_kernel::TenantId;
use daftar_platform::{
    db::{Tx, marks},
    error::Result,
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SmsRow {
    pub id: String,
    pub tenant_id: String,
    pub application_id: String,
    pub mobile: String,
    pub body: String,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: String,
    pub last_error: String,
}

/// Holds back the insert (see [`Tx::defer`]).
pub fn enqueue_sms(tx: &mut Tx, s: &SmsRow, at: &str) -> Result<()> {
    tx.defer(sqlx::query(
        "INSERT INTO khidmat_outbox (id, tenant_id, application_id, mobile, body, status, attempts, next_attempt_at, last_error, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, '', $6)",
    )
    .bind(&s.id)
    .bind(&s.tenant_id)
    .bind(&s.application_id)
    .bind(&s.mobile)
    .bind(&s.body)
    .bind(at))
}

/// Messages due for a (first or further) attempt, oldest first.
pub async fn due_sms(conn: &mut AnyConnection, now: &str, limit: i64) -> Result<Vec<SmsRow>> {
    Ok(sqlx::query_as(
        "SELECT id, tenant_id, application_id, mobile, body, status, attempts, next_attempt_at, last_error \
         FROM khidmat_outbox WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// Marks the messages `ids` sent, in one statement; held back (see [`Tx::defer`]).
pub fn sms_sent(tx: &mut Tx, ids: &[&str], at: &str) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "UPDATE khidmat_outbox SET status = 'sent', attempts = attempts + 1, sent_at = $1 WHERE id IN ({})",
        marks(2, ids.len())
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(at);
    for id in ids {
        q = q.bind(*id);
    }
    tx.defer(q)
}

/// A failed attempt: tried again at `next` or, with `give_up`, marked failed. Held back
/// (see [`Tx::defer`]).
pub fn sms_failed(tx: &mut Tx, id: &str, error: &str, next: &str, give_up: bool) -> Result<()> {
    tx.defer(sqlx::query(
        "UPDATE khidmat_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3, \
         status = CASE WHEN $4 = 1 THEN 'failed' ELSE 'pending' END WHERE id = $1",
    )
    .bind(id)
    .bind(error)
    .bind(next)
    .bind(i64::from(give_up)))
}

/// An application's messages, oldest first: `(body, status, attempts)`.
pub async fn sms_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    application: &str,
) -> Result<Vec<(String, String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT body, status, attempts FROM khidmat_outbox WHERE tenant_id = $1 AND application_id = $2 ORDER BY created_at, id",
    )
    .bind(tenant.as_str())
    .bind(application)
    .fetch_all(conn)
    .await?)
}
