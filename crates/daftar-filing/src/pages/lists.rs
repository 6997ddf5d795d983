//! The pages that list: the officer's inbox, pendency, search, and the dispatch and
//! file registers.

use axum::{extract::State, response::Response};
use minijinja::{Value, context, value::Serde};
use serde::Deserialize;

use daftar_platform::{
    AppState, Ctx, Result,
    http::{ApiQuery, PageEnv},
};

use super::{Shown, days_since, designation, office_name, on_form, page, pick, priority_label};
use crate::service::{
    self, ADMINISTER, DIARISE, Setup, drafts, files, my_posts, officers,
    pendency::{self, PendencyQuery},
    scope,
    search::{self, SearchQuery},
    setup_of, today,
};

/// `/filing`: what is with my posts, the most urgent first.
pub async fn inbox(State(state): State<AppState>, env: PageEnv, ctx: Ctx) -> Result<Response> {
    let inbox = officers::inbox(&state.db, &ctx).await?;
    let setup = setup_of(&state.db, &ctx).await?;
    let today = today().iso();
    let mut items: Vec<(i64, bool, String, Value)> = Vec::new();
    for f in &inbox.files {
        let overdue = f.due_on.as_deref().is_some_and(|d| d < today.as_str());
        items.push((
            f.priority,
            overdue,
            f.held_since.clone(),
            context! {
                kind => "file",
                href => format!("/filing/files/{}", f.id),
                number => &f.number,
                subject => &f.subject,
                held_since => &f.held_since,
                days => days_since(&f.held_since),
                due_on => &f.due_on,
                overdue,
                badge => priority_label(&env, &setup, f.priority),
                status => &f.status,
                post => designation(&env, setup.post(&f.holder_post)),
                unread => f.opened_at.is_none(),
            },
        ));
    }
    for r in &inbox.receipts {
        let overdue = r.due_on.as_deref().is_some_and(|d| d < today.as_str());
        let badge = setup
            .config
            .category(&r.category)
            .filter(|c| c.priority > 0)
            .map(|c| pick(&env, &c.name, &c.name_ur))
            .unwrap_or_default();
        items.push((
            r.priority,
            overdue,
            r.held_since.clone(),
            context! {
                kind => "receipt",
                href => format!("/filing/receipts/{}", r.id),
                number => r.diary(),
                subject => &r.subject,
                held_since => &r.held_since,
                days => days_since(&r.held_since),
                due_on => &r.due_on,
                overdue,
                badge,
                status => &r.status,
                post => designation(&env, setup.post(&r.holder_post)),
                unread => r.acknowledged_at.is_none(),
            },
        ));
    }
    // The most urgent first: priority, then overdue, then the longest held.
    items.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let items: Vec<Value> = items.into_iter().map(|i| i.3).collect();
    let posts: Vec<Value> = inbox
        .posts
        .iter()
        .map(|p| {
            context! {
                code => &p.code,
                designation => designation(&env, Some(p)),
                office => office_name(&env, &setup, &p.office),
            }
        })
        .collect();
    let v = context! {
        items, posts,
        can_diarise => ctx.roles.allows_anywhere(&ctx.grants, DIARISE),
    };
    page(
        &state,
        &env,
        &ctx,
        "filing/inbox.html",
        &Shown::of(&state, &env, None),
        v,
    )
}

/// The departments a user may choose in a report: those they hold posts in, and, for
/// an administrator, those they administer.
async fn report_offices(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    setup: &Setup,
) -> Result<(Vec<String>, Vec<Value>)> {
    let mine: Vec<String> = {
        let mut conn = state.db.pool().acquire().await?;
        my_posts(&mut conn, ctx)
            .await?
            .iter()
            .filter_map(|p| setup.post(p).map(|p| p.office.clone()))
            .collect()
    };
    let mut codes: Vec<String> = Vec::new();
    for o in mine {
        if !codes.contains(&o) {
            codes.push(o);
        }
    }
    for d in &setup.config.departments {
        if !codes.contains(&d.office) && ctx.can(ADMINISTER, &scope(&d.office)) {
            codes.push(d.office.clone());
        }
    }
    let options = codes
        .iter()
        .map(|c| context! { code => c, name => office_name(env, setup, c) })
        .collect();
    Ok((codes, options))
}

/// `/filing/pendency?office=`: who holds what in a department, for how long.
pub async fn pendency(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<PendencyQuery>,
) -> Result<Response> {
    let setup = setup_of(&state.db, &ctx).await?;
    let r = pendency::report(&state.db, &ctx, &q).await?;
    let (_, offices) = report_offices(&state, &env, &ctx, &setup).await?;
    let sections: Vec<Value> = r
        .sections
        .iter()
        .map(|s| context! { s => Serde(s), name => pick(&env, &s.name, &s.name_ur) })
        .collect();
    let posts: Vec<Value> = r
        .posts
        .iter()
        .map(|p| {
            context! { p => Serde(p), designation => pick(&env, &p.designation, &p.designation_ur) }
        })
        .collect();
    let items: Vec<Value> = r
        .items
        .iter()
        .map(|i| {
            let href = if i.kind == "file" {
                format!("/filing/files/{}", i.id)
            } else {
                format!("/filing/receipts/{}", i.id)
            };
            context! {
                i => Serde(i), href,
                designation => designation(&env, setup.post(&i.post)),
                badge => priority_label(&env, &setup, i.priority),
            }
        })
        .collect();
    let v = context! {
        r => Serde(&r), offices, posts, sections, items,
        name => pick(&env, &r.name, &r.name_ur),
    };
    page(
        &state,
        &env,
        &ctx,
        "filing/pendency.html",
        &Shown::of(&state, &env, None),
        v,
    )
}

/// `/filing/search?q=&kind=`: files, notes, receipts and drafts the reader may see.
pub async fn search(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<Response> {
    service::require_use(&ctx)?;
    let (hits, err) = match search::search(&state.db, &ctx, &state.settings.data_dir, &q).await {
        Ok(h) => (h, None),
        Err(e) if on_form(&e) => (Vec::new(), Some(e)),
        Err(e) => return Err(e),
    };
    let hits: Vec<Value> = hits
        .iter()
        .map(|h| {
            let href = match (h.kind.as_str(), h.file_id.as_deref()) {
                ("receipt", _) => format!("/filing/receipts/{}", h.id),
                ("draft", Some(f)) => format!("/filing/files/{f}/drafts/{}", h.id),
                (_, Some(f)) => format!("/filing/files/{f}"),
                (_, None) => format!("/filing/receipts/{}", h.id),
            };
            context! { h => Serde(h), href }
        })
        .collect();
    let v = context! {
        q => q.q.trim(),
        kind => q.kind.clone().unwrap_or_default(),
        searched => !q.q.trim().is_empty(),
        kinds => ["subject", "note", "receipt", "draft"],
        hits,
    };
    page(
        &state,
        &env,
        &ctx,
        "filing/search.html",
        &Shown::of(&state, &env, err.as_ref()),
        v,
    )
}

#[derive(Deserialize, Default)]
pub struct RegisterQuery {
    #[serde(default)]
    office: Option<String>,
    #[serde(default)]
    year: Option<String>,
}

/// The department and year a register shows: as asked, else the reader's own
/// department (or the province's first) and this year.
async fn register_of(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    q: &RegisterQuery,
) -> Result<(String, i64, Vec<Value>)> {
    service::require_use(ctx)?;
    let setup = setup_of(&state.db, ctx).await?;
    let (mine, _) = report_offices(state, env, ctx, &setup).await?;
    let office = q
        .office
        .as_deref()
        .map(service::norm)
        .filter(|o| !o.is_empty())
        .or_else(|| mine.first().cloned())
        .or_else(|| setup.config.departments.first().map(|d| d.office.clone()))
        .unwrap_or_default();
    let year = q
        .year
        .as_deref()
        .and_then(|y| y.trim().parse::<i64>().ok())
        .filter(|y| (1900..=9999).contains(y))
        .unwrap_or_else(|| i64::from(today().date().year()));
    let offices = setup
        .config
        .departments
        .iter()
        .map(|d| context! { code => &d.office, name => office_name(env, &setup, &d.office) })
        .collect();
    Ok((office, year, offices))
}

/// `/filing/dispatch?office=&year=`: the letters a department issued in a year.
pub async fn dispatch(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<RegisterQuery>,
) -> Result<Response> {
    let (office, year, offices) = register_of(&state, &env, &ctx, &q).await?;
    let rows = drafts::register(&state.db, &ctx, &office, year).await?;
    let setup = setup_of(&state.db, &ctx).await?;
    let v = context! {
        rows => Serde(&rows), office => &office, year, offices,
        name => office_name(&env, &setup, &office),
    };
    page(
        &state,
        &env,
        &ctx,
        "filing/dispatch.html",
        &Shown::of(&state, &env, None),
        v,
    )
}

/// `/filing/register?office=&year=`: the files a department opened in a year.
pub async fn register(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<RegisterQuery>,
) -> Result<Response> {
    let (office, year, offices) = register_of(&state, &env, &ctx, &q).await?;
    let rows = files::register(&state.db, &ctx, &office, year).await?;
    let setup = setup_of(&state.db, &ctx).await?;
    let rows: Vec<Value> = rows
        .iter()
        .map(|f| {
            context! {
                f => Serde(f),
                holder => designation(&env, setup.post(&f.holder_post)),
            }
        })
        .collect();
    let v = context! {
        rows, office => &office, year, offices,
        name => office_name(&env, &setup, &office),
    };
    page(
        &state,
        &env,
        &ctx,
        "filing/register.html",
        &Shown::of(&state, &env, None),
        v,
    )
}
