//! `persons.toml`, the optional survivorship settings of a pack: which of the province's
//! systems it trusts most for a person's values, and the rule for each attribute.
//!
//! ```toml
//! trusted_sources = ["nadra_extract", "hrims", "khidmat", "rozgaar"]
//! [rules]
//! cnic = "trusted_source"   # or most_recent, most_complete
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::persons::{ATTRIBUTES, Rule, Survivorship};

pub(super) const FILE: &str = "persons.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonsFile {
    trusted_sources: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<String, String>,
}

/// The line on which `key` is set (1 when it cannot be found).
fn line_of(text: &str, key: &str) -> u64 {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
                || l.strip_prefix(&format!("\"{key}\""))
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |i| i as u64 + 1)
}

fn valid_source(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Reads the file's text; problems come back as (line, message). Attributes without a
/// rule keep the default one.
pub(super) fn parse(text: &str) -> Result<Survivorship, Vec<(u64, String)>> {
    let file: PersonsFile = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start].lines().count() as u64)
            .unwrap_or(0)
            .max(1);
        vec![(line, e.message().to_owned())]
    })?;
    let mut problems = Vec::new();
    let mut settings = Survivorship {
        trust: Vec::new(),
        ..Survivorship::default()
    };
    for s in &file.trusted_sources {
        if !valid_source(s) {
            problems.push((
                line_of(text, "trusted_sources"),
                format!("{s:?} is not a source name (1-40 small letters, digits, _ or -)"),
            ));
        } else if settings.trust.contains(s) {
            problems.push((
                line_of(text, "trusted_sources"),
                format!("{s:?} is listed twice"),
            ));
        } else {
            settings.trust.push(s.clone());
        }
    }
    for (attribute, rule) in &file.rules {
        let line = line_of(text, attribute);
        if !ATTRIBUTES.contains(&attribute.as_str()) {
            problems.push((
                line,
                format!(
                    "{attribute:?} is not a person attribute (one of {})",
                    ATTRIBUTES.join(", ")
                ),
            ));
            continue;
        }
        let rule = match rule.as_str() {
            "trusted_source" => Rule::TrustedSource,
            "most_recent" => Rule::MostRecent,
            "most_complete" => Rule::MostComplete,
            other => {
                problems.push((
                    line,
                    format!(
                        "{other:?} is not a rule (trusted_source, most_recent or most_complete)"
                    ),
                ));
                continue;
            }
        };
        settings.rules.insert(attribute.clone(), rule);
    }
    if problems.is_empty() {
        Ok(settings)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_and_defaults_fill_the_rest() {
        let s = parse(
            "trusted_sources = [\"hrims\", \"nadra_extract\"]\n[rules]\nname = \"most_recent\"\n",
        )
        .expect("valid");
        assert_eq!(s.trust, ["hrims", "nadra_extract"]);
        assert_eq!(s.rule_for("name"), Rule::MostRecent);
        assert_eq!(s.rule_for("cnic"), Rule::TrustedSource, "the default");
    }

    #[test]
    fn problems_name_their_line() {
        let text = "trusted_sources = [\"HRIMS\", \"a\", \"a\"]\n[rules]\nname = \"newest\"\nshoe_size = \"most_recent\"\n";
        let problems = parse(text).expect_err("invalid");
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].0 == 1 && problems[0].1.contains("HRIMS"));
        assert!(problems[1].1.contains("twice"));
        assert!(
            problems
                .iter()
                .any(|(l, m)| *l == 3 && m.contains("newest"))
        );
        assert!(
            problems
                .iter()
                .any(|(l, m)| *l == 4 && m.contains("shoe_size"))
        );
        let bad = parse("trusted_sources = 3\n").expect_err("a list");
        assert_eq!(bad[0].0, 1);
        assert!(parse("[rules]\n").is_err(), "trusted_sources is required");
    }
}
