//! `afspraak`: plan, list, cancel and mark no-show the appointments clients have with their
//! volunteer. Marking one kept is `visit NUMBER --afspraak N`.

use super::args::{AfspraakAddArgs, AfspraakCommand, AfspraakListArgs, AfspraakNumber};
use super::confirm::confirm;
use super::output::{Output, safe, table};
use super::{CliError, Context, json};
use crate::dates::{coming_moment, parse_date, shown_moment, week_of};
use crate::model::{Appointment, NewAppointment, unlikely_appointment};
use crate::store::AppointmentFilter;
use serde_json::json;

pub fn run(ctx: &Context, command: AfspraakCommand) -> Result<Output, CliError> {
    match command {
        AfspraakCommand::Add(a) => add(ctx, a),
        AfspraakCommand::List(a) => list(ctx, a),
        AfspraakCommand::Cancel(a) => cancel(ctx, a),
        AfspraakCommand::Noshow(a) => no_show(ctx, a),
    }
}

fn add(ctx: &Context, args: AfspraakAddArgs) -> Result<Output, CliError> {
    let at = coming_moment(&args.at, ctx.now)?;
    if let Some(odd) = unlikely_appointment(at, ctx.now) {
        confirm(&odd.question(ctx.english()), args.yes)?;
    }
    let new = NewAppointment {
        client: args.number,
        at,
        with: match &args.with {
            Some(w) => crate::model::fields::volunteer(w, "--with")?.ok_or_else(|| {
                "--with is empty: give the volunteer the appointment is with".to_string()
            })?,
            None => ctx.volunteer.clone(),
        },
        about: args.about.unwrap_or_default(),
        place: args.place,
    }
    .cleaned()?;
    let store = ctx.open()?;
    let (appointment, same_moment) = store.add_appointment(new, &ctx.stamp())?;
    let l = ctx.labels().appointment;
    // Two clients at one moment may be on purpose (a family), so it is said, not refused.
    for other in &same_moment {
        eprintln!(
            "spreekuur: {}",
            l.double_booked
                .replace("{with}", &safe(&other.with))
                .replace("{at}", &shown_moment(other.at))
                .replace("{n}", &other.number.to_string())
                .replace("{client}", &other.client.to_string())
        );
    }
    if ctx.json {
        return Ok(Output::Json(json!({ "number": appointment.number })));
    }
    Ok(Output::Text(format!("{}\n", appointment.number)))
}

fn list(ctx: &Context, args: AfspraakListArgs) -> Result<Output, CliError> {
    if args.restricted {
        ctx.require_coordinator("afspraak list --restricted")?;
    }
    let today = ctx.today();
    let (from, to) = match (&args.day, &args.week) {
        (Some(d), _) => {
            let d = parse_date(d, today)?;
            (d, d)
        }
        (None, Some(w)) => week_of(parse_date(w, today)?),
        (None, None) => (today, today),
    };
    let filter = AppointmentFilter {
        with: args.with,
        viewer: ctx.volunteer.clone(),
        restricted: args.restricted,
    };
    let store = ctx.open_existing()?;
    let listed = store.appointment_list(from, to, &filter)?;
    if ctx.json {
        return Ok(Output::Json(
            listed
                .iter()
                .map(|l| json::appointment(&l.appointment, l.client_name.as_deref()))
                .collect(),
        ));
    }
    let l = ctx.labels();
    let a = l.appointment;
    if listed.is_empty() {
        return Ok(Output::Text(format!("{}\n", a.none)));
    }
    let rows: Vec<Vec<String>> = listed
        .iter()
        .map(|item| {
            let name = item.client_name.as_deref().unwrap_or(a.erased);
            row(ctx, &item.appointment, name)
        })
        .collect();
    Ok(Output::Text(table(
        &[
            l.number, a.when, l.client, l.name, a.with, a.about, a.place, a.state,
        ],
        &rows,
    )))
}

/// One appointment as a row of the list: number, moment, client, name, with, about, place,
/// state.
fn row(ctx: &Context, a: &Appointment, name: &str) -> Vec<String> {
    vec![
        a.number.to_string(),
        shown_moment(a.at),
        a.client.to_string(),
        safe(name).into_owned(),
        safe(&a.with).into_owned(),
        safe(&a.about).into_owned(),
        safe(a.place.as_deref().unwrap_or("")).into_owned(),
        state(ctx, a),
    ]
}

/// The state as a person reads it; a kept one names its visit.
pub fn state(ctx: &Context, a: &Appointment) -> String {
    let l = ctx.labels().appointment;
    let words = l.state(a.state);
    match a.state.visit() {
        Some(v) => format!("{words} ({} {v})", l.visit),
        None => words.to_string(),
    }
}

fn cancel(ctx: &Context, args: AfspraakNumber) -> Result<Output, CliError> {
    let store = ctx.open()?;
    let a = store.cancel_appointment(args.appointment, &ctx.stamp())?;
    changed(ctx, &a, ctx.labels().appointment.cancelled_now)
}

fn no_show(ctx: &Context, args: AfspraakNumber) -> Result<Output, CliError> {
    let store = ctx.open()?;
    let a = store.no_show_appointment(args.appointment, &ctx.stamp())?;
    changed(ctx, &a, ctx.labels().appointment.no_show_now)
}

fn changed(ctx: &Context, a: &Appointment, said: &str) -> Result<Output, CliError> {
    if ctx.json {
        return Ok(Output::Json(json::appointment(a, None)));
    }
    Ok(Output::Text(format!(
        "{}\n",
        said.replace("{n}", &a.number.to_string())
    )))
}
