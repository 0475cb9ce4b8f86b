//! The command line as a volunteer and a script use it: every command, the JSON shapes and
//! the refusals, through the real binary.

mod common;

use common::Office;
use serde_json::json;
use std::os::unix::fs::PermissionsExt;

#[test]
fn a_name_found_by_its_alias_shows_that_spelling_beside_it() {
    let office = Office::new();
    let n = office.client(&[
        "--name",
        "محمد الحسن",
        "--alias",
        "Mohammed Alhassan",
        "--born",
        "1986",
    ]);
    let text = office.ok(&["find", "mohammed", "alhassan"]).stdout;
    assert!(text.contains("محمد الحسن (Mohammed Alhassan)"), "{text}");
    let found = office
        .ok(&["find", "mohamed", "al-hassan", "--json"])
        .json();
    assert_eq!(found[0]["number"], n);
    assert_eq!(found[0]["matched_alias"], "Mohammed Alhassan");
    // Found by its own script, the name needs nothing beside it.
    let found = office.ok(&["find", "محمد", "--json"]).json();
    assert_eq!(found[0]["matched_alias"], json!(null));
    // The duplicate warning shows the readable spelling too.
    let added = office.ok(&[
        "client",
        "add",
        "--name",
        "Muhammad Al Hassan",
        "--born",
        "1986",
    ]);
    assert!(
        added.stderr.contains("محمد الحسن (Mohammed Alhassan)"),
        "{}",
        added.stderr
    );
}

#[test]
fn registers_finds_and_shows_a_client() {
    let office = Office::new();
    let n = office.client(&[
        "--name",
        "Mohammed Al-Hassan",
        "--alias",
        "Muhammad Alhassan",
        "--born",
        "1986-03-02",
        "--country",
        "sy",
        "--language",
        "ar,en",
        "--interpreter",
        "--phone",
        "06-12345678",
        "--note",
        "komt met buurvrouw",
    ]);
    assert_eq!(n, 1001, "client numbers start at 1001");
    let second = office.ok(&["client", "add", "--name", "Amina Yusuf", "--born", "1990"]);
    assert_eq!(second.stdout, "1002\n");

    let found = office.ok(&["find", "mohammed", "--json"]).json();
    assert_eq!(
        found[0],
        json!({
            "number": 1001,
            "name": "Mohammed Al-Hassan",
            "aliases": ["Muhammad Alhassan"],
            "born": "1986-03-02",
            "country": "SY",
            "last_visit": null,
            "open_followups": 0,
            "interpreter": true,
            "matched_alias": null,
        })
    );
    let text = office.ok(&["find", "mohammed"]).stdout;
    assert!(
        text.contains("1001") && text.contains("Mohammed Al-Hassan"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "no escape codes when stdout is not a terminal"
    );

    let shown = office.ok(&["show", "1001", "--json"]).json();
    assert_eq!(shown["client"]["name"], "Mohammed Al-Hassan");
    assert_eq!(shown["client"]["languages"], json!(["ar", "en"]));
    assert_eq!(shown["client"]["interpreter"], true);
    assert_eq!(shown["client"]["phone"], "06-12345678");
    assert_eq!(shown["client"]["created"]["by"], "marieke");
    assert_eq!(shown["visits"], json!([]));
    assert_eq!(shown["followups"], json!([]));
    let text = office.ok(&["show", "1001"]).stdout;
    assert!(text.contains("komt met buurvrouw"), "{text}");
}

#[test]
fn logs_visits_with_referrals_and_follow_ups() {
    let office = Office::new();
    let n = office.client(&["--name", "Yohannes Tesfay", "--born", "1990"]);
    let logged = office
        .ok(&[
            "visit",
            &n.to_string(),
            "--category",
            "toeslagen,post",
            "--refer",
            "kwadraad:budgetcoach",
            "--channel",
            "infopunt",
            "--note",
            "brief Belastingdienst",
            "--at",
            "2026-11-27 14:30",
            "--follow-up",
            "navragen bij Kwadraad",
            "--due",
            "2026-12-11",
            "--json",
        ])
        .json();
    assert_eq!(logged, json!({"number": 1, "followup": 1}));
    let anonymous = office
        .ok(&[
            "visit",
            "--anonymous",
            "--category",
            "huisvesting",
            "--json",
        ])
        .json();
    assert_eq!(anonymous, json!({"number": 2, "followup": null}));

    let shown = office.ok(&["show", &n.to_string(), "--json"]).json();
    assert_eq!(
        shown["visits"][0],
        json!({
            "number": 1,
            "client": n,
            "when": "2026-11-27 14:30",
            "volunteer": "marieke",
            "channel": "infopunt",
            "categories": ["toeslagen", "post"],
            "referrals": [{"destination": "kwadraad", "note": "budgetcoach"}],
            "note": "brief Belastingdienst",
        })
    );
    assert_eq!(shown["followups"][0]["text"], "navragen bij Kwadraad");
    assert_eq!(shown["followups"][0]["referral"], "kwadraad");

    let open = office.ok(&["followups", "--json"]).json();
    assert_eq!(open[0]["number"], 1);
    assert_eq!(open[0]["client"], n);
    assert_eq!(open[0]["client_name"], "Yohannes Tesfay");
    assert_eq!(open[0]["due"], "2026-12-11");
    assert_eq!(open[0]["assignee"], "marieke");
    assert!(open[0]["overdue"].is_boolean());

    let done = office.ok(&["done", "1"]);
    assert!(
        done.stdout.contains("navragen bij Kwadraad"),
        "{}",
        done.stdout
    );
    assert_eq!(office.ok(&["followups", "--json"]).json(), json!([]));
    let again = office.refused(&["done", "1"]);
    assert!(again.contains("already done"), "{again}");
}

#[test]
fn tally_counts_a_day_with_the_foundation_shape() {
    let office = Office::new();
    let a = office.client(&["--name", "Rasha Qassem"]).to_string();
    let b = office.client(&["--name", "Hodan Yusuf Jama"]).to_string();
    let day = "2026-11-27";
    for (client, cats) in [(&a, "toeslagen,post"), (&a, "duo"), (&b, "toeslagen")] {
        office.ok(&[
            "visit",
            client,
            "--category",
            cats,
            "--at",
            &format!("{day} 10:00"),
        ]);
    }
    office.ok(&[
        "visit",
        "--anonymous",
        "--category",
        "overig",
        "--refer",
        "voedselbank",
        "--at",
        &format!("{day} 23:59"),
    ]);
    office.ok(&[
        "visit",
        &a,
        "--category",
        "huisvesting",
        "--at",
        "2026-11-28 00:00",
    ]);

    let t = office.ok(&["tally", "--day", day, "--json"]).json();
    assert_eq!(t["from"], day);
    assert_eq!(t["to"], day);
    assert_eq!(t["visits"], 4);
    assert_eq!(t["anonymous_visits"], 1);
    assert_eq!(t["clients"], 2);
    assert_eq!(t["new_clients"], 2);
    assert_eq!(
        t["by_category"],
        json!({"toeslagen": 2, "post": 1, "duo": 1, "overig": 1})
    );
    assert_eq!(t["by_referral"], json!({"voedselbank": 1}));
    assert_eq!(t["by_channel"], json!({"spreekuur": 4}));
    assert_eq!(t["by_volunteer"], json!({"marieke": 4}));
    for key in ["opened", "done", "open_now", "overdue_now"] {
        assert!(t["followups"][key].is_u64(), "followups.{key}");
    }
    let week = office.ok(&["tally", "--week", day, "--json"]).json();
    assert_eq!(week["from"], "2026-11-23");
    assert_eq!(week["visits"], 5);
    assert_eq!(week["new_clients"], 2);
    let month = office.ok(&["tally", "--month", "2026-11", "--json"]).json();
    assert_eq!(month["visits"], 5);
    let range = office
        .ok(&[
            "tally",
            "--from",
            "2026-11-28",
            "--to",
            "2026-11-30",
            "--json",
        ])
        .json();
    assert_eq!(range["visits"], 1);
    assert_eq!(
        range["new_clients"], 0,
        "the client's first visit was before"
    );

    let text = office.ok(&["tally", "--day", day]).stdout;
    assert!(
        text.contains("Contacten") && text.contains("categorieën"),
        "{text}"
    );
    let english = office.ok(&["tally", "--day", day, "--lang", "en"]).stdout;
    assert!(english.contains("Contacts"), "{english}");
    let csv = office.ok(&["tally", "--day", day, "--csv"]).stdout;
    assert!(
        csv.starts_with('\u{feff}'),
        "CSV for Excel starts with a byte-order mark"
    );
    assert!(csv.contains("Overzicht;visits;Contacten;4"), "{csv}");
}

#[test]
fn edits_a_client_and_households() {
    let office = Office::new();
    let father = office
        .client(&["--name", "Ali Mohammed", "--born", "1970"])
        .to_string();
    let son = office
        .client(&["--name", "Mohammed Ali", "--born", "2001"])
        .to_string();
    office.ok(&[
        "client",
        "edit",
        &son,
        "--alias",
        "Muhammad Ali",
        "--phone",
        "+31 6 1111 2222",
        "--household",
        &father,
        "--informed",
        "2026-11-29",
        "--interpreter",
    ]);
    let shown = office.ok(&["show", &son, "--json"]).json();
    assert_eq!(shown["client"]["aliases"], json!(["Muhammad Ali"]));
    assert_eq!(shown["client"]["informed"], "2026-11-29");
    assert_eq!(shown["household"][0]["number"].to_string(), father);
    let household = shown["client"]["household"].clone();
    assert_eq!(
        office.ok(&["show", &father, "--json"]).json()["client"]["household"],
        household
    );

    office.ok(&[
        "client",
        "edit",
        &son,
        "--remove-alias",
        "Muhammad Ali",
        "--leave-household",
        "--no-interpreter",
    ]);
    let shown = office.ok(&["show", &son, "--json"]).json();
    assert_eq!(shown["client"]["aliases"], json!([]));
    assert_eq!(shown["client"]["household"], json!(null));
    assert_eq!(shown["client"]["interpreter"], false);
    let err = office.refused(&["client", "edit", &son, "--remove-alias", "Nobody"]);
    assert!(err.contains("no alias"), "{err}");
    let err = office.refused(&["client", "edit", &son, "--name", "X", "--household", "9999"]);
    assert!(err.contains("no client 9999"), "{err}");
    assert_eq!(
        office.ok(&["show", &son, "--json"]).json()["client"]["name"],
        "Mohammed Ali",
        "nothing stored half"
    );
}

#[test]
fn global_options_work_before_and_after_the_subcommand() {
    let office = Office::new();
    let other = office.dir.path().join("other.redb");
    let other = other.to_str().unwrap();
    office.ok(&["--db", other, "client", "add", "--name", "Fatima Darwish"]);
    office.ok(&[
        "client",
        "add",
        "--name",
        "Fatima Darwiche",
        "--db",
        other,
        "--as",
        "jan",
    ]);
    let shown = office.ok(&["show", "1002", "--db", other, "--json"]).json();
    assert_eq!(shown["client"]["created"]["by"], "jan");
    assert!(
        !office.store().exists(),
        "the default store was not touched"
    );
    let here = office.ok(&["where", "--db", other]).stdout;
    assert!(here.contains(other), "{here}");
}

#[test]
fn the_store_is_private_to_its_owner() {
    let office = Office::new();
    office.client(&["--name", "Layla Haddad"]);
    let file = std::fs::metadata(office.store())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    let dir = std::fs::metadata(office.store().parent().unwrap())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(file, 0o600);
    assert_eq!(dir, 0o700);
}

#[test]
fn demo_fills_an_empty_store_only() {
    let office = Office::new();
    let out = office
        .ok(&[
            "demo",
            "--clients",
            "60",
            "--visits",
            "400",
            "--seed",
            "7",
            "--json",
        ])
        .json();
    assert_eq!(out["clients"], 60);
    assert_eq!(out["visits"], 400);
    let year = office
        .ok(&[
            "tally",
            "--from",
            "2000-01-01",
            "--to",
            "2100-12-31",
            "--json",
        ])
        .json();
    assert_eq!(year["visits"], 400);
    assert!(year["anonymous_visits"].as_u64().unwrap() > 0);
    assert!(year["by_referral"].as_object().unwrap().len() > 1);
    assert!(
        year["followups"]["overdue_now"].as_u64().unwrap() > 0,
        "some follow-ups are overdue"
    );
    let err = office.refused(&["demo", "--clients", "5", "--visits", "5"]);
    assert!(err.contains("empty store"), "{err}");

    // The same seed gives the same store.
    let twin = Office::new();
    twin.ok(&["demo", "--clients", "60", "--visits", "400", "--seed", "7"]);
    assert_eq!(
        twin.ok(&["show", "1042", "--json"]).json()["client"]["name"],
        office.ok(&["show", "1042", "--json"]).json()["client"]["name"]
    );
}

#[test]
fn demo_data_holds_begeleiders_deadline_followups_and_appointments() {
    let fill = |office: &Office| {
        office.ok(&[
            "demo",
            "--clients",
            "200",
            "--visits",
            "2000",
            "--seed",
            "5",
        ]);
    };
    let office = Office::new();
    fill(&office);
    let today = office.ok(&["tally", "--json"]).json()["from"]
        .as_str()
        .unwrap()
        .to_string();

    // Some of the demo volunteers guide about a third of the clients.
    let volunteers = [
        "marieke", "jan", "fatima", "pieter", "anouk", "samir", "els", "tesfay", "ruud",
    ];
    let mut guided = 0;
    let mut guiding = 0;
    for volunteer in volunteers {
        let found = office
            .ok(&[
                "find",
                "--begeleider",
                volunteer,
                "--limit",
                "1000",
                "--json",
            ])
            .json();
        let n = found.as_array().unwrap().len();
        guided += n;
        guiding += usize::from(n > 0);
    }
    assert!(guiding >= 3, "{guiding} volunteers guide clients");
    assert!(
        (40..=100).contains(&guided),
        "{guided} of 200 clients guided"
    );

    // Follow-ups that guard the deadline of a letter a visit was about, some still ahead.
    let open = office.ok(&["followups", "--json"]).json();
    let guards: Vec<&serde_json::Value> = open
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["deadline"].is_null())
        .collect();
    assert!(!guards.is_empty(), "{open}");
    for g in &guards {
        let d = &g["deadline"];
        let (letter, due, ends) = (
            d["letter"].as_str().unwrap(),
            g["due"].as_str().unwrap(),
            d["ends"].as_str().unwrap(),
        );
        assert!(["bezwaar", "bezwaar_ind"].contains(&d["rule"].as_str().unwrap()));
        assert!(letter < due && due < ends, "{g}");
        assert!(
            g["visit"].is_u64(),
            "made on the visit about the letter: {g}"
        );
        assert!(g["text"].as_str().unwrap().starts_with("bezwaar"), "{g}");
        // It goes to the client's begeleider, when the client has one.
        let client = office
            .ok(&["show", &g["client"].to_string(), "--json"])
            .json();
        if let Some(b) = client["client"]["begeleider"].as_str() {
            assert_eq!(g["assignee"], b, "{g}");
        }
    }
    assert!(
        guards
            .iter()
            .any(|g| g["deadline"]["ends"].as_str().unwrap() >= today.as_str()),
        "some deadlines are still coming: {open}"
    );

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
    assert!(
        all["appointments"]["planned"].as_u64().unwrap() > 0,
        "{all}"
    );
    assert!(office.ok(&["check"]).stdout.contains("in orde"));

    // The same seed gives the same begeleiders and deadlines.
    let twin = Office::new();
    fill(&twin);
    assert_eq!(
        twin.ok(&["followups", "--json"]).json(),
        office.ok(&["followups", "--json"]).json()
    );
    let marieke = ["find", "--begeleider", "marieke", "--json"];
    assert_eq!(twin.ok(&marieke).json(), office.ok(&marieke).json());
}

#[test]
fn bad_input_is_refused_with_what_to_do_and_nothing_stored() {
    let office = Office::new();
    let n = office.client(&["--name", "Zainab Kadhim"]).to_string();

    let err = office.refused(&["visit", &n, "--category", "wonen"]);
    assert!(
        err.contains("huisvesting") && err.contains("wonen"),
        "lists the valid keys: {err}"
    );
    let err = office.refused(&["visit", &n, "--category", "post", "--refer", "advocaat"]);
    assert!(
        err.contains("kwadraad"),
        "lists the valid destinations: {err}"
    );
    let err = office.refused(&["visit", "4242", "--category", "post"]);
    assert!(err.contains("no client 4242"), "{err}");
    let err = office.refused(&["visit", &n, "--category", "post", "--at", "gisteren 25:61"]);
    assert!(err.contains("14:30"), "says which forms work: {err}");
    let err = office.refused(&[
        "visit",
        &n,
        "--category",
        "post",
        "--follow-up",
        "bellen",
        "--due",
        "31-02-2027",
    ]);
    assert!(err.contains("vrijdag"), "says which forms work: {err}");
    let err = office.refused(&["visit", &n, "--category", "post", "--channel", "whatsapp"]);
    assert!(err.contains("telefoon"), "{err}");
    let err = office.refused(&[
        "visit",
        "--anonymous",
        "--category",
        "post",
        "--follow-up",
        "x",
        "--due",
        "+2w",
    ]);
    assert!(err.contains("anonymous"), "{err}");
    let err = office.refused(&[
        "visit",
        &n,
        "--category",
        "post",
        "--at",
        "2099-01-01 10:00",
    ]);
    assert!(err.contains("vooruit") && err.contains("--yes"), "{err}");
    assert_eq!(
        office.ok(&["show", &n, "--json"]).json()["visits"],
        json!([]),
        "nothing stored half"
    );

    let err = office.refused(&["client", "add", "--name", "   "]);
    assert!(err.contains("name is empty"), "{err}");
    let err = office.refused(&["client", "add", "--name", "Ali", "--born", "1988-02-30"]);
    assert!(err.contains("1988-04-02"), "{err}");
    let err = office.refused(&["client", "add", "--name", "Ali", "--country", "Atlantis"]);
    assert!(err.contains("SY"), "{err}");
    let err = office.refused(&["client", "add", "--name", "Ali", "--note", "bsn 111222333"]);
    assert!(err.contains("BSN"), "{err}");
    let err = office.refused(&["client", "add", "--name", &"a".repeat(500)]);
    assert!(err.contains("under 120"), "{err}");
    let err = office.refused(&["show", "77"]);
    assert!(err.contains("no client 77"), "{err}");
    let err = office.refused(&["done", "77"]);
    assert!(err.contains("no follow-up 77"), "{err}");
    let err = office.refused(&["tally", "--month", "2026-13"]);
    assert!(err.contains("2026-11"), "{err}");
    let err = office.refused(&["tally", "--from", "2026-12-01", "--to", "2026-11-01"]);
    assert!(err.contains("before it starts"), "{err}");
    let err = office.refused(&["--lang", "fr", "find", "x"]);
    assert!(err.contains("nl or en"), "{err}");
    assert_eq!(
        office.ok(&["find", "ali", "--json"]).json(),
        json!([]),
        "no Ali was stored"
    );
}

#[test]
fn control_characters_and_escapes_never_reach_the_store() {
    let office = Office::new();
    let n = office.client(&[
        "--name",
        "Omar\u{1b}[2J Al-Rifai\u{7}",
        "--note",
        "regel één\nregel \u{1b}]0;x\u{7}twee",
    ]);
    let shown = office.ok(&["show", &n.to_string(), "--json"]).json();
    assert_eq!(shown["client"]["name"], "Omar Al-Rifai");
    assert_eq!(shown["client"]["note"], "regel één\nregel twee");
}

#[test]
fn a_name_pasted_with_invisible_characters_is_found_as_typed() {
    let office = Office::new();
    let n = office.client(&[
        "--name",
        "Sa\u{200b}mira\u{feff} Haddad\u{2060}",
        "--alias",
        "Samira\u{206f} Hadad",
    ]);
    let shown = office.ok(&["show", &n.to_string(), "--json"]).json();
    assert_eq!(shown["client"]["name"], "Samira Haddad");
    assert_eq!(shown["client"]["aliases"], json!(["Samira Hadad"]));
    let found = office.ok(&["find", "samira", "haddad", "--json"]).json();
    assert_eq!(found[0]["number"], n, "{found}");
    assert_eq!(found[0]["name"], "Samira Haddad");
}

#[test]
fn a_file_that_is_not_a_store_is_refused_by_name() {
    let office = Office::new();
    let junk = office.dir.path().join("notes.txt");
    std::fs::write(&junk, "this is not a database ".repeat(500)).unwrap();
    let err = office.refused(&["--db", junk.to_str().unwrap(), "find", "x"]);
    assert!(
        err.contains("notes.txt") && err.contains("not a spreekuur store"),
        "{err}"
    );
    let truncated = office.dir.path().join("cut.redb");
    office.ok(&[
        "--db",
        truncated.to_str().unwrap(),
        "client",
        "add",
        "--name",
        "Ali",
    ]);
    let bytes = std::fs::read(&truncated).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    let err = office.refused(&["--db", truncated.to_str().unwrap(), "find", "ali"]);
    assert!(err.contains("cut.redb"), "{err}");
    let dir = office.dir.path();
    let err = office.refused(&["--db", dir.to_str().unwrap(), "find", "x"]);
    assert!(err.contains("directory"), "{err}");
}

#[test]
fn a_bad_config_is_refused_with_its_line() {
    let office = Office::new();
    std::fs::create_dir_all(office.config_dir()).unwrap();
    std::fs::write(
        office.config_dir().join("config.toml"),
        "lang = \"nl\"\n[categories.huisvesting]\nlable = \"Wonen\"\n",
    )
    .unwrap();
    let err = office.refused(&["find", "x"]);
    assert!(
        err.contains("config.toml") && err.contains("line 3") && err.contains("lable"),
        "{err}"
    );
}

#[test]
fn config_relabels_adds_and_retires_keys_without_losing_old_counts() {
    let office = Office::new();
    let n = office.client(&["--name", "Ayşe Öztürk"]).to_string();
    office.ok(&[
        "visit",
        &n,
        "--category",
        "post",
        "--at",
        "2026-11-27 10:00",
    ]);
    std::fs::create_dir_all(office.config_dir()).unwrap();
    std::fs::write(
        office.config_dir().join("config.toml"),
        "[categories.post]\nretired = true\n[categories.geldzaken]\nnl = \"Geldzaken\"\n[categories.huisvesting]\nnl = \"Wonen\"\n",
    )
    .unwrap();
    office.ok(&[
        "visit",
        &n,
        "--category",
        "geldzaken,huisvesting",
        "--at",
        "2026-11-27 11:00",
    ]);
    let err = office.refused(&["visit", &n, "--category", "post"]);
    assert!(err.contains("retired"), "{err}");
    let t = office
        .ok(&["tally", "--day", "2026-11-27", "--json"])
        .json();
    assert_eq!(
        t["by_category"],
        json!({"post": 1, "geldzaken": 1, "huisvesting": 1})
    );
    let text = office.ok(&["tally", "--day", "2026-11-27"]).stdout;
    assert!(
        text.contains("Wonen") && text.contains("Geldzaken") && text.contains("Post en brieven"),
        "{text}"
    );
}

#[test]
fn followup_filters() {
    let office = Office::new();
    let n = office.client(&["--name", "Bilal Abu Zaid"]).to_string();
    office.ok(&[
        "visit",
        &n,
        "--category",
        "post",
        "--at",
        "2026-01-05 10:00",
        "--follow-up",
        "oud",
        "--due",
        "2026-01-19",
    ]);
    office.ok(&[
        "visit",
        &n,
        "--category",
        "post",
        "--follow-up",
        "nieuw",
        "--due",
        "+3w",
        "--as",
        "jan",
    ]);
    let overdue = office.ok(&["followups", "--overdue", "--json"]).json();
    assert_eq!(overdue.as_array().unwrap().len(), 1);
    assert_eq!(overdue[0]["text"], "oud");
    assert_eq!(overdue[0]["overdue"], true);
    let jans = office
        .ok(&["followups", "--assignee", "jan", "--json"])
        .json();
    assert_eq!(jans[0]["text"], "nieuw");
    let before = office
        .ok(&["followups", "--due-before", "2026-06-01", "--json"])
        .json();
    assert_eq!(before.as_array().unwrap().len(), 1);
    office.ok(&["done", "2", "--cancel"]);
    let t = office
        .ok(&[
            "tally",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--json",
        ])
        .json();
    assert_eq!(t["followups"]["opened"], 2);
    assert_eq!(t["followups"]["open_now"], 1);
    assert_eq!(t["followups"]["overdue_now"], 1);
}

#[test]
fn the_desk_without_a_terminal_says_what_to_do_and_where_the_store_is() {
    let office = Office::new();
    let err = office.refused(&[]);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains(office.store().to_str().unwrap()), "{err}");
}

#[test]
fn late_entries_corrections_and_deletions_move_the_counts() {
    let office = Office::new();
    let n = office.client(&["--name", "Hiba Al-Jabouri"]).to_string();
    let v = office
        .ok(&[
            "visit",
            &n,
            "--category",
            "duo",
            "--at",
            "2026-03-29 01:30",
            "--json",
        ])
        .json()["number"]
        .to_string();
    let day = |d: &str| office.ok(&["tally", "--day", d, "--json"]).json();
    assert_eq!(
        day("2026-03-29")["visits"],
        1,
        "a late entry lands on its own day"
    );
    assert_eq!(day("2026-03-29")["new_clients"], 1);

    let edited = office
        .ok(&[
            "visit-edit",
            &v,
            "--at",
            "2026-03-28 23:59",
            "--category",
            "huisvesting,post",
            "--no-referrals",
            "--json",
        ])
        .json();
    assert_eq!(edited["when"], "2026-03-28 23:59");
    assert_eq!(day("2026-03-29")["visits"], 0);
    let moved = day("2026-03-28");
    assert_eq!(moved["visits"], 1);
    assert_eq!(moved["by_category"], json!({"huisvesting": 1, "post": 1}));
    assert_eq!(moved["new_clients"], 1, "the first visit moved with it");

    let err = office.refused(&["visit-edit", &v, "--category", "wonen"]);
    assert!(err.contains("huisvesting"), "{err}");
    assert_eq!(
        day("2026-03-28")["by_category"],
        json!({"huisvesting": 1, "post": 1}),
        "nothing stored half"
    );

    office.ok(&["visit-delete", &v]);
    assert_eq!(day("2026-03-28")["visits"], 0);
    assert_eq!(day("2026-03-28")["new_clients"], 0);
    let err = office.refused(&["visit-delete", &v]);
    assert!(err.contains(&format!("no visit {v}")), "{err}");
    let log = office.ok(&["audit", "--client", &n, "--json"]).json();
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.ends_with(&["visit", "visit_change", "visit_delete"]),
        "{actions:?}"
    );
}

#[test]
fn compare_csv_and_workbook_can_be_read_back() {
    let office = Office::new();
    let n = office.client(&["--name", "Haidar Al-Musawi"]).to_string();
    for at in [
        "2025-11-03 10:00",
        "2026-10-05 10:00",
        "2026-11-02 10:00",
        "2026-11-09 10:00",
    ] {
        office.ok(&[
            "visit",
            &n,
            "--category",
            "toeslagen,belasting",
            "--refer",
            "kwadraad",
            "--at",
            at,
        ]);
    }
    let t = office
        .ok(&["tally", "--month", "2026-11", "--compare", "--json"])
        .json();
    assert_eq!(t["visits"], 2);
    assert_eq!(t["compare"]["previous"]["period"], "2026-10");
    assert_eq!(t["compare"]["previous"]["visits"], 1);
    assert_eq!(t["compare"]["year_earlier"]["period"], "2025-11");
    assert_eq!(t["compare"]["year_earlier"]["visits"], 1);
    assert_eq!(
        t["by_group"]["Financiën"], 2,
        "two categories of one group count once"
    );

    let text = office
        .ok(&["tally", "--month", "2026-11", "--compare"])
        .stdout;
    assert!(
        text.contains("2025-11") && text.contains("verschil") && text.contains("+1"),
        "{text}"
    );

    let csv = office
        .ok(&["tally", "--month", "2026-11", "--compare", "--csv"])
        .stdout;
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "onderdeel",
            "sleutel",
            "omschrijving",
            "2026-11",
            "2026-10",
            "verschil",
            "2025-11",
            "verschil"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let visits = rows.iter().find(|r| r[1] == "visits").unwrap();
    assert_eq!(&visits[3..], ["2", "1", "1", "1", "1"]);
    let toeslagen = rows.iter().find(|r| r[1] == "toeslagen").unwrap();
    assert_eq!(toeslagen[2], "Toeslagen");

    let path = office.dir.path().join("jaar.xlsx");
    office.ok(&["jaaroverzicht", "2026", "--xlsx", path.to_str().unwrap()]);
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let names = book.sheet_names().to_vec();
    for sheet in [
        "Overzicht",
        "Per categorie",
        "Doorverwijzingen",
        "Contacten per maand",
    ] {
        assert!(
            names.iter().any(|n| n == sheet),
            "sheet {sheet} in {names:?}"
        );
    }
    let summary = book.worksheet_range("Overzicht").unwrap();
    // The label leads, the key for the JSON comes last.
    let contacts = summary.rows().find(|r| r[0] == "Contacten").unwrap();
    assert_eq!(contacts[1].to_string(), "3");
    assert_eq!(contacts[2].to_string(), "visits");
    let months = book.worksheet_range("Contacten per maand").unwrap();
    assert_eq!(months.rows().count(), 13, "a heading and twelve months");

    let year = office.ok(&["jaaroverzicht", "2026"]).stdout;
    assert!(
        year.contains("Jaaroverzicht 2026") && year.contains('█'),
        "{year}"
    );
    let json = office.ok(&["jaaroverzicht", "2026", "--json"]).json();
    assert_eq!(json["categories_ranked"][0]["count"], 3);
    assert_eq!(json["by_month"]["2026-11"], 2);
}

#[test]
fn a_begeleider_gets_the_follow_ups_and_lists_the_clients_they_guide() {
    let office = Office::with_config("coordinators = [\"marieke\"]\n");
    let amina = office.client(&["--name", "Amina Yusuf", "--begeleider", "joost"]);
    let other = office.client(&["--name", "Hassan Omar"]);
    let shown = office.ok(&["show", &amina.to_string(), "--json"]).json();
    assert_eq!(shown["client"]["begeleider"], "joost");
    assert!(
        office
            .ok(&["show", &amina.to_string()])
            .stdout
            .contains("begeleider:")
    );
    // A follow-up nobody was named for goes to the begeleider, else to whoever made it.
    let guided = office
        .ok(&[
            "visit",
            &amina.to_string(),
            "--category",
            "post",
            "--follow-up",
            "brief DUO nabellen",
            "--due",
            "+1w",
            "--json",
        ])
        .json();
    let unguided = office
        .ok(&[
            "visit",
            &other.to_string(),
            "--category",
            "post",
            "--follow-up",
            "bellen",
            "--due",
            "+1w",
            "--json",
        ])
        .json();
    let open = office.ok(&["followups", "--json"]).json();
    let assignee = |n: &serde_json::Value| {
        open.as_array()
            .unwrap()
            .iter()
            .find(|f| f["number"] == *n)
            .map(|f| f["assignee"].clone())
    };
    assert_eq!(assignee(&guided["followup"]), Some(json!("joost")));
    assert_eq!(assignee(&unguided["followup"]), Some(json!("marieke")));

    let found = office
        .ok(&["find", "--begeleider", "joost", "--json"])
        .json();
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["number"], amina);
    office.ok(&["restrict", &amina.to_string()]);
    assert_eq!(
        office
            .ok(&["find", "--begeleider", "joost", "--json"])
            .json(),
        json!([])
    );
    assert_eq!(
        office
            .ok_as_coordinator(
                "marieke",
                &["find", "--begeleider", "joost", "--restricted", "--json"]
            )
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    office.ok(&["client", "edit", &amina.to_string(), "--no-begeleider"]);
    assert_eq!(
        office
            .ok_as_coordinator(
                "marieke",
                &["find", "--begeleider", "joost", "--restricted", "--json"]
            )
            .json(),
        json!([])
    );
    let shown = office.ok(&["show", &amina.to_string(), "--json"]).json();
    assert_eq!(shown["client"]["begeleider"], json!(null));
    office.ok(&[
        "client",
        "edit",
        &other.to_string(),
        "--begeleider",
        "marieke",
    ]);
    assert_eq!(
        office
            .ok(&["find", "--begeleider", "marieke", "--json"])
            .json()[0]["number"],
        other
    );
    assert!(office.ok(&["check"]).stdout.contains("in orde"));
    let long = "j".repeat(80);
    let err = office.refused(&["client", "edit", &other.to_string(), "--begeleider", &long]);
    assert!(err.contains("begeleider"), "{err}");
}

#[test]
fn notice_tells_a_client_what_is_recorded_in_their_language() {
    let office = Office::new();
    let dutch = office.ok(&["notice"]).stdout;
    assert!(
        dutch.starts_with("Wat schrijven wij over u op?") && dutch.contains("24 maanden"),
        "{dutch}"
    );
    assert!(
        dutch.contains("Vraag aan de balie"),
        "no office in config.toml: ask the desk: {dutch}"
    );
    let html = office.ok(&["notice", "--lang", "ar", "--html"]).stdout;
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
    let dari = office.ok(&["--lang", "prs", "notice"]).stdout;
    assert!(
        dari.contains("چرا؟"),
        "a client's Dari code gives the Farsi text: {dari}"
    );
    let json = office.ok(&["notice", "--lang", "ti", "--json"]).json();
    assert_eq!(json["dir"], "ltr");
    assert_eq!(json["sections"][0]["key"], "title");
    assert!(
        json["review"]
            .as_str()
            .is_some_and(|r| r.contains("native speaker"))
    );

    let err = office.refused(&["notice", "--lang", "xx"]);
    assert!(
        err.contains("\"xx\"") && err.contains("ti (ትግርኛ, Tigrinya)") && err.contains("kmr"),
        "{err}"
    );
    let err = office.refused(&["tally", "--lang", "ar"]);
    assert!(err.contains("nl or en"), "labels stay nl or en: {err}");
}

#[test]
fn notice_page_carries_the_office_contact_and_is_never_written_over() {
    let office = Office::new();
    std::fs::create_dir_all(office.config_dir()).unwrap();
    std::fs::write(
        office.config_dir().join("config.toml"),
        "retention = \"18m\"\n[office]\nname = \"VluchtelingenWerk Voorschoten\"\ncontact = \"spreekuur@example.org, 071 123 4567\"\n",
    )
    .unwrap();
    let page = office.dir.path().join("uitleg-so.html");
    let said = office.ok(&[
        "notice",
        "--lang",
        "so",
        "--html",
        "--out",
        page.to_str().unwrap(),
    ]);
    assert!(said.stdout.contains("uitleg-so.html"), "{}", said.stdout);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<html lang=\"so\" dir=\"ltr\">"), "{html}");
    assert!(
        html.contains("<bdi>VluchtelingenWerk Voorschoten</bdi>"),
        "{html}"
    );
    assert!(
        html.contains("spreekuur@example.org, 071 123 4567"),
        "{html}"
    );
    assert!(html.contains("<bdi>18</bdi> bilood"), "{html}");
    let err = office.refused(&["notice", "--html", "--out", page.to_str().unwrap()]);
    assert!(err.contains("exists already"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&page).unwrap(),
        html,
        "left as it was"
    );
}

#[test]
fn deadlines_lists_the_rules_with_the_office_s_own() {
    let office = Office::new();
    assert_eq!(
        office.ok(&["deadlines", "--json"]).json(),
        json!([
            {"key": "bezwaar", "label": "bezwaar", "period": "6w", "warn_days": 7},
            {"key": "bezwaar_ind", "label": "bezwaar IND", "period": "4w", "warn_days": 7},
        ])
    );
    let text = office.ok(&["deadlines"]).stdout;
    assert!(
        text.contains("bezwaar IND") && text.contains("4 weken"),
        "{text}"
    );
    assert!(!office.store().exists(), "listing rules needs no store");

    let config = office.dir.path().join("kantoor.toml");
    std::fs::write(
        &config,
        "[deadlines.toeslagen_bezwaar]\nnl = \"bezwaar Toeslagen\"\nen = \"objection Benefits Agency\"\nperiod = \"6w\"\nwarn = 10\n\n[deadlines.bezwaar]\nwarn = 14\n\n[deadlines.bezwaar_ind]\nretired = true\n",
    )
    .unwrap();
    let out = office
        .command()
        .env("SPREEKUUR_CONFIG", &config)
        .args(["deadlines", "--json", "--lang", "en"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        listed,
        json!([
            {"key": "bezwaar", "label": "objection", "period": "6w", "warn_days": 14},
            {"key": "toeslagen_bezwaar", "label": "objection Benefits Agency", "period": "6w", "warn_days": 10},
        ])
    );
}

#[test]
fn an_office_replaces_a_notice_with_its_own_file() {
    let office = Office::new();
    let builtin = office.ok(&["notice", "--lang", "ti", "--toml"]).stdout;
    assert!(builtin.contains("[rights]"), "{builtin}");
    let dir = office.config_dir().join("notice");
    std::fs::create_dir_all(&dir).unwrap();
    let own = builtin.replace("መሰላትኩም", "መሰላትኩም (ናይ ቤት ጽሕፈትና)");
    std::fs::write(dir.join("ti.toml"), &own).unwrap();
    let text = office.ok(&["notice", "--lang", "ti"]).stdout;
    assert!(text.contains("መሰላትኩም (ናይ ቤት ጽሕፈትና)"), "{text}");

    let without_rights = own.split("[rights]").next().unwrap_or_default().to_string();
    std::fs::write(dir.join("ti.toml"), without_rights).unwrap();
    let err = office.refused(&["notice", "--lang", "ti"]);
    assert!(
        err.contains("notice/ti.toml") && err.contains("[rights]") && err.contains("[contact]"),
        "{err}"
    );
    std::fs::write(dir.join("ti.toml"), "[title\n").unwrap();
    let err = office.refused(&["notice", "--lang", "ti", "--html"]);
    assert!(
        err.contains("notice/ti.toml") && err.contains("line 1"),
        "{err}"
    );
    let dutch = office.ok(&["notice"]).stdout;
    assert!(
        dutch.contains("Uw rechten"),
        "other languages are untouched"
    );
}

#[test]
fn a_bad_deadline_rule_is_refused_with_what_is_wrong() {
    let office = Office::new();
    std::fs::create_dir_all(office.config_dir()).unwrap();
    let config = office.config_dir().join("config.toml");
    std::fs::write(
        &config,
        "[deadlines.beroep]\nnl = \"beroep\"\nperiod = \"zes weken\"\n",
    )
    .unwrap();
    let err = office.refused(&["deadlines"]);
    assert!(
        err.contains("config.toml") && err.contains("line 3") && err.contains("6w"),
        "{err}"
    );
    std::fs::write(&config, "[deadlines.bezwaar_ind]\nwarn = 28\n").unwrap();
    let err = office.refused(&["deadlines"]);
    assert!(
        err.contains("[deadlines.bezwaar_ind]") && err.contains("make warn smaller"),
        "{err}"
    );
}

#[test]
fn a_follow_up_from_a_letter_guards_its_legal_deadline() {
    let office = Office::new();
    let n = office.client(&["--name", "Amina Yusuf"]).to_string();
    // --yes: the letter's date stays plausible whatever day the test runs.
    let visit = office
        .ok(&[
            "visit",
            &n,
            "--category",
            "toeslagen",
            "--deadline",
            "bezwaar",
            "--letter",
            "28-11-2026",
            "--yes",
            "--json",
        ])
        .json();
    assert_eq!(visit["deadline"], "2027-01-11");
    assert_eq!(visit["due"], "2027-01-04");
    let text = office
        .ok(&[
            "visit",
            &n,
            "--category",
            "verblijf_ind",
            "--deadline",
            "bezwaar_ind",
            "--letter",
            "13-11-2026",
            "--yes",
        ])
        .stdout;
    assert!(
        text.contains("tegen brief van 13-11-2026: uiterlijk 11-12-2026")
            && text.contains("11-12-2026")
            && text.contains("04-12-2026"),
        "{text}"
    );
    let added = office
        .ok(&[
            "followup",
            "add",
            &n,
            "--deadline",
            "bezwaar",
            "--letter",
            "13-11-2026",
            "--yes",
            "--json",
        ])
        .json();
    assert_eq!(
        added["deadline"], "2026-12-28",
        "Christmas, Boxing Day and a Sunday"
    );
    let shown = office.ok(&["show", &n, "--json"]).json();
    let guarded: Vec<&serde_json::Value> = shown["followups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["deadline"].is_null())
        .collect();
    assert_eq!(guarded.len(), 3);
    let first = guarded
        .iter()
        .find(|f| f["number"] == visit["followup"])
        .unwrap();
    assert_eq!(
        first["deadline"],
        json!({"rule": "bezwaar", "letter": "2026-11-28", "ends": "2027-01-11"})
    );
    assert_eq!(
        first["text"],
        "bezwaar tegen brief van 28-11-2026: uiterlijk 11-01-2027"
    );
    assert_eq!(first["due"], "2027-01-04");

    // An unlikely letter date is asked back; without a terminal that means --yes.
    let before = office.ok(&["followups", "--json"]).json();
    for letter in ["01-01-2200", "01-01-2001"] {
        let err = office.refused(&[
            "followup",
            "add",
            &n,
            "--deadline",
            "bezwaar",
            "--letter",
            letter,
        ]);
        assert!(err.contains("--yes") && err.contains("Klopt"), "{err}");
    }
    assert_eq!(
        office.ok(&["followups", "--json"]).json(),
        before,
        "nothing stored"
    );
    let err = office.refused(&[
        "followup",
        "add",
        &n,
        "--deadline",
        "beroep",
        "--letter",
        "28-11",
    ]);
    assert!(err.contains("bezwaar"), "the valid keys are listed: {err}");
    let err = office.refused(&[
        "visit",
        &n,
        "--category",
        "post",
        "--deadline",
        "bezwaar",
        "--letter",
        "28-11",
        "--follow-up",
        "bellen",
        "--due",
        "+1w",
    ]);
    assert!(err.contains("not both"), "{err}");
    let plain = office
        .ok(&[
            "followup", "add", &n, "--text", "bellen", "--due", "+1w", "--json",
        ])
        .json();
    assert!(plain["number"].is_u64() && plain.get("deadline").is_none());
}

#[test]
fn unlikely_dates_are_asked_back_and_stored_only_with_yes() {
    let office = Office::new();
    let n = office.client(&["--name", "Yonas Tesfaye"]).to_string();
    let shown = || office.ok(&["show", &n, "--json"]).json();
    let asked = |err: &str, odd: &str| {
        assert!(
            err.contains(odd) && err.contains("Klopt die datum?"),
            "says what is odd: {err}"
        );
        assert!(
            err.contains("Nothing was stored") && err.contains("--yes"),
            "says how to go on: {err}"
        );
    };
    let visit = |at: &str| -> Vec<String> {
        ["visit", &n, "--category", "post", "--at", at]
            .map(String::from)
            .to_vec()
    };
    let run =
        |args: &[String]| office.refused(&args.iter().map(String::as_str).collect::<Vec<_>>());

    asked(
        &run(&visit("1999-12-31 10:00")),
        "31-12-1999 10:00, vóór 2000",
    );
    asked(&run(&visit("+3d")), "meer dan een dag vooruit");
    // Up to a day ahead is a time typed without its day: refused, --yes does not help.
    let mut tomorrow = visit("+1d");
    tomorrow.push("--yes".into());
    let err = run(&tomorrow);
    assert!(
        err.contains("gisteren 14:30") && !err.contains("--yes"),
        "{err}"
    );
    let mut due = visit("vandaag");
    due.extend(["--follow-up", "bellen", "--due", "01-01-2200"].map(String::from));
    asked(&run(&due), "01-01-2200, meer dan 5 jaar vooruit");
    let err = office.refused(&[
        "followup",
        "add",
        &n,
        "--text",
        "bellen",
        "--due",
        "01-01-2200",
    ]);
    asked(&err, "De follow-up is pas op 01-01-2200");
    let err = office.refused(&["afspraak", "add", &n, "--at", "01-01-2200 10:00"]);
    asked(&err, "De afspraak is pas op 01-01-2200 10:00");
    let err = office.refused(&[
        "--lang",
        "en",
        "afspraak",
        "add",
        &n,
        "--at",
        "01-01-2200 10:00",
    ]);
    assert!(
        err.contains("more than 5 years ahead. Is that date right?"),
        "{err}"
    );
    let nothing = shown();
    assert_eq!(nothing["visits"], json!([]), "no visit stored");
    assert_eq!(nothing["followups"], json!([]), "no follow-up stored");
    assert_eq!(nothing["appointments"], json!([]), "no appointment stored");
    assert_eq!(office.ok(&["followups", "--json"]).json(), json!([]));

    // Confirmed, each is stored as typed.
    let old = office
        .ok(&[
            "visit",
            &n,
            "--category",
            "post",
            "--at",
            "1999-12-31 10:00",
            "--yes",
            "--json",
        ])
        .json();
    due.push("--yes".into());
    due.push("--json".into());
    let with_due = office
        .ok(&due.iter().map(String::as_str).collect::<Vec<_>>())
        .json();
    assert!(with_due["followup"].is_u64(), "{with_due}");
    office.ok(&[
        "followup",
        "add",
        &n,
        "--text",
        "verlengen",
        "--due",
        "01-01-2200",
        "--yes",
    ]);
    office.ok(&["afspraak", "add", &n, "--at", "01-01-2200 10:00", "--yes"]);
    let stored = shown();
    assert_eq!(stored["visits"].as_array().unwrap().len(), 2);
    let whens: Vec<&str> = stored["visits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["when"].as_str().unwrap())
        .collect();
    assert!(whens.contains(&"1999-12-31 10:00"), "{whens:?}");
    let dues: Vec<&str> = stored["followups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["due"].as_str().unwrap())
        .collect();
    assert_eq!(dues, ["2200-01-01", "2200-01-01"]);
    assert_eq!(stored["appointments"][0]["at"], "2200-01-01 10:00");

    // A correction is asked back the same way, and left as it was until confirmed.
    let v = old["number"].to_string();
    let err = office.refused(&["visit-edit", &v, "--at", "+3d"]);
    asked(&err, "meer dan een dag vooruit");
    let err = office.refused(&["visit-edit", &v, "--at", "1990-12-31 10:00"]);
    asked(&err, "vóór 2000");
    let after = shown();
    assert_eq!(after["visits"], stored["visits"], "the visit is unchanged");
    let edited = office
        .ok(&[
            "visit-edit",
            &v,
            "--at",
            "1998-05-04 09:00",
            "--yes",
            "--json",
        ])
        .json();
    assert_eq!(edited["when"], "1998-05-04 09:00");
}

#[test]
fn a_volunteer_name_that_could_forge_an_audit_line_is_refused() {
    let office = Office::new();
    let n = office.client(&["--name", "Hodan Jama"]).to_string();
    for who in [
        "",
        "els\n999 01-01-2026 09:00  marieke  find",
        "els\u{1b}[31m",
    ] {
        let err = office.refused(&["--as", who, "show", &n]);
        assert!(err.contains("--as"), "{who:?}: {err}");
    }
    let log = office.ok(&["audit", "--json"]).json();
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .all(|l| l["who"] == "marieke"),
        "nothing was done in another name: {log}"
    );
    let forged = "jan\n07-12-2026 09:00  marieke  1025  export";
    for (args, flag) in [
        (
            vec!["client", "edit", &n, "--begeleider", forged],
            "the begeleider",
        ),
        (
            vec![
                "followup",
                "add",
                &n,
                "--text",
                "bellen",
                "--due",
                "+2d",
                "--assignee",
                forged,
            ],
            "--assignee",
        ),
        (
            vec![
                "afspraak",
                "add",
                &n,
                "--at",
                "+2d 10:00",
                "--with",
                "jan\u{1b}[2J",
            ],
            "--with",
        ),
    ] {
        let err = office.refused(&args);
        assert!(
            err.contains(flag) && err.contains("line break"),
            "{args:?}: {err}"
        );
    }
    let shown = office.ok(&["show", &n, "--json"]).json();
    assert_eq!(
        shown["client"]["begeleider"],
        json!(null),
        "nothing was stored"
    );
}

#[test]
fn a_number_that_is_not_one_says_where_the_numbers_are() {
    let office = Office::new();
    for (args, says) in [
        (
            &["show", "abc"][..],
            "not a client number: give the number `spreekuur find` shows",
        ),
        (
            &["visit-delete", "x1"],
            "`spreekuur show CLIENT` lists the client's visits",
        ),
        (&["done", "zz"], "`spreekuur followups` lists the open ones"),
        (
            &["afspraak", "cancel", "x"],
            "`spreekuur afspraak list --week`",
        ),
        (&["find", "hassan", "--limit", "0"], "a whole number from 1"),
        (&["show", "99999999999999999999"], "not a client number"),
    ] {
        let err = office.refused(args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn a_command_that_reads_a_store_that_is_not_there_says_so_and_makes_none() {
    let office = Office::new();
    let nowhere = office.dir.path().join("typo").join("spreekuur.redb");
    let db = nowhere.to_str().unwrap();
    for args in [
        &["find", "hassan"][..],
        &["show", "1001"],
        &["tally", "--year", "2026"],
        &["followups"],
        &["audit"],
    ] {
        let mut all = vec!["--db", db];
        all.extend_from_slice(args);
        let err = office.refused(&all);
        assert!(err.contains("there is no store at"), "{args:?}: {err}");
    }
    assert!(
        !nowhere.parent().unwrap().exists(),
        "nothing was made at the typo"
    );
}

#[test]
fn a_duplicate_warning_and_an_import_dry_run_that_name_clients_are_logged_as_lookups() {
    let office = Office::new();
    let amina = office.client(&["--name", "Amina Yusuf Ali", "--born", "1985-04-03"]);
    let added = office.ok(&[
        "client",
        "add",
        "--name",
        "Amina Yusuf Aly",
        "--born",
        "1985-04-03",
    ]);
    assert!(
        added.stderr.contains(&amina.to_string()),
        "{}",
        added.stderr
    );
    let file = office.dir.path().join("lijst.csv");
    std::fs::write(&file, "Naam;Geboren\nAmina Yusuf Ali;03-04-1985\n").unwrap();
    office.ok(&["import", file.to_str().unwrap()]);
    let log = office.ok(&["audit", "--action", "find", "--json"]).json();
    let lines = log.as_array().unwrap();
    assert_eq!(lines.len(), 2, "the warning and the dry run: {log}");
    assert!(
        lines[0]["clients"]
            .as_array()
            .unwrap()
            .contains(&json!(amina))
    );
    assert!(
        lines[1]["clients"]
            .as_array()
            .unwrap()
            .contains(&json!(amina))
    );
}
