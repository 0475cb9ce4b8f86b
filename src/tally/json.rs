//! The tally's JSON: what `tally --json` prints, what a closed year keeps, and what
//! `tally merge` reads back. Later releases only add keys, so reading takes a missing key as
//! zero (or empty), and every release reads what an earlier one wrote.

use super::Tally;
use crate::model::ReportGroup;
use crate::store::AppointmentCounts;
use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// The foundation's JSON shape; later releases only add keys.
pub fn to_json(t: &Tally) -> Value {
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
    })
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
        }
    }

    #[test]
    fn a_tally_reads_back_as_it_was_written_but_for_its_days() {
        let t = tally();
        let back = from_json(&to_json(&t), &default_groups()).unwrap();
        assert_eq!(back.by_month(), t.by_month());
        assert_eq!(to_json(&back), to_json(&t));
        // The office's order of the report groups comes back.
        assert_eq!(back.by_group[0].0, "Financiën");
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
