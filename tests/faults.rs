//! Faults, each with real processes: writers killed with SIGKILL, two real desks (in
//! pseudo-terminals) and the command line writing at once for 30 seconds (with an erasure in
//! the middle), a full disk, an unusable directory, damaged store files, fuzzed decoders,
//! config and keymaps, and bad input. Each prints what it tried and what was lost.

mod common;

use common::Office;
use common::pty::{CTRL_Q, CTRL_S};
use proptest::prelude::*;
use spreekuur::model::Stamp;
use std::collections::{BTreeMap, HashSet};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

const COORDINATOR: &str = "marieke";

/// The binary as a plain process of this office (so it can be killed or limited).
fn process(office: &Office, program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", office.dir.path())
        .env("XDG_CONFIG_HOME", office.dir.path().join("config"))
        .env("SPREEKUUR_DB", office.store())
        .env("SPREEKUUR_VOLUNTEER", "marieke")
        .env("LOGNAME", COORDINATOR)
        .env("TZ", "Europe/Amsterdam");
    cmd
}

fn binary() -> String {
    env!("CARGO_BIN_EXE_spreekuur").to_string()
}

fn with_coordinator(office: &Office) {
    office.write_config(&format!("coordinators = [\"{COORDINATOR}\"]\n"));
}

/// A small xorshift generator: the tests print their seed, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn seeded() -> Rng {
        let seed = std::env::var("FAULT_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
                    | 1
            });
        println!("FAULT_SEED={seed}");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Runs the binary as the coordinator's login; gives the exit code and stderr.
/// The exit code and all the command said, stdout (a report) and stderr (notes) together.
fn as_coordinator(office: &Office, args: &[&str]) -> (i32, String) {
    let out = process(office, &binary()).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn notes_of(office: &Office, client: &str) -> Vec<String> {
    office.ok(&["show", client, "--json"]).json()["visits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["note"].as_str().unwrap().to_string())
        .collect()
}

fn assert_check_clean(office: &Office) {
    let ran = office.run(&["check"]);
    assert_eq!(ran.code, 0, "check is not clean: {}", ran.stderr);
}

#[test]
fn a_writer_killed_at_random_moments_loses_no_acknowledged_write() {
    const WRITES: usize = 1000;
    let office = Office::new();
    let client = office.client(&["--name", "Kidane Ghebreyesus"]).to_string();
    let mut rng = Rng::seeded();
    let mut acknowledged = HashSet::new();
    let (mut kills, mut killed_before_answer) = (0, 0);
    for i in 0..WRITES {
        let note = format!("k{i}");
        let mut child = process(&office, &binary())
            .args(["visit", &client, "--category", "post", "--note", &note])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the writer starts");
        if rng.below(3) == 0 {
            // Somewhere inside the process's life: start-up, open, the transaction, exit.
            thread::sleep(Duration::from_micros(rng.below(8000)));
            if child.kill().is_ok() {
                kills += 1;
            }
        }
        let out = child.wait_with_output().expect("the writer ends");
        if out.status.success() {
            assert!(!out.stdout.is_empty(), "a success prints the visit number");
            acknowledged.insert(note);
        } else {
            killed_before_answer += 1;
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("panicked"), "write {i} panicked: {stderr}");
        }
    }
    let notes = notes_of(&office, &client);
    let landed: HashSet<&String> = notes.iter().collect();
    assert_eq!(landed.len(), notes.len(), "no write landed twice");
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|n| !landed.contains(n))
        .collect();
    assert!(lost.is_empty(), "acknowledged writes lost: {lost:?}");
    assert_check_clean(&office);
    println!(
        "{WRITES} writes by real processes, {kills} SIGKILLs ({killed_before_answer} before the answer): {} acknowledged, {} landed, 0 lost",
        acknowledged.len(),
        notes.len()
    );
}

#[test]
fn two_desks_and_the_command_line_write_at_once_for_thirty_seconds() {
    const SECONDS: u64 = 30;
    let office = Office::new();
    with_coordinator(&office);
    let client = office.client(&["--name", "Luwam Fitsum"]);
    let to_forget = office
        .client(&["--name", "Wordt Gewist", "--note", "wisnotitie"])
        .to_string();
    let client_s = client.to_string();
    let stop = AtomicBool::new(false);
    let started = Instant::now();
    let (office, stop, client_s, to_forget) = (&office, &stop, &client_s, &to_forget);
    let results: Vec<(String, Vec<String>)> = thread::scope(|s| {
        let mut handles = Vec::new();
        for desk in 0..2 {
            handles.push(s.spawn(move || {
                // A real desk in a pseudo-terminal, the store open the whole time, typed at
                // as a volunteer would: open the client, log visits one after another.
                let mut d = office.desk(&format!("desk{desk}"));
                d.wait_for("Zoek:");
                d.send(client_s);
                d.wait_for("Luwam Fitsum");
                d.send("\r");
                d.wait_for("Bezoeken (");
                let mut written = Vec::new();
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    let note = format!("desk{desk}-{i}");
                    d.send("v");
                    d.wait_for("Categorieën (0)");
                    d.send("post ");
                    d.wait_for("Categorieën (1)");
                    // Categories, referrals, channel, when, then the note.
                    d.send("\t\t\t\t");
                    d.send(&note);
                    d.wait_for(&note);
                    d.send(CTRL_S);
                    d.wait_until("the visit saved and the card back", |t| {
                        t.contains("Bezoek opgeslagen: nr") && !t.contains("Categorieën (")
                    });
                    written.push(note);
                    i += 1;
                }
                d.send(CTRL_Q);
                assert!(d.wait_exit().success(), "desk {desk} did not end cleanly");
                (format!("desk {desk}"), written)
            }));
        }
        handles.push(s.spawn(move || {
            let mut written = Vec::new();
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                let note = format!("cli-{i}");
                let ran = office.run(&["visit", client_s, "--category", "duo", "--note", &note]);
                assert_eq!(ran.code, 0, "the command line saw an error: {}", ran.stderr);
                written.push(note);
                i += 1;
            }
            ("command line".to_string(), written)
        }));
        handles.push(s.spawn(move || {
            // The coordinator erases a client and makes a backup while the others write; it
            // ends the soak however it ends itself, so a failure here cannot hang the test.
            struct Stop<'a>(&'a AtomicBool);
            impl Drop for Stop<'_> {
                fn drop(&mut self) {
                    self.0.store(true, Ordering::Relaxed);
                }
            }
            let _stop = Stop(stop);
            thread::sleep(Duration::from_secs(SECONDS / 3));
            let (code, stderr) = as_coordinator(office, &["forget", to_forget, "--yes"]);
            assert_eq!(code, 0, "forget failed: {stderr}");
            thread::sleep(Duration::from_secs(SECONDS / 3));
            let backup = office.dir.path().join("soak-backup.redb");
            let (code, stderr) = as_coordinator(office, &["backup", backup.to_str().unwrap()]);
            assert_eq!(code, 0, "backup failed: {stderr}");
            let ran = office.run(&["--db", backup.to_str().unwrap(), "check"]);
            assert_eq!(ran.code, 0, "the backup is not consistent: {}", ran.stderr);
            thread::sleep(Duration::from_secs(SECONDS - 2 * (SECONDS / 3)));
            ("coordinator".to_string(), Vec::new())
        }));
        handles
            .into_iter()
            .map(|h| h.join().expect("a writer failed"))
            .collect()
    });
    let notes = notes_of(office, client_s);
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for n in &notes {
        *count.entry(n.as_str()).or_default() += 1;
    }
    let twice: Vec<_> = count.iter().filter(|(_, c)| **c > 1).collect();
    assert!(twice.is_empty(), "duplicated: {twice:?}");
    let mut total = 0;
    for (who, written) in &results {
        for note in written {
            assert!(count.contains_key(note.as_str()), "{who}'s {note} was lost");
        }
        total += written.len();
    }
    assert_eq!(notes.len(), total, "nothing landed that nobody wrote");
    assert!(
        !std::fs::read(office.store())
            .unwrap()
            .windows(10)
            .any(|w| w == b"wisnotitie"),
        "the forgotten client's note is gone from the store file"
    );
    assert_check_clean(office);
    let per: Vec<String> = results
        .iter()
        .filter(|(_, w)| !w.is_empty())
        .map(|(who, w)| format!("{who} {}", w.len()))
        .collect();
    println!(
        "{:.0} s, 2 desks (real desk processes typed at in a pty) + the command line (a process per write) ({}), a forget and a backup in between: {total} writes, 0 lost, 0 twice, 0 errors",
        started.elapsed().as_secs_f64(),
        per.join(", ")
    );
}

/// Runs the binary with the file size limited to `kib` KiB, as on a full disk: writes past it
/// fail with EFBIG instead of killing the process.
fn with_full_disk(office: &Office, kib: u64, args: &[&str]) -> (i32, String) {
    let mut all = vec![
        "-c".to_string(),
        format!("ulimit -f {kib}; trap '' XFSZ; exec \"$0\" \"$@\""),
        binary(),
    ];
    all.extend(args.iter().map(|a| a.to_string()));
    let out = process(office, "sh").args(&all).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_full_disk_gives_a_clear_message_and_stores_nothing_half() {
    let office = Office::new();
    // Opening to change client 1 makes the empty store (and then finds no client 1).
    office.refused(&["restrict", "1"]);
    let size = std::fs::metadata(office.store()).unwrap().len();
    let (code, stderr) = with_full_disk(
        &office,
        size / 1024 + 1,
        &["demo", "--clients", "3000", "--visits", "20000"],
    );
    assert_ne!(code, 0, "the fill cannot fit");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("Nothing was saved"), "{stderr}");
    assert_check_clean(&office);
    assert_eq!(
        office.ok(&["find", "a", "--json"]).json(),
        serde_json::json!([]),
        "no client of the failed fill was stored"
    );
    let n = office.client(&["--name", "Na De Storing"]);
    assert_eq!(n, 1001, "the store works again once there is room");
    println!(
        "full disk: refused with \"{}\"; 0 records half-stored",
        stderr.trim()
    );
}

#[test]
fn an_unusable_store_directory_gives_a_clear_message() {
    let office = Office::new();
    let file = office.dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let inside = file.join("spreekuur.redb");
    let err = office.refused(&[
        "--db",
        inside.to_str().unwrap(),
        "client",
        "add",
        "--name",
        "X",
    ]);
    assert!(err.contains("cannot open the store"), "{err}");
    let locked = office.dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
    if std::fs::write(locked.join("probe"), "x").is_ok() {
        println!("unwritable directory: skipped, this user (root?) writes anywhere");
        return;
    }
    let store = locked.join("spreekuur.redb");
    let err = office.refused(&[
        "--db",
        store.to_str().unwrap(),
        "client",
        "add",
        "--name",
        "X",
    ]);
    assert!(
        err.contains("cannot open the store") && err.contains("ermission"),
        "{err}"
    );
}

#[test]
fn damaged_store_files_are_refused_never_panicked_on() {
    let office = Office::new();
    office.ok(&["demo", "--clients", "200", "--visits", "1000"]);
    let good = std::fs::read(office.store()).unwrap();
    let mut rng = Rng::seeded();
    let mut tried = 0;
    let mut cases: Vec<(String, Vec<u8>)> = vec![
        ("empty half".into(), good[..good.len() / 2].to_vec()),
        (
            "first page only".into(),
            good[..4096.min(good.len())].to_vec(),
        ),
        (
            "random bytes".into(),
            (0..65536).map(|_| rng.below(256) as u8).collect(),
        ),
    ];
    for _ in 0..6 {
        let mut bytes = good.clone();
        let at = rng.below(bytes.len() as u64) as usize;
        for b in bytes.iter_mut().skip(at).take(512) {
            *b = rng.below(256) as u8;
        }
        cases.push((format!("512 garbage bytes at {at}"), bytes));
    }
    for (what, bytes) in cases {
        let path = office.dir.path().join("damaged.redb");
        std::fs::write(&path, &bytes).unwrap();
        let p = path.to_str().unwrap();
        for args in [
            vec!["--db", p, "find", "mohammed"],
            vec!["--db", p, "show", "1001"],
            vec!["--db", p, "tally", "--year", "2025"],
            vec!["--db", p, "check"],
        ] {
            let ran = office.run(&args);
            tried += 1;
            assert!(
                !ran.stderr.contains("panicked"),
                "{what}: {args:?} panicked: {}",
                ran.stderr
            );
            if ran.code != 0 {
                assert!(
                    ran.stderr.starts_with("spreekuur: "),
                    "{what}: {}",
                    ran.stderr
                );
                assert_no_rust_text(&ran.stderr, &format!("{what}: {args:?}"));
                // `check` itself is never advised to the one who just ran it.
                if args.contains(&"check") {
                    assert!(
                        !ran.stderr.contains("Run `spreekuur check`"),
                        "{}",
                        ran.stderr
                    );
                }
            }
        }
        std::fs::remove_file(&path).unwrap();
    }
    // A record whose bytes do not match its checksum, then one with garbage bytes under a
    // checksum that matches (as a bug of ours could write), both behind the program's back.
    for garbage in [
        [0xff, 0x00, 0x13, 0x00, 0x00].to_vec(),
        spreekuur::store::seal(&1001u64.to_le_bytes(), &[0xff, 0x00, 0x13]),
    ] {
        let db = redb::Database::builder()
            .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
            .open(office.store())
            .unwrap();
        let txn = db.begin_write().unwrap();
        {
            let mut clients: redb::Table<u64, &[u8]> = txn
                .open_table(redb::TableDefinition::new("clients"))
                .unwrap();
            clients.insert(1001, garbage.as_slice()).unwrap();
        }
        txn.commit().unwrap();
        drop(db);
        let err = office.refused(&["show", "1001"]);
        assert!(
            err.contains("1001") && err.contains("spreekuur check"),
            "{err}"
        );
        // A record that cannot be decoded is a problem in check's report (stdout), a broken
        // seal stops check (stderr): either way it fails and names the record.
        let ran = office.run(&["check"]);
        assert_ne!(ran.code, 0, "{}", ran.stdout);
        let said = format!("{}{}", ran.stdout, ran.stderr);
        assert!(
            said.contains("client 1001 cannot be read")
                || said.contains("client 1001 does not match its checksum: clients 1001"),
            "check names the table and key for whoever maintains spreekuur: {said}"
        );
        let ran = office.run(&["check", "--json"]);
        assert_ne!(ran.code, 0);
        let report: serde_json::Value =
            serde_json::from_str(&ran.stdout).expect("check --json reports a damaged store too");
        assert_eq!(report["clean"], false);
        assert!(
            report["problems"][0].as_str().unwrap().contains("1001"),
            "{report}"
        );
    }
    println!("{tried} commands on 9 damaged files and 2 damaged records: 0 panics");
}

/// A volunteer never sees a panic's text, a source path or redb's own words.
fn assert_no_rust_text(stderr: &str, what: &str) {
    for rust in ["unwrap", ".rs:", "panicked", "redb::", "Utf8Error"] {
        assert!(!stderr.contains(rust), "{what} printed {rust:?}: {stderr}");
    }
}

fn sample_client() -> spreekuur::model::Client {
    use spreekuur::model::{Birth, Client};
    let stamp = Stamp {
        who: "marieke".into(),
        at: chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
            .unwrap()
            .and_hms_opt(14, 30, 0)
            .unwrap(),
    };
    Client {
        number: 1042,
        name: "Mohammed Al-Hassan".into(),
        aliases: vec!["Muhammad Alhassan".into()],
        birth: Birth::Year(1986),
        gender: Default::default(),
        country: Some("SY".into()),
        languages: vec!["ar".into()],
        interpreter: true,
        phone: Some("06 1234 5678".into()),
        note: "komt met buurvrouw".into(),
        restricted: false,
        household: Some(7),
        informed: None,
        begeleider: Some("joost".into()),
        created: stamp.clone(),
        changed: stamp,
    }
}

const FUZZ_CASES: u32 = 3000;

proptest! {
    #![proptest_config(ProptestConfig { cases: FUZZ_CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn record_decoders_never_panic_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        use spreekuur::store::codec::*;
        let _ = decode_client(&bytes);
        let _ = decode_visit(&bytes);
        let _ = decode_followup(&bytes);
        let _ = decode_audit(1, &bytes);
        if let Ok(view) = decode_day_entry(&bytes) {
            let _ = view.categories.count();
            let _ = view.referrals.count();
        }
    }

    #[test]
    fn a_damaged_client_record_is_refused_or_read_never_panicked_on(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in any::<prop::sample::Index>(),
    ) {
        use spreekuur::store::codec::*;
        let mut bytes = encode_client(&sample_client());
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let _ = decode_client(&bytes);
        let _ = decode_client(&bytes[..cut.index(bytes.len())]);
    }

    #[test]
    fn the_config_parser_never_panics(text in "\\PC{0,200}", valid_edit in any::<prop::sample::Index>(), junk in "[\\[\\]=\"a-z0-9._ \n]{0,20}") {
        let path = std::path::Path::new("fuzz.toml");
        let _ = spreekuur::config::Config::parse(&text, path);
        let valid = "lang = \"en\"\ncoordinators = [\"marieke\"]\nretention = \"24m\"\ngroup = \"vw\"\n[categories.huisvesting]\nnl = \"Wonen\"\n[referrals.rechtswinkel]\nnl = \"Rechtswinkel\"\nretired = true\n";
        let at = valid_edit.index(valid.len());
        let at = (0..=at).rev().find(|i| valid.is_char_boundary(*i)).unwrap_or(0);
        let edited = format!("{}{junk}{}", &valid[..at], &valid[at..]);
        if let Err(e) = spreekuur::config::Config::parse(&edited, path) {
            prop_assert!(e.to_string().contains("fuzz.toml"));
        }
    }

    #[test]
    fn the_keymap_parser_never_panics(text in "\\PC{0,200}", valid_edit in any::<prop::sample::Index>(), junk in "[\\[\\]{}=,\"a-z0-9_ \n-]{0,20}") {
        use spreekuur::tui::keymap::parse;
        let _ = parse(&text, "fuzz.toml");
        let valid = spreekuur::tui::keymap::DEFAULT;
        let at = valid_edit.index(valid.len());
        let at = (0..=at).rev().find(|i| valid.is_char_boundary(*i)).unwrap_or(0);
        let edited = format!("{}{junk}{}", &valid[..at], &valid[at..]);
        if let Err(e) = parse(&edited, "fuzz.toml") {
            prop_assert!(e.to_string().contains("fuzz.toml, line"), "{}", e);
        }
    }
}

#[test]
fn fuzzing_says_what_it_tried() {
    println!(
        "fuzzed with proptest: {FUZZ_CASES} cases each of arbitrary bytes into 5 record decoders, damaged client records, config.toml text and keymap text: 0 panics"
    );
}

#[test]
fn huge_pastes_and_bad_input_at_the_privacy_commands_store_nothing_half() {
    let office = Office::new();
    with_coordinator(&office);
    let n = office.client(&["--name", "Zainab Kadhim"]).to_string();
    let huge = "plak ".repeat(20_000);
    let err = office.refused(&["client", "edit", &n, "--note", &huge]);
    assert!(err.contains("under"), "{err}");
    let err = office.refused(&["visit", &n, "--category", "post", "--note", &huge]);
    assert!(err.contains("under"), "{err}");
    let err = office.refused(&["client", "edit", &n, "--alias", &huge]);
    assert!(err.contains("under"), "{err}");
    let err = office.refused(&["client", "edit", &n, "--alias", "bsn 111222333"]);
    assert!(err.contains("BSN"), "{err}");
    office.refused(&["audit", "--from", "31-02-2026"]);
    office.refused(&["audit", "--client", "abc"]);
    office.refused(&["export", "abc"]);
    office.refused(&["forget", "-1", "--yes"]);
    office.refused(&["purge", "--inactive", "0m"]);
    office.refused(&["purge", "--inactive", "99999999999y"]);
    office.refused(&["restrict", "18446744073709551616"]);
    let shown = office.ok(&["show", &n, "--json"]).json();
    assert_eq!(shown["client"]["note"], "");
    assert_eq!(shown["client"]["aliases"], serde_json::json!([]));
    assert_eq!(shown["visits"], serde_json::json!([]));
    assert_check_clean(&office);
}

/// A token of letters only (names refuse digits), unique per `i`.
fn letters(mut i: usize) -> String {
    let mut s = String::new();
    for _ in 0..4 {
        s.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
    }
    s
}

/// Whether the file holds `needle` as typed or as the name index writes it (lower case).
fn file_holds(path: &std::path::Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    [needle.to_string(), needle.to_lowercase()]
        .iter()
        .any(|n| bytes.windows(n.len()).any(|w| w == n.as_bytes()))
}

/// The `.partial` files next to the store.
fn partials(office: &Office) -> usize {
    let dir = office.store().parent().unwrap().to_path_buf();
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        })
        .count()
}

/// A client of its own for kill `i`, with a name, alias, phone, client note and visit note
/// found nowhere else in the store; gives the number and those texts.
fn victim(office: &Office, i: usize) -> (String, [String; 5]) {
    let t = letters(i);
    let secrets = [
        format!("Victimqq{t}"),
        format!("Aliasqq{t}"),
        format!("0{:09}", 612_000_000 + i),
        format!("notitieqq{t}"),
        format!("bezoekqq{t}"),
    ];
    let n = office
        .client(&[
            "--name",
            &format!("{} Tesfamariam", secrets[0]),
            "--alias",
            &secrets[1],
            "--phone",
            &secrets[2],
            "--note",
            &secrets[3],
        ])
        .to_string();
    office.ok(&["visit", &n, "--category", "post", "--note", &secrets[4]]);
    (n, secrets)
}

#[test]
fn forget_killed_at_random_moments_leaves_the_client_whole_or_gone_without_a_trace() {
    const KILLS: usize = 110;
    let office = Office::new();
    with_coordinator(&office);
    office.ok(&["demo", "--clients", "150", "--visits", "500"]);
    let mut rng = Rng::seeded();
    // How long an uninterrupted forget takes here (the quickest of three, as the machine may
    // be busy), so the kills fall all over its life.
    let mut took = Duration::MAX;
    for i in 0..3 {
        let (n, _) = victim(&office, 10_000 + i);
        let start = Instant::now();
        let (code, stderr) = as_coordinator(&office, &["forget", &n, "--yes"]);
        took = took.min(start.elapsed());
        assert_eq!(code, 0, "{stderr}");
    }
    let (mut before_erasure, mut during_rewrite, mut finished) = (0, 0, 0);
    let (mut partials_after_kill, mut marks_after_kill, mut checked_before) = (0, 0, 0);
    for i in 0..KILLS {
        let (n, secrets) = victim(&office, i);
        let mut child = process(&office, &binary())
            .args(["forget", &n, "--yes"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("forget starts");
        thread::sleep(Duration::from_micros(
            rng.below(took.as_micros() as u64 + 1),
        ));
        let _ = child.kill();
        let out = child.wait_with_output().expect("forget ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "kill {i}: {stderr}");
        let left = partials(&office);
        partials_after_kill += left;
        // What check says of it, a few times (each check reads the whole store).
        if left > 0 && checked_before < 5 {
            let (code, said) = as_coordinator(&office, &["check"]);
            assert_ne!(code, 0, "kill {i}: check is clean with a copy left");
            assert!(
                said.contains("spreekuur check --repair"),
                "kill {i}: check names the command that finishes it: {said}"
            );
            checked_before += 1;
        }
        // The next command that opens the store read-write.
        let (code, repair) = as_coordinator(&office, &["check", "--repair"]);
        assert_eq!(code, 0, "kill {i}: {repair}");
        if repair.contains("is now finished") {
            marks_after_kill += 1;
        }
        let shown = office.run(&["show", &n, "--json"]);
        if shown.code == 0 {
            assert!(!out.status.success(), "kill {i}: forget said it erased {n}");
            let card = shown.json();
            assert!(card.to_string().contains(&secrets[0]), "kill {i}: {card}");
            assert_eq!(
                notes_of(&office, &n),
                vec![secrets[4].clone()],
                "kill {i}: a client still there is whole"
            );
            before_erasure += 1;
            continue;
        }
        if out.status.success() {
            finished += 1;
        } else {
            during_rewrite += 1;
        }
        for s in &secrets {
            assert!(
                !file_holds(&office.store(), s),
                "kill {i}: \"{s}\" of forgotten client {n} is still in the store file"
            );
        }
        assert_eq!(partials(&office), 0, "kill {i}: a .partial copy is left");
        assert_check_clean(&office);
    }
    assert_eq!(partials(&office), 0);
    assert_check_clean(&office);
    assert!(
        before_erasure > 0 && during_rewrite > 0,
        "the kills fell in both phases ({before_erasure} before the erasure, {during_rewrite} after it)"
    );
    println!(
        "{KILLS} SIGKILLs of forget (uninterrupted it takes {} ms): {before_erasure} before the erasure was saved (client whole), {during_rewrite} after it was saved, in or just before the rewrite (client gone), {finished} too late (forget had finished); {marks_after_kill} left the erasure marked unfinished and {partials_after_kill} a .partial copy until the next open; after it: 0 .partial files, 0 bytes of the erased name, alias, phone or notes, check clean",
        took.as_millis()
    );
}

#[test]
fn a_hang_up_during_the_rewrite_does_not_stop_forget() {
    let office = Office::new();
    with_coordinator(&office);
    office.ok(&["demo", "--clients", "150", "--visits", "500"]);
    let (n, secrets) = victim(&office, 0);
    let mut child = process(&office, &binary())
        .args(["forget", &n, "--yes"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("forget starts");
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stderr, &mut line).unwrap();
    assert!(
        line.contains("nu wordt het opslagbestand herschreven"),
        "{line}"
    );
    let hup = Command::new("kill")
        .args(["-HUP", &child.id().to_string()])
        .status()
        .unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "forget went on after the hang-up: {rest}");
    assert!(rest.contains("het wissen is af"), "{rest}");
    for s in &secrets {
        assert!(!file_holds(&office.store(), s), "{s}");
    }
    assert_eq!(partials(&office), 0);
    assert_check_clean(&office);
    println!(
        "SIGHUP to forget during its rewrite (sent: {}): it went on, \"{}\"",
        hup.success(),
        rest.trim()
    );
}
