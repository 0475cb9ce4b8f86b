//! Copies of the store: `backup` writes a consistent copy while others keep working, and
//! `rewrite` replaces the store by a fresh copy of itself after a forget, so that the bytes of
//! what was erased do not linger in freed pages of the file.
//!
//! Both copy record by record from one transaction into a new redb file next to the target
//! and rename it into place, so a reader of the target never sees half a copy.
//!
//! `rewrite` and the processes that hold the store open (desks): the rewrite copies from a
//! write transaction on the old file, so no one writes meanwhile; it renames the fresh file
//! over the path and then marks the old file "moved" in the same transaction. Every other
//! process checks that mark (and, before a write, the file's identity at the path) at the
//! start of each transaction and reopens the path when it is set, so its next read or write
//! goes to the fresh file; no write is lost. Until then the old file lives on, unlinked, only
//! as long as that process keeps it open.

use super::tables::{COUNTERS, META, sealed_tables};
use super::{MOVED, REWRITE_PENDING, Store, StoreError, files};
use crate::model::{AuditAction, Stamp};
use redb::{
    Database, Key, ReadableDatabase, ReadableTable, TableDefinition, TableHandle, Value,
    WriteTransaction,
};
use std::path::{Path, PathBuf};

/// Opens each known table of `$src` (a read or a write transaction) and copies it into
/// `$dst` as it is (sealed values stay sealed); a table the source does not have yet is
/// skipped. Gives the names copied.
macro_rules! copy_tables {
    ($src:expr, $dst:expr) => {{
        let mut names: Vec<String> = Vec::new();
        copy_tables!(@each $src, $dst, names, META);
        sealed_tables!(copy_tables!(@sealed $src, $dst, names,));
        names
    }};
    (@sealed $src:expr, $dst:expr, $names:ident, $($def:path),+) => {
        copy_tables!(@each $src, $dst, $names, $($def.raw()),+)
    };
    (@each $src:expr, $dst:expr, $names:ident, $($def:expr),+) => {
        $(
            $names.push($def.name().to_string());
            match $src.open_table($def) {
                Ok(table) => copy_table(&table, $dst, $def)?,
                Err(redb::TableError::TableDoesNotExist(_)) => {}
                Err(e) => return Err(e.into()),
            }
        )+
    };
}

fn copy_table<K: Key + 'static, V: Value + 'static>(
    from: &impl ReadableTable<K, V>,
    to: &WriteTransaction,
    def: TableDefinition<K, V>,
) -> Result<(), StoreError> {
    let mut table = to.open_table(def)?;
    for entry in from.iter()? {
        let (k, v) = entry?;
        table.insert(k.value(), v.value())?;
    }
    Ok(())
}

/// Refuses to copy a store that holds a table this program does not know: the copy would
/// silently lose it.
pub(super) fn all_known(
    names: &[String],
    found: impl Iterator<Item = redb::UntypedTableHandle>,
) -> Result<(), StoreError> {
    for table in found {
        if !names.iter().any(|n| n == table.name()) {
            return Err(StoreError::Failed(format!(
                "the store holds a table \"{}\" this spreekuur does not know, so it cannot copy it; update spreekuur",
                table.name()
            )));
        }
    }
    Ok(())
}

/// Set in the meta table of a copy that `backup` wrote, to the `place` it was written to, so
/// that a later backup to that place may replace it (a nightly backup to one path). A backup
/// put back as the store, or copied anywhere else, is at another place: no backup replaces it.
pub(super) const BACKUP_COPY: &str = "backup_copy";

/// Where a file is, as a number: FNV-1a over the canonical path of its folder and its name.
fn place(target: &Path) -> Option<u64> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let full = std::fs::canonicalize(dir).ok()?.join(target.file_name()?);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in full.as_os_str().as_encoded_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    Some(h)
}

/// Refuses a backup target that is something other than an earlier backup written there
/// (`here` is its `place`): a store in use (whose desks would go on writing to a file no longer
/// at its path), a backup put back as a store, or any other file.
fn replaceable(target: &Path, here: u64) -> Result<(), StoreError> {
    let refused = || StoreError::BackupWouldReplace {
        target: target.to_path_buf(),
    };
    match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Ok(m) if m.is_file() => {}
        _ => return Err(refused()),
    }
    let written_to = || -> Option<u64> {
        let mut builder = Database::builder();
        builder.set_concurrency_mode(redb::ConcurrencyMode::MultiWriter);
        let db = builder.open_read_only(target).ok()?;
        let txn = db.begin_read().ok()?;
        let meta = txn.open_table(META).ok()?;
        Some(meta.get(BACKUP_COPY).ok()??.value())
    };
    match written_to() {
        Some(there) if there == here => Ok(()),
        _ => Err(refused()),
    }
}

/// The temporary file a copy is written to before it is renamed to `target`.
pub(super) fn partial_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.partial", std::process::id()));
    target.with_file_name(name)
}

/// The copies of `target` that a process which is gone left half-written (a killed `forget`
/// or `backup`): each a copy of everyone's data that no one knows about.
pub(super) fn stale_partials(target: &Path) -> Vec<PathBuf> {
    let Some(name) = target.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let prefix = format!("{name}.");
    entries
        .filter_map(|e| {
            let file = e.ok()?.file_name();
            let pid = file
                .to_str()?
                .strip_prefix(&prefix)?
                .strip_suffix(".partial")?
                .parse::<u32>()
                .ok()?;
            process_gone(pid).then(|| dir.join(file))
        })
        .collect()
}

/// Whether process `pid`, which wrote a copy, has ended. Linux: /proc/PID exists while it
/// lives; a number the system has since given to another program (not a spreekuur) counts as
/// ended too, or its copy would stay for as long as that program runs. Without a /proc
/// (another system) every process counts as alive, so no copy is ever taken from under a
/// running command.
fn process_gone(pid: u32) -> bool {
    if !Path::new("/proc/self").exists() || pid == std::process::id() {
        return false;
    }
    match std::fs::read_to_string(format!("/proc/{pid}/comm")) {
        Ok(name) => !name.starts_with("spreekuur"),
        Err(_) => !Path::new(&format!("/proc/{pid}")).exists(),
    }
}

/// A new, empty redb file at `path` (0600, or 0660 with the group).
pub(super) fn fresh_database(path: &Path, group: Option<&str>) -> Result<Database, StoreError> {
    let failed = |e: &dyn std::fmt::Display| {
        StoreError::Failed(format!("cannot write {}: {e}", path.display()))
    };
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(failed(&e)),
    }
    files::create_new_private(path, group).map_err(|e| failed(&e))?;
    let mut builder = Database::builder();
    builder.set_concurrency_mode(redb::ConcurrencyMode::MultiWriter);
    builder.create(path).map_err(|e| failed(&e))
}

/// Renames the finished copy into place, durably.
pub(super) fn put_in_place(partial: &Path, target: &Path) -> Result<(), StoreError> {
    let failed = |e: std::io::Error| {
        StoreError::Failed(format!("cannot put the copy at {}: {e}", target.display()))
    };
    std::fs::rename(partial, target).map_err(failed)?;
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    files::sync_dir(dir).map_err(failed)
}

impl Store {
    /// Writes a consistent copy of the store to `target` (replacing an earlier backup there,
    /// never another file) while others keep reading and writing, and logs it. The copy is
    /// 0600 (0660 with the group). Refuses a target that is the store itself.
    pub fn backup(&self, target: &Path, stamp: &Stamp) -> Result<(), StoreError> {
        if files_same(target, &self.path) {
            return Err(StoreError::BackupIsStore {
                target: target.to_path_buf(),
            });
        }
        let here = place(target).ok_or_else(|| StoreError::BackupNotWritten {
            target: target.to_path_buf(),
            reason: "its folder cannot be found".into(),
        })?;
        replaceable(target, here)?;
        for stale in stale_partials(target) {
            let _ = std::fs::remove_file(stale);
        }
        let partial = partial_path(target);
        let result = (|| {
            let txn = self.begin_read()?;
            let copy = fresh_database(&partial, self.group.as_deref())?;
            let out = copy.begin_write()?;
            let names = copy_tables!(txn, &out);
            all_known(&names, txn.list_tables()?)?;
            out.open_table(META)?.insert(BACKUP_COPY, here)?;
            out.commit()?;
            drop(copy);
            put_in_place(&partial, target)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result.map_err(|e| match e {
            StoreError::Failed(reason) => StoreError::BackupNotWritten {
                target: target.to_path_buf(),
                reason,
            },
            other => other,
        })?;
        self.audit(stamp, None, AuditAction::Backup)
    }

    /// Replaces the store file by a fresh copy of its live records (see the module comment)
    /// when an erasure marked it as pending; says whether it did. An error leaves the mark, and
    /// says that the erasure itself is saved.
    pub fn finish_erasure(&self) -> Result<bool, StoreError> {
        self.rewrite()
            .map_err(|e| StoreError::ErasureUnfinished(e.reason()))
    }

    fn rewrite(&self) -> Result<bool, StoreError> {
        let (txn, _) = self.begin_write()?;
        // Another process may have finished it a moment ago (this is then its fresh file).
        if COUNTERS.open_write(&txn)?.get(REWRITE_PENDING)?.is_none() {
            txn.abort()?;
            return Ok(false);
        }
        let partial = partial_path(&self.path);
        let copied = (|| {
            let copy = fresh_database(&partial, self.group.as_deref())?;
            let out = copy.begin_write()?;
            let names = copy_tables!(txn, &out);
            all_known(&names, txn.list_tables()?)?;
            COUNTERS.open_write(&out)?.remove(REWRITE_PENDING)?;
            out.commit()?;
            drop(copy);
            put_in_place(&partial, &self.path)
        })();
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&partial);
            // The old file stays the store, still marked; the erasure itself is committed.
            return Err(e);
        }
        txn.open_table(META)?.insert(MOVED, 1)?;
        txn.commit()?;
        // Follow it ourselves right away.
        let handle = self.database();
        self.reopen(&handle)?;
        Ok(true)
    }
}

/// Whether two paths name the same file.
fn files_same(a: &Path, b: &Path) -> bool {
    match (files::identity(a), files::identity(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
