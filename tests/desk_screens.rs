//! The desk without a terminal: key events into `update`, state and effects out, with a
//! fixed clock; and every screen drawn at 80x24 into a TestBackend and snapshot-tested.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use spreekuur::config::Lang;
use spreekuur::model::{
    Birth, Catalog, Channel, Client, FollowUp, FollowUpState, Referral, Stamp, Visit,
    default_groups,
};
use spreekuur::store::ClientSummary;
use spreekuur::tally::{Period, Tally};
use spreekuur::tui::forms::VisitPart;
use spreekuur::tui::keymap::Keymap;
use spreekuur::tui::screens;
use spreekuur::tui::state::{CardData, Desk, FollowupRow, Screen, State};
use spreekuur::tui::update::{Effect, Event, update};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 30)
        .and_then(|d| d.and_hms_opt(14, 5, 0))
        .unwrap()
}

fn stamp() -> Stamp {
    Stamp {
        who: "ans".into(),
        at: now(),
    }
}

fn desk() -> Desk {
    Desk {
        volunteer: "ans".into(),
        store_label: "spreekuur.redb".into(),
        catalog: Catalog::default(),
        lang: Lang::Nl,
        keymap: Keymap::default_map(),
        theme: spreekuur::tui::theme::ThemeName::Mono,
        report_groups: default_groups(),
    }
}

fn client(number: u64, name: &str, year: i32) -> Client {
    Client {
        number,
        name: name.into(),
        aliases: vec![],
        birth: Birth::Year(year),
        country: Some("SY".into()),
        languages: vec!["ar".into()],
        interpreter: number.is_multiple_of(2),
        phone: Some("06-12345678".into()),
        note: String::new(),
        restricted: false,
        household: None,
        informed: None,
        created: stamp(),
        changed: stamp(),
    }
}

fn summary(number: u64, name: &str, year: i32) -> ClientSummary {
    ClientSummary {
        client: client(number, name, year),
        last_visit: NaiveDate::from_ymd_opt(2026, 11, 2),
        open_followups: (number % 3) as usize,
    }
}

fn followup(number: u64, client: u64, due: (i32, u32, u32), text: &str) -> FollowUp {
    FollowUp {
        number,
        client,
        visit: None,
        referral: None,
        due: NaiveDate::from_ymd_opt(due.0, due.1, due.2).unwrap(),
        text: text.into(),
        assignee: Some("ans".into()),
        state: FollowUpState::Open,
        created: stamp(),
    }
}

fn card_data() -> CardData {
    let mut c = client(1042, "Mohammed Al-Hassan", 1988);
    c.aliases = vec!["Muhammad Alhassan".into()];
    CardData {
        household: vec![client(1043, "Amina Al-Hassan", 2012)],
        followups: vec![
            followup(7, 1042, (2026, 11, 20), "navragen bij Kwadraad"),
            followup(9, 1042, (2026, 12, 14), "brief DUO meenemen"),
        ],
        visits: vec![Visit {
            number: 312,
            client: Some(1042),
            when: now(),
            volunteer: "ans".into(),
            channel: Channel::Spreekuur,
            categories: vec!["toeslagen".into(), "post".into()],
            referrals: vec![Referral {
                destination: "kwadraad".into(),
                note: String::new(),
            }],
            note: "brief\u{1b}[31m uitgelegd".into(),
            recorded: stamp(),
        }],
        client: c,
    }
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn typed(state: &mut State, text: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in text.chars() {
        fx = update(state, key(KeyCode::Char(c)), now());
    }
    fx
}

fn at_card() -> State {
    let mut s = State::new(desk(), now());
    s.status.clients = 3;
    typed(&mut s, "moh");
    let results = vec![summary(1042, "Mohammed Al-Hassan", 1988)];
    let found = Event::Found {
        query: "moh".into(),
        results,
    };
    update(&mut s, found, now());
    let fx = update(&mut s, key(KeyCode::Enter), now());
    assert_eq!(fx, vec![Effect::LoadCard(1042), Effect::AuditView(1042)]);
    update(&mut s, Event::CardLoaded(Box::new(card_data())), now());
    s
}

fn render_at(state: &State, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| screens::draw(f, state)).unwrap();
    format!("{}", t.backend())
}

fn render(state: &State) -> String {
    render_at(state, 80, 24)
}

// ---- update -------------------------------------------------------------------------------

#[test]
fn each_keystroke_searches_and_esc_clears() {
    let mut s = State::new(desk(), now());
    assert_eq!(typed(&mut s, "ali"), vec![Effect::Find("ali".into())]);
    let stale = Event::Found {
        query: "al".into(),
        results: vec![summary(1, "x", 1990)],
    };
    update(&mut s, stale, now());
    assert!(s.search.results.is_empty(), "a stale answer is ignored");
    update(&mut s, key(KeyCode::Esc), now());
    assert_eq!(s.search.query.value(), "");
}

#[test]
fn visit_needs_a_category_then_saves_with_the_suggested_followup() {
    let mut s = at_card();
    update(&mut s, key(KeyCode::Char('v')), now());
    assert_eq!(s.screen, Screen::Visit);
    assert_eq!(update(&mut s, ctrl('s'), now()), vec![]);
    let error = s.visit.as_ref().unwrap().error.clone().unwrap();
    assert!(error.contains("categorie"), "{error}");
    typed(&mut s, "toesl");
    update(&mut s, key(KeyCode::Char(' ')), now());
    typed(&mut s, "post");
    update(&mut s, key(KeyCode::Char(' ')), now());
    update(&mut s, key(KeyCode::Tab), now());
    typed(&mut s, "kwa");
    update(&mut s, key(KeyCode::Char(' ')), now());
    let suggestion = s.visit.as_ref().unwrap().suggestion.clone();
    assert_eq!(suggestion.as_deref(), Some("kwadraad"));
    update(&mut s, ctrl('o'), now());
    let fx = update(&mut s, ctrl('s'), now());
    let [Effect::SaveVisit { visit, followups }] = &fx[..] else {
        panic!("expected one save, got {fx:?}");
    };
    assert_eq!(visit.categories, vec!["toeslagen", "post"]);
    assert_eq!(visit.referrals[0].destination, "kwadraad");
    assert_eq!(
        followups[0].due,
        NaiveDate::from_ymd_opt(2026, 12, 14).unwrap()
    );
    assert!(followups[0].text.starts_with("navragen bij Kwadraad"));
    assert_eq!(followups[0].referral.as_deref(), Some("kwadraad"));
    let saved = Event::VisitSaved {
        number: 313,
        followup: Some(10),
    };
    let fx = update(&mut s, saved, now());
    assert!(fx.contains(&Effect::LoadCard(1042)));
    assert_eq!(s.screen, Screen::Card);
    assert!(s.status.message.as_ref().unwrap().contains("313"));
}

#[test]
fn a_late_entry_lands_on_the_moment_typed_and_the_future_is_refused() {
    let mut s = at_card();
    update(&mut s, key(KeyCode::Char('v')), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    for _ in 0..3 {
        update(&mut s, key(KeyCode::Tab), now());
    }
    assert_eq!(s.visit.as_ref().unwrap().part, VisitPart::When);
    typed(&mut s, "morgen 10:00");
    assert_eq!(update(&mut s, ctrl('s'), now()), vec![]);
    let error = s.visit.as_ref().unwrap().error.clone().unwrap();
    assert!(error.contains("future"), "{error}");
    for _ in 0.."morgen 10:00".len() {
        update(&mut s, key(KeyCode::Backspace), now());
    }
    typed(&mut s, "27-11-2026 14:30");
    let fx = update(&mut s, ctrl('s'), now());
    let [Effect::SaveVisit { visit, .. }] = &fx[..] else {
        panic!("expected one save, got {fx:?}");
    };
    assert_eq!(
        visit.when,
        NaiveDate::from_ymd_opt(2026, 11, 27)
            .and_then(|d| d.and_hms_opt(14, 30, 0))
            .unwrap()
    );
    assert_eq!(
        visit.recorded.at,
        now(),
        "who entered it, and when, is kept apart"
    );
}

#[test]
fn a_failed_save_keeps_the_form_with_the_reason_so_the_volunteer_can_retry() {
    let mut s = at_card();
    update(&mut s, key(KeyCode::Char('v')), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    let fx = update(&mut s, ctrl('s'), now());
    assert!(matches!(fx[..], [Effect::SaveVisit { .. }]), "{fx:?}");
    let full = "the store could not be read or written: No space left on device. Nothing was saved; try again";
    update(&mut s, Event::Failed(full.into()), now());
    assert_eq!(s.screen, Screen::Visit, "the form stays open");
    let form = s.visit.as_ref().unwrap();
    assert_eq!(form.categories.chosen.len(), 1, "with what was typed");
    assert_eq!(form.error.as_deref(), Some(full));
    assert!(render(&s).contains("No space left"), "and says why");
    let again = update(&mut s, ctrl('s'), now());
    assert!(matches!(again[..], [Effect::SaveVisit { .. }]), "{again:?}");
}

#[test]
fn esc_asks_before_throwing_input_away() {
    let mut s = at_card();
    update(&mut s, key(KeyCode::Char('v')), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    update(&mut s, key(KeyCode::Esc), now());
    assert_eq!(s.screen, Screen::Visit);
    assert!(s.visit.as_ref().unwrap().confirm_discard);
    update(&mut s, key(KeyCode::Esc), now());
    assert_eq!(s.screen, Screen::Card);
}

#[test]
fn hangup_with_typed_text_keeps_a_draft_that_comes_back() {
    let mut s = at_card();
    update(&mut s, key(KeyCode::Char('v')), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    let fx = update(&mut s, Event::Hangup, now());
    let [Effect::SaveDraft(d)] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert!(s.quit);
    let mut fresh = State::new(desk(), now());
    let fx = update(&mut fresh, Event::DraftFound(d.clone()), now());
    assert_eq!(fx, vec![Effect::ClearDraft, Effect::LoadCard(1042)]);
    assert_eq!(fresh.screen, Screen::Visit);
    let chosen = &fresh.visit.as_ref().unwrap().categories.chosen;
    assert_eq!(chosen, &vec!["huisvesting".to_string()]);
}

#[test]
fn opening_a_card_is_audited_once_and_i_records_that_the_client_was_informed() {
    let mut s = at_card();
    let fx = update(&mut s, Event::Tick, now());
    assert!(
        !fx.contains(&Effect::AuditView(1042)),
        "a refresh is not a new view"
    );
    let fx = update(&mut s, key(KeyCode::Char('i')), now());
    assert_eq!(fx, vec![Effect::MarkInformed(1042)]);
}

#[test]
fn done_on_the_card_closes_the_selected_followup() {
    let mut s = at_card();
    update(&mut s, key(KeyCode::Down), now());
    let fx = update(&mut s, key(KeyCode::Char('d')), now());
    assert_eq!(fx, vec![Effect::CloseFollowup(7)]);
    update(&mut s, key(KeyCode::Esc), now());
    assert_eq!(s.screen, Screen::Search);
    assert_eq!(s.search.query.value(), "moh", "the query is kept");
}

#[test]
fn new_client_takes_the_query_and_looks_for_duplicates() {
    let mut s = State::new(desk(), now());
    typed(&mut s, "Yohannes");
    let fx = update(&mut s, ctrl('n'), now());
    let expected = Effect::Duplicates {
        name: "Yohannes".into(),
        birth: Birth::Unknown,
    };
    assert_eq!(fx, vec![expected]);
    let dups = vec![summary(1050, "Yohanes Tesfay", 1990)];
    update(&mut s, Event::DuplicatesFound(dups), now());
    update(&mut s, ctrl('d'), now());
    let fx = update(&mut s, key(KeyCode::Enter), now());
    assert_eq!(fx, vec![Effect::LoadCard(1050), Effect::AuditView(1050)]);
    assert_eq!(s.screen, Screen::Card);
}

#[test]
fn ticks_reload_what_is_shown() {
    let mut s = at_card();
    let fx = update(&mut s, Event::Tick, now());
    assert_eq!(fx, vec![Effect::LoadStatus, Effect::LoadCard(1042)]);
}

/// A November with a spread of categories and referrals, as the store would count it.
fn november() -> Tally {
    let from = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let mut t = Tally {
        from,
        to,
        visits: 52,
        anonymous_visits: 4,
        clients: 41,
        households: 38,
        new_clients: 6,
        per_day: (0..30).map(|d| (d * 7 % 5) as u64).collect(),
        ..Tally::default()
    };
    for (k, n) in [
        ("post", 20),
        ("toeslagen", 14),
        ("huisvesting", 9),
        ("duo", 5),
        ("vervallen_oud", 1),
    ] {
        t.by_category.insert(k.into(), n);
    }
    for (k, n) in [("kwadraad", 7), ("voedselbank", 2)] {
        t.by_referral.insert(k.into(), n);
    }
    t.followups.opened = 9;
    t.followups.done = 7;
    t.followups.open_now = 12;
    t.followups.overdue_now = 3;
    t
}

#[test]
fn the_tally_screen_opens_on_today_and_switches_periods_with_single_keys() {
    let mut s = State::new(desk(), now());
    let today = now().date();
    assert_eq!(
        update(&mut s, ctrl('t'), now()),
        vec![Effect::LoadTally(Period::Day(today))]
    );
    assert_eq!(s.screen, Screen::Tally);
    let month = Period::month_of(today);
    assert_eq!(
        update(&mut s, key(KeyCode::Char('m')), now()),
        vec![Effect::LoadTally(month)]
    );
    assert_eq!(
        update(&mut s, key(KeyCode::Left), now()),
        vec![Effect::LoadTally(month.previous())]
    );
    assert_eq!(
        update(&mut s, key(KeyCode::Char('n')), now()),
        vec![Effect::LoadTally(month)]
    );
    // A tally of another period arriving late is not shown.
    let mut stale = november();
    stale.from = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    update(&mut s, Event::TallyLoaded(Box::new(stale)), now());
    assert!(s.tally.tally.is_none());
    update(&mut s, Event::TallyLoaded(Box::new(november())), now());
    assert!(s.tally.tally.is_some());
    assert_eq!(
        update(&mut s, key(KeyCode::Char('e')), now()),
        vec![Effect::ExportTally(month)]
    );
    assert_eq!(
        update(&mut s, Event::Tick, now()),
        vec![Effect::LoadStatus, Effect::LoadTally(month)]
    );
    update(&mut s, key(KeyCode::Esc), now());
    assert_eq!(s.screen, Screen::Search);
}

// ---- snapshots ----------------------------------------------------------------------------

#[test]
fn snapshot_search_empty_store() {
    insta::assert_snapshot!(render(&State::new(desk(), now())));
}

#[test]
fn snapshot_search_results() {
    let mut s = State::new(desk(), now());
    s.status.clients = 3;
    typed(&mut s, "moh");
    let results = vec![
        summary(1042, "Mohammed Al-Hassan", 1988),
        summary(1043, "محمد الحسن", 1990),
        summary(1044, "Muhammad\u{7}Ali", 1979),
    ];
    let found = Event::Found {
        query: "moh".into(),
        results,
    };
    update(&mut s, found, now());
    update(&mut s, key(KeyCode::Down), now());
    insta::assert_snapshot!(render(&s));
}

#[test]
fn snapshot_card() {
    insta::assert_snapshot!(render(&at_card()));
}

#[test]
fn snapshot_visit_form() {
    let mut s = at_card();
    update(&mut s, key(KeyCode::Char('v')), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    update(&mut s, key(KeyCode::Tab), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    insta::assert_snapshot!(render(&s));
}

#[test]
fn snapshot_new_client() {
    let mut s = State::new(desk(), now());
    typed(&mut s, "Mohamed");
    update(&mut s, ctrl('n'), now());
    let dups = vec![summary(1042, "Mohammed Al-Hassan", 1988)];
    update(&mut s, Event::DuplicatesFound(dups), now());
    insta::assert_snapshot!(render(&s));
}

#[test]
fn snapshot_followups() {
    let mut s = State::new(desk(), now());
    update(&mut s, ctrl('f'), now());
    let rows = vec![
        FollowupRow {
            followup: followup(7, 1042, (2026, 11, 20), "navragen bij Kwadraad"),
            client_name: "Mohammed Al-Hassan".into(),
        },
        FollowupRow {
            followup: followup(9, 1043, (2026, 12, 14), "brief DUO"),
            client_name: "Amina Al-Hassan".into(),
        },
    ];
    update(&mut s, Event::FollowupsLoaded(rows), now());
    insta::assert_snapshot!(render(&s));
}

#[test]
fn snapshot_help() {
    let mut s = State::new(desk(), now());
    update(&mut s, key(KeyCode::F(1)), now());
    insta::assert_snapshot!(render(&s));
}

#[test]
fn snapshot_too_small() {
    insta::assert_snapshot!(render_at(&State::new(desk(), now()), 50, 12));
}

#[test]
fn snapshot_tally() {
    let mut s = State::new(desk(), now());
    update(&mut s, ctrl('t'), now());
    update(&mut s, key(KeyCode::Char('m')), now());
    update(&mut s, Event::TallyLoaded(Box::new(november())), now());
    insta::assert_snapshot!(render(&s));
}
