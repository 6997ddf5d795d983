//! Configuration stamps: one counter per province that moves, in the same transaction,
//! whenever the province's configuration changes (its pack's data, holidays, registry
//! settings). Modules cache what they derive from that configuration keyed on the stamp;
//! every authenticated request reads the stamp with its session (see
//! [`crate::tenants::Tenant::config_stamp`]), so a cache is checked without a query of
//! its own, and a change made by another process (a pack loaded from the command line)
//! is seen by the next request.

use sqlx::AnyConnection;

use crate::error::Result;
use daftar_kernel::TenantId;

/// Moves the province's stamp; call inside the transaction that changes configuration.
pub async fn bump(conn: &mut AnyConnection, tenant: &TenantId) -> Result<()> {
    sqlx::query(
        "INSERT INTO config_stamps (tenant_id, stamp) VALUES ($1, 1) \
         ON CONFLICT (tenant_id) DO UPDATE SET stamp = config_stamps.stamp + 1",
    )
    .bind(tenant.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// The province's current stamp (0 before its first change), for callers without a
/// session (public pages, jobs).
pub async fn current(conn: &mut AnyConnection, tenant: &TenantId) -> Result<i64> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COALESCE((SELECT stamp FROM config_stamps WHERE tenant_id = $1), 0)",
    )
    .bind(tenant.as_str())
    .fetch_one(conn)
    .await?)
}

/// A per-province cache of something derived from its configuration: an entry is used
/// only while the province's stamp is the one it was built at.
pub struct Cache<T> {
    entries: std::sync::Mutex<std::collections::HashMap<String, (i64, std::sync::Arc<T>)>>,
}

impl<T> Default for Cache<T> {
    fn default() -> Self {
        Cache {
            entries: std::sync::Mutex::new(std::collections::HashMap::new()),
        }
    }
}

impl<T> Cache<T> {
    /// The entry built at `stamp`, if there is one.
    pub fn get(&self, tenant: &TenantId, stamp: i64) -> Option<std::sync::Arc<T>> {
        let entries = self.entries.lock().ok()?;
        match entries.get(tenant.as_str()) {
            Some((s, v)) if *s == stamp => Some(v.clone()),
            _ => None,
        }
    }

    /// Keeps `value` as the province's entry at `stamp`, and returns it.
    pub fn put(&self, tenant: &TenantId, stamp: i64, value: T) -> std::sync::Arc<T> {
        let value = std::sync::Arc::new(value);
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(tenant.as_str().to_owned(), (stamp, value.clone()));
        }
        value
    }
}
