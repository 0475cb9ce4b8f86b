//! The real binary in a pseudo-terminal, typed at as a volunteer would; the screen is read
//! through vt100 and every wait has a timeout instead of a blind sleep.

mod common;

use common::Office;
use common::pty::{CTRL_D, CTRL_F, CTRL_K, CTRL_O, CTRL_Q, CTRL_S, ESC};
use std::process::Command;

fn add_client(office: &Office, name: &str) -> String {
    office
        .client(&["--name", name, "--born", "1988"])
        .to_string()
}

#[test]
fn a_visit_with_two_categories_and_a_referral_reaches_the_store() {
    let office = Office::new();
    let number = add_client(&office, "Yohannes Gebremedhin");
    add_client(&office, "Fatima Noori");
    let mut desk = office.desk("ans");
    desk.wait_for("Zoek:");
    desk.send("gebrem");
    desk.wait_for("Yohannes Gebremedhin");
    desk.send("\r");
    desk.wait_for("Bezoeken (0)");
    desk.send("v");
    desk.wait_for("Categorieën (0)");
    desk.send("toesl ");
    desk.wait_for("Categorieën (1)");
    desk.send("post ");
    desk.wait_for("Categorieën (2)");
    desk.send("\tkwadr ");
    desk.wait_for("Voorstel follow-up");
    desk.send(CTRL_O);
    desk.wait_for("navragen bij Kwadraad");
    desk.send(CTRL_S);
    desk.wait_for("Bezoek opgeslagen: nr 1");
    desk.wait_for("Bezoeken (1)");
    desk.wait_for("Toeslagen, Post en brieven → Kwadraad");
    desk.send(ESC);
    desk.wait_for("Zoek: gebrem");
    desk.send(CTRL_F);
    desk.wait_for("Yohannes Gebremedhin");
    desk.wait_for("navragen bij Kwadraad");
    desk.send(CTRL_Q);
    assert!(desk.wait_exit().success());

    let text = office.ok(&["show", &number, "--json"]).json().to_string();
    assert!(
        text.contains("toeslagen") && text.contains("post"),
        "{text}"
    );
    assert!(text.contains("kwadraad"), "{text}");
    assert!(text.contains("navragen bij Kwadraad"), "{text}");
}

#[test]
fn a_desk_shows_what_another_process_saved_within_a_few_seconds() {
    let office = Office::new();
    let number = add_client(&office, "Hodan Yusuf Jama");
    let mut desk = office.desk("ans");
    desk.wait_for("Zoek:");
    desk.send("hodan");
    desk.wait_for("Hodan Yusuf Jama");
    desk.send("\r");
    desk.wait_for("Bezoeken (0)");
    // Another volunteer logs a visit from the command line while this card is open.
    office.ok(&[
        "visit",
        &number,
        "--category",
        "duo",
        "--note",
        "van de andere balie",
    ]);
    desk.wait_for("Bezoeken (1)");
    desk.wait_for("van de andere balie");
    desk.send(CTRL_Q);
    assert!(desk.wait_exit().success());
}

#[test]
fn a_hangup_keeps_the_visit_form_as_a_draft_for_the_next_start() {
    let office = Office::new();
    add_client(&office, "Şahin Yilmaz");
    let mut desk = office.desk("ans");
    desk.wait_for("Zoek:");
    desk.send("sahin");
    desk.wait_for("Şahin Yilmaz");
    desk.send("\r");
    desk.wait_for("Bezoeken (0)");
    desk.send("v");
    desk.send("duo ");
    desk.wait_for("Categorieën (1)");
    // Categories, referrals, channel, when, then the note.
    desk.send("\t\t\t\tbrief van DUO");
    desk.wait_for("brief van DUO");
    let pid = desk.child.process_id().unwrap();
    let killed = Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    desk.wait_exit();

    let mut again = office.desk("ans");
    again.wait_for("Concept teruggezet");
    again.wait_for("brief van DUO");
    again.wait_for("Categorieën (1)");
    again.send(CTRL_Q);
    again.wait_exit();
}

#[test]
fn a_bad_keymap_is_refused_with_its_line() {
    let office = Office::new();
    let file = office.dir.path().join("mine.toml");
    std::fs::write(
        &file,
        "# my keys\ncard = [\n  { on = \"x\", run = \"visit\" },\n  { on = \"y\", run = \"fly\" },\n]\n",
    )
    .unwrap();
    let err = office.refused(&["--keymap", file.to_str().unwrap()]);
    assert!(err.contains("mine.toml, line 4"), "{err}");
    assert!(err.contains("unknown action \"fly\""), "{err}");
}

#[test]
fn a_late_answer_to_the_background_question_sets_the_theme_and_types_nothing() {
    let office = Office::new();
    add_client(&office, "Amal Haddad");
    let mut desk = office.desk_in_colour("ans");
    // The first frame comes after start-up stopped waiting, in the terminal's own colours.
    desk.wait_for("Zoek:");
    assert_eq!(desk.fg_at(0, 0), Some(vt100::Color::Default));
    desk.send("\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[?62;22c");
    let start = std::time::Instant::now();
    while desk.fg_at(0, 0) != Some(vt100::Color::Idx(127)) {
        assert!(
            start.elapsed() < common::pty::WAIT,
            "no light theme:\n{}",
            desk.text()
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    desk.send("amal");
    desk.wait_until("the search line to hold only what was typed", |t| {
        t.lines().next().map(str::trim_end) == Some("Zoek: amal")
    });
    desk.wait_for("Amal Haddad");
    desk.send(CTRL_Q);
    assert!(desk.wait_exit().success());
}

#[test]
fn an_appointment_is_planned_kept_by_a_visit_and_the_visit_corrected_from_vandaag() {
    // About noon on the office's clock, so "vandaag 18:00" lies ahead and is still today.
    let office = Office::at_noon();
    let number = add_client(&office, "Amina Yusuf");
    let mut desk = office.desk("ans");
    desk.wait_for("Zoek:");
    desk.send("amina");
    desk.wait_for("Amina Yusuf");
    desk.send("\r");
    desk.wait_for("Bezoeken (0)");

    // Plan: the moment is read as it is typed.
    desk.send("p");
    desk.wait_for("Afspraak plannen");
    desk.send("vandaag 18:00");
    desk.wait_for("18:00");
    desk.send("\t\tbrief DUO");
    desk.send(CTRL_S);
    desk.wait_for("Afspraak 1 gepland");
    desk.wait_for("Afspraken: ");

    // The visit of today offers the appointment; Ctrl-K keeps it.
    desk.send("v");
    desk.wait_for("Afspraak 1 om 18:00");
    desk.send(CTRL_K);
    desk.wait_for("houdt afspraak 1");
    desk.send("duo ");
    desk.wait_for("Categorieën (1)");
    desk.send(CTRL_S);
    desk.wait_for("Bezoek opgeslagen: nr 1");

    // Vandaag lists it; c corrects it: one more category.
    desk.send(CTRL_D);
    desk.wait_for("Bezoeken (1)");
    desk.send("c");
    desk.wait_for("Bezoek 1 corrigeren");
    desk.send("post ");
    desk.wait_for("Categorieën (2)");
    desk.send(CTRL_S);
    desk.wait_for("Bezoek 1 gecorrigeerd");
    desk.wait_for("Vandaag");
    desk.send(CTRL_Q);
    assert!(desk.wait_exit().success());

    let shown = office.ok(&["show", &number, "--json"]).json();
    let visit = &shown["visits"][0];
    assert_eq!(visit["channel"], "afspraak");
    assert_eq!(visit["categories"], serde_json::json!(["duo", "post"]));
    assert_eq!(shown["appointments"][0]["state"], "kept");
    let listed = office.ok(&["afspraak", "list", "--json"]).json();
    assert_eq!(listed[0]["number"], 1);
    assert_eq!(listed[0]["state"], "kept");
    assert_eq!(listed[0]["visit"], 1);
    assert_eq!(listed[0]["about"], "brief DUO");
    let audit = office.ok(&["audit", "--client", &number, "--json"]).json();
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(actions.contains(&"visit_change"), "{actions:?}");
}

#[test]
fn vandaag_shows_a_restricted_clients_visit_only_to_the_volunteer_who_logged_it_by_name() {
    let office = Office::at_noon();
    let hidden = add_client(&office, "Verborgen Persoon");
    let open = add_client(&office, "Gewoon Persoon");
    for (client, category) in [(&hidden, "duo"), (&open, "post")] {
        office.ok(&["--as", "jan", "visit", client, "--category", category]);
    }
    office.ok(&["restrict", &hidden]);
    for (who, sees) in [("els", false), ("jan", true)] {
        let mut desk = office.desk(who);
        desk.wait_for("Zoek:");
        desk.send(CTRL_D);
        desk.wait_for(&format!("{open} Gewoon Persoon"));
        let screen = desk.text();
        assert_eq!(
            screen.contains(&format!("{hidden} Verborgen Persoon")),
            sees,
            "named to jan, whose visit it is, and not listed for els: {who}: {screen}"
        );
        assert!(
            !screen.contains(&format!("{hidden} ")) || sees,
            "{who}: {screen}"
        );
        desk.send(CTRL_Q);
        assert!(desk.wait_exit().success());
    }
}
