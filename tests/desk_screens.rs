//! The desk without a terminal: key events into `update`, state and effects out, with a
//! fixed clock; and every screen drawn at 80x24 into a TestBackend and snapshot-tested.

mod common;

use chrono::NaiveDate;
use common::desk::*;
use crossterm::event::KeyCode;
use spreekuur::model::{Birth, LegalDeadline};
use spreekuur::tally::Period;
use spreekuur::tui::forms::{FollowupField, VisitPart};
use spreekuur::tui::state::{FollowupRow, Screen, State, TodayItem};
use spreekuur::tui::theme::ThemeName;
use spreekuur::tui::update::{Effect, Event, update};

/// These tests draw in monochrome; tests/desk_themes.rs draws every theme.
const MONO: ThemeName = ThemeName::Mono;

// ---- update -------------------------------------------------------------------------------

#[test]
fn each_keystroke_searches_and_esc_clears() {
    let mut s = State::new(desk(MONO), now());
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

/// Every lookup the effects log, in order.
fn lookups(fx: &[Effect]) -> Vec<Vec<u64>> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::AuditFind { numbers } => Some(numbers.clone()),
            _ => None,
        })
        .collect()
}

fn later(seconds: i64) -> chrono::NaiveDateTime {
    now() + chrono::TimeDelta::seconds(seconds)
}

fn found(query: &str, numbers: &[u64]) -> Event {
    Event::Found {
        query: query.into(),
        results: numbers
            .iter()
            .map(|&n| summary(n, "Hassan", 1986))
            .collect(),
    }
}

#[test]
fn a_search_is_logged_once_when_it_settles_not_at_every_keystroke() {
    let mut s = State::new(desk(MONO), now());
    let mut fx = Vec::new();
    for (c, partial) in "hassa".chars().zip(["h", "ha", "has", "hass", "hassa"]) {
        fx.extend(update(&mut s, key(KeyCode::Char(c)), now()));
        fx.extend(update(&mut s, found(partial, &[1042, 1043, 1044]), now()));
    }
    fx.extend(update(&mut s, Event::Tick, later(1)));
    assert_eq!(lookups(&fx), Vec::<Vec<u64>>::new(), "typing is no lookup");

    let fx = update(&mut s, Event::Tick, later(2));
    assert_eq!(lookups(&fx), [vec![1042, 1043, 1044]], "settled: one line");
    let mut fx = update(&mut s, found("hassa", &[1042, 1043, 1044]), later(3));
    fx.extend(update(&mut s, Event::Tick, later(3)));
    fx.extend(update(&mut s, Event::Tick, later(9)));
    assert_eq!(
        lookups(&fx),
        Vec::<Vec<u64>>::new(),
        "the same query: no new line"
    );

    let mut fx = update(&mut s, key(KeyCode::Char('n')), later(10));
    fx.extend(update(&mut s, found("hassan", &[1042]), later(10)));
    fx.extend(update(&mut s, Event::Tick, later(11)));
    fx.extend(update(&mut s, Event::Tick, later(12)));
    assert_eq!(lookups(&fx), [vec![1042]], "typed on, it settles anew");
}

#[test]
fn leaving_the_results_settles_them_at_once_and_nothing_shown_is_no_lookup() {
    let mut s = State::new(desk(MONO), now());
    typed(&mut s, "zzz");
    update(&mut s, found("zzz", &[]), now());
    assert_eq!(
        lookups(&update(&mut s, Event::Tick, later(5))),
        Vec::<Vec<u64>>::new()
    );

    update(&mut s, key(KeyCode::Esc), later(6));
    typed(&mut s, "ali");
    update(&mut s, found("ali", &[7, 8]), now());
    let fx = update(&mut s, key(KeyCode::Esc), now());
    assert_eq!(lookups(&fx), [vec![7, 8]], "cleared before it settled");
    assert_eq!(s.search.query.value(), "");
    typed(&mut s, "omar");
    update(&mut s, found("omar", &[9]), now());
    assert_eq!(lookups(&update(&mut s, Event::Hangup, now())), [vec![9]]);

    // Back from a card, the list read again is the lookup already logged.
    let mut s = at_card(MONO);
    let mut fx = update(&mut s, key(KeyCode::Esc), later(1));
    fx.extend(update(&mut s, found("moh", &[1042]), later(1)));
    fx.extend(update(&mut s, Event::Tick, later(30)));
    assert_eq!(s.screen, Screen::Search);
    assert_eq!(lookups(&fx), Vec::<Vec<u64>>::new());
}

#[test]
fn visit_needs_a_category_then_saves_with_the_suggested_followup() {
    let mut s = at_card(MONO);
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
    let [
        Effect::SaveVisit {
            visit, followups, ..
        },
    ] = &fx[..]
    else {
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
    let mut s = at_card(MONO);
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
    let mut s = at_card(MONO);
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
    let mut s = at_card(MONO);
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
    let mut s = at_card(MONO);
    update(&mut s, key(KeyCode::Char('v')), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    let fx = update(&mut s, Event::Hangup, now());
    let [Effect::SaveDraft(d)] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert!(s.quit);
    let mut fresh = State::new(desk(MONO), now());
    let fx = update(&mut fresh, Event::DraftFound(d.clone()), now());
    assert_eq!(fx, vec![Effect::ClearDraft, Effect::LoadCard(1042)]);
    assert_eq!(fresh.screen, Screen::Visit);
    let chosen = &fresh.visit.as_ref().unwrap().categories.chosen;
    assert_eq!(chosen, &vec!["huisvesting".to_string()]);
}

#[test]
fn opening_a_card_is_audited_once_and_i_records_that_the_client_was_informed() {
    let mut s = at_card(MONO);
    let fx = update(&mut s, Event::Tick, now());
    assert!(
        !fx.contains(&Effect::AuditView(1042)),
        "a refresh is not a new view"
    );
    // `i` shows the notice in the client's language first; `i` there records it.
    let fx = update(&mut s, key(KeyCode::Char('i')), now());
    assert_eq!(
        fx,
        vec![Effect::LoadNotice {
            client: 1042,
            languages: vec!["ar".into()]
        }]
    );
    update(&mut s, notice_for(&["ar"]), now());
    assert_eq!(s.screen, Screen::Notice);
    assert_eq!(update(&mut s, key(KeyCode::Esc), now()), vec![]);
    assert_eq!(s.screen, Screen::Card, "esc goes back without recording");
    update(&mut s, notice_for(&["ar"]), now());
    let fx = update(&mut s, key(KeyCode::Char('i')), now());
    assert_eq!(fx, vec![Effect::MarkInformed(1042)]);
    assert_eq!(s.screen, Screen::Card);
}

#[test]
fn snapshot_notice_in_the_client_s_language_right_aligned() {
    let screen = render(&notice(MONO));
    assert!(screen.contains("ماذا"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn snapshot_notice_dutch_and_english_side_by_side() {
    let mut s = at_card(MONO);
    update(&mut s, key(KeyCode::Char('i')), now());
    update(&mut s, notice_for(&["ps"]), now());
    let screen = render(&s);
    assert!(
        screen.contains("Wat schrijven wij") && screen.contains("What"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn done_on_the_card_closes_the_selected_followup() {
    let mut s = at_card(MONO);
    update(&mut s, key(KeyCode::Down), now());
    let fx = update(&mut s, key(KeyCode::Char('d')), now());
    assert_eq!(fx, vec![Effect::CloseFollowup(7)]);
    update(&mut s, key(KeyCode::Esc), now());
    assert_eq!(s.screen, Screen::Search);
    assert_eq!(s.search.query.value(), "moh", "the query is kept");
}

#[test]
fn new_client_takes_the_query_and_looks_for_duplicates() {
    let mut s = State::new(desk(MONO), now());
    typed(&mut s, "Yohannes");
    let fx = update(&mut s, ctrl('n'), now());
    let expected = Effect::Duplicates {
        name: "Yohannes".into(),
        birth: Birth::Unknown,
    };
    assert_eq!(fx, vec![expected]);
    let dups = spreekuur::store::Duplicates {
        clients: vec![summary(1050, "Yohanes Tesfay", 1990)],
        restricted: 0,
    };
    update(&mut s, Event::DuplicatesFound(dups), now());
    update(&mut s, ctrl('d'), now());
    let fx = update(&mut s, key(KeyCode::Enter), now());
    // The panel showed the client's name and birth: the lookup, then the view.
    let shown = Effect::AuditFind {
        numbers: vec![1050],
    };
    assert_eq!(
        fx,
        vec![shown, Effect::LoadCard(1050), Effect::AuditView(1050)]
    );
    assert_eq!(s.screen, Screen::Card);
}

#[test]
fn possible_duplicates_that_stay_on_screen_are_logged_once() {
    let mut s = State::new(desk(MONO), now());
    typed(&mut s, "Yohannes");
    update(&mut s, ctrl('n'), now());
    let dups = |numbers: &[u64]| {
        Event::DuplicatesFound(spreekuur::store::Duplicates {
            clients: numbers
                .iter()
                .map(|&n| summary(n, "Yohanes Tesfay", 1990))
                .collect(),
            restricted: 0,
        })
    };
    update(&mut s, dups(&[1050, 1051]), now());
    assert_eq!(
        lookups(&update(&mut s, Event::Tick, later(1))),
        Vec::<Vec<u64>>::new()
    );
    let fx = update(&mut s, Event::Tick, later(2));
    assert_eq!(lookups(&fx), [vec![1050, 1051]], "settled: one line");
    update(&mut s, dups(&[1050, 1051]), later(3));
    assert_eq!(
        lookups(&update(&mut s, Event::Tick, later(9))),
        Vec::<Vec<u64>>::new(),
        "the same list again: no new line"
    );
    update(&mut s, dups(&[1050]), later(10));
    let fx = update(&mut s, key(KeyCode::Esc), later(10));
    assert_eq!(
        lookups(&fx),
        [vec![1050]],
        "left before it settled: logged at once"
    );
}

#[test]
fn ticks_reload_what_is_shown() {
    let mut s = at_card(MONO);
    let fx = update(&mut s, Event::Tick, now());
    assert_eq!(fx, vec![Effect::LoadStatus, Effect::LoadCard(1042)]);
}

#[test]
fn the_tally_screen_opens_on_today_and_switches_periods_with_single_keys() {
    let mut s = State::new(desk(MONO), now());
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

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn bezwaar_of_28_11() -> Option<LegalDeadline> {
    Some(LegalDeadline {
        rule: "bezwaar".into(),
        letter: day(2026, 11, 28),
        ends: day(2027, 1, 11),
    })
}

#[test]
fn ctrl_l_picks_a_deadline_the_letter_fills_the_followup_and_the_visit_carries_it() {
    let mut s = visit_with_deadline(MONO);
    let form = s.visit.as_ref().unwrap();
    assert_eq!(form.deadline.rule.as_deref(), Some("bezwaar"));
    assert_eq!(form.part, VisitPart::Letter, "ctrl-l goes on to the letter");
    assert_eq!(
        form.fu_text.value(),
        "bezwaar tegen brief van 28-11-2026: uiterlijk 11-01-2027"
    );
    assert_eq!(form.fu_due.value(), "04-01-2027");
    let screen = render(&s);
    for shown in [
        "→ za 28-11-2026",
        "§ termijn ma 11-01-2027",
        "→ ma 04-01-2027",
    ] {
        assert!(screen.contains(shown), "{shown} in\n{screen}");
    }
    let fx = update(&mut s, ctrl('s'), now());
    let [Effect::SaveVisit { followups, .. }] = &fx[..] else {
        panic!("expected one save, got {fx:?}");
    };
    assert_eq!(followups.len(), 1);
    assert_eq!(followups[0].due, day(2027, 1, 4));
    assert_eq!(
        followups[0].text,
        "bezwaar tegen brief van 28-11-2026: uiterlijk 11-01-2027"
    );
    assert_eq!(followups[0].deadline, bezwaar_of_28_11());
}

#[test]
fn the_rule_is_a_part_of_the_form_and_the_letter_only_follows_a_rule() {
    let mut s = at_card(MONO);
    update(&mut s, key(KeyCode::Char('v')), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    let part = |s: &State| s.visit.as_ref().unwrap().part;
    while part(&s) != VisitPart::Note {
        update(&mut s, key(KeyCode::Tab), now());
    }
    update(&mut s, key(KeyCode::Tab), now());
    assert_eq!(part(&s), VisitPart::Deadline);
    update(&mut s, key(KeyCode::Tab), now());
    assert_eq!(part(&s), VisitPart::FollowupText, "no rule: no letter");
    update(&mut s, key(KeyCode::BackTab), now());
    // Space, Down and Right step on like the channel; Up and Left back.
    update(&mut s, key(KeyCode::Char(' ')), now());
    update(&mut s, key(KeyCode::Right), now());
    let rule = |s: &State| s.visit.as_ref().unwrap().deadline.rule.clone();
    assert_eq!(rule(&s).as_deref(), Some("bezwaar_ind"));
    update(&mut s, key(KeyCode::Left), now());
    assert_eq!(rule(&s).as_deref(), Some("bezwaar"));
    update(&mut s, key(KeyCode::Tab), now());
    assert_eq!(part(&s), VisitPart::Letter);
    typed(&mut s, "13-11");
    let form = s.visit.as_ref().unwrap();
    assert_eq!(
        form.fu_due.value(),
        "21-12-2026",
        "deadline 28-12, after Christmas"
    );
    // Back to no deadline: the lines the rule filled in go with it.
    update(&mut s, key(KeyCode::BackTab), now());
    update(&mut s, key(KeyCode::Up), now());
    let form = s.visit.as_ref().unwrap();
    assert_eq!(form.deadline.rule, None);
    assert_eq!((form.fu_text.value(), form.fu_due.value()), ("", ""));
}

#[test]
fn an_unlikely_letter_date_is_asked_back_and_a_second_save_keeps_it() {
    let mut s = at_card(MONO);
    update(&mut s, key(KeyCode::Char('v')), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    update(&mut s, ctrl('l'), now());
    typed(&mut s, "28-11-2025");
    assert_eq!(update(&mut s, ctrl('s'), now()), vec![], "asked, not saved");
    let form = s.visit.as_ref().unwrap();
    let asked = form.error.clone().unwrap();
    assert_eq!(
        asked,
        "De brief is gedateerd 28-11-2025, meer dan een jaar geleden. Klopt die datum? ctrl-s nogmaals = toch opslaan."
    );
    assert_eq!(form.part, VisitPart::Letter);
    let screen = render(&s);
    assert!(screen.contains("Klopt die datum?"), "{screen}");
    let fx = update(&mut s, ctrl('s'), now());
    let [Effect::SaveVisit { followups, .. }] = &fx[..] else {
        panic!("the second save goes through: {fx:?}");
    };
    let deadline = followups[0].deadline.clone().unwrap();
    assert_eq!(
        (deadline.letter, deadline.ends),
        (day(2025, 11, 28), day(2026, 1, 9))
    );
}

/// The visit form with a category ticked and the focus on `part`.
fn visit_form_at(part: VisitPart) -> State {
    let mut s = at_card(MONO);
    update(&mut s, key(KeyCode::Char('v')), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    while s.visit.as_ref().unwrap().part != part {
        update(&mut s, key(KeyCode::Tab), now());
    }
    s
}

#[test]
fn an_unlikely_visit_moment_is_asked_back_and_a_second_save_keeps_it() {
    let mut s = visit_form_at(VisitPart::When);
    typed(&mut s, "04-05-1999 10:00");
    assert_eq!(update(&mut s, ctrl('s'), now()), vec![], "asked, not saved");
    let form = s.visit.as_ref().unwrap();
    assert_eq!(
        form.error.as_deref(),
        Some(
            "Het bezoek is van 04-05-1999 10:00, vóór 2000. Klopt die datum? ctrl-s nogmaals = toch opslaan."
        )
    );
    assert_eq!(form.part, VisitPart::When);
    let fx = update(&mut s, ctrl('s'), now());
    let [Effect::SaveVisit { visit, .. }] = &fx[..] else {
        panic!("the second save goes through: {fx:?}");
    };
    assert_eq!(visit.when, day(1999, 5, 4).and_hms_opt(10, 0, 0).unwrap());

    // More than a day ahead is asked too; another moment is asked about again.
    let mut s = visit_form_at(VisitPart::When);
    typed(&mut s, "+3d");
    assert_eq!(update(&mut s, ctrl('s'), now()), vec![]);
    let asked = s.visit.as_ref().unwrap().error.clone().unwrap();
    assert!(
        asked.contains("03-12-2026 14:05, meer dan een dag vooruit"),
        "{asked}"
    );
    update(&mut s, key(KeyCode::Backspace), now());
    typed(&mut s, "4d");
    assert_eq!(
        update(&mut s, ctrl('s'), now()),
        vec![],
        "a new moment, a new question"
    );
    let fx = update(&mut s, ctrl('s'), now());
    assert!(matches!(&fx[..], [Effect::SaveVisit { .. }]), "{fx:?}");
}

#[test]
fn a_visit_later_today_is_refused_however_often_it_is_saved() {
    let mut s = visit_form_at(VisitPart::When);
    typed(&mut s, "16:30");
    for _ in 0..2 {
        assert_eq!(update(&mut s, ctrl('s'), now()), vec![]);
        let why = s.visit.as_ref().unwrap().error.clone().unwrap();
        assert!(
            why.contains("30-11-2026 16:30") && why.contains("gisteren 14:30"),
            "{why}"
        );
    }
    // Five minutes ahead is the clock, not the volunteer: now.
    let mut s = visit_form_at(VisitPart::When);
    typed(&mut s, "14:10");
    let fx = update(&mut s, ctrl('s'), now());
    assert!(matches!(&fx[..], [Effect::SaveVisit { .. }]), "{fx:?}");
}

#[test]
fn a_followup_due_years_ahead_is_asked_back_in_the_visit_form() {
    let mut s = visit_form_at(VisitPart::FollowupText);
    typed(&mut s, "verblijfsvergunning verlengen");
    update(&mut s, key(KeyCode::Tab), now());
    typed(&mut s, "01-01-2200");
    assert_eq!(update(&mut s, ctrl('s'), now()), vec![], "asked, not saved");
    let form = s.visit.as_ref().unwrap();
    assert_eq!(
        form.error.as_deref(),
        Some(
            "De follow-up is pas op 01-01-2200, meer dan 5 jaar vooruit. Klopt die datum? ctrl-s nogmaals = toch opslaan."
        )
    );
    assert_eq!(form.part, VisitPart::FollowupDue);
    let fx = update(&mut s, ctrl('s'), now());
    let [Effect::SaveVisit { followups, .. }] = &fx[..] else {
        panic!("the second save goes through: {fx:?}");
    };
    assert_eq!(followups[0].due, day(2200, 1, 1));
}

#[test]
fn a_followup_due_years_ahead_is_asked_back_on_the_card() {
    let mut s = at_card(MONO);
    update(&mut s, key(KeyCode::Char('f')), now());
    typed(&mut s, "bellen");
    update(&mut s, key(KeyCode::Tab), now());
    for _ in 0.."+2w".len() {
        update(&mut s, key(KeyCode::Backspace), now());
    }
    typed(&mut s, "01-01-2200");
    assert_eq!(update(&mut s, key(KeyCode::Enter), now()), vec![]);
    let mini = s.card.as_ref().unwrap().mini.as_ref().unwrap();
    let asked = mini.error.clone().unwrap();
    assert!(
        asked.contains("meer dan 5 jaar vooruit") && asked.contains("Enter nogmaals"),
        "{asked}"
    );
    assert_eq!(mini.field, FollowupField::Due);
    let fx = update(&mut s, key(KeyCode::Enter), now());
    let [Effect::AddFollowup(f)] = &fx[..] else {
        panic!("the second Enter adds it: {fx:?}")
    };
    assert_eq!(f.due, day(2200, 1, 1));
}

#[test]
fn a_deadline_without_a_readable_letter_is_not_saved() {
    let mut s = at_card(MONO);
    update(&mut s, key(KeyCode::Char('v')), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    update(&mut s, ctrl('l'), now());
    assert_eq!(update(&mut s, ctrl('s'), now()), vec![]);
    let error = s.visit.as_ref().unwrap().error.clone().unwrap();
    assert!(error.contains("datum van de brief"), "{error}");
    typed(&mut s, "31-02");
    assert!(render(&s).contains("datum onleesbaar"));
    assert_eq!(update(&mut s, ctrl('s'), now()), vec![]);
}

#[test]
fn a_draft_keeps_the_deadline_and_the_letter() {
    let mut s = visit_with_deadline(MONO);
    let fx = update(&mut s, Event::Hangup, now());
    let [Effect::SaveDraft(d)] = &fx[..] else {
        panic!("{fx:?}")
    };
    let mut fresh = State::new(desk(MONO), now());
    update(&mut fresh, Event::DraftFound(d.clone()), now());
    let form = fresh.visit.as_ref().unwrap();
    assert_eq!(form.deadline.rule.as_deref(), Some("bezwaar"));
    assert_eq!(form.deadline.letter.value(), "28-11");
    let fx = update(&mut fresh, ctrl('s'), now());
    let [Effect::SaveVisit { followups, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(followups[0].deadline, bezwaar_of_28_11());
}

#[test]
fn the_card_s_followup_form_takes_a_deadline_and_asks_about_a_letter_of_the_future() {
    let mut s = card_followup_with_deadline(MONO);
    let mini = s.card.as_ref().unwrap().mini.as_ref().unwrap();
    assert_eq!(mini.field, FollowupField::Letter);
    assert_eq!(mini.due.value(), "04-01-2027", "the rule's, not +2w");
    let fx = update(&mut s, key(KeyCode::Enter), now());
    let [Effect::AddFollowup(f)] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(f.deadline, bezwaar_of_28_11());
    assert_eq!(f.due, day(2027, 1, 4));
    assert!(f.text.starts_with("bezwaar tegen brief van 28-11-2026"));

    let mut s = at_card(MONO);
    update(&mut s, key(KeyCode::Char('f')), now());
    update(&mut s, ctrl('l'), now());
    typed(&mut s, "01-12-2026");
    assert_eq!(update(&mut s, key(KeyCode::Enter), now()), vec![]);
    let mini = s.card.as_ref().unwrap().mini.as_ref().unwrap();
    let asked = mini.error.clone().unwrap();
    assert!(
        asked.contains("na vandaag") && asked.contains("Enter nogmaals"),
        "{asked}"
    );
    let fx = update(&mut s, key(KeyCode::Enter), now());
    assert!(
        matches!(&fx[..], [Effect::AddFollowup(f)] if f.deadline.is_some()),
        "{fx:?}"
    );
}

#[test]
fn the_card_s_followup_form_without_a_deadline_is_as_before() {
    let mut s = at_card(MONO);
    update(&mut s, key(KeyCode::Char('f')), now());
    typed(&mut s, "bellen");
    // Tab to the due date, then on to the rule, which Space changes; back to no deadline.
    update(&mut s, key(KeyCode::Tab), now());
    update(&mut s, key(KeyCode::Tab), now());
    let mini = |s: &State| s.card.as_ref().unwrap().mini.as_ref().unwrap().field;
    assert_eq!(mini(&s), FollowupField::Rule);
    update(&mut s, key(KeyCode::Char(' ')), now());
    update(&mut s, key(KeyCode::Left), now());
    update(&mut s, key(KeyCode::Tab), now());
    assert_eq!(mini(&s), FollowupField::Text, "no rule: no letter");
    let fx = update(&mut s, key(KeyCode::Enter), now());
    let [Effect::AddFollowup(f)] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!((f.text.as_str(), f.due), ("bellen", day(2026, 12, 14)));
    assert_eq!(f.deadline, None);
}

#[test]
fn lists_mark_the_followups_that_guard_a_deadline() {
    let card = render(&at_card(MONO));
    let line = card.lines().find(|l| l.contains(" 11: ")).unwrap();
    assert!(line.contains("§ termijn 14-12-2026"), "{line}");
    let list = render(&followups(MONO));
    let line = list.lines().find(|l| l.contains("bezwaar IND")).unwrap();
    assert!(line.contains("14-12-2026"), "{line}");
}

#[test]
fn the_status_line_says_how_many_deadlines_end_within_a_week() {
    let mut s = State::new(desk(MONO), now());
    let status = |n| Event::StatusLoaded {
        clients: 300,
        due_today: 2,
        overdue: 11,
        appointments_today: 1,
        deadlines_soon: n,
    };
    let last_line = |s: &State| render(s).lines().nth(23).unwrap().to_string();
    update(&mut s, status(0), now());
    let line = last_line(&s);
    assert!(
        line.contains("300 cliënten") && !line.contains("termijn"),
        "{line}"
    );
    update(&mut s, status(1), now());
    assert!(last_line(&s).contains("1 termijn binnen 7 dagen"));
    update(&mut s, status(2), now());
    // At 80 columns the store's name, the clients, who and the clock make room; the counts
    // stay whole.
    let line = last_line(&s);
    assert!(
        line.contains(
            " vandaag 1 afspraken, 2 follow-ups · 11 te laat · 2 termijnen binnen 7 dagen "
        ),
        "{line}"
    );
}

// ---- snapshots ----------------------------------------------------------------------------

#[test]
fn snapshot_search_empty_store() {
    insta::assert_snapshot!(render(&State::new(desk(MONO), now())));
}

#[test]
fn snapshot_search_results() {
    insta::assert_snapshot!(render(&search_results(MONO)));
}

#[test]
fn snapshot_card() {
    insta::assert_snapshot!(render(&at_card(MONO)));
}

#[test]
fn snapshot_visit_form() {
    insta::assert_snapshot!(render(&visit_form(MONO)));
}

#[test]
fn snapshot_visit_form_with_a_deadline() {
    insta::assert_snapshot!(render(&visit_with_deadline(MONO)));
}

#[test]
fn snapshot_card_followup_form_with_a_deadline() {
    insta::assert_snapshot!(render(&card_followup_with_deadline(MONO)));
}

#[test]
fn snapshot_new_client() {
    insta::assert_snapshot!(render(&new_client(MONO)));
}

#[test]
fn snapshot_followups() {
    insta::assert_snapshot!(render(&followups(MONO)));
}

#[test]
fn snapshot_help() {
    insta::assert_snapshot!(render(&help(MONO)));
}

#[test]
fn snapshot_too_small() {
    let small = draw_at(&State::new(desk(MONO), now()), 50, 12);
    insta::assert_snapshot!(format!("{}", small.backend()));
}

#[test]
fn snapshot_tally() {
    insta::assert_snapshot!(render(&tally(MONO)));
}

#[test]
fn snapshot_visit_form_long_followup_keeps_start_and_cursor() {
    let mut s = at_card(MONO);
    update(&mut s, key(KeyCode::Char('v')), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    while s.visit.as_ref().unwrap().part != VisitPart::FollowupText {
        update(&mut s, key(KeyCode::Tab), now());
    }
    typed(&mut s, "navragen bij Kwadraad over de huurtoeslag van mei");
    let screen = render(&s);
    let line = screen
        .lines()
        .find(|l| l.contains("wat:"))
        .expect("the follow-up line");
    assert!(
        line.contains("wat: navr") && line.contains("…") && line.contains("van mei"),
        "{line}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn mine_holds_my_follow_ups_and_those_of_the_clients_i_guide() {
    let mut s = State::new(desk(MONO), now());
    update(&mut s, ctrl('f'), now());
    let row = |n: u64, assignee: &str, begeleider: Option<&str>| {
        let mut f = followup(n, 1000 + n, (2026, 12, 14), "bellen");
        f.assignee = Some(assignee.into());
        FollowupRow {
            followup: f,
            client_name: format!("Cliënt {n}"),
            begeleider: begeleider.map(String::from),
        }
    };
    let rows = vec![
        row(1, "ans", None),
        row(2, "joost", Some("ans")),
        row(3, "joost", None),
    ];
    update(&mut s, Event::FollowupsLoaded(rows), now());
    update(&mut s, key(KeyCode::Char('m')), now());
    let mine: Vec<u64> = s
        .followups
        .shown(&s.desk.volunteer)
        .map(|r| r.followup.number)
        .collect();
    assert_eq!(mine, [1, 2]);
}

#[test]
fn vandaag_lists_today_mine_or_all_and_opens_the_client() {
    let mut s = today_screen(MONO);
    assert_eq!(s.screen, Screen::Today);
    assert_eq!(s.today.items("ans").len(), 4);
    update(&mut s, key(KeyCode::Char('m')), now());
    // Mine: my visit, my appointment, and the follow-up of a client I guide; not joost's visit.
    assert_eq!(
        s.today.items("ans"),
        [
            TodayItem::Visit(320),
            TodayItem::Appointment(7),
            TodayItem::FollowUp(11)
        ]
    );
    update(&mut s, key(KeyCode::Char('m')), now());
    update(&mut s, key(KeyCode::Down), now());
    // The anonymous visit has no card.
    assert_eq!(update(&mut s, key(KeyCode::Enter), now()), vec![]);
    assert!(s.status.message.is_some());
    update(&mut s, key(KeyCode::Down), now());
    let fx = update(&mut s, key(KeyCode::Enter), now());
    assert_eq!(fx, vec![Effect::LoadCard(1042), Effect::AuditView(1042)]);
    assert_eq!(s.screen, Screen::Card);
    assert_eq!(
        update(&mut s, ctrl('d'), now()),
        vec![Effect::LoadToday],
        "ctrl-d from the card too"
    );
}

#[test]
fn a_visit_is_corrected_from_vandaag_and_the_form_returns_there() {
    let mut s = today_screen(MONO);
    update(&mut s, key(KeyCode::Char('c')), now());
    assert_eq!(s.screen, Screen::Visit);
    let form = s.visit.as_ref().unwrap();
    assert_eq!(form.editing, Some(320));
    assert_eq!(form.categories.chosen, ["toeslagen"]);
    assert_eq!(form.when.value(), "30-11-2026 13:15");
    // Add a category and save: a change, not a new visit.
    typed(&mut s, "post");
    update(&mut s, key(KeyCode::Char(' ')), now());
    let fx = update(&mut s, ctrl('s'), now());
    let [Effect::ChangeVisit { number, visit }] = &fx[..] else {
        panic!("expected a change, got {fx:?}");
    };
    assert_eq!(*number, 320);
    assert_eq!(visit.categories, ["toeslagen", "post"]);
    assert_eq!(visit.referrals[0].destination, "kwadraad");
    let fx = update(&mut s, Event::VisitCorrected(320), now());
    assert_eq!(s.screen, Screen::Today);
    assert!(fx.contains(&Effect::LoadToday));
    assert!(s.status.message.as_ref().unwrap().contains("320"));
}

#[test]
fn deleting_a_visit_asks_first_and_says_what_it_deletes() {
    let mut s = today_screen(MONO);
    assert_eq!(update(&mut s, key(KeyCode::Char('x')), now()), vec![]);
    let screen = render(&s);
    assert!(
        screen.contains(
            "x nogmaals = bezoek 320 verwijderen, andere toets = niet. (30-11-2026 13:15"
        ),
        "{screen}"
    );
    // Any other key keeps it.
    assert_eq!(update(&mut s, key(KeyCode::Char('q')), now()), vec![]);
    assert_eq!(s.today.confirm_delete, None);
    update(&mut s, key(KeyCode::Char('x')), now());
    let fx = update(&mut s, key(KeyCode::Char('x')), now());
    assert_eq!(fx, vec![Effect::DeleteVisit(320)]);
}

#[test]
fn on_the_card_the_visits_are_selectable_and_corrected_or_deleted() {
    let mut s = card_on_its_visit(MONO);
    update(&mut s, key(KeyCode::Char('x')), now());
    assert_eq!(s.card.as_ref().unwrap().confirm_delete, Some(312));
    assert_eq!(
        update(&mut s, key(KeyCode::Char('x')), now()),
        vec![Effect::DeleteVisit(312)]
    );
    update(&mut s, key(KeyCode::Char('c')), now());
    assert_eq!(s.visit.as_ref().unwrap().editing, Some(312));
    // A correction adds no follow-up.
    while s.visit.as_ref().unwrap().part != VisitPart::FollowupText {
        update(&mut s, key(KeyCode::Tab), now());
    }
    typed(&mut s, "bellen");
    assert_eq!(update(&mut s, ctrl('s'), now()), vec![]);
    assert!(s.visit.as_ref().unwrap().error.is_some());
    // Esc leaves a correction at once: nothing typed is thrown away that was not there.
    update(&mut s, key(KeyCode::Esc), now());
    assert_eq!(s.screen, Screen::Card);
}

#[test]
fn an_appointment_is_planned_with_its_moment_read_as_typed() {
    let mut s = plan_form(MONO);
    assert_eq!(s.screen, Screen::Plan);
    let screen = render(&s);
    assert!(screen.contains("→ vr 04-12-2026 10:30"), "{screen}");
    update(&mut s, key(KeyCode::Tab), now());
    update(&mut s, key(KeyCode::Tab), now());
    typed(&mut s, "brief DUO");
    let fx = update(&mut s, ctrl('s'), now());
    let [Effect::PlanAppointment(new)] = &fx[..] else {
        panic!("expected a plan, got {fx:?}");
    };
    assert_eq!(new.client, 1042);
    assert_eq!(
        new.with, "ans",
        "with whom defaults to the one who plans it"
    );
    assert_eq!(new.about, "brief DUO");
    assert_eq!(new.at.to_string(), "2026-12-04 10:30:00");
    let at = new.at;
    let fx = update(
        &mut s,
        Event::AppointmentPlanned {
            number: 8,
            at,
            warning: Some("let op: dubbel".into()),
        },
        now(),
    );
    assert!(fx.contains(&Effect::LoadCard(1042)));
    assert_eq!(s.screen, Screen::Card);
    let message = s.status.message.clone().unwrap();
    assert!(
        message.contains("8") && message.contains("dubbel"),
        "{message}"
    );
    // A moment in the past or without a time is refused in the form, with the reason, in
    // the desk's language.
    for (typed_at, reason) in [
        ("gisteren 10:00", "in het verleden"),
        ("vrijdag", "heeft geen tijd"),
        ("31-02 10:00", "is niet te lezen"),
    ] {
        let mut s = at_card(MONO);
        update(&mut s, key(KeyCode::Char('p')), now());
        typed(&mut s, typed_at);
        assert_eq!(update(&mut s, ctrl('s'), now()), vec![]);
        let error = s.plan.as_ref().unwrap().error.clone().unwrap();
        assert!(error.contains(reason), "{typed_at}: {error}");
    }
}

#[test]
fn a_visit_offers_to_keep_today_s_appointment_with_one_key() {
    let mut s = at_card(MONO);
    let mut data = card_data();
    data.appointments = vec![appointment(7, (2026, 11, 30), "14:00", "brief DUO")];
    update(&mut s, Event::CardLoaded(Box::new(data)), now());
    update(&mut s, key(KeyCode::Char('v')), now());
    assert!(render(&s).contains("Afspraak 7 om 14:00"));
    update(&mut s, ctrl('k'), now());
    update(&mut s, key(KeyCode::Char(' ')), now());
    let fx = update(&mut s, ctrl('s'), now());
    let [Effect::SaveVisit { visit, keeps, .. }] = &fx[..] else {
        panic!("expected a save, got {fx:?}");
    };
    assert_eq!(*keeps, Some(7));
    assert_eq!(visit.channel, spreekuur::model::Channel::Afspraak);
}

#[test]
fn snapshot_today() {
    insta::assert_snapshot!(render(&today_screen(MONO)));
}

#[test]
fn snapshot_plan() {
    insta::assert_snapshot!(render(&plan_form(MONO)));
}

#[test]
fn snapshot_visit_correction() {
    let mut s = today_screen(MONO);
    update(&mut s, key(KeyCode::Char('c')), now());
    insta::assert_snapshot!(render(&s));
}

#[test]
fn snapshot_card_asks_before_deleting_a_visit() {
    let mut s = card_on_its_visit(MONO);
    update(&mut s, key(KeyCode::Char('x')), now());
    insta::assert_snapshot!(render(&s));
}

#[test]
fn an_appointment_years_ahead_is_asked_back_and_the_next_save_keeps_it() {
    let mut s = at_card(MONO);
    update(&mut s, key(KeyCode::Char('p')), now());
    typed(&mut s, "01-12-2036 10:30");
    assert_eq!(update(&mut s, ctrl('s'), now()), vec![]);
    let asked = s.plan.as_ref().unwrap().error.clone().unwrap();
    assert!(asked.contains("nogmaals"), "{asked}");
    let fx = update(&mut s, ctrl('s'), now());
    assert!(matches!(fx[..], [Effect::PlanAppointment(_)]), "{fx:?}");
}

#[test]
fn the_card_of_a_restricted_client_says_so() {
    let mut s = at_card(MONO);
    assert!(!render(&s).contains("(afgeschermd)"));
    let mut data = card_data();
    data.client.restricted = true;
    update(&mut s, Event::CardLoaded(Box::new(data)), now());
    assert!(render(&s).contains("1042 Mohammed Al-Hassan"));
    let screen = render(&s);
    assert!(
        screen.contains(" (afgeschermd)") && !screen.contains("(("),
        "{screen}"
    );
}
