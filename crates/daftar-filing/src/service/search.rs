//! Search over subjects, notes, receipts and drafts, in English and Urdu, filtered by
//! the reader's rights. The database is the truth: every change queues its entity in
//! its own transaction (`filing_search_queue`), and the index (one per data directory,
//! `search/filing`) takes the queue before each search and every few seconds. A new or
//! unreadable index is rebuilt from the database.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{Arc, LazyLock, Mutex},
};

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use daftar_kernel::TenantId;
use daftar_platform::{Ctx, Db, Error, Result};

use super::{norm, require_use, setup_of};
use crate::{
    search::{Doc, DocKind, Index, Query},
    store::{self, dak, drafts, files},
};

/// A data directory's index and the lock that lets one task at a time feed it.
pub struct Indexer {
    index: Arc<Index>,
    feeding: tokio::sync::Mutex<()>,
}

static INDEXES: LazyLock<Mutex<HashMap<PathBuf, Arc<Indexer>>>> = LazyLock::new(Default::default);

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("search index: {e}"))
}

/// The index of a data directory, opened once per process. A newly made index queues
/// everything for indexing.
pub async fn indexer(db: &Db, data_dir: &Path) -> Result<Arc<Indexer>> {
    let dir = data_dir.join("search").join("filing");
    if let Some(i) = INDEXES.lock().map_err(internal)?.get(&dir) {
        return Ok(i.clone());
    }
    let opened = {
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || Index::open(&dir))
            .await
            .map_err(internal)?
            .map_err(internal)?
    };
    if opened.was_created() {
        let mut tx = db.begin().await?;
        let n = store::queue_everything(&mut tx).await?;
        tx.commit().await?;
        tracing::info!(
            queued = n,
            "filing search index created; indexing everything"
        );
    }
    let mut map = INDEXES.lock().map_err(internal)?;
    Ok(map
        .entry(dir)
        .or_insert_with(|| {
            Arc::new(Indexer {
                index: Arc::new(opened),
                feeding: tokio::sync::Mutex::new(()),
            })
        })
        .clone())
}

/// The document an entity makes, or none when it is gone.
async fn doc(
    conn: &mut sqlx::AnyConnection,
    tenant: &TenantId,
    kind: &str,
    id: &str,
) -> Result<Option<Doc>> {
    let file_of =
        async |conn: &mut sqlx::AnyConnection, file: &str| files::file(conn, tenant, file).await;
    Ok(match kind {
        "file" => files::file(conn, tenant, id).await?.map(|f| Doc {
            tenant: tenant.as_str().to_owned(),
            doc_id: format!("file:{id}"),
            file_id: Some(f.id.clone()),
            kind: DocKind::Subject,
            confidential: f.confidential != 0,
            department: f.office.clone(),
            title: format!("{} — {}", f.number, f.subject),
            text: f.subject,
            at: f.created_at,
        }),
        "note" => match store::notes::note(conn, tenant, id)
            .await?
            .filter(|n| n.seq.is_some())
        {
            None => None,
            Some(n) => file_of(conn, &n.file_id).await?.map(|f| {
                let paras: Vec<String> = serde_json::from_str(&n.body).unwrap_or_default();
                Doc {
                    tenant: tenant.as_str().to_owned(),
                    doc_id: format!("note:{id}"),
                    file_id: Some(f.id.clone()),
                    kind: DocKind::Note,
                    confidential: f.confidential != 0,
                    department: f.office.clone(),
                    title: format!(
                        "{} — {} ({} {})",
                        f.number,
                        f.subject,
                        n.seq.unwrap_or(0),
                        n.author_name
                    ),
                    text: paras.join("\n"),
                    at: n.sealed_at.unwrap_or(n.created_at),
                }
            }),
        },
        "receipt" => match dak::receipt(conn, tenant, id).await? {
            None => None,
            Some(r) => {
                let f = match r.file_id.as_deref() {
                    Some(fid) => file_of(conn, fid).await?,
                    None => None,
                };
                Some(Doc {
                    tenant: tenant.as_str().to_owned(),
                    doc_id: format!("receipt:{id}"),
                    file_id: r.file_id.clone(),
                    kind: DocKind::Receipt,
                    confidential: f.as_ref().is_some_and(|f| f.confidential != 0),
                    department: r.office.clone(),
                    title: format!("{} — {}", r.diary(), r.subject),
                    text: format!("{}\n{}\n{}", r.subject, r.sender, r.letter_no),
                    at: r.created_at,
                })
            }
        },
        "draft" => match drafts::draft(conn, tenant, id).await? {
            None => None,
            Some(d) => {
                let body = drafts::versions(conn, tenant, id)
                    .await?
                    .pop()
                    .map(|v| v.body)
                    .unwrap_or_default();
                file_of(conn, &d.file_id).await?.map(|f| Doc {
                    tenant: tenant.as_str().to_owned(),
                    doc_id: format!("draft:{id}"),
                    file_id: Some(f.id.clone()),
                    kind: DocKind::Draft,
                    confidential: f.confidential != 0,
                    department: f.office.clone(),
                    title: format!("{} — {}", f.number, d.subject),
                    text: format!("{}\n{}\n{body}", d.subject, d.addressee),
                    at: d.created_at,
                })
            }
        },
        _ => None,
    })
}

/// Feeds the index everything queued; returns how many entities it took.
pub async fn feed(db: &Db, ix: &Indexer) -> Result<usize> {
    let _one = ix.feeding.lock().await;
    let mut total = 0;
    loop {
        let mut conn = db.pool().acquire().await?;
        let queued = store::search_queue(&mut conn, 500).await?;
        if queued.is_empty() {
            return Ok(total);
        }
        let mut docs = Vec::new();
        let mut gone = Vec::new();
        for (_, tenant, kind, id) in &queued {
            let t = TenantId::from_stored(tenant.clone());
            match doc(&mut conn, &t, kind, id).await? {
                Some(d) => docs.push(d),
                None => gone.push(format!("{kind}:{id}")),
            }
        }
        drop(conn);
        let index = ix.index.clone();
        tokio::task::spawn_blocking(move || {
            index.upsert(&docs)?;
            index.delete(&gone)
        })
        .await
        .map_err(internal)?
        .map_err(internal)?;
        let ids: Vec<String> = queued.iter().map(|q| q.0.clone()).collect();
        let mut tx = db.begin().await?;
        store::unqueue_search(&mut tx, &ids).await?;
        tx.commit().await?;
        total += queued.len();
    }
}

#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    /// Words to find (all of them), in English or Urdu.
    #[serde(default)]
    pub q: String,
    /// `subject`, `note`, `receipt` or `draft`; all by default.
    #[serde(default)]
    pub kind: Option<String>,
    /// A department's office code.
    #[serde(default)]
    pub office: Option<String>,
    #[serde(default)]
    pub limit: Option<usize>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SearchHit {
    pub kind: String,
    pub file_id: Option<String>,
    /// The receipt's id for a receipt, the draft's for a draft.
    pub id: String,
    pub title: String,
    pub snippet: String,
    pub at: String,
}

/// Finds what the reader may see: ordinary files, and confidential ones that have been
/// with one of their posts or a post they outrank.
pub async fn search(
    db: &Db,
    ctx: &Ctx,
    data_dir: &Path,
    q: &SearchQuery,
) -> Result<Vec<SearchHit>> {
    require_use(ctx)?;
    let text = q.q.trim();
    if text.chars().count() > 200 {
        return Err(Error::field("q", "filing-err-too-long"));
    }
    let kinds: Vec<DocKind> = match q.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        None => Vec::new(),
        Some(k) => vec![DocKind::parse(k).ok_or_else(|| Error::field("kind", "filing-err-kind"))?],
    };
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let setup = setup_of(db, ctx).await?;
    let ix = indexer(db, data_dir).await?;
    feed(db, &ix).await?;
    let allowed = {
        let mut conn = db.pool().acquire().await?;
        super::readable_confidential(&mut conn, ctx, &setup).await?
    };
    let tenant = ctx.tenant_id().as_str().to_owned();
    let department = q.office.as_deref().map(norm).filter(|o| !o.is_empty());
    let limit = q.limit.unwrap_or(20).clamp(1, 100);
    let text = text.to_owned();
    let index = ix.index.clone();
    let hits = tokio::task::spawn_blocking(move || {
        index.search(&Query {
            tenant: &tenant,
            text: &text,
            kinds: &kinds,
            department: department.as_deref(),
            allowed_confidential: &allowed,
            limit,
        })
    })
    .await
    .map_err(internal)?
    .map_err(internal)?;
    Ok(hits
        .into_iter()
        .map(|h| SearchHit {
            kind: h.kind.as_str().to_owned(),
            id: h
                .doc_id
                .split_once(':')
                .map_or(h.doc_id.clone(), |(_, id)| id.to_owned()),
            file_id: h.file_id,
            title: h.title,
            snippet: h.snippet,
            at: h.at,
        })
        .collect())
}

/// The job: feed the index of this data directory.
pub async fn feed_job(db: &Db, data_dir: &Path) -> Result<()> {
    let ix = indexer(db, data_dir).await?;
    let n = feed(db, &ix).await?;
    if n > 0 {
        tracing::debug!(entities = n, "filing search index fed");
    }
    Ok(())
}
