//! Demo begeleiders and the deadlines they guard: about a third of the clients have a
//! volunteer who guides them, and now and then a visit about a decision letter gets the
//! follow-up that guards the deadline to object, made as the desk makes it
//! (`deadlines::guard`). They draw from a generator of their own, so the clients and visits
//! of a seed stay what they were before begeleiders and deadlines existed.

use super::rng::Rng;
use crate::deadlines::{self, DeadlineRule, Deadlines};
use crate::model::{FollowUp, FollowUpState, Stamp};
use crate::store::{Batch, StoreError};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use std::collections::HashMap;

/// The volunteers who guide clients; the others only staff the desk.
const BEGELEIDERS: &[&str] = &["marieke", "jan", "fatima", "samir", "els", "tesfay"];

/// The share of clients with a begeleider. It is decided at registration, as the client is
/// written once: adding it at a later visit would read each client back.
const GUIDED: f64 = 0.35;

/// Visit categories about a decision one can object to, and the rule for its sender: Dienst
/// Toeslagen, Belastingdienst, the municipality, UWV and DUO under the Awb, the IND under the
/// Vreemdelingenwet.
const LETTERS: &[(&str, &str)] = &[
    ("toeslagen", "bezwaar"),
    ("belasting", "bezwaar"),
    ("uitkering", "bezwaar"),
    ("kwijtschelding", "bezwaar"),
    ("duo", "bezwaar"),
    ("verblijf_ind", "bezwaar_ind"),
    ("gezinshereniging", "bezwaar_ind"),
];

/// How often a visit about such a letter ends in an objection whose deadline is guarded.
const OBJECTED: f64 = 0.08;

/// Visits in these last days guard a deadline more often, so that even a small demo store
/// shows deadlines coming up on the desk.
const RECENT_DAYS: i64 = 42;
const OBJECTED_RECENTLY: f64 = 0.35;

/// A letter is dated 2 to 16 days before the visit: recent enough that even the IND's four
/// weeks leave the follow-up due after the visit.
const LETTER_AGE_DAYS: usize = 15;

pub struct Guidance {
    rng: Rng,
    today: NaiveDate,
    /// The categories of `LETTERS` with their rules.
    letters: Vec<(&'static str, DeadlineRule)>,
    /// The begeleider of each guided client.
    guided: HashMap<u64, &'static str>,
}

impl Guidance {
    pub fn new(seed: u64, today: NaiveDate) -> Guidance {
        Guidance {
            // Another stream than the others (the constant spells BEGELEID).
            rng: Rng::new(seed ^ 0x4245_4745_4c45_4944),
            today,
            letters: {
                let rules = Deadlines::default();
                LETTERS
                    .iter()
                    .filter_map(|&(c, key)| rules.get(key).ok().map(|r| (c, r.clone())))
                    .collect()
            },
            guided: HashMap::new(),
        }
    }

    /// The begeleider of a client about to be registered, if it gets one.
    pub fn begeleider(&mut self) -> Option<&'static str> {
        self.rng.chance(GUIDED).then(|| *self.rng.pick(BEGELEIDERS))
    }

    /// Remembers who guides a registered client, for the follow-ups that go to them.
    pub fn guides(&mut self, client: u64, begeleider: &'static str) {
        self.guided.insert(client, begeleider);
    }

    /// After a client's visit by `volunteer` at `when` about `categories`: now and then the
    /// follow-up that guards the deadline of the letter it was about, for the client's
    /// begeleider, else for that volunteer (as the desk assigns it). Returns how many it wrote.
    pub fn after_visit(
        &mut self,
        batch: &mut Batch,
        client: u64,
        visit: u64,
        when: NaiveDateTime,
        volunteer: &str,
        categories: &[String],
    ) -> Result<usize, StoreError> {
        // The first category ticked that is about such a letter.
        let Some(letter_kind) = categories
            .iter()
            .find_map(|c| self.letters.iter().position(|(l, _)| l == c))
        else {
            return Ok(0);
        };
        let chance = if self.today - when.date() < Duration::days(RECENT_DAYS) {
            OBJECTED_RECENTLY
        } else {
            OBJECTED
        };
        if !self.rng.chance(chance) {
            return Ok(0);
        }
        let age = 2 + self.rng.below(LETTER_AGE_DAYS) as i64;
        let letter = weekday_before(when.date() - Duration::days(age));
        let guard = deadlines::guard(&self.letters[letter_kind].1, letter, false);
        let assignee = self
            .guided
            .get(&client)
            .map_or(volunteer, |b| b)
            .to_string();
        let state = self.state(&guard, when, &assignee);
        batch.add_followup(FollowUp {
            number: 0,
            client,
            visit: Some(visit),
            referral: None,
            due: guard.due,
            text: guard.text,
            assignee: Some(assignee),
            state,
            created: Stamp {
                who: volunteer.to_string(),
                at: when,
            },
            deadline: Some(guard.deadline),
        })?;
        Ok(1)
    }

    /// Open while it is not yet due, often still open (and so overdue) while the deadline
    /// itself lies ahead; after the deadline mostly done (the objection went out), now and
    /// then cancelled (the client let it go), rarely forgotten.
    fn state(&mut self, guard: &deadlines::Guard, when: NaiveDateTime, by: &str) -> FollowUpState {
        let open = if guard.due >= self.today {
            true
        } else if guard.deadline.ends >= self.today {
            self.rng.chance(0.5)
        } else {
            self.rng.chance(0.01)
        };
        if open {
            return FollowUpState::Open;
        }
        let last = guard.due.min(self.today);
        let span = (last - when.date()).num_days().max(0) as usize;
        let day = when.date() + Duration::days(self.rng.below(span + 1) as i64);
        let stamp = Stamp {
            who: by.to_string(),
            at: day.and_time(when.time()),
        };
        if self.rng.chance(0.9) {
            FollowUpState::Done(stamp)
        } else {
            FollowUpState::Cancelled(stamp)
        }
    }
}

/// Letters are dated on working days: a weekend day becomes the Friday before.
fn weekday_before(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day - Duration::days(1),
        Weekday::Sun => day - Duration::days(2),
        _ => day,
    }
}
