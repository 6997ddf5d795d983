//! Master data: the province's geography and organisation registries (effective-dated,
//! changed only by notification), sanctioned posts, public holidays, and the loader for
//! province packs. Other modules reach offices and places through this crate's service.

pub mod api;
pub mod model;
pub mod packs;
mod pages;
pub mod persons;
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

/// Looks after people's records: sees CNICs, works the stewardship queue.
pub static STEWARD: RoleDef = RoleDef {
    name: "mdm.steward",
    label: "role-mdm-steward",
    permissions: &[
        persons::VIEW,
        persons::SEE_CNIC,
        persons::RESOLVE,
        persons::steward::STEWARD,
    ],
};

/// Systems and registrars that present records to be resolved.
pub static REGISTRAR: RoleDef = RoleDef {
    name: "mdm.registrar",
    label: "role-mdm-registrar",
    permissions: &[persons::RESOLVE],
};

static ROLES: &[&RoleDef] = &[&EDITOR, &STEWARD, &REGISTRAR];

static MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "reference registries, posts, holidays",
        // The DDL is the same for both engines.
        sqlite: include_str!("../migrations/0001_reference.sql"),
        postgres: include_str!("../migrations/0001_reference.sql"),
    },
    Migration {
        version: 2,
        name: "person registry",
        sqlite: include_str!("../migrations/0002_persons.sql"),
        postgres: include_str!("../migrations/0002_persons.sql"),
    },
    Migration {
        version: 3,
        name: "person merges",
        sqlite: include_str!("../migrations/0003_person_merges.sql"),
        postgres: include_str!("../migrations/0003_person_merges.sql"),
    },
    Migration {
        version: 4,
        name: "normalised golden values, leaner blocking keys",
        sqlite: include_str!("../migrations/0004_person_match_values.sqlite.sql"),
        postgres: include_str!("../migrations/0004_person_match_values.postgres.sql"),
    },
    Migration {
        version: 5,
        name: "survivorship settings per province",
        sqlite: include_str!("../migrations/0005_person_rules.sql"),
        postgres: include_str!("../migrations/0005_person_rules.sql"),
    },
    Migration {
        version: 6,
        name: "covering index for resolution",
        sqlite: include_str!("../migrations/0006_person_match_index.sql"),
        postgres: include_str!("../migrations/0006_person_match_index.sql"),
    },
];

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
    NavEntry {
        href: "/mdm/persons",
        label: "nav-persons",
        hint: "nav-persons-hint",
        permission: Some(persons::VIEW),
    },
    NavEntry {
        href: "/mdm/persons/reviews",
        label: "nav-reviews",
        hint: "nav-reviews-hint",
        permission: Some(persons::steward::STEWARD),
    },
    NavEntry {
        href: "/mdm/persons/quality",
        label: "nav-quality",
        hint: "nav-quality-hint",
        permission: Some(persons::steward::STEWARD),
    },
];

static ENTITIES: &[&EntitySpec] = &[
    &store::CHANGE,
    &store::GEO_UNIT,
    &store::ORG_UNIT,
    &store::POST,
    &store::HOLIDAY,
    &store::PROVINCE,
    &persons::store::PERSON,
    &persons::store::SOURCE,
    &persons::store::REVIEW,
    &persons::store::MODEL,
    &persons::store::RULES,
    &persons::steward::MERGE,
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
        .post("/api/v1/persons/resolve", persons::api::resolve)
        .get("/api/v1/persons", persons::api::search)
        .get("/api/v1/persons/{id}", persons::api::person)
        .get("/api/v1/persons/reviews", persons::api::reviews)
        .get("/mdm/persons", persons::pages::search)
        .get("/mdm/persons/{id}", persons::pages::person)
        .post("/mdm/persons/{id}/merge", persons::pages::merge)
        .get("/mdm/persons/reviews", persons::pages::reviews)
        .post("/mdm/persons/reviews/{id}/accept", persons::pages::accept)
        .post("/mdm/persons/reviews/{id}/reject", persons::pages::reject)
        .get("/mdm/persons/quality", persons::pages::quality)
        .post("/api/v1/persons/reviews/{id}/accept", persons::api::accept)
        .post("/api/v1/persons/reviews/{id}/reject", persons::api::reject)
        .post("/api/v1/persons/{id}/merge", persons::api::merge)
        .post("/api/v1/persons/merges/{id}/undo", persons::api::unmerge)
}

fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    let mut doc = api::MdmApi::openapi();
    doc.merge(persons::api::PersonsApi::openapi());
    doc
}

/// Master data as a module.
pub fn module() -> Module {
    Module {
        name: "mdm",
        migrations: MIGRATIONS,
        routes,
        nav: NAV,
        roles: ROLES,
        everyone: &[service::VIEW, persons::VIEW],
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
            (
                "mdm/persons.html",
                include_str!("../templates/persons.html"),
            ),
            ("mdm/person.html", include_str!("../templates/person.html")),
            (
                "mdm/reviews.html",
                include_str!("../templates/reviews.html"),
            ),
            (
                "mdm/quality.html",
                include_str!("../templates/quality.html"),
            ),
        ],
        openapi,
        // Resolution's candidate lookups: every blocking key, and the covering index of
        // golden records.
        warm: &[
            "SELECT COUNT(*) FROM mdm_person_keys",
            "SELECT COUNT(*) FROM mdm_persons INDEXED BY mdm_persons_match",
        ],
        jobs: &[],
        checks: &[],
    }
}
