//! What a value read from an index or a counter can be. redb does not verify its page
//! checksums on an ordinary read, so a damaged page can hand out a number that was never
//! written; each read that counts or follows an index holds its values to these bounds and
//! refuses the command as a damaged store instead of printing a wrong figure.

use super::codec::day_of_key;
use super::tables::ReadTables;
use super::{StoreError, counts::Dictionary};
use chrono::{Datelike, NaiveDate};

/// The years a date typed anywhere can have (`dates::parse_date`, `dates::parse_year`), so
/// a stored day outside them was never written.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// The counters of one read transaction: every number handed out is below its counter.
pub(super) struct Bounds {
    next_client: u64,
    next_visit: u64,
    next_followup: u64,
    next_household: u64,
    next_appointment: u64,
}

impl Bounds {
    pub(super) fn of(t: &ReadTables) -> Result<Bounds, StoreError> {
        let counter = |name: &str| -> Result<Option<u64>, StoreError> {
            Ok(t.meta.get(name)?.map(|v| v.value()))
        };
        let required = |name: &str| {
            counter(name)?.ok_or_else(|| StoreError::damaged(format!("counter {name} is missing")))
        };
        Ok(Bounds {
            next_client: required("next_client")?,
            next_visit: required("next_visit")?,
            next_followup: required("next_followup")?,
            next_household: required("next_household")?,
            // Absent until the first appointment is planned.
            next_appointment: counter("next_appointment")?.unwrap_or(1),
        })
    }

    pub(super) fn client(&self, n: u64) -> Result<u64, StoreError> {
        below(n, self.next_client, "client")
    }

    pub(super) fn visit(&self, n: u64) -> Result<u64, StoreError> {
        below(n, self.next_visit, "visit")
    }

    pub(super) fn followup(&self, n: u64) -> Result<u64, StoreError> {
        below(n, self.next_followup, "follow-up")
    }

    pub(super) fn household(&self, n: u64) -> Result<u64, StoreError> {
        below(n, self.next_household, "household")
    }

    pub(super) fn appointment(&self, n: u64) -> Result<u64, StoreError> {
        below(n, self.next_appointment, "appointment")
    }

    /// How many follow-ups were ever made: no day has more events of one kind.
    pub(super) fn followups_made(&self) -> u64 {
        self.next_followup.saturating_sub(1)
    }
}

fn below(n: u64, next: u64, what: &str) -> Result<u64, StoreError> {
    if (1..next).contains(&n) {
        Ok(n)
    } else {
        Err(StoreError::damaged(format!(
            "an index names {what} {n}, a number never given out"
        )))
    }
}

/// The date of a stored day key, which must be one a volunteer could have typed.
pub(super) fn day(key: i32) -> Result<NaiveDate, StoreError> {
    day_of_key(key)
        .filter(|d| YEARS.contains(&d.year()))
        .ok_or_else(|| StoreError::damaged(format!("an index holds day {key}, not a real date")))
}

/// The date of a day key read from a range `from..=to`, which must lie in it.
pub(super) fn day_within(
    key: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<NaiveDate, StoreError> {
    let date = day(key)?;
    if (from..=to).contains(&date) {
        Ok(date)
    } else {
        Err(StoreError::damaged(format!(
            "an index read for {from} to {to} gave {date}"
        )))
    }
}

/// The dictionary of one read transaction, every code below its counter and of a known kind.
pub(super) fn dictionary(t: &ReadTables) -> Result<Dictionary, StoreError> {
    // Codes are handed out one by one and never taken back, so none is above their number;
    // this also keeps a damaged code from sizing the table to billions of entries.
    let codes = t.dictionary_keys.len()?;
    let mut dict = Dictionary::default();
    for entry in t.dictionary_keys.iter()? {
        let (code, text) = entry?;
        let (code, text) = (code.value(), text.value());
        let bad = || StoreError::damaged(format!("dictionary entry {code}"));
        if code == 0 || u64::from(code) > codes {
            return Err(bad());
        }
        let (kind, key) = text.split_once(':').ok_or_else(bad)?;
        let kind = match kind {
            "c" => 'c',
            "r" => 'r',
            "v" => 'v',
            _ => return Err(bad()),
        };
        // Category and referral keys hold only a-z, 0-9 and _ (`config::check_key`);
        // a volunteer is any login name.
        let plain = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
        if key.is_empty() || (kind != 'v' && !key.chars().all(plain)) {
            return Err(bad());
        }
        dict.set(code, kind, key);
    }
    Ok(dict)
}
