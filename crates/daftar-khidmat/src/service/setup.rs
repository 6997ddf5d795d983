//! A province's e-Khidmat configuration as the hot paths need it: its services with
//! their fee schedules, its centres and counters, and its working calendar (days off
//! from the pack, holidays from master data). Built once per configuration stamp (see
//! `daftar_platform::stamps`) and per calendar year, so a request reads none of it from
//! the database; a pack loaded by any process moves the stamp and the next request
//! rebuilds it.

use std::sync::{Arc, LazyLock};

use daftar_kernel::{CivilDate, TenantId, WorkingCalendar};
use daftar_platform::{Ctx, Db, Error, Result, stamps};
use time::Weekday;

use super::{assemble, today};
use crate::{
    catalogue::Service,
    store::{self, CentreRow, CounterRow},
};

/// What the province's configuration gives e-Khidmat.
#[derive(Debug)]
pub struct Setup {
    /// By name.
    services: Vec<Service>,
    /// By name.
    centres: Vec<CentreRow>,
    /// By code.
    counters: Vec<CounterRow>,
    pub calendar: WorkingCalendar,
    year: i32,
}

impl Setup {
    pub fn service(&self, code: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.code == code)
    }

    /// Every service, by name.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    pub fn centre(&self, code: &str) -> Option<&CentreRow> {
        self.centres.iter().find(|c| c.code == code)
    }

    /// Every centre, by name.
    pub fn centres(&self) -> &[CentreRow] {
        &self.centres
    }

    pub fn counter(&self, code: &str) -> Option<&CounterRow> {
        self.counters.iter().find(|c| c.code == code)
    }

    /// The counters of a centre (every counter for `""`), by code.
    pub fn counters(&self, centre: &str) -> Vec<CounterRow> {
        self.counters
            .iter()
            .filter(|c| centre.is_empty() || c.centre_code == centre)
            .cloned()
            .collect()
    }
}

static CACHE: LazyLock<stamps::Cache<Setup>> = LazyLock::new(stamps::Cache::default);

/// The setup of the user's province, checked against the stamp read with the session.
pub async fn of(db: &Db, ctx: &Ctx) -> Result<Arc<Setup>> {
    at_stamp(db, &ctx.tenant_id(), ctx.tenant.config_stamp).await
}

/// The setup of a province, for callers without a session (public pages, jobs): one
/// query for the stamp.
pub async fn of_tenant(db: &Db, tenant: &TenantId) -> Result<Arc<Setup>> {
    let stamp = {
        let mut conn = db.pool().acquire().await?;
        stamps::current(&mut conn, tenant).await?
    };
    at_stamp(db, tenant, stamp).await
}

async fn at_stamp(db: &Db, tenant: &TenantId, stamp: i64) -> Result<Arc<Setup>> {
    let year = today().date().year();
    if let Some(s) = CACHE.get(tenant, stamp)
        && s.year == year
    {
        return Ok(s);
    }
    let setup = build(db, tenant, year).await?;
    Ok(CACHE.put(tenant, stamp, setup))
}

async fn build(db: &Db, tenant: &TenantId, year: i32) -> Result<Setup> {
    let (rows, fees, centres, counters, days_off) = {
        let mut conn = db.pool().acquire().await?;
        (
            store::services(&mut conn, tenant).await?,
            store::fees(&mut conn, tenant, None).await?,
            store::centres(&mut conn, tenant).await?,
            store::counters(&mut conn, tenant, "").await?,
            store::days_off(&mut conn, tenant).await?,
        )
    };
    let off: Vec<Weekday> = days_off
        .unwrap_or_else(|| "saturday,sunday".to_owned())
        .split(',')
        .filter_map(|d| crate::catalogue::weekday(d.trim()))
        .collect();
    // Deadlines are counted from a year back to two years ahead.
    let holidays = daftar_mdm::service::holidays_between(
        db,
        tenant,
        &format!("{}-01-01", year - 1),
        &format!("{}-12-31", year + 2),
    )
    .await?;
    let days = holidays
        .iter()
        .filter_map(|h| CivilDate::parse(&h.day).ok());
    let calendar = WorkingCalendar::new(&off, days).map_err(|e| Error::Internal(e.to_string()))?;
    let services = assemble(rows, fees)?;
    Ok(Setup {
        services,
        centres,
        counters,
        calendar,
        year,
    })
}
