//! Reference codes (geography units, offices, posts): short, stable, human-readable
//! identifiers such as `PB-LHR` or `BA-DC-QTA`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A validated reference code: 2-40 characters of `A-Z`, `0-9` and `-`, starting with a
/// letter, no doubled or trailing hyphen. Lower-case input is upper-cased.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Code(String);

/// Why a code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "a code is 2 to 40 letters, digits and single hyphens, starting with a letter, like PB-LHR"
)]
pub struct CodeError;

impl Code {
    pub fn parse(s: &str) -> Result<Self, CodeError> {
        let s = s.trim().to_ascii_uppercase();
        let ok = (2..=40).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_uppercase())
            && !s.ends_with('-')
            && !s.contains("--")
            && s.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
        if ok { Ok(Code(s)) } else { Err(CodeError) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Code {
    type Error = CodeError;
    fn try_from(s: String) -> Result<Self, CodeError> {
        Code::parse(&s)
    }
}

impl From<Code> for String {
    fn from(c: Code) -> String {
        c.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(
            Code::parse(" pb-lhr ").map(|c| c.0),
            Ok("PB-LHR".to_owned())
        );
        for bad in [
            "",
            "P",
            "1PB",
            "PB-",
            "PB--LHR",
            "PB LHR",
            "PB_LHR",
            "پنجاب",
        ] {
            assert!(Code::parse(bad).is_err(), "{bad}");
        }
    }
}
