//! Survivorship: which source record's value becomes the golden value of each attribute,
//! and why. Pure rules, no IO.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The attributes of a person record, in profile order.
pub const ATTRIBUTES: [&str; 8] = [
    "cnic",
    "name",
    "father_name",
    "gender",
    "dob",
    "district",
    "address",
    "phone",
];

/// How an attribute's golden value is chosen among the source records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The value from the most trusted source (then the most recent).
    TrustedSource,
    /// The most recently received value.
    MostRecent,
    /// The most complete value (more words, a full date over a partial one), then the
    /// most trusted source.
    MostComplete,
}

/// The default rule per attribute: identity documents trust the registry extract; names
/// and dates want the fullest form; contact details go stale, so the newest wins.
pub fn rule_for(attribute: &str) -> Rule {
    match attribute {
        "cnic" | "gender" => Rule::TrustedSource,
        "name" | "father_name" | "dob" => Rule::MostComplete,
        _ => Rule::MostRecent,
    }
}

/// Sources in order of trust; others rank after these, alphabetically.
pub const TRUST: [&str; 4] = ["nadra_extract", "hrims", "khidmat", "rozgaar"];

fn trust(source: &str) -> usize {
    TRUST
        .iter()
        .position(|s| *s == source)
        .unwrap_or(TRUST.len())
}

/// One source record as survivorship sees it.
#[derive(Clone, Debug)]
pub struct SourceValues {
    pub id: String,
    pub source: String,
    pub received_at: String,
    /// Values per attribute (same order as `ATTRIBUTES`), empty when missing.
    pub values: [String; 8],
}

/// Where a golden value came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub source_record: String,
    pub source: String,
    pub rule: Rule,
}

fn completeness(attribute: &str, v: &str) -> usize {
    match attribute {
        // A full date (10 characters) beats a year and month, which beats a year.
        "dob" => v.len(),
        _ => v.split_whitespace().count() * 100 + v.len(),
    }
}

/// The golden values and their origins.
pub fn survive(records: &[SourceValues]) -> ([String; 8], BTreeMap<String, Origin>) {
    let mut golden: [String; 8] = Default::default();
    let mut lineage = BTreeMap::new();
    for (i, attr) in ATTRIBUTES.iter().enumerate() {
        let rule = rule_for(attr);
        let best = records
            .iter()
            .filter(|r| !r.values[i].trim().is_empty())
            .max_by(|a, b| {
                let by_trust = trust(&b.source).cmp(&trust(&a.source));
                let by_time = a.received_at.cmp(&b.received_at);
                match rule {
                    Rule::TrustedSource => by_trust.then(by_time),
                    Rule::MostRecent => by_time.then(by_trust),
                    Rule::MostComplete => completeness(attr, &a.values[i])
                        .cmp(&completeness(attr, &b.values[i]))
                        .then(by_trust)
                        .then(by_time),
                }
                .then_with(|| b.id.cmp(&a.id))
            });
        if let Some(r) = best {
            golden[i] = r.values[i].clone();
            lineage.insert(
                (*attr).to_owned(),
                Origin {
                    source_record: r.id.clone(),
                    source: r.source.clone(),
                    rule,
                },
            );
        }
    }
    (golden, lineage)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, source: &str, at: &str, v: [&str; 8]) -> SourceValues {
        SourceValues {
            id: id.into(),
            source: source.into(),
            received_at: at.into(),
            values: v.map(String::from),
        }
    }

    #[test]
    fn each_attribute_follows_its_rule() {
        let records = [
            rec(
                "a",
                "khidmat",
                "2026-01-01",
                [
                    "3520212345671",
                    "Ali Khan",
                    "Ahmad",
                    "m",
                    "1985",
                    "Lahore",
                    "H 5",
                    "3001234567",
                ],
            ),
            rec(
                "b",
                "nadra_extract",
                "2025-01-01",
                [
                    "3520212345677",
                    "Muhammad Ali Khan",
                    "",
                    "",
                    "1985-03-07",
                    "",
                    "",
                    "",
                ],
            ),
            rec(
                "c",
                "legacy",
                "2026-06-01",
                ["", "Ali", "Ahmad Din", "", "", "Kasur", "", "3007654321"],
            ),
        ];
        let (g, lineage) = survive(&records);
        assert_eq!(g[0], "3520212345677", "CNIC from the most trusted source");
        assert_eq!(g[1], "Muhammad Ali Khan", "the most complete name");
        assert_eq!(g[2], "Ahmad Din");
        assert_eq!(g[3], "m", "the only gender given");
        assert_eq!(g[4], "1985-03-07", "a full date over a year");
        assert_eq!(g[5], "Kasur", "the most recent district");
        assert_eq!(g[7], "3007654321", "the most recent phone");
        assert_eq!(
            lineage["cnic"],
            Origin {
                source_record: "b".into(),
                source: "nadra_extract".into(),
                rule: Rule::TrustedSource
            }
        );
        assert_eq!(lineage["phone"].rule, Rule::MostRecent);
        assert!(survive(&[]).1.is_empty());
    }
}
