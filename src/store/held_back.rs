//! Index entries that a batch holds back until its end. Their keys arrive in random order (a
//! name term, a phone, a client of long ago), and redb inserts a random key into a large tree
//! by copying a page that this transaction has not touched yet; in key order, one page takes
//! many entries. `Store::batch` writes them sorted at its end, in its own transaction, before
//! the day blocks are rebuilt, so the store holds what one-by-one inserts would have left.
//!
//! Only inserts are held back: no batch operation changes or removes an entry of these
//! indexes, and none reads them back, except a client's first visit, kept here as it goes. The
//! profile blocks and the follow-up counts per day, which every client or follow-up would
//! read and rewrite, are kept here too and written once, and so are the counters that
//! `next_number` moves on (no other code reads those in a batch).

use super::StoreError;
use super::followups::add_event_count;
use super::profiles::{BlockEntries, write_block};
use super::tables::WriteTables;
use std::collections::{BTreeMap, HashMap};

#[derive(Default)]
pub struct HeldBack {
    name_terms: Vec<(String, u64)>,
    phones: Vec<(String, u64)>,
    visits_by_client: Vec<(u64, i32, u64)>,
    followups_by_client: Vec<((u64, u64), bool)>,
    appointments_by_client: Vec<(u64, u64)>,
    /// The first visit day of each client a held-back visit belongs to, as the index will
    /// hold it once the held-back entries are in.
    first_days: HashMap<u64, i32>,
    /// The begeleider of each client this batch registered or read, so a visit does not read
    /// its client back (a batch never changes a begeleider).
    begeleiders: HashMap<u64, Option<String>>,
    /// The profile blocks this batch changed, as they are now.
    profile_blocks: BTreeMap<u64, BlockEntries>,
    /// How many follow-up events of (day, event) this batch added.
    event_counts: BTreeMap<(i32, u8), u64>,
    /// The counters `next_number` moved on, at their next number.
    counters: BTreeMap<&'static str, u64>,
}

impl HeldBack {
    /// The client's first visit day, when a held-back visit made it known.
    pub fn first_day(&self, client: u64) -> Option<i32> {
        self.first_days.get(&client).copied()
    }

    /// Holds back (client, day, visit) for the client's visit index; `first` is the client's
    /// first visit day with it.
    pub fn client_visit(&mut self, client: u64, day: i32, visit: u64, first: i32) {
        self.visits_by_client.push((client, day, visit));
        self.first_days.insert(client, first);
    }

    /// The begeleider of a client this batch registered or read (outer `None`: not known).
    pub fn begeleider(&self, client: u64) -> Option<Option<String>> {
        self.begeleiders.get(&client).cloned()
    }

    pub fn knows_begeleider(&mut self, client: u64, begeleider: Option<String>) {
        self.begeleiders.insert(client, begeleider);
    }

    /// A profile block this batch changed, to change it further (`keep_profile_block` puts
    /// it back).
    pub fn take_profile_block(&mut self, block: u64) -> Option<BlockEntries> {
        self.profile_blocks.remove(&block)
    }

    pub fn keep_profile_block(&mut self, block: u64, entries: BlockEntries) {
        self.profile_blocks.insert(block, entries);
    }

    pub fn count_event(&mut self, day: i32, event: u8) {
        *self.event_counts.entry((day, event)).or_insert(0) += 1;
    }

    /// A counter's next number, when this batch moved it on.
    pub fn counter(&self, counter: &str) -> Option<u64> {
        self.counters.get(counter).copied()
    }

    pub fn move_counter(&mut self, counter: &'static str, next: u64) {
        self.counters.insert(counter, next);
    }
}

/// Puts (term, client) in the name index, or holds it back in a batch.
pub(super) fn name_term(t: &mut WriteTables, term: String, client: u64) -> Result<(), StoreError> {
    match &mut t.held_back {
        Some(held) => held.name_terms.push((term, client)),
        None => super::name_index::add(t, &term, client)?,
    }
    Ok(())
}

/// Puts (phone key, client) in the phone index, or holds it back in a batch.
pub(super) fn phone(t: &mut WriteTables, key: String, client: u64) -> Result<(), StoreError> {
    match &mut t.held_back {
        Some(held) => held.phones.push((key, client)),
        None => {
            t.phones.insert((key.as_str(), client), ())?;
        }
    }
    Ok(())
}

/// Puts (client, follow-up) -> open in the per-client index, or holds it back in a batch.
pub(super) fn followup_of_client(
    t: &mut WriteTables,
    client: u64,
    followup: u64,
    open: bool,
) -> Result<(), StoreError> {
    match &mut t.held_back {
        Some(held) => held.followups_by_client.push(((client, followup), open)),
        None => {
            t.followups_by_client.insert((client, followup), open)?;
        }
    }
    Ok(())
}

/// Puts (client, appointment) in the per-client index, or holds it back in a batch.
pub(super) fn appointment_of_client(
    t: &mut WriteTables,
    client: u64,
    appointment: u64,
) -> Result<(), StoreError> {
    match &mut t.held_back {
        Some(held) => held.appointments_by_client.push((client, appointment)),
        None => {
            t.appointments_by_client.insert((client, appointment), ())?;
        }
    }
    Ok(())
}

/// Writes every held-back entry in key order and ends the holding back.
pub(super) fn write(t: &mut WriteTables) -> Result<(), StoreError> {
    let Some(mut held) = t.held_back.take() else {
        return Ok(());
    };
    held.name_terms.sort_unstable();
    super::name_index::add_sorted(t, &held.name_terms)?;
    held.phones.sort_unstable();
    for (key, client) in &held.phones {
        t.phones.insert((key.as_str(), *client), ())?;
    }
    held.visits_by_client.sort_unstable();
    for &key in &held.visits_by_client {
        t.visits_by_client.insert(key, ())?;
    }
    // Stable and by key alone: of two values for one key the later one stays, as it would.
    held.followups_by_client.sort_by_key(|&(key, _)| key);
    for &(key, open) in &held.followups_by_client {
        t.followups_by_client.insert(key, open)?;
    }
    held.appointments_by_client.sort_unstable();
    for &key in &held.appointments_by_client {
        t.appointments_by_client.insert(key, ())?;
    }
    for (block, entries) in &held.profile_blocks {
        write_block(t, *block, entries)?;
    }
    for (&key, &n) in &held.event_counts {
        add_event_count(t, key, n)?;
    }
    for (&counter, &next) in &held.counters {
        t.meta.insert(counter, next)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::model::{
        Appointment, AppointmentState, Channel, ClientDraft, FollowUp, FollowUpState, Referral,
        Stamp, Visit,
    };
    use crate::store::dump::Rows;
    use crate::store::{Batch, CheckReport, NewFollowUp, Store, StoreError};
    use chrono::{NaiveDate, NaiveDateTime};
    use std::collections::BTreeMap;

    fn at(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 3, day)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .unwrap()
    }

    fn stamp(day: u32) -> Stamp {
        Stamp {
            who: "anouk".into(),
            at: at(day),
        }
    }

    fn client(name: &str, phone: Option<&str>, begeleider: Option<&str>) -> ClientDraft {
        ClientDraft {
            name: name.into(),
            aliases: vec![format!("{name} Junior")],
            phone: phone.map(str::to_string),
            begeleider: begeleider.map(str::to_string),
            country: Some("SY".into()),
            ..Default::default()
        }
    }

    fn visit(client: Option<u64>, day: u32, category: &str) -> Visit {
        Visit {
            number: 0,
            client,
            when: at(day),
            volunteer: "pieter".into(),
            channel: Channel::Spreekuur,
            categories: vec![category.into(), "post".into()],
            referrals: vec![Referral {
                destination: "kwadraad".into(),
                note: String::new(),
            }],
            note: "brief uitgelegd".into(),
            recorded: stamp(day),
        }
    }

    /// A follow-up given with a visit, for whoever the store decides.
    fn promise(day: u32) -> Vec<NewFollowUp> {
        vec![NewFollowUp {
            due: at(day).date(),
            text: "terugbellen".into(),
            assignee: None,
            referral: None,
            deadline: None,
        }]
    }

    fn appointment(client: u64, day: u32, state: AppointmentState) -> Appointment {
        Appointment {
            number: 0,
            client,
            at: at(day),
            with: "els".into(),
            about: "papieren meenemen".into(),
            place: None,
            state,
            created: stamp(1),
            changed: stamp(day),
        }
    }

    fn run<T>(
        store: &Store,
        held: bool,
        fill: impl FnOnce(&mut Batch) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if held {
            store.batch(fill)
        } else {
            store.batch_one_by_one(fill)
        }
    }

    /// The same writes, in batches that hold entries back or not: every table, what check
    /// says, and the first visit day of clients `old`, `a` and `c`.
    fn scenario(held: bool) -> (BTreeMap<String, Rows>, CheckReport, Vec<(i32, u64)>) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.redb")).unwrap();
        // A client from before the batches: its first visit is in the index, not in a batch.
        let old = store
            .add_client(
                client("Amina Yusuf", Some("06-12345678"), Some("marieke")),
                stamp(1),
            )
            .unwrap();
        store
            .add_visit(visit(Some(old), 20, "toeslagen"), Vec::new())
            .unwrap();
        let (a, c) = run(&store, held, |b| {
            let a = b.add_client(
                client("Mohammed Al-Hassan", Some("0612345678"), None),
                stamp(2),
            )?;
            let c =
                b.register_client(client("Yohannes Gebremedhin", None, Some("jan")), stamp(2))?;
            b.join_household(c, a, stamp(2))?;
            b.add_visit(visit(Some(a), 15, "duo"), Vec::new())?;
            // Before the first visit of this batch, and before the index's first of `old`.
            b.add_visit(visit(Some(a), 10, "huisvesting"), promise(24))?;
            b.add_visit(visit(Some(old), 25, "duo"), Vec::new())?;
            b.add_visit(visit(Some(old), 5, "schulden"), promise(19))?;
            b.add_visit(visit(None, 12, "overig"), Vec::new())?;
            let (v, _) = b.add_visit(visit(Some(c), 12, "taal"), promise(26))?;
            b.add_followup(FollowUp {
                number: 0,
                client: c,
                visit: Some(v),
                referral: Some("kwadraad".into()),
                due: at(14).date(),
                text: "navragen".into(),
                assignee: Some("jan".into()),
                state: FollowUpState::Done(stamp(16)),
                created: stamp(12),
                deadline: None,
            })?;
            b.add_appointment(appointment(c, 12, AppointmentState::Kept { visit: v }))?;
            b.add_appointment(appointment(a, 27, AppointmentState::Planned))?;
            Ok((a, c))
        })
        .unwrap();
        // A later batch: the clients of the one before, read from the index.
        run(&store, held, |b| {
            b.add_visit(visit(Some(a), 3, "post"), promise(17))?;
            b.add_visit(visit(Some(c), 28, "digitaal"), Vec::new())?;
            // On a day whose follow-up count the first batch wrote.
            b.add_visit(visit(Some(old), 12, "werk_uwv"), promise(30))?;
            b.add_appointment(appointment(old, 26, AppointmentState::Cancelled))?;
            b.add_client(
                client("Maxamed Cali", Some("06-87654321"), Some("fatima")),
                stamp(3),
            )?;
            Ok(())
        })
        .unwrap();
        // A batch that fails halfway stores nothing.
        let before = store.dump();
        let failed = run(&store, held, |b| {
            b.add_client(client("Şahin Yılmaz", Some("0611112222"), None), stamp(4))?;
            b.add_visit(visit(Some(a), 1, "zorg"), promise(8))?;
            b.add_visit(visit(Some(9999), 2, "zorg"), Vec::new())?;
            Ok(())
        });
        assert!(
            matches!(failed, Err(StoreError::NoSuchClient(9999))),
            "{failed:?}"
        );
        assert_eq!(store.dump(), before, "a failed batch left something");
        let first = store
            .read(|t| {
                let mut first = Vec::new();
                for entry in t.first_visits.iter()? {
                    first.push(entry?.0.value());
                }
                Ok(first)
            })
            .unwrap();
        let first = first
            .into_iter()
            .map(|(day, n)| {
                (
                    day,
                    [old, a, c].iter().position(|&x| x == n).unwrap() as u64,
                )
            })
            .collect();
        (store.dump(), store.check().unwrap(), first)
    }

    #[test]
    fn a_batch_that_holds_entries_back_stores_what_one_by_one_inserts_store() {
        let (held, report, first) = scenario(true);
        let (one_by_one, _, first_one_by_one) = scenario(false);
        assert!(report.is_clean(), "{report:?}");
        assert_eq!(first, first_one_by_one);
        let day = |d| crate::store::codec::day_key(at(d).date());
        // `old` on the 5th (moved from the index's 20th), `a` on the 3rd (moved in the second
        // batch from the first batch's 10th), `c` on the 12th.
        let mut expected = vec![(day(5), 0), (day(3), 1), (day(12), 2)];
        expected.sort_unstable();
        assert_eq!(first, expected);
        assert_eq!(
            held.keys().collect::<Vec<_>>(),
            one_by_one.keys().collect::<Vec<_>>()
        );
        for (table, rows) in &held {
            assert!(rows == &one_by_one[table], "table {table} differs");
        }
    }
}
