//! `show`: one client with open follow-ups, coming appointments and visits (newest first).

use super::args::ShowArgs;
use super::output::{Output, fields, safe};
use super::{CliError, Context, json};
use crate::model::{Appointment, AppointmentState, AuditAction, CatalogKind, Visit};
use serde_json::json;

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Output, CliError> {
    let store = ctx.open_existing()?;
    let client = store.client(args.number)?;
    store.audit(&ctx.stamp(), Some(client.number), AuditAction::View)?;
    let visits = store.visits_of(client.number)?;
    let followups: Vec<_> = store
        .followups_of(client.number)?
        .into_iter()
        .filter(|f| f.is_open())
        .collect();
    let appointments = store.appointments_of(client.number)?;
    let household = store.household_members(&client)?;
    let today = ctx.today();
    if ctx.json {
        return Ok(Output::Json(json!({
            "client": json::client(&client),
            "household": household.iter().map(|m| json!({"number": m.number, "name": m.name, "born": json::born(m)})).collect::<Vec<_>>(),
            "visits": visits.iter().map(json::visit).collect::<Vec<_>>(),
            "followups": followups.iter().map(|f| json::followup(f, Some(&client.name), today)).collect::<Vec<_>>(),
            "appointments": appointments.iter().map(|a| json::appointment(a, Some(&client.name))).collect::<Vec<_>>(),
        })));
    }
    let l = ctx.labels();
    let yes_no = |b: bool| if b { l.yes } else { l.no }.to_string();
    let mut pairs = vec![
        (l.number, client.number.to_string()),
        (l.name, safe(&client.name).into_owned()),
    ];
    if !client.aliases.is_empty() {
        pairs.push((l.aliases, safe(&client.aliases.join(", ")).into_owned()));
    }
    pairs.push((l.born, client.birth.shown()));
    pairs.push((l.gender, client.gender.short(ctx.english()).to_string()));
    pairs.push((l.country, client.country.clone().unwrap_or_default()));
    pairs.push((l.languages, client.languages.join(", ")));
    pairs.push((l.interpreter, yes_no(client.interpreter)));
    if let Some(b) = &client.begeleider {
        pairs.push((l.begeleider, safe(b).into_owned()));
    }
    if let Some(p) = &client.phone {
        pairs.push((l.phone, safe(p).into_owned()));
    }
    if !client.note.is_empty() {
        pairs.push((l.note, safe(&client.note).into_owned()));
    }
    if !household.is_empty() {
        let members: Vec<String> = household
            .iter()
            .map(|m| format!("{} {} ({})", m.number, safe(&m.name), m.birth.shown()))
            .collect();
        pairs.push((l.household, members.join("; ")));
    }
    pairs.push((
        l.informed,
        client
            .informed
            .map(crate::dates::shown)
            .unwrap_or_else(|| l.not_informed.to_string()),
    ));
    if client.restricted {
        pairs.push((l.restricted, l.yes.to_string()));
    }
    pairs.push((
        l.registered,
        format!(
            "{} {}",
            crate::dates::shown(client.created.at.date()),
            safe(&client.created.who)
        ),
    ));
    let mut out = fields(&pairs);
    out.push_str(&format!("\n{}\n", l.followups));
    if followups.is_empty() {
        out.push_str(&format!("  {}\n", l.no_followups));
    }
    for f in &followups {
        let late = if f.is_overdue(today) {
            format!("  ({})", l.overdue)
        } else {
            String::new()
        };
        let who = f
            .assignee
            .as_deref()
            .map(|a| format!("  [{}]", safe(a)))
            .unwrap_or_default();
        let guards = f
            .deadline
            .as_ref()
            .map(|d| format!("  [{} {}]", l.deadline_mark, crate::dates::shown(d.ends)))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {:>5}  {}  {}{guards}{who}{late}\n",
            f.number,
            crate::dates::shown(f.due),
            safe(&f.text)
        ));
    }
    // Coming ones only, soonest first: the past ones are in the visits (kept) or over.
    let a = l.appointment;
    let coming: Vec<_> = appointments
        .iter()
        .rev()
        .filter(|x| x.state == AppointmentState::Planned && x.at >= ctx.now)
        .collect();
    out.push_str(&format!("\n{}\n", a.coming));
    if coming.is_empty() {
        out.push_str(&format!("  {}\n", a.none));
    }
    for x in coming {
        out.push_str(&appointment_line(x));
    }
    out.push_str(&format!("\n{} ({})\n", l.visits, visits.len()));
    if visits.is_empty() {
        out.push_str(&format!("  {}\n", l.no_visits));
    }
    for v in &visits {
        out.push_str(&visit_line(ctx, v));
    }
    Ok(Output::Text(out))
}

/// One visit: date, channel, volunteer, categories, referrals, note.
pub fn visit_line(ctx: &Context, v: &Visit) -> String {
    let catalog = &ctx.config.catalog;
    let english = ctx.english();
    let categories: Vec<&str> = v
        .categories
        .iter()
        .map(|k| catalog.label(CatalogKind::Category, k, english))
        .collect();
    let mut line = format!(
        "  {:>5}  {}  {}  {}  {}",
        v.number,
        crate::dates::shown_moment(v.when),
        v.channel,
        safe(&v.volunteer),
        categories.join(", ")
    );
    for r in &v.referrals {
        line.push_str(&format!(
            "  -> {}",
            catalog.label(CatalogKind::Referral, &r.destination, english)
        ));
        if !r.note.is_empty() {
            line.push_str(&format!(" ({})", safe(&r.note)));
        }
    }
    line.push('\n');
    if !v.note.is_empty() {
        line.push_str(&format!(
            "         {}\n",
            safe(&v.note).replace('\n', "\n         ")
        ));
    }
    line
}

/// One appointment: number, moment, with whom, about, place.
pub fn appointment_line(a: &Appointment) -> String {
    let mut line = format!(
        "  {:>5}  {}  {}",
        a.number,
        crate::dates::shown_moment(a.at),
        safe(&a.with)
    );
    for text in [Some(a.about.as_str()), a.place.as_deref()]
        .into_iter()
        .flatten()
    {
        if !text.is_empty() {
            line.push_str(&format!("  {}", safe(text)));
        }
    }
    line.push('\n');
    line
}
