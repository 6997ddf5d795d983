//! Pages that need no login: a centre's kiosk and display board (updated live by
//! server-sent events, refreshed every 15 s without JavaScript), the citizen's tracking
//! page with feedback, and certificate verification.

use std::{convert::Infallible, time::Duration};

use axum::{
    extract::{Path, State},
    http::{HeaderValue, header},
    response::{
        IntoResponse, Redirect, Response,
        sse::{Event, KeepAlive, Sse},
    },
};
use futures_util::stream::{self, Stream};
use minijinja::{context, value::Serde};
use serde::Deserialize;

use daftar_platform::{
    AppState, Error, Result,
    http::{ApiQuery, PageEnv, PageForm},
};

use super::{errors, page};
use crate::{
    catalogue::CATEGORIES,
    service::{
        backoffice::{self, Feedback},
        certificates, queue,
    },
};

/// `/khidmat/kiosk/{code}`: a token for each category.
pub async fn kiosk(
    State(state): State<AppState>,
    env: PageEnv,
    Path(code): Path<String>,
) -> Result<Response> {
    let (_, centre) = queue::public_centre(&state.db, &code).await?;
    page(
        &state,
        &env,
        None,
        "khidmat/kiosk.html",
        false,
        context! { centre => Serde(&centre), categories => Serde(CATEGORIES) },
    )
}

#[derive(Deserialize)]
pub struct KioskForm {
    category: String,
}

/// The token slip the kiosk prints.
pub async fn kiosk_issue(
    State(state): State<AppState>,
    env: PageEnv,
    Path(code): Path<String>,
    PageForm(f): PageForm<KioskForm>,
) -> Result<Response> {
    let token = queue::issue(&state.db, &code, &f.category).await?;
    let (_, centre) = queue::public_centre(&state.db, &code).await?;
    let ahead = queue::board(&state.db, &code)
        .await?
        .waiting_count
        .saturating_sub(1);
    page(
        &state,
        &env,
        None,
        "khidmat/token.html",
        false,
        context! { token => Serde(&token), centre => Serde(&centre), ahead },
    )
}

/// `/khidmat/board/{code}`: the display board.
pub async fn board(
    State(state): State<AppState>,
    env: PageEnv,
    Path(code): Path<String>,
) -> Result<Response> {
    let b = queue::board(&state.db, &code).await?;
    page(
        &state,
        &env,
        None,
        "khidmat/board.html",
        false,
        context! { b => Serde(&b) },
    )
}

fn panel(state: &AppState, env: &PageEnv, b: &queue::Board) -> String {
    let render = || -> std::result::Result<String, minijinja::Error> {
        let tpl = state.templates.get_template("khidmat/board_panel.html")?;
        tpl.render(context! { b => Serde(b), lang => env.lang.code() })
    };
    render().unwrap_or_else(|e| {
        tracing::warn!(error = %e, "board panel");
        String::new()
    })
}

/// `/khidmat/board/{code}/events`: the board's panel, sent again whenever the centre's
/// queue changes (and at least every 20 s).
pub async fn board_events(
    State(state): State<AppState>,
    env: PageEnv,
    Path(code): Path<String>,
) -> Result<Sse<impl Stream<Item = std::result::Result<Event, Infallible>>>> {
    let (_, centre) = queue::public_centre(&state.db, &code).await?;
    let rx = queue::changes().subscribe();
    let st = (state, env, centre.code, rx, true);
    let events = stream::unfold(st, |(state, env, code, mut rx, first)| async move {
        if !first {
            let wait = async {
                loop {
                    match rx.recv().await {
                        Ok(c) if c == code => return,
                        Ok(_) => {}
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => return,
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => {
                            tokio::time::sleep(Duration::from_secs(20)).await;
                            return;
                        }
                    }
                }
            };
            let _ = tokio::time::timeout(Duration::from_secs(20), wait).await;
        }
        let html = match queue::board(&state.db, &code).await {
            Ok(b) => panel(&state, &env, &b),
            Err(_) => String::new(),
        };
        let event = Event::default().event("board").data(html);
        Some((Ok(event), (state, env, code, rx, false)))
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}

/// The board's script: swaps the panel in as events arrive.
pub async fn board_js() -> Response {
    const JS: &str = "(function () {\n  var b = document.getElementById('board');\n  if (!b || !window.EventSource) return;\n  var s = new EventSource(b.getAttribute('data-events'));\n  s.addEventListener('board', function (e) { if (e.data) b.innerHTML = e.data; });\n  document.documentElement.classList.add('live');\n})();\n";
    let mut res = JS.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    res
}

#[derive(Deserialize, Default)]
pub struct TrackQuery {
    #[serde(default)]
    tracking_id: Option<String>,
    #[serde(default)]
    cnic_last4: Option<String>,
    #[serde(default)]
    thanks: Option<String>,
}

/// `/public/track?tracking_id=&cnic_last4=`.
pub async fn track(
    State(state): State<AppState>,
    env: PageEnv,
    ApiQuery(q): ApiQuery<TrackQuery>,
) -> Result<Response> {
    let (id, last4) = (
        q.tracking_id.unwrap_or_default(),
        q.cnic_last4.unwrap_or_default(),
    );
    let asked = !id.trim().is_empty() || !last4.trim().is_empty();
    let found = if asked {
        match backoffice::track(&state.db, &id, &last4).await {
            Ok(t) => Some(t),
            Err(Error::NotFound) => None,
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    let v = context! { tracking_id => id, cnic_last4 => last4, asked, found => found.map(Serde), thanks => q.thanks.is_some() };
    page(&state, &env, None, "khidmat/track.html", false, v)
}

#[derive(Deserialize)]
pub struct FeedbackForm {
    tracking_id: String,
    cnic_last4: String,
    rating: String,
    #[serde(default)]
    comment: String,
}

pub async fn feedback(
    State(state): State<AppState>,
    env: PageEnv,
    PageForm(f): PageForm<FeedbackForm>,
) -> Result<Response> {
    let fb = Feedback {
        cnic_last4: f.cnic_last4.clone(),
        rating: f.rating.trim().parse().unwrap_or(0),
        comment: f.comment,
    };
    let back = format!(
        "/public/track?tracking_id={}&cnic_last4={}",
        urlenc(&f.tracking_id),
        urlenc(&f.cnic_last4)
    );
    match backoffice::feedback(&state.db, &f.tracking_id, &fb).await {
        Ok(()) => Ok(Redirect::to(&format!("{back}&thanks=1")).into_response()),
        Err(e @ Error::Validation(_)) => {
            let (errors, error_list) = errors(&state, &env, &e).unwrap_or_default();
            let found = backoffice::track(&state.db, &f.tracking_id, &f.cnic_last4)
                .await
                .ok();
            let v = context! { tracking_id => f.tracking_id, cnic_last4 => f.cnic_last4, asked => true, found => found.map(Serde), errors, error_list };
            page(&state, &env, None, "khidmat/track.html", true, v)
        }
        Err(e) => Err(e),
    }
}

fn urlenc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[derive(Deserialize, Default)]
pub struct VerifyQuery {
    #[serde(default)]
    c: Option<String>,
}

/// `/public/verify?c=PAYLOAD`: what a certificate's QR code opens.
pub async fn verify(
    State(state): State<AppState>,
    env: PageEnv,
    ApiQuery(q): ApiQuery<VerifyQuery>,
) -> Result<Response> {
    let c = q.c.unwrap_or_default();
    let verdict = if c.trim().is_empty() {
        None
    } else {
        Some(certificates::verify(&state.db, &c).await?)
    };
    page(
        &state,
        &env,
        None,
        "khidmat/verify.html",
        false,
        context! { c, verdict => verdict.map(Serde) },
    )
}
