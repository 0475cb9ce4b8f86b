//! The store's indexes follow every change: late entries, corrections and deletions move
//! the counts, and a client's first visit follows the earliest visit.

use chrono::{NaiveDate, NaiveDateTime};
use spreekuur::model::{Channel, ClientDraft, Referral, Stamp, Visit, default_groups};
use spreekuur::store::Store;
use spreekuur::tally;

fn at(d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn visit(client: Option<u64>, when: NaiveDateTime, categories: &[&str]) -> Visit {
    Visit {
        number: 0,
        client,
        when,
        volunteer: "marieke".into(),
        channel: Channel::Spreekuur,
        categories: categories.iter().map(|c| c.to_string()).collect(),
        referrals: vec![Referral {
            destination: "kwadraad".into(),
            note: String::new(),
        }],
        note: String::new(),
        recorded: Stamp {
            who: "marieke".into(),
            at: at(29, 12),
        },
    }
}

#[test]
fn corrections_move_counts_and_first_visits() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.redb")).unwrap();
    let stamp = Stamp {
        who: "marieke".into(),
        at: at(1, 9),
    };
    let c = store
        .add_client(
            ClientDraft {
                name: "Walid Jaber".into(),
                ..ClientDraft::default()
            },
            stamp,
        )
        .unwrap();
    let today = day(29);
    let groups = default_groups();
    let (v1, _) = store
        .add_visit(visit(Some(c), at(20, 10), &["post"]), vec![])
        .unwrap();
    assert_eq!(store.first_visitors(day(20), day(20)).unwrap().len(), 1);

    // A late entry before the first visit makes that day the client's first.
    let (v2, _) = store
        .add_visit(visit(Some(c), at(10, 23), &["duo", "post"]), vec![])
        .unwrap();
    assert_eq!(store.first_visitors(day(20), day(20)).unwrap().len(), 0);
    assert_eq!(store.first_visitors(day(10), day(10)).unwrap().len(), 1);
    let t = tally::count(
        &store,
        day(10),
        day(10),
        today,
        &groups,
        &Default::default(),
    )
    .unwrap();
    assert_eq!((t.visits, t.clients, t.by_category["duo"]), (1, 1, 1));

    // Moving the late entry to another day and category moves its counts.
    store
        .update_visit(v2, &stamp_now(), |v| {
            v.when = at(25, 0);
            v.categories = vec!["huisvesting".into()];
            Ok(())
        })
        .unwrap();
    assert_eq!(
        tally::count(
            &store,
            day(10),
            day(10),
            today,
            &groups,
            &Default::default()
        )
        .unwrap()
        .visits,
        0
    );
    let t = tally::count(
        &store,
        day(25),
        day(25),
        today,
        &groups,
        &Default::default(),
    )
    .unwrap();
    assert_eq!(t.by_category.get("huisvesting"), Some(&1));
    assert_eq!(t.by_category.get("duo"), None);
    assert_eq!(store.first_visitors(day(1), day(30)).unwrap().len(), 1);
    assert_eq!(
        store.first_visitors(day(20), day(20)).unwrap().len(),
        1,
        "first visit is the 20th again"
    );

    // Deleting a visit removes its counts; deleting the last one leaves no first visit.
    store.delete_visit(v1, &stamp_now()).unwrap();
    assert_eq!(
        tally::count(
            &store,
            day(20),
            day(20),
            today,
            &groups,
            &Default::default()
        )
        .unwrap()
        .visits,
        0
    );
    assert_eq!(store.first_visitors(day(25), day(25)).unwrap().len(), 1);
    store.delete_visit(v2, &stamp_now()).unwrap();
    assert_eq!(store.first_visitors(day(1), day(30)).unwrap().len(), 0);
    assert!(store.visits_of(c).unwrap().is_empty());
    assert!(
        store.delete_visit(v2, &stamp_now()).is_err(),
        "a deleted visit is gone"
    );
}

fn stamp_now() -> Stamp {
    Stamp {
        who: "marieke".into(),
        at: at(29, 12),
    }
}
