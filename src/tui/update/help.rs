//! The help screen's keys: scroll, and back to the screen help was opened from.

use super::Effect;
use crate::tui::keymap::Action;
use crate::tui::state::State;

pub(super) fn help_key(state: &mut State, action: Option<Action>) -> Vec<Effect> {
    match action {
        Some(Action::Back) | Some(Action::Help) => state.screen = state.help_from,
        Some(Action::Up) => state.help_scroll = state.help_scroll.saturating_sub(1),
        Some(Action::Down) => state.help_scroll += 1,
        _ => {}
    }
    Vec::new()
}
