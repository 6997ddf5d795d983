//! Officers on posts, and each officer's inbox: the files and receipts with their posts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use daftar_kernel::TenantId;
use daftar_platform::{
    Ctx, Db, Error, Result, Tx,
    audit::{self, Actor},
    auth,
    db::now_utc,
};

use super::{ADMINISTER, PostInfo, Setup, my_posts, norm, require_use, scope, setup_now, setup_of};
use crate::store::{
    self, OFFICER, OfficerRow,
    dak::{self, ReceiptRow},
    files::{self, FileRow},
};

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Assign {
    pub username: String,
    pub post: String,
}

/// A post one can send a file to, with its officer.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PostTarget {
    #[serde(flatten)]
    pub post: PostInfo,
    pub officer: Option<String>,
}

/// What is with the user.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Inbox {
    pub posts: Vec<PostInfo>,
    pub files: Vec<FileRow>,
    pub receipts: Vec<ReceiptRow>,
}

async fn put_on_post(
    tx: &mut Tx,
    actor: &Actor,
    setup: &Setup,
    tenant: &TenantId,
    username: &str,
    post: &str,
) -> Result<OfficerRow> {
    let post = norm(post);
    if setup.post(&post).is_none() {
        return Err(Error::field("post", "filing-err-post"));
    }
    let user = auth::store::user_by_name(tx, tenant, username.trim())
        .await?
        .filter(|u| u.disabled == 0)
        .ok_or_else(|| Error::field("username", "filing-err-user"))?;
    let row = OfficerRow {
        post: post.clone(),
        user_id: user.id,
        since: now_utc(),
    };
    store::set_officer(tx, tenant, &row.post, &row.user_id, &row.since).await?;
    audit::record(
        tx,
        actor,
        "filing_officer.assign",
        &OFFICER,
        &post,
        json!({ "user": username.trim() }),
    )
    .await?;
    Ok(row)
}

/// Puts an account on a post (the province's e-FOAS administrator).
pub async fn assign(db: &Db, ctx: &Ctx, a: &Assign) -> Result<OfficerRow> {
    let setup = setup_of(db, ctx).await?;
    let office = setup
        .post(&norm(&a.post))
        .map(|p| p.office.clone())
        .ok_or_else(|| Error::field("post", "filing-err-post"))?;
    ctx.require(ADMINISTER, &scope(&office))?;
    let mut tx = db.begin().await?;
    let row = put_on_post(
        &mut tx,
        &ctx.actor(),
        &setup,
        &ctx.tenant_id(),
        &a.username,
        &a.post,
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}

/// Puts accounts on posts outside a request (the demo, a command); an account already
/// on its post is left as it is.
pub async fn assign_system(db: &Db, tenant: &TenantId, pairs: &[(&str, &str)]) -> Result<()> {
    let setup = setup_now(db, tenant).await?;
    let actor = Actor::system(tenant.clone(), "filing");
    let mut tx = db.begin().await?;
    let current = store::officers(&mut tx, tenant).await?;
    for (user, post) in pairs {
        let holder = auth::store::user_by_name(&mut tx, tenant, user).await?;
        let already = current
            .iter()
            .any(|o| o.post == *post && holder.as_ref().is_some_and(|u| u.id == o.user_id));
        if !already {
            put_on_post(&mut tx, &actor, &setup, tenant, user, post).await?;
        }
    }
    tx.commit().await
}

/// The files and receipts with the user's posts, the most urgent first.
pub async fn inbox(db: &Db, ctx: &Ctx) -> Result<Inbox> {
    require_use(ctx)?;
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut conn = db.pool().acquire().await?;
    let mine = my_posts(&mut conn, ctx).await?;
    Ok(Inbox {
        posts: mine.iter().filter_map(|p| setup.post(p).cloned()).collect(),
        files: files::held_by(&mut conn, &t, &mine).await?,
        receipts: dak::held_by(&mut conn, &t, &mine).await?,
    })
}

/// The posts of an office (or every office when empty), seniors first, with officers.
pub async fn posts(db: &Db, ctx: &Ctx, office: &str) -> Result<Vec<PostTarget>> {
    require_use(ctx)?;
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut conn = db.pool().acquire().await?;
    let names: BTreeMap<String, String> = auth::store::users(&mut conn, &t)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let officers: BTreeMap<String, String> = store::officers(&mut conn, &t)
        .await?
        .into_iter()
        .filter_map(|o| names.get(&o.user_id).map(|n| (o.post, n.clone())))
        .collect();
    let office = norm(office);
    let mut out: Vec<PostTarget> = setup
        .posts
        .values()
        .filter(|p| office.is_empty() || p.office == office)
        .map(|p| PostTarget {
            officer: officers.get(&p.code).cloned(),
            post: p.clone(),
        })
        .collect();
    out.sort_by(|a, b| {
        a.post
            .office
            .cmp(&b.post.office)
            .then(b.post.rank.cmp(&a.post.rank))
            .then(a.post.code.cmp(&b.post.code))
    });
    Ok(out)
}
