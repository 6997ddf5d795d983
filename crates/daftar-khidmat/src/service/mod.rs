//! e-Khidmat's use cases. Permission checks happen here, not in handlers; every write
//! is one transaction with its audit records.

use std::collections::BTreeMap;

use daftar_kernel::CivilDate;
use daftar_platform::{Ctx, Db, Error, Result, auth::ResourceScope};

use crate::{
    catalogue::{FeeLine, FeeSchedule, Service},
    store::{self, CentreRow, CounterRow, FeeRow},
};

pub mod applications;
pub mod backoffice;
pub use daftar_platform::blobs;
pub mod certificates;
pub mod dashboard;
pub mod outbox;
pub mod payments;
pub mod queue;
pub mod setup;

/// Work a service counter: call tokens, take applications and payments, resubmit,
/// deliver, close the day's cash.
pub const COUNTER: &str = "khidmat.counter";
/// See applications and act at back-office stages (with the stage's role).
pub const BACKOFFICE: &str = "khidmat.backoffice";
/// A centre's queue and dashboards, counters' closings.
pub const MANAGE: &str = "khidmat.manage";
/// The province-wide view; revoke certificates.
pub const ADMINISTER: &str = "khidmat.administer";

/// Where a centre sits, for permission checks: its district, and the centre as office.
pub fn centre_scope(c: &CentreRow) -> ResourceScope {
    ResourceScope {
        district: Some(c.district.clone()),
        office: Some(c.code.clone()),
    }
}

fn scope_of(district: &str, centre: &str) -> ResourceScope {
    ResourceScope {
        district: Some(district.to_owned()),
        office: Some(centre.to_owned()),
    }
}

/// Today in Pakistan.
pub fn today() -> CivilDate {
    CivilDate::today()
}

/// Upper-cases and trims a code from a path or a form.
pub fn norm(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}

/// Builds services from their stored definitions and fee rows.
fn assemble(rows: Vec<store::ServiceRow>, fees: Vec<FeeRow>) -> Result<Vec<Service>> {
    let mut by_service: BTreeMap<String, BTreeMap<String, FeeSchedule>> = BTreeMap::new();
    for f in fees {
        let schedules = by_service.entry(f.service_code.clone()).or_default();
        let s = schedules
            .entry(f.effective_from.clone())
            .or_insert_with(|| FeeSchedule {
                from: f.effective_from.clone(),
                normal: Vec::new(),
                urgent: None,
            });
        let line = FeeLine {
            head: f.head,
            amount_paisa: f.amount_paisa,
        };
        if f.mode == "urgent" {
            s.urgent.get_or_insert_with(Vec::new).push(line);
        } else {
            s.normal.push(line);
        }
    }
    let order = |l: &FeeLine| crate::catalogue::head_order(&l.head);
    rows.into_iter()
        .map(|r| {
            let mut s: Service = serde_json::from_str(&r.definition)
                .map_err(|e| Error::Internal(format!("service {} unreadable: {e}", r.code)))?;
            s.fees = by_service
                .remove(&r.code)
                .unwrap_or_default()
                .into_values()
                .map(|mut f| {
                    f.normal.sort_by_key(order);
                    if let Some(u) = f.urgent.as_mut() {
                        u.sort_by_key(order);
                    }
                    f
                })
                .collect();
            Ok(s)
        })
        .collect()
}

/// The province's services, by name.
pub async fn services(db: &Db, ctx: &Ctx) -> Result<Vec<Service>> {
    Ok(setup::of(db, ctx).await?.services().to_vec())
}

pub async fn service(db: &Db, ctx: &Ctx, code: &str) -> Result<Service> {
    setup::of(db, ctx)
        .await?
        .service(&norm(code))
        .cloned()
        .ok_or(Error::NotFound)
}

/// A centre with its counters.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CentreView {
    #[serde(flatten)]
    pub centre: CentreRow,
    pub counters: Vec<CounterRow>,
}

pub async fn centres(db: &Db, ctx: &Ctx) -> Result<Vec<CentreView>> {
    let setup = setup::of(db, ctx).await?;
    Ok(setup
        .centres()
        .iter()
        .map(|c| CentreView {
            counters: setup.counters(&c.code),
            centre: c.clone(),
        })
        .collect())
}
