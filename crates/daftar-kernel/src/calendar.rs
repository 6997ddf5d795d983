//! Working days: a province's weekly days off and its public holidays, and deadlines
//! counted in working days (a service's turnaround, an SLA, how long a file has waited).

use std::collections::BTreeSet;

use time::{Date, Weekday};

use crate::CivilDate;

/// Which days offices work. Built from the province's pack (holidays) and its weekly
/// days off; at least one day of the week is a working day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkingCalendar {
    /// Indexed by `Weekday::number_days_from_monday`.
    off: [bool; 7],
    holidays: BTreeSet<Date>,
}

/// A calendar with no working day in the week: no deadline could ever fall.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a week needs at least one working day")]
pub struct NoWorkingDay;

impl WorkingCalendar {
    /// Offices closed on `days_off` every week and on each of `holidays`.
    pub fn new(
        days_off: &[Weekday],
        holidays: impl IntoIterator<Item = CivilDate>,
    ) -> Result<Self, NoWorkingDay> {
        let mut off = [false; 7];
        for d in days_off {
            off[d.number_days_from_monday() as usize] = true;
        }
        if off.iter().all(|o| *o) {
            return Err(NoWorkingDay);
        }
        Ok(WorkingCalendar {
            off,
            holidays: holidays.into_iter().map(CivilDate::date).collect(),
        })
    }

    /// Saturday and Sunday off, as in the provincial secretariats, and the given holidays.
    pub fn five_day_week(holidays: impl IntoIterator<Item = CivilDate>) -> Self {
        let off = [false, false, false, false, false, true, true];
        WorkingCalendar {
            off,
            holidays: holidays.into_iter().map(CivilDate::date).collect(),
        }
    }

    pub fn is_working_day(&self, d: CivilDate) -> bool {
        self.works(d.date())
    }

    fn works(&self, d: Date) -> bool {
        !self.off[d.weekday().number_days_from_monday() as usize] && !self.holidays.contains(&d)
    }

    /// The first working day on or after `d` (`None` past the end of the calendar).
    pub fn next_working_day(&self, d: CivilDate) -> Option<CivilDate> {
        let mut day = d.date();
        while !self.works(day) {
            day = day.next_day()?;
        }
        CivilDate::from_date(day)
    }

    /// The day a matter received on `start` is due when it takes `n` working days: the
    /// count begins the day after receipt, so 3 working days from a Thursday, with the
    /// weekend off, is the Tuesday after. With `n = 0`, the first working day on or after
    /// `start`.
    pub fn add_working_days(&self, start: CivilDate, n: u32) -> Option<CivilDate> {
        let mut day = start.date();
        if n == 0 {
            return self.next_working_day(start);
        }
        let mut left = n;
        while left > 0 {
            day = day.next_day()?;
            if self.works(day) {
                left -= 1;
            }
        }
        CivilDate::from_date(day)
    }

    /// Working days after `from` up to and including `to`: how long a matter received on
    /// `from` has waited by `to` (0 when `to` is not after `from`).
    pub fn working_days_between(&self, from: CivilDate, to: CivilDate) -> u32 {
        let (mut day, end) = (from.date(), to.date());
        let mut n = 0;
        while day < end {
            match day.next_day() {
                Some(next) => day = next,
                None => break,
            }
            if self.works(day) {
                n += 1;
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> CivilDate {
        CivilDate::parse(s).expect("date")
    }

    /// Punjab's spring of 2026: Eid ul Fitr 21-23 March (Saturday to Monday; Monday is
    /// also Pakistan Day), Labour Day on Friday 1 May.
    fn punjab() -> WorkingCalendar {
        WorkingCalendar::five_day_week(
            ["2026-03-21", "2026-03-22", "2026-03-23", "2026-05-01"].map(d),
        )
    }

    #[test]
    fn deadlines_skip_weekends_and_holidays() {
        let cal = punjab();
        for (start, n, due) in [
            // Thursday + 3: Friday, (weekend), Monday, Tuesday.
            ("2026-02-12", 3, "2026-02-17"),
            // Thursday 19 March + 3: Friday 20, then Eid and Pakistan Day, Tue 24, Wed 25.
            ("2026-03-19", 3, "2026-03-25"),
            // Received on a Saturday: the count still begins the next day.
            ("2026-02-14", 1, "2026-02-16"),
            // Across Labour Day (Friday) and the weekend.
            ("2026-04-30", 1, "2026-05-04"),
            // Zero days: the first working day on or after receipt.
            ("2026-03-21", 0, "2026-03-24"),
            ("2026-02-12", 0, "2026-02-12"),
            // Two working weeks.
            ("2026-02-02", 10, "2026-02-16"),
        ] {
            assert_eq!(
                cal.add_working_days(d(start), n),
                Some(d(due)),
                "{start} + {n}"
            );
        }
    }

    #[test]
    fn waiting_counts_working_days_after_receipt() {
        let cal = punjab();
        for (from, to, n) in [
            ("2026-03-19", "2026-03-25", 3),
            ("2026-03-19", "2026-03-19", 0),
            ("2026-03-25", "2026-03-19", 0),
            ("2026-03-20", "2026-03-23", 0),
            ("2026-02-13", "2026-02-16", 1),
        ] {
            assert_eq!(cal.working_days_between(d(from), d(to)), n, "{from}..{to}");
        }
        // The two are inverse: a deadline is reached after exactly its working days.
        for n in 0..40 {
            let due = cal.add_working_days(d("2026-03-18"), n).expect("due");
            assert_eq!(cal.working_days_between(d("2026-03-18"), due), n);
        }
    }

    #[test]
    fn a_six_day_week_and_a_calendar_without_working_days() {
        let six = WorkingCalendar::new(&[Weekday::Sunday], []).expect("calendar");
        assert!(six.is_working_day(d("2026-02-14")), "Saturday works");
        assert_eq!(
            six.add_working_days(d("2026-02-13"), 2),
            Some(d("2026-02-16"))
        );
        assert_eq!(
            WorkingCalendar::new(
                &[
                    Weekday::Monday,
                    Weekday::Tuesday,
                    Weekday::Wednesday,
                    Weekday::Thursday,
                    Weekday::Friday,
                    Weekday::Saturday,
                    Weekday::Sunday,
                ],
                [],
            ),
            Err(NoWorkingDay)
        );
    }
}
