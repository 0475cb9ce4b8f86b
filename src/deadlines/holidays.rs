//! The days on which a legal deadline cannot end: Saturdays, Sundays and the general holidays
//! of the Algemene termijnenwet (Atw) art. 3.
//!
//! Days the Crown equates with a holiday by decree (art. 3 lid 3, such as the Friday after
//! Ascension Day) are not known here. Leaving them out can only make a moved deadline earlier
//! than the law's, never later.

use chrono::{Datelike, NaiveDate, Weekday};

/// A general holiday in the sense of the Atw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    /// Atw art. 3 lid 1: Nieuwjaarsdag.
    NewYear,
    /// Atw art. 3 lid 2: Goede Vrijdag is equated with the holidays of lid 1.
    GoodFriday,
    /// Atw art. 3 lid 1: tweede Paasdag (Easter Sunday is a Sunday anyway).
    EasterMonday,
    /// Atw art. 3 lid 1: the day the King's birthday is celebrated, 27 April, or 26 April when
    /// the 27th is a Sunday.
    KingsDay,
    /// Atw art. 3 lid 1: "de vijfde mei", every year (not only each fifth year, as in many
    /// collective labour agreements).
    LiberationDay,
    /// Atw art. 3 lid 1: Hemelvaartsdag.
    Ascension,
    /// Atw art. 3 lid 1: tweede Pinksterdag.
    WhitMonday,
    /// Atw art. 3 lid 1: "de beide Kerstdagen".
    Christmas,
    BoxingDay,
}

/// Easter Sunday of a Gregorian year, by the anonymous algorithm (Meeus/Jones/Butcher).
/// `None` only for a year outside chrono's range.
pub fn easter(year: i32) -> Option<NaiveDate> {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c.div_euclid(4), c.rem_euclid(4));
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    let month = u32::try_from(n.div_euclid(31)).ok()?;
    let day = u32::try_from(n.rem_euclid(31) + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The holiday that falls on `day`, if any.
pub fn holiday(day: NaiveDate) -> Option<Holiday> {
    let fixed = match (day.month(), day.day()) {
        (1, 1) => Some(Holiday::NewYear),
        (5, 5) => Some(Holiday::LiberationDay),
        (12, 25) => Some(Holiday::Christmas),
        (12, 26) => Some(Holiday::BoxingDay),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    if day == kings_day(day.year())? {
        return Some(Holiday::KingsDay);
    }
    match (day - easter(day.year())?).num_days() {
        -2 => Some(Holiday::GoodFriday),
        1 => Some(Holiday::EasterMonday),
        39 => Some(Holiday::Ascension),
        50 => Some(Holiday::WhitMonday),
        _ => None,
    }
}

fn kings_day(year: i32) -> Option<NaiveDate> {
    let day = NaiveDate::from_ymd_opt(year, 4, 27)?;
    if day.weekday() == Weekday::Sun {
        day.pred_opt()
    } else {
        Some(day)
    }
}

/// Whether a deadline may end on `day` (Atw art. 1: not a Saturday, Sunday or holiday).
pub fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && holiday(day).is_none()
}

/// `day` itself when it is a working day, else the next one (Atw art. 1 lid 1). At chrono's
/// last date (year 262142) it stays there; no letter comes near it.
pub fn on_or_after(mut day: NaiveDate) -> NaiveDate {
    while !is_working_day(day) {
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    day
}

/// `day` itself when it is a working day, else the one before it.
pub fn on_or_before(mut day: NaiveDate) -> NaiveDate {
    while !is_working_day(day) {
        match day.pred_opt() {
            Some(previous) => day = previous,
            None => break,
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_of_known_years() {
        for (year, month, day) in [
            (1818, 3, 22),
            (1943, 4, 25),
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2038, 4, 25),
        ] {
            assert_eq!(easter(year), Some(d(year, month, day)), "{year}");
        }
    }

    fn holidays_of(year: i32) -> Vec<(NaiveDate, Holiday)> {
        let mut day = d(year, 1, 1);
        let mut found = Vec::new();
        while day.year() == year {
            if let Some(h) = holiday(day) {
                found.push((day, h));
            }
            day = day.succ_opt().unwrap();
        }
        found
    }

    #[test]
    fn every_holiday_of_2026() {
        use Holiday::*;
        assert_eq!(
            holidays_of(2026),
            vec![
                (d(2026, 1, 1), NewYear),
                (d(2026, 4, 3), GoodFriday),
                (d(2026, 4, 6), EasterMonday),
                (d(2026, 4, 27), KingsDay),
                (d(2026, 5, 5), LiberationDay),
                (d(2026, 5, 14), Ascension),
                (d(2026, 5, 25), WhitMonday),
                (d(2026, 12, 25), Christmas),
                (d(2026, 12, 26), BoxingDay),
            ]
        );
    }

    #[test]
    fn every_holiday_of_2027() {
        use Holiday::*;
        assert_eq!(
            holidays_of(2027),
            vec![
                (d(2027, 1, 1), NewYear),
                (d(2027, 3, 26), GoodFriday),
                (d(2027, 3, 29), EasterMonday),
                (d(2027, 4, 27), KingsDay),
                (d(2027, 5, 5), LiberationDay),
                (d(2027, 5, 6), Ascension),
                (d(2027, 5, 17), WhitMonday),
                (d(2027, 12, 25), Christmas),
                (d(2027, 12, 26), BoxingDay),
            ]
        );
    }

    #[test]
    fn kings_day_moves_to_saturday_when_the_27th_is_a_sunday() {
        assert_eq!(holiday(d(2025, 4, 26)), Some(Holiday::KingsDay));
        assert_eq!(holiday(d(2025, 4, 27)), None);
        assert_eq!(holiday(d(2026, 4, 26)), None);
    }

    #[test]
    fn working_days_around_easter() {
        // Good Friday, Saturday, Easter Sunday and Easter Monday 2026 in a row.
        assert_eq!(on_or_after(d(2026, 4, 3)), d(2026, 4, 7));
        assert_eq!(on_or_before(d(2026, 4, 6)), d(2026, 4, 2));
        assert_eq!(on_or_after(d(2026, 4, 2)), d(2026, 4, 2));
        assert!(!is_working_day(d(2026, 11, 28)), "a Saturday");
        assert!(is_working_day(d(2026, 11, 30)));
    }
}
