//! `visit`: log a visit with categories, referrals and an optional follow-up; with
//! `--afspraak N` it keeps the client's appointment N.

use super::args::{VisitArgs, VisitDeleteArgs, VisitEditArgs};
use super::confirm::confirm;
use super::letter::{add_json_keys, from_letter, line};
use super::output::Output;
use super::{CliError, Context};
use crate::dates::{parse_date, parse_datetime};
use crate::model::{
    CatalogKind, Channel, Referral, Visit, clean_line, clean_note, unlikely_due, unlikely_visit,
    visit_not_yet,
};
use crate::store::NewFollowUp;
use serde_json::json;

const NOTE_MAX: usize = 500;
const REFERRAL_NOTE_MAX: usize = 120;
const FOLLOWUP_MAX: usize = 200;

/// Category keys from `--category a,b --category c`: checked, without repeats, at least one.
fn categories(ctx: &Context, given: &[String]) -> Result<Vec<String>, CliError> {
    let mut out: Vec<String> = Vec::new();
    for key in given.iter().flat_map(|c| c.split(',')) {
        if key.trim().is_empty() {
            continue;
        }
        let key = ctx.config.catalog.check(CatalogKind::Category, key)?;
        if !out.contains(&key) {
            out.push(key);
        }
    }
    if out.is_empty() {
        return Err(CliError::Usage(
            "a visit needs at least one category, e.g. --category toeslagen".into(),
        ));
    }
    Ok(out)
}

/// Referrals from `--refer key[:note]`, checked, without repeats.
fn referrals(ctx: &Context, given: &[String]) -> Result<Vec<Referral>, CliError> {
    let mut out: Vec<Referral> = Vec::new();
    for r in given {
        let (key, note) = r.split_once(':').unwrap_or((r.as_str(), ""));
        let destination = ctx.config.catalog.check(CatalogKind::Referral, key)?;
        let note = clean_line(note, "referral note", REFERRAL_NOTE_MAX)?;
        if !out.iter().any(|x| x.destination == destination) {
            out.push(Referral { destination, note });
        }
    }
    Ok(out)
}

/// The moment of a visit from `--at`: refused when it cannot have happened yet, asked back
/// when it looks mistyped (see `unlikely_visit`).
fn moment(ctx: &Context, at: Option<&str>, yes: bool) -> Result<chrono::NaiveDateTime, CliError> {
    let when = match at {
        Some(at) => parse_datetime(at, ctx.now)?,
        None => ctx.now,
    };
    match unlikely_visit(when, ctx.now) {
        Err(when) => return Err(CliError::Usage(visit_not_yet(when))),
        Ok(Some(odd)) => confirm(&odd.question(ctx.english()), yes)?,
        Ok(None) => {}
    }
    Ok(when)
}

pub fn run(ctx: &Context, args: VisitArgs) -> Result<Output, CliError> {
    let categories = categories(ctx, &args.categories)?;
    let referrals = referrals(ctx, &args.referrals)?;
    let when = moment(ctx, args.at.as_deref(), args.letter.yes)?;
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
            let due = parse_date(due, ctx.today())?;
            if let Some(odd) = unlikely_due(due, ctx.today()) {
                confirm(&odd.question(ctx.english()), args.letter.yes)?;
            }
            Some(NewFollowUp {
                due,
                text,
                assignee: None,
                referral: (referrals.len() == 1).then(|| referrals[0].destination.clone()),
                deadline: None,
            })
        }
        _ => None,
    };
    let guarded = match (&args.letter.deadline, &args.letter.letter) {
        (Some(_), _) if followup.is_some() => {
            return Err(CliError::Usage(
                "give either --follow-up with --due or --deadline with --letter, not both: a visit here gets one follow-up".into(),
            ));
        }
        (Some(_), _) if args.anonymous => {
            return Err(CliError::Usage(
                "an anonymous visit cannot guard a deadline: a follow-up belongs to a client"
                    .into(),
            ));
        }
        (Some(rule), Some(letter)) => Some(from_letter(ctx, rule, letter, args.letter.yes)?),
        _ => None,
    };
    let followup = match &guarded {
        Some(g) => Some(NewFollowUp {
            due: g.due,
            text: g.text.clone(),
            assignee: None,
            referral: (referrals.len() == 1).then(|| referrals[0].destination.clone()),
            deadline: Some(g.deadline.clone()),
        }),
        None => followup,
    };
    let visit = Visit {
        number: 0,
        client: args.number,
        when,
        volunteer: ctx.volunteer.clone(),
        channel: match &args.channel {
            Some(c) => Channel::parse(c)?,
            None if args.afspraak.is_some() => Channel::Afspraak,
            None => Channel::Spreekuur,
        },
        categories,
        referrals,
        note: match &args.note {
            Some(n) => clean_note(n, "note", NOTE_MAX)?,
            None => String::new(),
        },
        recorded: ctx.stamp(),
    };
    let store = ctx.open()?;
    let followups = followup.into_iter().collect();
    let (number, followups) = match args.afspraak {
        Some(a) => store.add_visit_keeping(visit, followups, a)?,
        None => store.add_visit(visit, followups)?,
    };
    let followup = followups.first().copied();
    if ctx.json {
        let mut out = json!({ "number": number, "followup": followup });
        add_json_keys(&mut out, guarded.as_ref());
        if let (Some(a), Some(o)) = (args.afspraak, out.as_object_mut()) {
            o.insert("appointment".into(), json!(a));
        }
        return Ok(Output::Json(out));
    }
    let mut text = format!("{number}\n");
    match (followup, &guarded) {
        (Some(f), Some(g)) => text.push_str(&line(ctx, f, g)),
        (Some(f), None) => text.push_str(&format!("{} {f}\n", ctx.labels().followup_saved)),
        _ => {}
    }
    Ok(Output::Text(text))
}

pub fn edit(ctx: &Context, args: VisitEditArgs) -> Result<Output, CliError> {
    let when = args
        .at
        .as_deref()
        .map(|a| moment(ctx, Some(a), args.yes))
        .transpose()?;
    let categories = if args.categories.is_empty() {
        None
    } else {
        Some(categories(ctx, &args.categories)?)
    };
    let referrals = if args.no_referrals {
        Some(Vec::new())
    } else if args.referrals.is_empty() {
        None
    } else {
        Some(referrals(ctx, &args.referrals)?)
    };
    let channel = args.channel.as_deref().map(Channel::parse).transpose()?;
    let note = args
        .note
        .as_deref()
        .map(|n| clean_note(n, "note", NOTE_MAX))
        .transpose()?;
    let store = ctx.open()?;
    let visit = store.update_visit(args.visit, &ctx.stamp(), |v| {
        if let Some(w) = when {
            v.when = w;
        }
        if let Some(c) = categories {
            v.categories = c;
        }
        if let Some(r) = referrals {
            v.referrals = r;
        }
        if let Some(c) = channel {
            v.channel = c;
        }
        if let Some(n) = note {
            v.note = n;
        }
        Ok(())
    })?;
    if ctx.json {
        return Ok(Output::Json(super::json::visit(&visit)));
    }
    Ok(Output::Text(super::show::visit_line(ctx, &visit)))
}

pub fn delete(ctx: &Context, args: VisitDeleteArgs) -> Result<Output, CliError> {
    let store = ctx.open()?;
    store.delete_visit(args.visit, &ctx.stamp())?;
    if ctx.json {
        return Ok(Output::Json(json!({ "deleted": args.visit })));
    }
    Ok(Output::Text(format!(
        "{} {}\n",
        ctx.labels().visit_deleted,
        args.visit
    )))
}
