//! Moving a file: put up, return, mark sideways, pull back, call for, park and unpark.
//! When a file leaves its holder, the holder's draft note is sealed: numbered, chained
//! to the note before it and signed with the holder's key.

use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use daftar_platform::{Ctx, Db, Error, Result, audit, db::now_utc, error::Problems};

use super::{
    Thing, changed_meanwhile, date,
    files::{self as file_service, FileView},
    my_posts, norm, not_holder, setup_of, signing, text,
};
use crate::{
    rules::{self, Action},
    store::{
        self,
        files::{self, FILE, MovementRow},
    },
};

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Move {
    /// `put_up`, `return`, `mark`, `pull_back`, `call_for`, `park` or `unpark`.
    pub action: String,
    /// The post the file goes to (`put_up`, `return`, `mark`).
    #[serde(default)]
    pub to_post: Option<String>,
    #[serde(default)]
    pub remarks: String,
    /// For comments asked for by a date (`mark`).
    #[serde(default)]
    pub due_on: Option<String>,
    /// The file's version as you read it; if given and the file has changed since, 409.
    #[serde(default)]
    pub version: Option<i64>,
}

/// Moves a file. Only its holder moves it, except a pull back (its sender, before it is
/// opened) and a call (a senior of the holder in the same office).
pub async fn move_file(db: &Db, ctx: &Ctx, id: &str, m: &Move) -> Result<FileView> {
    let setup = setup_of(db, ctx).await?;
    let t = ctx.tenant_id();
    let mut p = Problems::new();
    let action = Action::parse(m.action.trim());
    if action.is_none() {
        p.add("action", "filing-err-action");
    }
    let remarks = text(&mut p, "remarks", &m.remarks, false, 2000);
    let due_on = date(&mut p, "due_on", m.due_on.as_deref());
    let target = m.to_post.as_deref().map(norm).filter(|s| !s.is_empty());
    if action.is_some_and(Action::needs_target) {
        match target.as_deref().map(|c| setup.post(c)) {
            None => p.add("to_post", "err-required"),
            Some(None) => p.add("to_post", "filing-err-post"),
            Some(Some(_)) => {}
        }
    }
    p.finish()?;
    let Some(action) = action else {
        return Err(Error::NotFound);
    };
    let mut tx = db.begin().await?;
    let mut f = file_service::readable(&mut tx, ctx, &setup, id).await?;
    if m.version.is_some_and(|v| v != f.version) {
        return Err(changed_meanwhile(Thing::File(&f.number)));
    }
    if f.status == "closed" {
        return Err(Error::conflict(
            None,
            "filing-conflict-closed",
            &[("number", &f.number)],
        ));
    }
    let mine = my_posts(&mut tx, ctx).await?;
    let holder = f.holder_post.clone();
    // Who acts, from which post, and where the file goes.
    let (from, to) = match action {
        Action::PullBack => {
            let Some(sender) = f.sent_by_post.clone().filter(|s| mine.contains(s)) else {
                return Err(not_holder(Thing::File(&f.number), &holder));
            };
            if f.opened_at.is_some() {
                return Err(Error::conflict(
                    None,
                    "filing-conflict-opened",
                    &[("number", &f.number), ("holder", &holder)],
                ));
            }
            (sender.clone(), sender)
        }
        Action::CallFor => {
            let holder_info = setup.post(&holder);
            let caller = mine.iter().find(|c| {
                setup
                    .post(c)
                    .zip(holder_info)
                    .is_some_and(|(c, h)| c.office == h.office && c.rank > h.rank)
            });
            let Some(caller) = caller.cloned() else {
                return Err(Error::conflict(
                    None,
                    "filing-conflict-call-for",
                    &[("number", &f.number), ("holder", &holder)],
                ));
            };
            (caller.clone(), caller)
        }
        _ => {
            if !mine.contains(&holder) {
                return Err(not_holder(Thing::File(&f.number), &holder));
            }
            match action {
                Action::Park | Action::Unpark => (holder.clone(), holder.clone()),
                _ => {
                    let to = target.clone().unwrap_or_default();
                    if to == holder {
                        return Err(Error::field("to_post", "filing-err-same-post"));
                    }
                    let (Some(a), Some(b)) = (setup.post(&holder), setup.post(&to)) else {
                        return Err(Error::field("to_post", "filing-err-post"));
                    };
                    if let Some(e) = rules::direction_error(action, a.rank, b.rank) {
                        return Err(Error::field("to_post", e));
                    }
                    (holder.clone(), to)
                }
            }
        }
    };
    match action {
        Action::Park if f.status == "parked" => {
            return Err(Error::conflict(
                None,
                "filing-conflict-parked",
                &[("number", &f.number)],
            ));
        }
        Action::Unpark if f.status != "parked" => {
            return Err(Error::conflict(
                None,
                "filing-conflict-not-parked",
                &[("number", &f.number)],
            ));
        }
        _ => {}
    }
    let now = now_utc();
    let actor = ctx.actor();
    let mut sealed = None;
    if action.leaves_holder() {
        // The holder's draft note is sealed as the file leaves them (a pull back or a
        // call leaves the draft of the one who had it: it is theirs until they send it).
        let draft = store::notes::notes(&mut tx, &t, &f.id)
            .await?
            .into_iter()
            .find(|n| {
                n.seq.is_none()
                    && n.author_post == holder
                    && matches!(action, Action::PutUp | Action::Return | Action::Mark)
            });
        if let Some(mut note) = draft {
            let key = signing::key_for(&mut tx, &actor, &t, &note.author_user, &now).await?;
            let paras: Vec<String> = serde_json::from_str(&note.body).unwrap_or_default();
            let seq = f.notes_sealed + 1;
            let first = f.paras + 1;
            signing::seal(&mut note, seq, first, &f.last_hash.clone(), &now, &key)?;
            if !store::notes::seal(&mut tx, &t, &note).await? {
                return Err(changed_meanwhile(Thing::File(&f.number)));
            }
            f.notes_sealed = seq;
            f.paras += i64::try_from(paras.len()).unwrap_or(0);
            f.last_hash = note.hash.clone().unwrap_or_default();
            store::queue_search(&mut tx, &t, "note", &note.id).await?;
            sealed = Some(seq);
        }
        f.holder_post.clone_from(&to);
        f.held_since.clone_from(&now);
        f.sent_by_post = Some(from.clone());
        f.opened_at = None;
        f.due_on = if action == Action::Mark {
            due_on.clone()
        } else {
            f.due_on.clone()
        };
        if f.status == "parked" {
            f.status = "open".into();
        }
    } else {
        f.status = if action == Action::Park {
            "parked".into()
        } else {
            "open".into()
        };
    }
    file_service::save(&mut tx, ctx, &mut f).await?;
    files::insert_movement(
        &mut tx,
        &t,
        &f.id,
        &MovementRow {
            seq: 0,
            action: action.as_str().into(),
            from_post: if action.leaves_holder() {
                holder.clone()
            } else {
                from.clone()
            },
            to_post: to.clone(),
            by_user: ctx.user.id.clone(),
            remarks,
            due_on,
            at: now,
        },
    )
    .await?;
    audit::record(
        &mut tx,
        &actor,
        &format!("filing_file.{}", action.as_str()),
        &FILE,
        &f.id,
        json!({ "from": holder, "to": to, "sealed_note": sealed }),
    )
    .await?;
    tx.commit().await?;
    file_service::view(db, ctx, &f.id).await
}
