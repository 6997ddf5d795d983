//! e-Khidmat Markaz: one-stop citizen service centres. The service catalogue comes from
//! the province's pack; centres run a token queue; counters take applications (the
//! applicant resolved to a golden person record through master data) and payments;
//! the back office moves them through the service's stages against deadlines in
//! working days, escalating breaches; citizens track their case and receive a
//! certificate anyone can verify.

pub mod api;
pub mod catalogue;
pub mod certificate;
pub mod pack;
mod pages;
pub mod service;
pub mod store;
pub mod workflow;

use std::time::Duration;

use daftar_platform::{
    AppState, Job, JobFuture, Module, NavEntry, audit::EntitySpec, auth::RoleDef, db::Migration,
    http::RouteTable, tenants,
};

use service::{ADMINISTER, BACKOFFICE, COUNTER, MANAGE};

/// Works a counter: tokens, applications, payments, delivery, the day's cash.
pub static OPERATOR: RoleDef = RoleDef {
    name: "khidmat.operator",
    label: "role-khidmat-operator",
    permissions: &[COUNTER],
};

/// Acts at the back-office stages services assign to officers.
pub static OFFICER: RoleDef = RoleDef {
    name: "khidmat.officer",
    label: "role-khidmat-officer",
    permissions: &[BACKOFFICE],
};

/// Runs a centre: its queue, dashboards and closings; first level of escalation.
pub static MANAGER: RoleDef = RoleDef {
    name: "khidmat.manager",
    label: "role-khidmat-manager",
    permissions: &[MANAGE, BACKOFFICE],
};

/// The province's e-Khidmat administrator: every centre, certificates' revocation.
pub static ADMIN: RoleDef = RoleDef {
    name: "khidmat.admin",
    label: "role-khidmat-admin",
    permissions: &[ADMINISTER, MANAGE, BACKOFFICE],
};

static ROLES: &[&RoleDef] = &[&OPERATOR, &OFFICER, &MANAGER, &ADMIN];

/// Role names a pack's stages and escalation may name.
pub const ROLE_NAMES: &[&str] = &[
    "khidmat.operator",
    "khidmat.officer",
    "khidmat.manager",
    "khidmat.admin",
];

static MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "e-Khidmat: catalogue, queue, applications, payments, certificates",
    sqlite: include_str!("../migrations/0001_khidmat.sql"),
    postgres: include_str!("../migrations/0001_khidmat.sql"),
}];

static NAV: &[NavEntry] = &[
    NavEntry {
        href: "/khidmat/counter",
        label: "nav-khidmat-counter",
        hint: "nav-khidmat-counter-hint",
        permission: Some(COUNTER),
    },
    NavEntry {
        href: "/khidmat/queue",
        label: "nav-khidmat-queue",
        hint: "nav-khidmat-queue-hint",
        permission: Some(BACKOFFICE),
    },
    NavEntry {
        href: "/khidmat/dashboard",
        label: "nav-khidmat-dashboard",
        hint: "nav-khidmat-dashboard-hint",
        permission: Some(MANAGE),
    },
    NavEntry {
        href: "/khidmat/services",
        label: "nav-khidmat-services",
        hint: "nav-khidmat-services-hint",
        permission: None,
    },
];

static ENTITIES: &[&EntitySpec] = &[
    &store::SERVICE,
    &store::CENTRE,
    &store::CALENDAR,
    &store::KEY,
    &store::queue::TOKEN,
    &store::apps::APPLICATION,
    &store::apps::CLOSING,
];

fn routes() -> RouteTable {
    RouteTable::new()
        .get("/api/v1/khidmat/services", api::services)
        .get("/api/v1/khidmat/services/{code}", api::service)
        .get("/api/v1/khidmat/centres", api::centres)
        .post("/api/v1/khidmat/centres/{code}/tokens", api::issue_token)
        .get("/api/v1/khidmat/centres/{code}/board", api::board)
        .post("/api/v1/khidmat/counters/{code}/call-next", api::call_next)
        .post(
            "/api/v1/khidmat/counters/{code}/closing",
            api::close_counter,
        )
        .post("/api/v1/khidmat/tokens/{id}/actions", api::token_action)
        .post("/api/v1/khidmat/applications", api::take)
        .get(
            "/api/v1/khidmat/applications/{tracking_id}",
            api::application,
        )
        .post(
            "/api/v1/khidmat/applications/{tracking_id}/payments",
            api::pay,
        )
        .post_upload(
            "/api/v1/khidmat/applications/{tracking_id}/documents",
            api::attach,
            service::blobs::MAX_BYTES + 64 * 1024,
        )
        .post(
            "/api/v1/khidmat/applications/{tracking_id}/transitions",
            api::transition,
        )
        .get("/api/v1/khidmat/queue", api::backoffice_queue)
        .get("/api/v1/khidmat/dashboard", api::dashboard)
        .post("/api/v1/khidmat/certificates/{number}/revoke", api::revoke)
        .get("/api/v1/public/track/{tracking_id}", api::track)
        .post("/api/v1/public/track/{tracking_id}/feedback", api::feedback)
        .get("/api/v1/public/verify", api::verify)
        .get("/public/keys", api::keys)
        .merge(pages::routes())
}

fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    api::KhidmatApi::openapi()
}

/// Every few minutes: escalate breached deadlines and expire yesterday's tokens, in
/// every province.
fn escalation(state: AppState) -> JobFuture {
    Box::pin(async move {
        let day = service::today();
        for t in tenants::list(&state.db).await? {
            let id = t.tenant_id();
            let n = service::backoffice::escalate(&state.db, &id, day).await?;
            let m = service::queue::expire(&state.db, &id).await?;
            if n + m > 0 {
                tracing::info!(
                    province = t.slug,
                    escalated = n,
                    expired = m,
                    "khidmat jobs"
                );
            }
        }
        Ok(())
    })
}

/// Every second: send due SMS through the provider (by default a log file in the data
/// directory).
fn sms(state: AppState) -> JobFuture {
    Box::pin(async move {
        let provider = service::outbox::LogFile(state.settings.data_dir.join("sms.log"));
        service::outbox::deliver(&state.db, std::sync::Arc::new(provider)).await?;
        Ok(())
    })
}

static JOBS: &[Job] = &[
    Job {
        name: "khidmat.escalation",
        every: Duration::from_secs(300),
        run: escalation,
    },
    Job {
        name: "khidmat.sms",
        every: Duration::from_secs(1),
        run: sms,
    },
];

/// e-Khidmat as a module.
pub fn module() -> Module {
    Module {
        name: "khidmat",
        migrations: MIGRATIONS,
        routes,
        nav: NAV,
        roles: ROLES,
        everyone: &[],
        entities: ENTITIES,
        locales: &[
            ("en", include_str!("../locales/en/khidmat.ftl")),
            ("ur", include_str!("../locales/ur/khidmat.ftl")),
        ],
        templates: pages::TEMPLATES,
        openapi,
        warm: &[],
        jobs: JOBS,
        checks: &[],
    }
}
