//! `tally`: the figures of a period as a table, JSON or CSV.

use super::args::TallyArgs;
use super::output::{Output, fields};
use super::{CliError, Context};
use crate::dates::{parse_date, parse_month, parse_year, week_of};
use crate::model::{CatalogKind, Channel};
use crate::tally::{self, Tally};
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::collections::BTreeMap;

pub fn run(ctx: &Context, args: TallyArgs) -> Result<Output, CliError> {
    if args.csv && ctx.json {
        return Err(CliError::Usage("choose one of --json and --csv".into()));
    }
    let (from, to) = period(ctx, &args)?;
    if from > to {
        return Err(CliError::Usage(format!(
            "the period ends ({to}) before it starts ({from}): swap --from and --to"
        )));
    }
    let store = ctx.open()?;
    let t = tally::count(&store, from, to, ctx.today())?;
    if ctx.json {
        return Ok(Output::Json(to_json(&t)));
    }
    if args.csv {
        return Ok(Output::Raw(csv(ctx, &t)));
    }
    Ok(Output::Text(text(ctx, &t)))
}

fn period(ctx: &Context, a: &TallyArgs) -> Result<(NaiveDate, NaiveDate), CliError> {
    let today = ctx.today();
    Ok(if let Some(d) = &a.day {
        let d = parse_date(d, today)?;
        (d, d)
    } else if let Some(w) = &a.week {
        week_of(parse_date(w, today)?)
    } else if let Some(m) = &a.month {
        parse_month(m)?
    } else if let Some(y) = &a.year {
        parse_year(y)?
    } else if let (Some(f), Some(t)) = (&a.from, &a.to) {
        (parse_date(f, today)?, parse_date(t, today)?)
    } else {
        (today, today)
    })
}

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
        "followups": {
            "opened": t.followups.opened,
            "done": t.followups.done,
            "cancelled": t.followups.cancelled,
            "open_now": t.followups.open_now,
            "overdue_now": t.followups.overdue_now,
        },
    })
}

/// Rows of a breakdown, largest first, with labels from the catalog.
fn ranked<'a>(
    ctx: &'a Context,
    kind: Option<CatalogKind>,
    counts: &'a BTreeMap<String, u64>,
) -> Vec<(String, u64)> {
    let mut rows: Vec<(String, u64)> = counts
        .iter()
        .map(|(k, n)| {
            let label = match kind {
                Some(kind) => ctx.config.catalog.label(kind, k, ctx.english()).to_string(),
                None => k.clone(),
            };
            (label, *n)
        })
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows
}

fn channels(t: &Tally) -> BTreeMap<String, u64> {
    Channel::ALL
        .iter()
        .map(|c| {
            (
                c.key().to_string(),
                t.by_channel.get(c.key()).copied().unwrap_or(0),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// The sections of a tally: title and rows.
fn sections(ctx: &Context, t: &Tally) -> Vec<(&'static str, Vec<(String, u64)>)> {
    let l = ctx.labels();
    let by_channel = channels(t);
    vec![
        (l.per_channel, ranked(ctx, None, &by_channel)),
        (
            l.per_category,
            ranked(ctx, Some(CatalogKind::Category), &t.by_category),
        ),
        (
            l.per_referral,
            ranked(ctx, Some(CatalogKind::Referral), &t.by_referral),
        ),
        (l.per_volunteer, ranked(ctx, None, &t.by_volunteer)),
    ]
}

fn summary(ctx: &Context, t: &Tally) -> Vec<(&'static str, u64)> {
    let l = ctx.labels();
    vec![
        (l.contacts, t.visits),
        (l.anonymous_contacts, t.anonymous_visits),
        (l.unique_clients, t.clients),
        (l.households, t.households),
        (l.new_clients, t.new_clients),
        (l.followups_opened, t.followups.opened),
        (l.followups_done, t.followups.done),
        (l.followups_cancelled, t.followups.cancelled),
        (l.followups_open_now, t.followups.open_now),
        (l.followups_overdue_now, t.followups.overdue_now),
    ]
}

fn text(ctx: &Context, t: &Tally) -> String {
    let l = ctx.labels();
    let mut out = format!(
        "{} {} – {}\n\n",
        l.period,
        t.from.format("%Y-%m-%d"),
        t.to.format("%Y-%m-%d")
    );
    let pairs: Vec<(&str, String)> = summary(ctx, t)
        .into_iter()
        .map(|(label, n)| (label, format!("{n:>7}")))
        .collect();
    out.push_str(&fields(&pairs));
    for (title, rows) in sections(ctx, t) {
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title}\n"));
        let width = rows
            .iter()
            .map(|(label, _)| unicode_width::UnicodeWidthStr::width(label.as_str()))
            .max()
            .unwrap_or(0);
        for (label, n) in &rows {
            let pad = width - unicode_width::UnicodeWidthStr::width(label.as_str());
            out.push_str(&format!("  {label}{}  {n:>7}\n", " ".repeat(pad)));
        }
    }
    out.push_str(&format!("\n{}\n", l.categories_note));
    out
}

/// CSV for Dutch Excel: UTF-8 with a byte-order mark and `;` between fields.
fn csv(ctx: &Context, t: &Tally) -> String {
    let quote = |s: &str| {
        if s.contains([';', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let l = ctx.labels();
    let mut out = String::from("\u{feff}");
    out.push_str(&format!(
        "{};{}\n",
        quote(l.period),
        quote(&format!("{} – {}", t.from, t.to))
    ));
    for (label, n) in summary(ctx, t) {
        out.push_str(&format!("{};{n}\n", quote(label)));
    }
    for (title, rows) in sections(ctx, t) {
        for (label, n) in rows {
            out.push_str(&format!("{} – {};{n}\n", quote(title), quote(&label)));
        }
    }
    out
}
