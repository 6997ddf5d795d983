//! The audit chain: every state change appends, in the same transaction, a record of
//! who did what to which entity, the digest of the entity's new state, and the hash of
//! the previous record. One chain per tenant. `verify` recomputes the chain and compares
//! each audited entity's current rows with its last digest, so direct edits of business
//! tables or of the log itself are detected and named.

use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use sqlx::{Column, Row, any::AnyRow};

use crate::{
    db::{Db, Tx, now_utc},
    error::Result,
};
use daftar_kernel::{Id, TenantId};

/// How to read an audited entity's current state back from the database.
#[derive(Debug)]
pub struct EntitySpec {
    /// Entity type as written in the log, e.g. `geo_unit`.
    pub kind: &'static str,
    /// Queries binding `$1` = tenant id and `$2` = entity id, each with a deterministic
    /// `ORDER BY`. The first returns the entity's main row; no row means "deleted".
    pub state: &'static [&'static str],
    /// Binds `$1` = tenant id and lists every entity id of this kind, so rows that were
    /// inserted behind the application's back (with no audit record) are found.
    pub list: &'static str,
}

/// Who made a change: a user, or a named system command.
#[derive(Clone, Debug)]
pub struct Actor {
    pub tenant: TenantId,
    pub user_id: Option<Id>,
    pub name: String,
}

impl Actor {
    /// A change made by a command-line operation rather than a logged-in user.
    pub fn system(tenant: TenantId, what: &str) -> Self {
        Actor {
            tenant,
            user_id: None,
            name: format!("system:{what}"),
        }
    }
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const DELETED: &str = "deleted";

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Appends one record to the tenant's chain, inside the caller's transaction, after the
/// change itself: the digest is taken of the state the transaction now holds.
pub async fn record(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    spec: &EntitySpec,
    entity_id: &str,
    detail: Value,
) -> Result<()> {
    let tenant = &actor.tenant;
    let digest = state_digest(tx, spec, tenant, entity_id).await?;
    // The head row serialises appends per tenant (a row lock on PostgreSQL; SQLite
    // write transactions are already serial). It exists after a tenant's first record.
    let bump = "UPDATE audit_heads SET seq = seq + 1 WHERE tenant_id = $1 RETURNING seq, hash";
    let head = match sqlx::query(bump)
        .bind(tenant.as_str())
        .fetch_optional(&mut **tx)
        .await?
    {
        Some(head) => head,
        None => {
            sqlx::query("INSERT INTO audit_heads (tenant_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (tenant_id) DO NOTHING")
                .bind(tenant.as_str())
                .bind(GENESIS)
                .execute(&mut **tx)
                .await?;
            sqlx::query(bump)
                .bind(tenant.as_str())
                .fetch_one(&mut **tx)
                .await?
        }
    };
    let seq: i64 = head.try_get("seq")?;
    let prev_hash: String = head.try_get("hash")?;
    let rec = Record {
        seq,
        id: Id::new().to_string(),
        at: now_utc(),
        actor: actor.name.clone(),
        action: action.to_owned(),
        entity_type: spec.kind.to_owned(),
        entity_id: entity_id.to_owned(),
        digest,
        detail: detail.to_string(),
        prev_hash,
        hash: String::new(),
    };
    let hash = rec.compute_hash();
    sqlx::query(
        "INSERT INTO audit_log (tenant_id, seq, id, at, actor, action, entity_type, entity_id, digest, detail, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(tenant.as_str())
    .bind(rec.seq)
    .bind(&rec.id)
    .bind(&rec.at)
    .bind(&rec.actor)
    .bind(&rec.action)
    .bind(&rec.entity_type)
    .bind(&rec.entity_id)
    .bind(&rec.digest)
    .bind(&rec.detail)
    .bind(&rec.prev_hash)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE audit_heads SET hash = $2 WHERE tenant_id = $1")
        .bind(tenant.as_str())
        .bind(&hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// One record of the chain as stored.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Record {
    pub seq: i64,
    pub id: String,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub digest: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

impl Record {
    fn compute_hash(&self) -> String {
        let seq = self.seq.to_string();
        let fields = [
            self.prev_hash.as_str(),
            &seq,
            &self.id,
            &self.at,
            &self.actor,
            &self.action,
            &self.entity_type,
            &self.entity_id,
            &self.digest,
            &self.detail,
        ];
        // Unit separator between fields: no value can make two records hash alike.
        sha256_hex(fields.join("\u{1f}").as_bytes())
    }
}

async fn state_digest(
    conn: &mut sqlx::AnyConnection,
    spec: &EntitySpec,
    tenant: &TenantId,
    entity_id: &str,
) -> Result<String> {
    let mut parts = Vec::with_capacity(spec.state.len());
    for (i, sql) in spec.state.iter().enumerate() {
        let rows = sqlx::query(*sql)
            .bind(tenant.as_str())
            .bind(entity_id)
            .fetch_all(&mut *conn)
            .await?;
        if i == 0 && rows.is_empty() {
            return Ok(DELETED.to_owned());
        }
        parts.push(Value::Array(rows.iter().map(row_to_json).collect()));
    }
    Ok(sha256_hex(Value::Array(parts).to_string().as_bytes()))
}

/// A row as a JSON object, reading each column as an integer, else text, else null.
fn row_to_json(row: &AnyRow) -> Value {
    let mut obj = Map::new();
    for (i, col) in row.columns().iter().enumerate() {
        let v = if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
            v.map(Value::from).unwrap_or(Value::Null)
        } else if let Ok(v) = row.try_get::<Option<String>, _>(i) {
            v.map(Value::from).unwrap_or(Value::Null)
        } else if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
            v.map(Value::from).unwrap_or(Value::Null)
        } else {
            Value::String("<unreadable>".to_owned())
        };
        obj.insert(col.name().to_owned(), v);
    }
    Value::Object(obj)
}

/// What `verify` found wrong, naming the record or entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Finding {
    /// A record's stored hash does not match its contents (the record was edited).
    RecordAltered { seq: i64, id: String },
    /// A record does not follow its predecessor: one was deleted, inserted or moved.
    ChainBroken {
        seq: i64,
        id: String,
        expected_seq: i64,
    },
    /// The chain ends before or after where the head says it does (tail removed).
    HeadMismatch { head_seq: i64, last_seq: i64 },
    /// An entity's current rows differ from its last audited state.
    EntityAltered {
        entity_type: String,
        entity_id: String,
        last_seq: i64,
    },
    /// An entity exists with no audit history at all (inserted behind our back).
    EntityUnaudited {
        entity_type: String,
        entity_id: String,
    },
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::RecordAltered { seq, id } => {
                write!(
                    f,
                    "audit record #{seq} ({id}) was altered: its hash does not match its contents"
                )
            }
            Finding::ChainBroken {
                seq,
                id,
                expected_seq,
            } => write!(
                f,
                "audit record #{seq} ({id}) does not follow record #{}: records were deleted, inserted or reordered",
                expected_seq - 1
            ),
            Finding::HeadMismatch { head_seq, last_seq } => write!(
                f,
                "the chain ends at record #{last_seq} but its head says #{head_seq}: records were removed from the end"
            ),
            Finding::EntityAltered {
                entity_type,
                entity_id,
                last_seq,
            } => write!(
                f,
                "{entity_type} {entity_id} does not match its last audited state (record #{last_seq}): it was changed outside Daftar"
            ),
            Finding::EntityUnaudited {
                entity_type,
                entity_id,
            } => write!(
                f,
                "{entity_type} {entity_id} has no audit history: it was inserted outside Daftar"
            ),
        }
    }
}

/// The outcome of verifying one tenant's chain.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub records: i64,
    pub entities: usize,
    /// Everything found wrong, the first (in chain order) first.
    pub findings: Vec<Finding>,
}

/// Recomputes the tenant's chain and checks every audited entity against it.
pub async fn verify(db: &Db, tenant: &TenantId, specs: &[&EntitySpec]) -> Result<Report> {
    let mut conn = db.pool().acquire().await?;
    let records: Vec<Record> = sqlx::query_as(
        "SELECT seq, id, at, actor, action, entity_type, entity_id, digest, detail, prev_hash, hash
         FROM audit_log WHERE tenant_id = $1 ORDER BY seq",
    )
    .bind(tenant.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut findings = Vec::new();
    let mut prev = GENESIS.to_owned();
    let mut expected = 1;
    let mut last: std::collections::BTreeMap<(String, String), (i64, String)> = Default::default();
    for r in &records {
        if r.compute_hash() != r.hash {
            findings.push(Finding::RecordAltered {
                seq: r.seq,
                id: r.id.clone(),
            });
        } else if r.seq != expected || r.prev_hash != prev {
            findings.push(Finding::ChainBroken {
                seq: r.seq,
                id: r.id.clone(),
                expected_seq: expected,
            });
        }
        prev = r.hash.clone();
        expected = r.seq + 1;
        last.insert(
            (r.entity_type.clone(), r.entity_id.clone()),
            (r.seq, r.digest.clone()),
        );
    }
    let head: Option<(i64, String)> =
        sqlx::query_as("SELECT seq, hash FROM audit_heads WHERE tenant_id = $1")
            .bind(tenant.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    let last_seq = records.last().map(|r| r.seq).unwrap_or(0);
    if let Some((head_seq, head_hash)) = head
        && (head_seq != last_seq || (last_seq > 0 && head_hash != prev))
    {
        findings.push(Finding::HeadMismatch { head_seq, last_seq });
    }
    for spec in specs {
        let ids: Vec<(String,)> = sqlx::query_as(spec.list)
            .bind(tenant.as_str())
            .fetch_all(&mut *conn)
            .await?;
        for (id,) in ids {
            if !last.contains_key(&(spec.kind.to_owned(), id.clone())) {
                findings.push(Finding::EntityUnaudited {
                    entity_type: spec.kind.to_owned(),
                    entity_id: id,
                });
            }
        }
    }
    for ((kind, id), (seq, digest)) in &last {
        let Some(spec) = specs.iter().find(|s| s.kind == kind) else {
            continue;
        };
        let now = state_digest(&mut conn, spec, tenant, id).await?;
        if &now != digest {
            findings.push(Finding::EntityAltered {
                entity_type: kind.clone(),
                entity_id: id.clone(),
                last_seq: *seq,
            });
        }
    }
    Ok(Report {
        records: records.len() as i64,
        entities: last.len(),
        findings,
    })
}
