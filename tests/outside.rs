//! A report for outside the office through the real binary: small counts of people are hidden
//! as `<5`, and no hidden count can be worked out by subtracting the shown rows of a
//! breakdown from the total it adds up to.

mod common;

use common::Office;
use serde_json::Value;

/// (country, gender, birth) of the office's clients in 2025: a large group, a middle one and
/// small ones, two children and one adult whose age is not known.
const CLIENTS: &[(&str, &str, &str)] = &[
    ("SY", "v", "1980"),
    ("SY", "m", "1981"),
    ("SY", "v", "1975"),
    ("SY", "m", "1990"),
    ("SY", "v", "1992"),
    ("SY", "m", "1985"),
    ("SY", "v", "1970"),
    ("SY", "m", "1960"),
    ("SY", "v", "2015"),
    ("SY", "m", "1999"),
    ("SY", "v", "1988"),
    ("SY", "m", "1987"),
    ("ER", "v", "1995"),
    ("ER", "m", "1996"),
    ("ER", "m", "1997"),
    ("ER", "v", "1993"),
    ("ER", "m", "1994"),
    ("ER", "m", "1991"),
    ("AF", "m", "2010"),
    ("AF", "v", ""),
    ("AF", "m", "1979"),
    ("IQ", "x", "1984"),
];

/// Words for the client names, so no two registered names look alike.
const NAMES: &[&str] = &[
    "Amal", "Bashir", "Chiara", "Dawit", "Esra", "Farid", "Ghada", "Hamid", "Iman", "Jamal",
    "Karima", "Latif", "Mariam", "Nabil", "Omar", "Parisa", "Qadir", "Rania", "Samir", "Tahir",
    "Umaima", "Walid",
];

fn office_with_clients() -> Office {
    let office = Office::new();
    let mut list = String::from("naam;geslacht;geboortedatum;land\r\n");
    for (i, (country, gender, born)) in CLIENTS.iter().enumerate() {
        list.push_str(&format!(
            "{} Testfamilie{};{gender};{born};{country}\r\n",
            NAMES[i],
            ["noord", "zuid", "oost", "west"][i % 4]
        ));
    }
    let file = office.dir.path().join("clients.csv");
    std::fs::write(&file, list).unwrap();
    office.ok(&["import", file.to_str().unwrap(), "--yes"]);
    // Numbers are handed out from 1001 on, in the order of the list.
    let numbers = 1001..1001 + CLIENTS.len() as u64;
    for n in numbers {
        office.ok(&[
            "visit",
            &n.to_string(),
            "--at",
            "2025-05-06 10:00",
            "--category",
            "post",
        ]);
    }
    office
}

/// What a reader knows of a figure: its value, or the range its text says.
fn range(v: &Value, threshold: i64, most: i64) -> (i64, i64) {
    match (v.as_i64(), v.as_str()) {
        (Some(n), _) => (n, n),
        (None, Some(t)) if t.starts_with('<') => (0, threshold - 1),
        _ => (threshold, most),
    }
}

/// Each hidden row of a breakdown can still take two values or more, given the total the
/// rows add up to: subtracting the shown rows from it gives none away.
fn no_row_subtracts_out(name: &str, rows: &[&Value], total: i64, threshold: i64) {
    let ranges: Vec<(i64, i64)> = rows.iter().map(|v| range(v, threshold, total)).collect();
    for (i, v) in rows.iter().enumerate() {
        if v.is_number() {
            continue;
        }
        let (lo, hi) = ranges
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .fold((0, 0), |(lo, hi), (_, (a, b))| (lo + a, hi + b));
        let (own_lo, own_hi) = ranges[i];
        let possible = (own_lo..=own_hi)
            .filter(|x| (lo..=hi).contains(&(total - x)))
            .count();
        assert!(
            possible >= 2,
            "{name}: a hidden row can be worked out from the total {total} ({rows:?})"
        );
    }
}

#[test]
fn small_counts_of_people_are_hidden_and_none_can_be_subtracted_out() {
    let office = office_with_clients();
    let inside = office.ok(&["tally", "--year", "2025", "--json"]).json();
    assert_eq!(inside["clients"], 22);
    assert_eq!(inside["clients_by_country"]["IQ"], 1);
    assert_eq!(inside["clients_by_gender"]["x"], 1);
    assert_eq!(inside["children"], 2);
    assert_eq!(inside["age_unknown"], 1);

    let outside = office
        .ok(&["tally", "--year", "2025", "--json", "--for-outside"])
        .json();
    assert_eq!(outside["outside_threshold"], 5);
    assert!(
        outside.get("by_volunteer").is_none(),
        "no volunteers' names"
    );
    assert_eq!(
        outside["clients_by_country"]["SY"], 12,
        "a large group stays"
    );
    assert_eq!(outside["clients_by_country"]["IQ"], "<5");
    assert_eq!(outside["clients_by_country"]["AF"], "<5");
    assert_eq!(outside["clients_by_gender"]["x"], "<5");
    let clients = 22;
    for key in [
        "clients_by_country",
        "clients_by_gender",
        "clients_by_age",
        "clients_by_language",
        "clients_interpreter",
    ] {
        let rows: Vec<&Value> = outside[key].as_object().unwrap().values().collect();
        no_row_subtracts_out(key, &rows, clients, 5);
    }
    let split = [
        &outside["children"],
        &outside["adults"],
        &outside["age_unknown"],
    ];
    no_row_subtracts_out("children and adults", &split, clients, 5);
    // The age bands below 18 add up to the children, when the children are shown.
    if let Some(children) = outside["children"].as_i64() {
        let young: Vec<&Value> = ["0-4", "5-11", "12-17"]
            .iter()
            .map(|b| &outside["clients_by_age"][*b])
            .collect();
        no_row_subtracts_out("bands below 18", &young, children, 5);
    }

    let text = office
        .ok(&["tally", "--year", "2025", "--for-outside"])
        .stdout;
    assert!(text.contains("Wie kwamen er: land van herkomst"), "{text}");
    assert!(text.contains("<5"), "{text}");
    assert!(text.contains("Voor buiten het kantoor"), "{text}");
    let inside_text = office.ok(&["tally", "--year", "2025"]).stdout;
    assert!(
        !inside_text.contains("<5"),
        "inside the office every count shows"
    );
}
