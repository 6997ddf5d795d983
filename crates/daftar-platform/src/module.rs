//! What a module gives the platform: tables, routes, navigation, roles, audited
//! entities, messages and templates. `daftar-server` composes a list of these.

use crate::{audit::EntitySpec, auth::RoleDef, db::Migration, http::RouteTable};

/// A government system (or the platform itself) plugged into the one binary.
pub struct Module {
    /// Short name: `platform`, `mdm`, `khidmat`...
    pub name: &'static str,
    pub migrations: &'static [Migration],
    pub routes: fn() -> RouteTable,
    pub nav: &'static [NavEntry],
    pub roles: &'static [&'static RoleDef],
    /// Permissions every logged-in user of a tenant has.
    pub everyone: &'static [&'static str],
    pub entities: &'static [&'static EntitySpec],
    /// `(language, Fluent source)`.
    pub locales: &'static [(&'static str, &'static str)],
    /// `(name, minijinja source)`.
    pub templates: &'static [(&'static str, &'static str)],
    /// The module's part of the OpenAPI document.
    pub openapi: fn() -> utoipa::openapi::OpenApi,
    /// SQLite queries that read the module's hot indexes once: `serve` runs them on the
    /// writer connection before it accepts requests, so that the first requests against a
    /// large database do not each pay for reading cold pages (see `Db::warm`).
    pub warm: &'static [&'static str],
    /// Work `serve` runs in the background, each on its own interval.
    pub jobs: &'static [Job],
    /// Integrity checks `daftar audit verify` runs beside the audit chain (e.g. a module's
    /// own signature chains). Each returns what it found wrong, one line each.
    pub checks: &'static [Check],
}

/// What an integrity check returns: the problems it found (empty when all is well).
pub type CheckFuture = std::pin::Pin<Box<dyn Future<Output = crate::Result<CheckReport>> + Send>>;

/// What a check looked at and what it found wrong.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// How many things were checked, e.g. "1,234 notes in 56 files".
    pub checked: String,
    pub findings: Vec<String>,
}

/// A module's integrity check over one province's data.
pub struct Check {
    pub name: &'static str,
    pub run: fn(crate::Db, daftar_kernel::TenantId) -> CheckFuture,
}

/// What a background job returns: a future the server awaits once per tick.
pub type JobFuture = std::pin::Pin<Box<dyn Future<Output = crate::Result<()>> + Send>>;

/// A background job of a module: escalating breached deadlines, sending an outbox.
pub struct Job {
    pub name: &'static str,
    pub every: std::time::Duration,
    pub run: fn(crate::AppState) -> JobFuture,
}

/// A link in the navigation and on the home page.
#[derive(Debug)]
pub struct NavEntry {
    pub href: &'static str,
    /// Fluent ids of the label and the one-line description on the home page.
    pub label: &'static str,
    pub hint: &'static str,
    /// Shown only to users holding this permission somewhere.
    pub permission: Option<&'static str>,
}
