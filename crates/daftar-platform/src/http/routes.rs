//! A route table that remembers what it registered, so tests can prove properties
//! (tenant isolation, authentication) for every route that exists.

use std::collections::BTreeMap;

use axum::{Router, handler::Handler, routing::MethodRouter};

use crate::state::AppState;

/// One registered route.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
}

/// Routes of one module, built with `get`/`post`/`delete`.
#[derive(Default)]
pub struct RouteTable {
    routes: BTreeMap<&'static str, MethodRouter<AppState>>,
    info: Vec<RouteInfo>,
}

impl RouteTable {
    pub fn new() -> Self {
        RouteTable::default()
    }

    fn add(mut self, method: &'static str, path: &'static str, mr: MethodRouter<AppState>) -> Self {
        let merged = match self.routes.remove(path) {
            Some(existing) => existing.merge(mr),
            None => mr,
        };
        self.routes.insert(path, merged);
        self.info.push(RouteInfo { method, path });
        self
    }

    pub fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("GET", path, axum::routing::get(h))
    }

    pub fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("POST", path, axum::routing::post(h))
    }

    /// A POST whose body may be up to `max_bytes` (uploads), instead of the edge's limit.
    pub fn post_upload<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        h: H,
        max_bytes: usize,
    ) -> Self {
        let mr = axum::routing::post(h).layer(axum::extract::DefaultBodyLimit::max(max_bytes));
        self.add("POST", path, mr)
    }

    pub fn put<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("PUT", path, axum::routing::put(h))
    }

    pub fn delete<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add("DELETE", path, axum::routing::delete(h))
    }

    /// Adds every route of `other` (a module's pages beside its API).
    pub fn merge(mut self, other: RouteTable) -> Self {
        for (path, mr) in other.routes {
            let merged = match self.routes.remove(path) {
                Some(existing) => existing.merge(mr),
                None => mr,
            };
            self.routes.insert(path, merged);
        }
        self.info.extend(other.info);
        self
    }

    pub fn info(&self) -> &[RouteInfo] {
        &self.info
    }

    pub fn into_parts(self) -> (Router<AppState>, Vec<RouteInfo>) {
        let mut router = Router::new();
        for (path, mr) in self.routes {
            router = router.route(path, mr);
        }
        (router, self.info)
    }
}
