//! SMS to citizens at each stage. A message is written to the outbox in the same
//! transaction as the step it announces (so it is never lost nor sent for a step that
//! rolled back); the worker sends due messages through a provider and retries failures
//! with back-off, giving up after `MAX_ATTEMPTS`.

use std::{io::Write, path::PathBuf, sync::Arc};

use daftar_kernel::Id;
use daftar_platform::{
    Db, Error, Result, Tx,
    db::{format_instant, now_utc},
};

use crate::{
    catalogue::Service,
    store::{
        apps::AppRow,
        sms::{self, SmsRow},
    },
};

pub const MAX_ATTEMPTS: i64 = 8;

/// Sends one SMS; an `Err` is retried later.
pub trait Provider: Send + Sync {
    fn send(&self, mobile: &str, body: &str) -> std::result::Result<(), String>;

    /// Sends several `(mobile, body)` messages; one answer each, in order. A provider
    /// with a cheaper way to send many overrides it.
    fn send_all(&self, messages: &[(&str, &str)]) -> Vec<std::result::Result<(), String>> {
        messages.iter().map(|(m, b)| self.send(m, b)).collect()
    }
}

/// The default provider: appends each message to a log file (for a district office
/// without an SMS gateway contract, and for tests).
pub struct LogFile(pub PathBuf);

impl Provider for LogFile {
    fn send(&self, mobile: &str, body: &str) -> std::result::Result<(), String> {
        self.append(&[(mobile, body)])
    }

    /// All the messages with one write to the disk: each is sent once its line is.
    fn send_all(&self, messages: &[(&str, &str)]) -> Vec<std::result::Result<(), String>> {
        let done = self.append(messages);
        messages.iter().map(|_| done.clone()).collect()
    }
}

impl LogFile {
    fn append(&self, messages: &[(&str, &str)]) -> std::result::Result<(), String> {
        if let Some(dir) = self.0.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.0)
            .map_err(|e| e.to_string())?;
        let at = now_utc();
        let mut text = String::new();
        for (mobile, body) in messages {
            text.push_str(&format!("{at}\t{mobile}\t{}\n", body.replace('\n', " ")));
        }
        f.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
        f.sync_data().map_err(|e| e.to_string())
    }
}

/// The stage's name in both languages, for messages.
fn stage_names(service: &Service, stage: &str) -> (String, String) {
    if let Some(s) = service.stages.iter().find(|s| s.code == stage) {
        return (s.name.clone(), s.name_ur.clone());
    }
    let (en, ur) = match stage {
        "payment" => ("awaiting payment", "ادائیگی کی منتظر"),
        "returned" => ("returned for a deficiency", "کمی کی وجہ سے واپس"),
        "rejected" => ("rejected", "مسترد"),
        "ready" => ("ready for collection", "وصولی کے لیے تیار"),
        "delivered" => ("delivered", "حوالے کر دی گئی"),
        _ => (stage, stage),
    };
    (en.to_owned(), ur.to_owned())
}

/// Queues the message announcing that `a` is now at `stage`.
pub async fn stage_sms(
    tx: &mut Tx,
    a: &AppRow,
    service: &Service,
    stage: &str,
    at: &str,
) -> Result<()> {
    let (en, ur) = stage_names(service, stage);
    let body = format!(
        "{}: {} - {en}. / {} - {ur}",
        a.tracking_id, service.name, service.name_ur
    );
    let row = SmsRow {
        id: Id::new().to_string(),
        tenant_id: a.tenant_id.clone(),
        application_id: a.id.clone(),
        mobile: a.mobile.clone(),
        body,
        status: "pending".to_owned(),
        attempts: 0,
        next_attempt_at: at.to_owned(),
        last_error: String::new(),
    };
    sms::enqueue_sms(tx, &row, at)
}

/// What one run of the worker did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sent {
    pub sent: usize,
    pub failed: usize,
}

/// Messages sent per batch, and batches per run at most (a backlog drains over runs, at
/// up to 400 messages a second with a run every second). A batch's write transaction
/// holds the one SQLite writer a few milliseconds: twenty of them in a row, once every
/// five seconds, held up the counters' applications for 40-90 ms (a run's slowest
/// applications at 450 a second, BENCHMARKS.md); four every second spread the same work.
const BATCH: i64 = 100;
const BATCHES: usize = 4;

/// Sends the messages due now, a batch at a time: the batch goes to the provider, then
/// one write transaction records what became of each message. A crash between the two
/// sends that batch again (at least once, never lost). The provider runs on a blocking
/// thread: it may wait for a gateway or the disk (the log file is synced), and on the
/// runtime's threads that wait held up every request in flight.
pub async fn deliver(db: &Db, provider: Arc<dyn Provider>) -> Result<Sent> {
    let now = time::OffsetDateTime::now_utc();
    let mut out = Sent::default();
    for _ in 0..BATCHES {
        let due = {
            let mut conn = db.pool().acquire().await?;
            sms::due_sms(&mut conn, &format_instant(now), BATCH).await?
        };
        if due.is_empty() {
            break;
        }
        let sender = provider.clone();
        let (due, results) = tokio::task::spawn_blocking(move || {
            let messages: Vec<(&str, &str)> = due
                .iter()
                .map(|m| (m.mobile.as_str(), m.body.as_str()))
                .collect();
            let results = sender.send_all(&messages);
            (due, results)
        })
        .await
        .map_err(|e| Error::Internal(format!("the SMS provider stopped: {e}")))?;
        let mut tx = db.begin().await?;
        let at = now_utc();
        let mut sent = Vec::new();
        for (m, result) in due.iter().zip(results) {
            match result {
                Ok(()) => sent.push(m.id.as_str()),
                Err(e) => {
                    let attempt = m.attempts + 1;
                    let wait = time::Duration::seconds(30 * (1 << attempt.min(10)));
                    sms::sms_failed(
                        &mut tx,
                        &m.id,
                        &e,
                        &format_instant(now + wait),
                        attempt >= MAX_ATTEMPTS,
                    )?;
                    out.failed += 1;
                }
            }
        }
        // The sent ones in one statement: prepared once, where one each was a hundred.
        sms::sms_sent(&mut tx, &sent, &at)?;
        out.sent += sent.len();
        tx.commit().await?;
        if (due.len() as i64) < BATCH {
            break;
        }
    }
    Ok(out)
}
