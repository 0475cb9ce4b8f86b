//! The lines of a follow-up's legal deadline, drawn alike in the visit form and the card's
//! follow-up form: the rule picker, and what the letter's date and the due date come to.

use super::Theme;
use super::cut::ellipsis;
use crate::tui::forms::DeadlinePick;
use crate::tui::state::State;
use crate::tui::update::{Resolved, Rules, resolve};
use chrono::{Datelike, NaiveDate};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// "ma 11-01-2027": the weekday tells the volunteer at once whether it is the day meant.
pub fn day(state: &State, date: NaiveDate) -> String {
    let d = state.desk.d();
    format!(
        "{} {}",
        d.weekdays[date.weekday().num_days_from_monday() as usize],
        crate::dates::shown(date)
    )
}

/// "termijn: ◂ bezwaar ▸" in `width` columns.
pub fn rule_line(
    state: &State,
    pick: &DeadlinePick,
    focused: bool,
    width: u16,
    t: &Theme,
) -> Line<'static> {
    let d = state.desk.d();
    let label = format!("{}: ", d.deadline);
    let name = match &pick.rule {
        Some(key) => state.desk.deadlines.label(key, state.desk.english()),
        None => d.no_deadline,
    };
    let room = (width as usize).saturating_sub(label.chars().count() + 4);
    let style = if focused { t.focus } else { Style::new() };
    Line::from(vec![
        Span::styled(label, style),
        Span::raw(format!("◂ {} ▸", ellipsis(&super::safe(name), room))),
    ])
}

/// What the letter's date comes to, and the deadline: "→ za 28-11-2026" and
/// "§ termijn ma 11-01-2027" (an unlikely letter date in the warning style), or why the date
/// cannot be read. Nothing while no rule is chosen or no date typed.
pub fn resolved(
    state: &State,
    pick: &DeadlinePick,
    t: &Theme,
) -> Option<(Line<'static>, Line<'static>)> {
    let rules = Rules {
        deadlines: &state.desk.deadlines,
        today: state.today(),
        english: state.desk.english(),
    };
    let d = state.desk.d();
    match resolve(pick, rules) {
        Resolved::None | Resolved::NoLetter => None,
        Resolved::BadLetter(_) => Some((Line::styled(d.bad_letter, t.warn), Line::from(""))),
        Resolved::BadRule(e) => Some((Line::styled(e, t.warn), Line::from(""))),
        Resolved::Ready { guard, check } => {
            let letter = format!("→ {}", day(state, guard.deadline.letter));
            let letter = if check.needs_confirmation() {
                Line::styled(format!("{letter} ?"), t.warn)
            } else {
                Line::from(letter)
            };
            let ends = format!(
                "{} {}",
                state.desk.l().deadline_mark,
                day(state, guard.deadline.ends)
            );
            Some((letter, Line::styled(ends, t.warn)))
        }
    }
}

/// What a due date as typed comes to: "→ vr 12-12-2026", or that it cannot be read.
pub fn due(state: &State, text: &str, t: &Theme) -> Option<Line<'static>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(match crate::dates::parse_date(text, state.today()) {
        Ok(date) => Line::from(format!("→ {}", day(state, date))),
        Err(_) => Line::styled(state.desk.d().bad_date, t.warn),
    })
}

/// The mark of a follow-up that guards a legal deadline, with its last day: "§ termijn
/// 11-01-2027".
pub fn mark(state: &State, f: &crate::model::FollowUp) -> Option<String> {
    f.deadline.as_ref().map(|d| {
        format!(
            "{} {}",
            state.desk.l().deadline_mark,
            crate::dates::shown(d.ends)
        )
    })
}
