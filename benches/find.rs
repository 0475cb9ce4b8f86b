//! `spreekuur find` as a whole process beside `fzf --filter` over the same 100,000 names, per
//! query of one to three words, measured in one run (issue 12: every query under 0.25× fzf
//! and under 10 ms). Needs fzf on the PATH (Debian: apt install fzf); without it only the
//! find times are printed. `cargo bench --bench find`

mod common;

use common::{bin, store_path};
use spreekuur::store::Store;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 21;

const QUERIES: [&str; 9] = [
    "m",
    "a",
    "hassan",
    "mohammed",
    "ali",
    "yohannes gebre",
    "amina yusuf",
    "mohammed al hassan",
    "fatima ahmed ali",
];

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Every client's name, one per line, for fzf.
fn names_file(store: &Store, path: &std::path::Path) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("names file"));
    let numbers: Vec<u64> = (1000..102_000).collect();
    for chunk in numbers.chunks(5000) {
        for client in store.clients(chunk).expect("clients read") {
            writeln!(out, "{}", client.name).expect("names written");
        }
    }
}

/// Both medians from runs taken in turn, so that a machine slowing down or speeding up during
/// the bench weighs on both sides of the ratio alike.
fn timed_side_by_side(mut one: impl FnMut(), mut other: impl FnMut()) -> (Duration, Duration) {
    one();
    other();
    let (ones, others) = (0..RUNS)
        .map(|_| (once(&mut one), once(&mut other)))
        .unzip();
    (median(ones), median(others))
}

fn once(run: &mut impl FnMut()) -> Duration {
    let t = Instant::now();
    run();
    t.elapsed()
}

fn timed(mut run: impl FnMut()) -> Duration {
    run();
    median((0..RUNS).map(|_| once(&mut run)).collect())
}

fn main() {
    let db = store_path();
    let names = db.with_file_name("names.txt");
    {
        let store = Store::open(&db).expect("the bench store opens");
        names_file(&store, &names);
    }
    let fzf = Command::new("fzf").arg("--version").output().is_ok();
    println!("find as a process beside fzf --filter over the same names (median of {RUNS}):");
    println!(
        "  {:<20} {:>9} {:>9} {:>7}",
        "query", "find", "fzf", "ratio"
    );
    for query in QUERIES {
        let find = || {
            let out = Command::new(bin())
                .arg("--db")
                .arg(&db)
                .args(["--as", "bench", "find"])
                .args(query.split(' '))
                .output()
                .expect("find runs");
            assert!(out.status.success(), "find {query}");
        };
        let filter = || {
            let input = std::fs::File::open(&names).expect("names file");
            let status = Command::new("fzf")
                .args(["--filter", query])
                .stdin(input)
                .stdout(Stdio::null())
                .status()
                .expect("fzf runs");
            // fzf exits 1 when nothing matched; that is a result too.
            assert!(status.code().is_some_and(|c| c <= 1), "fzf {query}");
        };
        let (find, filter) = if fzf {
            let (find, filter) = timed_side_by_side(find, filter);
            (find, Some(filter))
        } else {
            (timed(find), None)
        };
        let line = match filter {
            Some(filter) => format!(
                "{:>6.1} ms {:>6.2}×",
                ms(filter),
                ms(find) / ms(filter).max(0.001)
            ),
            None => "   (no fzf)".to_string(),
        };
        println!("  {query:<20} {:>6.1} ms {line}", ms(find));
    }
    println!("  goal: each under 0.25× fzf and under 10 ms");
}
