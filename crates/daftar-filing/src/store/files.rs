//! Files and what hangs off them: papers (flags), movements, the path, links. Notes are
//! in `notes`, the pendency indexes in `pendency`.

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

/// A file by its number in the department's scheme (numbers are unique in a province).
pub async fn file_by_number(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    number: &str,
) -> Result<Option<FileRow>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {FILE_COLUMNS} FROM filing_files WHERE tenant_id = $1 AND number = $2"
    )))
    .bind(tenant.as_str())
    .bind(number)
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
