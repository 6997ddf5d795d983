//! Resolution, the online path: one record in, a decision out, in one transaction with
//! as few statements as the work allows (every module calls this when a citizen turns
//! up, so its latency is the registry's).

use std::{
    collections::HashMap,
    sync::{Arc, LazyLock},
};

use daftar_kernel::{Id, TenantId};
use daftar_linkage::{
    Profile,
    model::{self, Model},
};
use daftar_platform::{
    Ctx, Db, Error, Result, Tx,
    audit::{self, Actor, Entry},
    auth::ResourceScope,
    db::now_utc,
    stamps,
};
use serde_json::json;

use super::{
    Decision, MATCH_AT, POSSIBLE_AT, RESOLVE, Resolution, SourceRecord, Survivorship, golden, keys,
    name_keys, normalised, person_profile,
    store::{self, Candidate, MODEL, NewReview, PERSON, PersonRow, REVIEW, SOURCE, SourceRow},
    validate,
};

/// The model used until a province's own data trains one: learned by `daftar match` from
/// synthetic Pakistani records (see BENCHMARKS.md).
const DEFAULT_MODEL: &str = include_str!("default_model.json");

/// What resolving needs of a province besides the records.
#[derive(Debug)]
pub(crate) struct Setup {
    pub model: Model,
    pub survivorship: Survivorship,
}

/// Settings per province, kept at the province's configuration stamp. A model is a few
/// kilobytes of JSON; parsing it on every resolve would cost more than the lookups.
/// Another process (an import, a pack load) may change either; both move the stamp.
pub(super) static SETUPS: LazyLock<stamps::Cache<Setup>> = LazyLock::new(stamps::Cache::default);

fn parse_model(text: &str) -> Result<Model> {
    serde_json::from_str::<Model>(text)
        .map(Model::restored)
        .map_err(|e| Error::Internal(format!("linkage model: {e}")))
}

/// The province's learned model (or the built-in one) and survivorship settings (or the
/// defaults).
pub(crate) async fn load_setup(
    conn: &mut sqlx::AnyConnection,
    tenant: &TenantId,
) -> Result<Arc<Setup>> {
    let stamp = stamps::current(conn, tenant).await?;
    load_setup_at(conn, tenant, stamp).await
}

/// [`load_setup`] when the caller knows the province's configuration stamp (a request
/// reads it with its session).
pub(crate) async fn load_setup_at(
    conn: &mut sqlx::AnyConnection,
    tenant: &TenantId,
    stamp: i64,
) -> Result<Arc<Setup>> {
    if let Some(setup) = SETUPS.get(tenant, stamp) {
        return Ok(setup);
    }
    let model = match store::model(conn, tenant).await? {
        Some((text, _)) => parse_model(&text)?,
        None => parse_model(DEFAULT_MODEL)?,
    };
    let survivorship = match store::rules(conn, tenant).await? {
        Some(text) => serde_json::from_str(&text)
            .map_err(|e| Error::Internal(format!("survivorship settings: {e}")))?,
        None => Survivorship::default(),
    };
    Ok(SETUPS.put(
        tenant,
        stamp,
        Setup {
            model,
            survivorship,
        },
    ))
}

/// Stores a newly trained model for the province (audited).
pub(crate) async fn save_model(
    db: &Db,
    actor: &Actor,
    model: &Model,
    records: usize,
) -> Result<()> {
    let text = serde_json::to_string(model).map_err(|e| Error::Internal(e.to_string()))?;
    let mut tx = db.begin().await?;
    store::save_model(&mut tx, &actor.tenant, &text, records as i64, &now_utc()).await?;
    audit::record(
        &mut tx,
        actor,
        "linkage_model.train",
        &MODEL,
        actor.tenant.as_str(),
        json!({ "records": records }),
    )
    .await?;
    daftar_platform::stamps::bump(&mut tx, &actor.tenant).await?;
    tx.commit().await?;
    Ok(())
}

/// Resolves a record on behalf of a user or system with the right to.
pub async fn resolve(db: &Db, ctx: &Ctx, record: &SourceRecord) -> Result<Resolution> {
    ctx.require(RESOLVE, &ResourceScope::province())?;
    let mut tx = db.begin().await?;
    let setup = load_setup(&mut tx, &ctx.tenant_id()).await?;
    let r = resolve_in(&mut tx, &ctx.actor(), person_profile(), &setup, record).await?;
    tx.commit().await?;
    Ok(r)
}

/// Resolves a record inside the caller's transaction, for a module that takes people's
/// records from its own users (an application's applicant at a service counter). The
/// module has checked its own permission; the person's changes commit or roll back with
/// the caller's, so a refused application leaves no person behind.
pub async fn resolve_within(
    tx: &mut Tx,
    actor: &Actor,
    record: &SourceRecord,
) -> Result<Resolution> {
    let setup = load_setup(tx, &actor.tenant).await?;
    resolve_in(tx, actor, person_profile(), &setup, record).await
}

/// Golden records compared per resolution at most: those sharing the most telling keys.
/// (At a million people, 2% of records share a key with 80 or more; reading all of them
/// would set the latency of every resolution.)
pub(super) const CANDIDATES: usize = 32;

/// Version of the stored normalised values; values of another version are recomputed.
const MATCH_VALUES_VERSION: &str = "1";

/// Normalised values as stored beside a golden record.
pub(super) fn encode_match_values(values: &[Option<String>]) -> String {
    let mut out = String::from(MATCH_VALUES_VERSION);
    for v in values {
        out.push('\u{1f}');
        out.push_str(v.as_deref().unwrap_or(""));
    }
    out
}

/// Stored normalised values, when they are of the current version.
fn stored_values(profile: &Profile, stored: &str) -> Option<Vec<Option<String>>> {
    let mut parts = stored.split('\u{1f}');
    if parts.next() != Some(MATCH_VALUES_VERSION) {
        return None;
    }
    let v: Vec<Option<String>> = parts
        .map(|p| (!p.is_empty()).then(|| p.to_owned()))
        .collect();
    (v.len() == profile.fields.len()).then_some(v)
}

/// Each candidate's normalised values: the stored ones, or (for golden records written
/// before they were stored) computed from the record.
async fn candidate_values(
    tx: &mut Tx,
    tenant: &TenantId,
    profile: &Profile,
    candidates: &[Candidate],
) -> Result<Vec<Vec<Option<String>>>> {
    let mut out: Vec<Option<Vec<Option<String>>>> = candidates
        .iter()
        .map(|c| stored_values(profile, &c.match_values))
        .collect();
    let stale: Vec<String> = candidates
        .iter()
        .zip(&out)
        .filter(|(_, v)| v.is_none())
        .map(|(c, _)| c.id.clone())
        .collect();
    if !stale.is_empty() {
        let rows: HashMap<String, PersonRow> = store::persons(tx, tenant, &stale)
            .await?
            .into_iter()
            .map(|p| (p.id.clone(), p))
            .collect();
        for (c, v) in candidates.iter().zip(out.iter_mut()) {
            if v.is_none() {
                *v = Some(rows.get(&c.id).map_or_else(
                    || vec![None; profile.fields.len()],
                    |p| normalised(profile, &p.values()),
                ));
            }
        }
    }
    Ok(out.into_iter().map(Option::unwrap_or_default).collect())
}

/// Resolution inside a transaction (the import runs many in one).
pub(crate) async fn resolve_in(
    tx: &mut Tx,
    actor: &Actor,
    profile: &Profile,
    setup: &Setup,
    record: &SourceRecord,
) -> Result<Resolution> {
    let (resolution, entries) = resolve_entries(tx, &actor.tenant, profile, setup, record).await?;
    audit::record_all(tx, actor, entries).await?;
    Ok(resolution)
}

/// A resolution's writes, and the audit entries that record them. A source id resolved
/// already gives that resolution as the answer.
async fn resolve_entries(
    tx: &mut Tx,
    tenant: &TenantId,
    profile: &Profile,
    setup: &Setup,
    record: &SourceRecord,
) -> Result<(Resolution, Vec<Entry<'static>>)> {
    validate(record)?;
    // The reads below go to the connection itself: nothing may be held back before them.
    tx.flush().await?;
    let (source, source_id) = (record.source.trim(), record.source_id.trim());
    if let Some(s) = store::source_by_key(tx, tenant, source, source_id).await? {
        let decision = match s.decision.as_str() {
            "match" => Decision::Match,
            "possible" => Decision::Possible,
            _ => Decision::New,
        };
        let replayed = Resolution {
            decision,
            person_id: s.person_id,
            source_record_id: s.id,
            probability: s.probability_ppm as f64 / 1e6,
            candidate_id: None,
            explanation: Vec::new(),
            replayed: true,
        };
        return Ok((replayed, Vec::new()));
    }
    let raw = record.values();
    let values = normalised(profile, &raw);
    let record_keys = keys(profile, &values);
    let candidates =
        store::candidates_for(tx, tenant, &record_keys, profile.max_block, CANDIDATES).await?;
    resolve_against(
        tx,
        tenant,
        profile,
        setup,
        record,
        values,
        record_keys,
        candidates,
    )
    .await
}

/// The rest of a resolution once its candidates are read.
#[allow(clippy::too_many_arguments)]
pub(super) async fn resolve_against(
    tx: &mut Tx,
    tenant: &TenantId,
    profile: &Profile,
    setup: &Setup,
    record: &SourceRecord,
    values: Vec<Option<String>>,
    record_keys: Vec<(i64, i64)>,
    candidates: Vec<store::Candidate>,
) -> Result<(Resolution, Vec<Entry<'static>>)> {
    let model = &setup.model;
    let comparators = profile.comparators();
    // Candidates come ordered by id, so ties go to the oldest person.
    let mut best: Option<(f64, u64, &Candidate)> = None;
    let their_values = candidate_values(tx, tenant, profile, &candidates).await?;
    for (c, theirs) in candidates.iter().zip(&their_values) {
        let pattern = model::pattern_of(&comparators, &values, theirs);
        let prob = Model::probability(model.pattern_weight(pattern));
        if best.as_ref().is_none_or(|(b, _, _)| prob > *b) {
            best = Some((prob, pattern, c));
        }
    }
    let (probability, explanation) = match &best {
        Some((p, pattern, _)) => (*p, model.explain_pattern(*pattern)),
        None => (0.0, Vec::new()),
    };
    let decision = if probability >= MATCH_AT {
        Decision::Match
    } else if probability >= POSSIBLE_AT {
        Decision::Possible
    } else {
        Decision::New
    };
    let now = now_utc();
    let matched = match (&decision, &best) {
        (Decision::Match, Some((_, _, c))) => Some(*c),
        _ => None,
    };
    let person_id = matched.map_or_else(|| Id::new().to_string(), |c| c.id.clone());
    let source_row = source_row(record, &person_id, decision.as_str(), probability, &now);
    store::insert_sources(tx, tenant, std::slice::from_ref(&source_row))?;
    let mut entries = vec![Entry {
        action: "person_source.resolve",
        spec: &SOURCE,
        entity_id: source_row.id.clone(),
        detail: json!({ "decision": decision.as_str(), "person": person_id }),
        state: store::source_state(&source_row),
    }];
    // The golden record: a new person is this record alone; a match adds it to the rest.
    let sources = match matched {
        Some(_) => {
            tx.fetch_as(store::sources_query(tenant, &person_id))
                .await?
        }
        None => vec![source_row.clone()],
    };
    let existing = matched.map(|c| Existing {
        created_at: c.created_at.clone(),
        merged_into: None,
        indexed: Some((c.cnic.clone(), c.match_values.clone())),
    });
    entries.push(
        save_golden(
            tx,
            tenant,
            profile,
            &setup.survivorship,
            &person_id,
            &sources,
            existing.as_ref(),
        )
        .await?,
    );
    let mut stored = record_keys.clone();
    if let Some(Some(name)) = profile.field_index("name").and_then(|f| values.get(f)) {
        stored.extend(name_keys(name));
    }
    store::add_keys(tx, tenant, &person_id, &stored)?;
    let candidate_id = match (decision, &best) {
        (Decision::Possible, Some((_, _, candidate))) => {
            let review = NewReview {
                id: Id::new().to_string(),
                source_record_id: source_row.id.clone(),
                person_id: person_id.clone(),
                candidate_id: candidate.id.clone(),
                probability_ppm: source_row.probability_ppm,
                explanation: serde_json::to_string(&explanation).unwrap_or_default(),
                created_at: now,
            };
            store::insert_reviews(tx, tenant, std::slice::from_ref(&review))?;
            entries.push(Entry {
                action: "match_review.open",
                spec: &REVIEW,
                entity_id: review.id.clone(),
                detail: json!({}),
                state: store::review_state(&review),
            });
            Some(candidate.id.clone())
        }
        _ => None,
    };
    let resolution = Resolution {
        decision,
        person_id,
        source_record_id: source_row.id,
        probability,
        candidate_id,
        explanation,
        replayed: false,
    };
    Ok((resolution, entries))
}

/// The source record a resolution stores: the values as given (trimmed), with the
/// decision it led to.
pub(super) fn source_row(
    r: &SourceRecord,
    person_id: &str,
    decision: &str,
    probability: f64,
    now: &str,
) -> SourceRow {
    let [
        cnic,
        name,
        father_name,
        gender,
        dob,
        district,
        address,
        phone,
    ] = r.values();
    SourceRow {
        id: Id::new().to_string(),
        source: r.source.trim().to_owned(),
        source_id: r.source_id.trim().to_owned(),
        person_id: person_id.to_owned(),
        cnic,
        name,
        father_name,
        gender,
        dob,
        district,
        address,
        phone,
        decision: decision.to_owned(),
        probability_ppm: (probability * 1e6).round() as i64,
        received_at: now.to_owned(),
    }
}

/// What a golden record keeps when it is recomputed.
pub(super) struct Existing {
    pub created_at: String,
    pub merged_into: Option<String>,
    /// The stored CNIC and normalised values, when known: if neither changes, only the
    /// row is rewritten, not the table's indexes.
    pub indexed: Option<(String, String)>,
}

/// The golden record that a person's source records make (pure).
pub(super) fn golden_row(
    profile: &Profile,
    survivorship: &Survivorship,
    person_id: &str,
    sources: &[SourceRow],
    existing: Option<&Existing>,
    now: &str,
) -> PersonRow {
    let inputs: Vec<golden::SourceValues> = sources
        .iter()
        .map(|s| golden::SourceValues {
            id: s.id.clone(),
            source: s.source.clone(),
            received_at: s.received_at.clone(),
            values: display_values(&s.values()),
        })
        .collect();
    let (values, lineage) = golden::survive(&inputs, survivorship);
    let match_values = encode_match_values(&normalised(profile, &values));
    let [
        cnic,
        name,
        father_name,
        gender,
        dob,
        district,
        address,
        phone,
    ] = values;
    PersonRow {
        id: person_id.to_owned(),
        cnic,
        name,
        father_name,
        gender,
        dob,
        district,
        address,
        phone,
        lineage: serde_json::to_string(&lineage).unwrap_or_else(|_| "{}".to_owned()),
        merged_into: existing.and_then(|p| p.merged_into.clone()),
        created_at: existing.map_or_else(|| now.to_owned(), |p| p.created_at.clone()),
        updated_at: now.to_owned(),
        match_values,
    }
}

/// Saves a person's recomputed golden record and returns its audit entry.
async fn save_golden<'a>(
    tx: &mut Tx,
    tenant: &TenantId,
    profile: &Profile,
    survivorship: &Survivorship,
    person_id: &str,
    sources: &[SourceRow],
    existing: Option<&Existing>,
) -> Result<Entry<'a>> {
    let row = golden_row(
        profile,
        survivorship,
        person_id,
        sources,
        existing,
        &now_utc(),
    );
    match existing.and_then(|e| e.indexed.as_ref()) {
        Some((cnic, values)) if *cnic == row.cnic && *values == row.match_values => {
            store::update_unindexed(tx, tenant, &row)?
        }
        _ => store::save_person(tx, tenant, &row, existing.is_some())?,
    }
    Ok(Entry {
        action: if existing.is_some() {
            "person.update"
        } else {
            "person.create"
        },
        spec: &PERSON,
        entity_id: person_id.to_owned(),
        detail: json!({}),
        state: store::person_state(&row),
    })
}

/// Recomputes a person's golden values from all its source records (audited).
pub(crate) async fn refresh_golden(tx: &mut Tx, actor: &Actor, person_id: &str) -> Result<()> {
    let tenant = &actor.tenant;
    let sources = store::sources_of(tx, tenant, person_id).await?;
    let existing = store::person(tx, tenant, person_id)
        .await?
        .map(|p| Existing {
            created_at: p.created_at,
            merged_into: p.merged_into,
            indexed: None,
        });
    let setup = load_setup(tx, tenant).await?;
    let entry = save_golden(
        tx,
        tenant,
        person_profile(),
        &setup.survivorship,
        person_id,
        &sources,
        existing.as_ref(),
    )
    .await?;
    audit::record_all(tx, actor, vec![entry]).await
}

/// Values as a golden record shows them: CNIC in its dashed form, dates as keys, gender
/// as M/F, phones as 03XX-XXXXXXX; names and addresses as written.
pub(super) fn display_values(v: &[String; 8]) -> [String; 8] {
    let cnic = daftar_kernel::Cnic::parse(&v[0])
        .map(|c| c.to_string())
        .unwrap_or_else(|_| v[0].clone());
    let gender = daftar_linkage::normalise::gender(&v[3])
        .map(|g| g.to_ascii_uppercase().to_string())
        .unwrap_or_default();
    let dob = daftar_linkage::normalise::date(&v[4])
        .map(|d| d.key())
        .unwrap_or_default();
    let phone = daftar_linkage::normalise::phone(&v[7])
        .map(|p| {
            if p.len() == 10 && p.starts_with('3') {
                format!("0{}-{}", &p[..3], &p[3..])
            } else {
                p
            }
        })
        .unwrap_or_default();
    [
        cnic,
        v[1].clone(),
        v[2].clone(),
        gender,
        dob,
        v[5].clone(),
        v[6].clone(),
        phone,
    ]
}
