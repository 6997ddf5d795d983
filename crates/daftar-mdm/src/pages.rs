//! Pages to browse the geography tree, the offices and the holiday calendar.

use axum::{
    extract::{Path, State},
    response::Html,
};
use minijinja::{Value, context, value::Serde};
use serde::Deserialize;

use daftar_platform::{
    AppState, Ctx, Result,
    http::{ApiQuery, PageEnv, page::render},
    i18n::Lang,
};

use crate::{
    model::{Registry, Unit},
    rules, service,
    store::UnitFilter,
};

#[derive(Deserialize, Default)]
pub struct BrowseQuery {
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    q: Option<String>,
}

/// A unit for templates: its name in the reader's language and in the other script.
fn shown(u: &Unit, lang: Lang) -> Value {
    let (name, other) = if lang == Lang::Ur {
        (&u.name_ur, &u.name)
    } else {
        (&u.name, &u.name_ur)
    };
    context! { code => &u.code, level => &u.level, name => name, other_name => other, parent => &u.parent,
    location => &u.location, effective_from => &u.effective_from, retired_on => &u.retired_on }
}

/// `/mdm/geo`: the province, its divisions, and the districts of each division, as of a
/// date; or all units of one level.
pub async fn geo_index(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<BrowseQuery>,
) -> Result<Html<String>> {
    let on = service::as_of(q.as_of.as_deref())?;
    let all = |level: &'static str| UnitFilter {
        level,
        ..Default::default()
    };
    let db = &state.db;
    let provinces = service::list_units(db, &ctx, Registry::Geo, &all("province"), &on).await?;
    let divisions = service::list_units(db, &ctx, Registry::Geo, &all("division"), &on).await?;
    let districts = service::list_units(db, &ctx, Registry::Geo, &all("district"), &on).await?;
    let tree: Vec<Value> = divisions
        .iter()
        .map(|d| {
            let children: Vec<Value> = districts
                .iter()
                .filter(|x| x.parent == d.code)
                .map(|x| shown(x, env.lang))
                .collect();
            context! { unit => shown(d, env.lang), children => children }
        })
        .collect();
    let page = context! {
        as_of => &on,
        province => provinces.first().map(|p| shown(p, env.lang)),
        tree => tree,
        division_count => divisions.len(),
        district_count => districts.len(),
    };
    render(&state, &env, Some(&ctx), "mdm/geo_index.html", page)
}

/// `/mdm/geo/{code}`: one unit with its parent, children, history and successors.
pub async fn geo_unit(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(code): Path<String>,
    ApiQuery(q): ApiQuery<BrowseQuery>,
) -> Result<Html<String>> {
    unit_page(&state, &env, &ctx, Registry::Geo, &code, q.as_of.as_deref()).await
}

async fn unit_page(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    registry: Registry,
    code: &str,
    as_of: Option<&str>,
) -> Result<Html<String>> {
    let on = service::as_of(as_of)?;
    let d = service::unit_detail(&state.db, ctx, registry, code, &on).await?;
    let posts = if registry == Registry::Org {
        service::office_posts(&state.db, ctx, code).await?
    } else {
        Vec::new()
    };
    let location = if d.unit.location.is_empty() {
        None
    } else {
        service::unit_detail(&state.db, ctx, Registry::Geo, &d.unit.location, &on)
            .await
            .ok()
            .map(|l| shown(&l.unit, env.lang))
    };
    let in_force = d.unit.effective_from.as_str() <= on.as_str()
        && d.unit.retired_on.as_deref().is_none_or(|r| r > on.as_str());
    let page = context! {
        as_of => &on,
        unit => shown(&d.unit, env.lang),
        in_force => in_force,
        parent => d.parent_unit.as_ref().map(|p| shown(p, env.lang)),
        children => d.children.iter().map(|c| shown(c, env.lang)).collect::<Vec<_>>(),
        history => Serde(&d.history),
        successors => &d.successors,
        predecessors => &d.predecessors,
        location => location,
        posts => Serde(&posts),
        org => registry == Registry::Org,
        base => if registry == Registry::Org { "/mdm/offices" } else { "/mdm/geo" },
        section => if registry == Registry::Org { "offices-title" } else { "geo-title" },
        post_count => posts.len(),
    };
    render(state, env, Some(ctx), "mdm/unit.html", page)
}

/// `/mdm/offices`: departments and offices, filtered by kind and district.
pub async fn offices(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<BrowseQuery>,
) -> Result<Html<String>> {
    let on = service::as_of(q.as_of.as_deref())?;
    let level = q.level.as_deref().unwrap_or("").trim().to_owned();
    let location = q
        .location
        .as_deref()
        .unwrap_or("")
        .trim()
        .to_ascii_uppercase();
    let filter = UnitFilter {
        level: &level,
        location: &location,
        ..Default::default()
    };
    let mut units = service::list_units(&state.db, &ctx, Registry::Org, &filter, &on).await?;
    let search = q.q.as_deref().unwrap_or("").trim().to_lowercase();
    if !search.is_empty() {
        units.retain(|u| {
            u.name.to_lowercase().contains(&search)
                || u.name_ur.contains(&search)
                || u.code.to_lowercase().contains(&search)
        });
    }
    let districts = service::list_units(
        &state.db,
        &ctx,
        Registry::Geo,
        &UnitFilter {
            level: "district",
            ..Default::default()
        },
        &on,
    )
    .await?;
    let page = context! {
        as_of => &on,
        level => &level,
        location => &location,
        q => q.q.as_deref().unwrap_or(""),
        levels => Serde(rules::ORG_LEVELS),
        districts => districts.iter().map(|d| shown(d, env.lang)).collect::<Vec<_>>(),
        offices => units.iter().map(|u| shown(u, env.lang)).collect::<Vec<_>>(),
        count => units.len(),
    };
    render(&state, &env, Some(&ctx), "mdm/offices.html", page)
}

/// `/mdm/offices/{code}`: an office with its place and sanctioned posts.
pub async fn office(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(code): Path<String>,
    ApiQuery(q): ApiQuery<BrowseQuery>,
) -> Result<Html<String>> {
    unit_page(&state, &env, &ctx, Registry::Org, &code, q.as_of.as_deref()).await
}

#[derive(Deserialize)]
pub struct YearQuery {
    #[serde(default)]
    year: Option<i32>,
}

/// `/mdm/holidays`: the public holidays of a year.
pub async fn holidays(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> Result<Html<String>> {
    let year = q
        .year
        .unwrap_or_else(|| daftar_kernel::CivilDate::today().date().year());
    let list = service::holidays(&state.db, &ctx, year).await?;
    let rows: Vec<Value> = list
        .iter()
        .map(|h| context! { day => &h.day, name => if env.lang == Lang::Ur { &h.name_ur } else { &h.name }, kind => &h.kind, note => &h.note })
        .collect();
    render(
        &state,
        &env,
        Some(&ctx),
        "mdm/holidays.html",
        context! { year => year, holidays => rows, count => list.len() },
    )
}
