//! What opening the store finishes after an interrupted command: an erasure whose rewrite of
//! the file did not complete (a killed `forget`, a full disk), and the half-written copies
//! (`STORE.PID.partial`) of processes that are gone. Every command that opens the store
//! read-write does it, so erased bytes and forgotten copies do not stay on disk for long.

use super::Store;
use super::backup::stale_partials;
use std::path::PathBuf;

/// One thing opening the store did (or could not do), said for the volunteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenNote {
    /// An erasure interrupted before its rewrite is now finished.
    ErasureFinished,
    /// It could not be finished; the reason.
    ErasureUnfinished(String),
    /// A copy of the store that a command which is gone left half-written, now removed.
    PartialRemoved(PathBuf),
    /// The lookups kept aside (`lookups.rs`) could not be moved into the audit log; the reason.
    LookupsKept(String),
}

impl std::fmt::Display for OpenNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenNote::ErasureFinished => write!(
                f,
                "an erasure that was interrupted earlier is now finished: the store file was rewritten, so no erased text remains in it"
            ),
            OpenNote::PartialRemoved(path) => write!(
                f,
                "removed {}, a half-written copy of the store left by an interrupted command",
                path.display()
            ),
            OpenNote::LookupsKept(reason) => write!(
                f,
                "the audit lines of recent lookups could not be moved into the store's log yet ({reason}); they are kept beside the store, and the next command that changes the store moves them"
            ),
            OpenNote::ErasureUnfinished(reason) => write!(
                f,
                "an erasure is saved, but the store file is still to be rewritten after it ({reason}), so erased text still lies in the file's free space; free disk space if the disk is full, then run `spreekuur check --repair`"
            ),
        }
    }
}

impl Store {
    /// Removes stale copies, moves the lookups kept aside into the audit log and finishes an
    /// unfinished erasure. A failure does not stop the open: the store is sound, what was
    /// left stays, and the note says how it gets done.
    pub(super) fn tidy(&self) -> Vec<OpenNote> {
        let mut notes = self.remove_stale_partials();
        if let Err(e) = self.move_lookups_into_log() {
            notes.push(OpenNote::LookupsKept(e.reason()));
        }
        match self.erasure_unfinished().and_then(|pending| {
            if pending {
                self.finish_erasure()
            } else {
                Ok(false)
            }
        }) {
            Ok(true) => notes.push(OpenNote::ErasureFinished),
            Ok(false) => {}
            Err(e) => notes.push(OpenNote::ErasureUnfinished(e.reason())),
        }
        notes
    }

    /// Removes the copies that commands which are gone left half-written.
    pub(super) fn remove_stale_partials(&self) -> Vec<OpenNote> {
        let mut notes = Vec::new();
        for stale in stale_partials(&self.path) {
            // One that cannot be removed stays for `check` to report.
            if std::fs::remove_file(&stale).is_ok() {
                notes.push(OpenNote::PartialRemoved(stale));
            }
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AuditAction, ClientDraft};

    use crate::store::test_stamp as stamp;

    fn holds(path: &std::path::Path, needle: &str) -> bool {
        let bytes = std::fs::read(path).unwrap();
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    }

    #[test]
    fn an_erasure_interrupted_before_its_rewrite_is_reported_then_finished_at_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.redb");
        let name = "Zerihun Woldemichaelqx";
        {
            let store = Store::open(&path).unwrap();
            let n = store
                .add_client(
                    ClientDraft {
                        name: name.into(),
                        ..Default::default()
                    },
                    stamp(),
                )
                .unwrap();
            // As a forget killed between its two phases leaves it.
            store.erase(&[n], &stamp(), AuditAction::Forget).unwrap();
        }
        assert!(
            holds(&path, "Woldemichaelqx"),
            "the freed pages still hold it"
        );
        {
            let store = Store::open_to_check(&path, None).unwrap();
            assert!(store.open_notes().is_empty());
            let report = store.check().unwrap();
            assert!(!report.is_clean());
            assert_eq!(report.unfinished.len(), 1, "{report:?}");
            assert!(report.problems.is_empty(), "{report:?}");
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.open_notes(), &[OpenNote::ErasureFinished]);
        assert!(store.check().unwrap().is_clean());
        assert!(!store.erasure_unfinished().unwrap());
        assert!(!holds(&path, "Woldemichaelqx"));
        drop(store);
        assert!(Store::open(&path).unwrap().open_notes().is_empty());
    }

    #[test]
    fn a_copy_left_by_a_process_that_is_gone_is_reported_then_removed_and_a_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.redb");
        drop(Store::open(&path).unwrap());
        // Above Linux's largest pid (2^22), so never a live process.
        let stale = dir.path().join("s.redb.999999999.partial");
        let live = dir
            .path()
            .join(format!("s.redb.{}.partial", std::process::id()));
        std::fs::write(&stale, "a copy").unwrap();
        std::fs::write(&live, "a copy").unwrap();
        let report = Store::open_to_check(&path, None).unwrap().check().unwrap();
        assert_eq!(report.unfinished.len(), 1, "{report:?}");
        assert!(report.unfinished[0].contains("999999999"), "{report:?}");
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.open_notes(),
            &[OpenNote::PartialRemoved(stale.clone())]
        );
        assert!(!stale.exists());
        assert!(live.exists(), "a running command's copy is left alone");
        assert!(store.check().unwrap().is_clean());
    }

    #[test]
    fn a_copy_whose_process_number_now_belongs_to_another_program_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.redb");
        drop(Store::open(&path).unwrap());
        let mut other = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let stale = dir.path().join(format!("s.redb.{}.partial", other.id()));
        std::fs::write(&stale, "a copy").unwrap();
        let report = Store::open_to_check(&path, None).unwrap().check().unwrap();
        let removed = Store::open(&path).map(|s| s.open_notes().to_vec());
        let _ = other.kill();
        let _ = other.wait();
        assert_eq!(report.unfinished.len(), 1, "check reports it: {report:?}");
        assert_eq!(removed.unwrap(), [OpenNote::PartialRemoved(stale.clone())]);
        assert!(!stale.exists());
    }

    #[test]
    fn a_rewrite_that_fails_says_the_erasure_is_saved_and_the_next_open_finishes_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.redb");
        let store = Store::open(&path).unwrap();
        let draft = ClientDraft {
            name: "Zerihun Woldemichaelqx".into(),
            ..Default::default()
        };
        let n = store.add_client(draft, stamp()).unwrap();
        // In the way of this process's copy, as a full disk would be.
        let blocked = dir
            .path()
            .join(format!("s.redb.{}.partial", std::process::id()));
        std::fs::create_dir(&blocked).unwrap();
        store.erase(&[n], &stamp(), AuditAction::Forget).unwrap();
        let err = store.finish_erasure().unwrap_err().to_string();
        assert!(err.contains("the erasure is saved"), "{err}");
        assert!(err.contains("spreekuur check --repair"), "{err}");
        assert!(!err.contains("Nothing was saved"), "{err}");
        assert!(store.erasure_unfinished().unwrap());
        drop(store);
        let store = Store::open(&path).unwrap();
        assert!(
            matches!(store.open_notes(), [OpenNote::ErasureUnfinished(_)]),
            "{:?}",
            store.open_notes()
        );
        drop(store);
        std::fs::remove_dir(&blocked).unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(store.open_notes(), &[OpenNote::ErasureFinished]);
        assert!(!holds(&path, "Woldemichaelqx"));
    }
}
