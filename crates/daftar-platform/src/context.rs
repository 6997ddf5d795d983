//! The request context every service call receives: which tenant, which user, what they
//! may do, and in which language they read.

use std::sync::Arc;

use crate::{
    audit::Actor,
    auth::{Grant, ResourceScope, Roles, User},
    error::{Error, Result},
    i18n::Lang,
    tenants::Tenant,
};
use daftar_kernel::{Id, TenantId};

/// A logged-in user acting within their tenant.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub tenant: Tenant,
    pub user: User,
    pub grants: Vec<Grant>,
    pub lang: Lang,
    pub roles: Arc<Roles>,
}

impl Ctx {
    pub fn tenant_id(&self) -> TenantId {
        self.tenant.tenant_id()
    }

    /// The actor to write into the audit chain.
    pub fn actor(&self) -> Actor {
        Actor {
            tenant: self.tenant_id(),
            user_id: Id::parse(&self.user.id),
            name: self.user.username.clone(),
        }
    }

    pub fn can(&self, permission: &str, at: &ResourceScope) -> bool {
        self.roles.allows(&self.grants, permission, at)
    }

    /// `Forbidden` unless the user's grants allow `permission` at `at`.
    pub fn require(&self, permission: &str, at: &ResourceScope) -> Result<()> {
        if self.can(permission, at) {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }
}
