//! Pairwise precision, recall and F1 of a set of found pairs against known truth.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

/// How found pairs compare with the true ones.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    pub true_pairs: u64,
    pub found: u64,
    pub true_positives: u64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Scores pairs of record ids. `entity` gives each record's true entity; in a link,
/// `right` marks the right file's records, and only left×right pairs are true pairs.
pub fn pairwise<'a>(
    found: impl IntoIterator<Item = (&'a str, &'a str)>,
    entity: &HashMap<String, String>,
    right: Option<&HashSet<String>>,
) -> Scores {
    let mut sizes: HashMap<&str, (u64, u64)> = HashMap::new();
    for (id, e) in entity {
        let s = sizes.entry(e.as_str()).or_default();
        if right.is_some_and(|r| r.contains(id)) {
            s.1 += 1;
        } else {
            s.0 += 1;
        }
    }
    let true_pairs: u64 = sizes
        .values()
        .map(|&(l, r)| {
            if right.is_some() {
                l * r
            } else {
                l * l.saturating_sub(1) / 2
            }
        })
        .sum();
    let mut seen = HashSet::new();
    let (mut tp, mut n) = (0, 0);
    for (a, b) in found {
        let key = if a < b { (a, b) } else { (b, a) };
        if !seen.insert(key) {
            continue;
        }
        n += 1;
        if let (Some(x), Some(y)) = (entity.get(a), entity.get(b))
            && x == y
        {
            tp += 1;
        }
    }
    let precision = if n > 0 { tp as f64 / n as f64 } else { 0.0 };
    let recall = if true_pairs > 0 {
        tp as f64 / true_pairs as f64
    } else {
        0.0
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Scores {
        true_pairs,
        found: n,
        true_positives: tp,
        precision,
        recall,
        f1,
    }
}

/// The entity of a FEBRL record id: `rec-12-org` and `rec-12-dup-3` are both `rec-12`.
pub fn febrl_entity(id: &str) -> String {
    let mut parts = id.splitn(3, '-');
    match (parts.next(), parts.next()) {
        (Some(a), Some(b)) => format!("{a}-{b}"),
        _ => id.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_pairs() {
        let truth: HashMap<String, String> = [("a", "1"), ("b", "1"), ("c", "1"), ("d", "2")]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let s = pairwise([("a", "b"), ("b", "a"), ("a", "d")], &truth, None);
        assert_eq!((s.true_pairs, s.found, s.true_positives), (3, 2, 1));
        assert!((s.precision - 0.5).abs() < 1e-9 && (s.recall - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(febrl_entity("rec-12-dup-3"), "rec-12");
        assert_eq!(febrl_entity("rec-12-org"), "rec-12");
    }
}
