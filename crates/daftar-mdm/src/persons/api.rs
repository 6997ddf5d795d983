//! JSON API of the person registry.

use axum::{
    Json,
    extract::{Path, State},
};
use serde::Deserialize;
use utoipa::{IntoParams, OpenApi};

use daftar_platform::{
    AppState, Ctx, Result,
    http::{ApiJson, ApiQuery},
};

use super::{PersonDetail, Resolution, SourceRecord};

#[derive(OpenApi)]
#[openapi(
    paths(resolve, person, search),
    components(schemas(SourceRecord, Resolution, PersonDetail, super::Decision))
)]
pub struct PersonsApi;

/// Resolve a record: is it someone already known? Links it (match), queues it for a
/// steward (possible) or makes a new person (new). Idempotent on (source, source_id).
#[utoipa::path(post, path = "/api/v1/persons/resolve", tag = "persons", request_body = SourceRecord,
    responses((status = 200, body = Resolution), (status = 403), (status = 422)))]
pub async fn resolve(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(record): ApiJson<SourceRecord>,
) -> Result<Json<Resolution>> {
    Ok(Json(super::resolve(&state.db, &ctx, &record).await?))
}

/// A person's golden record, every source record linked to it, and where each golden
/// value came from. CNICs are masked without the right to see them.
#[utoipa::path(get, path = "/api/v1/persons/{id}", tag = "persons", params(("id" = String, Path)),
    responses((status = 200, body = PersonDetail), (status = 404)))]
pub async fn person(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<PersonDetail>> {
    Ok(Json(super::person(&state.db, &ctx, &id).await?))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    /// A CNIC (with or without dashes) or a name.
    q: String,
}

/// Search people by CNIC or (fuzzily) by name.
#[utoipa::path(get, path = "/api/v1/persons", tag = "persons", params(SearchQuery),
    responses((status = 200, body = Vec<Object>), (status = 422)))]
pub async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<Json<Vec<super::PersonView>>> {
    Ok(Json(super::search(&state.db, &ctx, &q.q).await?))
}
