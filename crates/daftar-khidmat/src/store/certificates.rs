//! SQL of the certificates issued on delivery, and their revocation.

use sqlx::AnyConnection;

use daftar_kernel::TenantId;
use daftar_platform::error::Result;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CertificateRow {
    pub id: String,
    pub tenant_id: String,
    pub number: String,
    pub application_id: String,
    pub key_id: String,
    pub payload: String,
    pub issued_at: String,
    pub revoked_at: Option<String>,
    pub revoked_reason: String,
}

pub async fn insert_certificate(conn: &mut AnyConnection, c: &CertificateRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO khidmat_certificates (id, tenant_id, number, application_id, key_id, payload, issued_at, revoked_reason) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, '')",
    )
    .bind(&c.id)
    .bind(&c.tenant_id)
    .bind(&c.number)
    .bind(&c.application_id)
    .bind(&c.key_id)
    .bind(&c.payload)
    .bind(&c.issued_at)
    .execute(conn)
    .await?;
    Ok(())
}

macro_rules! cert_columns {
    () => {
        "id, tenant_id, number, application_id, key_id, payload, issued_at, revoked_at, revoked_reason"
    };
}

pub async fn certificate_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    application: &str,
) -> Result<Option<CertificateRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        cert_columns!(),
        " FROM khidmat_certificates WHERE tenant_id = $1 AND application_id = $2"
    ))
    .bind(tenant.as_str())
    .bind(application)
    .fetch_optional(conn)
    .await?)
}

/// A certificate by its number, in any province (verification is public).
pub async fn certificate_by_number(
    conn: &mut AnyConnection,
    number: &str,
) -> Result<Option<CertificateRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        cert_columns!(),
        " FROM khidmat_certificates WHERE number = $1"
    ))
    .bind(number)
    .fetch_optional(conn)
    .await?)
}

pub async fn revoke_certificate(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
    at: &str,
    reason: &str,
) -> Result<bool> {
    let r = sqlx::query(
        "UPDATE khidmat_certificates SET revoked_at = $3, revoked_reason = $4 \
         WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL",
    )
    .bind(tenant.as_str())
    .bind(id)
    .bind(at)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}
