//! The platform's own module: login and logout, the home page, language choice, user
//! administration (pages and API), the bearer-token endpoint, and assets.

mod api;
mod pages;

use crate::{
    audit::EntitySpec,
    auth::{RoleDef, service::USERS_MANAGE, store::USER},
    db::Migration,
    http::{RouteTable, assets},
    module::{Module, NavEntry},
    tenants::TENANT,
};

pub use api::PlatformApi;

/// Province administrator: manages accounts and roles, and the province's reference data.
pub static ADMIN: RoleDef = RoleDef {
    name: "platform.admin",
    label: "role-platform-admin",
    permissions: &[USERS_MANAGE, "mdm.reference.edit", "platform.audit.view"],
};

// The DDL is the same for both engines.
static MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "tenants, accounts, sessions, audit chain",
        sqlite: include_str!("../../migrations/0001_platform.sql"),
        postgres: include_str!("../../migrations/0001_platform.sql"),
    },
    Migration {
        version: 2,
        name: "configuration stamps",
        sqlite: include_str!("../../migrations/0002_config_stamps.sql"),
        postgres: include_str!("../../migrations/0002_config_stamps.sql"),
    },
];

static NAV: &[NavEntry] = &[NavEntry {
    href: "/admin/users",
    label: "nav-users",
    hint: "nav-users-hint",
    permission: Some(USERS_MANAGE),
}];

static ROLES: &[&RoleDef] = &[&ADMIN];

static ENTITIES: &[&EntitySpec] = &[&TENANT, &USER];

fn routes() -> RouteTable {
    RouteTable::new()
        .get("/", pages::home)
        .get("/login", pages::login_page)
        .post("/login", pages::login_submit)
        .post("/logout", pages::logout)
        .get("/lang/{code}", pages::set_lang)
        .get("/assets/{name}", assets::serve)
        .get("/admin/users", pages::users)
        .post("/admin/users", pages::users_create)
        .get("/admin/users/{id}", pages::user)
        .post("/admin/users/{id}/grants", pages::user_grant)
        .post(
            "/admin/users/{id}/grants/{grant_id}/revoke",
            pages::user_revoke,
        )
        .post("/admin/users/{id}/disable", pages::user_disable)
        .post("/admin/users/{id}/enable", pages::user_enable)
        .post("/api/v1/auth/token", api::token)
        .get("/api/v1/me", api::me)
        .get("/api/v1/users", api::list_users)
        .post("/api/v1/users", api::create_user)
        .get("/api/v1/users/{id}", api::get_user)
        .post("/api/v1/users/{id}/grants", api::grant)
        .delete("/api/v1/users/{id}/grants/{grant_id}", api::revoke)
        .post("/api/v1/users/{id}/disable", api::disable)
        .post("/api/v1/users/{id}/enable", api::enable)
}

fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    PlatformApi::openapi()
}

/// The platform as a module: first in every composition.
pub fn module() -> Module {
    Module {
        name: "platform",
        migrations: MIGRATIONS,
        routes,
        nav: NAV,
        roles: ROLES,
        everyone: &[],
        entities: ENTITIES,
        locales: &[
            ("en", include_str!("../../locales/en/platform.ftl")),
            ("ur", include_str!("../../locales/ur/platform.ftl")),
        ],
        templates: &[
            ("layout.html", include_str!("../../templates/layout.html")),
            ("macros.html", include_str!("../../templates/macros.html")),
            ("error.html", include_str!("../../templates/error.html")),
            ("login.html", include_str!("../../templates/login.html")),
            ("home.html", include_str!("../../templates/home.html")),
            (
                "admin_users.html",
                include_str!("../../templates/admin_users.html"),
            ),
            (
                "admin_user.html",
                include_str!("../../templates/admin_user.html"),
            ),
        ],
        openapi,
        warm: &[],
        jobs: &[],
        checks: &[],
    }
}
