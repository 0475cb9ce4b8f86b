//! Appointments through the real binary: `afspraak add/list/cancel/noshow`, `visit
//! --afspraak`, `show`, the tally, restricted clients and every refusal.

mod common;

use chrono::NaiveDateTime;
use common::Office;
use serde_json::{Value, json};
use spreekuur::model::{NewAppointment, Stamp};
use spreekuur::store::Store;

/// "2026-12-04 10:30" (JSON) as the text output writes it: "04-12-2026 10:30".
fn shown(iso: &Value) -> String {
    let at = NaiveDateTime::parse_from_str(iso.as_str().unwrap(), "%Y-%m-%d %H:%M").unwrap();
    at.format("%d-%m-%Y %H:%M").to_string()
}

/// An appointment at a past moment, which the command line refuses to plan, straight into the
/// store (as one planned earlier would be by now).
fn past_appointment(office: &Office, client: u64, at: &str, about: &str, place: &str) -> u64 {
    let store = Store::open(&office.store()).unwrap();
    let at = NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").unwrap();
    let new = NewAppointment {
        client,
        at,
        with: "marieke".into(),
        about: about.into(),
        place: Some(place.into()),
    };
    let stamp = Stamp {
        who: "marieke".into(),
        at: at - chrono::Duration::days(7),
    };
    store.add_appointment(new, &stamp).unwrap().0.number
}

fn actions(office: &Office) -> Vec<String> {
    office
        .ok(&["audit", "--json"])
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn plans_lists_keeps_cancels_and_counts_appointments() {
    let office = Office::new();
    let amina = office.client(&["--name", "Amina Yusuf"]).to_string();
    let yohannes = office.client(&["--name", "Yohannes Tesfay"]).to_string();

    let added = office.ok(&[
        "afspraak",
        "add",
        &amina,
        "--at",
        "vrijdag 10:30",
        "--about",
        "brief DUO",
        "--place",
        "spreekkamer 2",
    ]);
    assert_eq!(added.stdout, "1\n");
    assert!(added.stderr.is_empty(), "{}", added.stderr);
    // The same volunteer at the same moment: planned, with a warning on stderr.
    let second = office.ok(&[
        "afspraak",
        "add",
        &yohannes,
        "--at",
        "vrijdag 10:30",
        "--json",
    ]);
    assert_eq!(second.json(), json!({"number": 2}));
    assert!(
        second.stderr.contains("marieke") && second.stderr.contains("afspraak 1"),
        "{}",
        second.stderr
    );
    let third = office.ok(&[
        "afspraak",
        "add",
        &yohannes,
        "--at",
        "vrijdag 11:00",
        "--with",
        "jan",
    ]);
    assert!(third.stderr.is_empty(), "another moment: {}", third.stderr);

    let friday = office
        .ok(&["afspraak", "list", "--day", "vrijdag", "--json"])
        .json();
    assert_eq!(friday.as_array().unwrap().len(), 3);
    let at = friday[0]["at"].clone();
    assert!(at.as_str().unwrap().ends_with(" 10:30"), "{at}");
    assert_eq!(
        friday[0],
        json!({
            "number": 1,
            "client": 1001,
            "client_name": "Amina Yusuf",
            "at": at,
            "with": "marieke",
            "about": "brief DUO",
            "place": "spreekkamer 2",
            "state": "planned",
            "visit": null,
        })
    );
    let text = office.ok(&["afspraak", "list", "--day", "vrijdag"]).stdout;
    let line = text.lines().find(|l| l.contains("brief DUO")).unwrap();
    for part in [
        &shown(&at),
        "1001",
        "Amina Yusuf",
        "marieke",
        "spreekkamer 2",
        "gepland",
    ] {
        assert!(line.contains(part), "{part} in {text}");
    }
    let english = office
        .ok(&["afspraak", "list", "--day", "vrijdag", "--lang", "en"])
        .stdout;
    assert!(
        english.contains("planned") && english.contains("about"),
        "{english}"
    );
    let jans = office
        .ok(&[
            "afspraak", "list", "--day", "vrijdag", "--with", "jan", "--json",
        ])
        .json();
    assert_eq!(jans[0]["number"], 3);
    assert_eq!(jans.as_array().unwrap().len(), 1);
    let week = office
        .ok(&["afspraak", "list", "--week", "vrijdag", "--json"])
        .json();
    assert_eq!(week.as_array().unwrap().len(), 3);
    // Today (never the next Friday) has none.
    assert!(
        office
            .ok(&["afspraak", "list"])
            .stdout
            .contains("geen afspraken")
    );

    // A visit keeps the client's own appointment, in one go.
    let err = office.refused(&["visit", &yohannes, "--afspraak", "1", "--category", "duo"]);
    assert!(err.contains("client 1001's, not client 1002's"), "{err}");
    assert_eq!(
        office.ok(&["show", &yohannes, "--json"]).json()["visits"],
        json!([]),
        "the refused visit is not stored"
    );
    let err = office.refused(&["visit", &amina, "--afspraak", "99", "--category", "duo"]);
    assert!(err.contains("no appointment 99"), "{err}");
    office.refused(&[
        "visit",
        "--anonymous",
        "--afspraak",
        "1",
        "--category",
        "duo",
    ]);
    let kept = office
        .ok(&[
            "visit",
            &amina,
            "--afspraak",
            "1",
            "--category",
            "duo",
            "--json",
        ])
        .json();
    assert_eq!(
        kept,
        json!({"number": 1, "followup": null, "appointment": 1})
    );
    let err = office.refused(&["visit", &amina, "--afspraak", "1", "--category", "duo"]);
    assert!(err.contains("already kept (visit 1)"), "{err}");
    let shown_json = office.ok(&["show", &amina, "--json"]).json();
    assert_eq!(
        shown_json["visits"][0]["channel"], "afspraak",
        "the default channel"
    );
    assert_eq!(shown_json["appointments"][0]["state"], "kept");
    assert_eq!(shown_json["appointments"][0]["visit"], 1);
    let by_phone = office
        .ok(&[
            "visit",
            &yohannes,
            "--afspraak",
            "2",
            "--category",
            "post",
            "--channel",
            "telefoon",
        ])
        .stdout;
    assert_eq!(by_phone, "2\n");
    assert_eq!(
        office.ok(&["show", &yohannes, "--json"]).json()["visits"][0]["channel"],
        "telefoon",
        "--channel wins"
    );

    // Cancel and no-show: only what is still planned, a no-show only once it has passed.
    let err = office.refused(&["afspraak", "noshow", "3"]);
    assert!(err.contains("still to come"), "{err}");
    assert!(
        office
            .ok(&["afspraak", "cancel", "3"])
            .stdout
            .contains("Afspraak 3 afgezegd")
    );
    let err = office.refused(&["afspraak", "cancel", "3"]);
    assert!(err.contains("already cancelled"), "{err}");
    let err = office.refused(&["afspraak", "noshow", "3"]);
    assert!(err.contains("already cancelled"), "{err}");
    let err = office.refused(&["afspraak", "cancel", "1"]);
    assert!(err.contains("already kept"), "{err}");
    let err = office.refused(&["afspraak", "cancel", "99"]);
    assert!(err.contains("no appointment 99"), "{err}");
    let past = past_appointment(&office, 1001, "2026-03-02 10:00", "uitleg brief", "balie");
    let missed = office
        .ok(&["afspraak", "noshow", &past.to_string(), "--json"])
        .json();
    assert_eq!(missed["state"], "no_show");
    let err = office.refused(&["afspraak", "noshow", &past.to_string()]);
    assert!(err.contains("already marked no-show"), "{err}");

    let t = office.ok(&["tally", "--week", "vrijdag", "--json"]).json();
    assert_eq!(
        t["appointments"],
        json!({"planned": 3, "kept": 2, "cancelled": 1, "no_show": 0, "open": 0})
    );
    let march = office.ok(&["tally", "--month", "2026-03", "--json"]).json();
    assert_eq!(march["appointments"]["no_show"], 1);
    let csv = office.ok(&["tally", "--week", "vrijdag", "--csv"]).stdout;
    assert!(
        csv.contains("Afspraken;appointments_kept;Afspraken nagekomen;2"),
        "{csv}"
    );
    let compared = office
        .ok(&["tally", "--week", "vrijdag", "--compare", "--lang", "en"])
        .stdout;
    assert!(compared.contains("Appointments kept"), "{compared}");

    // The card lists what is still to come.
    office.ok(&[
        "afspraak",
        "add",
        &amina,
        "--at",
        "+2w 9:15",
        "--about",
        "huurtoeslag",
    ]);
    let card = office.ok(&["show", &amina]).stdout;
    let coming = card.split("Komende afspraken").nth(1).unwrap();
    assert!(
        coming.contains("09:15") && coming.contains("huurtoeslag"),
        "{card}"
    );
    assert!(
        !coming
            .split("Bezoeken")
            .next()
            .unwrap()
            .contains("brief DUO"),
        "kept is past"
    );
    let order: Vec<u64> = office.ok(&["show", &amina, "--json"]).json()["appointments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["number"].as_u64().unwrap())
        .collect();
    assert_eq!(order, [5, 1, 4], "latest moment first");

    let log = actions(&office);
    for action in [
        "appointment",
        "appointment_kept",
        "appointment_cancel",
        "appointment_no_show",
    ] {
        assert!(log.iter().any(|a| a == action), "{action} in {log:?}");
    }
    assert!(office.ok(&["check"]).stdout.contains("in orde"));
}

#[test]
fn bad_appointments_are_refused_with_what_to_do_and_nothing_stored() {
    let office = Office::new();
    let n = office.client(&["--name", "Zainab Kadhim"]).to_string();
    let refused = |args: &[&str], says: &str| {
        let mut all = vec!["afspraak"];
        all.extend_from_slice(args);
        let err = office.refused(&all);
        assert!(err.contains(says), "{args:?}: {err}");
    };
    refused(&["add", &n], "--at");
    refused(&["add", &n, "--at", "vrijdag"], "vrijdag 10:30");
    refused(&["add", &n, "--at", "gisteren 10:00"], "in the past");
    refused(&["add", &n, "--at", "vrijdag 25:00"], "14:30");
    refused(&["add", &n, "--at", "ooit 10:00"], "14:30");
    refused(&["add", "4242", "--at", "vrijdag 10:00"], "no client 4242");
    refused(
        &[
            "add",
            &n,
            "--at",
            "vrijdag 10:00",
            "--about",
            "bsn 111222333",
        ],
        "BSN",
    );
    refused(
        &[
            "add",
            &n,
            "--at",
            "vrijdag 10:00",
            "--place",
            "bsn 111.222.333",
        ],
        "BSN",
    );
    let long = "a".repeat(300);
    refused(
        &["add", &n, "--at", "vrijdag 10:00", "--about", &long],
        "under 200",
    );
    refused(
        &["add", &n, "--at", "vrijdag 10:00", "--with", "  "],
        "empty",
    );
    refused(&["list", "--day", "31-02-2026"], "vrijdag");
    refused(&["list", "--day", "vandaag", "--week"], "cannot be used");
    refused(&["cancel", "x"], "invalid value");
    refused(&["noshow", "7"], "no appointment 7");
    assert_eq!(
        office
            .ok(&["afspraak", "list", "--week", "vrijdag", "--json"])
            .json(),
        json!([]),
        "nothing stored"
    );
    // Escape sequences never reach the store.
    office.ok(&[
        "afspraak",
        "add",
        &n,
        "--at",
        "vrijdag 10:00",
        "--about",
        "brief\u{1b}[31m DUO",
    ]);
    let listed = office
        .ok(&["afspraak", "list", "--day", "vrijdag", "--json"])
        .json();
    assert_eq!(listed[0]["about"], "brief DUO");
}

#[test]
fn a_restricted_clients_appointments_show_only_to_its_volunteer_or_with_restricted() {
    let office = Office::with_config("coordinators = [\"marieke\"]\n");
    let hidden = office.client(&["--name", "Verborgen Persoon"]).to_string();
    let open = office.client(&["--name", "Gewoon Persoon"]).to_string();
    office.ok(&["afspraak", "add", &hidden, "--at", "vrijdag 10:00"]);
    office.ok(&[
        "afspraak",
        "add",
        &open,
        "--at",
        "vrijdag 11:00",
        "--with",
        "joost",
    ]);
    office.ok(&["restrict", &hidden]);
    let names = |who: &str, extra: &[&str]| -> Vec<String> {
        let mut args = vec![
            "--as", who, "afspraak", "list", "--day", "vrijdag", "--json",
        ];
        args.extend_from_slice(extra);
        // The login is a coordinator, for --restricted; --as is whose list it is.
        office
            .ok_as_coordinator("marieke", &args)
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["client_name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names("joost", &[]), ["Gewoon Persoon"]);
    assert_eq!(
        names("joost", &["--restricted"]),
        ["Verborgen Persoon", "Gewoon Persoon"]
    );
    assert_eq!(
        names("marieke", &[]),
        ["Verborgen Persoon", "Gewoon Persoon"],
        "the volunteer it is with sees it"
    );
    let text = office
        .ok(&["--as", "joost", "afspraak", "list", "--day", "vrijdag"])
        .stdout;
    assert!(!text.contains("Verborgen"), "{text}");
}

#[test]
fn a_past_appointment_can_be_kept_by_a_late_visit() {
    let office = Office::new();
    let n = office.client(&["--name", "Luwam Fitsum"]);
    let a = past_appointment(&office, n, "2026-03-02 10:00", "formulier", "balie").to_string();
    office.ok(&[
        "visit",
        &n.to_string(),
        "--afspraak",
        &a,
        "--category",
        "post",
        "--at",
        "2026-03-02 10:05",
    ]);
    let t = office
        .ok(&["tally", "--day", "2026-03-02", "--json"])
        .json();
    assert_eq!(t["appointments"]["kept"], 1);
    assert_eq!(t["by_channel"]["afspraak"], 1);
}

fn file_contains(path: &std::path::Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn forget_leaves_no_byte_of_an_appointments_texts_and_keeps_past_counts() {
    let office = Office::with_config("coordinators = [\"marieke\"]\n");
    let n = office.client(&["--name", "Zerihun Qelemwork"]);
    let other = office.client(&["--name", "Blijft Bestaan"]);
    let s = n.to_string();
    let kept = past_appointment(
        &office,
        n,
        "2026-03-02 10:00",
        "verledenXXonderwerp",
        "plekYYadres",
    );
    office.ok(&[
        "visit",
        &s,
        "--afspraak",
        &kept.to_string(),
        "--category",
        "post",
        "--at",
        "2026-03-02 10:05",
    ]);
    let missed = past_appointment(&office, n, "2026-03-09 10:00", "gemistWWonderwerp", "balie");
    office.ok(&["afspraak", "noshow", &missed.to_string()]);
    past_appointment(
        &office,
        other,
        "2026-03-09 11:00",
        "blijftVVonderwerp",
        "balie",
    );
    office.ok(&[
        "afspraak",
        "add",
        &s,
        "--at",
        "vrijdag 10:30",
        "--about",
        "komendZZonderwerp",
        "--place",
        "komendeUUplek",
    ]);
    let spring = [
        "tally",
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--json",
    ];
    let before = office.ok(&spring).json();
    assert_eq!(
        before["appointments"],
        json!({"planned": 3, "kept": 1, "cancelled": 0, "no_show": 1, "open": 1})
    );
    let secrets = [
        "verledenXXonderwerp",
        "plekYYadres",
        "gemistWWonderwerp",
        "komendZZonderwerp",
        "komendeUUplek",
    ];
    for secret in secrets {
        assert!(
            file_contains(&office.store(), secret),
            "{secret} is stored before"
        );
    }

    let export = office
        .command()
        .env("LOGNAME", "marieke")
        .args(["export", &s, "--json"])
        .output()
        .unwrap();
    let export: Value = serde_json::from_slice(&export.stdout).unwrap();
    let abouts: Vec<&str> = export["appointments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["about"].as_str().unwrap())
        .collect();
    assert_eq!(
        abouts,
        [
            "komendZZonderwerp",
            "gemistWWonderwerp",
            "verledenXXonderwerp"
        ],
        "the access export holds every appointment"
    );

    let forgot = office
        .command()
        .env("LOGNAME", "marieke")
        .args(["forget", &s, "--yes"])
        .output()
        .unwrap();
    assert!(
        forgot.status.success(),
        "{}",
        String::from_utf8_lossy(&forgot.stderr)
    );
    for secret in secrets {
        assert!(
            !file_contains(&office.store(), secret),
            "{secret} is still in the store file after forget"
        );
    }
    assert!(
        file_contains(&office.store(), "blijftVVonderwerp"),
        "another client's stays"
    );
    // Who came changes in one way only: the forgotten client is now of unknown origin,
    // gender, age, language and interpreter (docs/tallies.md).
    let after = office.ok(&spring).json();
    assert_eq!(
        common::without_who(after.clone()),
        common::without_who(before.clone()),
        "past tallies do not change"
    );
    assert_eq!(after["clients_interpreter"]["unknown"], 1);
    assert_eq!(after["clients_by_country"]["unknown"], 1);
    let friday = office
        .ok(&["afspraak", "list", "--day", "vrijdag", "--json"])
        .json();
    assert_eq!(friday[0]["client"], n, "the anonymous count stays");
    assert_eq!(friday[0]["client_name"], json!(null));
    assert_eq!(friday[0]["about"], "");
    assert_eq!(friday[0]["place"], json!(null));
    assert_eq!(friday[0]["state"], "cancelled", "it will not take place");
    let text = office.ok(&["afspraak", "list", "--day", "vrijdag"]).stdout;
    assert!(text.contains("(gewist)"), "{text}");
    assert!(office.ok(&["check"]).stdout.contains("in orde"));
}

#[test]
fn demo_data_holds_kept_cancelled_missed_and_coming_appointments_the_same_for_a_seed() {
    let fill = |office: &Office| {
        let out = office
            .ok(&[
                "demo",
                "--clients",
                "200",
                "--visits",
                "2000",
                "--seed",
                "3",
                "--json",
            ])
            .json();
        assert!(out["appointments"].as_u64().unwrap() > 0, "{out}");
    };
    let office = Office::with_config("coordinators = [\"marieke\"]\n");
    fill(&office);
    let all = office
        .ok(&[
            "tally",
            "--from",
            "2000-01-01",
            "--to",
            "2100-12-31",
            "--json",
        ])
        .json();
    let a = &all["appointments"];
    for state in ["kept", "cancelled", "no_show", "open"] {
        assert!(a[state].as_u64().unwrap() > 0, "{state}: {a}");
    }
    assert!(
        a["kept"].as_u64() <= all["by_channel"]["afspraak"].as_u64(),
        "each named visit by appointment kept one (anonymous ones none): {all}"
    );
    let week = [
        "afspraak",
        "list",
        "--week",
        "+1w",
        "--restricted",
        "--json",
    ];
    let coming = office.ok_as_coordinator("marieke", &week).json();
    let coming = coming.as_array().unwrap();
    assert!(!coming.is_empty());
    assert!(coming.iter().all(|x| x["state"] == "planned"));
    assert!(
        coming
            .iter()
            .any(|x| !x["about"].as_str().unwrap().is_empty())
    );
    assert!(office.ok(&["check"]).stdout.contains("in orde"));

    let twin = Office::with_config("coordinators = [\"marieke\"]\n");
    fill(&twin);
    assert_eq!(
        twin.ok_as_coordinator("marieke", &week).json(),
        office.ok_as_coordinator("marieke", &week).json()
    );
}
