//! Drafts for approval (DFA): a letter drafted inside a file, revised in versions with
//! their differences visible, approved by an officer with the power, issued with a
//! number from the department's dispatch register and put on the file as a paper.

use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use daftar_kernel::Id;
use daftar_platform::{Ctx, Db, Error, Result, audit, db::now_utc, error::Problems};

use super::files::{held, readable, save};
use super::{Thing, changed_meanwhile, setup_of, text, today};
use crate::{
    rules::{self, DiffLine},
    store::{
        self,
        drafts::{self, DRAFT, DispatchRow, DraftRow, VersionRow},
        files::{self, FILE, PaperRow},
    },
};

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftInput {
    pub subject: String,
    pub addressee: String,
    /// `en` or `ur`.
    #[serde(default = "english")]
    pub language: String,
    pub body: String,
}

fn english() -> String {
    "en".into()
}

/// A draft with its versions and the differences of the latest from the one before.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DraftView {
    pub draft: DraftRow,
    pub versions: Vec<VersionRow>,
    pub changes: Vec<DiffLine>,
    pub file_number: String,
    pub letterhead: String,
    pub letterhead_ur: String,
    /// The dispatch register's entry once issued.
    pub dispatch: Option<DispatchRow>,
}

fn check(input: &DraftInput) -> Result<(String, String, String, String)> {
    let mut p = Problems::new();
    let subject = text(&mut p, "subject", &input.subject, true, 500);
    let addressee = text(&mut p, "addressee", &input.addressee, true, 1000);
    let body = text(&mut p, "body", &input.body, true, 100_000);
    let language = input.language.trim().to_owned();
    if language != "en" && language != "ur" {
        p.add("language", "filing-err-language");
    }
    p.finish()?;
    Ok((subject, addressee, language, body))
}

/// A draft of the given file; 404 for a draft of another file.
async fn draft_in(
    conn: &mut sqlx::AnyConnection,
    tenant: &daftar_kernel::TenantId,
    file: &str,
    id: &str,
) -> Result<DraftRow> {
    drafts::draft(conn, tenant, id.trim())
        .await?
        .filter(|d| d.file_id == file)
        .ok_or(Error::NotFound)
}

/// Drafts a letter in a file one holds.
pub async fn create(db: &Db, ctx: &Ctx, file: &str, input: &DraftInput) -> Result<DraftView> {
    let (subject, addressee, language, body) = check(input)?;
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut tx = db.begin().await?;
    let (mut f, _) = held(&mut tx, ctx, &setup, file).await?;
    let now = now_utc();
    let d = DraftRow {
        id: Id::new().to_string(),
        file_id: f.id.clone(),
        subject,
        addressee,
        language,
        status: "draft".into(),
        version: 1,
        approved_by: None,
        approved_at: None,
        dispatch_no: None,
        issued_at: None,
        created_by: ctx.user.id.clone(),
        created_at: now.clone(),
    };
    drafts::insert(&mut tx, &t, &d).await?;
    drafts::insert_version(
        &mut tx,
        &t,
        &d.id,
        &VersionRow {
            version: 1,
            body,
            author: ctx.user.id.clone(),
            created_at: now,
        },
    )
    .await?;
    save(&mut tx, ctx, &mut f).await?;
    store::queue_search(&mut tx, &t, "draft", &d.id).await?;
    audit::record(
        &mut tx,
        &ctx.actor(),
        "filing_draft.create",
        &DRAFT,
        &d.id,
        json!({ "file": f.number }),
    )
    .await?;
    tx.commit().await?;
    view(db, ctx, file, &d.id).await
}

/// A new version of a draft not yet approved, by the file's holder.
pub async fn revise(
    db: &Db,
    ctx: &Ctx,
    file: &str,
    id: &str,
    input: &DraftInput,
) -> Result<DraftView> {
    let (subject, addressee, language, body) = check(input)?;
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut tx = db.begin().await?;
    let (mut f, _) = held(&mut tx, ctx, &setup, file).await?;
    let mut d = draft_in(&mut tx, &t, &f.id, id).await?;
    if d.status != "draft" {
        return Err(Error::conflict(
            None,
            "filing-conflict-draft-fixed",
            &[("status", &d.status)],
        ));
    }
    let read = d.version;
    d.version += 1;
    d.subject = subject;
    d.addressee = addressee;
    d.language = language;
    if !drafts::save(&mut tx, &t, &d, "draft", read).await? {
        return Err(changed_meanwhile(Thing::Draft));
    }
    drafts::insert_version(
        &mut tx,
        &t,
        &d.id,
        &VersionRow {
            version: d.version,
            body,
            author: ctx.user.id.clone(),
            created_at: now_utc(),
        },
    )
    .await?;
    save(&mut tx, ctx, &mut f).await?;
    store::queue_search(&mut tx, &t, "draft", &d.id).await?;
    audit::record(
        &mut tx,
        &ctx.actor(),
        "filing_draft.revise",
        &DRAFT,
        &d.id,
        json!({ "version": d.version }),
    )
    .await?;
    tx.commit().await?;
    view(db, ctx, file, &d.id).await
}

/// Approves a draft: the file's holder, on a post whose designation may approve.
pub async fn approve(db: &Db, ctx: &Ctx, file: &str, id: &str) -> Result<DraftView> {
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut tx = db.begin().await?;
    let (mut f, post) = held(&mut tx, ctx, &setup, file).await?;
    let mut d = draft_in(&mut tx, &t, &f.id, id).await?;
    let designation = setup
        .post(&post)
        .map(|p| p.designation.clone())
        .unwrap_or_default();
    if !setup.config.approves(&f.office, &designation) {
        return Err(Error::Forbidden);
    }
    if d.status != "draft" {
        return Err(Error::conflict(
            None,
            "filing-conflict-draft-done",
            &[("status", &d.status)],
        ));
    }
    d.status = "approved".into();
    d.approved_by = Some(ctx.user.id.clone());
    d.approved_at = Some(now_utc());
    if !drafts::save(&mut tx, &t, &d, "draft", d.version).await? {
        return Err(changed_meanwhile(Thing::Draft));
    }
    save(&mut tx, ctx, &mut f).await?;
    audit::record(
        &mut tx,
        &ctx.actor(),
        "filing_draft.approve",
        &DRAFT,
        &d.id,
        json!({ "version": d.version }),
    )
    .await?;
    tx.commit().await?;
    view(db, ctx, file, &d.id).await
}

/// Issues an approved letter: the next dispatch number of the department's register,
/// and the letter on the file as its next flagged paper. The file's holder issues it.
pub async fn issue(db: &Db, ctx: &Ctx, file: &str, id: &str) -> Result<DraftView> {
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut tx = db.begin().await?;
    let (mut f, _) = held(&mut tx, ctx, &setup, file).await?;
    let mut d = draft_in(&mut tx, &t, &f.id, id).await?;
    if d.status != "approved" {
        return Err(Error::conflict(
            None,
            "filing-conflict-draft-unapproved",
            &[("status", &d.status)],
        ));
    }
    let now = now_utc();
    let year = today().date().year();
    let serial = store::next_number(&mut tx, &t, &format!("dispatch:{}", f.office), year).await?;
    let number = format!("{}/D-{serial}", f.number);
    d.status = "issued".into();
    d.dispatch_no = Some(number.clone());
    d.issued_at = Some(now.clone());
    if !drafts::save(&mut tx, &t, &d, "approved", d.version).await? {
        return Err(changed_meanwhile(Thing::Draft));
    }
    drafts::insert_dispatch(
        &mut tx,
        &t,
        &DispatchRow {
            office: f.office.clone(),
            year: i64::from(year),
            serial,
            number: number.clone(),
            draft_id: d.id.clone(),
            file_id: f.id.clone(),
            addressee: d.addressee.clone(),
            subject: d.subject.clone(),
            issued_at: now.clone(),
            issued_by: ctx.user.id.clone(),
        },
    )
    .await?;
    let flag = rules::flag(usize::try_from(f.papers).unwrap_or(0));
    f.papers += 1;
    files::insert_paper(
        &mut tx,
        &t,
        &f.id,
        &PaperRow {
            flag,
            kind: "letter".into(),
            ref_id: d.id.clone(),
            title: format!("{number} — {}", d.subject),
            added_at: now,
        },
    )
    .await?;
    save(&mut tx, ctx, &mut f).await?;
    let actor = ctx.actor();
    audit::record_all(
        &mut tx,
        &actor,
        vec![
            audit::Entry {
                action: "filing_draft.issue",
                spec: &DRAFT,
                entity_id: d.id.clone(),
                detail: json!({ "dispatch": number }),
                state: audit::State::Read,
            },
            audit::Entry {
                action: "filing_file.paper",
                spec: &FILE,
                entity_id: f.id.clone(),
                detail: json!({ "letter": number }),
                state: audit::State::Read,
            },
        ],
    )
    .await?;
    tx.commit().await?;
    view(db, ctx, file, &d.id).await
}

/// A draft in a file the user may read.
pub async fn view(db: &Db, ctx: &Ctx, file: &str, id: &str) -> Result<DraftView> {
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut conn = db.pool().acquire().await?;
    let f = readable(&mut conn, ctx, &setup, file).await?;
    let d = draft_in(&mut conn, &t, &f.id, id).await?;
    let versions = drafts::versions(&mut conn, &t, &d.id).await?;
    let changes = match versions.as_slice() {
        [.., a, b] => rules::diff(&a.body, &b.body),
        [only] => rules::diff("", &only.body),
        [] => Vec::new(),
    };
    let dispatch = drafts::dispatch_of(&mut conn, &t, &d.id).await?;
    let dept = setup.config.department(&f.office);
    Ok(DraftView {
        draft: d,
        versions,
        changes,
        file_number: f.number,
        letterhead: dept.map(|d| d.letterhead.clone()).unwrap_or_default(),
        letterhead_ur: dept.map(|d| d.letterhead_ur.clone()).unwrap_or_default(),
        dispatch,
    })
}

/// A department's dispatch register for a year.
pub async fn register(db: &Db, ctx: &Ctx, office: &str, year: i64) -> Result<Vec<DispatchRow>> {
    super::require_use(ctx)?;
    let mut conn = db.pool().acquire().await?;
    drafts::dispatches(&mut conn, &ctx.tenant_id(), &super::norm(office), year).await
}
