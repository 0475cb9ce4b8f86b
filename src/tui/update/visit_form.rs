//! The visit form's keys: parts, lists, suggestion, and saving the visit.

use super::deadline::{self, Rules};
use super::{Effect, edit, step};
use crate::config::Lang;
use crate::dates::parse_datetime;
use crate::model::{
    CatalogKind, Channel, Referral, Stamp, Unlikely, Visit, clean_note, unlikely_visit,
    visit_not_yet,
};
use crate::store::NewFollowUp;
use crate::tui::forms::{VisitForm, VisitPart};
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State};
use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;

const NOTE_MAX: usize = 500;

/// Back to the client's card, with the visit's number (and its follow-up's) in the status
/// line.
pub(super) fn visit_saved(state: &mut State, number: u64, followup: Option<u64>) -> Vec<Effect> {
    let d = state.desk.d();
    let mut msg = format!("{} {number}", d.visit_saved_no);
    if let Some(f) = followup {
        msg.push_str(&format!(", {} {f}", state.desk.l().followup_saved));
    }
    state.status.message = Some(msg);
    let client = state.visit.take().map(|v| v.client);
    state.screen = Screen::Card;
    let mut fx = vec![Effect::ClearDraft, Effect::LoadStatus];
    if let Some(c) = client {
        fx.push(Effect::LoadCard(c));
    }
    fx
}

/// Back where the correction started (the card or Vandaag), saying which visit changed.
pub(super) fn visit_corrected(state: &mut State, number: u64) -> Vec<Effect> {
    state.status.message = Some(state.desk.t().corrected.replace("{n}", &number.to_string()));
    state.screen = state.visit.take().map_or(Screen::Card, |v| v.return_to);
    let mut fx = vec![Effect::ClearDraft, Effect::LoadStatus];
    fx.extend(super::reload_shown(state));
    fx
}

/// Chooses the follow-up's deadline rule and fills its lines from it.
fn cycle_deadline(form: &mut VisitForm, rules: Rules, forward: bool) {
    deadline::cycle(&mut form.deadline, rules.deadlines, forward);
    refill(form, rules);
}

fn refill(form: &mut VisitForm, rules: Rules) {
    deadline::refill(
        &mut form.deadline,
        &mut form.fu_text,
        &mut form.fu_due,
        rules,
        "",
    );
}

/// The part after (or before) the current one; the letter's date only with a rule chosen.
fn next_part(form: &VisitForm, forward: bool) -> VisitPart {
    let all = VisitPart::ALL;
    let n = all.len();
    let mut i = all.iter().position(|p| *p == form.part).unwrap_or(0);
    loop {
        i = if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        let part = all[i];
        if part != VisitPart::Letter || form.deadline.rule.is_some() {
            return part;
        }
    }
}

pub(super) fn visit_key(state: &mut State, action: Option<Action>, k: &KeyEvent) -> Vec<Effect> {
    let english = state.desk.english();
    let d = state.desk.d();
    let rules = Rules {
        deadlines: &state.desk.deadlines,
        today: state.now.date(),
        english,
    };
    let Some(form) = &mut state.visit else {
        return Vec::new();
    };
    if form.confirm_discard {
        form.confirm_discard = false;
        if action == Some(Action::Back) {
            state.screen = form.return_to;
            state.visit = None;
            state.status.message = Some(d.discarded.to_string());
            return vec![Effect::ClearDraft];
        }
        return Vec::new();
    }
    let catalog = &state.desk.catalog;
    match action {
        Some(Action::Back) => {
            // A correction is filled in from the start: leaving it throws nothing away.
            if form.has_input() && form.editing.is_none() {
                form.confirm_discard = true;
            } else {
                state.screen = form.return_to;
                state.visit = None;
            }
            Vec::new()
        }
        Some(Action::KeepAppointment) => {
            if let Some(a) = &form.offer {
                form.keeps = Some(a.number);
                form.channel = Channel::Afspraak;
            }
            Vec::new()
        }
        Some(Action::NextPart) => {
            form.part = next_part(form, true);
            Vec::new()
        }
        Some(Action::PrevPart) => {
            form.part = next_part(form, false);
            Vec::new()
        }
        // From anywhere in the form: the next rule, then straight on to the letter's date.
        Some(Action::Deadline) => {
            cycle_deadline(form, rules, true);
            form.part = if form.deadline.rule.is_some() {
                VisitPart::Letter
            } else {
                VisitPart::Deadline
            };
            form.error = None;
            Vec::new()
        }
        Some(Action::AcceptSuggestion) => {
            if let Some(dest) = form.suggestion.take() {
                let label = catalog.label(CatalogKind::Referral, &dest, english);
                form.fu_text = Input::new(format!("{} {label}", d.ask_at));
                form.fu_due = Input::new("+2w".into());
                form.fu_referral = Some(dest);
                form.part = VisitPart::FollowupText;
            }
            Vec::new()
        }
        Some(Action::Save) => save_visit(state),
        Some(
            a @ (Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Toggle),
        ) => {
            match form.part {
                VisitPart::Categories | VisitPart::Referrals => {
                    let kind = if form.part == VisitPart::Categories {
                        CatalogKind::Category
                    } else {
                        CatalogKind::Referral
                    };
                    let picker = if kind == CatalogKind::Category {
                        &mut form.categories
                    } else {
                        &mut form.referrals
                    };
                    let visible: Vec<String> = picker
                        .visible(catalog, kind, english)
                        .iter()
                        .map(|e| e.key.clone())
                        .collect();
                    if a == Action::Toggle {
                        if let Some(key) = visible.get(picker.cursor) {
                            if let Some(i) = picker.chosen.iter().position(|c| c == key) {
                                picker.chosen.remove(i);
                                if form.suggestion.as_ref() == Some(key) {
                                    form.suggestion = None;
                                }
                            } else {
                                picker.chosen.push(key.clone());
                                if kind == CatalogKind::Referral && form.fu_text.value().is_empty()
                                {
                                    form.suggestion = Some(key.clone());
                                }
                            }
                            picker.filter.reset();
                            // Keep the cursor on the entry just toggled in the whole list.
                            let all: Vec<&str> =
                                catalog.active(kind).map(|e| e.key.as_str()).collect();
                            picker.cursor = all.iter().position(|k| k == key).unwrap_or(0);
                            form.error = None;
                        }
                    } else {
                        step(&mut picker.cursor, visible.len(), a);
                    }
                }
                VisitPart::Channel => {
                    let i = Channel::ALL
                        .iter()
                        .position(|c| *c == form.channel)
                        .unwrap_or(0);
                    let n = Channel::ALL.len();
                    form.channel = match a {
                        Action::Up | Action::PageUp => Channel::ALL[(i + n - 1) % n],
                        _ => Channel::ALL[(i + 1) % n],
                    };
                }
                VisitPart::Deadline => {
                    cycle_deadline(form, rules, !matches!(a, Action::Up | Action::PageUp))
                }
                _ => {
                    if a == Action::Toggle {
                        edit(form.text_input(), k);
                    }
                }
            }
            Vec::new()
        }
        _ => {
            match form.part {
                VisitPart::Channel => {}
                // ◂ ▸ as the line shows them.
                VisitPart::Deadline => match k.code {
                    KeyCode::Left => cycle_deadline(form, rules, false),
                    KeyCode::Right => cycle_deadline(form, rules, true),
                    _ => {}
                },
                part => {
                    if edit(form.text_input(), k) {
                        match part {
                            VisitPart::Categories => form.categories.cursor = 0,
                            VisitPart::Referrals => form.referrals.cursor = 0,
                            VisitPart::Letter => refill(form, rules),
                            _ => {}
                        }
                    }
                }
            }
            Vec::new()
        }
    }
}

/// The moment of a visit from the form's "when" (empty: now), and what is unlikely about it
/// (see `unlikely_visit`); a moment that cannot have happened yet is refused.
pub fn moment(
    text: &str,
    now: NaiveDateTime,
    lang: Lang,
) -> Result<(NaiveDateTime, Option<Unlikely>), String> {
    if text.trim().is_empty() {
        return Ok((now, None));
    }
    let when = parse_datetime(text, now).map_err(|e| crate::labels::refusal::date(lang, &e))?;
    let odd = unlikely_visit(when, now).map_err(visit_not_yet)?;
    Ok((when, odd))
}

fn save_visit(state: &mut State) -> Vec<Effect> {
    let d = state.desk.d();
    let lang = state.desk.lang;
    let now = state.now;
    let volunteer = state.desk.volunteer.clone();
    let rules = Rules {
        deadlines: &state.desk.deadlines,
        today: now.date(),
        english: state.desk.english(),
    };
    let save_key = state
        .desk
        .keymap
        .key_for(Screen::Visit.mode(), Action::Save)
        .unwrap_or("?");
    let Some(form) = &mut state.visit else {
        return Vec::new();
    };
    if form.categories.chosen.is_empty() {
        form.error = Some(d.need_category.to_string());
        form.part = VisitPart::Categories;
        return Vec::new();
    }
    let when = match moment(form.when.value(), now, lang) {
        Ok((w, Some(odd))) if form.asked_when != Some(w) => {
            form.asked_when = Some(w);
            let question = odd.question(rules.english);
            form.error = Some(deadline::ask_again(d, &question, save_key));
            form.part = VisitPart::When;
            return Vec::new();
        }
        Ok((w, _)) => w,
        Err(e) => {
            form.error = Some(e);
            form.part = VisitPart::When;
            return Vec::new();
        }
    };
    let note = match clean_note(form.note.value(), "note", NOTE_MAX) {
        Ok(n) => n,
        Err(e) => {
            form.error = Some(crate::labels::refusal::input(lang, &e));
            form.part = VisitPart::Note;
            return Vec::new();
        }
    };
    if form.editing.is_some() && !form.fu_text.value().trim().is_empty() {
        form.error = Some(state.desk.t().no_followup_in_correction.to_string());
        form.part = VisitPart::FollowupText;
        return Vec::new();
    }
    let made = deadline::make(
        &mut form.deadline,
        form.fu_text.value(),
        form.fu_due.value(),
        rules,
        d,
        save_key,
    );
    let followups: Vec<NewFollowUp> = match made {
        Ok(made) => made
            .into_iter()
            .map(|m| NewFollowUp {
                due: m.due,
                text: m.text,
                assignee: None,
                referral: form.fu_referral.clone(),
                deadline: m.deadline,
            })
            .collect(),
        Err((field, why)) => {
            form.error = Some(why);
            form.part = VisitPart::of(field);
            return Vec::new();
        }
    };
    form.error = None;
    let stamp = Stamp {
        who: volunteer.clone(),
        at: now,
    };
    let visit = Visit {
        number: 0,
        client: Some(form.client),
        when,
        volunteer,
        channel: form.channel,
        categories: form.categories.chosen.clone(),
        referrals: form
            .referrals
            .chosen
            .iter()
            .map(|r| Referral {
                destination: r.clone(),
                note: String::new(),
            })
            .collect(),
        note,
        recorded: stamp,
    };
    match form.editing {
        Some(number) => vec![Effect::ChangeVisit { number, visit }],
        None => vec![Effect::SaveVisit {
            visit,
            followups,
            keeps: form.keeps,
        }],
    }
}
