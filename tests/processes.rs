//! Several real processes writing one store at once: none fails because another has it open,
//! and every write lands exactly once.

mod common;

use common::Office;
use std::collections::HashSet;
use std::thread;

const WRITERS: usize = 6;
const WRITES_EACH: usize = 20;

#[test]
fn concurrent_processes_each_write_lands_exactly_once() {
    let office = Office::new();
    let client = office.client(&["--name", "Kidane Ghebreyesus"]).to_string();
    let numbers: Vec<Vec<u64>> = thread::scope(|s| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                let office = &office;
                let client = client.clone();
                s.spawn(move || {
                    let mut got = Vec::new();
                    for i in 0..WRITES_EACH {
                        // Writers alternate between registering and logging, as desks do.
                        let ran = if i % 2 == 0 {
                            office.run(&[
                                "client",
                                "add",
                                "--name",
                                &format!("Writer {w} client {i}"),
                                "--json",
                            ])
                        } else {
                            office.run(&[
                                "visit",
                                &client,
                                "--category",
                                "post",
                                "--note",
                                &format!("w{w}-{i}"),
                                "--json",
                            ])
                        };
                        assert_eq!(ran.code, 0, "writer {w} write {i} failed: {}", ran.stderr);
                        got.push(ran.json()["number"].as_u64().expect("a number"));
                    }
                    got
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("writer thread"))
            .collect()
    });

    let shown = office.ok(&["show", &client, "--json"]).json();
    let notes: Vec<String> = shown["visits"]
        .as_array()
        .expect("visits")
        .iter()
        .map(|v| v["note"].as_str().unwrap_or_default().to_string())
        .collect();
    let unique: HashSet<&String> = notes.iter().collect();
    assert_eq!(notes.len(), WRITERS * WRITES_EACH / 2, "every visit landed");
    assert_eq!(unique.len(), notes.len(), "no visit landed twice");
    for w in 0..WRITERS {
        for i in (1..WRITES_EACH).step_by(2) {
            assert!(
                unique.contains(&format!("w{w}-{i}")),
                "visit w{w}-{i} is missing"
            );
        }
    }
    let mut clients: Vec<u64> = numbers
        .iter()
        .flat_map(|got| got.iter().step_by(2).copied())
        .collect();
    clients.sort_unstable();
    clients.dedup();
    assert_eq!(
        clients.len(),
        WRITERS * WRITES_EACH / 2,
        "client numbers are never reused"
    );
    let found = office
        .ok(&["find", "writer", "--limit", "500", "--json"])
        .json();
    assert_eq!(found.as_array().unwrap().len(), WRITERS * WRITES_EACH / 2);
    println!(
        "{WRITERS} processes at a time, {} writes: {} landed, 0 lost, 0 twice",
        WRITERS * WRITES_EACH,
        notes.len() + clients.len()
    );
}

#[test]
fn a_desk_holding_the_store_open_sees_other_processes_at_once() {
    use spreekuur::model::{Channel, Stamp, Visit};
    use spreekuur::store::Store;

    let office = Office::new();
    office.client(&["--name", "Luwam Fitsum"]);
    // This process keeps the store open the whole time, as a desk does.
    let desk = Store::open(&office.store()).expect("the desk opens the store");
    assert_eq!(desk.client_count().unwrap(), 1);
    office.ok(&["client", "add", "--name", "Filmon Gebrehiwet"]);
    assert_eq!(
        desk.client_count().unwrap(),
        2,
        "the desk sees the other process's client"
    );

    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let stamp = Stamp {
        who: "desk".into(),
        at: now,
    };
    let (visit, _) = desk
        .add_visit(
            Visit {
                number: 0,
                client: Some(1002),
                when: now,
                volunteer: "desk".into(),
                channel: Channel::Spreekuur,
                categories: vec!["post".into()],
                referrals: vec![],
                note: String::new(),
                recorded: stamp,
            },
            vec![],
        )
        .expect("the desk writes while others may too");
    let shown = office.ok(&["show", "1002", "--json"]).json();
    assert_eq!(
        shown["visits"][0]["number"], visit,
        "the command line sees the desk's visit"
    );
}
