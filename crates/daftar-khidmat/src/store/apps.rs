//! SQL of applications and what hangs off them: events, payments, documents, feedback,
//! and counters' day closings (certificates and the SMS outbox have their own files).

use serde_json::Value;
use sqlx::AnyConnection;

use daftar_kernel::TenantId;
use daftar_platform::{
    audit::{EntitySpec, row_object},
    db::Tx,
    error::Result,
};

/// An application's audited state: the row, its events, payment, documents, feedback
/// and certificate.
pub static APPLICATION: EntitySpec = EntitySpec {
    kind: "khidmat_application",
    state: &[
        "SELECT id, tracking_id, service_code, centre_code, counter_code, district, token_id, person_id, cnic, applicant_name, mobile, urgent, form, fee_schedule, fees, fee_total, stage, returned_from, received_on, due_on, escalation_level, taken_by, taken_at, updated_at, idempotency_key, request_digest FROM khidmat_applications WHERE tenant_id = $1 AND id = $2",
        "SELECT id, action, from_stage, to_stage, reason, actor, at FROM khidmat_events WHERE tenant_id = $1 AND application_id = $2 ORDER BY at, id",
        "SELECT id, method, reference, amount_paisa, counter_code, day, received_by, received_at FROM khidmat_payments WHERE tenant_id = $1 AND application_id = $2",
        "SELECT id, doc_type, file_name, content_type, size, sha256, uploaded_by, uploaded_at FROM khidmat_documents WHERE tenant_id = $1 AND application_id = $2 ORDER BY id",
        "SELECT rating, comment, at FROM khidmat_feedback WHERE tenant_id = $1 AND application_id = $2",
        "SELECT id, number, key_id, payload, issued_at, revoked_at, revoked_reason FROM khidmat_certificates WHERE tenant_id = $1 AND application_id = $2",
    ],
    list: "SELECT id FROM khidmat_applications WHERE tenant_id = $1",
};

pub static CLOSING: EntitySpec = EntitySpec {
    kind: "khidmat_closing",
    state: &[
        "SELECT id, counter_code, day, expected_paisa, declared_paisa, note, closed_by, closed_at FROM khidmat_closings WHERE tenant_id = $1 AND id = $2",
    ],
    list: "SELECT id FROM khidmat_closings WHERE tenant_id = $1",
};

/// The application's row as the first query of [`APPLICATION`] returns it, for audit
/// records whose state the writer already holds (`audit::State::Known` / `Parts`).
pub fn app_state(a: &AppRow) -> Value {
    let opt = |v: &Option<String>| v.clone().map_or(Value::Null, Value::from);
    row_object(&[
        ("id", a.id.clone().into()),
        ("tracking_id", a.tracking_id.clone().into()),
        ("service_code", a.service_code.clone().into()),
        ("centre_code", a.centre_code.clone().into()),
        ("counter_code", a.counter_code.clone().into()),
        ("district", a.district.clone().into()),
        ("token_id", opt(&a.token_id)),
        ("person_id", a.person_id.clone().into()),
        ("cnic", a.cnic.clone().into()),
        ("applicant_name", a.applicant_name.clone().into()),
        ("mobile", a.mobile.clone().into()),
        ("urgent", a.urgent.into()),
        ("form", a.form.clone().into()),
        ("fee_schedule", a.fee_schedule.clone().into()),
        ("fees", a.fees.clone().into()),
        ("fee_total", a.fee_total.into()),
        ("stage", a.stage.clone().into()),
        ("returned_from", opt(&a.returned_from)),
        ("received_on", opt(&a.received_on)),
        ("due_on", opt(&a.due_on)),
        ("escalation_level", a.escalation_level.into()),
        ("taken_by", a.taken_by.clone().into()),
        ("taken_at", a.taken_at.clone().into()),
        ("updated_at", a.updated_at.clone().into()),
        ("idempotency_key", opt(&a.idempotency_key)),
        ("request_digest", a.request_digest.clone().into()),
    ])
}

/// The positions of an application's events and documents in [`APPLICATION`]'s state.
pub const EVENTS: usize = 1;
pub const DOCUMENTS: usize = 3;

/// Part `part` of [`APPLICATION`]'s state ([`EVENTS`], [`DOCUMENTS`], ...), as a query.
pub fn state_query(
    part: usize,
    tenant: &TenantId,
    id: &str,
) -> sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments> {
    sqlx::query(APPLICATION.state[part])
        .bind(tenant.as_str().to_owned())
        .bind(id.to_owned())
}

/// An event as the second query of [`APPLICATION`] returns it.
pub fn event_state(e: &EventRow) -> Value {
    row_object(&[
        ("id", e.id.clone().into()),
        ("action", e.action.clone().into()),
        ("from_stage", e.from_stage.clone().into()),
        ("to_stage", e.to_stage.clone().into()),
        ("reason", e.reason.clone().into()),
        ("actor", e.actor.clone().into()),
        ("at", e.at.clone().into()),
    ])
}

/// A payment as the third query of [`APPLICATION`] returns it.
pub fn payment_state(p: &PaymentRow) -> Value {
    row_object(&[
        ("id", p.id.clone().into()),
        ("method", p.method.clone().into()),
        ("reference", p.reference.clone().into()),
        ("amount_paisa", p.amount_paisa.into()),
        ("counter_code", p.counter_code.clone().into()),
        ("day", p.day.clone().into()),
        ("received_by", p.received_by.clone().into()),
        ("received_at", p.received_at.clone().into()),
    ])
}

macro_rules! columns {
    () => {
        "id, tenant_id, tracking_id, service_code, centre_code, counter_code, district, token_id, person_id, cnic, applicant_name, mobile, urgent, form, fee_schedule, fees, fee_total, stage, returned_from, received_on, due_on, escalation_level, taken_by, taken_at, updated_at, idempotency_key, request_digest"
    };
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AppRow {
    pub id: String,
    pub tenant_id: String,
    pub tracking_id: String,
    pub service_code: String,
    pub centre_code: String,
    pub counter_code: String,
    pub district: String,
    pub token_id: Option<String>,
    pub person_id: String,
    pub cnic: String,
    pub applicant_name: String,
    pub mobile: String,
    pub urgent: i64,
    pub form: String,
    pub fee_schedule: String,
    pub fees: String,
    pub fee_total: i64,
    pub stage: String,
    pub returned_from: Option<String>,
    pub received_on: Option<String>,
    pub due_on: Option<String>,
    pub escalation_level: i64,
    pub taken_by: String,
    pub taken_at: String,
    pub updated_at: String,
    pub idempotency_key: Option<String>,
    pub request_digest: String,
}

/// Holds back the insert: it goes with the transaction's next statement or its commit
/// (a refused idempotency key surfaces there).
pub fn insert(tx: &mut Tx, a: &AppRow) -> Result<()> {
    tx.defer(sqlx::query(concat!("INSERT INTO khidmat_applications (", columns!(), ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)"))
    .bind(&a.id)
    .bind(&a.tenant_id)
    .bind(&a.tracking_id)
    .bind(&a.service_code)
    .bind(&a.centre_code)
    .bind(&a.counter_code)
    .bind(&a.district)
    .bind(&a.token_id)
    .bind(&a.person_id)
    .bind(&a.cnic)
    .bind(&a.applicant_name)
    .bind(&a.mobile)
    .bind(a.urgent)
    .bind(&a.form)
    .bind(&a.fee_schedule)
    .bind(&a.fees)
    .bind(a.fee_total)
    .bind(&a.stage)
    .bind(&a.returned_from)
    .bind(&a.received_on)
    .bind(&a.due_on)
    .bind(a.escalation_level)
    .bind(&a.taken_by)
    .bind(&a.taken_at)
    .bind(&a.updated_at)
    .bind(&a.idempotency_key)
    .bind(&a.request_digest))
}

pub async fn by_tracking(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    tracking: &str,
) -> Result<Option<AppRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM khidmat_applications WHERE tenant_id = $1 AND tracking_id = $2"
    ))
    .bind(tenant.as_str())
    .bind(tracking)
    .fetch_optional(conn)
    .await?)
}

/// For the public tracking page: the application of any province by its tracking id.
pub async fn by_tracking_anywhere(
    conn: &mut AnyConnection,
    tracking: &str,
) -> Result<Option<AppRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM khidmat_applications WHERE tracking_id = $1"
    ))
    .bind(tracking)
    .fetch_optional(conn)
    .await?)
}

pub async fn by_idempotency_key(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    key: &str,
) -> Result<Option<AppRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM khidmat_applications WHERE tenant_id = $1 AND idempotency_key = $2"
    ))
    .bind(tenant.as_str())
    .bind(key)
    .fetch_optional(conn)
    .await?)
}

/// Applications at one of `stages`, soonest due first.
pub async fn at_stages(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    stages: &[String],
    limit: i64,
) -> Result<Vec<AppRow>> {
    if stages.is_empty() {
        return Ok(Vec::new());
    }
    let list = (0..stages.len())
        .map(|i| format!("${}", i + 3))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {} FROM khidmat_applications WHERE tenant_id = $1 AND stage IN ({list}) ORDER BY due_on, taken_at LIMIT $2",
        columns!()
    );
    let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(limit);
    for s in stages {
        q = q.bind(s);
    }
    Ok(q.fetch_all(conn).await?)
}

/// Applications in progress whose deadline passed before `today`.
pub async fn overdue(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    today: &str,
) -> Result<Vec<AppRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM khidmat_applications WHERE tenant_id = $1 AND due_on < $2 \
         AND stage NOT IN ('payment', 'returned', 'rejected', 'ready', 'delivered') ORDER BY due_on LIMIT 1000"
    ))
    .bind(tenant.as_str())
    .bind(today)
    .fetch_all(conn)
    .await?)
}

/// Applications taken at a centre (or anywhere, for `''`) between two instants.
pub async fn taken_between(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    centre: &str,
    from: &str,
    to: &str,
) -> Result<Vec<AppRow>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM khidmat_applications WHERE tenant_id = $1 AND ($2 = '' OR centre_code = $2) \
         AND taken_at >= $3 AND taken_at < $4 ORDER BY taken_at"
    ))
    .bind(tenant.as_str())
    .bind(centre)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?)
}

/// When each application taken in the window (at a centre, or anywhere for `''`) was
/// first decided (moved to `ready` or `rejected`), by application id: one query for a
/// whole day's report.
pub async fn decided_between(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    centre: &str,
    from: &str,
    to: &str,
) -> Result<std::collections::HashMap<String, String>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT e.application_id, MIN(e.at) FROM khidmat_events e \
         JOIN khidmat_applications a ON a.tenant_id = e.tenant_id AND a.id = e.application_id \
         WHERE e.tenant_id = $1 AND ($2 = '' OR a.centre_code = $2) \
         AND a.taken_at >= $3 AND a.taken_at < $4 AND e.to_stage IN ('ready', 'rejected') \
         GROUP BY e.application_id",
    )
    .bind(tenant.as_str())
    .bind(centre)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Records where an application now is.
#[allow(clippy::too_many_arguments)]
pub async fn move_to(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
    stage: &str,
    returned_from: Option<&str>,
    received_on: Option<&str>,
    due_on: Option<&str>,
    escalation_level: i64,
    at: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE khidmat_applications SET stage = $3, returned_from = $4, received_on = COALESCE($5, received_on), \
         due_on = COALESCE($6, due_on), escalation_level = $7, updated_at = $8 WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(id)
    .bind(stage)
    .bind(returned_from)
    .bind(received_on)
    .bind(due_on)
    .bind(escalation_level)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves a paid application out of `payment` to its first stage, starting its clock,
/// and returns its row as it now is; `None` when it had already left `payment` (paid by
/// a concurrent request).
#[allow(clippy::too_many_arguments)]
/// Moves an application out of `payment` (none if it has left already), returning its
/// row as moved: the statement, for [`daftar_platform::Db::begin_with`].
pub fn leave_payment(
    tenant: &TenantId,
    id: &str,
    stage: &str,
    received_on: &str,
    due_on: Option<&str>,
    at: &str,
) -> sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments> {
    sqlx::query(concat!(
        "UPDATE khidmat_applications SET stage = $3, received_on = $4, due_on = $5, updated_at = $6 \
         WHERE tenant_id = $1 AND id = $2 AND stage = 'payment' RETURNING ",
        columns!()
    ))
    .bind(tenant.as_str().to_owned())
    .bind(id.to_owned())
    .bind(stage.to_owned())
    .bind(received_on.to_owned())
    .bind(due_on.map(str::to_owned))
    .bind(at.to_owned())
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct EventRow {
    pub id: String,
    pub action: String,
    pub from_stage: String,
    pub to_stage: String,
    pub reason: String,
    pub actor: String,
    pub at: String,
}

/// Holds back the insert (see [`Tx::defer`]).
pub fn insert_event(tx: &mut Tx, tenant: &TenantId, application: &str, e: &EventRow) -> Result<()> {
    tx.defer(sqlx::query(
        "INSERT INTO khidmat_events (id, tenant_id, application_id, action, from_stage, to_stage, reason, actor, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&e.id)
    .bind(tenant.as_str())
    .bind(application)
    .bind(&e.action)
    .bind(&e.from_stage)
    .bind(&e.to_stage)
    .bind(&e.reason)
    .bind(&e.actor)
    .bind(&e.at))
}

pub async fn events(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    application: &str,
) -> Result<Vec<EventRow>> {
    Ok(sqlx::query_as(
        "SELECT id, action, from_stage, to_stage, reason, actor, at FROM khidmat_events \
         WHERE tenant_id = $1 AND application_id = $2 ORDER BY at, id",
    )
    .bind(tenant.as_str())
    .bind(application)
    .fetch_all(conn)
    .await?)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct PaymentRow {
    pub id: String,
    /// `cash` or `epay`.
    pub method: String,
    pub reference: String,
    pub amount_paisa: i64,
    pub counter_code: String,
    pub day: String,
    pub received_by: String,
    pub received_at: String,
}

/// Holds back the insert (see [`Tx::defer`]).
pub fn insert_payment(
    tx: &mut Tx,
    tenant: &TenantId,
    application: &str,
    p: &PaymentRow,
) -> Result<()> {
    tx.defer(sqlx::query(
        "INSERT INTO khidmat_payments (id, tenant_id, application_id, method, reference, amount_paisa, counter_code, day, received_by, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&p.id)
    .bind(tenant.as_str())
    .bind(application)
    .bind(&p.method)
    .bind(&p.reference)
    .bind(p.amount_paisa)
    .bind(&p.counter_code)
    .bind(&p.day)
    .bind(&p.received_by)
    .bind(&p.received_at))
}

pub async fn payment(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    application: &str,
) -> Result<Option<PaymentRow>> {
    Ok(sqlx::query_as(
        "SELECT id, method, reference, amount_paisa, counter_code, day, received_by, received_at \
         FROM khidmat_payments WHERE tenant_id = $1 AND application_id = $2",
    )
    .bind(tenant.as_str())
    .bind(application)
    .fetch_optional(conn)
    .await?)
}

/// Payments of a day at a counter (or at every counter of the tenant, for `''`).
pub async fn payments_of_day(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    counter: &str,
    day: &str,
) -> Result<Vec<PaymentRow>> {
    Ok(sqlx::query_as(
        "SELECT id, method, reference, amount_paisa, counter_code, day, received_by, received_at \
         FROM khidmat_payments WHERE tenant_id = $1 AND ($2 = '' OR counter_code = $2) AND day = $3 ORDER BY received_at",
    )
    .bind(tenant.as_str())
    .bind(counter)
    .bind(day)
    .fetch_all(conn)
    .await?)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct DocumentRow {
    pub id: String,
    pub doc_type: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: String,
}

pub async fn insert_document(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    application: &str,
    d: &DocumentRow,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO khidmat_documents (id, tenant_id, application_id, doc_type, file_name, content_type, size, sha256, uploaded_by, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&d.id)
    .bind(tenant.as_str())
    .bind(application)
    .bind(&d.doc_type)
    .bind(&d.file_name)
    .bind(&d.content_type)
    .bind(d.size)
    .bind(&d.sha256)
    .bind(&d.uploaded_by)
    .bind(&d.uploaded_at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn documents(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    application: &str,
) -> Result<Vec<DocumentRow>> {
    Ok(sqlx::query_as(
        "SELECT id, doc_type, file_name, content_type, size, sha256, uploaded_by, uploaded_at \
         FROM khidmat_documents WHERE tenant_id = $1 AND application_id = $2 ORDER BY id",
    )
    .bind(tenant.as_str())
    .bind(application)
    .fetch_all(conn)
    .await?)
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
pub struct ClosingRow {
    pub id: String,
    pub counter_code: String,
    pub day: String,
    pub expected_paisa: i64,
    pub declared_paisa: i64,
    pub note: String,
    pub closed_by: String,
    pub closed_at: String,
}

pub async fn insert_closing(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    c: &ClosingRow,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO khidmat_closings (id, tenant_id, counter_code, day, expected_paisa, declared_paisa, note, closed_by, closed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&c.id)
    .bind(tenant.as_str())
    .bind(&c.counter_code)
    .bind(&c.day)
    .bind(c.expected_paisa)
    .bind(c.declared_paisa)
    .bind(&c.note)
    .bind(&c.closed_by)
    .bind(&c.closed_at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn closings_of_day(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    day: &str,
) -> Result<Vec<ClosingRow>> {
    Ok(sqlx::query_as(
        "SELECT id, counter_code, day, expected_paisa, declared_paisa, note, closed_by, closed_at \
         FROM khidmat_closings WHERE tenant_id = $1 AND day = $2 ORDER BY counter_code",
    )
    .bind(tenant.as_str())
    .bind(day)
    .fetch_all(conn)
    .await?)
}

pub async fn insert_feedback(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    application: &str,
    rating: i64,
    comment: &str,
    at: &str,
) -> Result<bool> {
    let r = sqlx::query(
        "INSERT INTO khidmat_feedback (application_id, tenant_id, rating, comment, at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (application_id) DO NOTHING",
    )
    .bind(application)
    .bind(tenant.as_str())
    .bind(rating)
    .bind(comment)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn feedback(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    application: &str,
) -> Result<Option<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT rating, comment FROM khidmat_feedback WHERE tenant_id = $1 AND application_id = $2",
    )
    .bind(tenant.as_str())
    .bind(application)
    .fetch_optional(conn)
    .await?)
}
