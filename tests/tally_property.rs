//! Every figure of every period equals a plain recount over all visits and appointments,
//! whatever mix of visits, late entries, corrections, deletions and appointments (kept by a
//! visit, cancelled, missed or still planned) came before: near midnight and across the
//! daylight-saving changes of Europe/Amsterdam included.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use proptest::prelude::*;
use spreekuur::model::{
    AppointmentState, Birth, Channel, ClientDraft, FollowUp, FollowUpState, Gender, NewAppointment,
    Referral, Stamp, Visit, default_groups,
};
use spreekuur::store::{AppointmentCounts, Store};
use spreekuur::tally::{self, Period};
use std::collections::{BTreeMap, BTreeSet, HashMap};

const CATEGORIES: &[&str] = &["post", "toeslagen", "huisvesting", "duo", "schulden"];
const REFERRALS: &[&str] = &["kwadraad", "voedselbank", "gemeente"];
const VOLUNTEERS: &[&str] = &["marieke", "jan", "samir"];
const CLIENTS: usize = 6;

/// Days around the spring and autumn clock changes of 2026 (29 March, 25 October).
fn day(index: u8) -> NaiveDate {
    let (base, offset) = if index < 10 {
        (NaiveDate::from_ymd_opt(2026, 3, 24), index)
    } else {
        (NaiveDate::from_ymd_opt(2026, 10, 20), index - 10)
    };
    base.expect("a real date") + Duration::days(offset as i64)
}

/// Minutes of the day that matter: midnight, the hour the clocks skip or repeat, late evening.
fn moment(day_index: u8, minute: u8) -> NaiveDateTime {
    let minutes = [0u32, 1, 119, 120, 150, 179, 180, 600, 1438, 1439][minute as usize % 10];
    day(day_index)
        .and_time(NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).expect("a real time"))
}

#[derive(Debug, Clone)]
enum Op {
    Visit {
        client: Option<u8>,
        day: u8,
        minute: u8,
        cats: Vec<u8>,
        refs: Vec<u8>,
        channel: u8,
        volunteer: u8,
    },
    Edit {
        pick: u8,
        day: u8,
        minute: u8,
        cats: Vec<u8>,
    },
    Delete {
        pick: u8,
    },
    /// A correction made at the desk: the visit form filled in, changed, saved with Ctrl-S.
    DeskEdit {
        pick: u8,
        day: u8,
        minute: u8,
        cats: Vec<u8>,
        refs: Vec<u8>,
    },
    /// A deletion at the desk: on the card, the visit selected, `x` and `x` again.
    DeskDelete {
        pick: u8,
    },
    FollowUp {
        client: u8,
        opened: u8,
        closed: Option<(u8, bool)>,
    },
    /// `fate`: 0 still planned, 1 kept by a visit, 2 cancelled, 3 no-show.
    Appointment {
        client: u8,
        day: u8,
        minute: u8,
        with: u8,
        fate: u8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let keys = |n: usize| prop::collection::vec(0..n as u8, 0..3);
    prop_oneof![
        5 => (prop::option::weighted(0.85, 0..CLIENTS as u8), 0..20u8, any::<u8>(), prop::collection::vec(0..CATEGORIES.len() as u8, 1..4), keys(REFERRALS.len()), 0..5u8, 0..3u8)
            .prop_map(|(client, day, minute, cats, refs, channel, volunteer)| Op::Visit { client, day, minute, cats, refs, channel, volunteer }),
        2 => (any::<u8>(), 0..20u8, any::<u8>(), prop::collection::vec(0..CATEGORIES.len() as u8, 1..3))
            .prop_map(|(pick, day, minute, cats)| Op::Edit { pick, day, minute, cats }),
        1 => any::<u8>().prop_map(|pick| Op::Delete { pick }),
        2 => (any::<u8>(), 0..20u8, any::<u8>(), prop::collection::vec(0..CATEGORIES.len() as u8, 1..3), keys(REFERRALS.len()))
            .prop_map(|(pick, day, minute, cats, refs)| Op::DeskEdit { pick, day, minute, cats, refs }),
        1 => any::<u8>().prop_map(|pick| Op::DeskDelete { pick }),
        1 => (0..CLIENTS as u8, 0..20u8, prop::option::of((0..20u8, any::<bool>())))
            .prop_map(|(client, opened, closed)| Op::FollowUp { client, opened, closed }),
        2 => (0..CLIENTS as u8, 0..20u8, any::<u8>(), 0..3u8, 0..4u8)
            .prop_map(|(client, day, minute, with, fate)| Op::Appointment { client, day, minute, with, fate }),
    ]
}

/// A generated client: who they are, and the earlier client whose household they join.
#[derive(Debug, Clone)]
struct Person {
    gender: Gender,
    birth: Birth,
    country: Option<String>,
    language: Option<String>,
    interpreter: bool,
    joins: Option<u8>,
}

/// Births around the periods' ends and the ages 5, 12, 18, 30 …, so birthdays fall on both
/// sides of a period's last day.
fn person() -> impl Strategy<Value = Person> {
    let birth = prop_oneof![
        1 => Just(Birth::Unknown),
        2 => prop::sample::select(vec![1950, 1961, 1976, 1996, 2008, 2014, 2021, 2024]).prop_map(Birth::Year),
        4 => (prop::sample::select(vec![1961, 1976, 1996, 2008, 2014, 2021, 2026]), prop::sample::select(vec![1, 3, 10]), 18..32u32)
            .prop_map(|(y, m, d)| Birth::Date(NaiveDate::from_ymd_opt(y, m, d.min(28 + u32::from(m != 2) * 2)).expect("a real date"))),
    ];
    let pick = |list: &'static [&'static str]| {
        prop::option::of(prop::sample::select(list)).prop_map(|o| o.map(str::to_string))
    };
    (
        0..4usize,
        birth,
        pick(&["SY", "ER", "AF"]),
        pick(&["ar", "ti"]),
        any::<bool>(),
        prop::option::weighted(0.4, 0..CLIENTS as u8),
    )
        .prop_map(|(g, birth, country, language, interpreter, joins)| Person {
            gender: Gender::ALL[g],
            birth,
            country,
            language,
            interpreter,
            joins,
        })
}

/// The age in years on `day`, worked out the long way: birthdays counted one by one.
fn age(birth: &Birth, day: NaiveDate) -> Option<u32> {
    let born = match birth {
        Birth::Unknown => return None,
        Birth::Year(y) => NaiveDate::from_ymd_opt(*y, 1, 1)?,
        Birth::Date(d) => *d,
    };
    let mut years = 0;
    while born.checked_add_months(chrono::Months::new(12 * (years + 1)))? <= day {
        years += 1;
    }
    (born <= day).then_some(years)
}

fn band(age: u32) -> &'static str {
    match age {
        0..=4 => "0-4",
        5..=11 => "5-11",
        12..=17 => "12-17",
        18..=29 => "18-29",
        30..=49 => "30-49",
        50..=64 => "50-64",
        _ => "65+",
    }
}

fn unique(keys: &[u8], list: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &k in keys {
        let key = list[k as usize].to_string();
        if !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

/// A follow-up as the recount needs it: created day, closed (day, done?), due day.
type FollowUpTruth = (NaiveDate, Option<(NaiveDate, bool)>, NaiveDate);

/// What the test knows happened, to recount from.
#[derive(Default)]
struct Truth {
    visits: BTreeMap<u64, Visit>,
    followups: Vec<FollowUpTruth>,
    /// Appointment number -> its day and state.
    appointments: BTreeMap<u64, (NaiveDate, AppointmentState)>,
    /// Client number -> who they are and their household (the first member's number).
    people: BTreeMap<u64, (Person, Option<u64>)>,
}

fn recount(truth: &Truth, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> tally::Tally {
    let mut t = tally::Tally {
        from,
        to,
        ..Default::default()
    };
    let inside = |d: NaiveDate| d >= from && d <= to;
    let mut clients = BTreeSet::new();
    let mut first: HashMap<u64, NaiveDate> = HashMap::new();
    for v in truth.visits.values() {
        if let Some(c) = v.client {
            let d = first.entry(c).or_insert(v.when.date());
            *d = (*d).min(v.when.date());
        }
        if !inside(v.when.date()) {
            continue;
        }
        t.visits += 1;
        match v.client {
            Some(c) => {
                clients.insert(c);
            }
            None => t.anonymous_visits += 1,
        }
        for c in &v.categories {
            *t.by_category.entry(c.clone()).or_insert(0) += 1;
        }
        for r in &v.referrals {
            *t.by_referral.entry(r.destination.clone()).or_insert(0) += 1;
        }
        *t.by_channel.entry(v.channel.key().to_string()).or_insert(0) += 1;
        *t.by_volunteer.entry(v.volunteer.clone()).or_insert(0) += 1;
    }
    t.clients = clients.len() as u64;
    let household = |c: &u64| truth.people[c].1.map_or((false, *c), |h| (true, h));
    let households: BTreeSet<(bool, u64)> = clients.iter().map(household).collect();
    t.households = households.len() as u64;
    let w = &mut t.who;
    for key in ["f", "m", "x", "unknown"] {
        w.by_gender.insert(key.into(), 0);
    }
    for key in ["yes", "no", "unknown"] {
        w.interpreter.insert(key.into(), 0);
    }
    let mut ages: BTreeMap<&str, u64> = BTreeMap::new();
    for key in [
        "0-4", "5-11", "12-17", "18-29", "30-49", "50-64", "65+", "unknown",
    ] {
        ages.insert(key, 0);
    }
    let unknown = || "unknown".to_string();
    for c in &clients {
        let p = &truth.people[c].0;
        *w.by_country
            .entry(p.country.clone().unwrap_or_else(unknown))
            .or_insert(0) += 1;
        *w.by_language
            .entry(p.language.clone().unwrap_or_else(unknown))
            .or_insert(0) += 1;
        *w.by_gender.entry(p.gender.key().into()).or_insert(0) += 1;
        *w.interpreter
            .entry(if p.interpreter { "yes" } else { "no" }.into())
            .or_insert(0) += 1;
        match age(&p.birth, to) {
            Some(a) => {
                *ages.entry(band(a)).or_insert(0) += 1;
                if a < 18 {
                    w.children += 1
                } else {
                    w.adults += 1
                }
            }
            None => {
                *ages.entry("unknown").or_insert(0) += 1;
                w.age_unknown += 1;
            }
        }
    }
    w.by_country.entry(unknown()).or_insert(0);
    w.by_language.entry(unknown()).or_insert(0);
    w.by_age = ages.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    w.by_age.sort_by_key(|(k, _)| {
        k.split(['-', '+'])
            .next()
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(u32::MAX)
    });
    w.households_with_children = households
        .iter()
        .filter(|h| {
            truth
                .people
                .iter()
                .any(|(c, (p, _))| household(c) == **h && age(&p.birth, to).is_some_and(|a| a < 18))
        })
        .count() as u64;
    t.new_clients = first.values().filter(|d| inside(**d)).count() as u64;
    for (opened, closed, due) in &truth.followups {
        if inside(*opened) {
            t.followups.opened += 1;
        }
        match closed {
            Some((d, true)) if inside(*d) => t.followups.done += 1,
            Some((d, false)) if inside(*d) => t.followups.cancelled += 1,
            Some(_) => {}
            None => {
                t.followups.open_now += 1;
                if *due < today {
                    t.followups.overdue_now += 1;
                }
            }
        }
    }
    let mut a = AppointmentCounts::default();
    for (d, state) in truth.appointments.values() {
        if !inside(*d) {
            continue;
        }
        a.planned += 1;
        match state {
            AppointmentState::Planned => a.open += 1,
            AppointmentState::Kept { .. } => a.kept += 1,
            AppointmentState::Cancelled => a.cancelled += 1,
            AppointmentState::NoShow => a.no_show += 1,
        }
    }
    t.appointments = a;
    t
}

fn periods() -> Vec<Period> {
    let mut out: Vec<Period> = (0..20).map(|i| Period::Day(day(i))).collect();
    for i in (0..20).step_by(3) {
        out.push(Period::week_of(day(i)));
    }
    out.push(Period::month_of(day(0)));
    out.push(Period::month_of(day(12)));
    out.push(Period::quarter_of(day(3)));
    out.push(Period::year_of(day(0)));
    out.push(Period::Range(day(2), day(7)));
    out.push(Period::Range(day(8), day(15)));
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_figure_equals_a_plain_recount(ops in prop::collection::vec(op(), 1..60), people in prop::collection::vec(person(), CLIENTS)) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let store = Store::open(&dir.path().join("s.redb")).expect("a new store");
        let today = day(19);
        let stamp = |at: NaiveDateTime| Stamp { who: "test".into(), at };
        let mut truth = Truth::default();
        let mut clients: Vec<u64> = Vec::new();
        for (i, p) in people.iter().enumerate() {
            let draft = ClientDraft {
                name: format!("Client {i}"),
                gender: p.gender,
                birth: p.birth,
                country: p.country.clone(),
                languages: p.language.iter().cloned().collect(),
                interpreter: p.interpreter,
                ..ClientDraft::default()
            };
            let n = store.add_client(draft, stamp(moment(0, 0))).expect("a client");
            // The household of an earlier client, named by its first member.
            let household = p.joins.filter(|j| (*j as usize) < i).map(|j| {
                let host = clients[j as usize];
                store.join_household(n, host, stamp(moment(0, 0))).expect("a household");
                truth.people[&host].1.unwrap_or(host)
            });
            if let Some(h) = household {
                let host = truth.people.get_mut(&h).expect("the household's first member");
                host.1 = Some(h);
            }
            truth.people.insert(n, (p.clone(), household));
            clients.push(n);
        }
        for op in ops {
            match op {
                Op::Visit { client, day, minute, cats, refs, channel, volunteer } => {
                    let when = moment(day, minute);
                    let visit = Visit {
                        number: 0,
                        client: client.map(|c| clients[c as usize]),
                        when,
                        volunteer: VOLUNTEERS[volunteer as usize].to_string(),
                        channel: Channel::ALL[channel as usize],
                        categories: unique(&cats, CATEGORIES),
                        referrals: unique(&refs, REFERRALS).into_iter().map(|destination| Referral { destination, note: String::new() }).collect(),
                        note: String::new(),
                        recorded: stamp(when),
                    };
                    let (n, _) = store.add_visit(visit.clone(), vec![]).expect("a visit");
                    truth.visits.insert(n, Visit { number: n, ..visit });
                }
                Op::Edit { pick, day, minute, cats } => {
                    let Some(&n) = truth.visits.keys().nth(pick as usize % truth.visits.len().max(1)) else { continue };
                    let when = moment(day, minute);
                    let categories = unique(&cats, CATEGORIES);
                    let stored = store.update_visit(n, &stamp(when), |v| { v.when = when; v.categories = categories.clone(); Ok(()) }).expect("an edit");
                    truth.visits.insert(n, stored);
                }
                Op::DeskEdit { pick, day, minute, cats, refs } => {
                    let Some(v) = truth.visits.values().nth(pick as usize % truth.visits.len().max(1)).cloned() else { continue };
                    let Some(corrected) = desk::correct(&v, moment(day, minute), unique(&cats, CATEGORIES), unique(&refs, REFERRALS)) else { continue };
                    let stored = store.correct_visit(v.number, &stamp(moment(19, 5)), &corrected).expect("a desk correction");
                    truth.visits.insert(v.number, stored);
                }
                Op::DeskDelete { pick } | Op::Delete { pick } => {
                    let Some(v) = truth.visits.values().nth(pick as usize % truth.visits.len().max(1)).cloned() else { continue };
                    let n = v.number;
                    if matches!(op, Op::DeskDelete { .. }) {
                        let Some(asked) = desk::delete(&v) else { continue };
                        assert_eq!(asked, n, "the desk deletes the visit it asked about");
                    }
                    store.delete_visit(n, &stamp(moment(19, 5))).expect("a delete");
                    truth.visits.remove(&n);
                    // The appointment it kept is planned again.
                    for (_, state) in truth.appointments.values_mut() {
                        if *state == (AppointmentState::Kept { visit: n }) {
                            *state = AppointmentState::Planned;
                        }
                    }
                }
                Op::Appointment { client, day, minute, with, fate } => {
                    let at = moment(day, minute);
                    let client = clients[client as usize];
                    let volunteer = VOLUNTEERS[with as usize].to_string();
                    let new = NewAppointment { client, at, with: volunteer.clone(), about: "brief".into(), place: None };
                    let (a, _) = store.add_appointment(new, &stamp(moment(0, 0))).expect("an appointment");
                    // After every moment of the test, so a no-show is never refused as to come.
                    let later = stamp(moment(19, 9));
                    let state = match fate {
                        1 => {
                            let visit = Visit {
                                number: 0,
                                client: Some(client),
                                when: at,
                                volunteer,
                                channel: Channel::Afspraak,
                                categories: vec!["post".into()],
                                referrals: vec![],
                                note: String::new(),
                                recorded: stamp(at),
                            };
                            let (n, _) = store.add_visit_keeping(visit.clone(), vec![], a.number).expect("a kept appointment");
                            truth.visits.insert(n, Visit { number: n, ..visit });
                            AppointmentState::Kept { visit: n }
                        }
                        2 => store.cancel_appointment(a.number, &later).expect("a cancel").state,
                        3 => store.no_show_appointment(a.number, &later).expect("a no-show").state,
                        _ => AppointmentState::Planned,
                    };
                    truth.appointments.insert(a.number, (at.date(), state));
                }
                Op::FollowUp { client, opened, closed } => {
                    let created = moment(opened, 5);
                    let due = created.date() + Duration::days(14);
                    let state = match closed {
                        Some((d, true)) => FollowUpState::Done(stamp(moment(d, 7))),
                        Some((d, false)) => FollowUpState::Cancelled(stamp(moment(d, 7))),
                        None => FollowUpState::Open,
                    };
                    let f = FollowUp { number: 0, client: clients[client as usize], visit: None, referral: None, due, text: "navragen".into(), assignee: None, state, created: stamp(created), deadline: None };
                    store.add_followup(f).expect("a follow-up");
                    truth.followups.push((created.date(), closed.map(|(d, done)| (day(d), done)), due));
                }
            }
        }
        let groups = default_groups();
        for period in periods() {
            let (from, to) = period.bounds();
            let counted = tally::count(&store, from, to, today, &groups, &Default::default()).expect("a tally");
            let expected = recount(&truth, from, to, today);
            prop_assert_eq!((counted.visits, counted.anonymous_visits, counted.clients, counted.households, counted.new_clients),
                (expected.visits, expected.anonymous_visits, expected.clients, expected.households, expected.new_clients), "{}", period);
            prop_assert_eq!(&counted.by_category, &expected.by_category, "{}", period);
            prop_assert_eq!(&counted.by_referral, &expected.by_referral, "{}", period);
            prop_assert_eq!(&counted.by_channel, &expected.by_channel, "{}", period);
            prop_assert_eq!(&counted.by_volunteer, &expected.by_volunteer, "{}", period);
            prop_assert_eq!(&counted.followups, &expected.followups, "{}", period);
            prop_assert_eq!(&counted.appointments, &expected.appointments, "{}", period);
            prop_assert_eq!(&counted.who, &expected.who, "{}", period);
            prop_assert_eq!(counted.per_day.iter().sum::<u64>(), expected.visits, "{}", period);
            prop_assert_eq!(counted.by_month().values().sum::<u64>(), expected.visits, "{}", period);
        }
    }
}

/// The desk's own path for corrections and deletions: `update` turns keys into the effect the
/// loop carries out, as in `tui::run`.
mod desk {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use spreekuur::config::Lang;
    use spreekuur::model::{Catalog, Client};
    use spreekuur::tui::forms::VisitForm;
    use spreekuur::tui::keymap::Keymap;
    use spreekuur::tui::state::{CardData, CardState, Desk, Screen, State};
    use spreekuur::tui::theme::ThemeName;
    use spreekuur::tui::update::{Effect, Event, update};

    fn state(now: NaiveDateTime) -> State {
        let desk = Desk {
            volunteer: "test".into(),
            store_label: "s.redb".into(),
            catalog: Catalog::default(),
            lang: Lang::Nl,
            keymap: Keymap::default_map(),
            theme: ThemeName::Mono,
            report_groups: default_groups(),
            age_bands: Default::default(),
            office: Default::default(),
            retention_months: 24,
            deadlines: Default::default(),
        };
        State::new(desk, now)
    }

    fn key(code: KeyCode, mods: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, mods))
    }

    /// The visit as the desk's correction would store it, or none for an anonymous visit
    /// (the desk corrects visits of a client).
    pub fn correct(
        v: &Visit,
        when: NaiveDateTime,
        categories: Vec<String>,
        referrals: Vec<String>,
    ) -> Option<Visit> {
        v.client?;
        // The desk's clock is after the moment typed: a correction may not lie ahead.
        let now = when.max(v.when) + Duration::days(1);
        let mut s = state(now);
        let mut form = VisitForm::correcting(v, "x".into(), Screen::Card);
        form.when = tui_input::Input::new(spreekuur::dates::shown_moment(when));
        form.categories.chosen = categories;
        form.referrals.chosen = referrals;
        s.visit = Some(form);
        s.screen = Screen::Visit;
        let fx = update(&mut s, key(KeyCode::Char('s'), KeyModifiers::CONTROL), now);
        match &fx[..] {
            [Effect::ChangeVisit { number, visit }] if *number == v.number => Some(visit.clone()),
            other => panic!("a correction saves as a change, got {other:?}"),
        }
    }

    /// The visit the desk deletes after `x` twice on the card with it selected.
    pub fn delete(v: &Visit) -> Option<u64> {
        let client = v.client?;
        let now = v.when + Duration::days(1);
        let mut s = state(now);
        let draft = ClientDraft {
            name: "x".into(),
            ..ClientDraft::default()
        };
        let c = Client::from_draft(
            client,
            draft,
            Stamp {
                who: "t".into(),
                at: now,
            },
        );
        s.card_client = Some(client);
        s.card = Some(CardState {
            data: CardData {
                client: c,
                household: vec![],
                followups: vec![],
                visits: vec![v.clone()],
                appointments: vec![],
            },
            selected: 0,
            mini: None,
            confirm_delete: None,
        });
        s.screen = Screen::Card;
        let x = key(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(
            update(&mut s, x.clone(), now),
            vec![],
            "deleting asks first"
        );
        match &update(&mut s, x, now)[..] {
            [Effect::DeleteVisit(n)] => Some(*n),
            other => panic!("the second x deletes, got {other:?}"),
        }
    }
}
