//! Resolution in two steps, for a hot path: the record is checked and normalised before
//! the caller's transaction, and the candidate search is sent with its first statements.

use std::sync::Arc;

use daftar_platform::{Ctx, Db, Result, Tx, audit::Entry};

use super::{
    Resolution, SourceRecord, keys, normalised, person_profile,
    resolve::{CANDIDATES, SETUPS, Setup, load_setup_at, resolve_against},
    store, validate,
};

/// A resolution prepared before its transaction: see [`plan_deferred`].
pub struct Planned {
    setup: Arc<Setup>,
    values: Vec<Option<String>>,
    keys: Vec<(i64, i64)>,
}

/// [`resolve_within`] for a hot path, in two steps, so that the candidate search goes to
/// the database with the caller's first statements: this checks and normalises the
/// record before the transaction (the province's configuration stamp comes from the
/// caller's session) and gives the search statement (`None`: no key to search by),
/// whose rows are then handed to [`resolve_planned`] inside the transaction.
#[allow(clippy::type_complexity)]
pub async fn plan_deferred(
    db: &Db,
    ctx: &Ctx,
    record: &SourceRecord,
) -> Result<(
    Planned,
    Option<sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments>>,
)> {
    validate(record)?;
    let tenant = ctx.tenant_id();
    let stamp = ctx.tenant.config_stamp;
    let setup = match SETUPS.get(&tenant, stamp) {
        Some(setup) => setup,
        None => load_setup_at(&mut *db.pool().acquire().await?, &tenant, stamp).await?,
    };
    let profile = person_profile();
    let values = normalised(profile, &record.values());
    let keys = keys(profile, &values);
    let query = store::candidates_query(&tenant, &keys, profile.max_block, CANDIDATES);
    Ok((
        Planned {
            setup,
            values,
            keys,
        },
        query,
    ))
}

/// Resolves a record planned by [`plan_deferred`], given the rows its search statement
/// gave inside this transaction. The audit entries come back to be written by the
/// caller's own `audit::record_all`, with its records, in the same transaction: the
/// caller must write them. The record's source id must be one the caller has just
/// minted (an application's new id), so no earlier resolution of it is looked for.
pub async fn resolve_planned(
    tx: &mut Tx,
    ctx: &Ctx,
    record: &SourceRecord,
    planned: Planned,
    candidate_rows: &[sqlx::any::AnyRow],
) -> Result<(Resolution, Vec<Entry<'static>>)> {
    let candidates = store::unpack_candidates(candidate_rows)?;
    let Planned {
        setup,
        values,
        keys,
    } = planned;
    resolve_against(
        tx,
        &ctx.tenant_id(),
        person_profile(),
        &setup,
        record,
        values,
        keys,
        candidates,
    )
    .await
}
