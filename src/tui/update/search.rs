//! The search screen's keys: typing searches, arrows choose, Enter opens the card.

use super::new_client::duplicates_effect;
use super::{Effect, clamp, edit, open_card, step};
use crate::store::ClientSummary;
use crate::tui::forms::{ClientField, ClientForm};
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State};
use crossterm::event::KeyEvent;
use tui_input::Input;

/// Results for a query the volunteer has since typed past are dropped.
pub(super) fn found(state: &mut State, query: String, results: Vec<ClientSummary>) -> Vec<Effect> {
    if query == state.search.query.value() {
        state.search.results = results;
        clamp(&mut state.search.selected, state.search.results.len());
    }
    Vec::new()
}

pub(super) fn search_key(state: &mut State, action: Option<Action>, k: &KeyEvent) -> Vec<Effect> {
    let s = &mut state.search;
    match action {
        Some(a @ (Action::Up | Action::Down | Action::PageUp | Action::PageDown)) => {
            step(&mut s.selected, s.results.len(), a);
            Vec::new()
        }
        Some(Action::Open) => match s.results.get(s.selected) {
            Some(r) => {
                let n = r.client.number;
                open_card(state, n)
            }
            None => Vec::new(),
        },
        Some(Action::Clear) => {
            s.query.reset();
            s.results.clear();
            s.selected = 0;
            Vec::new()
        }
        Some(Action::NewClient) => {
            let mut form = ClientForm::new(None);
            form.fields[ClientField::Name as usize] =
                Input::new(s.query.value().trim().to_string());
            let fx = duplicates_effect(&form, state.today());
            state.client_form = Some(form);
            state.screen = Screen::NewClient;
            fx.into_iter().collect()
        }
        Some(Action::Followups) => {
            state.screen = Screen::Followups;
            vec![Effect::LoadFollowups]
        }
        _ => {
            if edit(&mut s.query, k) {
                s.selected = 0;
                vec![Effect::Find(s.query.value().to_string())]
            } else {
                Vec::new()
            }
        }
    }
}
