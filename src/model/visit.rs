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

/// What the day index keeps of a visit: enough to count a period without reading visits.
/// Holds no names or notes, so the counts survive when a client is forgotten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayEntry {
    pub visit: u64,
    pub client: Option<u64>,
    pub channel: Channel,
    pub volunteer: String,
    pub categories: Vec<String>,
    pub referrals: Vec<String>,
}

impl DayEntry {
    pub fn of(visit: &Visit) -> DayEntry {
        DayEntry {
            visit: visit.number,
            client: visit.client,
            channel: visit.channel,
            volunteer: visit.volunteer.clone(),
            categories: visit.categories.clone(),
            referrals: visit
                .referrals
                .iter()
                .map(|r| r.destination.clone())
                .collect(),
        }
    }
}
