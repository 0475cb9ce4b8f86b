//! What a tally reads: the day index, new clients, follow-up events, households.

use super::bounds::{self, Bounds};
use super::codec::{DayEntryView, day_key};
use super::tables::{
    APPOINTMENT_CANCELLED, APPOINTMENT_KEPT, APPOINTMENT_NO_SHOW, APPOINTMENT_PLANNED,
    EVENT_CANCELLED, EVENT_DONE, EVENT_OPENED,
};
use super::{Store, StoreError};
use chrono::NaiveDate;

/// Follow-ups opened, done and cancelled in a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FollowUpEvents {
    pub opened: u64,
    pub done: u64,
    pub cancelled: u64,
}

/// The appointments of a period by what became of them (see docs/tallies.md).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AppointmentCounts {
    /// Every appointment whose moment falls in the period, whatever became of it.
    pub planned: u64,
    pub kept: u64,
    pub cancelled: u64,
    pub no_show: u64,
    /// Still planned: not yet kept, cancelled or marked no-show.
    pub open: u64,
}

/// Dictionary codes back to their keys.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    keys: Vec<Option<(char, String)>>,
}

impl Dictionary {
    /// One past the highest code.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The key of a code of the given kind ('c' category, 'r' referral, 'v' volunteer).
    pub fn key(&self, kind: char, code: u32) -> Option<&str> {
        match self.keys.get(code as usize) {
            Some(Some((k, key))) if *k == kind => Some(key),
            _ => None,
        }
    }

    fn has(&self, kind: char, code: u32) -> bool {
        matches!(self.keys.get(code as usize), Some(Some((k, _))) if *k == kind)
    }

    /// Adds a code; `bounds::dictionary` has held it to the number of codes.
    pub(super) fn set(&mut self, code: u32, kind: char, key: &str) {
        let i = code as usize;
        if self.keys.len() <= i {
            self.keys.resize(i + 1, None);
        }
        self.keys[i] = Some((kind, key.to_string()));
    }
}

/// Which household each client is in: a table by client number (dense, from about 1000 up),
/// so a tally over 100,000 clients looks each one up without hashing.
#[derive(Debug, Clone, Default)]
pub struct Households {
    /// Household number by client number; 0 for a client in none (households start at 1).
    of: Vec<u64>,
}

impl Households {
    pub fn of(&self, client: u64) -> Option<u64> {
        self.of
            .get(usize::try_from(client).ok()?)
            .copied()
            .filter(|h| *h != 0)
    }

    /// Every (client, household) in client order.
    pub fn members(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.of
            .iter()
            .enumerate()
            .filter(|(_, h)| **h != 0)
            .map(|(c, h)| (c as u64, *h))
    }
}

impl Store {
    /// The dictionary of category, referral and volunteer codes used in day entries.
    pub fn dictionary(&self) -> Result<Dictionary, StoreError> {
        self.read(bounds::dictionary)
    }

    /// Calls `count` for every visit from `from` to `to` (inclusive), day by day, without
    /// reading the visits themselves. Each entry's day, numbers and codes are held to what
    /// they can be (a code the dictionary of the same view holds), so a damaged entry refuses
    /// the count instead of changing it.
    pub fn for_each_day_entry(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        mut count: impl FnMut(NaiveDate, u64, &DayEntryView<'_>),
    ) -> Result<(), StoreError> {
        self.read(|t| {
            let bounds = Bounds::of(t)?;
            let dictionary = bounds::dictionary(t)?;
            let mut day = None;
            super::day_blocks::for_each_entry(t, day_key(from), day_key(to), |d, visit, view| {
                let date = match day {
                    Some((k, date)) if k == d => date,
                    _ => {
                        let date = bounds::day_within(d, from, to)?;
                        day = Some((d, date));
                        date
                    }
                };
                let damaged = || StoreError::damaged(format!("day index entry of visit {visit}"));
                bounds.visit(visit)?;
                if let Some(c) = view.client {
                    bounds.client(c)?;
                }
                let known = dictionary.has('v', view.volunteer)
                    && view.categories.into_iter().all(|c| dictionary.has('c', c))
                    && view.referrals.into_iter().all(|r| dictionary.has('r', r));
                if !known {
                    return Err(damaged());
                }
                count(date, visit, view);
                Ok(())
            })
        })
    }

    /// The clients whose first visit ever falls from `from` to `to`.
    pub fn first_visitors(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<u64>, StoreError> {
        self.read(|t| {
            let bounds = Bounds::of(t)?;
            let mut clients = Vec::new();
            for entry in t
                .first_visits
                .range((day_key(from), 0)..=(day_key(to), u64::MAX))?
            {
                let (day, client) = entry?.0.value();
                bounds::day_within(day, from, to)?;
                clients.push(bounds.client(client)?);
            }
            Ok(clients)
        })
    }

    /// Follow-ups opened, done and cancelled from `from` to `to`. No day counts more events of
    /// a kind than follow-ups were ever made, nor does the period.
    pub fn followup_events(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<FollowUpEvents, StoreError> {
        self.read(|t| {
            let bounds = Bounds::of(t)?;
            let made = bounds.followups_made();
            let mut events = FollowUpEvents::default();
            let mut add = |day: i32, event: u8, n: u64| -> Result<(), StoreError> {
                bounds::day_within(day, from, to)?;
                if n == 0 || n > made {
                    return Err(StoreError::damaged(format!(
                        "the index counts {n} follow-up events on day {day}, of {made} follow-ups"
                    )));
                }
                match event {
                    EVENT_OPENED => events.opened += n,
                    EVENT_DONE => events.done += n,
                    EVENT_CANCELLED => events.cancelled += n,
                    other => return Err(StoreError::damaged(format!("follow-up event {other}"))),
                }
                Ok(())
            };
            // After the walk: a period has no more events of a kind than follow-ups were made.
            let within = |events: FollowUpEvents| {
                if events.opened.max(events.done).max(events.cancelled) > made {
                    Err(StoreError::damaged(format!(
                        "the index counts more follow-up events than the {made} follow-ups"
                    )))
                } else {
                    Ok(events)
                }
            };
            let (first, last) = (day_key(from), day_key(to));
            match &t.followup_event_counts {
                Some(counts) => {
                    for entry in counts.range((first, 0)..=(last, u8::MAX))? {
                        let (key, n) = entry?;
                        let (day, event) = key.value();
                        add(day, event, n.value())?;
                    }
                }
                None => {
                    for entry in t
                        .followup_events
                        .range((first, 0, 0)..=(last, u64::MAX, u8::MAX))?
                    {
                        let (day, number, event) = entry?.0.value();
                        bounds.followup(number)?;
                        add(day, event, 1)?;
                    }
                }
            }
            within(events)
        })
    }

    /// The appointments from `from` to `to` by state, from the day index alone (its values
    /// are the states), so a year reads one small entry per appointment.
    pub fn appointment_counts(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<AppointmentCounts, StoreError> {
        self.read(|t| {
            let bounds = Bounds::of(t)?;
            let mut counts = AppointmentCounts::default();
            let Some(index) = &t.appointments_by_day else {
                return Ok(counts);
            };
            for entry in index.range((day_key(from), 0)..=(day_key(to), u64::MAX))? {
                let (key, state) = entry?;
                let (day, number) = key.value();
                bounds::day_within(day, from, to)?;
                bounds.appointment(number)?;
                counts.planned += 1;
                match state.value() {
                    APPOINTMENT_PLANNED => counts.open += 1,
                    APPOINTMENT_KEPT => counts.kept += 1,
                    APPOINTMENT_CANCELLED => counts.cancelled += 1,
                    APPOINTMENT_NO_SHOW => counts.no_show += 1,
                    other => {
                        return Err(StoreError::damaged(format!(
                            "state {other} of appointment {}",
                            key.value().1
                        )));
                    }
                }
            }
            Ok(counts)
        })
    }

    /// Open follow-ups now, and how many of them are overdue (due before `today`).
    pub fn open_followup_totals(&self, today: NaiveDate) -> Result<(u64, u64), StoreError> {
        self.read(|t| {
            let bounds = Bounds::of(t)?;
            let open = t.open_followups.len()?;
            let mut overdue = 0;
            for entry in t.open_followups.range((i32::MIN, 0)..(day_key(today), 0))? {
                let (day, number) = entry?.0.value();
                bounds::day(day)?;
                bounds.followup(number)?;
                overdue += 1;
            }
            if open > bounds.followups_made() || overdue > open {
                return Err(StoreError::damaged(format!(
                    "the open follow-up index counts {open} ({overdue} overdue) of {} follow-ups",
                    bounds.followups_made()
                )));
            }
            Ok((open, overdue))
        })
    }

    /// Open follow-ups due on `today` exactly.
    pub fn followups_due_on(&self, today: NaiveDate) -> Result<u64, StoreError> {
        self.read(|t| {
            let d = day_key(today);
            let mut n = 0;
            for entry in t.open_followups.range((d, 0)..=(d, u64::MAX))? {
                entry?;
                n += 1;
            }
            Ok(n)
        })
    }

    /// Every client that belongs to a household, with its household number.
    pub fn households(&self) -> Result<Households, StoreError> {
        self.read(|t| {
            let bounds = Bounds::of(t)?;
            let mut of = Vec::new();
            for entry in t.households.iter()? {
                let (household, client) = entry?.0.value();
                let (client, household) = (bounds.client(client)?, bounds.household(household)?);
                // Below the client counter, so the table is no larger than the clients.
                let at = client as usize;
                if at >= of.len() {
                    of.resize(at + 1, 0);
                }
                of[at] = household;
            }
            Ok(Households { of })
        })
    }
}
