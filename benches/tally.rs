//! The year tally at 100,000 clients and 1,000,000 visits: in-process, as a whole process,
//! and the same counts with SQL GROUP BY in sqlite3 over the same rows (indexed), for
//! comparison. Run with `cargo bench --bench tally` (the store is built once, in bench/out).
//! Goals: under 20 ms in-process, under 50 ms as a whole process.

mod common;

use chrono::{Datelike, Local, NaiveDate};
use common::{CLIENTS, VISITS, bin, store_path};
use spreekuur::model::default_groups;
use spreekuur::store::Store;
use spreekuur::tally;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 21;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Writes every visit of the year as rows for sqlite: visits, and one row per category and
/// per referral.
fn dump_for_sqlite(store: &Store, from: NaiveDate, to: NaiveDate, dir: &Path) -> PathBuf {
    let dict = store.dictionary().expect("the dictionary reads");
    let mut visits =
        std::io::BufWriter::new(std::fs::File::create(dir.join("visits.csv")).expect("csv"));
    let mut cats =
        std::io::BufWriter::new(std::fs::File::create(dir.join("categories.csv")).expect("csv"));
    let mut refs =
        std::io::BufWriter::new(std::fs::File::create(dir.join("referrals.csv")).expect("csv"));
    store
        .for_each_day_entry(from, to, |day, visit, e| {
            let day = day.format("%Y-%m-%d");
            let client = e.client.map(|c| c.to_string()).unwrap_or_default();
            let volunteer = dict.key('v', e.volunteer).unwrap_or("?");
            let _ = writeln!(
                visits,
                "{visit},{day},{client},{},{volunteer}",
                e.channel.key()
            );
            for c in e.categories {
                let _ = writeln!(cats, "{visit},{day},{}", dict.key('c', c).unwrap_or("?"));
            }
            for r in e.referrals {
                let _ = writeln!(refs, "{visit},{day},{}", dict.key('r', r).unwrap_or("?"));
            }
        })
        .expect("the day index reads");
    drop((visits, cats, refs));
    let db = dir.join("visits.sqlite");
    let _ = std::fs::remove_file(&db);
    let load = "CREATE TABLE visits(visit INTEGER PRIMARY KEY, day TEXT, client INTEGER, channel TEXT, volunteer TEXT);
CREATE TABLE visit_categories(visit INTEGER, day TEXT, category TEXT);
CREATE TABLE visit_referrals(visit INTEGER, day TEXT, referral TEXT);
.mode csv
.import visits.csv visits
.import categories.csv visit_categories
.import referrals.csv visit_referrals
CREATE INDEX visits_day ON visits(day, client, channel, volunteer);
CREATE INDEX categories_day ON visit_categories(day, category);
CREATE INDEX referrals_day ON visit_referrals(day, referral);
ANALYZE;
";
    let mut child = Command::new("sqlite3")
        .arg(&db)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("sqlite3 runs");
    child
        .stdin
        .take()
        .expect("a pipe to sqlite3")
        .write_all(load.as_bytes())
        .expect("the load script goes in");
    assert!(child.wait().expect("sqlite3 ends").success());
    db
}

fn main() {
    let path = store_path();
    let year = Local::now().year() - 1;
    let from = NaiveDate::from_ymd_opt(year, 1, 1).expect("a date");
    let to = NaiveDate::from_ymd_opt(year, 12, 31).expect("a date");
    let today = Local::now().date_naive();
    let groups = default_groups();

    let store = Store::open(&path).expect("the store opens");
    let mut inproc = Vec::new();
    let mut visits = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        visits = tally::count(&store, from, to, today, &groups, &Default::default())
            .expect("a tally")
            .visits;
        inproc.push(t.elapsed());
    }
    let mut process = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let out = Command::new(bin())
            .arg("--db")
            .arg(&path)
            .args(["tally", "--year", &year.to_string(), "--json"])
            .output()
            .expect("the tally runs");
        process.push(t.elapsed());
        assert!(out.status.success());
    }
    println!("year {year}: {visits} contacts in a store of {CLIENTS} clients, {VISITS} visits");
    println!(
        "  spreekuur tally, in-process     {}   (goal < 20 ms)",
        ms(median(inproc))
    );
    println!(
        "  spreekuur tally --year, process {}   (goal < 50 ms)",
        ms(median(process))
    );

    let Ok(version) = Command::new("sqlite3").arg("--version").output() else {
        println!("  sqlite3 is not installed (apt-get install sqlite3); no comparison");
        return;
    };
    let dir = path.parent().expect("bench/out").to_path_buf();
    let db = dump_for_sqlite(&store, from, to, &dir);
    let (a, b) = (from.format("%Y-%m-%d"), to.format("%Y-%m-%d"));
    let queries = format!(
        "SELECT count(*), count(client), count(DISTINCT client) FROM visits WHERE day BETWEEN '{a}' AND '{b}';
SELECT channel, count(*) FROM visits WHERE day BETWEEN '{a}' AND '{b}' GROUP BY channel;
SELECT volunteer, count(*) FROM visits WHERE day BETWEEN '{a}' AND '{b}' GROUP BY volunteer;
SELECT category, count(*) FROM visit_categories WHERE day BETWEEN '{a}' AND '{b}' GROUP BY category;
SELECT referral, count(*) FROM visit_referrals WHERE day BETWEEN '{a}' AND '{b}' GROUP BY referral;
"
    );
    let mut sql = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let out = Command::new("sqlite3")
            .arg(&db)
            .arg(&queries)
            .output()
            .expect("sqlite3 runs");
        sql.push(t.elapsed());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    println!(
        "  sqlite3 {} GROUP BY, process   {}   (same counts, indexed)",
        String::from_utf8_lossy(&version.stdout)
            .split_whitespace()
            .next()
            .unwrap_or(""),
        ms(median(sql))
    );
}
