//! `jaaroverzicht YEAR --close` through the real binary: the closed figures stay as they
//! were sent, a late entry after closing is kept and counted live, and closing again.

mod common;

use common::{Office, Ran};
use serde_json::Value;

const COORDINATOR: &str = "coord";

fn office() -> Office {
    Office::with_config(&format!("coordinators = [\"{COORDINATOR}\"]\n"))
}

fn as_coordinator(office: &Office, args: &[&str]) -> Ran {
    office.ok_as_coordinator(COORDINATOR, args)
}

fn visit(office: &Office, client: u64, at: &str, category: &str) -> String {
    let number = office
        .ok(&[
            "visit",
            &client.to_string(),
            "--at",
            at,
            "--category",
            category,
            "--json",
        ])
        .json()["number"]
        .as_u64()
        .unwrap();
    number.to_string()
}

fn year(office: &Office, args: &[&str]) -> Value {
    let mut all = vec!["jaaroverzicht", "2025", "--json"];
    all.extend_from_slice(args);
    office.ok(&all).json()
}

#[test]
fn a_closed_year_keeps_its_figures_and_counts_what_changed_after() {
    let office = office();
    let amina = office.client(&["--name", "Amina Yusuf", "--born", "1985"]);
    let tesfay = office.client(&["--name", "Tesfay Gebre", "--born", "1990"]);
    visit(&office, amina, "2025-03-04 10:00", "toeslagen");
    let corrected = visit(&office, tesfay, "2025-05-06 11:00", "huisvesting");
    visit(&office, amina, "2025-11-20 14:00", "duo");

    let err = office.refused(&["jaaroverzicht", "2025", "--close"]);
    assert!(err.contains("coordinator"), "{err}");
    assert!(
        year(&office, &[]).get("closed").is_none(),
        "nothing was closed"
    );

    let closing = as_coordinator(&office, &["jaaroverzicht", "2025", "--close"]);
    assert!(
        closing.stdout.contains("2025 gesloten"),
        "{}",
        closing.stdout
    );
    let closed = year(&office, &[]);
    assert_eq!(closed["visits"], 3);
    assert_eq!(closed["clients"], 2);
    assert_eq!(closed["period"], "2025");
    assert_eq!(
        closed["closed"]["by"], "marieke",
        "the volunteer, as in the audit log"
    );
    assert_eq!(closed["closed"]["contacts_changed_after"], 0);

    // A late entry and a correction in the closed year are kept and counted live; the
    // closed figures stay, and say that two contacts changed.
    visit(&office, tesfay, "2025-12-01 09:30", "toeslagen");
    office.ok(&["visit-edit", &corrected, "--category", "post,duo"]);
    let after = year(&office, &["--live"]);
    assert_eq!(after["visits"], 3);
    assert_eq!(after["by_category"]["huisvesting"], 1);
    assert_eq!(after["closed"]["contacts_changed_after"], 2);
    assert_eq!(after["live"]["visits"], 4);
    assert_eq!(after["live"]["by_category"]["duo"], 2);
    let text = office.ok(&["jaaroverzicht", "2025"]).stdout;
    assert!(text.contains("door marieke"), "{text}");
    assert!(text.contains("2 contacten"), "{text}");
    let live = office.ok(&["jaaroverzicht", "2025", "--live"]).stdout;
    assert!(
        live.contains("2025 nu") && live.contains("2025 gesloten"),
        "{live}"
    );
    // A visit in another year is no change to the closed one.
    visit(&office, amina, "2026-01-05 10:00", "duo");
    assert_eq!(year(&office, &[])["closed"]["contacts_changed_after"], 2);

    // The closed figures outlive the client's erasure.
    as_coordinator(&office, &["forget", &amina.to_string(), "--yes"]);
    let kept = year(&office, &[]);
    assert_eq!(kept["visits"], 3);
    assert_eq!(kept["clients"], 2);

    // Closing again takes today's figures; the audit log holds both closings.
    as_coordinator(&office, &["jaaroverzicht", "2025", "--close"]);
    let again = year(&office, &[]);
    assert_eq!(again["visits"], 4);
    assert_eq!(again["by_category"]["duo"], 2);
    assert_eq!(again["closed"]["contacts_changed_after"], 0);
    let log = office
        .ok(&["audit", "--action", "close_year", "--json"])
        .json();
    let lines = log.as_array().expect("a list of audit lines");
    assert_eq!(lines.len(), 2, "{log}");
    assert!(
        lines
            .iter()
            .all(|l| l["object"] == 2025 && l["who"] == "marieke"),
        "{log}"
    );
}

#[test]
fn a_year_not_yet_begun_cannot_be_closed_and_an_open_year_says_so_with_live() {
    let office = office();
    office.client(&["--name", "Hodan Jama"]);
    let out = office
        .command()
        .env("LOGNAME", COORDINATOR)
        .args(["jaaroverzicht", "2090", "--close"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has not begun"));
    let open = office.ok(&["jaaroverzicht", "2025", "--live"]).stdout;
    assert!(open.contains("niet gesloten"), "{open}");
}
