//! Server-rendered pages: the template environment (minijinja, auto-escaped), the
//! per-request facts every page needs, and the shared layout's context.

use std::sync::Arc;

use axum::{
    extract::FromRequestParts,
    http::{StatusCode, request::Parts},
    response::{Html, IntoResponse, Response},
};
use minijinja::{Environment, Value, context, value::Kwargs};
use serde::Serialize;

use super::{csrf::CsrfToken, extract::lang_of};
use crate::{
    context::Ctx,
    error::Error,
    i18n::{I18n, Lang},
    state::AppState,
};

/// What every page needs to know about the request: language, CSRF token, location.
#[derive(Clone, Debug)]
pub struct PageEnv {
    pub lang: Lang,
    pub csrf: String,
    /// Path and query, to come back to after switching language or logging in.
    pub here: String,
}

impl PageEnv {
    pub fn from_parts(parts: &Parts, _state: &AppState) -> PageEnv {
        PageEnv {
            lang: lang_of(parts),
            csrf: parts
                .extensions
                .get::<CsrfToken>()
                .map(|t| t.0.clone())
                .unwrap_or_default(),
            here: parts
                .uri
                .path_and_query()
                .map(|p| p.to_string())
                .unwrap_or_else(|| "/".to_owned()),
        }
    }
}

impl FromRequestParts<AppState> for PageEnv {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(PageEnv::from_parts(parts, state))
    }
}

/// Builds the template environment: every module's templates, plus `t()` for messages
/// and `date()` for showing `YYYY-MM-DD` as `DD-MM-YYYY`.
pub fn templates(
    i18n: Arc<I18n>,
    sources: &[(&'static str, &'static str)],
) -> Result<Environment<'static>, String> {
    let mut env = Environment::new();
    for (name, src) in sources {
        env.add_template(name, src)
            .map_err(|e| format!("template {name}: {e}"))?;
    }
    env.add_function(
        "t",
        move |state: &minijinja::State,
              id: String,
              kwargs: Kwargs|
              -> Result<String, minijinja::Error> {
            let lang = state
                .lookup("lang")
                .and_then(|v| v.as_str().and_then(Lang::parse))
                .unwrap_or_default();
            let mut args = Vec::new();
            let keys: Vec<String> = kwargs.args().map(str::to_owned).collect();
            for k in &keys {
                let v: Value = kwargs.get(k)?;
                args.push((k.as_str(), v.to_string()));
            }
            kwargs.assert_all_used()?;
            Ok(i18n.t(lang, &id, &args))
        },
    );
    // Escape what HTML needs (& < > " '), and leave slashes in URLs readable.
    env.set_formatter(|out, state, value| {
        if let (minijinja::AutoEscape::Html, Some(s), false) =
            (state.auto_escape(), value.as_str(), value.is_safe())
        {
            let mut escaped = String::with_capacity(s.len());
            for c in s.chars() {
                match c {
                    '&' => escaped.push_str("&amp;"),
                    '<' => escaped.push_str("&lt;"),
                    '>' => escaped.push_str("&gt;"),
                    '"' => escaped.push_str("&quot;"),
                    '\'' => escaped.push_str("&#39;"),
                    c => escaped.push(c),
                }
            }
            out.write_str(&escaped)
                .map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "write"))
        } else {
            minijinja::escape_formatter(out, state, value)
        }
    });
    env.add_filter("date", |s: String| -> String {
        daftar_kernel::CivilDate::parse(&s)
            .map(|d| d.display())
            .unwrap_or(s)
    });
    // Paisa as rupees: `Rs 1,050`.
    env.add_filter("rupees", |paisa: i64| -> String {
        daftar_kernel::Money::from_paisa(paisa).to_string()
    });
    // An RFC 3339 UTC instant as the time in Pakistan: `02-12-2026 14:05`, isolated
    // left-to-right (U+2066 ... U+2069): in an Urdu line the date and the time would
    // otherwise be laid out right to left, time first.
    env.add_filter("instant", |s: String| -> String {
        crate::db::parse_instant(&s)
            .map(|t| {
                let t = t.to_offset(time::macros::offset!(+5));
                format!(
                    "\u{2066}{:02}-{:02}-{} {:02}:{:02}\u{2069}",
                    t.day(),
                    u8::from(t.month()),
                    t.year(),
                    t.hour(),
                    t.minute()
                )
            })
            .unwrap_or(s)
    });
    Ok(env)
}

/// A navigation entry as the layout shows it.
#[derive(Serialize)]
struct NavItem {
    href: &'static str,
    label: String,
    hint: String,
}

/// Renders `template` inside the layout. `ctx` is the logged-in user, if any.
pub fn render(
    state: &AppState,
    env: &PageEnv,
    ctx: Option<&Ctx>,
    template: &str,
    page: Value,
) -> Result<Html<String>, Error> {
    let lang = env.lang;
    let nav: Vec<NavItem> = ctx
        .map(|c| {
            state
                .nav
                .iter()
                .filter(|n| {
                    n.permission
                        .is_none_or(|p| c.roles.allows_anywhere(&c.grants, p))
                })
                .map(|n| NavItem {
                    href: n.href,
                    label: state.i18n.t(lang, n.label, &[]),
                    hint: state.i18n.t(lang, n.hint, &[]),
                })
                .collect()
        })
        .unwrap_or_default();
    let tenant = ctx.map(|c| {
        let t = &c.tenant;
        context! {
            name => if lang == Lang::Ur { &t.name_ur } else { &t.name },
            government => if lang == Lang::Ur { &t.government_ur } else { &t.government },
            accent => &t.accent_colour,
            code => &t.code,
        }
    });
    let user = ctx
        .map(|c| context! { display_name => &c.user.display_name, username => &c.user.username });
    let other = match lang {
        Lang::En => Lang::Ur,
        Lang::Ur => Lang::En,
    };
    let here = form_urlencoded::byte_serialize(env.here.as_bytes()).collect::<String>();
    let base = context! {
        lang => lang.code(),
        dir => lang.dir(),
        other_lang => other.code(),
        csrf => &env.csrf,
        here => here,
        nav => Value::from(minijinja::value::Serde(&nav)),
        tenant => tenant,
        user => user,
        ..page
    };
    let tpl = state
        .templates
        .get_template(template)
        .map_err(|e| Error::Internal(format!("template {template}: {e}")))?;
    tpl.render(base)
        .map(Html)
        .map_err(|e| Error::Internal(format!("rendering {template}: {e:#}")))
}

/// The page shown for an error on a page route.
pub fn error_page(state: &AppState, env: &PageEnv, status: StatusCode, error: &Error) -> Response {
    let code = error.code().as_str().replace('_', "-");
    let page = context! { status => status.as_u16(), code => format!("problem-{code}") };
    match render(state, env, None, "error.html", page) {
        Ok(html) => (status, html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "error page failed");
            (status, status.canonical_reason().unwrap_or("error")).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_reads_date_then_time_in_either_direction() {
        let i18n = Arc::new(I18n::new(&[]).expect("no messages"));
        let env = templates(i18n, &[("t", "{{ at|instant }} {{ day|date }}")]).expect("env");
        let out = env
            .get_template("t")
            .and_then(|t| {
                t.render(minijinja::context! {
                    at => "2026-12-02T09:05:00.000000Z",
                    day => "2026-12-02",
                })
            })
            .expect("render");
        // Pakistan time, isolated left to right so an Urdu line keeps the date first.
        assert_eq!(out, "\u{2066}02-12-2026 14:05\u{2069} 02-12-2026");
    }
}
