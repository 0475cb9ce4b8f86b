//! Legal deadlines of running procedures, computed from a letter's date instead of in a
//! volunteer's head. Pure: rules in, dates and text out, no I/O.
//!
//! A rule's period runs from the day after the letter's date (Awb art. 6:8). A period that
//! ends on a Saturday, Sunday or general holiday ends on the next day that is none
//! (Algemene termijnenwet art. 1; the holidays are in `holidays.rs`). Counting from the
//! letter's date rather than the day it was posted, and leaving out the days only a decree
//! equates with holidays, can make a deadline earlier than the law's, never later.
//!
//! Atw art. 2 (a period of at least three days holds at least two working days) is not
//! applied: it only lengthens a period of a few days, so leaving it out errs early as well.

pub mod holidays;
mod letter;
mod period;
mod rules;

pub use letter::LetterDate;
pub use period::Period;
pub use rules::{DeadlineRule, Deadlines, RuleChange};

use crate::config::Lang;
use crate::dates::shown;
use crate::labels::{DeadlineLabels, deadline_labels};
use chrono::{Days, NaiveDate};
use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DeadlineError {
    #[error(
        "could not read the period \"{0}\": use days, weeks or months such as 10d, 6w or 3m (at most 10 years)"
    )]
    Period(String),
    #[error("the deadline \"{key}\" is unknown; valid keys are: {valid}")]
    Unknown { key: String, valid: String },
    #[error("the deadline \"{key}\" is retired; valid keys are: {valid}")]
    Retired { key: String, valid: String },
    #[error("the new deadline \"{0}\" needs a period, such as period = \"6w\"")]
    NoPeriod(String),
    #[error(
        "the follow-up of the deadline \"{key}\" would fall due {warn} days before it, before the letter itself (its period is {period}): make warn smaller"
    )]
    WarnTooLate {
        key: String,
        warn: u32,
        period: Period,
    },
}

/// The dates of one letter under one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Computed {
    pub letter: NaiveDate,
    /// The last day of the period as counted, before any move.
    pub period_end: NaiveDate,
    /// The legal deadline: the period's end, moved off a weekend or holiday (Atw art. 1).
    pub deadline: NaiveDate,
    /// When the follow-up falls due: `warn_days` before the deadline, moved back to the
    /// previous working day when that is a weekend or holiday, so it is never later than the
    /// office intended and falls on a day the office is open.
    pub due: NaiveDate,
}

pub fn compute(rule: &DeadlineRule, letter: NaiveDate) -> Computed {
    let period_end = rule.period.end(letter);
    let deadline = holidays::on_or_after(period_end);
    // Warn days are fewer than the period (checked when the rule is set), so this stays after
    // the letter and far from chrono's first date.
    let warned = deadline
        .checked_sub_days(Days::new(u64::from(rule.warn_days)))
        .unwrap_or(letter);
    Computed {
        letter,
        period_end,
        deadline,
        due: holidays::on_or_before(warned),
    }
}

/// The text of the follow-up that guards the deadline, e.g.
/// "bezwaar tegen brief van 28-11-2026: uiterlijk 11-01-2027".
pub fn followup_text(rule: &DeadlineRule, computed: &Computed, english: bool) -> String {
    let l = words(english);
    format!(
        "{} {} {}: {} {}",
        rule.label(english),
        l.against_letter_of,
        shown(computed.letter),
        l.by,
        shown(computed.deadline)
    )
}

/// What a follow-up that guards a deadline holds: the text that says which deadline, the due
/// date, and the deadline itself (kept on the follow-up, so lists can mark it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guard {
    pub text: String,
    pub due: NaiveDate,
    pub deadline: crate::model::LegalDeadline,
}

pub fn guard(rule: &DeadlineRule, letter: NaiveDate, english: bool) -> Guard {
    let computed = compute(rule, letter);
    Guard {
        text: followup_text(rule, &computed, english),
        due: computed.due,
        deadline: crate::model::LegalDeadline {
            rule: rule.key.clone(),
            letter,
            ends: computed.deadline,
        },
    }
}

fn words(english: bool) -> &'static DeadlineLabels {
    deadline_labels(if english { Lang::En } else { Lang::Nl })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rule(key: &str) -> DeadlineRule {
        Deadlines::default().get(key).unwrap().clone()
    }

    fn with_period(period: Period, warn_days: u32) -> DeadlineRule {
        DeadlineRule {
            period,
            warn_days,
            ..rule("bezwaar")
        }
    }

    #[test]
    fn six_weeks_ending_on_a_saturday_end_on_monday() {
        let c = compute(&rule("bezwaar"), d(2026, 11, 28));
        assert_eq!(c.period_end, d(2027, 1, 9), "six weeks end on Saturday");
        assert_eq!(c.deadline, d(2027, 1, 11));
        assert_eq!(c.due, d(2027, 1, 4));
    }

    #[test]
    fn christmas_boxing_day_and_a_sunday_in_a_row() {
        let c = compute(&rule("bezwaar"), d(2026, 11, 13));
        assert_eq!(c.period_end, d(2026, 12, 25));
        assert_eq!(c.deadline, d(2026, 12, 28));
        assert_eq!(c.due, d(2026, 12, 21));
    }

    #[test]
    fn the_ind_counts_four_weeks() {
        let c = compute(&rule("bezwaar_ind"), d(2026, 11, 28));
        assert_eq!(
            c.deadline,
            d(2026, 12, 28),
            "Saturday 26-12 and Sunday 27-12"
        );
    }

    #[test]
    fn month_ends() {
        // 31-01-2026 + 4 weeks = Saturday 28-02-2026, so Monday 02-03.
        let c = compute(&rule("bezwaar_ind"), d(2026, 1, 31));
        assert_eq!((c.period_end, c.deadline), (d(2026, 2, 28), d(2026, 3, 2)));
        // A month from 31-01 ends on the last day of February (chrono clamps).
        let month = with_period(Period::Months(1), 7);
        let c = compute(&month, d(2026, 1, 31));
        assert_eq!((c.period_end, c.deadline), (d(2026, 2, 28), d(2026, 3, 2)));
        let c = compute(&month, d(2028, 1, 31));
        assert_eq!((c.period_end, c.deadline), (d(2028, 2, 29), d(2028, 2, 29)));
        assert_eq!(c.due, d(2028, 2, 22));
    }

    #[test]
    fn leap_days() {
        let c = compute(&rule("bezwaar"), d(2028, 2, 29));
        assert_eq!(c.deadline, d(2028, 4, 11));
        let year = with_period(Period::Months(12), 7);
        let c = compute(&year, d(2028, 2, 29));
        assert_eq!(c.deadline, d(2029, 2, 28), "no 29 February in 2029");
        let c = compute(&with_period(Period::Days(1), 0), d(2028, 2, 28));
        assert_eq!(c.deadline, d(2028, 2, 29));
    }

    #[test]
    fn across_the_clock_change_only_dates_count() {
        // Summer time starts on Sunday 29-03-2026, ends on Sunday 25-10-2026.
        let c = compute(&rule("bezwaar_ind"), d(2026, 3, 1));
        assert_eq!(c.period_end, d(2026, 3, 29));
        assert_eq!(c.deadline, d(2026, 3, 30), "a Sunday, so Monday");
        let c = compute(&rule("bezwaar_ind"), d(2026, 10, 1));
        assert_eq!(
            (c.period_end, c.deadline),
            (d(2026, 10, 29), d(2026, 10, 29))
        );
        assert_eq!((c.deadline - c.letter).num_days(), 28);
    }

    #[test]
    fn a_deadline_on_kings_day_moves_a_day() {
        let c = compute(&rule("bezwaar_ind"), d(2026, 3, 30));
        assert_eq!((c.period_end, c.deadline), (d(2026, 4, 27), d(2026, 4, 28)));
    }

    #[test]
    fn good_friday_and_the_easter_weekend_move_it_to_tuesday() {
        let c = compute(&rule("bezwaar"), d(2026, 2, 20));
        assert_eq!(c.period_end, d(2026, 4, 3));
        assert_eq!(c.deadline, d(2026, 4, 7));
    }

    #[test]
    fn a_due_date_off_the_working_days_moves_back() {
        // Deadline Monday 13-04-2026; a week before is Easter Monday, before it Easter
        // weekend and Good Friday, so Thursday 02-04.
        let c = compute(&rule("bezwaar"), d(2026, 3, 2));
        assert_eq!((c.deadline, c.due), (d(2026, 4, 13), d(2026, 4, 2)));
        // A week before Monday 04-05-2026 is King's Day.
        let c = compute(&rule("bezwaar"), d(2026, 3, 23));
        assert_eq!((c.deadline, c.due), (d(2026, 5, 4), d(2026, 4, 24)));
        // Three days before Tuesday 08-12-2026 is a Saturday.
        let c = compute(&with_period(Period::Days(10), 3), d(2026, 11, 28));
        assert_eq!((c.deadline, c.due), (d(2026, 12, 8), d(2026, 12, 4)));
    }

    #[test]
    fn the_followup_text() {
        let bezwaar = rule("bezwaar");
        let c = compute(&bezwaar, d(2026, 11, 28));
        assert_eq!(
            followup_text(&bezwaar, &c, false),
            "bezwaar tegen brief van 28-11-2026: uiterlijk 11-01-2027"
        );
        assert_eq!(
            followup_text(&bezwaar, &c, true),
            "objection against letter of 28-11-2026: by 11-01-2027"
        );
        let ind = rule("bezwaar_ind");
        let c = compute(&ind, d(2026, 11, 28));
        assert_eq!(
            followup_text(&ind, &c, false),
            "bezwaar IND tegen brief van 28-11-2026: uiterlijk 28-12-2026"
        );
    }
}
