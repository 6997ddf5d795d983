//! The first load of a province's registry. When the registry is empty, resolving a
//! file row by row would compare each record with the ones before it, one transaction
//! at a time; batch linkage does the same comparisons at once. The file's records are
//! clustered at the match threshold (the guard keeps chains of unlike records apart):
//! each cluster becomes a person, its first record `new` and the others `match`; a pair
//! of clusters with a likely but unsure link opens one review for a steward, exactly as
//! a `possible` resolution does. Everything is then written in large transactions, each
//! change audited like its online counterpart.

use std::collections::HashMap;

use daftar_kernel::Id;
use daftar_linkage::{Dataset, Match, Profile, model};
use daftar_platform::{
    Db, Result,
    audit::{self, Actor, Entry},
    db::now_utc,
};
use serde_json::json;

use super::{
    MATCH_AT, Setup, SourceRecord, keys, name_keys,
    resolve::{golden_row, source_row},
    store::{self, NewReview, PERSON, PersonRow, REVIEW, SOURCE, SourceRow},
};

/// People written per transaction.
const PEOPLE_PER_TX: usize = 2000;

/// What a first load decided.
#[derive(Debug, Default)]
pub struct Loaded {
    pub matched: u64,
    pub possible: u64,
    pub new: u64,
}

/// Loads `records` (dataset index, record; each index once, every record valid) into an
/// empty registry, using the run's `matches` (all pairs at or above `POSSIBLE_AT`).
#[allow(clippy::too_many_arguments)]
pub(super) async fn first_load(
    db: &Db,
    actor: &Actor,
    profile: &Profile,
    setup: &Setup,
    ds: &Dataset,
    matches: &[Match],
    records: Vec<(u32, SourceRecord)>,
    progress: &mut dyn FnMut(u64),
) -> Result<Loaded> {
    let (tenant, model) = (&actor.tenant, &setup.model);
    let mut record_of: Vec<Option<SourceRecord>> = vec![None; ds.len()];
    for (i, r) in records {
        record_of[i as usize] = Some(r);
    }
    let taken = |i: u32| record_of[i as usize].is_some();
    // Clusters over the records being loaded only (a row the import refused is in the
    // dataset for training, but must not join two people).
    let sure: Vec<(u32, u32, f32)> = matches
        .iter()
        .filter(|m| f64::from(m.probability) >= MATCH_AT && taken(m.a) && taken(m.b))
        .map(|m| (m.a, m.b, m.probability))
        .collect();
    let guard = daftar_linkage::Options::default().cluster_guard;
    let cluster = daftar_linkage::cluster_edges(ds, profile, model, &sure, guard);
    drop(sure);

    // Each record's best link inside its cluster, and the best unsure link per pair of
    // clusters (reviews); pairs the guard kept apart are unsure too.
    let mut inside: Vec<f32> = vec![0.0; ds.len()];
    let mut across: HashMap<(u32, u32), Match> = HashMap::new();
    for m in matches.iter().filter(|m| taken(m.a) && taken(m.b)) {
        let (ca, cb) = (cluster[m.a as usize], cluster[m.b as usize]);
        if ca == cb {
            for x in [m.a, m.b] {
                inside[x as usize] = inside[x as usize].max(m.probability);
            }
        } else {
            let key = (ca.min(cb), ca.max(cb));
            let e = across.entry(key).or_insert(*m);
            if m.probability > e.probability {
                *e = *m;
            }
        }
    }

    // People in the order of their first record; each record's decision.
    let mut order: Vec<u32> = (0..ds.len() as u32).filter(|&i| taken(i)).collect();
    order.sort_unstable_by_key(|&i| (cluster[i as usize], i));
    let mut person_of: HashMap<u32, String> = HashMap::new();
    for &i in &order {
        person_of
            .entry(cluster[i as usize])
            .or_insert_with(|| Id::new().to_string());
    }
    let mut unsure: Vec<Match> = across.into_values().collect();
    unsure.sort_unstable_by_key(|m| (m.a, m.b));
    // The later record of an unsure pair is the one that "arrived" with a doubt.
    let mut doubt: HashMap<u32, f32> = HashMap::new();
    for m in &unsure {
        let later = m.a.max(m.b);
        let d = doubt.entry(later).or_insert(0.0);
        *d = d.max(m.probability);
    }

    let now = now_utc();
    let mut loaded = Loaded::default();
    let mut source_id_of: Vec<Option<String>> = vec![None; ds.len()];
    let mut done = 0u64;
    let mut groups = order.chunk_by(|x, y| cluster[*x as usize] == cluster[*y as usize]);
    loop {
        let batch: Vec<&[u32]> = groups.by_ref().take(PEOPLE_PER_TX).collect();
        if batch.is_empty() {
            break;
        }
        let mut sources: Vec<SourceRow> = Vec::new();
        let mut people: Vec<PersonRow> = Vec::with_capacity(batch.len());
        let mut key_rows: Vec<(String, i64, i64)> = Vec::new();
        for members in batch {
            let person_id = &person_of[&cluster[members[0] as usize]];
            let first = sources.len();
            for (k, &i) in members.iter().enumerate() {
                let Some(r) = &record_of[i as usize] else {
                    continue;
                };
                let (decision, probability) = if k > 0 {
                    loaded.matched += 1;
                    ("match", f64::from(inside[i as usize]))
                } else if let Some(p) = doubt.get(&i) {
                    loaded.possible += 1;
                    ("possible", f64::from(*p))
                } else {
                    loaded.new += 1;
                    ("new", 0.0)
                };
                let row = source_row(r, person_id, decision, probability, &now);
                source_id_of[i as usize] = Some(row.id.clone());
                let values: Vec<Option<String>> = ds
                    .columns
                    .iter()
                    .map(|c| c.get(i as usize).map(str::to_owned))
                    .collect();
                let mut ks = keys(profile, &values);
                if let Some(Some(name)) = profile.field_index("name").and_then(|f| values.get(f)) {
                    ks.extend(name_keys(name));
                }
                key_rows.extend(ks.into_iter().map(|(r, k)| (person_id.clone(), r, k)));
                sources.push(row);
            }
            people.push(golden_row(
                profile,
                &setup.survivorship,
                person_id,
                &sources[first..],
                None,
                &now,
            ));
        }
        key_rows.sort_unstable();
        key_rows.dedup();
        let mut entries: Vec<Entry> = Vec::with_capacity(sources.len() + people.len());
        entries.extend(sources.iter().map(|s| Entry {
            action: "person_source.resolve",
            spec: &SOURCE,
            entity_id: s.id.clone(),
            detail: json!({ "decision": s.decision, "person": s.person_id }),
            state: store::source_state(s),
        }));
        entries.extend(people.iter().map(|p| Entry {
            action: "person.create",
            spec: &PERSON,
            entity_id: p.id.clone(),
            detail: json!({}),
            state: store::person_state(p),
        }));
        let mut tx = db.begin().await?;
        store::insert_sources(&mut tx, tenant, &sources)?;
        tx.flush().await?;
        store::insert_persons(&mut tx, tenant, &people).await?;
        store::insert_keys(&mut tx, tenant, &key_rows).await?;
        audit::record_all(&mut tx, actor, entries).await?;
        tx.commit().await?;
        done += sources.len() as u64;
        progress(done);
    }

    // Reviews, once every person exists.
    let comparators = profile.comparators();
    for chunk in unsure.chunks(PEOPLE_PER_TX) {
        let mut reviews = Vec::with_capacity(chunk.len());
        for m in chunk {
            let (earlier, later) = (m.a.min(m.b), m.a.max(m.b));
            let (Some(source_record_id), Some(person), Some(candidate)) = (
                source_id_of[later as usize].clone(),
                person_of.get(&cluster[later as usize]),
                person_of.get(&cluster[earlier as usize]),
            ) else {
                continue;
            };
            let pattern = model::pattern(ds, &comparators, earlier as usize, later as usize);
            let explanation = model.explain(ds, pattern, earlier as usize);
            reviews.push(NewReview {
                id: Id::new().to_string(),
                source_record_id,
                person_id: person.clone(),
                candidate_id: candidate.clone(),
                probability_ppm: (f64::from(m.probability) * 1e6).round() as i64,
                explanation: serde_json::to_string(&explanation).unwrap_or_default(),
                created_at: now.clone(),
            });
        }
        let entries = reviews
            .iter()
            .map(|r| Entry {
                action: "match_review.open",
                spec: &REVIEW,
                entity_id: r.id.clone(),
                detail: json!({}),
                state: store::review_state(r),
            })
            .collect();
        let mut tx = db.begin().await?;
        store::insert_reviews(&mut tx, tenant, &reviews)?;
        audit::record_all(&mut tx, actor, entries).await?;
        tx.commit().await?;
    }
    Ok(loaded)
}
