//! Extractors that turn bad input into our own errors, naming the field: JSON bodies,
//! query strings, CSRF-checked forms, and the request context.

use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Request},
    http::{header, request::Parts},
};
use serde::de::DeserializeOwned;

use super::{cookies, csrf::CsrfToken};
use crate::{
    auth::service::resolve_session, context::Ctx, error::Error, i18n::Lang, state::AppState,
};
use daftar_kernel::FieldError;

/// A JSON body, deserialized strictly. Malformed JSON is 400; a field of the wrong type,
/// a missing or unknown field is 422 naming the field.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Error> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json") || v.contains("+json"));
        if !is_json {
            return Err(Error::Malformed(
                "send the body as application/json".to_owned(),
            ));
        }
        let bytes = read_body(req, state).await?;
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        match serde_path_to_error::deserialize(de) {
            Ok(v) => Ok(ApiJson(v)),
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.into_inner();
                match inner.classify() {
                    serde_json::error::Category::Data => {
                        Err(field_error(&path, &inner.to_string()))
                    }
                    _ => Err(Error::Malformed(inner.to_string())),
                }
            }
        }
    }
}

async fn read_body(req: Request, state: &AppState) -> Result<Bytes, Error> {
    Bytes::from_request(req, state).await.map_err(|e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            Error::TooLarge
        } else {
            Error::Malformed(e.body_text())
        }
    })
}

/// Turns a deserializer's complaint into a field error. Unknown and missing fields are
/// reported against the field itself, not its parent.
fn field_error(path: &str, message: &str) -> Error {
    let named = ["unknown field `", "missing field `"]
        .iter()
        .find_map(|p| message.split_once(p))
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(name, _)| name.to_owned());
    let base = if path == "." {
        String::new()
    } else {
        path.to_owned()
    };
    let field = match named {
        Some(n) if base.is_empty() => n,
        Some(n) if base == n || base.ends_with(&format!(".{n}")) => base,
        Some(n) => format!("{base}.{n}"),
        None if base.is_empty() => "body".to_owned(),
        None => base,
    };
    let detail = message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_owned();
    let id = if message.starts_with("unknown field") {
        "err-unknown-field"
    } else if message.starts_with("missing field") {
        "err-required"
    } else {
        "err-invalid-value"
    };
    Error::Validation(vec![FieldError::new(field, id).with_detail(detail)])
}

/// Deserializes a JSON value with field-level errors, for bodies read as a `Value`
/// first (e.g. to dispatch on a `kind` field).
pub fn from_json_value<T: DeserializeOwned>(v: serde_json::Value) -> Result<T, Error> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        field_error(&path, &e.into_inner().to_string())
    })
}

/// A query string, deserialized with field-level errors.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned> FromRequestParts<AppState> for ApiQuery<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Error> {
        parse_urlencoded(parts.uri.query().unwrap_or("").as_bytes()).map(ApiQuery)
    }
}

/// The same, for pages: a bad query string answers 422 rather than guessing.
pub type PageQuery<T> = ApiQuery<T>;

fn parse_urlencoded<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(bytes));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        field_error(&path, &e.into_inner().to_string())
    })
}

/// A form post whose hidden `csrf` field matches the CSRF cookie. The remaining fields
/// are deserialized into `T` (which should ignore `csrf`).
pub struct PageForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for PageForm<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Error> {
        let expected = req.extensions().get::<CsrfToken>().map(|t| t.0.clone());
        let cookie = cookies::get(req.headers(), cookies::CSRF);
        let bytes = read_body(req, state).await?;
        let sent = form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.into_owned());
        match (sent, cookie.or(expected)) {
            (Some(s), Some(c)) if !s.is_empty() && s == c => {}
            _ => return Err(Error::Csrf),
        }
        parse_urlencoded(&bytes).map(PageForm)
    }
}

/// The session token a request carries: `Authorization: Bearer` or the session cookie.
pub fn session_token(parts: &Parts) -> Option<String> {
    let bearer = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned());
    bearer.or_else(|| cookies::get(&parts.headers, cookies::SESSION))
}

/// The reader's language: the remembered choice, else the browser's preference.
pub fn lang_of(parts: &Parts) -> Lang {
    if let Some(l) = cookies::get(&parts.headers, cookies::LANG).and_then(|v| Lang::parse(&v)) {
        return l;
    }
    let accept = parts
        .headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if accept.trim_start().starts_with("ur") {
        Lang::Ur
    } else {
        Lang::En
    }
}

impl FromRequestParts<AppState> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        Ok(lang_of(parts))
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        if let Some(ctx) = parts.extensions.get::<Ctx>() {
            return Ok(ctx.clone());
        }
        let token = session_token(parts).ok_or(Error::Unauthenticated)?;
        if token.len() != 64 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::Unauthenticated);
        }
        let (tenant, user, grants) = resolve_session(&state.db, &token)
            .await?
            .ok_or(Error::Unauthenticated)?;
        let ctx = Ctx {
            tenant,
            user,
            grants,
            lang: lang_of(parts),
            roles: state.roles.clone(),
        };
        parts.extensions.insert(ctx.clone());
        Ok(ctx)
    }
}

impl axum::extract::OptionalFromRequestParts<AppState> for Ctx {
    type Rejection = Error;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Error> {
        match <Ctx as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(c) => Ok(Some(c)),
            Err(Error::Unauthenticated) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
