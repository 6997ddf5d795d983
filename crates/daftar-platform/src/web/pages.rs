//! Pages: login, logout, home, language choice and user administration.

use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
};
use minijinja::{Value, context};
use serde::Deserialize;

use crate::{
    auth::{
        Scope,
        service::{self, NewUser, SessionKind},
    },
    context::Ctx,
    error::{Error, Result},
    http::{
        ApiQuery, PageEnv, PageForm, cookies,
        forms::{form_errors, safe_next},
        page::render,
    },
    i18n::Lang,
    state::AppState,
};

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

pub async fn home(State(state): State<AppState>, env: PageEnv, ctx: Ctx) -> Result<Html<String>> {
    let roles: Vec<Value> = ctx
        .grants
        .iter()
        .map(|g| context! { label => role_label(&state, env.lang, &g.role), scope => scope_label(&state, env.lang, &g.scope) })
        .collect();
    render(&state, &env, Some(&ctx), "home.html", context! { roles })
}

fn role_label(state: &AppState, lang: Lang, role: &str) -> String {
    state
        .roles
        .get(role)
        .map(|d| state.i18n.t(lang, d.label, &[]))
        .unwrap_or_else(|| role.to_owned())
}

fn scope_label(state: &AppState, lang: Lang, scope: &Scope) -> String {
    let kind = state.i18n.t(lang, &format!("scope-{}", scope.kind()), &[]);
    match scope.code() {
        Some(c) => format!("{kind} {c}"),
        None => kind,
    }
}

pub async fn login_page(
    State(state): State<AppState>,
    env: PageEnv,
    ApiQuery(q): ApiQuery<NextQuery>,
) -> Result<Html<String>> {
    render(
        &state,
        &env,
        None,
        "login.html",
        context! { next => safe_next(&q.next), username => "" },
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn login_submit(
    State(state): State<AppState>,
    env: PageEnv,
    PageForm(form): PageForm<LoginForm>,
) -> Result<Response> {
    let result =
        service::authenticate(&state.db, &state.settings, &form.username, &form.password).await;
    let user = match result {
        Ok(u) => u,
        Err(e) => {
            let Some((errors, error_list)) = form_errors(&state, env.lang, &e) else {
                return Err(e);
            };
            let page = context! { next => safe_next(&form.next), username => &form.username, errors, error_list };
            let html = render(&state, &env, None, "login.html", page)?;
            return Ok((StatusCode::UNAUTHORIZED, html).into_response());
        }
    };
    let (token, _) =
        service::start_session(&state.db, &state.settings, &user, SessionKind::Web).await?;
    let mut res = Redirect::to(safe_next(&form.next)).into_response();
    let max_age = state.settings.session_hours * 3600;
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(
            cookies::SESSION,
            &token,
            Some(max_age),
            state.settings.secure_cookies,
        ),
    );
    Ok(res)
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    PageForm(_): PageForm<Empty>,
) -> Result<Response> {
    if let Some(token) = cookies::get(&headers, cookies::SESSION) {
        service::end_session(&state.db, &token).await?;
    }
    let mut res = Redirect::to("/login").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, "", Some(0), state.settings.secure_cookies),
    );
    Ok(res)
}

/// `GET /lang/{en|ur}?next=...`: remembers the choice for a year and goes back.
pub async fn set_lang(
    State(state): State<AppState>,
    Path(code): Path<String>,
    ApiQuery(q): ApiQuery<NextQuery>,
) -> Result<Response> {
    let lang = Lang::parse(&code).ok_or(Error::NotFound)?;
    let mut res = Redirect::to(safe_next(&q.next)).into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(
            cookies::LANG,
            lang.code(),
            Some(365 * 24 * 3600),
            state.settings.secure_cookies,
        ),
    );
    Ok(res)
}

#[derive(Deserialize, Default)]
pub struct NewUserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
}

async fn users_page(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    form: NewUserForm,
    error: Option<&Error>,
) -> Result<Response> {
    let users = service::list_users(&state.db, ctx).await?;
    let (errors, error_list) = error
        .and_then(|e| form_errors(state, env.lang, e))
        .unwrap_or_default();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = context! {
        users => Value::from(minijinja::value::Serde(&users)),
        form => context! { username => form.username, display_name => form.display_name },
        errors, error_list,
    };
    Ok((
        status,
        render(state, env, Some(ctx), "admin_users.html", page)?,
    )
        .into_response())
}

pub async fn users(State(state): State<AppState>, env: PageEnv, ctx: Ctx) -> Result<Response> {
    users_page(&state, &env, &ctx, NewUserForm::default(), None).await
}

pub async fn users_create(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    PageForm(form): PageForm<NewUserForm>,
) -> Result<Response> {
    let new = NewUser {
        username: form.username.clone(),
        display_name: form.display_name.clone(),
        password: form.password.clone(),
    };
    match service::admin_create_user(&state.db, &ctx, &new).await {
        Ok(u) => Ok(Redirect::to(&format!("/admin/users/{}", u.id)).into_response()),
        Err(e @ (Error::Validation(_) | Error::Conflict { .. })) => {
            users_page(&state, &env, &ctx, form, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

async fn user_page(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    id: &str,
    error: Option<&Error>,
) -> Result<Response> {
    let detail = service::user_detail(&state.db, ctx, id).await?;
    let grants: Vec<Value> = detail
        .grants
        .iter()
        .map(|g| context! { id => &g.id, label => role_label(state, env.lang, &g.role), scope => scope_label(state, env.lang, &g.scope) })
        .collect();
    let roles: Vec<Value> = state
        .roles
        .all()
        .iter()
        .map(|r| context! { name => r.name, label => state.i18n.t(env.lang, r.label, &[]) })
        .collect();
    let (errors, error_list) = error
        .and_then(|e| form_errors(state, env.lang, e))
        .unwrap_or_default();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = context! { detail => Value::from(minijinja::value::Serde(&detail.user)), grants, roles, errors, error_list };
    Ok((
        status,
        render(state, env, Some(ctx), "admin_user.html", page)?,
    )
        .into_response())
}

pub async fn user(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response> {
    user_page(&state, &env, &ctx, &id, None).await
}

#[derive(Deserialize)]
pub struct GrantForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    scope_kind: String,
    #[serde(default)]
    scope_code: String,
}

/// Reads a scope from a form's or request's two parts, upper-casing the code.
pub fn parse_scope(kind: &str, code: &str) -> Result<Scope> {
    let code = code.trim().to_ascii_uppercase();
    let code = (!code.is_empty()).then_some(code);
    if let Some(c) = &code
        && daftar_kernel::Code::parse(c).is_err()
    {
        return Err(Error::field("scope_code", "err-code"));
    }
    match kind {
        "province" | "district" | "office" => Scope::from_parts(kind, code.as_deref())
            .ok_or_else(|| Error::field("scope_code", "err-scope-code-required")),
        _ => Err(Error::field("scope_kind", "err-scope-kind")),
    }
}

pub async fn user_grant(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(form): PageForm<GrantForm>,
) -> Result<Response> {
    let result = match parse_scope(&form.scope_kind, &form.scope_code) {
        Ok(scope) => service::admin_grant(&state.db, &ctx, &id, &form.role, scope)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/admin/users/{id}")).into_response()),
        Err(e @ (Error::Validation(_) | Error::Conflict { .. })) => {
            user_page(&state, &env, &ctx, &id, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

pub async fn user_revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, grant_id)): Path<(String, String)>,
    PageForm(_): PageForm<Empty>,
) -> Result<Response> {
    service::admin_revoke(&state.db, &ctx, &id, &grant_id).await?;
    Ok(Redirect::to(&format!("/admin/users/{id}")).into_response())
}

pub async fn user_disable(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(_): PageForm<Empty>,
) -> Result<Response> {
    service::admin_set_disabled(&state.db, &ctx, &id, true).await?;
    Ok(Redirect::to(&format!("/admin/users/{id}")).into_response())
}

pub async fn user_enable(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(_): PageForm<Empty>,
) -> Result<Response> {
    service::admin_set_disabled(&state.db, &ctx, &id, false).await?;
    Ok(Redirect::to(&format!("/admin/users/{id}")).into_response())
}
