//! A damaged store is refused, never counted: copies of a demo store of 300 clients, each with
//! 20 random bytes flipped, and for `tally`, `jaaroverzicht`, `find` and `show` whether each
//! refused with the damaged-store sentence, printed what the intact store prints, or printed
//! something else with exit 0 (wrong). Issue 12 asks for no wrong output in 100 copies; this
//! prints how far the store is from it, and the first few wrong ones. Run with
//! `cargo bench --bench flipped` (FAULT_SEED=n repeats a run; COPIES=n for more copies).

use std::path::Path;
use std::process::Command;

const FLIPS: usize = 20;

const COMMANDS: [&[&str]; 4] = [
    &["tally", "--year", "2025", "--json"],
    &["jaaroverzicht", "2025", "--json"],
    &["find", "mohammed"],
    &["show", "1001"],
];

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn run(store: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_spreekuur"))
        .env("SPREEKUUR_DB", store)
        .env("SPREEKUUR_VOLUNTEER", "marieke")
        .env("TZ", "Europe/Amsterdam")
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = dir.path().join("s.redb");
    let (ok, _, err) = run(
        &store,
        &[
            "demo",
            "--clients",
            "300",
            "--visits",
            "3000",
            "--seed",
            "5",
        ],
    );
    assert!(ok, "demo: {err}");
    let good = std::fs::read(&store).expect("the store reads");
    let intact: Vec<String> = COMMANDS.iter().map(|a| run(&store, a).1).collect();
    let seed = std::env::var("FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7u64)
        | 1;
    let copies: usize = std::env::var("COPIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let mut rng = Rng(seed);
    let (mut refused, mut same, mut panicked) = (0, 0, 0);
    let mut wrong = Vec::new();
    for copy in 0..copies {
        let mut bytes = good.clone();
        for _ in 0..FLIPS {
            let i = rng.below(bytes.len() as u64) as usize;
            bytes[i] ^= 1 + rng.below(255) as u8;
        }
        for (args, want) in COMMANDS.iter().zip(&intact) {
            // Each command on a fresh damaged copy: `find` and `show` append an audit line.
            std::fs::write(&store, &bytes).expect("the copy is written");
            let (ok, out, err) = run(&store, args);
            if err.contains("panicked") {
                panicked += 1;
            }
            match (ok, &out == want) {
                (true, true) => same += 1,
                (true, false) => wrong.push(format!("copy {copy} {}", args.join(" "))),
                (false, _) if err.contains("backup") => refused += 1,
                (false, _) => wrong.push(format!("copy {copy} {}: {}", args.join(" "), err.trim())),
            }
        }
    }
    println!(
        "{copies} copies with {FLIPS} flipped bytes (FAULT_SEED={seed}), {} commands each:",
        COMMANDS.len()
    );
    println!("  refused as a damaged store  {refused}");
    println!("  as the intact store         {same}");
    println!(
        "  wrong with exit 0, or refused without naming the backup  {}",
        wrong.len()
    );
    println!("  panicked                    {panicked}");
    for w in wrong.iter().take(10) {
        println!("    {w}");
    }
}
