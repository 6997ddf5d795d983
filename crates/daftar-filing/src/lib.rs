//! e-FOAS: electronic files and office automation. Dak is diarised at an office with a
//! gap-free diary number and marked to an officer; files are opened in the department's
//! numbering scheme with the letter as the paper under consideration; officers write
//! numbered notes that are sealed, chained and signed (ed25519) as the file moves on;
//! drafts are approved and issued from the dispatch register; pendency shows who holds
//! what; search finds files in English and Urdu within the reader's rights.

pub mod api;
pub mod config;
pub mod pack;
mod pages;
pub mod rules;
pub mod search;
pub mod service;
pub mod store;

use std::time::Duration;

use daftar_platform::{
    AppState, Check, Job, JobFuture, Module, NavEntry, audit::EntitySpec, auth::RoleDef,
    db::Migration, http::RouteTable,
};

use service::{ADMINISTER, DIARISE, USE};

/// An officer on a post: reads files, works on those with their posts.
pub static OFFICER: RoleDef = RoleDef {
    name: "filing.officer",
    label: "role-filing-officer",
    permissions: &[USE],
};

/// A receipt clerk: diarises dak at an office.
pub static DIARIST: RoleDef = RoleDef {
    name: "filing.diarist",
    label: "role-filing-diarist",
    permissions: &[DIARISE, USE],
};

/// The province's e-FOAS administrator: officers on posts, every department's pendency.
pub static ADMIN: RoleDef = RoleDef {
    name: "filing.admin",
    label: "role-filing-admin",
    permissions: &[ADMINISTER, DIARISE, USE],
};

static ROLES: &[&RoleDef] = &[&OFFICER, &DIARIST, &ADMIN];

static MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "e-FOAS: dak, files, notes, movements, drafts, dispatch",
    sqlite: include_str!("../migrations/0001_filing.sql"),
    postgres: include_str!("../migrations/0001_filing.sql"),
}];

static NAV: &[NavEntry] = &[
    NavEntry {
        href: "/filing",
        label: "nav-filing-inbox",
        hint: "nav-filing-inbox-hint",
        permission: Some(USE),
    },
    NavEntry {
        href: "/filing/receipts/new",
        label: "nav-filing-diarise",
        hint: "nav-filing-diarise-hint",
        permission: Some(DIARISE),
    },
    NavEntry {
        href: "/filing/search",
        label: "nav-filing-search",
        hint: "nav-filing-search-hint",
        permission: Some(USE),
    },
    NavEntry {
        href: "/filing/pendency",
        label: "nav-filing-pendency",
        hint: "nav-filing-pendency-hint",
        permission: Some(USE),
    },
];

static ENTITIES: &[&EntitySpec] = &[
    &store::CONFIG,
    &store::OFFICER,
    &store::KEY,
    &store::dak::RECEIPT,
    &store::files::FILE,
    &store::drafts::DRAFT,
];

fn routes() -> RouteTable {
    RouteTable::new()
        .get("/api/v1/filing/inbox", api::inbox)
        .get("/api/v1/filing/posts", api::posts)
        .post("/api/v1/filing/officers", api::assign)
        .post("/api/v1/filing/receipts", api::diarise)
        .get("/api/v1/filing/receipts/{id}", api::receipt)
        .post("/api/v1/filing/receipts/{id}/actions", api::receipt_action)
        .post_upload(
            "/api/v1/filing/receipts/{id}/attachments",
            api::attach_scan,
            daftar_platform::blobs::MAX_BYTES + 64 * 1024,
        )
        .get(
            "/api/v1/filing/receipts/{id}/attachments/{attachment}",
            api::scan,
        )
        .post("/api/v1/filing/files", api::open_file)
        .get("/api/v1/filing/files/{id}", api::file)
        .post("/api/v1/filing/files/{id}/notes", api::write_note)
        .put("/api/v1/filing/files/{id}/notes/{note_id}", api::edit_note)
        .delete(
            "/api/v1/filing/files/{id}/notes/{note_id}",
            api::discard_note,
        )
        .post("/api/v1/filing/files/{id}/movements", api::move_file)
        .post("/api/v1/filing/files/{id}/papers", api::attach_receipt)
        .post("/api/v1/filing/files/{id}/close", api::close)
        .post("/api/v1/filing/files/{id}/reopen", api::reopen)
        .post("/api/v1/filing/files/{id}/links", api::link)
        .post("/api/v1/filing/files/{id}/parts", api::new_part)
        .post("/api/v1/filing/files/{id}/drafts", api::create_draft)
        .get("/api/v1/filing/files/{id}/drafts/{draft_id}", api::draft)
        .put(
            "/api/v1/filing/files/{id}/drafts/{draft_id}",
            api::revise_draft,
        )
        .post(
            "/api/v1/filing/files/{id}/drafts/{draft_id}/approve",
            api::approve_draft,
        )
        .post(
            "/api/v1/filing/files/{id}/drafts/{draft_id}/issue",
            api::issue_draft,
        )
        .get("/api/v1/filing/pendency", api::pendency)
        .get("/api/v1/filing/search", api::search)
        .get("/api/v1/filing/register", api::register)
        .get("/api/v1/filing/dispatch", api::dispatch_register)
        .merge(pages::routes())
}

fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    api::FilingApi::openapi()
}

/// Every few seconds: feed the search index what changed.
fn index(state: AppState) -> JobFuture {
    Box::pin(async move { service::search::feed_job(&state.db, &state.settings.data_dir).await })
}

static JOBS: &[Job] = &[Job {
    name: "filing.index",
    every: Duration::from_secs(5),
    run: index,
}];

static CHECKS: &[Check] = &[Check {
    name: "note signatures",
    run: service::signing::check,
}];

/// e-FOAS as a module.
pub fn module() -> Module {
    Module {
        name: "filing",
        migrations: MIGRATIONS,
        routes,
        nav: NAV,
        roles: ROLES,
        everyone: &[],
        entities: ENTITIES,
        locales: &[
            ("en", include_str!("../locales/en/filing.ftl")),
            ("ur", include_str!("../locales/ur/filing.ftl")),
        ],
        templates: pages::TEMPLATES,
        openapi,
        warm: &[],
        jobs: JOBS,
        checks: CHECKS,
    }
}
