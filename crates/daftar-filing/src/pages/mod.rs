//! Pages of e-FOAS, plain forms that work without JavaScript: the officer's inbox, dak
//! (diarising a letter, the receipt and what its holder does with it), the file like a
//! paper file (notes beside correspondence, movements, the note and move forms), drafts
//! for approval and the printable letter, pendency, search and the registers.

use std::collections::BTreeMap;

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};
use minijinja::{Value, context};

use daftar_platform::{
    AppState, Ctx, Error, Result,
    db::{now_utc, parse_instant},
    http::{PageEnv, RouteTable, forms::form_errors, page::render},
    i18n::Lang,
};

use crate::service::{PostInfo, Setup, officers::PostTarget};

mod dak;
mod drafts;
mod files;
mod lists;

pub static TEMPLATES: &[(&str, &str)] = &[
    (
        "filing/macros.html",
        include_str!("../../templates/macros.html"),
    ),
    (
        "filing/inbox.html",
        include_str!("../../templates/inbox.html"),
    ),
    (
        "filing/new_receipt.html",
        include_str!("../../templates/new_receipt.html"),
    ),
    (
        "filing/receipt.html",
        include_str!("../../templates/receipt.html"),
    ),
    (
        "filing/file.html",
        include_str!("../../templates/file.html"),
    ),
    (
        "filing/draft.html",
        include_str!("../../templates/draft.html"),
    ),
    (
        "filing/letter.html",
        include_str!("../../templates/letter.html"),
    ),
    (
        "filing/pendency.html",
        include_str!("../../templates/pendency.html"),
    ),
    (
        "filing/search.html",
        include_str!("../../templates/search.html"),
    ),
    (
        "filing/dispatch.html",
        include_str!("../../templates/dispatch.html"),
    ),
    (
        "filing/register.html",
        include_str!("../../templates/register.html"),
    ),
];

pub fn routes() -> RouteTable {
    RouteTable::new()
        .get("/filing", lists::inbox)
        .get("/filing/receipts/new", dak::new_form)
        .post("/filing/receipts", dak::diarise)
        .get("/filing/receipts/{id}", dak::receipt)
        .post("/filing/receipts/{id}/act", dak::act)
        .post("/filing/receipts/{id}/file", dak::open_file)
        .post_upload(
            "/filing/receipts/{id}/scans",
            dak::upload,
            daftar_platform::blobs::MAX_BYTES + 64 * 1024,
        )
        .get("/filing/receipts/{id}/scans/{attachment}", dak::scan)
        .get("/filing/files/{id}", files::file)
        .post("/filing/files/{id}/notes", files::write_note)
        .post(
            "/filing/files/{id}/notes/{note_id}/discard",
            files::discard_note,
        )
        .post("/filing/files/{id}/move", files::move_file)
        .post("/filing/files/{id}/close", files::close)
        .post("/filing/files/{id}/reopen", files::reopen)
        .post("/filing/files/{id}/links", files::link)
        .post("/filing/files/{id}/parts", files::new_part)
        .get("/filing/files/{id}/drafts/new", drafts::new_form)
        .post("/filing/files/{id}/drafts", drafts::create)
        .get("/filing/files/{id}/drafts/{draft_id}", drafts::draft)
        .post("/filing/files/{id}/drafts/{draft_id}", drafts::revise)
        .post(
            "/filing/files/{id}/drafts/{draft_id}/approve",
            drafts::approve,
        )
        .post("/filing/files/{id}/drafts/{draft_id}/issue", drafts::issue)
        .get(
            "/filing/files/{id}/drafts/{draft_id}/letter",
            drafts::letter,
        )
        .get("/filing/pendency", lists::pendency)
        .get("/filing/search", lists::search)
        .get("/filing/dispatch", lists::dispatch)
        .get("/filing/register", lists::register)
}

/// What a page shows about a refused form: the per-field messages and their summary, and
/// a conflict's explanation (someone acted first, or the item's state does not allow it).
pub(crate) struct Shown {
    errors: BTreeMap<String, String>,
    list: Vec<Value>,
    conflict: Option<String>,
    status: StatusCode,
}

impl Shown {
    pub(crate) fn of(state: &AppState, env: &PageEnv, err: Option<&Error>) -> Shown {
        let (errors, list) = err
            .and_then(|e| form_errors(state, env.lang, e))
            .unwrap_or_default();
        let (conflict, status) = match err {
            Some(Error::Conflict { message, args, .. }) => (
                Some(state.i18n.t_owned(env.lang, message, args)),
                StatusCode::CONFLICT,
            ),
            Some(_) => (None, StatusCode::UNPROCESSABLE_ENTITY),
            None => (None, StatusCode::OK),
        };
        // A conflict's message is shown once, in the conflict notice, and its field is
        // only marked.
        let (errors, list) = if conflict.is_some() {
            let marked = errors
                .into_keys()
                .map(|k| (k, state.i18n.t(env.lang, "fl-conflict-field", &[])))
                .collect();
            (marked, Vec::new())
        } else {
            (errors, list)
        };
        Shown {
            errors,
            list,
            conflict,
            status,
        }
    }

    fn value(&self) -> Value {
        context! {
            errors => self.errors.clone(),
            error_list => self.list.clone(),
            conflict => self.conflict.clone(),
        }
    }
}

/// Whether an error is about the form (re-shown with it) rather than the page.
pub(crate) fn on_form(e: &Error) -> bool {
    matches!(e, Error::Validation(_) | Error::Conflict { .. })
}

/// A validation error with the service's field names as the page's form names them.
pub(crate) fn renamed(e: Error, rename: impl Fn(&str) -> Option<&'static str>) -> Error {
    match e {
        Error::Validation(mut fs) => {
            for f in &mut fs {
                if let Some(to) = rename(&f.field) {
                    f.field = to.to_owned();
                }
            }
            Error::Validation(fs)
        }
        Error::Conflict {
            field: Some(f),
            message,
            args,
        } => Error::Conflict {
            field: Some(rename(&f).map_or(f, str::to_owned)),
            message,
            args,
        },
        other => other,
    }
}

/// Renders a page with what a refused form needs; the status says why it was re-shown.
pub(crate) fn page(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    tpl: &str,
    shown: &Shown,
    v: Value,
) -> Result<Response> {
    let v = context! { ..v, ..shown.value() };
    Ok((shown.status, render(state, env, Some(ctx), tpl, v)?).into_response())
}

/// A form's values as typed, without its CSRF token.
pub(crate) type Values = BTreeMap<String, String>;

pub(crate) fn get(v: &Values, k: &str) -> String {
    v.get(k).cloned().unwrap_or_default()
}

/// An optional form value: none when left empty.
pub(crate) fn opt(v: &Values, k: &str) -> Option<String> {
    v.get(k).filter(|s| !s.trim().is_empty()).cloned()
}

pub(crate) fn is_ur(env: &PageEnv) -> bool {
    env.lang == Lang::Ur
}

/// A name in the reader's language.
pub(crate) fn pick(env: &PageEnv, en: &str, ur: &str) -> String {
    if is_ur(env) && !ur.is_empty() {
        ur.to_owned()
    } else {
        en.to_owned()
    }
}

pub(crate) fn designation(env: &PageEnv, p: Option<&PostInfo>) -> String {
    p.map(|p| pick(env, &p.designation, &p.designation_ur))
        .unwrap_or_default()
}

pub(crate) fn office_name(env: &PageEnv, setup: &Setup, code: &str) -> String {
    setup
        .offices
        .get(code)
        .map_or_else(|| code.to_owned(), |(en, ur)| pick(env, en, ur))
}

/// Whole days from an instant until now (0 if it cannot be read).
pub(crate) fn days_since(at: &str) -> i64 {
    match (parse_instant(at), parse_instant(&now_utc())) {
        (Some(a), Some(now)) => (now - a).whole_days().max(0),
        _ => 0,
    }
}

/// Posts to send something to, grouped by office: `first`'s office, then the other
/// departments that keep files in e-FOAS; without `holder`, where it already is.
pub(crate) fn post_groups(
    env: &PageEnv,
    setup: &Setup,
    (first, holder): (&str, &str),
    posts: &[PostTarget],
) -> Vec<Value> {
    let mut offices: Vec<&str> = vec![first];
    for d in &setup.config.departments {
        if d.office != first {
            offices.push(&d.office);
        }
    }
    offices
        .into_iter()
        .map(|o| {
            let list: Vec<Value> = posts
                .iter()
                .filter(|p| p.post.office == o && p.post.code != holder)
                .map(|p| {
                    context! {
                        code => &p.post.code,
                        designation => designation(env, Some(&p.post)),
                        officer => &p.officer,
                    }
                })
                .collect();
            context! { office => o, name => office_name(env, setup, o), posts => list }
        })
        .collect()
}

/// The names of the receipt categories of a priority (`Court case / Assembly question`).
pub(crate) fn priority_label(env: &PageEnv, setup: &Setup, priority: i64) -> String {
    if priority <= 0 {
        return String::new();
    }
    setup
        .config
        .categories
        .iter()
        .filter(|c| c.priority == priority)
        .map(|c| pick(env, &c.name, &c.name_ur))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// A textarea's text as paragraphs: blank lines separate them.
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(cur.join("\n"));
                cur.clear();
            }
        } else {
            cur.push(line.trim_end());
        }
    }
    if !cur.is_empty() {
        out.push(cur.join("\n"));
    }
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// A note's paragraph as HTML: escaped, with "Flag A" linked to the paper flagged A
/// when the file has one.
pub(crate) fn flag_links(text: &str, flags: &[String]) -> String {
    const WORDS: [&str; 3] = ["Flag ", "flag ", "فلیگ "];
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    loop {
        let next = WORDS
            .iter()
            .filter_map(|w| rest.find(w).map(|i| (i, *w)))
            .min_by_key(|(i, _)| *i);
        let Some((i, word)) = next else {
            escape_into(&mut out, rest);
            return out;
        };
        let after = &rest[i + word.len()..];
        let letters = after
            .chars()
            .take_while(char::is_ascii_uppercase)
            .map(char::len_utf8)
            .sum::<usize>();
        let flag = &after[..letters];
        let bounded = !after[letters..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        let starts_word = !rest[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        escape_into(&mut out, &rest[..i]);
        if letters > 0 && bounded && starts_word && flags.iter().any(|f| f == flag) {
            out.push_str("<a href=\"#flag-");
            out.push_str(flag);
            out.push_str("\">");
            escape_into(&mut out, word);
            out.push_str(flag);
            out.push_str("</a>");
            rest = &after[letters..];
        } else {
            escape_into(&mut out, word);
            rest = after;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(
            paragraphs("One\r\nstill one\r\n\r\n  \nTwo\n\n\n"),
            vec!["One\nstill one".to_owned(), "Two".to_owned()]
        );
        assert!(paragraphs(" \n\n").is_empty());
    }

    #[test]
    fn flags_link_to_their_papers_and_text_is_escaped() {
        let flags = vec!["A".to_owned(), "B".to_owned()];
        assert_eq!(
            flag_links("See Flag A & <b>Flag C</b>, Flagged; flag B.", &flags),
            "See <a href=\"#flag-A\">Flag A</a> &amp; &lt;b&gt;Flag C&lt;/b&gt;, Flagged; <a href=\"#flag-B\">flag B</a>."
        );
        assert_eq!(flag_links("Flag AB", &flags), "Flag AB");
        assert_eq!(flag_links("redFlag A", &flags), "redFlag A");
        assert_eq!(
            flag_links("فلیگ A دیکھیں", &flags),
            "<a href=\"#flag-A\">فلیگ A</a> دیکھیں"
        );
    }
}
