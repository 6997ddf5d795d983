//! JSON API of the reference registries.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use daftar_platform::{
    AppState, Ctx, Result,
    http::{ApiJson, ApiQuery},
};

use crate::{
    model::{
        Change, CreateChange, Holiday, MergeChange, Move, NewUnit, Notification, Post, Registry,
        RenameChange, RetireChange, SplitChange, Unit, UnitDetail, Version,
    },
    service,
    store::UnitFilter,
};

#[derive(OpenApi)]
#[openapi(
    paths(geo_units, geo_unit, geo_change, offices, office, org_change, holidays),
    components(schemas(
        Unit,
        UnitDetail,
        Version,
        UnitList,
        OfficeDetail,
        Post,
        Holiday,
        Change,
        CreateChange,
        RenameChange,
        SplitChange,
        MergeChange,
        RetireChange,
        NewUnit,
        Move,
        Notification,
        ChangeRecorded
    ))
)]
pub struct MdmApi;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct UnitQuery {
    /// `province`, `division`, `district`, `tehsil` or `union_council` (geography);
    /// `department`, `attached_department` or `office` (organisation).
    #[serde(default)]
    level: Option<String>,
    /// Only the children of this unit.
    #[serde(default)]
    parent: Option<String>,
    /// Offices: only those located in this geography unit.
    #[serde(default)]
    location: Option<String>,
    /// `YYYY-MM-DD`; defaults to today.
    #[serde(default)]
    as_of: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct UnitList {
    as_of: String,
    count: usize,
    units: Vec<Unit>,
}

async fn list(
    state: &AppState,
    ctx: &Ctx,
    registry: Registry,
    q: &UnitQuery,
) -> Result<Json<UnitList>> {
    let on = service::as_of(q.as_of.as_deref())?;
    let upper = |s: &Option<String>| {
        s.as_deref()
            .map(|v| v.trim().to_ascii_uppercase())
            .unwrap_or_default()
    };
    let (parent, location) = (upper(&q.parent), upper(&q.location));
    let filter = UnitFilter {
        level: q.level.as_deref().unwrap_or("").trim(),
        parent: &parent,
        location: &location,
    };
    let units = service::list_units(&state.db, ctx, registry, &filter, &on).await?;
    Ok(Json(UnitList {
        as_of: on,
        count: units.len(),
        units,
    }))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AsOfQuery {
    /// `YYYY-MM-DD`; defaults to today.
    #[serde(default)]
    as_of: Option<String>,
}

/// Geography units in force on a date.
#[utoipa::path(get, path = "/api/v1/geo/units", tag = "geography", params(UnitQuery),
    responses((status = 200, body = UnitList), (status = 422, description = "validation_failed")))]
pub async fn geo_units(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<UnitQuery>,
) -> Result<Json<UnitList>> {
    list(&state, &ctx, Registry::Geo, &q).await
}

/// One geography unit with its parent, children, history and successors.
#[utoipa::path(get, path = "/api/v1/geo/units/{code}", tag = "geography", params(("code" = String, Path), AsOfQuery),
    responses((status = 200, body = UnitDetail), (status = 404)))]
pub async fn geo_unit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    ApiQuery(q): ApiQuery<AsOfQuery>,
) -> Result<Json<UnitDetail>> {
    let on = service::as_of(q.as_of.as_deref())?;
    Ok(Json(
        service::unit_detail(&state.db, &ctx, Registry::Geo, &code, &on).await?,
    ))
}

#[derive(Serialize, ToSchema)]
pub struct ChangeRecorded {
    change_id: String,
}

/// Record a notified change to the geography: create, rename, split, merge or retire.
#[utoipa::path(post, path = "/api/v1/geo/changes", tag = "geography", request_body = Change,
    responses((status = 201, body = ChangeRecorded), (status = 409), (status = 422)))]
pub async fn geo_change(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<(StatusCode, Json<ChangeRecorded>)> {
    let change = Change::from_json(body)?;
    let change_id = service::apply_change(&state.db, &ctx, Registry::Geo, &change).await?;
    Ok((StatusCode::CREATED, Json(ChangeRecorded { change_id })))
}

/// Departments, attached departments and offices in force on a date.
#[utoipa::path(get, path = "/api/v1/org/offices", tag = "organisation", params(UnitQuery),
    responses((status = 200, body = UnitList), (status = 422)))]
pub async fn offices(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<UnitQuery>,
) -> Result<Json<UnitList>> {
    list(&state, &ctx, Registry::Org, &q).await
}

#[derive(Serialize, ToSchema)]
pub struct OfficeDetail {
    #[serde(flatten)]
    detail: UnitDetail,
    posts: Vec<Post>,
}

/// One office (or department) with its place, history and sanctioned posts.
#[utoipa::path(get, path = "/api/v1/org/offices/{code}", tag = "organisation", params(("code" = String, Path), AsOfQuery),
    responses((status = 200, body = OfficeDetail), (status = 404)))]
pub async fn office(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    ApiQuery(q): ApiQuery<AsOfQuery>,
) -> Result<Json<OfficeDetail>> {
    let on = service::as_of(q.as_of.as_deref())?;
    let detail = service::unit_detail(&state.db, &ctx, Registry::Org, &code, &on).await?;
    let posts = service::office_posts(&state.db, &ctx, &code).await?;
    Ok(Json(OfficeDetail { detail, posts }))
}

/// Record a notified change to the organisation registry.
#[utoipa::path(post, path = "/api/v1/org/changes", tag = "organisation", request_body = Change,
    responses((status = 201, body = ChangeRecorded), (status = 409), (status = 422)))]
pub async fn org_change(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<(StatusCode, Json<ChangeRecorded>)> {
    let change = Change::from_json(body)?;
    let change_id = service::apply_change(&state.db, &ctx, Registry::Org, &change).await?;
    Ok((StatusCode::CREATED, Json(ChangeRecorded { change_id })))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct YearQuery {
    /// Calendar year; defaults to the current one.
    #[serde(default)]
    year: Option<i32>,
}

/// Public holidays of a calendar year.
#[utoipa::path(get, path = "/api/v1/holidays", tag = "calendar", params(YearQuery), responses((status = 200, body = Vec<Holiday>)))]
pub async fn holidays(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> Result<Json<Vec<Holiday>>> {
    let year = q
        .year
        .unwrap_or_else(|| daftar_kernel::CivilDate::today().date().year());
    Ok(Json(service::holidays(&state.db, &ctx, year).await?))
}
