//! The demo's e-FOAS day in each province's Services & General Administration
//! Department: dak diarised, one file taken from receipt to an issued letter (sealed
//! notes up the chain and back), a court case with the deputy secretary, an assembly
//! question marked to Finance for comments, and a letter still waiting in the inbox.

use std::sync::Arc;

use daftar_filing::service::{
    dak::{self, NewReceipt},
    drafts::{self, DraftInput},
    files::{self, NewFile},
    movement::{self, Move},
    notes::{self, NoteInput},
};
use daftar_platform::{Ctx, Db, auth::Roles, auth::service, tenants::Tenant};

fn receipt(
    dept: &str,
    so: &str,
    sender: &str,
    no: &str,
    subject: &str,
    category: &str,
) -> NewReceipt {
    NewReceipt {
        office: dept.to_owned(),
        received_on: None,
        sender: sender.to_owned(),
        letter_no: no.to_owned(),
        letter_date: None,
        subject: subject.to_owned(),
        category: category.to_owned(),
        marked_to: so.to_owned(),
        due_on: None,
    }
}

fn note(paras: &[&str]) -> NoteInput {
    NoteInput {
        paragraphs: paras.iter().map(|p| (*p).to_owned()).collect(),
        quick: None,
    }
}

fn quick(code: &str) -> NoteInput {
    NoteInput {
        paragraphs: Vec::new(),
        quick: Some(code.to_owned()),
    }
}

fn go(action: &str, to: &str) -> Move {
    Move {
        action: action.to_owned(),
        to_post: Some(to.to_owned()),
        remarks: String::new(),
        due_on: None,
        version: None,
    }
}

async fn open(
    db: &Db,
    so: &Ctx,
    dept: &str,
    section: &str,
    subject: &str,
    receipt: &str,
    class: &str,
) -> anyhow::Result<String> {
    let f = files::open(
        db,
        so,
        &NewFile {
            office: dept.to_owned(),
            section: section.to_owned(),
            subject: subject.to_owned(),
            record_class: class.to_owned(),
            confidential: false,
            receipt_id: Some(receipt.to_owned()),
        },
    )
    .await?;
    Ok(f.file.id)
}

/// Runs the day once: a department that already has files this year is left alone.
pub async fn day(db: &Db, roles: &Arc<Roles>, tenant: &Tenant) -> anyhow::Result<()> {
    let slug = &tenant.slug;
    let code = &tenant.code;
    let dept = format!("{code}-DEPT-SGAD");
    let post = |n: u32| format!("{dept}-{n:03}");
    let ctx = async |user: &str| {
        service::context_for(db, roles.clone(), tenant, &format!("{slug}.{user}")).await
    };
    let (clerk, so, ds, add, sec) = (
        ctx("dak").await?,
        ctx("so").await?,
        ctx("ds").await?,
        ctx("as").await?,
        ctx("secretary").await?,
    );
    let year = i64::from(daftar_filing::service::today().date().year());
    if !files::register(db, &so, &dept, year).await?.is_empty() {
        return Ok(());
    }
    let (so_post, ds_post, as_post, sec_post) = (post(5), post(3), post(2), post(1));
    let cm = if code == "PB" {
        "Chief Minister's Office, Lahore"
    } else {
        "Chief Minister's Secretariat, Quetta"
    };
    let r1 = dak::diarise(
        db,
        &clerk,
        &receipt(
            &dept,
            &so_post,
            cm,
            "CMO/2026/118",
            "Rationalisation of posts in district offices",
            "vip",
        ),
    )
    .await?;
    let r2 = dak::diarise(
        db,
        &clerk,
        &receipt(
            &dept,
            &so_post,
            "Registrar, High Court",
            "WP-1234/2026",
            "Writ petition on the seniority of assistants",
            "court",
        ),
    )
    .await?;
    let r3 = dak::diarise(
        db,
        &clerk,
        &receipt(
            &dept,
            &so_post,
            "Secretary, Provincial Assembly",
            "PA/Q-567",
            "Assembly question on vacant posts in the department",
            "assembly",
        ),
    )
    .await?;
    dak::diarise(
        db,
        &clerk,
        &receipt(
            &dept,
            &so_post,
            "Deputy Commissioner",
            "DC/EST/77",
            "Request for guidance on leave encashment",
            "general",
        ),
    )
    .await?;

    // From receipt to issued letter.
    let f1 = open(
        db,
        &so,
        &dept,
        "ADMIN",
        "Rationalisation of posts in district offices",
        &r1.receipt.id,
        "B",
    )
    .await?;
    notes::write_note(db, &so, &f1, &note(&[
        "The Chief Minister's Office has asked for the rationalisation of posts in district offices (Flag A).",
        "A statement of sanctioned and vacant posts has been prepared. A draft reply is placed below for approval, please.",
    ])).await?;
    let draft = drafts::create(db, &so, &f1, &DraftInput {
        subject: "Rationalisation of posts in district offices".into(),
        addressee: format!("The Principal Secretary to the Chief Minister, {}", if code == "PB" { "Lahore" } else { "Quetta" }),
        language: "en".into(),
        body: "Sir,\nI am directed to refer to your letter cited above.\nThe posts in district offices have been reviewed and a rationalisation plan is enclosed.\nYours obediently,\nSection Officer (Admin)".into(),
    }).await?;
    movement::move_file(db, &so, &f1, &go("put_up", &ds_post)).await?;
    notes::write_note(
        db,
        &ds,
        &f1,
        &note(&[
            "Para 1-2 may kindly be seen. The proposal is in order.",
            "ضلعی دفاتر میں اسامیوں کی معقولیت کا مسودہ منظوری کے لیے پیش ہے۔",
        ]),
    )
    .await?;
    movement::move_file(db, &ds, &f1, &go("put_up", &as_post)).await?;
    notes::write_note(db, &add, &f1, &quick("seen")).await?;
    movement::move_file(db, &add, &f1, &go("put_up", &sec_post)).await?;
    drafts::approve(db, &sec, &f1, &draft.draft.id).await?;
    notes::write_note(db, &sec, &f1, &quick("approved")).await?;
    movement::move_file(db, &sec, &f1, &go("return", &so_post)).await?;
    drafts::issue(db, &so, &f1, &draft.draft.id).await?;

    // A court case with the deputy secretary, not yet opened.
    let f2 = open(
        db,
        &so,
        &dept,
        "REG",
        "Writ petition on the seniority of assistants",
        &r2.receipt.id,
        "A",
    )
    .await?;
    notes::write_note(
        db,
        &so,
        &f2,
        &note(&[
            "The High Court has sought parawise comments on the seniority of assistants (Flag A).",
            "عدالت نے اسسٹنٹس کی سنیارٹی پر جواب طلب کیا ہے۔ جواب کا مسودہ تیار کیا جا رہا ہے۔",
        ]),
    )
    .await?;
    movement::move_file(db, &so, &f2, &go("put_up", &ds_post)).await?;

    // An assembly question marked to Finance for comments by a date.
    let f3 = open(
        db,
        &so,
        &dept,
        "IMP",
        "Assembly question on vacant posts in the department",
        &r3.receipt.id,
        "C",
    )
    .await?;
    notes::write_note(db, &so, &f3, &note(&["Finance Department may kindly offer comments on the financial implications of filling the vacant posts."])).await?;
    let mut due = daftar_filing::service::today().date();
    for _ in 0..7 {
        due = due.next_day().unwrap_or(due);
    }
    let mut mark = go("mark", &format!("{code}-DEPT-FIN-005"));
    mark.due_on = Some(due.to_string());
    movement::move_file(db, &so, &f3, &mark).await?;
    Ok(())
}
