//! Closed years: the annual report's figures stored as they were sent, and which contacts of
//! a closed year changed after it was closed (a late entry, a correction, a deletion). The
//! figures are counts only, so they outlive every forget and purge.

use super::audit::append;
use super::codec::{decode_closed_year, encode_closed_year};
use super::tables::SealedDef;
use super::tables::WriteTables;
use super::{Store, StoreError};
use crate::model::{AuditAction, ClosedYear, Visit};
use chrono::Datelike;

/// year -> closed-year envelope.
pub const CLOSED_YEARS: SealedDef<i32, &[u8]> = SealedDef::new("closed_years");
/// (year, visit): a contact of a closed year that was added, changed or deleted after closing.
pub const CLOSED_CHANGES: SealedDef<(i32, u64), ()> = SealedDef::new("closed_changes");

/// A closed year with how many of its contacts changed after closing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    pub year: ClosedYear,
    pub changed_after: u64,
}

/// Notes, inside the caller's transaction, that `visit` (as it was or as it is now) touched
/// a closed year.
pub(super) fn note_change(t: &mut WriteTables, visit: &Visit) -> Result<(), StoreError> {
    let year = visit.when.year();
    if t.closed_years.get(year)?.is_some() {
        t.closed_changes.insert((year, visit.number), ())?;
    }
    Ok(())
}

impl Store {
    /// Stores `year`'s figures as closed (replacing an earlier closing of that year, whose
    /// changes then no longer count), with an audit line naming the year.
    pub fn close_year(&self, closed: &ClosedYear) -> Result<(), StoreError> {
        self.write(|t| {
            t.closed_years
                .insert(closed.year, encode_closed_year(closed).as_slice())?;
            let changed: Vec<(i32, u64)> = t
                .closed_changes
                .range((closed.year, 0)..=(closed.year, u64::MAX))?
                .map(|e| e.map(|(k, _)| k.value()))
                .collect::<Result<_, _>>()?;
            for key in changed {
                t.closed_changes.remove(key)?;
            }
            append(
                t,
                &closed.closed,
                None,
                AuditAction::CloseYear,
                Some(closed.year as u64),
            )?;
            Ok(())
        })
    }

    /// `year`'s closed figures, if it was closed.
    pub fn closed_year(&self, year: i32) -> Result<Option<Closed>, StoreError> {
        let txn = self.begin_read()?;
        let years = match CLOSED_YEARS.open_read(&txn) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let Some(bytes) = years.get(year)? else {
            return Ok(None);
        };
        let closed = decode_closed_year(bytes.value())
            .map_err(|_| StoreError::damaged(format!("the closed figures of {year}")))?;
        let changed_after = match CLOSED_CHANGES.open_read(&txn) {
            Ok(t) => t
                .range((year, 0)..=(year, u64::MAX))?
                .try_fold(0, |n, e| e.map(|_| n + 1))?,
            Err(redb::TableError::TableDoesNotExist(_)) => 0,
            Err(e) => return Err(e.into()),
        };
        Ok(Some(Closed {
            year: closed,
            changed_after,
        }))
    }
}
