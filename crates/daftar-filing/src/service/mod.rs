//! e-FOAS use cases. Permissions are checked here; handlers only translate.
//!
//! Officers are accounts on posts of the organisation registry (`filing_officers`):
//! a file or receipt is with a *post*, and whoever holds that post acts on it.

use std::{collections::BTreeMap, sync::Arc};

use daftar_kernel::{CivilDate, TenantId};
use daftar_platform::{
    Ctx, Db, Error, Result,
    auth::ResourceScope,
    stamps::{self, Cache},
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{config::Config, store};

pub mod dak;
pub mod drafts;
pub mod files;
pub mod movement;
pub mod notes;
pub mod officers;
pub mod pendency;
pub mod search;
pub mod signing;

/// Read files and work on those one holds.
pub const USE: &str = "filing.use";
/// Diarise incoming dak at an office.
pub const DIARISE: &str = "filing.diarise";
/// Put officers on posts; every department's pendency.
pub const ADMINISTER: &str = "filing.admin";

/// Today in Pakistan.
pub fn today() -> CivilDate {
    CivilDate::today()
}

/// Upper-cases and trims a code from a path or a form.
pub fn norm(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}

/// A sanctioned post as e-FOAS sees it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PostInfo {
    pub code: String,
    pub office: String,
    pub designation: String,
    pub designation_ur: String,
    pub bps: i64,
    /// Seniority: the pack's rank for the designation, else the BPS.
    pub rank: i64,
}

/// The province's configuration and posts, built once per configuration stamp.
pub struct Setup {
    pub config: Config,
    pub posts: BTreeMap<String, PostInfo>,
    /// Office code → (name, name in Urdu).
    pub offices: BTreeMap<String, (String, String)>,
}

impl Setup {
    pub fn post(&self, code: &str) -> Option<&PostInfo> {
        self.posts.get(code)
    }

    /// The posts `post` outranks in its own office (its juniors).
    pub fn juniors_of<'a>(&'a self, post: &'a PostInfo) -> impl Iterator<Item = &'a PostInfo> {
        self.posts
            .values()
            .filter(move |p| p.office == post.office && p.rank < post.rank)
    }
}

static SETUP: std::sync::LazyLock<Cache<Setup>> = std::sync::LazyLock::new(Cache::default);

/// The province's setup at its current configuration stamp.
pub async fn setup(db: &Db, tenant: &TenantId, stamp: i64) -> Result<Arc<Setup>> {
    if let Some(s) = SETUP.get(tenant, stamp) {
        return Ok(s);
    }
    let mut conn = db.pool().acquire().await?;
    let config: Config = match store::config(&mut conn, tenant).await? {
        Some(body) => serde_json::from_str(&body).map_err(|e| Error::Internal(e.to_string()))?,
        None => Config::default(),
    };
    drop(conn);
    let posts = daftar_mdm::service::posts_in_force(db, tenant)
        .await?
        .into_iter()
        .map(|p| {
            let rank = config.rank(&p.designation, p.bps);
            (
                p.code.clone(),
                PostInfo {
                    code: p.code,
                    office: p.office,
                    designation: p.designation,
                    designation_ur: p.designation_ur,
                    bps: p.bps,
                    rank,
                },
            )
        })
        .collect();
    let on = today().iso();
    let offices =
        daftar_mdm::service::units_in_force(db, tenant, daftar_mdm::model::Registry::Org, &on)
            .await?
            .into_iter()
            .map(|u| (u.code, (u.name, u.name_ur)))
            .collect();
    Ok(SETUP.put(
        tenant,
        stamp,
        Setup {
            config,
            posts,
            offices,
        },
    ))
}

/// The setup for a request.
pub async fn setup_of(db: &Db, ctx: &Ctx) -> Result<Arc<Setup>> {
    setup(db, &ctx.tenant_id(), ctx.tenant.config_stamp).await
}

/// The setup outside a request (jobs, the demo).
pub async fn setup_now(db: &Db, tenant: &TenantId) -> Result<Arc<Setup>> {
    let stamp = {
        let mut conn = db.pool().acquire().await?;
        stamps::current(&mut conn, tenant).await?
    };
    setup(db, tenant, stamp).await
}

/// Where a department's work sits, for permission checks.
pub fn scope(office: &str) -> ResourceScope {
    ResourceScope {
        district: None,
        office: Some(office.to_owned()),
    }
}

/// Whether the user may use e-FOAS anywhere.
pub fn require_use(ctx: &Ctx) -> Result<()> {
    if ctx.grants.iter().any(|g| {
        ctx.roles
            .get(&g.role)
            .is_some_and(|r| r.permissions.contains(&USE))
    }) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// The posts the user holds.
pub async fn my_posts(conn: &mut sqlx::AnyConnection, ctx: &Ctx) -> Result<Vec<String>> {
    store::posts_of_user(conn, &ctx.tenant_id(), &ctx.user.id).await
}

/// The posts whose confidential files the user may read: their own, and the posts they
/// outrank in their offices.
pub fn covered_posts(setup: &Setup, mine: &[String]) -> Vec<String> {
    let mut out: Vec<String> = mine.to_vec();
    for m in mine {
        if let Some(p) = setup.post(m) {
            out.extend(setup.juniors_of(p).map(|j| j.code.clone()));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Whether the user may read a file: any e-FOAS user for an ordinary file; for a
/// confidential one, those it has been with and their seniors.
pub async fn may_read(
    conn: &mut sqlx::AnyConnection,
    ctx: &Ctx,
    setup: &Setup,
    f: &store::files::FileRow,
) -> Result<bool> {
    if f.confidential == 0 {
        return Ok(true);
    }
    let mine = my_posts(conn, ctx).await?;
    let covered = covered_posts(setup, &mine);
    store::files::on_path(conn, &ctx.tenant_id(), &f.id, &covered).await
}

/// The confidential files the user may read (for filtering many files at once).
pub async fn readable_confidential(
    conn: &mut sqlx::AnyConnection,
    ctx: &Ctx,
    setup: &Setup,
) -> Result<Vec<String>> {
    let mine = my_posts(conn, ctx).await?;
    store::files::confidential_through(conn, &ctx.tenant_id(), &covered_posts(setup, &mine)).await
}

/// What a conflict is about: a file or a receipt by its number, or a draft.
#[derive(Clone, Copy, Debug)]
pub enum Thing<'a> {
    File(&'a str),
    Receipt(&'a str),
    Draft,
}

impl Thing<'_> {
    fn conflict(self, what: &str, holder: &str) -> Error {
        let (kind, number) = match self {
            Thing::File(n) => ("file", n),
            Thing::Receipt(n) => ("receipt", n),
            Thing::Draft => ("draft", ""),
        };
        Error::conflict(
            None,
            &format!("filing-conflict-{what}-{kind}"),
            &[("number", number), ("holder", holder)],
        )
    }
}

/// A 409 for acting on something one does not hold.
pub fn not_holder(what: Thing<'_>, holder: &str) -> Error {
    what.conflict("not-holder", holder)
}

/// A 409 for losing a race.
pub fn changed_meanwhile(what: Thing<'_>) -> Error {
    what.conflict("changed", "")
}

/// Checks a free-text field: required or not, at most `max` characters.
pub fn text(
    p: &mut daftar_platform::error::Problems,
    field: &str,
    value: &str,
    required: bool,
    max: usize,
) -> String {
    let v = value.trim();
    if required && v.is_empty() {
        p.add(field, "err-required");
    } else if v.chars().count() > max {
        p.add(field, "filing-err-too-long");
    }
    v.to_owned()
}

/// Parses an optional `YYYY-MM-DD`.
pub fn date(
    p: &mut daftar_platform::error::Problems,
    field: &str,
    value: Option<&str>,
) -> Option<String> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => p
            .check(field, "err-date", CivilDate::parse(v))
            .map(CivilDate::iso),
    }
}
