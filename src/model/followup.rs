use super::Stamp;
use chrono::NaiveDate;

/// Something promised to a client, with a due date ("navragen bij Kwadraad").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub number: u64,
    pub client: u64,
    /// The visit it came from, if any.
    pub visit: Option<u64>,
    /// The referral destination key it came from, if any.
    pub referral: Option<String>,
    pub due: NaiveDate,
    pub text: String,
    pub assignee: Option<String>,
    pub state: FollowUpState,
    pub created: Stamp,
    /// The legal deadline this follow-up guards, when it was made from a letter.
    pub deadline: Option<LegalDeadline>,
}

/// A deadline computed from a letter: which rule, the letter's date, and the last day the
/// objection or answer can be made (the follow-up falls due some days before it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalDeadline {
    /// The rule's key in config.toml (`bezwaar`, `bezwaar_ind`, or the office's own).
    pub rule: String,
    pub letter: NaiveDate,
    pub ends: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowUpState {
    Open,
    Done(Stamp),
    Cancelled(Stamp),
}

impl FollowUp {
    pub fn is_open(&self) -> bool {
        self.state == FollowUpState::Open
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due < today
    }

    /// Whether it guards a legal deadline: such follow-ups are marked on every list and come
    /// before ordinary ones due the same day.
    pub fn guards_deadline(&self) -> bool {
        self.deadline.is_some()
    }
}

impl FollowUpState {
    pub fn key(&self) -> &'static str {
        match self {
            FollowUpState::Open => "open",
            FollowUpState::Done(_) => "done",
            FollowUpState::Cancelled(_) => "cancelled",
        }
    }
}
