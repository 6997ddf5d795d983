//! Master data: the province's geography and organisation registries (effective-dated,
//! changed only by notification), sanctioned posts, public holidays, and the loader for
//! province packs. Other modules reach offices and places through this crate's service.

pub mod api;
pub mod model;
pub mod packs;
mod pages;
pub mod rules;
pub mod service;
pub mod store;

use daftar_platform::{
    Module, NavEntry, audit::EntitySpec, auth::RoleDef, db::Migration, http::RouteTable,
};

/// Reads reference data (everyone has this) and records changes to it.
pub static EDITOR: RoleDef = RoleDef {
    name: "mdm.editor",
    label: "role-mdm-editor",
    permissions: &[service::VIEW, service::EDIT],
};

static ROLES: &[&RoleDef] = &[&EDITOR];

static MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "reference registries, posts, holidays",
    // The DDL is the same for both engines.
    sqlite: include_str!("../migrations/0001_reference.sql"),
    postgres: include_str!("../migrations/0001_reference.sql"),
}];

static NAV: &[NavEntry] = &[
    NavEntry {
        href: "/mdm/geo",
        label: "nav-geo",
        hint: "nav-geo-hint",
        permission: Some(service::VIEW),
    },
    NavEntry {
        href: "/mdm/offices",
        label: "nav-offices",
        hint: "nav-offices-hint",
        permission: Some(service::VIEW),
    },
    NavEntry {
        href: "/mdm/holidays",
        label: "nav-holidays",
        hint: "nav-holidays-hint",
        permission: Some(service::VIEW),
    },
];

static ENTITIES: &[&EntitySpec] = &[
    &store::CHANGE,
    &store::GEO_UNIT,
    &store::ORG_UNIT,
    &store::POST,
    &store::HOLIDAY,
    &store::PROVINCE,
];

fn routes() -> RouteTable {
    RouteTable::new()
        .get("/mdm/geo", pages::geo_index)
        .get("/mdm/geo/{code}", pages::geo_unit)
        .get("/mdm/offices", pages::offices)
        .get("/mdm/offices/{code}", pages::office)
        .get("/mdm/holidays", pages::holidays)
        .get("/api/v1/geo/units", api::geo_units)
        .get("/api/v1/geo/units/{code}", api::geo_unit)
        .post("/api/v1/geo/changes", api::geo_change)
        .get("/api/v1/org/offices", api::offices)
        .get("/api/v1/org/offices/{code}", api::office)
        .post("/api/v1/org/changes", api::org_change)
        .get("/api/v1/holidays", api::holidays)
}

fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    api::MdmApi::openapi()
}

/// Master data as a module.
pub fn module() -> Module {
    Module {
        name: "mdm",
        migrations: MIGRATIONS,
        routes,
        nav: NAV,
        roles: ROLES,
        everyone: &[service::VIEW],
        entities: ENTITIES,
        locales: &[
            ("en", include_str!("../locales/en/mdm.ftl")),
            ("ur", include_str!("../locales/ur/mdm.ftl")),
        ],
        templates: &[
            (
                "mdm/geo_index.html",
                include_str!("../templates/geo_index.html"),
            ),
            ("mdm/unit.html", include_str!("../templates/unit.html")),
            (
                "mdm/offices.html",
                include_str!("../templates/offices.html"),
            ),
            (
                "mdm/holidays.html",
                include_str!("../templates/holidays.html"),
            ),
        ],
        openapi,
    }
}
