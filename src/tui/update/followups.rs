//! The follow-ups list's keys: mine or all, done, open the client's card.

use super::{Effect, clamp, open_card, step};
use crate::tui::keymap::Action;
use crate::tui::state::{FollowupRow, Screen, State};

pub(super) fn followups_loaded(state: &mut State, rows: Vec<FollowupRow>) -> Vec<Effect> {
    state.followups.rows = rows;
    let n = state.followups.shown(&state.desk.volunteer).count();
    clamp(&mut state.followups.selected, n);
    Vec::new()
}

pub(super) fn followups_key(state: &mut State, action: Option<Action>) -> Vec<Effect> {
    let f = &mut state.followups;
    let shown: Vec<&FollowupRow> = f.shown(&state.desk.volunteer).collect();
    let current = shown.get(f.selected).map(|r| r.followup.clone());
    let len = shown.len();
    match action {
        Some(a @ (Action::Up | Action::Down | Action::PageUp | Action::PageDown)) => {
            step(&mut f.selected, len, a);
            Vec::new()
        }
        Some(Action::Mine) => {
            f.mine = !f.mine;
            f.selected = 0;
            Vec::new()
        }
        Some(Action::Done) => current
            .map(|fu| Effect::CloseFollowup(fu.number))
            .into_iter()
            .collect(),
        Some(Action::Open) => match current {
            Some(fu) => open_card(state, fu.client),
            None => Vec::new(),
        },
        Some(Action::Back) | Some(Action::Search) => {
            state.screen = Screen::Search;
            vec![Effect::Find(state.search.query.value().to_string())]
        }
        _ => Vec::new(),
    }
}
