//! The JSON shapes of the command line's records. Keys are only ever added, never renamed.

use crate::model::{Appointment, Client, FollowUp, Visit};
use crate::store::ClientSummary;
use chrono::NaiveDate;
use serde_json::{Value, json};

fn date(d: Option<NaiveDate>) -> Value {
    d.map(|d| Value::String(d.format("%Y-%m-%d").to_string()))
        .unwrap_or(Value::Null)
}

pub fn born(client: &Client) -> Value {
    match client.birth.iso() {
        s if s.is_empty() => Value::Null,
        s => Value::String(s),
    }
}

/// A search result row.
pub fn summary(s: &ClientSummary) -> Value {
    json!({
        "number": s.client.number,
        "name": s.client.name,
        "aliases": s.client.aliases,
        "born": born(&s.client),
        "country": s.client.country,
        "last_visit": date(s.last_visit),
        "open_followups": s.open_followups,
        "interpreter": s.client.interpreter,
        "matched_alias": s.alias,
    })
}

pub fn client(c: &Client) -> Value {
    json!({
        "number": c.number,
        "name": c.name,
        "aliases": c.aliases,
        "born": born(c),
        "gender": c.gender.key(),
        "country": c.country,
        "languages": c.languages,
        "interpreter": c.interpreter,
        "phone": c.phone,
        "note": c.note,
        "restricted": c.restricted,
        "household": c.household,
        "informed": date(c.informed),
        "begeleider": c.begeleider,
        "created": {"by": c.created.who, "at": c.created.at.format("%Y-%m-%d %H:%M").to_string()},
        "changed": {"by": c.changed.who, "at": c.changed.at.format("%Y-%m-%d %H:%M").to_string()},
    })
}

pub fn visit(v: &Visit) -> Value {
    json!({
        "number": v.number,
        "client": v.client,
        "when": v.when.format("%Y-%m-%d %H:%M").to_string(),
        "volunteer": v.volunteer,
        "channel": v.channel.key(),
        "categories": v.categories,
        "referrals": v.referrals.iter().map(|r| json!({"destination": r.destination, "note": r.note})).collect::<Vec<_>>(),
        "note": v.note,
    })
}

pub fn followup(f: &FollowUp, client_name: Option<&str>, today: NaiveDate) -> Value {
    json!({
        "number": f.number,
        "client": f.client,
        "client_name": client_name,
        "due": f.due.format("%Y-%m-%d").to_string(),
        "text": f.text,
        "assignee": f.assignee,
        "overdue": f.is_overdue(today),
        "state": f.state.key(),
        "visit": f.visit,
        "referral": f.referral,
        "deadline": f.deadline.as_ref().map(|d| json!({
            "rule": d.rule,
            "letter": d.letter.format("%Y-%m-%d").to_string(),
            "ends": d.ends.format("%Y-%m-%d").to_string(),
        })),
    })
}

pub fn appointment(a: &Appointment, client_name: Option<&str>) -> Value {
    json!({
        "number": a.number,
        "client": a.client,
        "client_name": client_name,
        "at": a.at.format(crate::dates::ISO_MOMENT).to_string(),
        "with": a.with,
        "about": a.about,
        "place": a.place,
        "state": a.state.key(),
        "visit": a.state.visit(),
    })
}
