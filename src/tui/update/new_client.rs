//! The client form's keys (new or changed client): fields, possible duplicates, saving.

use super::{Effect, clamp, edit, open_card, step};
use crate::model::{Birth, ClientDraft, fields};
use crate::store::Duplicates;
use crate::tui::forms::{ClientField, ClientForm};
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State};
use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;

pub(super) fn duplicates_found(state: &mut State, d: Duplicates) -> Vec<Effect> {
    let now = state.now;
    if let Some(form) = &mut state.client_form {
        let numbers = |list: &[crate::store::ClientSummary]| -> Vec<u64> {
            list.iter().map(|s| s.client.number).collect()
        };
        if numbers(&form.duplicates) != numbers(&d.clients) {
            form.duplicates_at = now;
            form.duplicates_logged = false;
        }
        form.duplicates = d.clients;
        form.restricted_match = d.restricted > 0;
        clamp(&mut form.dup_selected, form.duplicates.len());
    }
    Vec::new()
}

/// The possible duplicates on screen show other clients' names and births, so a list that
/// stays (`search::SETTLED`), or that the volunteer acts on or leaves, is an audit line like a
/// search's, once per list.
pub(super) fn settle_duplicates(state: &mut State) -> Option<Effect> {
    let form = state.client_form.as_mut()?;
    if form.duplicates.is_empty() || form.duplicates_logged {
        return None;
    }
    form.duplicates_logged = true;
    Some(Effect::AuditFind {
        numbers: form.duplicates.iter().map(|s| s.client.number).collect(),
    })
}

/// At a tick: a list of possible duplicates that has stayed settles.
pub(super) fn tick(state: &mut State) -> Option<Effect> {
    let form = state.client_form.as_ref()?;
    if state.now - form.duplicates_at < super::search::SETTLED {
        return None;
    }
    settle_duplicates(state)
}

/// The saved client's card opens, with what was saved in the status line.
pub(super) fn client_saved(state: &mut State, number: u64, new: bool) -> Vec<Effect> {
    let l = state.desk.l();
    let label = if new {
        l.client_saved
    } else {
        l.client_changed
    };
    state.status.message = Some(format!("{label}: {number}"));
    state.client_form = None;
    let mut fx = vec![Effect::ClearDraft, Effect::LoadStatus];
    fx.extend(open_card(state, number));
    fx
}

pub(super) fn duplicates_effect(form: &ClientForm, today: chrono::NaiveDate) -> Option<Effect> {
    if form.editing.is_some() {
        return None;
    }
    let name = form.value(ClientField::Name).trim().to_string();
    if name.chars().count() < 2 {
        return None;
    }
    let birth = Birth::parse(form.value(ClientField::Birth), today).unwrap_or_default();
    Some(Effect::Duplicates { name, birth })
}

pub(super) fn client_key(state: &mut State, action: Option<Action>, k: &KeyEvent) -> Vec<Effect> {
    // Each of these takes the possible duplicates off the screen (or opens one of them).
    let mut fx: Vec<Effect> = match action {
        Some(Action::Back | Action::Save) => settle_duplicates(state).into_iter().collect(),
        _ if k.code == KeyCode::Enter => settle_duplicates(state).into_iter().collect(),
        _ => Vec::new(),
    };
    fx.extend(form_key(state, action, k));
    fx
}

fn form_key(state: &mut State, action: Option<Action>, k: &KeyEvent) -> Vec<Effect> {
    let today = state.today();
    let d = state.desk.d();
    let yes = state.desk.l().yes;
    let Some(form) = &mut state.client_form else {
        return Vec::new();
    };
    let form_editing = form.editing.is_some();
    if form.confirm_discard {
        form.confirm_discard = false;
        if action == Some(Action::Back) {
            state.client_form = None;
            state.screen = if form_editing {
                Screen::Card
            } else {
                Screen::Search
            };
            state.status.message = Some(d.discarded.to_string());
            return vec![Effect::ClearDraft];
        }
        return Vec::new();
    }
    let fields = ClientField::ALL.len();
    let last = if form.duplicates.is_empty() {
        fields - 1
    } else {
        fields
    };
    match action {
        Some(Action::Back) => {
            if form.editing.is_none() && form.has_input() {
                form.confirm_discard = true;
            } else {
                let back = if form.editing.is_some() {
                    Screen::Card
                } else {
                    Screen::Search
                };
                state.client_form = None;
                state.screen = back;
            }
            Vec::new()
        }
        Some(Action::Up) | Some(Action::Down) if form.in_duplicates() => {
            let a = action.unwrap_or(Action::Down);
            if a == Action::Up && form.dup_selected == 0 {
                form.part = fields - 1;
            } else {
                step(&mut form.dup_selected, form.duplicates.len(), a);
            }
            Vec::new()
        }
        Some(Action::NextPart) => {
            form.part = (form.part + 1).min(last);
            Vec::new()
        }
        Some(Action::PrevPart) => {
            form.part = form.part.saturating_sub(1);
            Vec::new()
        }
        Some(Action::Duplicates) => {
            if !form.duplicates.is_empty() {
                form.part = fields;
            }
            Vec::new()
        }
        Some(Action::Save) => save_client(state),
        _ if k.code == KeyCode::Enter => {
            if form.in_duplicates() {
                match form.duplicates.get(form.dup_selected) {
                    Some(s) => {
                        let n = s.client.number;
                        state.client_form = None;
                        open_card(state, n)
                    }
                    None => Vec::new(),
                }
            } else {
                form.part = (form.part + 1).min(last);
                Vec::new()
            }
        }
        _ => {
            let Some(field) = form.field() else {
                return Vec::new();
            };
            if field == ClientField::Interpreter {
                if k.code == KeyCode::Char(' ') || k.code == KeyCode::Backspace {
                    let v = if form.interpreter() { "" } else { yes };
                    form.fields[field as usize] = Input::new(v.to_string());
                }
                return Vec::new();
            }
            if edit(&mut form.fields[field as usize], k) {
                form.error = None;
                if matches!(field, ClientField::Name | ClientField::Birth) {
                    return duplicates_effect(form, today).into_iter().collect();
                }
            }
            Vec::new()
        }
    }
}

fn save_client(state: &mut State) -> Vec<Effect> {
    let today = state.today();
    let d = state.desk.d();
    let Some(form) = &mut state.client_form else {
        return Vec::new();
    };
    match client_draft(form, today) {
        Ok(draft) => {
            form.error = None;
            match form.editing {
                Some(n) => vec![Effect::UpdateClient(n, draft)],
                None => vec![Effect::AddClient(draft)],
            }
        }
        Err((field, msg)) => {
            form.part = field as usize;
            form.error = Some(if msg.is_empty() {
                d.need_name.to_string()
            } else {
                msg
            });
            Vec::new()
        }
    }
}

/// The form's fields checked and cleaned as the command line checks them
/// (`model::fields`); on a mistake, the field and what is wrong.
fn client_draft(
    form: &ClientForm,
    today: chrono::NaiveDate,
) -> Result<ClientDraft, (ClientField, String)> {
    let at = |f: ClientField| move |e: String| (f, e);
    let name_text = form.value(ClientField::Name);
    if name_text.trim().is_empty() {
        return Err((ClientField::Name, String::new()));
    }
    let birth_text = form.value(ClientField::Birth).trim();
    let birth = if birth_text.is_empty() {
        Birth::Unknown
    } else {
        Birth::parse(birth_text, today).map_err(at(ClientField::Birth))?
    };
    Ok(ClientDraft {
        name: fields::name(name_text).map_err(at(ClientField::Name))?,
        aliases: fields::aliases(form.value(ClientField::Aliases).split(','))
            .map_err(at(ClientField::Aliases))?,
        birth,
        gender: fields::gender(form.value(ClientField::Gender)).map_err(at(ClientField::Gender))?,
        country: fields::country(form.value(ClientField::Country))
            .map_err(at(ClientField::Country))?,
        languages: fields::languages([form.value(ClientField::Languages)])
            .map_err(at(ClientField::Languages))?,
        interpreter: form.interpreter(),
        phone: fields::phone(form.value(ClientField::Phone)).map_err(at(ClientField::Phone))?,
        note: String::new(),
        begeleider: fields::begeleider(form.value(ClientField::Begeleider))
            .map_err(at(ClientField::Begeleider))?,
    })
}
