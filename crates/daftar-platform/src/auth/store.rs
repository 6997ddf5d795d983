//! SQL for accounts, grants and sessions, and nothing else.

use sqlx::{AnyConnection, AssertSqlSafe, Row};

use super::{Grant, Scope, User};
use crate::{audit::EntitySpec, error::Result};
use daftar_kernel::TenantId;

/// A user's audited state: the account (including its password hash, so a direct edit
/// of a password is detected) and its grants. Login counters are not part of it.
pub static USER: EntitySpec = EntitySpec {
    kind: "user",
    state: &[
        "SELECT id, username, display_name, password_hash, disabled FROM users WHERE tenant_id = $1 AND id = $2",
        "SELECT id, role, scope_kind, scope_code FROM grants WHERE tenant_id = $1 AND user_id = $2 ORDER BY id",
    ],
    list: "SELECT id FROM users WHERE tenant_id = $1",
};

const USER_COLUMNS: &str = "id, tenant_id, username, display_name, disabled, created_at";

/// The account row with the fields login needs.
#[derive(Debug, sqlx::FromRow)]
pub struct Credentials {
    pub id: String,
    pub tenant_id: String,
    pub password_hash: String,
    pub disabled: i64,
    pub failed_logins: i64,
    pub locked_until: Option<String>,
}

pub async fn credentials(conn: &mut AnyConnection, username: &str) -> Result<Option<Credentials>> {
    Ok(sqlx::query_as(
        "SELECT id, tenant_id, password_hash, disabled, failed_logins, locked_until FROM users WHERE username = $1",
    )
    .bind(username)
    .fetch_optional(conn)
    .await?)
}

pub async fn set_login_state(
    conn: &mut AnyConnection,
    user_id: &str,
    failed_logins: i64,
    locked_until: Option<&str>,
) -> Result<()> {
    sqlx::query("UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1")
        .bind(user_id)
        .bind(failed_logins)
        .bind(locked_until)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn user(conn: &mut AnyConnection, tenant: &TenantId, id: &str) -> Result<Option<User>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {USER_COLUMNS} FROM users WHERE tenant_id = $1 AND id = $2"
    )))
    .bind(tenant.as_str())
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

pub async fn user_by_name(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    username: &str,
) -> Result<Option<User>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {USER_COLUMNS} FROM users WHERE tenant_id = $1 AND username = $2"
    )))
    .bind(tenant.as_str())
    .bind(username)
    .fetch_optional(conn)
    .await?)
}

pub async fn users(conn: &mut AnyConnection, tenant: &TenantId) -> Result<Vec<User>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {USER_COLUMNS} FROM users WHERE tenant_id = $1 ORDER BY username"
    )))
    .bind(tenant.as_str())
    .fetch_all(conn)
    .await?)
}

/// The display names of the given accounts of a tenant, by id (unknown ids are left out).
pub async fn display_names(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    ids: &[&str],
) -> Result<std::collections::BTreeMap<String, String>> {
    let mut out = std::collections::BTreeMap::new();
    // In slices, so a long history never builds a statement past the drivers' limits.
    for part in ids.chunks(200) {
        let sql = format!(
            "SELECT id, display_name FROM users WHERE tenant_id = $1 AND id IN ({})",
            crate::db::marks(2, part.len())
        );
        let mut q = sqlx::query_as::<_, (String, String)>(AssertSqlSafe(sql)).bind(tenant.as_str());
        for id in part {
            q = q.bind(*id);
        }
        out.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(out)
}

pub async fn username_taken(conn: &mut AnyConnection, username: &str) -> Result<bool> {
    Ok(sqlx::query("SELECT 1 FROM users WHERE username = $1")
        .bind(username)
        .fetch_optional(conn)
        .await?
        .is_some())
}

pub async fn insert_user(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
    username: &str,
    display_name: &str,
    password_hash: &str,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO users (id, tenant_id, username, display_name, password_hash, disabled, failed_logins, created_at)
         VALUES ($1, $2, $3, $4, $5, 0, 0, $6)",
    )
    .bind(id)
    .bind(tenant.as_str())
    .bind(username)
    .bind(display_name)
    .bind(password_hash)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_password(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
    hash: &str,
) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $3, failed_logins = 0, locked_until = NULL WHERE tenant_id = $1 AND id = $2")
        .bind(tenant.as_str())
        .bind(id)
        .bind(hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_disabled(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
    disabled: bool,
) -> Result<()> {
    sqlx::query("UPDATE users SET disabled = $3 WHERE tenant_id = $1 AND id = $2")
        .bind(tenant.as_str())
        .bind(id)
        .bind(i64::from(disabled))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn grants(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    user_id: &str,
) -> Result<Vec<Grant>> {
    let rows = sqlx::query(
        "SELECT id, role, scope_kind, scope_code FROM grants WHERE tenant_id = $1 AND user_id = $2 ORDER BY id",
    )
    .bind(tenant.as_str())
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let kind: String = r.try_get("scope_kind")?;
        let code: Option<String> = r.try_get("scope_code")?;
        if let Some(scope) = Scope::from_parts(&kind, code.as_deref()) {
            out.push(Grant {
                id: r.try_get("id")?,
                role: r.try_get("role")?,
                scope,
            });
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_grant(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
    user_id: &str,
    role: &str,
    scope: &Scope,
    by: &str,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO grants (id, tenant_id, user_id, role, scope_kind, scope_code, granted_by, granted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(tenant.as_str())
    .bind(user_id)
    .bind(role)
    .bind(scope.kind())
    .bind(scope.code().unwrap_or(""))
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_grant(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    user_id: &str,
    grant_id: &str,
) -> Result<bool> {
    let done = sqlx::query("DELETE FROM grants WHERE tenant_id = $1 AND user_id = $2 AND id = $3")
        .bind(tenant.as_str())
        .bind(user_id)
        .bind(grant_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn insert_session(
    conn: &mut AnyConnection,
    token_hash: &str,
    tenant: &TenantId,
    user_id: &str,
    kind: &str,
    now: &str,
    expires_at: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, tenant_id, user_id, kind, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(tenant.as_str())
    .bind(user_id)
    .bind(kind)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The tenant (with its configuration stamp), user and grants behind a live session
/// token, in one query: every authenticated request pays for it.
pub async fn session_owner(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: &str,
) -> Result<Option<(crate::tenants::Tenant, User, Vec<Grant>)>> {
    // Grants come packed in one column: fields split by U+001F, grants by U+001E.
    let row = sqlx::query(
        "SELECT t.id, t.slug, t.code, t.name, t.name_ur, t.government, t.government_ur, t.accent_colour,
                COALESCE((SELECT c.stamp FROM config_stamps c WHERE c.tenant_id = t.id), 0) AS config_stamp,
                u.id AS user_id, u.username, u.display_name, u.disabled, u.created_at,
                (SELECT string_agg(g.id || '\u{1f}' || g.role || '\u{1f}' || g.scope_kind || '\u{1f}' || COALESCE(g.scope_code, ''), '\u{1e}')
                   FROM grants g WHERE g.tenant_id = s.tenant_id AND g.user_id = s.user_id) AS grants
         FROM sessions s JOIN users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id
         JOIN tenants t ON t.id = s.tenant_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let tenant = crate::tenants::Tenant {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        code: r.try_get("code")?,
        name: r.try_get("name")?,
        name_ur: r.try_get("name_ur")?,
        government: r.try_get("government")?,
        government_ur: r.try_get("government_ur")?,
        accent_colour: r.try_get("accent_colour")?,
        config_stamp: r.try_get("config_stamp")?,
    };
    let user = User {
        id: r.try_get("user_id")?,
        tenant_id: tenant.id.clone(),
        username: r.try_get("username")?,
        display_name: r.try_get("display_name")?,
        disabled: r.try_get("disabled")?,
        created_at: r.try_get("created_at")?,
    };
    let packed: Option<String> = r.try_get("grants")?;
    let grants = unpack_grants(packed.as_deref().unwrap_or(""));
    Ok(Some((tenant, user, grants)))
}

/// Grants packed by [`session_owner`], in the order [`grants`] gives them.
fn unpack_grants(packed: &str) -> Vec<Grant> {
    let mut out: Vec<Grant> = packed
        .split('\u{1e}')
        .filter_map(|g| {
            let mut f = g.split('\u{1f}');
            let (id, role, kind, code) = (f.next()?, f.next()?, f.next()?, f.next()?);
            let code = (!code.is_empty()).then_some(code);
            Some(Grant {
                id: id.to_owned(),
                role: role.to_owned(),
                scope: Scope::from_parts(kind, code)?,
            })
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

pub async fn delete_session(conn: &mut AnyConnection, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_user_sessions(conn: &mut AnyConnection, user_id: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_expired_sessions(conn: &mut AnyConnection, now: &str) -> Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(conn)
        .await?
        .rows_affected())
}
