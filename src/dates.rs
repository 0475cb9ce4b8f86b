//! Reading the dates a volunteer types: 2026-12-12, 12-12-2026, 12-12, vandaag, morgen, +3d,
//! +2w, vrijdag. Pure functions of the text and "today", so tests fix the clock.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DateError {
    #[error(
        "could not read the date \"{0}\": use 2026-12-12, 12-12-2026, 12-12, vandaag/today, morgen/tomorrow, +3d, +2w or a weekday such as vrijdag/friday"
    )]
    Date(String),
    #[error(
        "could not read the time \"{0}\": use a date and a time such as \"2026-11-27 14:30\", or only a time such as 14:30"
    )]
    DateTime(String),
    #[error("\"{0}\" has no time: give a date and a time, e.g. \"vrijdag 10:30\"")]
    NoTime(String),
    #[error(
        "the appointment would lie in the past ({0}); give a coming moment, e.g. \"vrijdag 10:30\""
    )]
    Past(String),
    #[error("could not read the month \"{0}\": use the form 2026-11")]
    Month(String),
    #[error("could not read the year \"{0}\": use four digits such as 2026")]
    Year(String),
}

/// How a date is written on every screen and in every text output: day-month-year, as a
/// Dutch office reads it. JSON keeps ISO (`ISO_DATE`), for programs.
pub const SHOWN_DATE: &str = "%d-%m-%Y";
/// A date with its time of day, as shown.
pub const SHOWN_MOMENT: &str = "%d-%m-%Y %H:%M";
pub const ISO_DATE: &str = "%Y-%m-%d";
pub const ISO_MOMENT: &str = "%Y-%m-%d %H:%M";

/// A date as people read it (see `SHOWN_DATE`).
pub fn shown(day: NaiveDate) -> String {
    day.format(SHOWN_DATE).to_string()
}

/// A moment as people read it (see `SHOWN_MOMENT`).
pub fn shown_moment(at: NaiveDateTime) -> String {
    at.format(SHOWN_MOMENT).to_string()
}

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("maandag", Weekday::Mon),
    ("ma", Weekday::Mon),
    ("monday", Weekday::Mon),
    ("mon", Weekday::Mon),
    ("dinsdag", Weekday::Tue),
    ("di", Weekday::Tue),
    ("tuesday", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("woensdag", Weekday::Wed),
    ("wo", Weekday::Wed),
    ("wednesday", Weekday::Wed),
    ("wed", Weekday::Wed),
    ("donderdag", Weekday::Thu),
    ("do", Weekday::Thu),
    ("thursday", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("vrijdag", Weekday::Fri),
    ("vr", Weekday::Fri),
    ("friday", Weekday::Fri),
    ("fri", Weekday::Fri),
    ("zaterdag", Weekday::Sat),
    ("za", Weekday::Sat),
    ("saturday", Weekday::Sat),
    ("sat", Weekday::Sat),
    ("zondag", Weekday::Sun),
    ("zo", Weekday::Sun),
    ("sunday", Weekday::Sun),
    ("sun", Weekday::Sun),
];

/// Reads a date. A weekday means the next such day after today; "12-12" without a year means
/// the next 12 December from today on (due dates lie ahead).
pub fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let t = text.trim().to_lowercase();
    let fail = || DateError::Date(text.trim().to_string());
    match t.as_str() {
        "vandaag" | "today" => return Ok(today),
        "morgen" | "tomorrow" => return today.checked_add_days(Days::new(1)).ok_or_else(fail),
        "gisteren" | "yesterday" => return today.checked_sub_days(Days::new(1)).ok_or_else(fail),
        _ => {}
    }
    if let Some(rest) = t.strip_prefix('+') {
        return relative(rest, today).ok_or_else(fail);
    }
    if let Some((_, day)) = WEEKDAYS.iter().find(|(name, _)| *name == t) {
        let ahead = (7 + day.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
        let ahead = if ahead == 0 { 7 } else { ahead };
        return today
            .checked_add_days(Days::new(ahead as u64))
            .ok_or_else(fail);
    }
    for format in ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(&t, format)
            && (1900..=2200).contains(&d.year())
        {
            return Ok(d);
        }
    }
    // Day and month only.
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    if let [d, m] = parts[..]
        && let (Ok(d), Ok(m)) = (d.parse::<u32>(), m.parse::<u32>())
    {
        for year in [today.year(), today.year() + 1] {
            if let Some(date) = NaiveDate::from_ymd_opt(year, m, d)
                && date >= today
            {
                return Ok(date);
            }
        }
    }
    Err(fail())
}

/// Reads the date of a letter: the forms of `parse_date`, but a letter lies behind, so "28-11"
/// without a year is the last 28 November up to today and a weekday the last such day.
pub fn parse_letter_date(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let t = text.trim().to_lowercase();
    let fail = || DateError::Date(text.trim().to_string());
    if let Some((_, day)) = WEEKDAYS.iter().find(|(name, _)| *name == t) {
        let back = (7 + today.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
        return today
            .checked_sub_days(Days::new(back as u64))
            .ok_or_else(fail);
    }
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    if let [d, m] = parts[..]
        && let (Ok(d), Ok(m)) = (d.parse::<u32>(), m.parse::<u32>())
    {
        for year in [today.year(), today.year() - 1] {
            if let Some(date) = NaiveDate::from_ymd_opt(year, m, d)
                && date <= today
            {
                return Ok(date);
            }
        }
        return Err(fail());
    }
    parse_date(text, today)
}

/// "+3d", "+2w", "+6m", "+1j": within the years a written date may have (up to 2200), so
/// "+999999m" is refused like "31-12-9999" rather than stored as the year 85360.
fn relative(rest: &str, today: NaiveDate) -> Option<NaiveDate> {
    let unit = rest.chars().last()?;
    let n: u32 = rest[..rest.len() - unit.len_utf8()].parse().ok()?;
    match unit {
        'd' => today.checked_add_days(Days::new(u64::from(n))),
        'w' => today.checked_add_days(Days::new(7 * u64::from(n))),
        'm' => today.checked_add_months(Months::new(n)),
        'j' | 'y' => today.checked_add_months(Months::new(n.checked_mul(12)?)),
        _ => None,
    }
    .filter(|d| d.year() <= 2200)
}

/// Reads a moment: any date form of `parse_date` with a time ("2026-11-27 14:30", "vrijdag
/// 10:30", "morgen 9.30"), an ISO "2026-11-27T14:30", a date alone (at the current time of
/// day), or a time alone (today).
pub fn parse_datetime(text: &str, now: NaiveDateTime) -> Result<NaiveDateTime, DateError> {
    let t = text.trim();
    let fail = || DateError::DateTime(t.to_string());
    // A 'T' separates only after an ISO date, so "Tuesday" or "Today" stays one word.
    let split = t.rsplit_once(' ').or_else(|| {
        t.split_once('T')
            .filter(|(date, _)| NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok())
    });
    if let Some((date, time)) = split {
        let time = parse_time(time).ok_or_else(fail)?;
        let date = parse_date(date, now.date()).map_err(|_| fail())?;
        return Ok(date.and_time(time));
    }
    if let Some(time) = parse_time(t) {
        return Ok(now.date().and_time(time));
    }
    let date = parse_date(t, now.date()).map_err(|_| fail())?;
    Ok(date.and_time(now.time()))
}

/// The moment of a new appointment: a date with a time, not in the past. A date alone would
/// take the current time of day, which is no appointment time.
pub fn coming_moment(text: &str, now: NaiveDateTime) -> Result<NaiveDateTime, DateError> {
    if parse_date(text, now.date()).is_ok() {
        return Err(DateError::NoTime(text.trim().to_string()));
    }
    let at = parse_datetime(text, now)?;
    if at < now {
        return Err(DateError::Past(shown_moment(at)));
    }
    Ok(at)
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H.%M"))
        .ok()
}

/// Reads "2026-11" as the first and last day of that month.
pub fn parse_month(text: &str) -> Result<(NaiveDate, NaiveDate), DateError> {
    let fail = || DateError::Month(text.trim().to_string());
    let (y, m) = text.trim().split_once('-').ok_or_else(fail)?;
    let (y, m) = (
        y.parse::<i32>().map_err(|_| fail())?,
        m.parse::<u32>().map_err(|_| fail())?,
    );
    let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(fail)?;
    let last = first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .ok_or_else(fail)?;
    Ok((first, last))
}

/// Reads "2026" as its first and last day.
pub fn parse_year(text: &str) -> Result<(NaiveDate, NaiveDate), DateError> {
    let fail = || DateError::Year(text.trim().to_string());
    let y: i32 = text.trim().parse().map_err(|_| fail())?;
    if !(1900..=2200).contains(&y) {
        return Err(fail());
    }
    let first = NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(fail)?;
    let last = NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(fail)?;
    Ok((first, last))
}

/// The ISO week (Monday to Sunday) that holds `day`.
pub fn week_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = day - chrono::Duration::days(day.weekday().num_days_from_monday() as i64);
    (monday, monday + chrono::Duration::days(6))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    // 2026-11-29 is a Sunday.
    const TODAY: (i32, u32, u32) = (2026, 11, 29);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    #[test]
    fn reads_every_documented_form() {
        assert_eq!(parse_date("2026-12-12", today()), Ok(d(2026, 12, 12)));
        assert_eq!(parse_date("12-12-2026", today()), Ok(d(2026, 12, 12)));
        assert_eq!(parse_date("12-12", today()), Ok(d(2026, 12, 12)));
        assert_eq!(parse_date("3-1", today()), Ok(d(2027, 1, 3)));
        assert_eq!(parse_date("Vandaag", today()), Ok(today()));
        assert_eq!(parse_date("tomorrow", today()), Ok(d(2026, 11, 30)));
        assert_eq!(parse_date("+3d", today()), Ok(d(2026, 12, 2)));
        assert_eq!(parse_date("+2w", today()), Ok(d(2026, 12, 13)));
        assert_eq!(parse_date("vrijdag", today()), Ok(d(2026, 12, 4)));
        assert_eq!(parse_date("sunday", today()), Ok(d(2026, 12, 6)));
        assert_eq!(parse_date("ma", today()), Ok(d(2026, 11, 30)));
    }

    #[test]
    fn refuses_impossible_dates_with_the_forms_that_work() {
        for bad in [
            "31-02-2026",
            "2026-13-01",
            "soon",
            "+3x",
            "",
            "+",
            "99-99",
            "+999999m",
            "+400000000j",
            "+4294967295w",
        ] {
            let err = parse_date(bad, today()).unwrap_err().to_string();
            assert!(err.contains("vrijdag"), "{err}");
        }
    }

    #[test]
    fn a_letter_date_without_a_year_lies_behind() {
        // Today is Sunday 29-11-2026.
        assert_eq!(parse_letter_date("28-11", today()), Ok(d(2026, 11, 28)));
        assert_eq!(parse_letter_date("29-11", today()), Ok(d(2026, 11, 29)));
        assert_eq!(parse_letter_date("30-11", today()), Ok(d(2025, 11, 30)));
        assert_eq!(parse_letter_date("vrijdag", today()), Ok(d(2026, 11, 27)));
        assert_eq!(parse_letter_date("zondag", today()), Ok(today()));
        assert_eq!(
            parse_letter_date("28-11-2026", today()),
            Ok(d(2026, 11, 28))
        );
        assert_eq!(parse_letter_date("gisteren", today()), Ok(d(2026, 11, 28)));
        // 29 February: the last one that was.
        let march = d(2026, 3, 1);
        assert_eq!(
            parse_letter_date("29-02", march),
            Err(DateError::Date("29-02".into()))
        );
        assert_eq!(
            parse_letter_date("29-02", d(2028, 3, 1)),
            Ok(d(2028, 2, 29))
        );
        assert!(parse_letter_date("31-02", today()).is_err());
    }

    #[test]
    fn reads_moments() {
        let now = today().and_hms_opt(10, 5, 0).unwrap();
        assert_eq!(
            parse_datetime("2026-11-27 14:30", now),
            Ok(d(2026, 11, 27).and_hms_opt(14, 30, 0).unwrap())
        );
        assert_eq!(
            parse_datetime("14:30", now),
            Ok(today().and_hms_opt(14, 30, 0).unwrap())
        );
        assert_eq!(
            parse_datetime("27-11-2026", now),
            Ok(d(2026, 11, 27).and_hms_opt(10, 5, 0).unwrap())
        );
        assert!(parse_datetime("2026-11-27 25:00", now).is_err());
    }

    #[test]
    fn reads_a_weekday_or_another_date_form_with_a_time() {
        let now = today().and_hms_opt(10, 5, 0).unwrap();
        let at = |y, m, day, h, min| d(y, m, day).and_hms_opt(h, min, 0).unwrap();
        assert_eq!(
            parse_datetime("vrijdag 10:30", now),
            Ok(at(2026, 12, 4, 10, 30))
        );
        assert_eq!(
            parse_datetime("Vrijdag  9:30", now),
            Ok(at(2026, 12, 4, 9, 30))
        );
        assert_eq!(
            parse_datetime("morgen 14.00", now),
            Ok(at(2026, 11, 30, 14, 0))
        );
        assert_eq!(
            parse_datetime("12-12 11:15", now),
            Ok(at(2026, 12, 12, 11, 15))
        );
        assert_eq!(
            parse_datetime("+2w 10:00", now),
            Ok(at(2026, 12, 13, 10, 0))
        );
        assert_eq!(
            parse_datetime("2026-12-01T09:00", now),
            Ok(at(2026, 12, 1, 9, 0))
        );
        assert_eq!(parse_datetime("Tuesday", now), Ok(at(2026, 12, 1, 10, 5)));
        assert_eq!(
            parse_datetime("Today 16:00", now),
            Ok(at(2026, 11, 29, 16, 0))
        );
        assert!(parse_datetime("vrijdag 10:61", now).is_err());
        assert!(parse_datetime("vrijdag om 10:30", now).is_err());
    }

    #[test]
    fn periods() {
        assert_eq!(parse_month("2026-02"), Ok((d(2026, 2, 1), d(2026, 2, 28))));
        assert_eq!(parse_year("2024"), Ok((d(2024, 1, 1), d(2024, 12, 31))));
        assert_eq!(week_of(today()), (d(2026, 11, 23), d(2026, 11, 29)));
        assert!(parse_month("2026-13").is_err());
    }
}
