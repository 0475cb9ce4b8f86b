//! Vandaag's keys: move through today's visits, appointments and follow-ups, open the client,
//! show only mine, and correct or delete a visit (deleting asks first).

use super::{Effect, clamp, open_card, step};
use crate::tui::forms::VisitForm;
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State, TodayData, TodayItem, VisitRow};

pub(super) fn open(state: &mut State) -> Vec<Effect> {
    state.screen = Screen::Today;
    state.today.confirm_delete = None;
    state.today.selected = 0;
    vec![Effect::LoadToday]
}

pub(super) fn today_loaded(state: &mut State, data: TodayData) -> Vec<Effect> {
    state.today.data = data;
    let n = state.today.items(&state.desk.volunteer).len();
    clamp(&mut state.today.selected, n);
    Vec::new()
}

pub(super) fn today_key(state: &mut State, action: Option<Action>) -> Vec<Effect> {
    let me = state.desk.volunteer.clone();
    let items = state.today.items(&me);
    let selected = items.get(state.today.selected).copied();
    if let Some(number) = state.today.confirm_delete.take() {
        if action == Some(Action::Delete) {
            return vec![Effect::DeleteVisit(number)];
        }
        return Vec::new();
    }
    match action {
        Some(a @ (Action::Up | Action::Down | Action::PageUp | Action::PageDown)) => {
            step(&mut state.today.selected, items.len(), a);
            Vec::new()
        }
        Some(Action::Mine) => {
            state.today.mine = !state.today.mine;
            state.today.selected = 0;
            Vec::new()
        }
        Some(Action::Back) => {
            state.screen = Screen::Search;
            vec![Effect::Find(state.search.query.value().to_string())]
        }
        Some(Action::Open) => match selected.and_then(|item| client_of(state, item)) {
            Some(client) => open_card(state, client),
            None => {
                state.status.message = Some(state.desk.t().anonymous_has_no_card.to_string());
                Vec::new()
            }
        },
        Some(Action::Correct) => match selected_visit(state, selected) {
            Some(row) if row.visit.client.is_some() => {
                let name = row.client_name.clone().unwrap_or_default();
                let form = VisitForm::correcting(&row.visit, name, Screen::Today);
                state.visit = Some(form);
                state.screen = Screen::Visit;
                Vec::new()
            }
            Some(_) => {
                state.status.message = Some(state.desk.t().anonymous_has_no_card.to_string());
                Vec::new()
            }
            None => {
                state.status.message = Some(state.desk.t().select_visit.to_string());
                Vec::new()
            }
        },
        Some(Action::Delete) => {
            match selected_visit(state, selected).map(|r| r.visit.number) {
                Some(number) => state.today.confirm_delete = Some(number),
                None => state.status.message = Some(state.desk.t().select_visit.to_string()),
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn selected_visit(state: &State, item: Option<TodayItem>) -> Option<&VisitRow> {
    match item? {
        TodayItem::Visit(n) => state.today.data.visits.iter().find(|r| r.visit.number == n),
        _ => None,
    }
}

/// The client a row is about; none for an anonymous visit.
fn client_of(state: &State, item: TodayItem) -> Option<u64> {
    let d = &state.today.data;
    match item {
        TodayItem::Visit(n) => d.visits.iter().find(|r| r.visit.number == n)?.visit.client,
        TodayItem::Appointment(n) => d
            .appointments
            .iter()
            .find(|r| r.appointment.number == n)
            .map(|r| r.appointment.client),
        TodayItem::FollowUp(n) => d
            .followups
            .iter()
            .find(|r| r.followup.number == n)
            .map(|r| r.followup.client),
    }
}
