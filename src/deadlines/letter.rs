//! Whether a letter's date looks right. A mistyped year (2062 for 2026) gives a deadline that
//! guards nothing, so an unlikely date is asked back, not refused: old letters do come in.

use super::words;
use crate::dates::shown;
use chrono::{Months, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterDate {
    Plausible,
    /// After today: a letter cannot have been sent yet.
    InFuture,
    /// More than a year before today.
    LongAgo,
}

impl LetterDate {
    pub fn check(letter: NaiveDate, today: NaiveDate) -> LetterDate {
        if letter > today {
            LetterDate::InFuture
        } else if today
            .checked_sub_months(Months::new(12))
            .is_some_and(|year_ago| letter < year_ago)
        {
            LetterDate::LongAgo
        } else {
            LetterDate::Plausible
        }
    }

    pub fn needs_confirmation(self) -> bool {
        self != LetterDate::Plausible
    }

    /// The question to ask the volunteer, or `None` when the date is plausible.
    pub fn question(self, letter: NaiveDate, english: bool) -> Option<String> {
        let l = words(english);
        let text = match self {
            LetterDate::Plausible => return None,
            LetterDate::InFuture => l.letter_in_future,
            LetterDate::LongAgo => l.letter_long_ago,
        };
        Some(text.replace("{date}", &shown(letter)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn asks_about_the_future_and_more_than_a_year_ago() {
        let today = d(2026, 11, 30);
        assert_eq!(LetterDate::check(today, today), LetterDate::Plausible);
        assert_eq!(
            LetterDate::check(d(2025, 11, 30), today),
            LetterDate::Plausible
        );
        assert_eq!(
            LetterDate::check(d(2025, 11, 29), today),
            LetterDate::LongAgo
        );
        assert_eq!(
            LetterDate::check(d(2026, 12, 1), today),
            LetterDate::InFuture
        );
        assert!(!LetterDate::Plausible.needs_confirmation());
        assert!(LetterDate::LongAgo.needs_confirmation());
        assert_eq!(
            LetterDate::check(d(2062, 11, 28), today).question(d(2062, 11, 28), false),
            Some("De brief is gedateerd 28-11-2062, na vandaag. Klopt die datum?".into())
        );
        assert_eq!(LetterDate::Plausible.question(today, true), None);
    }

    #[test]
    fn a_year_back_from_a_leap_day() {
        let today = d(2028, 2, 29);
        assert_eq!(
            LetterDate::check(d(2027, 2, 28), today),
            LetterDate::Plausible
        );
        assert_eq!(
            LetterDate::check(d(2027, 2, 27), today),
            LetterDate::LongAgo
        );
    }
}
