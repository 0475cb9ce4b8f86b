//! Dates that can be right but seldom are: a follow-up due more than 5 years ahead, a visit
//! before 2000 or more than a day ahead, an appointment more than 5 years ahead. A slip of the
//! year (2062 for 2026, 1926) would otherwise be stored unseen, so they are asked back, not
//! refused: the command line needs `--yes`, the desk the save key pressed again. One place,
//! so the desk and the command line ask about the same dates.

use crate::config::Lang;
use crate::dates::{shown, shown_moment};
use crate::labels::unlikely_labels;
use chrono::{Duration, Months, NaiveDate, NaiveDateTime};

/// How far ahead a due date or an appointment may lie before it is asked back.
const YEARS_AHEAD: u32 = 5;
/// A visit this little ahead of the clock is taken as now: the desk's clock and the
/// volunteer's watch differ.
const CLOCK_SLACK_MINUTES: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlikely {
    DueFarAhead(NaiveDate),
    VisitBefore2000(NaiveDateTime),
    VisitAhead(NaiveDateTime),
    AppointmentFarAhead(NaiveDateTime),
}

impl Unlikely {
    /// The question that says what is odd, e.g. "… meer dan 5 jaar vooruit. Klopt die datum?"
    pub fn question(self, english: bool) -> String {
        let l = unlikely_labels(if english { Lang::En } else { Lang::Nl });
        let (text, date) = match self {
            Unlikely::DueFarAhead(d) => (l.due_far_ahead, shown(d)),
            Unlikely::VisitBefore2000(at) => (l.visit_before_2000, shown_moment(at)),
            Unlikely::VisitAhead(at) => (l.visit_ahead, shown_moment(at)),
            Unlikely::AppointmentFarAhead(at) => (l.appointment_far_ahead, shown_moment(at)),
        };
        text.replace("{date}", &date)
    }
}

/// The last day that is not "far ahead" of today. None only at the end of chrono's calendar,
/// where nothing is far ahead any more.
fn far_ahead_from(today: NaiveDate) -> Option<NaiveDate> {
    today.checked_add_months(Months::new(12 * YEARS_AHEAD))
}

/// A follow-up's due date more than 5 years after today.
pub fn unlikely_due(due: NaiveDate, today: NaiveDate) -> Option<Unlikely> {
    far_ahead_from(today)
        .is_some_and(|limit| due > limit)
        .then_some(Unlikely::DueFarAhead(due))
}

/// An appointment more than 5 years after today.
pub fn unlikely_appointment(at: NaiveDateTime, now: NaiveDateTime) -> Option<Unlikely> {
    far_ahead_from(now.date())
        .is_some_and(|limit| at.date() > limit)
        .then_some(Unlikely::AppointmentFarAhead(at))
}

/// Whether a visit's moment can be, and if so whether it is unlikely. Up to 5 minutes ahead
/// is now. Later the same day or up to a day ahead cannot be a visit that happened, and is no
/// slip of the date either but a time typed without its day ("14:30" for yesterday's visit):
/// refused, with the moment it came to (`Err`). More than a day ahead, or before 2000, is a
/// date that looks mistyped: asked back.
pub fn unlikely_visit(
    when: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<Option<Unlikely>, NaiveDateTime> {
    if when > now + Duration::days(1) {
        return Ok(Some(Unlikely::VisitAhead(when)));
    }
    if when > now + Duration::minutes(CLOCK_SLACK_MINUTES) {
        return Err(when);
    }
    let y2000 = NaiveDate::from_ymd_opt(2000, 1, 1).map(|d| d.and_time(chrono::NaiveTime::MIN));
    if y2000.is_some_and(|y| when < y) {
        return Ok(Some(Unlikely::VisitBefore2000(when)));
    }
    Ok(None)
}

/// Why a visit `unlikely_visit` refused cannot be stored, and what to type instead.
pub fn visit_not_yet(when: NaiveDateTime) -> String {
    format!(
        "the visit would lie in the future ({}); a late entry already happened: give its day too, e.g. \"gisteren 14:30\"",
        shown_moment(when)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn a_due_date_more_than_five_years_ahead_is_unlikely() {
        let today = d(2026, 11, 30);
        assert_eq!(unlikely_due(today, today), None);
        assert_eq!(unlikely_due(d(2031, 11, 30), today), None);
        assert_eq!(
            unlikely_due(d(2031, 12, 1), today),
            Some(Unlikely::DueFarAhead(d(2031, 12, 1)))
        );
        // A due date in the past is overdue, not mistyped: the lists show it at once.
        assert_eq!(unlikely_due(d(2020, 1, 1), today), None);
        assert_eq!(
            Unlikely::DueFarAhead(d(2062, 11, 28)).question(false),
            "De follow-up is pas op 28-11-2062, meer dan 5 jaar vooruit. Klopt die datum?"
        );
    }

    #[test]
    fn five_years_from_a_leap_day() {
        let today = d(2028, 2, 29);
        assert_eq!(unlikely_due(d(2033, 2, 28), today), None);
        assert!(unlikely_due(d(2033, 3, 1), today).is_some());
    }

    #[test]
    fn an_appointment_more_than_five_years_ahead_is_unlikely() {
        let now = at(2026, 11, 30, 12, 0);
        assert_eq!(unlikely_appointment(at(2031, 11, 30, 23, 0), now), None);
        assert_eq!(
            unlikely_appointment(at(2031, 12, 1, 9, 0), now),
            Some(Unlikely::AppointmentFarAhead(at(2031, 12, 1, 9, 0)))
        );
        assert_eq!(
            Unlikely::AppointmentFarAhead(at(2062, 1, 2, 10, 30)).question(true),
            "The appointment is on 02-01-2062 10:30, more than 5 years ahead. Is that date right?"
        );
    }

    #[test]
    fn a_visit_is_refused_a_few_hours_ahead_and_asked_back_days_ahead_or_before_2000() {
        let now = at(2026, 11, 30, 12, 0);
        assert_eq!(unlikely_visit(now, now), Ok(None));
        assert_eq!(unlikely_visit(at(2026, 11, 30, 12, 5), now), Ok(None));
        assert_eq!(unlikely_visit(at(2000, 1, 1, 0, 0), now), Ok(None));
        let later = at(2026, 11, 30, 14, 30);
        assert_eq!(unlikely_visit(later, now), Err(later));
        let tomorrow = at(2026, 12, 1, 12, 0);
        assert_eq!(unlikely_visit(tomorrow, now), Err(tomorrow));
        let ahead = at(2026, 12, 1, 12, 1);
        assert_eq!(
            unlikely_visit(ahead, now),
            Ok(Some(Unlikely::VisitAhead(ahead)))
        );
        let old = at(1999, 12, 31, 23, 59);
        assert_eq!(
            unlikely_visit(old, now),
            Ok(Some(Unlikely::VisitBefore2000(old)))
        );
        assert_eq!(
            Unlikely::VisitBefore2000(old).question(false),
            "Het bezoek is van 31-12-1999 23:59, vóór 2000. Klopt die datum?"
        );
    }
}
