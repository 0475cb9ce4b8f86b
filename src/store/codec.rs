//! The one place that turns records into bytes and back.
//!
//! Every record is a versioned envelope: an enum whose variants are the record's versions,
//! only ever appended. bincode writes the variant index first (one byte), then the body, so
//! a later release reads every record an earlier one wrote. The `V1` structs below are frozen:
//! change a record by adding a `V2`, never by editing a `V1`. The golden-bytes test at the end
//! holds today's bytes of every kind and must pass forever.

use crate::model::{
    Appointment, AppointmentState, AuditAction, AuditEntry, Birth, Channel, Client, ClosedYear,
    FollowUp, FollowUpState, Gender, LegalDeadline, Profile, Referral, Stamp, Visit,
};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// At most this many bytes are claimed while decoding one record. Without a limit a damaged
/// length prefix makes bincode try to allocate exabytes and abort the process (found by the
/// fuzz test in tests/faults.rs). No record comes near it; the limit changes no encoded byte.
const DECODE_LIMIT: usize = 1 << 20;

const CONFIG: bincode::config::Configuration<
    bincode::config::LittleEndian,
    bincode::config::Varint,
    bincode::config::Limit<DECODE_LIMIT>,
> = bincode::config::standard().with_limit::<DECODE_LIMIT>();

/// A record's bytes could not be read back.
#[derive(Debug)]
pub struct Undecodable;

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // Encoding into a Vec cannot fail: every field is a plain serde type (no maps with
    // non-string keys, no sequences of unknown length), and a Vec grows as needed.
    bincode::serde::encode_to_vec(value, CONFIG).expect("plain records always encode")
}

fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, Undecodable> {
    match bincode::serde::borrow_decode_from_slice(bytes, CONFIG) {
        Ok((value, used)) if used == bytes.len() => Ok(value),
        _ => Err(Undecodable),
    }
}

// ---- shared pieces -------------------------------------------------------------------------

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct StampV1 {
    who: String,
    /// Local wall-clock time as seconds since 1970-01-01 00:00 (no zone: the office's days).
    at: i64,
}

fn day_number(date: NaiveDate) -> i32 {
    date.to_epoch_days()
}

fn date_of(days: i32) -> Result<NaiveDate, Undecodable> {
    NaiveDate::from_epoch_days(days).ok_or(Undecodable)
}

fn seconds(at: NaiveDateTime) -> i64 {
    at.and_utc().timestamp()
}

fn moment(seconds: i64) -> Result<NaiveDateTime, Undecodable> {
    DateTime::from_timestamp(seconds, 0)
        .map(|d| d.naive_utc())
        .ok_or(Undecodable)
}

impl StampV1 {
    fn of(s: &Stamp) -> StampV1 {
        StampV1 {
            who: s.who.clone(),
            at: seconds(s.at),
        }
    }
    fn stamp(self) -> Result<Stamp, Undecodable> {
        Ok(Stamp {
            who: self.who,
            at: moment(self.at)?,
        })
    }
}

/// Channels as fixed numbers; new channels get new numbers, old numbers keep their meaning.
fn channel_code(c: Channel) -> u8 {
    match c {
        Channel::Spreekuur => 0,
        Channel::Infopunt => 1,
        Channel::Telefoon => 2,
        Channel::Afspraak => 3,
        Channel::Huisbezoek => 4,
    }
}

fn channel_of(code: u8) -> Result<Channel, Undecodable> {
    Channel::ALL
        .into_iter()
        .find(|c| channel_code(*c) == code)
        .ok_or(Undecodable)
}

/// The day index key of a date (days since 1970-01-01), shared with the store's tables.
pub fn day_key(date: NaiveDate) -> i32 {
    day_number(date)
}

pub fn day_of_key(key: i32) -> Option<NaiveDate> {
    date_of(key).ok()
}

// ---- client --------------------------------------------------------------------------------

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
enum BirthV1 {
    Unknown,
    Year(i32),
    Date(i32),
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct ClientV1 {
    number: u64,
    name: String,
    aliases: Vec<String>,
    birth: BirthV1,
    country: Option<String>,
    languages: Vec<String>,
    interpreter: bool,
    phone: Option<String>,
    note: String,
    restricted: bool,
    household: Option<u64>,
    informed: Option<i32>,
    created: StampV1,
    changed: StampV1,
}

/// V1 and the client's begeleider.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct ClientV2 {
    v1: ClientV1,
    begeleider: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
enum GenderV1 {
    Female,
    Male,
    X,
    Unknown,
}

/// V2 and the client's gender.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct ClientV3 {
    v2: ClientV2,
    gender: GenderV1,
}

#[derive(Serialize, Deserialize)]
enum ClientRecord {
    V1(ClientV1),
    V2(ClientV2),
    V3(ClientV3),
}

pub fn encode_client(c: &Client) -> Vec<u8> {
    encode(&ClientRecord::V3(ClientV3 {
        v2: ClientV2 {
            v1: client_v1(c),
            begeleider: c.begeleider.clone(),
        },
        gender: match c.gender {
            Gender::Female => GenderV1::Female,
            Gender::Male => GenderV1::Male,
            Gender::X => GenderV1::X,
            Gender::Unknown => GenderV1::Unknown,
        },
    }))
}

fn client_v1(c: &Client) -> ClientV1 {
    ClientV1 {
        number: c.number,
        name: c.name.clone(),
        aliases: c.aliases.clone(),
        birth: match c.birth {
            Birth::Unknown => BirthV1::Unknown,
            Birth::Year(y) => BirthV1::Year(y),
            Birth::Date(d) => BirthV1::Date(day_number(d)),
        },
        country: c.country.clone(),
        languages: c.languages.clone(),
        interpreter: c.interpreter,
        phone: c.phone.clone(),
        note: c.note.clone(),
        restricted: c.restricted,
        household: c.household,
        informed: c.informed.map(day_number),
        created: StampV1::of(&c.created),
        changed: StampV1::of(&c.changed),
    }
}

pub fn decode_client(bytes: &[u8]) -> Result<Client, Undecodable> {
    let (c, begeleider, gender) = match decode(bytes)? {
        ClientRecord::V1(c) => (c, None, GenderV1::Unknown),
        ClientRecord::V2(c) => (c.v1, c.begeleider, GenderV1::Unknown),
        ClientRecord::V3(c) => (c.v2.v1, c.v2.begeleider, c.gender),
    };
    Ok(Client {
        number: c.number,
        name: c.name,
        aliases: c.aliases,
        birth: match c.birth {
            BirthV1::Unknown => Birth::Unknown,
            BirthV1::Year(y) => Birth::Year(y),
            BirthV1::Date(d) => Birth::Date(date_of(d)?),
        },
        gender: match gender {
            GenderV1::Female => Gender::Female,
            GenderV1::Male => Gender::Male,
            GenderV1::X => Gender::X,
            GenderV1::Unknown => Gender::Unknown,
        },
        country: c.country,
        languages: c.languages,
        interpreter: c.interpreter,
        phone: c.phone,
        note: c.note,
        restricted: c.restricted,
        household: c.household,
        informed: c.informed.map(date_of).transpose()?,
        begeleider,
        created: c.created.stamp()?,
        changed: c.changed.stamp()?,
    })
}

// ---- visit ---------------------------------------------------------------------------------

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct VisitV1 {
    number: u64,
    client: Option<u64>,
    when: i64,
    volunteer: String,
    channel: u8,
    categories: Vec<String>,
    /// (destination key, note)
    referrals: Vec<(String, String)>,
    note: String,
    recorded: StampV1,
}

#[derive(Serialize, Deserialize)]
enum VisitRecord {
    V1(VisitV1),
}

pub fn encode_visit(v: &Visit) -> Vec<u8> {
    encode(&VisitRecord::V1(VisitV1 {
        number: v.number,
        client: v.client,
        when: seconds(v.when),
        volunteer: v.volunteer.clone(),
        channel: channel_code(v.channel),
        categories: v.categories.clone(),
        referrals: v
            .referrals
            .iter()
            .map(|r| (r.destination.clone(), r.note.clone()))
            .collect(),
        note: v.note.clone(),
        recorded: StampV1::of(&v.recorded),
    }))
}

pub fn decode_visit(bytes: &[u8]) -> Result<Visit, Undecodable> {
    let VisitRecord::V1(v) = decode(bytes)?;
    Ok(Visit {
        number: v.number,
        client: v.client,
        when: moment(v.when)?,
        volunteer: v.volunteer,
        channel: channel_of(v.channel)?,
        categories: v.categories,
        referrals: v
            .referrals
            .into_iter()
            .map(|(destination, note)| Referral { destination, note })
            .collect(),
        note: v.note,
        recorded: v.recorded.stamp()?,
    })
}

// ---- follow-up -----------------------------------------------------------------------------

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
enum FollowUpStateV1 {
    Open,
    Done(StampV1),
    Cancelled(StampV1),
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct FollowUpV1 {
    number: u64,
    client: u64,
    visit: Option<u64>,
    referral: Option<String>,
    due: i32,
    text: String,
    assignee: Option<String>,
    state: FollowUpStateV1,
    created: StampV1,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct LegalDeadlineV1 {
    rule: String,
    letter: i32,
    ends: i32,
}

/// V1 and the legal deadline it guards.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct FollowUpV2 {
    v1: FollowUpV1,
    deadline: Option<LegalDeadlineV1>,
}

#[derive(Serialize, Deserialize)]
enum FollowUpRecord {
    V1(FollowUpV1),
    V2(FollowUpV2),
}

pub fn encode_followup(f: &FollowUp) -> Vec<u8> {
    encode(&FollowUpRecord::V2(FollowUpV2 {
        v1: followup_v1(f),
        deadline: f.deadline.as_ref().map(|d| LegalDeadlineV1 {
            rule: d.rule.clone(),
            letter: day_number(d.letter),
            ends: day_number(d.ends),
        }),
    }))
}

fn followup_v1(f: &FollowUp) -> FollowUpV1 {
    FollowUpV1 {
        number: f.number,
        client: f.client,
        visit: f.visit,
        referral: f.referral.clone(),
        due: day_number(f.due),
        text: f.text.clone(),
        assignee: f.assignee.clone(),
        state: match &f.state {
            FollowUpState::Open => FollowUpStateV1::Open,
            FollowUpState::Done(s) => FollowUpStateV1::Done(StampV1::of(s)),
            FollowUpState::Cancelled(s) => FollowUpStateV1::Cancelled(StampV1::of(s)),
        },
        created: StampV1::of(&f.created),
    }
}

pub fn decode_followup(bytes: &[u8]) -> Result<FollowUp, Undecodable> {
    let (f, deadline) = match decode(bytes)? {
        FollowUpRecord::V1(f) => (f, None),
        FollowUpRecord::V2(f) => (f.v1, f.deadline),
    };
    let deadline = match deadline {
        Some(d) => Some(LegalDeadline {
            rule: d.rule,
            letter: date_of(d.letter)?,
            ends: date_of(d.ends)?,
        }),
        None => None,
    };
    Ok(FollowUp {
        number: f.number,
        client: f.client,
        visit: f.visit,
        referral: f.referral,
        due: date_of(f.due)?,
        text: f.text,
        assignee: f.assignee,
        state: match f.state {
            FollowUpStateV1::Open => FollowUpState::Open,
            FollowUpStateV1::Done(s) => FollowUpState::Done(s.stamp()?),
            FollowUpStateV1::Cancelled(s) => FollowUpState::Cancelled(s.stamp()?),
        },
        created: f.created.stamp()?,
        deadline,
    })
}

// ---- appointment ---------------------------------------------------------------------------

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
enum AppointmentStateV1 {
    Planned,
    /// The visit that kept it.
    Kept(u64),
    Cancelled,
    NoShow,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct AppointmentV1 {
    number: u64,
    client: u64,
    at: i64,
    with: String,
    about: String,
    place: Option<String>,
    state: AppointmentStateV1,
    created: StampV1,
    changed: StampV1,
}

#[derive(Serialize, Deserialize)]
enum AppointmentRecord {
    V1(AppointmentV1),
}

pub fn encode_appointment(a: &Appointment) -> Vec<u8> {
    encode(&AppointmentRecord::V1(AppointmentV1 {
        number: a.number,
        client: a.client,
        at: seconds(a.at),
        with: a.with.clone(),
        about: a.about.clone(),
        place: a.place.clone(),
        state: match a.state {
            AppointmentState::Planned => AppointmentStateV1::Planned,
            AppointmentState::Kept { visit } => AppointmentStateV1::Kept(visit),
            AppointmentState::Cancelled => AppointmentStateV1::Cancelled,
            AppointmentState::NoShow => AppointmentStateV1::NoShow,
        },
        created: StampV1::of(&a.created),
        changed: StampV1::of(&a.changed),
    }))
}

pub fn decode_appointment(bytes: &[u8]) -> Result<Appointment, Undecodable> {
    let AppointmentRecord::V1(a) = decode(bytes)?;
    Ok(Appointment {
        number: a.number,
        client: a.client,
        at: moment(a.at)?,
        with: a.with,
        about: a.about,
        place: a.place,
        state: match a.state {
            AppointmentStateV1::Planned => AppointmentState::Planned,
            AppointmentStateV1::Kept(visit) => AppointmentState::Kept { visit },
            AppointmentStateV1::Cancelled => AppointmentState::Cancelled,
            AppointmentStateV1::NoShow => AppointmentState::NoShow,
        },
        created: a.created.stamp()?,
        changed: a.changed.stamp()?,
    })
}

// ---- audit entry ---------------------------------------------------------------------------

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct AuditV1 {
    stamp: StampV1,
    client: Option<u64>,
    action: u8,
    object: Option<u64>,
}

/// V1 and the clients a lookup showed.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct AuditV2 {
    v1: AuditV1,
    clients: Vec<u64>,
}

#[derive(Serialize, Deserialize)]
enum AuditRecord {
    V1(AuditV1),
    V2(AuditV2),
}

/// Audit actions as fixed numbers; new actions get new numbers.
fn action_code(a: AuditAction) -> u8 {
    match a {
        AuditAction::View => 0,
        AuditAction::Create => 1,
        AuditAction::Change => 2,
        AuditAction::Visit => 3,
        AuditAction::FollowUp => 4,
        AuditAction::Done => 5,
        AuditAction::Cancel => 6,
        AuditAction::Export => 7,
        AuditAction::Forget => 8,
        AuditAction::Purge => 9,
        AuditAction::Restrict => 10,
        AuditAction::Lift => 11,
        AuditAction::Backup => 12,
        AuditAction::VisitChange => 13,
        AuditAction::VisitDelete => 14,
        AuditAction::Appointment => 15,
        AuditAction::AppointmentCancel => 16,
        AuditAction::AppointmentNoShow => 17,
        AuditAction::AppointmentKept => 18,
        AuditAction::Find => 19,
        AuditAction::CloseYear => 20,
    }
}

/// The number is the entry's key in the audit table, not part of its bytes. An entry that
/// lists no clients (every action but a lookup) is still written as V1: its bytes stay those
/// earlier releases wrote and read, so only the find lines are new to an older reader.
pub fn encode_audit(e: &AuditEntry) -> Vec<u8> {
    let v1 = AuditV1 {
        stamp: StampV1::of(&e.stamp),
        client: e.client,
        action: action_code(e.action),
        object: e.object,
    };
    if e.clients.is_empty() {
        encode(&AuditRecord::V1(v1))
    } else {
        encode(&AuditRecord::V2(AuditV2 {
            v1,
            clients: e.clients.clone(),
        }))
    }
}

pub fn decode_audit(number: u64, bytes: &[u8]) -> Result<AuditEntry, Undecodable> {
    let (a, clients) = match decode(bytes)? {
        AuditRecord::V1(a) => (a, Vec::new()),
        AuditRecord::V2(a) => (a.v1, a.clients),
    };
    Ok(AuditEntry {
        number,
        stamp: a.stamp.stamp()?,
        client: a.client,
        action: AuditAction::ALL
            .into_iter()
            .find(|x| action_code(*x) == a.action)
            .ok_or(Undecodable)?,
        object: a.object,
        clients,
    })
}

// ---- closed year ----------------------------------------------------------------------------

#[derive(Serialize, Deserialize)]
struct ClosedYearV1 {
    year: i32,
    closed: StampV1,
    /// The figures as JSON text: the tally's own shape, which only ever gains keys.
    figures: String,
}

#[derive(Serialize, Deserialize)]
enum ClosedYearRecord {
    V1(ClosedYearV1),
}

pub fn encode_closed_year(c: &ClosedYear) -> Vec<u8> {
    encode(&ClosedYearRecord::V1(ClosedYearV1 {
        year: c.year,
        closed: StampV1::of(&c.closed),
        figures: c.figures.clone(),
    }))
}

pub fn decode_closed_year(bytes: &[u8]) -> Result<ClosedYear, Undecodable> {
    let ClosedYearRecord::V1(c) = decode(bytes)?;
    Ok(ClosedYear {
        year: c.year,
        closed: c.closed.stamp()?,
        figures: c.figures,
    })
}

// ---- day index entry -----------------------------------------------------------------------

// A year's tally reads some 200,000 of these, so they have a compact hand-written format
// instead of serde: the version byte 1, then LEB128 varints: client + 1 (0 for anonymous),
// channel code, volunteer code, the number of categories and their codes, the number of
// referrals and their codes. Codes come from the store's dictionary table (key -> code), so
// counting decodes no strings and allocates nothing.

const DAY_ENTRY_V1: u8 = 1;

/// What the day index keeps of a visit, with keys as dictionary codes. Holds no names or
/// notes, so the counts survive when a client is forgotten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayEntryCodes {
    pub client: Option<u64>,
    pub channel: Channel,
    pub volunteer: u32,
    pub categories: Vec<u32>,
    pub referrals: Vec<u32>,
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads one varint at `*at`, moving `at` past it.
fn take_varint(bytes: &[u8], at: &mut usize) -> Result<u64, Undecodable> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at).ok_or(Undecodable)?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(Undecodable)
}

pub fn encode_day_entry(e: &DayEntryCodes) -> Vec<u8> {
    let mut out = vec![DAY_ENTRY_V1];
    put_varint(&mut out, e.client.map_or(0, |c| c + 1));
    put_varint(&mut out, u64::from(channel_code(e.channel)));
    put_varint(&mut out, u64::from(e.volunteer));
    for list in [&e.categories, &e.referrals] {
        put_varint(&mut out, list.len() as u64);
        for &code in list {
            put_varint(&mut out, u64::from(code));
        }
    }
    out
}

/// Codes in a day entry, read as they are iterated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Codes<'a> {
    bytes: &'a [u8],
    left: usize,
}

impl Iterator for Codes<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let mut at = 0;
        // Checked in full by decode_day_entry, so a well-formed varint is here.
        let v = take_varint(self.bytes, &mut at).ok()?;
        self.bytes = &self.bytes[at..];
        u32::try_from(v).ok()
    }
}

/// A day index entry, checked in full but read lazily.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayEntryView<'a> {
    pub client: Option<u64>,
    pub channel: Channel,
    pub volunteer: u32,
    pub categories: Codes<'a>,
    pub referrals: Codes<'a>,
}

pub fn decode_day_entry(bytes: &[u8]) -> Result<DayEntryView<'_>, Undecodable> {
    if bytes.first() != Some(&DAY_ENTRY_V1) {
        return Err(Undecodable);
    }
    let mut at = 1;
    let client = take_varint(bytes, &mut at)?.checked_sub(1);
    let channel = channel_of(u8::try_from(take_varint(bytes, &mut at)?).map_err(|_| Undecodable)?)?;
    let volunteer = u32::try_from(take_varint(bytes, &mut at)?).map_err(|_| Undecodable)?;
    let mut lists = [Codes {
        bytes: &[],
        left: 0,
    }; 2];
    for list in &mut lists {
        let count = usize::try_from(take_varint(bytes, &mut at)?).map_err(|_| Undecodable)?;
        let start = at;
        for _ in 0..count {
            u32::try_from(take_varint(bytes, &mut at)?).map_err(|_| Undecodable)?;
        }
        *list = Codes {
            bytes: &bytes[start..at],
            left: count,
        };
    }
    if at != bytes.len() {
        return Err(Undecodable);
    }
    let [categories, referrals] = lists;
    Ok(DayEntryView {
        client,
        channel,
        volunteer,
        categories,
        referrals,
    })
}

// ---- a day's block of day entries ------------------------------------------------------------
// Every day entry of one day as one value (see `tables::VISIT_DAY_BLOCKS`): a year's tally
// reads some 365 values instead of 200,000. Version byte 1, then for each visit (ascending)
// its number, the entry's length and the entry (`encode_day_entry`), numbers as varints.

const DAY_BLOCK_V1: u8 = 1;

pub fn encode_day_block<'a>(entries: impl IntoIterator<Item = (u64, &'a [u8])>) -> Vec<u8> {
    let mut out = vec![DAY_BLOCK_V1];
    for (visit, entry) in entries {
        put_varint(&mut out, visit);
        put_varint(&mut out, entry.len() as u64);
        out.extend_from_slice(entry);
    }
    out
}

/// The entries of a day's block as (visit, entry bytes for `decode_day_entry`), read as they
/// are iterated; visit numbers ascend. A damaged block yields one `Err` and stops.
pub fn decode_day_block(bytes: &[u8]) -> DayBlock<'_> {
    DayBlock {
        bytes,
        at: 1,
        last: None,
        failed: bytes.first() != Some(&DAY_BLOCK_V1),
    }
}

pub struct DayBlock<'a> {
    bytes: &'a [u8],
    at: usize,
    last: Option<u64>,
    failed: bool,
}

impl<'a> DayBlock<'a> {
    fn take(&mut self) -> Result<(u64, &'a [u8]), Undecodable> {
        let visit = take_varint(self.bytes, &mut self.at)?;
        let length =
            usize::try_from(take_varint(self.bytes, &mut self.at)?).map_err(|_| Undecodable)?;
        let end = self.at.checked_add(length).ok_or(Undecodable)?;
        let entry = self.bytes.get(self.at..end).ok_or(Undecodable)?;
        if self.last.is_some_and(|last| last >= visit) {
            return Err(Undecodable);
        }
        self.at = end;
        self.last = Some(visit);
        Ok((visit, entry))
    }
}

impl<'a> Iterator for DayBlock<'a> {
    type Item = Result<(u64, &'a [u8]), Undecodable>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            self.failed = false;
            self.at = self.bytes.len();
            return Some(Err(Undecodable));
        }
        if self.at >= self.bytes.len() {
            return None;
        }
        let entry = self.take();
        if entry.is_err() {
            self.at = self.bytes.len();
        }
        Some(entry)
    }
}

// ---- a block of the name index ---------------------------------------------------------------
// The clients of one search term whose numbers lie in one span of `TERM_BLOCK` numbers (see
// `tables::NAME_TERM_BLOCKS`): version byte 1, then each client's place in the span (its
// number less the span's first) as two bytes, little-endian, ascending. A common name's
// 15,000 clients are then 30 KB in some 25 values rather than 15,000 entries of their own.

/// How many client numbers one block of a term spans.
pub const TERM_BLOCK: u64 = 4096;

const TERM_BLOCK_V1: u8 = 1;

/// A block of these places (ascending, each below `TERM_BLOCK`).
pub fn encode_term_block(places: &[u16]) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 + 2 * places.len());
    out.push(TERM_BLOCK_V1);
    for place in places {
        out.extend_from_slice(&place.to_le_bytes());
    }
    out
}

/// The places of a block, checked as a whole first: version, whole pairs, at least one,
/// ascending, inside the span.
pub fn decode_term_block(bytes: &[u8]) -> Result<impl Iterator<Item = u16> + '_, Undecodable> {
    let Some((&TERM_BLOCK_V1, pairs)) = bytes.split_first() else {
        return Err(Undecodable);
    };
    if pairs.is_empty() || pairs.len() % 2 != 0 {
        return Err(Undecodable);
    }
    let places = pairs
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
    let mut last = None;
    for place in places.clone() {
        if u64::from(place) >= TERM_BLOCK || last.is_some_and(|last| last >= place) {
            return Err(Undecodable);
        }
        last = Some(place);
    }
    Ok(places)
}

// ---- client profile ------------------------------------------------------------------------
// The who-came index entry, hand-laid like the day entry so a year's tally reads 100,000 of
// them fast: version, gender, birth kind, birth (day number or year, i32 LE), country (two
// ASCII capitals or two zero bytes), interpreter, then the first language's length and bytes.

const PROFILE_V1: u8 = 1;

pub fn encode_profile(p: &Profile<'_>) -> Vec<u8> {
    let mut out = vec![PROFILE_V1];
    out.push(match p.gender {
        Gender::Female => 0,
        Gender::Male => 1,
        Gender::X => 2,
        Gender::Unknown => 3,
    });
    let (kind, value) = match p.birth {
        Birth::Unknown => (0u8, 0i32),
        Birth::Year(y) => (1, y),
        Birth::Date(d) => (2, day_number(d)),
    };
    out.push(kind);
    out.extend_from_slice(&value.to_le_bytes());
    match p.country {
        Some(c) if c.len() == 2 => out.extend_from_slice(c.as_bytes()),
        _ => out.extend_from_slice(&[0, 0]),
    }
    out.push(u8::from(p.interpreter));
    // Language codes are 2 or 3 letters (fields::languages); anything longer is not kept.
    match p.language {
        Some(l) if l.len() <= 8 => {
            out.push(l.len() as u8);
            out.extend_from_slice(l.as_bytes());
        }
        _ => out.push(0),
    }
    out
}

/// Reads a profile entry; every byte is held to what it can be.
pub fn decode_profile(bytes: &[u8]) -> Result<Profile<'_>, Undecodable> {
    let head: &[u8; 11] = bytes
        .get(..11)
        .and_then(|h| h.try_into().ok())
        .ok_or(Undecodable)?;
    if head[0] != PROFILE_V1 {
        return Err(Undecodable);
    }
    let gender = match head[1] {
        0 => Gender::Female,
        1 => Gender::Male,
        2 => Gender::X,
        3 => Gender::Unknown,
        _ => return Err(Undecodable),
    };
    let value = i32::from_le_bytes([head[3], head[4], head[5], head[6]]);
    let birth = match head[2] {
        0 if value == 0 => Birth::Unknown,
        1 if (1800..=2200).contains(&value) => Birth::Year(value),
        2 => Birth::Date(date_of(value)?),
        _ => return Err(Undecodable),
    };
    let country = match [head[7], head[8]] {
        [0, 0] => None,
        [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => {
            Some(std::str::from_utf8(&bytes[7..9]).map_err(|_| Undecodable)?)
        }
        _ => return Err(Undecodable),
    };
    let interpreter = match head[9] {
        0 => false,
        1 => true,
        _ => return Err(Undecodable),
    };
    let length = usize::from(head[10]);
    let rest = &bytes[11..];
    if rest.len() != length || length > 8 {
        return Err(Undecodable);
    }
    let language = match length {
        0 => None,
        _ => Some(std::str::from_utf8(rest).map_err(|_| Undecodable)?),
    };
    Ok(Profile {
        gender,
        birth,
        country,
        language,
        interpreter,
    })
}

/// Clients per profile block: the profiles of clients `64·b` to `64·b + 63` are one value,
/// so a year's tally reads some 1,600 values instead of 100,000.
pub const PROFILE_BLOCK: u64 = 64;

const PROFILE_BLOCK_V1: u8 = 1;

/// A block of profiles: version, then for each client (ascending) its place in the block,
/// the profile's length and the profile (`encode_profile`).
pub fn encode_profile_block(entries: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut out = vec![PROFILE_BLOCK_V1];
    for (place, profile) in entries {
        out.push(*place);
        out.push(profile.len() as u8);
        out.extend_from_slice(profile);
    }
    out
}

/// The entries of a block as (place, profile), each profile checked; places ascend and lie
/// inside the block.
pub fn decode_profile_block(bytes: &[u8]) -> Result<Vec<(u8, Profile<'_>)>, Undecodable> {
    split_profile_block(bytes)?
        .into_iter()
        .map(|(place, profile)| Ok((place, decode_profile(profile)?)))
        .collect()
}

/// The entries of a block as (place, profile bytes for `decode_profile`), so a reader that
/// wants a few clients of a block decodes only theirs; places ascend and lie inside the block.
pub fn split_profile_block(bytes: &[u8]) -> Result<Vec<(u8, &[u8])>, Undecodable> {
    if bytes.first() != Some(&PROFILE_BLOCK_V1) {
        return Err(Undecodable);
    }
    let mut entries: Vec<(u8, &[u8])> = Vec::with_capacity(PROFILE_BLOCK as usize);
    let mut at = 1;
    while at < bytes.len() {
        let place = bytes[at];
        let length = usize::from(*bytes.get(at + 1).ok_or(Undecodable)?);
        let profile = bytes.get(at + 2..at + 2 + length).ok_or(Undecodable)?;
        let ascending = entries.last().is_none_or(|(last, _)| *last < place);
        if u64::from(place) >= PROFILE_BLOCK || !ascending {
            return Err(Undecodable);
        }
        entries.push((place, profile));
        at += 2 + length;
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn stamp() -> Stamp {
        Stamp {
            who: "marieke".into(),
            at: at(2026, 11, 27, 14, 30),
        }
    }

    fn client() -> Client {
        Client {
            number: 1042,
            name: "Mohammed Al-Hassan".into(),
            aliases: vec!["Muhammad Alhassan".into()],
            birth: Birth::Date(NaiveDate::from_ymd_opt(1986, 3, 2).unwrap()),
            gender: Gender::Unknown,
            country: Some("SY".into()),
            languages: vec!["ar".into(), "en".into()],
            interpreter: true,
            phone: Some("06 1234 5678".into()),
            note: "komt met buurvrouw".into(),
            restricted: false,
            household: Some(7),
            informed: Some(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()),
            begeleider: None,
            created: stamp(),
            changed: stamp(),
        }
    }

    fn client_v2() -> Client {
        Client {
            begeleider: Some("joost".into()),
            ..client()
        }
    }

    fn client_v3() -> Client {
        Client {
            gender: Gender::Female,
            ..client_v2()
        }
    }

    fn visit() -> Visit {
        Visit {
            number: 3001,
            client: Some(1042),
            when: at(2026, 11, 27, 14, 30),
            volunteer: "marieke".into(),
            channel: Channel::Spreekuur,
            categories: vec!["toeslagen".into(), "post".into()],
            referrals: vec![Referral {
                destination: "kwadraad".into(),
                note: "budget".into(),
            }],
            note: "brief Belastingdienst".into(),
            recorded: stamp(),
        }
    }

    fn followup() -> FollowUp {
        FollowUp {
            number: 12,
            client: 1042,
            visit: Some(3001),
            referral: Some("kwadraad".into()),
            due: NaiveDate::from_ymd_opt(2026, 12, 11).unwrap(),
            text: "navragen bij Kwadraad".into(),
            assignee: Some("marieke".into()),
            state: FollowUpState::Done(stamp()),
            created: stamp(),
            deadline: None,
        }
    }

    fn followup_v2() -> FollowUp {
        FollowUp {
            deadline: Some(LegalDeadline {
                rule: "bezwaar".into(),
                letter: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
                ends: NaiveDate::from_ymd_opt(2027, 1, 11).unwrap(),
            }),
            ..followup()
        }
    }

    fn day_entry() -> DayEntryCodes {
        DayEntryCodes {
            client: Some(1042),
            channel: Channel::Telefoon,
            volunteer: 300,
            categories: vec![1, 2, 200],
            referrals: vec![5],
        }
    }

    fn appointment() -> Appointment {
        Appointment {
            number: 5,
            client: 1042,
            at: at(2026, 12, 4, 10, 30),
            with: "marieke".into(),
            about: "brief DUO".into(),
            place: Some("spreekkamer 2".into()),
            state: AppointmentState::Kept { visit: 3001 },
            created: stamp(),
            changed: Stamp {
                who: "jan".into(),
                at: at(2026, 12, 4, 10, 40),
            },
        }
    }

    fn audit() -> AuditEntry {
        AuditEntry {
            number: 7,
            stamp: stamp(),
            client: Some(1042),
            action: AuditAction::Export,
            object: None,
            clients: Vec::new(),
        }
    }

    fn audit_find() -> AuditEntry {
        AuditEntry {
            number: 8,
            stamp: stamp(),
            client: None,
            action: AuditAction::Find,
            object: None,
            clients: vec![1042, 7, 300],
        }
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    // Bytes written by the first release. Never change these strings: if this test fails,
    // the change broke every store in use. Add a new version instead.
    const CLIENT_V1: &str = "00fb1204124d6f68616d6d656420416c2d48617373616e01114d7568616d6d616420416c68617373616e02fb202e010253590202617202656e01010c303620313233342035363738126b6f6d74206d6574206275757276726f757700010701fb60a2076d617269656b65fcd02713d6076d617269656b65fcd02713d6";
    const VISIT_V1: &str = "00fbb90b01fb1204fcd02713d6076d617269656b65000209746f65736c6167656e04706f737401086b77616472616164066275646765741562726965662042656c617374696e676469656e7374076d617269656b65fcd02713d6";
    const FOLLOWUP_V1: &str = "000cfb120401fbb90b01086b77616472616164fb7ca2156e6176726167656e2062696a204b7761647261616401076d617269656b6501076d617269656b65fcd02713d6076d617269656b65fcd02713d6";
    const DAY_ENTRY_GOLDEN: &str = "01930802ac02030102c8010105";
    const AUDIT_V1: &str = "00076d617269656b65fcd02713d601fb12040700";
    // Added with the begeleider and the legal deadline (issue 9); never change these either.
    const CLIENT_V2: &str = "01fb1204124d6f68616d6d656420416c2d48617373616e01114d7568616d6d616420416c68617373616e02fb202e010253590202617202656e01010c303620313233342035363738126b6f6d74206d6574206275757276726f757700010701fb60a2076d617269656b65fcd02713d6076d617269656b65fcd02713d601056a6f6f7374";
    const FOLLOWUP_V2: &str = "010cfb120401fbb90b01086b77616472616164fb7ca2156e6176726167656e2062696a204b7761647261616401076d617269656b6501076d617269656b65fcd02713d6076d617269656b65fcd02713d6010762657a77616172fb62a2fbbaa2";
    const APPOINTMENT_V1: &str = "0005fb1204fc502c25d6076d617269656b650962726965662044554f010d73707265656b6b616d6572203201fbb90b076d617269656b65fcd02713d6036a616efc003125d6";
    // Added with the find line (the lookup's shown clients); never change this either.
    const AUDIT_V2: &str = "01076d617269656b65fcd02713d600130003fb120407fb2c01";
    // Added with the closed year (issue 11); never change this either.
    // Added with the gender (issue 11); never change this either.
    const CLIENT_V3: &str = "02fb1204124d6f68616d6d656420416c2d48617373616e01114d7568616d6d616420416c68617373616e02fb202e010253590202617202656e01010c303620313233342035363738126b6f6d74206d6574206275757276726f757700010701fb60a2076d617269656b65fcd02713d6076d617269656b65fcd02713d601056a6f6f737400";
    const PROFILE_GOLDEN: &str = "01000210170000535901026172";
    const PROFILE_BLOCK_GOLDEN: &str =
        "01020d01030210170000535901026172120d01000210170000535901026172";
    // Added with the day blocks (issue 11's speed); never change this either.
    const TERM_BLOCK_GOLDEN: &str = "010200e90fff0f";
    const DAY_BLOCK_GOLDEN: &str =
        "01ea070d01930802ac02030102c8010105f2070d01930802ac02030102c8010105";
    const CLOSED_YEAR_V1: &str = "00fbd20f076d617269656b65fcd02713d60c7b22766973697473223a337d";

    fn closed_year() -> ClosedYear {
        ClosedYear {
            year: 2025,
            closed: stamp(),
            figures: r#"{"visits":3}"#.into(),
        }
    }

    #[test]
    fn golden_bytes_decode_forever() {
        for (name, golden, now) in [
            ("client", CLIENT_V3, hex(&encode_client(&client_v3()))),
            ("visit", VISIT_V1, hex(&encode_visit(&visit()))),
            (
                "followup",
                FOLLOWUP_V2,
                hex(&encode_followup(&followup_v2())),
            ),
            ("audit", AUDIT_V1, hex(&encode_audit(&audit()))),
            ("audit find", AUDIT_V2, hex(&encode_audit(&audit_find()))),
            (
                "appointment",
                APPOINTMENT_V1,
                hex(&encode_appointment(&appointment())),
            ),
            (
                "closed year",
                CLOSED_YEAR_V1,
                hex(&encode_closed_year(&closed_year())),
            ),
            (
                "day entry",
                DAY_ENTRY_GOLDEN,
                hex(&encode_day_entry(&day_entry())),
            ),
            (
                "day block",
                DAY_BLOCK_GOLDEN,
                hex(&encode_day_block([
                    (1002, encode_day_entry(&day_entry()).as_slice()),
                    (1010, encode_day_entry(&day_entry()).as_slice()),
                ])),
            ),
            (
                "term block",
                TERM_BLOCK_GOLDEN,
                hex(&encode_term_block(&[2, 4073, 4095])),
            ),
            (
                "profile",
                PROFILE_GOLDEN,
                hex(&encode_profile(&Profile::of(&client_v3()))),
            ),
            (
                "profile block",
                PROFILE_BLOCK_GOLDEN,
                hex(&encode_profile_block(&[
                    (2, encode_profile(&Profile::of(&client()))),
                    (18, encode_profile(&Profile::of(&client_v3()))),
                ])),
            ),
        ] {
            assert_eq!(
                golden, now,
                "{name}: today's bytes differ from the golden bytes"
            );
        }
        assert_eq!(decode_client(&unhex(CLIENT_V1)).unwrap(), client());
        assert_eq!(decode_client(&unhex(CLIENT_V2)).unwrap(), client_v2());
        assert_eq!(decode_client(&unhex(CLIENT_V3)).unwrap(), client_v3());
        assert_eq!(decode_followup(&unhex(FOLLOWUP_V2)).unwrap(), followup_v2());
        assert_eq!(decode_visit(&unhex(VISIT_V1)).unwrap(), visit());
        assert_eq!(decode_followup(&unhex(FOLLOWUP_V1)).unwrap(), followup());
        assert_eq!(decode_audit(7, &unhex(AUDIT_V1)).unwrap(), audit());
        assert_eq!(decode_audit(8, &unhex(AUDIT_V2)).unwrap(), audit_find());
        assert_eq!(
            decode_appointment(&unhex(APPOINTMENT_V1)).unwrap(),
            appointment()
        );
        assert_eq!(
            decode_closed_year(&unhex(CLOSED_YEAR_V1)).unwrap(),
            closed_year()
        );
        let profile = unhex(PROFILE_GOLDEN);
        let third = client_v3();
        assert_eq!(decode_profile(&profile).unwrap(), Profile::of(&third));
        let block = unhex(TERM_BLOCK_GOLDEN);
        let places: Vec<u16> = decode_term_block(&block).unwrap().collect();
        assert_eq!(places, [2, 4073, 4095]);
        let block = unhex(PROFILE_BLOCK_GOLDEN);
        let entries = decode_profile_block(&block).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!((entries[1].0, entries[1].1), (18, Profile::of(&third)));
        let bytes = unhex(DAY_ENTRY_GOLDEN);
        let view = decode_day_entry(&bytes).unwrap();
        let entry = day_entry();
        assert_eq!(view.client, entry.client);
        assert_eq!(view.channel, entry.channel);
        assert_eq!(view.volunteer, entry.volunteer);
        assert_eq!(view.categories.collect::<Vec<_>>(), entry.categories);
        assert_eq!(view.referrals.collect::<Vec<_>>(), entry.referrals);
        let block = unhex(DAY_BLOCK_GOLDEN);
        let read: Vec<_> = decode_day_block(&block)
            .map(|e| e.and_then(|(visit, entry)| Ok((visit, decode_day_entry(entry)?.client))))
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(read, [(1002, Some(1042)), (1010, Some(1042))]);
    }

    #[test]
    fn garbage_is_refused_not_misread() {
        let good = encode_client(&client());
        assert!(decode_client(&good[..good.len() - 3]).is_err());
        let mut extra = good.clone();
        extra.push(0);
        assert!(decode_client(&extra).is_err());
        assert!(decode_client(&[9, 1, 2, 3]).is_err());
        assert!(decode_visit(&[]).is_err());
        let third = client_v3();
        let profile = encode_profile(&Profile::of(&third));
        for cut in 0..profile.len() {
            assert!(decode_profile(&profile[..cut]).is_err(), "cut at {cut}");
        }
        for (at, byte) in [(0, 2), (1, 4), (2, 3), (7, b'a'), (9, 2), (10, 9)] {
            let mut bad = profile.clone();
            bad[at] = byte;
            assert!(decode_profile(&bad).is_err(), "byte {at} = {byte}");
        }
        let block = encode_profile_block(&[(3, profile.clone()), (5, profile.clone())]);
        let first_ends = 3 + profile.len();
        for cut in (2..block.len()).filter(|c| *c != first_ends) {
            assert!(
                decode_profile_block(&block[..cut]).is_err(),
                "block cut at {cut}"
            );
        }
        let backwards = encode_profile_block(&[(5, profile.clone()), (3, profile.clone())]);
        assert!(decode_profile_block(&backwards).is_err());
        let outside = encode_profile_block(&[(64, profile.clone())]);
        assert!(decode_profile_block(&outside).is_err());
        let entry = encode_day_entry(&day_entry());
        for cut in 0..entry.len() {
            assert!(decode_day_entry(&entry[..cut]).is_err(), "cut at {cut}");
        }
        assert!(
            decode_day_entry(&[1, 0, 9, 0, 0, 0]).is_err(),
            "unknown channel"
        );
        assert!(
            decode_day_entry(&[
                1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff
            ])
            .is_err()
        );
        let day = encode_day_block([(7, entry.as_slice()), (9, entry.as_slice())]);
        let first_ends = 3 + entry.len();
        let whole = |bytes: &[u8]| -> Result<usize, Undecodable> {
            let mut n = 0;
            for entry in decode_day_block(bytes) {
                decode_day_entry(entry?.1)?;
                n += 1;
            }
            Ok(n)
        };
        for cut in (2..day.len()).filter(|c| *c != first_ends) {
            assert!(whole(&day[..cut]).is_err(), "day block cut at {cut}");
        }
        let backwards = encode_day_block([(9, entry.as_slice()), (7, entry.as_slice())]);
        assert!(whole(&backwards).is_err());
        assert!(whole(&[2]).is_err(), "an unknown block version");
        assert!(whole(&[1]).is_ok_and(|n| n == 0), "an empty block");
        let term = encode_term_block(&[3, 9]);
        assert!(decode_term_block(&term).is_ok());
        // A cut after a whole pair is a shorter block.
        for cut in [0, 1, 2, 4] {
            assert!(
                decode_term_block(&term[..cut]).is_err(),
                "term block cut at {cut}"
            );
        }
        for refused in [
            encode_term_block(&[9, 3]),
            encode_term_block(&[3, 3]),
            encode_term_block(&[4096]),
            vec![2, 3, 0],
        ] {
            assert!(decode_term_block(&refused).is_err(), "{refused:?}");
        }
    }
}
