//! The search screen's keys: typing searches, arrows choose, Enter opens the card.

use super::new_client::duplicates_effect;
use super::{Effect, clamp, edit, open_card, step};
use crate::store::ClientSummary;
use crate::tui::forms::{ClientField, ClientForm};
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State};
use chrono::TimeDelta;
use crossterm::event::KeyEvent;
use tui_input::Input;

/// How long a query must stay as typed, with its results on screen, before those results
/// count as a lookup: typing searches at every key, and a line per keystroke would log clients
/// the volunteer never looked at.
pub(super) const SETTLED: TimeDelta = TimeDelta::seconds(2);

/// Results for a query the volunteer has since typed past are dropped.
pub(super) fn found(state: &mut State, query: String, results: Vec<ClientSummary>) -> Vec<Effect> {
    if query == state.search.query.value() {
        state.search.results = results;
        state.search.results_for = query;
        clamp(&mut state.search.selected, state.search.results.len());
    }
    Vec::new()
}

/// The results on the search screen become an audit line with the clients they show, unless
/// their query is the one logged last. Called where they settle: at a tick once the query
/// has rested, and when the volunteer opens a card, clears the search or leaves it.
pub(super) fn settle(state: &mut State) -> Option<Effect> {
    let s = &mut state.search;
    if state.screen != Screen::Search
        || s.results.is_empty()
        || s.logged.as_deref() == Some(s.results_for.as_str())
    {
        return None;
    }
    s.logged = Some(s.results_for.clone());
    Some(Effect::AuditFind {
        numbers: s.results.iter().map(|r| r.client.number).collect(),
    })
}

/// At a tick: results of the query as typed, unchanged for `SETTLED`, settle.
pub(super) fn tick(state: &mut State) -> Option<Effect> {
    let s = &state.search;
    if state.now - s.changed < SETTLED || s.results_for != s.query.value() {
        return None;
    }
    settle(state)
}

pub(super) fn search_key(state: &mut State, action: Option<Action>, k: &KeyEvent) -> Vec<Effect> {
    // Each of these takes the results off the screen (or opens one of them).
    let mut fx: Vec<Effect> = match action {
        Some(Action::Open | Action::Clear | Action::NewClient | Action::Followups) => {
            settle(state).into_iter().collect()
        }
        _ => Vec::new(),
    };
    fx.extend(act(state, action, k));
    fx
}

fn act(state: &mut State, action: Option<Action>, k: &KeyEvent) -> Vec<Effect> {
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
            s.changed = state.now;
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
                s.changed = state.now;
                vec![Effect::Find(s.query.value().to_string())]
            } else {
                Vec::new()
            }
        }
    }
}
