//! Errors at the HTTP edge. A handler returns `Error`; it becomes an empty response
//! carrying the error, and the `render` middleware writes the body in the reader's
//! language: `application/problem+json` for the API, an HTML page (or a redirect to the
//! login page) for pages. Errors are logged here, once; a 500 never shows internals.

use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use serde_json::json;

use super::page::PageEnv;
use crate::{error::Error, i18n::Lang, state::AppState};

/// The error a response stands for, until `render` writes its body.
#[derive(Clone)]
struct Pending(Arc<Error>);

pub fn status_of(e: &Error) -> StatusCode {
    match e {
        Error::NotFound => StatusCode::NOT_FOUND,
        Error::Unauthenticated | Error::BadCredentials => StatusCode::UNAUTHORIZED,
        Error::AccountLocked { .. } => StatusCode::LOCKED,
        Error::AccountDisabled | Error::Forbidden | Error::Csrf => StatusCode::FORBIDDEN,
        Error::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
        Error::Conflict { .. } => StatusCode::CONFLICT,
        Error::Malformed(_) => StatusCode::BAD_REQUEST,
        Error::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        Error::Overloaded | Error::Timeout => StatusCode::SERVICE_UNAVAILABLE,
        Error::Db(_) | Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let mut res = status_of(&self).into_response();
        res.extensions_mut().insert(Pending(Arc::new(self)));
        res
    }
}

/// Whether a request wants the JSON API's answers rather than pages.
pub fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path == "/healthz" || path == "/metrics"
}

/// Writes the body of every error response, and turns axum's own plain-text rejections
/// (unknown route, wrong method, oversized body) into the same shape.
pub async fn render(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let path_and_query = req
        .uri()
        .path_and_query()
        .map(|p| p.to_string())
        .unwrap_or_default();
    let (parts, body) = req.into_parts();
    let env = PageEnv::from_parts(&parts, &state);
    let req = Request::from_parts(parts, body);
    let res = next.run(req).await;
    let error = match res.extensions().get::<Pending>() {
        Some(Pending(e)) => e.clone(),
        None => match res.status() {
            StatusCode::NOT_FOUND => Arc::new(Error::NotFound),
            StatusCode::METHOD_NOT_ALLOWED => {
                Arc::new(Error::Malformed("method not allowed".to_owned()))
            }
            StatusCode::PAYLOAD_TOO_LARGE => Arc::new(Error::TooLarge),
            _ => return res,
        },
    };
    let status = if res.status() == StatusCode::METHOD_NOT_ALLOWED {
        res.status()
    } else {
        status_of(&error)
    };
    if status.is_server_error() {
        tracing::error!(%path, error = %error, "request failed");
    } else {
        tracing::debug!(%path, error = %error, "request refused");
    }
    if !is_api(&path) && matches!(*error, Error::Unauthenticated) {
        let next = form_urlencoded::byte_serialize(path_and_query.as_bytes()).collect::<String>();
        return Redirect::to(&format!("/login?next={next}")).into_response();
    }
    if is_api(&path) {
        problem_json(&state, env.lang, status, &error)
    } else {
        super::page::error_page(&state, &env, status, &error)
    }
}

/// The `application/problem+json` body for an error (RFC 9457), with a stable `code`
/// and, for validation errors, every field and how to fix it.
pub fn problem_json(state: &AppState, lang: Lang, status: StatusCode, error: &Error) -> Response {
    let code = error.code();
    let title = state.i18n.t(
        lang,
        &format!("problem-{}", code.as_str().replace('_', "-")),
        &[],
    );
    let mut body = json!({
        "type": "about:blank",
        "title": title,
        "status": status.as_u16(),
        "code": code.as_str(),
    });
    match error {
        Error::Validation(fields) => {
            body["errors"] = fields
                .iter()
                .map(|f| {
                    let mut v =
                        json!({ "field": f.field, "message": state.i18n.t(lang, &f.message, &[]) });
                    if let Some(d) = &f.detail {
                        v["detail"] = json!(d);
                    }
                    v
                })
                .collect();
        }
        Error::Conflict {
            field,
            message,
            args,
        } => {
            let text = state.i18n.t_owned(lang, message, args);
            if let Some(f) = field {
                body["errors"] = json!([{ "field": f, "message": text }]);
            }
            body["detail"] = json!(text);
        }
        Error::Malformed(detail) => body["detail"] = json!(detail),
        Error::AccountLocked { until } => body["locked_until"] = json!(until),
        _ => {}
    }
    let mut res = (status, body.to_string()).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    if status == StatusCode::SERVICE_UNAVAILABLE {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    }
    res
}
