//! Pages of the person registry: search, a person with the records behind them, the
//! stewardship queue with side-by-side comparisons, and the data-quality scorecard.

use std::collections::BTreeMap;

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{Html, IntoResponse, Redirect, Response},
};
use minijinja::{Value, context, value::Serde};
use serde::Deserialize;

use daftar_platform::{
    AppState, Ctx, Error, Result,
    auth::ResourceScope,
    http::{ApiQuery, PageEnv, PageForm, forms::form_errors, page::render},
};

use super::{quality, steward};

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    q: Option<String>,
}

fn can_steward(ctx: &Ctx) -> bool {
    ctx.can(steward::STEWARD, &ResourceScope::province())
}

/// Field errors for a form, in the reader's language. On the merge form, a missing or
/// conflicting target person is about the `into` field.
fn errors(state: &AppState, env: &PageEnv, e: &Error) -> (BTreeMap<String, String>, Vec<Value>) {
    let e = match e {
        Error::NotFound => Error::field("into", "err-person-not-found"),
        Error::Conflict {
            field,
            message,
            args,
        } => Error::Conflict {
            field: Some(field.clone().unwrap_or_else(|| "into".to_owned())),
            message: message.clone(),
            args: args.clone(),
        },
        Error::Validation(fs) => Error::Validation(fs.clone()),
        _ => return Default::default(),
    };
    form_errors(state, env.lang, &e).unwrap_or_default()
}

/// `/mdm/persons?q=`: search by CNIC or name.
pub async fn search(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<Response> {
    let query = q.q.unwrap_or_default();
    let (results, err) = if query.trim().is_empty() {
        (Vec::new(), None)
    } else {
        match super::search(&state.db, &ctx, &query).await {
            Ok(r) => (r, None),
            Err(e @ Error::Validation(_)) => (Vec::new(), Some(e)),
            Err(e) => return Err(e),
        }
    };
    let (errors, error_list) = err
        .as_ref()
        .map(|e| errors(&state, &env, e))
        .unwrap_or_default();
    let status = if err.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = context! {
        q => &query,
        searched => !query.trim().is_empty() && err.is_none(),
        results => Serde(&results),
        errors, error_list,
        can_steward => can_steward(&ctx),
    };
    Ok((
        status,
        render(&state, &env, Some(&ctx), "mdm/persons.html", page)?,
    )
        .into_response())
}

async fn person_page(
    state: &AppState,
    env: &PageEnv,
    ctx: &Ctx,
    id: &str,
    form: &MergeForm,
    err: Option<&Error>,
) -> Result<Response> {
    let d = super::person(&state.db, ctx, id).await?;
    let lineage: Vec<Value> = d.lineage.iter().map(|(a, o)| context! { attribute => a, source => &o.source, source_record => &o.source_record, rule => Serde(&o.rule) }).collect();
    let (errors, error_list) = err.map(|e| errors(state, env, e)).unwrap_or_default();
    let status = if err.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = context! {
        person => Serde(&d.person),
        sources => Serde(&d.sources),
        lineage,
        can_steward => can_steward(ctx),
        errors, error_list,
        form => context! { into => &form.into, reason => &form.reason },
    };
    Ok((
        status,
        render(state, env, Some(ctx), "mdm/person.html", page)?,
    )
        .into_response())
}

/// `/mdm/persons/{id}`.
pub async fn person(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response> {
    person_page(&state, &env, &ctx, &id, &MergeForm::default(), None).await
}

#[derive(Deserialize, Default)]
pub struct MergeForm {
    #[serde(default)]
    into: String,
    #[serde(default)]
    reason: String,
}

/// `POST /mdm/persons/{id}/merge`.
pub async fn merge(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(f): PageForm<MergeForm>,
) -> Result<Response> {
    // The person merged away must exist here, else this is simply not found.
    super::person(&state.db, &ctx, &id).await?;
    match steward::merge(&state.db, &ctx, &id, f.into.trim(), &f.reason).await {
        Ok(_) => Ok(Redirect::to(&format!("/mdm/persons/{}", f.into.trim())).into_response()),
        Err(e @ (Error::Validation(_) | Error::Conflict { .. } | Error::NotFound)) => {
            person_page(&state, &env, &ctx, &id, &f, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

/// `/mdm/persons/reviews`: open reviews, each with both records side by side.
pub async fn reviews(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
) -> Result<Html<String>> {
    let open = steward::reviews(&state.db, &ctx, "open").await?;
    let mut items = Vec::new();
    for r in open.iter().take(50) {
        let (left, right) = (
            super::person(&state.db, &ctx, &r.person_id).await?,
            super::person(&state.db, &ctx, &r.candidate_id).await?,
        );
        let evidence: Vec<daftar_linkage::model::Evidence> =
            serde_json::from_str(&r.explanation).unwrap_or_default();
        items.push(context! {
            id => &r.id,
            probability => (r.probability_ppm as f64 / 1e4 * 10.0).round() / 10.0,
            left => Serde(&left.person),
            right => Serde(&right.person),
            evidence => Serde(&evidence),
        });
    }
    render(
        &state,
        &env,
        Some(&ctx),
        "mdm/reviews.html",
        context! { reviews => items, count => open.len() },
    )
}

#[derive(Deserialize, Default)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

/// `POST /mdm/persons/reviews/{id}/accept`.
pub async fn accept(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(f): PageForm<ReasonForm>,
) -> Result<Redirect> {
    steward::accept(&state.db, &ctx, &id, &f.reason).await?;
    Ok(Redirect::to("/mdm/persons/reviews"))
}

/// `POST /mdm/persons/reviews/{id}/reject`.
pub async fn reject(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    PageForm(f): PageForm<ReasonForm>,
) -> Result<Redirect> {
    steward::reject(&state.db, &ctx, &id, &f.reason).await?;
    Ok(Redirect::to("/mdm/persons/reviews"))
}

/// `/mdm/persons/quality`: the scorecard per source.
pub async fn quality(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
) -> Result<Html<String>> {
    let sources = quality::scorecard(&state.db, &ctx).await?;
    render(
        &state,
        &env,
        Some(&ctx),
        "mdm/quality.html",
        context! { sources => Serde(&sources) },
    )
}
