//! The forms' state: the visit form, the client form and the card's one-line forms.

use super::state::Screen;
use crate::model::{Appointment, Catalog, CatalogEntry, CatalogKind, Channel, Visit};
use crate::store::{ClientSummary, Draft};
use chrono::{NaiveDate, NaiveDateTime};
use tui_input::Input;

/// A legal deadline for a follow-up, as chosen at the desk: the rule (none: an ordinary
/// follow-up) and the letter's date as typed. The rule fills the follow-up's text and due
/// date; a line the volunteer typed in stays theirs.
#[derive(Debug, Clone, Default)]
pub struct DeadlinePick {
    /// The rule's key.
    pub rule: Option<String>,
    pub letter: Input,
    /// The text and due date last filled in, taken back when the rule or the letter changes.
    pub filled: (String, String),
    /// The unlikely letter date the volunteer was asked about: the next save keeps it.
    pub asked: Option<NaiveDate>,
    /// The unlikely due date (more than 5 years ahead) asked about, likewise.
    pub asked_due: Option<NaiveDate>,
}

impl DeadlinePick {
    pub fn has_input(&self) -> bool {
        self.rule.is_some() || !self.letter.value().is_empty()
    }
}

/// The lines of a follow-up with its deadline, where a refusal puts the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowupField {
    Rule,
    Letter,
    Text,
    Due,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitPart {
    Categories,
    Referrals,
    Channel,
    /// When it happened, for a late entry; empty means now.
    When,
    Note,
    /// The legal deadline the follow-up guards: a rule, then the letter's date.
    Deadline,
    Letter,
    FollowupText,
    FollowupDue,
}

impl VisitPart {
    pub const ALL: [VisitPart; 9] = [
        VisitPart::Categories,
        VisitPart::Referrals,
        VisitPart::Channel,
        VisitPart::When,
        VisitPart::Note,
        VisitPart::Deadline,
        VisitPart::Letter,
        VisitPart::FollowupText,
        VisitPart::FollowupDue,
    ];

    pub fn is_list(self) -> bool {
        matches!(
            self,
            VisitPart::Categories | VisitPart::Referrals | VisitPart::Channel | VisitPart::Deadline
        )
    }

    /// Where the follow-up's lines are in the form.
    pub fn of(field: FollowupField) -> VisitPart {
        match field {
            FollowupField::Rule => VisitPart::Deadline,
            FollowupField::Letter => VisitPart::Letter,
            FollowupField::Text => VisitPart::FollowupText,
            FollowupField::Due => VisitPart::FollowupDue,
        }
    }
}

/// A filterable list of catalog entries with a cursor and the chosen keys.
#[derive(Debug, Clone, Default)]
pub struct Picker {
    pub filter: Input,
    pub cursor: usize,
    pub chosen: Vec<String>,
}

impl Picker {
    /// The active entries whose key or label holds the filter.
    pub fn visible<'a>(
        &self,
        catalog: &'a Catalog,
        kind: CatalogKind,
        english: bool,
    ) -> Vec<&'a CatalogEntry> {
        let f = self.filter.value().to_lowercase();
        catalog
            .active(kind)
            .filter(|e| {
                let label = if english { &e.en } else { &e.nl };
                f.is_empty() || e.key.contains(&f) || label.to_lowercase().contains(&f)
            })
            .collect()
    }
}

pub struct VisitForm {
    pub client: u64,
    pub client_name: String,
    pub part: VisitPart,
    pub categories: Picker,
    pub referrals: Picker,
    pub channel: Channel,
    pub when: Input,
    pub note: Input,
    pub fu_text: Input,
    pub fu_due: Input,
    pub deadline: DeadlinePick,
    /// The referral the follow-up came from, once a suggestion was taken.
    pub fu_referral: Option<String>,
    /// A referral whose "navragen bij …" follow-up is offered.
    pub suggestion: Option<String>,
    /// Why the form cannot be saved, or what went wrong.
    pub error: Option<String>,
    /// The unlikely moment (before 2000, more than a day ahead) the volunteer was asked
    /// about: the next save keeps it.
    pub asked_when: Option<NaiveDateTime>,
    /// Esc was pressed once with typed input: a second Esc throws it away.
    pub confirm_discard: bool,
    /// The visit being corrected; none for a new one.
    pub editing: Option<u64>,
    /// A planned appointment of the client today that this visit may keep (offered, one key).
    pub offer: Option<Appointment>,
    /// The appointment this visit keeps, once the volunteer took the offer.
    pub keeps: Option<u64>,
    /// Where saving or leaving goes back to: the card, or Vandaag for a correction from there.
    pub return_to: Screen,
}

impl VisitForm {
    pub fn new(client: u64, client_name: String) -> VisitForm {
        VisitForm {
            client,
            client_name,
            part: VisitPart::Categories,
            categories: Picker::default(),
            referrals: Picker::default(),
            channel: Channel::Spreekuur,
            when: Input::default(),
            note: Input::default(),
            fu_text: Input::default(),
            fu_due: Input::default(),
            deadline: DeadlinePick::default(),
            fu_referral: None,
            suggestion: None,
            error: None,
            asked_when: None,
            confirm_discard: false,
            editing: None,
            offer: None,
            keeps: None,
            return_to: Screen::Card,
        }
    }

    /// The form filled in with a visit, to correct it. The follow-up part stays empty: a
    /// correction changes the visit only (follow-ups are added on the card).
    pub fn correcting(visit: &Visit, client_name: String, return_to: Screen) -> VisitForm {
        let mut form = VisitForm::new(visit.client.unwrap_or(0), client_name);
        form.categories.chosen = visit.categories.clone();
        form.referrals.chosen = visit
            .referrals
            .iter()
            .map(|r| r.destination.clone())
            .collect();
        form.channel = visit.channel;
        form.when = Input::new(crate::dates::shown_moment(visit.when));
        form.note = Input::new(visit.note.clone());
        form.editing = Some(visit.number);
        form.return_to = return_to;
        form
    }

    pub fn has_input(&self) -> bool {
        !self.categories.chosen.is_empty()
            || !self.referrals.chosen.is_empty()
            || !self.note.value().is_empty()
            || !self.when.value().is_empty()
            || !self.fu_text.value().is_empty()
            || !self.fu_due.value().is_empty()
            || self.deadline.has_input()
    }

    pub fn text_input(&mut self) -> &mut Input {
        match self.part {
            VisitPart::Categories => &mut self.categories.filter,
            VisitPart::Referrals => &mut self.referrals.filter,
            VisitPart::Note | VisitPart::Channel | VisitPart::Deadline => &mut self.note,
            VisitPart::Letter => &mut self.deadline.letter,
            VisitPart::When => &mut self.when,
            VisitPart::FollowupText => &mut self.fu_text,
            VisitPart::FollowupDue => &mut self.fu_due,
        }
    }

    pub fn to_draft(&self, saved: chrono::NaiveDateTime) -> Draft {
        let f = |n: &str, v: &str| (n.to_string(), v.to_string());
        Draft {
            form: "visit".into(),
            client: Some(self.client),
            saved,
            fields: vec![
                f("client_name", &self.client_name),
                f("categories", &self.categories.chosen.join(",")),
                f("referrals", &self.referrals.chosen.join(",")),
                f("channel", self.channel.key()),
                f("note", self.note.value()),
                f("when", self.when.value()),
                f("followup", self.fu_text.value()),
                f("due", self.fu_due.value()),
                f(
                    "followup_referral",
                    self.fu_referral.as_deref().unwrap_or(""),
                ),
                f("deadline", self.deadline.rule.as_deref().unwrap_or("")),
                f("letter", self.deadline.letter.value()),
                f("deadline_text", &self.deadline.filled.0),
                f("deadline_due", &self.deadline.filled.1),
            ],
        }
    }

    pub fn from_draft(d: &Draft) -> Option<VisitForm> {
        let mut form = VisitForm::new(d.client?, d.field("client_name").to_string());
        let list = |s: &str| -> Vec<String> {
            s.split(',')
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect()
        };
        form.categories.chosen = list(d.field("categories"));
        form.referrals.chosen = list(d.field("referrals"));
        form.channel = Channel::parse(d.field("channel")).unwrap_or_default();
        form.note = Input::new(d.field("note").to_string());
        form.when = Input::new(d.field("when").to_string());
        form.fu_text = Input::new(d.field("followup").to_string());
        form.fu_due = Input::new(d.field("due").to_string());
        form.fu_referral = Some(d.field("followup_referral").to_string()).filter(|s| !s.is_empty());
        form.deadline = DeadlinePick {
            rule: Some(d.field("deadline").to_string()).filter(|s| !s.is_empty()),
            letter: Input::new(d.field("letter").to_string()),
            filled: (
                d.field("deadline_text").to_string(),
                d.field("deadline_due").to_string(),
            ),
            asked: None,
            asked_due: None,
        };
        Some(form)
    }
}

/// The fields of the client form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientField {
    Name,
    Aliases,
    Birth,
    Gender,
    Country,
    Languages,
    Interpreter,
    Phone,
    Begeleider,
}

impl ClientField {
    pub const ALL: [ClientField; 9] = [
        ClientField::Name,
        ClientField::Aliases,
        ClientField::Birth,
        ClientField::Gender,
        ClientField::Country,
        ClientField::Languages,
        ClientField::Interpreter,
        ClientField::Phone,
        ClientField::Begeleider,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ClientField::Name => "name",
            ClientField::Aliases => "aliases",
            ClientField::Birth => "birth",
            ClientField::Gender => "gender",
            ClientField::Country => "country",
            ClientField::Languages => "languages",
            ClientField::Interpreter => "interpreter",
            ClientField::Phone => "phone",
            ClientField::Begeleider => "begeleider",
        }
    }
}

pub struct ClientForm {
    /// The client being changed; none for a new client.
    pub editing: Option<u64>,
    /// Index into `ClientField::ALL`; one past the end is the duplicates panel.
    pub part: usize,
    /// One input per field (the interpreter's holds "ja" or nothing).
    pub fields: [Input; 9],
    pub duplicates: Vec<ClientSummary>,
    /// When the possible duplicates on screen arrived, and whether they were logged: a list
    /// that stays is a lookup (`update::new_client::settle_duplicates`).
    pub duplicates_at: chrono::NaiveDateTime,
    pub duplicates_logged: bool,
    /// A restricted client may match: said without who, for the coordinator to check.
    pub restricted_match: bool,
    pub dup_selected: usize,
    pub error: Option<String>,
    pub confirm_discard: bool,
}

impl ClientForm {
    pub fn new(editing: Option<u64>) -> ClientForm {
        ClientForm {
            editing,
            part: 0,
            fields: Default::default(),
            duplicates: Vec::new(),
            duplicates_at: chrono::NaiveDateTime::MIN,
            duplicates_logged: false,
            restricted_match: false,
            dup_selected: 0,
            error: None,
            confirm_discard: false,
        }
    }

    pub fn value(&self, f: ClientField) -> &str {
        self.fields[f as usize].value()
    }

    pub fn field(&self) -> Option<ClientField> {
        ClientField::ALL.get(self.part).copied()
    }

    pub fn in_duplicates(&self) -> bool {
        self.part >= ClientField::ALL.len()
    }

    pub fn interpreter(&self) -> bool {
        !self.value(ClientField::Interpreter).is_empty()
    }

    pub fn has_input(&self) -> bool {
        self.fields.iter().any(|i| !i.value().is_empty())
    }

    pub fn to_draft(&self, saved: chrono::NaiveDateTime) -> Draft {
        Draft {
            form: "client".into(),
            client: self.editing,
            saved,
            fields: ClientField::ALL
                .iter()
                .map(|f| (f.key().to_string(), self.value(*f).to_string()))
                .collect(),
        }
    }

    pub fn from_draft(d: &Draft) -> ClientForm {
        let mut form = ClientForm::new(d.client);
        for f in ClientField::ALL {
            form.fields[f as usize] = Input::new(d.field(f.key()).to_string());
        }
        form
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MiniKind {
    Alias,
    FollowUp,
}

/// A small form on the card: a new alias, or a follow-up with its due date and the legal
/// deadline it may guard.
pub struct MiniForm {
    pub kind: MiniKind,
    pub text: Input,
    pub due: Input,
    /// The line with the focus (an alias has its text only).
    pub field: FollowupField,
    pub deadline: DeadlinePick,
    pub error: Option<String>,
}

impl MiniForm {
    /// A follow-up made on the card falls due in two weeks unless the volunteer says else.
    pub const DUE: &str = "+2w";

    pub fn new(kind: MiniKind) -> MiniForm {
        MiniForm {
            kind,
            text: Input::default(),
            due: Input::new(MiniForm::DUE.into()),
            field: FollowupField::Text,
            deadline: DeadlinePick {
                filled: (String::new(), MiniForm::DUE.into()),
                ..DeadlinePick::default()
            },
            error: None,
        }
    }
}

/// The fields of the appointment form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanField {
    At,
    With,
    About,
    Place,
}

impl PlanField {
    pub const ALL: [PlanField; 4] = [
        PlanField::At,
        PlanField::With,
        PlanField::About,
        PlanField::Place,
    ];
}

/// Planning an appointment for the card's client: when (shown resolved as it is typed), with
/// whom (default: the volunteer planning it), about what, and where.
pub struct PlanForm {
    pub client: u64,
    pub client_name: String,
    pub part: PlanField,
    pub at: Input,
    pub with: Input,
    pub about: Input,
    pub place: Input,
    pub error: Option<String>,
    /// The unlikely moment (years ahead) the volunteer was asked about: the next save keeps it.
    pub asked: Option<chrono::NaiveDateTime>,
}

impl PlanForm {
    pub fn new(client: u64, client_name: String, volunteer: &str) -> PlanForm {
        PlanForm {
            client,
            client_name,
            part: PlanField::At,
            at: Input::default(),
            with: Input::new(volunteer.to_string()),
            about: Input::default(),
            place: Input::default(),
            error: None,
            asked: None,
        }
    }

    pub fn input(&mut self, field: PlanField) -> &mut Input {
        match field {
            PlanField::At => &mut self.at,
            PlanField::With => &mut self.with,
            PlanField::About => &mut self.about,
            PlanField::Place => &mut self.place,
        }
    }
}
