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
    model::{
        Change, CreateChange, MergeChange, NewUnit, Notification, Registry, RenameChange,
        RetireChange, SplitChange,
    },
    rules,
    store::{self, CHANGE, UnitFilter},
};

mod read;

pub use read::{
    as_of, holidays, holidays_between, list_units, office_posts, posts_in_force, unit_detail,
    units_in_force,
};

/// Permission to read reference data (every user of the province has it).
pub const VIEW: &str = "mdm.reference.view";
/// Permission to record changes to reference data.
pub const EDIT: &str = "mdm.reference.edit";

/// Records a notification as a change row (audited) and returns its id.
pub(crate) async fn record_change(
    tx: &mut Tx,
    actor: &Actor,
    registry: Registry,
    kind: &str,
    n: &Notification,
) -> Result<String> {
    let id = Id::new().to_string();
    store::insert_change(
        tx,
        &actor.tenant,
        &id,
        registry,
        kind,
        n,
        &actor.name,
        &now_utc(),
    )
    .await?;
    audit::record(
        tx,
        actor,
        "mdm_change.record",
        &CHANGE,
        &id,
        json!({ "registry": registry.as_str(), "kind": kind }),
    )
    .await?;
    Ok(id)
}

fn conflict(field: &str, message: &str) -> Error {
    Error::conflict(Some(field), message, &[])
}

/// Checks that `parent` may hold a unit of `level` on `on`; `field` names the input.
async fn check_parent(
    tx: &mut Tx,
    tenant: &TenantId,
    registry: Registry,
    level: &str,
    parent: &str,
    on: &str,
    field: &str,
) -> Result<()> {
    let allowed = rules::parent_levels(registry, level);
    if allowed.is_empty() {
        return Ok(());
    }
    let p = store::unit_as_of(tx, tenant, registry, parent, on)
        .await?
        .ok_or_else(|| Error::field(field, "err-parent-missing"))?;
    if !allowed.contains(&p.level.as_str()) {
        return Err(Error::field(field, "err-parent-level"));
    }
    Ok(())
}

/// The fixed facts of one change being applied: who makes it, to which registry, the
/// day it takes effect, and the change record it belongs to.
#[derive(Clone, Copy)]
pub(crate) struct Op<'a> {
    pub actor: &'a Actor,
    pub registry: Registry,
    pub on: &'a str,
    pub change: &'a str,
}

/// Creates a unit effective `on`. Codes are never reused, even after retirement.
pub(crate) async fn create_unit(tx: &mut Tx, op: &Op<'_>, u: &NewUnit, prefix: &str) -> Result<()> {
    let Op {
        actor,
        registry,
        on,
        change,
    } = *op;
    let tenant = &actor.tenant;
    if let Some((_, _, retired)) = store::identity(tx, tenant, registry, &u.code).await? {
        let msg = if retired.is_some() {
            "err-code-retired"
        } else {
            "err-code-exists"
        };
        return Err(conflict(&format!("{prefix}code"), msg));
    }
    check_parent(
        tx,
        tenant,
        registry,
        &u.level,
        &u.parent,
        on,
        &format!("{prefix}parent"),
    )
    .await?;
    if registry == Registry::Org
        && !u.location.is_empty()
        && store::unit_as_of(tx, tenant, Registry::Geo, &u.location, on)
            .await?
            .is_none()
    {
        return Err(Error::field(format!("{prefix}location"), "err-location"));
    }
    store::insert_unit(tx, tenant, registry, &u.code, &u.level, on, change).await?;
    store::insert_version(
        tx,
        tenant,
        registry,
        &u.code,
        on,
        u.name.trim(),
        u.name_ur.trim(),
        &u.parent,
        &u.location,
        change,
    )
    .await?;
    let action = format!("{}.create", registry.entity().kind);
    audit::record(
        tx,
        actor,
        &action,
        registry.entity(),
        &u.code,
        json!({ "change": change }),
    )
    .await
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
pub(crate) async fn revise(
    tx: &mut Tx,
    op: &Op<'_>,
    code: &str,
    r: Revision<'_>,
    action: &str,
    field: &str,
) -> Result<()> {
    let Op {
        actor,
        registry,
        on,
        change,
    } = *op;
    let tenant = &actor.tenant;
    let current = store::unit_as_of(tx, tenant, registry, code, on)
        .await?
        .ok_or_else(|| Error::field(field, "err-unit-not-in-force"))?;
    let (latest_from, _, name, name_ur, parent, location) =
        store::latest_version(tx, tenant, registry, code)
            .await?
            .ok_or(Error::NotFound)?;
    if latest_from.as_str() > on {
        return Err(conflict(
            "notification.effective_date",
            "err-effective-before-latest",
        ));
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
    store::insert_version(
        tx, tenant, registry, code, on, &name, &name_ur, &parent, &location, change,
    )
    .await?;
    audit::record(
        tx,
        actor,
        action,
        registry.entity(),
        code,
        json!({ "change": change }),
    )
    .await
}

/// Ends a unit on `on`, pointing to its successors. It must have no children in force.
pub(crate) async fn retire(
    tx: &mut Tx,
    op: &Op<'_>,
    code: &str,
    successors: &[String],
    field: &str,
) -> Result<()> {
    let Op {
        actor,
        registry,
        on,
        ..
    } = *op;
    let change = op.change;
    let tenant = &actor.tenant;
    store::unit_as_of(tx, tenant, registry, code, on)
        .await?
        .ok_or_else(|| Error::field(field, "err-unit-not-in-force"))?;
    let children = store::units_as_of(
        tx,
        tenant,
        registry,
        on,
        &UnitFilter {
            parent: code,
            ..Default::default()
        },
    )
    .await?;
    if !children.is_empty() {
        return Err(conflict(field, "err-has-children"));
    }
    let (latest_from, ..) = store::latest_version(tx, tenant, registry, code)
        .await?
        .ok_or(Error::NotFound)?;
    if latest_from.as_str() >= on {
        return Err(conflict(
            "notification.effective_date",
            "err-effective-before-latest",
        ));
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
    audit::record(
        tx,
        actor,
        &action,
        registry.entity(),
        code,
        json!({ "change": change, "successors": successors }),
    )
    .await
}

/// A code as stored: trimmed and upper-cased when it parses.
pub(crate) fn norm(code: &str) -> String {
    Code::parse(code)
        .map(|c| c.to_string())
        .unwrap_or_else(|_| code.trim().to_owned())
}

fn normalise_unit(u: &NewUnit) -> NewUnit {
    NewUnit {
        code: norm(&u.code),
        parent: if u.parent.trim().is_empty() {
            String::new()
        } else {
            norm(&u.parent)
        },
        location: if u.location.trim().is_empty() {
            String::new()
        } else {
            norm(&u.location)
        },
        ..u.clone()
    }
}

/// Moves every child of `from` in force on `on` under `to`.
async fn move_children(tx: &mut Tx, op: &Op<'_>, from: &str, to: &str) -> Result<()> {
    let Op {
        actor,
        registry,
        on,
        ..
    } = *op;
    let children = store::units_as_of(
        tx,
        &actor.tenant,
        registry,
        on,
        &UnitFilter {
            parent: from,
            ..Default::default()
        },
    )
    .await?;
    for c in children {
        let r = Revision {
            parent: Some(to),
            ..Default::default()
        };
        let action = format!("{}.move", registry.entity().kind);
        revise(tx, op, &c.code, r, &action, "into").await?;
    }
    Ok(())
}

/// Applies a notified change to a registry, all or nothing. Returns the change id.
pub async fn apply_change(
    db: &Db,
    ctx: &Ctx,
    registry: Registry,
    change: &Change,
) -> Result<String> {
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
        Change::Rename(RenameChange {
            code,
            name,
            name_ur,
            ..
        }) => {
            check_code(&mut p, "code", code);
            if !rules::valid_name(name) {
                p.add("name", "err-name");
            }
            if !rules::valid_urdu_name(name_ur) {
                p.add("name_ur", "err-name-ur");
            }
        }
        Change::Split(SplitChange {
            from, into, moves, ..
        }) => {
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
        Change::Merge(MergeChange {
            sources,
            into,
            new_unit,
            ..
        }) => {
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
        Change::Retire(RetireChange {
            code, successors, ..
        }) => {
            check_code(&mut p, "code", code);
            for (i, s) in successors.iter().enumerate() {
                check_code(&mut p, &format!("successors[{i}]"), s);
            }
        }
    }
    p.finish()?;
    let on = effective
        .map(CivilDate::iso)
        .ok_or_else(|| Error::field("notification.effective_date", "err-date"))?;
    let actor = ctx.actor();
    let mut tx = db.begin().await?;
    let change_id = record_change(
        &mut tx,
        &actor,
        registry,
        change.kind(),
        change.notification(),
    )
    .await?;
    let op = Op {
        actor: &actor,
        registry,
        on: &on,
        change: &change_id,
    };
    match change {
        Change::Create(CreateChange { unit, .. }) => {
            create_unit(&mut tx, &op, &normalise_unit(unit), "unit.").await?
        }
        Change::Rename(RenameChange {
            code,
            name,
            name_ur,
            ..
        }) => {
            let r = Revision {
                name: Some(name),
                name_ur: Some(name_ur),
                ..Default::default()
            };
            let action = format!("{}.rename", registry.entity().kind);
            revise(&mut tx, &op, &norm(code), r, &action, "code").await?;
        }
        Change::Split(SplitChange {
            from,
            into,
            moves,
            retire_source,
            ..
        }) => {
            let from = norm(from);
            store::unit_as_of(&mut tx, &actor.tenant, registry, &from, &on)
                .await?
                .ok_or_else(|| Error::field("from", "err-unit-not-in-force"))?;
            for (i, u) in into.iter().enumerate() {
                create_unit(&mut tx, &op, &normalise_unit(u), &format!("into[{i}].")).await?;
            }
            for (i, m) in moves.iter().enumerate() {
                let r = Revision {
                    parent: Some(&norm(&m.to)),
                    ..Default::default()
                };
                let action = format!("{}.move", registry.entity().kind);
                revise(
                    &mut tx,
                    &op,
                    &norm(&m.code),
                    r,
                    &action,
                    &format!("moves[{i}].to"),
                )
                .await?;
            }
            if *retire_source {
                let successors: Vec<String> = into.iter().map(|u| norm(&u.code)).collect();
                retire(&mut tx, &op, &from, &successors, "from").await?;
            }
        }
        Change::Merge(MergeChange {
            sources,
            into,
            new_unit,
            ..
        }) => {
            let into = norm(into);
            if let Some(u) = new_unit {
                create_unit(&mut tx, &op, &normalise_unit(u), "new_unit.").await?;
            } else if store::unit_as_of(&mut tx, &actor.tenant, registry, &into, &on)
                .await?
                .is_none()
            {
                return Err(Error::field("into", "err-unit-not-in-force"));
            }
            for (i, s) in sources.iter().enumerate() {
                let s = norm(s);
                if s == into {
                    return Err(Error::field(format!("sources[{i}]"), "err-merge-into-self"));
                }
                move_children(&mut tx, &op, &s, &into).await?;
                retire(
                    &mut tx,
                    &op,
                    &s,
                    std::slice::from_ref(&into),
                    &format!("sources[{i}]"),
                )
                .await?;
            }
        }
        Change::Retire(RetireChange {
            code, successors, ..
        }) => {
            let successors: Vec<String> = successors.iter().map(|s| norm(s)).collect();
            retire(&mut tx, &op, &norm(code), &successors, "code").await?;
        }
    }
    tx.commit().await?;
    Ok(change_id)
}
