//! The only code that knows redb. One file on disk, shared by several processes at once
//! (redb's MultiWriter mode): two desks and any number of command-line calls. Every change is
//! one short write transaction; none stays open while a person types.

mod appointments;
mod audit;
mod backup;
mod batch;
mod bounds;
mod candidates;
mod check;
mod clients;
mod closed;
pub mod codec;
mod counts;
mod day_blocks;
mod drafts;
#[cfg(test)]
mod dump;
mod error;
pub mod files;
mod followups;
mod forget;
mod held_back;
mod lookups;
mod migrate;
mod name_index;
mod open;
mod profiles;
mod seal;
mod tables;
mod visits;

pub use appointments::{AppointmentFilter, ListedAppointment};
pub use audit::AuditFilter;
pub use batch::Batch;
pub use candidates::{ClientSummary, Duplicates};
pub use check::CheckReport;
pub use closed::Closed;
pub use codec::DayEntryView;
pub use counts::AppointmentCounts;
pub use counts::Dictionary;
pub use counts::FollowUpEvents;
pub use counts::Households;
pub use drafts::Draft;
pub use error::StoreError;
pub use forget::Inactive;
pub use open::OpenNote;
pub use seal::seal;
pub use visits::NewFollowUp;

use redb::{Database, DatabaseError, ReadOnlyDatabase, ReadableDatabase, ReadableTable};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use tables::{META, ReadTables, WriteTables};

/// The store layout this program writes. A store with a higher number is refused; one of
/// layout 1 (before seals) is rewritten sealed at its first open (`migrate.rs`), and one of
/// layout 2 (a name index entry per term and client) gets its name index as blocks there
/// (`name_index.rs`).
pub const SCHEMA_VERSION: u64 = 3;

/// Client numbers start here so they read as four digits at the desk ("1042").
const FIRST_CLIENT_NUMBER: u64 = 1001;

/// Set in the meta table of a store file that `forget` has replaced by a fresh copy: every
/// process that still holds the old file reopens the path before its next transaction.
const MOVED: &str = "moved";

/// Set in the counters table by the transaction of an erasure, cleared by the rewrite that
/// follows it (the fresh file never holds it): while it is set, erased bytes may still lie in
/// freed pages of the file, and the next open finishes the rewrite.
const REWRITE_PENDING: &str = "rewrite_pending";

/// How often a transaction follows a replaced file before giving up (each replacement is a
/// forget, so more than one in a row is already unlikely).
const REOPEN_TRIES: usize = 5;

/// An open database and the identity (device, inode) of the file it was opened from.
struct Handle {
    db: Opened,
    file: (u64, u64),
}

/// How a process holds the file: to read and write, or (a lookup: `find`) to read only, which
/// costs no flush to disk when it opens and closes.
enum Opened {
    Writable(Database),
    Reading(ReadOnlyDatabase),
}

impl Handle {
    fn begin_read(&self) -> Result<redb::ReadTransaction, redb::TransactionError> {
        match &self.db {
            Opened::Writable(db) => db.begin_read(),
            Opened::Reading(db) => db.begin_read(),
        }
    }

    fn begin_write(&self) -> Result<redb::WriteTransaction, StoreError> {
        match &self.db {
            Opened::Writable(db) => Ok(db.begin_write()?),
            Opened::Reading(_) => Err(StoreError::ReadingOnly),
        }
    }

    fn reading(&self) -> bool {
        matches!(self.db, Opened::Reading(_))
    }
}

pub struct Store {
    /// Behind a lock so that a process can follow the path to a fresh file after a forget
    /// elsewhere replaced it (see `rewrite`).
    db: RwLock<Arc<Handle>>,
    path: PathBuf,
    /// A Unix group that shares the store: files are created 0660 with that group.
    group: Option<String>,
    /// What opening the store tidied up after an interrupted command.
    notes: Vec<OpenNote>,
}

impl Store {
    /// Opens the store at `path`, creating it (mode 0600, in a 0700 directory) on first use.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_shared(path, None)
    }

    /// Opens the store like `open`; with a group, files it creates (the store, its backups,
    /// the fresh copy after a forget) are 0660 and belong to that group. Finishes what an
    /// interrupted erasure left (see `open_notes`).
    pub fn open_shared(path: &Path, group: Option<&str>) -> Result<Store, StoreError> {
        let mut store = Store::open_untidied(path, group)?;
        store.notes = store.tidy();
        Ok(store)
    }

    /// Opens the store like `open_shared` but leaves an unfinished erasure and stale copies as
    /// they are, so that `check` can report them.
    pub fn open_to_check(path: &Path, group: Option<&str>) -> Result<Store, StoreError> {
        Store::open_untidied(path, group)
    }

    /// Opens the store to look clients up (`find`): for reading only, so that neither the open
    /// nor the close waits for the disk, with the lookup's audit line kept aside until the next
    /// command that writes moves it into the log (`lookups.rs`). A store that needs anything
    /// done first (a new file, an older layout, an unfinished erasure, a file an interrupted
    /// writer left) is opened as by `open_shared`, which does it.
    pub fn open_for_lookup(path: &Path, group: Option<&str>) -> Result<Store, StoreError> {
        match Store::open_reading(path, group) {
            Ok(Some(store)) => Ok(store),
            // Any refusal is decided again, and said, by the open that can act on it.
            Ok(None) | Err(_) => Store::open_shared(path, group),
        }
    }

    fn open_reading(path: &Path, group: Option<&str>) -> Result<Option<Store>, StoreError> {
        if std::fs::metadata(path).map_or(true, |m| m.len() == 0) {
            return Ok(None);
        }
        let mut store = Store::on(open_database(path, group, Mode::Reading)?.0, path, group);
        store.check_schema(false)?;
        store.ready()?;
        if store.erasure_unfinished()? {
            return Ok(None);
        }
        store.notes = store.remove_stale_partials();
        Ok(Some(store))
    }

    fn on(handle: Handle, path: &Path, group: Option<&str>) -> Store {
        Store {
            db: RwLock::new(Arc::new(handle)),
            path: path.to_path_buf(),
            group: group.map(str::to_string),
            notes: Vec::new(),
        }
    }

    fn open_untidied(path: &Path, group: Option<&str>) -> Result<Store, StoreError> {
        let (handle, fresh) = open_database(path, group, Mode::Writable)?;
        let store = Store::on(handle, path, group);
        store.check_schema(fresh)?;
        store.ready()?;
        Ok(store)
    }

    /// Builds what this release reads and an older store lacks. Opened for reading only, a
    /// store that lacks any of it refuses with `ReadingOnly`.
    fn ready(&self) -> Result<(), StoreError> {
        // First: every read opens the name index of today's layout.
        self.refresh_name_index()?;
        self.count_followup_events()?;
        self.build_profiles()?;
        self.build_day_blocks()
    }

    /// What opening the store did after an interrupted command, for a line each on stderr or
    /// the desk's status line.
    pub fn open_notes(&self) -> &[OpenNote] {
        &self.notes
    }

    /// A store written before the per-day follow-up counts existed gets them once, from its
    /// event index, before anything is written to it.
    fn count_followup_events(&self) -> Result<(), StoreError> {
        let missing = self.read(|t| {
            Ok(t.followup_event_counts.is_none() && t.followup_events.first()?.is_some())
        })?;
        if !missing {
            return Ok(());
        }
        self.write(|t| {
            let mut counts: std::collections::BTreeMap<(i32, u8), u64> = Default::default();
            for e in t.followup_events.iter()? {
                let (day, _, event) = e?.0.value();
                *counts.entry((day, event)).or_insert(0) += 1;
            }
            for (key, n) in counts {
                t.followup_event_counts.insert(key, n)?;
            }
            Ok(())
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The group that shares the store, if any.
    pub fn group(&self) -> Option<&str> {
        self.group.as_deref()
    }

    /// The database this process uses now.
    fn database(&self) -> Arc<Handle> {
        // A poisoned lock means a thread panicked while swapping two Arcs, which cannot leave
        // the value half-written: use it as it is.
        self.db
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Opens the path again after `stale` was replaced by a fresh copy (unless another thread
    /// of this process did so already).
    fn reopen(&self, stale: &Arc<Handle>) -> Result<(), StoreError> {
        let mut current = self
            .db
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if Arc::ptr_eq(&current, stale) {
            let mode = if stale.reading() {
                Mode::Reading
            } else {
                Mode::Writable
            };
            let (handle, _) = open_database(&self.path, self.group.as_deref(), mode)?;
            *current = Arc::new(handle);
        }
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Writable,
    Reading,
}

/// Opens (or, to write, creates) the redb file; says whether it was fresh.
fn open_database(
    path: &Path,
    group: Option<&str>,
    mode: Mode,
) -> Result<(Handle, bool), StoreError> {
    let open_error = |reason: String| StoreError::Open {
        path: path.to_path_buf(),
        reason,
    };
    let fresh = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(open_error("that is a directory, not a file".into()));
        }
        Ok(m) => m.len() == 0,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && mode == Mode::Writable => {
            files::create_private_file(path, group).map_err(|e| open_error(e.to_string()))?;
            true
        }
        Err(e) => return Err(open_error(e.to_string())),
    };
    let mut builder = Database::builder();
    builder.set_concurrency_mode(redb::ConcurrencyMode::MultiWriter);
    let opened = match mode {
        Mode::Writable if fresh => builder.create(path).map(Opened::Writable),
        Mode::Writable => builder.open(path).map(Opened::Writable),
        Mode::Reading => builder.open_read_only(path).map(Opened::Reading),
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
    let file = files::identity(path).map_err(|e| open_error(e.to_string()))?;
    Ok((Handle { db, file }, fresh))
}

impl Store {
    /// Reads the schema version; a fresh file gets the tables and counters.
    fn check_schema(&self, fresh: bool) -> Result<(), StoreError> {
        let found = {
            let txn = self.begin_read()?;
            match txn.open_table(META) {
                Ok(meta) => meta.get("schema")?.map(|v| v.value()),
                Err(redb::TableError::TableDoesNotExist(_)) => None,
                Err(e) => return Err(e.into()),
            }
        };
        match found {
            // Releases number their layouts one by one: a number no release could have
            // reached, or none at all, is a damaged byte, not a newer program.
            Some(v) if v == 0 || v > SCHEMA_VERSION + 1000 => Err(StoreError::damaged(format!(
                "the store's layout number ({v})"
            ))),
            Some(v) if v > SCHEMA_VERSION => Err(StoreError::TooNew {
                path: self.path.clone(),
                found: v,
                known: SCHEMA_VERSION,
            }),
            Some(1) => self.seal_layout(),
            // Layout 2 differs in the name index alone, which `refresh_name_index` converts.
            Some(_) => Ok(()),
            None if fresh => self.initialise(),
            None => Err(StoreError::NotAStore {
                path: self.path.clone(),
            }),
        }
    }

    fn initialise(&self) -> Result<(), StoreError> {
        let (txn, _) = self.begin_write()?;
        // Another process may have initialised the same fresh file a moment ago.
        if txn
            .open_table(META)?
            .insert("schema", SCHEMA_VERSION)?
            .is_some()
        {
            txn.abort()?;
            return Ok(());
        }
        // Lookups kept beside a store that was deleted are not this store's: gone before any
        // lookup can open this one (it reads no store until this commit).
        lookups::forget_earlier(&self.path)?;
        {
            let mut t = WriteTables::open(&txn)?;
            t.meta.insert("next_client", FIRST_CLIENT_NUMBER)?;
            t.meta.insert("next_visit", 1)?;
            t.meta.insert("next_followup", 1)?;
            t.meta.insert("next_household", 1)?;
            t.meta.insert("next_code", 1)?;
        }
        txn.commit()?;
        Ok(())
    }

    /// Runs `change` in one write transaction and commits it; on any error nothing is stored.
    pub(crate) fn write<T>(
        &self,
        change: impl FnOnce(&mut WriteTables) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let (txn, _) = self.begin_write()?;
        let result = {
            let mut tables = WriteTables::open(&txn)?;
            let result = change(&mut tables)?;
            day_blocks::rebuild_changed(&mut tables)?;
            result
        };
        txn.commit()?;
        Ok(result)
    }

    /// A write transaction on the current file (following a replacement by a forget
    /// elsewhere), with the database it belongs to.
    fn begin_write(&self) -> Result<(redb::WriteTransaction, Arc<Handle>), StoreError> {
        for _ in 0..REOPEN_TRIES {
            let handle = self.database();
            let txn = handle.begin_write()?;
            let moved = txn.open_table(META)?.get(MOVED)?.is_some();
            // The file at the path is another one: a forget replaced it but could not mark
            // this one (see `rewrite`).
            let replaced = files::identity(&self.path).is_ok_and(|id| id != handle.file);
            if !moved && !replaced {
                return Ok((txn, handle));
            }
            txn.abort()?;
            self.reopen(&handle)?;
        }
        Err(StoreError::Failed(
            "the store file was replaced several times in a row".into(),
        ))
    }

    /// Runs `look` on one consistent view of the store.
    pub(crate) fn read<T>(
        &self,
        look: impl FnOnce(&ReadTables) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let txn = self.begin_read()?;
        let tables = ReadTables::open(&txn)?;
        look(&tables)
    }

    /// A read transaction on the current file (following a replacement by a forget
    /// elsewhere).
    fn begin_read(&self) -> Result<redb::ReadTransaction, StoreError> {
        for _ in 0..REOPEN_TRIES {
            let handle = self.database();
            let txn = handle.begin_read()?;
            let moved = match txn.open_table(META) {
                Ok(meta) => meta.get(MOVED)?.is_some(),
                Err(redb::TableError::TableDoesNotExist(_)) => false,
                Err(e) => return Err(e.into()),
            };
            if !moved {
                return Ok(txn);
            }
            self.reopen(&handle)?;
        }
        Err(StoreError::Failed(
            "the store file was replaced several times in a row".into(),
        ))
    }

    /// How many clients the store holds.
    pub fn client_count(&self) -> Result<u64, StoreError> {
        self.read(|t| t.clients.len())
    }
}

/// The dictionary code of a category ("c"), referral ("r") or volunteer ("v") key, given a
/// new code on first use.
fn code(t: &mut WriteTables, kind: &'static str, key: &str) -> Result<u32, StoreError> {
    if let Some(&code) = t.codes.get(kind).and_then(|codes| codes.get(key)) {
        return Ok(code);
    }
    let entry = format!("{kind}:{key}");
    let stored = t.dictionary.get(entry.as_str())?.map(|code| code.value());
    let code = match stored {
        Some(code) => code,
        None => {
            let code = u32::try_from(next_number(t, "next_code")?)
                .map_err(|_| StoreError::damaged("the dictionary counter ran past its end"))?;
            t.dictionary.insert(entry.as_str(), code)?;
            t.dictionary_keys.insert(code, entry.as_str())?;
            code
        }
    };
    t.codes
        .entry(kind)
        .or_default()
        .insert(key.to_string(), code);
    Ok(code)
}

/// A change made by volunteer "test" at 10:00 on 29-11-2026, for the store's tests.
#[cfg(test)]
pub(crate) fn test_stamp() -> crate::model::Stamp {
    crate::model::Stamp {
        who: "test".into(),
        at: chrono::NaiveDate::from_ymd_opt(2026, 11, 29)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("a real day and time"),
    }
}

/// Takes the next number of a counter and moves the counter on (in a batch, in memory until
/// its end: see `held_back`).
fn next_number(t: &mut WriteTables, counter: &'static str) -> Result<u64, StoreError> {
    let n = match t.held_back.as_ref().and_then(|h| h.counter(counter)) {
        Some(n) => n,
        None => t
            .meta
            .get(counter)?
            .map(|v| v.value())
            .ok_or_else(|| StoreError::damaged(format!("counter {counter} is missing")))?,
    };
    match &mut t.held_back {
        Some(held) => held.move_counter(counter, n + 1),
        None => {
            t.meta.insert(counter, n + 1)?;
        }
    }
    Ok(n)
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
            let (txn, _) = store.begin_write().unwrap();
            txn.open_table(META)
                .unwrap()
                .insert("schema", SCHEMA_VERSION + 1)
                .unwrap();
            txn.commit().unwrap();
        }
        let err = Store::open(&path).err().expect("refused").to_string();
        assert!(err.contains("newer spreekuur"), "{err}");
        assert!(err.contains("s.redb"), "{err}");
    }

    #[test]
    fn a_name_index_from_other_search_rules_is_rebuilt_on_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.redb");
        let stamp = test_stamp();
        {
            let store = Store::open(&path).unwrap();
            let draft = crate::model::ClientDraft {
                name: "Mohammed Al-Hassan".into(),
                ..Default::default()
            };
            store.add_client(draft, stamp).unwrap();
            // As an older release would have left it: other terms, another version.
            store
                .write(|t| {
                    t.name_term_blocks.retain(|_, _| false)?;
                    name_index::add(t, "old:term", 1001)?;
                    t.meta.insert("terms_version", 0)?;
                    Ok(())
                })
                .unwrap();
            assert!(
                store
                    .find("muhammad alhassan", 5, false)
                    .unwrap()
                    .is_empty()
            );
        }
        let store = Store::open(&path).unwrap();
        let found = store.find("muhammad alhassan", 5, false).unwrap();
        assert_eq!(found[0].client.number, 1001);
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
