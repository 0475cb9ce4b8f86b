//! The only code that knows redb. One file on disk, shared by several processes at once
//! (redb's MultiWriter mode): two desks and any number of command-line calls. Every change is
//! one short write transaction; none stays open while a person types.

mod batch;
mod candidates;
mod clients;
pub mod codec;
mod counts;
mod drafts;
mod error;
mod followups;
mod tables;
mod visits;

pub use batch::Batch;
pub use candidates::ClientSummary;
pub use codec::DayEntryView;
pub use counts::Dictionary;
pub use counts::FollowUpEvents;
pub use drafts::Draft;
pub use error::StoreError;
pub use visits::NewFollowUp;

use redb::{Database, DatabaseError, ReadableDatabase, ReadableTable, ReadableTableMetadata};
use std::fs::{DirBuilder, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use tables::{META, ReadTables, WriteTables};

/// The store layout this program writes. A store with a higher number is refused.
pub const SCHEMA_VERSION: u64 = 1;

/// Client numbers start here so they read as four digits at the desk ("1042").
const FIRST_CLIENT_NUMBER: u64 = 1001;

pub struct Store {
    db: Database,
    path: PathBuf,
}

impl Store {
    /// Opens the store at `path`, creating it (mode 0600, in a 0700 directory) on first use.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let open_error = |reason: String| StoreError::Open {
            path: path.to_path_buf(),
            reason,
        };
        let fresh = match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(open_error("that is a directory, not a file".into()));
            }
            Ok(m) => m.len() == 0,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                create_private_file(path).map_err(|e| open_error(e.to_string()))?;
                true
            }
            Err(e) => return Err(open_error(e.to_string())),
        };
        let mut builder = Database::builder();
        builder.set_concurrency_mode(redb::ConcurrencyMode::MultiWriter);
        let opened = if fresh {
            builder.create(path)
        } else {
            builder.open(path)
        };
        let db = opened.map_err(|e| match e {
            DatabaseError::Storage(redb::StorageError::Io(io))
                if io.kind() != std::io::ErrorKind::InvalidData
                    && io.kind() != std::io::ErrorKind::UnexpectedEof =>
            {
                open_error(io.to_string())
            }
            DatabaseError::UpgradeRequired(_) => StoreError::NotAStore {
                path: path.to_path_buf(),
            },
            DatabaseError::Storage(_) | DatabaseError::RepairAborted => StoreError::NotAStore {
                path: path.to_path_buf(),
            },
            other => open_error(other.to_string()),
        })?;
        let store = Store {
            db,
            path: path.to_path_buf(),
        };
        store.check_schema(fresh)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the schema version; a fresh file gets the tables and counters.
    fn check_schema(&self, fresh: bool) -> Result<(), StoreError> {
        let found = {
            let txn = self.db.begin_read()?;
            match txn.open_table(META) {
                Ok(meta) => meta.get("schema")?.map(|v| v.value()),
                Err(redb::TableError::TableDoesNotExist(_)) => None,
                Err(e) => return Err(e.into()),
            }
        };
        match found {
            Some(v) if v > SCHEMA_VERSION => Err(StoreError::TooNew {
                path: self.path.clone(),
                found: v,
                known: SCHEMA_VERSION,
            }),
            Some(_) => Ok(()),
            None if fresh => self.initialise(),
            None => Err(StoreError::NotAStore {
                path: self.path.clone(),
            }),
        }
    }

    fn initialise(&self) -> Result<(), StoreError> {
        self.write(|t| {
            // Another process may have initialised the same fresh file a moment ago.
            if t.meta.get("schema")?.is_none() {
                t.meta.insert("schema", SCHEMA_VERSION)?;
                t.meta.insert("next_client", FIRST_CLIENT_NUMBER)?;
                t.meta.insert("next_visit", 1)?;
                t.meta.insert("next_followup", 1)?;
                t.meta.insert("next_household", 1)?;
                t.meta.insert("next_code", 1)?;
            }
            Ok(())
        })
    }

    /// Runs `change` in one write transaction and commits it; on any error nothing is stored.
    pub(crate) fn write<T>(
        &self,
        change: impl FnOnce(&mut WriteTables) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let txn = self.db.begin_write()?;
        let result = {
            let mut tables = WriteTables::open(&txn)?;
            change(&mut tables)?
        };
        txn.commit()?;
        Ok(result)
    }

    /// Runs `look` on one consistent view of the store.
    pub(crate) fn read<T>(
        &self,
        look: impl FnOnce(&ReadTables) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let txn = self.db.begin_read()?;
        let tables = ReadTables::open(&txn)?;
        look(&tables)
    }

    /// How many clients the store holds.
    pub fn client_count(&self) -> Result<u64, StoreError> {
        self.read(|t| Ok(t.clients.len()?))
    }
}

/// The dictionary code of a category ("c"), referral ("r") or volunteer ("v") key, given a
/// new code on first use.
fn code(t: &mut WriteTables, kind: &str, key: &str) -> Result<u32, StoreError> {
    let entry = format!("{kind}:{key}");
    if let Some(code) = t.dictionary.get(entry.as_str())? {
        return Ok(code.value());
    }
    let code = u32::try_from(next_number(t, "next_code")?)
        .map_err(|_| StoreError::damaged("the dictionary counter ran past its end"))?;
    t.dictionary.insert(entry.as_str(), code)?;
    t.dictionary_keys.insert(code, entry.as_str())?;
    Ok(code)
}

/// Takes the next number of a counter and moves the counter on.
fn next_number(t: &mut WriteTables, counter: &str) -> Result<u64, StoreError> {
    let n = t
        .meta
        .get(counter)?
        .map(|v| v.value())
        .ok_or_else(|| StoreError::damaged(format!("counter {counter} is missing")))?;
    t.meta.insert(counter, n + 1)?;
    Ok(n)
}

/// Creates the store file readable by its owner only, in a directory only the owner can
/// enter (when the directory is new).
fn create_private_file(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    }
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        // Another process created it between our look and now: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_from_a_newer_release_is_refused_not_misread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.redb");
        {
            let store = Store::open(&path).unwrap();
            store
                .write(|t| {
                    t.meta.insert("schema", SCHEMA_VERSION + 1)?;
                    Ok(())
                })
                .unwrap();
        }
        let err = Store::open(&path).err().expect("refused").to_string();
        assert!(err.contains("newer spreekuur"), "{err}");
        assert!(err.contains("s.redb"), "{err}");
    }

    #[test]
    fn an_empty_redb_file_of_someone_else_is_not_a_store() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.redb");
        drop(Database::create(&path).unwrap());
        let err = Store::open(&path).err().expect("refused").to_string();
        assert!(err.contains("not a spreekuur store"), "{err}");
    }
}
