//! Follow-ups: add, close, list; keeps the open-by-due-date, per-client and event indexes.

use super::audit::append;
use super::clients::load_client;
use super::codec::{day_key, decode_followup, encode_followup};
use super::held_back;
use super::tables::{EVENT_CANCELLED, EVENT_DONE, EVENT_OPENED, ReadTables, WriteTables};
use super::{Store, StoreError, next_number};
use crate::model::{AuditAction, FollowUp, FollowUpState};
use chrono::{Days, NaiveDate};

impl Store {
    /// Adds a follow-up (its `number` is assigned here) and returns the number.
    /// Adds a follow-up. One without an assignee goes to the client's begeleider, else to the
    /// volunteer who makes it.
    pub fn add_followup(&self, mut followup: FollowUp) -> Result<u64, StoreError> {
        self.write(|t| {
            let client = load_client(t, followup.client)?;
            if followup.assignee.is_none() {
                followup.assignee = client
                    .begeleider
                    .or_else(|| Some(followup.created.who.clone()));
            }
            let (stamp, client) = (followup.created.clone(), followup.client);
            let number = insert_followup(t, followup)?;
            append(t, &stamp, Some(client), AuditAction::FollowUp, Some(number))?;
            Ok(number)
        })
    }

    /// Marks an open follow-up done or cancelled (`state` carries who and when).
    pub fn close_followup(
        &self,
        number: u64,
        state: FollowUpState,
    ) -> Result<FollowUp, StoreError> {
        self.write(|t| {
            let mut f = match t.followups.get(number)? {
                Some(b) => decode_followup(b.value())
                    .map_err(|_| StoreError::damaged(format!("follow-up {number}")))?,
                None => return Err(StoreError::NoSuchFollowUp(number)),
            };
            if !f.is_open() {
                return Err(StoreError::FollowUpClosed {
                    number,
                    state: if matches!(f.state, FollowUpState::Done(_)) {
                        "done"
                    } else {
                        "cancelled"
                    },
                });
            }
            let (event, day) = match &state {
                FollowUpState::Done(s) => {
                    append(t, s, Some(f.client), AuditAction::Done, Some(number))?;
                    (EVENT_DONE, s.at.date())
                }
                FollowUpState::Cancelled(s) => {
                    append(t, s, Some(f.client), AuditAction::Cancel, Some(number))?;
                    (EVENT_CANCELLED, s.at.date())
                }
                FollowUpState::Open => return Ok(f),
            };
            t.open_followups.remove((day_key(f.due), number))?;
            if let Some(d) = &f.deadline {
                t.open_deadlines.remove((day_key(d.ends), number))?;
            }
            t.followups_by_client.insert((f.client, number), false)?;
            record_event(t, day_key(day), number, event)?;
            f.state = state;
            t.followups.insert(number, encode_followup(&f).as_slice())?;
            Ok(f)
        })
    }

    /// Open follow-ups by due date (oldest first), those due on or before `due_before` when
    /// given.
    pub fn open_followups(
        &self,
        due_before: Option<NaiveDate>,
    ) -> Result<Vec<FollowUp>, StoreError> {
        let end = due_before.map(day_key).unwrap_or(i32::MAX);
        self.read(|t| open_between(t, i32::MIN, end))
    }

    /// The open follow-ups due on `day` (Vandaag), read from that day's index entries alone:
    /// the overdue ones before it are not read.
    pub fn open_followups_due_on(&self, day: NaiveDate) -> Result<Vec<FollowUp>, StoreError> {
        self.read(|t| open_between(t, day_key(day), day_key(day)))
    }

    /// How many open follow-ups guard a legal deadline that ends from `today` to `days` later.
    /// Such a follow-up falls due before its deadline, so only those due by then are read (the
    /// overdue ones with them), not every open follow-up.
    pub fn deadlines_within(&self, today: NaiveDate, days: u32) -> Result<u64, StoreError> {
        let last = today
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(NaiveDate::MAX);
        self.read(|t| {
            let Some(table) = &t.open_deadlines else {
                return Ok(0);
            };
            let mut n = 0;
            for entry in table.range((day_key(today), 0)..=(day_key(last), u64::MAX))? {
                entry?;
                n += 1;
            }
            Ok(n)
        })
    }

    /// A client's follow-ups, open ones first, each group by due date.
    pub fn followups_of(&self, client: u64) -> Result<Vec<FollowUp>, StoreError> {
        self.read(|t| {
            let mut out = Vec::new();
            for entry in t
                .followups_by_client
                .range((client, 0)..=(client, u64::MAX))?
            {
                let (_, number) = entry?.0.value();
                let followup = read_followup(t, number)?;
                if followup.client != client {
                    return Err(StoreError::damaged(format!(
                        "the index gives follow-up {number} to client {client}"
                    )));
                }
                out.push(followup);
            }
            out.sort_by_key(|f| (!f.is_open(), f.due, !f.guards_deadline(), f.number));
            Ok(out)
        })
    }
}

pub(super) fn open_count(t: &ReadTables, client: u64) -> Result<usize, StoreError> {
    let mut n = 0;
    for entry in t
        .followups_by_client
        .range((client, 0)..=(client, u64::MAX))?
    {
        if entry?.1.value() {
            n += 1;
        }
    }
    Ok(n)
}

/// Open follow-ups due from day key `from` to `to`, by due date; on one day, legal deadlines
/// first.
fn open_between(t: &ReadTables, from: i32, to: i32) -> Result<Vec<FollowUp>, StoreError> {
    let mut out = Vec::new();
    for entry in t.open_followups.range((from, 0)..=(to, u64::MAX))? {
        let (_, number) = entry?.0.value();
        out.push(read_followup(t, number)?);
    }
    out.sort_by_key(|f| (f.due, !f.guards_deadline(), f.number));
    Ok(out)
}

/// A follow-up an index names: missing, the store is damaged (an erasure removes a
/// follow-up's index entries with it).
pub(super) fn read_followup(t: &ReadTables, number: u64) -> Result<FollowUp, StoreError> {
    match t.followups.get(number)? {
        Some(b) => decode_followup(b.value())
            .ok()
            .filter(|f| f.number == number)
            .ok_or_else(|| StoreError::damaged(format!("follow-up {number}"))),
        None => Err(StoreError::damaged(format!(
            "follow-up {number} is indexed but missing"
        ))),
    }
}

pub(super) fn insert_followup(t: &mut WriteTables, mut f: FollowUp) -> Result<u64, StoreError> {
    let number = next_number(t, "next_followup")?;
    f.number = number;
    t.followups.insert(number, encode_followup(&f).as_slice())?;
    held_back::followup_of_client(t, f.client, number, f.is_open())?;
    record_event(t, day_key(f.created.at.date()), number, EVENT_OPENED)?;
    match &f.state {
        FollowUpState::Open => {
            t.open_followups.insert((day_key(f.due), number), ())?;
            if let Some(d) = &f.deadline {
                t.open_deadlines.insert((day_key(d.ends), number), ())?;
            }
        }
        FollowUpState::Done(s) => record_event(t, day_key(s.at.date()), number, EVENT_DONE)?,
        FollowUpState::Cancelled(s) => {
            record_event(t, day_key(s.at.date()), number, EVENT_CANCELLED)?
        }
    }
    Ok(number)
}

/// Puts a follow-up's event in the event index and in that day's count (which a batch adds up
/// until its end, see `held_back`).
fn record_event(t: &mut WriteTables, day: i32, number: u64, event: u8) -> Result<(), StoreError> {
    if t.followup_events
        .insert((day, number, event), ())?
        .is_some()
    {
        return Ok(());
    }
    match &mut t.held_back {
        Some(held) => held.count_event(day, event),
        None => add_event_count(t, (day, event), 1)?,
    }
    Ok(())
}

/// Adds `n` to the count of (day, event).
pub(super) fn add_event_count(
    t: &mut WriteTables,
    key: (i32, u8),
    n: u64,
) -> Result<(), StoreError> {
    let before = t.followup_event_counts.get(key)?.map_or(0, |v| v.value());
    t.followup_event_counts.insert(key, before + n)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::model::{ClientDraft, FollowUp, FollowUpState, LegalDeadline, Stamp};
    use crate::store::Store;
    use chrono::NaiveDate;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn counts_the_open_deadlines_that_end_within_the_days() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.redb")).unwrap();
        let stamp = Stamp {
            who: "ans".into(),
            at: d(11, 30).and_hms_opt(10, 0, 0).unwrap(),
        };
        let draft = ClientDraft {
            name: "Amina Yusuf".into(),
            ..Default::default()
        };
        let client = store.add_client(draft, stamp.clone()).unwrap();
        let add = |due: NaiveDate, ends: Option<NaiveDate>| {
            store
                .add_followup(FollowUp {
                    number: 0,
                    client,
                    visit: None,
                    referral: None,
                    due,
                    text: "bezwaar".into(),
                    assignee: None,
                    state: FollowUpState::Open,
                    created: stamp.clone(),
                    deadline: ends.map(|ends| LegalDeadline {
                        rule: "bezwaar".into(),
                        letter: d(10, 1),
                        ends,
                    }),
                })
                .unwrap()
        };
        add(d(11, 25), Some(d(12, 2))); // overdue, its deadline within the week
        add(d(11, 30), Some(d(12, 7))); // due today, ends on the last day counted
        add(d(12, 1), Some(d(12, 8))); // ends a day too late
        add(d(11, 20), Some(d(11, 27))); // its deadline has passed
        add(d(12, 1), None); // an ordinary follow-up
        let closed = add(d(12, 1), Some(d(12, 3)));
        assert_eq!(store.deadlines_within(d(11, 30), 7).unwrap(), 3);
        store
            .close_followup(closed, FollowUpState::Done(stamp))
            .unwrap();
        assert_eq!(store.deadlines_within(d(11, 30), 7).unwrap(), 2);
        // Vandaag's follow-ups: due on the day, a deadline first; the overdue ones not.
        let due: Vec<NaiveDate> = store
            .open_followups_due_on(d(12, 1))
            .unwrap()
            .iter()
            .map(|f| f.due)
            .collect();
        assert_eq!(due, [d(12, 1), d(12, 1)]);
        let first = &store.open_followups_due_on(d(12, 1)).unwrap()[0];
        assert!(first.guards_deadline());
        assert_eq!(store.open_followups_due_on(d(11, 30)).unwrap().len(), 1);
    }
}
