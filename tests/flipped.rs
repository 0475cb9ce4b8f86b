//! Issue 12: a damaged store is refused, never counted. 100 copies of a demo store, each with
//! 20 random bytes flipped; for `tally`, `jaaroverzicht`, `find` and `show` every run either
//! refuses as a damaged store (naming the backup, showing no Rust text) or prints what the
//! intact store prints (see tests/common/flipped.rs; FAULT_SEED=n tries another seed).

mod common;

use common::flipped::{COMMANDS, run_copies};

#[test]
fn a_store_with_flipped_bytes_is_refused_or_read_as_intact() {
    let seed = std::env::var("FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7u64);
    let dir = tempfile::tempdir().unwrap();
    let outcome = run_copies(env!("CARGO_BIN_EXE_spreekuur"), dir.path(), 100, seed);
    println!(
        "FAULT_SEED={seed}: {} refused, {} as intact, {} wrong",
        outcome.refused,
        outcome.same,
        outcome.wrong.len()
    );
    assert_eq!(
        outcome.refused + outcome.same + outcome.wrong.len(),
        100 * COMMANDS.len()
    );
    assert!(outcome.wrong.is_empty(), "{:#?}", outcome.wrong);
}
