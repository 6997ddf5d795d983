//! Pendency read from its covering indexes: counts by kind, post, section and status, and
//! the most urgent items by id.

use sqlx::AnyConnection;

use daftar_kernel::TenantId;
use daftar_platform::error::Result;

/// One item of pendency, as the index gives it: what it is and whether it is overdue.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PendingKey {
    pub kind: String,
    pub id: String,
    /// 1 when the due date has passed.
    pub overdue: i64,
}

/// Pendency counted by kind, post, section and status (the section is empty for a
/// receipt). Instants compare as text (RFC 3339 UTC).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CountRow {
    pub kind: String,
    pub holder_post: String,
    pub section: String,
    pub status: String,
    pub n: i64,
    pub overdue: i64,
    pub priority: i64,
    pub over_7: i64,
    pub over_30: i64,
    pub oldest: String,
}

/// Counts of a department's open files and receipts, from the pendency indexes alone.
/// `today` is a date; `t7` and `t30` the instants 7 and 30 days ago.
pub async fn pending_counts(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    office: &str,
    today: &str,
    t7: &str,
    t30: &str,
) -> Result<Vec<CountRow>> {
    Ok(sqlx::query_as(
        "SELECT 'file' AS kind, holder_post, section, status, COUNT(*) AS n, \
         SUM(CASE WHEN due_on < $3 THEN 1 ELSE 0 END) AS overdue, \
         SUM(CASE WHEN priority > 0 THEN 1 ELSE 0 END) AS priority, \
         SUM(CASE WHEN held_since < $4 THEN 1 ELSE 0 END) AS over_7, \
         SUM(CASE WHEN held_since < $5 THEN 1 ELSE 0 END) AS over_30, MIN(held_since) AS oldest \
         FROM filing_files WHERE tenant_id = $1 AND office = $2 AND status IN ('open', 'parked') \
         GROUP BY status, holder_post, section \
         UNION ALL \
         SELECT 'receipt' AS kind, holder_post, '' AS section, status, COUNT(*) AS n, \
         SUM(CASE WHEN due_on < $3 THEN 1 ELSE 0 END) AS overdue, \
         SUM(CASE WHEN priority > 0 THEN 1 ELSE 0 END) AS priority, \
         SUM(CASE WHEN held_since < $4 THEN 1 ELSE 0 END) AS over_7, \
         SUM(CASE WHEN held_since < $5 THEN 1 ELSE 0 END) AS over_30, MIN(held_since) AS oldest \
         FROM filing_receipts WHERE tenant_id = $1 AND office = $2 AND status = 'open' \
         GROUP BY status, holder_post",
    )
    .bind(tenant.as_str())
    .bind(office)
    .bind(today)
    .bind(t7)
    .bind(t30)
    .fetch_all(conn)
    .await?)
}

/// The most urgent open files and receipts of a department (of one post if given):
/// priority, then overdue, then the longest held. Read from the pendency indexes alone;
/// the caller fetches the few rows it lists.
pub async fn pending_items(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    office: &str,
    today: &str,
    post: Option<&str>,
    limit: i64,
) -> Result<Vec<PendingKey>> {
    Ok(sqlx::query_as(
        "SELECT kind, id, overdue FROM (\
         SELECT 'file' AS kind, id, priority, held_since, \
         CASE WHEN due_on < $3 THEN 1 ELSE 0 END AS overdue \
         FROM filing_files WHERE tenant_id = $1 AND office = $2 AND status IN ('open', 'parked') \
         AND ($4 = '' OR holder_post = $4) \
         UNION ALL \
         SELECT 'receipt' AS kind, id, priority, held_since, \
         CASE WHEN due_on < $3 THEN 1 ELSE 0 END AS overdue \
         FROM filing_receipts WHERE tenant_id = $1 AND office = $2 AND status = 'open' \
         AND ($4 = '' OR holder_post = $4)) AS pending \
         ORDER BY priority DESC, overdue DESC, held_since, id LIMIT $5",
    )
    .bind(tenant.as_str())
    .bind(office)
    .bind(today)
    .bind(post.unwrap_or(""))
    .bind(limit)
    .fetch_all(conn)
    .await?)
}
