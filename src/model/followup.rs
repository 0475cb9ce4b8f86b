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
