//! The length of a legal period, as config.toml writes it: 10d, 6w, 3m.

use super::DeadlineError;
use chrono::{Days, Months, NaiveDate};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Days(u32),
    Weeks(u32),
    Months(u32),
}

/// Longer periods are a typing mistake ("60m" for "6w"); the limits also keep every sum far
/// from the end of chrono's calendar.
const MAX_DAYS: u32 = 3660;
const MAX_WEEKS: u32 = 522;
const MAX_MONTHS: u32 = 120;

impl Period {
    /// Reads "6w", "42d", "3m" (a space before the unit and capitals are fine).
    pub fn parse(text: &str) -> Result<Period, DeadlineError> {
        let t = text.trim().to_lowercase();
        let fail = || DeadlineError::Period(text.trim().to_string());
        let unit = t.chars().last().ok_or_else(fail)?;
        let n: u32 = t[..t.len() - unit.len_utf8()]
            .trim()
            .parse()
            .map_err(|_| fail())?;
        let (period, max) = match unit {
            'd' => (Period::Days(n), MAX_DAYS),
            'w' => (Period::Weeks(n), MAX_WEEKS),
            'm' => (Period::Months(n), MAX_MONTHS),
            _ => return Err(fail()),
        };
        if n == 0 || n > max {
            return Err(fail());
        }
        Ok(period)
    }

    /// The last day of the period for a letter of `letter`: the period starts on the day after
    /// the letter (Awb art. 6:8), so six weeks from Saturday 28-11 end on Saturday 09-01.
    /// Months keep the day of the month; a day the month lacks becomes its last day
    /// (31-01 + 1m = 28-02, or 29-02 in a leap year): chrono's `checked_add_months` clamps so.
    pub fn end(self, letter: NaiveDate) -> NaiveDate {
        let end = match self {
            Period::Days(n) => letter.checked_add_days(Days::new(u64::from(n))),
            Period::Weeks(n) => letter.checked_add_days(Days::new(7 * u64::from(n))),
            Period::Months(n) => letter.checked_add_months(Months::new(n)),
        };
        // Only past year 262000 is there no such day; the last one chrono has will do.
        end.unwrap_or(NaiveDate::MAX)
    }

    /// The fewest days the period can span (a month is at least 28 days).
    pub fn shortest_days(self) -> u32 {
        match self {
            Period::Days(n) => n,
            Period::Weeks(n) => 7 * n,
            Period::Months(n) => 28 * n,
        }
    }

    /// "6 weken", "1 month": for a person.
    pub fn describe(self, english: bool) -> String {
        let l = super::words(english);
        let (n, one, many) = match self {
            Period::Days(n) => (n, l.day, l.days),
            Period::Weeks(n) => (n, l.week, l.weeks),
            Period::Months(n) => (n, l.month, l.months),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

/// The form config.toml takes ("6w"), also used in JSON.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Days(n) => write!(f, "{n}d"),
            Period::Weeks(n) => write!(f, "{n}w"),
            Period::Months(n) => write!(f, "{n}m"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_the_config_form() {
        assert_eq!(Period::parse("6w"), Ok(Period::Weeks(6)));
        assert_eq!(Period::parse(" 42 D "), Ok(Period::Days(42)));
        assert_eq!(Period::parse("3m"), Ok(Period::Months(3)));
        assert_eq!(Period::Weeks(6).to_string(), "6w");
        for bad in ["", "6", "w", "0w", "-1d", "6x", "6 weken", "1000w", "121m"] {
            let err = Period::parse(bad).unwrap_err().to_string();
            assert!(err.contains("6w"), "{bad}: {err}");
        }
    }

    #[test]
    fn describes_for_a_person() {
        assert_eq!(Period::Weeks(6).describe(false), "6 weken");
        assert_eq!(Period::Months(1).describe(true), "1 month");
        assert_eq!(Period::Days(1).describe(false), "1 dag");
    }
}
