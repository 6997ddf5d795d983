//! SQL for the person registry's tables, and nothing else.

use sqlx::{AnyConnection, AssertSqlSafe, Row};

use daftar_kernel::TenantId;
use daftar_platform::{Tx, audit::EntitySpec, error::Result};

mod insert;
pub use insert::*;

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

pub static RULES: EntitySpec = EntitySpec {
    kind: "person_rules",
    state: &[
        "SELECT tenant_id, survivorship FROM mdm_person_rules WHERE tenant_id = $1 AND tenant_id = $2",
    ],
    list: "SELECT tenant_id FROM mdm_person_rules WHERE tenant_id = $1",
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
    Ok(sources_query(tenant, person).fetch_all(conn).await?)
}

/// The query of [`sources_of`], for [`Tx::fetch_as`].
pub fn sources_query(
    tenant: &TenantId,
    person: &str,
) -> sqlx::query::QueryAs<'static, sqlx::Any, SourceRow, sqlx::any::AnyArguments> {
    sqlx::query_as(AssertSqlSafe(format!("SELECT {SOURCE_COLS} FROM mdm_person_sources WHERE tenant_id = $1 AND person_id = $2 ORDER BY received_at, id")))
        .bind(tenant.as_str().to_owned())
        .bind(person.to_owned())
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

/// Holds back the write (see [`Tx::defer`]).
pub fn save_person(tx: &mut Tx, tenant: &TenantId, p: &PersonRow, exists: bool) -> Result<()> {
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
    tx.defer(
        q.bind(&p.lineage)
            .bind(&p.merged_into)
            .bind(&p.created_at)
            .bind(&p.updated_at)
            .bind(&p.match_values),
    )
}

/// Rewrites a golden record's values and lineage, leaving the indexed columns (CNIC,
/// normalised values, merge, creation) as they are: a resolution that changes none of
/// them writes the row alone, not every index of the table.
/// Holds back the write (see [`Tx::defer`]).
pub fn update_unindexed(tx: &mut Tx, tenant: &TenantId, p: &PersonRow) -> Result<()> {
    let v = p.values();
    let mut q = sqlx::query(
        "UPDATE mdm_persons SET name = $3, father_name = $4, gender = $5, dob = $6, district = $7, address = $8, phone = $9, lineage = $10, updated_at = $11 WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant.as_str())
    .bind(&p.id);
    for x in &v[1..] {
        q = q.bind(x);
    }
    tx.defer(q.bind(&p.lineage).bind(&p.updated_at))
}

/// Adds blocking keys pointing at a person (already present ones are kept), in one
/// statement, held back (see [`Tx::defer`]).
pub fn add_keys(tx: &mut Tx, tenant: &TenantId, person: &str, keys: &[(i64, i64)]) -> Result<()> {
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
    tx.defer(q)
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

/// A golden record as resolution compares it (all in the `mdm_persons_match` index).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Candidate {
    pub id: String,
    pub cnic: String,
    pub created_at: String,
    pub match_values: String,
}

/// The `limit` active golden records that share the most telling keys with a record, in
/// one statement. A shared key counts 1/n when n people hold it; a key held by more than
/// `max_block` people says too little to propose anyone (batch linkage skips such blocks
/// too), and each lookup reads at most `max_block + 1` index entries. The candidates come
/// back packed in one row (fields split by U+001D, records by U+001E): handing over a
/// hundred rows one by one costs more than finding them.
pub async fn candidates_for(
    conn: &mut AnyConnection,
    tenant: &TenantId,
    keys: &[(i64, i64)],
    max_block: usize,
    limit: usize,
) -> Result<Vec<Candidate>> {
    let Some(q) = candidates_query(tenant, keys, max_block, limit) else {
        return Ok(Vec::new());
    };
    let row = q.fetch_one(conn).await?;
    unpack_candidates(std::slice::from_ref(&row))
}

/// The statement of [`candidates_for`], to be sent with others; `None` without keys.
/// Its answer is read by [`unpack_candidates`].
pub fn candidates_query(
    tenant: &TenantId,
    keys: &[(i64, i64)],
    max_block: usize,
    limit: usize,
) -> Option<sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments>> {
    if keys.is_empty() {
        return None;
    }
    let cap = max_block + 1;
    let arms: Vec<String> = (0..keys.len())
        .map(|i| {
            let (r, k) = (2 * i + 2, 2 * i + 3);
            format!(
                "SELECT person_id, n FROM (SELECT person_id, COUNT(*) OVER () AS n FROM (SELECT person_id FROM mdm_person_keys WHERE tenant_id = $1 AND rule = ${r} AND key = ${k} LIMIT {cap}) a{i}) b{i} WHERE n <= {max_block}"
            )
        })
        .collect();
    let sql = format!(
        "SELECT string_agg(id || '\u{1d}' || cnic || '\u{1d}' || created_at || '\u{1d}' || match_values, '\u{1e}') \
         FROM mdm_persons WHERE tenant_id = $1 AND merged_into IS NULL AND id IN \
         (SELECT person_id FROM ({}) shared GROUP BY person_id ORDER BY SUM(1.0 / n) DESC, person_id LIMIT {limit})",
        arms.join(" UNION ALL ")
    );
    let mut q = sqlx::query(AssertSqlSafe(sql)).bind(tenant.as_str().to_owned());
    for (r, k) in keys {
        q = q.bind(*r).bind(*k);
    }
    Some(q)
}

/// The candidates in the answer of [`candidates_query`] (one row, packed), by id.
pub fn unpack_candidates(rows: &[sqlx::any::AnyRow]) -> Result<Vec<Candidate>> {
    let packed: Option<String> = match rows.first() {
        Some(row) => row.try_get(0)?,
        None => None,
    };
    let mut out: Vec<Candidate> = packed
        .as_deref()
        .unwrap_or("")
        .split('\u{1e}')
        .filter_map(|rec| {
            let mut f = rec.splitn(4, '\u{1d}');
            Some(Candidate {
                id: f.next().filter(|id| !id.is_empty())?.to_owned(),
                cnic: f.next()?.to_owned(),
                created_at: f.next()?.to_owned(),
                match_values: f.next()?.to_owned(),
            })
        })
        .collect();
    out.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// The province's survivorship settings as stored (JSON), if any.
pub async fn rules(conn: &mut AnyConnection, tenant: &TenantId) -> Result<Option<String>> {
    Ok(sqlx::query_as::<_, (String,)>(
        "SELECT survivorship FROM mdm_person_rules WHERE tenant_id = $1",
    )
    .bind(tenant.as_str())
    .fetch_optional(conn)
    .await?
    .map(|(s,)| s))
}

/// Sets the province's survivorship settings.
pub async fn save_rules(conn: &mut AnyConnection, tenant: &TenantId, json: &str) -> Result<()> {
    sqlx::query("DELETE FROM mdm_person_rules WHERE tenant_id = $1")
        .bind(tenant.as_str())
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO mdm_person_rules (tenant_id, survivorship) VALUES ($1, $2)")
        .bind(tenant.as_str())
        .bind(json)
        .execute(conn)
        .await?;
    Ok(())
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
