//! Counting a period: contacts, clients, categories, referrals, channels, volunteers,
//! follow-ups and appointments, read from the store's day indexes (no visit or appointment
//! records are read). The definitions
//! are in docs/tallies.md.

pub mod export;
pub mod json;
pub mod merge;
pub mod outside;
mod period;
pub mod report;
mod scan;
pub mod who;
mod who_report;
pub mod workbook;

pub use period::Period;
pub use who::{AgeBands, WhoCame};

use crate::model::{Channel, ReportGroup, group_of};
use crate::store::{AppointmentCounts, FollowUpEvents, Households, Store, StoreError};
use chrono::{Datelike, NaiveDate};
use scan::NumberSet;
use std::collections::BTreeMap;

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
    /// Contacts per report group: a visit counts once in each group its categories fall in.
    pub by_group: Vec<(String, u64)>,
    /// Contacts per day of the period, from `from` on.
    pub per_day: Vec<u64>,
    pub followups: FollowUpTotals,
    /// Appointments whose moment falls in the period, by what became of them.
    pub appointments: AppointmentCounts,
    /// Who the period's unique clients were.
    pub who: WhoCame,
}

impl Tally {
    /// Contacts per calendar month in the period ("2026-11" -> n), months without contacts
    /// included.
    pub fn by_month(&self) -> BTreeMap<String, u64> {
        let mut months = BTreeMap::new();
        for (i, n) in self.per_day.iter().enumerate() {
            let day = self.from + chrono::Duration::days(i as i64);
            *months.entry(day.format("%Y-%m").to_string()).or_insert(0) += n;
        }
        months
    }

    /// Contacts per ISO week in the period, oldest first, for a sparkline.
    pub fn by_week(&self) -> Vec<u64> {
        let mut weeks: Vec<u64> = Vec::new();
        let mut last = None;
        for (i, n) in self.per_day.iter().enumerate() {
            let week = (self.from + chrono::Duration::days(i as i64)).iso_week();
            if last != Some(week) {
                weeks.push(0);
                last = Some(week);
            }
            if let Some(w) = weeks.last_mut() {
                *w += n;
            }
        }
        weeks
    }
}

/// Counts the period `from`..=`to`; "now" figures are as of `today`. `groups` are the report
/// groups of the office's config, `bands` its age bands.
pub fn count(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    groups: &[ReportGroup],
    bands: &AgeBands,
) -> Result<Tally, StoreError> {
    let dictionary = store.dictionary()?;
    // The report groups by name in report order, and each category code's group.
    let mut group_names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    let mut group_of_code: Vec<usize> = Vec::new();
    let group_index = |name: &str, names: &mut Vec<&str>| -> usize {
        names.iter().position(|n| *n == name).unwrap_or_else(|| {
            names.push(crate::model::UNGROUPED);
            names.len() - 1
        })
    };
    for code in 0..dictionary.len() as u32 {
        let index = match dictionary.key('c', code) {
            Some(key) => group_index(group_of(groups, key), &mut group_names),
            None => usize::MAX,
        };
        group_of_code.push(index);
    }
    let (counted, side) = scan::scan(store, (from, to), &group_of_code, group_names.len(), || {
        side_figures(store, from, to, today)
    })?;
    let scan::DayCounts {
        visits,
        anonymous,
        clients,
        categories,
        referrals,
        volunteers,
        channels,
        group_counts,
        per_day,
    } = counted;
    let SideFigures {
        new_clients,
        household_of,
        events,
        open_now,
        overdue_now,
        appointments,
    } = side?;
    // A client's first visit ever, if it falls in the period, is one of the period's visits.
    if let Some(c) = new_clients.iter().find(|c| !clients.contains(**c)) {
        return Err(StoreError::damaged(format!(
            "the first-visit index names client {c}, who has no visit in the period"
        )));
    }
    // A client in no household is a household of one.
    let mut seen_households = NumberSet::default();
    let mut alone = 0;
    for c in clients.iter() {
        match household_of.of(c) {
            Some(h) => seen_households.insert(h),
            None => alone += 1,
        }
    }
    let households = seen_households.len + alone;
    let who = who_came(
        store,
        &clients,
        &household_of,
        &seen_households,
        households,
        bands,
        to,
    )?;
    Ok(Tally {
        from,
        to,
        visits,
        anonymous_visits: anonymous,
        clients: clients.len,
        households,
        new_clients: new_clients.len() as u64,
        by_category: categories.into_map(&dictionary, 'c'),
        by_referral: referrals.into_map(&dictionary, 'r'),
        by_channel: Channel::ALL
            .iter()
            .filter(|c| channels[**c as usize] > 0)
            .map(|c| (c.key().to_string(), channels[*c as usize]))
            .collect(),
        by_volunteer: volunteers.into_map(&dictionary, 'v'),
        by_group: group_names
            .iter()
            .zip(group_counts)
            .map(|(name, n)| (name.to_string(), n))
            .collect(),
        per_day,
        followups: FollowUpTotals {
            opened: events.opened,
            done: events.done,
            cancelled: events.cancelled,
            open_now,
            overdue_now,
        },
        appointments,
        who,
    })
}

/// The figures of a tally that are not counted from the day entries.
struct SideFigures {
    new_clients: Vec<u64>,
    household_of: Households,
    events: FollowUpEvents,
    open_now: u64,
    overdue_now: u64,
    appointments: AppointmentCounts,
}

fn side_figures(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<SideFigures, StoreError> {
    let (open_now, overdue_now) = store.open_followup_totals(today)?;
    Ok(SideFigures {
        new_clients: store.first_visitors(from, to)?,
        household_of: store.households()?,
        events: store.followup_events(from, to)?,
        open_now,
        overdue_now,
        appointments: store.appointment_counts(from, to)?,
    })
}

/// Who the clients seen were, from their profiles; a household counts as one with children
/// when any of its members is a child on `day`, whether or not that member came.
fn who_came(
    store: &Store,
    clients: &NumberSet,
    household_of: &Households,
    seen_households: &NumberSet,
    households: u64,
    bands: &AgeBands,
    day: NaiveDate,
) -> Result<WhoCame, StoreError> {
    // The clients seen and the other members of their households, in ascending order.
    let mut wanted = clients.clone();
    for (c, h) in household_of.members() {
        if seen_households.contains(h) {
            wanted.insert(c);
        }
    }
    let wanted: Vec<u64> = wanted.iter().collect();
    let mut who = who::WhoCounter::new(bands, day);
    let mut with_children = NumberSet::default();
    // A child who came alone is a household of one with children; each client counts once.
    let mut children_alone = 0;
    store.for_each_profile(&wanted, |n, profile| {
        let seen = clients.contains(n);
        if seen {
            who.add(profile);
        }
        if who.is_child(profile) {
            match household_of.of(n) {
                Some(h) => with_children.insert(h),
                None if seen => children_alone += 1,
                None => {}
            }
        }
    })?;
    let with_children = (with_children.len + children_alone).min(households);
    Ok(who.finish(clients.len, with_children))
}
