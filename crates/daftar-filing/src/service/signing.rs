//! Officers' signing keys, the sealing of a note into its file's chain, and the check
//! `daftar audit verify` runs over every file's chain.

use std::collections::BTreeMap;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde_json::json;

use daftar_kernel::TenantId;
use daftar_platform::{
    CheckFuture, CheckReport, Db, Error, Result, Tx,
    audit::{self, Actor},
};

use crate::{
    rules::{GENESIS, SealedNote},
    store::{self, KEY, KeyRow, notes::NoteRow},
};

fn bytes32(hex_text: &str) -> Option<[u8; 32]> {
    hex::decode(hex_text).ok()?.try_into().ok()
}

/// The officer's key, made (and its public half audited) the first time they seal.
pub async fn key_for(
    tx: &mut Tx,
    actor: &Actor,
    tenant: &TenantId,
    user: &str,
    now: &str,
) -> Result<KeyRow> {
    if let Some(k) = store::key_of_user(tx, tenant, user).await? {
        return Ok(k);
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| Error::Internal(format!("no randomness: {e}")))?;
    let key = SigningKey::from_bytes(&seed);
    let public = hex::encode(key.verifying_key().to_bytes());
    let k = KeyRow {
        key_id: format!("{}-{}", user, &public[..12]),
        user_id: user.to_owned(),
        public_key: public,
        secret_key: hex::encode(seed),
    };
    store::insert_key(tx, tenant, &k, now).await?;
    audit::record(
        tx,
        actor,
        "filing_key.create",
        &KEY,
        &k.key_id,
        json!({ "user": user }),
    )
    .await?;
    Ok(k)
}

/// Seals a draft note as note `seq` of its file after `prev_hash`, signed with `key`.
pub fn seal(
    note: &mut NoteRow,
    seq: i64,
    first_para: i64,
    prev_hash: &str,
    now: &str,
    key: &KeyRow,
) -> Result<()> {
    let h = SealedNote {
        file_id: &note.file_id,
        seq,
        first_para,
        author_user: &note.author_user,
        author_post: &note.author_post,
        author_name: &note.author_name,
        body: &note.body,
        sealed_at: now,
        prev_hash,
    }
    .hash();
    let secret =
        bytes32(&key.secret_key).ok_or_else(|| Error::Internal("bad signing key".into()))?;
    let sig = SigningKey::from_bytes(&secret).sign(h.as_bytes());
    note.seq = Some(seq);
    note.first_para = Some(first_para);
    note.sealed_at = Some(now.to_owned());
    note.prev_hash = Some(prev_hash.to_owned());
    note.hash = Some(h);
    note.key_id = Some(key.key_id.clone());
    note.signature = Some(hex::encode(sig.to_bytes()));
    Ok(())
}

/// What is wrong with one sealed note given the previous note's hash, if anything.
pub fn check_note(n: &NoteRow, prev_hash: &str, keys: &BTreeMap<String, KeyRow>) -> Option<String> {
    let (Some(seq), Some(first_para), Some(sealed_at)) =
        (n.seq, n.first_para, n.sealed_at.as_deref())
    else {
        return Some("is sealed without its number or time".into());
    };
    if n.prev_hash.as_deref() != Some(prev_hash) {
        return Some("does not follow the note before it (chain broken)".into());
    }
    let h = SealedNote {
        file_id: &n.file_id,
        seq,
        first_para,
        author_user: &n.author_user,
        author_post: &n.author_post,
        author_name: &n.author_name,
        body: &n.body,
        sealed_at,
        prev_hash,
    }
    .hash();
    if n.hash.as_deref() != Some(h.as_str()) {
        return Some("was altered after it was sealed (hash differs)".into());
    }
    let Some(k) = n.key_id.as_deref().and_then(|id| keys.get(id)) else {
        return Some("names a signing key that does not exist".into());
    };
    if k.user_id != n.author_user {
        return Some("is signed with another officer's key".into());
    }
    let verified = bytes32(&k.public_key)
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
        .zip(
            n.signature
                .as_deref()
                .and_then(|s| hex::decode(s).ok())
                .and_then(|b| <[u8; 64]>::try_from(b).ok()),
        )
        .is_some_and(|(vk, sig)| {
            vk.verify(h.as_bytes(), &Signature::from_bytes(&sig))
                .is_ok()
        });
    (!verified).then(|| "has a signature that does not verify".into())
}

/// Verifies every file's note chain in a province: numbering without gaps, each link,
/// each hash, each signature, and the file's recorded tip.
pub async fn verify_chains(db: &Db, tenant: &TenantId) -> Result<CheckReport> {
    let mut conn = db.pool().acquire().await?;
    let keys: BTreeMap<String, KeyRow> = store::public_keys(&mut conn, tenant)
        .await?
        .into_iter()
        .map(|k| (k.key_id.clone(), k))
        .collect();
    let mut findings = Vec::new();
    // (file, notes seen, last hash)
    let mut tips: BTreeMap<String, (i64, String)> = BTreeMap::new();
    let (mut after_file, mut after_seq) = (String::new(), 0i64);
    let mut notes = 0u64;
    loop {
        let page =
            store::notes::sealed_page(&mut conn, tenant, &after_file, after_seq, 2000).await?;
        let Some(last) = page.last() else { break };
        (after_file, after_seq) = (last.file_id.clone(), last.seq.unwrap_or(0));
        for n in &page {
            notes += 1;
            let (count, prev) = tips
                .entry(n.file_id.clone())
                .or_insert((0, GENESIS.to_owned()));
            let seq = n.seq.unwrap_or(0);
            if seq != *count + 1 {
                findings.push(format!(
                    "file {}: note {seq} follows note {count} (a note is missing)",
                    n.file_id
                ));
            }
            if let Some(problem) = check_note(n, prev, &keys) {
                findings.push(format!("file {}: note {seq} {problem}", n.file_id));
            }
            *count = seq;
            *prev = n.hash.clone().unwrap_or_default();
        }
    }
    let files = store::notes::tips(&mut conn, tenant).await?;
    for (id, sealed, last_hash) in &files {
        let (count, hash) = tips.remove(id).unwrap_or((0, GENESIS.to_owned()));
        if count != *sealed || &hash != last_hash {
            findings.push(format!(
                "file {id}: records {sealed} sealed notes ending {}, but its notes are {count} ending {}",
                &last_hash[..12.min(last_hash.len())],
                &hash[..12.min(hash.len())]
            ));
        }
    }
    for id in tips.keys() {
        findings.push(format!("notes of file {id}, which does not exist"));
    }
    Ok(CheckReport {
        checked: format!("{notes} sealed notes in {} files", files.len()),
        findings,
    })
}

/// The check as the platform runs it.
pub fn check(db: Db, tenant: TenantId) -> CheckFuture {
    Box::pin(async move { verify_chains(&db, &tenant).await })
}
