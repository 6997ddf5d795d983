//! The back office's pages: the catalogue, an officer's queue, the dashboard.

use axum::{extract::State, response::Response};
use minijinja::{context, value::Serde};
use serde::Deserialize;

use daftar_platform::{
    AppState, Ctx, Error, Result,
    auth::ResourceScope,
    http::{ApiQuery, PageEnv},
};

use super::page;
use crate::service::{self, ADMINISTER, MANAGE, backoffice, centre_scope, dashboard};

/// `/khidmat/services`: what the province's centres offer, with today's fees.
pub async fn services(State(state): State<AppState>, env: PageEnv, ctx: Ctx) -> Result<Response> {
    let services = service::services(&state.db, &ctx).await?;
    let on = service::today().iso();
    let orgs = daftar_mdm::service::units_in_force(
        &state.db,
        &ctx.tenant_id(),
        daftar_mdm::model::Registry::Org,
        &on,
    )
    .await?;
    let ur = env.lang == daftar_platform::i18n::Lang::Ur;
    let rows: Vec<_> = services
        .iter()
        .map(|s| {
            let fee = s
                .fees_on(&on, false)
                .map(|(_, l)| crate::catalogue::total(l));
            let urgent = s
                .fees_on(&on, true)
                .map(|(_, l)| crate::catalogue::total(l));
            let dept = orgs.iter().find(|u| u.code == s.department).map(|u| {
                if ur {
                    u.name_ur.clone()
                } else {
                    u.name.clone()
                }
            });
            context! { s => Serde(s), fee, urgent, dept }
        })
        .collect();
    page(
        &state,
        &env,
        Some(&ctx),
        "khidmat/services.html",
        false,
        context! { services => rows, on },
    )
}

/// `/khidmat/queue`: applications waiting for this officer.
pub async fn queue(State(state): State<AppState>, env: PageEnv, ctx: Ctx) -> Result<Response> {
    let items = backoffice::queue(&state.db, &ctx).await?;
    page(
        &state,
        &env,
        Some(&ctx),
        "khidmat/queue.html",
        false,
        context! { items => Serde(&items) },
    )
}

#[derive(Deserialize, Default)]
pub struct DashboardQuery {
    #[serde(default)]
    centre: Option<String>,
    #[serde(default)]
    day: Option<String>,
}

/// `/khidmat/dashboard?centre=&day=`: a centre's day, or the province's.
pub async fn dashboard(
    State(state): State<AppState>,
    env: PageEnv,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<DashboardQuery>,
) -> Result<Response> {
    let centres: Vec<_> = service::centres(&state.db, &ctx)
        .await?
        .into_iter()
        .map(|c| c.centre)
        .filter(|c| ctx.can(MANAGE, &centre_scope(c)))
        .collect();
    let province = ctx.can(ADMINISTER, &ResourceScope::province());
    let centre = q.centre.filter(|c| !c.trim().is_empty()).or_else(|| {
        (!province)
            .then(|| centres.first().map(|c| c.code.clone()))
            .flatten()
    });
    if centre.is_none() && !province {
        return Err(Error::Forbidden);
    }
    let report =
        match dashboard::day_report(&state.db, &ctx, centre.as_deref(), q.day.as_deref()).await {
            Ok(r) => r,
            Err(Error::Validation(_)) => {
                dashboard::day_report(&state.db, &ctx, centre.as_deref(), None).await?
            }
            Err(e) => return Err(e),
        };
    let v = context! { r => Serde(&report), centres => Serde(&centres), province };
    page(&state, &env, Some(&ctx), "khidmat/dashboard.html", false, v)
}
