//! Drafts for approval: the new-draft form, a draft with its versions and the changes
//! of the latest, revision, approval and issue by the file's holder, and the issued
//! letter printed on the department's letterhead in the letter's language.

use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use minijinja::{context, value::Serde};

use daftar_platform::{
    AppState, Ctx, Error, Result,
    db::parse_instant,
    http::{PageEnv, PageForm},
    i18n::Lang,
};

use super::{Shown, Values, designation, get, on_form, page, paragraphs};
use crate::service::{
    drafts::{self, DraftInput, DraftView},
    files, my_posts, setup_of,
};

/// An instant as the date in Pakistan: `02-12-2026`.
fn pk_date(at: &str) -> String {
    parse_instant(at)
        .map(|t| {
            let t = t.to_offset(time::macros::offset!(+5));
            format!("{:02}-{:02}-{}", t.day(), u8::from(t.month()), t.year())
        })
        .unwrap_or_default()
}

fn input(v: &Values) -> DraftInput {
    DraftInput {
        subject: get(v, "subject"),
        addressee: get(v, "addressee"),
        language: get(v, "language"),
        body: get(v, "body"),
    }
}

/// The draft page: `d` is none for a new draft.
async fn draft_page(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    id: &str,
    d: Option<&DraftView>,
    values: &Values,
    err: Option<&Error>,
) -> Result<Response> {
    let setup = setup_of(&state.db, ctx).await?;
    let (f, mine) = {
        let mut conn = state.db.pool().acquire().await?;
        let f = files::readable(&mut conn, ctx, &setup, id).await?;
        let mine = my_posts(&mut conn, ctx).await?;
        (f, mine)
    };
    let holds = mine.contains(&f.holder_post) && f.status != "closed";
    let status = d.map_or("draft", |d| d.draft.status.as_str());
    let holder = setup.post(&f.holder_post);
    let can_approve = holds
        && d.is_some()
        && status == "draft"
        && setup.config.approves(
            &f.office,
            &holder.map(|p| p.designation.clone()).unwrap_or_default(),
        );
    let mut values = values.clone();
    if let Some(d) = d {
        values
            .entry("subject".into())
            .or_insert_with(|| d.draft.subject.clone());
        values
            .entry("addressee".into())
            .or_insert_with(|| d.draft.addressee.clone());
        values
            .entry("language".into())
            .or_insert_with(|| d.draft.language.clone());
        values.entry("body".into()).or_insert_with(|| {
            d.versions
                .last()
                .map(|v| v.body.clone())
                .unwrap_or_default()
        });
    } else {
        values
            .entry("subject".into())
            .or_insert_with(|| f.subject.clone());
        values
            .entry("language".into())
            .or_insert_with(|| env.lang.code().to_owned());
    }
    let v = context! {
        d => d.map(Serde),
        f => Serde(&f),
        holds,
        can_revise => holds && status == "draft",
        can_approve,
        can_issue => holds && status == "approved",
        holder => designation(env, holder),
        values => Serde(&values),
    };
    page(
        state,
        env,
        ctx,
        "filing/draft.html",
        &Shown::of(state, env, err),
        v,
    )
}

/// `/filing/files/{id}/drafts/new`: draft a letter in a file one holds.
pub async fn new_form(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response> {
    draft_page(&state, &env, &ctx, &id, None, &Values::new(), None).await
}

/// `POST /filing/files/{id}/drafts`: the first version, then the draft's page.
pub async fn create(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(mut v): PageForm<Values>,
) -> Result<Response> {
    v.remove("csrf");
    match drafts::create(&state.db, &ctx, &id, &input(&v)).await {
        Ok(d) => Ok(Redirect::to(&format!(
            "/filing/files/{}/drafts/{}",
            d.draft.file_id, d.draft.id
        ))
        .into_response()),
        Err(e) if on_form(&e) => draft_page(&state, &env, &ctx, &id, None, &v, Some(&e)).await,
        Err(e) => Err(e),
    }
}

/// `/filing/files/{id}/drafts/{draft_id}`: a draft, its versions and latest changes.
pub async fn draft(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path((id, draft_id)): Path<(String, String)>,
) -> Result<Response> {
    let d = drafts::view(&state.db, &ctx, &id, &draft_id).await?;
    draft_page(&state, &env, &ctx, &id, Some(&d), &Values::new(), None).await
}

/// Back to the draft, or its page with the form's errors.
async fn after(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    (id, draft_id): (&str, &str),
    v: &Values,
    result: Result<DraftView>,
) -> Result<Response> {
    match result {
        Ok(d) => Ok(Redirect::to(&format!(
            "/filing/files/{}/drafts/{}",
            d.draft.file_id, d.draft.id
        ))
        .into_response()),
        Err(e) if on_form(&e) => {
            let d = drafts::view(&state.db, ctx, id, draft_id).await?;
            draft_page(state, env, ctx, id, Some(&d), v, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /filing/files/{id}/drafts/{draft_id}`: a new version.
pub async fn revise(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path((id, draft_id)): Path<(String, String)>,
    PageForm(mut v): PageForm<Values>,
) -> Result<Response> {
    v.remove("csrf");
    let result = drafts::revise(&state.db, &ctx, &id, &draft_id, &input(&v)).await;
    after(&state, &env, &ctx, (&id, &draft_id), &v, result).await
}

/// `POST /filing/files/{id}/drafts/{draft_id}/approve`.
pub async fn approve(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path((id, draft_id)): Path<(String, String)>,
    PageForm(_): PageForm<Values>,
) -> Result<Response> {
    let result = drafts::approve(&state.db, &ctx, &id, &draft_id).await;
    after(&state, &env, &ctx, (&id, &draft_id), &Values::new(), result).await
}

/// `POST /filing/files/{id}/drafts/{draft_id}/issue`: a dispatch number, and the
/// letter on the file.
pub async fn issue(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path((id, draft_id)): Path<(String, String)>,
    PageForm(_): PageForm<Values>,
) -> Result<Response> {
    let result = drafts::issue(&state.db, &ctx, &id, &draft_id).await;
    after(&state, &env, &ctx, (&id, &draft_id), &Values::new(), result).await
}

/// `/filing/files/{id}/drafts/{draft_id}/letter`: the letter on A4, on the department's
/// letterhead, in the letter's language (marked as a draft until it is issued).
pub async fn letter(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path((id, draft_id)): Path<(String, String)>,
) -> Result<Response> {
    let d = drafts::view(&state.db, &ctx, &id, &draft_id).await?;
    let lang = Lang::parse(&d.draft.language).unwrap_or(Lang::En);
    let head = if lang == Lang::Ur && !d.letterhead_ur.is_empty() {
        &d.letterhead_ur
    } else {
        &d.letterhead
    };
    let label = |id: &str| state.i18n.t(lang, id, &[]);
    let body = d
        .versions
        .last()
        .map(|v| paragraphs(&v.body))
        .unwrap_or_default();
    let v = context! {
        d => Serde(&d),
        letter_lang => lang.code(),
        letter_dir => lang.dir(),
        letterhead => head
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>(),
        date => d.dispatch.as_ref().map(|x| pk_date(&x.issued_at)),
        body,
        labels => context! {
            no => label("fl-letter-no"),
            dated => label("fl-letter-dated"),
            to => label("fl-letter-to"),
            subject => label("fl-letter-subject"),
            not_issued => label("fl-letter-not-issued"),
        },
    };
    page(
        &state,
        &env,
        &ctx,
        "filing/letter.html",
        &Shown::of(&state, &env, None),
        v,
    )
}
