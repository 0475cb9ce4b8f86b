//! `jaaroverzicht YEAR`: the year in the shape of the office's annual report; `--close`
//! keeps its figures as sent, `--live` puts today's beside them.

use super::args::YearArgs;
use super::output::Output;
use super::tally::{Book, count, to_json, write_headed};
use super::{CliError, Context};
use crate::labels::outside::outside_labels;
use crate::model::ClosedYear;
use crate::store::Closed;
use crate::tally::report::Compared;
use crate::tally::{Period, Tally, json::from_json};
use chrono::Datelike;
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

const BAR_WIDTH: u64 = 40;

pub fn run(ctx: &Context, mut args: YearArgs) -> Result<Output, CliError> {
    // The annual report's workbook is made to be sent: it always hides small counts.
    args.output.for_outside |= args.output.xlsx.is_some();
    let period = Period::parse_year(&args.year)?;
    let year = period.bounds().0.year();
    if args.close {
        ctx.require_coordinator("jaaroverzicht --close")?;
        if year > ctx.today().year() {
            return Err(CliError::Usage(format!(
                "{year} has not begun yet, so there is nothing to close; close a year that has ended (or this one)"
            )));
        }
    }
    let store = ctx.open_existing()?;
    let mut notes = Vec::new();
    if args.close {
        let live = count(ctx, &store, period)?;
        store.close_year(&ClosedYear {
            year,
            closed: ctx.stamp(),
            figures: year_json(&live, period).to_string(),
        })?;
        notes.push(
            outside_labels(ctx.lang)
                .closing_done
                .replace("{year}", &year.to_string()),
        );
    }
    let closed = store.closed_year(year)?;
    let Some(closed) = closed else {
        if args.live {
            notes.push(not_closed_note(ctx, year));
        }
        let tally = count(ctx, &store, period)?;
        let compared = alone(period, &tally);
        let json = year_json(&tally, period);
        return show(ctx, &args, &compared, json, &[], &notes);
    };
    let figures: Value =
        serde_json::from_str(&closed.year.figures).map_err(|_| damaged_figures(ctx, year))?;
    let closed_tally =
        from_json(&figures, &ctx.config.report_groups).map_err(|_| damaged_figures(ctx, year))?;
    notes.extend(closed_notes(ctx, &closed));
    let mut json = figures.clone();
    if let Some(o) = json.as_object_mut() {
        o.insert("closed".into(), closed_json(&closed));
    }
    if !args.live {
        return show(ctx, &args, &alone(period, &closed_tally), json, &[], &notes);
    }
    let live = count(ctx, &store, period)?;
    if let Some(o) = json.as_object_mut() {
        o.insert("live".into(), year_json(&live, period));
    }
    let words = outside_labels(ctx.lang);
    let headings = [
        format!("{year} {}", words.live_column),
        format!("{year} {}", words.closed_column),
    ];
    let compared = Compared {
        period,
        tally: &live,
        previous: Some((period, &closed_tally)),
        year_earlier: None,
    };
    show(ctx, &args, &compared, json, &headings, &notes)
}

fn alone(period: Period, tally: &Tally) -> Compared<'_> {
    Compared {
        period,
        tally,
        previous: None,
        year_earlier: None,
    }
}

/// The year's JSON: the tally's, with the year, its period and the ranked breakdowns.
fn year_json(tally: &Tally, period: Period) -> Value {
    let mut json = to_json(tally);
    if let Some(o) = json.as_object_mut() {
        o.insert("year".into(), json!(period.to_string()));
        o.insert("period".into(), json!(period.to_string()));
        let ranked = |m: &std::collections::BTreeMap<String, u64>| {
            let mut v: Vec<(&String, &u64)> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            v.into_iter()
                .map(|(k, n)| json!({"key": k, "count": n}))
                .collect::<Vec<_>>()
        };
        o.insert(
            "categories_ranked".into(),
            json!(ranked(&tally.by_category)),
        );
        o.insert("referrals_ranked".into(), json!(ranked(&tally.by_referral)));
    }
    json
}

fn closed_json(closed: &Closed) -> Value {
    json!({
        "at": closed.year.closed.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        "by": closed.year.closed.who,
        "contacts_changed_after": closed.changed_after,
    })
}

/// When and by whom the year was closed, and whether its contacts changed since.
fn closed_notes(ctx: &Context, closed: &Closed) -> Vec<String> {
    let words = outside_labels(ctx.lang);
    let at = closed.year.closed.at;
    let mut notes = vec![
        words
            .closed_on
            .replace(
                "{at}",
                &format!("{} {}", crate::dates::shown(at.date()), at.format("%H:%M")),
            )
            .replace("{who}", &closed.year.closed.who),
    ];
    notes.push(if closed.changed_after == 0 {
        words.unchanged_after.to_string()
    } else if closed.changed_after == 1 {
        words.changed_after_one.to_string()
    } else {
        words
            .changed_after
            .replace("{n}", &closed.changed_after.to_string())
    });
    notes
}

fn not_closed_note(ctx: &Context, year: i32) -> String {
    outside_labels(ctx.lang)
        .not_closed
        .replace("{year}", &year.to_string())
}

fn damaged_figures(ctx: &Context, year: i32) -> CliError {
    CliError::Usage(format!(
        "the closed figures of {year} in {} cannot be read; the store may be damaged: run spreekuur check, or close the year again with jaaroverzicht {year} --close",
        ctx.store_path.display()
    ))
}

/// Prints the year in the form asked for; the table gets the months as bars and the notes.
fn show(
    ctx: &Context,
    args: &YearArgs,
    compared: &Compared,
    json: Value,
    headings: &[String],
    notes: &[String],
) -> Result<Output, CliError> {
    for note in notes.iter().filter(|_| !wants_table(ctx, args)) {
        eprintln!("spreekuur: {note}");
    }
    let written = write_headed(
        ctx,
        &args.output,
        compared,
        true,
        json,
        headings,
        Book::Annual(notes),
    )?;
    if !wants_table(ctx, args) {
        return Ok(written);
    }
    let Output::Text(table) = written else {
        return Err(CliError::Usage(
            "the year overview could not be drawn".into(),
        ));
    };
    let l = ctx.labels();
    let mut out = format!("{} {}\n", l.year_overview, compared.period);
    for note in notes {
        out.push_str(&format!("{note}\n"));
    }
    out.push_str(&format!("\n{}\n", l.per_month));
    let months = compared.tally.by_month();
    let max = months.values().copied().max().unwrap_or(0).max(1);
    let label_width = months.keys().map(|k| k.width()).max().unwrap_or(7);
    for (month, n) in &months {
        let bar = "█".repeat(((n * BAR_WIDTH + max / 2) / max) as usize);
        out.push_str(&format!("  {month:<label_width$}  {n:>6}  {bar}\n"));
    }
    out.push('\n');
    out.push_str(&table);
    out.push_str(&format!("{}\n", l.ranked_note));
    Ok(Output::Text(out))
}

fn wants_table(ctx: &Context, args: &YearArgs) -> bool {
    !(ctx.json || args.output.csv || args.output.xlsx.is_some())
}
