//! Use cases of the reference registries: apply a notified change (create, rename,
//! split, merge, retire) in one audited transaction, and read the registries as of a
//! date. Permission checks happen here, not in handlers.

use daftar_kernel::{CivilDate, Code, Id, TenantId};
use daftar_platform::{
    Ctx, Db, Error, Result, Tx,
    audit::{self, Actor},
    auth::ResourceScope,
    db::now_utc,
    error::Problems,
};
use serde_json::json;

use crate::{
    model::{Change, CreateChange, Holiday, MergeChange, RenameChange, RetireChange, SplitChange, NewUnit, Notification, Post, Registry, Unit, UnitDetail},
    rules,
    store::{self, CHANGE, UnitFilter},
};

/// Permission to read reference data (every user of the province has it).
pub const VIEW: &str = "mdm.reference.view";
/// Permission to record changes to reference data.
pub const EDIT: &str = "mdm.reference.edit";

/// Records a notification as a change row (audited) and returns its id.
pub(crate) async fn record_change(tx: &mut Tx, actor: &Actor, registry: Registry, kind: &str, n: &Notification) -> Result<String> {
    let id = Id::new().to_string();
    store::insert_change(tx, &actor.tenant, &id, registry, kind, n, &actor.name, &now_utc()).await?;
    audit::record(tx, actor, "mdm_change.record", &CHANGE, &id, json!({ "registry": registry.as_str(), "kind": kind })).await?;
    Ok(id)
}

fn conflict(field: &str, message: &str) -> Error {
    Error::Conflict { field: Some(field.to_owned()), message: message.to_owned() }
}

/// Checks that `parent` may hold a unit of `level` on `on`; `field` names the input.
async fn check_parent(tx: &mut Tx, tenant: &TenantId, registry: Registry, level: &str, parent: &str, on: &str, field: &str) -> Result<()> {
    let allowed = rules::parent_levels(registry, level);
    if allowed.is_empty() {
        return Ok(());
    }
    let p = store::unit_as_of(tx, tenant, registry, parent, on).await?.ok_or_else(|| Error::field(field, "err-parent-missing"))?;
    if !allowed.contains(&p.level.as_str()) {
        return Err(Error::field(field, "err-parent-level"));
    }
    Ok(())
}

/// Creates a unit effective `on`. Codes are never reused, even after retirement.
pub(crate) async fn create_unit(tx: &mut Tx, actor: &Actor, registry: Registry, u: &NewUnit, on: &str, change: &str, prefix: &str) -> Result<()> {
    let tenant = &actor.tenant;
    if let Some((_, _, retired)) = store::identity(tx, tenant, registry, &u.code).await? {
        let msg = if retired.is_some() { "err-code-retired" } else { "err-code-exists" };
        return Err(conflict(&format!("{prefix}code"), msg));
    }
    check_parent(tx, tenant, registry, &u.level, &u.parent, on, &format!("{prefix}parent")).await?;
    if registry == Registry::Org && !u.location.is_empty() && store::unit_as_of(tx, tenant, Registry::Geo, &u.location, on).await?.is_none() {
        return Err(Error::field(format!("{prefix}location"), "err-location"));
    }
    store::insert_unit(tx, tenant, registry, &u.code, &u.level, on, change).await?;
    store::insert_version(tx, tenant, registry, &u.code, on, u.name.trim(), u.name_ur.trim(), &u.parent, &u.location, change).await?;
    let action = format!("{}.create", registry.entity().kind);
    audit::record(tx, actor, &action, registry.entity(), &u.code, json!({ "change": change })).await
}

/// What a new version changes; `None` keeps the current value.
#[derive(Default)]
pub(crate) struct Revision<'a> {
    pub name: Option<&'a str>,
    pub name_ur: Option<&'a str>,
    pub parent: Option<&'a str>,
    pub location: Option<&'a str>,
}

/// Starts a new version of a unit on `on`. A version on the same day is replaced (a
/// same-day correction); a change dated before the unit's latest version is refused.
pub(crate) async fn revise(tx: &mut Tx, actor: &Actor, registry: Registry, code: &str, on: &str, change: &str, r: Revision<'_>, action: &str, field: &str) -> Result<()> {
    let tenant = &actor.tenant;
    let current = store::unit_as_of(tx, tenant, registry, code, on).await?.ok_or_else(|| Error::field(field, "err-unit-not-in-force"))?;
    let (latest_from, _, name, name_ur, parent, location) = store::latest_version(tx, tenant, registry, code).await?.ok_or(Error::NotFound)?;
    if latest_from.as_str() > on {
        return Err(conflict("notification.effective_date", "err-effective-before-latest"));
    }
    let name = r.name.unwrap_or(&name).trim().to_owned();
    let name_ur = r.name_ur.unwrap_or(&name_ur).trim().to_owned();
    let parent = r.parent.unwrap_or(&parent).to_owned();
    let location = r.location.unwrap_or(&location).to_owned();
    if r.parent.is_some() {
        check_parent(tx, tenant, registry, &current.level, &parent, on, field).await?;
    }
    if latest_from == on {
        store::delete_version(tx, tenant, registry, code, on).await?;
    } else {
        store::close_version(tx, tenant, registry, code, &latest_from, on).await?;
    }
    store::insert_version(tx, tenant, registry, code, on, &name, &name_ur, &parent, &location, change).await?;
    audit::record(tx, actor, action, registry.entity(), code, json!({ "change": change })).await
}

/// Ends a unit on `on`, pointing to its successors. It must have no children in force.
pub(crate) async fn retire(tx: &mut Tx, actor: &Actor, registry: Registry, code: &str, successors: &[String], on: &str, change: &str, field: &str) -> Result<()> {
    let tenant = &actor.tenant;
    store::unit_as_of(tx, tenant, registry, code, on).await?.ok_or_else(|| Error::field(field, "err-unit-not-in-force"))?;
    let children = store::units_as_of(tx, tenant, registry, on, &UnitFilter { parent: code, ..Default::default() }).await?;
    if !children.is_empty() {
        return Err(conflict(field, "err-has-children"));
    }
    let (latest_from, ..) = store::latest_version(tx, tenant, registry, code).await?.ok_or(Error::NotFound)?;
    if latest_from.as_str() >= on {
        return Err(conflict("notification.effective_date", "err-effective-before-latest"));
    }
    for (i, s) in successors.iter().enumerate() {
        if s == code || store::identity(tx, tenant, registry, s).await?.is_none() {
            return Err(Error::field(format!("successors[{i}]"), "err-successor"));
        }
    }
    store::close_version(tx, tenant, registry, code, &latest_from, on).await?;
    store::retire_unit(tx, tenant, registry, code, on, change).await?;
    for s in successors {
        store::insert_successor(tx, tenant, registry, code, s, change).await?;
    }
    let action = format!("{}.retire", registry.entity().kind);
    audit::record(tx, actor, &action, registry.entity(), code, json!({ "change": change, "successors": successors })).await
}

fn norm(code: &str) -> String {
    Code::parse(code).map(|c| c.to_string()).unwrap_or_else(|_| code.trim().to_owned())
}

fn normalise_unit(u: &NewUnit) -> NewUnit {
    NewUnit {
        code: norm(&u.code),
        parent: if u.parent.trim().is_empty() { String::new() } else { norm(&u.parent) },
        location: if u.location.trim().is_empty() { String::new() } else { norm(&u.location) },
        ..u.clone()
    }
}

/// Moves every child of `from` in force on `on` under `to`.
async fn move_children(tx: &mut Tx, actor: &Actor, registry: Registry, from: &str, to: &str, on: &str, change: &str) -> Result<()> {
    let children = store::units_as_of(tx, &actor.tenant, registry, on, &UnitFilter { parent: from, ..Default::default() }).await?;
    for c in children {
        let r = Revision { parent: Some(to), ..Default::default() };
        let action = format!("{}.move", registry.entity().kind);
        revise(tx, actor, registry, &c.code, on, change, r, &action, "into").await?;
    }
    Ok(())
}

/// Applies a notified change to a registry, all or nothing. Returns the change id.
pub async fn apply_change(db: &Db, ctx: &Ctx, registry: Registry, change: &Change) -> Result<String> {
    ctx.require(EDIT, &ResourceScope::province())?;
    let tenant_code = ctx.tenant.code.clone();
    let mut p = Problems::new();
    let effective = rules::check_notification(&mut p, change.notification());
    let check_code = |p: &mut Problems, field: &str, code: &str| {
        if Code::parse(code).is_err() {
            p.add(field, "err-code");
        }
    };
    match change {
        Change::Create(CreateChange { unit, .. }) => {
            rules::check_new_unit(&mut p, "unit.", registry, &tenant_code, unit);
        }
        Change::Rename(RenameChange { code, name, name_ur, .. }) => {
            check_code(&mut p, "code", code);
            if !rules::valid_name(name) {
                p.add("name", "err-name");
            }
            if !rules::valid_urdu_name(name_ur) {
                p.add("name_ur", "err-name-ur");
            }
        }
        Change::Split(SplitChange { from, into, moves, .. }) => {
            check_code(&mut p, "from", from);
            if into.is_empty() {
                p.add("into", "err-split-empty");
            }
            for (i, u) in into.iter().enumerate() {
                rules::check_new_unit(&mut p, &format!("into[{i}]."), registry, &tenant_code, u);
            }
            for (i, m) in moves.iter().enumerate() {
                check_code(&mut p, &format!("moves[{i}].code"), &m.code);
                check_code(&mut p, &format!("moves[{i}].to"), &m.to);
            }
        }
        Change::Merge(MergeChange { sources, into, new_unit, .. }) => {
            if sources.is_empty() {
                p.add("sources", "err-merge-empty");
            }
            for (i, s) in sources.iter().enumerate() {
                check_code(&mut p, &format!("sources[{i}]"), s);
            }
            check_code(&mut p, "into", into);
            if let Some(u) = new_unit {
                rules::check_new_unit(&mut p, "new_unit.", registry, &tenant_code, u);
                if norm(&u.code) != norm(into) {
                    p.add("new_unit.code", "err-merge-new-code");
                }
            }
        }
        Change::Retire(RetireChange { code, successors, .. }) => {
            check_code(&mut p, "code", code);
            for (i, s) in successors.iter().enumerate() {
                check_code(&mut p, &format!("successors[{i}]"), s);
            }
        }
    }
    p.finish()?;
    let on = effective.map(CivilDate::iso).ok_or_else(|| Error::field("notification.effective_date", "err-date"))?;
    let actor = ctx.actor();
    let mut tx = db.begin().await?;
    let change_id = record_change(&mut tx, &actor, registry, change.kind(), change.notification()).await?;
    let id = change_id.as_str();
    match change {
        Change::Create(CreateChange { unit, .. }) => create_unit(&mut tx, &actor, registry, &normalise_unit(unit), &on, id, "unit.").await?,
        Change::Rename(RenameChange { code, name, name_ur, .. }) => {
            let r = Revision { name: Some(name), name_ur: Some(name_ur), ..Default::default() };
            let action = format!("{}.rename", registry.entity().kind);
            revise(&mut tx, &actor, registry, &norm(code), &on, id, r, &action, "code").await?;
        }
        Change::Split(SplitChange { from, into, moves, retire_source, .. }) => {
            let from = norm(from);
            store::unit_as_of(&mut tx, &actor.tenant, registry, &from, &on).await?.ok_or_else(|| Error::field("from", "err-unit-not-in-force"))?;
            for (i, u) in into.iter().enumerate() {
                create_unit(&mut tx, &actor, registry, &normalise_unit(u), &on, id, &format!("into[{i}].")).await?;
            }
            for (i, m) in moves.iter().enumerate() {
                let r = Revision { parent: Some(&norm(&m.to)), ..Default::default() };
                let action = format!("{}.move", registry.entity().kind);
                revise(&mut tx, &actor, registry, &norm(&m.code), &on, id, r, &action, &format!("moves[{i}].to")).await?;
            }
            if *retire_source {
                let successors: Vec<String> = into.iter().map(|u| norm(&u.code)).collect();
                retire(&mut tx, &actor, registry, &from, &successors, &on, id, "from").await?;
            }
        }
        Change::Merge(MergeChange { sources, into, new_unit, .. }) => {
            let into = norm(into);
            if let Some(u) = new_unit {
                create_unit(&mut tx, &actor, registry, &normalise_unit(u), &on, id, "new_unit.").await?;
            } else if store::unit_as_of(&mut tx, &actor.tenant, registry, &into, &on).await?.is_none() {
                return Err(Error::field("into", "err-unit-not-in-force"));
            }
            for (i, s) in sources.iter().enumerate() {
                let s = norm(s);
                if s == into {
                    return Err(Error::field(format!("sources[{i}]"), "err-merge-into-self"));
                }
                move_children(&mut tx, &actor, registry, &s, &into, &on, id).await?;
                retire(&mut tx, &actor, registry, &s, std::slice::from_ref(&into), &on, id, &format!("sources[{i}]")).await?;
            }
        }
        Change::Retire(RetireChange { code, successors, .. }) => {
            let successors: Vec<String> = successors.iter().map(|s| norm(s)).collect();
            retire(&mut tx, &actor, registry, &norm(code), &successors, &on, id, "code").await?;
        }
    }
    tx.commit().await?;
    Ok(change_id)
}

/// Parses an optional `as_of` (`YYYY-MM-DD`), defaulting to today in Pakistan.
pub fn as_of(s: Option<&str>) -> Result<String> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(CivilDate::today().iso()),
        Some(s) => CivilDate::parse(s).map(CivilDate::iso).map_err(|_| Error::field("as_of", "err-date")),
    }
}

/// Units of a registry in force on a date.
pub async fn list_units(db: &Db, ctx: &Ctx, registry: Registry, filter: &UnitFilter<'_>, on: &str) -> Result<Vec<Unit>> {
    ctx.require(VIEW, &ResourceScope::province())?;
    if !filter.level.is_empty() && !rules::levels(registry).contains(&filter.level) {
        return Err(Error::field("level", "err-level"));
    }
    let mut conn = db.pool().acquire().await?;
    store::units_as_of(&mut conn, &ctx.tenant_id(), registry, on, filter).await
}

/// One unit as of a date, with parent, children, history and successors. A unit not
/// in force on that date (retired, or not yet created) is shown in its latest version.
pub async fn unit_detail(db: &Db, ctx: &Ctx, registry: Registry, code: &str, on: &str) -> Result<UnitDetail> {
    ctx.require(VIEW, &ResourceScope::province())?;
    let code = norm(code);
    let tenant = ctx.tenant_id();
    let mut conn = db.pool().acquire().await?;
    let unit = match store::unit_as_of(&mut conn, &tenant, registry, &code, on).await? {
        Some(u) => u,
        None => store::unit_latest(&mut conn, &tenant, registry, &code).await?.ok_or(Error::NotFound)?,
    };
    let parent_unit = if unit.parent.is_empty() { None } else { store::unit_as_of(&mut conn, &tenant, registry, &unit.parent, on).await? };
    let children = store::units_as_of(&mut conn, &tenant, registry, on, &UnitFilter { parent: &code, ..Default::default() }).await?;
    let history = store::history(&mut conn, &tenant, registry, &code).await?;
    let successors = store::successors(&mut conn, &tenant, registry, &code).await?;
    let predecessors = store::predecessors(&mut conn, &tenant, registry, &code).await?;
    Ok(UnitDetail { unit, as_of: on.to_owned(), parent_unit, children, history, successors, predecessors })
}

/// The sanctioned posts of an office (404 if the office is not this province's).
pub async fn office_posts(db: &Db, ctx: &Ctx, office: &str) -> Result<Vec<Post>> {
    ctx.require(VIEW, &ResourceScope::province())?;
    let tenant = ctx.tenant_id();
    let mut conn = db.pool().acquire().await?;
    store::identity(&mut conn, &tenant, Registry::Org, &norm(office)).await?.ok_or(Error::NotFound)?;
    store::posts_of(&mut conn, &tenant, &norm(office)).await
}

/// Public holidays of a calendar year.
pub async fn holidays(db: &Db, ctx: &Ctx, year: i32) -> Result<Vec<Holiday>> {
    ctx.require(VIEW, &ResourceScope::province())?;
    if !(1900..=2200).contains(&year) {
        return Err(Error::field("year", "err-year"));
    }
    let mut conn = db.pool().acquire().await?;
    store::holidays(&mut conn, &ctx.tenant_id(), &format!("{year}-01-01"), &format!("{year}-12-31")).await
}
