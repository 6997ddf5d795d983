//! Files and what hangs off them: notes, papers (flags), movements, the path, links.

use serde::Serialize;
use sqlx::{AnyConnection, AssertSqlSafe};
use utoipa::ToSchema;

use daftar_kernel::TenantId;
use daftar_platform::{audit::EntitySpec, db::Tx, error::Result};

pub static FILE: EntitySpec = EntitySpec {
    kind: "filing_file",
    state: &[
        "SELECT id, office, section, year, seq, number, subject, record_class, confidential, status, holder_post, held_since, sent_by_post, opened_at, due_on, priority, parent_id, part_no, notes_sealed, paras, papers, last_hash, version, opened_by, created_at, closed_on, review_on, remarks FROM filing_files WHERE tenant_id = $1 AND id = $2",
        "SELECT id, seq, first_para, author_user, author_post, author_name, body, created_at, sealed_at, prev_hash, hash, key_id, signature FROM filing_notes WHERE tenant_id = $1 AND file_id = $2 ORDER BY created_at, id",
        "SELECT flag, kind, ref_id, title, added_at FROM filing_papers WHERE tenant_id = $1 AND file_id = $2 ORDER BY flag",
        "SELECT seq, action, from_post, to_post, by_user, remarks, due_on, at FROM filing_movements WHERE tenant_id = $1 AND file_id = $2 ORDER BY seq",
        "SELECT post FROM filing_path WHERE tenant_id = $1 AND file_id = $2 ORDER BY post",
        "SELECT other_id, linked_at FROM filing_links WHERE tenant_id = $1 AND file_id = $2 ORDER BY other_id",
    ],
    list: "SELECT id FROM filing_files WHERE tenant_id = $1",
};

const FILE_COLUMNS: &str = "id, office, section, year, seq, number, subject, record_class, confidential, status, holder_post, held_since, sent_by_post, opened_at, due_on, priority, parent_id, part_no, notes_sealed, paras, papers, last_hash, version, opened_by, created_at, closed_on, review_on, remarks";

/// A file as stored. `version` moves with every change; a change names the version it
/// read, so of two officers acting at once exactly one wins.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct FileRow {
    pub id: String,
    /// The department's office code.
    pub office: String,
    pub section: String,
    pub year: i64,
    pub seq: i64,
    pub number: String,
    pub subject: String,
    pub record_class: String,
    #[serde(serialize_with = "as_bool")]
    #[schema(value_type = bool)]
    pub confidential: i64,
    /// `open`, `parked` or `closed`.
    pub status: String,
    /// The post the file is with.
    pub holder_post: String,
    pub held_since: String,
    /// Who sent it to its holder (they may pull it back until it is opened).
    pub sent_by_post: Option<String>,
    /// When its holder first opened it since it arrived.
    pub opened_at: Option<String>,
    pub due_on: Option<String>,
    /// The highest priority among its receipts' categories.
    pub priority: i64,
    /// For a part file: the main file.
    pub parent_id: Option<String>,
    pub part_no: i64,
    pub notes_sealed: i64,
    /// Paragraphs numbered so far (notes number their paragraphs on from here).
    pub paras: i64,
    /// Papers flagged so far.
    pub papers: i64,
    /// The hash of the last sealed note (the chain's tip).
    pub last_hash: String,
    pub version: i64,
    pub opened_by: String,
    pub created_at: String,
    pub closed_on: Option<String>,
    pub review_on: Option<String>,
    /// Why it was last closed or reopened.
    pub remarks: String,
}

pub(crate) fn as_bool<S: serde::Serializer>(v: &i64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_bool(*v != 0)
}

pub async fn insert_file(tx: &mut Tx, tenant: &TenantId, f: &FileRow) -> Result<()> {
    sqlx::query(AssertSqlSafe(format!(
        "INSERT INTO filing_files (tenant_id, {FILE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29)"
    )))
    .bind(tenant.as_str())
    .bind(&f.id)
    .bind(&f.office)
    .bind(&f.section)
    .bind(f.year)
    .bind(f.seq)
    .bind(&f.number)
    .bind(&f.subject)
    .bind(&f.record_class)
    .bind(f.confidential)
    .bind(&f.status)
    .bind(&f.holder_post)
    .bind(&f.held_since)
    .bind(&f.sent_by_post)
    .bind(&f.opened_at)
    .bind(&f.due_on)
    .bind(f.priority)
    .bind(&f.parent_id)
    .bind(f.part_no)
    .bind(f.notes_sealed)
    .bind(f.paras)
    .bind(f.papers)
    .bind(&f.last_hash)
    .bind(f.version)
    .bind(&f.opened_by)
    .bind(&f.created_at)
    .bind(&f.closed_on)
    .bind(&f.review_on)
    .bind(&f.remarks)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes a file's changing state, only if it is still at `read_version` (the new row
/// carries `read_version + 1`). False when someone else changed it first.
pub async fn save_file(
    tx: &mut Tx,
    tenant: &TenantId,
    f: &FileRow,
    read_version: i64,
) -> Result<bool> {
    let r = sqlx::query(
        "UPDATE filing_files SET subject = $3, status = $4, holder_post = $5, held_since = $6, \
         sent_by_post = $7, opened_at = $8, due_on = $9, priority = $10, notes_sealed = $11, \
         paras = $12, papers = $13, last_hash = $14, version = $15, closed_on = $16, \
         review_on = $17, remarks = $18 \
         WHERE tenant_id = $1 AND id = $2 AND version = $19",
    )
    .bind(tenant.as_str())
    .bind(&f.id)
    .bind(&f.subject)
    .bind(&f.status)
    .bind(&f.holder_post)
    .bind(&f.held_since)
    .bind(&f.sent_by_post)
    .bind(&f.opened_at)
    .bind(&f.due_on)
    .bind(f.priority)
    .bind(f.notes_sealed)
    .bind(f.paras)
    .bind(f.papers)
    .bind(&f.last_hash)
    .bind(f.version)
    .bind(&f.closed_on)
    .bind(&f.review_on)
    .bind(&f.remarks)
    .bind(read_version)
    .execute(&mut **tx)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn file(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> Result<Option<FileRow>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {FILE_COLUMNS} FROM filing_files WHERE tenant_id = $1 AND id = $2"
    )))
    .bind(tenant.as_str())
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

pub async fn files_by_ids(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    ids: &[String],
) -> Result<Vec<FileRow>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(400) {
        let sql = format!(
            "SELECT {FILE_COLUMNS} FROM filing_files WHERE tenant_id = $1 AND id IN ({})",
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

/// Files with any of `posts`, most urgent first.
pub async fn held_by(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    posts: &[String],
) -> Result<Vec<FileRow>> {
    if posts.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {FILE_COLUMNS} FROM filing_files WHERE tenant_id = $1 AND holder_post IN ({}) \
         AND status <> 'closed' ORDER BY priority DESC, held_since, number",
        super::marks(2, posts.len())
    );
    let mut q = sqlx::query_as(AssertSqlSafe(sql)).bind(tenant.as_str());
    for p in posts {
        q = q.bind(p);
    }
    Ok(q.fetch_all(conn).await?)
}

/// A department's files opened in a year, by section then serial (the file register).
pub async fn register(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    office: &str,
    year: i64,
) -> Result<Vec<FileRow>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {FILE_COLUMNS} FROM filing_files WHERE tenant_id = $1 AND office = $2 AND year = $3 \
         ORDER BY section, seq"
    )))
    .bind(tenant.as_str())
    .bind(office)
    .bind(year)
    .fetch_all(conn)
    .await?)
}

/// Parts of a file.
pub async fn parts(conn: &mut AnyConnection, tenant: &TenantId, id: &str) -> Result<Vec<FileRow>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {FILE_COLUMNS} FROM filing_files WHERE tenant_id = $1 AND parent_id = $2 ORDER BY part_no"
    )))
    .bind(tenant.as_str())
    .bind(id)
    .fetch_all(conn)
    .await?)
}

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

#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct PaperRow {
    pub flag: String,
    /// `receipt` or `letter`.
    pub kind: String,
    pub ref_id: String,
    pub title: String,
    pub added_at: String,
}

pub async fn papers(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    file: &str,
) -> Result<Vec<PaperRow>> {
    Ok(sqlx::query_as(
        "SELECT flag, kind, ref_id, title, added_at FROM filing_papers \
         WHERE tenant_id = $1 AND file_id = $2 ORDER BY added_at, flag",
    )
    .bind(tenant.as_str())
    .bind(file)
    .fetch_all(conn)
    .await?)
}

pub async fn insert_paper(tx: &mut Tx, tenant: &TenantId, file: &str, p: &PaperRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO filing_papers (tenant_id, file_id, flag, kind, ref_id, title, added_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(tenant.as_str())
    .bind(file)
    .bind(&p.flag)
    .bind(&p.kind)
    .bind(&p.ref_id)
    .bind(&p.title)
    .bind(&p.added_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct MovementRow {
    pub seq: i64,
    pub action: String,
    pub from_post: String,
    pub to_post: String,
    pub by_user: String,
    pub remarks: String,
    pub due_on: Option<String>,
    pub at: String,
}

pub async fn movements(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    file: &str,
) -> Result<Vec<MovementRow>> {
    Ok(sqlx::query_as(
        "SELECT seq, action, from_post, to_post, by_user, remarks, due_on, at FROM filing_movements \
         WHERE tenant_id = $1 AND file_id = $2 ORDER BY seq",
    )
    .bind(tenant.as_str())
    .bind(file)
    .fetch_all(conn)
    .await?)
}

/// Records a movement and puts its destination on the file's path.
pub async fn insert_movement(
    tx: &mut Tx,
    tenant: &TenantId,
    file: &str,
    m: &MovementRow,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO filing_movements (tenant_id, file_id, seq, action, from_post, to_post, by_user, remarks, due_on, at) \
         SELECT $1, $2, COALESCE(MAX(seq), 0) + 1, $3, $4, $5, $6, $7, $8, $9 FROM filing_movements \
         WHERE tenant_id = $1 AND file_id = $2",
    )
    .bind(tenant.as_str())
    .bind(file)
    .bind(&m.action)
    .bind(&m.from_post)
    .bind(&m.to_post)
    .bind(&m.by_user)
    .bind(&m.remarks)
    .bind(&m.due_on)
    .bind(&m.at)
    .execute(&mut **tx)
    .await?;
    add_path(tx, tenant, file, &m.to_post).await
}

pub async fn add_path(tx: &mut Tx, tenant: &TenantId, file: &str, post: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO filing_path (tenant_id, file_id, post) VALUES ($1, $2, $3) \
         ON CONFLICT (tenant_id, file_id, post) DO NOTHING",
    )
    .bind(tenant.as_str())
    .bind(file)
    .bind(post)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Confidential files that have been with any of `posts`.
pub async fn confidential_through(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    posts: &[String],
) -> Result<Vec<String>> {
    if posts.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT DISTINCT p.file_id FROM filing_path p JOIN filing_files f \
         ON f.tenant_id = p.tenant_id AND f.id = p.file_id \
         WHERE p.tenant_id = $1 AND f.confidential = 1 AND p.post IN ({})",
        super::marks(2, posts.len())
    );
    let mut q = sqlx::query_scalar(AssertSqlSafe(sql)).bind(tenant.as_str());
    for p in posts {
        q = q.bind(p);
    }
    Ok(q.fetch_all(conn).await?)
}

/// Whether any of `posts` is on the file's path.
pub async fn on_path(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    file: &str,
    posts: &[String],
) -> Result<bool> {
    let path: Vec<String> =
        sqlx::query_scalar("SELECT post FROM filing_path WHERE tenant_id = $1 AND file_id = $2")
            .bind(tenant.as_str())
            .bind(file)
            .fetch_all(conn)
            .await?;
    Ok(path.iter().any(|p| posts.contains(p)))
}

pub async fn path(conn: &mut AnyConnection, tenant: &TenantId, file: &str) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT post FROM filing_path WHERE tenant_id = $1 AND file_id = $2 ORDER BY post",
    )
    .bind(tenant.as_str())
    .bind(file)
    .fetch_all(conn)
    .await?)
}

pub async fn links(conn: &mut AnyConnection, tenant: &TenantId, file: &str) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT other_id FROM filing_links WHERE tenant_id = $1 AND file_id = $2 ORDER BY other_id",
    )
    .bind(tenant.as_str())
    .bind(file)
    .fetch_all(conn)
    .await?)
}

pub async fn insert_link(
    tx: &mut Tx,
    tenant: &TenantId,
    file: &str,
    other: &str,
    at: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO filing_links (tenant_id, file_id, other_id, linked_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (tenant_id, file_id, other_id) DO NOTHING",
    )
    .bind(tenant.as_str())
    .bind(file)
    .bind(other)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
