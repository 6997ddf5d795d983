//! JSON API of e-Khidmat. Handlers only translate; the services decide.

use axum::{
    Json,
    extract::{Multipart, Path, State},
    http::{HeaderMap, StatusCode},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use daftar_platform::{
    AppState, Ctx, Error, Result,
    http::{ApiJson, ApiQuery},
};

use crate::{
    catalogue::{Document, FeeLine, FeeSchedule, Field, Service, Stage},
    certificate::{Claims, PublicKey},
    service::{
        self, CentreView,
        applications::{self, Applicant, NewApplication, NewPayment, Receipt},
        backoffice::{self, Feedback, QueueItem, TrackStep, Tracking, Transition, View},
        certificates::{self, Issued, Revoke, Verdict},
        dashboard::{self, Closing, DayReport, ServiceFigures},
        queue::{self, Board, CounterState, QueueStats},
    },
    store::{
        CentreRow, CounterRow,
        apps::{ClosingRow, DocumentRow, EventRow, PaymentRow},
        queue::TokenRow,
    },
};

#[derive(OpenApi)]
#[openapi(
    paths(
        services, service, centres, issue_token, board, call_next, token_action, take, application,
        pay, attach, transition, backoffice_queue, close_counter, dashboard, track, feedback,
        verify, keys, revoke
    ),
    components(schemas(
        Service, Stage, Document, Field, FeeLine, FeeSchedule, CentreView, CentreRow, CounterRow,
        TokenRow, NewToken, Board, CounterState, TokenAction, NewApplication, Applicant, Receipt,
        NewPayment, PaymentRow, DocumentRow, EventRow, Transition, View, Issued, QueueItem,
        Closing, ClosingRow, DayReport, ServiceFigures, QueueStats, Tracking, TrackStep, Feedback,
        Verdict, Claims, PublicKey, Revoke, ServiceList, KeyList
    )),
    tags((name = "khidmat", description = "e-Khidmat Markaz: citizen service centres"))
)]
pub struct KhidmatApi;

#[derive(Serialize, ToSchema)]
pub struct ServiceList {
    count: usize,
    services: Vec<Service>,
}

/// The province's service catalogue, with documents, stages and dated fees.
#[utoipa::path(get, path = "/api/v1/khidmat/services", tag = "khidmat", responses((status = 200, body = ServiceList)))]
pub async fn services(State(state): State<AppState>, ctx: Ctx) -> Result<Json<ServiceList>> {
    let services = service::services(&state.db, &ctx).await?;
    Ok(Json(ServiceList {
        count: services.len(),
        services,
    }))
}

/// One service.
#[utoipa::path(get, path = "/api/v1/khidmat/services/{code}", tag = "khidmat", params(("code" = String, Path)),
    responses((status = 200, body = Service), (status = 404)))]
pub async fn service(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Json<Service>> {
    Ok(Json(service::service(&state.db, &ctx, &code).await?))
}

/// The province's centres and their counters.
#[utoipa::path(get, path = "/api/v1/khidmat/centres", tag = "khidmat", responses((status = 200, body = Vec<CentreView>)))]
pub async fn centres(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Vec<CentreView>>> {
    Ok(Json(service::centres(&state.db, &ctx).await?))
}

#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// `general`, `priority` (senior citizens, persons with disabilities) or `women`.
    pub category: String,
}

/// Issue a token at a centre (the kiosk; no login).
#[utoipa::path(post, path = "/api/v1/khidmat/centres/{code}/tokens", tag = "khidmat", params(("code" = String, Path)),
    request_body = NewToken, responses((status = 201, body = TokenRow), (status = 404), (status = 422)))]
pub async fn issue_token(
    State(state): State<AppState>,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<NewToken>,
) -> Result<(StatusCode, Json<TokenRow>)> {
    Ok((
        StatusCode::CREATED,
        Json(queue::issue(&state.db, &code, &body.category).await?),
    ))
}

/// A centre's display board: tokens at counters and those waiting (no login).
#[utoipa::path(get, path = "/api/v1/khidmat/centres/{code}/board", tag = "khidmat", params(("code" = String, Path)),
    responses((status = 200, body = Board), (status = 404)))]
pub async fn board(State(state): State<AppState>, Path(code): Path<String>) -> Result<Json<Board>> {
    Ok(Json(queue::board(&state.db, &code).await?))
}

/// Finish the counter's current token and call the next one.
#[utoipa::path(post, path = "/api/v1/khidmat/counters/{code}/call-next", tag = "khidmat", params(("code" = String, Path)),
    responses((status = 200, body = CounterState), (status = 403), (status = 404)))]
pub async fn call_next(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Json<CounterState>> {
    Ok(Json(queue::call_next(&state.db, &ctx, &code).await?))
}

#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenAction {
    /// `recall`, `no_show`, `finish` or `transfer`.
    pub action: String,
    /// For `transfer`: the counter to send the citizen to.
    #[serde(default)]
    pub to: Option<String>,
}

/// A step on a called token: recall, no-show, finish, transfer.
#[utoipa::path(post, path = "/api/v1/khidmat/tokens/{id}/actions", tag = "khidmat", params(("id" = String, Path)),
    request_body = TokenAction, responses((status = 200, body = TokenRow), (status = 404), (status = 409), (status = 422)))]
pub async fn token_action(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TokenAction>,
) -> Result<Json<TokenRow>> {
    Ok(Json(
        queue::act(&state.db, &ctx, &id, &body.action, body.to.as_deref()).await?,
    ))
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>> {
    match headers.get("idempotency-key") {
        None => Ok(None),
        Some(v) => v
            .to_str()
            .map(|s| Some(s.to_owned()))
            .map_err(|_| Error::field("Idempotency-Key", "khidmat-err-key")),
    }
}

/// Take an application at a counter. Send an `Idempotency-Key` header: a repeat with
/// the same key returns the first receipt (200) instead of creating another.
#[utoipa::path(post, path = "/api/v1/khidmat/applications", tag = "khidmat", request_body = NewApplication,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses((status = 201, body = Receipt), (status = 200, body = Receipt, description = "a replay"), (status = 403), (status = 409), (status = 422)))]
pub async fn take(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewApplication>,
) -> Result<(StatusCode, Json<Receipt>)> {
    let key = idempotency_key(&headers)?;
    let r = applications::take(&state.db, &ctx, &body, key.as_deref()).await?;
    let status = if r.replayed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(r)))
}

/// One application with its history, payment, documents and the actions open to you.
#[utoipa::path(get, path = "/api/v1/khidmat/applications/{tracking_id}", tag = "khidmat", params(("tracking_id" = String, Path)),
    responses((status = 200, body = View), (status = 404)))]
pub async fn application(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tracking_id): Path<String>,
) -> Result<Json<View>> {
    Ok(Json(backoffice::view(&state.db, &ctx, &tracking_id).await?))
}

/// Record the payment of the fee (cash, or e-Pay with its reference); the amount must
/// equal the fee due.
#[utoipa::path(post, path = "/api/v1/khidmat/applications/{tracking_id}/payments", tag = "khidmat", params(("tracking_id" = String, Path)),
    request_body = NewPayment, responses((status = 201, body = PaymentRow), (status = 404), (status = 409), (status = 422)))]
pub async fn pay(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tracking_id): Path<String>,
    ApiJson(body): ApiJson<NewPayment>,
) -> Result<(StatusCode, Json<PaymentRow>)> {
    Ok((
        StatusCode::CREATED,
        Json(applications::pay(&state.db, &ctx, &tracking_id, &body).await?),
    ))
}

/// Reads a multipart upload: the `doc_type` field and the `file`.
pub async fn read_upload(
    mut m: Multipart,
) -> Result<(String, String, String, Vec<u8>, Option<String>)> {
    let (mut doc_type, mut name, mut kind, mut bytes, mut csrf) = (
        String::new(),
        String::new(),
        String::new(),
        Vec::new(),
        None,
    );
    let bad = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::field("file", "khidmat-err-too-large")
        } else {
            Error::Malformed(e.body_text())
        }
    };
    while let Some(field) = m.next_field().await.map_err(bad)? {
        match field.name().unwrap_or("") {
            "doc_type" => doc_type = field.text().await.map_err(bad)?.trim().to_owned(),
            "csrf" => csrf = Some(field.text().await.map_err(bad)?),
            "file" => {
                name = field.file_name().unwrap_or("").to_owned();
                kind = field.content_type().unwrap_or("").to_owned();
                bytes = field.bytes().await.map_err(bad)?.to_vec();
            }
            _ => {}
        }
    }
    Ok((doc_type, name, kind, bytes, csrf))
}

/// Upload a document of the application (multipart: `doc_type`, `file`; PDF, JPEG or
/// PNG up to 5 MiB). Stored durably before the answer.
#[utoipa::path(post, path = "/api/v1/khidmat/applications/{tracking_id}/documents", tag = "khidmat", params(("tracking_id" = String, Path)),
    request_body(content_type = "multipart/form-data", description = "doc_type and file"),
    responses((status = 201, body = DocumentRow), (status = 404), (status = 413), (status = 422)))]
pub async fn attach(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tracking_id): Path<String>,
    m: Multipart,
) -> Result<(StatusCode, Json<DocumentRow>)> {
    let (doc_type, name, kind, bytes, _) = read_upload(m).await?;
    let d = applications::attach(
        &state.db,
        &ctx,
        &state.settings.data_dir,
        &tracking_id,
        applications::Upload {
            doc_type,
            file_name: name,
            content_type: kind,
            bytes,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(d)))
}

/// Move an application on: an action its current stage allows (409 names them).
#[utoipa::path(post, path = "/api/v1/khidmat/applications/{tracking_id}/transitions", tag = "khidmat", params(("tracking_id" = String, Path)),
    request_body = Transition, responses((status = 200, body = View), (status = 403), (status = 404), (status = 409), (status = 422)))]
pub async fn transition(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tracking_id): Path<String>,
    ApiJson(body): ApiJson<Transition>,
) -> Result<Json<View>> {
    Ok(Json(
        backoffice::transition(&state.db, &ctx, &tracking_id, &body).await?,
    ))
}

/// Applications waiting for you, within your scope, the most urgent first.
#[utoipa::path(get, path = "/api/v1/khidmat/queue", tag = "khidmat", responses((status = 200, body = Vec<QueueItem>)))]
pub async fn backoffice_queue(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Vec<QueueItem>>> {
    Ok(Json(backoffice::queue(&state.db, &ctx).await?))
}

/// Close a counter's day: declared cash against the cash payments taken.
#[utoipa::path(post, path = "/api/v1/khidmat/counters/{code}/closing", tag = "khidmat", params(("code" = String, Path)),
    request_body = Closing, responses((status = 201, body = ClosingRow), (status = 404), (status = 409), (status = 422)))]
pub async fn close_counter(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<Closing>,
) -> Result<(StatusCode, Json<ClosingRow>)> {
    Ok((
        StatusCode::CREATED,
        Json(dashboard::close_counter(&state.db, &ctx, &code, &body).await?),
    ))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DashboardQuery {
    /// A centre's code; without it, the whole province (administrators).
    #[serde(default)]
    centre: Option<String>,
    /// `YYYY-MM-DD`; defaults to today.
    #[serde(default)]
    day: Option<String>,
}

/// A day's figures: tokens, waits, SLA compliance by service, revenue by fee head.
#[utoipa::path(get, path = "/api/v1/khidmat/dashboard", tag = "khidmat", params(DashboardQuery),
    responses((status = 200, body = DayReport), (status = 403), (status = 404)))]
pub async fn dashboard(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<DashboardQuery>,
) -> Result<Json<DayReport>> {
    Ok(Json(
        dashboard::day_report(&state.db, &ctx, q.centre.as_deref(), q.day.as_deref()).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct TrackQuery {
    /// The last four digits of the applicant's CNIC.
    cnic_last4: String,
}

/// The citizen's tracking view (no login): each stage with its date. A wrong CNIC
/// ending gets the same 404 as an unknown id.
#[utoipa::path(get, path = "/api/v1/public/track/{tracking_id}", tag = "khidmat", params(("tracking_id" = String, Path), TrackQuery),
    responses((status = 200, body = Tracking), (status = 404)))]
pub async fn track(
    State(state): State<AppState>,
    Path(tracking_id): Path<String>,
    ApiQuery(q): ApiQuery<TrackQuery>,
) -> Result<Json<Tracking>> {
    Ok(Json(
        backoffice::track(&state.db, &tracking_id, &q.cnic_last4).await?,
    ))
}

/// The citizen's feedback after delivery (no login; once).
#[utoipa::path(post, path = "/api/v1/public/track/{tracking_id}/feedback", tag = "khidmat", params(("tracking_id" = String, Path)),
    request_body = Feedback, responses((status = 204), (status = 404), (status = 409), (status = 422)))]
pub async fn feedback(
    State(state): State<AppState>,
    Path(tracking_id): Path<String>,
    ApiJson(body): ApiJson<Feedback>,
) -> Result<StatusCode> {
    backoffice::feedback(&state.db, &tracking_id, &body).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct VerifyQuery {
    /// The certificate's payload (what its QR code holds), or a URL holding it.
    c: String,
}

/// Is this certificate genuine? Checks the signature against the province's published
/// key and the register of issued and revoked certificates (no login).
#[utoipa::path(get, path = "/api/v1/public/verify", tag = "khidmat", params(VerifyQuery),
    responses((status = 200, body = Verdict)))]
pub async fn verify(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<VerifyQuery>,
) -> Result<Json<Verdict>> {
    Ok(Json(certificates::verify(&state.db, &q.c).await?))
}

#[derive(Serialize, ToSchema)]
pub struct KeyList {
    keys: Vec<PublicKey>,
}

/// Every province's published public keys, for verifying certificates offline.
#[utoipa::path(get, path = "/public/keys", tag = "khidmat", responses((status = 200, body = KeyList)))]
pub async fn keys(State(state): State<AppState>) -> Result<Json<KeyList>> {
    Ok(Json(KeyList {
        keys: certificates::public_keys(&state.db).await?,
    }))
}

/// Revoke a certificate (the province's administrator), with a reason.
#[utoipa::path(post, path = "/api/v1/khidmat/certificates/{number}/revoke", tag = "khidmat", params(("number" = String, Path)),
    request_body = Revoke, responses((status = 204), (status = 403), (status = 404), (status = 409), (status = 422)))]
pub async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(number): Path<String>,
    ApiJson(body): ApiJson<Revoke>,
) -> Result<StatusCode> {
    certificates::revoke(&state.db, &ctx, &number, &body).await?;
    Ok(StatusCode::NO_CONTENT)
}
