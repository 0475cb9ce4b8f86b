//! Visits: log, correct, delete, read; keeps the day, client and first-visit indexes in step.

use super::appointments;
use super::audit::append;
use super::clients::load_client;
use super::codec::{DayEntryCodes, day_key, decode_visit, encode_day_entry, encode_visit};
use super::followups::insert_followup;
use super::tables::{ReadTables, WriteTables};
use super::{Store, StoreError, code, next_number};
use crate::model::{AuditAction, FollowUp, FollowUpState, LegalDeadline, Stamp, Visit};
use chrono::NaiveDate;

/// A follow-up given together with a visit (it gets the visit's number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFollowUp {
    pub due: NaiveDate,
    pub text: String,
    /// None: the client's begeleider, else the volunteer who logs the visit.
    pub assignee: Option<String>,
    pub referral: Option<String>,
    pub deadline: Option<LegalDeadline>,
}

impl Store {
    /// Logs a visit (its `number` is assigned here) and, in the same transaction, the
    /// follow-ups that came from it. Returns the visit number and the follow-up numbers.
    pub fn add_visit(
        &self,
        visit: Visit,
        followups: Vec<NewFollowUp>,
    ) -> Result<(u64, Vec<u64>), StoreError> {
        self.write(|t| log_visit(t, visit, followups, None))
    }

    /// Logs a visit as `add_visit` does and, in the same transaction, marks the client's
    /// planned appointment `appointment` kept by it. Refuses, storing nothing, when that
    /// appointment is not planned or is another client's.
    pub fn add_visit_keeping(
        &self,
        visit: Visit,
        followups: Vec<NewFollowUp>,
        appointment: u64,
    ) -> Result<(u64, Vec<u64>), StoreError> {
        self.write(|t| log_visit(t, visit, followups, Some(appointment)))
    }

    /// Changes a visit (moment, categories, referrals, note …); its counts move with it.
    pub fn update_visit(
        &self,
        number: u64,
        stamp: &Stamp,
        change: impl FnOnce(&mut Visit) -> Result<(), StoreError>,
    ) -> Result<Visit, StoreError> {
        self.write(|t| {
            let old = load_visit(t, number)?;
            let mut visit = old.clone();
            change(&mut visit)?;
            visit.number = number;
            if let Some(c) = visit.client {
                load_client(t, c)?;
            }
            unindex(t, &old)?;
            index(t, &visit)?;
            t.visits.insert(number, encode_visit(&visit).as_slice())?;
            append(
                t,
                stamp,
                visit.client,
                AuditAction::VisitChange,
                Some(number),
            )?;
            Ok(visit)
        })
    }

    /// The desk's correction: the visit takes `corrected`'s moment, channel, categories,
    /// referrals and note; who logged it stays, and so does the note of a referral that stays.
    pub fn correct_visit(
        &self,
        number: u64,
        stamp: &Stamp,
        corrected: &Visit,
    ) -> Result<Visit, StoreError> {
        self.update_visit(number, stamp, |v| {
            let old = std::mem::take(&mut v.referrals);
            v.referrals = corrected
                .referrals
                .iter()
                .map(|r| {
                    old.iter()
                        .find(|o| o.destination == r.destination)
                        .unwrap_or(r)
                        .clone()
                })
                .collect();
            v.when = corrected.when;
            v.channel = corrected.channel;
            v.categories = corrected.categories.clone();
            v.note = corrected.note.clone();
            Ok(())
        })
    }

    /// Deletes a visit; it no longer counts in any tally. An appointment it kept is planned
    /// again.
    pub fn delete_visit(&self, number: u64, stamp: &Stamp) -> Result<(), StoreError> {
        self.write(|t| {
            let old = load_visit(t, number)?;
            unindex(t, &old)?;
            t.visits.remove(number)?;
            if let Some(client) = old.client {
                appointments::unkeep(t, client, number, stamp)?;
            }
            append(t, stamp, old.client, AuditAction::VisitDelete, Some(number))?;
            Ok(())
        })
    }

    /// The visits of these days (anonymous ones too), newest first: the desk's Vandaag.
    pub fn visits_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Visit>, StoreError> {
        self.read(|t| {
            let mut out = Vec::new();
            for entry in t
                .visits_by_day
                .range((day_key(from), 0)..=(day_key(to), u64::MAX))?
            {
                let (_, visit) = entry?.0.value();
                out.push(read_visit(t, visit)?);
            }
            out.sort_by(|a, b| b.when.cmp(&a.when).then(b.number.cmp(&a.number)));
            Ok(out)
        })
    }

    /// A client's visits, newest first.
    pub fn visits_of(&self, client: u64) -> Result<Vec<Visit>, StoreError> {
        self.read(|t| {
            let mut out = Vec::new();
            for entry in t
                .visits_by_client
                .range((client, i32::MIN, 0)..=(client, i32::MAX, u64::MAX))?
            {
                let (_, day, visit) = entry?.0.value();
                super::bounds::day(day)?;
                let visit = read_visit(t, visit)?;
                if visit.client != Some(client) {
                    return Err(StoreError::damaged(format!(
                        "the index gives visit {} to client {client}",
                        visit.number
                    )));
                }
                out.push(visit);
            }
            out.sort_by(|a, b| b.when.cmp(&a.when).then(b.number.cmp(&a.number)));
            Ok(out)
        })
    }
}

/// Logs a visit with its follow-ups and audit lines, keeping `appointment` when given.
fn log_visit(
    t: &mut WriteTables,
    visit: Visit,
    followups: Vec<NewFollowUp>,
    appointment: Option<u64>,
) -> Result<(u64, Vec<u64>), StoreError> {
    let stamp = visit.recorded.clone();
    let client = visit.client;
    let (number, followups) = insert_visit(t, visit, followups)?;
    if client.is_some() {
        append(t, &stamp, client, AuditAction::Visit, Some(number))?;
        for &f in &followups {
            append(t, &stamp, client, AuditAction::FollowUp, Some(f))?;
        }
    }
    if let Some(a) = appointment {
        appointments::keep(t, a, client, number, &stamp)?;
    }
    Ok((number, followups))
}

pub(super) fn last_visit_day(t: &ReadTables, client: u64) -> Result<Option<NaiveDate>, StoreError> {
    let last = t
        .visits_by_client
        .range((client, i32::MIN, 0)..=(client, i32::MAX, u64::MAX))?
        .next_back()
        .transpose()?;
    last.map(|(k, _)| super::bounds::day(k.value().1))
        .transpose()
}

fn read_visit(t: &ReadTables, number: u64) -> Result<Visit, StoreError> {
    let bytes = t
        .visits
        .get(number)?
        .ok_or_else(|| StoreError::damaged(format!("visit {number} is indexed but missing")))?;
    decode_visit(bytes.value())
        .ok()
        .filter(|v| v.number == number)
        .ok_or_else(|| StoreError::damaged(format!("visit {number}")))
}

fn load_visit(t: &WriteTables, number: u64) -> Result<Visit, StoreError> {
    match t.visits.get(number)? {
        Some(b) => {
            decode_visit(b.value()).map_err(|_| StoreError::damaged(format!("visit {number}")))
        }
        None => Err(StoreError::NoSuchVisit(number)),
    }
}

pub(super) fn insert_visit(
    t: &mut WriteTables,
    mut visit: Visit,
    followups: Vec<NewFollowUp>,
) -> Result<(u64, Vec<u64>), StoreError> {
    let begeleider = match visit.client {
        Some(c) => begeleider_of(t, c)?,
        None => None,
    };
    let number = next_number(t, "next_visit")?;
    visit.number = number;
    index(t, &visit)?;
    t.visits.insert(number, encode_visit(&visit).as_slice())?;
    let mut numbers = Vec::new();
    if let Some(client) = visit.client {
        for f in followups {
            let followup = FollowUp {
                number: 0,
                client,
                visit: Some(number),
                referral: f.referral,
                due: f.due,
                text: f.text,
                assignee: f
                    .assignee
                    .or_else(|| begeleider.clone())
                    .or_else(|| Some(visit.recorded.who.clone())),
                state: FollowUpState::Open,
                created: Stamp {
                    who: visit.recorded.who.clone(),
                    at: visit.recorded.at,
                },
                deadline: f.deadline,
            };
            numbers.push(insert_followup(t, followup)?);
        }
    }
    Ok((number, numbers))
}

/// The begeleider of a visit's client; refuses a client that does not exist. A batch reads
/// each client once.
fn begeleider_of(t: &mut WriteTables, client: u64) -> Result<Option<String>, StoreError> {
    if let Some(known) = t.held_back.as_ref().and_then(|h| h.begeleider(client)) {
        return Ok(known);
    }
    let begeleider = load_client(t, client)?.begeleider;
    if let Some(held) = &mut t.held_back {
        held.knows_begeleider(client, begeleider.clone());
    }
    Ok(begeleider)
}

fn first_day(t: &WriteTables, client: u64) -> Result<Option<i32>, StoreError> {
    let first = t
        .visits_by_client
        .range((client, i32::MIN, 0)..=(client, i32::MAX, u64::MAX))?
        .next()
        .transpose()?;
    Ok(first.map(|(k, _)| k.value().1))
}

/// Runs `change` on the client's visit index and moves the client's first-visit entry when
/// its first day changed.
fn with_first_visit(
    t: &mut WriteTables,
    client: u64,
    change: impl FnOnce(&mut WriteTables) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let before = first_day(t, client)?;
    change(t)?;
    let after = first_day(t, client)?;
    move_first_visit(t, client, before, after)
}

/// In a batch: holds back the client's visit index entry, and moves the client's first-visit
/// entry when this visit comes before its first.
fn hold_client_visit(
    t: &mut WriteTables,
    client: u64,
    day: i32,
    visit: u64,
) -> Result<(), StoreError> {
    let before = match t.held_back.as_ref().and_then(|h| h.first_day(client)) {
        Some(known) => Some(known),
        None => first_day(t, client)?,
    };
    let first = before.map_or(day, |b| b.min(day));
    move_first_visit(t, client, before, Some(first))?;
    if let Some(held) = &mut t.held_back {
        held.client_visit(client, day, visit, first);
    }
    Ok(())
}

/// Moves the client's first-visit entry from day `before` to day `after`.
fn move_first_visit(
    t: &mut WriteTables,
    client: u64,
    before: Option<i32>,
    after: Option<i32>,
) -> Result<(), StoreError> {
    if before != after {
        if let Some(d) = before {
            t.first_visits.remove((d, client))?;
        }
        if let Some(d) = after {
            t.first_visits.insert((d, client), ())?;
        }
    }
    Ok(())
}

fn index(t: &mut WriteTables, v: &Visit) -> Result<(), StoreError> {
    super::closed::note_change(t, v)?;
    let day = day_key(v.when.date());
    let entry = DayEntryCodes {
        client: v.client,
        channel: v.channel,
        volunteer: code(t, "v", &v.volunteer)?,
        categories: v
            .categories
            .iter()
            .map(|k| code(t, "c", k))
            .collect::<Result<_, _>>()?,
        referrals: v
            .referrals
            .iter()
            .map(|r| code(t, "r", &r.destination))
            .collect::<Result<_, _>>()?,
    };
    t.visits_by_day
        .insert((day, v.number), encode_day_entry(&entry).as_slice())?;
    super::day_blocks::changed(t, day);
    match v.client {
        Some(c) if t.held_back.is_some() => hold_client_visit(t, c, day, v.number)?,
        Some(c) => with_first_visit(t, c, |t| {
            t.visits_by_client.insert((c, day, v.number), ())?;
            Ok(())
        })?,
        None => {}
    }
    Ok(())
}

fn unindex(t: &mut WriteTables, v: &Visit) -> Result<(), StoreError> {
    super::closed::note_change(t, v)?;
    let day = day_key(v.when.date());
    t.visits_by_day.remove((day, v.number))?;
    super::day_blocks::changed(t, day);
    if let Some(c) = v.client {
        with_first_visit(t, c, |t| {
            t.visits_by_client.remove((c, day, v.number))?;
            Ok(())
        })?;
    }
    Ok(())
}
