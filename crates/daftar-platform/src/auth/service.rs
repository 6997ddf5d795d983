//! Use cases for accounts: log in (with lockout), sessions and tokens, and the
//! administration of users and their roles.

use serde::Deserialize;
use time::{Duration, OffsetDateTime};

use super::{Grant, Scope, User, hash_password, store, store::USER, verify_password};
use crate::{
    audit::{self, Actor, sha256_hex},
    context::Ctx,
    db::{Db, format_instant, now_utc},
    error::{Error, Problems, Result},
    settings::Settings,
    tenants,
};
use daftar_kernel::{Id, TenantId};

/// Permission to manage users and roles in a tenant.
pub const USERS_MANAGE: &str = "platform.users.manage";

/// A hash that never verifies, used so unknown usernames take as long as known ones.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Jx7R3vJpN0lB0ypGQwq1cJx5Hk7s3mJ0y4dYb1mW8A";

/// Checks a username and password. Repeated failures lock the account for a while; the
/// lock is recorded in the audit chain.
pub async fn authenticate(
    db: &Db,
    settings: &Settings,
    username: &str,
    password: &str,
) -> Result<User> {
    let username = username.trim().to_ascii_lowercase();
    let mut conn = db.pool().acquire().await?;
    let Some(cred) = store::credentials(&mut conn, &username).await? else {
        verify_password(password.to_owned(), DUMMY_HASH.to_owned()).await;
        return Err(Error::BadCredentials);
    };
    drop(conn);
    let now = OffsetDateTime::now_utc();
    if let Some(until) = cred.locked_until.as_deref()
        && until > format_instant(now).as_str()
    {
        return Err(Error::AccountLocked {
            until: until.to_owned(),
        });
    }
    let tenant = TenantId::from_stored(cred.tenant_id.clone());
    if !verify_password(password.to_owned(), cred.password_hash.clone()).await {
        let mut tx = db.begin().await?;
        let failed = cred.failed_logins + 1;
        if failed >= settings.lockout_attempts {
            let until = format_instant(now + Duration::minutes(settings.lockout_minutes));
            store::set_login_state(&mut tx, &cred.id, 0, Some(&until)).await?;
            let actor = Actor {
                tenant,
                user_id: Id::parse(&cred.id),
                name: username.clone(),
            };
            audit::record(
                &mut tx,
                &actor,
                "user.locked",
                &USER,
                &cred.id,
                serde_json::json!({ "until": until, "failed_logins": failed }),
            )
            .await?;
            tx.commit().await?;
            tracing::warn!(username, "account locked after repeated failed logins");
            return Err(Error::AccountLocked { until });
        }
        store::set_login_state(&mut tx, &cred.id, failed, None).await?;
        tx.commit().await?;
        return Err(Error::BadCredentials);
    }
    if cred.disabled != 0 {
        return Err(Error::AccountDisabled);
    }
    let mut conn = db.pool().acquire().await?;
    if cred.failed_logins != 0 || cred.locked_until.is_some() {
        store::set_login_state(&mut conn, &cred.id, 0, None).await?;
    }
    store::user(&mut conn, &tenant, &cred.id)
        .await?
        .ok_or(Error::BadCredentials)
}

/// Kind of session: a browser cookie or an API bearer token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionKind {
    Web,
    Api,
}

/// Starts a session; returns the secret token and when it expires (RFC 3339). Only the
/// token's hash is stored.
pub async fn start_session(
    db: &Db,
    settings: &Settings,
    user: &User,
    kind: SessionKind,
) -> Result<(String, String)> {
    let token = random_token()?;
    let hours = match kind {
        SessionKind::Web => settings.session_hours,
        SessionKind::Api => settings.token_hours,
    };
    let expires = format_instant(OffsetDateTime::now_utc() + Duration::hours(hours));
    let kind = match kind {
        SessionKind::Web => "web",
        SessionKind::Api => "api",
    };
    let mut conn = db.pool().acquire().await?;
    let now = now_utc();
    store::delete_expired_sessions(&mut conn, &now).await?;
    store::insert_session(
        &mut conn,
        &sha256_hex(token.as_bytes()),
        &TenantId::from_stored(user.tenant_id.clone()),
        &user.id,
        kind,
        &now,
        &expires,
    )
    .await?;
    Ok((token, expires))
}

/// The tenant, user and grants behind a live session token.
pub async fn resolve_session(
    db: &Db,
    token: &str,
) -> Result<Option<(tenants::Tenant, User, Vec<Grant>)>> {
    let mut conn = db.pool().acquire().await?;
    store::session_owner(&mut conn, &sha256_hex(token.as_bytes()), &now_utc()).await
}

pub async fn end_session(db: &Db, token: &str) -> Result<()> {
    let mut conn = db.pool().acquire().await?;
    store::delete_session(&mut conn, &sha256_hex(token.as_bytes())).await
}

/// 32 random bytes as hex.
pub fn random_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::Internal(format!("no randomness: {e}")))?;
    Ok(hex::encode(bytes))
}

/// A new account, as an administrator (or the command line) supplies it.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    /// 3-40 characters: lower-case letters, digits, `.`, `_`, `-`. Unique in the deployment.
    pub username: String,
    pub display_name: String,
    /// At least 8 characters.
    pub password: String,
}

fn validate_new_user(u: &NewUser) -> Result<()> {
    let mut p = Problems::new();
    let name = u.username.trim();
    let ok_name = (3..=40).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if !ok_name {
        p.add("username", "err-username");
    }
    let display = u.display_name.trim();
    if display.is_empty() || display.chars().count() > 100 {
        p.add("display_name", "err-display-name");
    }
    if u.password.chars().count() < 8 || u.password.len() > 200 {
        p.add("password", "err-password");
    }
    p.finish()
}

/// Creates an account in `actor`'s tenant, with no roles.
pub async fn create_user(db: &Db, actor: &Actor, new: &NewUser) -> Result<User> {
    validate_new_user(new)?;
    let username = new.username.trim().to_owned();
    let hash = hash_password(new.password.clone()).await?;
    let mut tx = db.begin().await?;
    if store::username_taken(&mut tx, &username).await? {
        return Err(Error::conflict(Some("username"), "err-username-taken", &[]));
    }
    let id = Id::new().to_string();
    store::insert_user(
        &mut tx,
        &actor.tenant,
        &id,
        &username,
        new.display_name.trim(),
        &hash,
        &now_utc(),
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        "user.create",
        &USER,
        &id,
        serde_json::json!({ "username": username }),
    )
    .await?;
    let user = store::user(&mut tx, &actor.tenant, &id)
        .await?
        .ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(user)
}

/// Grants a role on a scope. The role must exist; the same grant twice is a conflict.
pub async fn grant_role(
    db: &Db,
    actor: &Actor,
    roles: &super::Roles,
    user_id: &str,
    role: &str,
    scope: Scope,
) -> Result<Grant> {
    if roles.get(role).is_none() {
        return Err(Error::field("role", "err-role"));
    }
    let mut tx = db.begin().await?;
    store::user(&mut tx, &actor.tenant, user_id)
        .await?
        .ok_or(Error::NotFound)?;
    let existing = store::grants(&mut tx, &actor.tenant, user_id).await?;
    if existing.iter().any(|g| g.role == role && g.scope == scope) {
        return Err(Error::conflict(Some("role"), "err-grant-exists", &[]));
    }
    let id = Id::new().to_string();
    store::insert_grant(
        &mut tx,
        &actor.tenant,
        &id,
        user_id,
        role,
        &scope,
        &actor.name,
        &now_utc(),
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        "user.grant",
        &USER,
        user_id,
        serde_json::json!({ "role": role, "scope": scope }),
    )
    .await?;
    tx.commit().await?;
    Ok(Grant {
        id,
        role: role.to_owned(),
        scope,
    })
}

pub async fn revoke_grant(db: &Db, actor: &Actor, user_id: &str, grant_id: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    if !store::delete_grant(&mut tx, &actor.tenant, user_id, grant_id).await? {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        actor,
        "user.revoke",
        &USER,
        user_id,
        serde_json::json!({ "grant": grant_id }),
    )
    .await?;
    tx.commit().await
}

/// Disables (or re-enables) an account; a disabled account's sessions end at once.
pub async fn set_disabled(db: &Db, actor: &Actor, user_id: &str, disabled: bool) -> Result<User> {
    let mut tx = db.begin().await?;
    store::user(&mut tx, &actor.tenant, user_id)
        .await?
        .ok_or(Error::NotFound)?;
    store::set_disabled(&mut tx, &actor.tenant, user_id, disabled).await?;
    if disabled {
        store::delete_user_sessions(&mut tx, user_id).await?;
    }
    let action = if disabled {
        "user.disable"
    } else {
        "user.enable"
    };
    audit::record(
        &mut tx,
        actor,
        action,
        &USER,
        user_id,
        serde_json::json!({}),
    )
    .await?;
    let user = store::user(&mut tx, &actor.tenant, user_id)
        .await?
        .ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(user)
}

/// Sets a new password (and clears any lockout).
pub async fn set_password(db: &Db, actor: &Actor, user_id: &str, password: &str) -> Result<()> {
    if password.chars().count() < 8 || password.len() > 200 {
        return Err(Error::field("password", "err-password"));
    }
    let hash = hash_password(password.to_owned()).await?;
    let mut tx = db.begin().await?;
    store::user(&mut tx, &actor.tenant, user_id)
        .await?
        .ok_or(Error::NotFound)?;
    store::set_password(&mut tx, &actor.tenant, user_id, &hash).await?;
    audit::record(
        &mut tx,
        actor,
        "user.password",
        &USER,
        user_id,
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn find_user(db: &Db, tenant: &TenantId, username: &str) -> Result<User> {
    let mut conn = db.pool().acquire().await?;
    store::user_by_name(&mut conn, tenant, username)
        .await?
        .ok_or(Error::NotFound)
}

/// A user with their grants, for the administration pages and API.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct UserDetail {
    #[serde(flatten)]
    pub user: User,
    pub grants: Vec<Grant>,
}

pub async fn list_users(db: &Db, ctx: &Ctx) -> Result<Vec<User>> {
    ctx.require(USERS_MANAGE, &super::ResourceScope::province())?;
    let mut conn = db.pool().acquire().await?;
    store::users(&mut conn, &ctx.tenant_id()).await
}

pub async fn user_detail(db: &Db, ctx: &Ctx, user_id: &str) -> Result<UserDetail> {
    ctx.require(USERS_MANAGE, &super::ResourceScope::province())?;
    let mut conn = db.pool().acquire().await?;
    let tenant = ctx.tenant_id();
    let user = store::user(&mut conn, &tenant, user_id)
        .await?
        .ok_or(Error::NotFound)?;
    let grants = store::grants(&mut conn, &tenant, user_id).await?;
    Ok(UserDetail { user, grants })
}

/// The administration use cases, checked against the caller's permissions.
pub async fn admin_create_user(db: &Db, ctx: &Ctx, new: &NewUser) -> Result<User> {
    ctx.require(USERS_MANAGE, &super::ResourceScope::province())?;
    create_user(db, &ctx.actor(), new).await
}

pub async fn admin_grant(
    db: &Db,
    ctx: &Ctx,
    user_id: &str,
    role: &str,
    scope: Scope,
) -> Result<Grant> {
    ctx.require(USERS_MANAGE, &super::ResourceScope::province())?;
    grant_role(db, &ctx.actor(), &ctx.roles, user_id, role, scope).await
}

pub async fn admin_revoke(db: &Db, ctx: &Ctx, user_id: &str, grant_id: &str) -> Result<()> {
    ctx.require(USERS_MANAGE, &super::ResourceScope::province())?;
    revoke_grant(db, &ctx.actor(), user_id, grant_id).await
}

pub async fn admin_set_disabled(db: &Db, ctx: &Ctx, user_id: &str, disabled: bool) -> Result<User> {
    ctx.require(USERS_MANAGE, &super::ResourceScope::province())?;
    if user_id == ctx.user.id && disabled {
        return Err(Error::conflict(None, "err-disable-self", &[]));
    }
    set_disabled(db, &ctx.actor(), user_id, disabled).await
}

/// The context of a user acting through a command or seed rather than a request (the
/// demo's sample data, a benchmark): the same permissions their grants give on the web.
pub async fn context_for(
    db: &Db,
    roles: std::sync::Arc<super::Roles>,
    tenant: &tenants::Tenant,
    username: &str,
) -> Result<Ctx> {
    let user = find_user(db, &tenant.tenant_id(), username).await?;
    let mut conn = db.pool().acquire().await?;
    let grants = store::grants(&mut conn, &tenant.tenant_id(), &user.id).await?;
    Ok(Ctx {
        tenant: tenant.clone(),
        user,
        grants,
        lang: crate::i18n::Lang::En,
        roles,
    })
}
