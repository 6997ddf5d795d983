//! Pendency: which files and receipts sit with whom in a department, for how long,
//! overdue against their due dates, court cases, assembly questions and VIP references
//! first. Counts are over everything pending; the list of items is the most urgent.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use daftar_platform::{
    Ctx, Db, Error, Result,
    db::{format_instant, now_utc, parse_instant},
};

use super::{ADMINISTER, my_posts, norm, scope, setup_of, today};
use crate::store::{self, dak, files};

#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PendencyQuery {
    /// A department's office code; by default the one you hold a post in.
    #[serde(default)]
    pub office: Option<String>,
    /// Only the items with this post.
    #[serde(default)]
    pub post: Option<String>,
    /// How many items to list (default 200, at most 5,000).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// One post's load.
#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct PostLine {
    pub post: String,
    pub designation: String,
    pub designation_ur: String,
    /// The officer on the post, if any.
    pub officer: Option<String>,
    pub files: u64,
    pub receipts: u64,
    pub parked: u64,
    pub overdue: u64,
    /// Court cases, assembly questions, VIP references (priority above 0).
    pub priority: u64,
    /// Held longer than 7 and 30 days.
    pub over_7_days: u64,
    pub over_30_days: u64,
    pub oldest_days: i64,
}

/// A section's files not closed, and how many are with its own section officer.
#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct SectionLine {
    pub code: String,
    pub name: String,
    pub name_ur: String,
    pub files: u64,
    pub with_section: u64,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Item {
    /// `file` or `receipt`.
    pub kind: String,
    pub id: String,
    pub number: String,
    pub subject: String,
    pub post: String,
    pub designation: String,
    pub held_since: String,
    pub days: i64,
    pub due_on: Option<String>,
    pub overdue: bool,
    pub priority: i64,
    pub status: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Pendency {
    pub office: String,
    pub name: String,
    pub name_ur: String,
    pub as_of: String,
    pub files: u64,
    pub receipts: u64,
    pub overdue: u64,
    pub posts: Vec<PostLine>,
    pub sections: Vec<SectionLine>,
    /// The most urgent first: priority, then overdue, then the longest held.
    pub items: Vec<Item>,
    /// Whether `items` was cut at the limit.
    pub truncated: bool,
}

/// The department's pendency. Its officers and the province's e-FOAS administrators
/// may read it.
pub async fn report(db: &Db, ctx: &Ctx, q: &PendencyQuery) -> Result<Pendency> {
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut conn = db.pool().acquire().await?;
    let mine = my_posts(&mut conn, ctx).await?;
    let my_offices: Vec<&str> = mine
        .iter()
        .filter_map(|p| setup.post(p))
        .map(|p| p.office.as_str())
        .collect();
    let office = match q.office.as_deref().map(norm).filter(|o| !o.is_empty()) {
        Some(o) => o,
        // An administrator on no post starts from the province's first department.
        None => match my_offices.first() {
            Some(o) => (*o).to_owned(),
            None if ctx.can(
                ADMINISTER,
                &daftar_platform::auth::ResourceScope::province(),
            ) =>
            {
                setup
                    .config
                    .departments
                    .first()
                    .map(|d| d.office.clone())
                    .ok_or(Error::NotFound)?
            }
            None => return Err(Error::Forbidden),
        },
    };
    if !my_offices.contains(&office.as_str()) && !ctx.can(ADMINISTER, &scope(&office)) {
        return Err(Error::Forbidden);
    }
    let (name, name_ur) = setup.offices.get(&office).cloned().ok_or(Error::NotFound)?;
    let now = parse_instant(&now_utc()).ok_or_else(|| Error::Internal("clock".into()))?;
    let ago = |days: i64| format_instant(now - time::Duration::days(days));
    let today = today().iso();
    let counts =
        store::pendency::pending_counts(&mut conn, &t, &office, &today, &ago(7), &ago(30)).await?;
    let post_filter = q.post.as_deref().map(norm).filter(|p| !p.is_empty());
    let limit = q.limit.unwrap_or(200).clamp(1, 5000);
    let items = store::pendency::pending_items(
        &mut conn,
        &t,
        &office,
        &today,
        post_filter.as_deref(),
        i64::try_from(limit).unwrap_or(200) + 1,
    )
    .await?;
    let officers: BTreeMap<String, String> = {
        let users: BTreeMap<String, String> = daftar_platform::auth::store::users(&mut conn, &t)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect();
        store::officers(&mut conn, &t)
            .await?
            .into_iter()
            .filter_map(|o| users.get(&o.user_id).map(|n| (o.post, n.clone())))
            .collect()
    };
    let dept = setup.config.department(&office);
    let mut sections: BTreeMap<String, SectionLine> = BTreeMap::new();
    for s in dept.map(|d| d.sections.as_slice()).unwrap_or_default() {
        sections.insert(
            s.code.clone(),
            SectionLine {
                code: s.code.clone(),
                name: s.name.clone(),
                name_ur: s.name_ur.clone(),
                ..SectionLine::default()
            },
        );
    }
    let section_posts: BTreeMap<&str, &str> = dept
        .map(|d| {
            d.sections
                .iter()
                .map(|s| (s.code.as_str(), s.post.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let mut posts: BTreeMap<String, PostLine> = BTreeMap::new();
    let (mut n_files, mut n_receipts, mut n_overdue) = (0u64, 0u64, 0u64);
    let count = |v: i64| u64::try_from(v).unwrap_or(0);
    for c in counts {
        let line = posts.entry(c.holder_post.clone()).or_insert_with(|| {
            let p = setup.post(&c.holder_post);
            PostLine {
                post: c.holder_post.clone(),
                designation: p.map(|p| p.designation.clone()).unwrap_or_default(),
                designation_ur: p.map(|p| p.designation_ur.clone()).unwrap_or_default(),
                officer: officers.get(&c.holder_post).cloned(),
                ..PostLine::default()
            }
        });
        let n = count(c.n);
        if c.kind == "file" {
            line.files += n;
            n_files += n;
            if let Some(s) = sections.get_mut(&c.section) {
                s.files += n;
                if section_posts.get(c.section.as_str()) == Some(&c.holder_post.as_str()) {
                    s.with_section += n;
                }
            }
        } else {
            line.receipts += n;
            n_receipts += n;
        }
        if c.status == "parked" {
            line.parked += n;
        }
        line.overdue += count(c.overdue);
        n_overdue += count(c.overdue);
        line.priority += count(c.priority);
        line.over_7_days += count(c.over_7);
        line.over_30_days += count(c.over_30);
        let days = parse_instant(&c.oldest).map_or(0, |h| (now - h).whole_days());
        line.oldest_days = line.oldest_days.max(days);
    }
    let truncated = items.len() > limit;
    let mut posts: Vec<PostLine> = posts.into_values().collect();
    posts.sort_by(|a, b| {
        b.priority
            .cmp(&a.priority)
            .then(b.overdue.cmp(&a.overdue))
            .then((b.files + b.receipts).cmp(&(a.files + a.receipts)))
    });
    let keys: Vec<_> = items.into_iter().take(limit).collect();
    let ids = |kind: &str| -> Vec<String> {
        keys.iter()
            .filter(|k| k.kind == kind)
            .map(|k| k.id.clone())
            .collect()
    };
    let file_rows: BTreeMap<String, files::FileRow> =
        files::files_by_ids(&mut conn, &t, &ids("file"))
            .await?
            .into_iter()
            .map(|f| (f.id.clone(), f))
            .collect();
    let receipt_rows: BTreeMap<String, dak::ReceiptRow> =
        dak::by_ids(&mut conn, &t, &ids("receipt"))
            .await?
            .into_iter()
            .map(|r| (r.id.clone(), r))
            .collect();
    let item = |kind: &str,
                id,
                number,
                subject,
                post: String,
                held_since: String,
                due_on,
                priority,
                status,
                overdue: i64| Item {
        designation: setup
            .post(&post)
            .map(|p| p.designation.clone())
            .unwrap_or_default(),
        days: parse_instant(&held_since).map_or(0, |h| (now - h).whole_days()),
        overdue: overdue != 0,
        kind: kind.to_owned(),
        id,
        number,
        subject,
        post,
        held_since,
        due_on,
        priority,
        status,
    };
    let items: Vec<Item> = keys
        .iter()
        .filter_map(|k| match k.kind.as_str() {
            "file" => file_rows.get(&k.id).map(|f| {
                item(
                    "file",
                    f.id.clone(),
                    f.number.clone(),
                    f.subject.clone(),
                    f.holder_post.clone(),
                    f.held_since.clone(),
                    f.due_on.clone(),
                    f.priority,
                    f.status.clone(),
                    k.overdue,
                )
            }),
            _ => receipt_rows.get(&k.id).map(|r| {
                item(
                    "receipt",
                    r.id.clone(),
                    r.diary(),
                    r.subject.clone(),
                    r.holder_post.clone(),
                    r.held_since.clone(),
                    r.due_on.clone(),
                    r.priority,
                    r.status.clone(),
                    k.overdue,
                )
            }),
        })
        .collect();
    Ok(Pendency {
        office,
        name,
        name_ur,
        as_of: now_utc(),
        files: n_files,
        receipts: n_receipts,
        overdue: n_overdue,
        posts,
        sections: sections.into_values().collect(),
        items,
        truncated,
    })
}
