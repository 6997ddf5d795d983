//! Dak's pages: diarising a letter, the receipt with its scans, and what its holder
//! does with it (acknowledge, mark on, close, open a file with it).

use axum::{
    extract::{Multipart, Path, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use minijinja::{Value, context, value::Serde};
use serde::Deserialize;

use daftar_platform::{
    AppState, Ctx, Error, Result,
    auth::Scope,
    http::{ApiQuery, PageEnv, PageForm},
};

use super::{Shown, Values, designation, get, office_name, on_form, opt, page, pick, post_groups};
use crate::{
    api::read_upload,
    service::{
        DIARISE, Setup,
        dak::{self, NewReceipt, ReceiptAction, Upload},
        files::{self, NewFile},
        norm, officers, scope, setup_of, today,
    },
};

/// The offices the user may diarise at, their own office (from their grant) first.
fn diarise_offices(ctx: &Ctx, setup: &Setup) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for g in &ctx.grants {
        if let Scope::Office(o) = &g.scope
            && setup.config.department(o).is_some()
            && ctx.can(DIARISE, &scope(o))
            && !out.contains(o)
        {
            out.push(o.clone());
        }
    }
    for d in &setup.config.departments {
        if !out.contains(&d.office) && ctx.can(DIARISE, &scope(&d.office)) {
            out.push(d.office.clone());
        }
    }
    out
}

async fn new_page(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    values: &Values,
    err: Option<&Error>,
) -> Result<Response> {
    let setup = setup_of(&state.db, ctx).await?;
    let offices = diarise_offices(ctx, &setup);
    let Some(first) = offices.first() else {
        return Err(Error::Forbidden);
    };
    let chosen = values
        .get("office")
        .map(|o| norm(o))
        .filter(|o| offices.contains(o))
        .unwrap_or_else(|| first.clone());
    let posts: Vec<Value> = officers::posts(&state.db, ctx, &chosen)
        .await?
        .iter()
        .map(|p| {
            context! {
                code => &p.post.code,
                designation => designation(env, Some(&p.post)),
                officer => &p.officer,
            }
        })
        .collect();
    let office_list: Vec<Value> = offices
        .iter()
        .map(|o| context! { code => o, name => office_name(env, &setup, o) })
        .collect();
    let categories: Vec<Value> = setup
        .config
        .categories
        .iter()
        .map(|c| context! { code => &c.code, name => pick(env, &c.name, &c.name_ur) })
        .collect();
    let v = context! {
        offices => office_list, office => chosen, posts, categories,
        values => Serde(values),
    };
    page(
        state,
        env,
        ctx,
        "filing/new_receipt.html",
        &Shown::of(state, env, err),
        v,
    )
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    #[serde(default)]
    office: Option<String>,
}

/// `/filing/receipts/new?office=`: the diary form.
pub async fn new_form(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<NewQuery>,
) -> Result<Response> {
    let mut values = Values::new();
    if let Some(o) = q.office {
        values.insert("office".into(), o);
    }
    values.insert("received_on".into(), today().iso());
    values.insert("category".into(), "general".into());
    new_page(&state, &env, &ctx, &values, None).await
}

/// `POST /filing/receipts`: diarise, then show the receipt.
pub async fn diarise(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    PageForm(mut v): PageForm<Values>,
) -> Result<Response> {
    v.remove("csrf");
    let new = NewReceipt {
        office: get(&v, "office"),
        received_on: opt(&v, "received_on"),
        sender: get(&v, "sender"),
        letter_no: get(&v, "letter_no"),
        letter_date: opt(&v, "letter_date"),
        subject: get(&v, "subject"),
        category: get(&v, "category"),
        marked_to: get(&v, "marked_to"),
        due_on: opt(&v, "due_on"),
    };
    match dak::diarise(&state.db, &ctx, &new).await {
        Ok(r) => Ok(Redirect::to(&format!("/filing/receipts/{}", r.receipt.id)).into_response()),
        Err(e) if on_form(&e) => new_page(&state, &env, &ctx, &v, Some(&e)).await,
        Err(e) => Err(e),
    }
}

async fn receipt_page(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    id: &str,
    values: &Values,
    err: Option<&Error>,
) -> Result<Response> {
    let view = dak::receipt(&state.db, ctx, id).await?;
    let setup = setup_of(&state.db, ctx).await?;
    let r = &view.receipt;
    let category = setup
        .config
        .category(&r.category)
        .map(|c| pick(env, &c.name, &c.name_ur))
        .unwrap_or_else(|| r.category.clone());
    let acting = view.mine && r.status == "open";
    let (targets, sections) = if acting {
        let all = officers::posts(&state.db, ctx, "").await?;
        let sections: Vec<Value> = setup
            .config
            .department(&r.office)
            .map(|d| d.sections.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|s| context! { code => &s.code, name => pick(env, &s.name, &s.name_ur) })
            .collect();
        (
            post_groups(env, &setup, (&r.office, &r.holder_post), &all),
            sections,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let classes: Vec<Value> = setup
        .config
        .record_classes
        .iter()
        .map(|c| context! { code => &c.code, name => pick(env, &c.name, &c.name_ur) })
        .collect();
    let mut values = values.clone();
    values
        .entry("subject".into())
        .or_insert_with(|| r.subject.clone());
    let v = context! {
        r => Serde(&view),
        category,
        priority => r.priority > 0,
        office => office_name(env, &setup, &r.office),
        holder => designation(env, setup.post(&r.holder_post)),
        acting, targets, sections, classes,
        can_attach => view.mine || ctx.can(DIARISE, &scope(&r.office)),
        values => Serde(&values),
    };
    page(
        state,
        env,
        ctx,
        "filing/receipt.html",
        &Shown::of(state, env, err),
        v,
    )
}

/// `/filing/receipts/{id}`: a receipt, its scans, and its holder's actions.
pub async fn receipt(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response> {
    receipt_page(&state, &env, &ctx, &id, &Values::new(), None).await
}

/// After a form on the receipt page: back to it, or the page with the form's errors.
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
        Err(e) if on_form(&e) => receipt_page(state, env, ctx, id, v, Some(&e)).await,
        Err(e) => Err(e),
    }
}

/// `POST /filing/receipts/{id}/act`: acknowledge, mark to a post, or close.
pub async fn act(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(mut v): PageForm<Values>,
) -> Result<Response> {
    v.remove("csrf");
    let a = ReceiptAction {
        action: get(&v, "action"),
        to_post: opt(&v, "to_post"),
        reason: get(&v, "reason"),
    };
    let result = dak::act(&state.db, &ctx, &id, &a).await.map(|r| {
        // Marked on, it is no longer the user's: back to the inbox.
        if r.mine {
            format!("/filing/receipts/{}", r.receipt.id)
        } else {
            "/filing".to_owned()
        }
    });
    after(&state, &env, &ctx, &id, &v, result).await
}

/// `POST /filing/receipts/{id}/file`: open a file with this receipt as its first paper.
pub async fn open_file(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(mut v): PageForm<Values>,
) -> Result<Response> {
    v.remove("csrf");
    let result = match dak::receipt(&state.db, &ctx, &id).await {
        Ok(r) => {
            let new = NewFile {
                office: r.receipt.office.clone(),
                section: get(&v, "section"),
                subject: get(&v, "subject"),
                record_class: get(&v, "record_class"),
                confidential: v
                    .get("confidential")
                    .is_some_and(|c| c == "on" || c == "true"),
                receipt_id: Some(r.receipt.id.clone()),
            };
            files::open(&state.db, &ctx, &new)
                .await
                .map(|f| format!("/filing/files/{}", f.file.id))
        }
        Err(e) => Err(e),
    };
    after(&state, &env, &ctx, &id, &v, result).await
}

/// A scan uploaded from the receipt page (multipart, with the CSRF field).
pub async fn upload(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
    m: Multipart,
) -> Result<Response> {
    let (file_name, content_type, bytes, csrf) = match read_upload(m).await {
        Ok(u) => u,
        Err(e) if on_form(&e) => {
            return receipt_page(&state, &env, &ctx, &id, &Values::new(), Some(&e)).await;
        }
        Err(e) => return Err(e),
    };
    if env.csrf.is_empty() || csrf.as_deref() != Some(env.csrf.as_str()) {
        return Err(Error::Csrf);
    }
    let result = dak::attach(
        &state.db,
        &ctx,
        &state.settings.data_dir,
        &id,
        Upload {
            file_name,
            content_type,
            bytes,
        },
    )
    .await
    .map(|r| format!("/filing/receipts/{}", r.receipt.id));
    after(&state, &env, &ctx, &id, &Values::new(), result).await
}

/// A receipt's scan, for whoever may see the receipt.
pub async fn scan(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, attachment)): Path<(String, String)>,
) -> Result<Response> {
    let view = dak::receipt(&state.db, &ctx, &id).await?;
    let a = view
        .attachments
        .iter()
        .find(|a| a.id == attachment)
        .ok_or(Error::NotFound)?;
    let bytes = daftar_platform::blobs::get(&state.settings.data_dir, &a.sha256).await?;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&a.content_type).map_err(|e| Error::Internal(e.to_string()))?,
    );
    let name: String = a
        .file_name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || ".-_ ".contains(*c))
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
