//! The AVG commands through the real binary: the audit log, access export, erasure,
//! restriction, retention purge, the coordinator guard rail, backups, check and file modes.

mod common;

use common::{Office, Ran};
use serde_json::{Value, json};
use std::os::unix::fs::PermissionsExt;

const COORDINATOR: &str = "marieke";

/// An office whose config names `marieke` as coordinator.
fn office() -> Office {
    Office::with_config(&format!(
        "coordinators = [\"{COORDINATOR}\"]\nretention = \"24m\"\n"
    ))
}

/// Runs as the login `login` (the coordinator check reads the login name, not --as).
fn run_as(office: &Office, login: &str, args: &[&str]) -> Ran {
    let out = office
        .command()
        .env("LOGNAME", login)
        .args(args)
        .output()
        .expect("the binary runs");
    Ran {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn coordinator(office: &Office, args: &[&str]) -> Ran {
    let ran = run_as(office, COORDINATOR, args);
    assert_eq!(ran.code, 0, "{args:?} failed: {}", ran.stderr);
    ran
}

fn refused_as(office: &Office, login: &str, args: &[&str]) -> String {
    let ran = run_as(office, login, args);
    assert_ne!(ran.code, 0, "{args:?} should be refused: {}", ran.stdout);
    assert!(ran.stdout.is_empty(), "{args:?} printed: {}", ran.stdout);
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    ran.stderr
}

/// The client whose traces an erasure must remove.
fn register_secret_client(office: &Office) -> String {
    let n = office.client(&[
        "--name",
        "Zerihun Qelemwork",
        "--alias",
        "Zerhun Kelemework",
        "--born",
        "1979",
        "--phone",
        "06-98761234",
        "--note",
        "spreektXYZnotitie",
    ]);
    let n = n.to_string();
    office.ok(&[
        "visit",
        &n,
        "--category",
        "toeslagen",
        "--refer",
        "kwadraad:verwijsQQnotitie",
        "--note",
        "bezoekWWnotitie",
        "--follow-up",
        "belVVactie",
        "--due",
        "+1w",
        "--at",
        "2026-03-02 10:00",
    ]);
    n
}

const SECRETS: [&str; 8] = [
    "Zerihun",
    "Qelemwork",
    "Kelemework",
    "98761234",
    "spreektXYZnotitie",
    "verwijsQQnotitie",
    "bezoekWWnotitie",
    "belVVactie",
];

fn file_contains(path: &std::path::Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// A period's counts without the "now" figures (open follow-ups now change when a client's
/// open follow-ups are erased; past counts must not).
fn past_counts(office: &Office) -> Value {
    let mut t = office
        .ok(&[
            "tally",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--json",
        ])
        .json();
    let f = t["followups"].as_object_mut().unwrap();
    f.remove("open_now");
    f.remove("overdue_now");
    common::without_who(t)
}

#[test]
fn the_audit_log_records_who_did_what_to_which_client() {
    let office = office();
    let n = register_secret_client(&office);
    office.ok(&["show", &n]);
    office.ok(&["--as", "joost", "show", &n]);
    office.ok(&["done", "1"]);
    office.ok(&["client", "edit", &n, "--informed", "vandaag"]);
    coordinator(&office, &["export", &n]);

    let log = office.ok(&["audit", "--client", &n, "--json"]).json();
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "create", "visit", "followup", "view", "view", "done", "change", "export"
        ]
    );
    assert_eq!(log[4]["who"], "joost");
    assert_eq!(log[1]["object"], 1, "the visit's number");
    let keys: Vec<&String> = log[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "action", "at", "client", "clients", "number", "object", "who"
        ]
    );

    let joost = office
        .ok(&["audit", "--volunteer", "joost", "--json"])
        .json();
    assert_eq!(joost.as_array().unwrap().len(), 1);
    let none = office
        .ok(&["audit", "--from", "2020-01-01", "--to", "2020-12-31"])
        .stdout;
    assert!(none.contains("geen regels"), "{none}");
    let text = office.ok(&["audit", "--lang", "en"]).stdout;
    assert!(text.contains("export") && text.contains("joost"), "{text}");
    assert!(
        !text.contains("Zerihun"),
        "the log holds numbers, not names"
    );
    office.refused(&["audit", "--from", "2026-02-30"]);
    office.refused(&["audit", "--from", "2026-05-01", "--to", "2026-04-01"]);
}

/// The numbers a find line lists, sorted (the order shown depends on the ranking).
fn listed(line: &Value) -> Vec<u64> {
    let mut numbers: Vec<u64> = line["clients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    numbers.sort_unstable();
    numbers
}

#[test]
fn every_find_is_logged_with_the_clients_shown_and_never_the_query() {
    let office = office();
    let a = office.client(&["--name", "Abdirahman Warsame", "--born", "1991"]);
    let b = office.client(&["--name", "Faadumo Warsame", "--begeleider", "joost"]);
    let hidden = office.client(&["--name", "Hodan Warsame"]);
    coordinator(&office, &["restrict", &hidden.to_string()]);

    // Mixed case: the query typed appears nowhere in the store unless the log kept it.
    let found = office.ok(&["find", "WaRsAmE", "--json"]).json();
    assert_eq!(found.as_array().unwrap().len(), 2, "{found}");
    office.ok(&["--as", "joost", "find", "--begeleider", "joost"]);
    office.ok(&["find", "nobody-at-all"]);

    // `find` reads the store without writing to it: its lines wait beside the store, on disk
    // before the results were shown, until a command that writes moves them into the log.
    let beside = office.store().with_extension("redb.lookups");
    let kept = std::fs::read_to_string(&beside).expect("the lookups are kept beside the store");
    assert_eq!(kept.lines().count(), 3, "{kept}");
    assert!(!kept.to_lowercase().contains("warsame"), "{kept}");
    assert!(!kept.contains("nobody-at-all"), "{kept}");
    let log = office.ok(&["audit", "--action", "find", "--json"]).json();
    let lines = log.as_array().unwrap();
    assert_eq!(lines.len(), 3, "{log}");
    assert_eq!(
        std::fs::read_to_string(&beside).unwrap(),
        "",
        "moved, not kept twice"
    );
    assert!(lines.iter().all(|l| l["action"] == "find"));
    assert_eq!(
        listed(&lines[0]),
        [a, b],
        "the restricted client was not shown"
    );
    assert_eq!(lines[0]["who"], "marieke");
    assert_eq!(lines[0]["client"], Value::Null);
    assert_eq!(listed(&lines[1]), [b]);
    assert_eq!(lines[1]["who"], "joost");
    assert_eq!(lines[2]["clients"], json!([]), "no result is a lookup too");

    let all = office.ok(&["audit", "--json"]).stdout;
    assert!(!all.to_lowercase().contains("warsame"), "{all}");
    assert!(!all.contains("nobody-at-all"), "{all}");
    assert!(!file_contains(&office.store(), "WaRsAmE"));
    assert!(!file_contains(&office.store(), "nobody-at-all"));

    let text = office
        .ok(&["audit", "--action", "find", "--lang", "en"])
        .stdout;
    assert!(text.contains(&format!("1 shown: {b}")), "{text}");
    assert!(
        text.lines().any(|l| l.trim_end().ends_with(" 0 shown")),
        "a lookup of nobody ends at its count: {text}"
    );
    assert!(text.contains("2 shown: "), "{text}");
    assert!(office.ok(&["check"]).stdout.contains("in orde"));
    let err = office.refused(&["audit", "--action", "peek"]);
    assert!(err.contains("find"), "the known actions are named: {err}");
}

#[test]
fn export_gives_everything_about_one_client_to_a_coordinator_only() {
    let office = office();
    let n = register_secret_client(&office);
    let other = office.client(&["--name", "Huisgenoot Anders"]).to_string();
    office.ok(&["client", "edit", &other, "--household", &n]);

    let err = refused_as(&office, "joost", &["export", &n]);
    assert!(err.contains("coordinator"), "{err}");

    let text = coordinator(&office, &["export", &n]).stdout;
    for part in [
        "Zerihun Qelemwork",
        "Zerhun Kelemework",
        "06-98761234",
        "spreektXYZnotitie",
        "bezoekWWnotitie",
        "verwijsQQnotitie",
        "belVVactie",
        "create",
    ] {
        assert!(text.contains(part), "the export lacks {part}: {text}");
    }
    assert!(
        !text.contains("Huisgenoot"),
        "another person's data stays out"
    );
    let english = coordinator(&office, &["export", &n, "--lang", "en"]).stdout;
    assert!(english.contains("Everything"), "{english}");
    let json = coordinator(&office, &["export", &n, "--json"]).json();
    assert_eq!(json["client"]["name"], "Zerihun Qelemwork");
    assert_eq!(json["visits"][0]["note"], "bezoekWWnotitie");
    assert_eq!(json["followups"][0]["text"], "belVVactie");
    assert!(json["audit"].as_array().unwrap().len() >= 3);
    let text_wins = coordinator(&office, &["export", &n, "--json", "--text"]).stdout;
    assert!(
        serde_json::from_str::<Value>(&text_wins).is_err()
            && text_wins.contains("Zerihun Qelemwork"),
        "{text_wins}"
    );

    let out = office.dir.path().join("inzage-1001.txt");
    let out_s = out.to_str().unwrap();
    let said = coordinator(&office, &["export", &n, "--out", out_s]).stdout;
    assert!(said.contains(out_s), "{said}");
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "an export is private to its owner");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("bezoekWWnotitie")
    );
    let again = refused_as(&office, COORDINATOR, &["export", &n, "--out", out_s]);
    assert!(again.contains("exists already"), "{again}");
    refused_as(&office, COORDINATOR, &["export", "9999"]);
}

#[test]
fn forget_erases_every_byte_of_the_client_and_keeps_past_counts() {
    let office = office();
    let n = register_secret_client(&office);
    let keep = office.client(&["--name", "Blijft Bestaan", "--note", "blijftnotitie"]);
    office.ok(&[
        "visit",
        &keep.to_string(),
        "--category",
        "duo",
        "--at",
        "2026-03-02 11:00",
    ]);
    office.ok(&[
        "visit",
        "--anonymous",
        "--category",
        "post",
        "--at",
        "2026-03-02 12:00",
    ]);
    let before = past_counts(&office);
    for s in SECRETS {
        assert!(
            file_contains(&office.store(), s),
            "{s} is in the store before"
        );
    }

    let err = refused_as(&office, "joost", &["forget", &n, "--yes"]);
    assert!(err.contains("coordinator"), "{err}");
    let err = refused_as(&office, COORDINATOR, &["forget", &n]);
    assert!(err.contains("--yes"), "no terminal, no --yes: {err}");
    refused_as(&office, COORDINATOR, &["forget", "9999", "--yes"]);

    let said = coordinator(&office, &["forget", &n, "--yes"]).stdout;
    assert!(said.contains("gewist"), "{said}");
    for s in SECRETS {
        assert!(
            !file_contains(&office.store(), s),
            "{s} is still in the store file after forget"
        );
    }
    assert!(file_contains(&office.store(), "blijftnotitie"));
    let mode = std::fs::metadata(office.store())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600, "the fresh store file is private too");
    assert_eq!(past_counts(&office), before, "past tallies do not change");
    let err = office.refused(&["show", &n]);
    assert!(err.contains("no client"), "{err}");
    let found = coordinator(&office, &["find", "zerihun", "--restricted", "--json"]).json();
    assert_eq!(found, json!([]));
    let checked = office.ok(&["check"]).stdout;
    assert!(checked.contains("in orde"), "{checked}");
    let log = office.ok(&["audit", "--client", &n, "--json"]).json();
    assert_eq!(log.as_array().unwrap().last().unwrap()["action"], "forget");
    assert_eq!(office.ok(&["followups", "--json"]).json(), json!([]));
}

#[test]
fn a_desk_holding_the_store_open_follows_a_forget_and_loses_nothing() {
    use spreekuur::model::{AuditAction, Channel, Stamp, Visit};
    use spreekuur::store::Store;

    let office = office();
    let n = register_secret_client(&office);
    let other = office.client(&["--name", "Luwam Fitsum"]);
    let desk = Store::open(&office.store()).expect("the desk opens the store");
    let stamp = Stamp {
        who: "desk".into(),
        at: chrono::Local::now().naive_local(),
    };
    desk.audit(&stamp, Some(other), AuditAction::View).unwrap();
    coordinator(&office, &["forget", &n, "--yes"]);
    assert!(
        desk.client(n.parse().unwrap()).is_err(),
        "the desk sees the erasure"
    );
    let (visit, _) = desk
        .add_visit(
            Visit {
                number: 0,
                client: Some(other),
                when: stamp.at,
                volunteer: "desk".into(),
                channel: Channel::Spreekuur,
                categories: vec!["post".into()],
                referrals: vec![],
                note: "na het wissen".into(),
                recorded: stamp.clone(),
            },
            vec![],
        )
        .expect("the desk writes after the store file was replaced");
    let shown = office.ok(&["show", &other.to_string(), "--json"]).json();
    assert_eq!(
        shown["visits"][0]["number"], visit,
        "the desk's write landed in the store the command line uses"
    );
    assert!(office.ok(&["check"]).stdout.contains("in orde"));
}

#[test]
fn restrict_hides_a_client_from_search_until_lifted_by_a_coordinator() {
    let office = office();
    let n = office
        .client(&["--name", "Abdirahman Warsame", "--born", "1991"])
        .to_string();
    office.ok(&[
        "visit",
        &n,
        "--category",
        "post",
        "--follow-up",
        "bellen",
        "--due",
        "+1w",
    ]);
    office.ok(&["restrict", &n]);
    assert_eq!(office.ok(&["find", "warsame", "--json"]).json(), json!([]));
    assert_eq!(
        office.ok(&["followups", "--json"]).json(),
        json!([]),
        "nor in lists"
    );
    let partner = office.client(&["--name", "Faadumo Warsame"]).to_string();
    office.ok(&["client", "edit", &partner, "--household", &n]);
    let shown = office.ok(&["show", &partner, "--json"]).json();
    assert_eq!(
        shown["household"],
        json!([]),
        "nor in a household member's card"
    );
    let asked = coordinator(&office, &["followups", "--restricted", "--json"]).json();
    assert_eq!(asked[0]["client"].to_string(), n);
    let asked = coordinator(&office, &["find", "warsame", "--restricted", "--json"]).json();
    for asked in [
        &["find", "warsame", "--restricted"][..],
        &["followups", "--restricted"],
        &["afspraak", "list", "--restricted"],
    ] {
        let err = refused_as(&office, "els", asked);
        assert!(
            err.contains("coordinator"),
            "{asked:?} for a volunteer: {err}"
        );
    }
    assert_eq!(asked[0]["number"].to_string(), n);
    assert_eq!(
        office.ok(&["show", &n, "--json"]).json()["client"]["restricted"],
        true
    );
    let err = refused_as(&office, "joost", &["restrict", &n, "--lift"]);
    assert!(err.contains("coordinator"), "{err}");
    coordinator(&office, &["restrict", &n, "--lift"]);
    assert_eq!(
        office.ok(&["find", "warsame", "--json"]).json()[0]["number"].to_string(),
        n
    );
    let log = office.ok(&["audit", "--client", &n, "--json"]).json();
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.ends_with(&["restrict", "view", "lift"]),
        "{actions:?}"
    );
    office.refused(&["restrict", "9999"]);
}

#[test]
fn purge_lists_first_and_erases_only_with_yes() {
    use chrono::NaiveDate;
    use spreekuur::model::{Channel, ClientDraft, Stamp, Visit};
    use spreekuur::store::Store;

    let office = office();
    let old = Stamp {
        who: "marieke".into(),
        at: NaiveDate::from_ymd_opt(2022, 5, 3)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
    };
    let (stale, active) = {
        let store = Store::open(&office.store()).unwrap();
        let draft = |name: &str| ClientDraft {
            name: name.into(),
            note: format!("{name} oudenotitie"),
            ..ClientDraft::default()
        };
        let stale = store
            .add_client(draft("Oud Gebleven"), old.clone())
            .unwrap();
        let active = store.add_client(draft("Kwam Terug"), old.clone()).unwrap();
        store
            .add_visit(
                Visit {
                    number: 0,
                    client: Some(stale),
                    when: old.at,
                    volunteer: "marieke".into(),
                    channel: Channel::Spreekuur,
                    categories: vec!["post".into()],
                    referrals: vec![],
                    note: String::new(),
                    recorded: old.clone(),
                },
                vec![],
            )
            .unwrap();
        (stale, active)
    };
    office.ok(&["visit", &active.to_string(), "--category", "duo"]);
    let before = office.ok(&["tally", "--year", "2022", "--json"]).json();

    refused_as(&office, "joost", &["purge"]);
    let dry = coordinator(&office, &["purge"]).stdout;
    assert!(
        dry.contains("Oud Gebleven") && dry.contains("03-05-2022"),
        "{dry}"
    );
    assert!(!dry.contains("Kwam Terug"), "{dry}");
    assert!(dry.contains("Proefrun"), "{dry}");
    office.ok(&["show", &stale.to_string()]);
    let none = coordinator(&office, &["purge", "--inactive", "10y"]).stdout;
    assert!(none.contains("Geen cliënten"), "{none}");
    refused_as(&office, COORDINATOR, &["purge", "--inactive", "ooit"]);

    let done = coordinator(&office, &["purge", "--yes", "--json"]).json();
    assert_eq!(done["erased"], true);
    assert_eq!(done["clients"][0]["number"], stale);
    office.refused(&["show", &stale.to_string()]);
    office.ok(&["show", &active.to_string()]);
    assert!(!file_contains(&office.store(), "Oud Gebleven"));
    assert_eq!(
        common::without_who(office.ok(&["tally", "--year", "2022", "--json"]).json()),
        common::without_who(before),
        "past tallies do not change"
    );
    let log = office
        .ok(&["audit", "--client", &stale.to_string(), "--json"])
        .json();
    assert_eq!(log.as_array().unwrap().last().unwrap()["action"], "purge");
}

#[test]
fn backup_writes_a_private_consistent_copy() {
    let office = office();
    register_secret_client(&office);
    let target = office.dir.path().join("backups").join("s.redb");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let t = target.to_str().unwrap();
    refused_as(&office, "joost", &["backup", t]);
    coordinator(&office, &["backup", t]);
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let copy = office.ok(&["--db", t, "show", "1001", "--json"]).json();
    assert_eq!(copy["client"]["name"], "Zerihun Qelemwork");
    assert!(office.ok(&["--db", t, "check"]).stdout.contains("in orde"));
    coordinator(&office, &["backup", t]); // an older copy is replaced
    let err = refused_as(
        &office,
        COORDINATOR,
        &["backup", target.parent().unwrap().to_str().unwrap()],
    );
    assert!(err.contains("directory"), "{err}");
    let store = office.store();
    let err = refused_as(&office, COORDINATOR, &["backup", store.to_str().unwrap()]);
    assert!(err.contains("store itself"), "{err}");
    let log = office.ok(&["audit", "--json"]).json();
    assert_eq!(log.as_array().unwrap().last().unwrap()["action"], "backup");

    // Only an earlier backup at that place is replaced: not a file of another kind, not
    // another store in use, not a backup put back as a store.
    let keep = office.dir.path().join("keep.txt");
    std::fs::write(&keep, "important").unwrap();
    let err = refused_as(&office, COORDINATOR, &["backup", keep.to_str().unwrap()]);
    assert!(err.contains("not a backup spreekuur wrote"), "{err}");
    assert_eq!(std::fs::read_to_string(&keep).unwrap(), "important");
    let other = office.dir.path().join("other.redb");
    office.ok(&[
        "--db",
        other.to_str().unwrap(),
        "client",
        "add",
        "--name",
        "Andere Cliënt",
    ]);
    let err = refused_as(&office, COORDINATOR, &["backup", other.to_str().unwrap()]);
    assert!(err.contains("not a backup spreekuur wrote"), "{err}");
    let restored = office.dir.path().join("restored.redb");
    std::fs::copy(&target, &restored).unwrap();
    office.ok(&["--db", restored.to_str().unwrap(), "show", "1001"]);
    let err = refused_as(
        &office,
        COORDINATOR,
        &["backup", restored.to_str().unwrap()],
    );
    assert!(err.contains("not a backup spreekuur wrote"), "{err}");
    let kept = office
        .ok(&["--db", other.to_str().unwrap(), "find", "andere", "--json"])
        .json();
    assert_eq!(
        kept[0]["name"], "Andere Cliënt",
        "the other store is untouched"
    );

    let nowhere = office.dir.path().join("no-such-folder").join("s.redb");
    let err = refused_as(&office, COORDINATOR, &["backup", nowhere.to_str().unwrap()]);
    assert!(
        err.contains("could not be written") && err.contains("store itself is unchanged"),
        "{err}"
    );
    assert!(!err.contains("try again"), "{err}");
}

#[test]
fn check_finds_a_broken_index_and_exits_non_zero() {
    let office = office();
    register_secret_client(&office);
    assert!(office.ok(&["check"]).stdout.contains("in orde"));
    {
        // Damage the name index behind the program's back.
        let db = redb::Database::builder()
            .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
            .open(office.store())
            .unwrap();
        let txn = db.begin_write().unwrap();
        {
            // Sealed as the program seals it: a block that reads, but names no client
            // (4242 is place 146 of block 1).
            let mut terms: redb::Table<(&str, u32), &[u8]> = txn
                .open_table(redb::TableDefinition::new("name_term_blocks"))
                .unwrap();
            let key = <(&str, u32) as redb::Value>::as_bytes(&("spook", 1));
            let block = spreekuur::store::codec::encode_term_block(&[146]);
            let sealed = spreekuur::store::seal(&key, &block);
            terms.insert(("spook", 1), sealed.as_slice()).unwrap();
        }
        txn.commit().unwrap();
    }
    let ran = office.run(&["check"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert!(
        ran.stdout.contains("name index") && ran.stdout.contains("4242"),
        "the report on stdout: {}",
        ran.stdout
    );
    assert!(
        ran.stderr.contains("check found 1 problem"),
        "{}",
        ran.stderr
    );
    let ran = office.run(&["check", "--json"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let report: serde_json::Value = serde_json::from_str(&ran.stdout).expect("JSON on stdout");
    assert_eq!(report["clean"], false);
    assert!(
        report["problems"][0].as_str().unwrap().contains("4242"),
        "{report}"
    );
    assert!(
        ran.stderr.contains("check found 1 problem"),
        "{}",
        ran.stderr
    );
    let missing = office.dir.path().join("nothing-here.redb");
    let err = office.refused(&["--db", missing.to_str().unwrap(), "check"]);
    assert!(err.contains("no store"), "{err}");
    assert!(!missing.exists(), "check creates nothing");
}

#[test]
fn a_store_others_can_read_is_warned_about_with_the_fix() {
    let office = office();
    office.client(&["--name", "Amina Yusuf"]);
    std::fs::set_permissions(office.store(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let ran = office.ok(&["find", "amina"]);
    assert!(
        ran.stderr
            .contains(&format!("chmod 600 {}", office.store().display())),
        "{}",
        ran.stderr
    );
    std::fs::set_permissions(office.store(), std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(office.ok(&["find", "amina"]).stderr, "");
}

#[test]
fn with_a_group_in_the_config_files_are_shared_with_that_group() {
    use std::os::unix::fs::MetadataExt;
    let office = Office::new();
    // The group this test runs in, by name.
    let gid = std::fs::metadata(office.dir.path()).unwrap().gid();
    let groups = std::fs::read_to_string("/etc/group").unwrap();
    let Some(group) = groups.lines().find_map(|l| {
        let p: Vec<&str> = l.split(':').collect();
        (p.get(2) == Some(&gid.to_string().as_str())).then(|| p[0].to_string())
    }) else {
        println!("skipped: the test's group has no name in /etc/group");
        return;
    };
    std::fs::create_dir_all(office.config_dir()).unwrap();
    std::fs::write(
        office.config_dir().join("config.toml"),
        format!("group = \"{group}\"\ncoordinators = [\"{COORDINATOR}\"]\n"),
    )
    .unwrap();
    let ran = office.ok(&["client", "add", "--name", "Amina Yusuf"]);
    assert_eq!(ran.stderr, "", "0660 with the group is not warned about");
    let m = std::fs::metadata(office.store()).unwrap();
    assert_eq!(m.permissions().mode() & 0o777, 0o660);
    assert_eq!(m.gid(), gid);
    let target = office.dir.path().join("b.redb");
    coordinator(&office, &["backup", target.to_str().unwrap()]);
    assert_eq!(
        std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o660
    );
}

#[test]
fn a_restricted_client_is_never_named_as_a_possible_duplicate() {
    let office = Office::new();
    let hidden = office.client(&["--name", "Hussein Omar Farah", "--born", "1986"]);
    office.ok(&["client", "add", "--name", "Amina Yusuf", "--born", "1990"]);
    office.ok(&["restrict", &hidden.to_string()]);
    // Registering someone who looks like them: warned that a restricted record may match,
    // without its name, number or birth year.
    let added = office.ok(&[
        "client",
        "add",
        "--name",
        "Husein Omar Farah",
        "--born",
        "1986",
    ]);
    assert!(added.stderr.contains("afgeschermde"), "{}", added.stderr);
    for leak in ["Hussein", &hidden.to_string(), "1986"] {
        assert!(!added.stderr.contains(leak), "{leak} in: {}", added.stderr);
    }
    // The import's dry run says the same of a row, in text and JSON.
    let csv = office.dir.path().join("lijst.csv");
    std::fs::write(
        &csv,
        "naam;geboren\nHussein Omar Farah;1986\nAmina Yusuf;1990\n",
    )
    .unwrap();
    let path = csv.to_str().unwrap();
    let text = office.ok(&["import", path]).stdout;
    assert!(text.contains("afgeschermde"), "{text}");
    assert!(
        !text.contains("Hussein Omar Farah (") && !text.contains(&hidden.to_string()),
        "{text}"
    );
    let dry = office.ok(&["import", path, "--json"]).json();
    let like = dry["like_existing"].as_array().unwrap();
    let restricted: Vec<_> = like.iter().filter(|l| l["restricted"] == true).collect();
    assert_eq!(restricted.len(), 1, "{like:?}");
    assert_eq!(restricted[0]["client"], serde_json::Value::Null);
    assert_eq!(restricted[0]["client_name"], serde_json::Value::Null);
    assert!(!dry.to_string().contains(&format!("\"client\":{hidden}")));
    // Visible look-alikes are still named, so the volunteer can pick them.
    assert!(like.iter().any(|l| l["client_name"] == "Amina Yusuf"));
}

#[test]
fn a_restricted_client_stays_out_of_other_volunteers_lists_and_the_tallies_hold_no_client() {
    let office = Office::new();
    let n = office.client(&["--name", "Zerihun Abebe"]).to_string();
    office.ok(&[
        "visit",
        &n,
        "--category",
        "post",
        "--follow-up",
        "bellen",
        "--due",
        "+1w",
    ]);
    office.ok(&["client", "edit", &n, "--begeleider", "joost"]);
    office.ok(&[
        "followup",
        "add",
        &n,
        "--text",
        "brief",
        "--due",
        "+2w",
        "--assignee",
        "joost",
    ]);
    office.ok(&["restrict", &n]);
    // Another volunteer's list, and the clients a begeleider guides.
    assert_eq!(
        office
            .ok(&["followups", "--assignee", "joost", "--json"])
            .json(),
        json!([])
    );
    assert_eq!(
        office
            .ok(&["find", "--begeleider", "joost", "--json"])
            .json(),
        json!([])
    );
    // The tallies, by volunteer too, count without naming or numbering anyone.
    let tally = office.ok(&["tally", "--json"]).json();
    assert_eq!(tally["visits"], 1);
    assert_eq!(tally["by_volunteer"]["marieke"], 1);
    let text = tally.to_string() + &office.ok(&["tally"]).stdout;
    assert!(!text.contains("Zerihun") && !text.contains(&n), "{text}");
}
