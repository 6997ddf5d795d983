//! Stewardship: the queue of possible matches, and merging or unmerging people. Every
//! decision carries a reason, is audited, and a merge can be undone exactly.

use daftar_kernel::Id;
use daftar_linkage::Profile;
use daftar_platform::{Ctx, Db, Error, Result, Tx, audit, auth::ResourceScope, db::now_utc};
use serde::Serialize;
use serde_json::json;
use sqlx::AssertSqlSafe;
use utoipa::ToSchema;

use super::{
    keys, name_keys, normalised, refresh_golden,
    store::{self, PERSON, REVIEW},
};

/// Permission to work the stewardship queue and merge or unmerge people.
pub const STEWARD: &str = "mdm.persons.steward";

pub static MERGE: daftar_platform::audit::EntitySpec = daftar_platform::audit::EntitySpec {
    kind: "person_merge",
    state: &[
        "SELECT id, from_person, into_person, source_records, reason, merged_by, undone_by, undo_reason FROM mdm_person_merges WHERE tenant_id = $1 AND id = $2",
    ],
    list: "SELECT id FROM mdm_person_merges WHERE tenant_id = $1",
};

/// An open (or decided) review: a new record that may be someone already known.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, ToSchema)]
pub struct Review {
    pub id: String,
    pub source_record_id: String,
    /// The person the record was given while it waits.
    pub person_id: String,
    /// The person it may be.
    pub candidate_id: String,
    pub probability_ppm: i64,
    /// JSON: per field, level and weight.
    pub explanation: String,
    pub status: String,
    pub decided_by: String,
    pub reason: String,
    pub created_at: String,
}

fn check_reason(reason: &str) -> Result<String> {
    let r = reason.trim();
    if r.is_empty() || r.chars().count() > 500 {
        return Err(Error::field("reason", "err-person-reason"));
    }
    Ok(r.to_owned())
}

/// Reviews with a status (`open`, `accepted`, `rejected`), oldest first.
pub async fn reviews(db: &Db, ctx: &Ctx, status: &str) -> Result<Vec<Review>> {
    ctx.require(STEWARD, &ResourceScope::province())?;
    if !["open", "accepted", "rejected"].contains(&status) {
        return Err(Error::field("status", "err-review-status"));
    }
    Ok(sqlx::query_as(
        "SELECT id, source_record_id, person_id, candidate_id, probability_ppm, explanation, status, decided_by, reason, created_at
         FROM mdm_match_reviews WHERE tenant_id = $1 AND status = $2 ORDER BY created_at, id LIMIT 200",
    )
    .bind(ctx.tenant_id().as_str())
    .bind(status)
    .fetch_all(db.pool())
    .await?)
}

async fn open_review(tx: &mut Tx, ctx: &Ctx, id: &str) -> Result<Review> {
    let r: Review = sqlx::query_as(
        "SELECT id, source_record_id, person_id, candidate_id, probability_ppm, explanation, status, decided_by, reason, created_at
         FROM mdm_match_reviews WHERE tenant_id = $1 AND id = $2",
    )
    .bind(ctx.tenant_id().as_str())
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(Error::NotFound)?;
    if r.status != "open" {
        return Err(Error::conflict(None, "err-review-decided", &[]));
    }
    Ok(r)
}

async fn decide(tx: &mut Tx, ctx: &Ctx, id: &str, status: &str, reason: &str) -> Result<()> {
    sqlx::query("UPDATE mdm_match_reviews SET status = $3, decided_by = $4, decided_at = $5, reason = $6 WHERE tenant_id = $1 AND id = $2")
        .bind(ctx.tenant_id().as_str())
        .bind(id)
        .bind(status)
        .bind(&ctx.user.username)
        .bind(now_utc())
        .bind(reason)
        .execute(&mut **tx)
        .await?;
    audit::record(
        tx,
        &ctx.actor(),
        &format!("match_review.{status}"),
        &REVIEW,
        id,
        json!({ "reason": reason }),
    )
    .await
}

/// The record is the candidate: merge the waiting person into the candidate.
pub async fn accept(db: &Db, ctx: &Ctx, review: &str, reason: &str) -> Result<String> {
    ctx.require(STEWARD, &ResourceScope::province())?;
    let reason = check_reason(reason)?;
    let mut tx = db.begin().await?;
    let r = open_review(&mut tx, ctx, review).await?;
    let merge = merge_in(&mut tx, ctx, &r.person_id, &r.candidate_id, &reason).await?;
    decide(&mut tx, ctx, review, "accepted", &reason).await?;
    tx.commit().await?;
    Ok(merge)
}

/// The record is someone else: keep the people apart.
pub async fn reject(db: &Db, ctx: &Ctx, review: &str, reason: &str) -> Result<()> {
    ctx.require(STEWARD, &ResourceScope::province())?;
    let reason = check_reason(reason)?;
    let mut tx = db.begin().await?;
    open_review(&mut tx, ctx, review).await?;
    decide(&mut tx, ctx, review, "rejected", &reason).await?;
    tx.commit().await?;
    Ok(())
}

/// Merges person `from` into `into` (both active, in the user's province). Returns the
/// merge's id, with which it can be undone.
pub async fn merge(db: &Db, ctx: &Ctx, from: &str, into: &str, reason: &str) -> Result<String> {
    ctx.require(STEWARD, &ResourceScope::province())?;
    let reason = check_reason(reason)?;
    let mut tx = db.begin().await?;
    let id = merge_in(&mut tx, ctx, from, into, &reason).await?;
    tx.commit().await?;
    Ok(id)
}

async fn active(tx: &mut Tx, ctx: &Ctx, id: &str, field: &str) -> Result<store::PersonRow> {
    let p = store::person(tx, &ctx.tenant_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    if p.merged_into.is_some() {
        return Err(Error::conflict(Some(field), "err-person-merged", &[]));
    }
    Ok(p)
}

async fn merge_in(tx: &mut Tx, ctx: &Ctx, from: &str, into: &str, reason: &str) -> Result<String> {
    if from == into {
        return Err(Error::field("into", "err-merge-into-self"));
    }
    let tenant = ctx.tenant_id();
    let mut gone = active(tx, ctx, from, "id").await?;
    active(tx, ctx, into, "into").await?;
    let moved: Vec<String> = store::sources_of(tx, &tenant, from)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    store::relink_sources(tx, &tenant, from, into).await?;
    store::move_keys(tx, &tenant, from, into).await?;
    gone.merged_into = Some(into.to_owned());
    gone.updated_at = now_utc();
    store::save_person(tx, &tenant, &gone, true)?;
    tx.flush().await?;
    let id = Id::new().to_string();
    sqlx::query(
        "INSERT INTO mdm_person_merges (tenant_id, id, from_person, into_person, source_records, reason, merged_by, merged_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(tenant.as_str())
    .bind(&id)
    .bind(from)
    .bind(into)
    .bind(serde_json::to_string(&moved).unwrap_or_default())
    .bind(reason)
    .bind(&ctx.user.username)
    .bind(now_utc())
    .execute(&mut **tx)
    .await?;
    let actor = ctx.actor();
    audit::record(
        tx,
        &actor,
        "person_merge.merge",
        &MERGE,
        &id,
        json!({ "reason": reason }),
    )
    .await?;
    audit::record(
        tx,
        &actor,
        "person.merged",
        &PERSON,
        from,
        json!({ "into": into, "merge": id }),
    )
    .await?;
    for s in &moved {
        audit::record(
            tx,
            &actor,
            "person_source.relink",
            &super::store::SOURCE,
            s,
            json!({ "merge": id }),
        )
        .await?;
    }
    refresh_golden(tx, &actor, into).await?;
    Ok(id)
}

/// Undoes a merge: the moved source records go back, both people's golden records and
/// keys are rebuilt from their own sources.
pub async fn unmerge(db: &Db, ctx: &Ctx, merge: &str, reason: &str) -> Result<()> {
    ctx.require(STEWARD, &ResourceScope::province())?;
    let reason = check_reason(reason)?;
    let tenant = ctx.tenant_id();
    let mut tx = db.begin().await?;
    let row: Option<(String, String, String, String)> =
        sqlx::query_as("SELECT from_person, into_person, source_records, undone_by FROM mdm_person_merges WHERE tenant_id = $1 AND id = $2")
            .bind(tenant.as_str())
            .bind(merge)
            .fetch_optional(&mut *tx)
            .await?;
    let (from, into, moved, undone) = row.ok_or(Error::NotFound)?;
    if !undone.is_empty() {
        return Err(Error::conflict(None, "err-merge-undone", &[]));
    }
    let moved: Vec<String> = serde_json::from_str(&moved).unwrap_or_default();
    if !moved.is_empty() {
        let marks: Vec<String> = (0..moved.len()).map(|i| format!("${}", i + 4)).collect();
        let sql = format!(
            "UPDATE mdm_person_sources SET person_id = $2 WHERE tenant_id = $1 AND person_id = $3 AND id IN ({})",
            marks.join(", ")
        );
        let mut q = sqlx::query(AssertSqlSafe(sql))
            .bind(tenant.as_str())
            .bind(&from)
            .bind(&into);
        for m in &moved {
            q = q.bind(m);
        }
        q.execute(&mut *tx).await?;
    }
    let mut back = store::person(&mut tx, &tenant, &from)
        .await?
        .ok_or(Error::NotFound)?;
    back.merged_into = None;
    back.updated_at = now_utc();
    store::save_person(&mut tx, &tenant, &back, true)?;
    tx.flush().await?;
    sqlx::query("UPDATE mdm_person_merges SET undone_by = $3, undone_at = $4, undo_reason = $5 WHERE tenant_id = $1 AND id = $2")
        .bind(tenant.as_str())
        .bind(merge)
        .bind(&ctx.user.username)
        .bind(now_utc())
        .bind(&reason)
        .execute(&mut *tx)
        .await?;
    let actor = ctx.actor();
    audit::record(
        &mut tx,
        &actor,
        "person_merge.undo",
        &MERGE,
        merge,
        json!({ "reason": reason }),
    )
    .await?;
    for s in &moved {
        audit::record(
            &mut tx,
            &actor,
            "person_source.relink",
            &super::store::SOURCE,
            s,
            json!({ "undo": merge }),
        )
        .await?;
    }
    let profile = super::person_profile();
    for p in [&from, &into] {
        rebuild_keys(&mut tx, &tenant, profile, p).await?;
        refresh_golden(&mut tx, &actor, p).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A person's blocking keys, recomputed from its source records.
async fn rebuild_keys(
    tx: &mut Tx,
    tenant: &daftar_kernel::TenantId,
    profile: &Profile,
    person: &str,
) -> Result<()> {
    sqlx::query("DELETE FROM mdm_person_keys WHERE tenant_id = $1 AND person_id = $2")
        .bind(tenant.as_str())
        .bind(person)
        .execute(&mut **tx)
        .await?;
    for s in store::sources_of(tx, tenant, person).await? {
        let values = normalised(profile, &s.values());
        let mut k = keys(profile, &values);
        if let Some(Some(name)) = profile.field_index("name").and_then(|f| values.get(f)) {
            k.extend(name_keys(name));
        }
        store::add_keys(tx, tenant, person, &k)?;
    }
    tx.flush().await
}
