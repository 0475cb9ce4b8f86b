//! Counting a period: contacts, clients, categories, referrals, channels, volunteers and
//! follow-ups, read from the store's day index (no visit records are read).

use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FollowUpTotals {
    /// Opened in the period.
    pub opened: u64,
    /// Marked done in the period.
    pub done: u64,
    /// Cancelled in the period.
    pub cancelled: u64,
    /// Open at the moment of counting.
    pub open_now: u64,
    /// Open and past their due date at the moment of counting.
    pub overdue_now: u64,
}

/// The figures of one period. A visit counts once in each of its categories, so the
/// categories add up to more than the contacts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Contacts: visit records, anonymous ones included.
    pub visits: u64,
    pub anonymous_visits: u64,
    /// Different clients seen in the period.
    pub clients: u64,
    /// Different households seen (a client without a household is its own).
    pub households: u64,
    /// Clients whose first visit ever falls in the period.
    pub new_clients: u64,
    pub by_category: BTreeMap<String, u64>,
    pub by_referral: BTreeMap<String, u64>,
    pub by_channel: BTreeMap<String, u64>,
    pub by_volunteer: BTreeMap<String, u64>,
    pub followups: FollowUpTotals,
}

fn bump(map: &mut HashMap<String, u64>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

/// Counts the period `from`..=`to`; "now" figures are as of `today`.
pub fn count(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Tally, StoreError> {
    let mut visits = 0;
    let mut anonymous = 0;
    let mut clients = HashSet::new();
    let (mut categories, mut referrals, mut channels, mut volunteers) = (
        HashMap::new(),
        HashMap::new(),
        HashMap::new(),
        HashMap::new(),
    );
    store.for_each_day_entry(from, to, |_, _, e| {
        visits += 1;
        match e.client {
            Some(c) => {
                clients.insert(c);
            }
            None => anonymous += 1,
        }
        for c in &e.categories {
            bump(&mut categories, c);
        }
        for r in &e.referrals {
            bump(&mut referrals, r);
        }
        bump(&mut channels, e.channel.key());
        bump(&mut volunteers, e.volunteer);
    })?;
    let household_of = store.households()?;
    let households: HashSet<(bool, u64)> = clients
        .iter()
        .map(|c| match household_of.get(c) {
            Some(h) => (true, *h),
            None => (false, *c),
        })
        .collect();
    let events = store.followup_events(from, to)?;
    let (open_now, overdue_now) = store.open_followup_totals(today)?;
    Ok(Tally {
        from,
        to,
        visits,
        anonymous_visits: anonymous,
        clients: clients.len() as u64,
        households: households.len() as u64,
        new_clients: store.new_clients(from, to)?,
        by_category: categories.into_iter().collect(),
        by_referral: referrals.into_iter().collect(),
        by_channel: channels.into_iter().collect(),
        by_volunteer: volunteers.into_iter().collect(),
        followups: FollowUpTotals {
            opened: events.opened,
            done: events.done,
            cancelled: events.cancelled,
            open_now,
            overdue_now,
        },
    })
}
