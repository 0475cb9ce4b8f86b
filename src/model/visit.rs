use super::{Channel, Stamp};
use chrono::NaiveDateTime;

/// One contact at the desk. `client` is empty for an anonymous visit, which still counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub number: u64,
    pub client: Option<u64>,
    /// Local date-time of the contact; may lie in the past (entered late).
    pub when: NaiveDateTime,
    pub volunteer: String,
    pub channel: Channel,
    /// Category keys, at least one.
    pub categories: Vec<String>,
    pub referrals: Vec<Referral>,
    pub note: String,
    /// Who entered it and when, which differs from `when` for a late entry.
    pub recorded: Stamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub destination: String,
    pub note: String,
}
