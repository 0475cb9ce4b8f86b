//! The tally's JSON: what `tally --json` prints, what a closed year keeps, and what
//! `tally merge` reads back. Later releases only add keys, so reading takes a missing key as
//! zero (or empty), and every release reads what an earlier one wrote.

use super::{Tally, WhoCame};
use crate::model::ReportGroup;
use crate::store::AppointmentCounts;
use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// The foundation's JSON shape; later releases only add keys.
pub fn to_json(t: &Tally) -> Value {
    let mut v = foundation(t);
    if let Some(o) = v.as_object_mut() {
        let w = &t.who;
        let ages: Map<String, Value> = w
            .by_age
            .iter()
            .map(|(band, n)| (band.clone(), json!(n)))
            .collect();
        for (key, value) in [
            ("clients_by_country", json!(w.by_country)),
            ("clients_by_gender", json!(w.by_gender)),
            ("clients_by_age", Value::Object(ages)),
            ("children", json!(w.children)),
            ("adults", json!(w.adults)),
            ("age_unknown", json!(w.age_unknown)),
            ("clients_by_language", json!(w.by_language)),
            ("clients_interpreter", json!(w.interpreter)),
            (
                "households_with_children",
                json!(w.households_with_children),
            ),
        ] {
            o.insert(key.to_string(), value);
        }
    }
    v
}

fn foundation(t: &Tally) -> Value {
    json!({
        "from": t.from.format("%Y-%m-%d").to_string(),
        "to": t.to.format("%Y-%m-%d").to_string(),
        "visits": t.visits,
        "anonymous_visits": t.anonymous_visits,
        "clients": t.clients,
        "households": t.households,
        "new_clients": t.new_clients,
        "by_category": t.by_category,
        "by_referral": t.by_referral,
        "by_channel": t.by_channel,
        "by_volunteer": t.by_volunteer,
        "by_group": t.by_group.iter().map(|(g, n)| (g.clone(), json!(n))).collect::<Map<_, _>>(),
        "by_month": t.by_month(),
        "followups": {
            "opened": t.followups.opened,
            "done": t.followups.done,
            "cancelled": t.followups.cancelled,
            "open_now": t.followups.open_now,
            "overdue_now": t.followups.overdue_now,
        },
        "appointments": {
            "planned": t.appointments.planned,
            "kept": t.appointments.kept,
            "cancelled": t.appointments.cancelled,
            "no_show": t.appointments.no_show,
            "open": t.appointments.open,
        },
    })
}

/// Why a JSON file is not a tally, in words for the volunteer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NotATally(pub String);

/// A tally read back from its JSON. The JSON keeps contacts per month, not per day, so each
/// month's contacts stand on its first day: the months add up as they did. `groups` puts
/// the report groups in the office's order again (JSON objects are sorted by key).
pub fn from_json(v: &Value, groups: &[ReportGroup]) -> Result<Tally, NotATally> {
    let o = v
        .as_object()
        .ok_or_else(|| NotATally("it holds no tally (not a JSON object)".into()))?;
    let date = |key: &str| -> Result<NaiveDate, NotATally> {
        o.get(key)
            .and_then(Value::as_str)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .ok_or_else(|| {
                NotATally(format!(
                    "it has no \"{key}\" date, so it is no spreekuur tally"
                ))
            })
    };
    let (from, to) = (date("from")?, date("to")?);
    if from > to || (to - from).num_days() > 366 * 200 {
        return Err(NotATally(format!(
            "its period {from} to {to} cannot be right"
        )));
    }
    if !o.contains_key("visits") {
        return Err(NotATally(
            "it has no \"visits\", so it is no spreekuur tally".into(),
        ));
    }
    let number = |value: Option<&Value>| value.and_then(Value::as_u64).unwrap_or(0);
    let n = |key: &str| number(o.get(key));
    let inner = |outer: &str, key: &str| number(o.get(outer).and_then(|x| x.get(key)));
    let counts = |key: &str| -> BTreeMap<String, u64> {
        o.get(key)
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| v.as_u64().map(|n| (k.clone(), n)))
                    .collect()
            })
            .unwrap_or_default()
    };
    // A breakdown of people keeps a row hidden as "<5" (or summed to a range) as 0, so the
    // report still has the row to show that text in.
    let people = |key: &str| -> Vec<(String, u64)> {
        o.get(key)
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut by_group: Vec<(String, u64)> = counts("by_group").into_iter().collect();
    by_group.sort_by_key(|(name, _)| {
        groups
            .iter()
            .position(|g| g.name == *name)
            .unwrap_or(groups.len())
    });
    let days = (to - from).num_days() as usize + 1;
    let mut per_day = vec![0u64; days];
    for (month, count) in counts("by_month") {
        let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
            .map_err(|_| NotATally(format!("its month \"{month}\" is no month")))?;
        let day = first.max(from);
        if day > to || (first.year(), first.month()) != (day.year(), day.month()) {
            return Err(NotATally(format!(
                "its month {month} lies outside its period {from} to {to}"
            )));
        }
        per_day[(day - from).num_days() as usize] += count;
    }
    Ok(Tally {
        from,
        to,
        visits: n("visits"),
        anonymous_visits: n("anonymous_visits"),
        clients: n("clients"),
        households: n("households"),
        new_clients: n("new_clients"),
        by_category: counts("by_category"),
        by_referral: counts("by_referral"),
        by_channel: counts("by_channel"),
        by_volunteer: counts("by_volunteer"),
        by_group,
        per_day,
        followups: super::FollowUpTotals {
            opened: inner("followups", "opened"),
            done: inner("followups", "done"),
            cancelled: inner("followups", "cancelled"),
            open_now: inner("followups", "open_now"),
            overdue_now: inner("followups", "overdue_now"),
        },
        appointments: AppointmentCounts {
            planned: inner("appointments", "planned"),
            kept: inner("appointments", "kept"),
            cancelled: inner("appointments", "cancelled"),
            no_show: inner("appointments", "no_show"),
            open: inner("appointments", "open"),
        },
        who: WhoCame {
            by_country: people("clients_by_country").into_iter().collect(),
            by_gender: people("clients_by_gender").into_iter().collect(),
            by_age: age_bands(o.get("clients_by_age")),
            children: n("children"),
            adults: n("adults"),
            age_unknown: n("age_unknown"),
            by_language: people("clients_by_language").into_iter().collect(),
            interpreter: people("clients_interpreter").into_iter().collect(),
            households_with_children: n("households_with_children"),
        },
    })
}

/// The age bands in age order again (JSON objects are sorted by key, so "12-17" would come
/// before "5-11"), the unknown ages last.
fn age_bands(v: Option<&Value>) -> Vec<(String, u64)> {
    let mut bands: Vec<(String, u64)> = v
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0)))
                .collect()
        })
        .unwrap_or_default();
    bands.sort_by_key(|(band, _)| {
        let lowest: String = band.chars().take_while(char::is_ascii_digit).collect();
        lowest.parse::<u32>().unwrap_or(u32::MAX)
    });
    bands
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::default_groups;

    fn tally() -> Tally {
        let from = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let mut per_day = vec![0; 365];
        per_day[0] = 4;
        per_day[40] = 3;
        Tally {
            from,
            to,
            visits: 7,
            anonymous_visits: 1,
            clients: 5,
            households: 4,
            new_clients: 2,
            by_category: [("toeslagen".to_string(), 5)].into(),
            by_referral: [("kwadraad".to_string(), 2)].into(),
            by_channel: [("spreekuur".to_string(), 7)].into(),
            by_volunteer: [("ans".to_string(), 7)].into(),
            by_group: vec![("Wonen".into(), 1), ("Financiën".into(), 5)],
            per_day,
            followups: super::super::FollowUpTotals {
                opened: 3,
                done: 1,
                cancelled: 1,
                open_now: 9,
                overdue_now: 2,
            },
            appointments: AppointmentCounts {
                planned: 4,
                kept: 2,
                cancelled: 1,
                no_show: 1,
                open: 0,
            },
            who: WhoCame {
                by_country: [("SY".to_string(), 3), ("unknown".to_string(), 2)].into(),
                by_gender: [("f".to_string(), 2), ("m".to_string(), 3)].into(),
                by_age: vec![
                    ("0-4".to_string(), 1),
                    ("5-11".to_string(), 0),
                    ("12-17".to_string(), 1),
                    ("18+".to_string(), 2),
                    ("unknown".to_string(), 1),
                ],
                children: 2,
                adults: 2,
                age_unknown: 1,
                by_language: [("ar".to_string(), 5)].into(),
                interpreter: [("yes".to_string(), 1), ("no".to_string(), 4)].into(),
                households_with_children: 1,
            },
        }
    }

    #[test]
    fn a_tally_reads_back_as_it_was_written_but_for_its_days() {
        let t = tally();
        let back = from_json(&to_json(&t), &default_groups()).unwrap();
        assert_eq!(back.by_month(), t.by_month());
        assert_eq!(to_json(&back), to_json(&t));
        // The office's order of the report groups comes back, and the age bands' order.
        assert_eq!(back.by_group[0].0, "Financiën");
        assert_eq!(back.who, t.who);
    }

    #[test]
    fn what_is_no_tally_is_said_in_words() {
        for (v, says) in [
            (json!([1, 2]), "not a JSON object"),
            (json!({"from": "2025-01-01"}), "\"to\""),
            (
                json!({"from": "2025-01-01", "to": "2025-12-31"}),
                "\"visits\"",
            ),
            (
                json!({"from": "2025-01-01", "to": "2025-12-31", "visits": 1, "by_month": {"2026-01": 1}}),
                "outside its period",
            ),
        ] {
            let e = from_json(&v, &[]).unwrap_err();
            assert!(e.0.contains(says), "{e}");
        }
    }
}
