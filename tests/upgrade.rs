//! Stores made by earlier releases open with today's code, read as they did, and keep
//! working. The fixtures and what those releases printed for them are in tests/fixtures
//! (release-1: before appointments; release-2: the name index of one entry per term and
//! client; each README says how it was made); each test works on a copy.

mod common;

use common::Office;
use serde_json::{Value, json};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/release-1");
const RELEASE_2: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/release-2");

/// The day the old release printed the fixture's JSON files.
const PRINTED_ON: &str = "2026-12-02";

/// Keys whose value follows today's date rather than the store: whether a follow-up is overdue,
/// and the follow-up figures a tally takes "now".
const DATED_KEYS: &[&str] = &["overdue", "overdue_now", "open_now"];

fn office() -> Office {
    Office::with_store_copy(&Path::new(FIXTURE).join("store.redb"))
}

/// What the old release printed to `name`, without the dated keys unless today is the day it
/// printed them (on another day they differ for the date alone).
fn printed(name: &str, today: &str) -> Value {
    let path = Path::new(FIXTURE).join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let mut doc: Value = serde_json::from_str(&text).expect("the fixture is JSON");
    if today != PRINTED_ON {
        strip(&mut doc, DATED_KEYS);
    }
    doc
}

fn strip(doc: &mut Value, keys: &[&str]) {
    match doc {
        Value::Object(map) => {
            map.retain(|k, _| !keys.contains(&k.as_str()));
            map.values_mut().for_each(|v| strip(v, keys));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| strip(v, keys)),
        _ => {}
    }
}

/// Where `new` differs from `old` other than by added keys: JSON output only grows. Arrays
/// keep their length and order, element by element.
fn differences(old: &Value, new: &Value, at: &str, found: &mut Vec<String>) {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            for (key, value) in o {
                match n.get(key) {
                    Some(v) => differences(value, v, &format!("{at}.{key}"), found),
                    None => found.push(format!("{at}.{key} is gone (was {value})")),
                }
            }
        }
        (Value::Array(o), Value::Array(n)) if o.len() == n.len() => {
            for (i, (a, b)) in o.iter().zip(n).enumerate() {
                differences(a, b, &format!("{at}[{i}]"), found);
            }
        }
        _ if old == new => {}
        _ => found.push(format!("{at} was {old}, is now {new}")),
    }
}

fn assert_holds(new: &Value, old: &Value, what: &str) {
    let mut found = Vec::new();
    differences(old, new, what, &mut found);
    assert!(
        found.is_empty(),
        "{what} no longer holds what the old release printed:\n{}\nnow: {new:#}",
        found.join("\n")
    );
}

/// Today as the binary sees it (the office's zone): the day a plain tally counts.
fn today(office: &Office) -> String {
    let day = office.ok(&["tally", "--json"]).json();
    day["from"]
        .as_str()
        .expect("a day tally has a from")
        .to_string()
}

fn assert_in_order(office: &Office) {
    let checked = office.ok(&["check"]);
    assert!(checked.stdout.contains("in orde"), "{}", checked.stdout);
}

fn count(doc: &Value, group: &str, key: &str) -> u64 {
    doc[group][key].as_u64().unwrap_or(0)
}

#[test]
fn a_store_of_the_previous_release_reads_as_it_did() {
    let office = office();
    // The first command opens it with today's code, which adds what this release keeps.
    assert_in_order(&office);
    let mode = std::fs::metadata(office.store())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600, "still only its owner can read it");
    let today = today(&office);

    for year in ["2026", "2025"] {
        let tally = office.ok(&["tally", "--year", year, "--json"]).json();
        let old = printed(&format!("tally-{year}.json"), &today);
        assert_holds(&tally, &old, &format!("tally {year}"));
        assert_eq!(
            tally["appointments"]["planned"], 0,
            "no appointments before they existed"
        );
    }

    let shown = office.ok(&["show", "1041", "--json"]).json();
    assert_holds(&shown, &printed("show-1041.json", &today), "show 1041");
    assert_eq!(shown["client"]["begeleider"], json!(null));
    assert_eq!(shown["appointments"], json!([]));
    assert_eq!(shown["followups"][0]["deadline"], json!(null));

    let found = office.ok(&["find", "hassan", "--json"]).json();
    assert_holds(&found, &printed("find-hassan.json", &today), "find hassan");

    let open = office.ok(&["followups", "--json"]).json();
    assert_holds(&open, &printed("followups.json", &today), "followups");
    assert!(
        open.as_array()
            .unwrap()
            .iter()
            .all(|f| f["deadline"].is_null())
    );

    assert_eq!(
        office
            .ok(&["find", "--begeleider", "marieke", "--json"])
            .json(),
        json!([]),
        "nobody had a begeleider yet"
    );
}

#[test]
fn a_store_of_the_previous_release_keeps_working() {
    let office = office();
    let today = today(&office);
    let year = &today[..4];
    let before = office.ok(&["tally", "--year", year, "--json"]).json();

    // Numbers carry on from the old store's counters.
    let visit = office
        .ok(&["visit", "1041", "--category", "duo", "--json"])
        .json();
    assert_eq!(visit, json!({"number": 302, "followup": null}));

    let guard = office
        .ok(&[
            "followup",
            "add",
            "1041",
            "--deadline",
            "bezwaar",
            "--letter",
            "28-11-2026",
            "--yes",
            "--json",
        ])
        .json();
    assert_eq!(
        guard,
        json!({"number": 60, "deadline": "2027-01-11", "due": "2027-01-04"})
    );

    office.ok(&["client", "edit", "1041", "--begeleider", "joost"]);

    let day = chrono::NaiveDate::parse_from_str(&today, "%Y-%m-%d").expect("an ISO day");
    let coming = format!("{} 10:30", day + chrono::Duration::days(7));
    let planned = office
        .ok(&["afspraak", "add", "1041", "--at", &coming, "--json"])
        .json();
    assert_eq!(
        planned,
        json!({"number": 1}),
        "the store's first appointment"
    );

    let guided = office
        .ok(&["find", "--begeleider", "joost", "--json"])
        .json();
    assert_eq!(guided.as_array().unwrap().len(), 1, "{guided}");
    assert_eq!(guided[0]["number"], 1041);
    assert_eq!(guided[0]["last_visit"], today);

    let shown = office.ok(&["show", "1041", "--json"]).json();
    assert_eq!(shown["client"]["begeleider"], "joost");
    assert_eq!(shown["client"]["household"], 7, "the household stays");
    assert_eq!(shown["appointments"][0]["at"], coming);
    assert_eq!(shown["appointments"][0]["state"], "planned");
    assert_eq!(shown["visits"][0]["number"], 302);
    assert_eq!(shown["visits"][1]["number"], 301);

    let open = office.ok(&["followups", "--json"]).json();
    let rows = open.as_array().unwrap();
    let old_rows = printed("followups.json", &today);
    for old in old_rows.as_array().unwrap() {
        let row = rows
            .iter()
            .find(|r| r["number"] == old["number"])
            .unwrap_or_else(|| panic!("follow-up {} is gone: {open}", old["number"]));
        assert_holds(row, old, &format!("follow-up {}", old["number"]));
    }
    let new = rows.iter().find(|r| r["number"] == 60).expect("the guard");
    assert_eq!(
        new["deadline"],
        json!({"rule": "bezwaar", "letter": "2026-11-28", "ends": "2027-01-11"})
    );

    assert_in_order(&office);
    let after = office.ok(&["tally", "--year", year, "--json"]).json();
    assert_eq!(
        after["visits"].as_u64(),
        before["visits"].as_u64().map(|n| n + 1)
    );
    assert_eq!(
        count(&after, "by_category", "duo"),
        count(&before, "by_category", "duo") + 1
    );
    assert_eq!(
        count(&after, "by_volunteer", "marieke"),
        count(&before, "by_volunteer", "marieke") + 1
    );
    assert_eq!(
        count(&after, "followups", "opened"),
        count(&before, "followups", "opened") + 1
    );
}

/// The search's answers the last release printed, by query (the file name's words).
const RELEASE_2_FINDS: [&str; 4] = ["hassan", "amina yusuf", "mohammed al hassan", "0612345678"];

/// `found` with only the fields the last release printed for each client (a later one adds
/// fields, such as `interpreter`; what it found must not change).
fn fields_of(mut found: Value, old: &Value) -> Value {
    if let (Some(rows), Some(old_rows)) = (found.as_array_mut(), old.as_array()) {
        for (row, old_row) in rows.iter_mut().zip(old_rows) {
            if let (Some(row), Some(old_row)) = (row.as_object_mut(), old_row.as_object()) {
                row.retain(|key, _| old_row.contains_key(key));
            }
        }
    }
    found
}

fn release_2_found(office: &Office, query: &str) -> Value {
    let mut args = vec!["--as", "marieke", "find"];
    args.extend(query.split(' '));
    args.push("--json");
    office.ok(&args).json()
}

#[test]
fn a_store_of_the_last_release_finds_what_it_found_and_keeps_finding() {
    let office = Office::with_store_copy(&Path::new(RELEASE_2).join("store.redb"));
    for query in RELEASE_2_FINDS {
        let file = Path::new(RELEASE_2).join(format!("find-{}.json", query.replace(' ', "-")));
        let text = std::fs::read_to_string(&file).expect("the fixture's answer");
        let old: Value = serde_json::from_str(&text).expect("the fixture is JSON");
        assert_eq!(
            fields_of(release_2_found(&office, query), &old),
            old,
            "find {query}"
        );
    }
    assert_in_order(&office);

    let added = office
        .ok(&[
            "--as",
            "marieke",
            "client",
            "add",
            "--name",
            "Yohannes Gebremedhin",
            "--born",
            "1990",
        ])
        .stdout;
    let number: u64 = added.trim().parse().expect("the new client's number");
    let found = release_2_found(&office, "yohannes gebre");
    assert_eq!(found[0]["number"], number, "{found}");

    office.ok(&[
        "--as",
        "marieke",
        "client",
        "edit",
        "1042",
        "--name",
        "Sahra Warsame",
    ]);
    let found = release_2_found(&office, "yusuf ali");
    assert!(
        found
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["number"] != 1042),
        "the old name no longer finds her: {found}"
    );
    assert_eq!(release_2_found(&office, "sahra warsame")[0]["number"], 1042);
    assert_in_order(&office);
}
