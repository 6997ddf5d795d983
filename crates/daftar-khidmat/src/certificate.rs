//! Certificates anyone can verify: the facts of a delivered certificate, signed with
//! the province's ed25519 key, written as one line of URL-safe text that a QR code
//! holds. Pure: signing, reading and checking a payload against published keys.
//!
//! A payload is `DKC1.<claims>.<signature>`: `claims` is the base64url (no padding) of
//! the claims' JSON, `signature` the base64url of the ed25519 signature of the text
//! `DKC1.<claims>`.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD as B64};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

pub const PREFIX: &str = "DKC1";

/// What a certificate states. Short keys keep the QR code small.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Claims {
    /// Province code (`PB`).
    pub p: String,
    /// Key id: which of the province's keys signed.
    pub k: String,
    /// Certificate number.
    pub n: String,
    /// Tracking id of the application.
    pub t: String,
    /// Service code and its name in English and Urdu.
    pub s: String,
    pub sn: String,
    pub su: String,
    /// Holder's name and masked CNIC.
    pub h: String,
    pub c: String,
    /// Date of issue, `YYYY-MM-DD`.
    pub d: String,
}

/// A published public key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PublicKey {
    pub province: String,
    pub key_id: String,
    /// 32 bytes, hex.
    pub public_key: String,
    pub algorithm: String,
}

/// Why a payload does not verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("this is not a Daftar certificate payload")]
    Malformed,
    #[error("no published key of this province has this key id")]
    UnknownKey,
    #[error("the signature does not match: the certificate was altered or forged")]
    BadSignature,
}

impl Invalid {
    /// Fluent message id.
    pub fn message_id(self) -> &'static str {
        match self {
            Invalid::Malformed => "khidmat-verify-malformed",
            Invalid::UnknownKey => "khidmat-verify-unknown-key",
            Invalid::BadSignature => "khidmat-verify-bad-signature",
        }
    }
}

/// A new key: `(secret hex, public hex, key id)`.
pub fn new_key() -> Result<(String, String, String), getrandom::Error> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)?;
    let key = SigningKey::from_bytes(&seed);
    let public = key.verifying_key().to_bytes();
    Ok((hex::encode(seed), hex::encode(public), key_id(&public)))
}

/// The first 8 bytes of the public key's sha256, hex.
pub fn key_id(public: &[u8; 32]) -> String {
    hex::encode(&Sha256::digest(public)[..8])
}

fn bytes32(hex_text: &str) -> Option<[u8; 32]> {
    hex::decode(hex_text).ok()?.try_into().ok()
}

/// Signs the claims with a secret key (hex).
pub fn sign(secret_hex: &str, claims: &Claims) -> Option<String> {
    let key = SigningKey::from_bytes(&bytes32(secret_hex)?);
    let json = serde_json::to_vec(claims).ok()?;
    let signed = format!("{PREFIX}.{}", B64.encode(json));
    let sig = key.sign(signed.as_bytes());
    Some(format!("{signed}.{}", B64.encode(sig.to_bytes())))
}

/// Finds a payload in text: the payload itself, a verification URL holding it, or a
/// file (a saved certificate page) containing one.
pub fn extract(text: &str) -> Option<&str> {
    let start = text.find(&format!("{PREFIX}."))?;
    let rest = &text[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Reads the claims without checking the signature.
pub fn read(payload: &str) -> Result<Claims, Invalid> {
    let mut parts = payload.trim().split('.');
    let (Some(PREFIX), Some(claims), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Invalid::Malformed);
    };
    let json = B64.decode(claims).map_err(|_| Invalid::Malformed)?;
    serde_json::from_slice(&json).map_err(|_| Invalid::Malformed)
}

/// Checks a payload against published keys; the claims when it verifies.
pub fn verify(payload: &str, keys: &[PublicKey]) -> Result<Claims, Invalid> {
    let payload = payload.trim();
    let claims = read(payload)?;
    let (signed, sig) = payload.rsplit_once('.').ok_or(Invalid::Malformed)?;
    let key = keys
        .iter()
        .find(|k| k.province == claims.p && k.key_id == claims.k)
        .ok_or(Invalid::UnknownKey)?;
    let public = bytes32(&key.public_key)
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
        .ok_or(Invalid::UnknownKey)?;
    let sig: [u8; 64] = B64
        .decode(sig)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(Invalid::BadSignature)?;
    public
        .verify(signed.as_bytes(), &Signature::from_bytes(&sig))
        .map_err(|_| Invalid::BadSignature)?;
    Ok(claims)
}

/// An SVG QR code of `text` (dark modules on white), sized by its viewBox.
pub fn qr_svg(text: &str) -> String {
    match qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(180, 180)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(p: &str, k: &str) -> Claims {
        Claims {
            p: p.into(),
            k: k.into(),
            n: "PB-C-2026-000001".into(),
            t: "PB-2026-000001".into(),
            s: "DOMICILE".into(),
            sn: "Domicile certificate".into(),
            su: "ڈومیسائل سرٹیفکیٹ".into(),
            h: "Ali Raza".into(),
            c: "35202-*******-1".into(),
            d: "2026-12-02".into(),
        }
    }

    #[test]
    fn a_signed_payload_verifies_and_any_altered_character_fails() {
        let (secret, public, kid) = new_key().expect("key");
        let keys = [PublicKey {
            province: "PB".into(),
            key_id: kid.clone(),
            public_key: public,
            algorithm: "ed25519".into(),
        }];
        let payload = sign(&secret, &claims("PB", &kid)).expect("signed");
        assert_eq!(verify(&payload, &keys), Ok(claims("PB", &kid)));
        let url = format!("https://example.org/public/verify?c={payload}&x=1");
        assert_eq!(extract(&url), Some(payload.as_str()));
        // Every single-character change is caught.
        for i in PREFIX.len() + 1..payload.len() {
            let mut b = payload.clone().into_bytes();
            b[i] = if b[i] == b'A' { b'B' } else { b'A' };
            let altered = String::from_utf8(b).expect("ascii");
            if altered == payload {
                continue;
            }
            assert!(verify(&altered, &keys).is_err(), "position {i} altered");
        }
        let other = [PublicKey {
            province: "BA".into(),
            ..keys[0].clone()
        }];
        assert_eq!(verify(&payload, &other), Err(Invalid::UnknownKey));
        assert_eq!(verify("hello", &keys), Err(Invalid::Malformed));
        assert!(!qr_svg(&url).is_empty());
    }
}
