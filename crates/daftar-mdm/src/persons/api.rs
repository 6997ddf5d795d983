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

use super::{PersonDetail, Resolution, SourceRecord, steward};

#[derive(OpenApi)]
#[openapi(
    paths(resolve, person, search, reviews, accept, reject, merge, unmerge),
    components(schemas(
        SourceRecord,
        Resolution,
        PersonDetail,
        super::Decision,
        steward::Review,
        StewardDecision,
        MergeRequest,
        Merged
    ))
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

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct StatusQuery {
    /// `open` (default), `accepted` or `rejected`.
    #[serde(default)]
    status: Option<String>,
}

/// The stewardship queue: records that may be someone already known.
#[utoipa::path(get, path = "/api/v1/persons/reviews", tag = "persons", params(StatusQuery),
    responses((status = 200, body = Vec<steward::Review>), (status = 403)))]
pub async fn reviews(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<StatusQuery>,
) -> Result<Json<Vec<steward::Review>>> {
    Ok(Json(
        steward::reviews(&state.db, &ctx, q.status.as_deref().unwrap_or("open")).await?,
    ))
}

/// A steward's decision, with the reason for it.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StewardDecision {
    reason: String,
}

/// A merge done.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Merged {
    /// Undo it with POST /api/v1/persons/merges/{merge_id}/undo.
    merge_id: String,
}

/// Accept a possible match: the waiting person is merged into the candidate.
#[utoipa::path(post, path = "/api/v1/persons/reviews/{id}/accept", tag = "persons", params(("id" = String, Path)), request_body = StewardDecision,
    responses((status = 200, body = Merged), (status = 404), (status = 409), (status = 422)))]
pub async fn accept(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(d): ApiJson<StewardDecision>,
) -> Result<Json<Merged>> {
    Ok(Json(Merged {
        merge_id: steward::accept(&state.db, &ctx, &id, &d.reason).await?,
    }))
}

/// Reject a possible match: they are different people.
#[utoipa::path(post, path = "/api/v1/persons/reviews/{id}/reject", tag = "persons", params(("id" = String, Path)), request_body = StewardDecision,
    responses((status = 204), (status = 404), (status = 409), (status = 422)))]
pub async fn reject(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(d): ApiJson<StewardDecision>,
) -> Result<axum::http::StatusCode> {
    steward::reject(&state.db, &ctx, &id, &d.reason).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeRequest {
    /// The person this one is the same as.
    into: String,
    reason: String,
}

/// Merge a person into another (the same human recorded twice).
#[utoipa::path(post, path = "/api/v1/persons/{id}/merge", tag = "persons", params(("id" = String, Path)), request_body = MergeRequest,
    responses((status = 200, body = Merged), (status = 404), (status = 409), (status = 422)))]
pub async fn merge(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(m): ApiJson<MergeRequest>,
) -> Result<Json<Merged>> {
    Ok(Json(Merged {
        merge_id: steward::merge(&state.db, &ctx, &id, &m.into, &m.reason).await?,
    }))
}

/// Undo a merge: the moved records go back to the person they came from.
#[utoipa::path(post, path = "/api/v1/persons/merges/{id}/undo", tag = "persons", params(("id" = String, Path)), request_body = StewardDecision,
    responses((status = 204), (status = 404), (status = 409), (status = 422)))]
pub async fn unmerge(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(d): ApiJson<StewardDecision>,
) -> Result<axum::http::StatusCode> {
    steward::unmerge(&state.db, &ctx, &id, &d.reason).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
