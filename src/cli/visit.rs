//! `visit`: log a visit with categories, referrals and an optional follow-up.

use super::args::VisitArgs;
use super::output::Output;
use super::{CliError, Context};
use crate::dates::{parse_date, parse_datetime};
use crate::model::{CatalogKind, Channel, Referral, Visit, clean_line, clean_note};
use crate::store::NewFollowUp;
use serde_json::json;

const NOTE_MAX: usize = 500;
const REFERRAL_NOTE_MAX: usize = 120;
const FOLLOWUP_MAX: usize = 200;

pub fn run(ctx: &Context, args: VisitArgs) -> Result<Output, CliError> {
    let catalog = &ctx.config.catalog;
    let mut categories: Vec<String> = Vec::new();
    for key in args.categories.iter().flat_map(|c| c.split(',')) {
        if key.trim().is_empty() {
            continue;
        }
        let key = catalog.check(CatalogKind::Category, key)?;
        if !categories.contains(&key) {
            categories.push(key);
        }
    }
    if categories.is_empty() {
        return Err(CliError::Usage(
            "a visit needs at least one category, e.g. --category toeslagen".into(),
        ));
    }
    let mut referrals: Vec<Referral> = Vec::new();
    for r in &args.referrals {
        let (key, note) = r.split_once(':').unwrap_or((r.as_str(), ""));
        let destination = catalog.check(CatalogKind::Referral, key)?;
        let note = clean_line(note, "referral note", REFERRAL_NOTE_MAX)?;
        if !referrals.iter().any(|x| x.destination == destination) {
            referrals.push(Referral { destination, note });
        }
    }
    let when = match &args.at {
        Some(at) => parse_datetime(at, ctx.now)?,
        None => ctx.now,
    };
    if when > ctx.now + chrono::Duration::minutes(5) {
        return Err(CliError::Usage(format!(
            "the visit would lie in the future ({}); --at is for visits that already happened",
            when.format("%Y-%m-%d %H:%M")
        )));
    }
    let followup = match (&args.follow_up, &args.due) {
        (Some(text), Some(due)) => {
            if args.anonymous {
                return Err(CliError::Usage(
                    "an anonymous visit cannot have a follow-up: a follow-up belongs to a client"
                        .into(),
                ));
            }
            let text = clean_line(text, "follow-up", FOLLOWUP_MAX)?;
            if text.is_empty() {
                return Err(CliError::Usage(
                    "the follow-up text is empty: say what to do".into(),
                ));
            }
            Some(NewFollowUp {
                due: parse_date(due, ctx.today())?,
                text,
                assignee: Some(ctx.volunteer.clone()),
                referral: (referrals.len() == 1).then(|| referrals[0].destination.clone()),
            })
        }
        _ => None,
    };
    let visit = Visit {
        number: 0,
        client: args.number,
        when,
        volunteer: ctx.volunteer.clone(),
        channel: Channel::parse(&args.channel)?,
        categories,
        referrals,
        note: match &args.note {
            Some(n) => clean_note(n, "note", NOTE_MAX)?,
            None => String::new(),
        },
        recorded: ctx.stamp(),
    };
    let store = ctx.open()?;
    let (number, followups) = store.add_visit(visit, followup.into_iter().collect())?;
    let followup = followups.first().copied();
    if ctx.json {
        return Ok(Output::Json(
            json!({ "number": number, "followup": followup }),
        ));
    }
    let mut text = format!("{number}\n");
    if let Some(f) = followup {
        let l = ctx.labels();
        text = format!("{number}\n{} {f}\n", l.followup_saved);
    }
    Ok(Output::Text(text))
}
