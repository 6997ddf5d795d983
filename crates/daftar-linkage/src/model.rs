//! The Fellegi-Sunter model: per field and agreement level, the probability among
//! matches (m) and among non-matches (u), learned from the data itself.
//!
//! - u comes from random pairs, which are almost all non-matches.
//! - m comes from expectation-maximisation over the candidate pairs, one run per blocking
//!   rule with that rule's own fields left out (pairs that had to agree on them say
//!   nothing about how often matches agree on them).
//! - The prior is the share of matches among all possible pairs, found as the fixed point
//!   of "expected matches among candidates / all pairs".
//! - Exact agreement on a field with term-frequency adjustment is worth m / p(value)
//!   rather than m / u: agreeing on a rare name says more than on "muhammad ali".

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    blocking::Candidates,
    compare::Comparator,
    data::{Dataset, MISSING},
    profile::Profile,
};

/// Levels are packed 4 bits per field into a pattern; 15 means "a value is missing".
pub const NULL_LEVEL: u8 = 15;
/// Fields a pattern can hold.
pub const MAX_FIELDS: usize = 16;

/// What the model knows about one field.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FieldModel {
    pub name: String,
    pub labels: Vec<String>,
    pub m: Vec<f64>,
    pub u: Vec<f64>,
    /// log2(m / u) per level.
    pub weight: Vec<f64>,
    /// For fields with term-frequency adjustment: the weight of exact agreement on each
    /// distinct value (log2(m0 / p(value))).
    #[serde(skip)]
    pub tf_weight: Option<Vec<f32>>,
}

/// A trained model.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Model {
    /// log2 of the prior odds that two random records match.
    pub prior_weight: f64,
    pub fields: Vec<FieldModel>,
    /// Expected matches among the candidate pairs, from training.
    pub expected_matches: f64,
    /// Each field's group (see `Profile::group_ids`): positive weights within a group
    /// count once, as the largest.
    pub groups: Vec<usize>,
    /// Weights that apply when a pair agrees on a correlated group (see [`Regime`]).
    pub regimes: Vec<Regime>,
    /// Each field's `weight`, gathered for scoring.
    #[serde(skip)]
    pub weights: Vec<Vec<f64>>,
}

/// Members of a household agree on its father's name, address and phone whether or not
/// they are the same person, and among them a shared birthday (twins) or clan name is far
/// more common than among random pairs. So when a pair agrees on a group, the other
/// fields are weighed against u learned from pairs that share the group (by EM, with m
/// fixed), not against random pairs.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Regime {
    pub group: usize,
    /// u per field and level among non-matching pairs that share the group.
    pub u: Vec<Vec<f64>>,
    /// log2(m / u) per field and level under this regime (fields of the group itself
    /// keep their ordinary weights).
    pub weight: Vec<Vec<f64>>,
}

/// Each field's weight for a pattern in log2 units under the regime that applies
/// (`None` when a value is missing), with a group's positive weights counted once (the
/// largest; the others count 0). `tf(f)` gives the term-frequency weight of exact
/// agreement on field `f` when it is adjusted.
fn field_weights(
    weight: &[Vec<f64>],
    groups: &[usize],
    regimes: &[Regime],
    pattern: u64,
    tf: impl Fn(usize) -> Option<f64>,
) -> [Option<f64>; MAX_FIELDS] {
    let nf = weight.len().min(MAX_FIELDS);
    let agrees = |g: usize| {
        (0..nf).any(|f| {
            let l = level_of(pattern, f);
            groups[f] == g && l != NULL_LEVEL && weight[f][l as usize] > 0.0
        })
    };
    let regime = regimes.iter().find(|r| agrees(r.group));
    let mut out = [None; MAX_FIELDS];
    for (f, slot) in out.iter_mut().enumerate().take(nf) {
        let l = level_of(pattern, f);
        if l == NULL_LEVEL {
            continue;
        }
        let table = match regime {
            Some(r) if groups[f] != r.group => &r.weight[f],
            _ => &weight[f],
        };
        *slot = Some(match (l, tf(f)) {
            (0, Some(t)) => t - weight[f][0] + table[0],
            _ => table[l as usize],
        });
    }
    // A group's positive weights count once: keep the largest, zero the rest.
    for f in 0..nf {
        let g = groups[f];
        let Some(w) = out[f] else { continue };
        if g < 1000 || w <= 0.0 {
            continue;
        }
        let beaten = (0..nf).any(|x| {
            x != f && groups[x] == g && out[x].is_some_and(|v| v > w || (v == w && x < f))
        });
        if beaten {
            out[f] = Some(0.0);
        }
    }
    out
}

/// The evidence for a pattern in log2 units, without the prior.
fn evidence(
    weight: &[Vec<f64>],
    groups: &[usize],
    regimes: &[Regime],
    pattern: u64,
    tf: impl Fn(usize) -> Option<f64>,
) -> f64 {
    field_weights(weight, groups, regimes, pattern, tf)
        .iter()
        .flatten()
        .sum()
}

/// The agreement level of two normalised values (`None` = missing).
fn level(cmp: &Comparator, a: Option<&str>, b: Option<&str>) -> u8 {
    match (a, b) {
        (Some(a), Some(b)) if a == b => match (cmp, a.len()) {
            // Two year-only (or year-and-month) dates that agree say only that much.
            (Comparator::Date, 4) => 4,
            (Comparator::Date, 7) => 3,
            _ => 0,
        },
        (Some(a), Some(b)) => cmp.compare(a, b),
        _ => NULL_LEVEL,
    }
}

/// The packed pattern of two records given as normalised values per field.
pub fn pattern_of(comparators: &[Comparator], a: &[Option<String>], b: &[Option<String>]) -> u64 {
    let mut p = 0u64;
    for (f, cmp) in comparators.iter().enumerate().take(MAX_FIELDS) {
        let l = level(
            cmp,
            a.get(f).and_then(|v| v.as_deref()),
            b.get(f).and_then(|v| v.as_deref()),
        );
        p |= u64::from(l) << (4 * f);
    }
    p
}

/// A pair's agreement level on every field, packed.
pub fn pattern(ds: &Dataset, comparators: &[Comparator], a: usize, b: usize) -> u64 {
    let (ra, rb) = (ds.row(a), ds.row(b));
    let mut p = 0u64;
    for (f, ((col, cmp), (&va, &vb))) in ds
        .columns
        .iter()
        .zip(comparators)
        .zip(ra.iter().zip(rb))
        .enumerate()
        .take(MAX_FIELDS)
    {
        let value = |v: u32| (v != MISSING).then(|| &col.dict[v as usize]);
        let l = if va == vb && va != MISSING && !matches!(cmp, Comparator::Date) {
            0
        } else {
            level(cmp, value(va), value(vb))
        };
        p |= u64::from(l) << (4 * f);
    }
    p
}

pub fn level_of(pattern: u64, field: usize) -> u8 {
    ((pattern >> (4 * field)) & 0xf) as u8
}

/// A small deterministic generator for sampling (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x853c_49e6_748f_ea9b)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Number of pairs a run compares in principle (all pairs, or all left×right pairs).
pub fn total_pairs(ds: &Dataset) -> f64 {
    let n = ds.len() as f64;
    if ds.left_len < ds.len() {
        ds.left_len as f64 * (n - ds.left_len as f64)
    } else {
        n * (n - 1.0) / 2.0
    }
}

fn random_pair(ds: &Dataset, rng: &mut Rng) -> (usize, usize) {
    let n = ds.len();
    if ds.left_len < n {
        (
            rng.below(ds.left_len),
            ds.left_len + rng.below(n - ds.left_len),
        )
    } else {
        loop {
            let (a, b) = (rng.below(n), rng.below(n));
            if a != b {
                return (a, b);
            }
        }
    }
}

/// Random pairs sampled to estimate u.
const U_SAMPLES: usize = 400_000;

/// u per field and level from random pairs.
fn estimate_u(
    ds: &Dataset,
    comparators: &[Comparator],
    levels: &[usize],
    seed: u64,
) -> Vec<Vec<f64>> {
    let nf = levels.len();
    let samples = U_SAMPLES.min((total_pairs(ds) as usize).max(1));
    let chunks = 16;
    let counts: Vec<Vec<Vec<u64>>> = (0..chunks)
        .into_par_iter()
        .map(|c| {
            let mut rng = Rng::new(seed.wrapping_add(c as u64 * 7919));
            let mut counts: Vec<Vec<u64>> = levels.iter().map(|l| vec![0; *l]).collect();
            for _ in 0..samples.div_ceil(chunks) {
                let (a, b) = random_pair(ds, &mut rng);
                let p = pattern(ds, comparators, a, b);
                for (f, c) in counts.iter_mut().enumerate() {
                    let l = level_of(p, f);
                    if l != NULL_LEVEL {
                        c[l as usize] += 1;
                    }
                }
            }
            counts
        })
        .collect();
    (0..nf)
        .map(|f| {
            let c: Vec<u64> = (0..levels[f])
                .map(|l| counts.iter().map(|cs| cs[f][l]).sum())
                .collect();
            let total: u64 = c.iter().sum();
            c.iter()
                .map(|&x| (x as f64 + 0.1) / (total as f64 + 0.1 * levels[f] as f64))
                .collect()
        })
        .collect()
}

fn log2_ratio(m: &[f64], u: &[f64]) -> Vec<f64> {
    m.iter()
        .zip(u)
        .map(|(m, u)| (m.max(1e-9) / u).log2())
        .collect()
}

/// Trains a model on a dataset and its candidate pairs (with their patterns).
pub fn train(
    ds: &Dataset,
    profile: &Profile,
    cands: &Candidates,
    patterns: &[u64],
    seed: u64,
) -> Model {
    let comparators: Vec<Comparator> = profile
        .fields
        .iter()
        .take(MAX_FIELDS)
        .map(|f| f.comparator.clone())
        .collect();
    let levels: Vec<usize> = comparators.iter().map(Comparator::level_count).collect();
    let nf = levels.len();
    let groups = profile.group_ids();
    let u = estimate_u(ds, &comparators, &levels, seed);

    // Histogram of (pattern, rules) over the candidates.
    let mut counts: HashMap<(u64, u32), f64> = HashMap::new();
    for (p, m) in patterns.iter().zip(&cands.masks) {
        *counts.entry((*p, *m)).or_insert(0.0) += 1.0;
    }
    let hist: Vec<(u64, u32, f64)> = counts.into_iter().map(|((p, m), c)| (p, m, c)).collect();
    let rows_of = |mask: u32| -> Vec<(u64, f64)> {
        hist.iter()
            .filter(|(_, mk, _)| mk & mask != 0)
            .map(|(p, _, c)| (*p, *c))
            .collect()
    };
    let rule_fields = |r: usize| -> Vec<usize> {
        profile.blocking[r]
            .keys
            .iter()
            .filter_map(|k| profile.field_index(k.field()))
            .collect()
    };

    // m by EM, one run per blocking rule, leaving out the rule's fields and their groups.
    let default_m = |f: usize| -> Vec<f64> {
        let l = levels[f];
        if l == 1 {
            return vec![1.0];
        }
        (0..l)
            .map(|i| if i == 0 { 0.8 } else { 0.2 / (l - 1) as f64 })
            .collect()
    };
    let mut m_sum: Vec<Vec<f64>> = levels.iter().map(|l| vec![0.0; *l]).collect();
    let mut m_weight = vec![0.0; nf];
    for r in 0..profile.blocking.len().min(32) {
        let keyed = rule_fields(r);
        let active: Vec<usize> = (0..nf)
            .filter(|f| !keyed.iter().any(|k| groups[*k] == groups[*f]))
            .collect();
        let rows = rows_of(1 << r);
        if rows.is_empty() || active.is_empty() {
            continue;
        }
        let (m, lambda, n) = em(&rows, &active, &levels, &u, default_m);
        for &f in &active {
            let w = lambda * n;
            for (s, x) in m_sum[f].iter_mut().zip(&m[f]) {
                *s += w * x;
            }
            m_weight[f] += w;
        }
    }
    let m: Vec<Vec<f64>> = (0..nf)
        .map(|f| {
            if m_weight[f] > 0.0 {
                m_sum[f].iter().map(|x| x / m_weight[f]).collect()
            } else {
                default_m(f)
            }
        })
        .collect();
    let weight: Vec<Vec<f64>> = (0..nf).map(|f| log2_ratio(&m[f], &u[f])).collect();

    // Regimes: u among pairs that share a correlated group, by EM with m fixed.
    let mut group_ids: Vec<usize> = groups.iter().copied().filter(|g| *g >= 1000).collect();
    group_ids.sort_unstable();
    group_ids.dedup();
    let mut regimes = Vec::new();
    for g in group_ids {
        // Only rules keyed on the group alone: a rule that also keys on, say, a first
        // name would make sharing it look common among non-matches.
        let mask = (0..profile.blocking.len().min(32))
            .filter(|r| {
                let fs = rule_fields(*r);
                !fs.is_empty() && fs.iter().all(|f| groups[*f] == g)
            })
            .fold(0u32, |mk, r| mk | (1 << r));
        let rows = rows_of(mask);
        if rows.is_empty() {
            continue;
        }
        let active: Vec<usize> = (0..nf).filter(|f| groups[*f] != g).collect();
        let ug = em_u(&rows, &active, &m, &u);
        let weight_g = (0..nf)
            .map(|f| {
                if groups[f] == g {
                    weight[f].clone()
                } else {
                    log2_ratio(&m[f], &ug[f])
                }
            })
            .collect();
        regimes.push(Regime {
            group: g,
            u: ug,
            weight: weight_g,
        });
    }

    // The prior: expected matches among candidates over all pairs, to a fixed point.
    let total = total_pairs(ds).max(1.0);
    let mut lambda = (cands.pairs.len() as f64 * 0.1 / total).clamp(1e-12, 0.5);
    let weights: Vec<(f64, f64)> = hist
        .iter()
        .map(|(p, _, c)| (evidence(&weight, &groups, &regimes, *p, |_| None), *c))
        .collect();
    let mut expected = 0.0;
    for _ in 0..100 {
        let prior = (lambda / (1.0 - lambda)).log2();
        expected = weights
            .iter()
            .map(|(w, c)| c / (1.0 + (-(prior + w)).exp2()))
            .sum::<f64>();
        let next = (expected / total).clamp(1e-15, 0.5);
        let done = (next - lambda).abs() < lambda * 1e-6;
        lambda = next;
        if done {
            break;
        }
    }

    let fields = (0..nf)
        .map(|f| {
            let spec = &profile.fields[f];
            let tf_weight = spec.tf.then(|| {
                let col = &ds.columns[f];
                let non_null = col.non_null.max(1) as f64;
                let floor = u[f][0].min(1.0 / non_null);
                col.counts
                    .iter()
                    .map(|&c| (m[f][0].max(1e-9) / (c as f64 / non_null).max(floor)).log2() as f32)
                    .collect()
            });
            FieldModel {
                name: spec.name.clone(),
                labels: comparators[f].labels(),
                m: m[f].clone(),
                u: u[f].clone(),
                weight: weight[f].clone(),
                tf_weight,
            }
        })
        .collect();
    Model {
        prior_weight: (lambda / (1.0 - lambda)).log2(),
        fields,
        expected_matches: expected,
        groups,
        regimes,
        weights: weight,
    }
}

/// EM for u among pairs that share a correlated group, with m fixed: how often
/// non-matching pairs of the same household agree on the other fields.
fn em_u(rows: &[(u64, f64)], active: &[usize], m: &[Vec<f64>], u: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let mut ug: Vec<Vec<f64>> = u
        .iter()
        .map(|v| v.iter().map(|x| 0.5 * x + 0.5 / v.len() as f64).collect())
        .collect();
    let mut lambda: f64 = 0.5;
    let n: f64 = rows.iter().map(|(_, c)| c).sum();
    for _ in 0..60 {
        let mut acc: Vec<Vec<f64>> = ug.iter().map(|v| vec![0.0; v.len()]).collect();
        let mut tot = vec![0.0; ug.len()];
        let mut matched = 0.0;
        for (p, c) in rows {
            let mut lm = lambda.ln();
            let mut lu = (1.0 - lambda).ln();
            for &f in active {
                let l = level_of(*p, f);
                if l != NULL_LEVEL {
                    lm += m[f][l as usize].max(1e-12).ln();
                    lu += ug[f][l as usize].max(1e-12).ln();
                }
            }
            let post = 1.0 / (1.0 + (lu - lm).exp());
            matched += post * c;
            let w = (1.0 - post) * c;
            for &f in active {
                let l = level_of(*p, f);
                if l != NULL_LEVEL {
                    acc[f][l as usize] += w;
                    tot[f] += w;
                }
            }
        }
        for &f in active {
            let k = acc[f].len() as f64;
            for (x, a) in ug[f].iter_mut().zip(&acc[f]) {
                *x = (a + 0.5) / (tot[f] + 0.5 * k);
            }
        }
        let next = (matched / n).clamp(1e-6, 1.0 - 1e-6);
        let done = (next - lambda).abs() < 1e-7;
        lambda = next;
        if done {
            break;
        }
    }
    ug
}

/// EM for m and the match share among `rows` (pattern, count), over the `active` fields,
/// with u fixed. Returns (m per field, match share, number of pairs).
fn em(
    rows: &[(u64, f64)],
    active: &[usize],
    levels: &[usize],
    u: &[Vec<f64>],
    init: impl Fn(usize) -> Vec<f64>,
) -> (Vec<Vec<f64>>, f64, f64) {
    let mut m: Vec<Vec<f64>> = (0..levels.len().min(u.len())).map(&init).collect();
    let mut lambda: f64 = 0.3;
    let n: f64 = rows.iter().map(|(_, c)| c).sum();
    for _ in 0..60 {
        let mut m_acc: Vec<Vec<f64>> = m.iter().map(|v| vec![0.0; v.len()]).collect();
        let mut m_tot = vec![0.0; m.len()];
        let mut matched = 0.0;
        for (p, c) in rows {
            let mut lm = lambda.ln();
            let mut lu = (1.0 - lambda).ln();
            for &f in active {
                let l = level_of(*p, f);
                if l != NULL_LEVEL {
                    lm += m[f][l as usize].max(1e-12).ln();
                    lu += u[f][l as usize].ln();
                }
            }
            let post = 1.0 / (1.0 + (lu - lm).exp());
            let w = post * c;
            matched += w;
            for &f in active {
                let l = level_of(*p, f);
                if l != NULL_LEVEL {
                    m_acc[f][l as usize] += w;
                    m_tot[f] += w;
                }
            }
        }
        let new_lambda = (matched / n).clamp(1e-6, 1.0 - 1e-6);
        for &f in active {
            if m_tot[f] > 0.0 {
                let k = m_acc[f].len() as f64;
                for (x, acc) in m[f].iter_mut().zip(&m_acc[f]) {
                    *x = (acc + 0.01) / (m_tot[f] + 0.01 * k);
                }
            }
        }
        let done = (new_lambda - lambda).abs() < 1e-7;
        lambda = new_lambda;
        if done {
            break;
        }
    }
    (m, lambda, n)
}

/// One field's part in a pair's score.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Evidence {
    pub field: String,
    /// The agreement level's label, or `missing`.
    pub level: String,
    /// log2 of the Bayes factor this field contributes (0 when missing).
    pub weight: f64,
    /// Whether the weight was adjusted for how common the agreed value is.
    pub tf_adjusted: bool,
}

impl Model {
    /// log2 odds that the pair matches.
    pub fn score_weight(&self, ds: &Dataset, pattern: u64, a: usize) -> f64 {
        self.prior_weight
            + evidence(&self.weights, &self.groups, &self.regimes, pattern, |f| {
                self.tf(ds, f, a)
            })
    }

    fn tf(&self, ds: &Dataset, f: usize, a: usize) -> Option<f64> {
        self.fields[f]
            .tf_weight
            .as_ref()
            .map(|t| f64::from(t[ds.row(a)[f] as usize]))
    }

    /// log2 odds for a pattern without term-frequency adjustment (for records outside a
    /// dataset, such as one arriving to be resolved against golden records).
    pub fn pattern_weight(&self, pattern: u64) -> f64 {
        self.prior_weight
            + evidence(&self.weights, &self.groups, &self.regimes, pattern, |_| {
                None
            })
    }

    /// Why a pattern scores as it does (without term-frequency adjustment).
    pub fn explain_pattern(&self, pattern: u64) -> Vec<Evidence> {
        let weights = field_weights(&self.weights, &self.groups, &self.regimes, pattern, |_| {
            None
        });
        self.fields
            .iter()
            .enumerate()
            .map(|(f, fm)| match weights[f] {
                None => Evidence {
                    field: fm.name.clone(),
                    level: "missing".to_owned(),
                    weight: 0.0,
                    tf_adjusted: false,
                },
                Some(w) => Evidence {
                    field: fm.name.clone(),
                    level: fm
                        .labels
                        .get(level_of(pattern, f) as usize)
                        .cloned()
                        .unwrap_or_default(),
                    weight: w,
                    tf_adjusted: false,
                },
            })
            .collect()
    }

    /// Makes a deserialised model ready to score (the gathered weights are not stored).
    pub fn restored(mut self) -> Model {
        self.weights = self.fields.iter().map(|f| f.weight.clone()).collect();
        self
    }

    /// Match probability from a log2 weight.
    pub fn probability(weight: f64) -> f64 {
        1.0 / (1.0 + (-weight).exp2())
    }

    /// Why a pair scored as it did, field by field. The weights add up to the evidence
    /// (a group's agreements after the strongest show 0).
    pub fn explain(&self, ds: &Dataset, pattern: u64, a: usize) -> Vec<Evidence> {
        let weights = field_weights(&self.weights, &self.groups, &self.regimes, pattern, |f| {
            self.tf(ds, f, a)
        });
        self.fields
            .iter()
            .enumerate()
            .map(|(f, fm)| match weights[f] {
                None => Evidence {
                    field: fm.name.clone(),
                    level: "missing".to_owned(),
                    weight: 0.0,
                    tf_adjusted: false,
                },
                Some(w) => {
                    let l = level_of(pattern, f);
                    Evidence {
                        field: fm.name.clone(),
                        level: fm.labels.get(l as usize).cloned().unwrap_or_default(),
                        weight: w,
                        tf_adjusted: l == 0 && fm.tf_weight.is_some(),
                    }
                }
            })
            .collect()
    }
}
