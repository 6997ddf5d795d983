//! `daftar verify-certificate`: is a certificate genuine? Offline against a province's
//! published keys (the JSON of `/public/keys`), or against the local database, which
//! also knows the register of issued and revoked certificates.

use std::{path::Path, process::ExitCode};

use anyhow::Context;

use daftar_khidmat::{
    certificate::{self, Claims, PublicKey},
    service::certificates,
};
use daftar_platform::Db;

/// The payload in `input`: a file's contents when `input` names a file, else the text.
fn payload_of(input: &str) -> anyhow::Result<String> {
    let path = Path::new(input);
    let text = if path.is_file() {
        let bytes = std::fs::read(path).with_context(|| format!("reading {input}"))?;
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        input.to_owned()
    };
    certificate::extract(&text)
        .map(str::to_owned)
        .ok_or_else(|| anyhow::anyhow!("no certificate payload (DKC1...) found in {input}"))
}

fn describe(c: &Claims) -> String {
    format!(
        "{} — {} for {} ({}), issued {} by {} (key {}), application {}",
        c.n, c.sn, c.h, c.c, c.d, c.p, c.k, c.t
    )
}

/// Checks offline against a keys file.
pub fn offline(input: &str, keys: &Path) -> anyhow::Result<ExitCode> {
    let payload = payload_of(input)?;
    let text =
        std::fs::read_to_string(keys).with_context(|| format!("reading {}", keys.display()))?;
    let file: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not the JSON of /public/keys", keys.display()))?;
    let published: Vec<PublicKey> = serde_json::from_value(file["keys"].clone())
        .with_context(|| format!("{} is not the JSON of /public/keys", keys.display()))?;
    Ok(match certificate::verify(&payload, &published) {
        Ok(c) => {
            println!("VALID SIGNATURE: {}", describe(&c));
            println!("(revocation is not known offline: check /public/verify when online)");
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("NOT VALID: {e}");
            ExitCode::FAILURE
        }
    })
}

/// Checks against the local database: keys, register and revocations.
pub async fn online(input: &str, db: &Db) -> anyhow::Result<ExitCode> {
    let payload = payload_of(input)?;
    let v = certificates::verify(db, &payload).await?;
    Ok(match (v.status.as_str(), &v.claims) {
        ("valid", Some(c)) => {
            println!("VALID: {}", describe(c));
            ExitCode::SUCCESS
        }
        ("revoked", Some(c)) => {
            println!(
                "REVOKED on {}: {} — {}",
                v.revoked_at.as_deref().unwrap_or(""),
                v.revoked_reason,
                describe(c)
            );
            ExitCode::FAILURE
        }
        _ => {
            let why = match v.reason.as_deref() {
                Some("khidmat-verify-unknown-key") => "no published key of this province signed it",
                Some("khidmat-verify-malformed") => "this is not a Daftar certificate payload",
                _ => "the signature does not match: the certificate was altered or forged",
            };
            println!("NOT VALID: {why}");
            ExitCode::FAILURE
        }
    })
}
