//! The store's tables. Records are versioned envelopes (see codec); indexes hold keys only,
//! except the day index, which carries what a tally counts.

use redb::{ReadOnlyTable, ReadTransaction, Table, TableDefinition, WriteTransaction};
use std::collections::{BTreeSet, HashMap};

/// "schema" and the counters "next_client", "next_visit", "next_followup", "next_household",
/// "next_code", "next_audit" and "next_appointment" (the last two absent in older stores).
pub const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
pub const CLIENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("clients");
pub const VISITS: TableDefinition<u64, &[u8]> = TableDefinition::new("visits");
pub const FOLLOWUPS: TableDefinition<u64, &[u8]> = TableDefinition::new("followups");
/// (day, visit) -> day entry: a period's counts without reading a visit.
pub const VISITS_BY_DAY: TableDefinition<(i32, u64), &[u8]> = TableDefinition::new("visits_by_day");
/// day -> every day entry of that day in one value (`codec::encode_day_block`), so a year's
/// tally reads some 365 values instead of 200,000. Derived from `VISITS_BY_DAY`: a write
/// that changes a day's entries rebuilds its block before it commits (`day_blocks`), and a
/// store from before the blocks gets them at its first open.
pub const VISIT_DAY_BLOCKS: TableDefinition<i32, &[u8]> = TableDefinition::new("visit_day_blocks");
/// (client, day, visit): a client's visits in date order; the first is the first visit ever.
pub const VISITS_BY_CLIENT: TableDefinition<(u64, i32, u64), ()> =
    TableDefinition::new("visits_by_client");
/// (day, client) of each client's first visit ever: new clients per period.
pub const FIRST_VISITS: TableDefinition<(i32, u64), ()> = TableDefinition::new("first_visits");
/// (due day, follow-up) for open follow-ups only.
pub const OPEN_FOLLOWUPS: TableDefinition<(i32, u64), ()> = TableDefinition::new("open_followups");
/// (deadline's last day, follow-up) for open follow-ups that guard a legal deadline: the status
/// line counts those ending soon without reading every overdue follow-up. A store from before
/// deadlines has none, so it starts empty.
pub const OPEN_DEADLINES: TableDefinition<(i32, u64), ()> = TableDefinition::new("open_deadlines");
/// (client, follow-up) -> still open.
pub const FOLLOWUPS_BY_CLIENT: TableDefinition<(u64, u64), bool> =
    TableDefinition::new("followups_by_client");
/// (day, follow-up, event) with event 0 opened, 1 done, 2 cancelled.
pub const FOLLOWUP_EVENTS: TableDefinition<(i32, u64, u8), ()> =
    TableDefinition::new("followup_events");
/// (search term, client): the name index (terms from `search::index_terms`).
pub const NAME_TERMS: TableDefinition<(&str, u64), ()> = TableDefinition::new("name_terms");
/// (phone key, client).
pub const PHONES: TableDefinition<(&str, u64), ()> = TableDefinition::new("phones");
/// Category, referral and volunteer keys as small codes for the day index: "c:toeslagen",
/// "r:kwadraad", "v:marieke" -> code, and back.
pub const DICTIONARY: TableDefinition<&str, u32> = TableDefinition::new("dictionary");
pub const DICTIONARY_KEYS: TableDefinition<u32, &str> = TableDefinition::new("dictionary_keys");
/// block -> the profiles of clients `64·block` to `64·block + 63` (`codec::encode_profile_block`):
/// gender, birth, country, first language and interpreter, so a tally of who came reads no
/// client record. Built at the first open of a store from before it (`Store::build_profiles`).
pub const CLIENT_PROFILES: TableDefinition<u64, &[u8]> =
    TableDefinition::new("client_profile_blocks");
/// (household, client).
pub const HOUSEHOLDS: TableDefinition<(u64, u64), ()> = TableDefinition::new("households");
/// (begeleider, client): the clients a volunteer guides, for "mine" lists and
/// `find --begeleider`. A store from before begeleiders has none, so it starts empty.
pub const BEGELEIDERS: TableDefinition<(&str, u64), ()> = TableDefinition::new("begeleiders");
/// Append-only audit log: sequence number -> audit entry (who, when, client number, action).
/// Holds numbers and actions only, never a name or a note.
pub const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");
/// (kind, number) of every client (FORGOTTEN_CLIENT) and follow-up (FORGOTTEN_FOLLOWUP) that
/// was forgotten, so `check` can tell an anonymous count that outlived its record from a
/// dangling index entry.
pub const FORGOTTEN: TableDefinition<(u8, u64), ()> = TableDefinition::new("forgotten");
pub const FORGOTTEN_CLIENT: u8 = 0;
pub const FORGOTTEN_FOLLOWUP: u8 = 1;

/// (day, event) -> how many follow-ups had that event that day: a period's follow-up figures
/// without walking every event. Kept in step with FOLLOWUP_EVENTS.
pub const FOLLOWUP_EVENT_COUNTS: TableDefinition<(i32, u8), u64> =
    TableDefinition::new("followup_event_counts");

pub const APPOINTMENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("appointments");
/// (day, appointment) -> its state code (`appointment_state_code`): a day's or week's
/// list, and a period's appointment figures without reading a record.
pub const APPOINTMENTS_BY_DAY: TableDefinition<(i32, u64), u8> =
    TableDefinition::new("appointments_by_day");
/// (client, appointment).
pub const APPOINTMENTS_BY_CLIENT: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("appointments_by_client");

pub const APPOINTMENT_PLANNED: u8 = 0;
pub const APPOINTMENT_KEPT: u8 = 1;
pub const APPOINTMENT_CANCELLED: u8 = 2;
pub const APPOINTMENT_NO_SHOW: u8 = 3;

/// An appointment's state as the fixed number its day index entry holds.
pub fn appointment_state_code(s: crate::model::AppointmentState) -> u8 {
    use crate::model::AppointmentState;
    match s {
        AppointmentState::Planned => APPOINTMENT_PLANNED,
        AppointmentState::Kept { .. } => APPOINTMENT_KEPT,
        AppointmentState::Cancelled => APPOINTMENT_CANCELLED,
        AppointmentState::NoShow => APPOINTMENT_NO_SHOW,
    }
}

pub const EVENT_OPENED: u8 = 0;
pub const EVENT_DONE: u8 = 1;
pub const EVENT_CANCELLED: u8 = 2;

/// Every table opened once for a write transaction, so a bulk load does not reopen them per
/// record.
pub struct WriteTables<'t> {
    pub meta: Table<'t, &'static str, u64>,
    pub clients: Table<'t, u64, &'static [u8]>,
    pub visits: Table<'t, u64, &'static [u8]>,
    pub followups: Table<'t, u64, &'static [u8]>,
    pub visits_by_day: Table<'t, (i32, u64), &'static [u8]>,
    pub visits_by_client: Table<'t, (u64, i32, u64), ()>,
    pub first_visits: Table<'t, (i32, u64), ()>,
    pub open_followups: Table<'t, (i32, u64), ()>,
    pub open_deadlines: Table<'t, (i32, u64), ()>,
    pub followups_by_client: Table<'t, (u64, u64), bool>,
    pub followup_events: Table<'t, (i32, u64, u8), ()>,
    pub followup_event_counts: Table<'t, (i32, u8), u64>,
    pub name_terms: Table<'t, (&'static str, u64), ()>,
    pub phones: Table<'t, (&'static str, u64), ()>,
    pub households: Table<'t, (u64, u64), ()>,
    pub begeleiders: Table<'t, (&'static str, u64), ()>,
    pub dictionary: Table<'t, &'static str, u32>,
    pub dictionary_keys: Table<'t, u32, &'static str>,
    pub audit: Table<'t, u64, &'static [u8]>,
    pub forgotten: Table<'t, (u8, u64), ()>,
    pub drafts: Table<'t, &'static str, &'static [u8]>,
    pub appointments: Table<'t, u64, &'static [u8]>,
    pub appointments_by_day: Table<'t, (i32, u64), u8>,
    pub appointments_by_client: Table<'t, (u64, u64), ()>,
    pub closed_years: Table<'t, i32, &'static [u8]>,
    pub closed_changes: Table<'t, (i32, u64), ()>,
    pub client_profiles: Table<'t, u64, &'static [u8]>,
    pub visit_day_blocks: Table<'t, i32, &'static [u8]>,
    /// Days whose entries changed in this transaction: their blocks are rebuilt at its end.
    pub changed_days: BTreeSet<i32>,
    /// Dictionary codes looked up or given in this transaction, by kind and key: a bulk load
    /// asks for the same few dozen codes a million times. Only `code` writes the dictionary,
    /// and only by adding, so what is here stays true until the transaction ends.
    pub codes: HashMap<&'static str, HashMap<String, u32>>,
    /// In a batch, the index entries it writes at its end (see `held_back`).
    pub held_back: Option<super::held_back::HeldBack>,
}

impl<'t> WriteTables<'t> {
    pub fn open(txn: &'t WriteTransaction) -> Result<WriteTables<'t>, redb::TableError> {
        Ok(WriteTables {
            meta: txn.open_table(META)?,
            clients: txn.open_table(CLIENTS)?,
            visits: txn.open_table(VISITS)?,
            followups: txn.open_table(FOLLOWUPS)?,
            visits_by_day: txn.open_table(VISITS_BY_DAY)?,
            visits_by_client: txn.open_table(VISITS_BY_CLIENT)?,
            first_visits: txn.open_table(FIRST_VISITS)?,
            open_followups: txn.open_table(OPEN_FOLLOWUPS)?,
            open_deadlines: txn.open_table(OPEN_DEADLINES)?,
            followups_by_client: txn.open_table(FOLLOWUPS_BY_CLIENT)?,
            followup_events: txn.open_table(FOLLOWUP_EVENTS)?,
            followup_event_counts: txn.open_table(FOLLOWUP_EVENT_COUNTS)?,
            name_terms: txn.open_table(NAME_TERMS)?,
            phones: txn.open_table(PHONES)?,
            households: txn.open_table(HOUSEHOLDS)?,
            begeleiders: txn.open_table(BEGELEIDERS)?,
            dictionary: txn.open_table(DICTIONARY)?,
            dictionary_keys: txn.open_table(DICTIONARY_KEYS)?,
            audit: txn.open_table(AUDIT)?,
            forgotten: txn.open_table(FORGOTTEN)?,
            drafts: txn.open_table(super::drafts::DRAFTS)?,
            appointments: txn.open_table(APPOINTMENTS)?,
            appointments_by_day: txn.open_table(APPOINTMENTS_BY_DAY)?,
            appointments_by_client: txn.open_table(APPOINTMENTS_BY_CLIENT)?,
            closed_years: txn.open_table(super::closed::CLOSED_YEARS)?,
            closed_changes: txn.open_table(super::closed::CLOSED_CHANGES)?,
            client_profiles: txn.open_table(CLIENT_PROFILES)?,
            visit_day_blocks: txn.open_table(VISIT_DAY_BLOCKS)?,
            changed_days: BTreeSet::new(),
            codes: HashMap::new(),
            held_back: None,
        })
    }
}

/// The tables a read needs, opened from one read transaction (one consistent view).
pub struct ReadTables {
    pub meta: ReadOnlyTable<&'static str, u64>,
    pub clients: ReadOnlyTable<u64, &'static [u8]>,
    pub visits: ReadOnlyTable<u64, &'static [u8]>,
    pub followups: ReadOnlyTable<u64, &'static [u8]>,
    pub visits_by_day: ReadOnlyTable<(i32, u64), &'static [u8]>,
    pub visits_by_client: ReadOnlyTable<(u64, i32, u64), ()>,
    pub first_visits: ReadOnlyTable<(i32, u64), ()>,
    pub open_followups: ReadOnlyTable<(i32, u64), ()>,
    /// Absent in a store written before deadlines existed (read as empty).
    pub open_deadlines: Option<ReadOnlyTable<(i32, u64), ()>>,
    pub followups_by_client: ReadOnlyTable<(u64, u64), bool>,
    pub followup_events: ReadOnlyTable<(i32, u64, u8), ()>,
    /// Absent in a store written before the counts existed (then the events are walked).
    pub followup_event_counts: Option<ReadOnlyTable<(i32, u8), u64>>,
    pub name_terms: ReadOnlyTable<(&'static str, u64), ()>,
    pub phones: ReadOnlyTable<(&'static str, u64), ()>,
    pub households: ReadOnlyTable<(u64, u64), ()>,
    /// Absent in a store written before begeleiders existed (read as empty).
    pub begeleiders: Option<ReadOnlyTable<(&'static str, u64), ()>>,
    pub dictionary_keys: ReadOnlyTable<u32, &'static str>,
    /// Absent in a store written before the audit log existed (read as empty).
    pub audit: Option<ReadOnlyTable<u64, &'static [u8]>>,
    /// Absent in a store in which nothing was ever forgotten (read as empty).
    pub forgotten: Option<ReadOnlyTable<(u8, u64), ()>>,
    /// The appointment tables are absent in a store written before appointments existed
    /// (read as empty; the first write creates them).
    pub appointments: Option<ReadOnlyTable<u64, &'static [u8]>>,
    pub appointments_by_day: Option<ReadOnlyTable<(i32, u64), u8>>,
    pub appointments_by_client: Option<ReadOnlyTable<(u64, u64), ()>>,
    /// Absent only in a store from before profiles that was opened to be checked (`check`
    /// opens without changing anything); then the client records are read instead.
    pub client_profiles: Option<ReadOnlyTable<u64, &'static [u8]>>,
    /// Absent until a year is first closed.
    pub closed_years: Option<ReadOnlyTable<i32, &'static [u8]>>,
    /// Absent only in a store from before the blocks that was opened to be checked; then the
    /// day index is read entry by entry.
    pub visit_day_blocks: Option<ReadOnlyTable<i32, &'static [u8]>>,
}

impl ReadTables {
    pub fn open(txn: &ReadTransaction) -> Result<ReadTables, redb::TableError> {
        Ok(ReadTables {
            meta: txn.open_table(META)?,
            clients: txn.open_table(CLIENTS)?,
            visits: txn.open_table(VISITS)?,
            followups: txn.open_table(FOLLOWUPS)?,
            visits_by_day: txn.open_table(VISITS_BY_DAY)?,
            visits_by_client: txn.open_table(VISITS_BY_CLIENT)?,
            first_visits: txn.open_table(FIRST_VISITS)?,
            open_followups: txn.open_table(OPEN_FOLLOWUPS)?,
            open_deadlines: optional(txn.open_table(OPEN_DEADLINES))?,
            followups_by_client: txn.open_table(FOLLOWUPS_BY_CLIENT)?,
            followup_events: txn.open_table(FOLLOWUP_EVENTS)?,
            followup_event_counts: optional(txn.open_table(FOLLOWUP_EVENT_COUNTS))?,
            name_terms: txn.open_table(NAME_TERMS)?,
            phones: txn.open_table(PHONES)?,
            households: txn.open_table(HOUSEHOLDS)?,
            begeleiders: optional(txn.open_table(BEGELEIDERS))?,
            dictionary_keys: txn.open_table(DICTIONARY_KEYS)?,
            audit: optional(txn.open_table(AUDIT))?,
            forgotten: optional(txn.open_table(FORGOTTEN))?,
            appointments: optional(txn.open_table(APPOINTMENTS))?,
            appointments_by_day: optional(txn.open_table(APPOINTMENTS_BY_DAY))?,
            appointments_by_client: optional(txn.open_table(APPOINTMENTS_BY_CLIENT))?,
            client_profiles: optional(txn.open_table(CLIENT_PROFILES))?,
            closed_years: optional(txn.open_table(super::closed::CLOSED_YEARS))?,
            visit_day_blocks: optional(txn.open_table(VISIT_DAY_BLOCKS))?,
        })
    }
}

/// A table that an older store may not have yet: absent reads as empty.
fn optional<T>(opened: Result<T, redb::TableError>) -> Result<Option<T>, redb::TableError> {
    match opened {
        Ok(t) => Ok(Some(t)),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
        Err(e) => Err(e),
    }
}
