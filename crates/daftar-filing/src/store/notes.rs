//! A file's notes: drafts, sealing (number, chain link, signature), and reading them
//! back for the file page and for verification.

use serde::Serialize;
use sqlx::{AnyConnection, AssertSqlSafe};
use utoipa::ToSchema;

use daftar_kernel::TenantId;
use daftar_platform::{db::Tx, error::Result};

#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct NoteRow {
    pub id: String,
    pub file_id: String,
    /// The note's number in the file; none while it is a draft.
    pub seq: Option<i64>,
    /// The number of its first paragraph (paragraphs run on through the file).
    pub first_para: Option<i64>,
    pub author_user: String,
    pub author_post: String,
    pub author_name: String,
    /// The paragraphs, a JSON array of strings.
    pub body: String,
    pub created_at: String,
    pub sealed_at: Option<String>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
    pub key_id: Option<String>,
    pub signature: Option<String>,
}

const NOTE_COLUMNS: &str = "id, file_id, seq, first_para, author_user, author_post, author_name, body, created_at, sealed_at, prev_hash, hash, key_id, signature";

/// A file's notes: sealed in order, then the draft.
pub async fn notes(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    file: &str,
) -> Result<Vec<NoteRow>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {NOTE_COLUMNS} FROM filing_notes WHERE tenant_id = $1 AND file_id = $2 \
         ORDER BY CASE WHEN seq IS NULL THEN 1 ELSE 0 END, seq, created_at"
    )))
    .bind(tenant.as_str())
    .bind(file)
    .fetch_all(conn)
    .await?)
}

pub async fn note(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> Result<Option<NoteRow>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {NOTE_COLUMNS} FROM filing_notes WHERE tenant_id = $1 AND id = $2"
    )))
    .bind(tenant.as_str())
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// Sealed notes of every file of a province, file by file in order (for verification),
/// a page at a time after `(file, seq)`.
pub async fn sealed_page(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    after_file: &str,
    after_seq: i64,
    limit: i64,
) -> Result<Vec<NoteRow>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {NOTE_COLUMNS} FROM filing_notes WHERE tenant_id = $1 AND seq IS NOT NULL \
         AND (file_id > $2 OR (file_id = $2 AND seq > $3)) ORDER BY file_id, seq LIMIT $4"
    )))
    .bind(tenant.as_str())
    .bind(after_file)
    .bind(after_seq)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// Every file's chain tip: `(id, notes_sealed, last_hash)`.
pub async fn tips(
    conn: &mut AnyConnection,
    tenant: &TenantId,
) -> Result<Vec<(String, i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, notes_sealed, last_hash FROM filing_files WHERE tenant_id = $1 ORDER BY id",
    )
    .bind(tenant.as_str())
    .fetch_all(conn)
    .await?)
}

pub async fn insert_note(tx: &mut Tx, tenant: &TenantId, n: &NoteRow) -> Result<()> {
    sqlx::query(AssertSqlSafe(format!(
        "INSERT INTO filing_notes (tenant_id, {NOTE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
    )))
    .bind(tenant.as_str())
    .bind(&n.id)
    .bind(&n.file_id)
    .bind(n.seq)
    .bind(n.first_para)
    .bind(&n.author_user)
    .bind(&n.author_post)
    .bind(&n.author_name)
    .bind(&n.body)
    .bind(&n.created_at)
    .bind(&n.sealed_at)
    .bind(&n.prev_hash)
    .bind(&n.hash)
    .bind(&n.key_id)
    .bind(&n.signature)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Rewrites a draft note's text; false if it is sealed (a sealed note never changes).
pub async fn update_draft(tx: &mut Tx, tenant: &TenantId, id: &str, body: &str) -> Result<bool> {
    let r = sqlx::query(
        "UPDATE filing_notes SET body = $3 WHERE tenant_id = $1 AND id = $2 AND seq IS NULL",
    )
    .bind(tenant.as_str())
    .bind(id)
    .bind(body)
    .execute(&mut **tx)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn delete_draft(tx: &mut Tx, tenant: &TenantId, id: &str) -> Result<bool> {
    let r =
        sqlx::query("DELETE FROM filing_notes WHERE tenant_id = $1 AND id = $2 AND seq IS NULL")
            .bind(tenant.as_str())
            .bind(id)
            .execute(&mut **tx)
            .await?;
    Ok(r.rows_affected() == 1)
}

/// Seals a draft: its number, first paragraph, chain link and signature.
pub async fn seal(tx: &mut Tx, tenant: &TenantId, n: &NoteRow) -> Result<bool> {
    let r = sqlx::query(
        "UPDATE filing_notes SET seq = $3, first_para = $4, sealed_at = $5, prev_hash = $6, \
         hash = $7, key_id = $8, signature = $9 WHERE tenant_id = $1 AND id = $2 AND seq IS NULL",
    )
    .bind(tenant.as_str())
    .bind(&n.id)
    .bind(n.seq)
    .bind(n.first_para)
    .bind(&n.sealed_at)
    .bind(&n.prev_hash)
    .bind(&n.hash)
    .bind(&n.key_id)
    .bind(&n.signature)
    .execute(&mut **tx)
    .await?;
    Ok(r.rows_affected() == 1)
}
