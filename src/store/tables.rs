//! The store's tables. Records are versioned envelopes (see codec); indexes hold keys only,
//! except the day index, which carries what a tally counts. Every table but `META` is sealed
//! (`seal.rs`): each value carries a checksum over its key and itself.

pub use super::seal::SealedDef;
use super::seal::{ReadTable, WriteTable};
use redb::{ReadTransaction, TableDefinition, WriteTransaction};
use std::collections::{BTreeSet, HashMap};

/// "schema" and "moved" only, unsealed, so that every release (the ones before seals too)
/// reads which layout a file has and whether a forget replaced it.
pub const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
/// The counters "next_client", "next_visit", "next_followup", "next_household", "next_code",
/// "next_audit" and "next_appointment", and the marks of what was built or is pending
/// (`terms_version`, `rewrite_pending`, …). In a store from before seals they were in `META`.
pub const COUNTERS: SealedDef<&str, u64> = SealedDef::new("counters");
pub const CLIENTS: SealedDef<u64, &[u8]> = SealedDef::new("clients");
pub const VISITS: SealedDef<u64, &[u8]> = SealedDef::new("visits");
pub const FOLLOWUPS: SealedDef<u64, &[u8]> = SealedDef::new("followups");
/// (day, visit) -> day entry: a period's counts without reading a visit.
pub const VISITS_BY_DAY: SealedDef<(i32, u64), &[u8]> = SealedDef::new("visits_by_day");
/// day -> every day entry of that day in one value (`codec::encode_day_block`), so a year's
/// tally reads some 365 values instead of 200,000. Derived from `VISITS_BY_DAY`: a write
/// that changes a day's entries rebuilds its block before it commits (`day_blocks`), and a
/// store from before the blocks gets them at its first open.
pub const VISIT_DAY_BLOCKS: SealedDef<i32, &[u8]> = SealedDef::new("visit_day_blocks");
/// (client, day, visit): a client's visits in date order; the first is the first visit ever.
pub const VISITS_BY_CLIENT: SealedDef<(u64, i32, u64), ()> = SealedDef::new("visits_by_client");
/// (day, client) of each client's first visit ever: new clients per period.
pub const FIRST_VISITS: SealedDef<(i32, u64), ()> = SealedDef::new("first_visits");
/// (due day, follow-up) for open follow-ups only.
pub const OPEN_FOLLOWUPS: SealedDef<(i32, u64), ()> = SealedDef::new("open_followups");
/// (deadline's last day, follow-up) for open follow-ups that guard a legal deadline: the status
/// line counts those ending soon without reading every overdue follow-up. A store from before
/// deadlines has none, so it starts empty.
pub const OPEN_DEADLINES: SealedDef<(i32, u64), ()> = SealedDef::new("open_deadlines");
/// (client, follow-up) -> still open.
pub const FOLLOWUPS_BY_CLIENT: SealedDef<(u64, u64), bool> = SealedDef::new("followups_by_client");
/// (day, follow-up, event) with event 0 opened, 1 done, 2 cancelled.
pub const FOLLOWUP_EVENTS: SealedDef<(i32, u64, u8), ()> = SealedDef::new("followup_events");
/// (search term, block) -> the clients numbered `TERM_BLOCK·block` to `TERM_BLOCK·block +
/// TERM_BLOCK - 1` that have that term (`codec::encode_term_block`): the name index, terms
/// from `search::index_terms`. A search reads a common name's clients from a few dozen values
/// instead of one entry each; `name_index.rs` keeps it.
pub const NAME_TERM_BLOCKS: SealedDef<(&str, u32), &[u8]> = SealedDef::new("name_term_blocks");
/// (search term, client): the name index of layout 2 and before, one entry each. Emptied when
/// a store gets its blocks, and left in place, so a process of an older release that still
/// holds the store open reads an empty index rather than failing; what such a process writes
/// here is searched beside the blocks and moved into them at the next open.
pub const NAME_TERMS: SealedDef<(&str, u64), ()> = SealedDef::new("name_terms");
/// (phone key, client).
pub const PHONES: SealedDef<(&str, u64), ()> = SealedDef::new("phones");
/// Category, referral and volunteer keys as small codes for the day index: "c:toeslagen",
/// "r:kwadraad", "v:marieke" -> code, and back.
pub const DICTIONARY: SealedDef<&str, u32> = SealedDef::new("dictionary");
pub const DICTIONARY_KEYS: SealedDef<u32, &str> = SealedDef::new("dictionary_keys");
/// block -> the profiles of clients `64·block` to `64·block + 63` (`codec::encode_profile_block`):
/// gender, birth, country, first language and interpreter, so a tally of who came reads no
/// client record. Built at the first open of a store from before it (`Store::build_profiles`).
pub const CLIENT_PROFILES: SealedDef<u64, &[u8]> = SealedDef::new("client_profile_blocks");
/// (household, client).
pub const HOUSEHOLDS: SealedDef<(u64, u64), ()> = SealedDef::new("households");
/// (begeleider, client): the clients a volunteer guides, for "mine" lists and
/// `find --begeleider`. A store from before begeleiders has none, so it starts empty.
pub const BEGELEIDERS: SealedDef<(&str, u64), ()> = SealedDef::new("begeleiders");
/// Append-only audit log: sequence number -> audit entry (who, when, client number, action).
/// Holds numbers and actions only, never a name or a note.
pub const AUDIT: SealedDef<u64, &[u8]> = SealedDef::new("audit");
/// (kind, number) of every client (FORGOTTEN_CLIENT) and follow-up (FORGOTTEN_FOLLOWUP) that
/// was forgotten, so `check` can tell an anonymous count that outlived its record from a
/// dangling index entry.
pub const FORGOTTEN: SealedDef<(u8, u64), ()> = SealedDef::new("forgotten");
pub const FORGOTTEN_CLIENT: u8 = 0;
pub const FORGOTTEN_FOLLOWUP: u8 = 1;

/// (day, event) -> how many follow-ups had that event that day: a period's follow-up figures
/// without walking every event. Kept in step with FOLLOWUP_EVENTS.
pub const FOLLOWUP_EVENT_COUNTS: SealedDef<(i32, u8), u64> =
    SealedDef::new("followup_event_counts");

pub const APPOINTMENTS: SealedDef<u64, &[u8]> = SealedDef::new("appointments");
/// (day, appointment) -> its state code (`appointment_state_code`): a day's or week's
/// list, and a period's appointment figures without reading a record.
pub const APPOINTMENTS_BY_DAY: SealedDef<(i32, u64), u8> = SealedDef::new("appointments_by_day");
/// (client, appointment).
pub const APPOINTMENTS_BY_CLIENT: SealedDef<(u64, u64), ()> =
    SealedDef::new("appointments_by_client");

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

/// Calls `$m!($args, DEF, DEF, …)` with every sealed table: the code that walks them all (a
/// copy of the store, the rewrite of an older layout) names them once, here.
macro_rules! sealed_tables {
    ($m:ident!($($args:tt)*)) => {
        $m!($($args)*
            $crate::store::tables::COUNTERS,
            $crate::store::tables::CLIENTS,
            $crate::store::tables::VISITS,
            $crate::store::tables::FOLLOWUPS,
            $crate::store::tables::VISITS_BY_DAY,
            $crate::store::tables::VISITS_BY_CLIENT,
            $crate::store::tables::FIRST_VISITS,
            $crate::store::tables::OPEN_FOLLOWUPS,
            $crate::store::tables::OPEN_DEADLINES,
            $crate::store::tables::FOLLOWUPS_BY_CLIENT,
            $crate::store::tables::FOLLOWUP_EVENTS,
            $crate::store::tables::FOLLOWUP_EVENT_COUNTS,
            $crate::store::tables::NAME_TERMS,
            $crate::store::tables::NAME_TERM_BLOCKS,
            $crate::store::tables::PHONES,
            $crate::store::tables::DICTIONARY,
            $crate::store::tables::DICTIONARY_KEYS,
            $crate::store::tables::HOUSEHOLDS,
            $crate::store::tables::BEGELEIDERS,
            $crate::store::tables::AUDIT,
            $crate::store::tables::FORGOTTEN,
            $crate::store::drafts::DRAFTS,
            $crate::store::tables::APPOINTMENTS,
            $crate::store::tables::APPOINTMENTS_BY_DAY,
            $crate::store::tables::APPOINTMENTS_BY_CLIENT,
            $crate::store::closed::CLOSED_YEARS,
            $crate::store::closed::CLOSED_CHANGES,
            $crate::store::tables::CLIENT_PROFILES,
            $crate::store::tables::VISIT_DAY_BLOCKS
        )
    };
}
pub(super) use sealed_tables;

/// Every table opened once for a write transaction, so a bulk load does not reopen them per
/// record.
pub struct WriteTables<'t> {
    pub meta: WriteTable<'t, &'static str, u64>,
    pub clients: WriteTable<'t, u64, &'static [u8]>,
    pub visits: WriteTable<'t, u64, &'static [u8]>,
    pub followups: WriteTable<'t, u64, &'static [u8]>,
    pub visits_by_day: WriteTable<'t, (i32, u64), &'static [u8]>,
    pub visits_by_client: WriteTable<'t, (u64, i32, u64), ()>,
    pub first_visits: WriteTable<'t, (i32, u64), ()>,
    pub open_followups: WriteTable<'t, (i32, u64), ()>,
    pub open_deadlines: WriteTable<'t, (i32, u64), ()>,
    pub followups_by_client: WriteTable<'t, (u64, u64), bool>,
    pub followup_events: WriteTable<'t, (i32, u64, u8), ()>,
    pub followup_event_counts: WriteTable<'t, (i32, u8), u64>,
    pub name_term_blocks: WriteTable<'t, (&'static str, u32), &'static [u8]>,
    pub phones: WriteTable<'t, (&'static str, u64), ()>,
    pub households: WriteTable<'t, (u64, u64), ()>,
    pub begeleiders: WriteTable<'t, (&'static str, u64), ()>,
    pub dictionary: WriteTable<'t, &'static str, u32>,
    pub dictionary_keys: WriteTable<'t, u32, &'static str>,
    pub audit: WriteTable<'t, u64, &'static [u8]>,
    pub forgotten: WriteTable<'t, (u8, u64), ()>,
    pub drafts: WriteTable<'t, &'static str, &'static [u8]>,
    pub appointments: WriteTable<'t, u64, &'static [u8]>,
    pub appointments_by_day: WriteTable<'t, (i32, u64), u8>,
    pub appointments_by_client: WriteTable<'t, (u64, u64), ()>,
    pub closed_years: WriteTable<'t, i32, &'static [u8]>,
    pub closed_changes: WriteTable<'t, (i32, u64), ()>,
    pub client_profiles: WriteTable<'t, u64, &'static [u8]>,
    pub visit_day_blocks: WriteTable<'t, i32, &'static [u8]>,
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
            meta: COUNTERS.open_write(txn)?,
            clients: CLIENTS.open_write(txn)?,
            visits: VISITS.open_write(txn)?,
            followups: FOLLOWUPS.open_write(txn)?,
            visits_by_day: VISITS_BY_DAY.open_write(txn)?,
            visits_by_client: VISITS_BY_CLIENT.open_write(txn)?,
            first_visits: FIRST_VISITS.open_write(txn)?,
            open_followups: OPEN_FOLLOWUPS.open_write(txn)?,
            open_deadlines: OPEN_DEADLINES.open_write(txn)?,
            followups_by_client: FOLLOWUPS_BY_CLIENT.open_write(txn)?,
            followup_events: FOLLOWUP_EVENTS.open_write(txn)?,
            followup_event_counts: FOLLOWUP_EVENT_COUNTS.open_write(txn)?,
            name_term_blocks: NAME_TERM_BLOCKS.open_write(txn)?,
            phones: PHONES.open_write(txn)?,
            households: HOUSEHOLDS.open_write(txn)?,
            begeleiders: BEGELEIDERS.open_write(txn)?,
            dictionary: DICTIONARY.open_write(txn)?,
            dictionary_keys: DICTIONARY_KEYS.open_write(txn)?,
            audit: AUDIT.open_write(txn)?,
            forgotten: FORGOTTEN.open_write(txn)?,
            drafts: super::drafts::DRAFTS.open_write(txn)?,
            appointments: APPOINTMENTS.open_write(txn)?,
            appointments_by_day: APPOINTMENTS_BY_DAY.open_write(txn)?,
            appointments_by_client: APPOINTMENTS_BY_CLIENT.open_write(txn)?,
            closed_years: super::closed::CLOSED_YEARS.open_write(txn)?,
            closed_changes: super::closed::CLOSED_CHANGES.open_write(txn)?,
            client_profiles: CLIENT_PROFILES.open_write(txn)?,
            visit_day_blocks: VISIT_DAY_BLOCKS.open_write(txn)?,
            changed_days: BTreeSet::new(),
            codes: HashMap::new(),
            held_back: None,
        })
    }
}

/// The tables a read needs, opened from one read transaction (one consistent view).
pub struct ReadTables {
    pub meta: ReadTable<&'static str, u64>,
    pub clients: ReadTable<u64, &'static [u8]>,
    pub visits: ReadTable<u64, &'static [u8]>,
    pub followups: ReadTable<u64, &'static [u8]>,
    pub visits_by_day: ReadTable<(i32, u64), &'static [u8]>,
    pub visits_by_client: ReadTable<(u64, i32, u64), ()>,
    pub first_visits: ReadTable<(i32, u64), ()>,
    pub open_followups: ReadTable<(i32, u64), ()>,
    /// Absent in a store written before deadlines existed (read as empty).
    pub open_deadlines: Option<ReadTable<(i32, u64), ()>>,
    pub followups_by_client: ReadTable<(u64, u64), bool>,
    pub followup_events: ReadTable<(i32, u64, u8), ()>,
    /// Absent in a store written before the counts existed (then the events are walked).
    pub followup_event_counts: Option<ReadTable<(i32, u8), u64>>,
    pub name_term_blocks: ReadTable<(&'static str, u32), &'static [u8]>,
    /// The name index of an older layout: absent in a store made by this release, empty in
    /// one it converted, unless a process of an older release wrote to it since.
    pub name_terms: Option<ReadTable<(&'static str, u64), ()>>,
    pub phones: ReadTable<(&'static str, u64), ()>,
    pub households: ReadTable<(u64, u64), ()>,
    /// Absent in a store written before begeleiders existed (read as empty).
    pub begeleiders: Option<ReadTable<(&'static str, u64), ()>>,
    pub dictionary_keys: ReadTable<u32, &'static str>,
    /// Absent in a store written before the audit log existed (read as empty).
    pub audit: Option<ReadTable<u64, &'static [u8]>>,
    /// Absent in a store in which nothing was ever forgotten (read as empty).
    pub forgotten: Option<ReadTable<(u8, u64), ()>>,
    /// The appointment tables are absent in a store written before appointments existed
    /// (read as empty; the first write creates them).
    pub appointments: Option<ReadTable<u64, &'static [u8]>>,
    pub appointments_by_day: Option<ReadTable<(i32, u64), u8>>,
    pub appointments_by_client: Option<ReadTable<(u64, u64), ()>>,
    /// Absent only in a store from before profiles that was opened to be checked (`check`
    /// opens without changing anything); then the client records are read instead.
    pub client_profiles: Option<ReadTable<u64, &'static [u8]>>,
    /// Absent until a year is first closed.
    pub closed_years: Option<ReadTable<i32, &'static [u8]>>,
    /// Absent only in a store from before the blocks that was opened to be checked; then the
    /// day index is read entry by entry.
    pub visit_day_blocks: Option<ReadTable<i32, &'static [u8]>>,
}

impl ReadTables {
    pub fn open(txn: &ReadTransaction) -> Result<ReadTables, redb::TableError> {
        Ok(ReadTables {
            meta: COUNTERS.open_read(txn)?,
            clients: CLIENTS.open_read(txn)?,
            visits: VISITS.open_read(txn)?,
            followups: FOLLOWUPS.open_read(txn)?,
            visits_by_day: VISITS_BY_DAY.open_read(txn)?,
            visits_by_client: VISITS_BY_CLIENT.open_read(txn)?,
            first_visits: FIRST_VISITS.open_read(txn)?,
            open_followups: OPEN_FOLLOWUPS.open_read(txn)?,
            open_deadlines: optional(OPEN_DEADLINES.open_read(txn))?,
            followups_by_client: FOLLOWUPS_BY_CLIENT.open_read(txn)?,
            followup_events: FOLLOWUP_EVENTS.open_read(txn)?,
            followup_event_counts: optional(FOLLOWUP_EVENT_COUNTS.open_read(txn))?,
            name_term_blocks: NAME_TERM_BLOCKS.open_read(txn)?,
            name_terms: optional(NAME_TERMS.open_read(txn))?,
            phones: PHONES.open_read(txn)?,
            households: HOUSEHOLDS.open_read(txn)?,
            begeleiders: optional(BEGELEIDERS.open_read(txn))?,
            dictionary_keys: DICTIONARY_KEYS.open_read(txn)?,
            audit: optional(AUDIT.open_read(txn))?,
            forgotten: optional(FORGOTTEN.open_read(txn))?,
            appointments: optional(APPOINTMENTS.open_read(txn))?,
            appointments_by_day: optional(APPOINTMENTS_BY_DAY.open_read(txn))?,
            appointments_by_client: optional(APPOINTMENTS_BY_CLIENT.open_read(txn))?,
            client_profiles: optional(CLIENT_PROFILES.open_read(txn))?,
            closed_years: optional(super::closed::CLOSED_YEARS.open_read(txn))?,
            visit_day_blocks: optional(VISIT_DAY_BLOCKS.open_read(txn))?,
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
