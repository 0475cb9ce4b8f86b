//! Copies of a demo store with random bytes flipped, each handed to the commands that read the
//! most (`tally`, `jaaroverzicht`, `find`, `show`): every run must either refuse as a damaged
//! store, naming the backup to restore, or print exactly what the intact store prints.
//! Shared by tests/flipped.rs, which asserts it, and benches/flipped.rs, which prints the
//! figures for other seeds and more copies.

use std::path::Path;
use std::process::Command;

/// Bytes flipped in each copy.
pub const FLIPS: usize = 20;

pub const COMMANDS: [&[&str]; 4] = [
    &["tally", "--year", "2025", "--json"],
    &["jaaroverzicht", "2025", "--json"],
    &["find", "mohammed"],
    &["show", "1001"],
];

/// The same small xorshift the fault tests use: a seed gives the same copies on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[derive(Default)]
pub struct Outcome {
    pub refused: usize,
    pub same: usize,
    /// Runs that printed something else with exit 0, or refused without naming the backup
    /// (or with Rust's own words): what the copy and the command were.
    pub wrong: Vec<String>,
}

fn run(bin: &str, store: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(bin)
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

/// Whether a refusal says what a volunteer can do and shows nothing of Rust or redb.
fn refused_well(err: &str) -> bool {
    err.contains("backup")
        && !["panicked", "unwrap", ".rs:", "redb::", "Utf8Error"]
            .iter()
            .any(|rust| err.contains(rust))
}

/// The first line where `out` differs from `want`, from each.
fn first_difference<'a>(out: &'a str, want: &'a str) -> (&'a str, &'a str) {
    let mut got = out.lines();
    let mut wanted = want.lines();
    loop {
        match (got.next(), wanted.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (a, b) => return (a.unwrap_or(""), b.unwrap_or("")),
        }
    }
}

/// Builds a demo store of 300 clients in `dir`, then runs every command on `copies` damaged
/// copies of it, two copies at a time.
pub fn run_copies(bin: &str, dir: &Path, copies: usize, seed: u64) -> Outcome {
    let store = dir.join("intact.redb");
    let (ok, _, err) = run(
        bin,
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
    let intact: Vec<String> = COMMANDS.iter().map(|a| run(bin, &store, a).1).collect();
    let mut rng = Rng(seed | 1);
    let damaged: Vec<Vec<u8>> = (0..copies)
        .map(|_| {
            let mut bytes = good.clone();
            for _ in 0..FLIPS {
                let i = rng.below(bytes.len() as u64) as usize;
                bytes[i] ^= 1 + rng.below(255) as u8;
            }
            bytes
        })
        .collect();
    let outcomes: Vec<Outcome> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..2)
            .map(|worker| {
                let (damaged, intact) = (&damaged, &intact);
                s.spawn(move || {
                    let path = dir.join(format!("damaged-{worker}.redb"));
                    let mut outcome = Outcome::default();
                    for (copy, bytes) in damaged.iter().enumerate().skip(worker).step_by(2) {
                        for (args, want) in COMMANDS.iter().zip(intact) {
                            // Each command on a fresh copy: `find` and `show` write an audit line.
                            std::fs::write(&path, bytes).expect("the copy is written");
                            let (ok, out, err) = run(bin, &path, args);
                            match (ok, &out == want) {
                                (true, true) => outcome.same += 1,
                                (false, _) if refused_well(&err) => outcome.refused += 1,
                                (true, false) => outcome.wrong.push(format!(
                                    "copy {copy} {}: printed {:?} for {:?}",
                                    args.join(" "),
                                    first_difference(&out, want).0,
                                    first_difference(&out, want).1,
                                )),
                                (false, _) => outcome.wrong.push(format!(
                                    "copy {copy} {}: {}",
                                    args.join(" "),
                                    err.trim()
                                )),
                            }
                        }
                    }
                    outcome
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a worker finishes"))
            .collect()
    });
    outcomes
        .into_iter()
        .fold(Outcome::default(), |mut all, part| {
            all.refused += part.refused;
            all.same += part.same;
            all.wrong.extend(part.wrong);
            all
        })
}
