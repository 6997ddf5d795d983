//! Money as integer paisa (1 rupee = 100 paisa). Never floats.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An amount of Pakistani rupees, held in paisa.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_paisa(paisa: i64) -> Self {
        Money(paisa)
    }

    /// Whole rupees; `None` on overflow.
    pub fn from_rupees(rupees: i64) -> Option<Self> {
        rupees.checked_mul(100).map(Money)
    }

    pub fn paisa(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }
}

/// `Rs 1,250` or `Rs 1,250.50`, grouped in thousands as printed on government receipts.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (rupees, paisa) = (abs / 100, abs % 100);
        let digits = rupees.to_string();
        let mut grouped = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        if paisa == 0 {
            write!(f, "{sign}Rs {grouped}")
        } else {
            write!(f, "{sign}Rs {grouped}.{paisa:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_a_receipt() {
        assert_eq!(Money::from_paisa(125_000).to_string(), "Rs 1,250");
        assert_eq!(Money::from_paisa(55_000).to_string(), "Rs 550");
        assert_eq!(
            Money::from_paisa(123_456_750).to_string(),
            "Rs 1,234,567.50"
        );
        assert_eq!(Money::from_paisa(-5).to_string(), "-Rs 0.05");
        assert_eq!(Money::from_rupees(i64::MAX), None);
    }
}
