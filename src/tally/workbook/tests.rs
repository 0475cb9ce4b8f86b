//! The workbooks read back: labels first and keys last, numbers as numbers, a hidden count as
//! its text and never its number, the charts each section should have, and the annual sheet.

use super::*;
use crate::labels::workbook::NL as WORKBOOK_NL;
use crate::labels::{EN, NL};
use crate::model::default_groups;
use crate::tally::outside::protect;
use crate::tally::report::{Row, Section};
use calamine::{Data, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

fn section(key: &'static str, title: &str, rows: &[(&str, &str, &[i64])]) -> Section {
    Section {
        key,
        title: title.to_string(),
        rows: rows
            .iter()
            .map(|(key, label, values)| Row {
                key: key.to_string(),
                label: label.to_string(),
                values: values.to_vec(),
            })
            .collect(),
    }
}

/// A year as a report for outside: one country of three comes to 3 people, so it is hidden,
/// and the smallest other one with it (else 55 - 40 - 12 gives it back).
fn outside_year() -> Report {
    let mut report = Report {
        columns: vec!["2025".into()],
        sections: vec![
            section(
                "summary",
                "Overzicht",
                &[
                    ("visits", "Contacten", &[610]),
                    ("anonymous_visits", "waarvan anoniem", &[61]),
                    ("clients", "Unieke cliënten", &[55]),
                    ("households", "Huishoudens", &[50]),
                    ("new_clients", "Nieuwe cliënten", &[20]),
                    ("followups_opened", "Follow-ups geopend", &[9]),
                ],
            ),
            section(
                "category",
                "Per categorie",
                &[
                    ("post", "Post en brieven", &[163]),
                    ("toeslagen", "Toeslagen", &[93]),
                    ("huisvesting", "Huisvesting", &[56]),
                ],
            ),
            section(
                "referral",
                "Doorverwijzingen",
                &[
                    ("kwadraad", "Kwadraad", &[53]),
                    ("voedselbank", "Voedselbank", &[10]),
                ],
            ),
            section(
                "who_country",
                "Wie kwamen er: land",
                &[
                    ("SY", "Syrië", &[40]),
                    ("AF", "Afghanistan", &[12]),
                    ("ER", "Eritrea", &[3]),
                ],
            ),
            section(
                "month",
                "Contacten per maand",
                &[("01", "2025-01", &[300]), ("02", "2025-02", &[310])],
            ),
        ],
        shown_as: BTreeMap::new(),
    };
    protect(&mut report, 5);
    report
}

fn words() -> Words<'static> {
    Words {
        labels: &NL,
        workbook: &WORKBOOK_NL,
    }
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).expect("the workbook reads back")
}

/// A sheet's cells as rows.
fn rows(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Vec<Vec<Data>> {
    let range = book
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("sheet {sheet}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(s: &str) -> Data {
    Data::String(s.to_string())
}

fn number(n: i64) -> Data {
    Data::Float(n as f64)
}

/// The parts of the file whose name starts with `prefix`, with their text.
fn parts(bytes: &[u8], prefix: &str) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("an xlsx is a zip");
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("a part of the zip");
        let name = part.name().expect("a part's name").to_string();
        if name.starts_with(prefix) {
            let mut xml = String::new();
            part.read_to_string(&mut xml).expect("the part is text");
            out.push((name, xml));
        }
    }
    out.sort();
    out
}

#[test]
fn every_sheet_leads_with_the_label_and_ends_with_the_key() {
    let report = outside_year();
    let bytes = tally(&report, &words(), &["voor buiten".into()]).expect("a workbook");
    let mut book = open(&bytes);
    assert_eq!(
        book.sheet_names(),
        [
            "Overzicht",
            "Per categorie",
            "Doorverwijzingen",
            "Land",
            "Contacten per maand"
        ]
    );
    let summary = rows(&mut book, "Overzicht");
    assert_eq!(
        summary[0],
        [text("omschrijving"), text("2025"), text("sleutel")]
    );
    assert_eq!(summary[1], [text("Contacten"), number(610), text("visits")]);
    assert_eq!(
        summary[2],
        [
            text("waarvan anoniem"),
            number(61),
            text("anonymous_visits")
        ]
    );
    assert_eq!(
        summary[8][0],
        text("voor buiten"),
        "the note under the first sheet"
    );
    let categories = rows(&mut book, "Per categorie");
    assert_eq!(
        categories[1],
        [text("Post en brieven"), number(163), text("post")]
    );
    assert_eq!(categories[5][0], text(NL.categories_note));
}

#[test]
fn a_hidden_count_is_its_text_in_the_workbook_and_never_its_number() {
    let report = outside_year();
    let bytes = tally(&report, &words(), &[]).expect("a workbook");
    let mut book = open(&bytes);
    let who = rows(&mut book, "Land");
    assert_eq!(who[1], [text("Syrië"), number(40), text("SY")]);
    assert_eq!(
        who[2],
        [text("Afghanistan"), text("x"), text("AF")],
        "hidden so that Eritrea cannot be worked out"
    );
    assert_eq!(who[3], [text("Eritrea"), text("<5"), text("ER")]);
    // The chart draws the sheet's cells; its cache holds no hidden number either.
    let charts = parts(&bytes, "xl/charts/chart");
    let (_, who_chart) = charts
        .iter()
        .find(|(_, xml)| xml.contains("Wie kwamen er: land"))
        .expect("the breakdown of who came has a chart");
    for hidden in ["<c:v>12</c:v>", "<c:v>3</c:v>"] {
        assert!(!who_chart.contains(hidden), "{hidden} in {who_chart}");
    }
    assert!(who_chart.contains("<c:v>40</c:v>"), "{who_chart}");
}

#[test]
fn a_range_of_added_up_offices_reaches_the_workbook_as_written() {
    let mut report = outside_year();
    report.sections[3].rows[2].values = vec![14];
    report.shown_as.clear();
    report.shown_as.insert((3, 2, 0), "12-16".into());
    let bytes = tally(&report, &words(), &[]).expect("a workbook");
    let who = rows(&mut open(&bytes), "Land");
    assert_eq!(who[3][1], text("12-16"));
}

#[test]
fn differences_are_numbers_with_their_sign_and_hidden_beside_a_hidden_count() {
    let mut report = outside_year();
    report.columns = vec!["2025".into(), "2024".into(), "verschil".into()];
    for section in &mut report.sections {
        for row in &mut section.rows {
            let now = row.values[0];
            row.values = vec![now, now + 2, -2];
        }
    }
    report.shown_as.clear();
    protect(&mut report, 5);
    let bytes = tally(&report, &words(), &[]).expect("a workbook");
    let mut book = open(&bytes);
    let summary = rows(&mut book, "Overzicht");
    assert_eq!(
        summary[1],
        [
            text("Contacten"),
            number(610),
            number(612),
            number(-2),
            text("visits")
        ]
    );
    let who = rows(&mut book, "Land");
    assert_eq!(
        who[3],
        [
            text("Eritrea"),
            text("<5"),
            number(5),
            text("x"),
            text("ER")
        ],
        "5 a year earlier is shown; the difference would give 2025 back"
    );
    // One series per period, none for the differences.
    let charts = parts(&bytes, "xl/charts/chart");
    let months = &charts
        .iter()
        .find(|(_, xml)| xml.contains("Contacten per maand"))
        .expect("a chart of the months")
        .1;
    assert_eq!(months.matches("<c:ser>").count(), 2, "{months}");
}

#[test]
fn months_are_columns_and_ranked_lists_and_who_came_are_bars() {
    let report = outside_year();
    let bytes = tally(&report, &words(), &[]).expect("a workbook");
    let charts = parts(&bytes, "xl/charts/chart");
    assert_eq!(charts.len(), 4, "all but the summary have a chart");
    let direction = |title: &str| -> &str {
        let xml = &charts
            .iter()
            .find(|(_, xml)| xml.contains(title))
            .unwrap_or_else(|| panic!("a chart titled {title}"))
            .1;
        if xml.contains(r#"<c:barDir val="bar"/>"#) {
            "bars"
        } else if xml.contains(r#"<c:barDir val="col"/>"#) {
            "columns"
        } else {
            "neither"
        }
    };
    assert_eq!(direction("Contacten per maand"), "columns");
    assert_eq!(direction("Per categorie"), "bars");
    assert_eq!(direction("Doorverwijzingen"), "bars");
    assert_eq!(direction("Wie kwamen er: land"), "bars");
    // Each chart reads its own sheet, by a name Excel accepts.
    assert!(
        charts
            .iter()
            .any(|(_, xml)| xml.contains("<c:f>'Per categorie'!$B$2:$B$4</c:f>")),
        "{charts:?}"
    );
    assert_eq!(
        charts::shape_of("who_anything_new"),
        Some(charts::Shape::Bars)
    );
    assert_eq!(charts::shape_of("volunteer"), None);
}

#[test]
fn the_annual_sheet_is_the_year_as_the_municipality_reads_it() {
    let report = outside_year();
    let notes = ["Gesloten op 5-1-2026 door els.".to_string()];
    let groups = default_groups();
    let year = Annual {
        title: "Jaaroverzicht 2025".into(),
        notes: &notes,
        groups: &groups,
    };
    let bytes = annual(&report, &year, &words()).expect("a workbook");
    let mut book = open(&bytes);
    assert_eq!(book.sheet_names()[0], "Jaaroverzicht 2025");
    assert_eq!(book.sheet_names()[1], "Overzicht", "then the detail sheets");
    let sheet = rows(&mut book, "Jaaroverzicht 2025");
    let e = Data::Empty;
    let expected: Vec<Vec<Data>> = vec![
        vec![text("Jaaroverzicht 2025"), e.clone(), e.clone()],
        vec![text("Gesloten op 5-1-2026 door els."), e.clone(), e.clone()],
        vec![e.clone(), e.clone(), e.clone()],
        vec![text("Kerncijfers"), text("2025"), e.clone()],
        vec![text("Contacten"), number(610), e.clone()],
        vec![text("waarvan anoniem"), number(61), e.clone()],
        vec![text("Unieke cliënten"), number(55), e.clone()],
        vec![text("Huishoudens"), number(50), e.clone()],
        vec![text("Nieuwe cliënten"), number(20), e.clone()],
        vec![e.clone(), e.clone(), e.clone()],
        vec![text("Wie kwamen er"), e.clone(), e.clone()],
        vec![text("Wie kwamen er: land"), text("2025"), e.clone()],
        vec![text("Syrië"), number(40), e.clone()],
        vec![text("Afghanistan"), text("x"), e.clone()],
        vec![text("Eritrea"), text("<5"), e.clone()],
        vec![e.clone(), e.clone(), e.clone()],
        vec![text("Categorie"), text("2025"), text("Rapportagegroep")],
        vec![text("Post en brieven"), number(163), text("Overig")],
        vec![text("Toeslagen"), number(93), text("Financiën")],
        vec![text("Huisvesting"), number(56), text("Wonen")],
        vec![text(NL.categories_note), e.clone(), e.clone()],
        vec![e.clone(), e.clone(), e.clone()],
        vec![text("Doorverwezen naar"), text("2025"), e.clone()],
        vec![text("Kwadraad"), number(53), e.clone()],
        vec![text("Voedselbank"), number(10), e.clone()],
        vec![e.clone(), e.clone(), e.clone()],
        vec![text("Maand"), text("2025"), e.clone()],
        vec![text("januari 2025"), number(300), e.clone()],
        vec![text("februari 2025"), number(310), e.clone()],
        vec![e.clone(), e.clone(), e.clone()],
        vec![text(WORKBOOK_NL.details_follow), e.clone(), e.clone()],
    ];
    for (i, (got, want)) in sheet.iter().zip(&expected).enumerate() {
        assert_eq!(&got[..3], &want[..], "row {}", i + 1);
    }
    assert_eq!(sheet.len(), expected.len());
    // The months' chart stands beside the months and draws them.
    let charts = parts(&bytes, "xl/charts/chart");
    assert!(
        charts
            .iter()
            .any(|(_, xml)| xml.contains("<c:f>'Jaaroverzicht 2025'!$B$28:$B$29</c:f>")),
        "{charts:?}"
    );
}

#[test]
fn sheet_names_are_ones_excel_accepts_and_never_twice_the_same() {
    let mut names = SheetNames::default();
    assert_eq!(names.claim("Per categorie", "category"), "Per categorie");
    assert_eq!(names.claim("per categorie", "category"), "per categorie 2");
    assert_eq!(names.claim("Wie [kwamen]/er?", "who"), "Wie kwamener");
    assert_eq!(
        names.claim("Wie kwamen er: kinderen en volwassenen", "who_children"),
        "Kinderen en volwassenen"
    );
    assert_eq!(names.claim("'Overzicht'", "summary"), "Overzicht");
    assert_eq!(names.claim("*?:", "group"), "group");
    let long = "Contacten per maand, per kanaal en per rapportagegroep";
    let first = names.claim(long, "x");
    let second = names.claim(long, "x");
    assert_eq!(first.chars().count(), 31);
    assert!(
        second.chars().count() <= 31 && second.ends_with(" 2"),
        "{second}"
    );
}

#[test]
fn english_labels_make_an_english_workbook() {
    let mut report = outside_year();
    report.sections[0].title = EN.summary.into();
    let english = Words {
        labels: &EN,
        workbook: &crate::labels::workbook::EN,
    };
    let bytes = tally(&report, &english, &[]).expect("a workbook");
    let summary = rows(&mut open(&bytes), EN.summary);
    assert_eq!(summary[0], [text("description"), text("2025"), text("key")]);
}
