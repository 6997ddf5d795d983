//! The application state handlers share, built once from the settings and modules.

use std::{ops::Deref, sync::Arc};

use crate::{
    audit::EntitySpec,
    auth::Roles,
    db::Db,
    http::{RouteInfo, metrics::Metrics},
    i18n::I18n,
    module::{Module, NavEntry},
    settings::Settings,
};

#[derive(Clone)]
pub struct AppState(Arc<AppInner>);

pub struct AppInner {
    pub db: Db,
    pub settings: Settings,
    pub i18n: Arc<I18n>,
    pub templates: minijinja::Environment<'static>,
    pub roles: Arc<Roles>,
    pub nav: Vec<&'static NavEntry>,
    pub entities: Vec<&'static EntitySpec>,
    pub metrics: Metrics,
    pub routes: Vec<RouteInfo>,
}

impl Deref for AppState {
    type Target = AppInner;
    fn deref(&self) -> &AppInner {
        &self.0
    }
}

/// The parts of the state that come from the modules alone (no database), also used by
/// commands that never serve HTTP.
pub struct Registry {
    pub i18n: Arc<I18n>,
    pub roles: Arc<Roles>,
    pub entities: Vec<&'static EntitySpec>,
    pub checks: Vec<&'static crate::module::Check>,
}

impl Registry {
    pub fn new(modules: &[Module]) -> Result<Registry, String> {
        let locales: Vec<(&str, &str)> = modules
            .iter()
            .flat_map(|m| m.locales.iter().copied())
            .collect();
        let i18n = Arc::new(I18n::new(&locales)?);
        let roles = Arc::new(Roles::new(
            modules
                .iter()
                .flat_map(|m| m.roles.iter().copied())
                .collect(),
            modules
                .iter()
                .flat_map(|m| m.everyone.iter().copied())
                .collect(),
        ));
        let entities = modules
            .iter()
            .flat_map(|m| m.entities.iter().copied())
            .collect();
        let checks = modules.iter().flat_map(|m| m.checks.iter()).collect();
        Ok(Registry {
            i18n,
            roles,
            entities,
            checks,
        })
    }
}

impl AppState {
    pub fn new(
        settings: Settings,
        db: Db,
        modules: &[Module],
        routes: Vec<RouteInfo>,
    ) -> Result<AppState, String> {
        let Registry {
            i18n,
            roles,
            entities,
            ..
        } = Registry::new(modules)?;
        let sources: Vec<(&'static str, &'static str)> = modules
            .iter()
            .flat_map(|m| m.templates.iter().copied())
            .collect();
        let templates = crate::http::page::templates(i18n.clone(), &sources)?;
        Ok(AppState(Arc::new(AppInner {
            db,
            settings,
            i18n,
            templates,
            roles,
            nav: modules.iter().flat_map(|m| m.nav.iter()).collect(),
            entities,
            metrics: Metrics::new(),
            routes,
        })))
    }
}
