//! Counters' day closing (expected against declared cash, discrepancies recorded) and
//! the dashboards: per centre and day, and province-wide.

use std::collections::BTreeMap;

use daftar_kernel::{CivilDate, Id};
use daftar_platform::{
    Ctx, Db, Error, Result, audit,
    auth::ResourceScope,
    db::{format_instant, now_utc},
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::{ADMINISTER, MANAGE, centre_scope, norm, queue, today};
use crate::{
    catalogue::FeeLine,
    store::{
        self,
        apps::{self, CLOSING, ClosingRow},
        queue as q,
    },
};

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Closing {
    /// Cash counted in the drawer, in paisa.
    pub declared_paisa: i64,
    /// Required when the cash does not match.
    #[serde(default)]
    pub note: String,
}

/// Closes a counter's day: the cash payments it took against what is declared.
pub async fn close_counter(db: &Db, ctx: &Ctx, counter: &str, c: &Closing) -> Result<ClosingRow> {
    let t = ctx.tenant_id();
    let mut tx = db.begin().await?;
    let (k, _) = queue::counter_for(&mut tx, ctx, counter).await?;
    if c.declared_paisa < 0 {
        return Err(Error::field("declared_paisa", "khidmat-err-amount"));
    }
    let day = today().iso();
    let expected: i64 = apps::payments_of_day(&mut tx, &t, &k.code, &day)
        .await?
        .iter()
        .filter(|p| p.method == "cash")
        .map(|p| p.amount_paisa)
        .sum();
    let note = c.note.trim();
    if expected != c.declared_paisa && note.is_empty() {
        return Err(Error::field("note", "khidmat-err-discrepancy-note"));
    }
    let row = ClosingRow {
        id: Id::new().to_string(),
        counter_code: k.code.clone(),
        day: day.clone(),
        expected_paisa: expected,
        declared_paisa: c.declared_paisa,
        note: note.to_owned(),
        closed_by: ctx.actor().name,
        closed_at: now_utc(),
    };
    if let Err(e) = apps::insert_closing(&mut tx, &t, &row).await {
        tracing::debug!(error = %e, "closing refused");
        return Err(Error::conflict(
            Some("counter"),
            "khidmat-conflict-closed",
            &[("counter", &k.code), ("day", &day)],
        ));
    }
    audit::record(
        &mut tx,
        &ctx.actor(),
        "khidmat_closing.close",
        &CLOSING,
        &row.id,
        json!({ "difference_paisa": row.declared_paisa - row.expected_paisa }),
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}

/// The UTC instants bounding a civil day in Pakistan.
fn day_bounds(day: CivilDate) -> (String, String) {
    let start = day
        .date()
        .midnight()
        .assume_offset(time::macros::offset!(+5));
    let end = start + time::Duration::days(1);
    (format_instant(start), format_instant(end))
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct ServiceFigures {
    pub service: String,
    pub taken: usize,
    /// Decided (ready, delivered or rejected) within their deadline / after it.
    pub within_sla: usize,
    pub breached: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DayReport {
    pub day: String,
    pub centre: Option<String>,
    pub tokens: queue::QueueStats,
    pub applications: usize,
    pub by_service: Vec<ServiceFigures>,
    /// SLA compliance of the applications decided so far, in per cent (100 when none).
    pub sla_compliance_pct: i64,
    pub revenue: Vec<FeeLine>,
    pub revenue_total_paisa: i64,
    pub closings: Vec<ClosingRow>,
}

/// A centre's day (`centre` given; managers of the centre) or the province's
/// (administrators).
pub async fn day_report(
    db: &Db,
    ctx: &Ctx,
    centre: Option<&str>,
    day: Option<&str>,
) -> Result<DayReport> {
    let t = ctx.tenant_id();
    let day = match day.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => CivilDate::parse(d).map_err(|_| Error::field("day", "err-date"))?,
        None => today(),
    };
    let mut conn = db.pool().acquire().await?;
    let centre = match centre.map(norm).filter(|c| !c.is_empty()) {
        Some(code) => {
            let c = store::centre(&mut conn, &t, &code)
                .await?
                .ok_or(Error::NotFound)?;
            ctx.require(MANAGE, &centre_scope(&c))?;
            Some(c)
        }
        None => {
            ctx.require(ADMINISTER, &ResourceScope::province())?;
            None
        }
    };
    let code = centre.as_ref().map_or(String::new(), |c| c.code.clone());
    let iso = day.iso();
    let mut tokens = Vec::new();
    for c in store::centres(&mut conn, &t).await? {
        if code.is_empty() || c.code == code {
            tokens.extend(q::of_day(&mut conn, &t, &c.code, &iso).await?);
        }
    }
    let (from, to) = day_bounds(day);
    let taken = apps::taken_between(&mut conn, &t, &code, &from, &to).await?;
    let decided_at = apps::decided_between(&mut conn, &t, &code, &from, &to).await?;
    let mut by_service: BTreeMap<String, ServiceFigures> = BTreeMap::new();
    let mut revenue: BTreeMap<String, i64> = BTreeMap::new();
    for a in &taken {
        let f = by_service
            .entry(a.service_code.clone())
            .or_insert_with(|| ServiceFigures {
                service: a.service_code.clone(),
                ..ServiceFigures::default()
            });
        f.taken += 1;
        if ["ready", "delivered", "rejected"].contains(&a.stage.as_str()) {
            let decided = decided_at.get(&a.id);
            let due = a.due_on.clone().unwrap_or_default();
            // Decided on or before the due day (instants are UTC; the due day ends at
            // midnight in Pakistan).
            let due_end = CivilDate::parse(&due)
                .map(|d| day_bounds(d).1)
                .unwrap_or_default();
            if decided.is_some_and(|at| *at < due_end) {
                f.within_sla += 1;
            } else {
                f.breached += 1;
            }
        }
        if a.stage != "payment" {
            let lines: Vec<FeeLine> = serde_json::from_str(&a.fees).unwrap_or_default();
            for l in lines {
                *revenue.entry(l.head).or_default() += l.amount_paisa;
            }
        }
    }
    let (ok, late) = by_service
        .values()
        .fold((0, 0), |(o, l), f| (o + f.within_sla, l + f.breached));
    let closings = apps::closings_of_day(&mut conn, &t, &iso)
        .await?
        .into_iter()
        .filter(|c| code.is_empty() || c.counter_code.starts_with(&format!("{code}-")))
        .collect();
    let revenue: Vec<FeeLine> = crate::catalogue::FEE_HEADS
        .iter()
        .filter_map(|h| {
            revenue.get(*h).map(|v| FeeLine {
                head: (*h).to_owned(),
                amount_paisa: *v,
            })
        })
        .collect();
    Ok(DayReport {
        day: iso,
        centre: centre.map(|c| c.code),
        tokens: queue::stats(&tokens),
        applications: taken.len(),
        by_service: by_service.into_values().collect(),
        sla_compliance_pct: (ok * 100).checked_div(ok + late).map_or(100, |v| v as i64),
        revenue_total_paisa: revenue.iter().map(|l| l.amount_paisa).sum(),
        revenue,
        closings,
    })
}
