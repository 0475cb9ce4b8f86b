use super::*;
use crate::model::{Channel, ClientDraft, Visit};
use crate::store::AppointmentCounts;
use chrono::NaiveDateTime;

fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, d)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn stamp(who: &str, when: NaiveDateTime) -> Stamp {
    Stamp {
        who: who.into(),
        at: when,
    }
}

/// A store with two clients (1001, 1002), as it was on 1 December 2026 at 9:00.
fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.redb")).unwrap();
    for name in ["Amina Yusuf", "Yohannes Tesfay"] {
        let draft = ClientDraft {
            name: name.into(),
            ..Default::default()
        };
        store.add_client(draft, stamp("jan", at(1, 9, 0))).unwrap();
    }
    (dir, store)
}

fn plan(store: &Store, client: u64, when: NaiveDateTime, with: &str) -> (Appointment, usize) {
    let new = NewAppointment {
        client,
        at: when,
        with: with.into(),
        about: "brief DUO".into(),
        place: Some("spreekkamer 1".into()),
    };
    let (a, same) = store
        .add_appointment(new, &stamp(with, at(1, 9, 0)))
        .unwrap();
    (a, same.len())
}

fn visit(client: u64, when: NaiveDateTime) -> Visit {
    Visit {
        number: 0,
        client: Some(client),
        when,
        volunteer: "marieke".into(),
        channel: Channel::Afspraak,
        categories: vec!["duo".into()],
        referrals: vec![],
        note: String::new(),
        recorded: stamp("marieke", when),
    }
}

fn audit_keys(store: &Store) -> Vec<&'static str> {
    store
        .audit_log(&Default::default())
        .unwrap()
        .iter()
        .map(|e| e.action.key())
        .collect()
}

#[test]
fn plans_lists_by_day_and_client_and_warns_of_a_double_booking() {
    let (_dir, store) = store();
    let (first, same) = plan(&store, 1001, at(4, 10, 30), "marieke");
    assert_eq!((first.number, same), (1, 0));
    assert_eq!(first.state, AppointmentState::Planned);
    assert_eq!(first.created, first.changed);
    // The same volunteer at the same moment: stored, with the other one as a warning.
    let (second, same) = plan(&store, 1002, at(4, 10, 30), "marieke");
    assert_eq!(same, 1);
    assert_eq!(
        plan(&store, 1002, at(4, 10, 30), "jan").1,
        0,
        "another volunteer"
    );
    assert_eq!(
        plan(&store, 1002, at(4, 11, 0), "marieke").1,
        0,
        "another moment"
    );
    store
        .cancel_appointment(second.number, &stamp("marieke", at(2, 9, 0)))
        .unwrap();
    assert_eq!(
        plan(&store, 1001, at(4, 10, 30), "marieke").1,
        1,
        "the cancelled one is no double booking"
    );
    plan(&store, 1001, at(11, 9, 0), "jan");

    let friday: Vec<u64> = store
        .appointments_between(day(4), day(4))
        .unwrap()
        .iter()
        .map(|a| a.number)
        .collect();
    assert_eq!(friday, [1, 2, 3, 5, 4], "by moment, then number");
    assert_eq!(
        store.appointments_between(day(1), day(11)).unwrap().len(),
        6
    );
    let mine = store
        .appointment_list(
            day(1),
            day(30),
            &AppointmentFilter {
                with: Some("jan".into()),
                viewer: "jan".into(),
                restricted: false,
            },
        )
        .unwrap();
    assert_eq!(mine.len(), 2);
    assert_eq!(mine[0].client_name.as_deref(), Some("Yohannes Tesfay"));
    let of_amina: Vec<u64> = store
        .appointments_of(1001)
        .unwrap()
        .iter()
        .map(|a| a.number)
        .collect();
    assert_eq!(of_amina, [6, 5, 1], "latest moment first");
    assert_eq!(store.appointment(1).unwrap(), first);
    assert!(matches!(
        store.appointment(99),
        Err(StoreError::NoSuchAppointment(99))
    ));
    let err = store
        .add_appointment(
            NewAppointment {
                client: 4242,
                at: at(4, 10, 0),
                with: "jan".into(),
                about: String::new(),
                place: None,
            },
            &stamp("jan", at(1, 9, 0)),
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::NoSuchClient(4242)));
    let err = store
        .add_appointment(
            NewAppointment {
                client: 1001,
                at: at(4, 10, 0),
                with: "jan".into(),
                about: "bsn 111222333".into(),
                place: None,
            },
            &stamp("jan", at(1, 9, 0)),
        )
        .unwrap_err();
    assert!(err.to_string().contains("BSN"), "{err}");
    assert_eq!(
        store.appointments_between(day(1), day(30)).unwrap().len(),
        6
    );
    assert!(store.check().unwrap().is_clean());
}

#[test]
fn cancels_and_marks_no_show_only_what_is_planned() {
    let (_dir, store) = store();
    let (a, _) = plan(&store, 1001, at(4, 10, 30), "marieke");
    let (b, _) = plan(&store, 1002, at(4, 11, 0), "marieke");
    let early = stamp("jan", at(4, 10, 0));
    let err = store.no_show_appointment(a.number, &early).unwrap_err();
    assert!(err.to_string().contains("still to come"), "{err}");
    let later = stamp("jan", at(4, 12, 0));
    let missed = store.no_show_appointment(a.number, &later).unwrap();
    assert_eq!(missed.state, AppointmentState::NoShow);
    assert_eq!(missed.changed, later);
    let err = store.cancel_appointment(a.number, &later).unwrap_err();
    assert!(err.to_string().contains("marked no-show"), "{err}");
    let cancelled = store.cancel_appointment(b.number, &later).unwrap();
    assert_eq!(cancelled.state, AppointmentState::Cancelled);
    let err = store.no_show_appointment(b.number, &later).unwrap_err();
    assert!(err.to_string().contains("already cancelled"), "{err}");
    assert!(matches!(
        store.cancel_appointment(7, &later),
        Err(StoreError::NoSuchAppointment(7))
    ));
    let keys = audit_keys(&store);
    assert_eq!(
        &keys[keys.len() - 4..],
        [
            "appointment",
            "appointment",
            "appointment_no_show",
            "appointment_cancel"
        ]
    );
    let counts = store.appointment_counts(day(4), day(4)).unwrap();
    assert_eq!(
        counts,
        AppointmentCounts {
            planned: 2,
            kept: 0,
            cancelled: 1,
            no_show: 1,
            open: 0
        }
    );
    assert!(store.check().unwrap().is_clean());
}

#[test]
fn a_visit_keeps_its_clients_planned_appointment_in_the_same_transaction() {
    let (_dir, store) = store();
    let (a, _) = plan(&store, 1001, at(4, 10, 30), "marieke");
    // Another client's appointment: refused, and the visit is not stored either.
    let err = store
        .add_visit_keeping(visit(1002, at(4, 10, 35)), vec![], a.number)
        .unwrap_err();
    assert!(
        err.to_string().contains("client 1001's, not client 1002's"),
        "{err}"
    );
    assert!(store.visits_of(1002).unwrap().is_empty(), "nothing stored");
    assert!(matches!(
        store.add_visit_keeping(visit(1001, at(4, 10, 35)), vec![], 99),
        Err(StoreError::NoSuchAppointment(99))
    ));
    assert!(store.visits_of(1001).unwrap().is_empty());

    let (v, _) = store
        .add_visit_keeping(visit(1001, at(4, 10, 35)), vec![], a.number)
        .unwrap();
    let kept = store.appointment(a.number).unwrap();
    assert_eq!(kept.state, AppointmentState::Kept { visit: v });
    assert_eq!(kept.changed.at, at(4, 10, 35));
    assert_eq!(
        &audit_keys(&store)[2..],
        ["appointment", "visit", "appointment_kept"]
    );
    let err = store
        .add_visit_keeping(visit(1001, at(4, 11, 0)), vec![], a.number)
        .unwrap_err();
    assert!(err.to_string().contains("kept (visit 1)"), "{err}");
    assert_eq!(store.visits_of(1001).unwrap().len(), 1);
    assert_eq!(store.appointment_counts(day(1), day(31)).unwrap().kept, 1);
    assert!(store.check().unwrap().is_clean());

    // The visit was logged by mistake: deleting it plans the appointment again.
    store.delete_visit(v, &stamp("jan", at(4, 12, 0))).unwrap();
    assert_eq!(
        store.appointment(a.number).unwrap().state,
        AppointmentState::Planned
    );
    assert_eq!(store.appointment_counts(day(1), day(31)).unwrap().open, 1);
    assert!(store.check().unwrap().is_clean());
}

#[test]
fn a_restricted_clients_appointments_show_only_to_its_volunteer_or_when_asked() {
    let (_dir, store) = store();
    plan(&store, 1001, at(4, 10, 30), "marieke");
    plan(&store, 1002, at(4, 11, 0), "marieke");
    store
        .restrict(1001, true, &stamp("jan", at(1, 10, 0)))
        .unwrap();
    let list = |viewer: &str, restricted: bool| -> Vec<u64> {
        let filter = AppointmentFilter {
            with: None,
            viewer: viewer.into(),
            restricted,
        };
        store
            .appointment_list(day(4), day(4), &filter)
            .unwrap()
            .iter()
            .map(|l| l.appointment.client)
            .collect()
    };
    assert_eq!(list("jan", false), [1002]);
    assert_eq!(list("jan", true), [1001, 1002]);
    assert_eq!(list("marieke", false), [1001, 1002], "her own appointment");
}

#[test]
fn forget_strips_the_texts_keeps_past_counts_and_cancels_what_is_to_come() {
    let (_dir, store) = store();
    let (past, _) = plan(&store, 1001, at(2, 10, 0), "marieke");
    let (missed, _) = plan(&store, 1001, at(3, 10, 0), "marieke");
    let (coming, _) = plan(&store, 1001, at(20, 10, 0), "marieke");
    let (other, _) = plan(&store, 1002, at(20, 10, 0), "jan");
    store
        .add_visit_keeping(visit(1001, at(2, 10, 5)), vec![], past.number)
        .unwrap();
    store
        .no_show_appointment(missed.number, &stamp("jan", at(3, 12, 0)))
        .unwrap();
    let before = store.appointment_counts(day(1), day(9)).unwrap();
    let when = stamp("coordinator", at(10, 9, 0));
    store.erase(&[1001], &when, AuditAction::Forget).unwrap();
    store.finish_erasure().unwrap();
    assert_eq!(store.appointment_counts(day(1), day(9)).unwrap(), before);
    for a in store.appointments_between(day(1), day(31)).unwrap() {
        if a.client == 1001 {
            assert_eq!((a.about.as_str(), a.place.as_deref()), ("", None));
        }
    }
    let coming = store.appointment(coming.number).unwrap();
    assert_eq!(coming.state, AppointmentState::Cancelled);
    assert_eq!(coming.changed, when);
    let other = store.appointment(other.number).unwrap();
    assert_eq!(other.about, "brief DUO", "another client's stays");
    let listed = store
        .appointment_list(day(1), day(31), &AppointmentFilter::default())
        .unwrap();
    assert_eq!(
        listed[0].client_name, None,
        "the forgotten client has no name"
    );
    assert!(store.check().unwrap().is_clean());
}

#[test]
fn a_store_of_the_release_before_appointments_opens_and_takes_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.redb");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/release-1/store.redb"
    );
    std::fs::copy(fixture, &path).unwrap();
    let store = Store::open(&path).unwrap();
    assert!(
        store
            .appointments_between(day(1), day(31))
            .unwrap()
            .is_empty()
    );
    assert!(store.appointments_of(1041).unwrap().is_empty());
    assert_eq!(
        store.appointment_counts(day(1), day(31)).unwrap(),
        AppointmentCounts::default()
    );
    assert!(matches!(
        store.appointment(1),
        Err(StoreError::NoSuchAppointment(1))
    ));
    assert!(store.check().unwrap().is_clean());
    let (a, _) = plan(&store, 1041, at(4, 10, 30), "marieke");
    assert_eq!(a.number, 1);
    assert_eq!(store.appointments_of(1041).unwrap(), [a]);
    assert!(store.check().unwrap().is_clean());
}

#[test]
fn check_finds_an_appointment_index_out_of_step() {
    let (_dir, store) = store();
    let (a, _) = plan(&store, 1001, at(4, 10, 30), "marieke");
    store
        .write(|t| {
            t.appointments_by_day
                .insert((day_key(day(4)), a.number), 2)?;
            t.appointments_by_client.insert((1002, 77), ())?;
            Ok(())
        })
        .unwrap();
    let problems = store.check().unwrap().problems.join("\n");
    assert!(problems.contains("appointment day index"), "{problems}");
    assert!(problems.contains("client appointment index"), "{problems}");
}
