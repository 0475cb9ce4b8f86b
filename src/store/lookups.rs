//! The audit lines of lookups made with the store opened for reading only (`find`), kept aside
//! in `STORE.lookups` until the next command that writes moves them into the log.
//!
//! Opening to write costs a lookup seven flushes to disk (the open, the commit, the close);
//! a line appended here costs one, and is on disk before anything is shown, like a line in
//! the log. The file holds what the log would (who, when, the client numbers shown: never a
//! name) with the store's own mode. Appending holds the file's lock shared, moving the lines
//! holds it exclusively, so no line is appended between reading the file and emptying it.
//! Every line has a token, and the transaction that moves the lines records the last one's,
//! so lines moved by a command killed before it emptied the file are not moved twice.

use super::audit::append_listing;
use super::{Store, StoreError, files};
use crate::model::{AuditAction, Stamp};
use serde::{Deserialize, Serialize};
use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The meta key holding the token of the last line moved into the log.
const MOVED_UP_TO: &str = "lookups_moved_up_to";

/// The time as written in a line, to the second like the log.
const AT: &str = "%Y-%m-%dT%H:%M:%S";

/// One line of the file, as JSON.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Line {
    token: u64,
    who: String,
    at: String,
    shown: Vec<u64>,
}

/// The file beside the store: `spreekuur.redb.lookups` for `spreekuur.redb`.
pub(super) fn path_beside(store: &Path) -> PathBuf {
    let mut name = store.as_os_str().to_os_string();
    name.push(".lookups");
    PathBuf::from(name)
}

/// A token no other line will have: the time to the nanosecond, mixed with the process.
fn token() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    nanos.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(std::process::id())
}

fn line_text(line: &Line) -> String {
    // A struct of strings and numbers always serialises.
    let mut text = serde_json::to_string(line).unwrap_or_default();
    text.push('\n');
    text
}

/// The lines of the file that read whole; a line torn by a process killed while writing it
/// (whose lookup showed nothing) is left out.
fn lines_of(text: &str) -> Vec<Line> {
    text.split_inclusive('\n')
        .filter(|l| l.ends_with('\n'))
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// Removes the file beside a store being made: what it holds are lookups of a store that was
/// deleted at that path.
pub(super) fn forget_earlier(store: &Path) -> Result<(), StoreError> {
    let path = path_beside(store);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(StoreError::Open {
            path: store.to_path_buf(),
            reason: format!(
                "{} holds lookups of a store deleted earlier and cannot be removed ({e}); remove it, then try again",
                path.display()
            ),
        }),
        _ => Ok(()),
    }
}

fn stamp_of(line: &Line) -> Option<Stamp> {
    let at = chrono::NaiveDateTime::parse_from_str(&line.at, AT).ok()?;
    Some(Stamp {
        who: line.who.clone(),
        at,
    })
}

impl Store {
    /// Appends a lookup's audit line beside the store and flushes it to disk.
    pub(super) fn keep_lookup(&self, stamp: &Stamp, shown: &[u64]) -> Result<(), StoreError> {
        let path = path_beside(&self.path);
        let failed = |e: std::io::Error| {
            StoreError::Failed(format!(
                "the lookup could not be logged in {} ({e}), so nothing is shown",
                path.display()
            ))
        };
        let append = || OpenOptions::new().append(true).open(&path);
        let mut file = match append() {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                files::create_private_file(&path, self.group()).and_then(|()| append())
            }
            opened => opened,
        }
        .map_err(failed)?;
        file.lock_shared().map_err(failed)?;
        let line = Line {
            token: token(),
            who: stamp.who.clone(),
            at: stamp.at.format(AT).to_string(),
            shown: shown.to_vec(),
        };
        file.write_all(line_text(&line).as_bytes())
            .and_then(|()| file.sync_data())
            .map_err(failed)
    }

    /// Moves the lines kept aside into the audit log, in one transaction, then empties the
    /// file.
    pub(super) fn move_lookups_into_log(&self) -> Result<(), StoreError> {
        let path = path_beside(&self.path);
        let failed = |e: std::io::Error| {
            StoreError::Failed(format!("{} could not be read ({e})", path.display()))
        };
        let mut file = match OpenOptions::new().read(true).write(true).open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(failed(e)),
        };
        if file.metadata().map_err(failed)?.len() == 0 {
            return Ok(());
        }
        file.lock().map_err(failed)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(failed)?;
        let lines = lines_of(&String::from_utf8_lossy(&bytes));
        self.write(|t| {
            let moved_up_to = t.meta.get(MOVED_UP_TO)?.map(|v| v.value());
            // Lines up to the last one moved before were moved by a command that was killed
            // before it emptied the file.
            let from = moved_up_to
                .and_then(|token| lines.iter().position(|l| l.token == token))
                .map_or(0, |at| at + 1);
            for line in &lines[from..] {
                if let Some(stamp) = stamp_of(line) {
                    append_listing(t, &stamp, None, AuditAction::Find, None, line.shown.clone())?;
                }
            }
            if let Some(last) = lines.last() {
                t.meta.insert(MOVED_UP_TO, last.token)?;
            }
            Ok(())
        })?;
        file.set_len(0)
            .and_then(|()| file.sync_data())
            .map_err(failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AuditAction;
    use crate::store::{AuditFilter, test_stamp as stamp};

    fn finds(store: &Store) -> Vec<Vec<u64>> {
        let filter = AuditFilter {
            action: Some(AuditAction::Find),
            ..AuditFilter::default()
        };
        store
            .audit_log(&filter)
            .unwrap()
            .into_iter()
            .map(|e| e.clients)
            .collect()
    }

    /// A store made in a new temporary directory, closed again.
    fn made() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.redb");
        drop(Store::open(&path).unwrap());
        (dir, path)
    }

    #[test]
    fn a_line_is_written_as_json_with_the_time_to_the_second() {
        let line = Line {
            token: 7,
            who: "Sanne".into(),
            at: "2026-11-29T10:00:00".into(),
            shown: vec![1001, 1002],
        };
        assert_eq!(
            line_text(&line),
            "{\"token\":7,\"who\":\"Sanne\",\"at\":\"2026-11-29T10:00:00\",\"shown\":[1001,1002]}\n"
        );
        assert_eq!(lines_of(&line_text(&line)), vec![line]);
    }

    #[test]
    fn a_torn_last_line_is_left_out() {
        let text = "{\"token\":7,\"who\":\"S\",\"at\":\"2026-11-29T10:00:00\",\"shown\":[]}\n{\"token\":8,\"who\":\"S\",\"at\":\"2026";
        assert_eq!(lines_of(text).len(), 1);
    }

    #[test]
    fn a_lookup_opened_for_reading_is_logged_beside_the_store_then_moved_into_the_log() {
        let (_dir, path) = made();
        {
            let store = Store::open_for_lookup(&path, None).unwrap();
            assert!(store.database().reading());
            store.audit_find(&stamp(), &[1001, 1002]).unwrap();
            store.audit_find(&stamp(), &[]).unwrap();
            // Not in the log yet: it is beside the store, on disk.
            assert!(finds(&store).is_empty());
        }
        let beside = path_beside(&path);
        assert_eq!(std::fs::read_to_string(&beside).unwrap().lines().count(), 2);
        let store = Store::open(&path).unwrap();
        assert_eq!(finds(&store), vec![vec![1001, 1002], vec![]]);
        assert_eq!(std::fs::metadata(&beside).unwrap().len(), 0);
        // Opening again moves nothing twice.
        drop(store);
        assert_eq!(finds(&Store::open(&path).unwrap()).len(), 2);
    }

    #[test]
    fn lines_moved_by_a_command_killed_before_it_emptied_the_file_are_not_moved_twice() {
        let (_dir, path) = made();
        let lookup = Store::open_for_lookup(&path, None).unwrap();
        lookup.audit_find(&stamp(), &[1001]).unwrap();
        let beside = path_beside(&path);
        let kept = std::fs::read(&beside).unwrap();
        drop(Store::open(&path).unwrap());
        // As if the move had committed but not emptied the file, and a lookup came after.
        std::fs::write(&beside, kept).unwrap();
        lookup.audit_find(&stamp(), &[1002]).unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(finds(&store), vec![vec![1001], vec![1002]]);
    }

    #[test]
    fn a_store_that_needs_writing_first_is_opened_to_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.redb");
        // No file yet: a lookup makes the store as any command does.
        let store = Store::open_for_lookup(&path, None).unwrap();
        assert!(!store.database().reading());
        store.audit_find(&stamp(), &[]).unwrap();
        assert_eq!(finds(&store).len(), 1);
        assert!(!path_beside(&path).exists());
    }

    #[test]
    fn lookups_of_a_deleted_store_do_not_join_the_log_of_a_new_one_at_its_path() {
        let (_dir, path) = made();
        Store::open_for_lookup(&path, None)
            .unwrap()
            .audit_find(&stamp(), &[1001])
            .unwrap();
        std::fs::remove_file(&path).unwrap();
        let store = Store::open(&path).unwrap();
        assert!(finds(&store).is_empty());
        assert!(!path_beside(&path).exists());
    }

    #[test]
    fn the_file_beside_the_store_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, path) = made();
        let store = Store::open_for_lookup(&path, None).unwrap();
        store.audit_find(&stamp(), &[1001]).unwrap();
        let mode = std::fs::metadata(path_beside(&path))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
