//! The client card's keys, and its small forms (alias, follow-up with its deadline).

use super::deadline::{self, Rules};
use super::{Effect, LINE_MAX, clamp, edit, open_card, step};
use crate::model::{AppointmentState, FollowUp, FollowUpState, Gender, Stamp, clean_line};
use crate::tui::forms::{ClientField, ClientForm, FollowupField, MiniForm, MiniKind, VisitForm};
use crate::tui::keymap::{Action, Key, Mode};
use crate::tui::state::{CardData, CardItem, CardState, Screen, State};
use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;

/// A card read again keeps its selection and open form; one for a client no longer shown
/// is dropped.
pub(super) fn card_loaded(state: &mut State, data: CardData) -> Vec<Effect> {
    if state.card_client == Some(data.client.number) {
        match &mut state.card {
            Some(card) if card.data.client.number == data.client.number => {
                card.data = data;
                let n = card.items().len();
                clamp(&mut card.selected, n);
            }
            _ => {
                state.card = Some(CardState {
                    data,
                    selected: 0,
                    mini: None,
                    confirm_delete: None,
                })
            }
        }
    }
    Vec::new()
}

pub(super) fn card_key(state: &mut State, action: Option<Action>, k: &KeyEvent) -> Vec<Effect> {
    let Some(card) = &mut state.card else {
        if action == Some(Action::Back) {
            state.screen = Screen::Search;
        }
        return Vec::new();
    };
    if card.mini.is_some() {
        return mini_key(state, k);
    }
    if let Some(number) = card.confirm_delete.take() {
        if action == Some(Action::Delete) {
            return vec![Effect::DeleteVisit(number)];
        }
        return Vec::new();
    }
    let client = card.data.client.number;
    let selected_visit = match card.items().get(card.selected) {
        Some(CardItem::Visit(n)) => card.data.visits.iter().find(|v| v.number == *n),
        _ => None,
    };
    match action {
        Some(Action::Correct) => {
            match selected_visit {
                Some(v) => {
                    let form =
                        VisitForm::correcting(v, card.data.client.name.clone(), Screen::Card);
                    state.visit = Some(form);
                    state.screen = Screen::Visit;
                }
                None => state.status.message = Some(state.desk.t().select_visit.to_string()),
            }
            Vec::new()
        }
        Some(Action::Delete) => {
            match selected_visit.map(|v| v.number) {
                Some(n) => card.confirm_delete = Some(n),
                None => state.status.message = Some(state.desk.t().select_visit.to_string()),
            }
            Vec::new()
        }
        Some(Action::Plan) => super::plan::open(state),
        Some(a @ (Action::Up | Action::Down | Action::PageUp | Action::PageDown)) => {
            let n = card.items().len();
            step(&mut card.selected, n, a);
            Vec::new()
        }
        Some(Action::Open) => match card.items().get(card.selected) {
            Some(CardItem::Member(n)) => {
                let n = *n;
                open_card(state, n)
            }
            _ => Vec::new(),
        },
        Some(Action::Done) => match card.items().get(card.selected) {
            Some(CardItem::FollowUp(n)) => vec![Effect::CloseFollowup(*n)],
            _ => {
                state.status.message = Some(state.desk.d().select_followup.to_string());
                Vec::new()
            }
        },
        Some(Action::Back) | Some(Action::Search) => {
            state.screen = Screen::Search;
            vec![Effect::Find(state.search.query.value().to_string())]
        }
        Some(Action::Visit) => {
            let mut form = VisitForm::new(client, card.data.client.name.clone());
            // An appointment of today that this visit may keep: offered, taken with one key.
            let today = state.now.date();
            form.offer = card
                .data
                .appointments
                .iter()
                .find(|a| a.at.date() == today && a.state == AppointmentState::Planned)
                .cloned();
            state.visit = Some(form);
            state.screen = Screen::Visit;
            Vec::new()
        }
        Some(Action::AddFollowup) => {
            card.mini = Some(MiniForm::new(MiniKind::FollowUp));
            Vec::new()
        }
        Some(Action::Alias) => {
            card.mini = Some(MiniForm::new(MiniKind::Alias));
            Vec::new()
        }
        Some(Action::Informed) => vec![Effect::MarkInformed(card.data.client.number)],
        Some(Action::Notice) => super::notice::open(state),
        Some(Action::Edit) => {
            let c = &card.data.client;
            let mut form = ClientForm::new(Some(c.number));
            let set = |form: &mut ClientForm, f: ClientField, v: String| {
                form.fields[f as usize] = Input::new(v);
            };
            set(&mut form, ClientField::Name, c.name.clone());
            set(&mut form, ClientField::Aliases, c.aliases.join(", "));
            set(&mut form, ClientField::Birth, c.birth.shown());
            if c.gender != Gender::Unknown {
                let short = c.gender.short(state.desk.english());
                set(&mut form, ClientField::Gender, short.to_string());
            }
            set(
                &mut form,
                ClientField::Country,
                c.country.clone().unwrap_or_default(),
            );
            set(&mut form, ClientField::Languages, c.languages.join(", "));
            let yes = if c.interpreter {
                state.desk.l().yes
            } else {
                ""
            };
            set(&mut form, ClientField::Interpreter, yes.to_string());
            set(
                &mut form,
                ClientField::Phone,
                c.phone.clone().unwrap_or_default(),
            );
            set(
                &mut form,
                ClientField::Begeleider,
                c.begeleider.clone().unwrap_or_default(),
            );
            state.client_form = Some(form);
            state.screen = Screen::NewClient;
            Vec::new()
        }
        Some(Action::Followups) => {
            state.screen = Screen::Followups;
            vec![Effect::LoadFollowups]
        }
        _ => Vec::new(),
    }
}

/// The card's small forms: Enter or save stores, Esc or back closes, Tab moves.
fn mini_key(state: &mut State, k: &KeyEvent) -> Vec<Effect> {
    let action = state.desk.keymap.action(Mode::NewClient, Key::of(k));
    // The visit form's deadline key, so one key picks a rule in both follow-up forms.
    let pick_deadline = state.desk.keymap.action(Mode::Visit, Key::of(k)) == Some(Action::Deadline);
    let d = state.desk.d();
    let lang = state.desk.lang;
    let rules = Rules {
        deadlines: &state.desk.deadlines,
        today: state.now.date(),
        english: state.desk.english(),
    };
    let stamp = Stamp {
        who: state.desk.volunteer.clone(),
        at: state.now,
    };
    let Some(card) = &mut state.card else {
        return Vec::new();
    };
    let client = card.data.client.number;
    let Some(mini) = &mut card.mini else {
        return Vec::new();
    };
    let followup = mini.kind == MiniKind::FollowUp;
    let submit = k.code == KeyCode::Enter || action == Some(Action::Save);
    match action {
        Some(Action::Back) if !submit => {
            card.mini = None;
            return Vec::new();
        }
        Some(a @ (Action::NextPart | Action::PrevPart)) if !submit => {
            if followup {
                mini.field = next_field(mini, a == Action::NextPart);
            }
            return Vec::new();
        }
        _ => {}
    }
    if followup && pick_deadline && !submit {
        cycle_deadline(mini, rules, true);
        mini.field = if mini.deadline.rule.is_some() {
            FollowupField::Letter
        } else {
            FollowupField::Rule
        };
        mini.error = None;
        return Vec::new();
    }
    if !submit {
        match mini.field {
            // ◂ ▸ as the line shows them.
            FollowupField::Rule => match k.code {
                KeyCode::Left => cycle_deadline(mini, rules, false),
                KeyCode::Right | KeyCode::Char(' ') => cycle_deadline(mini, rules, true),
                _ => {}
            },
            FollowupField::Letter => {
                if edit(&mut mini.deadline.letter, k) {
                    refill(mini, rules);
                }
            }
            FollowupField::Text => {
                edit(&mut mini.text, k);
            }
            FollowupField::Due => {
                edit(&mut mini.due, k);
            }
        }
        return Vec::new();
    }
    let effect = match mini.kind {
        MiniKind::Alias => match clean_line(mini.text.value(), "text", LINE_MAX) {
            Ok(t) if !t.is_empty() => Effect::AddAlias(client, t),
            Ok(_) => {
                mini.error = Some(d.empty_text.to_string());
                return Vec::new();
            }
            Err(e) => {
                mini.error = Some(crate::labels::refusal::input(lang, &e));
                return Vec::new();
            }
        },
        MiniKind::FollowUp => {
            let made = deadline::make(
                &mut mini.deadline,
                mini.text.value(),
                mini.due.value(),
                rules,
                d,
                "Enter",
            );
            match made {
                Ok(Some(m)) => Effect::AddFollowup(FollowUp {
                    number: 0,
                    client,
                    visit: None,
                    referral: None,
                    due: m.due,
                    text: m.text,
                    assignee: None,
                    state: FollowUpState::Open,
                    created: stamp,
                    deadline: m.deadline,
                }),
                Ok(None) => {
                    mini.error = Some(d.empty_text.to_string());
                    mini.field = FollowupField::Text;
                    return Vec::new();
                }
                Err((field, why)) => {
                    mini.error = Some(why);
                    mini.field = field;
                    return Vec::new();
                }
            }
        }
    };
    card.mini = None;
    vec![effect]
}

/// The line after (or before) the focused one: rule, letter (only with a rule), text, due.
fn next_field(mini: &MiniForm, forward: bool) -> FollowupField {
    const ORDER: [FollowupField; 4] = [
        FollowupField::Rule,
        FollowupField::Letter,
        FollowupField::Text,
        FollowupField::Due,
    ];
    let mut i = ORDER.iter().position(|f| *f == mini.field).unwrap_or(0);
    loop {
        i = if forward { (i + 1) % 4 } else { (i + 3) % 4 };
        let field = ORDER[i];
        if field != FollowupField::Letter || mini.deadline.rule.is_some() {
            return field;
        }
    }
}

fn cycle_deadline(mini: &mut MiniForm, rules: Rules, forward: bool) {
    deadline::cycle(&mut mini.deadline, rules.deadlines, forward);
    refill(mini, rules);
}

fn refill(mini: &mut MiniForm, rules: Rules) {
    deadline::refill(
        &mut mini.deadline,
        &mut mini.text,
        &mut mini.due,
        rules,
        MiniForm::DUE,
    );
}
