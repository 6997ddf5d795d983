//! Dak: receipts and their scanned attachments.

use serde::Serialize;
use sqlx::{AnyConnection, AssertSqlSafe};
use utoipa::ToSchema;

use daftar_kernel::TenantId;
use daftar_platform::{audit::EntitySpec, db::Tx, error::Result};

pub static RECEIPT: EntitySpec = EntitySpec {
    kind: "filing_receipt",
    state: &[
        "SELECT id, office, year, diary_no, received_on, sender, letter_no, letter_date, subject, category, priority, status, holder_post, held_since, acknowledged_at, due_on, file_id, closed_reason, created_by, created_at FROM filing_receipts WHERE tenant_id = $1 AND id = $2",
        "SELECT id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at FROM filing_attachments WHERE tenant_id = $1 AND receipt_id = $2 ORDER BY uploaded_at, id",
    ],
    list: "SELECT id FROM filing_receipts WHERE tenant_id = $1",
};

const COLUMNS: &str = "id, office, year, diary_no, received_on, sender, letter_no, letter_date, subject, category, priority, status, holder_post, held_since, acknowledged_at, due_on, file_id, closed_reason, created_by, created_at";

/// A diarised letter.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct ReceiptRow {
    pub id: String,
    /// The office that diarised it.
    pub office: String,
    pub year: i64,
    /// Gap-free per office and year.
    pub diary_no: i64,
    pub received_on: String,
    pub sender: String,
    pub letter_no: String,
    pub letter_date: Option<String>,
    pub subject: String,
    pub category: String,
    pub priority: i64,
    /// `open`, `attached` (to a file, as paper under consideration) or `closed`.
    pub status: String,
    pub holder_post: String,
    pub held_since: String,
    pub acknowledged_at: Option<String>,
    pub due_on: Option<String>,
    pub file_id: Option<String>,
    pub closed_reason: String,
    pub created_by: String,
    pub created_at: String,
}

impl ReceiptRow {
    /// The diary number as written: `123/2026`.
    pub fn diary(&self) -> String {
        format!("{}/{}", self.diary_no, self.year)
    }
}

pub async fn insert(tx: &mut Tx, tenant: &TenantId, r: &ReceiptRow) -> Result<()> {
    sqlx::query(AssertSqlSafe(format!(
        "INSERT INTO filing_receipts (tenant_id, {COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)"
    )))
    .bind(tenant.as_str())
    .bind(&r.id)
    .bind(&r.office)
    .bind(r.year)
    .bind(r.diary_no)
    .bind(&r.received_on)
    .bind(&r.sender)
    .bind(&r.letter_no)
    .bind(&r.letter_date)
    .bind(&r.subject)
    .bind(&r.category)
    .bind(r.priority)
    .bind(&r.status)
    .bind(&r.holder_post)
    .bind(&r.held_since)
    .bind(&r.acknowledged_at)
    .bind(&r.due_on)
    .bind(&r.file_id)
    .bind(&r.closed_reason)
    .bind(&r.created_by)
    .bind(&r.created_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes a receipt's changing state, only if it is still held by `holder` with
/// `status`. False when someone else changed it first.
pub async fn save(
    tx: &mut Tx,
    tenant: &TenantId,
    r: &ReceiptRow,
    holder: &str,
    status: &str,
) -> Result<bool> {
    let q = sqlx::query(
        "UPDATE filing_receipts SET status = $3, holder_post = $4, held_since = $5, \
         acknowledged_at = $6, due_on = $7, file_id = $8, closed_reason = $9 \
         WHERE tenant_id = $1 AND id = $2 AND holder_post = $10 AND status = $11",
    )
    .bind(tenant.as_str())
    .bind(&r.id)
    .bind(&r.status)
    .bind(&r.holder_post)
    .bind(&r.held_since)
    .bind(&r.acknowledged_at)
    .bind(&r.due_on)
    .bind(&r.file_id)
    .bind(&r.closed_reason)
    .bind(holder)
    .bind(status);
    Ok(q.execute(&mut **tx).await?.rows_affected() == 1)
}

pub async fn receipt(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> Result<Option<ReceiptRow>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM filing_receipts WHERE tenant_id = $1 AND id = $2"
    )))
    .bind(tenant.as_str())
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// Open receipts with any of `posts`: VIP and court items first, then the oldest.
pub async fn held_by(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    posts: &[String],
) -> Result<Vec<ReceiptRow>> {
    if posts.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM filing_receipts WHERE tenant_id = $1 AND status = 'open' \
         AND holder_post IN ({}) ORDER BY priority DESC, held_since, diary_no",
        super::marks(2, posts.len())
    );
    let mut q = sqlx::query_as(AssertSqlSafe(sql)).bind(tenant.as_str());
    for p in posts {
        q = q.bind(p);
    }
    Ok(q.fetch_all(conn).await?)
}

/// Receipts on a file.
pub async fn on_file(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    file: &str,
) -> Result<Vec<ReceiptRow>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM filing_receipts WHERE tenant_id = $1 AND file_id = $2 ORDER BY year, diary_no"
    )))
    .bind(tenant.as_str())
    .bind(file)
    .fetch_all(conn)
    .await?)
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct AttachmentRow {
    pub id: String,
    pub receipt_id: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: String,
}

pub async fn attachments(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    receipt: &str,
) -> Result<Vec<AttachmentRow>> {
    Ok(sqlx::query_as(
        "SELECT id, receipt_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at \
         FROM filing_attachments WHERE tenant_id = $1 AND receipt_id = $2 ORDER BY uploaded_at, id",
    )
    .bind(tenant.as_str())
    .bind(receipt)
    .fetch_all(conn)
    .await?)
}

pub async fn insert_attachment(tx: &mut Tx, tenant: &TenantId, a: &AttachmentRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO filing_attachments (tenant_id, id, receipt_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(tenant.as_str())
    .bind(&a.id)
    .bind(&a.receipt_id)
    .bind(&a.file_name)
    .bind(&a.content_type)
    .bind(a.size_bytes)
    .bind(&a.sha256)
    .bind(&a.uploaded_by)
    .bind(&a.uploaded_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Receipts by id (any order).
pub async fn by_ids(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    ids: &[String],
) -> Result<Vec<ReceiptRow>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(400) {
        let sql = format!(
            "SELECT {COLUMNS} FROM filing_receipts WHERE tenant_id = $1 AND id IN ({})",
            super::marks(2, chunk.len())
        );
        let mut q = sqlx::query_as(AssertSqlSafe(sql)).bind(tenant.as_str());
        for id in chunk {
            q = q.bind(id);
        }
        out.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(out)
}
