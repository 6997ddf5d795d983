//! Profiles: which columns a dataset has, how each field is normalised and compared,
//! and which blocking rules propose candidate pairs. Two are built in (`person` and
//! `febrl`); others come from a TOML file.

use serde::Deserialize;

use crate::{compare::Comparator, normalise::NameTable};

/// How a field's raw text becomes the value that is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Normaliser {
    /// Lower case, punctuation to spaces, collapsed whitespace.
    Clean,
    /// A person's name: honorifics dropped, variants made canonical.
    Name,
    /// CNIC digits.
    Cnic,
    /// A phone's national significant number.
    Phone,
    /// A (possibly partial) date of birth.
    Date,
    /// `m`/`f`; when the field is empty and a second column holds a CNIC, the sex its
    /// last digit indicates.
    Gender,
    /// Addresses and other free text, abbreviations expanded.
    Text,
    /// Only the digits.
    Digits,
}

/// One compared field.
#[derive(Clone, Debug)]
pub struct FieldSpec {
    /// The field's name in explanations.
    pub name: String,
    /// Input columns: the first holds the value; `gender` may name a CNIC column second.
    pub columns: Vec<String>,
    pub normaliser: Normaliser,
    pub comparator: Comparator,
    /// Adjust exact agreement by how common the value is.
    pub tf: bool,
    /// Fields of one group are correlated beyond the person (a household shares its
    /// father's name, address, phone and district): their agreements count once, as the
    /// strongest of them, and a blocking rule on one of them keeps the whole group out of
    /// that rule's m estimate.
    pub group: Option<String>,
}

/// A piece of a blocking key, computed from one field's normalised value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyPart {
    /// The whole value.
    Value(String),
    /// The first `n` characters.
    Prefix(String, usize),
    /// The value's tokens sorted, without `muhammad` (so order and the commonest name
    /// do not matter).
    Sorted(String),
    /// The first three letters of each token (without `muhammad`), sorted: survives
    /// typos late in a name and reordered tokens.
    TokenPrefixes(String),
    /// The first token that is not `muhammad`.
    FirstToken(String),
    /// The year of a date.
    Year(String),
}

impl KeyPart {
    pub fn field(&self) -> &str {
        match self {
            KeyPart::Value(f)
            | KeyPart::Prefix(f, _)
            | KeyPart::Sorted(f)
            | KeyPart::TokenPrefixes(f)
            | KeyPart::FirstToken(f)
            | KeyPart::Year(f) => f,
        }
    }

    /// Parses `name`, `prefix(name,4)`, `sorted(name)`, `token_prefixes(name)`,
    /// `first_token(name)`, `year(dob)`.
    pub fn parse(s: &str) -> Option<KeyPart> {
        let s = s.trim();
        let Some((func, rest)) = s.split_once('(') else {
            return (!s.is_empty()).then(|| KeyPart::Value(s.to_owned()));
        };
        let args: Vec<&str> = rest.strip_suffix(')')?.split(',').map(str::trim).collect();
        match (func.trim(), args.as_slice()) {
            ("prefix", [f, n]) => Some(KeyPart::Prefix((*f).to_owned(), n.parse().ok()?)),
            ("sorted", [f]) => Some(KeyPart::Sorted((*f).to_owned())),
            ("token_prefixes", [f]) => Some(KeyPart::TokenPrefixes((*f).to_owned())),
            ("first_token", [f]) => Some(KeyPart::FirstToken((*f).to_owned())),
            ("year", [f]) => Some(KeyPart::Year((*f).to_owned())),
            _ => None,
        }
    }
}

/// Records that agree on every part of a rule's key become candidate pairs.
#[derive(Clone, Debug)]
pub struct BlockingRule {
    pub name: String,
    pub keys: Vec<KeyPart>,
}

/// Everything the engine needs to know about a kind of data.
#[derive(Clone, Debug)]
pub struct Profile {
    pub name: String,
    /// The column holding each record's opaque key. Never used as evidence.
    pub id_column: String,
    pub fields: Vec<FieldSpec>,
    pub blocking: Vec<BlockingRule>,
    pub names: NameTable,
    /// Blocks larger than this are too common to be informative and are skipped for
    /// that rule (the other rules still see their records).
    pub max_block: usize,
}

fn field(
    name: &str,
    columns: &[&str],
    normaliser: Normaliser,
    comparator: Comparator,
    tf: bool,
) -> FieldSpec {
    FieldSpec {
        name: name.to_owned(),
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        normaliser,
        comparator,
        tf,
        group: None,
    }
}

fn household(mut f: FieldSpec) -> FieldSpec {
    f.group = Some("household".to_owned());
    f
}

fn rule(name: &str, keys: &[&str]) -> BlockingRule {
    BlockingRule {
        name: name.to_owned(),
        keys: keys.iter().filter_map(|k| KeyPart::parse(k)).collect(),
    }
}

impl Profile {
    /// A built-in profile by name.
    pub fn builtin(name: &str) -> Option<Profile> {
        match name {
            "person" => Some(Profile::person()),
            "febrl" => Some(Profile::febrl()),
            _ => None,
        }
    }

    /// Pakistani person records: `id,cnic,name,father_name,gender,dob,district,address,phone`.
    pub fn person() -> Profile {
        let name_cmp = Comparator::Name {
            high: 0.92,
            low: 0.85,
        };
        Profile {
            name: "person".to_owned(),
            id_column: "id".to_owned(),
            fields: vec![
                field(
                    "cnic",
                    &["cnic"],
                    Normaliser::Cnic,
                    Comparator::Digits { max_edits: 2 },
                    false,
                ),
                field("name", &["name"], Normaliser::Name, name_cmp.clone(), true),
                household(field(
                    "father_name",
                    &["father_name"],
                    Normaliser::Name,
                    name_cmp,
                    true,
                )),
                field(
                    "gender",
                    &["gender", "cnic"],
                    Normaliser::Gender,
                    Comparator::Exact,
                    false,
                ),
                field("dob", &["dob"], Normaliser::Date, Comparator::Date, true),
                field(
                    "district",
                    &["district"],
                    Normaliser::Clean,
                    Comparator::Exact,
                    true,
                ),
                household(field(
                    "address",
                    &["address"],
                    Normaliser::Text,
                    Comparator::Tokens {
                        thresholds: vec![0.9, 0.7, 0.5],
                    },
                    false,
                )),
                household(field(
                    "phone",
                    &["phone"],
                    Normaliser::Phone,
                    Comparator::Digits { max_edits: 1 },
                    true,
                )),
            ],
            blocking: vec![
                rule("cnic", &["cnic"]),
                rule("phone", &["phone"]),
                rule("first name+dob", &["first_token(name)", "dob"]),
                rule("name prefixes+dob", &["token_prefixes(name)", "dob"]),
                rule("father+dob", &["sorted(father_name)", "dob"]),
                rule(
                    "first name+father",
                    &["first_token(name)", "token_prefixes(father_name)"],
                ),
                rule(
                    "father+year+initial",
                    &["token_prefixes(father_name)", "year(dob)", "prefix(name,1)"],
                ),
                rule(
                    "dob+district+initial",
                    &["dob", "district", "prefix(name,1)"],
                ),
            ],
            names: NameTable::pakistani(),
            max_block: 100,
        }
    }

    /// The FEBRL test sets: `rec_id, given_name, surname, street_number, address_1,
    /// address_2, suburb, postcode, state, date_of_birth, soc_sec_id`.
    pub fn febrl() -> Profile {
        let names = Comparator::Fuzzy {
            thresholds: vec![0.94, 0.88, 0.70],
        };
        let places = Comparator::Fuzzy {
            thresholds: vec![0.92, 0.80],
        };
        Profile {
            name: "febrl".to_owned(),
            id_column: "rec_id".to_owned(),
            fields: vec![
                field(
                    "given_name",
                    &["given_name"],
                    Normaliser::Clean,
                    names.clone(),
                    true,
                ),
                field("surname", &["surname"], Normaliser::Clean, names, true),
                field(
                    "street_number",
                    &["street_number"],
                    Normaliser::Digits,
                    Comparator::Digits { max_edits: 1 },
                    true,
                ),
                field(
                    "address_1",
                    &["address_1"],
                    Normaliser::Clean,
                    places.clone(),
                    true,
                ),
                field(
                    "address_2",
                    &["address_2"],
                    Normaliser::Clean,
                    places.clone(),
                    true,
                ),
                field("suburb", &["suburb"], Normaliser::Clean, places, true),
                field(
                    "postcode",
                    &["postcode"],
                    Normaliser::Digits,
                    Comparator::Digits { max_edits: 1 },
                    true,
                ),
                field(
                    "state",
                    &["state"],
                    Normaliser::Clean,
                    Comparator::Exact,
                    true,
                ),
                field(
                    "date_of_birth",
                    &["date_of_birth"],
                    Normaliser::Date,
                    Comparator::Date,
                    false,
                ),
                field(
                    "soc_sec_id",
                    &["soc_sec_id"],
                    Normaliser::Digits,
                    Comparator::Digits { max_edits: 2 },
                    false,
                ),
            ],
            blocking: vec![
                rule("soc_sec_id", &["soc_sec_id"]),
                rule("date_of_birth", &["date_of_birth"]),
                rule("names", &["prefix(given_name,3)", "prefix(surname,3)"]),
                rule("surname+postcode", &["surname", "postcode"]),
                rule("given+postcode", &["given_name", "postcode"]),
                rule("address", &["street_number", "prefix(address_1,4)"]),
                rule("suburb+given", &["suburb", "prefix(given_name,2)"]),
            ],
            names: NameTable::empty(),
            max_block: 500,
        }
    }

    /// A profile from a TOML file (see `ProfileFile` for the format).
    pub fn from_toml(text: &str) -> Result<Profile, ProfileError> {
        let f: ProfileFile = toml::from_str(text).map_err(|e| ProfileError(e.to_string()))?;
        let mut names = if f.pakistani_names {
            NameTable::pakistani()
        } else {
            NameTable::empty()
        };
        for (variant, canonical) in &f.variants {
            names.add_variant(variant, canonical);
        }
        for h in &f.honorifics {
            names.add_honorific(h);
        }
        let mut fields = Vec::new();
        for fl in f.field {
            let comparator = match fl.comparator {
                ComparatorFile::Exact => Comparator::Exact,
                ComparatorFile::Name { high, low } => Comparator::Name { high, low },
                ComparatorFile::Fuzzy { thresholds } => Comparator::Fuzzy { thresholds },
                ComparatorFile::Tokens { thresholds } => Comparator::Tokens { thresholds },
                ComparatorFile::Digits { max_edits } => Comparator::Digits { max_edits },
                ComparatorFile::Date => Comparator::Date,
            };
            let columns = if fl.columns.is_empty() {
                vec![fl.name.clone()]
            } else {
                fl.columns
            };
            fields.push(FieldSpec {
                name: fl.name,
                columns,
                normaliser: fl.normaliser,
                comparator,
                tf: fl.tf,
                group: fl.group,
            });
        }
        let mut blocking = Vec::new();
        for b in f.blocking {
            let mut keys = Vec::new();
            for k in &b.keys {
                let part = KeyPart::parse(k).ok_or_else(|| {
                    ProfileError(format!("blocking rule {}: cannot read key {k:?}", b.name))
                })?;
                if !fields.iter().any(|fl| fl.name == part.field()) {
                    return Err(ProfileError(format!(
                        "blocking rule {}: no field named {}",
                        b.name,
                        part.field()
                    )));
                }
                keys.push(part);
            }
            blocking.push(BlockingRule { name: b.name, keys });
        }
        if fields.is_empty() || blocking.is_empty() {
            return Err(ProfileError(
                "a profile needs at least one [[field]] and one [[blocking]] rule".to_owned(),
            ));
        }
        Ok(Profile {
            name: f.name,
            id_column: f.id_column,
            fields,
            blocking,
            names,
            max_block: f.max_block,
        })
    }

    /// Each field's comparator, in field order (what agreement patterns are made of).
    pub fn comparators(&self) -> Vec<Comparator> {
        self.fields.iter().map(|f| f.comparator.clone()).collect()
    }

    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    /// Each field's group as a small number (fields without a group get their own).
    pub fn group_ids(&self) -> Vec<usize> {
        let mut names: Vec<&str> = Vec::new();
        self.fields
            .iter()
            .enumerate()
            .map(|(i, f)| match &f.group {
                Some(g) => match names.iter().position(|n| n == g) {
                    Some(p) => 1000 + p,
                    None => {
                        names.push(g);
                        1000 + names.len() - 1
                    }
                },
                None => i,
            })
            .collect()
    }
}

/// A profile file could not be read; the message says where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("profile: {0}")]
pub struct ProfileError(pub String);

/// The TOML form of a profile:
///
/// ```toml
/// name = "teachers"
/// id_column = "employee_no"
/// pakistani_names = true
/// honorifics = ["engr"]
/// [variants]
/// "mohsin" = "muhsin"
/// [[field]]
/// name = "name"
/// normaliser = "name"
/// comparator = { kind = "name", high = 0.92, low = 0.85 }
/// tf = true
/// group = "household"          # optional: correlated fields count once
/// [[blocking]]
/// name = "name+year"
/// keys = ["sorted(name)", "year(dob)"]
/// ```
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    name: String,
    #[serde(default = "default_id")]
    id_column: String,
    #[serde(default)]
    pakistani_names: bool,
    #[serde(default)]
    honorifics: Vec<String>,
    #[serde(default)]
    variants: std::collections::BTreeMap<String, String>,
    #[serde(default = "default_max_block")]
    max_block: usize,
    field: Vec<FieldFile>,
    blocking: Vec<BlockingFile>,
}

fn default_id() -> String {
    "id".to_owned()
}

fn default_max_block() -> usize {
    500
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldFile {
    name: String,
    #[serde(default)]
    columns: Vec<String>,
    normaliser: Normaliser,
    comparator: ComparatorFile,
    #[serde(default)]
    tf: bool,
    #[serde(default)]
    group: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum ComparatorFile {
    Exact,
    Name { high: f64, low: f64 },
    Fuzzy { thresholds: Vec<f64> },
    Tokens { thresholds: Vec<f64> },
    Digits { max_edits: u8 },
    Date,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BlockingFile {
    name: String,
    keys: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_parts_parse() {
        assert_eq!(KeyPart::parse("cnic"), Some(KeyPart::Value("cnic".into())));
        assert_eq!(
            KeyPart::parse("prefix(name, 4)"),
            Some(KeyPart::Prefix("name".into(), 4))
        );
        assert_eq!(
            KeyPart::parse("year(dob)"),
            Some(KeyPart::Year("dob".into()))
        );
        assert_eq!(KeyPart::parse("prefix(name)"), None);
        assert_eq!(KeyPart::parse("soundex(name)"), None);
    }

    #[test]
    fn builtins_refer_to_their_own_fields() {
        for p in [Profile::person(), Profile::febrl()] {
            for r in &p.blocking {
                assert!(!r.keys.is_empty());
                for k in &r.keys {
                    assert!(
                        p.field_index(k.field()).is_some(),
                        "{}: {}",
                        p.name,
                        k.field()
                    );
                }
            }
        }
    }

    #[test]
    fn toml_profiles() {
        let text = r#"
            name = "t"
            pakistani_names = true
            [variants]
            "mohsin" = "muhsin"
            [[field]]
            name = "name"
            normaliser = "name"
            comparator = { kind = "name", high = 0.92, low = 0.85 }
            tf = true
            [[field]]
            name = "dob"
            normaliser = "date"
            comparator = { kind = "date" }
            [[blocking]]
            name = "n"
            keys = ["sorted(name)", "year(dob)"]
        "#;
        let p = Profile::from_toml(text).expect("valid");
        assert_eq!(p.fields.len(), 2);
        assert_eq!(p.fields[1].columns, vec!["dob".to_owned()]);
        assert_eq!(p.names.canonical("mohsin"), "muhsin");
        let bad = text.replace("year(dob)", "year(age)");
        assert!(Profile::from_toml(&bad).is_err());
        assert!(Profile::from_toml("name = 1").is_err());
    }
}
