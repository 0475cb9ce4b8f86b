//! The workbooks through the real binary on a demo store, read back with calamine: the tally's
//! sheets (label first, numbers as numbers, key last, a chart beside), and the annual report's
//! first sheet checked cell by cell against `jaaroverzicht --json`.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::Office;
use serde_json::Value;
use spreekuur::model::{default_groups, group_of};
use std::collections::HashMap;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

const COORDINATOR: &str = "coord";

/// The sheets of who came, in report order.
const WHO_SHEETS: [&str; 7] = [
    "Land van herkomst",
    "Geslacht",
    "Leeftijd",
    "Kinderen en volwassenen",
    "Eerste taal",
    "Tolk nodig",
    "Huishoudens",
];

/// An office with a demo store of five years up to today, and a coordinator.
fn demo_office() -> Office {
    let office = Office::with_config(&format!("coordinators = [\"{COORDINATOR}\"]\n"));
    office.ok(&[
        "demo",
        "--clients",
        "200",
        "--visits",
        "2000",
        "--seed",
        "3",
    ]);
    office
}

fn path(office: &Office, name: &str) -> PathBuf {
    office.dir.path().join(name)
}

type Book = Xlsx<std::io::BufReader<std::fs::File>>;

fn open(path: &Path) -> Book {
    open_workbook(path).unwrap_or_else(|e| panic!("{} reads back: {e}", path.display()))
}

fn rows(book: &mut Book, sheet: &str) -> Vec<Vec<Data>> {
    let range = book
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("sheet {sheet}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(s: &str) -> Data {
    Data::String(s.to_string())
}

fn number(v: &Value) -> Data {
    Data::Float(v.as_u64().unwrap_or_else(|| panic!("a count, not {v}")) as f64)
}

/// The chart parts of a workbook, as text.
fn charts(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).expect("an xlsx is a zip");
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if part.name().unwrap().starts_with("xl/charts/chart") {
            let mut xml = String::new();
            part.read_to_string(&mut xml).unwrap();
            out.push(xml);
        }
    }
    out
}

/// A detail sheet's labels by key (the label leads, the key is last).
fn labels_of(book: &mut Book, sheet: &str) -> HashMap<String, String> {
    rows(book, sheet)
        .into_iter()
        .skip(1)
        .filter_map(|r| Some((r.last()?.to_string(), r.first()?.to_string())))
        .collect()
}

#[test]
fn the_tally_workbook_leads_with_labels_holds_numbers_and_charts_them() {
    let office = demo_office();
    let file = path(&office, "2025.xlsx");
    office.ok(&["tally", "--year", "2025", "--xlsx", file.to_str().unwrap()]);
    let json = office.ok(&["tally", "--year", "2025", "--json"]).json();
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "it may hold counts per volunteer");

    let mut book = open(&file);
    assert_eq!(
        book.sheet_names(),
        [
            &[
                "Overzicht",
                "Afspraken",
                "Per kanaal",
                "Per rapportagegroep",
                "Per categorie",
                "Doorverwijzingen",
                "Per vrijwilliger",
            ][..],
            &WHO_SHEETS,
            &["Contacten per maand"],
        ]
        .concat()
    );
    let summary = rows(&mut book, "Overzicht");
    assert_eq!(
        summary[0],
        [text("omschrijving"), text("2025"), text("sleutel")]
    );
    let expected = [
        ("Contacten", "visits", &json["visits"]),
        (
            "waarvan anoniem",
            "anonymous_visits",
            &json["anonymous_visits"],
        ),
        ("Unieke cliënten", "clients", &json["clients"]),
        ("Huishoudens", "households", &json["households"]),
        ("Nieuwe cliënten", "new_clients", &json["new_clients"]),
        (
            "Follow-ups geopend",
            "followups_opened",
            &json["followups"]["opened"],
        ),
    ];
    for (row, (label, key, value)) in summary[1..].iter().zip(expected) {
        assert_eq!(row, &[text(label), number(value), text(key)]);
    }

    let categories = rows(&mut book, "Per categorie");
    let by_category = json["by_category"].as_object().unwrap();
    assert_eq!(
        categories
            .iter()
            .filter(|r| r.len() == 3 && matches!(r[1], Data::Float(_)))
            .count(),
        by_category.len()
    );
    for row in categories.iter().skip(1).take(by_category.len()) {
        let key = row[2].to_string();
        assert_eq!(row[1], number(&by_category[&key]), "{key}");
        assert_ne!(row[0].to_string(), key, "a label, not the key");
    }
    let months = rows(&mut book, "Contacten per maand");
    assert_eq!(months.len(), 13, "a heading and twelve months");
    for (row, (month, n)) in months[1..]
        .iter()
        .zip(json["by_month"].as_object().unwrap())
    {
        assert_eq!(row, &[text(month), number(n), text(&month[5..])]);
    }

    let charts = charts(&file);
    assert_eq!(
        charts.len(),
        11,
        "groups, categories, referrals, months and the seven of who came"
    );
    let bars = charts
        .iter()
        .filter(|c| c.contains(r#"<c:barDir val="bar"/>"#))
        .count();
    assert_eq!(bars, 10);
    assert!(
        charts.iter().any(|c| c.contains(r#"<c:barDir val="col"/>"#)
            && c.contains("'Contacten per maand'!$B$2:$B$13")),
        "the months as columns"
    );
}

#[test]
fn the_annual_workbook_opens_with_the_year_as_the_municipality_reads_it() {
    let office = demo_office();
    let annual = path(&office, "jaar-2025.xlsx");
    let tally = path(&office, "tally-2025.xlsx");
    office.ok(&["jaaroverzicht", "2025", "--xlsx", annual.to_str().unwrap()]);
    office.ok(&["tally", "--year", "2025", "--xlsx", tally.to_str().unwrap()]);
    let json = office
        .ok(&["jaaroverzicht", "2025", "--json", "--for-outside"])
        .json();
    let outside_text = office
        .ok(&["jaaroverzicht", "2025", "--for-outside"])
        .stdout;
    let hidden_note = outside_text
        .lines()
        .find(|l| l.starts_with("Voor buiten het kantoor"))
        .expect("the outside report says so");

    let mut book = open(&annual);
    assert_eq!(
        book.sheet_names(),
        [
            &[
                "Jaaroverzicht 2025",
                "Overzicht",
                "Afspraken",
                "Per kanaal",
                "Per rapportagegroep",
                "Per categorie",
                "Doorverwijzingen",
            ][..],
            &WHO_SHEETS,
            &["Contacten per maand"],
        ]
        .concat(),
        "the annual sheet, then the details, without volunteers (it is for outside)"
    );
    let mut tally_book = open(&tally);
    assert_ne!(
        rows(&mut book, "Jaaroverzicht 2025"),
        rows(&mut tally_book, "Overzicht")
    );

    let category_labels = labels_of(&mut book, "Per categorie");
    let referral_labels = labels_of(&mut book, "Doorverwijzingen");
    let groups = default_groups();
    let sheet = rows(&mut book, "Jaaroverzicht 2025");
    let blank = || vec![Data::Empty, Data::Empty, Data::Empty];
    let line = |cells: Vec<Data>| -> Vec<Data> {
        let mut cells = cells;
        cells.resize(3, Data::Empty);
        cells
    };
    let mut expected = vec![
        line(vec![text("Jaaroverzicht 2025")]),
        line(vec![text(hidden_note)]),
        blank(),
        line(vec![text("Kerncijfers"), text("2025")]),
        line(vec![text("Contacten"), number(&json["visits"])]),
        line(vec![
            text("waarvan anoniem"),
            number(&json["anonymous_visits"]),
        ]),
        line(vec![text("Unieke cliënten"), number(&json["clients"])]),
        line(vec![text("Huishoudens"), number(&json["households"])]),
        line(vec![text("Nieuwe cliënten"), number(&json["new_clients"])]),
        blank(),
    ];
    // Ranked from most to least, a tie by name, as the table ranks them.
    let ranked = |list: &Value, labels: &HashMap<String, String>| -> Vec<(String, String, Value)> {
        let mut out: Vec<(String, String, Value)> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let key = e["key"].as_str().unwrap().to_string();
                (labels[&key].clone(), key, e["count"].clone())
            })
            .collect();
        out.sort_by(|a, b| b.2.as_u64().cmp(&a.2.as_u64()).then_with(|| a.0.cmp(&b.0)));
        out
    };
    expected.push(line(vec![
        text("Categorie"),
        text("2025"),
        text("Rapportagegroep"),
    ]));
    for (label, key, count) in ranked(&json["categories_ranked"], &category_labels) {
        expected.push(vec![
            text(&label),
            number(&count),
            text(group_of(&groups, &key)),
        ]);
    }
    expected.push(line(vec![text(
        "Een bezoek telt in elk van zijn categorieën mee, dus de categorieën tellen op tot meer dan het aantal contacten.",
    )]));
    expected.push(blank());
    expected.push(line(vec![text("Doorverwezen naar"), text("2025")]));
    for (label, _, count) in ranked(&json["referrals_ranked"], &referral_labels) {
        expected.push(line(vec![text(&label), number(&count)]));
    }
    expected.push(blank());
    expected.push(line(vec![text("Maand"), text("2025")]));
    let months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    for (name, n) in months
        .iter()
        .zip(json["by_month"].as_object().unwrap().values())
    {
        expected.push(line(vec![text(&format!("{name} 2025")), number(n)]));
    }
    expected.push(blank());
    expected.push(line(vec![text(
        "De volgende bladen geven elk onderdeel in detail, met de sleutels in de laatste kolom.",
    )]));

    // Who came stands between the key figures and the categories: a heading, then each
    // breakdown as the outside JSON has it (a hidden count is its text, never its number).
    let categories_at = sheet
        .iter()
        .position(|r| r[0] == text("Categorie"))
        .expect("the categories");
    let who = &sheet[10..categories_at];
    assert_eq!(who[0][0], text("Wie kwamen er"));
    let cell = |v: &Value| match v {
        Value::String(s) => text(s),
        n => number(n),
    };
    let section = |title: &str| -> Vec<(String, Data)> {
        let at = who
            .iter()
            .position(|r| r[0] == text(&format!("Wie kwamen er: {title}")))
            .unwrap_or_else(|| panic!("who came: {title}"));
        assert_eq!(who[at][1], text("2025"));
        who[at + 1..]
            .iter()
            .take_while(|r| r[0] != Data::Empty)
            .map(|r| (r[0].to_string(), r[1].clone()))
            .collect()
    };
    let by_key = |labelled: &[(&str, &str)], figures: &Value, title: &str| {
        let want: Vec<(String, Data)> = labelled
            .iter()
            .map(|(label, key)| (label.to_string(), cell(&figures[*key])))
            .collect();
        assert_eq!(section(title), want, "who came: {title}");
    };
    by_key(
        &[
            ("vrouw", "f"),
            ("man", "m"),
            ("x (anders)", "x"),
            ("onbekend", "unknown"),
        ],
        &json["clients_by_gender"],
        "geslacht",
    );
    by_key(
        &[
            ("0-4 jaar", "0-4"),
            ("5-11 jaar", "5-11"),
            ("12-17 jaar", "12-17"),
            ("18-29 jaar", "18-29"),
            ("30-49 jaar", "30-49"),
            ("50-64 jaar", "50-64"),
            ("65+ jaar", "65+"),
            ("onbekend", "unknown"),
        ],
        &json["clients_by_age"],
        "leeftijd",
    );
    assert_eq!(
        section("kinderen en volwassenen"),
        [
            (
                "kinderen (jonger dan 18)".to_string(),
                cell(&json["children"])
            ),
            (
                "volwassenen (18 en ouder)".to_string(),
                cell(&json["adults"])
            ),
            ("onbekend".to_string(), cell(&json["age_unknown"])),
        ]
    );
    by_key(
        &[("ja", "yes"), ("nee", "no"), ("onbekend", "unknown")],
        &json["clients_interpreter"],
        "tolk nodig",
    );
    // Countries and languages by their names: the same counts as the JSON's codes, ranked
    // from most to least with unknown last.
    for (title, key) in [
        ("land van herkomst", "clients_by_country"),
        ("eerste taal", "clients_by_language"),
    ] {
        let got = section(title);
        assert_eq!(
            got.last().map(|r| r.0.as_str()),
            Some("onbekend"),
            "{title}"
        );
        let mut want: Vec<Data> = json[key].as_object().unwrap().values().map(cell).collect();
        let mut counts: Vec<Data> = got.iter().map(|r| r.1.clone()).collect();
        let order = |d: &Data| d.to_string();
        want.sort_by_key(order);
        counts.sort_by_key(order);
        assert_eq!(counts, want, "{title}");
    }
    let households = section("huishoudens");
    assert_eq!(households.len(), 2, "with and without children");
    assert_eq!(
        households[0],
        (
            "met kinderen".to_string(),
            cell(&json["households_with_children"])
        )
    );
    let without_who: Vec<Vec<Data>> = sheet[..10]
        .iter()
        .chain(&sheet[categories_at..])
        .map(|r| r[..3].to_vec())
        .collect();
    assert_eq!(without_who.len(), expected.len(), "{without_who:#?}");
    for (i, (got, want)) in without_who.iter().zip(&expected).enumerate() {
        assert_eq!(got, want, "row {} of the annual sheet", i + 1);
    }
    // Spot checks of the report groups beside the categories.
    let group_beside = |label: &str| {
        sheet
            .iter()
            .find(|r| r[0] == text(label))
            .map(|r| r[2].to_string())
    };
    assert_eq!(group_beside("Toeslagen").as_deref(), Some("Financiën"));
    assert_eq!(group_beside("Huisvesting").as_deref(), Some("Wonen"));
    assert_eq!(group_beside("Post en brieven").as_deref(), Some("Overig"));

    // The months' chart stands on the annual sheet and draws its month column.
    let months_at = sheet.iter().position(|r| r[0] == text("Maand")).unwrap() as u32 + 2;
    let range = format!(
        "'Jaaroverzicht 2025'!$B${}:$B${}",
        months_at,
        months_at + 11
    );
    assert!(
        charts(&annual)
            .iter()
            .any(|c| c.contains(r#"<c:barDir val="col"/>"#) && c.contains(&range)),
        "a column chart of {range}"
    );
}

#[test]
fn a_closed_year_s_workbook_says_when_it_was_closed_and_live_puts_today_beside_it() {
    let office = demo_office();
    let closed = office
        .command()
        .env("LOGNAME", COORDINATOR)
        .args(["jaaroverzicht", "2025", "--close", "--json"])
        .output()
        .unwrap();
    assert!(closed.status.success(), "{closed:?}");
    let file = path(&office, "gesloten.xlsx");
    office.ok(&["jaaroverzicht", "2025", "--xlsx", file.to_str().unwrap()]);
    let sheet = rows(&mut open(&file), "Jaaroverzicht 2025");
    let second = sheet[1][0].to_string();
    assert!(
        second.starts_with("Gesloten op") && second.contains("door marieke"),
        "{second}"
    );

    let live = path(&office, "live.xlsx");
    office.ok(&[
        "jaaroverzicht",
        "2025",
        "--live",
        "--xlsx",
        live.to_str().unwrap(),
    ]);
    let sheet = rows(&mut open(&live), "Jaaroverzicht 2025");
    let heading = sheet
        .iter()
        .position(|r| r[0] == text("Kerncijfers"))
        .unwrap();
    assert_eq!(
        sheet[heading][..4],
        [
            text("Kerncijfers"),
            text("2025 nu"),
            text("2025 gesloten"),
            text("verschil")
        ]
    );
    let contacts = &sheet[heading + 1];
    assert_eq!(contacts[0], text("Contacten"));
    assert_eq!(contacts[1], contacts[2], "nothing changed since closing");
    assert_eq!(contacts[3], Data::Float(0.0));
}

#[test]
fn an_english_annual_workbook_is_in_english() {
    let office = demo_office();
    let file = path(&office, "year.xlsx");
    office.ok(&[
        "--lang",
        "en",
        "jaaroverzicht",
        "2025",
        "--xlsx",
        file.to_str().unwrap(),
    ]);
    let mut book = open(&file);
    assert_eq!(book.sheet_names()[0], "Year overview 2025");
    let sheet = rows(&mut book, "Year overview 2025");
    assert!(sheet.iter().any(|r| r[0] == text("Key figures")));
    assert!(sheet.iter().any(|r| r[0] == text("January 2025")));
    let summary = rows(&mut book, "Summary");
    assert_eq!(summary[0], [text("description"), text("2025"), text("key")]);
}
