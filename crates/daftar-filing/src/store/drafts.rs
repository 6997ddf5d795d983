//! Drafts for approval, their versions, and the dispatch register.

use serde::Serialize;
use sqlx::AnyConnection;
use utoipa::ToSchema;

use daftar_kernel::TenantId;
use daftar_platform::{audit::EntitySpec, db::Tx, error::Result};

pub static DRAFT: EntitySpec = EntitySpec {
    kind: "filing_draft",
    state: &[
        "SELECT id, file_id, subject, addressee, language, status, version, approved_by, approved_at, dispatch_no, issued_at, created_by, created_at FROM filing_drafts WHERE tenant_id = $1 AND id = $2",
        "SELECT version, body, author, created_at FROM filing_draft_versions WHERE tenant_id = $1 AND draft_id = $2 ORDER BY version",
        "SELECT office, year, serial, number, file_id, addressee, subject, issued_at, issued_by FROM filing_dispatches WHERE tenant_id = $1 AND draft_id = $2",
    ],
    list: "SELECT id FROM filing_drafts WHERE tenant_id = $1",
};

#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct DraftRow {
    pub id: String,
    pub file_id: String,
    pub subject: String,
    pub addressee: String,
    /// `en` or `ur`: the letter's language.
    pub language: String,
    /// `draft`, `approved` or `issued`.
    pub status: String,
    /// The latest version.
    pub version: i64,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
    pub dispatch_no: Option<String>,
    pub issued_at: Option<String>,
    pub created_by: String,
    pub created_at: String,
}

const COLUMNS: &str = "id, file_id, subject, addressee, language, status, version, approved_by, approved_at, dispatch_no, issued_at, created_by, created_at";

#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct VersionRow {
    pub version: i64,
    pub body: String,
    pub author: String,
    pub created_at: String,
}

pub async fn insert(tx: &mut Tx, tenant: &TenantId, d: &DraftRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO filing_drafts (tenant_id, id, file_id, subject, addressee, language, status, version, approved_by, approved_at, dispatch_no, issued_at, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(tenant.as_str())
    .bind(&d.id)
    .bind(&d.file_id)
    .bind(&d.subject)
    .bind(&d.addressee)
    .bind(&d.language)
    .bind(&d.status)
    .bind(d.version)
    .bind(&d.approved_by)
    .bind(&d.approved_at)
    .bind(&d.dispatch_no)
    .bind(&d.issued_at)
    .bind(&d.created_by)
    .bind(&d.created_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes a draft's changing state if it is still at `status` and `version`.
pub async fn save(
    tx: &mut Tx,
    tenant: &TenantId,
    d: &DraftRow,
    status: &str,
    version: i64,
) -> Result<bool> {
    let r = sqlx::query(
        "UPDATE filing_drafts SET subject = $3, addressee = $4, language = $5, status = $6, \
         version = $7, approved_by = $8, approved_at = $9, dispatch_no = $10, issued_at = $11 \
         WHERE tenant_id = $1 AND id = $2 AND status = $12 AND version = $13",
    )
    .bind(tenant.as_str())
    .bind(&d.id)
    .bind(&d.subject)
    .bind(&d.addressee)
    .bind(&d.language)
    .bind(&d.status)
    .bind(d.version)
    .bind(&d.approved_by)
    .bind(&d.approved_at)
    .bind(&d.dispatch_no)
    .bind(&d.issued_at)
    .bind(status)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn draft(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> Result<Option<DraftRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM filing_drafts WHERE tenant_id = $1 AND id = $2"
    )))
    .bind(tenant.as_str())
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

pub async fn of_file(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    file: &str,
) -> Result<Vec<DraftRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM filing_drafts WHERE tenant_id = $1 AND file_id = $2 ORDER BY created_at, id"
    )))
    .bind(tenant.as_str())
    .bind(file)
    .fetch_all(conn)
    .await?)
}

pub async fn versions(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    draft: &str,
) -> Result<Vec<VersionRow>> {
    Ok(sqlx::query_as(
        "SELECT version, body, author, created_at FROM filing_draft_versions \
         WHERE tenant_id = $1 AND draft_id = $2 ORDER BY version",
    )
    .bind(tenant.as_str())
    .bind(draft)
    .fetch_all(conn)
    .await?)
}

pub async fn insert_version(
    tx: &mut Tx,
    tenant: &TenantId,
    draft: &str,
    v: &VersionRow,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO filing_draft_versions (tenant_id, draft_id, version, body, author, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(tenant.as_str())
    .bind(draft)
    .bind(v.version)
    .bind(&v.body)
    .bind(&v.author)
    .bind(&v.created_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One entry of the dispatch register.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct DispatchRow {
    pub office: String,
    pub year: i64,
    pub serial: i64,
    pub number: String,
    pub draft_id: String,
    pub file_id: String,
    pub addressee: String,
    pub subject: String,
    pub issued_at: String,
    pub issued_by: String,
}

pub async fn insert_dispatch(tx: &mut Tx, tenant: &TenantId, d: &DispatchRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO filing_dispatches (tenant_id, office, year, serial, number, draft_id, file_id, addressee, subject, issued_at, issued_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(tenant.as_str())
    .bind(&d.office)
    .bind(d.year)
    .bind(d.serial)
    .bind(&d.number)
    .bind(&d.draft_id)
    .bind(&d.file_id)
    .bind(&d.addressee)
    .bind(&d.subject)
    .bind(&d.issued_at)
    .bind(&d.issued_by)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A department's dispatch register for a year, in order.
pub async fn dispatches(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    office: &str,
    year: i64,
) -> Result<Vec<DispatchRow>> {
    Ok(sqlx::query_as(
        "SELECT office, year, serial, number, draft_id, file_id, addressee, subject, issued_at, issued_by \
         FROM filing_dispatches WHERE tenant_id = $1 AND office = $2 AND year = $3 ORDER BY serial",
    )
    .bind(tenant.as_str())
    .bind(office)
    .bind(year)
    .fetch_all(conn)
    .await?)
}

/// The register's entry for an issued draft.
pub async fn dispatch_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    draft: &str,
) -> Result<Option<DispatchRow>> {
    Ok(sqlx::query_as(
        "SELECT office, year, serial, number, draft_id, file_id, addressee, subject, issued_at, issued_by \
         FROM filing_dispatches WHERE tenant_id = $1 AND draft_id = $2",
    )
    .bind(tenant.as_str())
    .bind(draft)
    .fetch_optional(conn)
    .await?)
}
