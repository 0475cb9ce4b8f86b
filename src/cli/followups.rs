//! `followups` (open ones by due date), `done`, and `followup add`.

use super::args::{DoneArgs, FollowupAddArgs, FollowupsArgs};
use super::confirm::confirm;
use super::letter::{add_json_keys, from_letter, line};
use super::output::{Output, safe, table};
use super::{CliError, Context, json};
use crate::dates::parse_date;
use crate::model::{FollowUp, FollowUpState, clean_line, fields, unlikely_due};
use serde_json::json;
use std::collections::HashMap;

pub fn list(ctx: &Context, args: FollowupsArgs) -> Result<Output, CliError> {
    if args.restricted {
        ctx.require_coordinator("followups --restricted")?;
    }
    let today = ctx.today();
    let due_before = match &args.due_before {
        Some(d) => Some(parse_date(d, today)?),
        None => None,
    };
    let store = ctx.open_existing()?;
    let overdue_limit = if args.overdue { today.pred_opt() } else { None };
    let limit = match (due_before, overdue_limit) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let open: Vec<_> = store
        .open_followups(limit)?
        .into_iter()
        .filter(|f| match &args.assignee {
            Some(a) => f.assignee.as_deref() == Some(a.as_str()),
            None => true,
        })
        .collect();
    let mut numbers: Vec<u64> = open.iter().map(|f| f.client).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let clients = store.clients(&numbers)?;
    // A restricted client stays out of lists unless asked for, as out of search.
    let hidden: Vec<u64> = clients
        .iter()
        .filter(|c| c.restricted && !args.restricted)
        .map(|c| c.number)
        .collect();
    let followups: Vec<_> = open
        .into_iter()
        .filter(|f| !hidden.contains(&f.client))
        .collect();
    let names: HashMap<u64, String> = clients.into_iter().map(|c| (c.number, c.name)).collect();
    if ctx.json {
        return Ok(Output::Json(
            followups
                .iter()
                .map(|f| json::followup(f, names.get(&f.client).map(String::as_str), today))
                .collect(),
        ));
    }
    let l = ctx.labels();
    if followups.is_empty() {
        return Ok(Output::Text(format!("{}\n", l.no_followups)));
    }
    let rows: Vec<Vec<String>> = followups
        .iter()
        .map(|f| {
            vec![
                f.number.to_string(),
                crate::dates::shown(f.due),
                if f.is_overdue(today) {
                    l.overdue.to_string()
                } else {
                    String::new()
                },
                f.deadline
                    .as_ref()
                    .map(|d| crate::dates::shown(d.ends))
                    .unwrap_or_default(),
                f.client.to_string(),
                safe(names.get(&f.client).map(String::as_str).unwrap_or("")).into_owned(),
                safe(&f.text).into_owned(),
                safe(f.assignee.as_deref().unwrap_or("")).into_owned(),
            ]
        })
        .collect();
    Ok(Output::Text(table(
        &[
            l.number,
            l.due,
            "",
            l.deadline_mark,
            l.client,
            l.name,
            l.text,
            l.assignee,
        ],
        &rows,
    )))
}

pub fn done(ctx: &Context, args: DoneArgs) -> Result<Output, CliError> {
    let store = ctx.open()?;
    let state = if args.cancel {
        FollowUpState::Cancelled(ctx.stamp())
    } else {
        FollowUpState::Done(ctx.stamp())
    };
    let f = store.close_followup(args.followup, state)?;
    if ctx.json {
        return Ok(Output::Json(json::followup(&f, None, ctx.today())));
    }
    let l = ctx.labels();
    let what = if args.cancel {
        l.followup_cancelled
    } else {
        l.followup_done
    };
    Ok(Output::Text(format!(
        "{what}: {} {}\n",
        f.number,
        safe(&f.text)
    )))
}

/// `followup add`: a follow-up without a visit, from a text and a due date or from a letter.
pub fn add(ctx: &Context, args: FollowupAddArgs) -> Result<Output, CliError> {
    if args.text.is_some() && args.letter.deadline.is_some() {
        return Err(CliError::Usage(
            "give either --text with --due or --deadline with --letter, not both".into(),
        ));
    }
    let assignee = args
        .assignee
        .as_deref()
        .map(|a| fields::volunteer(a, "--assignee"))
        .transpose()?
        .flatten();
    let (text, due, guarded) = match (&args.letter.deadline, &args.letter.letter) {
        (Some(rule), Some(letter)) => {
            let g = from_letter(ctx, rule, letter, args.letter.yes)?;
            (g.text.clone(), g.due, Some(g))
        }
        _ => {
            let text = clean_line(args.text.as_deref().unwrap_or(""), "follow-up", 200)?;
            if text.is_empty() {
                return Err(CliError::Usage(
                    "the follow-up text is empty: say what to do".into(),
                ));
            }
            let due = parse_date(args.due.as_deref().unwrap_or(""), ctx.today())?;
            if let Some(odd) = unlikely_due(due, ctx.today()) {
                confirm(&odd.question(ctx.english()), args.letter.yes)?;
            }
            (text, due, None)
        }
    };
    let store = ctx.open()?;
    let number = store.add_followup(FollowUp {
        number: 0,
        client: args.number,
        visit: None,
        referral: None,
        due,
        text,
        assignee,
        state: FollowUpState::Open,
        created: ctx.stamp(),
        deadline: guarded.as_ref().map(|g| g.deadline.clone()),
    })?;
    if ctx.json {
        let mut out = json!({ "number": number });
        add_json_keys(&mut out, guarded.as_ref());
        return Ok(Output::Json(out));
    }
    Ok(Output::Text(match &guarded {
        Some(g) => line(ctx, number, g),
        None => format!("{} {number}\n", ctx.labels().followup_saved),
    }))
}
