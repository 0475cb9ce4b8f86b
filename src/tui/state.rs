//! Everything the desk shows, as plain data. `update` changes it; the screens only read it.

use super::forms::{ClientForm, MiniForm, PlanForm, VisitForm};
use super::keymap::{Keymap, Mode};
use super::theme::ThemeName;
use crate::config::Lang;
use crate::labels::{DeskLabels, Labels, desk_labels, labels};
use crate::model::{Appointment, Catalog, Client, FollowUp, ReportGroup, Visit};
use crate::store::ClientSummary;
use crate::tally::{Period, Tally};
use chrono::NaiveDateTime;
use tui_input::Input;

/// What stays the same for the whole session.
pub struct Desk {
    pub volunteer: String,
    /// The store's path, shortened for the status line.
    pub store_label: String,
    pub catalog: Catalog,
    /// The office's deadline rules, offered for a follow-up made from a letter.
    pub deadlines: crate::deadlines::Deadlines,
    pub lang: Lang,
    pub keymap: Keymap,
    /// The colours, chosen at start (NO_COLOR gives `Mono`), or by a late answer of the
    /// terminal to the background question.
    pub theme: ThemeName,
    /// The annual report's groups, for the tally screen's CSV.
    pub report_groups: Vec<ReportGroup>,
    pub age_bands: crate::tally::AgeBands,
    /// Who the client can turn to, and the retention, as the privacy notice tells them.
    pub office: crate::config::Office,
    pub retention_months: u32,
}

impl Desk {
    pub fn l(&self) -> &'static Labels {
        labels(self.lang)
    }
    pub fn d(&self) -> &'static DeskLabels {
        desk_labels(self.lang)
    }
    pub fn t(&self) -> &'static crate::labels::TodayLabels {
        crate::labels::today_labels(self.lang)
    }
    pub fn english(&self) -> bool {
        self.lang.is_english()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Search,
    Card,
    Visit,
    NewClient,
    Followups,
    Help,
    Tally,
    Notice,
    Today,
    Plan,
}

impl Screen {
    pub fn mode(self) -> Mode {
        match self {
            Screen::Search => Mode::Search,
            Screen::Card => Mode::Card,
            Screen::Visit => Mode::Visit,
            Screen::NewClient => Mode::NewClient,
            Screen::Followups => Mode::Followups,
            Screen::Help => Mode::Help,
            Screen::Tally => Mode::Tally,
            Screen::Notice => Mode::Notice,
            Screen::Today => Mode::Today,
            Screen::Plan => Mode::Plan,
        }
    }
}

#[derive(Default)]
pub struct SearchState {
    pub query: Input,
    pub results: Vec<ClientSummary>,
    /// The query the results answer (they lag the query while a search is under way).
    pub results_for: String,
    pub selected: usize,
    /// When the volunteer last changed the query, by the desk's clock.
    pub changed: NaiveDateTime,
    /// The query whose results were last written to the audit log, so a settled query is
    /// logged once and not again at every tick or on coming back from a card.
    pub logged: Option<String>,
}

/// A client with what the card shows, as one read of the store gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct CardData {
    pub client: Client,
    pub household: Vec<Client>,
    pub followups: Vec<FollowUp>,
    pub visits: Vec<Visit>,
    /// The client's planned appointments from today on, soonest first.
    pub appointments: Vec<Appointment>,
}

pub struct CardState {
    pub data: CardData,
    /// Index into household members, then open follow-ups.
    pub selected: usize,
    pub mini: Option<MiniForm>,
    /// A visit the volunteer asked to delete: the next delete key deletes it, anything else
    /// keeps it.
    pub confirm_delete: Option<u64>,
}

/// What the card's selection points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardItem {
    Member(u64),
    FollowUp(u64),
    Visit(u64),
}

impl CardState {
    pub fn items(&self) -> Vec<CardItem> {
        let members = self
            .data
            .household
            .iter()
            .map(|c| CardItem::Member(c.number));
        let open = self
            .data
            .followups
            .iter()
            .filter(|f| f.is_open())
            .map(|f| CardItem::FollowUp(f.number));
        let visits = self.data.visits.iter().map(|v| CardItem::Visit(v.number));
        members.chain(open).chain(visits).collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FollowupRow {
    pub followup: FollowUp,
    pub client_name: String,
    /// The client's begeleider: "mine" holds what is assigned to me and what concerns the
    /// clients I guide.
    pub begeleider: Option<String>,
}

impl FollowupRow {
    pub fn is_mine(&self, volunteer: &str) -> bool {
        self.followup.assignee.as_deref() == Some(volunteer)
            || self.begeleider.as_deref() == Some(volunteer)
    }
}

#[derive(Default)]
pub struct FollowupsState {
    pub rows: Vec<FollowupRow>,
    /// Only those assigned to this volunteer.
    pub mine: bool,
    pub selected: usize,
}

impl FollowupsState {
    pub fn shown<'a>(&'a self, volunteer: &'a str) -> impl Iterator<Item = &'a FollowupRow> {
        self.rows
            .iter()
            .filter(move |r| !self.mine || r.is_mine(volunteer))
    }
}

/// A visit of today with what Vandaag shows of its client.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitRow {
    pub visit: Visit,
    /// None for an anonymous visit, or a client the list may not name (restricted).
    pub client_name: Option<String>,
    pub begeleider: Option<String>,
}

/// An appointment of today with its client.
#[derive(Debug, Clone, PartialEq)]
pub struct AppointmentRow {
    pub appointment: Appointment,
    pub client_name: Option<String>,
    pub begeleider: Option<String>,
}

/// What Vandaag shows, as one read gave it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TodayData {
    pub visits: Vec<VisitRow>,
    pub appointments: Vec<AppointmentRow>,
    /// Open follow-ups due today.
    pub followups: Vec<FollowupRow>,
}

/// What Vandaag's selection points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TodayItem {
    Visit(u64),
    Appointment(u64),
    FollowUp(u64),
}

#[derive(Default)]
pub struct TodayState {
    pub data: TodayData,
    /// Only mine: what I logged, my appointments, my follow-ups, and all of the clients I guide.
    pub mine: bool,
    pub selected: usize,
    pub confirm_delete: Option<u64>,
}

impl TodayState {
    pub fn visits<'a>(&'a self, me: &'a str) -> impl Iterator<Item = &'a VisitRow> {
        self.data.visits.iter().filter(move |r| {
            !self.mine || r.visit.volunteer == me || r.begeleider.as_deref() == Some(me)
        })
    }

    pub fn appointments<'a>(&'a self, me: &'a str) -> impl Iterator<Item = &'a AppointmentRow> {
        self.data.appointments.iter().filter(move |r| {
            !self.mine || r.appointment.with == me || r.begeleider.as_deref() == Some(me)
        })
    }

    pub fn followups<'a>(&'a self, me: &'a str) -> impl Iterator<Item = &'a FollowupRow> {
        self.data
            .followups
            .iter()
            .filter(move |r| !self.mine || r.is_mine(me))
    }

    /// The rows in the order shown: visits, appointments, follow-ups.
    pub fn items(&self, me: &str) -> Vec<TodayItem> {
        let visits = self.visits(me).map(|r| TodayItem::Visit(r.visit.number));
        let appointments = self
            .appointments(me)
            .map(|r| TodayItem::Appointment(r.appointment.number));
        let followups = self
            .followups(me)
            .map(|r| TodayItem::FollowUp(r.followup.number));
        visits.chain(appointments).chain(followups).collect()
    }
}

/// The tally screen: the period shown and its figures once read.
pub struct TallyState {
    pub period: Period,
    pub tally: Option<Tally>,
    /// The screen to go back to.
    pub from: Screen,
}

/// The privacy notice a volunteer shows a client before recording that they were told: in
/// the client's first language that has one, else Dutch and English side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeView {
    pub client: u64,
    pub notices: Vec<crate::notice::Notice>,
    /// What the notice's placeholders are filled with.
    pub office: crate::config::Office,
    pub retention_months: u32,
}

pub struct NoticeState {
    pub view: NoticeView,
    pub scroll: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub clients: u64,
    pub due_today: u64,
    pub overdue: u64,
    pub appointments_today: u64,
    /// Open follow-ups whose legal deadline ends within `DEADLINE_SOON_DAYS` from today.
    pub deadlines_soon: u64,
    pub message: Option<String>,
}

pub struct State {
    pub desk: Desk,
    pub now: NaiveDateTime,
    pub screen: Screen,
    pub search: SearchState,
    /// The client whose card is open (its data may still be loading).
    pub card_client: Option<u64>,
    pub card: Option<CardState>,
    pub visit: Option<VisitForm>,
    pub client_form: Option<ClientForm>,
    pub followups: FollowupsState,
    /// The screen help was opened from, and how far it is scrolled.
    pub help_from: Screen,
    pub help_scroll: usize,
    pub tally: TallyState,
    pub notice: Option<NoticeState>,
    pub today: TodayState,
    pub plan: Option<PlanForm>,
    pub status: Status,
    pub quit: bool,
}

impl State {
    pub fn new(desk: Desk, now: NaiveDateTime) -> State {
        State {
            desk,
            now,
            screen: Screen::Search,
            search: SearchState::default(),
            card_client: None,
            card: None,
            visit: None,
            client_form: None,
            followups: FollowupsState::default(),
            help_from: Screen::Search,
            help_scroll: 0,
            tally: TallyState {
                period: Period::Day(now.date()),
                tally: None,
                from: Screen::Search,
            },
            notice: None,
            today: TodayState::default(),
            plan: None,
            status: Status::default(),
            quit: false,
        }
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.now.date()
    }
}
