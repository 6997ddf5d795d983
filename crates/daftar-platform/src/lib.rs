//! The runtime Daftar modules plug into: database (SQLite or PostgreSQL), migrations,
//! audit chain, tenants, accounts and roles, i18n, the HTTP kit and settings. The
//! platform's own pages and API (login, home, user administration) are its module.

pub mod audit;
pub mod auth;
pub mod blobs;
pub mod context;
pub mod db;
pub mod error;
pub mod http;
pub mod i18n;
pub mod module;
pub mod settings;
pub mod stamps;
pub mod state;
pub mod tenants;
mod web;

pub use context::Ctx;
pub use db::{Db, Tx};
pub use error::{Error, Result};
pub use module::{Check, CheckFuture, CheckReport, Job, JobFuture, Module, NavEntry};
pub use state::AppState;
pub use web::module;
