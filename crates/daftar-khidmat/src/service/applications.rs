//! Taking an application at the counter (applicant resolved to a golden person record,
//! fees fixed from the schedule in force that day, one receipt), documents, payment,
//! and the staff's view of one application.

use std::collections::BTreeMap;

use daftar_kernel::{CivilDate, Cnic, Id};
use daftar_mdm::persons::{self, SourceRecord};
use daftar_platform::{
    Ctx, Db, Error, Result, Tx,
    audit::{self, sha256_hex},
    db::now_utc,
    error::Problems,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

pub use super::payments::{NewPayment, pay};
use super::{COUNTER, blobs, norm, scope_of, setup::Setup, today};
use crate::{
    catalogue::{FeeLine, Service, total},
    store::{
        self,
        apps::{self, APPLICATION, AppRow, DocumentRow, EventRow},
    },
};

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    pub cnic: String,
    pub name: String,
    #[serde(default)]
    pub father_name: String,
    /// `male`, `female` or `other`.
    #[serde(default)]
    pub gender: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub dob: String,
    /// Pakistani mobile number, `03001234567` or `+923001234567`: stage SMS go here.
    pub mobile: String,
    #[serde(default)]
    pub address: String,
}

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApplication {
    /// Service code, e.g. `DOMICILE`.
    pub service: String,
    /// The counter taking it, e.g. `PB-EKM-LHR-JT-C1`.
    pub counter: String,
    /// The token being served, if any.
    #[serde(default)]
    pub token: Option<String>,
    #[serde(default)]
    pub urgent: bool,
    pub applicant: Applicant,
    /// The service's form fields by code.
    #[serde(default)]
    pub form: BTreeMap<String, String>,
}

/// The receipt: every fee head and the total, and the tracking id.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Receipt {
    pub tracking_id: String,
    pub service: String,
    pub service_name: String,
    pub service_name_ur: String,
    pub applicant_name: String,
    pub cnic: String,
    pub urgent: bool,
    /// The date of the fee schedule applied.
    pub fee_schedule: String,
    pub fees: Vec<FeeLine>,
    pub total_paisa: i64,
    pub stage: String,
    pub centre: String,
    pub counter: String,
    pub taken_at: String,
    /// True when this answers a repeated request with the same `Idempotency-Key`.
    pub replayed: bool,
}

pub fn receipt(a: &AppRow, s: &Service, replayed: bool) -> Receipt {
    Receipt {
        tracking_id: a.tracking_id.clone(),
        service: s.code.clone(),
        service_name: s.name.clone(),
        service_name_ur: s.name_ur.clone(),
        applicant_name: a.applicant_name.clone(),
        cnic: Cnic::parse(&a.cnic).map(|c| c.masked()).unwrap_or_default(),
        urgent: a.urgent != 0,
        fee_schedule: a.fee_schedule.clone(),
        fees: serde_json::from_str(&a.fees).unwrap_or_default(),
        total_paisa: a.fee_total,
        stage: a.stage.clone(),
        centre: a.centre_code.clone(),
        counter: a.counter_code.clone(),
        taken_at: a.taken_at.clone(),
        replayed,
    }
}

/// `03001234567` from the usual ways of writing a Pakistani mobile number.
fn mobile(s: &str) -> Option<String> {
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let local = if let Some(rest) = digits.strip_prefix("92") {
        format!("0{rest}")
    } else {
        digits
    };
    (local.len() == 11 && local.starts_with("03")).then_some(local)
}

fn check(
    req: &NewApplication,
    service: &Service,
) -> Result<(Cnic, String, BTreeMap<String, String>)> {
    let mut p = Problems::new();
    let cnic = Cnic::parse(&req.applicant.cnic);
    if cnic.is_err() {
        p.add("applicant.cnic", "err-cnic");
    }
    let name = req.applicant.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        p.add("applicant.name", "err-required");
    }
    let phone = mobile(&req.applicant.mobile);
    if phone.is_none() {
        p.add("applicant.mobile", "khidmat-err-mobile");
    }
    if !req.applicant.dob.trim().is_empty() && CivilDate::parse(req.applicant.dob.trim()).is_err() {
        p.add("applicant.dob", "err-date");
    }
    if !["", "male", "female", "other"].contains(&req.applicant.gender.trim()) {
        p.add("applicant.gender", "khidmat-err-gender");
    }
    if req.urgent && service.urgent_days.is_none() {
        p.add("urgent", "khidmat-err-no-urgent");
    }
    let mut form = BTreeMap::new();
    for f in &service.fields {
        let v = req.form.get(&f.code).map(|v| v.trim()).unwrap_or("");
        let field = format!("form.{}", f.code);
        if v.is_empty() {
            p.add(field, "err-required");
        } else if v.chars().count() > 500 {
            p.add(field, "khidmat-err-too-long");
        } else if f.kind == "date" && CivilDate::parse(v).is_err() {
            p.add(field, "err-date");
        } else if f.kind == "number" && v.parse::<f64>().is_err() {
            p.add(field, "khidmat-err-number");
        } else {
            form.insert(f.code.clone(), v.to_owned());
        }
    }
    for k in req.form.keys() {
        if !service.fields.iter().any(|f| &f.code == k) {
            p.add(format!("form.{k}"), "khidmat-err-unknown-field");
        }
    }
    p.finish()?;
    match (cnic, phone) {
        (Ok(c), Some(m)) => Ok((c, m, form)),
        _ => Err(Error::field("applicant", "err-required")),
    }
}

/// Takes an application; a repeat with the same idempotency key returns the first
/// receipt (and a different request under a used key is refused).
pub async fn take(db: &Db, ctx: &Ctx, req: &NewApplication, key: Option<&str>) -> Result<Receipt> {
    let t = ctx.tenant_id();
    let key = key.map(str::trim).filter(|k| !k.is_empty());
    if key.is_some_and(|k| k.len() > 100) {
        return Err(Error::field("Idempotency-Key", "khidmat-err-too-long"));
    }
    let digest = sha256_hex(
        serde_json::to_string(req)
            .map_err(|e| Error::Internal(e.to_string()))?
            .as_bytes(),
    );
    let setup = super::setup::of(db, ctx).await?;
    let counter = setup
        .counter(&norm(&req.counter))
        .ok_or_else(|| Error::field("counter", "khidmat-err-unknown-counter"))?;
    let centre = setup.centre(&counter.centre_code).ok_or(Error::NotFound)?;
    ctx.require(COUNTER, &super::centre_scope(centre))?;
    let service = setup
        .service(&norm(&req.service))
        .ok_or_else(|| Error::field("service", "khidmat-err-unknown-service"))?;
    let (cnic, phone, form) = check(req, service)?;
    let on = today().iso();
    let (schedule, lines) = service
        .fees_on(&on, req.urgent)
        .ok_or_else(|| Error::field("service", "khidmat-err-no-fees"))?;
    let (schedule, lines) = (schedule.to_owned(), lines.to_vec());
    let id = Id::new().to_string();
    let actor = ctx.actor();
    let now = now_utc();
    let record = SourceRecord {
        source: "khidmat".to_owned(),
        source_id: id.clone(),
        cnic: Some(cnic.to_string()),
        name: Some(req.applicant.name.trim().to_owned()),
        father_name: Some(req.applicant.father_name.trim().to_owned()).filter(|s| !s.is_empty()),
        gender: Some(req.applicant.gender.trim().to_owned()).filter(|s| !s.is_empty()),
        dob: Some(req.applicant.dob.trim().to_owned()).filter(|s| !s.is_empty()),
        district: Some(centre.district.clone()),
        address: Some(req.applicant.address.trim().to_owned()).filter(|s| !s.is_empty()),
        phone: Some(phone.clone()),
    };
    // The applicant is checked and normalised first; the candidate search and the
    // tracking number then open the transaction, in one round trip.
    let (planned, search) = persons::plan_deferred(db, ctx, &record).await?;
    let year = &on[..4];
    let sequence = format!("tracking:{year}");
    let mut first = vec![store::next_number_query(&t, &sequence)];
    first.extend(search);
    // The row as far as it is known before the transaction (its tracking number and
    // person come from the transaction's opening), built before the writer is held.
    let mut row = AppRow {
        id: id.clone(),
        tenant_id: t.as_str().to_owned(),
        tracking_id: String::new(),
        service_code: service.code.clone(),
        centre_code: centre.code.clone(),
        counter_code: counter.code.clone(),
        district: centre.district.clone(),
        token_id: req.token.clone().filter(|s| !s.trim().is_empty()),
        person_id: String::new(),
        cnic: cnic.to_string(),
        applicant_name: req.applicant.name.trim().to_owned(),
        mobile: phone.clone(),
        urgent: i64::from(req.urgent),
        form: serde_json::to_string(&form).map_err(|e| Error::Internal(e.to_string()))?,
        fee_schedule: schedule.clone(),
        fee_total: total(&lines),
        fees: serde_json::to_string(&lines).map_err(|e| Error::Internal(e.to_string()))?,
        stage: "payment".to_owned(),
        returned_from: None,
        received_on: None,
        due_on: None,
        escalation_level: 0,
        taken_by: actor.name.clone(),
        taken_at: now.clone(),
        updated_at: now.clone(),
        idempotency_key: key.map(str::to_owned),
        request_digest: digest.clone(),
    };
    let prefix = format!("{}-{year}", ctx.tenant.code);
    // The transaction runs on the write thread (`Db::write`), with what it needs moved in.
    let (owned_db, owned_ctx) = (db.clone(), ctx.clone());
    let written = db
        .write(async move {
            let (db, ctx) = (&owned_db, &owned_ctx);
            let (mut tx, answers) = db.begin_with_each(first).await?;
            let n = store::number_of(answers.first().map_or(&[][..], Vec::as_slice), &sequence)?;
            let found = answers.get(1).map_or(&[][..], Vec::as_slice);
            let (person, mut entries) =
                persons::resolve_planned(&mut tx, ctx, &record, planned, found).await?;
            row.tracking_id = format!("{prefix}-{n:06}");
            row.person_id = person.person_id;
            apps::insert(&mut tx, &row)?;
            let submitted = event(
                &mut tx,
                &row,
                "submit",
                "",
                "payment",
                "",
                &actor.name,
                &now,
            )
            .await?;
            // The applicant's records and the application, in one append to the chain; the
            // application's state is what was just written: its row and first event.
            entries.push(audit::Entry {
                action: "khidmat_application.take",
                spec: &APPLICATION,
                entity_id: id,
                detail: json!({ "service": row.service_code, "tracking_id": row.tracking_id }),
                state: audit::State::Known(vec![
                    vec![apps::app_state(&row)],
                    vec![apps::event_state(&submitted)],
                    vec![],
                    vec![],
                    vec![],
                    vec![],
                ]),
            });
            audit::record_all_with_commit(&mut tx, &actor, entries).await?;
            tx.commit().await?;
            Ok::<_, Error>(row)
        })
        .await;
    match (written, key) {
        (Ok(row), _) => Ok(receipt(&row, service, false)),
        // The key was used before (or by a concurrent request that got there first):
        // answer as the first request was answered.
        (Err(e), Some(k)) => {
            let mut conn = db.pool().acquire().await?;
            match apps::by_idempotency_key(&mut conn, &t, k).await? {
                Some(done) => replay(&setup, &done, &digest),
                None => Err(e),
            }
        }
        (Err(e), None) => Err(e),
    }
}

fn replay(setup: &Setup, done: &AppRow, digest: &str) -> Result<Receipt> {
    if done.request_digest != digest {
        return Err(Error::conflict(
            Some("Idempotency-Key"),
            "khidmat-conflict-key",
            &[],
        ));
    }
    let service = setup.service(&done.service_code).ok_or(Error::NotFound)?;
    Ok(receipt(done, service, true))
}

/// Appends an event of an application.
#[allow(clippy::too_many_arguments)]
pub(super) async fn event(
    tx: &mut Tx,
    a: &AppRow,
    action: &str,
    from: &str,
    to: &str,
    reason: &str,
    actor: &str,
    at: &str,
) -> Result<EventRow> {
    let e = EventRow {
        id: Id::new().to_string(),
        action: action.to_owned(),
        from_stage: from.to_owned(),
        to_stage: to.to_owned(),
        reason: reason.to_owned(),
        actor: actor.to_owned(),
        at: at.to_owned(),
    };
    apps::insert_event(tx, &ctx_tenant(a), &a.id, &e)?;
    Ok(e)
}

pub(super) fn ctx_tenant(a: &AppRow) -> daftar_kernel::TenantId {
    daftar_kernel::TenantId::from_stored(a.tenant_id.clone())
}

/// An application of the user's province that the user may see at its centre.
pub(super) async fn visible<'s>(
    conn: &mut sqlx::AnyConnection,
    ctx: &Ctx,
    setup: &'s Setup,
    tracking: &str,
) -> Result<(AppRow, &'s Service)> {
    let t = ctx.tenant_id();
    let a = apps::by_tracking(conn, &t, &norm(tracking))
        .await?
        .ok_or(Error::NotFound)?;
    let at = scope_of(&a.district, &a.centre_code);
    if ![COUNTER, super::BACKOFFICE, super::MANAGE, super::ADMINISTER]
        .iter()
        .any(|p| ctx.can(p, &at))
    {
        return Err(Error::Forbidden);
    }
    let s = setup.service(&a.service_code).ok_or(Error::NotFound)?;
    Ok((a, s))
}

/// Stores a document of the application: a type the service asks for, a PDF, JPEG or
/// PNG whose bytes match its declared type, at most 5 MiB.
/// A file sent with its declared type.
pub struct Upload {
    pub doc_type: String,
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

pub async fn attach(
    db: &Db,
    ctx: &Ctx,
    data_dir: &std::path::Path,
    tracking: &str,
    up: Upload,
) -> Result<DocumentRow> {
    let t = ctx.tenant_id();
    let setup = super::setup::of(db, ctx).await?;
    let (a, service) = {
        let mut conn = db.pool().acquire().await?;
        visible(&mut conn, ctx, &setup, tracking).await?
    };
    ctx.require(COUNTER, &scope_of(&a.district, &a.centre_code))?;
    let Upload {
        doc_type,
        file_name,
        content_type,
        bytes,
    } = up;
    let (doc_type, file_name, content_type) =
        (doc_type.as_str(), file_name.as_str(), content_type.as_str());
    let mut p = Problems::new();
    if !service.documents.iter().any(|d| d.code == doc_type) {
        p.add("doc_type", "khidmat-err-doc-type");
    }
    if bytes.is_empty() {
        p.add("file", "err-required");
    } else if bytes.len() > blobs::MAX_BYTES {
        p.add("file", "khidmat-err-too-large");
    }
    let kind = blobs::sniff(content_type, &bytes);
    if kind.is_none() && !bytes.is_empty() {
        p.add("file", "khidmat-err-file-type");
    }
    p.finish()?;
    let size = bytes.len() as i64;
    let sha = blobs::put(data_dir, bytes).await?;
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control() && *c != '/' && *c != '\\')
        .take(120)
        .collect();
    let d = DocumentRow {
        id: Id::new().to_string(),
        doc_type: doc_type.to_owned(),
        file_name: if name.is_empty() {
            "document".to_owned()
        } else {
            name
        },
        content_type: kind.unwrap_or("application/octet-stream").to_owned(),
        size,
        sha256: sha,
        uploaded_by: ctx.actor().name,
        uploaded_at: now_utc(),
    };
    let mut tx = db.begin().await?;
    apps::insert_document(&mut tx, &t, &a.id, &d).await?;
    audit::record(
        &mut tx,
        &ctx.actor(),
        "khidmat_application.attach",
        &APPLICATION,
        &a.id,
        json!({ "doc_type": doc_type, "sha256": d.sha256 }),
    )
    .await?;
    tx.commit().await?;
    Ok(d)
}

/// A document's bytes, for staff who may see the application.
pub async fn document(
    db: &Db,
    ctx: &Ctx,
    data_dir: &std::path::Path,
    tracking: &str,
    id: &str,
) -> Result<(DocumentRow, Vec<u8>)> {
    let setup = super::setup::of(db, ctx).await?;
    let mut conn = db.pool().acquire().await?;
    let (a, _) = visible(&mut conn, ctx, &setup, tracking).await?;
    let d = apps::documents(&mut conn, &ctx.tenant_id(), &a.id)
        .await?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or(Error::NotFound)?;
    let bytes = blobs::get(data_dir, &d.sha256).await?;
    Ok((d, bytes))
}

/// Applications of a centre waiting for its counter: unpaid, returned for a
/// deficiency, or ready for collection.
pub async fn at_counter(db: &Db, ctx: &Ctx, centre: &str) -> Result<Vec<Receipt>> {
    let t = ctx.tenant_id();
    let setup = super::setup::of(db, ctx).await?;
    let c = setup.centre(&norm(centre)).ok_or(Error::NotFound)?;
    ctx.require(COUNTER, &super::centre_scope(c))?;
    let stages = ["payment", "returned", "ready"].map(str::to_owned);
    let rows = {
        let mut conn = db.pool().acquire().await?;
        apps::at_stages(&mut conn, &t, &stages, 500).await?
    };
    let mut out: Vec<Receipt> = rows
        .iter()
        .filter(|a| a.centre_code == c.code)
        .filter_map(|a| Some(receipt(a, setup.service(&a.service_code)?, false)))
        .collect();
    out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at));
    Ok(out)
}
