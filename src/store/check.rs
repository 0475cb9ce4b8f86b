//! `check`: verifies a store without changing it. Every record decodes, every index entry
//! points to a record and every record is in its indexes, and the counters are ahead of every
//! number used. Entries that outlive a forgotten client or follow-up (see `forget`) are
//! accepted only for numbers in the `forgotten` table.

use super::backup::stale_partials;
use super::clients::search_terms;
use super::codec::{
    DayEntryCodes, PROFILE_BLOCK, day_key, decode_appointment, decode_audit, decode_client,
    decode_closed_year, decode_day_block, decode_day_entry, decode_followup, decode_profile_block,
    decode_visit, encode_day_entry, encode_profile,
};
use super::tables::sealed_tables;
use super::tables::{
    EVENT_CANCELLED, EVENT_DONE, EVENT_OPENED, FORGOTTEN_CLIENT, FORGOTTEN_FOLLOWUP, ReadTables,
    appointment_state_code,
};
use super::{REWRITE_PENDING, Store, StoreError, day_blocks};
use crate::model::{FollowUpState, Profile};
use crate::search::phone_key;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// What `check` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub clients: u64,
    pub visits: u64,
    pub followups: u64,
    pub audit_entries: u64,
    pub appointments: u64,
    pub forgotten_clients: u64,
    /// One sentence per problem; empty when the store is sound.
    pub problems: Vec<String>,
    /// One sentence per thing an interrupted command left that `check --repair` (or any
    /// command that opens the store) finishes: an unfinished erasure, a stale copy.
    pub unfinished: Vec<String>,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && self.unfinished.is_empty()
    }
}

impl Store {
    /// Verifies the whole store in one consistent read; changes nothing.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        self.every_seal()?;
        self.read(|t| {
            let mut c = Checker {
                t,
                report: CheckReport::default(),
            };
            c.run()?;
            if t.meta.get(REWRITE_PENDING)?.is_some() {
                c.report.unfinished.push(
                    "an erasure is unfinished: the store file was not rewritten after it, so erased text still lies in its free space".into(),
                );
            }
            for stale in stale_partials(&self.path) {
                c.report.unfinished.push(format!(
                    "{} is a half-written copy of the store left by an interrupted command",
                    stale.display()
                ));
            }
            Ok(c.report)
        })
    }
}

impl Store {
    /// Reads every entry of every table once, so that a broken seal anywhere stops `check`
    /// with the table and key (the comparisons below walk most tables, not all of them).
    fn every_seal(&self) -> Result<(), StoreError> {
        let txn = self.begin_read()?;
        macro_rules! each {
            ($($def:path),+) => {
                $(
                    match $def.open_read(&txn) {
                        Ok(table) => {
                            for entry in table.iter()? {
                                entry?;
                            }
                        }
                        Err(redb::TableError::TableDoesNotExist(_)) => {}
                        Err(e) => return Err(e.into()),
                    }
                )+
            };
        }
        sealed_tables!(each!());
        Ok(())
    }
}

struct Checker<'a> {
    t: &'a ReadTables,
    report: CheckReport,
}

impl Checker<'_> {
    fn problem(&mut self, text: String) {
        self.report.problems.push(text);
    }

    fn counter(&mut self, name: &str) -> Result<u64, StoreError> {
        match self.t.meta.get(name)? {
            Some(v) => Ok(v.value()),
            None => {
                self.problem(format!("the counter {name} is missing"));
                Ok(u64::MAX)
            }
        }
    }

    fn run(&mut self) -> Result<(), StoreError> {
        let next_client = self.counter("next_client")?;
        let next_visit = self.counter("next_visit")?;
        let next_followup = self.counter("next_followup")?;
        let next_household = self.counter("next_household")?;
        let next_code = self.counter("next_code")?;
        let next_audit = self.t.meta.get("next_audit")?.map_or(1, |v| v.value());

        let mut forgotten_clients = HashSet::new();
        let mut forgotten_followups = HashSet::new();
        if let Some(f) = &self.t.forgotten {
            for e in f.iter()? {
                let (kind, n) = e?.0.value();
                match kind {
                    FORGOTTEN_CLIENT => forgotten_clients.insert(n),
                    FORGOTTEN_FOLLOWUP => forgotten_followups.insert(n),
                    other => {
                        self.problem(format!("forgotten entry of unknown kind {other}"));
                        false
                    }
                };
            }
        }
        self.report.forgotten_clients = forgotten_clients.len() as u64;

        // Dictionary, both ways.
        let mut codes: HashMap<u32, String> = HashMap::new();
        for e in self.t.dictionary_keys.iter()? {
            let (code, key) = e?;
            codes.insert(code.value(), key.value().to_string());
        }
        for (&code, key) in &codes.clone() {
            if u64::from(code) >= next_code {
                self.problem(format!("dictionary code {code} is not below the counter"));
            }
            if key.split_once(':').is_none() {
                self.problem(format!("dictionary entry {code} \"{key}\" has no kind"));
            }
        }

        // Clients and their name, phone and household entries.
        let mut clients: HashMap<u64, Option<u64>> = HashMap::new();
        let mut terms: BTreeSet<(String, u64)> = BTreeSet::new();
        let mut phones: BTreeSet<(String, u64)> = BTreeSet::new();
        let mut guided: BTreeSet<(String, u64)> = BTreeSet::new();
        let mut profiles: BTreeSet<(u64, Vec<u8>)> = BTreeSet::new();
        for e in self.t.clients.iter()? {
            let (key, bytes) = e?;
            let n = key.value();
            self.report.clients += 1;
            let Ok(client) = decode_client(bytes.value()) else {
                self.problem(format!("client {n} cannot be read"));
                continue;
            };
            if client.number != n {
                self.problem(format!("client {n} holds the number {}", client.number));
            }
            if n >= next_client {
                self.problem(format!(
                    "client {n} is not below the counter ({next_client})"
                ));
            }
            if forgotten_clients.contains(&n) {
                self.problem(format!("client {n} was forgotten but is still there"));
            }
            if let Some(h) = client.household {
                if h >= next_household {
                    self.problem(format!("household {h} is not below the counter"));
                }
                if self.t.households.get((h, n))?.is_none() {
                    self.problem(format!("client {n} is missing from household {h}"));
                }
            }
            for term in search_terms(&client) {
                terms.insert((term, n));
            }
            if let Some(k) = client.phone.as_deref().and_then(phone_key) {
                phones.insert((k, n));
            }
            profiles.insert((n, encode_profile(&Profile::of(&client))));
            if let Some(b) = client.begeleider {
                guided.insert((b, n));
            }
            clients.insert(n, client.household);
        }
        let mut indexed: BTreeSet<(String, u64)> = BTreeSet::new();
        let mut unreadable = Vec::new();
        indexed.extend(super::name_index::all_entries(self.t, &mut unreadable)?);
        for block in unreadable {
            self.problem(format!("{block} cannot be read"));
        }
        self.compare("name index", &terms, &indexed);
        indexed.clear();
        for e in self.t.phones.iter()? {
            let (key, _) = e?;
            let (phone, n) = key.value();
            indexed.insert((phone.to_string(), n));
        }
        self.compare("phone index", &phones, &indexed);
        indexed.clear();
        if let Some(table) = &self.t.begeleiders {
            for e in table.iter()? {
                let (key, _) = e?;
                let (begeleider, n) = key.value();
                indexed.insert((begeleider.to_string(), n));
            }
        }
        self.compare("begeleider index", &guided, &indexed);
        if let Some(table) = &self.t.client_profiles {
            let mut found = BTreeSet::new();
            for e in table.iter()? {
                let (block, bytes) = e?;
                let block = block.value();
                match decode_profile_block(bytes.value()) {
                    Ok(entries) => found.extend(entries.into_iter().map(|(place, profile)| {
                        (
                            block * PROFILE_BLOCK + u64::from(place),
                            encode_profile(&profile),
                        )
                    })),
                    Err(_) => self.problem(format!("profile block {block} cannot be read")),
                }
            }
            self.compare("profile index", &profiles, &found);
        }
        for e in self.t.households.iter()? {
            let (h, n) = e?.0.value();
            match clients.get(&n) {
                Some(Some(own)) if *own == h => {}
                None if forgotten_clients.contains(&n) => {}
                _ => self.problem(format!("household entry ({h}, {n}) matches no client")),
            }
        }
        let known_client = |n: u64| clients.contains_key(&n) || forgotten_clients.contains(&n);

        // Visits, the day index, the client index and first visits.
        let mut visit_clients: HashMap<u64, Option<u64>> = HashMap::new();
        let mut by_client: BTreeSet<(u64, i32, u64)> = BTreeSet::new();
        let mut days: HashMap<(i32, u64), Vec<u8>> = HashMap::new();
        let dictionary: HashMap<&str, u32> = codes.iter().map(|(c, k)| (k.as_str(), *c)).collect();
        for e in self.t.visits.iter()? {
            let (key, bytes) = e?;
            let n = key.value();
            self.report.visits += 1;
            let Ok(v) = decode_visit(bytes.value()) else {
                self.problem(format!("visit {n} cannot be read"));
                continue;
            };
            if v.number != n || n >= next_visit {
                self.problem(format!(
                    "visit {n} has a wrong number or is not below the counter"
                ));
            }
            visit_clients.insert(n, v.client);
            let day = day_key(v.when.date());
            let code =
                |kind: &str, key: &str| dictionary.get(format!("{kind}:{key}").as_str()).copied();
            let entry = (|| {
                Some(DayEntryCodes {
                    client: v.client,
                    channel: v.channel,
                    volunteer: code("v", &v.volunteer)?,
                    categories: v
                        .categories
                        .iter()
                        .map(|k| code("c", k))
                        .collect::<Option<_>>()?,
                    referrals: v
                        .referrals
                        .iter()
                        .map(|r| code("r", &r.destination))
                        .collect::<Option<_>>()?,
                })
            })();
            match entry {
                Some(entry) => {
                    days.insert((day, n), encode_day_entry(&entry));
                }
                None => self.problem(format!("visit {n} uses a key missing from the dictionary")),
            }
            if let Some(c) = v.client {
                if !known_client(c) {
                    self.problem(format!(
                        "visit {n} belongs to client {c}, who does not exist"
                    ));
                }
                by_client.insert((c, day, n));
            }
        }
        for e in self.t.visits_by_day.iter()? {
            let (key, value) = e?;
            let (day, n) = key.value();
            let bytes = value.value();
            if decode_day_entry(bytes).is_err() {
                self.problem(format!("the day entry of visit {n} cannot be read"));
            }
            match days.remove(&(day, n)) {
                Some(expected) if expected == bytes => {}
                Some(_) => {
                    self.problem(format!("the day entry of visit {n} differs from the visit"))
                }
                None => self.problem(format!("day entry ({day}, {n}) matches no visit")),
            }
        }
        for (day, n) in days.keys() {
            self.problem(format!(
                "visit {n} is missing from the day index (day {day})"
            ));
        }
        self.day_blocks()?;
        let mut indexed_by_client = BTreeSet::new();
        for e in self.t.visits_by_client.iter()? {
            indexed_by_client.insert(e?.0.value());
        }
        let mut first: HashMap<u64, i32> = HashMap::new();
        for &(c, day, _) in &by_client {
            first.entry(c).or_insert(day);
        }
        self.compare("client visit index", &by_client, &indexed_by_client);
        let expected_first: BTreeSet<(i32, u64)> = first.iter().map(|(c, d)| (*d, *c)).collect();
        let mut indexed_first = BTreeSet::new();
        for e in self.t.first_visits.iter()? {
            indexed_first.insert(e?.0.value());
        }
        self.compare("first-visit index", &expected_first, &indexed_first);

        // Follow-ups and their indexes.
        let mut open: BTreeSet<(i32, u64)> = BTreeSet::new();
        let mut deadlines: BTreeSet<(i32, u64)> = BTreeSet::new();
        let mut of_client: BTreeSet<(u64, u64, bool)> = BTreeSet::new();
        let mut events: BTreeSet<(i32, u64, u8)> = BTreeSet::new();
        for e in self.t.followups.iter()? {
            let (key, bytes) = e?;
            let n = key.value();
            self.report.followups += 1;
            let Ok(f) = decode_followup(bytes.value()) else {
                self.problem(format!("follow-up {n} cannot be read"));
                continue;
            };
            if f.number != n || n >= next_followup {
                self.problem(format!(
                    "follow-up {n} has a wrong number or is not below the counter"
                ));
            }
            if !clients.contains_key(&f.client) {
                self.problem(format!(
                    "follow-up {n} belongs to client {}, who does not exist",
                    f.client
                ));
            }
            if forgotten_followups.contains(&n) {
                self.problem(format!("follow-up {n} was forgotten but is still there"));
            }
            of_client.insert((f.client, n, f.is_open()));
            events.insert((day_key(f.created.at.date()), n, EVENT_OPENED));
            match &f.state {
                FollowUpState::Open => {
                    open.insert((day_key(f.due), n));
                    if let Some(d) = &f.deadline {
                        deadlines.insert((day_key(d.ends), n));
                    }
                }
                FollowUpState::Done(s) => {
                    events.insert((day_key(s.at.date()), n, EVENT_DONE));
                }
                FollowUpState::Cancelled(s) => {
                    events.insert((day_key(s.at.date()), n, EVENT_CANCELLED));
                }
            }
        }
        let mut indexed_open = BTreeSet::new();
        for e in self.t.open_followups.iter()? {
            indexed_open.insert(e?.0.value());
        }
        self.compare("open follow-up index", &open, &indexed_open);
        let mut indexed_deadlines = BTreeSet::new();
        if let Some(table) = &self.t.open_deadlines {
            for e in table.iter()? {
                indexed_deadlines.insert(e?.0.value());
            }
        }
        self.compare("open deadline index", &deadlines, &indexed_deadlines);
        let mut indexed_of_client = BTreeSet::new();
        for e in self.t.followups_by_client.iter()? {
            let (k, v) = e?;
            let (c, n) = k.value();
            indexed_of_client.insert((c, n, v.value()));
        }
        self.compare("client follow-up index", &of_client, &indexed_of_client);
        let mut indexed_events = BTreeSet::new();
        for e in self.t.followup_events.iter()? {
            let (day, n, event) = e?.0.value();
            // The events of a forgotten follow-up are anonymous counts and stay.
            if !forgotten_followups.contains(&n) {
                indexed_events.insert((day, n, event));
            }
        }
        self.compare("follow-up event index", &events, &indexed_events);
        if let Some(counts) = &self.t.followup_event_counts {
            let mut walked: BTreeMap<(i32, u8), u64> = BTreeMap::new();
            for e in self.t.followup_events.iter()? {
                let (day, _, event) = e?.0.value();
                *walked.entry((day, event)).or_insert(0) += 1;
            }
            let mut kept: BTreeMap<(i32, u8), u64> = BTreeMap::new();
            for e in counts.iter()? {
                let (k, n) = e?;
                kept.insert(k.value(), n.value());
            }
            if walked != kept {
                self.problem(
                    "the follow-up counts per day differ from the follow-up events".into(),
                );
            }
        }

        self.appointments(&known_client, &visit_clients)?;

        // The audit log.
        if let Some(audit) = &self.t.audit {
            for e in audit.iter()? {
                let (key, bytes) = e?;
                let n = key.value();
                self.report.audit_entries += 1;
                if decode_audit(n, bytes.value()).is_err() {
                    self.problem(format!("audit entry {n} cannot be read"));
                }
                if n >= next_audit {
                    self.problem(format!("audit entry {n} is not below the counter"));
                }
            }
        }
        self.closed_years()
    }

    /// Each closed year's figures read back, under their own year, as a tally's JSON.
    fn closed_years(&mut self) -> Result<(), StoreError> {
        let Some(years) = &self.t.closed_years else {
            return Ok(());
        };
        for e in years.iter()? {
            let (key, bytes) = e?;
            let year = key.value();
            let readable = decode_closed_year(bytes.value()).ok().filter(|c| {
                c.year == year
                    && serde_json::from_str::<serde_json::Value>(&c.figures)
                        .is_ok_and(|v| v.get("visits").is_some_and(|n| n.is_u64()))
            });
            if readable.is_none() {
                self.problem(format!("the closed figures of {year} cannot be read"));
            }
        }
        Ok(())
    }

    /// Appointments and their day (with the state) and client indexes; a kept one names a
    /// visit of its own client.
    fn appointments(
        &mut self,
        known_client: &dyn Fn(u64) -> bool,
        visit_clients: &HashMap<u64, Option<u64>>,
    ) -> Result<(), StoreError> {
        let next = self
            .t
            .meta
            .get("next_appointment")?
            .map_or(1, |v| v.value());
        let mut by_day: BTreeSet<(i32, u64, u8)> = BTreeSet::new();
        let mut by_client: BTreeSet<(u64, u64)> = BTreeSet::new();
        if let Some(records) = &self.t.appointments {
            for e in records.iter()? {
                let (key, bytes) = e?;
                let n = key.value();
                self.report.appointments += 1;
                let Ok(a) = decode_appointment(bytes.value()) else {
                    self.problem(format!("appointment {n} cannot be read"));
                    continue;
                };
                if a.number != n || n >= next {
                    self.problem(format!(
                        "appointment {n} has a wrong number or is not below the counter"
                    ));
                }
                if !known_client(a.client) {
                    self.problem(format!(
                        "appointment {n} belongs to client {}, who does not exist",
                        a.client
                    ));
                }
                if let Some(v) = a.state.visit()
                    && visit_clients.get(&v) != Some(&Some(a.client))
                {
                    self.problem(format!(
                        "appointment {n} was kept by visit {v}, which is not a visit of client {}",
                        a.client
                    ));
                }
                by_day.insert((day_key(a.at.date()), n, appointment_state_code(a.state)));
                by_client.insert((a.client, n));
            }
        }
        let mut indexed_day = BTreeSet::new();
        if let Some(index) = &self.t.appointments_by_day {
            for e in index.iter()? {
                let (k, state) = e?;
                let (day, n) = k.value();
                indexed_day.insert((day, n, state.value()));
            }
        }
        self.compare("appointment day index", &by_day, &indexed_day);
        let mut indexed_client = BTreeSet::new();
        if let Some(index) = &self.t.appointments_by_client {
            for e in index.iter()? {
                indexed_client.insert(e?.0.value());
            }
        }
        self.compare("client appointment index", &by_client, &indexed_client);
        Ok(())
    }

    /// Names what one index lacks and what it holds too much, at most a few of each.
    /// Each day's block holds exactly the day index's entries of that day, and the blocks
    /// together as many as the index (and as recorded), so no day lacks its block.
    fn day_blocks(&mut self) -> Result<(), StoreError> {
        let Some(blocks) = &self.t.visit_day_blocks else {
            return Ok(());
        };
        if !day_blocks::built(self.t)? {
            return Ok(());
        }
        let mut problems = Vec::new();
        let mut total = 0u64;
        for block in blocks.iter()? {
            let (day, bytes) = block?;
            let day = day.value();
            let mut index = self.t.visits_by_day.range((day, 0)..=(day, u64::MAX))?;
            for entry in decode_day_block(bytes.value()) {
                total += 1;
                let Ok((visit, entry)) = entry else {
                    problems.push(format!("the day block of day {day} cannot be read"));
                    break;
                };
                let indexed = index.next().transpose()?;
                if !indexed.is_some_and(|(k, v)| k.value() == (day, visit) && v.value() == entry) {
                    problems.push(format!(
                        "the day block of day {day} differs from the day index at visit {visit}"
                    ));
                    break;
                }
            }
        }
        let indexed = self.t.visits_by_day.len()?;
        if total != indexed {
            problems.push(format!(
                "the day blocks hold {total} entries, the day index {indexed}"
            ));
        }
        if day_blocks::recorded_entries(self.t)? != Some(total) {
            problems.push("the count of day block entries is wrong".to_string());
        }
        for p in problems.into_iter().take(10) {
            self.problem(p);
        }
        Ok(())
    }

    fn compare<T: Ord + std::fmt::Debug>(
        &mut self,
        index: &str,
        expected: &BTreeSet<T>,
        found: &BTreeSet<T>,
    ) {
        for missing in expected.difference(found).take(10) {
            self.problem(format!("{index}: {missing:?} is missing"));
        }
        for extra in found.difference(expected).take(10) {
            self.problem(format!("{index}: {extra:?} points to nothing"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::drafts::{DRAFTS, Draft};
    use super::*;
    use redb::ReadableTable;

    #[test]
    fn a_broken_seal_in_a_table_no_comparison_walks_stops_check() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.redb")).unwrap();
        let saved = chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .unwrap();
        let draft = Draft {
            form: "visit".into(),
            client: None,
            saved,
            fields: Vec::new(),
        };
        store.save_draft("ans", &draft).unwrap();
        assert!(store.check().unwrap().is_clean());
        let (txn, _) = store.begin_write().unwrap();
        {
            let mut raw = txn.open_table(DRAFTS.raw()).unwrap();
            let mut bytes = raw.get("ans").unwrap().unwrap().value().to_vec();
            bytes[0] ^= 0x20;
            raw.insert("ans", bytes.as_slice()).unwrap();
        }
        txn.commit().unwrap();
        match store.check().expect_err("refused") {
            StoreError::Damaged {
                place: Some(place), ..
            } => assert!(place.contains("drafts \"ans\""), "{place}"),
            other => panic!("{other:?}"),
        }
    }
}
