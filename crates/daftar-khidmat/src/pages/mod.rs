//! Pages of e-Khidmat: the counter (queue, new application, receipt, payment,
//! documents, delivery, closing), the back office, the dashboard, the catalogue, and
//! the public side (kiosk, display board, tracking, certificate verification).

use std::collections::BTreeMap;

use axum::{
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use minijinja::Value;

use daftar_platform::{
    AppState, Ctx, Error, Result,
    http::{PageEnv, RouteTable, forms::form_errors, page::render},
};

mod counter;
mod office;
mod public;

pub static TEMPLATES: &[(&str, &str)] = &[
    (
        "khidmat/services.html",
        include_str!("../../templates/services.html"),
    ),
    (
        "khidmat/counter.html",
        include_str!("../../templates/counter.html"),
    ),
    ("khidmat/new.html", include_str!("../../templates/new.html")),
    (
        "khidmat/application.html",
        include_str!("../../templates/application.html"),
    ),
    (
        "khidmat/receipt.html",
        include_str!("../../templates/receipt.html"),
    ),
    (
        "khidmat/certificate.html",
        include_str!("../../templates/certificate.html"),
    ),
    (
        "khidmat/queue.html",
        include_str!("../../templates/queue.html"),
    ),
    (
        "khidmat/dashboard.html",
        include_str!("../../templates/dashboard.html"),
    ),
    (
        "khidmat/kiosk.html",
        include_str!("../../templates/kiosk.html"),
    ),
    (
        "khidmat/token.html",
        include_str!("../../templates/token.html"),
    ),
    (
        "khidmat/board.html",
        include_str!("../../templates/board.html"),
    ),
    (
        "khidmat/board_panel.html",
        include_str!("../../templates/board_panel.html"),
    ),
    (
        "khidmat/track.html",
        include_str!("../../templates/track.html"),
    ),
    (
        "khidmat/verify.html",
        include_str!("../../templates/verify.html"),
    ),
];

pub fn routes() -> RouteTable {
    RouteTable::new()
        .get("/khidmat/services", office::services)
        .get("/khidmat/counter", counter::desk)
        .post("/khidmat/counter/{code}/call-next", counter::call_next)
        .post("/khidmat/counter/{code}/closing", counter::close)
        .post("/khidmat/tokens/{id}/act", counter::token_act)
        .get("/khidmat/applications/new", counter::new_form)
        .post("/khidmat/applications", counter::create)
        .get("/khidmat/applications/{tracking_id}", counter::application)
        .get(
            "/khidmat/applications/{tracking_id}/receipt",
            counter::receipt,
        )
        .get(
            "/khidmat/applications/{tracking_id}/certificate",
            counter::certificate,
        )
        .post("/khidmat/applications/{tracking_id}/pay", counter::pay)
        .post(
            "/khidmat/applications/{tracking_id}/transition",
            counter::transition,
        )
        .post_upload(
            "/khidmat/applications/{tracking_id}/documents",
            counter::upload,
            crate::service::blobs::MAX_BYTES + 64 * 1024,
        )
        .get(
            "/khidmat/applications/{tracking_id}/documents/{id}",
            counter::document,
        )
        .get("/khidmat/queue", office::queue)
        .get("/khidmat/dashboard", office::dashboard)
        .get("/khidmat/kiosk/{code}", public::kiosk)
        .post("/khidmat/kiosk/{code}", public::kiosk_issue)
        .get("/khidmat/board/{code}", public::board)
        .get("/khidmat/board/{code}/events", public::board_events)
        .get("/khidmat/board.js", public::board_js)
        .get("/public/track", public::track)
        .post("/public/track/feedback", public::feedback)
        .get("/public/verify", public::verify)
}

/// Errors of a form, in the reader's language, or `None` when the error is not about
/// the form (then the error page answers).
fn errors(
    state: &AppState,
    env: &PageEnv,
    e: &Error,
) -> Option<(BTreeMap<String, String>, Vec<Value>)> {
    form_errors(state, env.lang, e)
}

/// Renders a page; 422 when it re-shows a form with errors.
fn page(
    state: &AppState,
    env: &PageEnv,
    ctx: Option<&Ctx>,
    tpl: &str,
    invalid: bool,
    v: Value,
) -> Result<Response> {
    let status = if invalid {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, render(state, env, ctx, tpl, v)?).into_response())
}

/// The address this site is reached at, for QR codes: from the request's Host.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .map_or_else(|| state.settings.listen.to_string(), str::to_owned);
    let scheme = if state.settings.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// `Rs 550` typed at a counter, as paisa.
fn paisa(s: &str) -> Option<i64> {
    let t = s
        .trim()
        .trim_start_matches("Rs")
        .trim_start_matches('.')
        .trim()
        .replace(',', "");
    if t.is_empty() {
        return None;
    }
    let (r, p) = t.split_once('.').unwrap_or((&t, "0"));
    let p = format!("{p:0<2}");
    if p.len() > 2 {
        return None;
    }
    Some(r.parse::<i64>().ok()?.checked_mul(100)? + p.parse::<i64>().ok()?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn rupees_as_typed_become_paisa() {
        assert_eq!(super::paisa("550"), Some(55_000));
        assert_eq!(super::paisa("Rs 1,050"), Some(105_000));
        assert_eq!(super::paisa("12.5"), Some(1_250));
        assert_eq!(super::paisa("12.505"), None);
        assert_eq!(super::paisa("abc"), None);
        assert_eq!(super::paisa(""), None);
    }
}
