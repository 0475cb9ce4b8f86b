//! The tally screen's keys: the period and CSV export.

use super::{Effect, reload_shown};
use crate::tally::{Period, Tally};
use crate::tui::keymap::Action;
use crate::tui::state::State;

/// A tally for a period no longer shown is dropped.
pub(super) fn tally_loaded(state: &mut State, tally: Tally) -> Vec<Effect> {
    if tally.from == state.tally.period.bounds().0 && tally.to == state.tally.period.bounds().1 {
        state.tally.tally = Some(tally);
    }
    Vec::new()
}

/// The tally screen: single keys switch the period (day, week, month, year around the one
/// shown), step back and forth, and write the shown tally to a CSV file.
pub(super) fn tally_key(state: &mut State, action: Option<Action>) -> Vec<Effect> {
    let t = &mut state.tally;
    let (first, _) = t.period.bounds();
    let period = match action {
        Some(Action::PeriodDay) => Period::Day(first),
        Some(Action::PeriodWeek) => Period::week_of(first),
        Some(Action::PeriodMonth) => Period::month_of(first),
        Some(Action::PeriodYear) => Period::year_of(first),
        Some(Action::Previous) => t.period.previous(),
        Some(Action::Next) => t.period.next(),
        Some(Action::Export) => return vec![Effect::ExportTally(t.period)],
        Some(Action::Back) => {
            state.screen = t.from;
            return reload_shown(state);
        }
        _ => return Vec::new(),
    };
    if period == t.period {
        return Vec::new();
    }
    t.period = period;
    t.tally = None;
    vec![Effect::LoadTally(period)]
}
