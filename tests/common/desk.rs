//! The desk's fixtures without a terminal: a fixed clock, clients, follow-ups, and each
//! screen brought to a state worth drawing, in any theme; shared by the screen and theme tests.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use spreekuur::config::Lang;
use spreekuur::deadlines::Deadlines;
use spreekuur::model::{
    Appointment, AppointmentState, Birth, Catalog, Channel, Client, FollowUp, FollowUpState,
    LegalDeadline, Referral, Stamp, Visit, default_groups,
};
use spreekuur::store::{ClientSummary, Duplicates};
use spreekuur::tally::Tally;
use spreekuur::tui::keymap::Keymap;
use spreekuur::tui::screens;
use spreekuur::tui::state::{
    AppointmentRow, CardData, Desk, FollowupRow, NoticeView, State, TodayData, VisitRow,
};
use spreekuur::tui::theme::ThemeName;
use spreekuur::tui::update::{Effect, Event, update};

pub fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 30)
        .and_then(|d| d.and_hms_opt(14, 5, 0))
        .unwrap()
}

pub fn stamp() -> Stamp {
    Stamp {
        who: "ans".into(),
        at: now(),
    }
}

pub fn desk(theme: ThemeName) -> Desk {
    Desk {
        volunteer: "ans".into(),
        store_label: "spreekuur.redb".into(),
        catalog: Catalog::default(),
        deadlines: Deadlines::default(),
        lang: Lang::Nl,
        keymap: Keymap::default_map(),
        theme,
        report_groups: default_groups(),
        age_bands: Default::default(),
        office: Default::default(),
        retention_months: 24,
    }
}

pub fn client(number: u64, name: &str, year: i32) -> Client {
    Client {
        number,
        name: name.into(),
        aliases: vec![],
        birth: Birth::Year(year),
        gender: Default::default(),
        country: Some("SY".into()),
        languages: vec!["ar".into()],
        interpreter: number.is_multiple_of(2),
        phone: Some("06-12345678".into()),
        note: String::new(),
        restricted: false,
        household: None,
        informed: None,
        begeleider: None,
        created: stamp(),
        changed: stamp(),
    }
}

pub fn summary(number: u64, name: &str, year: i32) -> ClientSummary {
    ClientSummary {
        client: client(number, name, year),
        last_visit: NaiveDate::from_ymd_opt(2026, 11, 2),
        open_followups: (number % 3) as usize,
        alias: None,
    }
}

/// A result the search met through one of the client's other spellings.
pub fn found_as(mut s: ClientSummary, alias: &str) -> ClientSummary {
    s.client.aliases.push(alias.to_string());
    s.alias = Some(alias.to_string());
    s
}

pub fn followup(number: u64, client: u64, due: (i32, u32, u32), text: &str) -> FollowUp {
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
        deadline: None,
    }
}

/// A follow-up that guards the IND's four weeks from a letter of 16-11-2026: the deadline
/// ends on 14-12-2026, the follow-up falls due a week before.
pub fn guarded(number: u64, client: u64) -> FollowUp {
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    FollowUp {
        deadline: Some(LegalDeadline {
            rule: "bezwaar_ind".into(),
            letter: day(11, 16),
            ends: day(12, 14),
        }),
        ..followup(
            number,
            client,
            (2026, 12, 7),
            "bezwaar IND tegen brief van 16-11-2026: uiterlijk 14-12-2026",
        )
    }
}

pub fn card_data() -> CardData {
    let mut c = client(1042, "Mohammed Al-Hassan", 1988);
    c.aliases = vec!["Muhammad Alhassan".into()];
    CardData {
        household: vec![client(1043, "Amina Al-Hassan", 2012)],
        followups: vec![
            followup(7, 1042, (2026, 11, 20), "navragen bij Kwadraad"),
            guarded(11, 1042),
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
        appointments: vec![appointment(7, (2026, 12, 4), "10:30", "brief DUO")],
        client: c,
    }
}

/// A planned appointment of client 1042 with ans.
pub fn appointment(number: u64, day: (i32, u32, u32), time: &str, about: &str) -> Appointment {
    let time = chrono::NaiveTime::parse_from_str(time, "%H:%M").unwrap();
    Appointment {
        number,
        client: 1042,
        at: NaiveDate::from_ymd_opt(day.0, day.1, day.2)
            .unwrap()
            .and_time(time),
        with: "ans".into(),
        about: about.into(),
        place: Some("spreekkamer 2".into()),
        state: AppointmentState::Planned,
        created: stamp(),
        changed: stamp(),
    }
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn typed(state: &mut State, text: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in text.chars() {
        fx = update(state, key(KeyCode::Char(c)), now());
    }
    fx
}

pub fn at_card(theme: ThemeName) -> State {
    let mut s = State::new(desk(theme), now());
    s.status.clients = 3;
    typed(&mut s, "moh");
    let results = vec![summary(1042, "Mohammed Al-Hassan", 1988)];
    let found = Event::Found {
        query: "moh".into(),
        results,
    };
    update(&mut s, found, now());
    let fx = update(&mut s, key(KeyCode::Enter), now());
    // Opening a result settles the list it was chosen from: the lookup, then the view.
    let settled = Effect::AuditFind {
        numbers: vec![1042],
    };
    assert_eq!(
        fx,
        vec![settled, Effect::LoadCard(1042), Effect::AuditView(1042)]
    );
    update(&mut s, Event::CardLoaded(Box::new(card_data())), now());
    s
}

/// A November with a spread of categories and referrals, as the store would count it.
pub fn november() -> Tally {
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
    let w = &mut t.who;
    for (k, n) in [("f", 19), ("m", 20), ("x", 0), ("unknown", 2)] {
        w.by_gender.insert(k.into(), n);
    }
    for (k, n) in [("SY", 18), ("ER", 10), ("AF", 7), ("IQ", 4), ("unknown", 2)] {
        w.by_country.insert(k.into(), n);
    }
    (w.children, w.adults, w.age_unknown) = (6, 33, 2);
    w.interpreter.insert("yes".into(), 12);
    w.households_with_children = 5;
    t
}

pub fn draw_at(state: &State, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| screens::draw(f, state)).unwrap();
    t
}

/// The screen as text, 80x24.
pub fn render(state: &State) -> String {
    format!("{}", draw_at(state, 80, 24).backend())
}

// ---- each screen in a state worth drawing -------------------------------------------------

/// Four results for "moh" (one in Arabic script found by its Latin alias, one with a control
/// character, a long Ge'ez name), the second selected.
pub fn search_results(theme: ThemeName) -> State {
    let mut s = State::new(desk(theme), now());
    s.status.clients = 3;
    typed(&mut s, "moh");
    let results = vec![
        summary(1042, "Mohammed Al-Hassan", 1988),
        found_as(summary(1043, "محمد الحسن", 1990), "Mohammed Alhassan"),
        summary(1044, "Muhammad\u{7}Ali", 1979),
        found_as(
            summary(1045, "ዮሃንስ ገብረመድህን ወልደሚካኤል ተስፋጽዮን", 1979),
            "Yohannes Gebremedhin",
        ),
    ];
    let found = Event::Found {
        query: "moh".into(),
        results,
    };
    update(&mut s, found, now());
    update(&mut s, key(KeyCode::Down), now());
    s
}

/// A visit with a category and a referral ticked, the referral list focused.
pub fn visit_form(theme: ThemeName) -> State {
    let mut s = at_card(theme);
    update(&mut s, key(KeyCode::Char('v')), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    update(&mut s, key(KeyCode::Tab), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    s
}

/// The query as the name, with two possible duplicates (one met by its alias).
pub fn new_client(theme: ThemeName) -> State {
    let mut s = State::new(desk(theme), now());
    typed(&mut s, "Mohamed");
    update(&mut s, ctrl('n'), now());
    let dups = Duplicates {
        clients: vec![
            summary(1042, "Mohammed Al-Hassan", 1988),
            found_as(summary(1043, "محمد الحسن", 1990), "Mohamed Alhassan"),
        ],
        restricted: 1,
    };
    update(&mut s, Event::DuplicatesFound(dups), now());
    s
}

/// One overdue follow-up, one that guards a legal deadline and one due later.
pub fn followups(theme: ThemeName) -> State {
    let mut s = State::new(desk(theme), now());
    update(&mut s, ctrl('f'), now());
    let rows = vec![
        FollowupRow {
            followup: followup(7, 1042, (2026, 11, 20), "navragen bij Kwadraad"),
            client_name: "Mohammed Al-Hassan".into(),
            begeleider: None,
        },
        FollowupRow {
            followup: guarded(11, 1042),
            client_name: "Mohammed Al-Hassan".into(),
            begeleider: None,
        },
        FollowupRow {
            followup: followup(9, 1043, (2026, 12, 14), "brief DUO"),
            client_name: "Amina Al-Hassan".into(),
            begeleider: None,
        },
    ];
    update(&mut s, Event::FollowupsLoaded(rows), now());
    s
}

/// What the loop answers to `LoadNotice` for client 1042 with these languages (no office
/// files, so the built-in texts).
pub fn notice_for(languages: &[&str]) -> Event {
    let languages: Vec<String> = languages.iter().map(|l| l.to_string()).collect();
    let notices = spreekuur::notice::for_client(&languages, std::path::Path::new("/nonexistent"))
        .expect("the built-in notices read");
    Event::NoticeLoaded(Box::new(NoticeView {
        client: 1042,
        notices,
        office: spreekuur::config::Office {
            name: Some("VluchtelingenWerk Voorschoten".into()),
            contact: Some("071 - 123 4567".into()),
        },
        retention_months: 24,
    }))
}

/// The privacy notice in Arabic, opened from the card with `i`.
pub fn notice(theme: ThemeName) -> State {
    let mut s = at_card(theme);
    update(&mut s, key(KeyCode::Char('i')), now());
    update(&mut s, notice_for(&["ar"]), now());
    s
}

pub fn help(theme: ThemeName) -> State {
    let mut s = State::new(desk(theme), now());
    update(&mut s, key(KeyCode::F(1)), now());
    s
}

/// November's figures on the month view.
pub fn tally(theme: ThemeName) -> State {
    let mut s = State::new(desk(theme), now());
    update(&mut s, ctrl('t'), now());
    update(&mut s, key(KeyCode::Char('m')), now());
    update(&mut s, Event::TallyLoaded(Box::new(november())), now());
    s
}

/// Vandaag with two visits (one anonymous), an appointment and a follow-up due today.
pub fn today_screen(theme: ThemeName) -> State {
    let mut s = State::new(desk(theme), now());
    update(&mut s, ctrl('d'), now());
    let visit = |number: u64, client: Option<u64>, volunteer: &str, hour: u32| Visit {
        number,
        client,
        when: now().date().and_hms_opt(hour, 15, 0).unwrap(),
        volunteer: volunteer.into(),
        channel: Channel::Spreekuur,
        categories: vec!["toeslagen".into()],
        referrals: vec![Referral {
            destination: "kwadraad".into(),
            note: "budget".into(),
        }],
        note: String::new(),
        recorded: stamp(),
    };
    let mut due = followup(11, 1043, (2026, 11, 30), "brief DUO nabellen");
    due.assignee = Some("joost".into());
    let data = TodayData {
        visits: vec![
            VisitRow {
                visit: visit(320, Some(1042), "ans", 13),
                client_name: Some("Mohammed Al-Hassan".into()),
                begeleider: None,
            },
            VisitRow {
                visit: visit(319, None, "joost", 11),
                client_name: None,
                begeleider: None,
            },
        ],
        appointments: vec![AppointmentRow {
            appointment: appointment(7, (2026, 11, 30), "15:00", "brief DUO"),
            client_name: Some("Mohammed Al-Hassan".into()),
            begeleider: None,
        }],
        followups: vec![FollowupRow {
            followup: due,
            client_name: "Amina Al-Hassan".into(),
            begeleider: Some("ans".into()),
        }],
    };
    update(&mut s, Event::TodayLoaded(Box::new(data)), now());
    s
}

/// The appointment form with a moment typed.
pub fn plan_form(theme: ThemeName) -> State {
    let mut s = at_card(theme);
    update(&mut s, key(KeyCode::Char('p')), now());
    typed(&mut s, "vrijdag 10:30");
    s
}

/// A visit with a category and a bezwaar from a letter of 28-11 (ctrl-l, then the date).
pub fn visit_with_deadline(theme: ThemeName) -> State {
    let mut s = at_card(theme);
    update(&mut s, key(KeyCode::Char('v')), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    update(&mut s, ctrl('l'), now());
    typed(&mut s, "28-11");
    s
}

/// The card's follow-up form (`f`) with a bezwaar from a letter of 28-11.
pub fn card_followup_with_deadline(theme: ThemeName) -> State {
    let mut s = at_card(theme);
    update(&mut s, key(KeyCode::Char('f')), now());
    update(&mut s, ctrl('l'), now());
    typed(&mut s, "28-11");
    s
}

/// The card with its visit selected: Down past the household member and the follow-ups.
pub fn card_on_its_visit(theme: ThemeName) -> State {
    let mut s = at_card(theme);
    let on_visit = |s: &State| {
        let card = s.card.as_ref().expect("the card is open");
        matches!(
            card.items().get(card.selected),
            Some(spreekuur::tui::state::CardItem::Visit(_))
        )
    };
    while !on_visit(&s) {
        update(&mut s, key(KeyCode::Down), now());
    }
    s
}
