//! The desk's logic: an event and the time in, the state changed and effects out. No I/O:
//! the loop in `run` carries out the effects and feeds their results back as events.

mod card;
mod deadline;
mod followups;
mod help;
mod new_client;
mod notice;
mod plan;
mod search;
mod tally;
mod today;
mod visit_form;

pub use deadline::{Resolved, Rules, resolve};
pub use visit_form::moment;

use super::forms::{ClientForm, VisitForm};
use super::keymap::{Action, Key, Mode};
use super::state::{CardData, FollowupRow, Screen, State, Status};
use crate::model::{Birth, ClientDraft, FollowUp, NewAppointment, Visit};
use crate::store::{ClientSummary, Draft, Duplicates, NewFollowUp};
use crate::tally::{Period, Tally};
use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::{Input, InputRequest};

/// How many results a search asks for (a screen shows about 18; PgDn reaches the rest).
pub const RESULT_LIMIT: usize = 100;
pub(super) const PAGE: usize = 10;
pub(super) const LINE_MAX: usize = 200;
/// The status line counts the legal deadlines that end within so many days from today.
pub const DEADLINE_SOON_DAYS: u32 = 7;

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
        /// The planned appointment this visit keeps.
        keeps: Option<u64>,
    },
    /// A correction: the visit's moment, channel, categories, referrals and note.
    ChangeVisit {
        number: u64,
        visit: Visit,
    },
    DeleteVisit(u64),
    LoadToday,
    PlanAppointment(NewAppointment),
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
    /// A search settled with these clients on screen: the audit log records the lookup.
    AuditFind {
        numbers: Vec<u64>,
    },
    /// The client was told today what is recorded and why.
    MarkInformed(u64),
    /// Read the privacy notice in the first of these languages that has one.
    LoadNotice {
        client: u64,
        languages: Vec<String>,
    },
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
        appointments_today: u64,
        deadlines_soon: u64,
    },
    DuplicatesFound(Duplicates),
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
    NoticeLoaded(Box<super::state::NoticeView>),
    TodayLoaded(Box<super::state::TodayData>),
    VisitCorrected(u64),
    VisitDeleted(u64),
    AppointmentPlanned {
        number: u64,
        at: NaiveDateTime,
        /// Said when the volunteer already has another appointment then.
        warning: Option<String>,
    },
}

pub fn update(state: &mut State, event: Event, now: NaiveDateTime) -> Vec<Effect> {
    state.now = now;
    match event {
        Event::Key(k) if k.kind == KeyEventKind::Press => key(state, k),
        Event::Key(_) => Vec::new(),
        Event::Tick => {
            let mut fx = refresh(state);
            fx.extend(search::tick(state));
            fx.extend(new_client::tick(state));
            fx
        }
        Event::Hangup => {
            let mut fx: Vec<Effect> = search::settle(state).into_iter().collect();
            fx.extend(new_client::settle_duplicates(state));
            state.quit = true;
            fx.extend(draft_effect(state));
            fx
        }
        Event::Found { query, results } => search::found(state, query, results),
        Event::CardLoaded(data) => card::card_loaded(state, *data),
        Event::TallyLoaded(tally) => tally::tally_loaded(state, *tally),
        Event::FollowupsLoaded(rows) => followups::followups_loaded(state, rows),
        Event::StatusLoaded {
            clients,
            due_today,
            overdue,
            appointments_today,
            deadlines_soon,
        } => {
            state.status = Status {
                clients,
                due_today,
                overdue,
                appointments_today,
                deadlines_soon,
                message: state.status.message.take(),
            };
            Vec::new()
        }
        Event::DuplicatesFound(d) => new_client::duplicates_found(state, d),
        Event::VisitSaved { number, followup } => visit_form::visit_saved(state, number, followup),
        Event::ClientSaved { number, new } => new_client::client_saved(state, number, new),
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
        Event::NoticeLoaded(view) => notice::notice_loaded(state, *view),
        Event::TodayLoaded(data) => today::today_loaded(state, *data),
        Event::VisitCorrected(number) => visit_form::visit_corrected(state, number),
        Event::VisitDeleted(number) => {
            state.status.message = Some(state.desk.t().deleted.replace("{n}", &number.to_string()));
            let mut fx = vec![Effect::LoadStatus];
            fx.extend(reload_shown(state));
            fx
        }
        Event::AppointmentPlanned {
            number,
            at,
            warning,
        } => plan::planned(state, number, at, warning),
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

pub(super) fn reload_shown(state: &State) -> Vec<Effect> {
    match state.screen {
        Screen::Search => vec![Effect::Find(state.search.query.value().to_string())],
        Screen::Card => state
            .card_client
            .map(Effect::LoadCard)
            .into_iter()
            .collect(),
        Screen::Followups => vec![Effect::LoadFollowups],
        Screen::Tally => vec![Effect::LoadTally(state.tally.period)],
        Screen::Today => vec![Effect::LoadToday],
        _ => Vec::new(),
    }
}

pub(super) fn draft_effect(state: &State) -> Option<Effect> {
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

pub(super) fn clamp(selected: &mut usize, len: usize) {
    if *selected >= len {
        *selected = len.saturating_sub(1);
    }
}

pub(super) fn step(selected: &mut usize, len: usize, action: Action) {
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
pub(super) fn is_typing(k: &KeyEvent) -> bool {
    matches!(k.code, KeyCode::Char(_))
        && !k
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// Gives a key to a text line; true when the text changed.
pub(super) fn edit(input: &mut Input, k: &KeyEvent) -> bool {
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
    // These leave any screen, the search too: results on it settle first.
    let mut fx: Vec<Effect> = match action {
        Some(Action::Quit | Action::Help | Action::Today | Action::Tally) => search::settle(state)
            .into_iter()
            .chain(new_client::settle_duplicates(state))
            .collect(),
        _ => Vec::new(),
    };
    fx.extend(act(state, action, &k));
    fx
}

fn act(state: &mut State, action: Option<Action>, k: &KeyEvent) -> Vec<Effect> {
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
        Some(Action::Today) if state.screen != Screen::Today => return today::open(state),
        Some(Action::Tally) if state.screen != Screen::Tally => {
            state.tally.from = state.screen;
            state.tally.period = Period::Day(state.today());
            state.screen = Screen::Tally;
            return vec![Effect::LoadTally(state.tally.period)];
        }
        _ => {}
    }
    match state.screen {
        Screen::Search => search::search_key(state, action, k),
        Screen::Card => card::card_key(state, action, k),
        Screen::Visit => visit_form::visit_key(state, action, k),
        Screen::NewClient => new_client::client_key(state, action, k),
        Screen::Followups => followups::followups_key(state, action),
        Screen::Tally => tally::tally_key(state, action),
        Screen::Help => help::help_key(state, action),
        Screen::Notice => notice::notice_key(state, action),
        Screen::Today => today::today_key(state, action),
        Screen::Plan => plan::plan_key(state, action, k),
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
        Screen::Plan => true,
        _ => false,
    }
}

/// In the visit form's lists, a bound character (space) is a command, not typing.
fn list_part_binding(state: &State, k: &KeyEvent) -> bool {
    state.screen == Screen::Visit
        && state.visit.as_ref().is_some_and(|v| v.part.is_list())
        && state.desk.keymap.action(Mode::Visit, Key::of(k)).is_some()
}

pub(super) fn open_card(state: &mut State, number: u64) -> Vec<Effect> {
    if state.card_client != Some(number) {
        state.card = None;
    }
    state.card_client = Some(number);
    state.screen = Screen::Card;
    vec![Effect::LoadCard(number), Effect::AuditView(number)]
}
