//! Candidate pairs from several blocking rules. Each rule keys every record (a record
//! missing any part of a key is not blocked by that rule); records sharing a key are
//! paired. A pair found by several rules is kept once: a rule skips pairs that an
//! earlier rule already produced. Blocks larger than the profile's `max_block` are too
//! common to be informative and are skipped for that rule.

use std::collections::HashSet;

use rayon::prelude::*;

use crate::{
    data::{Dataset, MISSING},
    profile::{KeyPart, Profile},
};

/// FNV-1a, 64-bit: a fast, stable hash for blocking keys (a collision only adds a
/// candidate pair that scoring then rejects).
pub fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ seed;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The key part of one normalised value, or `None` when it yields nothing.
pub fn part_of(part: &KeyPart, value: &str) -> Option<String> {
    let tokens = || {
        value
            .split(' ')
            .filter(|t| !t.is_empty() && *t != "muhammad")
    };
    let out = match part {
        KeyPart::Value(_) => value.to_owned(),
        KeyPart::Prefix(_, n) => value.chars().take(*n).collect(),
        KeyPart::Sorted(_) => {
            let mut t: Vec<&str> = tokens().collect();
            t.sort_unstable();
            t.join(" ")
        }
        KeyPart::TokenPrefixes(_) => {
            let mut t: Vec<String> = tokens().map(|t| t.chars().take(3).collect()).collect();
            t.sort_unstable();
            t.join(" ")
        }
        KeyPart::FirstToken(_) => tokens().next().unwrap_or("").to_owned(),
        KeyPart::Year(_) => value.get(..4).unwrap_or("").to_owned(),
    };
    (!out.is_empty()).then_some(out)
}

/// The hash of part `k` of rule `r` for one normalised value (0 = no part).
pub fn part_hash(part: &KeyPart, value: &str, r: usize, k: usize) -> u64 {
    part_of(part, value)
        .map(|p| fnv(p.as_bytes(), (r * 31 + k) as u64) | 1)
        .unwrap_or(0)
}

/// A rule's key from its parts' hashes; 0 (no key) when any part is missing.
pub fn combine_key(r: usize, parts: impl Iterator<Item = u64>) -> u64 {
    let mut key = 0x9e37_79b9_7f4a_7c15_u64 ^ r as u64;
    for h in parts {
        if h == 0 {
            return 0;
        }
        key = (key ^ h).wrapping_mul(0x0100_0000_01b3).rotate_left(17);
    }
    key | 1
}

/// Every rule's key for one record given as normalised values per field (the same keys
/// `rule_keys` computes for a dataset).
pub fn record_keys(profile: &Profile, values: &[Option<String>]) -> Vec<u64> {
    profile
        .blocking
        .iter()
        .enumerate()
        .map(|(r, rule)| {
            combine_key(
                r,
                rule.keys.iter().enumerate().map(|(k, part)| {
                    let v = profile
                        .field_index(part.field())
                        .and_then(|f| values.get(f))
                        .and_then(|v| v.as_deref());
                    v.map(|v| part_hash(part, v, r, k)).unwrap_or(0)
                }),
            )
        })
        .collect()
}

/// Every rule's key for every record (0 = no key).
pub fn rule_keys(ds: &Dataset, profile: &Profile) -> Vec<Vec<u64>> {
    profile
        .blocking
        .iter()
        .enumerate()
        .map(|(r, rule)| {
            // A hash of each part per distinct value, computed once per value.
            let parts: Vec<(usize, Vec<u64>)> = rule
                .keys
                .iter()
                .enumerate()
                .map(|(k, part)| {
                    let f = profile.field_index(part.field()).unwrap_or(usize::MAX);
                    let hashes = ds.columns.get(f).map(|c| {
                        (0..c.dict.len())
                            .into_par_iter()
                            .map(|i| &c.dict[i])
                            .map(|v| part_hash(part, v, r, k))
                            .collect()
                    });
                    (f, hashes.unwrap_or_default())
                })
                .collect();
            (0..ds.len())
                .into_par_iter()
                .map(|i| {
                    combine_key(
                        r,
                        parts.iter().map(|(f, hashes)| {
                            let v = ds.columns.get(*f).map(|c| c.values[i]).unwrap_or(MISSING);
                            if v == MISSING { 0 } else { hashes[v as usize] }
                        }),
                    )
                })
                .collect()
        })
        .collect()
}

/// Candidate pairs, and for each the rules whose keys it shares (bit r for rule r).
#[derive(Debug, Default)]
pub struct Candidates {
    pub pairs: Vec<(u32, u32)>,
    pub masks: Vec<u32>,
    /// Pairs each rule added (after removing those earlier rules found).
    pub per_rule: Vec<u64>,
    /// Blocks each rule skipped as too large.
    pub skipped_blocks: Vec<u64>,
}

/// All candidate pairs. In a link (`ds.left_len < ds.len()`), only pairs with one record
/// from each side, written (left, right).
pub fn candidates(ds: &Dataset, profile: &Profile, keys: &[Vec<u64>]) -> Candidates {
    let link = ds.left_len < ds.len();
    let mut out = Candidates::default();
    // Keys of blocks each rule skipped: a later rule must still produce their pairs.
    let mut skipped: Vec<HashSet<u64>> = Vec::new();
    for (r, rk) in keys.iter().enumerate() {
        let mut order: Vec<u32> = (0..ds.len() as u32)
            .filter(|&i| rk[i as usize] != 0)
            .collect();
        order.par_sort_unstable_by_key(|&i| rk[i as usize]);
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut start = 0;
        for i in 1..=order.len() {
            if i == order.len() || rk[order[i] as usize] != rk[order[start] as usize] {
                if i - start > 1 {
                    groups.push((start, i));
                }
                start = i;
            }
        }
        let (big, small): (Vec<_>, Vec<_>) = groups
            .into_iter()
            .partition(|(s, e)| e - s > profile.max_block);
        skipped.push(big.iter().map(|(s, _)| rk[order[*s] as usize]).collect());
        out.skipped_blocks.push(big.len() as u64);
        let earlier = |a: usize, b: usize| -> bool {
            (0..r).any(|q| {
                let k = keys[q][a];
                k != 0 && k == keys[q][b] && !skipped[q].contains(&k)
            })
        };
        let found: Vec<Vec<(u32, u32, u32)>> = small
            .par_iter()
            .map(|&(s, e)| {
                let mut v = Vec::new();
                let members = &order[s..e];
                for (x, &a) in members.iter().enumerate() {
                    for &b in &members[x + 1..] {
                        let (a, b) = if a < b { (a, b) } else { (b, a) };
                        let (ai, bi) = (a as usize, b as usize);
                        if link && !(ai < ds.left_len && bi >= ds.left_len) {
                            continue;
                        }
                        if earlier(ai, bi) {
                            continue;
                        }
                        let mut mask = 0u32;
                        for (q, k) in keys.iter().enumerate() {
                            if k[ai] != 0 && k[ai] == k[bi] {
                                mask |= 1 << q.min(31);
                            }
                        }
                        v.push((a, b, mask));
                    }
                }
                v
            })
            .collect();
        let before = out.pairs.len();
        for v in found {
            for (a, b, m) in v {
                out.pairs.push((a, b));
                out.masks.push(m);
            }
        }
        out.per_rule.push((out.pairs.len() - before) as u64);
    }
    // In record order, so comparing walks the records' rows mostly forwards.
    let mut both: Vec<((u32, u32), u32)> = out.pairs.drain(..).zip(out.masks.drain(..)).collect();
    both.par_sort_unstable_by_key(|(p, _)| *p);
    (out.pairs, out.masks) = both.into_iter().unzip();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DatasetBuilder;

    #[test]
    fn key_parts() {
        let sorted = KeyPart::Sorted("n".into());
        assert_eq!(
            part_of(&sorted, "muhammad khan ali"),
            Some("ali khan".into())
        );
        assert_eq!(part_of(&sorted, "muhammad"), None);
        assert_eq!(
            part_of(&KeyPart::TokenPrefixes("n".into()), "hussain ali"),
            Some("ali hus".into())
        );
        assert_eq!(
            part_of(&KeyPart::FirstToken("n".into()), "muhammad ali khan"),
            Some("ali".into())
        );
        assert_eq!(
            part_of(&KeyPart::Year("d".into()), "1985-03-07"),
            Some("1985".into())
        );
        assert_eq!(
            part_of(&KeyPart::Prefix("n".into(), 2), "ali"),
            Some("al".into())
        );
    }

    #[test]
    fn one_record_keys_and_patterns_match_the_batch_ones() {
        let csv = "id,cnic,name,father_name,gender,dob,district,address,phone\n\
                   1,35202-1234567-1,Ali Khan,Ahmad,m,1985-03-07,Lahore,H 5 St 2,0300-1234567\n\
                   2,,Khan Ali,Ahmed,,1985,Lahore,,+92 300 1234567\n";
        let profile = Profile::person();
        let mut b = DatasetBuilder::new(&profile);
        b.add_csv(csv.as_bytes(), true, &mut |_| {}).expect("read");
        let ds = b.finish();
        let keys = rule_keys(&ds, &profile);
        let values = |i: usize| -> Vec<Option<String>> {
            ds.columns
                .iter()
                .map(|c| c.get(i).map(str::to_owned))
                .collect()
        };
        for i in 0..ds.len() {
            let one = record_keys(&profile, &values(i));
            let batch: Vec<u64> = keys.iter().map(|k| k[i]).collect();
            assert_eq!(one, batch, "record {i}");
        }
        let cmps = profile.comparators();
        assert_eq!(
            crate::model::pattern_of(&cmps, &values(0), &values(1)),
            crate::model::pattern(&ds, &cmps, 0, 1)
        );
    }

    #[test]
    fn pairs_are_found_once_across_rules() {
        let csv = "id,cnic,name,father_name,gender,dob,district,address,phone\n\
                   1,35202-1234567-1,Ali Khan,Ahmad,m,1985-03-07,Lahore,,0300-1234567\n\
                   2,35202-1234567-1,Ali Khan,Ahmad,m,1985-03-07,Lahore,,0300-1234567\n\
                   3,,Ali Khan,,m,1985-01-01,Lahore,,0300-1234567\n\
                   4,,Zara Bibi,,f,1990-01-01,Quetta,,\n";
        let profile = Profile::person();
        let mut b = DatasetBuilder::new(&profile);
        b.add_csv(csv.as_bytes(), true, &mut |_| {}).expect("read");
        let ds = b.finish();
        let keys = rule_keys(&ds, &profile);
        let c = candidates(&ds, &profile, &keys);
        let mut pairs = c.pairs.clone();
        pairs.sort_unstable();
        assert_eq!(
            pairs,
            vec![(0, 1), (0, 2), (1, 2)],
            "every pair once, record 4 alone"
        );
        let i = c.pairs.iter().position(|p| *p == (0, 1)).expect("pair");
        assert_eq!(
            c.masks[i] & 0b11,
            0b11,
            "records 1 and 2 share CNIC and phone"
        );
        assert_eq!(c.per_rule.iter().sum::<u64>(), 3);
    }
}
