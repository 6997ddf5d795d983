//! CSRF protection for forms: a random token in an HttpOnly, SameSite=Strict cookie,
//! repeated in a hidden field of every form (double submit). `PageForm` checks both.

use axum::{
    extract::{Request, State},
    http::header,
    middleware::Next,
    response::Response,
};

use super::cookies;
use crate::{auth::service::random_token, state::AppState};

/// The token the current request's forms must carry.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

/// Gives every request a CSRF token, setting the cookie when the browser has none.
pub async fn ensure_token(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let existing = cookies::get(req.headers(), cookies::CSRF)
        .filter(|t| t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()));
    let (token, fresh) = match existing {
        Some(t) => (t, false),
        None => (random_token().unwrap_or_default(), true),
    };
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut res = next.run(req).await;
    if fresh && !token.is_empty() {
        res.headers_mut().append(
            header::SET_COOKIE,
            cookies::set(cookies::CSRF, &token, None, state.settings.secure_cookies),
        );
    }
    res
}
