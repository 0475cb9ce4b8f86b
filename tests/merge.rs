//! `tally merge` through the real binary, over the outside tallies of two real stores.

mod common;

use common::Office;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// An office with `clients` clients, each with one visit in March 2025 about `category`.
fn office_with(clients: usize, category: &str) -> Office {
    let office = Office::new();
    for i in 0..clients {
        let n = office.client(&["--name", &format!("Client {i} Test"), "--born", "1980"]);
        office.ok(&[
            "visit",
            &n.to_string(),
            "--at",
            "2025-03-04 10:00",
            "--category",
            category,
        ]);
    }
    office.ok(&[
        "visit",
        "--anonymous",
        "--at",
        "2025-04-01 11:00",
        "--category",
        "duo",
    ]);
    office
}

/// The office's outside tally of `period` ("--year 2025"), written to a file in `dir`.
fn sent(office: &Office, period: &[&str], dir: &Path, name: &str) -> PathBuf {
    let mut args = vec!["tally", "--json", "--for-outside"];
    args.extend_from_slice(period);
    let json = office.ok(&args).stdout;
    let path = dir.join(name);
    std::fs::write(&path, json).unwrap();
    path
}

#[test]
fn two_offices_add_up_and_other_periods_or_files_are_refused_by_name() {
    let voorschoten = office_with(6, "toeslagen");
    let leiden = office_with(8, "huisvesting");
    let region = Office::new();
    let dir = region.dir.path();
    let a = sent(&voorschoten, &["--year", "2025"], dir, "voorschoten.json");
    let b = sent(&leiden, &["--year", "2025"], dir, "leiden.json");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());

    let sum: Value = region.ok(&["tally", "merge", a, b, "--json"]).json();
    assert_eq!(sum["visits"], 16);
    assert_eq!(sum["anonymous_visits"], 2);
    assert_eq!(
        sum["clients"], 14,
        "the sum of each office's unique clients"
    );
    assert_eq!(
        sum["by_category"]["toeslagen"], 6,
        "a key only one office has is kept"
    );
    assert_eq!(sum["by_category"]["huisvesting"], 8);
    assert_eq!(sum["by_category"]["duo"], 2);
    assert_eq!(sum["by_month"]["2025-03"], 14);
    assert_eq!(sum["period"], "2025");
    assert_eq!(sum["merged"]["offices"], 2);
    assert!(sum.get("by_volunteer").is_none());

    let text = region.ok(&["tally", "merge", a, b]).stdout;
    assert!(text.contains("Opgeteld uit 2 kantoren"), "{text}");
    assert!(text.contains("telt twee keer"), "{text}");
    let csv = region.ok(&["tally", "merge", a, b, "--csv"]).stdout;
    assert!(csv.contains("visits;Contacten;16"), "{csv}");
    let book = dir.join("regio.xlsx");
    let written = region.ok(&["tally", "merge", a, b, "--xlsx", book.to_str().unwrap()]);
    assert_eq!(
        written.stdout,
        format!("{}\n", book.display()),
        "the path alone"
    );
    // The workbook says what the table says: where the sum comes from, and how to read it.
    use calamine::{Reader, Xlsx, open_workbook};
    let mut workbook: Xlsx<_> = open_workbook(&book).unwrap();
    let first = workbook.worksheet_range("Overzicht").unwrap();
    let notes: Vec<String> = first.rows().map(|r| r[0].to_string()).collect();
    for note in [
        "Opgeteld uit 2 kantoren",
        "telt twee keer",
        "Voor buiten het kantoor",
    ] {
        assert!(
            notes.iter().any(|n| n.contains(note)),
            "{note} in {notes:?}"
        );
    }
    let contacts = first.rows().find(|r| r[0] == "Contacten").unwrap();
    assert_eq!(contacts[1], calamine::Data::Float(16.0));

    let spring = sent(&leiden, &["--quarter", "2025-Q1"], dir, "leiden-q1.json");
    let err = region.refused(&["tally", "merge", a, spring.to_str().unwrap()]);
    assert!(
        err.contains("leiden-q1.json") && err.contains("same period"),
        "{err}"
    );
    let inside = dir.join("binnen.json");
    std::fs::write(
        &inside,
        leiden.ok(&["tally", "--json", "--year", "2025"]).stdout,
    )
    .unwrap();
    let err = region.refused(&["tally", "merge", a, inside.to_str().unwrap()]);
    assert!(
        err.contains("binnen.json") && err.contains("--for-outside"),
        "{err}"
    );
    let other = dir.join("iets.json");
    std::fs::write(&other, r#"{"name": "geen telling"}"#).unwrap();
    let err = region.refused(&["tally", "merge", a, other.to_str().unwrap()]);
    assert!(
        err.contains("iets.json") && err.contains("no spreekuur tally"),
        "{err}"
    );
}
