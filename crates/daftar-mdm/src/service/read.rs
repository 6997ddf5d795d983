//! Reading the registries as of a date. Every user of the province may read them.

use daftar_kernel::CivilDate;
use daftar_platform::{Ctx, Db, Error, Result, auth::ResourceScope};

use super::{VIEW, norm};
use crate::{
    model::{Holiday, Post, Registry, Unit, UnitDetail},
    rules,
    store::{self, UnitFilter},
};

/// Parses an optional `as_of` (`YYYY-MM-DD`), defaulting to today in Pakistan.
pub fn as_of(s: Option<&str>) -> Result<String> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(CivilDate::today().iso()),
        Some(s) => CivilDate::parse(s)
            .map(CivilDate::iso)
            .map_err(|_| Error::field("as_of", "err-date")),
    }
}

/// Units of a registry in force on a date.
pub async fn list_units(
    db: &Db,
    ctx: &Ctx,
    registry: Registry,
    filter: &UnitFilter<'_>,
    on: &str,
) -> Result<Vec<Unit>> {
    ctx.require(VIEW, &ResourceScope::province())?;
    if !filter.level.is_empty() && !rules::levels(registry).contains(&filter.level) {
        return Err(Error::field("level", "err-level"));
    }
    let mut conn = db.pool().acquire().await?;
    store::units_as_of(&mut conn, &ctx.tenant_id(), registry, on, filter).await
}

/// One unit as of a date, with parent, children, history and successors. A unit not
/// in force on that date (retired, or not yet created) is shown in its latest version.
pub async fn unit_detail(
    db: &Db,
    ctx: &Ctx,
    registry: Registry,
    code: &str,
    on: &str,
) -> Result<UnitDetail> {
    ctx.require(VIEW, &ResourceScope::province())?;
    let code = norm(code);
    let tenant = ctx.tenant_id();
    let mut conn = db.pool().acquire().await?;
    let unit = match store::unit_as_of(&mut conn, &tenant, registry, &code, on).await? {
        Some(u) => u,
        None => store::unit_latest(&mut conn, &tenant, registry, &code)
            .await?
            .ok_or(Error::NotFound)?,
    };
    let parent_unit = if unit.parent.is_empty() {
        None
    } else {
        store::unit_as_of(&mut conn, &tenant, registry, &unit.parent, on).await?
    };
    let children = store::units_as_of(
        &mut conn,
        &tenant,
        registry,
        on,
        &UnitFilter {
            parent: &code,
            ..Default::default()
        },
    )
    .await?;
    let history = store::history(&mut conn, &tenant, registry, &code).await?;
    let successors = store::successors(&mut conn, &tenant, registry, &code).await?;
    let predecessors = store::predecessors(&mut conn, &tenant, registry, &code).await?;
    Ok(UnitDetail {
        unit,
        as_of: on.to_owned(),
        parent_unit,
        children,
        history,
        successors,
        predecessors,
    })
}

/// The sanctioned posts of an office (404 if the office is not this province's).
pub async fn office_posts(db: &Db, ctx: &Ctx, office: &str) -> Result<Vec<Post>> {
    ctx.require(VIEW, &ResourceScope::province())?;
    let tenant = ctx.tenant_id();
    let mut conn = db.pool().acquire().await?;
    store::identity(&mut conn, &tenant, Registry::Org, &norm(office))
        .await?
        .ok_or(Error::NotFound)?;
    store::posts_of(&mut conn, &tenant, &norm(office)).await
}

/// Public holidays of a calendar year.
pub async fn holidays(db: &Db, ctx: &Ctx, year: i32) -> Result<Vec<Holiday>> {
    ctx.require(VIEW, &ResourceScope::province())?;
    if !(1900..=2200).contains(&year) {
        return Err(Error::field("year", "err-year"));
    }
    let mut conn = db.pool().acquire().await?;
    store::holidays(
        &mut conn,
        &ctx.tenant_id(),
        &format!("{year}-01-01"),
        &format!("{year}-12-31"),
    )
    .await
}

/// Public holidays from `from` to `to` (inclusive, `YYYY-MM-DD`), for modules that count
/// working days for a province (deadlines, SLAs) outside any user's request.
pub async fn holidays_between(
    db: &Db,
    tenant: &daftar_kernel::TenantId,
    from: &str,
    to: &str,
) -> Result<Vec<Holiday>> {
    let mut conn = db.pool().acquire().await?;
    store::holidays(&mut conn, tenant, from, to).await
}

/// Units of a registry in force on `on`, for modules that check the codes their own
/// data names (a pack's department or district) outside any user's request.
pub async fn units_in_force(
    db: &Db,
    tenant: &daftar_kernel::TenantId,
    registry: Registry,
    on: &str,
) -> Result<Vec<Unit>> {
    let filter = UnitFilter {
        level: "",
        parent: "",
        location: "",
    };
    let mut conn = db.pool().acquire().await?;
    store::units_as_of(&mut conn, tenant, registry, on, &filter).await
}

/// Every sanctioned post of the province (retired ones left out), for modules that move
/// work between posts (a file put up to a post) outside any user's request.
pub async fn posts_in_force(db: &Db, tenant: &daftar_kernel::TenantId) -> Result<Vec<Post>> {
    let mut conn = db.pool().acquire().await?;
    store::posts_in_force(&mut conn, tenant).await
}
