//! The audit log: append-only, numbers and actions only. Changes are logged in the same
//! transaction as the change itself, so a change is never stored without its log line; views
//! and exports are logged by the caller through `Store::audit`, lookups through
//! `Store::audit_find`.

use super::codec::{decode_audit, encode_audit};
use super::tables::WriteTables;
use super::{Store, StoreError};
use crate::model::{AuditAction, AuditEntry, Stamp};
use chrono::NaiveDate;

/// Which lines of the log to list; every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub client: Option<u64>,
    pub volunteer: Option<String>,
    /// First day, inclusive.
    pub from: Option<NaiveDate>,
    /// Last day, inclusive.
    pub to: Option<NaiveDate>,
    pub action: Option<AuditAction>,
}

impl AuditFilter {
    fn admits(&self, e: &AuditEntry) -> bool {
        let day = e.stamp.at.date();
        self.client.is_none_or(|c| e.client == Some(c))
            && self.volunteer.as_deref().is_none_or(|v| e.stamp.who == v)
            && self.from.is_none_or(|f| day >= f)
            && self.to.is_none_or(|t| day <= t)
            && self.action.is_none_or(|a| e.action == a)
    }
}

/// Appends one line to the log inside the caller's transaction.
pub(super) fn append(
    t: &mut WriteTables,
    stamp: &Stamp,
    client: Option<u64>,
    action: AuditAction,
    object: Option<u64>,
) -> Result<u64, StoreError> {
    append_listing(t, stamp, client, action, object, Vec::new())
}

/// `append` with the clients a lookup showed.
pub(super) fn append_listing(
    t: &mut WriteTables,
    stamp: &Stamp,
    client: Option<u64>,
    action: AuditAction,
    object: Option<u64>,
    clients: Vec<u64>,
) -> Result<u64, StoreError> {
    // A store written before the audit log existed has no counter yet: it starts at 1.
    let number = t.meta.get("next_audit")?.map_or(1, |v| v.value());
    t.meta.insert("next_audit", number + 1)?;
    let entry = AuditEntry {
        number,
        stamp: stamp.clone(),
        client,
        action,
        object,
        clients,
    };
    t.audit.insert(number, encode_audit(&entry).as_slice())?;
    Ok(number)
}

impl Store {
    /// Logs that `stamp.who` looked at, exported or otherwise handled a client (or, with no
    /// client, the whole store). The desk calls this with `AuditAction::View` when it opens a
    /// client's card.
    pub fn audit(
        &self,
        stamp: &Stamp,
        client: Option<u64>,
        action: AuditAction,
    ) -> Result<(), StoreError> {
        self.write(|t| append(t, stamp, client, action, None).map(|_| ()))
    }

    /// Logs that a lookup (`find`, the desk's result list) showed `stamp.who` these clients,
    /// in the order shown. The query is not passed: it is a name and must not be kept. With
    /// the store opened for a lookup, the line is kept beside it until the next command that
    /// writes moves it into the log (`lookups.rs`).
    pub fn audit_find(&self, stamp: &Stamp, clients: &[u64]) -> Result<(), StoreError> {
        if self.database().reading() {
            return self.keep_lookup(stamp, clients);
        }
        self.write(|t| {
            append_listing(t, stamp, None, AuditAction::Find, None, clients.to_vec()).map(|_| ())
        })
    }

    /// The lines of the log that pass `filter`, oldest first. (Lookups kept beside the store
    /// join the log when it is next opened to write, so a line's number is not its place in
    /// time.)
    pub fn audit_log(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>, StoreError> {
        self.read(|t| {
            let Some(audit) = &t.audit else {
                return Ok(Vec::new());
            };
            let mut out = Vec::new();
            for entry in audit.iter()? {
                let (number, bytes) = entry?;
                let number = number.value();
                let e = decode_audit(number, bytes.value())
                    .map_err(|_| StoreError::damaged(format!("audit entry {number}")))?;
                if filter.admits(&e) {
                    out.push(e);
                }
            }
            out.sort_by_key(|e| e.stamp.at);
            Ok(out)
        })
    }
}
