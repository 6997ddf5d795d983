//! Dak: inward letters diarised at an office with a gap-free diary number, marked to an
//! officer, acknowledged, put on a file (see `files`) or closed with a reason; scans
//! attached.

use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use daftar_kernel::Id;
use daftar_platform::{Ctx, Db, Error, Result, audit, blobs, db::now_utc, error::Problems};

use super::{
    DIARISE, Thing, USE, changed_meanwhile, date, my_posts, norm, not_holder, scope, setup_of,
    text, today,
};
use crate::store::{
    self,
    dak::{self, AttachmentRow, RECEIPT, ReceiptRow},
};

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReceipt {
    /// The office diarising it (a department's code).
    pub office: String,
    /// `YYYY-MM-DD`; today if left out.
    #[serde(default)]
    pub received_on: Option<String>,
    pub sender: String,
    #[serde(default)]
    pub letter_no: String,
    #[serde(default)]
    pub letter_date: Option<String>,
    pub subject: String,
    /// One of the province's categories (`general`, `court`, `assembly`, `vip`...).
    pub category: String,
    /// The post it is marked to.
    pub marked_to: String,
    /// A reply or action due by.
    #[serde(default)]
    pub due_on: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceiptAction {
    /// `acknowledge`, `mark` (to `to_post`) or `close` (with a `reason`).
    pub action: String,
    #[serde(default)]
    pub to_post: Option<String>,
    #[serde(default)]
    pub reason: String,
}

/// A receipt with its scans.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReceiptView {
    #[serde(flatten)]
    pub receipt: ReceiptRow,
    /// `123/2026`.
    pub diary: String,
    pub attachments: Vec<AttachmentRow>,
    pub mine: bool,
}

/// Diarises a letter at an office and marks it to a post.
pub async fn diarise(db: &Db, ctx: &Ctx, new: &NewReceipt) -> Result<ReceiptView> {
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let office = norm(&new.office);
    let mut p = Problems::new();
    if !setup.offices.contains_key(&office) {
        p.add("office", "filing-err-department");
    }
    let received_on =
        date(&mut p, "received_on", new.received_on.as_deref()).unwrap_or_else(|| today().iso());
    let sender = text(&mut p, "sender", &new.sender, true, 300);
    let letter_no = text(&mut p, "letter_no", &new.letter_no, false, 120);
    let letter_date = date(&mut p, "letter_date", new.letter_date.as_deref());
    let subject = text(&mut p, "subject", &new.subject, true, 500);
    let due_on = date(&mut p, "due_on", new.due_on.as_deref());
    let category = setup.config.category(new.category.trim());
    if category.is_none() {
        p.add("category", "filing-err-category");
    }
    let marked_to = norm(&new.marked_to);
    if setup.post(&marked_to).is_none() {
        p.add("marked_to", "filing-err-post");
    }
    if received_on > today().iso() {
        p.add("received_on", "filing-err-future");
    }
    p.finish()?;
    ctx.require(DIARISE, &scope(&office))?;
    let year = received_on[..4]
        .parse::<i32>()
        .map_err(|_| Error::field("received_on", "err-date"))?;
    let now = now_utc();
    let mut tx = db.begin().await?;
    let diary_no = store::next_number(&mut tx, &t, &format!("diary:{office}"), year).await?;
    let r = ReceiptRow {
        id: Id::new().to_string(),
        office,
        year: i64::from(year),
        diary_no,
        received_on,
        sender,
        letter_no,
        letter_date,
        subject,
        category: new.category.trim().to_owned(),
        priority: category.map_or(0, |c| c.priority),
        status: "open".into(),
        holder_post: marked_to,
        held_since: now.clone(),
        acknowledged_at: None,
        due_on,
        file_id: None,
        closed_reason: String::new(),
        created_by: ctx.user.id.clone(),
        created_at: now,
    };
    dak::insert(&mut tx, &t, &r).await?;
    store::queue_search(&mut tx, &t, "receipt", &r.id).await?;
    audit::record(
        &mut tx,
        &ctx.actor(),
        "filing_receipt.diarise",
        &RECEIPT,
        &r.id,
        json!({ "diary": r.diary() }),
    )
    .await?;
    tx.commit().await?;
    Ok(ReceiptView {
        diary: r.diary(),
        receipt: r,
        attachments: Vec::new(),
        mine: false,
    })
}

/// A receipt: its holder, those who diarised it at its office, or anyone in the office.
pub async fn receipt(db: &Db, ctx: &Ctx, id: &str) -> Result<ReceiptView> {
    let t = ctx.tenant_id();
    let mut conn = db.pool().acquire().await?;
    let r = dak::receipt(&mut conn, &t, id.trim())
        .await?
        .ok_or(Error::NotFound)?;
    // A receipt on a confidential file is read as the file is.
    if let Some(fid) = r.file_id.as_deref() {
        let setup = setup_of(db, ctx).await?;
        let f = store::files::file(&mut conn, &t, fid).await?;
        if let Some(f) = f
            && !super::may_read(&mut conn, ctx, &setup, &f).await?
        {
            return Err(Error::NotFound);
        }
    }
    let mine = my_posts(&mut conn, ctx).await?;
    let allowed = mine.contains(&r.holder_post)
        || ctx.can(DIARISE, &scope(&r.office))
        || ctx.can(USE, &scope(&r.office))
        || super::require_use(ctx).is_ok();
    if !allowed {
        return Err(Error::NotFound);
    }
    Ok(ReceiptView {
        diary: r.diary(),
        attachments: dak::attachments(&mut conn, &t, &r.id).await?,
        mine: mine.contains(&r.holder_post),
        receipt: r,
    })
}

/// Acknowledge, mark on or close a receipt one holds.
pub async fn act(db: &Db, ctx: &Ctx, id: &str, a: &ReceiptAction) -> Result<ReceiptView> {
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut p = Problems::new();
    let action = a.action.trim();
    if !["acknowledge", "mark", "close"].contains(&action) {
        p.add("action", "filing-err-action");
    }
    let to = a.to_post.as_deref().map(norm).unwrap_or_default();
    if action == "mark" && setup.post(&to).is_none() {
        p.add(
            "to_post",
            if to.is_empty() {
                "err-required"
            } else {
                "filing-err-post"
            },
        );
    }
    let reason = text(&mut p, "reason", &a.reason, action == "close", 1000);
    p.finish()?;
    let mut tx = db.begin().await?;
    let mut r = dak::receipt(&mut tx, &t, id.trim())
        .await?
        .ok_or(Error::NotFound)?;
    let mine = my_posts(&mut tx, ctx).await?;
    if !mine.contains(&r.holder_post) {
        return Err(not_holder(Thing::Receipt(&r.diary()), &r.holder_post));
    }
    if r.status != "open" {
        return Err(Error::conflict(
            None,
            "filing-conflict-receipt-not-open",
            &[("number", &r.diary()), ("status", &r.status)],
        ));
    }
    let holder = r.holder_post.clone();
    let now = now_utc();
    match action {
        "acknowledge" => r.acknowledged_at = Some(now),
        "mark" => {
            if to == holder {
                return Err(Error::field("to_post", "filing-err-same-post"));
            }
            r.holder_post = to;
            r.held_since = now;
            r.acknowledged_at = None;
        }
        _ => {
            r.status = "closed".into();
            r.closed_reason = reason;
        }
    }
    if !dak::save(&mut tx, &t, &r, &holder, "open").await? {
        return Err(changed_meanwhile(Thing::Receipt(&r.diary())));
    }
    audit::record(
        &mut tx,
        &ctx.actor(),
        &format!("filing_receipt.{action}"),
        &RECEIPT,
        &r.id,
        json!({ "to": r.holder_post }),
    )
    .await?;
    tx.commit().await?;
    receipt(db, ctx, &r.id).await
}

/// An uploaded scan.
pub struct Upload {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Attaches a scan (PDF, JPEG or PNG, at most 5 MiB) to a receipt, by its holder or at
/// its diarising office. The blob is durable before the row commits.
pub async fn attach(
    db: &Db,
    ctx: &Ctx,
    data_dir: &std::path::Path,
    id: &str,
    up: Upload,
) -> Result<ReceiptView> {
    let t = ctx.tenant_id();
    let mut p = Problems::new();
    if up.bytes.is_empty() {
        p.add("file", "err-required");
    } else if up.bytes.len() > blobs::MAX_BYTES {
        p.add("file", "filing-err-too-large");
    }
    let kind = blobs::sniff(&up.content_type, &up.bytes);
    if kind.is_none() && !up.bytes.is_empty() {
        p.add("file", "filing-err-file-type");
    }
    p.finish()?;
    {
        let mut conn = db.pool().acquire().await?;
        let r = dak::receipt(&mut conn, &t, id.trim())
            .await?
            .ok_or(Error::NotFound)?;
        let mine = my_posts(&mut conn, ctx).await?;
        if !mine.contains(&r.holder_post) && !ctx.can(DIARISE, &scope(&r.office)) {
            return Err(not_holder(Thing::Receipt(&r.diary()), &r.holder_post));
        }
    }
    let size = i64::try_from(up.bytes.len()).unwrap_or(i64::MAX);
    let sha = blobs::put(data_dir, up.bytes).await?;
    let name: String = up
        .file_name
        .chars()
        .filter(|c| !c.is_control() && *c != '/' && *c != '\\')
        .take(120)
        .collect();
    let mut tx = db.begin().await?;
    let r = dak::receipt(&mut tx, &t, id.trim())
        .await?
        .ok_or(Error::NotFound)?;
    let a = AttachmentRow {
        id: Id::new().to_string(),
        receipt_id: r.id.clone(),
        file_name: if name.is_empty() { "scan".into() } else { name },
        content_type: kind.unwrap_or("application/octet-stream").to_owned(),
        size_bytes: size,
        sha256: sha,
        uploaded_by: ctx.user.id.clone(),
        uploaded_at: now_utc(),
    };
    dak::insert_attachment(&mut tx, &t, &a).await?;
    audit::record(
        &mut tx,
        &ctx.actor(),
        "filing_receipt.scan",
        &RECEIPT,
        &r.id,
        json!({ "sha256": a.sha256 }),
    )
    .await?;
    tx.commit().await?;
    receipt(db, ctx, &r.id).await
}

/// A scan's bytes and type, for whoever may see its receipt.
pub async fn scan(
    db: &Db,
    ctx: &Ctx,
    data_dir: &std::path::Path,
    id: &str,
    attachment: &str,
) -> Result<(String, Vec<u8>)> {
    let v = receipt(db, ctx, id).await?;
    let a = v
        .attachments
        .iter()
        .find(|a| a.id == attachment)
        .ok_or(Error::NotFound)?;
    Ok((
        a.content_type.clone(),
        blobs::get(data_dir, &a.sha256).await?,
    ))
}
