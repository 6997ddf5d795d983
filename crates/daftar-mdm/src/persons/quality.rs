//! The data-quality scorecard: per source system, how complete and how valid its records
//! are, and how many turned out to be someone already known.

use std::collections::BTreeMap;

use daftar_platform::{Ctx, Db, Result, auth::ResourceScope};
use serde::Serialize;
use sqlx::Row;

use super::{ATTRIBUTES, steward::STEWARD};

/// One source's figures; percentages are of its records.
#[derive(Clone, Debug, Serialize)]
pub struct SourceQuality {
    pub source: String,
    pub records: i64,
    /// Attribute -> share of records that have it, in percent.
    pub complete: BTreeMap<String, f64>,
    pub cnic_valid: f64,
    pub phone_valid: f64,
    pub dob_valid: f64,
    /// Records whose gender contradicts their CNIC's last digit.
    pub parity_mismatch: i64,
    pub matched: i64,
    pub possible: i64,
    pub new: i64,
}

/// The scorecard for the user's province (stewards only).
pub async fn scorecard(db: &Db, ctx: &Ctx) -> Result<Vec<SourceQuality>> {
    ctx.require(STEWARD, &ResourceScope::province())?;
    let rows = sqlx::query(
        "SELECT source, cnic, gender, dob, phone, decision,
                CASE WHEN name <> '' THEN 1 ELSE 0 END AS has_name,
                CASE WHEN father_name <> '' THEN 1 ELSE 0 END AS has_father,
                CASE WHEN district <> '' THEN 1 ELSE 0 END AS has_district,
                CASE WHEN address <> '' THEN 1 ELSE 0 END AS has_address
         FROM mdm_person_sources WHERE tenant_id = $1 ORDER BY source",
    )
    .bind(ctx.tenant_id().as_str())
    .fetch_all(db.pool())
    .await?;
    let mut acc: BTreeMap<String, [i64; 16]> = BTreeMap::new();
    for r in rows {
        let source: String = r.try_get("source")?;
        let cnic: String = r.try_get("cnic")?;
        let gender: String = r.try_get("gender")?;
        let dob: String = r.try_get("dob")?;
        let phone: String = r.try_get("phone")?;
        let decision: String = r.try_get("decision")?;
        let a = acc.entry(source).or_default();
        a[0] += 1;
        let has = [
            !cnic.is_empty(),
            r.try_get::<i64, _>("has_name")? == 1,
            r.try_get::<i64, _>("has_father")? == 1,
            !gender.is_empty(),
            !dob.is_empty(),
            r.try_get::<i64, _>("has_district")? == 1,
            r.try_get::<i64, _>("has_address")? == 1,
            !phone.is_empty(),
        ];
        for (i, h) in has.iter().enumerate() {
            a[1 + i] += i64::from(*h);
        }
        let valid_cnic = daftar_kernel::Cnic::parse(&cnic).ok();
        a[9] += i64::from(valid_cnic.is_some());
        a[10] += i64::from(
            daftar_linkage::normalise::phone(&phone)
                .is_some_and(|p| p.len() == 10 && p.starts_with('3')),
        );
        a[11] += i64::from(daftar_linkage::normalise::date(&dob).is_some_and(|d| d.day.is_some()));
        if let (Some(c), Some(g)) = (valid_cnic, daftar_linkage::normalise::gender(&gender)) {
            let by_cnic = if c.sex() == daftar_kernel::cnic::CnicSex::Male {
                'm'
            } else {
                'f'
            };
            a[12] += i64::from(by_cnic != g);
        }
        match decision.as_str() {
            "match" => a[13] += 1,
            "possible" => a[14] += 1,
            _ => a[15] += 1,
        }
    }
    Ok(acc
        .into_iter()
        .map(|(source, a)| {
            let pct = |n: i64| {
                if a[0] > 0 {
                    n as f64 * 100.0 / a[0] as f64
                } else {
                    0.0
                }
            };
            SourceQuality {
                source,
                records: a[0],
                complete: ATTRIBUTES
                    .iter()
                    .enumerate()
                    .map(|(i, attr)| ((*attr).to_owned(), pct(a[1 + i])))
                    .collect(),
                cnic_valid: pct(a[9]),
                phone_valid: pct(a[10]),
                dob_valid: pct(a[11]),
                parity_mismatch: a[12],
                matched: a[13],
                possible: a[14],
                new: a[15],
            }
        })
        .collect())
}
