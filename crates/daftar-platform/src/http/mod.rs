//! The HTTP kit modules use: route tables, extractors, problem+json errors, CSRF,
//! page rendering and embedded assets.

pub mod assets;
pub mod cookies;
pub mod csrf;
pub mod extract;
pub mod forms;
pub mod metrics;
pub mod page;
pub mod problem;
pub mod routes;

pub use extract::{ApiJson, ApiQuery, PageForm, PageQuery};
pub use page::PageEnv;
pub use routes::{RouteInfo, RouteTable};
