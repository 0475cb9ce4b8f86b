//! Demo appointments: every visit on the channel afspraak kept one, now and then a client
//! cancels or does not come, a few past ones were never marked, and the coming weeks hold
//! appointments of recent clients. They draw from a generator of their own, so the clients
//! and visits of a seed stay what they were before appointments existed.

use super::rng::Rng;
use crate::model::{Appointment, AppointmentState, Stamp};
use crate::store::{Batch, StoreError};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

/// What an appointment about a visit's first category says, as a volunteer writes it.
const ABOUT: &[(&str, &str)] = &[
    ("post", "brieven doornemen"),
    ("toeslagen", "huurtoeslag aanvragen"),
    ("huisvesting", "inschrijving woningzoekende"),
    ("inburgering", "inburgeringsplan bespreken"),
    ("duo", "DUO-lening: betalingsregeling"),
    ("kwijtschelding", "kwijtschelding gemeentebelasting"),
    ("uitkering", "aanvraag bijstand"),
    ("bijzondere_bijstand", "bijzondere bijstand bril"),
    ("gezinshereniging", "formulieren nareis"),
    ("verblijf_ind", "verlenging verblijfsvergunning"),
    ("werk_uwv", "cv en sollicitatiebrief"),
    ("belasting", "aangifte inkomstenbelasting"),
    ("schulden", "overzicht schulden maken"),
    ("zorgverzekering", "zorgverzekering afsluiten"),
    ("zorg", "inschrijven bij huisarts"),
    ("onderwijs", "inschrijving school kinderen"),
    ("taal", "taalcursus zoeken"),
    ("digitaal", "DigiD aanvragen"),
];

const OTHER_ABOUT: &[&str] = &[
    "vervolg vorige week",
    "papieren meenemen",
    "jaaroverzicht bank uitleggen",
    "",
];

const PLACES: &[&str] = &["spreekkamer 1", "spreekkamer 2", "balie", "bibliotheek"];

/// Coming appointments lie at most this many days ahead.
const AHEAD_DAYS: usize = 15;

/// A client's visit as the demo logged it.
pub struct Seen<'a> {
    pub client: u64,
    pub visit: u64,
    pub when: NaiveDateTime,
    /// Its channel was afspraak: it kept an appointment.
    pub by_appointment: bool,
    pub volunteer: &'a str,
    pub category: Option<&'a str>,
}

pub struct Appointments {
    rng: Rng,
    today: NaiveDate,
    pub written: usize,
}

impl Appointments {
    pub fn new(seed: u64, today: NaiveDate) -> Appointments {
        Appointments {
            // Another stream than the clients' and visits' (the constant spells AFSPRAAK).
            rng: Rng::new(seed ^ 0x4146_5350_5241_414b),
            today,
            written: 0,
        }
    }

    fn about(&mut self, category: Option<&str>) -> String {
        match ABOUT.iter().find(|(k, _)| Some(*k) == category) {
            Some((_, text)) if self.rng.chance(0.8) => text.to_string(),
            _ => self.rng.pick(OTHER_ABOUT).to_string(),
        }
    }

    fn place(&mut self) -> Option<String> {
        self.rng
            .chance(0.7)
            .then(|| self.rng.pick(PLACES).to_string())
    }

    /// A planned appointment made some days before its moment, with a text and a place.
    fn planned(
        &mut self,
        client: u64,
        at: NaiveDateTime,
        with: &str,
        category: Option<&str>,
    ) -> Appointment {
        let made = Stamp {
            who: with.to_string(),
            at: at - Duration::days(2 + self.rng.below(12) as i64),
        };
        Appointment {
            number: 0,
            client,
            at,
            with: with.to_string(),
            about: self.about(category),
            place: self.place(),
            state: AppointmentState::Planned,
            changed: made.clone(),
            created: made,
        }
    }

    /// Stores it, ended in `state` at `when` (unless it stays planned).
    fn write(
        &mut self,
        batch: &mut Batch,
        mut a: Appointment,
        state: AppointmentState,
        when: NaiveDateTime,
    ) -> Result<(), StoreError> {
        if state != AppointmentState::Planned {
            a.state = state;
            a.changed = Stamp {
                who: a.with.clone(),
                at: when,
            };
        }
        batch.add_appointment(a)?;
        self.written += 1;
        Ok(())
    }

    /// After a client's visit: the appointment it kept when it came by appointment, and now
    /// and then one the client cancelled or missed some days later.
    pub fn after_visit(&mut self, batch: &mut Batch, seen: Seen) -> Result<(), StoreError> {
        if seen.by_appointment {
            let a = self.planned(
                seen.client,
                quarter(seen.when),
                seen.volunteer,
                seen.category,
            );
            let kept = AppointmentState::Kept { visit: seen.visit };
            self.write(batch, a, kept, seen.when)?;
        }
        let fate = if self.rng.chance(0.015) {
            AppointmentState::Cancelled
        } else if self.rng.chance(0.01) {
            AppointmentState::NoShow
        } else {
            return Ok(());
        };
        let later = workday(seen.when.date() + Duration::days(3 + self.rng.below(10) as i64));
        if later >= self.today {
            return Ok(());
        }
        let at = later.and_time(self.time());
        let ended = match fate {
            AppointmentState::Cancelled => at - Duration::days(1),
            _ => at + Duration::hours(2),
        };
        let a = self.planned(seen.client, at, seen.volunteer, seen.category);
        self.write(batch, a, fate, ended)
    }

    /// The last week's appointments nobody marked and the coming weeks' ones, for recent
    /// clients (`recent`, newest last) with the office's volunteers.
    pub fn around_today(
        &mut self,
        batch: &mut Batch,
        recent: &[u64],
        volunteers: &[&str],
    ) -> Result<(), StoreError> {
        if recent.is_empty() {
            return Ok(());
        }
        let coming = (recent.len() / 25).clamp(3, 300);
        for i in 0..coming + coming / 8 {
            let client = recent[recent.len() - 1 - self.rng.below(recent.len().min(3000))];
            let with = *self.rng.pick(volunteers);
            // The last few lie in the week before today and were never marked.
            let day = if i >= coming {
                workday(self.today - Duration::days(1 + self.rng.below(7) as i64))
                    .min(self.today - Duration::days(1))
            } else {
                workday(self.today + Duration::days(1 + self.rng.below(AHEAD_DAYS) as i64))
            };
            let at = day.and_time(self.time());
            let category = self.rng.pick(ABOUT).0;
            let a = self.planned(client, at, with, Some(category));
            self.write(batch, a, AppointmentState::Planned, at)?;
        }
        Ok(())
    }

    /// A time on the quarter hour from 9:00 to 16:00.
    fn time(&mut self) -> NaiveTime {
        let minutes = 9 * 60 + 15 * self.rng.below(29) as u32;
        NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap_or(NaiveTime::MIN)
    }
}

/// The quarter hour a moment falls in: appointments are made on the quarter.
fn quarter(at: NaiveDateTime) -> NaiveDateTime {
    let minutes = at.hour() * 60 + at.minute();
    let q = minutes - minutes % 15;
    at.date()
        .and_time(NaiveTime::from_hms_opt(q / 60, q % 60, 0).unwrap_or(NaiveTime::MIN))
}

/// The day itself, or the Monday after a weekend.
fn workday(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day + Duration::days(2),
        Weekday::Sun => day + Duration::days(1),
        _ => day,
    }
}
