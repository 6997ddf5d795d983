//! Multi-row inserts for the registry's tables, and the audited state of rows just
//! written (so the audit chain need not read them back).

use sqlx::{AnyConnection, AssertSqlSafe};

use daftar_kernel::TenantId;
use daftar_platform::{
    Tx,
    audit::{State, row_object},
    error::Result,
};
use serde_json::Value;

use super::{PERSON_COLS, PersonRow, SOURCE_COLS, SourceRow};
use crate::persons::golden::ATTRIBUTES;

/// `($1, $b, $b+1, ...)` row placeholders for a multi-row INSERT whose rows bind the
/// tenant as `$1` and then `width` values each.
fn row_marks(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|r| {
            let b = r * width + 2;
            let marks: Vec<String> = (b..b + width).map(|k| format!("${k}")).collect();
            format!("($1, {})", marks.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rows per multi-row INSERT: at most 16 values each, well within every engine's limit
/// on parameters.
const ROWS_PER_INSERT: usize = 16;

/// Inserts source records, as few statements as possible, held back (see [`Tx::defer`]).
pub fn insert_sources(tx: &mut Tx, tenant: &TenantId, rows: &[SourceRow]) -> Result<()> {
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO mdm_person_sources (tenant_id, {SOURCE_COLS}) VALUES {}",
            row_marks(chunk.len(), 15)
        );
        let mut q = sqlx::query(AssertSqlSafe(sql)).bind(tenant.as_str());
        for s in chunk {
            q = q
                .bind(&s.id)
                .bind(&s.source)
                .bind(&s.source_id)
                .bind(&s.person_id);
            for x in s.values() {
                q = q.bind(x);
            }
            q = q
                .bind(&s.decision)
                .bind(s.probability_ppm)
                .bind(&s.received_at);
        }
        tx.defer(q)?;
    }
    Ok(())
}

/// Inserts new golden records.
pub async fn insert_persons(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    rows: &[PersonRow],
) -> Result<()> {
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO mdm_persons (tenant_id, {PERSON_COLS}) VALUES {}",
            row_marks(chunk.len(), 14)
        );
        let mut q = sqlx::query(AssertSqlSafe(sql)).bind(tenant.as_str());
        for p in chunk {
            q = q.bind(&p.id);
            for x in p.values() {
                q = q.bind(x);
            }
            q = q
                .bind(&p.lineage)
                .bind(&p.merged_into)
                .bind(&p.created_at)
                .bind(&p.updated_at)
                .bind(&p.match_values);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Inserts blocking keys `(person, rule, key)`; keys already present are kept.
pub async fn insert_keys(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    rows: &[(String, i64, i64)],
) -> Result<()> {
    for chunk in rows.chunks(ROWS_PER_INSERT * 2) {
        let sql = format!(
            "INSERT INTO mdm_person_keys (tenant_id, person_id, rule, key) VALUES {} ON CONFLICT DO NOTHING",
            row_marks(chunk.len(), 3)
        );
        let mut q = sqlx::query(AssertSqlSafe(sql)).bind(tenant.as_str());
        for (person, rule, key) in chunk {
            q = q.bind(person).bind(*rule).bind(*key);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Opens reviews.
/// Held back (see [`Tx::defer`]).
pub fn insert_reviews(tx: &mut Tx, tenant: &TenantId, rows: &[NewReview]) -> Result<()> {
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO mdm_match_reviews (tenant_id, id, source_record_id, person_id, candidate_id, probability_ppm, explanation, status, created_at) VALUES {}",
            (0..chunk.len())
                .map(|r| {
                    let b = r * 7 + 2;
                    format!(
                        "($1, ${}, ${}, ${}, ${}, ${}, ${}, 'open', ${})",
                        b,
                        b + 1,
                        b + 2,
                        b + 3,
                        b + 4,
                        b + 5,
                        b + 6
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut q = sqlx::query(AssertSqlSafe(sql)).bind(tenant.as_str());
        for r in chunk {
            q = q
                .bind(&r.id)
                .bind(&r.source_record_id)
                .bind(&r.person_id)
                .bind(&r.candidate_id)
                .bind(r.probability_ppm)
                .bind(&r.explanation)
                .bind(&r.created_at);
        }
        tx.defer(q)?;
    }
    Ok(())
}

/// A person's audited state as [`PERSON`]'s query returns it, for a row just written.
pub fn person_state(p: &PersonRow) -> State {
    let v = p.values();
    let mut cols: Vec<(&str, Value)> = vec![("id", Value::from(p.id.as_str()))];
    cols.extend(ATTRIBUTES.iter().zip(v).map(|(a, x)| (*a, Value::from(x))));
    cols.push(("lineage", Value::from(p.lineage.as_str())));
    cols.push((
        "merged_into",
        p.merged_into.as_deref().map_or(Value::Null, Value::from),
    ));
    State::Known(vec![vec![row_object(&cols)]])
}

/// A source record's audited state as [`SOURCE`]'s query returns it.
pub fn source_state(s: &SourceRow) -> State {
    let v = s.values();
    let mut cols: Vec<(&str, Value)> = vec![
        ("id", Value::from(s.id.as_str())),
        ("source", Value::from(s.source.as_str())),
        ("source_id", Value::from(s.source_id.as_str())),
        ("person_id", Value::from(s.person_id.as_str())),
    ];
    cols.extend(ATTRIBUTES.iter().zip(v).map(|(a, x)| (*a, Value::from(x))));
    cols.push(("decision", Value::from(s.decision.as_str())));
    cols.push(("probability_ppm", Value::from(s.probability_ppm)));
    State::Known(vec![vec![row_object(&cols)]])
}

/// A review as opened, as [`REVIEW`]'s query returns it.
pub fn review_state(r: &NewReview) -> State {
    State::Known(vec![vec![row_object(&[
        ("id", Value::from(r.id.as_str())),
        ("source_record_id", Value::from(r.source_record_id.as_str())),
        ("person_id", Value::from(r.person_id.as_str())),
        ("candidate_id", Value::from(r.candidate_id.as_str())),
        ("probability_ppm", Value::from(r.probability_ppm)),
        ("status", Value::from("open")),
        ("decided_by", Value::from("")),
        ("reason", Value::from("")),
    ])]])
}

/// A review to open.
#[derive(Clone, Debug)]
pub struct NewReview {
    pub id: String,
    pub source_record_id: String,
    pub person_id: String,
    pub candidate_id: String,
    pub probability_ppm: i64,
    pub explanation: String,
    pub created_at: String,
}
