//! The periods a tally covers: a day, an ISO week, a month, a quarter, a year, or any range,
//! with the period before it and the same period a year earlier.

use crate::dates::{DateError, parse_date, parse_month, parse_year, week_of};
use chrono::{Datelike, Duration, NaiveDate};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day(NaiveDate),
    /// The ISO week starting on this Monday.
    Week(NaiveDate),
    Month {
        year: i32,
        month: u32,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
    Year(i32),
    Range(NaiveDate, NaiveDate),
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    // Months and years here come from dates that exist (or were checked when read), so the
    // first of the month exists too; the fallback only guards against a far-off year.
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

fn month_end(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    first_of(y, m).pred_opt().unwrap_or(NaiveDate::MIN)
}

impl Period {
    pub fn week_of(d: NaiveDate) -> Period {
        Period::Week(week_of(d).0)
    }

    pub fn month_of(d: NaiveDate) -> Period {
        Period::Month {
            year: d.year(),
            month: d.month(),
        }
    }

    pub fn quarter_of(d: NaiveDate) -> Period {
        Period::Quarter {
            year: d.year(),
            quarter: d.month0() / 3 + 1,
        }
    }

    pub fn year_of(d: NaiveDate) -> Period {
        Period::Year(d.year())
    }

    /// The period from `from` to `to`, named as a day, week, month, quarter or year when it
    /// is exactly one (a tally read back from its JSON knows only its first and last day).
    pub fn named(from: NaiveDate, to: NaiveDate) -> Period {
        [
            Period::Day(from),
            Period::week_of(from),
            Period::month_of(from),
            Period::quarter_of(from),
            Period::year_of(from),
        ]
        .into_iter()
        .find(|p| p.bounds() == (from, to))
        .unwrap_or(Period::Range(from, to))
    }

    /// Reads "2026-Q4" or "2026-4".
    pub fn parse_quarter(text: &str) -> Result<Period, String> {
        let t = text.trim().to_uppercase();
        let fail = || {
            format!(
                "could not read the quarter \"{}\": use the form 2026-Q4",
                text.trim()
            )
        };
        let (y, q) = t.split_once('-').ok_or_else(fail)?;
        let q = q.trim_start_matches('Q');
        let (year, quarter) = (
            y.parse::<i32>().map_err(|_| fail())?,
            q.parse::<u32>().map_err(|_| fail())?,
        );
        if !(1..=4).contains(&quarter) || !(1900..=2200).contains(&year) {
            return Err(fail());
        }
        Ok(Period::Quarter { year, quarter })
    }

    pub fn parse_month(text: &str) -> Result<Period, DateError> {
        let (first, _) = parse_month(text)?;
        Ok(Period::month_of(first))
    }

    pub fn parse_year(text: &str) -> Result<Period, DateError> {
        let (first, _) = parse_year(text)?;
        Ok(Period::Year(first.year()))
    }

    pub fn parse_day(text: &str, today: NaiveDate) -> Result<Period, DateError> {
        Ok(Period::Day(parse_date(text, today)?))
    }

    /// First and last day, both included.
    pub fn bounds(&self) -> (NaiveDate, NaiveDate) {
        match *self {
            Period::Day(d) => (d, d),
            Period::Week(monday) => (monday, monday + Duration::days(6)),
            Period::Month { year, month } => (first_of(year, month), month_end(year, month)),
            Period::Quarter { year, quarter } => {
                let first = 3 * (quarter - 1) + 1;
                (first_of(year, first), month_end(year, first + 2))
            }
            Period::Year(y) => (first_of(y, 1), month_end(y, 12)),
            Period::Range(a, b) => (a, b),
        }
    }

    /// The period just before, of the same kind and length.
    pub fn previous(&self) -> Period {
        self.shift(-1)
    }

    /// The period just after.
    pub fn next(&self) -> Period {
        self.shift(1)
    }

    fn shift(&self, by: i32) -> Period {
        match *self {
            Period::Day(d) => Period::Day(d + Duration::days(by as i64)),
            Period::Week(m) => Period::Week(m + Duration::days(7 * by as i64)),
            Period::Month { year, month } => {
                let index = year * 12 + month as i32 - 1 + by;
                Period::Month {
                    year: index.div_euclid(12),
                    month: index.rem_euclid(12) as u32 + 1,
                }
            }
            Period::Quarter { year, quarter } => {
                let index = year * 4 + quarter as i32 - 1 + by;
                Period::Quarter {
                    year: index.div_euclid(4),
                    quarter: index.rem_euclid(4) as u32 + 1,
                }
            }
            Period::Year(y) => Period::Year(y + by),
            Period::Range(a, b) => {
                let len = (b - a).num_days() + 1;
                let d = Duration::days(len * by as i64);
                Period::Range(a + d, b + d)
            }
        }
    }

    /// The same period a year earlier, for months, quarters and years.
    pub fn year_earlier(&self) -> Option<Period> {
        match *self {
            Period::Month { year, month } => Some(Period::Month {
                year: year - 1,
                month,
            }),
            Period::Quarter { year, quarter } => Some(Period::Quarter {
                year: year - 1,
                quarter,
            }),
            Period::Year(y) => Some(Period::Year(y - 1)),
            _ => None,
        }
    }
}

impl Period {
    /// The period as people read it: days as day-month-year (`dates::SHOWN_DATE`), the rest
    /// as their names (2026-11, 2026-W48, 2026-Q4, 2026). `Display` is the ISO key for JSON.
    pub fn shown(&self) -> String {
        match *self {
            Period::Day(d) => crate::dates::shown(d),
            Period::Range(a, b) => {
                format!("{} – {}", crate::dates::shown(a), crate::dates::shown(b))
            }
            _ => self.to_string(),
        }
    }
}

/// The period's key: ISO dates, for JSON and file names.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Period::Week(m) => {
                let iso = m.iso_week();
                write!(f, "{}-W{:02}", iso.year(), iso.week())
            }
            Period::Month { year, month } => write!(f, "{year}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year}-Q{quarter}"),
            Period::Year(y) => write!(f, "{y}"),
            Period::Range(a, b) => write!(f, "{} – {}", a.format("%Y-%m-%d"), b.format("%Y-%m-%d")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn bounds_and_neighbours() {
        let q = Period::parse_quarter("2026-Q1").unwrap();
        assert_eq!(q.bounds(), (d(2026, 1, 1), d(2026, 3, 31)));
        assert_eq!(
            q.previous(),
            Period::Quarter {
                year: 2025,
                quarter: 4
            }
        );
        assert_eq!(
            q.year_earlier(),
            Some(Period::Quarter {
                year: 2025,
                quarter: 1
            })
        );
        let feb = Period::month_of(d(2024, 2, 10));
        assert_eq!(feb.bounds(), (d(2024, 2, 1), d(2024, 2, 29)));
        assert_eq!(
            Period::month_of(d(2026, 1, 5)).previous().bounds().0,
            d(2025, 12, 1)
        );
        assert_eq!(
            Period::month_of(d(2026, 12, 5)).next().bounds().0,
            d(2027, 1, 1)
        );
        let w = Period::week_of(d(2026, 11, 29));
        assert_eq!(w.bounds(), (d(2026, 11, 23), d(2026, 11, 29)));
        assert_eq!(w.to_string(), "2026-W48");
        assert_eq!(w.year_earlier(), None);
        let r = Period::Range(d(2026, 1, 1), d(2026, 1, 10));
        assert_eq!(r.previous().bounds(), (d(2025, 12, 22), d(2025, 12, 31)));
        assert!(Period::parse_quarter("2026-Q5").is_err());
    }
}
