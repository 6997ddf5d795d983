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
    record_all(
        tx,
        actor,
        vec![Entry {
            action,
            spec,
            entity_id: entity_id.to_owned(),
            detail,
            state: State::Read,
        }],
    )
    .await
}

/// What an entry's digest is taken of.
#[derive(Clone, Debug)]
pub enum State {
    /// The entity's rows read back with its spec's queries: what the transaction holds.
    Read,
    /// The rows the caller has just written, exactly as the spec's queries return them
    /// (one list of row objects per query; see [`row_object`]). This spares a read per
    /// record on hot and bulk paths; `verify` re-reads the rows, so a state that does not
    /// match what was written is reported there.
    Known(Vec<Vec<Value>>),
    /// Some of the rows known, as for `Known`, and the rest (`None`) read back with the
    /// spec's query of the same position.
    Parts(Vec<Option<Vec<Value>>>),
}

/// One change to record.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    pub action: &'a str,
    pub spec: &'a EntitySpec,
    pub entity_id: String,
    pub detail: Value,
    pub state: State,
}

/// Rows per INSERT into the log (12 parameters each; well below every engine's limit).
const INSERT_ROWS: usize = 16;

/// Appends several records to the tenant's chain in order, inside the caller's
/// transaction, after the changes: the head is moved once and the records are written
/// with as few statements as possible.
pub async fn record_all(tx: &mut Tx, actor: &Actor, entries: Vec<Entry<'_>>) -> Result<()> {
    record_all_with_commit(tx, actor, entries).await?;
    tx.flush().await
}

/// [`record_all`], with the records' inserts held back ([`Tx::defer`]) to go with the
/// transaction's commit: one round trip less, for a caller that commits next (or only
/// runs statements through [`Tx::run`] and [`Tx::fetch`] before it does).
pub async fn record_all_with_commit(
    tx: &mut Tx,
    actor: &Actor,
    entries: Vec<Entry<'_>>,
) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let tenant = &actor.tenant;
    let mut digests = Vec::with_capacity(entries.len());
    for e in &entries {
        digests.push(match &e.state {
            State::Read => state_digest(Reader::Tx(tx), e.spec, tenant, &e.entity_id, &[]).await?,
            State::Known(parts) => digest_of(parts),
            State::Parts(parts) => {
                state_digest(Reader::Tx(tx), e.spec, tenant, &e.entity_id, parts).await?
            }
        });
    }
    let n = entries.len() as i64;
    let at = now_utc();
    // The head row serialises appends per tenant (a row lock on PostgreSQL; SQLite write
    // transactions are already serial). Where this process knows the head, it moves it
    // in one statement guarded on that exact head, so the records can only link to the
    // true tip; otherwise (another process wrote, a transaction rolled back) the head is
    // read as it is and moved, and its hash set after the records. On SQLite, a head
    // remembered in the writer's current epoch is the tip for certain (nobody else has
    // written, nothing was rolled back): the move needs no answer and goes with the
    // transaction's next statement or its commit.
    let epoch = tx.writer_epoch();
    let known = LAST_HEADS
        .lock()
        .ok()
        .and_then(|h| h.get(tenant.as_str()).cloned());
    let mut fast = None;
    if let Some((seq, hash, known_in)) = known {
        let records = chain(&entries, &digests, actor, &at, seq, hash.clone());
        let (last_seq, last_hash) = tip(&records, seq, &hash);
        if epoch.is_some() && known_in == epoch {
            tx.defer(
                sqlx::query("UPDATE audit_heads SET seq = $2, hash = $3 WHERE tenant_id = $1")
                    .bind(tenant.as_str())
                    .bind(last_seq)
                    .bind(last_hash),
            )?;
            fast = Some(records);
        } else {
            // Sent with the writes the transaction held back, if any.
            let moved = tx
                .run(
                    sqlx::query(
                        "UPDATE audit_heads SET seq = $4, hash = $5 WHERE tenant_id = $1 AND seq = $2 AND hash = $3",
                    )
                    .bind(tenant.as_str())
                    .bind(seq)
                    .bind(&hash)
                    .bind(last_seq)
                    .bind(&last_hash),
                )
                .await?;
            if moved == 1 {
                fast = Some(records);
            }
        }
    }
    let records = match fast {
        Some(records) => {
            insert_records(tx, tenant, &records)?;
            records
        }
        None => {
            let bump =
                "UPDATE audit_heads SET seq = seq + $2 WHERE tenant_id = $1 RETURNING seq, hash";
            let head = match tx
                .fetch(sqlx::query(bump).bind(tenant.as_str()).bind(n))
                .await?
                .pop()
            {
                Some(head) => head,
                None => {
                    tx.defer(sqlx::query("INSERT INTO audit_heads (tenant_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (tenant_id) DO NOTHING")
                        .bind(tenant.as_str())
                        .bind(GENESIS))?;
                    tx.fetch(sqlx::query(bump).bind(tenant.as_str()).bind(n))
                        .await?
                        .pop()
                        .ok_or_else(|| {
                            crate::Error::Internal("the audit head was not created".to_owned())
                        })?
                }
            };
            let last_seq: i64 = head.try_get("seq")?;
            let prev_hash: String = head.try_get("hash")?;
            let records = chain(&entries, &digests, actor, &at, last_seq - n, prev_hash);
            insert_records(tx, tenant, &records)?;
            let (_, last_hash) = tip(&records, last_seq, "");
            tx.defer(
                sqlx::query("UPDATE audit_heads SET hash = $2 WHERE tenant_id = $1")
                    .bind(tenant.as_str())
                    .bind(&last_hash),
            )?;
            records
        }
    };
    // Should this transaction roll back, the guard above fails once (and the writer's
    // epoch moves on) and the slow path reads the head again.
    remember(tenant, &records, epoch);
    Ok(())
}

/// Remembers the tip for the next append, with the writer's epoch.
fn remember(tenant: &TenantId, records: &[Record], epoch: Option<u64>) {
    if let (Some(last), Ok(mut heads)) = (records.last(), LAST_HEADS.lock()) {
        heads.insert(
            tenant.as_str().to_owned(),
            (last.seq, last.hash.clone(), epoch),
        );
    }
}

/// The head of each tenant's chain as this process last moved it, and the writer epoch
/// it was moved in (SQLite).
type Heads = std::collections::HashMap<String, (i64, String, Option<u64>)>;
static LAST_HEADS: std::sync::LazyLock<std::sync::Mutex<Heads>> =
    std::sync::LazyLock::new(Default::default);

/// The records of `entries`, numbered after `seq` and linked from `prev_hash`.
fn chain(
    entries: &[Entry<'_>],
    digests: &[String],
    actor: &Actor,
    at: &str,
    seq: i64,
    mut prev_hash: String,
) -> Vec<Record> {
    let mut records = Vec::with_capacity(entries.len());
    for (i, (e, digest)) in entries.iter().zip(digests).enumerate() {
        let mut rec = Record {
            seq: seq + 1 + i as i64,
            id: Id::new().to_string(),
            at: at.to_owned(),
            actor: actor.name.clone(),
            action: e.action.to_owned(),
            entity_type: e.spec.kind.to_owned(),
            entity_id: e.entity_id.clone(),
            digest: digest.clone(),
            detail: e.detail.to_string(),
            prev_hash: std::mem::take(&mut prev_hash),
            hash: String::new(),
        };
        rec.hash = rec.compute_hash();
        prev_hash = rec.hash.clone();
        records.push(rec);
    }
    records
}

/// The sequence number and hash the head holds after `records` (or before, if none).
fn tip(records: &[Record], seq: i64, hash: &str) -> (i64, String) {
    records
        .last()
        .map_or_else(|| (seq, hash.to_owned()), |r| (r.seq, r.hash.clone()))
}

/// Holds back the records' inserts: they go with the transaction's next statement or its
/// commit.
fn insert_records(tx: &mut Tx, tenant: &TenantId, records: &[Record]) -> Result<()> {
    for chunk in records.chunks(INSERT_ROWS) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|r| {
                let b = r * 11 + 2;
                let marks: Vec<String> = (b..b + 11).map(|k| format!("${k}")).collect();
                format!("($1, {})", marks.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO audit_log (tenant_id, seq, id, at, actor, action, entity_type, entity_id, digest, detail, prev_hash, hash) VALUES {}",
            rows.join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(tenant.as_str());
        for rec in chunk {
            q = q
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
                .bind(&rec.hash);
        }
        tx.defer(q)?;
    }
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

/// Where state rows are read: a connection, or a transaction (which first sends the
/// writes it held back).
enum Reader<'a> {
    Conn(&'a mut sqlx::AnyConnection),
    Tx(&'a mut Tx),
}

/// The digest of an entity's state, reading with its spec's queries every part that
/// `known` does not hold (`known` may be shorter than the spec, or empty).
async fn state_digest(
    reader: Reader<'_>,
    spec: &EntitySpec,
    tenant: &TenantId,
    entity_id: &str,
    known: &[Option<Vec<Value>>],
) -> Result<String> {
    // The parts not known, read together (in one round trip, in a transaction on SQLite).
    let queries: Vec<_> = spec
        .state
        .iter()
        .enumerate()
        .filter(|(i, _)| !matches!(known.get(*i), Some(Some(_))))
        .map(|(_, sql)| sqlx::query(*sql).bind(tenant.as_str()).bind(entity_id))
        .collect();
    let read = match reader {
        Reader::Conn(conn) => {
            let mut out = Vec::with_capacity(queries.len());
            for q in queries {
                out.push(q.fetch_all(&mut *conn).await?);
            }
            out
        }
        Reader::Tx(tx) => tx.fetch_each(queries).await?,
    };
    let mut read = read.into_iter();
    let mut parts = Vec::with_capacity(spec.state.len());
    for i in 0..spec.state.len() {
        let rows = match known.get(i) {
            Some(Some(rows)) => rows.clone(),
            _ => read
                .next()
                .unwrap_or_default()
                .iter()
                .map(row_to_json)
                .collect(),
        };
        parts.push(rows);
    }
    Ok(digest_of(&parts))
}

/// The digest of an entity's state: its rows per state query, as [`row_to_json`] reads
/// them. An empty first list means "deleted".
fn digest_of(parts: &[Vec<Value>]) -> String {
    if parts.first().is_none_or(Vec::is_empty) {
        return DELETED.to_owned();
    }
    let parts: Vec<Value> = parts
        .iter()
        .map(|rows| Value::Array(rows.clone()))
        .collect();
    sha256_hex(Value::Array(parts).to_string().as_bytes())
}

/// A row as a state query returns it, built by the caller for [`State::Known`]: column
/// names with their text, integer or null values, in the query's column order.
pub fn row_object(columns: &[(&str, Value)]) -> Value {
    Value::Object(
        columns
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
    )
}

/// A row as a JSON object, reading each column as an integer, else text, else null: as
/// a state query's rows are audited, for [`State::Known`] built from rows read.
pub fn row_to_json(row: &AnyRow) -> Value {
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
        let now = state_digest(Reader::Conn(&mut conn), spec, tenant, id, &[]).await?;
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
