//! The forms' state: the visit form, the client form and the card's one-line forms.

use crate::model::{Catalog, CatalogEntry, CatalogKind, Channel};
use crate::store::{ClientSummary, Draft};
use chrono::NaiveDate;
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
    /// Esc was pressed once with typed input: a second Esc throws it away.
    pub confirm_discard: bool,
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
            confirm_discard: false,
        }
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
    Country,
    Languages,
    Interpreter,
    Phone,
    Begeleider,
}

impl ClientField {
    pub const ALL: [ClientField; 8] = [
        ClientField::Name,
        ClientField::Aliases,
        ClientField::Birth,
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
    pub fields: [Input; 8],
    pub duplicates: Vec<ClientSummary>,
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
