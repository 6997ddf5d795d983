//! Identifiers: UUIDv7 (time-ordered) rendered as text, so both database engines
//! store and compare them the same way.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A row identifier: a UUIDv7 in its canonical hyphenated text form.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(String);

impl Id {
    /// A fresh, time-ordered identifier.
    pub fn new() -> Self {
        Id(uuid::Uuid::now_v7().to_string())
    }

    /// Accepts any UUID in text form; returns `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        uuid::Uuid::parse_str(s.trim())
            .ok()
            .map(|u| Id(u.hyphenated().to_string()))
    }

    /// Wraps a value already stored by us (read back from the database).
    pub fn from_stored(s: String) -> Self {
        Id(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Id {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The tenant (a province) a row of data belongs to. Every store function takes one
/// first, so there is no way to query tenant data without naming the tenant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TenantId(String);

impl TenantId {
    pub fn from_stored(s: String) -> Self {
        TenantId(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TenantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_time_ordered_and_parse_back() {
        let a = Id::new();
        let b = Id::new();
        assert!(a < b);
        assert_eq!(Id::parse(a.as_str()), Some(a));
        assert_eq!(Id::parse("not-a-uuid"), None);
    }
}
