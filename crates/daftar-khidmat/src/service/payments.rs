//! Payment at the counter: cash, or an e-Pay reference, for exactly the fee due.

use daftar_kernel::{CivilDate, Id};
use daftar_platform::{
    Ctx, Db, Error, Result, audit,
    db::{Backend, now_utc},
    error::Problems,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sqlx::FromRow;
use utoipa::ToSchema;

use super::{
    COUNTER,
    applications::{event, visible},
    outbox, scope_of, today,
};
use crate::{
    store::apps::{self, APPLICATION, AppRow, PaymentRow},
    workflow,
};

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPayment {
    /// `cash` at the counter, or `epay` with the e-Pay reference (PSID).
    pub method: String,
    #[serde(default)]
    pub reference: String,
    /// Must equal the fee due.
    pub amount_paisa: i64,
}

/// Records the payment of an application's fee and sends it to its first stage.
pub async fn pay(db: &Db, ctx: &Ctx, tracking: &str, p: &NewPayment) -> Result<PaymentRow> {
    let t = ctx.tenant_id();
    let setup = super::setup::of(db, ctx).await?;
    let cal = &setup.calendar;
    // Read before the write transaction (which holds SQLite's one writer); the move out
    // of `payment` below is conditional, so a concurrent payment still loses.
    let (a, service) = {
        let mut conn = db.pool().acquire().await?;
        visible(&mut conn, ctx, &setup, tracking).await?
    };
    ctx.require(COUNTER, &scope_of(&a.district, &a.centre_code))?;
    if a.stage != "payment" {
        return Err(paid(&a.tracking_id));
    }
    let mut problems = Problems::new();
    let reference = p.reference.trim();
    match p.method.as_str() {
        "cash" => {}
        "epay"
            if !reference.is_empty()
                && reference.len() <= 40
                && reference
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-') => {}
        "epay" => problems.add("reference", "khidmat-err-reference"),
        _ => problems.add("method", "khidmat-err-method"),
    }
    if p.amount_paisa != a.fee_total {
        problems.add("amount_paisa", "khidmat-err-amount");
    }
    problems.finish()?;
    let actor = ctx.actor();
    let now = now_utc();
    let day = today();
    let payment = PaymentRow {
        id: Id::new().to_string(),
        method: p.method.clone(),
        reference: reference.to_owned(),
        amount_paisa: p.amount_paisa,
        counter_code: a.counter_code.clone(),
        day: day.iso(),
        received_by: actor.name.clone(),
        received_at: now.clone(),
    };
    let first = workflow::first_stage(service).to_owned();
    let due = workflow::due_on(cal, service, a.urgent != 0, day).map(CivilDate::iso);
    // The transaction opens with the move out of `payment` and, on SQLite, the reads of
    // the application's events and documents for its audited state (one round trip).
    let sqlite = db.backend() == Backend::Sqlite;
    let mut opening = vec![apps::leave_payment(
        &t,
        &a.id,
        &first,
        &day.iso(),
        due.as_deref(),
        &now,
    )];
    if sqlite {
        opening.push(apps::state_query(apps::EVENTS, &t, &a.id));
        opening.push(apps::state_query(apps::DOCUMENTS, &t, &a.id));
    }
    // The transaction runs on the write thread (`Db::write`), with what it needs moved in.
    let (owned_db, setup, code) = (db.clone(), setup.clone(), service.code.clone());
    let (method, amount) = (p.method.clone(), p.amount_paisa);
    db.write(async move {
        let db = &owned_db;
        let service = setup.service(&code).ok_or(Error::NotFound)?;
        let (mut tx, answers) = db.begin_with_each(opening).await?;
        let mut answers = answers.into_iter();
        let moved = answers.next().unwrap_or_default();
        let Some(moved) = moved.first().map(AppRow::from_row).transpose()? else {
            return Err(paid(&a.tracking_id));
        };
        let read = |rows: Option<Vec<sqlx::any::AnyRow>>| -> Option<Vec<Value>> {
            rows.map(|rows| rows.iter().map(audit::row_to_json).collect())
        };
        let (events, documents) = (read(answers.next()), read(answers.next()));
        apps::insert_payment(&mut tx, &t, &a.id, &payment)?;
        let paid_event =
            event(&mut tx, &a, "pay", "payment", &first, "", &actor.name, &now).await?;
        outbox::stage_sms(&mut tx, &a, service, &first, &now).await?;
        // The state as written: the row the move returned, this payment (the only one: it is
        // taken once, by the move out of `payment`), the events read with the new one in
        // their query's order (SQLite compares text byte by byte, as Rust does), and the
        // documents as read. An application leaving `payment` has no feedback or
        // certificate yet: those come after delivery. On PostgreSQL, whose text order
        // follows the database's collation, the events and documents are read back.
        let events = events.map(|mut rows| {
            rows.push(apps::event_state(&paid_event));
            rows.sort_by(|x, y| {
                (x["at"].as_str(), x["id"].as_str()).cmp(&(y["at"].as_str(), y["id"].as_str()))
            });
            rows
        });
        let state = audit::State::Parts(vec![
            Some(vec![apps::app_state(&moved)]),
            events,
            Some(vec![apps::payment_state(&payment)]),
            documents,
            Some(vec![]),
            Some(vec![]),
        ]);
        audit::record_all_with_commit(
            &mut tx,
            &actor,
            vec![audit::Entry {
                action: "khidmat_application.pay",
                spec: &APPLICATION,
                entity_id: a.id.clone(),
                detail: json!({ "amount_paisa": amount, "method": method }),
                state,
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(payment)
    })
    .await
}

/// The answer to paying an application that has left `payment` (paid before, or by a
/// concurrent request that got there first).
fn paid(tracking: &str) -> Error {
    Error::conflict(
        Some("stage"),
        "khidmat-conflict-paid",
        &[("tracking", tracking)],
    )
}
