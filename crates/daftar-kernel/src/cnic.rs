//! The national identity card number (CNIC): 13 digits, written `XXXXX-XXXXXXX-X`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A syntactically valid CNIC, stored canonically as 13 digits.
///
/// The first digit is the province of registration; the last digit is odd for men and
/// even for women. It is not a check digit, so a mistyped CNIC can still parse.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Cnic(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("enter the CNIC as 13 digits, like 35202-1234567-1")]
pub struct CnicError;

/// The sex a CNIC's last digit indicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CnicSex {
    Male,
    Female,
}

impl Cnic {
    /// Accepts `35202-1234567-1`, `3520212345671` and spaces; nothing else.
    pub fn parse(s: &str) -> Result<Self, CnicError> {
        let s = s.trim();
        let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
        let only_allowed = s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
        let dashed_shape = !s.contains('-') || {
            let parts: Vec<&str> = s.split('-').map(str::trim).collect();
            parts.len() == 3 && parts[0].len() == 5 && parts[1].len() == 7 && parts[2].len() == 1
        };
        if only_allowed && dashed_shape && digits.len() == 13 {
            Ok(Cnic(digits))
        } else {
            Err(CnicError)
        }
    }

    /// The 13 digits without dashes.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The digit of the province (or region) of registration.
    pub fn province_digit(&self) -> u8 {
        self.0.as_bytes()[0] - b'0'
    }

    pub fn sex(&self) -> CnicSex {
        if (self.0.as_bytes()[12] - b'0') % 2 == 1 {
            CnicSex::Male
        } else {
            CnicSex::Female
        }
    }

    /// Masked for lists and logs: `35202-*******-1`.
    pub fn masked(&self) -> String {
        format!("{}-*******-{}", &self.0[..5], &self.0[12..])
    }
}

impl fmt::Display for Cnic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{}", &self.0[..5], &self.0[5..12], &self.0[12..])
    }
}

/// Debug output is masked: a CNIC is personal data and must not leak into logs.
impl fmt::Debug for Cnic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cnic({})", self.masked())
    }
}

impl TryFrom<String> for Cnic {
    type Error = CnicError;
    fn try_from(s: String) -> Result<Self, CnicError> {
        Cnic::parse(&s)
    }
}

impl From<Cnic> for String {
    fn from(c: Cnic) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_both_spellings_and_renders_canonically() {
        let a = Cnic::parse("35202-1234567-1").expect("dashed");
        let b = Cnic::parse("3520212345671").expect("plain");
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "35202-1234567-1");
        assert_eq!(a.province_digit(), 3);
        assert_eq!(a.sex(), CnicSex::Male);
        assert_eq!(
            Cnic::parse("54400-1234567-2").map(|c| c.sex()),
            Ok(CnicSex::Female)
        );
        assert_eq!(format!("{a:?}"), "Cnic(35202-*******-1)");
    }

    #[test]
    fn rejects_wrong_shapes() {
        for bad in [
            "",
            "35202-1234567",
            "352021234567",
            "35202-1234567-12",
            "3520-21234567-1",
            "35202_1234567_1",
            "ABCDE-1234567-1",
        ] {
            assert_eq!(Cnic::parse(bad), Err(CnicError), "{bad}");
        }
    }
}
