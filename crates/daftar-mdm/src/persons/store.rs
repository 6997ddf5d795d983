//! SQL for the person registry's tables, and nothing else.

use sqlx::{AnyConnection, AssertSqlSafe, Row};

use daftar_kernel::TenantId;
use daftar_platform::{
    audit::{EntitySpec, State, row_object},
    error::Result,
};
use serde_json::Value;

use super::golden::ATTRIBUTES;

pub static PERSON: EntitySpec = EntitySpec {
    kind: "person",
    state: &[
        "SELECT id, cnic, name, father_name, gender, dob, district, address, phone, lineage, merged_into FROM mdm_persons WHERE tenant_id = $1 AND id = $2",
    ],
    list: "SELECT id FROM mdm_persons WHERE tenant_id = $1",
};

pub static SOURCE: EntitySpec = EntitySpec {
    kind: "person_source",
    state: &[
        "SELECT id, source, source_id, person_id, cnic, name, father_name, gender, dob, district, address, phone, decision, probability_ppm FROM mdm_person_sources WHERE tenant_id = $1 AND id = $2",
    ],
    list: "SELECT id FROM mdm_person_sources WHERE tenant_id = $1",
};

pub static REVIEW: EntitySpec = EntitySpec {
    kind: "match_review",
    state: &[
        "SELECT id, source_record_id, person_id, candidate_id, probability_ppm, status, decided_by, reason FROM mdm_match_reviews WHERE tenant_id = $1 AND id = $2",
    ],
    list: "SELECT id FROM mdm_match_reviews WHERE tenant_id = $1",
};

pub static MODEL: EntitySpec = EntitySpec {
    kind: "linkage_model",
    state: &[
        "SELECT tenant_id, model, records FROM mdm_linkage_models WHERE tenant_id = $1 AND tenant_id = $2",
    ],
    list: "SELECT tenant_id FROM mdm_linkage_models WHERE tenant_id = $1",
};

/// A golden record as stored.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct PersonRow {
    pub id: String,
    pub cnic: String,
    pub name: String,
    pub father_name: String,
    pub gender: String,
    pub dob: String,
    pub district: String,
    pub address: String,
    pub phone: String,
    pub lineage: String,
    pub merged_into: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The values as the linkage profile normalises them (derived, not audited).
    #[serde(skip)]
    pub match_values: String,
}

impl PersonRow {
    pub fn values(&self) -> [String; 8] {
        [
            &self.cnic,
            &self.name,
            &self.father_name,
            &self.gender,
            &self.dob,
            &self.district,
            &self.address,
            &self.phone,
        ]
        .map(String::clone)
    }
}

/// A source record as stored.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct SourceRow {
    pub id: String,
    pub source: String,
    pub source_id: String,
    pub person_id: String,
    pub cnic: String,
    pub name: String,
    pub father_name: String,
    pub gender: String,
    pub dob: String,
    pub district: String,
    pub address: String,
    pub phone: String,
    pub decision: String,
    pub probability_ppm: i64,
    pub received_at: String,
}

impl SourceRow {
    pub fn values(&self) -> [String; 8] {
        [
            &self.cnic,
            &self.name,
            &self.father_name,
            &self.gender,
            &self.dob,
            &self.district,
            &self.address,
            &self.phone,
        ]
        .map(String::clone)
    }
}

const PERSON_COLS: &str = "id, cnic, name, father_name, gender, dob, district, address, phone, lineage, merged_into, created_at, updated_at, match_values";
const SOURCE_COLS: &str = "id, source, source_id, person_id, cnic, name, father_name, gender, dob, district, address, phone, decision, probability_ppm, received_at";

pub async fn source_by_key(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    source: &str,
    source_id: &str,
) -> Result<Option<SourceRow>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!("SELECT {SOURCE_COLS} FROM mdm_person_sources WHERE tenant_id = $1 AND source = $2 AND source_id = $3")))
        .bind(tenant.as_str())
        .bind(source)
        .bind(source_id)
        .fetch_optional(conn)
        .await?)
}

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

/// Inserts source records, as few statements as possible.
pub async fn insert_sources(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    rows: &[SourceRow],
) -> Result<()> {
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
        q.execute(&mut *conn).await?;
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

pub async fn relink_sources(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    from: &str,
    to: &str,
) -> Result<u64> {
    Ok(sqlx::query(
        "UPDATE mdm_person_sources SET person_id = $3 WHERE tenant_id = $1 AND person_id = $2",
    )
    .bind(tenant.as_str())
    .bind(from)
    .bind(to)
    .execute(conn)
    .await?
    .rows_affected())
}

pub async fn sources_of(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    person: &str,
) -> Result<Vec<SourceRow>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!("SELECT {SOURCE_COLS} FROM mdm_person_sources WHERE tenant_id = $1 AND person_id = $2 ORDER BY received_at, id")))
        .bind(tenant.as_str())
        .bind(person)
        .fetch_all(conn)
        .await?)
}

pub async fn person(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    id: &str,
) -> Result<Option<PersonRow>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {PERSON_COLS} FROM mdm_persons WHERE tenant_id = $1 AND id = $2"
    )))
    .bind(tenant.as_str())
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// Active golden records among `ids`.
pub async fn persons(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    ids: &[String],
) -> Result<Vec<PersonRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT {PERSON_COLS} FROM mdm_persons WHERE tenant_id = $1 AND merged_into IS NULL AND id IN ({})",
        marks.join(", ")
    );
    let mut q = sqlx::query_as(AssertSqlSafe(sql)).bind(tenant.as_str());
    for id in ids {
        q = q.bind(id);
    }
    Ok(q.fetch_all(conn).await?)
}

pub async fn persons_by_cnic(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    cnic: &str,
) -> Result<Vec<PersonRow>> {
    Ok(sqlx::query_as(AssertSqlSafe(format!("SELECT {PERSON_COLS} FROM mdm_persons WHERE tenant_id = $1 AND cnic = $2 AND merged_into IS NULL ORDER BY id LIMIT 50")))
        .bind(tenant.as_str())
        .bind(cnic)
        .fetch_all(conn)
        .await?)
}

pub async fn save_person(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    p: &PersonRow,
    exists: bool,
) -> Result<()> {
    let v = p.values();
    let sql = if exists {
        "UPDATE mdm_persons SET cnic = $3, name = $4, father_name = $5, gender = $6, dob = $7, district = $8, address = $9, phone = $10, lineage = $11, merged_into = $12, updated_at = $14, match_values = $15 WHERE tenant_id = $1 AND id = $2 AND created_at = $13"
    } else {
        "INSERT INTO mdm_persons (tenant_id, id, cnic, name, father_name, gender, dob, district, address, phone, lineage, merged_into, created_at, updated_at, match_values) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
    };
    let mut q = sqlx::query(sql).bind(tenant.as_str()).bind(&p.id);
    for x in v {
        q = q.bind(x);
    }
    q.bind(&p.lineage)
        .bind(&p.merged_into)
        .bind(&p.created_at)
        .bind(&p.updated_at)
        .bind(&p.match_values)
        .execute(conn)
        .await?;
    Ok(())
}

/// Adds blocking keys pointing at a person (already present ones are kept), in one
/// statement.
pub async fn add_keys(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    person: &str,
    keys: &[(i64, i64)],
) -> Result<()> {
    if keys.is_empty() {
        return Ok(());
    }
    let rows: Vec<String> = (0..keys.len())
        .map(|i| format!("($1, ${}, ${}, $2)", 2 * i + 3, 2 * i + 4))
        .collect();
    let sql = format!(
        "INSERT INTO mdm_person_keys (tenant_id, rule, key, person_id) VALUES {} ON CONFLICT DO NOTHING",
        rows.join(", ")
    );
    let mut q = sqlx::query(AssertSqlSafe(sql))
        .bind(tenant.as_str())
        .bind(person);
    for (rule, key) in keys {
        q = q.bind(*rule).bind(*key);
    }
    q.execute(conn).await?;
    Ok(())
}

pub async fn move_keys(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    from: &str,
    to: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO mdm_person_keys (tenant_id, rule, key, person_id)
         SELECT tenant_id, rule, key, $3 FROM mdm_person_keys WHERE tenant_id = $1 AND person_id = $2 ON CONFLICT DO NOTHING",
    )
    .bind(tenant.as_str())
    .bind(from)
    .bind(to)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM mdm_person_keys WHERE tenant_id = $1 AND person_id = $2")
        .bind(tenant.as_str())
        .bind(from)
        .execute(conn)
        .await?;
    Ok(())
}

/// Persons sharing any of the keys (at most `limit` per key). One indexed lookup per
/// key, joined with UNION (an OR of key pairs would scan the whole index).
pub async fn candidates(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    keys: &[(i64, i64)],
    limit: i64,
) -> Result<Vec<String>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let arms: Vec<String> = (0..keys.len())
        .map(|i| format!("SELECT person_id FROM (SELECT person_id FROM mdm_person_keys WHERE tenant_id = $1 AND rule = ${} AND key = ${} LIMIT {limit}) k{i}", 2 * i + 2, 2 * i + 3))
        .collect();
    let mut q = sqlx::query(AssertSqlSafe(arms.join(" UNION "))).bind(tenant.as_str());
    for (r, k) in keys {
        q = q.bind(*r).bind(*k);
    }
    let rows = q.fetch_all(conn).await?;
    rows.iter()
        .map(|r| r.try_get::<String, _>(0).map_err(Into::into))
        .collect()
}

pub async fn model(conn: &mut AnyConnection, tenant: &TenantId) -> Result<Option<(String, i64)>> {
    Ok(
        sqlx::query_as("SELECT model, records FROM mdm_linkage_models WHERE tenant_id = $1")
            .bind(tenant.as_str())
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn save_model(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    model: &str,
    records: i64,
    now: &str,
) -> Result<()> {
    sqlx::query("DELETE FROM mdm_linkage_models WHERE tenant_id = $1")
        .bind(tenant.as_str())
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO mdm_linkage_models (tenant_id, model, records, trained_at) VALUES ($1, $2, $3, $4)")
        .bind(tenant.as_str())
        .bind(model)
        .bind(records)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Opens reviews.
pub async fn insert_reviews(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    rows: &[NewReview],
) -> Result<()> {
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
        q.execute(&mut *conn).await?;
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

/// A golden record as resolution compares it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Candidate {
    pub id: String,
    pub cnic: String,
    pub name: String,
    pub father_name: String,
    pub gender: String,
    pub dob: String,
    pub district: String,
    pub address: String,
    pub phone: String,
    pub created_at: String,
    pub match_values: String,
}

impl Candidate {
    pub fn values(&self) -> [String; 8] {
        [
            &self.cnic,
            &self.name,
            &self.father_name,
            &self.gender,
            &self.dob,
            &self.district,
            &self.address,
            &self.phone,
        ]
        .map(String::clone)
    }
}

/// Active golden records sharing any of the keys, in one statement. A key shared by more
/// than `max_block` people says too little to propose anyone (batch linkage skips such
/// blocks too), so it proposes no one; each lookup reads at most `max_block + 1` index
/// entries.
pub async fn candidates_for(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    keys: &[(i64, i64)],
    max_block: usize,
) -> Result<Vec<Candidate>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let cap = max_block + 1;
    let arms: Vec<String> = (0..keys.len())
        .map(|i| {
            let (r, k) = (2 * i + 2, 2 * i + 3);
            format!(
                "SELECT person_id FROM (SELECT person_id FROM mdm_person_keys WHERE tenant_id = $1 AND rule = ${r} AND key = ${k} LIMIT {cap}) a{i} \
                 WHERE (SELECT COUNT(*) FROM (SELECT 1 FROM mdm_person_keys WHERE tenant_id = $1 AND rule = ${r} AND key = ${k} LIMIT {cap}) c{i}) <= {max_block}"
            )
        })
        .collect();
    let sql = format!(
        "SELECT id, cnic, name, father_name, gender, dob, district, address, phone, created_at, match_values \
         FROM mdm_persons WHERE tenant_id = $1 AND merged_into IS NULL AND id IN ({}) ORDER BY id",
        arms.join(" UNION ")
    );
    let mut q = sqlx::query_as(AssertSqlSafe(sql)).bind(tenant.as_str());
    for (r, k) in keys {
        q = q.bind(*r).bind(*k);
    }
    Ok(q.fetch_all(conn).await?)
}

/// When the province's model was last trained (none: the built-in one is used).
pub async fn model_stamp(conn: &mut AnyConnection, tenant: &TenantId) -> Result<Option<String>> {
    Ok(sqlx::query_as::<_, (String,)>(
        "SELECT trained_at FROM mdm_linkage_models WHERE tenant_id = $1",
    )
    .bind(tenant.as_str())
    .fetch_optional(conn)
    .await?
    .map(|(t,)| t))
}

/// Whether the province's registry holds no person and no source record yet.
pub async fn registry_empty(conn: &mut AnyConnection, tenant: &TenantId) -> Result<bool> {
    let any: Option<(i64,)> = sqlx::query_as(
        "SELECT 1 FROM mdm_persons WHERE tenant_id = $1 UNION ALL SELECT 1 FROM mdm_person_sources WHERE tenant_id = $1 LIMIT 1",
    )
    .bind(tenant.as_str())
    .fetch_optional(conn)
    .await?;
    Ok(any.is_none())
}
