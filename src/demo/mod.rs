//! Realistic synthetic data for trying the desk and for benchmarks: clients with the names
//! and spellings the office meets, some guided by a begeleider, visits spread over several
//! years, referrals, anonymous visits, follow-ups (some overdue, some guarding the deadline of
//! a letter) and appointments (kept, cancelled, missed and coming). Deterministic for a seed.

mod appointments;
mod guidance;
pub mod names;
pub mod rng;

use crate::model::{
    Birth, Catalog, CatalogKind, Channel, ClientDraft, FollowUp, FollowUpState, Gender, Referral,
    Stamp, Visit,
};
use crate::store::{Batch, Store, StoreError};
use appointments::{Appointments, Seen};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use guidance::Guidance;
use rng::Rng;

/// Visits written per transaction: large enough to be fast, small enough that progress shows.
const VISITS_PER_BATCH: usize = 100_000;

const VOLUNTEERS: &[&str] = &[
    "marieke", "jan", "fatima", "pieter", "anouk", "samir", "els", "tesfay", "ruud",
];

const CATEGORIES: &[(&str, u32)] = &[
    ("post", 30),
    ("toeslagen", 16),
    ("huisvesting", 12),
    ("inburgering", 10),
    ("duo", 7),
    ("kwijtschelding", 6),
    ("uitkering", 8),
    ("bijzondere_bijstand", 4),
    ("gezinshereniging", 6),
    ("verblijf_ind", 5),
    ("werk_uwv", 6),
    ("belasting", 6),
    ("schulden", 5),
    ("zorgverzekering", 6),
    ("zorg", 4),
    ("onderwijs", 5),
    ("taal", 4),
    ("digitaal", 6),
    ("overig", 3),
];

const REFERRALS: &[(&str, u32)] = &[
    ("kwadraad", 25),
    ("voedselbank", 8),
    ("juridisch_steunpunt", 14),
    ("leergeld", 8),
    ("jes", 5),
    ("gemeente", 15),
    ("schuldhulp", 9),
    ("juridisch_loket", 8),
    ("huisarts", 5),
    ("overig", 3),
];

const CHANNELS: &[(Channel, u32)] = &[
    (Channel::Spreekuur, 60),
    (Channel::Infopunt, 20),
    (Channel::Telefoon, 12),
    (Channel::Afspraak, 6),
    (Channel::Huisbezoek, 2),
];

const CLIENT_NOTES: &[&str] = &[
    "komt meestal met buurvrouw",
    "liever 's ochtends bellen",
    "post via begeleider",
    "",
];

const VISIT_NOTES: &[&str] = &[
    "brief uitgelegd",
    "formulier samen ingevuld",
    "afspraak gemaakt",
    "bezwaar opgesteld",
    "gebeld met instantie",
    "",
    "",
];

const OTHER_FOLLOWUPS: &[&str] = &[
    "brief nasturen",
    "terugbellen over aanvraag",
    "controleren of betaling binnen is",
    "termijn bezwaar bewaken",
];

#[derive(Debug, Clone, Copy)]
pub struct DemoSize {
    pub clients: usize,
    pub visits: usize,
    pub seed: u64,
}

/// What a demo fill wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub clients: usize,
    pub visits: usize,
    pub followups: usize,
    pub appointments: usize,
}

/// Fills `store` with `size` clients and visits ending `today`; calls `progress(done, total)`
/// after each transaction.
pub fn fill(
    store: &Store,
    size: DemoSize,
    today: NaiveDate,
    progress: impl FnMut(usize, usize),
) -> Result<DemoReport, StoreError> {
    fill_in(
        |write| store.batch(write),
        VISITS_PER_BATCH,
        size,
        today,
        progress,
    )
}

/// One transaction of a fill, handed to the way of writing it.
type Write<'w> = dyn FnMut(&mut Batch) -> Result<(), StoreError> + 'w;

/// Fills as `fill` does, `per_batch` visits to each transaction that `batch` runs (a test
/// fills in small batches, held back and one by one, and compares the stores).
fn fill_in(
    mut batch: impl FnMut(&mut Write) -> Result<(), StoreError>,
    per_batch: usize,
    size: DemoSize,
    today: NaiveDate,
    mut progress: impl FnMut(usize, usize),
) -> Result<DemoReport, StoreError> {
    let mut generator = Generator::new(size, today);
    let mut report = DemoReport::default();
    while report.visits < size.visits || report.clients < size.clients {
        batch(&mut |batch| {
            let end = (report.visits + per_batch).min(size.visits);
            while report.visits < end {
                generator.visit(batch, report.visits, &mut report)?;
            }
            // Fewer visits than clients: register the rest without a visit.
            if report.visits == size.visits {
                while report.clients < size.clients {
                    generator.register(batch, today.and_time(NaiveTime::MIN), &mut report)?;
                }
                generator
                    .appointments
                    .around_today(batch, &generator.registered, VOLUNTEERS)?;
            }
            report.appointments = generator.appointments.written;
            Ok(())
        })?;
        progress(report.visits, size.visits);
    }
    Ok(report)
}

struct Generator {
    rng: Rng,
    size: DemoSize,
    first_day: NaiveDate,
    days: i64,
    today: NaiveDate,
    /// Registered client numbers, oldest first.
    registered: Vec<u64>,
    /// For the labels in follow-up texts, as the desk writes them.
    catalog: Catalog,
    appointments: Appointments,
    guidance: Guidance,
}

impl Generator {
    fn new(size: DemoSize, today: NaiveDate) -> Generator {
        let first_day = NaiveDate::from_ymd_opt(today.year() - 4, 1, 1).unwrap_or(today);
        Generator {
            rng: Rng::new(size.seed),
            size,
            first_day,
            days: (today - first_day).num_days().max(1),
            today,
            registered: Vec::new(),
            catalog: Catalog::default(),
            appointments: Appointments::new(size.seed, today),
            guidance: Guidance::new(size.seed, today),
        }
    }

    /// The moment of visit `i` of the run: days spread evenly, weekends moved to Monday.
    fn moment(&mut self, i: usize) -> NaiveDateTime {
        let offset = (i as i64 * self.days) / self.size.visits.max(1) as i64;
        let mut day = self.first_day + Duration::days(offset);
        match day.weekday() {
            Weekday::Sat => day += Duration::days(2),
            Weekday::Sun => day += Duration::days(1),
            _ => {}
        }
        day = day.min(self.today);
        let minutes = 9 * 60 + self.rng.below(7 * 60 + 30) as u32;
        day.and_time(
            NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap_or(NaiveTime::MIN),
        )
    }

    fn register(
        &mut self,
        batch: &mut Batch,
        at: NaiveDateTime,
        report: &mut DemoReport,
    ) -> Result<u64, StoreError> {
        let begeleider = self.guidance.begeleider();
        let rng = &mut self.rng;
        let name = names::demo_name(rng);
        // Now and then a family member of the previous client registers too, half of them
        // children, so the who-came figures hold households with children.
        let family = self.registered.last().copied().filter(|_| rng.chance(0.12));
        let age = if family.is_some() && rng.chance(0.5) {
            rng.below(18) as i32
        } else {
            18 + rng.below(55) as i32
        };
        let year = self.today.year() - age;
        let birth = if rng.chance(0.6) {
            NaiveDate::from_ymd_opt(year, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
                .filter(|d| *d <= self.today)
                .map(Birth::Date)
                .unwrap_or(Birth::Year(year))
        } else {
            Birth::Year(year)
        };
        let phone = rng
            .chance(0.7)
            .then(|| format!("06-{:08}", rng.next_u64() % 100_000_000));
        let draft = ClientDraft {
            name: name.name,
            aliases: name.aliases,
            birth,
            country: Some(name.origin.country.to_string()),
            languages: name
                .origin
                .languages
                .iter()
                .map(|l| l.to_string())
                .collect(),
            interpreter: name.origin.country != "NL" && rng.chance(0.35),
            // One in twenty did not say; the rest as their given name suggests.
            gender: match (rng.chance(0.05), name.female) {
                (true, _) => Gender::Unknown,
                (false, true) => Gender::Female,
                (false, false) => Gender::Male,
            },
            phone,
            note: rng.pick(CLIENT_NOTES).to_string(),
            begeleider: begeleider.map(str::to_string),
        };
        let stamp = Stamp {
            who: rng.pick(VOLUNTEERS).to_string(),
            at,
        };
        let number = batch.add_client(draft, stamp.clone())?;
        if let Some(b) = begeleider {
            self.guidance.guides(number, b);
        }
        if let Some(previous) = family {
            batch.join_household(number, previous, stamp)?;
        }
        self.registered.push(number);
        report.clients += 1;
        Ok(number)
    }

    /// The client of a named visit: a new one often enough that all are registered by the
    /// end, else a returning one (recent clients come back more).
    fn client_for(
        &mut self,
        batch: &mut Batch,
        i: usize,
        at: NaiveDateTime,
        report: &mut DemoReport,
    ) -> Result<u64, StoreError> {
        let left_clients = self.size.clients - report.clients;
        let left_visits = self.size.visits - i;
        let new = left_clients > 0
            && (self.registered.is_empty()
                || left_clients >= left_visits
                || self.rng.below(left_visits) < left_clients);
        if new {
            return self.register(batch, at, report);
        }
        let n = self.registered.len();
        let index = if self.rng.chance(0.7) {
            n - 1 - self.rng.below(n.min(3000))
        } else {
            self.rng.below(n)
        };
        Ok(self.registered[index])
    }

    fn visit(
        &mut self,
        batch: &mut Batch,
        i: usize,
        report: &mut DemoReport,
    ) -> Result<(), StoreError> {
        let when = self.moment(i);
        let anonymous = !self.registered.is_empty() && self.rng.chance(0.08);
        let client = if anonymous {
            None
        } else {
            Some(self.client_for(batch, i, when, report)?)
        };
        let rng = &mut self.rng;
        let mut categories: Vec<String> = Vec::new();
        let count = 1 + usize::from(rng.chance(0.35)) + usize::from(rng.chance(0.1));
        while categories.len() < count {
            let c = rng.weighted(CATEGORIES).to_string();
            if !categories.contains(&c) {
                categories.push(c);
            }
        }
        let mut referrals: Vec<Referral> = Vec::new();
        let refer_count = usize::from(rng.chance(0.22)) + usize::from(rng.chance(0.04));
        while referrals.len() < refer_count {
            let destination = rng.weighted(REFERRALS).to_string();
            if !referrals.iter().any(|r| r.destination == destination) {
                referrals.push(Referral {
                    destination,
                    note: String::new(),
                });
            }
        }
        let volunteer = rng.pick(VOLUNTEERS).to_string();
        let channel = *rng.weighted(CHANNELS);
        let first_category = categories[0].clone();
        let about = categories.clone();
        let visit = Visit {
            number: 0,
            client,
            when,
            volunteer: volunteer.clone(),
            channel,
            categories,
            referrals: referrals.clone(),
            note: rng.pick(VISIT_NOTES).to_string(),
            recorded: Stamp {
                who: volunteer.clone(),
                at: when,
            },
        };
        let (visit_number, _) = batch.add_visit(visit, Vec::new())?;
        report.visits += 1;
        let Some(client) = client else {
            return Ok(());
        };
        self.appointments.after_visit(
            batch,
            Seen {
                client,
                visit: visit_number,
                when,
                by_appointment: channel == Channel::Afspraak,
                volunteer: &volunteer,
                category: Some(&first_category),
            },
        )?;
        // Follow-ups: half the referrals get a "navragen", a few visits another promise.
        let mut promises: Vec<(String, Option<String>)> = referrals
            .iter()
            .filter(|_| self.rng.chance(0.5))
            .map(|r| {
                (
                    format!(
                        "navragen bij {}",
                        self.catalog
                            .label(CatalogKind::Referral, &r.destination, false)
                    ),
                    Some(r.destination.clone()),
                )
            })
            .collect();
        if self.rng.chance(0.05) {
            promises.push((self.rng.pick(OTHER_FOLLOWUPS).to_string(), None));
        }
        for (text, referral) in promises {
            let due = when.date() + Duration::days(14);
            let closed_at =
                (due + Duration::days(self.rng.below(10) as i64 - 3)).and_time(when.time());
            let state = if due >= self.today - Duration::days(7) || self.rng.chance(0.04) {
                FollowUpState::Open
            } else if self.rng.chance(0.95) {
                FollowUpState::Done(Stamp {
                    who: volunteer.clone(),
                    at: closed_at.min(self.today.and_time(when.time())),
                })
            } else {
                FollowUpState::Cancelled(Stamp {
                    who: volunteer.clone(),
                    at: closed_at.min(self.today.and_time(when.time())),
                })
            };
            batch.add_followup(FollowUp {
                number: 0,
                client,
                visit: Some(visit_number),
                referral,
                due,
                text,
                assignee: self.rng.chance(0.5).then(|| volunteer.clone()),
                state,
                created: Stamp {
                    who: volunteer.clone(),
                    at: when,
                },
                deadline: None,
            })?;
            report.followups += 1;
        }
        report.followups +=
            self.guidance
                .after_visit(batch, client, visit_number, when, &volunteer, &about)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo written in small batches that hold entries back, and as every entry was
    /// written before: the same store, table by table.
    #[test]
    fn held_back_batches_fill_the_same_demo_store_as_one_by_one_inserts() {
        let size = DemoSize {
            clients: 300,
            visits: 2_000,
            seed: 3,
        };
        let today = NaiveDate::from_ymd_opt(2026, 3, 11).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let held = Store::open(&dir.path().join("held.redb")).unwrap();
        let one_by_one = Store::open(&dir.path().join("one.redb")).unwrap();
        let report = fill_in(|w| held.batch(w), 300, size, today, |_, _| {}).unwrap();
        let same = fill_in(
            |w| one_by_one.batch_one_by_one(w),
            300,
            size,
            today,
            |_, _| {},
        );
        assert_eq!(same.unwrap(), report);
        assert!(
            report.followups > 0 && report.appointments > 0,
            "{report:?}"
        );
        let check = held.check().unwrap();
        assert!(check.is_clean(), "{check:?}");
        let (held, one_by_one) = (held.dump(), one_by_one.dump());
        assert_eq!(
            held.keys().collect::<Vec<_>>(),
            one_by_one.keys().collect::<Vec<_>>()
        );
        for (table, rows) in &held {
            assert!(rows == &one_by_one[table], "table {table} differs");
        }
    }
}
