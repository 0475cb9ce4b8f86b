//! A damaged store is refused, never counted: copies of a demo store of 300 clients, each with
//! 20 random bytes flipped, and for `tally`, `jaaroverzicht`, `find` and `show` whether each
//! refused with the damaged-store sentence, printed what the intact store prints, or printed
//! something else (wrong). tests/flipped.rs holds 100 copies of one seed to none wrong; this
//! tries others. `cargo bench --bench flipped` (FAULT_SEED=n repeats a run; COPIES=n for
//! more copies).

#[path = "../tests/common/flipped.rs"]
mod flipped;

fn main() {
    let seed = std::env::var("FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7u64);
    let copies: usize = std::env::var("COPIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let outcome = flipped::run_copies(env!("CARGO_BIN_EXE_spreekuur"), dir.path(), copies, seed);
    println!(
        "{copies} copies with {} flipped bytes (FAULT_SEED={seed}), {} commands each:",
        flipped::FLIPS,
        flipped::COMMANDS.len()
    );
    println!("  refused as a damaged store  {}", outcome.refused);
    println!("  as the intact store         {}", outcome.same);
    println!(
        "  wrong, or refused without naming the backup  {}",
        outcome.wrong.len()
    );
    for w in outcome.wrong.iter().take(10) {
        println!("    {w}");
    }
}
