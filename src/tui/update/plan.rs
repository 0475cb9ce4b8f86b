//! The appointment form's keys: when (read as it is typed), with whom, about what, where;
//! Enter or Ctrl-S plans it, Esc goes back to the card.

use super::{Effect, edit};
use crate::config::Lang;
use crate::dates::{coming_moment, shown_moment};
use crate::model::{NewAppointment, unlikely_appointment};
use crate::tui::forms::{PlanField, PlanForm};
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State};
use chrono::NaiveDateTime;
use crossterm::event::KeyEvent;

/// The card's key: a form for its client, with the volunteer planning it as "with".
pub(super) fn open(state: &mut State) -> Vec<Effect> {
    if let Some(card) = &state.card {
        let c = &card.data.client;
        state.plan = Some(PlanForm::new(
            c.number,
            c.name.clone(),
            &state.desk.volunteer,
        ));
        state.screen = Screen::Plan;
    }
    Vec::new()
}

pub(super) fn plan_key(state: &mut State, action: Option<Action>, k: &KeyEvent) -> Vec<Effect> {
    let now = state.now;
    let d = state.desk.d();
    let lang = state.desk.lang;
    let english = state.desk.english();
    let save_key = state
        .desk
        .keymap
        .key_for(Screen::Plan.mode(), Action::Save)
        .unwrap_or("?");
    let Some(form) = &mut state.plan else {
        state.screen = Screen::Card;
        return Vec::new();
    };
    let at = PlanField::ALL
        .iter()
        .position(|f| *f == form.part)
        .unwrap_or(0);
    let n = PlanField::ALL.len();
    match action {
        Some(Action::Back) => {
            state.plan = None;
            state.screen = Screen::Card;
            Vec::new()
        }
        Some(Action::NextPart) => {
            form.part = PlanField::ALL[(at + 1) % n];
            Vec::new()
        }
        Some(Action::PrevPart) => {
            form.part = PlanField::ALL[(at + n - 1) % n];
            Vec::new()
        }
        Some(Action::Save) => match appointment(form, now, lang) {
            Ok(new) => {
                // Years ahead is asked back, as on the command line: the next save keeps it.
                let odd = unlikely_appointment(new.at, now).filter(|_| form.asked != Some(new.at));
                if let Some(odd) = odd {
                    form.asked = Some(new.at);
                    let question = odd.question(english);
                    form.error = Some(super::deadline::ask_again(d, &question, save_key));
                    form.part = PlanField::At;
                    return Vec::new();
                }
                form.error = None;
                vec![Effect::PlanAppointment(new)]
            }
            Err((field, message)) => {
                form.part = field;
                form.error = Some(message);
                Vec::new()
            }
        },
        _ => {
            let part = form.part;
            if edit(form.input(part), k) {
                form.error = None;
            }
            Vec::new()
        }
    }
}

/// The appointment the form describes, or the field to fix and why.
fn appointment(
    form: &PlanForm,
    now: NaiveDateTime,
    lang: Lang,
) -> Result<NewAppointment, (PlanField, String)> {
    let at = coming_moment(form.at.value(), now)
        .map_err(|e| (PlanField::At, crate::labels::refusal::date(lang, &e)))?;
    let new = NewAppointment {
        client: form.client,
        at,
        with: form.with.value().to_string(),
        about: form.about.value().to_string(),
        place: Some(form.place.value().to_string()),
    };
    new.cleaned().map_err(|e| (PlanField::About, e.to_string()))
}

/// Back on the card, with the appointment's number and moment (and a double booking said).
pub(super) fn planned(
    state: &mut State,
    number: u64,
    at: NaiveDateTime,
    warning: Option<String>,
) -> Vec<Effect> {
    let t = state.desk.t();
    let mut message = t
        .planned
        .replace("{n}", &number.to_string())
        .replace("{at}", &shown_moment(at));
    if let Some(w) = warning {
        message = format!("{message}; {w}");
    }
    state.status.message = Some(message);
    state.plan = None;
    state.screen = Screen::Card;
    let mut fx = vec![Effect::LoadStatus];
    fx.extend(state.card_client.map(Effect::LoadCard));
    fx
}
