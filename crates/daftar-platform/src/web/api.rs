//! JSON API of the platform: bearer tokens, the current user, user administration.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use crate::{
    auth::{
        Grant, User,
        service::{self, NewUser, SessionKind, UserDetail},
    },
    context::Ctx,
    error::Result,
    http::ApiJson,
    state::AppState,
};

#[derive(OpenApi)]
#[openapi(
    paths(
        token,
        me,
        list_users,
        create_user,
        get_user,
        grant,
        revoke,
        disable,
        enable
    ),
    components(schemas(
        TokenRequest,
        TokenResponse,
        Me,
        NewUser,
        GrantRequest,
        ScopeRequest,
        User,
        Grant,
        UserDetail
    ))
)]
pub struct PlatformApi;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    username: String,
    password: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    /// Send as `Authorization: Bearer <token>`.
    token: String,
    /// RFC 3339, UTC.
    expires_at: String,
}

/// Exchange a username and password for a bearer token.
#[utoipa::path(post, path = "/api/v1/auth/token", tag = "auth", request_body = TokenRequest,
    responses((status = 200, body = TokenResponse), (status = 401, description = "bad_credentials"), (status = 423, description = "account_locked")))]
pub async fn token(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<TokenRequest>,
) -> Result<Json<TokenResponse>> {
    let user =
        service::authenticate(&state.db, &state.settings, &req.username, &req.password).await?;
    let (token, expires_at) =
        service::start_session(&state.db, &state.settings, &user, SessionKind::Api).await?;
    Ok(Json(TokenResponse { token, expires_at }))
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    user: User,
    /// The province (tenant) the user belongs to.
    province: String,
    grants: Vec<Grant>,
}

/// The user behind the token, their province and roles.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = Me), (status = 401)))]
pub async fn me(ctx: Ctx) -> Json<Me> {
    Json(Me {
        user: ctx.user.clone(),
        province: ctx.tenant.slug.clone(),
        grants: ctx.grants.clone(),
    })
}

/// Accounts of the caller's province.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", responses((status = 200, body = Vec<User>), (status = 403)))]
pub async fn list_users(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Vec<User>>> {
    Ok(Json(service::list_users(&state.db, &ctx).await?))
}

/// Create an account (no roles yet).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUser,
    responses((status = 201, body = User), (status = 409), (status = 422)))]
pub async fn create_user(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(new): ApiJson<NewUser>,
) -> Result<(StatusCode, Json<User>)> {
    Ok((
        StatusCode::CREATED,
        Json(service::admin_create_user(&state.db, &ctx, &new).await?),
    ))
}

/// One account with its grants.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", params(("id" = String, Path)),
    responses((status = 200, body = UserDetail), (status = 404)))]
pub async fn get_user(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<UserDetail>> {
    Ok(Json(service::user_detail(&state.db, &ctx, &id).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeRequest {
    /// `province`, `district` or `office`.
    kind: String,
    /// The district or office code; omitted for `province`.
    #[serde(default)]
    code: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GrantRequest {
    /// A role name such as `platform.admin` or `mdm.editor`.
    role: String,
    scope: ScopeRequest,
}

/// Grant a role on a scope.
#[utoipa::path(post, path = "/api/v1/users/{id}/grants", tag = "users", params(("id" = String, Path)), request_body = GrantRequest,
    responses((status = 201, body = Grant), (status = 404), (status = 409), (status = 422)))]
pub async fn grant(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<GrantRequest>,
) -> Result<(StatusCode, Json<Grant>)> {
    let scope = super::pages::parse_scope(&req.scope.kind, req.scope.code.as_deref().unwrap_or(""))
        .map_err(|e| prefix_fields(e, "scope."))?;
    Ok((
        StatusCode::CREATED,
        Json(service::admin_grant(&state.db, &ctx, &id, &req.role, scope).await?),
    ))
}

fn prefix_fields(e: crate::Error, prefix: &str) -> crate::Error {
    match e {
        crate::Error::Validation(fs) => crate::Error::Validation(
            fs.into_iter()
                .map(|mut f| {
                    f.field = format!("{prefix}{}", f.field.trim_start_matches("scope_"));
                    f
                })
                .collect(),
        ),
        other => other,
    }
}

/// Withdraw a grant.
#[utoipa::path(delete, path = "/api/v1/users/{id}/grants/{grant_id}", tag = "users",
    params(("id" = String, Path), ("grant_id" = String, Path)), responses((status = 204), (status = 404)))]
pub async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, grant_id)): Path<(String, String)>,
) -> Result<StatusCode> {
    service::admin_revoke(&state.db, &ctx, &id, &grant_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Disable an account; its sessions end at once.
#[utoipa::path(post, path = "/api/v1/users/{id}/disable", tag = "users", params(("id" = String, Path)), responses((status = 200, body = User), (status = 404)))]
pub async fn disable(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<User>> {
    Ok(Json(
        service::admin_set_disabled(&state.db, &ctx, &id, true).await?,
    ))
}

/// Enable a disabled account.
#[utoipa::path(post, path = "/api/v1/users/{id}/enable", tag = "users", params(("id" = String, Path)), responses((status = 200, body = User), (status = 404)))]
pub async fn enable(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<User>> {
    Ok(Json(
        service::admin_set_disabled(&state.db, &ctx, &id, false).await?,
    ))
}
