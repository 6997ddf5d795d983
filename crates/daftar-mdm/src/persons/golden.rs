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

/// A province's survivorship settings: which sources it trusts most, and the rule for
/// each attribute. A pack may set them (`persons.toml`); otherwise the defaults hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survivorship {
    /// Sources in order of trust, most trusted first; all others rank equally after
    /// these.
    pub trust: Vec<String>,
    /// The rule per attribute (every attribute of `ATTRIBUTES`).
    pub rules: BTreeMap<String, Rule>,
}

impl Default for Survivorship {
    /// Identity documents trust the registry extract; names and dates want the fullest
    /// form; contact details go stale, so the newest wins.
    fn default() -> Self {
        let rule = |a: &str| match a {
            "cnic" | "gender" => Rule::TrustedSource,
            "name" | "father_name" | "dob" => Rule::MostComplete,
            _ => Rule::MostRecent,
        };
        Survivorship {
            trust: ["nadra_extract", "hrims", "khidmat", "rozgaar"]
                .map(String::from)
                .to_vec(),
            rules: ATTRIBUTES
                .iter()
                .map(|a| ((*a).to_owned(), rule(a)))
                .collect(),
        }
    }
}

impl Survivorship {
    /// The rule for an attribute (the default rule where none is set).
    pub fn rule_for(&self, attribute: &str) -> Rule {
        self.rules
            .get(attribute)
            .copied()
            .unwrap_or(Rule::MostRecent)
    }

    fn trust(&self, source: &str) -> usize {
        self.trust
            .iter()
            .position(|s| s == source)
            .unwrap_or(self.trust.len())
    }
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
pub fn survive(
    records: &[SourceValues],
    settings: &Survivorship,
) -> ([String; 8], BTreeMap<String, Origin>) {
    let trust = |s: &str| settings.trust(s);
    let mut golden: [String; 8] = Default::default();
    let mut lineage = BTreeMap::new();
    for (i, attr) in ATTRIBUTES.iter().enumerate() {
        let rule = settings.rule_for(attr);
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
        let (g, lineage) = survive(&records, &Survivorship::default());
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
        assert!(survive(&[], &Survivorship::default()).1.is_empty());
        // A province that trusts its HR system first and wants the newest name.
        let mut own = Survivorship {
            trust: vec!["legacy".into()],
            ..Survivorship::default()
        };
        own.rules.insert("name".into(), Rule::MostRecent);
        let (g, lineage) = survive(&records, &own);
        assert_eq!(
            g[0], "3520212345671",
            "legacy has no CNIC; the other two are equally untrusted, so the newest wins"
        );
        assert_eq!(g[1], "Ali", "the most recent name");
        assert_eq!(lineage["name"].rule, Rule::MostRecent);
    }
}
