//! Files: opening one (with its paper under consideration), the file view with its two
//! halves, papers, closing, reopening, part files and links. Notes are in `notes`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use daftar_kernel::Id;
use daftar_platform::{Ctx, Db, Error, Result, Tx, audit, auth, db::now_utc, error::Problems};

use super::notes::{NoteView, note_view};
use super::{
    PostInfo, Setup, Thing, USE, changed_meanwhile, may_read, my_posts, norm, not_holder, scope,
    setup_of, text, today,
};
use crate::{
    config,
    rules::{self, GENESIS},
    store::{
        self,
        dak::{self, RECEIPT, ReceiptRow},
        drafts::{self, DraftRow},
        files::{self, FILE, FileRow, MovementRow, PaperRow},
    },
};

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFile {
    /// The department (its office code).
    pub office: String,
    pub section: String,
    pub subject: String,
    pub record_class: String,
    #[serde(default)]
    pub confidential: bool,
    /// A receipt you hold, to put on the file as the paper under consideration.
    #[serde(default)]
    pub receipt_id: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    #[serde(default)]
    pub reason: String,
}

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The other file's id or number.
    pub file: String,
}

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachReceipt {
    pub receipt_id: String,
}

/// A movement and how long the file stayed where it went.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MovementView {
    #[serde(flatten)]
    pub movement: MovementRow,
    /// When the file left again; none while it is still there.
    pub left_at: Option<String>,
}

/// A file like a paper file: notes on one side, correspondence on the other.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FileView {
    pub file: FileRow,
    pub holder: Option<PostInfo>,
    pub notes: Vec<NoteView>,
    pub papers: Vec<PaperRow>,
    pub receipts: Vec<ReceiptRow>,
    pub drafts: Vec<DraftRow>,
    pub movements: Vec<MovementView>,
    /// The other parts of the same file (the main file and its parts) the reader may read.
    pub parts: Vec<FileRow>,
    pub links: Vec<FileRow>,
    /// The names of the officers in the file's history (movements, drafts), by account id.
    pub people: BTreeMap<String, String>,
    /// Whether the reader holds the file (and may write and move it).
    pub mine: bool,
}

/// A file the user may read, by id or number; 404 otherwise (also for another province).
pub async fn readable(
    conn: &mut sqlx::AnyConnection,
    ctx: &Ctx,
    setup: &Setup,
    id: &str,
) -> Result<FileRow> {
    let (t, id) = (ctx.tenant_id(), id.trim());
    let f = match files::file(conn, &t, id).await? {
        Some(f) => f,
        None => files::file_by_number(conn, &t, id)
            .await?
            .ok_or(Error::NotFound)?,
    };
    super::require_use(ctx)?;
    if !may_read(conn, ctx, setup, &f).await? {
        return Err(Error::NotFound);
    }
    Ok(f)
}

/// The file and the post the user holds it on; 409 when someone else holds it.
pub async fn held(tx: &mut Tx, ctx: &Ctx, setup: &Setup, id: &str) -> Result<(FileRow, String)> {
    let f = readable(tx, ctx, setup, id).await?;
    let mine = my_posts(tx, ctx).await?;
    if !mine.contains(&f.holder_post) {
        return Err(not_holder(Thing::File(&f.number), &f.holder_post));
    }
    let post = f.holder_post.clone();
    Ok((f, post))
}

/// Writes the file's new state; 409 when someone else changed it since it was read.
pub async fn save(tx: &mut Tx, ctx: &Ctx, f: &mut FileRow) -> Result<()> {
    let read = f.version;
    f.version = read + 1;
    if !files::save_file(tx, &ctx.tenant_id(), f, read).await? {
        return Err(changed_meanwhile(Thing::File(&f.number)));
    }
    Ok(())
}

fn record_file<'a>(action: &'a str, id: &str, detail: serde_json::Value) -> audit::Entry<'a> {
    audit::Entry {
        action,
        spec: &FILE,
        entity_id: id.to_owned(),
        detail,
        state: audit::State::Read,
    }
}

/// Opens a file in a department's numbering scheme, optionally with a receipt as PUC.
pub async fn open(db: &Db, ctx: &Ctx, new: &NewFile) -> Result<FileView> {
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let office = norm(&new.office);
    let mut p = Problems::new();
    let dept = setup.config.department(&office);
    if dept.is_none() {
        p.add("office", "filing-err-department");
    }
    let section = norm(&new.section);
    if dept.is_some_and(|d| !d.sections.iter().any(|s| s.code == section)) {
        p.add("section", "filing-err-section");
    }
    let subject = text(&mut p, "subject", &new.subject, true, 500);
    let class = norm(&new.record_class);
    if setup.config.record_class(&class).is_none() {
        p.add("record_class", "filing-err-record-class");
    }
    p.finish()?;
    let Some(dept) = dept else {
        return Err(Error::NotFound);
    };
    ctx.require(USE, &scope(&office))?;
    let mut tx = db.begin().await?;
    let mine = my_posts(&mut tx, ctx).await?;
    let Some(post) = mine
        .iter()
        .find(|m| setup.post(m).is_some_and(|p| p.office == office))
        .cloned()
    else {
        return Err(Error::conflict(
            Some("office"),
            "filing-conflict-no-post",
            &[("office", &office)],
        ));
    };
    let now = now_utc();
    let day = today();
    let year = day.date().year();
    let seq = store::next_number(&mut tx, &t, &format!("file:{office}:{section}"), year).await?;
    let mut f = FileRow {
        id: Id::new().to_string(),
        office: office.clone(),
        section: section.clone(),
        year: i64::from(year),
        seq,
        number: config::file_number(&dept.file_number, &section, seq, year),
        subject,
        record_class: class,
        confidential: i64::from(new.confidential),
        status: "open".into(),
        holder_post: post.clone(),
        held_since: now.clone(),
        sent_by_post: None,
        opened_at: Some(now.clone()),
        due_on: None,
        priority: 0,
        parent_id: None,
        part_no: 1,
        notes_sealed: 0,
        paras: 0,
        papers: 0,
        last_hash: GENESIS.to_owned(),
        version: 1,
        opened_by: ctx.user.id.clone(),
        created_at: now.clone(),
        closed_on: None,
        review_on: None,
        remarks: String::new(),
    };
    files::insert_file(&mut tx, &t, &f).await?;
    files::add_path(&mut tx, &t, &f.id, &post).await?;
    let actor = ctx.actor();
    let mut entries = vec![record_file(
        "filing_file.open",
        &f.id,
        json!({ "number": f.number }),
    )];
    if let Some(rid) = new.receipt_id.as_deref().filter(|r| !r.trim().is_empty()) {
        let r = put_on_file(&mut tx, ctx, &mut f, rid.trim(), &post, &now).await?;
        files::save_file(&mut tx, &t, &f, f.version).await?;
        entries.push(audit::Entry {
            action: "filing_receipt.attach",
            spec: &RECEIPT,
            entity_id: r.id.clone(),
            detail: json!({ "file": f.number }),
            state: audit::State::Read,
        });
    }
    store::queue_search(&mut tx, &t, "file", &f.id).await?;
    audit::record_all(&mut tx, &actor, entries).await?;
    tx.commit().await?;
    view(db, ctx, &f.id).await
}

/// Puts a receipt the user holds on a file as its next flagged paper.
async fn put_on_file(
    tx: &mut Tx,
    ctx: &Ctx,
    f: &mut FileRow,
    receipt: &str,
    post: &str,
    now: &str,
) -> Result<ReceiptRow> {
    let t = ctx.tenant_id();
    let mut r = dak::receipt(tx, &t, receipt)
        .await?
        .ok_or_else(|| Error::field("receipt_id", "filing-err-receipt"))?;
    if r.holder_post != post {
        return Err(not_holder(Thing::Receipt(&r.diary()), &r.holder_post));
    }
    if r.status != "open" {
        return Err(Error::conflict(
            Some("receipt_id"),
            "filing-conflict-receipt-not-open",
            &[("number", &r.diary()), ("status", &r.status)],
        ));
    }
    let flag = rules::flag(usize::try_from(f.papers).unwrap_or(0));
    f.papers += 1;
    f.priority = f.priority.max(r.priority);
    if f.due_on.is_none() {
        f.due_on.clone_from(&r.due_on);
    }
    files::insert_paper(
        tx,
        &t,
        &f.id,
        &PaperRow {
            flag,
            kind: "receipt".into(),
            ref_id: r.id.clone(),
            title: format!("{} — {}", r.diary(), r.subject),
            added_at: now.to_owned(),
        },
    )
    .await?;
    r.status = "attached".into();
    r.file_id = Some(f.id.clone());
    if r.acknowledged_at.is_none() {
        r.acknowledged_at = Some(now.to_owned());
    }
    if !dak::save(tx, &t, &r, post, "open").await? {
        return Err(changed_meanwhile(Thing::Receipt(&r.diary())));
    }
    store::queue_search(tx, &t, "receipt", &r.id).await?;
    Ok(r)
}

/// Puts a receipt the user holds on a file they hold.
pub async fn attach_receipt(
    db: &Db,
    ctx: &Ctx,
    id: &str,
    body: &AttachReceipt,
) -> Result<FileView> {
    let setup = setup_of(db, ctx).await?;
    let mut tx = db.begin().await?;
    let (mut f, post) = held(&mut tx, ctx, &setup, id).await?;
    open_only(&f)?;
    let now = now_utc();
    let r = put_on_file(&mut tx, ctx, &mut f, body.receipt_id.trim(), &post, &now).await?;
    save(&mut tx, ctx, &mut f).await?;
    let actor = ctx.actor();
    audit::record_all(
        &mut tx,
        &actor,
        vec![
            record_file("filing_file.paper", &f.id, json!({ "receipt": r.diary() })),
            audit::Entry {
                action: "filing_receipt.attach",
                spec: &RECEIPT,
                entity_id: r.id.clone(),
                detail: json!({ "file": f.number }),
                state: audit::State::Read,
            },
        ],
    )
    .await?;
    tx.commit().await?;
    view(db, ctx, &f.id).await
}

pub(crate) fn open_only(f: &FileRow) -> Result<()> {
    if f.status == "closed" {
        return Err(Error::conflict(
            None,
            "filing-conflict-closed",
            &[("number", &f.number)],
        ));
    }
    Ok(())
}

/// The file with both halves. Opening it as its holder marks it opened (its sender can
/// no longer pull it back).
pub async fn view(db: &Db, ctx: &Ctx, id: &str) -> Result<FileView> {
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut conn = db.pool().acquire().await?;
    let mut f = readable(&mut conn, ctx, &setup, id).await?;
    let mine = my_posts(&mut conn, ctx).await?;
    let holds = mine.contains(&f.holder_post);
    if holds && f.opened_at.is_none() {
        drop(conn);
        let mut tx = db.begin().await?;
        let current = files::file(&mut tx, &t, &f.id).await?;
        if let Some(mut current) = current
            && current.opened_at.is_none()
            && current.holder_post == f.holder_post
        {
            current.opened_at = Some(now_utc());
            let read = current.version;
            current.version += 1;
            // Someone acting on the file at this moment wins; the reader just reads.
            if files::save_file(&mut tx, &t, &current, read).await? {
                let actor = ctx.actor();
                audit::record(
                    &mut tx,
                    &actor,
                    "filing_file.opened",
                    &FILE,
                    &current.id,
                    json!({}),
                )
                .await?;
                tx.commit().await?;
            } else {
                drop(tx);
            }
        } else {
            drop(tx);
        }
        conn = db.pool().acquire().await?;
        f = files::file(&mut conn, &t, &f.id)
            .await?
            .ok_or(Error::NotFound)?;
    }
    let notes = store::notes::notes(&mut conn, &t, &f.id)
        .await?
        .into_iter()
        // A draft is its author's until sealed.
        .filter(|n| n.seq.is_some() || (holds && n.author_post == f.holder_post))
        .map(|n| note_view(&setup, n))
        .collect();
    let movements = files::movements(&mut conn, &t, &f.id).await?;
    let movements: Vec<MovementView> = movements
        .iter()
        .enumerate()
        .map(|(i, m)| MovementView {
            movement: m.clone(),
            left_at: movements.get(i + 1).map(|n| n.at.clone()),
        })
        .collect();
    let mut links = Vec::new();
    let ids = files::links(&mut conn, &t, &f.id).await?;
    for l in files::files_by_ids(&mut conn, &t, &ids).await? {
        if may_read(&mut conn, ctx, &setup, &l).await? {
            links.push(l);
        }
    }
    // The other parts of the same file: the main file first, then its parts in order.
    let main_id = f.parent_id.clone().unwrap_or_else(|| f.id.clone());
    let mut family = Vec::new();
    if main_id != f.id {
        family.extend(files::file(&mut conn, &t, &main_id).await?);
    }
    family.extend(files::parts(&mut conn, &t, &main_id).await?);
    let mut parts = Vec::new();
    for p in family.into_iter().filter(|p| p.id != f.id) {
        if may_read(&mut conn, ctx, &setup, &p).await? {
            parts.push(p);
        }
    }
    let drafts = drafts::of_file(&mut conn, &t, &f.id).await?;
    let who: Vec<&str> = movements
        .iter()
        .map(|m: &MovementView| m.movement.by_user.as_str())
        .chain(drafts.iter().map(|d| d.created_by.as_str()))
        .chain(drafts.iter().filter_map(|d| d.approved_by.as_deref()))
        .chain([f.opened_by.as_str()])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let people = auth::store::display_names(&mut conn, &t, &who).await?;
    Ok(FileView {
        holder: setup.post(&f.holder_post).cloned(),
        notes,
        papers: files::papers(&mut conn, &t, &f.id).await?,
        receipts: dak::on_file(&mut conn, &t, &f.id).await?,
        drafts,
        movements,
        parts,
        links,
        people,
        mine: holds,
        file: f,
    })
}

/// Closes a file its holder has finished with; its record class sets when it comes up
/// for review or destruction.
pub async fn close(db: &Db, ctx: &Ctx, id: &str, body: &Reason) -> Result<FileView> {
    let setup = setup_of(db, ctx).await?;
    let mut tx = db.begin().await?;
    let (mut f, _) = held(&mut tx, ctx, &setup, id).await?;
    open_only(&f)?;
    let mut p = Problems::new();
    let reason = text(&mut p, "reason", &body.reason, false, 1000);
    p.finish()?;
    let class = setup.config.record_class(&f.record_class);
    let day = today().iso();
    f.review_on = Some(rules::review_on(
        &day,
        class.map_or(0, |c| c.retain_years),
        class.map_or(10, |c| c.review_years),
    ));
    f.closed_on = Some(day);
    f.status = "closed".into();
    f.remarks = reason;
    save(&mut tx, ctx, &mut f).await?;
    audit::record(
        &mut tx,
        &ctx.actor(),
        "filing_file.close",
        &FILE,
        &f.id,
        json!({}),
    )
    .await?;
    tx.commit().await?;
    view(db, ctx, &f.id).await
}

/// Reopens a closed file, with a reason.
pub async fn reopen(db: &Db, ctx: &Ctx, id: &str, body: &Reason) -> Result<FileView> {
    let setup = setup_of(db, ctx).await?;
    let mut tx = db.begin().await?;
    let (mut f, _) = held(&mut tx, ctx, &setup, id).await?;
    let mut p = Problems::new();
    let reason = text(&mut p, "reason", &body.reason, true, 1000);
    p.finish()?;
    if f.status != "closed" {
        return Err(Error::conflict(
            None,
            "filing-conflict-not-closed",
            &[("number", &f.number)],
        ));
    }
    f.status = "open".into();
    f.closed_on = None;
    f.review_on = None;
    f.remarks = reason;
    save(&mut tx, ctx, &mut f).await?;
    audit::record(
        &mut tx,
        &ctx.actor(),
        "filing_file.reopen",
        &FILE,
        &f.id,
        json!({}),
    )
    .await?;
    tx.commit().await?;
    view(db, ctx, &f.id).await
}

/// Links two files (both ways); the holder of the first acts.
pub async fn link(db: &Db, ctx: &Ctx, id: &str, body: &Link) -> Result<FileView> {
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut tx = db.begin().await?;
    let (mut f, _) = held(&mut tx, ctx, &setup, id).await?;
    let other = readable(&mut tx, ctx, &setup, &body.file)
        .await
        .map_err(|_| Error::field("file", "filing-err-file"))?;
    if other.id == f.id {
        return Err(Error::field("file", "filing-err-file"));
    }
    let now = now_utc();
    files::insert_link(&mut tx, &t, &f.id, &other.id, &now).await?;
    files::insert_link(&mut tx, &t, &other.id, &f.id, &now).await?;
    save(&mut tx, ctx, &mut f).await?;
    let actor = ctx.actor();
    audit::record_all(
        &mut tx,
        &actor,
        vec![
            record_file("filing_file.link", &f.id, json!({ "other": other.number })),
            record_file("filing_file.link", &other.id, json!({ "other": f.number })),
        ],
    )
    .await?;
    tx.commit().await?;
    view(db, ctx, &f.id).await
}

/// Opens the next part of a file (its number with "/Part-N"), held by the same post.
pub async fn new_part(db: &Db, ctx: &Ctx, id: &str) -> Result<FileView> {
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut tx = db.begin().await?;
    let (mut f, post) = held(&mut tx, ctx, &setup, id).await?;
    open_only(&f)?;
    let main_id = f.parent_id.clone().unwrap_or_else(|| f.id.clone());
    let main = files::file(&mut tx, &t, &main_id)
        .await?
        .ok_or(Error::NotFound)?;
    let part_no = files::parts(&mut tx, &t, &main_id)
        .await?
        .iter()
        .map(|p| p.part_no)
        .max()
        .unwrap_or(1)
        + 1;
    let now = now_utc();
    let part = FileRow {
        id: Id::new().to_string(),
        number: format!("{}/Part-{part_no}", main.number),
        parent_id: Some(main_id),
        part_no,
        holder_post: post.clone(),
        held_since: now.clone(),
        sent_by_post: None,
        opened_at: Some(now.clone()),
        notes_sealed: 0,
        paras: 0,
        papers: 0,
        last_hash: GENESIS.to_owned(),
        version: 1,
        opened_by: ctx.user.id.clone(),
        created_at: now.clone(),
        status: "open".into(),
        closed_on: None,
        review_on: None,
        remarks: String::new(),
        ..main
    };
    files::insert_file(&mut tx, &t, &part).await?;
    files::add_path(&mut tx, &t, &part.id, &post).await?;
    save(&mut tx, ctx, &mut f).await?;
    store::queue_search(&mut tx, &t, "file", &part.id).await?;
    let actor = ctx.actor();
    audit::record_all(
        &mut tx,
        &actor,
        vec![
            record_file(
                "filing_file.open",
                &part.id,
                json!({ "number": part.number }),
            ),
            record_file("filing_file.part", &f.id, json!({ "part": part.number })),
        ],
    )
    .await?;
    tx.commit().await?;
    view(db, ctx, &part.id).await
}

/// A department's yearly file register; a confidential file the reader may not read
/// shows its number only.
pub async fn register(db: &Db, ctx: &Ctx, office: &str, year: i64) -> Result<Vec<FileRow>> {
    super::require_use(ctx)?;
    let setup = setup_of(db, ctx).await?;
    let mut conn = db.pool().acquire().await?;
    let mut out = files::register(&mut conn, &ctx.tenant_id(), &norm(office), year).await?;
    let allowed = super::readable_confidential(&mut conn, ctx, &setup).await?;
    for f in &mut out {
        if f.confidential != 0 && !allowed.contains(&f.id) {
            f.subject = String::new();
            f.holder_post = String::new();
        }
    }
    Ok(out)
}
