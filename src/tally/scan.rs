//! Counting a period's day entries: contacts, clients, categories, referrals, channels,
//! volunteers, report groups and contacts per day. A long period is counted in two halves on
//! two threads and added up, since its day entries take most of a tally's time.

use crate::model::Channel;
use crate::store::{DayEntryView, Dictionary, Store, StoreError};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A period longer than this many days is counted in two halves at once.
const SPLIT_ABOVE_DAYS: i64 = 62;

/// Counts per dictionary code: a plain array, so counting 200,000 visits hashes nothing.
#[derive(Default)]
pub(super) struct Counter(Vec<u64>);

impl Counter {
    fn bump(&mut self, code: u32) {
        let i = code as usize;
        if i >= self.0.len() {
            self.0.resize(i + 1, 0);
        }
        self.0[i] += 1;
    }

    fn add(&mut self, other: Counter) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (n, m) in self.0.iter_mut().zip(other.0) {
            *n += m;
        }
    }

    /// The counts by key; a code the dictionary does not know prints as its number.
    pub(super) fn into_map(self, dictionary: &Dictionary, kind: char) -> BTreeMap<String, u64> {
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

/// A set of clients (or households), as a bitmap over their numbers (they are dense and
/// start near 1000 and 1), which is far cheaper than hashing each visit's client.
#[derive(Default, Clone)]
pub(super) struct NumberSet {
    bits: Vec<u64>,
    pub(super) len: u64,
}

impl NumberSet {
    pub(super) fn insert(&mut self, client: u64) {
        let (word, bit) = ((client / 64) as usize, client % 64);
        if word >= self.bits.len() {
            self.bits.resize(word + 1, 0);
        }
        if self.bits[word] & (1 << bit) == 0 {
            self.bits[word] |= 1 << bit;
            self.len += 1;
        }
    }

    pub(super) fn contains(&self, client: u64) -> bool {
        self.bits
            .get((client / 64) as usize)
            .is_some_and(|w| w & (1 << (client % 64)) != 0)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = u64> + '_ {
        self.bits.iter().enumerate().flat_map(|(w, &bits)| {
            (0..64)
                .filter(move |b| bits & (1 << b) != 0)
                .map(move |b| w as u64 * 64 + b)
        })
    }

    fn add(&mut self, other: NumberSet) {
        if self.bits.len() < other.bits.len() {
            self.bits.resize(other.bits.len(), 0);
        }
        for (w, o) in self.bits.iter_mut().zip(other.bits) {
            *w |= o;
        }
        self.len = self.bits.iter().map(|w| u64::from(w.count_ones())).sum();
    }
}

/// What the day entries of a period add up to.
pub(super) struct DayCounts {
    pub visits: u64,
    pub anonymous: u64,
    pub clients: NumberSet,
    pub categories: Counter,
    pub referrals: Counter,
    pub volunteers: Counter,
    pub channels: [u64; Channel::ALL.len()],
    /// Visits per report group (a visit counts once in a group, however many of its
    /// categories belong to it).
    pub group_counts: Vec<u64>,
    /// Visits per day of the whole period, from its first day.
    pub per_day: Vec<u64>,
}

impl DayCounts {
    fn new(days: usize, groups: usize) -> DayCounts {
        DayCounts {
            visits: 0,
            anonymous: 0,
            clients: NumberSet::default(),
            categories: Counter::default(),
            referrals: Counter::default(),
            volunteers: Counter::default(),
            channels: [0; Channel::ALL.len()],
            group_counts: vec![0; groups],
            per_day: vec![0; days],
        }
    }

    fn count(&mut self, day: usize, e: &DayEntryView<'_>, group_of_code: &[usize]) {
        self.visits += 1;
        if let Some(n) = self.per_day.get_mut(day) {
            *n += 1;
        }
        match e.client {
            Some(c) => self.clients.insert(c),
            None => self.anonymous += 1,
        }
        // Groups as a bit set, so a visit with two categories of one group counts once there.
        let mut in_groups = 0u64;
        for c in e.categories {
            self.categories.bump(c);
            if let Some(&g) = group_of_code.get(c as usize)
                && g < 64
            {
                in_groups |= 1 << g;
            }
        }
        while in_groups != 0 {
            let g = in_groups.trailing_zeros() as usize;
            if let Some(n) = self.group_counts.get_mut(g) {
                *n += 1;
            }
            in_groups &= in_groups - 1;
        }
        for r in e.referrals {
            self.referrals.bump(r);
        }
        self.channels[e.channel as usize] += 1;
        self.volunteers.bump(e.volunteer);
    }

    fn add(&mut self, other: DayCounts) {
        self.visits += other.visits;
        self.anonymous += other.anonymous;
        self.clients.add(other.clients);
        self.categories.add(other.categories);
        self.referrals.add(other.referrals);
        self.volunteers.add(other.volunteers);
        for (n, m) in self.channels.iter_mut().zip(other.channels) {
            *n += m;
        }
        for (n, m) in self.group_counts.iter_mut().zip(other.group_counts) {
            *n += m;
        }
        for (n, m) in self.per_day.iter_mut().zip(other.per_day) {
            *n += m;
        }
    }
}

/// Counts the day entries from `from` to `to`; `group_of_code` gives each category code's
/// report group (of `groups`). While they are counted, `meanwhile` runs on a thread of its
/// own for a long period, or after the count of a short one.
pub(super) fn scan<T: Send>(
    store: &Store,
    (from, to): (NaiveDate, NaiveDate),
    group_of_code: &[usize],
    groups: usize,
    meanwhile: impl FnOnce() -> T + Send,
) -> Result<(DayCounts, T), StoreError> {
    let days = ((to - from).num_days() + 1).max(0);
    let half = |a: NaiveDate, b: NaiveDate| -> Result<DayCounts, StoreError> {
        let mut counts = DayCounts::new(days as usize, groups);
        // Entries come day by day: the day's place in `per_day` is worked out once per day.
        let mut current: Option<(NaiveDate, usize)> = None;
        store.for_each_day_entry(a, b, |day, _, e| {
            let index = match current {
                Some((d, i)) if d == day => i,
                _ => {
                    let i = (day - from).num_days() as usize;
                    current = Some((day, i));
                    i
                }
            };
            counts.count(index, e, group_of_code);
        })?;
        Ok(counts)
    };
    if days <= SPLIT_ABOVE_DAYS {
        let counts = half(from, to)?;
        return Ok((counts, meanwhile()));
    }
    // Two halves and `meanwhile` on three threads: how long `meanwhile` takes beside the
    // days depends on the store and on what is already cached, so the system balances them
    // over the cores.
    let middle = from + chrono::Duration::days(days / 2);
    std::thread::scope(|s| {
        let other = s.spawn(meanwhile);
        let first = s.spawn(|| half(from, middle - chrono::Duration::days(1)));
        let mut counts = half(middle, to)?;
        // A panic on another thread is a bug; it goes on as one here.
        let first = first
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        let other = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        counts.add(first);
        Ok((counts, other))
    })
}
