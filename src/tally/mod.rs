//! Counting a period: contacts, clients, categories, referrals, channels, volunteers and
//! follow-ups, read from the store's day index (no visit records are read).

use crate::model::Channel;
use crate::store::{Dictionary, Store, StoreError};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashSet};

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

/// Counts per dictionary code: a plain array, so counting 200,000 visits hashes nothing.
#[derive(Default)]
struct Counter(Vec<u64>);

impl Counter {
    fn bump(&mut self, code: u32) {
        let i = code as usize;
        if i >= self.0.len() {
            self.0.resize(i + 1, 0);
        }
        self.0[i] += 1;
    }

    /// The counts by key; a code the dictionary does not know prints as its number.
    fn into_map(self, dictionary: &Dictionary, kind: char) -> BTreeMap<String, u64> {
        self.0
            .into_iter()
            .enumerate()
            .filter(|(_, n)| *n > 0)
            .map(|(code, n)| {
                let key = dictionary
                    .key(kind, code as u32)
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("#{code}"));
                (key, n)
            })
            .collect()
    }
}

/// The set of clients seen, as a bitmap over client numbers (they are dense and start near
/// 1000), which is far cheaper than hashing each visit's client.
#[derive(Default)]
struct ClientSet {
    bits: Vec<u64>,
    len: u64,
}

impl ClientSet {
    fn insert(&mut self, client: u64) {
        let (word, bit) = ((client / 64) as usize, client % 64);
        if word >= self.bits.len() {
            self.bits.resize(word + 1, 0);
        }
        if self.bits[word] & (1 << bit) == 0 {
            self.bits[word] |= 1 << bit;
            self.len += 1;
        }
    }

    fn iter(&self) -> impl Iterator<Item = u64> + '_ {
        self.bits.iter().enumerate().flat_map(|(w, &bits)| {
            (0..64)
                .filter(move |b| bits & (1 << b) != 0)
                .map(move |b| w as u64 * 64 + b)
        })
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
    let mut clients = ClientSet::default();
    let (mut categories, mut referrals, mut volunteers) =
        (Counter::default(), Counter::default(), Counter::default());
    let mut channels = [0u64; Channel::ALL.len()];
    store.for_each_day_entry(from, to, |_, _, e| {
        visits += 1;
        match e.client {
            Some(c) => clients.insert(c),
            None => anonymous += 1,
        }
        for c in e.categories {
            categories.bump(c);
        }
        for r in e.referrals {
            referrals.bump(r);
        }
        channels[e.channel as usize] += 1;
        volunteers.bump(e.volunteer);
    })?;
    let dictionary = store.dictionary()?;
    let household_of = store.households()?;
    let households: HashSet<(bool, u64)> = clients
        .iter()
        .map(|c| match household_of.get(&c) {
            Some(h) => (true, *h),
            None => (false, c),
        })
        .collect();
    let events = store.followup_events(from, to)?;
    let (open_now, overdue_now) = store.open_followup_totals(today)?;
    Ok(Tally {
        from,
        to,
        visits,
        anonymous_visits: anonymous,
        clients: clients.len,
        households: households.len() as u64,
        new_clients: store.new_clients(from, to)?,
        by_category: categories.into_map(&dictionary, 'c'),
        by_referral: referrals.into_map(&dictionary, 'r'),
        by_channel: Channel::ALL
            .iter()
            .filter(|c| channels[**c as usize] > 0)
            .map(|c| (c.key().to_string(), channels[*c as usize]))
            .collect(),
        by_volunteer: volunteers.into_map(&dictionary, 'v'),
        followups: FollowUpTotals {
            opened: events.opened,
            done: events.done,
            cancelled: events.cancelled,
            open_now,
            overdue_now,
        },
    })
}
