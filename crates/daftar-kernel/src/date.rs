//! Civil dates (Asia/Karachi calendar days) and the fiscal year (1 July - 30 June).

use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, Month, macros::format_description};

/// A calendar day. Parsed from `YYYY-MM-DD` (the API and pack format); displayed to
/// people as `DD-MM-YYYY`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CivilDate(Date);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("enter a date as YYYY-MM-DD between 1900-01-01 and 2200-12-31, like 2026-07-01")]
pub struct DateError;

impl CivilDate {
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let fmt = format_description!("[year]-[month]-[day]");
        let d = Date::parse(s.trim(), fmt).map_err(|_| DateError)?;
        if (1900..=2200).contains(&d.year()) {
            Ok(CivilDate(d))
        } else {
            Err(DateError)
        }
    }

    pub fn from_ymd(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        let m = Month::try_from(month).map_err(|_| DateError)?;
        Date::from_calendar_date(year, m, day)
            .map(CivilDate)
            .map_err(|_| DateError)
    }

    /// A calendar day within the supported years (1900-2200).
    pub fn from_date(d: Date) -> Option<Self> {
        (1900..=2200).contains(&d.year()).then_some(CivilDate(d))
    }

    /// Today in Pakistan (UTC+5, no daylight saving).
    pub fn today() -> Self {
        let now = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+5));
        CivilDate(now.date())
    }

    pub fn date(self) -> Date {
        self.0
    }

    /// `YYYY-MM-DD`: the stored and API form, which sorts correctly as text.
    pub fn iso(self) -> String {
        let fmt = format_description!("[year]-[month]-[day]");
        self.0.format(fmt).unwrap_or_default()
    }

    /// `DD-MM-YYYY`: how dates are shown on pages.
    pub fn display(self) -> String {
        let fmt = format_description!("[day]-[month]-[year]");
        self.0.format(fmt).unwrap_or_default()
    }

    pub fn fiscal_year(self) -> FiscalYear {
        let y = self.0.year();
        if self.0.month() as u8 >= 7 {
            FiscalYear(y)
        } else {
            FiscalYear(y - 1)
        }
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl TryFrom<String> for CivilDate {
    type Error = DateError;
    fn try_from(s: String) -> Result<Self, DateError> {
        CivilDate::parse(&s)
    }
}

impl From<CivilDate> for String {
    fn from(d: CivilDate) -> String {
        d.iso()
    }
}

/// A fiscal year, named by the calendar year it starts in: `FiscalYear(2026)` is
/// 2026-27, running 1 July 2026 to 30 June 2027.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(i32);

impl FiscalYear {
    pub fn starting(year: i32) -> Self {
        FiscalYear(year)
    }

    pub fn first_day(self) -> Option<CivilDate> {
        CivilDate::from_ymd(self.0, 7, 1).ok()
    }

    pub fn last_day(self) -> Option<CivilDate> {
        CivilDate::from_ymd(self.0 + 1, 6, 30).ok()
    }
}

/// `2026-27`, as budget books write it.
impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.0, (self.0 + 1).rem_euclid(100))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        let d = CivilDate::parse("2026-11-22").expect("valid");
        assert_eq!(d.iso(), "2026-11-22");
        assert_eq!(d.display(), "22-11-2026");
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "22-11-2026",
            "1800-01-01",
            "",
            "2026-1-1x",
        ] {
            assert_eq!(CivilDate::parse(bad), Err(DateError), "{bad}");
        }
    }

    #[test]
    fn fiscal_year_turns_on_first_of_july() {
        let june = CivilDate::parse("2026-06-30").expect("valid");
        let july = CivilDate::parse("2026-07-01").expect("valid");
        assert_eq!(june.fiscal_year().to_string(), "2025-26");
        assert_eq!(july.fiscal_year().to_string(), "2026-27");
        assert_eq!(FiscalYear::starting(2099).to_string(), "2099-00");
        assert_eq!(july.fiscal_year().first_day(), Some(july));
    }
}
