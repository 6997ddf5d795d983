//! The file page, like a paper file: notes with numbered paragraphs beside the
//! correspondence, movements and drafts; for its holder the note, move, close and
//! reopen forms; pull back for its sender and call for a senior.

use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use minijinja::{Value, context, value::Serde};

use daftar_platform::{
    AppState, Ctx, Error, Result,
    db::{now_utc, parse_instant},
    http::{PageEnv, PageForm},
};

use super::{
    Shown, Values, designation, flag_links, get, office_name, on_form, opt, page, paragraphs, pick,
    post_groups, priority_label, renamed,
};
use crate::service::{
    files::{self, Link, Reason},
    movement::{self, Move},
    my_posts,
    notes::{self, NoteInput},
    officers, setup_of,
};

/// How long something stayed: whole days, and hours when under a day.
fn stayed(from: &str, to: Option<&str>) -> (i64, i64) {
    let end = to.map_or_else(now_utc, str::to_owned);
    match (parse_instant(from), parse_instant(&end)) {
        (Some(a), Some(b)) => {
            let d = b - a;
            (d.whole_days().max(0), d.whole_hours().max(0))
        }
        _ => (0, 0),
    }
}

fn number(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}

async fn file_page(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    id: &str,
    values: &Values,
    err: Option<&Error>,
) -> Result<Response> {
    let view = files::view(&state.db, ctx, id).await?;
    let setup = setup_of(&state.db, ctx).await?;
    let mine = {
        let mut conn = state.db.pool().acquire().await?;
        my_posts(&mut conn, ctx).await?
    };
    let f = &view.file;
    let flags: Vec<String> = view.papers.iter().map(|p| p.flag.clone()).collect();
    let mut draft: Option<(String, String)> = None;
    let notes: Vec<Value> = view
        .notes
        .iter()
        .map(|n| {
            let sealed = n.note.seq.is_some();
            let first = n.note.first_para.unwrap_or(f.paras + 1);
            if !sealed {
                draft = Some((n.note.id.clone(), n.paragraphs.join("\n\n")));
            }
            let paras: Vec<Value> = n
                .paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    context! {
                        no => first + number(i),
                        html => Value::from_safe_string(flag_links(p, &flags)),
                    }
                })
                .collect();
            context! {
                n => Serde(&n.note),
                sealed,
                paras,
                designation => pick(env, &n.designation, &n.designation_ur),
            }
        })
        .collect();
    let papers: Vec<Value> = view
        .papers
        .iter()
        .map(|p| {
            let href = if p.kind == "letter" {
                format!("/filing/files/{}/drafts/{}", f.id, p.ref_id)
            } else {
                format!("/filing/receipts/{}", p.ref_id)
            };
            context! { p => Serde(p), href }
        })
        .collect();
    let movements: Vec<Value> = view
        .movements
        .iter()
        .map(|m| {
            let (days, hours) = stayed(&m.movement.at, m.left_at.as_deref());
            context! {
                m => Serde(m),
                by => view.people.get(&m.movement.by_user),
                from => designation(env, setup.post(&m.movement.from_post)),
                to => designation(env, setup.post(&m.movement.to_post)),
                days, hours,
                here => m.left_at.is_none(),
            }
        })
        .collect();
    let holder_post = setup.post(&f.holder_post);
    let open = f.status != "closed";
    let can_pull_back = !view.mine
        && open
        && f.opened_at.is_none()
        && f.sent_by_post.as_ref().is_some_and(|s| mine.contains(s));
    let can_call_for = !view.mine
        && open
        && holder_post.is_some_and(|h| {
            mine.iter()
                .filter_map(|m| setup.post(m))
                .any(|m| m.office == h.office && m.rank > h.rank)
        });
    let targets = if view.mine && open {
        let all = officers::posts(&state.db, ctx, "").await?;
        post_groups(env, &setup, (&f.office, &f.holder_post), &all)
    } else {
        Vec::new()
    };
    let actions: &[&str] = match f.status.as_str() {
        "parked" => &["put_up", "return", "mark", "unpark"],
        "closed" => &[],
        _ => &["put_up", "return", "mark", "park"],
    };
    let mut values = values.clone();
    if let Some((_, text)) = &draft {
        values.entry("text".into()).or_insert_with(|| text.clone());
    }
    values
        .entry("action".into())
        .or_insert_with(|| "put_up".into());
    let section = setup
        .config
        .department(&f.office)
        .and_then(|d| d.sections.iter().find(|s| s.code == f.section))
        .map_or_else(|| f.section.clone(), |s| pick(env, &s.name, &s.name_ur));
    let class = setup.config.record_class(&f.record_class).map_or_else(
        || f.record_class.clone(),
        |c| pick(env, &c.name, &c.name_ur),
    );
    let v = context! {
        v => Serde(&view),
        f => Serde(f),
        notes, papers, movements, targets,
        actions => actions.to_vec(),
        draft_id => draft.as_ref().map(|d| d.0.clone()),
        holder => designation(env, holder_post),
        office => office_name(env, &setup, &f.office),
        section, class,
        priority_badge => priority_label(env, &setup, f.priority),
        can_pull_back, can_call_for,
        quick => crate::rules::QUICK.iter().map(|q| q.0).collect::<Vec<_>>(),
        values => Serde(&values),
    };
    page(
        state,
        env,
        ctx,
        "filing/file.html",
        &Shown::of(state, env, err),
        v,
    )
}

/// `/filing/files/{id}`: the file. Opening it as its holder marks it opened.
pub async fn file(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response> {
    file_page(&state, &env, &ctx, &id, &Values::new(), None).await
}

/// After a form on the file page: where the result leads, or the page with the errors.
async fn after(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    id: &str,
    v: &Values,
    result: Result<String>,
) -> Result<Response> {
    match result {
        Ok(to) => Ok(Redirect::to(&to).into_response()),
        Err(e) if on_form(&e) => file_page(state, env, ctx, id, v, Some(&e)).await,
        Err(e) => Err(e),
    }
}

/// Where a file form leads: to the file (at `anchor`; a new part is its own file), or
/// back with the service's `field` named as the form names it.
fn to_file(
    result: Result<files::FileView>,
    (field, form): (&str, &'static str),
    anchor: &str,
) -> Result<String> {
    result
        .map(|f| format!("/filing/files/{}{anchor}", f.file.id))
        .map_err(|e| renamed(e, |f| (!field.is_empty() && f == field).then_some(form)))
}

/// `POST /filing/files/{id}/notes`: write (or rewrite) the holder's draft note.
pub async fn write_note(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(mut v): PageForm<Values>,
) -> Result<Response> {
    v.remove("csrf");
    let input = NoteInput {
        paragraphs: paragraphs(&get(&v, "text")),
        quick: opt(&v, "quick"),
    };
    let result = notes::write_note(&state.db, &ctx, &id, &input)
        .await
        .map(|n| format!("/filing/files/{}#note-form", n.note.file_id))
        .map_err(|e| renamed(e, |f| f.starts_with("paragraphs").then_some("text")));
    // A quick note replaces the draft: what was typed is not kept.
    v.remove("quick");
    after(&state, &env, &ctx, &id, &v, result).await
}

/// `POST /filing/files/{id}/notes/{note_id}/discard`: discard the holder's draft note.
pub async fn discard_note(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path((id, note_id)): Path<(String, String)>,
    PageForm(_): PageForm<Values>,
) -> Result<Response> {
    let result = notes::discard_note(&state.db, &ctx, &id, &note_id)
        .await
        .map(|()| format!("/filing/files/{}", id.trim()));
    after(&state, &env, &ctx, &id, &Values::new(), result).await
}

/// `POST /filing/files/{id}/move`: put up, return, mark, park, unpark, pull back, call for.
pub async fn move_file(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(mut v): PageForm<Values>,
) -> Result<Response> {
    v.remove("csrf");
    // The version the mover read: a file changed since then is not moved (409). A
    // version that is not a number never matches.
    let version = opt(&v, "version").map(|s| s.trim().parse::<i64>().unwrap_or(-1));
    let m = Move {
        action: get(&v, "action"),
        to_post: opt(&v, "to_post"),
        remarks: get(&v, "remarks"),
        due_on: opt(&v, "due_on"),
        version,
    };
    let result = movement::move_file(&state.db, &ctx, &id, &m)
        .await
        .map(|f| {
            if f.mine {
                format!("/filing/files/{}", f.file.id)
            } else {
                "/filing".to_owned()
            }
        });
    after(&state, &env, &ctx, &id, &v, result).await
}

/// `POST /filing/files/{id}/close`: close a file its holder has finished with.
pub async fn close(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(mut v): PageForm<Values>,
) -> Result<Response> {
    v.remove("csrf");
    let body = Reason {
        reason: get(&v, "close_reason"),
    };
    let done = files::close(&state.db, &ctx, &id, &body).await;
    let result = to_file(done, ("reason", "close_reason"), "");
    after(&state, &env, &ctx, &id, &v, result).await
}

/// `POST /filing/files/{id}/reopen`: reopen a closed file, with a reason.
pub async fn reopen(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(mut v): PageForm<Values>,
) -> Result<Response> {
    v.remove("csrf");
    let body = Reason {
        reason: get(&v, "reopen_reason"),
    };
    let done = files::reopen(&state.db, &ctx, &id, &body).await;
    let result = to_file(done, ("reason", "reopen_reason"), "");
    after(&state, &env, &ctx, &id, &v, result).await
}

/// `POST /filing/files/{id}/links`: link a related file (by its number) to the file.
pub async fn link(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(mut v): PageForm<Values>,
) -> Result<Response> {
    v.remove("csrf");
    let body = Link {
        file: get(&v, "link_file"),
    };
    let done = files::link(&state.db, &ctx, &id, &body).await;
    let result = to_file(done, ("file", "link_file"), "#links");
    after(&state, &env, &ctx, &id, &v, result).await
}

/// `POST /filing/files/{id}/parts`: open the next part of the file; it opens with you.
pub async fn new_part(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(_): PageForm<Values>,
) -> Result<Response> {
    let result = to_file(files::new_part(&state.db, &ctx, &id).await, ("", ""), "");
    after(&state, &env, &ctx, &id, &Values::new(), result).await
}
