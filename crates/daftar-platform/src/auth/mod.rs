//! Accounts, sessions, roles and permissions.
//!
//! A user belongs to one tenant. Roles are defined by modules and granted on a scope:
//! the whole province, a district, or one office. Services check permissions through
//! [`Ctx::require`](crate::context::Ctx::require); handlers never decide who may do what.

mod password;
pub mod service;
pub mod store;

pub use password::{hash_password, verify_password};

use serde::Serialize;

/// A role a module offers, and the permissions it carries.
#[derive(Debug)]
pub struct RoleDef {
    /// `module.role`, e.g. `platform.admin`.
    pub name: &'static str,
    /// Fluent id of the role's label.
    pub label: &'static str,
    pub permissions: &'static [&'static str],
}

/// Where a grant applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", content = "code", rename_all = "snake_case")]
pub enum Scope {
    Province,
    District(String),
    Office(String),
}

impl Scope {
    /// From the stored pair (`province`, NULL) / (`district`, code) / (`office`, code).
    pub fn from_parts(kind: &str, code: Option<&str>) -> Option<Scope> {
        match (kind, code) {
            ("province", _) => Some(Scope::Province),
            ("district", Some(c)) if !c.is_empty() => Some(Scope::District(c.to_owned())),
            ("office", Some(c)) if !c.is_empty() => Some(Scope::Office(c.to_owned())),
            _ => None,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Scope::Province => "province",
            Scope::District(_) => "district",
            Scope::Office(_) => "office",
        }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            Scope::Province => None,
            Scope::District(c) | Scope::Office(c) => Some(c),
        }
    }

    /// Whether a grant on this scope reaches a resource located at `at`.
    pub fn covers(&self, at: &ResourceScope) -> bool {
        match self {
            Scope::Province => true,
            Scope::District(d) => at.district.as_deref() == Some(d),
            Scope::Office(o) => at.office.as_deref() == Some(o),
        }
    }
}

/// Where a resource sits, for permission checks: province-wide when both are `None`.
#[derive(Clone, Debug, Default)]
pub struct ResourceScope {
    pub district: Option<String>,
    pub office: Option<String>,
}

impl ResourceScope {
    pub fn province() -> Self {
        ResourceScope::default()
    }
}

/// One role granted to a user on a scope.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Grant {
    pub id: String,
    pub role: String,
    pub scope: Scope,
}

/// All roles the composed modules define, plus the permissions every user of a tenant
/// has by being logged in.
#[derive(Debug, Default)]
pub struct Roles {
    defs: Vec<&'static RoleDef>,
    everyone: Vec<&'static str>,
}

impl Roles {
    pub fn new(defs: Vec<&'static RoleDef>, everyone: Vec<&'static str>) -> Self {
        Roles { defs, everyone }
    }

    pub fn get(&self, name: &str) -> Option<&'static RoleDef> {
        self.defs.iter().copied().find(|d| d.name == name)
    }

    pub fn all(&self) -> &[&'static RoleDef] {
        &self.defs
    }

    /// Whether these grants allow `permission` somewhere (for showing navigation).
    pub fn allows_anywhere(&self, grants: &[Grant], permission: &str) -> bool {
        self.everyone.contains(&permission)
            || grants.iter().any(|g| {
                self.get(&g.role)
                    .is_some_and(|d| d.permissions.contains(&permission))
            })
    }

    /// Whether these grants allow `permission` on a resource at `at`.
    pub fn allows(&self, grants: &[Grant], permission: &str, at: &ResourceScope) -> bool {
        self.everyone.contains(&permission)
            || grants.iter().any(|g| {
                g.scope.covers(at)
                    && self
                        .get(&g.role)
                        .is_some_and(|d| d.permissions.contains(&permission))
            })
    }
}

/// A user account as the application sees it (never the password hash).
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct User {
    pub id: String,
    #[serde(skip)]
    pub tenant_id: String,
    pub username: String,
    pub display_name: String,
    #[serde(serialize_with = "as_bool")]
    #[schema(value_type = bool)]
    pub disabled: i64,
    pub created_at: String,
}

fn as_bool<S: serde::Serializer>(v: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bool(*v != 0)
}
