//! Bringing an office's client list in: recognised headers, a dry run that stores nothing,
//! refused columns, unreadable rows with reasons, look-alikes, and one transaction with --yes.

mod common;

use common::Office;
use serde_json::json;

const LIST: &str = "\u{feff}Naam;Geboortedatum;Land van herkomst;Telefoon;BSN;Taal;Tolk;Kleur\r\n\
Mohammed Al-Hassan;02-03-1986;Syrië;06-12345678;111222333;Arabisch;ja;blauw\r\n\
Amina Yusuf;1990;SO;;;Somali;nee;\r\n\
Yohannes Tesfay;31-02-1990;ER;;;;;\r\n\
;;;;;;;\r\n\
Muhammad Alhassan;1986;SY;;;ar;;\r\n\
Amina  Yusuf;1990;Somalia;;;;;\r\n\
Rasha Qassem;1979;Atlantis;;;;;\r\n";

#[test]
fn a_dry_run_first_then_one_transaction() {
    let office = Office::new();
    let existing = office.client(&["--name", "Rasha Kassem", "--born", "1979"]);
    office.client(&["--name", "Amina Yusuf", "--born", "1990"]);
    let file = office.dir.path().join("clients.csv");
    std::fs::write(&file, LIST).unwrap();
    let path = file.to_str().unwrap();

    let dry = office.ok(&["import", path, "--json"]).json();
    assert_eq!(dry["rows"], 6, "the empty row does not count");
    assert_eq!(dry["readable"], 4);
    assert_eq!(
        dry["refused_columns"],
        json!(["BSN"]),
        "no BSN is ever read"
    );
    assert_eq!(dry["unknown_columns"], json!(["Kleur"]));
    let unreadable = dry["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 2);
    assert_eq!(unreadable[0]["line"], 4);
    assert!(
        unreadable[0]["reason"]
            .as_str()
            .unwrap()
            .contains("31-02-1990")
    );
    assert_eq!(unreadable[1]["line"], 8);
    assert!(
        unreadable[1]["reason"]
            .as_str()
            .unwrap()
            .contains("Atlantis")
    );
    assert_eq!(
        dry["like_each_other"],
        json!([[2, 6], [3, 7]]),
        "Mohammed Al-Hassan and Muhammad Alhassan, both 1986, are spellings of one name"
    );
    let like = dry["like_existing"].as_array().unwrap();
    let lines: Vec<u64> = like.iter().map(|l| l["line"].as_u64().unwrap()).collect();
    assert_eq!(
        lines,
        [3, 7],
        "both spellings of Amina Yusuf 1990 look like the client"
    );
    assert_eq!(dry["imported"], json!(null));
    assert_eq!(
        office.ok(&["find", "hassan", "--json"]).json(),
        json!([]),
        "a dry run stores nothing"
    );

    let text = office.ok(&["import", path]).stdout;
    assert!(
        text.contains("proefrun") && text.contains("regel 4"),
        "{text}"
    );
    assert!(
        text.contains("\"Atlantis\" is geen land"),
        "the reasons speak the report's language: {text}"
    );
    let english = office.ok(&["import", path, "--lang", "en"]).stdout;
    assert!(
        english.contains("\"Atlantis\" is not a country"),
        "{english}"
    );

    let done = office
        .ok(&["import", path, "--yes", "--skip-existing", "--json"])
        .json();
    let imported = done["imported"].as_array().unwrap();
    assert_eq!(
        imported.len(),
        1,
        "four readable rows, two like an existing client, one like an earlier row"
    );
    assert_eq!(done["skipped"], 2);
    assert_eq!(
        done["skipped_alike"], 1,
        "Muhammad Alhassan 1986 is the Mohammed Al-Hassan of line 2"
    );
    let first = imported[0]["number"].to_string();
    let shown = office.ok(&["show", &first, "--json"]).json();
    assert_eq!(shown["client"]["name"], "Mohammed Al-Hassan");
    assert_eq!(shown["client"]["born"], "1986-03-02");
    assert_eq!(shown["client"]["country"], "SY");
    assert_eq!(shown["client"]["languages"], json!(["ar"]));
    assert_eq!(shown["client"]["interpreter"], true);
    assert!(!office.ok(&["show", &first]).stdout.contains("111222333"));
    let log = office.ok(&["audit", "--client", &first, "--json"]).json();
    assert_eq!(
        log[0]["action"], "create",
        "an imported client is registered in the audit log"
    );
    assert_ne!(existing, 0);
}

#[test]
fn headers_it_does_not_know_are_named_with_map_and_xlsx_works() {
    let office = Office::new();
    let file = office.dir.path().join("lijst.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Cliënten").unwrap();
    for (c, h) in ["Wie", "Voornaam", "Achternaam", "Jaar"].iter().enumerate() {
        sheet.write(0, c as u16, *h).unwrap();
    }
    sheet.write(1, 1, "Hodan").unwrap();
    sheet.write(1, 2, "Yusuf Jama").unwrap();
    sheet.write(1, 3, 1993.0).unwrap();
    book.save(&file).unwrap();
    let path = file.to_str().unwrap();

    let err = office.refused(&["import", path, "--map", "Jaar=age"]);
    assert!(err.contains("unknown field \"age\""), "{err}");
    let done = office
        .ok(&[
            "import",
            path,
            "--map",
            "Jaar=born,Wie=skip",
            "--yes",
            "--json",
        ])
        .json();
    assert_eq!(done["imported"].as_array().unwrap().len(), 1);
    let found = office.ok(&["find", "hodan", "--json"]).json();
    assert_eq!(found[0]["name"], "Hodan Yusuf Jama");
    assert_eq!(found[0]["born"], "1993");

    let nameless = office.dir.path().join("x.csv");
    std::fs::write(&nameless, "Kleur;Maat\nblauw;L\n").unwrap();
    let err = office.refused(&["import", nameless.to_str().unwrap()]);
    assert!(
        err.contains("no column holds the name") && err.contains("--map"),
        "{err}"
    );
    let escaped = office.dir.path().join("esc.csv");
    std::fs::write(&escaped, "Kleur\u{1b}[31m;Maat\u{7}\nblauw;L\n").unwrap();
    let err = office.refused(&["import", escaped.to_str().unwrap()]);
    assert!(
        err.contains("no column holds the name")
            && !err.contains('\u{1b}')
            && !err.contains('\u{7}'),
        "a header read back never drives the terminal: {err:?}"
    );
    let err = office.refused(&["import", escaped.to_str().unwrap(), "--sheet", "Blad1"]);
    assert!(err.contains("leave --sheet out"), "{err}");
    let err = office.refused(&["import", "/nonexistent/list.csv"]);
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn spellings_in_the_file_and_name_only_matches_are_listed_and_skipped() {
    let office = Office::new();
    office.client(&["--name", "Hodan Jama", "--born", "1993"]);
    let file = office.dir.path().join("lijst.csv");
    std::fs::write(
        &file,
        "Naam;Geboren\nAmina Yusuf Ali;03-04-1985\nAmina Yusuf Aly;03-04-1985\nHodan Jama;\nTesfay Haile;1990\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let dry = office.ok(&["import", path, "--json"]).json();
    assert_eq!(dry["like_each_other"], json!([[2, 3]]));
    let like = dry["like_existing"].as_array().unwrap();
    assert_eq!(like.len(), 1, "{like:?}");
    assert_eq!(like[0]["line"], 4);
    assert_eq!(like[0]["client_name"], "Hodan Jama");
    assert_eq!(like[0]["by_name_only"], true, "the row gives no birth");
    let text = office.ok(&["import", path, "--lang", "en"]).stdout;
    assert!(
        text.contains("look like each other") && text.contains("line 2, 3"),
        "{text}"
    );
    assert!(text.contains("by name only"), "{text}");

    let done = office
        .ok(&["import", path, "--yes", "--skip-existing"])
        .stdout;
    assert!(done.contains("2 ingeschreven"), "{done}");
    assert!(
        done.contains("1 overgeslagen: lijken op een cliënt (alleen naam)"),
        "{done}"
    );
    assert!(
        done.contains("1 overgeslagen: lijken op een eerdere rij van de lijst"),
        "{done}"
    );
    let found = office.ok(&["find", "amina yusuf", "--json"]).json();
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "one record for Amina, not two: {found:?}");
    assert_eq!(
        found[0]["name"], "Amina Yusuf Ali",
        "the first row stands for her"
    );
    let again = office
        .ok(&["import", path, "--yes", "--skip-existing", "--json"])
        .json();
    assert_eq!(again["imported"], json!([]), "nobody is registered twice");
    assert_eq!(
        again["skipped"], 3,
        "both of Amina's rows are like her record now"
    );
    assert_eq!(again["skipped_by_name"], 1);
    assert_eq!(
        again["skipped_alike"], 0,
        "a row like a client counts once, as that"
    );
}

#[test]
fn refused_rows_go_to_a_file_to_fix_and_import_again_and_twice_registers_nobody_twice() {
    use std::os::unix::fs::PermissionsExt;
    let office = Office::new();
    let file = office.dir.path().join("lijst.csv");
    std::fs::write(
        &file,
        "Naam,Geboren,Land\n\
         Hodan Jama,1993,Frankrijk\n\
         Amina Yusuf,1990,Venezuela\n\
         Tesfay Haile,31-02-1990,ER\n\
         Rasha Qassem,,Atlantis\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let rejects = office.dir.path().join("fout.csv");
    let r = rejects.to_str().unwrap();

    let dry = office
        .ok(&["import", path, "--rejects", r, "--json"])
        .json();
    assert_eq!(dry["readable"], 2, "Frankrijk and Venezuela are countries");
    assert_eq!(dry["rejects"], r);
    let written = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(
        written
            .trim_start_matches('\u{feff}')
            .lines()
            .collect::<Vec<_>>()[..3],
        [
            "Naam,Geboren,Land,Reden",
            "Tesfay Haile,31-02-1990,ER,\"geboortedatum \"\"31-02-1990\"\" is niet te lezen of ligt niet tussen 1900 en vandaag: geef een jaar (1988) of een datum (02-04-1988 of 1988-04-02)\"",
            "Rasha Qassem,,Atlantis,\"\"\"Atlantis\"\" is geen land: geef de ISO-code (SY, ER, AF, IQ, SO) of de naam in het Nederlands of Engels\"",
        ],
        "the refused rows unchanged, in the file's separator, with the reason last"
    );
    assert_eq!(
        std::fs::metadata(&rejects).unwrap().permissions().mode() & 0o777,
        0o600,
        "it holds names"
    );
    let again = office.refused(&["import", path, "--rejects", r]);
    assert!(again.contains("exists already"), "{again}");

    // The volunteer fixes the two rows in the spreadsheet and imports that file.
    let fixed = written
        .replace("31-02-1990", "28-02-1990")
        .replace("Atlantis", "Syrië");
    std::fs::write(&rejects, fixed).unwrap();
    let done = office.ok(&["import", r, "--yes", "--json"]).json();
    assert_eq!(done["unreadable"], json!([]));
    assert_eq!(done["unknown_columns"], json!(["Reden"]));
    assert_eq!(done["imported"].as_array().unwrap().len(), 2);

    // The good rows of the first file, twice: registered once.
    let first = office
        .ok(&["import", path, "--yes", "--skip-existing", "--json"])
        .json();
    assert_eq!(first["imported"].as_array().unwrap().len(), 2);
    let second = office
        .ok(&["import", path, "--yes", "--skip-existing", "--json"])
        .json();
    assert_eq!(second["imported"], json!([]), "nobody is registered twice");
    let found = office.ok(&["find", "hodan jama", "--json"]).json();
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
}

#[test]
fn skip_existing_leaves_out_only_a_row_like_a_registered_one_with_a_birth() {
    let office = Office::new();
    let file = office.dir.path().join("lijst.csv");
    // The row without a birth is like both others, the 1992 and 1993 rows are two people.
    std::fs::write(
        &file,
        "Naam;Geboren\nAhmad Karimi;;\nAhmad Karimi;1992\nAhmad Karimi;1993\nAhmad Karimi;1992\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let dry = office
        .ok(&["import", path, "--skip-existing", "--json"])
        .json();
    assert_eq!(
        dry["left_out"],
        json!([5]),
        "named before anything is stored"
    );
    let text = office.ok(&["import", path, "--skip-existing"]).stdout;
    assert!(
        text.contains("met --skip-existing overgeslagen: regel 5"),
        "{text}"
    );
    let done = office
        .ok(&["import", path, "--yes", "--skip-existing", "--json"])
        .json();
    assert_eq!(done["imported"].as_array().unwrap().len(), 3, "{done}");
    assert_eq!(done["skipped_alike"], 1);
    let found = office.ok(&["find", "ahmad karimi", "--json"]).json();
    let born: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["born"].as_str())
        .collect();
    assert!(born.contains(&"1992") && born.contains(&"1993"), "{born:?}");
}

#[test]
fn a_rejects_file_never_holds_a_bsn_and_an_unreadable_interpreter_is_a_reason() {
    let office = Office::new();
    let file = office.dir.path().join("lijst.csv");
    std::fs::write(
        &file,
        "Naam;BSN;Tolk;Land\nHodan Jama;111222333;misschien;SO\nAmina Yusuf;111222333;nee;Atlantis\nTesfay Haile;;ja;ER\n",
    )
    .unwrap();
    let rejects = office.dir.path().join("fout.csv");
    let dry = office
        .ok(&[
            "import",
            file.to_str().unwrap(),
            "--rejects",
            rejects.to_str().unwrap(),
            "--json",
        ])
        .json();
    let reasons: Vec<&str> = dry["unreadable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].contains("tolk \"misschien\""), "{reasons:?}");
    let written = std::fs::read_to_string(&rejects).unwrap();
    assert!(!written.contains("111222333"), "{written}");
    assert!(written.contains("Hodan Jama;;misschien;SO;"), "{written}");
}

#[test]
fn a_client_registered_without_a_birth_is_found_by_name_for_a_row_or_registration_with_one() {
    let office = Office::new();
    let first = office.client(&["--name", "Tesfay Haile Gebremedhin"]);
    let added = office.ok(&[
        "client",
        "add",
        "--name",
        "Tesfay Haile Gebremedhin",
        "--born",
        "1990",
    ]);
    assert!(
        added.stderr.contains(&first.to_string()),
        "warned: {}",
        added.stderr
    );
    let file = office.dir.path().join("lijst.csv");
    std::fs::write(&file, "Naam;Geboren\nTesfay Haile Gebremedhin;1990-02-02\n").unwrap();
    let dry = office
        .ok(&["import", file.to_str().unwrap(), "--json"])
        .json();
    let like: Vec<&serde_json::Value> = dry["like_existing"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["client"] == json!(first))
        .collect();
    assert_eq!(like.len(), 1, "{dry}");
    assert_eq!(
        like[0]["by_name_only"], true,
        "the client gives no birth: a weaker match"
    );
}
