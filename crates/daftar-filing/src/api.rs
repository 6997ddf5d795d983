//! JSON API of e-FOAS. Handlers only translate; the services decide.

use axum::{
    Json,
    extract::{Multipart, Path, State},
    http::{StatusCode, header},
    response::IntoResponse,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use daftar_platform::{
    AppState, Ctx, Error, Result,
    http::{ApiJson, ApiQuery},
};

use crate::{
    rules::DiffLine,
    service::{
        PostInfo,
        dak::{self, NewReceipt, ReceiptAction, ReceiptView},
        drafts::{self, DraftInput, DraftView},
        files::{self, AttachReceipt, FileView, Link, MovementView, NewFile, Reason},
        movement::{self, Move},
        notes::{self, NoteInput, NoteView},
        officers::{self, Assign, Inbox, PostTarget},
        pendency::{self, Item, Pendency, PendencyQuery, PostLine, SectionLine},
        search::{self, SearchHit, SearchQuery},
    },
    store::{
        OfficerRow,
        dak::{AttachmentRow, ReceiptRow},
        drafts::{DispatchRow, DraftRow, VersionRow},
        files::{FileRow, MovementRow, PaperRow},
        notes::NoteRow,
    },
};

#[derive(OpenApi)]
#[openapi(
    paths(
        inbox, posts, assign, diarise, receipt, receipt_action, attach_scan, scan, open_file, file,
        write_note, edit_note, discard_note, move_file, attach_receipt, close, reopen, link, new_part,
        create_draft, draft, revise_draft, approve_draft, issue_draft, pendency, search, register,
        dispatch_register
    ),
    components(schemas(
        PostInfo, PostTarget, Inbox, Assign, OfficerRow, NewReceipt, ReceiptAction, ReceiptView,
        ReceiptRow, AttachmentRow, NewFile, FileView, FileRow, NoteInput, NoteView, NoteRow,
        PaperRow, MovementRow, MovementView, Move, AttachReceipt, Reason, Link, DraftInput,
        DraftView, DraftRow, VersionRow, DiffLine, DispatchRow, Pendency, PostLine, SectionLine,
        Item, SearchHit
    )),
    tags((name = "filing", description = "e-FOAS: dak, files, notes, movement, drafts, pendency, search"))
)]
pub struct FilingApi;

/// Files and receipts with your posts, the most urgent first.
#[utoipa::path(get, path = "/api/v1/filing/inbox", tag = "filing", responses((status = 200, body = Inbox)))]
pub async fn inbox(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Inbox>> {
    Ok(Json(officers::inbox(&state.db, &ctx).await?))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OfficeQuery {
    /// An office's code.
    #[serde(default)]
    office: String,
    /// A year (default: this year).
    #[serde(default)]
    year: Option<i64>,
}

/// Posts of an office, seniors first, with their officers (where a file can go).
#[utoipa::path(get, path = "/api/v1/filing/posts", tag = "filing", params(OfficeQuery), responses((status = 200, body = Vec<PostTarget>)))]
pub async fn posts(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<OfficeQuery>,
) -> Result<Json<Vec<PostTarget>>> {
    Ok(Json(officers::posts(&state.db, &ctx, &q.office).await?))
}

/// Put an account on a post (e-FOAS administrator).
#[utoipa::path(post, path = "/api/v1/filing/officers", tag = "filing", request_body = Assign,
    responses((status = 201, body = OfficerRow), (status = 403), (status = 422)))]
pub async fn assign(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<Assign>,
) -> Result<(StatusCode, Json<OfficerRow>)> {
    Ok((
        StatusCode::CREATED,
        Json(officers::assign(&state.db, &ctx, &body).await?),
    ))
}

/// Diarise a letter: the next diary number of the office for the year.
#[utoipa::path(post, path = "/api/v1/filing/receipts", tag = "filing", request_body = NewReceipt,
    responses((status = 201, body = ReceiptView), (status = 403), (status = 422)))]
pub async fn diarise(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<NewReceipt>,
) -> Result<(StatusCode, Json<ReceiptView>)> {
    Ok((
        StatusCode::CREATED,
        Json(dak::diarise(&state.db, &ctx, &body).await?),
    ))
}

/// A receipt with its scans.
#[utoipa::path(get, path = "/api/v1/filing/receipts/{id}", tag = "filing", params(("id" = String, Path)),
    responses((status = 200, body = ReceiptView), (status = 404)))]
pub async fn receipt(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<ReceiptView>> {
    Ok(Json(dak::receipt(&state.db, &ctx, &id).await?))
}

/// Acknowledge, mark on or close a receipt you hold.
#[utoipa::path(post, path = "/api/v1/filing/receipts/{id}/actions", tag = "filing", params(("id" = String, Path)), request_body = ReceiptAction,
    responses((status = 200, body = ReceiptView), (status = 404), (status = 409), (status = 422)))]
pub async fn receipt_action(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ReceiptAction>,
) -> Result<Json<ReceiptView>> {
    Ok(Json(dak::act(&state.db, &ctx, &id, &body).await?))
}

/// Reads a multipart upload: `file` (and `csrf` from a page form).
pub async fn read_upload(mut m: Multipart) -> Result<(String, String, Vec<u8>, Option<String>)> {
    let (mut name, mut kind, mut bytes, mut csrf) =
        (String::new(), String::new(), Vec::new(), None);
    let bad = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::field("file", "filing-err-too-large")
        } else {
            Error::Malformed(e.body_text())
        }
    };
    while let Some(field) = m.next_field().await.map_err(bad)? {
        match field.name().unwrap_or("") {
            "csrf" => csrf = Some(field.text().await.map_err(bad)?),
            "file" => {
                name = field.file_name().unwrap_or("").to_owned();
                kind = field.content_type().unwrap_or("").to_owned();
                bytes = field.bytes().await.map_err(bad)?.to_vec();
            }
            _ => {}
        }
    }
    Ok((name, kind, bytes, csrf))
}

/// Attach a scan to a receipt (multipart `file`: PDF, JPEG or PNG up to 5 MiB).
#[utoipa::path(post, path = "/api/v1/filing/receipts/{id}/attachments", tag = "filing", params(("id" = String, Path)),
    request_body(content_type = "multipart/form-data", description = "file"),
    responses((status = 201, body = ReceiptView), (status = 404), (status = 409), (status = 413), (status = 422)))]
pub async fn attach_scan(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    m: Multipart,
) -> Result<(StatusCode, Json<ReceiptView>)> {
    let (file_name, content_type, bytes, _) = read_upload(m).await?;
    let v = dak::attach(
        &state.db,
        &ctx,
        &state.settings.data_dir,
        &id,
        dak::Upload {
            file_name,
            content_type,
            bytes,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// A receipt's scan.
#[utoipa::path(get, path = "/api/v1/filing/receipts/{id}/attachments/{attachment}", tag = "filing",
    params(("id" = String, Path), ("attachment" = String, Path)), responses((status = 200), (status = 404)))]
pub async fn scan(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, attachment)): Path<(String, String)>,
) -> Result<impl IntoResponse> {
    let (kind, bytes) =
        dak::scan(&state.db, &ctx, &state.settings.data_dir, &id, &attachment).await?;
    Ok(([(header::CONTENT_TYPE, kind)], bytes))
}

/// Open a file in the department's numbering scheme, optionally with a receipt as PUC.
#[utoipa::path(post, path = "/api/v1/filing/files", tag = "filing", request_body = NewFile,
    responses((status = 201, body = FileView), (status = 403), (status = 409), (status = 422)))]
pub async fn open_file(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<NewFile>,
) -> Result<(StatusCode, Json<FileView>)> {
    Ok((
        StatusCode::CREATED,
        Json(files::open(&state.db, &ctx, &body).await?),
    ))
}

/// A file: notes, correspondence, drafts, movements. Opening it as its holder marks it opened.
#[utoipa::path(get, path = "/api/v1/filing/files/{id}", tag = "filing", params(("id" = String, Path)),
    responses((status = 200, body = FileView), (status = 404)))]
pub async fn file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<FileView>> {
    Ok(Json(files::view(&state.db, &ctx, &id).await?))
}

/// Write your draft note on a file you hold (it is sealed when the file moves on).
#[utoipa::path(post, path = "/api/v1/filing/files/{id}/notes", tag = "filing", params(("id" = String, Path)), request_body = NoteInput,
    responses((status = 201, body = NoteView), (status = 404), (status = 409), (status = 422)))]
pub async fn write_note(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NoteInput>,
) -> Result<(StatusCode, Json<NoteView>)> {
    Ok((
        StatusCode::CREATED,
        Json(notes::write_note(&state.db, &ctx, &id, &body).await?),
    ))
}

/// Edit a draft note; a sealed note is 409.
#[utoipa::path(put, path = "/api/v1/filing/files/{id}/notes/{note_id}", tag = "filing", params(("id" = String, Path), ("note_id" = String, Path)), request_body = NoteInput,
    responses((status = 200, body = NoteView), (status = 404), (status = 409), (status = 422)))]
pub async fn edit_note(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, note_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<NoteInput>,
) -> Result<Json<NoteView>> {
    Ok(Json(
        notes::edit_note(&state.db, &ctx, &id, &note_id, &body).await?,
    ))
}

/// Discard your draft note.
#[utoipa::path(delete, path = "/api/v1/filing/files/{id}/notes/{note_id}", tag = "filing", params(("id" = String, Path), ("note_id" = String, Path)),
    responses((status = 204), (status = 404), (status = 409)))]
pub async fn discard_note(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, note_id)): Path<(String, String)>,
) -> Result<StatusCode> {
    notes::discard_note(&state.db, &ctx, &id, &note_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Move a file: put up, return, mark, pull back, call for, park, unpark.
#[utoipa::path(post, path = "/api/v1/filing/files/{id}/movements", tag = "filing", params(("id" = String, Path)), request_body = Move,
    responses((status = 200, body = FileView), (status = 404), (status = 409), (status = 422)))]
pub async fn move_file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Move>,
) -> Result<Json<FileView>> {
    Ok(Json(
        movement::move_file(&state.db, &ctx, &id, &body).await?,
    ))
}

/// Put a receipt you hold on a file you hold, as its next flag.
#[utoipa::path(post, path = "/api/v1/filing/files/{id}/papers", tag = "filing", params(("id" = String, Path)), request_body = AttachReceipt,
    responses((status = 200, body = FileView), (status = 404), (status = 409), (status = 422)))]
pub async fn attach_receipt(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AttachReceipt>,
) -> Result<Json<FileView>> {
    Ok(Json(
        files::attach_receipt(&state.db, &ctx, &id, &body).await?,
    ))
}

/// Close a file you hold.
#[utoipa::path(post, path = "/api/v1/filing/files/{id}/close", tag = "filing", params(("id" = String, Path)), request_body = Reason,
    responses((status = 200, body = FileView), (status = 404), (status = 409)))]
pub async fn close(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Reason>,
) -> Result<Json<FileView>> {
    Ok(Json(files::close(&state.db, &ctx, &id, &body).await?))
}

/// Reopen a closed file you hold, with a reason.
#[utoipa::path(post, path = "/api/v1/filing/files/{id}/reopen", tag = "filing", params(("id" = String, Path)), request_body = Reason,
    responses((status = 200, body = FileView), (status = 404), (status = 409), (status = 422)))]
pub async fn reopen(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Reason>,
) -> Result<Json<FileView>> {
    Ok(Json(files::reopen(&state.db, &ctx, &id, &body).await?))
}

/// Link a related file.
#[utoipa::path(post, path = "/api/v1/filing/files/{id}/links", tag = "filing", params(("id" = String, Path)), request_body = Link,
    responses((status = 200, body = FileView), (status = 404), (status = 409), (status = 422)))]
pub async fn link(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Link>,
) -> Result<Json<FileView>> {
    Ok(Json(files::link(&state.db, &ctx, &id, &body).await?))
}

/// Open the next part file.
#[utoipa::path(post, path = "/api/v1/filing/files/{id}/parts", tag = "filing", params(("id" = String, Path)),
    responses((status = 201, body = FileView), (status = 404), (status = 409)))]
pub async fn new_part(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<FileView>)> {
    Ok((
        StatusCode::CREATED,
        Json(files::new_part(&state.db, &ctx, &id).await?),
    ))
}

/// Draft a letter for approval in a file you hold.
#[utoipa::path(post, path = "/api/v1/filing/files/{id}/drafts", tag = "filing", params(("id" = String, Path)), request_body = DraftInput,
    responses((status = 201, body = DraftView), (status = 404), (status = 409), (status = 422)))]
pub async fn create_draft(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DraftInput>,
) -> Result<(StatusCode, Json<DraftView>)> {
    Ok((
        StatusCode::CREATED,
        Json(drafts::create(&state.db, &ctx, &id, &body).await?),
    ))
}

/// A draft with its versions and the latest changes.
#[utoipa::path(get, path = "/api/v1/filing/files/{id}/drafts/{draft_id}", tag = "filing", params(("id" = String, Path), ("draft_id" = String, Path)),
    responses((status = 200, body = DraftView), (status = 404)))]
pub async fn draft(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, draft_id)): Path<(String, String)>,
) -> Result<Json<DraftView>> {
    Ok(Json(drafts::view(&state.db, &ctx, &id, &draft_id).await?))
}

/// A new version of a draft.
#[utoipa::path(put, path = "/api/v1/filing/files/{id}/drafts/{draft_id}", tag = "filing", params(("id" = String, Path), ("draft_id" = String, Path)), request_body = DraftInput,
    responses((status = 200, body = DraftView), (status = 404), (status = 409), (status = 422)))]
pub async fn revise_draft(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, draft_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<DraftInput>,
) -> Result<Json<DraftView>> {
    Ok(Json(
        drafts::revise(&state.db, &ctx, &id, &draft_id, &body).await?,
    ))
}

/// Approve a draft (an officer with the power, holding the file).
#[utoipa::path(post, path = "/api/v1/filing/files/{id}/drafts/{draft_id}/approve", tag = "filing", params(("id" = String, Path), ("draft_id" = String, Path)),
    responses((status = 200, body = DraftView), (status = 403), (status = 404), (status = 409)))]
pub async fn approve_draft(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, draft_id)): Path<(String, String)>,
) -> Result<Json<DraftView>> {
    Ok(Json(
        drafts::approve(&state.db, &ctx, &id, &draft_id).await?,
    ))
}

/// Issue an approved letter with a dispatch number.
#[utoipa::path(post, path = "/api/v1/filing/files/{id}/drafts/{draft_id}/issue", tag = "filing", params(("id" = String, Path), ("draft_id" = String, Path)),
    responses((status = 200, body = DraftView), (status = 404), (status = 409)))]
pub async fn issue_draft(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, draft_id)): Path<(String, String)>,
) -> Result<Json<DraftView>> {
    Ok(Json(drafts::issue(&state.db, &ctx, &id, &draft_id).await?))
}

/// Pendency of a department: who holds what, for how long, overdue; priority items first.
#[utoipa::path(get, path = "/api/v1/filing/pendency", tag = "filing", params(PendencyQuery), responses((status = 200, body = Pendency), (status = 403)))]
pub async fn pendency(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<PendencyQuery>,
) -> Result<Json<Pendency>> {
    Ok(Json(pendency::report(&state.db, &ctx, &q).await?))
}

#[derive(Serialize, ToSchema)]
pub struct SearchResult {
    count: usize,
    hits: Vec<SearchHit>,
}

/// Search subjects, notes, receipts and drafts (English and Urdu), within your rights.
#[utoipa::path(get, path = "/api/v1/filing/search", tag = "filing", params(SearchQuery), responses((status = 200, body = SearchResult), (status = 422)))]
pub async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<Json<SearchResult>> {
    let hits = search::search(&state.db, &ctx, &state.settings.data_dir, &q).await?;
    Ok(Json(SearchResult {
        count: hits.len(),
        hits,
    }))
}

/// The yearly file register of a department.
#[utoipa::path(get, path = "/api/v1/filing/register", tag = "filing", params(OfficeQuery), responses((status = 200, body = Vec<FileRow>)))]
pub async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<OfficeQuery>,
) -> Result<Json<Vec<FileRow>>> {
    let year = q
        .year
        .unwrap_or_else(|| i64::from(crate::service::today().date().year()));
    Ok(Json(
        files::register(&state.db, &ctx, &q.office, year).await?,
    ))
}

/// The dispatch register of a department for a year.
#[utoipa::path(get, path = "/api/v1/filing/dispatch", tag = "filing", params(OfficeQuery), responses((status = 200, body = Vec<DispatchRow>)))]
pub async fn dispatch_register(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<OfficeQuery>,
) -> Result<Json<Vec<DispatchRow>>> {
    let year = q
        .year
        .unwrap_or_else(|| i64::from(crate::service::today().date().year()));
    Ok(Json(
        drafts::register(&state.db, &ctx, &q.office, year).await?,
    ))
}
