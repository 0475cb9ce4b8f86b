//! The desk's logic: an event and the time in, the state changed and effects out. No I/O:
//! the loop in `run` carries out the effects and feeds their results back as events.

use super::forms::{ClientField, ClientForm, MiniForm, MiniKind, VisitForm, VisitPart};
use super::keymap::{Action, Key, Mode};
use super::state::{CardData, CardItem, CardState, FollowupRow, Screen, State, Status};
use crate::dates::{parse_date, parse_datetime};
use crate::model::{
    Birth, CatalogKind, Channel, ClientDraft, FollowUp, FollowUpState, Referral, Stamp, Visit,
    clean_line, clean_note, fields,
};
use crate::store::{ClientSummary, Draft, NewFollowUp};
use crate::tally::{Period, Tally};
use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::{Input, InputRequest};

/// How many results a search asks for (a screen shows about 18; PgDn reaches the rest).
pub const RESULT_LIMIT: usize = 100;
const PAGE: usize = 10;
const NOTE_MAX: usize = 500;
const LINE_MAX: usize = 200;

/// Work for the loop: reads and writes of the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Find(String),
    LoadCard(u64),
    LoadFollowups,
    LoadStatus,
    Duplicates {
        name: String,
        birth: Birth,
    },
    SaveVisit {
        visit: Visit,
        followups: Vec<NewFollowUp>,
    },
    AddClient(ClientDraft),
    UpdateClient(u64, ClientDraft),
    AddAlias(u64, String),
    AddFollowup(FollowUp),
    CloseFollowup(u64),
    SaveDraft(Draft),
    ClearDraft,
    LoadTally(Period),
    /// The volunteer opened a client's card: the audit log records the view.
    AuditView(u64),
    /// The client was told today what is recorded and why.
    MarkInformed(u64),
    /// Write the shown period's tally to a CSV file and say where.
    ExportTally(Period),
}

/// What happens to the desk: keys, the clock, signals, and the results of effects.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Key(KeyEvent),
    /// About once a second: the clock moves and shown data is read again.
    Tick,
    /// SIGHUP or SIGTERM: keep typed text as a draft and stop.
    Hangup,
    Found {
        query: String,
        results: Vec<ClientSummary>,
    },
    CardLoaded(Box<CardData>),
    FollowupsLoaded(Vec<FollowupRow>),
    StatusLoaded {
        clients: u64,
        due_today: u64,
        overdue: u64,
    },
    DuplicatesFound(Vec<ClientSummary>),
    VisitSaved {
        number: u64,
        followup: Option<u64>,
    },
    ClientSaved {
        number: u64,
        new: bool,
    },
    /// A change went through; the message says which.
    Changed(String),
    Failed(String),
    DraftFound(Draft),
    TallyLoaded(Box<Tally>),
}

pub fn update(state: &mut State, event: Event, now: NaiveDateTime) -> Vec<Effect> {
    state.now = now;
    match event {
        Event::Key(k) if k.kind == KeyEventKind::Press => key(state, k),
        Event::Key(_) => Vec::new(),
        Event::Tick => refresh(state),
        Event::Hangup => {
            state.quit = true;
            draft_effect(state).into_iter().collect()
        }
        Event::Found { query, results } => {
            if query == state.search.query.value() {
                state.search.results = results;
                clamp(&mut state.search.selected, state.search.results.len());
            }
            Vec::new()
        }
        Event::CardLoaded(data) => {
            if state.card_client == Some(data.client.number) {
                match &mut state.card {
                    Some(card) if card.data.client.number == data.client.number => {
                        card.data = *data;
                        let n = card.items().len();
                        clamp(&mut card.selected, n);
                    }
                    _ => {
                        state.card = Some(CardState {
                            data: *data,
                            selected: 0,
                            mini: None,
                        })
                    }
                }
            }
            Vec::new()
        }
        Event::TallyLoaded(tally) => {
            if tally.from == state.tally.period.bounds().0
                && tally.to == state.tally.period.bounds().1
            {
                state.tally.tally = Some(*tally);
            }
            Vec::new()
        }
        Event::FollowupsLoaded(rows) => {
            state.followups.rows = rows;
            let n = state.followups.shown(&state.desk.volunteer).count();
            clamp(&mut state.followups.selected, n);
            Vec::new()
        }
        Event::StatusLoaded {
            clients,
            due_today,
            overdue,
        } => {
            state.status = Status {
                clients,
                due_today,
                overdue,
                message: state.status.message.take(),
            };
            Vec::new()
        }
        Event::DuplicatesFound(d) => {
            if let Some(form) = &mut state.client_form {
                form.duplicates = d;
                clamp(&mut form.dup_selected, form.duplicates.len());
            }
            Vec::new()
        }
        Event::VisitSaved { number, followup } => {
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
        Event::ClientSaved { number, new } => {
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
        Event::Changed(msg) => {
            state.status.message = Some(msg);
            let mut fx = vec![Effect::LoadStatus];
            fx.extend(reload_shown(state));
            fx
        }
        Event::Failed(msg) => {
            if let (Screen::Visit, Some(v)) = (state.screen, &mut state.visit) {
                v.error = Some(msg);
            } else if let (Screen::NewClient, Some(f)) = (state.screen, &mut state.client_form) {
                f.error = Some(msg);
            } else {
                state.status.message = Some(msg);
            }
            Vec::new()
        }
        Event::DraftFound(d) => restore_draft(state, d),
    }
}

fn restore_draft(state: &mut State, d: Draft) -> Vec<Effect> {
    let msg = format!(
        "{} ({})",
        state.desk.d().draft_restored,
        d.saved.format("%d-%m %H:%M")
    );
    let mut fx = vec![Effect::ClearDraft];
    match d.form.as_str() {
        "visit" => {
            let Some(form) = VisitForm::from_draft(&d) else {
                return fx;
            };
            let client = form.client;
            state.visit = Some(form);
            state.card_client = Some(client);
            state.screen = Screen::Visit;
            fx.push(Effect::LoadCard(client));
        }
        "client" => {
            state.client_form = Some(ClientForm::from_draft(&d));
            state.screen = Screen::NewClient;
        }
        _ => return fx,
    }
    state.status.message = Some(msg);
    fx
}

/// Reads again what the current screen shows, and the status line's counts.
fn refresh(state: &mut State) -> Vec<Effect> {
    let mut fx = vec![Effect::LoadStatus];
    fx.extend(reload_shown(state));
    fx
}

fn reload_shown(state: &State) -> Vec<Effect> {
    match state.screen {
        Screen::Search => vec![Effect::Find(state.search.query.value().to_string())],
        Screen::Card => state
            .card_client
            .map(Effect::LoadCard)
            .into_iter()
            .collect(),
        Screen::Followups => vec![Effect::LoadFollowups],
        Screen::Tally => vec![Effect::LoadTally(state.tally.period)],
        _ => Vec::new(),
    }
}

/// The tally screen: single keys switch the period (day, week, month, year around the one
/// shown), step back and forth, and write the shown tally to a CSV file.
fn tally_key(state: &mut State, action: Option<Action>) -> Vec<Effect> {
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

fn draft_effect(state: &State) -> Option<Effect> {
    match state.screen {
        Screen::Visit => state
            .visit
            .as_ref()
            .filter(|v| v.has_input())
            .map(|v| Effect::SaveDraft(v.to_draft(state.now))),
        Screen::NewClient => state
            .client_form
            .as_ref()
            .filter(|f| f.has_input())
            .map(|f| Effect::SaveDraft(f.to_draft(state.now))),
        _ => None,
    }
}

fn clamp(selected: &mut usize, len: usize) {
    if *selected >= len {
        *selected = len.saturating_sub(1);
    }
}

fn step(selected: &mut usize, len: usize, action: Action) {
    if len == 0 {
        *selected = 0;
        return;
    }
    *selected = match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (*selected + 1).min(len - 1),
        Action::PageUp => selected.saturating_sub(PAGE),
        Action::PageDown => (*selected + PAGE).min(len - 1),
        _ => *selected,
    };
}

/// A key that types: a character without ctrl or alt.
fn is_typing(k: &KeyEvent) -> bool {
    matches!(k.code, KeyCode::Char(_))
        && !k
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// Gives a key to a text line; true when the text changed.
fn edit(input: &mut Input, k: &KeyEvent) -> bool {
    let request = match k.code {
        KeyCode::Char(c) if is_typing(k) => InputRequest::InsertChar(c),
        KeyCode::Backspace => InputRequest::DeletePrevChar,
        KeyCode::Delete => InputRequest::DeleteNextChar,
        KeyCode::Left => InputRequest::GoToPrevChar,
        KeyCode::Right => InputRequest::GoToNextChar,
        KeyCode::Home => InputRequest::GoToStart,
        KeyCode::End => InputRequest::GoToEnd,
        _ => return false,
    };
    input.handle(request).is_some_and(|changed| changed.value)
}

fn key(state: &mut State, k: KeyEvent) -> Vec<Effect> {
    let mode = state.screen.mode();
    let text_focus = has_text_focus(state);
    let action = if text_focus && is_typing(&k) && !list_part_binding(state, &k) {
        None
    } else {
        state.desk.keymap.action(mode, Key::of(&k))
    };
    // Global actions first, except where a form's own handling must see the key.
    match action {
        Some(Action::Quit) => {
            state.quit = true;
            return draft_effect(state).into_iter().collect();
        }
        Some(Action::Help) if state.screen != Screen::Help => {
            state.help_from = state.screen;
            state.help_scroll = 0;
            state.screen = Screen::Help;
            return Vec::new();
        }
        Some(Action::Tally) if state.screen != Screen::Tally => {
            state.tally.from = state.screen;
            state.tally.period = Period::Day(state.today());
            state.screen = Screen::Tally;
            return vec![Effect::LoadTally(state.tally.period)];
        }
        _ => {}
    }
    match state.screen {
        Screen::Search => search_key(state, action, &k),
        Screen::Card => card_key(state, action, &k),
        Screen::Visit => visit_key(state, action, &k),
        Screen::NewClient => client_key(state, action, &k),
        Screen::Followups => followups_key(state, action),
        Screen::Tally => tally_key(state, action),
        Screen::Help => {
            match action {
                Some(Action::Back) | Some(Action::Help) => state.screen = state.help_from,
                Some(Action::Up) => state.help_scroll = state.help_scroll.saturating_sub(1),
                Some(Action::Down) => state.help_scroll += 1,
                _ => {}
            }
            Vec::new()
        }
    }
}

fn has_text_focus(state: &State) -> bool {
    match state.screen {
        Screen::Search => true,
        Screen::Visit => true,
        Screen::NewClient => state
            .client_form
            .as_ref()
            .is_some_and(|f| !f.in_duplicates()),
        Screen::Card => state.card.as_ref().is_some_and(|c| c.mini.is_some()),
        _ => false,
    }
}

/// In the visit form's lists, a bound character (space) is a command, not typing.
fn list_part_binding(state: &State, k: &KeyEvent) -> bool {
    state.screen == Screen::Visit
        && state.visit.as_ref().is_some_and(|v| v.part.is_list())
        && state.desk.keymap.action(Mode::Visit, Key::of(k)).is_some()
}

fn open_card(state: &mut State, number: u64) -> Vec<Effect> {
    if state.card_client != Some(number) {
        state.card = None;
    }
    state.card_client = Some(number);
    state.screen = Screen::Card;
    vec![Effect::LoadCard(number), Effect::AuditView(number)]
}

fn search_key(state: &mut State, action: Option<Action>, k: &KeyEvent) -> Vec<Effect> {
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

fn card_key(state: &mut State, action: Option<Action>, k: &KeyEvent) -> Vec<Effect> {
    let Some(card) = &mut state.card else {
        if action == Some(Action::Back) {
            state.screen = Screen::Search;
        }
        return Vec::new();
    };
    if card.mini.is_some() {
        return mini_key(state, k);
    }
    let client = card.data.client.number;
    match action {
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
            state.visit = Some(VisitForm::new(client, card.data.client.name.clone()));
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
        Some(Action::Edit) => {
            let c = &card.data.client;
            let mut form = ClientForm::new(Some(c.number));
            let set = |form: &mut ClientForm, f: ClientField, v: String| {
                form.fields[f as usize] = Input::new(v);
            };
            set(&mut form, ClientField::Name, c.name.clone());
            set(&mut form, ClientField::Aliases, c.aliases.join(", "));
            set(&mut form, ClientField::Birth, c.birth.to_string());
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

/// The card's one-line forms: Enter or save stores, Esc or back closes, Tab moves.
fn mini_key(state: &mut State, k: &KeyEvent) -> Vec<Effect> {
    let action = state.desk.keymap.action(Mode::NewClient, Key::of(k));
    let today = state.today();
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
    let submit = k.code == KeyCode::Enter || action == Some(Action::Save);
    match action {
        Some(Action::Back) if !submit => {
            card.mini = None;
            return Vec::new();
        }
        Some(Action::NextPart | Action::PrevPart) if !submit => {
            if mini.kind == MiniKind::FollowUp {
                mini.on_due = !mini.on_due;
            }
            return Vec::new();
        }
        _ => {}
    }
    if !submit {
        let input = if mini.on_due {
            &mut mini.due
        } else {
            &mut mini.text
        };
        edit(input, k);
        return Vec::new();
    }
    let text = match clean_line(mini.text.value(), "text", LINE_MAX) {
        Ok(t) if !t.is_empty() => t,
        Ok(_) => {
            mini.error = Some(state.desk.d().empty_text.to_string());
            return Vec::new();
        }
        Err(e) => {
            mini.error = Some(e.to_string());
            return Vec::new();
        }
    };
    let effect = match mini.kind {
        MiniKind::Alias => Effect::AddAlias(client, text),
        MiniKind::FollowUp => match parse_date(mini.due.value(), today) {
            Ok(due) => Effect::AddFollowup(FollowUp {
                number: 0,
                client,
                visit: None,
                referral: None,
                due,
                text,
                assignee: Some(stamp.who.clone()),
                state: FollowUpState::Open,
                created: stamp,
            }),
            Err(e) => {
                mini.error = Some(e.to_string());
                return Vec::new();
            }
        },
    };
    card.mini = None;
    vec![effect]
}

fn followups_key(state: &mut State, action: Option<Action>) -> Vec<Effect> {
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

fn visit_key(state: &mut State, action: Option<Action>, k: &KeyEvent) -> Vec<Effect> {
    let english = state.desk.english();
    let d = state.desk.d();
    let Some(form) = &mut state.visit else {
        return Vec::new();
    };
    if form.confirm_discard {
        form.confirm_discard = false;
        if action == Some(Action::Back) {
            state.visit = None;
            state.screen = Screen::Card;
            state.status.message = Some(d.discarded.to_string());
            return vec![Effect::ClearDraft];
        }
        return Vec::new();
    }
    let catalog = &state.desk.catalog;
    let part_index = VisitPart::ALL
        .iter()
        .position(|p| *p == form.part)
        .unwrap_or(0);
    match action {
        Some(Action::Back) => {
            if form.has_input() {
                form.confirm_discard = true;
            } else {
                state.visit = None;
                state.screen = Screen::Card;
            }
            Vec::new()
        }
        Some(Action::NextPart) => {
            form.part = VisitPart::ALL[(part_index + 1) % VisitPart::ALL.len()];
            Vec::new()
        }
        Some(Action::PrevPart) => {
            let n = VisitPart::ALL.len();
            form.part = VisitPart::ALL[(part_index + n - 1) % n];
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
                _ => {
                    if a == Action::Toggle {
                        edit(form.text_input(), k);
                    }
                }
            }
            Vec::new()
        }
        _ => {
            if form.part != VisitPart::Channel && edit(form.text_input(), k) {
                match form.part {
                    VisitPart::Categories => form.categories.cursor = 0,
                    VisitPart::Referrals => form.referrals.cursor = 0,
                    _ => {}
                }
            }
            Vec::new()
        }
    }
}

/// The moment of a visit from the form's "when" (empty: now); a late entry may lie in the
/// past, never in the future.
pub fn moment(text: &str, now: NaiveDateTime) -> Result<NaiveDateTime, String> {
    if text.trim().is_empty() {
        return Ok(now);
    }
    let when = parse_datetime(text, now).map_err(|e| e.to_string())?;
    if when > now + chrono::Duration::minutes(5) {
        return Err(format!(
            "the visit would lie in the future ({}); a late entry already happened",
            when.format("%d-%m-%Y %H:%M")
        ));
    }
    Ok(when)
}

fn save_visit(state: &mut State) -> Vec<Effect> {
    let d = state.desk.d();
    let today = state.today();
    let now = state.now;
    let volunteer = state.desk.volunteer.clone();
    let Some(form) = &mut state.visit else {
        return Vec::new();
    };
    if form.categories.chosen.is_empty() {
        form.error = Some(d.need_category.to_string());
        form.part = VisitPart::Categories;
        return Vec::new();
    }
    let when = match moment(form.when.value(), now) {
        Ok(w) => w,
        Err(e) => {
            form.error = Some(e);
            form.part = VisitPart::When;
            return Vec::new();
        }
    };
    let note = match clean_note(form.note.value(), "note", NOTE_MAX) {
        Ok(n) => n,
        Err(e) => {
            form.error = Some(e.to_string());
            form.part = VisitPart::Note;
            return Vec::new();
        }
    };
    let mut followups = Vec::new();
    let text = form.fu_text.value().trim();
    if !text.is_empty() {
        let text = match clean_line(text, "follow-up", LINE_MAX) {
            Ok(t) => t,
            Err(e) => {
                form.error = Some(e.to_string());
                form.part = VisitPart::FollowupText;
                return Vec::new();
            }
        };
        let due = match parse_date(form.fu_due.value(), today) {
            Ok(d) => d,
            Err(e) => {
                form.error = Some(e.to_string());
                form.part = VisitPart::FollowupDue;
                return Vec::new();
            }
        };
        followups.push(NewFollowUp {
            due,
            text,
            assignee: Some(volunteer.clone()),
            referral: form.fu_referral.clone(),
        });
    }
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
    vec![Effect::SaveVisit { visit, followups }]
}

fn duplicates_effect(form: &ClientForm, today: chrono::NaiveDate) -> Option<Effect> {
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

fn client_key(state: &mut State, action: Option<Action>, k: &KeyEvent) -> Vec<Effect> {
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
        country: fields::country(form.value(ClientField::Country))
            .map_err(at(ClientField::Country))?,
        languages: fields::languages([form.value(ClientField::Languages)])
            .map_err(at(ClientField::Languages))?,
        interpreter: form.interpreter(),
        phone: fields::phone(form.value(ClientField::Phone)).map_err(at(ClientField::Phone))?,
        note: String::new(),
    })
}
