//! Erasure (on request, or by the retention purge): the client's record, its name and phone
//! index entries, its follow-ups, every note of its visits and the about and place texts of
//! its appointments go; the anonymous counts stay.
//!
//! What stays, so that past tallies do not change: the visit records stripped of their notes
//! and referral notes (client number, moment, volunteer, channel, category and referral keys),
//! the day index, the client's visit and first-visit index entries, its household entry (two
//! numbers), the follow-up events (day, follow-up number, event), and the appointment records
//! stripped of their texts (client number, moment, volunteer, state) with their day and client
//! index entries; an appointment still planned for after the erasure is cancelled. The numbers of forgotten
//! clients and follow-ups go into the `forgotten` table so `check` can tell these from
//! dangling entries. Afterwards the store is rewritten into a fresh file (see `rewrite`), so
//! no freed page of the old file keeps a byte of what was erased.

use super::appointments;
use super::audit::append;
use super::clients::{load_client, unindex};
use super::codec::{day_key, decode_followup, decode_visit, encode_client, encode_visit};
use super::drafts::draft_client;
use super::tables::{FORGOTTEN_CLIENT, FORGOTTEN_FOLLOWUP, WriteTables};
use super::visits::last_visit_day;
use super::{REWRITE_PENDING, Store, StoreError};
use crate::model::{AuditAction, Client, Stamp};
use chrono::NaiveDate;

/// A client without contact since a cutoff: a candidate for the retention purge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inactive {
    pub number: u64,
    /// The last visit's day, or the registration day of a client who never visited.
    pub last_contact: NaiveDate,
}

impl Store {
    /// Erases these clients as the module says, in one transaction that also marks the
    /// rewrite as pending, so that an interruption before `finish_erasure` (which the caller
    /// runs next) is never missed.
    /// `action` is `Forget` (on request) or `Purge` (retention). Refuses all of them when one
    /// does not exist.
    pub fn erase(
        &self,
        numbers: &[u64],
        stamp: &Stamp,
        action: AuditAction,
    ) -> Result<(), StoreError> {
        self.write(|t| {
            for &number in numbers {
                erase(t, number)?;
                appointments::erase_texts(t, number, stamp)?;
                append(t, stamp, Some(number), action, None)?;
            }
            t.meta.insert(REWRITE_PENDING, 1)?;
            Ok(())
        })
    }

    /// Whether client `number` was erased (by `forget` or the purge).
    pub fn was_forgotten(&self, number: u64) -> Result<bool, StoreError> {
        self.read(|t| {
            Ok(match &t.forgotten {
                Some(f) => f.get((FORGOTTEN_CLIENT, number))?.is_some(),
                None => false,
            })
        })
    }

    /// Whether an erasure was saved but the store file not yet rewritten after it.
    pub fn erasure_unfinished(&self) -> Result<bool, StoreError> {
        self.read(|t| Ok(t.meta.get(REWRITE_PENDING)?.is_some()))
    }

    /// Restricts a client (hidden from search and lists unless asked for explicitly), or
    /// lifts the restriction; logged as `Restrict` or `Lift`.
    pub fn restrict(
        &self,
        number: u64,
        restricted: bool,
        stamp: &Stamp,
    ) -> Result<Client, StoreError> {
        self.write(|t| {
            let mut client = load_client(t, number)?;
            client.restricted = restricted;
            client.changed = stamp.clone();
            t.clients
                .insert(number, encode_client(&client).as_slice())?;
            let action = if restricted {
                AuditAction::Restrict
            } else {
                AuditAction::Lift
            };
            append(t, stamp, Some(number), action, None)?;
            Ok(client)
        })
    }

    /// Clients whose last contact lies before `cutoff`, oldest contact first. Reads every
    /// client: a purge is rare and explicit.
    pub fn inactive_since(&self, cutoff: NaiveDate) -> Result<Vec<Inactive>, StoreError> {
        self.read(|t| {
            let mut out = Vec::new();
            for entry in t.clients.iter()? {
                let (key, bytes) = entry?;
                let number = key.value();
                let client = super::codec::decode_client(bytes.value())
                    .map_err(|_| StoreError::damaged(format!("client {number}")))?;
                let registered = client.created.at.date();
                let last = last_visit_day(t, number)?.map_or(registered, |d| d.max(registered));
                if last < cutoff {
                    out.push(Inactive {
                        number,
                        last_contact: last,
                    });
                }
            }
            out.sort_by_key(|i| (i.last_contact, i.number));
            Ok(out)
        })
    }
}

fn erase(t: &mut WriteTables, number: u64) -> Result<(), StoreError> {
    let client = load_client(t, number)?;
    unindex(t, &client)?;
    // A desk's draft about this client holds typed text about them.
    let mut drafts: Vec<String> = Vec::new();
    for entry in t.drafts.iter()? {
        let (volunteer, bytes) = entry?;
        if draft_client(bytes.value()) == Some(number) {
            drafts.push(volunteer.value().to_string());
        }
    }
    for volunteer in drafts {
        t.drafts.remove(volunteer.as_str())?;
    }
    t.clients.remove(number)?;
    t.forgotten.insert((FORGOTTEN_CLIENT, number), ())?;

    let visits: Vec<u64> = t
        .visits_by_client
        .range((number, i32::MIN, 0)..=(number, i32::MAX, u64::MAX))?
        .map(|e| e.map(|(k, _)| k.value().2))
        .collect::<Result<_, _>>()?;
    for v in visits {
        let Some(bytes) = t.visits.get(v)?.map(|b| b.value().to_vec()) else {
            continue;
        };
        let mut visit =
            decode_visit(&bytes).map_err(|_| StoreError::damaged(format!("visit {v}")))?;
        visit.note.clear();
        for r in &mut visit.referrals {
            r.note.clear();
        }
        t.visits.insert(v, encode_visit(&visit).as_slice())?;
    }

    let followups: Vec<u64> = t
        .followups_by_client
        .range((number, 0)..=(number, u64::MAX))?
        .map(|e| e.map(|(k, _)| k.value().1))
        .collect::<Result<_, _>>()?;
    for f in followups {
        t.followups_by_client.remove((number, f))?;
        t.forgotten.insert((FORGOTTEN_FOLLOWUP, f), ())?;
        let Some(bytes) = t.followups.remove(f)?.map(|b| b.value().to_vec()) else {
            continue;
        };
        let followup =
            decode_followup(&bytes).map_err(|_| StoreError::damaged(format!("follow-up {f}")))?;
        t.open_followups.remove((day_key(followup.due), f))?;
        if let Some(d) = &followup.deadline {
            t.open_deadlines.remove((day_key(d.ends), f))?;
        }
    }
    Ok(())
}
