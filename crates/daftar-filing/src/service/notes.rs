//! Notes: a draft while its author holds the file, written as numbered paragraphs or a
//! quick one-liner; sealed (numbered, chained, signed) when the file moves on, and never
//! changed after that (see `movement` and `signing`).

use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use daftar_kernel::Id;
use daftar_platform::{Ctx, Db, Error, Result, audit, db::now_utc, error::Problems};

use super::{
    Setup,
    files::{held, open_only, readable, save},
    setup_of, text,
};
use crate::{
    rules,
    store::{self, files::FILE, notes::NoteRow},
};

/// A note's text: paragraphs, or a quick note (`seen`, `approved`, ...).
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    #[serde(default)]
    pub paragraphs: Vec<String>,
    #[serde(default)]
    pub quick: Option<String>,
}

/// A note as shown: its paragraphs numbered on through the file.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct NoteView {
    #[serde(flatten)]
    pub note: NoteRow,
    pub paragraphs: Vec<String>,
    pub designation: String,
    pub designation_ur: String,
}

pub(crate) fn note_view(setup: &Setup, note: NoteRow) -> NoteView {
    let paragraphs = serde_json::from_str(&note.body).unwrap_or_default();
    let post = setup.post(&note.author_post);
    NoteView {
        designation: post.map(|p| p.designation.clone()).unwrap_or_default(),
        designation_ur: post.map(|p| p.designation_ur.clone()).unwrap_or_default(),
        note,
        paragraphs,
    }
}

fn paragraphs(ctx: &Ctx, input: &NoteInput) -> Result<Vec<String>> {
    let mut p = Problems::new();
    let mut paras: Vec<String> = Vec::new();
    if let Some(q) = input.quick.as_deref().filter(|q| !q.is_empty()) {
        match rules::quick(q, ctx.lang.code()) {
            Some(t) => paras.push(t.to_owned()),
            None => p.add("quick", "filing-err-quick"),
        }
    }
    for (i, para) in input.paragraphs.iter().enumerate() {
        let t = text(&mut p, &format!("paragraphs[{i}]"), para, false, 20_000);
        if !t.is_empty() {
            paras.push(t);
        }
    }
    if paras.is_empty() && p.is_empty() {
        p.add("paragraphs", "err-required");
    }
    if paras.len() > 100 {
        p.add("paragraphs", "filing-err-too-long");
    }
    p.finish()?;
    Ok(paras)
}

/// Writes (or rewrites) the holder's draft note on a file they hold.
pub async fn write_note(db: &Db, ctx: &Ctx, id: &str, input: &NoteInput) -> Result<NoteView> {
    let paras = paragraphs(ctx, input)?;
    let body = serde_json::to_string(&paras).map_err(|e| Error::Internal(e.to_string()))?;
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut tx = db.begin().await?;
    let (mut f, post) = held(&mut tx, ctx, &setup, id).await?;
    open_only(&f)?;
    let existing = store::notes::notes(&mut tx, &t, &f.id)
        .await?
        .into_iter()
        .find(|n| n.seq.is_none() && n.author_post == post);
    let note = match existing {
        Some(mut n) => {
            store::notes::update_draft(&mut tx, &t, &n.id, &body).await?;
            n.body = body;
            n
        }
        None => {
            let n = NoteRow {
                id: Id::new().to_string(),
                file_id: f.id.clone(),
                seq: None,
                first_para: None,
                author_user: ctx.user.id.clone(),
                author_post: post.clone(),
                author_name: ctx.user.display_name.clone(),
                body,
                created_at: now_utc(),
                sealed_at: None,
                prev_hash: None,
                hash: None,
                key_id: None,
                signature: None,
            };
            store::notes::insert_note(&mut tx, &t, &n).await?;
            n
        }
    };
    // The file's version moves too: a note written while someone moves the file loses.
    save(&mut tx, ctx, &mut f).await?;
    audit::record(
        &mut tx,
        &ctx.actor(),
        "filing_file.note",
        &FILE,
        &f.id,
        json!({ "note": note.id }),
    )
    .await?;
    tx.commit().await?;
    Ok(note_view(&setup, note))
}

/// Edits a note: only a draft, only by the file's holder. A sealed note never changes.
pub async fn edit_note(
    db: &Db,
    ctx: &Ctx,
    id: &str,
    note_id: &str,
    input: &NoteInput,
) -> Result<NoteView> {
    let setup = setup_of(db, ctx).await?;
    let mut conn = db.pool().acquire().await?;
    let f = readable(&mut conn, ctx, &setup, id).await?;
    let n = store::notes::note(&mut conn, &ctx.tenant_id(), note_id.trim())
        .await?
        .filter(|n| n.file_id == f.id)
        .ok_or(Error::NotFound)?;
    drop(conn);
    if let Some(seq) = n.seq {
        return Err(Error::conflict(
            None,
            "filing-conflict-note-sealed",
            &[("seq", &seq.to_string()), ("number", &f.number)],
        ));
    }
    write_note(db, ctx, id, input).await
}

/// Discards the holder's draft note.
pub async fn discard_note(db: &Db, ctx: &Ctx, id: &str, note_id: &str) -> Result<()> {
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut tx = db.begin().await?;
    let (mut f, post) = held(&mut tx, ctx, &setup, id).await?;
    let n = store::notes::note(&mut tx, &t, note_id.trim())
        .await?
        .filter(|n| n.file_id == f.id)
        .ok_or(Error::NotFound)?;
    if n.seq.is_some()
        || n.author_post != post
        || !store::notes::delete_draft(&mut tx, &t, &n.id).await?
    {
        return Err(Error::conflict(None, "filing-conflict-discard", &[]));
    }
    save(&mut tx, ctx, &mut f).await?;
    audit::record(
        &mut tx,
        &ctx.actor(),
        "filing_file.note_discard",
        &FILE,
        &f.id,
        json!({ "note": n.id }),
    )
    .await?;
    tx.commit().await
}
