use crate::model::{AppointmentState, InputError};
use std::path::PathBuf;
use thiserror::Error;

/// What can go wrong with the store, said for the volunteer.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "{path} is not a spreekuur store, or it is damaged beyond reading; check the --db path (or $SPREEKUUR_DB), or restore the store from a backup"
    )]
    NotAStore { path: PathBuf },
    #[error(
        "{path} was written by a newer spreekuur (store version {found}; this program knows up to {known}); update spreekuur before using this store"
    )]
    TooNew {
        path: PathBuf,
        found: u64,
        known: u64,
    },
    #[error("cannot open the store {path}: {reason}")]
    Open { path: PathBuf, reason: String },
    #[error(
        "the store holds a record that cannot be read ({what}); nothing was changed. Run `spreekuur check` and restore from a backup if needed"
    )]
    Damaged {
        what: String,
        /// Which table and key, in our words: for `check` (whose report goes to whoever
        /// maintains spreekuur) and `--verbose`.
        place: Option<String>,
        /// redb's own words, for `--verbose` only: a volunteer cannot act on them.
        detail: Option<String>,
    },
    #[error("the store could not be read or written: {0}. Nothing was saved; try again")]
    Failed(String),
    /// A store opened for a lookup was asked to change; `open_for_lookup` then opens it to
    /// write, so a volunteer never meets this.
    #[error(
        "the store was opened for reading only and cannot be changed by this command; nothing was saved, try again"
    )]
    ReadingOnly,
    #[error(
        "the erasure is saved, but the store file could not be rewritten after it ({0}), so erased text still lies in the file's free space; free disk space if the disk is full, then run `spreekuur check --repair` to finish the erasure"
    )]
    ErasureUnfinished(String),
    #[error(
        "{target} is there already and is not a backup spreekuur wrote (it may be a store in use, or another file), so it is left as it is: give another path for the backup, or move that file away first"
    )]
    BackupWouldReplace { target: PathBuf },
    #[error("{target} is the store itself: give another path for the backup")]
    BackupIsStore { target: PathBuf },
    #[error(
        "the backup could not be written to {target} ({reason}); the store itself is unchanged: check that the folder exists, may be written and has room, then run the backup again"
    )]
    BackupNotWritten { target: PathBuf, reason: String },
    #[error("there is no client {0}; look the number up with `spreekuur find`")]
    NoSuchClient(u64),
    #[error("there is no visit {0}")]
    NoSuchVisit(u64),
    #[error("there is no follow-up {0}; see the open ones with `spreekuur followups`")]
    NoSuchFollowUp(u64),
    #[error("follow-up {number} is already {state}")]
    FollowUpClosed { number: u64, state: &'static str },
    #[error("client {0} cannot join its own household")]
    OwnHousehold(u64),
    #[error(
        "there is no appointment {0}; see the appointments with `spreekuur afspraak list --week`"
    )]
    NoSuchAppointment(u64),
    #[error(
        "appointment {number} is already {}; only a planned appointment can be cancelled, marked no-show or kept",
        ended(.state)
    )]
    AppointmentEnded {
        number: u64,
        state: AppointmentState,
    },
    #[error(
        "appointment {number} is client {owner}'s, not {}; check the number with `spreekuur afspraak list`",
        whose(.client)
    )]
    AppointmentOfOther {
        number: u64,
        owner: u64,
        /// The visit's client (none for an anonymous visit).
        client: Option<u64>,
    },
    #[error(
        "appointment {number} is on {at}, still to come; mark it no-show after that moment, or cancel it"
    )]
    AppointmentToCome { number: u64, at: String },
    #[error(transparent)]
    Input(#[from] InputError),
}

fn whose(client: &Option<u64>) -> String {
    match client {
        Some(c) => format!("client {c}'s"),
        None => "an anonymous visit's".into(),
    }
}

/// What became of an appointment that is no longer planned, said for the refusal.
fn ended(state: &AppointmentState) -> String {
    match state {
        AppointmentState::Planned => "planned".into(),
        AppointmentState::Kept { visit } => format!("kept (visit {visit})"),
        AppointmentState::Cancelled => "cancelled".into(),
        AppointmentState::NoShow => "marked no-show".into(),
    }
}

impl StoreError {
    /// What went wrong, without the advice of the whole message (which may not fit when it
    /// is part of another one).
    pub(crate) fn reason(self) -> String {
        match self {
            StoreError::Failed(reason) | StoreError::ErasureUnfinished(reason) => reason,
            other => other.to_string(),
        }
    }

    pub(crate) fn damaged(what: impl Into<String>) -> StoreError {
        StoreError::Damaged {
            what: what.into(),
            place: None,
            detail: None,
        }
    }
}

macro_rules! failed_from {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                match redb::Error::from(e) {
                    redb::Error::Corrupted(detail) => StoreError::Damaged {
                        what: "a page of the file".into(),
                        place: None,
                        detail: Some(detail),
                    },
                    // redb reads only pages that its own tree points to, within the file it
                    // sized: one that lies past the end is a damaged pointer, not a disk
                    // that failed for a moment.
                    redb::Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                        StoreError::Damaged {
                            what: "a page of the file, which points past its end".into(),
                            place: None,
                            detail: Some(e.to_string()),
                        }
                    }
                    // Our tables are opened with the types they were made with, so another
                    // shape can only come from a damaged (or foreign) file.
                    e @ (redb::Error::TableTypeMismatch { .. }
                    | redb::Error::TypeDefinitionChanged { .. }
                    | redb::Error::TableIsMultimap(_)
                    | redb::Error::TableIsNotMultimap(_)) => StoreError::Damaged {
                        what: "a table's definition".into(),
                        place: None,
                        detail: Some(e.to_string()),
                    },
                    // Every table a store needs is made when it is made (or rewritten); the
                    // ones an older store may lack are opened as optional before this.
                    e @ redb::Error::TableDoesNotExist(_) => StoreError::Damaged {
                        what: "the list of tables".into(),
                        place: None,
                        detail: Some(e.to_string()),
                    },
                    other => StoreError::Failed(other.to_string()),
                }
            }
        }
    )*};
}

failed_from!(
    redb::StorageError,
    redb::TableError,
    redb::TransactionError,
    redb::CommitError
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_of_another_shape_is_damage_not_redb_text() {
        use redb::ReadableDatabase;
        let dir = tempfile::tempdir().unwrap();
        let db = redb::Database::create(dir.path().join("s.redb")).unwrap();
        let w = db.begin_write().unwrap();
        {
            let made: redb::TableDefinition<u64, u64> = redb::TableDefinition::new("t");
            w.open_table(made).unwrap();
        }
        w.commit().unwrap();
        let r = db.begin_read().unwrap();
        let other: redb::TableDefinition<&str, u64> = redb::TableDefinition::new("t");
        let err = StoreError::from(r.open_table(other).unwrap_err());
        assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    }
}
