//! Comparators: how two normalised values of one field agree, as an agreement level.
//!
//! These run once per candidate pair and field, hundreds of millions of times on a large
//! dedupe, so they do not allocate for ordinary inputs: ASCII strings are compared as
//! bytes, other strings as chars, and the working storage lives in small stack buffers
//! with a heap fallback only for unusually long values.

use crate::normalise::PartialDate;

mod similarity;

use similarity::{STACK_TOKENS, osa_slices, token_set_slices, with_tokens};
pub use similarity::{damerau_levenshtein, jaro_winkler, token_set};

/// How two normalised values of a field compare, as an agreement level: 0 is always "exactly equal", larger numbers agree less, and the last level is "disagree".
///
/// Invariants: [`Comparator::compare`] returns a level below
/// [`Comparator::level_count`], and 0 exactly when the two values are equal;
/// [`Comparator::labels`] has one label per level.
#[derive(Clone, Debug, PartialEq)]
pub enum Comparator {
    /// 0 equal, 1 different.
    Exact,
    /// Person names (normalised by `normalise::name`): 0 equal; 1 same tokens in another order; 2 token_set >= `high` or JW(a, b) >= `high`; 3 token_set >= `low` or JW >= `low`; 4 all tokens of the shorter name (at least one token that is not `muhammad`) occur in the longer (e.g. "ali" vs "muhammad ali khan", or a dropped clan name); 5 disagree.
    ///
    /// The whole-name Jaro-Winkler is taken after removing the leading tokens the two
    /// names share (and counts as 0 when one name is the other's leading tokens): the
    /// Winkler bonus rewards a shared start, and "muhammad ", "abdul " or "ghulam "
    /// starts the names of many unrelated people ("muhammad aslam" and "muhammad
    /// akram" would otherwise be 0.94). "Occur" in level 4 is exact equality of
    /// normalised tokens, counted with multiplicity.
    Name {
        /// Threshold for "similar"; expected above `low`.
        high: f64,
        /// Threshold for "somewhat similar".
        low: f64,
    },
    /// Free strings: 0 equal; then one level per threshold in descending order for JW >= threshold; last = disagree. E.g. thresholds [0.92, 0.80] → levels exact, jw>=0.92, jw>=0.80, else.
    ///
    /// The thresholds may be given in any order; levels follow them sorted high to low.
    Fuzzy {
        /// Jaro-Winkler thresholds, one per level between exact and disagree.
        thresholds: Vec<f64>,
    },
    /// Digit strings (CNIC, phone, ids): 0 equal; k for Damerau-Levenshtein distance k (1..=max_edits), counting an adjacent transposition as 1; last = disagree.
    Digits {
        /// The most edits that still count as partial agreement.
        max_edits: u8,
    },
    /// Free text whose words may come in any order (addresses): 0 equal; then one level
    /// per threshold (descending) for `token_set` >= threshold; last = disagree.
    Tokens {
        /// Token-set thresholds, one per level between exact and disagree.
        thresholds: Vec<f64>,
    },
    /// Dates as `PartialDate::key()`: 0 equal; 1 day and month swapped; 2 one edit apart on the YYYYMMDD digits (a digit slip or transposition); 3 same year and month; 4 same year (also when either side is year-only and the years agree); 5 disagree. Year-only vs year-only equal is level 0 by the equality rule.
    ///
    /// Levels 1 and 2 need two full dates. A value that is not a valid key disagrees
    /// with everything but itself.
    Date,
}

const NAME_LABELS: [&str; 7] = [
    "exact",
    "reordered",
    "similar",
    "sounds alike",
    "somewhat similar",
    "contained",
    "different",
];

const DATE_LABELS: [&str; 6] = [
    "exact",
    "day/month swapped",
    "one digit off",
    "same year and month",
    "same year",
    "different",
];

impl Comparator {
    /// Number of levels (including exact and disagree).
    pub fn level_count(&self) -> usize {
        match self {
            Comparator::Exact => 2,
            Comparator::Name { .. } => 7,
            Comparator::Date => 6,
            Comparator::Fuzzy { thresholds } | Comparator::Tokens { thresholds } => {
                thresholds.len() + 2
            }
            Comparator::Digits { max_edits } => usize::from(*max_edits) + 2,
        }
    }

    /// Short English labels for each level, for explanations: e.g. ["exact", "reordered", "similar", "somewhat similar", "contained", "different"] for Name; for Fuzzy "jw>=0.92" style labels; for Digits "exact", "1 edit", "2 edits", "different"; for Date "exact", "day/month swapped", "one digit off", "same year and month", "same year", "different".
    ///
    /// Always `level_count()` labels; index = level.
    pub fn labels(&self) -> Vec<String> {
        let owned = |labels: &[&str]| labels.iter().map(|l| (*l).to_owned()).collect();
        match self {
            Comparator::Exact => owned(&["exact", "different"]),
            Comparator::Name { .. } => owned(&NAME_LABELS),
            Comparator::Date => owned(&DATE_LABELS),
            Comparator::Fuzzy { thresholds } | Comparator::Tokens { thresholds } => {
                let mut sorted = thresholds.clone();
                sorted.sort_by(|x, y| y.total_cmp(x));
                let mut labels = vec!["exact".to_owned()];
                let name = if matches!(self, Comparator::Tokens { .. }) {
                    "words"
                } else {
                    "jw"
                };
                labels.extend(
                    sorted
                        .iter()
                        .map(|t| format!("{name}>={}", threshold_text(*t))),
                );
                labels.push("different".to_owned());
                labels
            }
            Comparator::Digits { max_edits } => {
                let mut labels = vec!["exact".to_owned()];
                labels.extend((1..=*max_edits).map(|k| {
                    if k == 1 {
                        "1 edit".to_owned()
                    } else {
                        format!("{k} edits")
                    }
                }));
                labels.push("different".to_owned());
                labels
            }
        }
    }

    /// The level of two non-empty normalised values. Must return 0 iff a == b.
    ///
    /// Empty values are the caller's business (a missing value is not compared at
    /// all); given one anyway, it simply disagrees with any non-empty value. Values
    /// are not normalised here: `"Ali"` and `"ali"` differ.
    pub fn compare(&self, a: &str, b: &str) -> u8 {
        if a == b {
            return 0;
        }
        match self {
            Comparator::Exact => 1,
            Comparator::Name { high, low } => compare_names(a, b, *high, *low),
            Comparator::Fuzzy { thresholds } => {
                let jw = jaro_winkler(a, b);
                // The level of the highest threshold met, counted from the top without
                // sorting: every threshold above `jw` pushes the level down by one.
                let above = thresholds.iter().filter(|t| **t > jw).count();
                level(1 + above)
            }
            Comparator::Tokens { thresholds } => {
                let ts = token_set(a, b);
                let above = thresholds.iter().filter(|t| **t > ts).count();
                level(1 + above)
            }
            Comparator::Digits { max_edits } => {
                let d = damerau_levenshtein(a, b, usize::from(*max_edits));
                // `d` is at least 1 (a != b) and at most max_edits + 1 (disagree).
                level(d.max(1))
            }
            Comparator::Date => compare_dates(a, b),
        }
    }
}

fn level(n: usize) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}

/// A threshold as two decimals when that is exact (0.8 → "0.80"), else in full.
fn threshold_text(t: f64) -> String {
    let short = format!("{t:.2}");
    if short.parse::<f64>() == Ok(t) {
        short
    } else {
        t.to_string()
    }
}

fn compare_names(a: &str, b: &str, high: f64, low: f64) -> u8 {
    with_tokens(a, |ta| {
        with_tokens(b, |tb| {
            if same_tokens(ta, tb) {
                return 1;
            }
            let ts = token_set_slices(ta, tb);
            if ts >= high {
                return 2;
            }
            let jw = match without_shared_start(a, ta, b, tb) {
                Some((ra, rb)) => jaro_winkler(ra, rb),
                None => 0.0,
            };
            if jw >= high {
                return 2;
            }
            if sounds_alike(ta, tb) {
                return 3;
            }
            if ts >= low || jw >= low {
                return 4;
            }
            if contained(ta, tb) {
                return 5;
            }
            6
        })
    })
}

/// The consonant skeleton of a romanised Urdu token: the first letter, then the
/// consonants with repeats collapsed. Vowel spellings are where romanisations differ
/// most (Adeel/Adil, Kausar/Kosar, Shaukat/Shoukat, Rubina/Robina, Naila/Nyla).
fn skeleton(t: &str, out: &mut [u8; 24]) -> usize {
    let mut n = 0;
    for (i, c) in t.bytes().enumerate() {
        let vowel = matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
        let c = match (i, vowel) {
            (0, true) => b'a',
            (_, true) => continue,
            _ => c,
        };
        if n > 0 && out[n - 1] == c {
            continue;
        }
        if n == out.len() {
            break;
        }
        out[n] = c;
        n += 1;
    }
    n
}

/// Whether two names have the same number of tokens and their consonant skeletons pair
/// up one to one, in any order.
fn sounds_alike(ta: &[&str], tb: &[&str]) -> bool {
    if ta.len() != tb.len() || ta.len() > STACK_TOKENS {
        return false;
    }
    let mut used = [false; STACK_TOKENS];
    let (mut x, mut y) = ([0u8; 24], [0u8; 24]);
    ta.iter().all(|a| {
        let na = skeleton(a, &mut x);
        tb.iter().enumerate().any(|(j, b)| {
            if used[j] {
                return false;
            }
            let nb = skeleton(b, &mut y);
            let same = x[..na] == y[..nb];
            if same {
                used[j] = true;
            }
            same
        })
    })
}

fn count_token(tokens: &[&str], token: &str) -> usize {
    tokens.iter().filter(|t| **t == token).count()
}

/// Whether the two names have the same tokens, with multiplicity, in any order.
fn same_tokens(ta: &[&str], tb: &[&str]) -> bool {
    ta.len() == tb.len() && ta.iter().all(|t| count_token(ta, t) == count_token(tb, t))
}

/// Whether every token of the name with fewer tokens occurs (with multiplicity) in the
/// other, and it has a token other than `muhammad`, which on its own says little.
fn contained(ta: &[&str], tb: &[&str]) -> bool {
    let (short, long) = if ta.len() <= tb.len() {
        (ta, tb)
    } else {
        (tb, ta)
    };
    short.iter().any(|t| *t != "muhammad")
        && short
            .iter()
            .all(|t| count_token(short, t) <= count_token(long, t))
}

/// The two names from their first differing token on, or None when one name's tokens
/// are all leading tokens of the other (nothing left to compare on one side).
fn without_shared_start<'a>(
    a: &'a str,
    ta: &[&'a str],
    b: &'a str,
    tb: &[&'a str],
) -> Option<(&'a str, &'a str)> {
    let shared = ta.iter().zip(tb).take_while(|(x, y)| x == y).count();
    let (first_a, first_b) = (ta.get(shared)?, tb.get(shared)?);
    Some((&a[offset_in(a, first_a)..], &b[offset_in(b, first_b)..]))
}

/// The byte offset of `inner`, a subslice of `outer`, within it.
fn offset_in(outer: &str, inner: &str) -> usize {
    // Tokens are subslices of the value, so their addresses differ by their offset.
    inner.as_ptr() as usize - outer.as_ptr() as usize
}

fn compare_dates(a: &str, b: &str) -> u8 {
    let (Some(x), Some(y)) = (PartialDate::from_key(a), PartialDate::from_key(b)) else {
        return 5;
    };
    if x == y {
        // Equal dates have equal keys; kept for safety with unusual inputs.
        return 0;
    }
    if let (Some(xm), Some(xd), Some(ym), Some(yd)) = (x.month, x.day, y.month, y.day) {
        if x.year == y.year && xm == yd && xd == ym {
            return 1;
        }
        if osa_slices(&date_digits(&x), &date_digits(&y), 1) == 1 {
            return 2;
        }
    }
    if x.year != y.year {
        return 5;
    }
    match (x.month, y.month) {
        (Some(xm), Some(ym)) if xm == ym => 3,
        _ => 4,
    }
}

/// The `YYYYMMDD` digits of a full date.
fn date_digits(d: &PartialDate) -> [u8; 8] {
    let month = d.month.unwrap_or(0);
    let day = d.day.unwrap_or(0);
    let digit = |n: u16| b'0' + (n % 10) as u8;
    [
        digit(d.year / 1000),
        digit(d.year / 100),
        digit(d.year / 10),
        digit(d.year),
        digit(u16::from(month / 10)),
        digit(u16::from(month)),
        digit(u16::from(day / 10)),
        digit(u16::from(day)),
    ]
}

#[cfg(test)]
mod tests;
