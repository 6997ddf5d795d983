//! SQL for e-FOAS's own tables, and nothing else. Every function takes the tenant first.

use serde::Serialize;
use sqlx::{AnyConnection, AssertSqlSafe, Row};
use utoipa::ToSchema;

use daftar_kernel::TenantId;
use daftar_platform::{
    audit::EntitySpec,
    db::Tx,
    error::{Error, Result},
};

pub mod dak;
pub mod drafts;
pub mod files;
pub mod notes;
pub mod pendency;

pub static CONFIG: EntitySpec = EntitySpec {
    kind: "filing_config",
    state: &["SELECT body FROM filing_config WHERE tenant_id = $1 AND tenant_id = $2"],
    list: "SELECT tenant_id FROM filing_config WHERE tenant_id = $1",
};

/// Who holds a post (the entity id is the post's code).
pub static OFFICER: EntitySpec = EntitySpec {
    kind: "filing_officer",
    state: &["SELECT post, user_id, since FROM filing_officers WHERE tenant_id = $1 AND post = $2"],
    list: "SELECT post FROM filing_officers WHERE tenant_id = $1",
};

/// A signing key's audited state is its public half only.
pub static KEY: EntitySpec = EntitySpec {
    kind: "filing_key",
    state: &[
        "SELECT key_id, user_id, public_key, created_at FROM filing_keys WHERE tenant_id = $1 AND key_id = $2",
    ],
    list: "SELECT key_id FROM filing_keys WHERE tenant_id = $1",
};

pub(crate) use daftar_platform::db::marks;

/// The stored configuration (JSON of `config::Config`), if the pack had one.
pub async fn config(conn: &mut AnyConnection, tenant: &TenantId) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT body FROM filing_config WHERE tenant_id = $1")
            .bind(tenant.as_str())
            .fetch_optional(conn)
            .await?,
    )
}

/// Stores the configuration; whether it changed.
pub async fn set_config(tx: &mut Tx, tenant: &TenantId, body: &str, now: &str) -> Result<bool> {
    let old = config(tx, tenant).await?;
    if old.as_deref() == Some(body) {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO filing_config (tenant_id, body, loaded_at) VALUES ($1, $2, $3) \
         ON CONFLICT (tenant_id) DO UPDATE SET body = $2, loaded_at = $3",
    )
    .bind(tenant.as_str())
    .bind(body)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(true)
}

/// An account on a post.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct OfficerRow {
    pub post: String,
    pub user_id: String,
    pub since: String,
}

/// The posts an account holds.
pub async fn posts_of_user(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    user: &str,
) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT post FROM filing_officers WHERE tenant_id = $1 AND user_id = $2 ORDER BY post",
    )
    .bind(tenant.as_str())
    .bind(user)
    .fetch_all(conn)
    .await?)
}

/// Every post that has an officer.
pub async fn officers(conn: &mut AnyConnection, tenant: &TenantId) -> Result<Vec<OfficerRow>> {
    Ok(sqlx::query_as(
        "SELECT post, user_id, since FROM filing_officers WHERE tenant_id = $1 ORDER BY post",
    )
    .bind(tenant.as_str())
    .fetch_all(conn)
    .await?)
}

/// Puts an account on a post (replacing whoever held it).
pub async fn set_officer(
    tx: &mut Tx,
    tenant: &TenantId,
    post: &str,
    user: &str,
    since: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO filing_officers (tenant_id, post, user_id, since) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (tenant_id, post) DO UPDATE SET user_id = $3, since = $4",
    )
    .bind(tenant.as_str())
    .bind(post)
    .bind(user)
    .bind(since)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct KeyRow {
    pub key_id: String,
    pub user_id: String,
    pub public_key: String,
    pub secret_key: String,
}

pub async fn key_of_user(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    user: &str,
) -> Result<Option<KeyRow>> {
    Ok(sqlx::query_as(
        "SELECT key_id, user_id, public_key, secret_key FROM filing_keys WHERE tenant_id = $1 AND user_id = $2",
    )
    .bind(tenant.as_str())
    .bind(user)
    .fetch_optional(conn)
    .await?)
}

/// Every key's public half (the secret column left empty), for verification.
pub async fn public_keys(conn: &mut AnyConnection, tenant: &TenantId) -> Result<Vec<KeyRow>> {
    Ok(sqlx::query_as(
        "SELECT key_id, user_id, public_key, '' AS secret_key FROM filing_keys WHERE tenant_id = $1",
    )
    .bind(tenant.as_str())
    .fetch_all(conn)
    .await?)
}

pub async fn insert_key(tx: &mut Tx, tenant: &TenantId, k: &KeyRow, now: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO filing_keys (tenant_id, key_id, user_id, public_key, secret_key, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(tenant.as_str())
    .bind(&k.key_id)
    .bind(&k.user_id)
    .bind(&k.public_key)
    .bind(&k.secret_key)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The next number of a gap-free sequence (`diary:OFFICE`, `file:OFFICE:SECTION`,
/// `dispatch:OFFICE`) in a year. Inside the caller's transaction, so a rolled-back
/// change gives its number back and none is ever skipped or reused.
pub async fn next_number(tx: &mut Tx, tenant: &TenantId, scope: &str, year: i32) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO filing_sequences (tenant_id, scope, year, last) VALUES ($1, $2, $3, 1) \
         ON CONFLICT (tenant_id, scope, year) DO UPDATE SET last = filing_sequences.last + 1 \
         RETURNING last",
    )
    .bind(tenant.as_str())
    .bind(scope)
    .bind(i64::from(year))
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| Error::Internal(format!("sequence {scope} gave no number")))?;
    Ok(row.try_get(0)?)
}

/// Queues an entity for the search index, in the change's transaction.
pub async fn queue_search(tx: &mut Tx, tenant: &TenantId, kind: &str, id: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO filing_search_queue (id, tenant_id, kind, entity_id) VALUES ($1, $2, $3, $4)",
    )
    .bind(daftar_kernel::Id::new().to_string())
    .bind(tenant.as_str())
    .bind(kind)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The oldest queued entries: `(queue id, tenant, kind, entity id)`.
pub async fn search_queue(
    conn: &mut AnyConnection,
    limit: i64,
) -> Result<Vec<(String, String, String, String)>> {
    let rows = sqlx::query(
        "SELECT id, tenant_id, kind, entity_id FROM filing_search_queue ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
        .collect()
}

/// Removes entries the index has taken.
pub async fn unqueue_search(tx: &mut Tx, ids: &[String]) -> Result<()> {
    for chunk in ids.chunks(500) {
        let sql = format!(
            "DELETE FROM filing_search_queue WHERE id IN ({})",
            marks(1, chunk.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for id in chunk {
            q = q.bind(id);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Queues everything of every province for indexing (a new or rebuilt index).
pub async fn queue_everything(tx: &mut Tx) -> Result<u64> {
    let mut n = 0;
    for (kind, sql) in [
        ("file", "SELECT tenant_id, id FROM filing_files"),
        (
            "note",
            "SELECT tenant_id, id FROM filing_notes WHERE seq IS NOT NULL",
        ),
        ("receipt", "SELECT tenant_id, id FROM filing_receipts"),
        ("draft", "SELECT tenant_id, id FROM filing_drafts"),
    ] {
        let r = sqlx::query(AssertSqlSafe(format!(
            "INSERT INTO filing_search_queue (id, tenant_id, kind, entity_id) \
             SELECT '{kind}:' || id, tenant_id, '{kind}', id FROM ({sql}) AS s WHERE true \
             ON CONFLICT (id) DO NOTHING"
        )))
        .execute(&mut **tx)
        .await?;
        n += r.rows_affected();
    }
    Ok(n)
}
