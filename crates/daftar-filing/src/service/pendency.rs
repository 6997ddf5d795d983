//! Pendency: which files and receipts sit with whom in a department, for how long,
//! overdue against their due dates, court cases, assembly questions and VIP references
//! first. Counts are over everything pending; the list of items is the most urgent.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use daftar_platform::{
    Ctx, Db, Error, Result,
    db::{now_utc, parse_instant},
};

use super::{ADMINISTER, my_posts, norm, scope, setup_of, today};
use crate::store::{self, files};

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
    let rows = files::pending(&mut conn, &t, &office).await?;
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
    let now = parse_instant(&now_utc()).ok_or_else(|| Error::Internal("clock".into()))?;
    let today = today().iso();
    let post_filter = q.post.as_deref().map(norm).filter(|p| !p.is_empty());
    let mut posts: BTreeMap<String, PostLine> = BTreeMap::new();
    let mut sections: BTreeMap<String, SectionLine> = BTreeMap::new();
    let dept = setup.config.department(&office);
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
    let mut items = Vec::new();
    let (mut n_files, mut n_receipts, mut n_overdue) = (0, 0, 0);
    for r in rows {
        let days = parse_instant(&r.held_since).map_or(0, |h| (now - h).whole_days());
        let overdue = r.due_on.as_deref().is_some_and(|d| d < today.as_str());
        let line = posts.entry(r.holder_post.clone()).or_insert_with(|| {
            let p = setup.post(&r.holder_post);
            PostLine {
                post: r.holder_post.clone(),
                designation: p.map(|p| p.designation.clone()).unwrap_or_default(),
                designation_ur: p.map(|p| p.designation_ur.clone()).unwrap_or_default(),
                officer: officers.get(&r.holder_post).cloned(),
                ..PostLine::default()
            }
        });
        if r.kind == "file" {
            line.files += 1;
            n_files += 1;
        } else {
            line.receipts += 1;
            n_receipts += 1;
        }
        if r.status == "parked" {
            line.parked += 1;
        }
        if overdue {
            line.overdue += 1;
            n_overdue += 1;
        }
        if r.priority > 0 {
            line.priority += 1;
        }
        if days > 7 {
            line.over_7_days += 1;
        }
        if days > 30 {
            line.over_30_days += 1;
        }
        line.oldest_days = line.oldest_days.max(days);
        if let Some(s) = sections.get_mut(&r.section) {
            s.files += 1;
            if section_posts.get(r.section.as_str()) == Some(&r.holder_post.as_str()) {
                s.with_section += 1;
            }
        }
        if post_filter.as_ref().is_none_or(|p| *p == r.holder_post) {
            items.push((r, days, overdue));
        }
    }
    items.sort_by(|a, b| {
        b.0.priority
            .cmp(&a.0.priority)
            .then(b.2.cmp(&a.2))
            .then(a.0.held_since.cmp(&b.0.held_since))
    });
    let limit = q.limit.unwrap_or(200).clamp(1, 5000);
    let truncated = items.len() > limit;
    items.truncate(limit);
    let mut posts: Vec<PostLine> = posts.into_values().collect();
    posts.sort_by(|a, b| {
        b.priority
            .cmp(&a.priority)
            .then(b.overdue.cmp(&a.overdue))
            .then((b.files + b.receipts).cmp(&(a.files + a.receipts)))
    });
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
        items: items
            .into_iter()
            .map(|(r, days, overdue)| Item {
                designation: setup
                    .post(&r.holder_post)
                    .map(|p| p.designation.clone())
                    .unwrap_or_default(),
                kind: r.kind,
                id: r.id,
                number: r.number,
                subject: r.subject,
                post: r.holder_post,
                held_since: r.held_since,
                days,
                due_on: r.due_on,
                overdue,
                priority: r.priority,
                status: r.status,
            })
            .collect(),
        truncated,
    })
}
