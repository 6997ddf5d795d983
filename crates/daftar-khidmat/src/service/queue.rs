//! The token queue of a centre: the kiosk issues tokens, counters call the next one
//! (transferred to them first, then priority, then order of arrival), recall, mark a
//! no-show, transfer, finish. Tokens belong to their day and expire after it.

use daftar_kernel::{Id, TenantId};
use daftar_platform::{
    Ctx, Db, Error, Result, Tx,
    audit::{self, Actor},
    db::{now_utc, parse_instant},
};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use super::{COUNTER, centre_scope, norm, today};
use crate::{
    catalogue::CATEGORIES,
    store::{
        self, CentreRow, CounterRow,
        queue::{self as q, TOKEN, TokenRow},
    },
};

/// Wakes display boards when a centre's queue changes (within this process).
pub fn changes() -> &'static tokio::sync::broadcast::Sender<String> {
    static TX: std::sync::OnceLock<tokio::sync::broadcast::Sender<String>> =
        std::sync::OnceLock::new();
    TX.get_or_init(|| tokio::sync::broadcast::channel(256).0)
}

fn changed(centre: &str) {
    // Nobody listening is fine.
    let _ = changes().send(centre.to_owned());
}

fn prefix(category: &str) -> &'static str {
    match category {
        "priority" => "P",
        "women" => "W",
        _ => "G",
    }
}

/// The centre of a public request (kiosk, board) and the tenant it belongs to.
pub async fn public_centre(db: &Db, code: &str) -> Result<(TenantId, CentreRow)> {
    let code = norm(code);
    let mut conn = db.pool().acquire().await?;
    let tenant = store::centre_tenant(&mut conn, &code)
        .await?
        .ok_or(Error::NotFound)?;
    let centre = store::centre(&mut conn, &tenant, &code)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((tenant, centre))
}

/// Issues a token at a centre's kiosk: no login, the centre is the tenant.
pub async fn issue(db: &Db, centre_code: &str, category: &str) -> Result<TokenRow> {
    let category = category.trim();
    if !CATEGORIES.contains(&category) {
        return Err(Error::field("category", "khidmat-err-category"));
    }
    let (tenant, centre) = public_centre(db, centre_code).await?;
    let day = today().iso();
    let mut tx = db.begin().await?;
    let seq = store::next_number(&mut tx, &tenant, &format!("token:{}:{day}", centre.code)).await?;
    let per_category = store::next_number(
        &mut tx,
        &tenant,
        &format!("token:{}:{day}:{category}", centre.code),
    )
    .await?;
    let token = TokenRow {
        id: Id::new().to_string(),
        centre_code: centre.code.clone(),
        day,
        number: format!("{}-{per_category:03}", prefix(category)),
        category: category.to_owned(),
        priority: i64::from(category != "general"),
        seq,
        status: "waiting".to_owned(),
        counter_code: None,
        issued_at: now_utc(),
        called_at: None,
        finished_at: None,
        recalls: 0,
    };
    q::insert(&mut tx, &tenant, &token).await?;
    let actor = Actor::system(tenant.clone(), "kiosk");
    audit::record(
        &mut tx,
        &actor,
        "khidmat_token.issue",
        &TOKEN,
        &token.id,
        json!({ "number": token.number }),
    )
    .await?;
    tx.commit().await?;
    changed(&centre.code);
    Ok(token)
}

/// A counter the user may work, with its centre.
pub(super) async fn counter_for(
    tx: &mut Tx,
    ctx: &Ctx,
    code: &str,
) -> Result<(CounterRow, CentreRow)> {
    let t = ctx.tenant_id();
    let counter = store::counter(tx, &t, &norm(code))
        .await?
        .ok_or(Error::NotFound)?;
    let centre = store::centre(tx, &t, &counter.centre_code)
        .await?
        .ok_or(Error::NotFound)?;
    ctx.require(COUNTER, &centre_scope(&centre))?;
    Ok((counter, centre))
}

/// What a counter did, and the token it now has (if any).
#[derive(Debug, Serialize, ToSchema)]
pub struct CounterState {
    pub counter: String,
    pub finished: Option<TokenRow>,
    pub current: Option<TokenRow>,
}

/// Finishes the counter's current token (if any) and calls the next one.
pub async fn call_next(db: &Db, ctx: &Ctx, counter_code: &str) -> Result<CounterState> {
    let t = ctx.tenant_id();
    let actor = ctx.actor();
    let day = today().iso();
    let mut tx = db.begin().await?;
    let (counter, centre) = counter_for(&mut tx, ctx, counter_code).await?;
    let now = now_utc();
    let mut finished = None;
    if let Some(cur) = q::current(&mut tx, &t, &counter.code, &day).await?
        && q::set_status(
            &mut tx,
            &t,
            &cur.id,
            "called",
            "done",
            None,
            None,
            Some(&now),
        )
        .await?
    {
        audit::record(
            &mut tx,
            &actor,
            "khidmat_token.finish",
            &TOKEN,
            &cur.id,
            json!({}),
        )
        .await?;
        finished = q::get(&mut tx, &t, &cur.id).await?;
    }
    let serves: Vec<&str> = counter.serves.split(',').collect();
    let mut current = None;
    // Another counter may take the same token first (PostgreSQL runs these in parallel):
    // then look again.
    for _ in 0..5 {
        let Some(next) =
            q::next_waiting(&mut tx, &t, &centre.code, &counter.code, &day, &serves).await?
        else {
            break;
        };
        if q::set_status(
            &mut tx,
            &t,
            &next.id,
            "waiting",
            "called",
            Some(&counter.code),
            Some(&now),
            None,
        )
        .await?
        {
            audit::record(
                &mut tx,
                &actor,
                "khidmat_token.call",
                &TOKEN,
                &next.id,
                json!({ "counter": counter.code }),
            )
            .await?;
            current = q::get(&mut tx, &t, &next.id).await?;
            break;
        }
    }
    tx.commit().await?;
    changed(&centre.code);
    Ok(CounterState {
        counter: counter.code,
        finished,
        current,
    })
}

/// The token called at a counter the user works, for a step on it.
async fn called_token(
    tx: &mut Tx,
    ctx: &Ctx,
    id: &str,
) -> Result<(TokenRow, CounterRow, CentreRow)> {
    let t = ctx.tenant_id();
    let token = q::get(tx, &t, id.trim()).await?.ok_or(Error::NotFound)?;
    let counter = token.counter_code.clone().unwrap_or_default();
    let (counter, centre) = match counter_for(tx, ctx, &counter).await {
        Ok(x) => x,
        // A token still waiting at no counter: only its centre's operators may see it.
        Err(Error::NotFound) => {
            let centre = store::centre(tx, &t, &token.centre_code)
                .await?
                .ok_or(Error::NotFound)?;
            ctx.require(COUNTER, &centre_scope(&centre))?;
            return Err(conflict_status(&token));
        }
        Err(e) => return Err(e),
    };
    if token.status != "called" {
        return Err(conflict_status(&token));
    }
    Ok((token, counter, centre))
}

fn conflict_status(t: &TokenRow) -> Error {
    Error::conflict(
        Some("status"),
        "khidmat-conflict-token",
        &[("number", &t.number), ("status", &t.status)],
    )
}

/// A step on a called token: `recall`, `no_show`, `finish`, or `transfer` to `to`.
pub async fn act(db: &Db, ctx: &Ctx, id: &str, action: &str, to: Option<&str>) -> Result<TokenRow> {
    let t = ctx.tenant_id();
    let actor = ctx.actor();
    let mut tx = db.begin().await?;
    let (token, counter, centre) = called_token(&mut tx, ctx, id).await?;
    let now = now_utc();
    let detail = match action {
        "recall" => {
            q::recall(&mut tx, &t, &token.id, &now).await?;
            json!({})
        }
        "no_show" | "finish" => {
            let to = if action == "finish" {
                "done"
            } else {
                "no_show"
            };
            q::set_status(&mut tx, &t, &token.id, "called", to, None, None, Some(&now)).await?;
            json!({})
        }
        "transfer" => {
            let target = norm(to.unwrap_or(""));
            let other = store::counter(&mut tx, &t, &target).await?;
            match other {
                Some(o) if o.centre_code == centre.code && o.code != counter.code => {
                    q::transfer(&mut tx, &t, &token.id, &o.code).await?;
                }
                _ => return Err(Error::field("to", "khidmat-err-transfer")),
            }
            json!({ "to": target })
        }
        _ => return Err(Error::field("action", "khidmat-err-token-action")),
    };
    audit::record(
        &mut tx,
        &actor,
        &format!("khidmat_token.{action}"),
        &TOKEN,
        &token.id,
        detail,
    )
    .await?;
    let after = q::get(&mut tx, &t, &token.id)
        .await?
        .ok_or(Error::NotFound)?;
    tx.commit().await?;
    changed(&centre.code);
    Ok(after)
}

/// What a display board shows.
#[derive(Debug, Serialize, ToSchema)]
pub struct Board {
    pub centre: CentreRow,
    pub day: String,
    /// Tokens at counters now, latest call first.
    pub serving: Vec<TokenRow>,
    /// The next few waiting, in the order they will be called (per category).
    pub waiting: Vec<TokenRow>,
    pub waiting_count: usize,
}

pub async fn board(db: &Db, centre_code: &str) -> Result<Board> {
    let (tenant, centre) = public_centre(db, centre_code).await?;
    let day = today().iso();
    let mut conn = db.pool().acquire().await?;
    let tokens = q::of_day(&mut conn, &tenant, &centre.code, &day).await?;
    let mut serving: Vec<TokenRow> = tokens
        .iter()
        .filter(|t| t.status == "called")
        .cloned()
        .collect();
    serving.sort_by(|a, b| b.called_at.cmp(&a.called_at));
    let mut waiting: Vec<TokenRow> = tokens
        .into_iter()
        .filter(|t| t.status == "waiting")
        .collect();
    waiting.sort_by_key(|t| (-t.priority, t.seq));
    let waiting_count = waiting.len();
    waiting.truncate(12);
    Ok(Board {
        centre,
        day,
        serving,
        waiting,
        waiting_count,
    })
}

/// Waiting and serving times of a centre's tokens on a day, in seconds.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct QueueStats {
    pub issued: usize,
    pub served: usize,
    pub no_show: usize,
    pub waiting_now: usize,
    pub average_wait_secs: i64,
    pub average_service_secs: i64,
    pub longest_wait_secs: i64,
}

pub fn stats(tokens: &[TokenRow]) -> QueueStats {
    let secs = |a: &str, b: &Option<String>| -> Option<i64> {
        let (a, b) = (parse_instant(a)?, parse_instant(b.as_deref()?)?);
        Some((b - a).whole_seconds())
    };
    let waits: Vec<i64> = tokens
        .iter()
        .filter_map(|t| secs(&t.issued_at, &t.called_at))
        .collect();
    let services: Vec<i64> = tokens
        .iter()
        .filter(|t| t.status == "done")
        .filter_map(|t| secs(t.called_at.as_deref().unwrap_or(""), &t.finished_at))
        .collect();
    let avg = |v: &[i64]| {
        if v.is_empty() {
            0
        } else {
            v.iter().sum::<i64>() / v.len() as i64
        }
    };
    QueueStats {
        issued: tokens.len(),
        served: services.len(),
        no_show: tokens.iter().filter(|t| t.status == "no_show").count(),
        waiting_now: tokens.iter().filter(|t| t.status == "waiting").count(),
        average_wait_secs: avg(&waits),
        average_service_secs: avg(&services),
        longest_wait_secs: waits.iter().copied().max().unwrap_or(0),
    }
}

/// Expires the tokens of earlier days still open; returns how many.
pub async fn expire(db: &Db, tenant: &TenantId) -> Result<usize> {
    let day = today().iso();
    let ids = {
        let mut conn = db.pool().acquire().await?;
        q::stale(&mut conn, tenant, &day).await?
    };
    if ids.is_empty() {
        return Ok(0);
    }
    let actor = Actor::system(tenant.clone(), "khidmat-jobs");
    let mut tx = db.begin().await?;
    let mut n = 0;
    for id in &ids {
        let now = now_utc();
        for from in ["waiting", "called"] {
            if q::set_status(&mut tx, tenant, id, from, "expired", None, None, Some(&now)).await? {
                audit::record(
                    &mut tx,
                    &actor,
                    "khidmat_token.expire",
                    &TOKEN,
                    id,
                    json!({}),
                )
                .await?;
                n += 1;
            }
        }
    }
    tx.commit().await?;
    Ok(n)
}

/// A counter's state for its operator: the counter, its centre, the token at it and how
/// many wait at the centre.
pub struct CounterDesk {
    pub counter: CounterRow,
    pub centre: CentreRow,
    pub current: Option<TokenRow>,
    pub waiting: usize,
    pub others: Vec<CounterRow>,
}

pub async fn desk(db: &Db, ctx: &Ctx, counter_code: &str) -> Result<CounterDesk> {
    let t = ctx.tenant_id();
    let day = today().iso();
    let mut tx = db.begin().await?;
    let (counter, centre) = counter_for(&mut tx, ctx, counter_code).await?;
    let current = q::current(&mut tx, &t, &counter.code, &day).await?;
    let waiting = q::of_day(&mut tx, &t, &centre.code, &day)
        .await?
        .iter()
        .filter(|t| t.status == "waiting")
        .count();
    let others = store::counters(&mut tx, &t, &centre.code)
        .await?
        .into_iter()
        .filter(|c| c.code != counter.code)
        .collect();
    tx.rollback().await?;
    Ok(CounterDesk {
        counter,
        centre,
        current,
        waiting,
        others,
    })
}
