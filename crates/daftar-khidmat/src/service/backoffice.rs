//! The back office: each officer's queue within their scope with SLA countdowns, the
//! transitions a service allows, the citizen's tracking view and feedback, and the
//! escalation of breached deadlines.

use daftar_kernel::{CivilDate, Cnic, TenantId};
use daftar_platform::{
    Ctx, Db, Error, Result,
    audit::{self, Actor},
    db::now_utc,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::{
    COUNTER,
    applications::{self, Receipt, event, visible},
    certificates, norm, outbox, scope_of,
    setup::{self, Setup},
    today,
};
use crate::{
    catalogue::Service,
    store::apps::{self, APPLICATION, AppRow, DocumentRow, EventRow, PaymentRow},
    workflow::{self, Who},
};

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// One of the actions the application's stage allows (`verify`, `approve`, `return`,
    /// `reject`, `resubmit`, `deliver`...).
    pub action: String,
    /// Required to return or reject.
    #[serde(default)]
    pub reason: String,
}

/// Whether the user holds one of `roles` on a scope reaching the application.
fn holds(ctx: &Ctx, roles: &[String], a: &AppRow) -> bool {
    let at = scope_of(&a.district, &a.centre_code);
    ctx.grants
        .iter()
        .any(|g| roles.contains(&g.role) && g.scope.covers(&at))
}

/// Moves an application on; 409 naming the allowed actions when this one is not.
pub async fn transition(db: &Db, ctx: &Ctx, tracking: &str, tr: &Transition) -> Result<View> {
    let t = ctx.tenant_id();
    let setup = setup::of(db, ctx).await?;
    let cal = &setup.calendar;
    let mut tx = db.begin().await?;
    let (a, service) = visible(&mut tx, ctx, &setup, tracking).await?;
    let steps = workflow::steps(service, &a.stage, a.returned_from.as_deref());
    let action = tr.action.trim();
    let Some(step) = steps.iter().find(|s| s.action == action) else {
        let allowed: Vec<&str> = steps.iter().map(|s| s.action.as_str()).collect();
        let message = if allowed.is_empty() {
            "khidmat-conflict-no-transition"
        } else {
            "khidmat-conflict-transition"
        };
        return Err(Error::conflict(
            Some("action"),
            message,
            &[
                ("tracking", &a.tracking_id),
                ("stage", &a.stage),
                ("allowed", &allowed.join(", ")),
            ],
        ));
    };
    match &step.who {
        Who::Counter => ctx.require(COUNTER, &scope_of(&a.district, &a.centre_code))?,
        Who::Role(_) => {
            if !holds(
                ctx,
                &workflow::roles_at(service, &a.stage, a.escalation_level),
                &a,
            ) {
                return Err(Error::Forbidden);
            }
        }
    }
    let reason = tr.reason.trim();
    if step.needs_reason && reason.is_empty() {
        return Err(Error::field("reason", "khidmat-err-reason"));
    }
    if reason.chars().count() > 1000 {
        return Err(Error::field("reason", "khidmat-err-too-long"));
    }
    let actor = ctx.actor();
    let now = now_utc();
    let day = today();
    let returned_from = (step.to == "returned").then_some(a.stage.as_str());
    // Making a deficiency good restarts the clock, as for a complete application.
    let (received, due, level) = if action == "resubmit" {
        let due = workflow::due_on(cal, service, a.urgent != 0, day).map(CivilDate::iso);
        (Some(day.iso()), due, 0)
    } else {
        (None, None, a.escalation_level)
    };
    apps::move_to(
        &mut tx,
        &t,
        &a.id,
        &step.to,
        returned_from,
        received.as_deref(),
        due.as_deref(),
        level,
        &now,
    )
    .await?;
    event(
        &mut tx,
        &a,
        action,
        &a.stage,
        &step.to,
        reason,
        &actor.name,
        &now,
    )
    .await?;
    outbox::stage_sms(&mut tx, &a, service, &step.to, &now).await?;
    if step.to == "delivered" && service.certificate {
        certificates::issue(&mut tx, ctx, &a, service).await?;
    }
    audit::record(
        &mut tx,
        &actor,
        &format!("khidmat_application.{action}"),
        &APPLICATION,
        &a.id,
        json!({ "from": a.stage, "to": step.to }),
    )
    .await?;
    let view = view_of(&mut tx, ctx, &setup, &a.tracking_id).await?;
    tx.commit().await?;
    Ok(view)
}

/// An application as staff see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct View {
    pub receipt: Receipt,
    pub service_stages: Vec<crate::catalogue::Stage>,
    pub form: std::collections::BTreeMap<String, String>,
    pub mobile: String,
    pub person_id: String,
    pub received_on: Option<String>,
    pub due_on: Option<String>,
    /// Working days left (negative: overdue by), while the back office holds it.
    pub days_left: Option<i64>,
    pub escalation_level: i64,
    pub escalated_to: Option<String>,
    /// Actions this user may take now.
    pub actions: Vec<String>,
    /// Whether this user works the counters of the application's centre (payment,
    /// documents).
    pub at_counter: bool,
    pub events: Vec<EventRow>,
    pub payment: Option<PaymentRow>,
    pub documents: Vec<DocumentRow>,
    pub certificate: Option<certificates::Issued>,
    pub feedback: Option<(i64, String)>,
}

async fn view_of(
    conn: &mut sqlx::AnyConnection,
    ctx: &Ctx,
    setup: &Setup,
    tracking: &str,
) -> Result<View> {
    let cal = &setup.calendar;
    let (a, service) = visible(conn, ctx, setup, tracking).await?;
    let t = ctx.tenant_id();
    let steps = workflow::steps(service, &a.stage, a.returned_from.as_deref());
    let actions = steps
        .iter()
        .filter(|s| match &s.who {
            Who::Counter => ctx.can(COUNTER, &scope_of(&a.district, &a.centre_code)),
            Who::Role(_) => holds(
                ctx,
                &workflow::roles_at(service, &a.stage, a.escalation_level),
                &a,
            ),
        })
        .map(|s| s.action.clone())
        .collect();
    let days_left = match (&a.due_on, workflow::in_progress(service, &a.stage)) {
        (Some(d), true) => CivilDate::parse(d)
            .ok()
            .map(|d| workflow::days_left(cal, today(), d)),
        _ => None,
    };
    let escalated_to = usize::try_from(a.escalation_level)
        .ok()
        .filter(|l| *l > 0)
        .and_then(|l| service.escalation.get(l - 1).cloned());
    Ok(View {
        receipt: applications::receipt(&a, service, false),
        service_stages: service.stages.clone(),
        form: serde_json::from_str(&a.form).unwrap_or_default(),
        mobile: a.mobile.clone(),
        person_id: a.person_id.clone(),
        received_on: a.received_on.clone(),
        due_on: a.due_on.clone(),
        days_left,
        escalation_level: a.escalation_level,
        escalated_to,
        actions,
        at_counter: ctx.can(COUNTER, &scope_of(&a.district, &a.centre_code)),
        events: apps::events(conn, &t, &a.id).await?,
        payment: apps::payment(conn, &t, &a.id).await?,
        documents: apps::documents(conn, &t, &a.id).await?,
        certificate: certificates::of(conn, &t, &a.id).await?,
        feedback: apps::feedback(conn, &t, &a.id).await?,
    })
}

pub async fn view(db: &Db, ctx: &Ctx, tracking: &str) -> Result<View> {
    let setup = setup::of(db, ctx).await?;
    let mut conn = db.pool().acquire().await?;
    view_of(&mut conn, ctx, &setup, tracking).await
}

/// One line of an officer's queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueueItem {
    pub tracking_id: String,
    pub service: String,
    pub service_name: String,
    pub service_name_ur: String,
    pub stage: String,
    pub stage_name: String,
    pub stage_name_ur: String,
    pub applicant_name: String,
    pub centre: String,
    pub urgent: bool,
    pub due_on: Option<String>,
    pub days_left: Option<i64>,
    pub escalation_level: i64,
}

/// Applications waiting at a stage where the user may act, within their scope, the
/// most urgent first.
pub async fn queue(db: &Db, ctx: &Ctx) -> Result<Vec<QueueItem>> {
    let t = ctx.tenant_id();
    let setup = setup::of(db, ctx).await?;
    let (cal, services) = (&setup.calendar, setup.services());
    let mine: Vec<&str> = ctx.grants.iter().map(|g| g.role.as_str()).collect();
    let mut stages: Vec<String> = Vec::new();
    for s in services {
        for st in &s.stages {
            let reachable = mine.contains(&st.role.as_str())
                || s.escalation.iter().any(|r| mine.contains(&r.as_str()));
            if reachable && !stages.contains(&st.code) {
                stages.push(st.code.clone());
            }
        }
    }
    let mut conn = db.pool().acquire().await?;
    let rows = apps::at_stages(&mut conn, &t, &stages, 2000).await?;
    let today = today();
    let mut out = Vec::new();
    for a in rows {
        let Some(s) = services.iter().find(|s| s.code == a.service_code) else {
            continue;
        };
        if !holds(
            ctx,
            &workflow::roles_at(s, &a.stage, a.escalation_level),
            &a,
        ) {
            continue;
        }
        let st = s.stages.iter().find(|x| x.code == a.stage);
        let days_left = a
            .due_on
            .as_deref()
            .and_then(|d| CivilDate::parse(d).ok())
            .map(|d| workflow::days_left(cal, today, d));
        out.push(QueueItem {
            tracking_id: a.tracking_id.clone(),
            service: s.code.clone(),
            service_name: s.name.clone(),
            service_name_ur: s.name_ur.clone(),
            stage: a.stage.clone(),
            stage_name: st.map(|x| x.name.clone()).unwrap_or_default(),
            stage_name_ur: st.map(|x| x.name_ur.clone()).unwrap_or_default(),
            applicant_name: a.applicant_name.clone(),
            centre: a.centre_code.clone(),
            urgent: a.urgent != 0,
            due_on: a.due_on.clone(),
            days_left,
            escalation_level: a.escalation_level,
        });
    }
    out.sort_by_key(|i| (i.days_left.unwrap_or(i64::MAX), !i.urgent));
    Ok(out)
}

/// Escalates every application whose deadline passed before `on` and whose service has
/// a further escalation level: one level up, with one more working day to act.
pub async fn escalate(db: &Db, tenant: &TenantId, on: CivilDate) -> Result<usize> {
    let setup = setup::of_tenant(db, tenant).await?;
    let cal = &setup.calendar;
    let actor = Actor::system(tenant.clone(), "khidmat-escalation");
    let mut tx = db.begin().await?;
    let overdue = apps::overdue(&mut tx, tenant, &on.iso()).await?;
    let mut n = 0;
    for a in overdue {
        let Some(service) = setup.service(&a.service_code) else {
            continue;
        };
        let level = usize::try_from(a.escalation_level).unwrap_or(0);
        let Some(role) = service.escalation.get(level) else {
            continue;
        };
        let due = cal.add_working_days(on, 1).map(CivilDate::iso);
        let now = now_utc();
        apps::move_to(
            &mut tx,
            tenant,
            &a.id,
            &a.stage,
            None,
            None,
            due.as_deref(),
            a.escalation_level + 1,
            &now,
        )
        .await?;
        let reason = format!(
            "deadline {} passed; escalated to {role}",
            a.due_on.as_deref().unwrap_or("")
        );
        event(
            &mut tx,
            &a,
            "escalate",
            &a.stage,
            &a.stage,
            &reason,
            &actor.name,
            &now,
        )
        .await?;
        audit::record(
            &mut tx,
            &actor,
            "khidmat_application.escalate",
            &APPLICATION,
            &a.id,
            json!({ "level": a.escalation_level + 1, "role": role }),
        )
        .await?;
        n += 1;
    }
    tx.commit().await?;
    Ok(n)
}

/// What the citizen sees of an application.
#[derive(Debug, Serialize, ToSchema)]
pub struct Tracking {
    pub tracking_id: String,
    pub service_name: String,
    pub service_name_ur: String,
    pub stage: String,
    pub stage_name: String,
    pub stage_name_ur: String,
    pub due_on: Option<String>,
    pub steps: Vec<TrackStep>,
    pub can_give_feedback: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrackStep {
    pub action: String,
    pub to_stage: String,
    pub stage_name: String,
    pub stage_name_ur: String,
    pub at: String,
    pub reason: String,
}

fn names(s: &Service, stage: &str) -> (String, String) {
    s.stages
        .iter()
        .find(|x| x.code == stage)
        .map(|x| (x.name.clone(), x.name_ur.clone()))
        .unwrap_or_default()
}

/// The application a citizen asks after: by tracking id and the last four digits of
/// the applicant's CNIC. A wrong pair is answered like an unknown id.
async fn citizens(conn: &mut sqlx::AnyConnection, tracking: &str, last4: &str) -> Result<AppRow> {
    let a = apps::by_tracking_anywhere(conn, &norm(tracking))
        .await?
        .ok_or(Error::NotFound)?;
    let digits = Cnic::parse(&a.cnic)
        .map(|c| c.digits().to_owned())
        .unwrap_or_default();
    let last4 = last4.trim();
    if last4.len() != 4 || !digits.ends_with(last4) {
        return Err(Error::NotFound);
    }
    Ok(a)
}

pub async fn track(db: &Db, tracking: &str, last4: &str) -> Result<Tracking> {
    let mut conn = db.pool().acquire().await?;
    let a = citizens(&mut conn, tracking, last4).await?;
    let tenant = applications::ctx_tenant(&a);
    let setup = setup::of_tenant(db, &tenant).await?;
    let s = setup.service(&a.service_code).ok_or(Error::NotFound)?;
    let events = apps::events(&mut conn, &tenant, &a.id).await?;
    let (stage_name, stage_name_ur) = names(s, &a.stage);
    let feedback = apps::feedback(&mut conn, &tenant, &a.id).await?;
    Ok(Tracking {
        tracking_id: a.tracking_id.clone(),
        service_name: s.name.clone(),
        service_name_ur: s.name_ur.clone(),
        stage: a.stage.clone(),
        stage_name,
        stage_name_ur,
        due_on: a.due_on.clone(),
        steps: events
            .into_iter()
            .map(|e| {
                let (n, u) = names(s, &e.to_stage);
                // Internal escalations name roles; the citizen sees the step only.
                let reason = if e.action == "escalate" {
                    String::new()
                } else {
                    e.reason
                };
                TrackStep {
                    action: e.action,
                    to_stage: e.to_stage,
                    stage_name: n,
                    stage_name_ur: u,
                    at: e.at,
                    reason,
                }
            })
            .collect(),
        can_give_feedback: a.stage == "delivered" && feedback.is_none(),
    })
}

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    pub cnic_last4: String,
    /// 1 (poor) to 5 (excellent).
    pub rating: i64,
    #[serde(default)]
    pub comment: String,
}

/// The citizen's rating after delivery, once.
pub async fn feedback(db: &Db, tracking: &str, f: &Feedback) -> Result<()> {
    let mut tx = db.begin().await?;
    let a = citizens(&mut tx, tracking, &f.cnic_last4).await?;
    if !(1..=5).contains(&f.rating) {
        return Err(Error::field("rating", "khidmat-err-rating"));
    }
    if f.comment.chars().count() > 1000 {
        return Err(Error::field("comment", "khidmat-err-too-long"));
    }
    if a.stage != "delivered" {
        return Err(Error::conflict(
            Some("stage"),
            "khidmat-conflict-feedback-early",
            &[],
        ));
    }
    let tenant = applications::ctx_tenant(&a);
    if !apps::insert_feedback(
        &mut tx,
        &tenant,
        &a.id,
        f.rating,
        f.comment.trim(),
        &now_utc(),
    )
    .await?
    {
        return Err(Error::conflict(
            None,
            "khidmat-conflict-feedback-given",
            &[],
        ));
    }
    let actor = Actor::system(tenant, "citizen");
    audit::record(
        &mut tx,
        &actor,
        "khidmat_application.feedback",
        &APPLICATION,
        &a.id,
        json!({ "rating": f.rating }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
