//! The counter's pages: the desk (token at the counter, next, recall, no-show,
//! transfer, the day's closing), a new application, its receipt, payment, documents,
//! steps, and the printable certificate.

use std::collections::BTreeMap;

use axum::{
    extract::{Multipart, Path, State},
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use minijinja::{Value, context, value::Serde};
use serde::Deserialize;

use daftar_platform::{
    AppState, Ctx, Error, Result,
    auth::service::random_token,
    http::{ApiQuery, PageEnv, PageForm},
};

use super::{base_url, errors, page, paisa};
use crate::{
    api::read_upload,
    certificate,
    service::{
        self, COUNTER,
        applications::{self, Applicant, NewApplication, NewPayment},
        backoffice::{self, Transition},
        centre_scope,
        dashboard::{self, Closing},
        queue,
    },
};

#[derive(Deserialize, Default)]
pub struct DeskQuery {
    #[serde(default)]
    counter: Option<String>,
}

async fn desk_page(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    chosen: Option<&str>,
    err: Option<&Error>,
) -> Result<Response> {
    let centres: Vec<_> = service::centres(&state.db, ctx)
        .await?
        .into_iter()
        .filter(|c| ctx.can(COUNTER, &centre_scope(&c.centre)))
        .collect();
    let counters: Vec<_> = centres.iter().flat_map(|c| c.counters.clone()).collect();
    let code = chosen
        .map(service::norm)
        .filter(|c| counters.iter().any(|k| &k.code == c))
        .or_else(|| counters.first().map(|k| k.code.clone()));
    let (desk, pending) = match &code {
        Some(code) => {
            let d = queue::desk(&state.db, ctx, code).await?;
            let p = applications::at_counter(&state.db, ctx, &d.centre.code).await?;
            (Some(d), p)
        }
        None => (None, Vec::new()),
    };
    let (errors, error_list) = err.and_then(|e| errors(state, env, e)).unwrap_or_default();
    let v = context! {
        counters => Serde(&counters),
        chosen => code,
        centre => desk.as_ref().map(|d| Serde(d.centre.clone())),
        counter => desk.as_ref().map(|d| Serde(d.counter.clone())),
        current => desk.as_ref().and_then(|d| d.current.clone()).map(Serde),
        waiting => desk.as_ref().map_or(0, |d| d.waiting),
        others => desk.as_ref().map(|d| Serde(d.others.clone())),
        pending => Serde(&pending),
        errors, error_list,
    };
    page(
        state,
        env,
        Some(ctx),
        "khidmat/counter.html",
        err.is_some(),
        v,
    )
}

/// `/khidmat/counter?counter=CODE`: the operator's desk.
pub async fn desk(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<DeskQuery>,
) -> Result<Response> {
    desk_page(&state, &env, &ctx, q.counter.as_deref(), None).await
}

fn to_desk(counter: &str) -> Response {
    Redirect::to(&format!(
        "/khidmat/counter?counter={}",
        service::norm(counter)
    ))
    .into_response()
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn call_next(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    PageForm(_): PageForm<Empty>,
) -> Result<Response> {
    queue::call_next(&state.db, &ctx, &code).await?;
    Ok(to_desk(&code))
}

#[derive(Deserialize)]
pub struct TokenForm {
    action: String,
    #[serde(default)]
    to: Option<String>,
    counter: String,
}

pub async fn token_act(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(f): PageForm<TokenForm>,
) -> Result<Response> {
    queue::act(&state.db, &ctx, &id, &f.action, f.to.as_deref()).await?;
    Ok(to_desk(&f.counter))
}

#[derive(Deserialize)]
pub struct CloseForm {
    declared: String,
    #[serde(default)]
    note: String,
}

pub async fn close(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(code): Path<String>,
    PageForm(f): PageForm<CloseForm>,
) -> Result<Response> {
    let result = match paisa(&f.declared) {
        Some(p) => dashboard::close_counter(
            &state.db,
            &ctx,
            &code,
            &Closing {
                declared_paisa: p,
                note: f.note,
            },
        )
        .await
        .map(|_| ()),
        None => Err(Error::field("declared", "khidmat-err-amount")),
    };
    match result {
        Ok(()) => Ok(to_desk(&code)),
        Err(e @ (Error::Validation(_) | Error::Conflict { .. })) => {
            let e = match renamed(e, "declared_paisa", "declared") {
                Error::Conflict { message, args, .. } => Error::Conflict {
                    field: Some("declared".into()),
                    message,
                    args,
                },
                other => other,
            };
            desk_page(&state, &env, &ctx, Some(&code), Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    #[serde(default)]
    counter: Option<String>,
    #[serde(default)]
    service: Option<String>,
    #[serde(default)]
    token: Option<String>,
}

async fn new_page(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    values: &BTreeMap<String, String>,
    err: Option<&Error>,
) -> Result<Response> {
    let services = service::services(&state.db, ctx).await?;
    let chosen = values
        .get("service")
        .map(|s| service::norm(s))
        .and_then(|c| services.iter().find(|s| s.code == c).cloned());
    let on = service::today().iso();
    let fee = chosen
        .as_ref()
        .and_then(|s| s.fees_on(&on, false))
        .map(|(_, l)| crate::catalogue::total(l));
    let urgent_fee = chosen
        .as_ref()
        .and_then(|s| s.fees_on(&on, true))
        .map(|(_, l)| crate::catalogue::total(l));
    let (errors, error_list) = err.and_then(|e| errors(state, env, e)).unwrap_or_default();
    let v = context! {
        services => Serde(&services),
        service => chosen.map(Serde),
        fee, urgent_fee,
        values => Serde(values),
        errors, error_list,
    };
    page(state, env, Some(ctx), "khidmat/new.html", err.is_some(), v)
}

/// `/khidmat/applications/new?counter=&service=`: choose a service, then its form.
pub async fn new_form(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<NewQuery>,
) -> Result<Response> {
    let mut values = BTreeMap::new();
    values.insert("counter".to_owned(), q.counter.unwrap_or_default());
    values.insert("service".to_owned(), q.service.unwrap_or_default());
    values.insert("token".to_owned(), q.token.unwrap_or_default());
    // One key per form shown: a double-click or a resend takes one application.
    values.insert("idem".to_owned(), random_token()?);
    new_page(&state, &env, &ctx, &values, None).await
}

fn from_form(v: &BTreeMap<String, String>) -> NewApplication {
    let get = |k: &str| v.get(k).cloned().unwrap_or_default();
    NewApplication {
        service: get("service"),
        counter: get("counter"),
        token: Some(get("token")).filter(|t| !t.trim().is_empty()),
        urgent: v.get("urgent").is_some_and(|u| u == "on" || u == "true"),
        applicant: Applicant {
            cnic: get("applicant.cnic"),
            name: get("applicant.name"),
            father_name: get("applicant.father_name"),
            gender: get("applicant.gender"),
            dob: get("applicant.dob"),
            mobile: get("applicant.mobile"),
            address: get("applicant.address"),
        },
        form: v
            .iter()
            .filter_map(|(k, val)| k.strip_prefix("form.").map(|f| (f.to_owned(), val.clone())))
            .collect(),
    }
}

/// `POST /khidmat/applications`: take it, then show its receipt.
pub async fn create(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    PageForm(mut v): PageForm<BTreeMap<String, String>>,
) -> Result<Response> {
    v.remove("csrf");
    let req = from_form(&v);
    let key = v.get("idem").cloned();
    match applications::take(&state.db, &ctx, &req, key.as_deref()).await {
        Ok(r) => {
            Ok(Redirect::to(&format!("/khidmat/applications/{}", r.tracking_id)).into_response())
        }
        Err(e @ (Error::Validation(_) | Error::Conflict { .. })) => {
            new_page(&state, &env, &ctx, &v, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

async fn application_page(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    headers: &HeaderMap,
    tracking: &str,
    err: Option<&Error>,
) -> Result<Response> {
    let view = backoffice::view(&state.db, ctx, tracking).await?;
    let svc = service::service(&state.db, ctx, &view.receipt.service).await?;
    let track_url = format!(
        "{}/public/track?tracking_id={}",
        base_url(state, headers),
        view.receipt.tracking_id
    );
    let (errors, error_list) = err.and_then(|e| errors(state, env, e)).unwrap_or_default();
    let v = context! {
        a => Serde(&view),
        service => Serde(&svc),
        qr => Value::from_safe_string(certificate::qr_svg(&track_url)),
        track_url,
        errors, error_list,
    };
    page(
        state,
        env,
        Some(ctx),
        "khidmat/application.html",
        err.is_some(),
        v,
    )
}

/// `/khidmat/applications/{tracking_id}`: receipt, payment, documents, steps.
pub async fn application(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    headers: HeaderMap,
    Path(t): Path<String>,
) -> Result<Response> {
    application_page(&state, &env, &ctx, &headers, &t, None).await
}

/// The receipt as an 80 mm slip.
pub async fn receipt(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    headers: HeaderMap,
    Path(t): Path<String>,
) -> Result<Response> {
    let view = backoffice::view(&state.db, &ctx, &t).await?;
    let track_url = format!(
        "{}/public/track?tracking_id={}",
        base_url(&state, &headers),
        view.receipt.tracking_id
    );
    let v = context! { a => Serde(&view), qr => Value::from_safe_string(certificate::qr_svg(&track_url)), track_url };
    page(&state, &env, Some(&ctx), "khidmat/receipt.html", false, v)
}

/// The certificate of a delivered application, printable on A4, English and Urdu.
pub async fn certificate(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    headers: HeaderMap,
    Path(t): Path<String>,
) -> Result<Response> {
    let view = backoffice::view(&state.db, &ctx, &t).await?;
    let cert = view.certificate.clone().ok_or(Error::NotFound)?;
    let claims = certificate::read(&cert.payload).map_err(|e| Error::Internal(e.to_string()))?;
    // The page's address is printed for those who cannot scan; the QR code and the
    // link carry the certificate too.
    let verify_page = format!("{}/public/verify", base_url(&state, &headers));
    let verify_url = format!("{verify_page}?c={}", cert.payload);
    let v = context! {
        a => Serde(&view), cert => Serde(&cert), claims => Serde(&claims),
        qr => Value::from_safe_string(certificate::qr_svg(&verify_url)),
        verify_url, verify_page,
    };
    page(
        &state,
        &env,
        Some(&ctx),
        "khidmat/certificate.html",
        false,
        v,
    )
}

#[derive(Deserialize)]
pub struct PayForm {
    method: String,
    #[serde(default)]
    reference: String,
    amount: String,
}

pub async fn pay(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    headers: HeaderMap,
    Path(t): Path<String>,
    PageForm(f): PageForm<PayForm>,
) -> Result<Response> {
    let result = match paisa(&f.amount) {
        Some(p) => applications::pay(
            &state.db,
            &ctx,
            &t,
            &NewPayment {
                method: f.method,
                reference: f.reference,
                amount_paisa: p,
            },
        )
        .await
        .map(|_| ()),
        None => Err(Error::field("amount", "khidmat-err-amount")),
    };
    after(
        &state,
        &env,
        &ctx,
        &headers,
        &t,
        result,
        ("amount_paisa", "amount"),
    )
    .await
}

/// A validation error as the page's form names its fields (the API's `api` is the
/// form's `form`); other errors unchanged.
fn renamed(e: Error, api: &str, form: &str) -> Error {
    match e {
        Error::Validation(mut fs) => {
            for f in fs.iter_mut().filter(|f| f.field == api) {
                f.field = form.to_owned();
            }
            Error::Validation(fs)
        }
        other => other,
    }
}

/// Back to the application, or the same page with the form's errors.
async fn after(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    headers: &HeaderMap,
    t: &str,
    result: Result<()>,
    (api_field, form_field): (&str, &str),
) -> Result<Response> {
    match result {
        Ok(()) => Ok(
            Redirect::to(&format!("/khidmat/applications/{}", service::norm(t))).into_response(),
        ),
        Err(e @ (Error::Validation(_) | Error::Conflict { .. })) => {
            let e = renamed(e, api_field, form_field);
            application_page(state, env, ctx, headers, t, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct TransitionForm {
    action: String,
    #[serde(default)]
    reason: String,
}

pub async fn transition(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    headers: HeaderMap,
    Path(t): Path<String>,
    PageForm(f): PageForm<TransitionForm>,
) -> Result<Response> {
    let result = backoffice::transition(
        &state.db,
        &ctx,
        &t,
        &Transition {
            action: f.action,
            reason: f.reason,
        },
    )
    .await
    .map(|_| ());
    after(
        &state,
        &env,
        &ctx,
        &headers,
        &t,
        result,
        ("reason", "reason"),
    )
    .await
}

/// A document uploaded from the application page (multipart, with the CSRF field).
pub async fn upload(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    headers: HeaderMap,
    Path(t): Path<String>,
    m: Multipart,
) -> Result<Response> {
    let (doc_type, name, kind, bytes, csrf) = read_upload(m).await?;
    if env.csrf.is_empty() || csrf.as_deref() != Some(env.csrf.as_str()) {
        return Err(Error::Csrf);
    }
    let result = applications::attach(
        &state.db,
        &ctx,
        &state.settings.data_dir,
        &t,
        applications::Upload {
            doc_type,
            file_name: name,
            content_type: kind,
            bytes,
        },
    )
    .await
    .map(|_| ());
    after(&state, &env, &ctx, &headers, &t, result, ("file", "file")).await
}

/// A stored document, for staff who may see the application.
pub async fn document(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((t, id)): Path<(String, String)>,
) -> Result<Response> {
    let (d, bytes) =
        applications::document(&state.db, &ctx, &state.settings.data_dir, &t, &id).await?;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&d.content_type).map_err(|e| Error::Internal(e.to_string()))?,
    );
    let name: String = d
        .file_name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || ".-_ ".contains(*c))
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
