//! Certificates: issued on delivery, signed with the province's key, verified by anyone
//! (online against the database, which also knows revocations; offline against the
//! published keys), revoked by the province's administrator with a reason.

use daftar_kernel::{Cnic, Id, TenantId};
use daftar_platform::{
    Ctx, Db, Error, Result, Tx, audit, auth::ResourceScope, db::now_utc, tenants,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::{ADMINISTER, today};
use crate::{
    catalogue::Service,
    certificate::{self, Claims, Invalid, PublicKey},
    store::{
        self,
        apps::{APPLICATION, AppRow},
        certificates::{self as certs, CertificateRow},
    },
};

/// A certificate as its holder's application shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Issued {
    pub number: String,
    pub payload: String,
    pub issued_at: String,
    pub revoked_at: Option<String>,
    pub revoked_reason: String,
}

fn issued(c: CertificateRow) -> Issued {
    Issued {
        number: c.number,
        payload: c.payload,
        issued_at: c.issued_at,
        revoked_at: c.revoked_at,
        revoked_reason: c.revoked_reason,
    }
}

pub async fn of(
    conn: &mut sqlx::AnyConnection,
    tenant: &TenantId,
    application: &str,
) -> Result<Option<Issued>> {
    Ok(certs::certificate_of(conn, tenant, application)
        .await?
        .map(issued))
}

/// Signs and records the certificate of a delivered application.
pub(super) async fn issue(tx: &mut Tx, ctx: &Ctx, a: &AppRow, s: &Service) -> Result<()> {
    let t = ctx.tenant_id();
    // The application's writes held back go first: the key is read from the connection.
    tx.flush().await?;
    let key = store::keys(tx, &t)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| Error::Internal("the province has no signing key (load its pack)".into()))?;
    let year = &today().iso()[..4];
    let n = store::next_number(tx, &t, &format!("certificate:{year}")).await?;
    let number = format!("{}-C-{year}-{n:06}", ctx.tenant.code);
    let claims = Claims {
        p: ctx.tenant.code.clone(),
        k: key.key_id.clone(),
        n: number.clone(),
        t: a.tracking_id.clone(),
        s: s.code.clone(),
        sn: s.name.clone(),
        su: s.name_ur.clone(),
        h: a.applicant_name.clone(),
        c: Cnic::parse(&a.cnic).map(|c| c.masked()).unwrap_or_default(),
        d: today().iso(),
    };
    let payload = certificate::sign(&key.secret_key, &claims)
        .ok_or_else(|| Error::Internal("the province's signing key is unreadable".into()))?;
    let row = CertificateRow {
        id: Id::new().to_string(),
        tenant_id: t.as_str().to_owned(),
        number,
        application_id: a.id.clone(),
        key_id: key.key_id,
        payload,
        issued_at: now_utc(),
        revoked_at: None,
        revoked_reason: String::new(),
    };
    certs::insert_certificate(tx, &row).await
}

/// Every province's published keys.
pub async fn public_keys(db: &Db) -> Result<Vec<PublicKey>> {
    let all = tenants::list(db).await?;
    let mut conn = db.pool().acquire().await?;
    let rows = store::public_keys(&mut conn).await?;
    Ok(rows
        .into_iter()
        .filter_map(|k| {
            let code = all.iter().find(|t| t.id == k.tenant_id)?.code.clone();
            Some(PublicKey {
                province: code,
                key_id: k.key_id,
                public_key: k.public_key,
                algorithm: "ed25519".to_owned(),
            })
        })
        .collect())
}

/// The answer to "is this certificate genuine?".
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Verdict {
    /// `valid`, `revoked` or `invalid`.
    pub status: String,
    /// Why, when invalid: a Fluent message id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claims: Option<Claims>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub revoked_reason: String,
}

fn invalid(i: Invalid) -> Verdict {
    Verdict {
        status: "invalid".to_owned(),
        reason: Some(i.message_id().to_owned()),
        claims: None,
        revoked_at: None,
        revoked_reason: String::new(),
    }
}

/// Checks a payload (or text holding one) against the published keys and the register
/// of issued certificates.
pub async fn verify(db: &Db, text: &str) -> Result<Verdict> {
    let Some(payload) = certificate::extract(text) else {
        return Ok(invalid(Invalid::Malformed));
    };
    let keys = public_keys(db).await?;
    let claims = match certificate::verify(payload, &keys) {
        Ok(c) => c,
        Err(e) => return Ok(invalid(e)),
    };
    let mut conn = db.pool().acquire().await?;
    let row = certs::certificate_by_number(&mut conn, &claims.n).await?;
    Ok(match row {
        // Signed by the province but not in its register: treat as not genuine.
        None => invalid(Invalid::BadSignature),
        Some(r) if r.payload != payload => invalid(Invalid::BadSignature),
        Some(r) => Verdict {
            status: if r.revoked_at.is_some() {
                "revoked"
            } else {
                "valid"
            }
            .to_owned(),
            reason: None,
            claims: Some(claims),
            revoked_at: r.revoked_at,
            revoked_reason: r.revoked_reason,
        },
    })
}

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Revoke {
    pub reason: String,
}

/// Revokes a certificate of the user's province.
pub async fn revoke(db: &Db, ctx: &Ctx, number: &str, r: &Revoke) -> Result<()> {
    ctx.require(ADMINISTER, &ResourceScope::province())?;
    let reason = r.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(Error::field("reason", "khidmat-err-reason"));
    }
    let t = ctx.tenant_id();
    let mut tx = db.begin().await?;
    let c = certs::certificate_by_number(&mut tx, &super::norm(number))
        .await?
        .filter(|c| c.tenant_id == t.as_str())
        .ok_or(Error::NotFound)?;
    if !certs::revoke_certificate(&mut tx, &t, &c.id, &now_utc(), reason).await? {
        return Err(Error::conflict(
            None,
            "khidmat-conflict-revoked",
            &[("number", &c.number)],
        ));
    }
    audit::record(
        &mut tx,
        &ctx.actor(),
        "khidmat_application.revoke",
        &APPLICATION,
        &c.application_id,
        json!({ "certificate": c.number }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
