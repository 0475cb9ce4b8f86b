//! `tally`: the figures of a period as a table, JSON, CSV or a workbook.

use super::args::{ReportOutput, TallyArgs, TallyCommand};
use super::output::Output;
use super::{CliError, Context};
use crate::dates::parse_date;
use crate::labels::outside::outside_labels;
use crate::labels::workbook::workbook_labels;
use crate::store::Store;
pub use crate::tally::json::to_json;
use crate::tally::report::{self, Compared, Report};
use crate::tally::workbook::{self, Annual, Words};
use crate::tally::{self, Period, Tally, export, outside};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

pub fn run(ctx: &Context, args: TallyArgs) -> Result<Output, CliError> {
    if let Some(TallyCommand::Merge(merge)) = args.merge {
        return super::merge::run(ctx, merge);
    }
    let period = period(ctx, &args)?;
    let (from, to) = period.bounds();
    if from > to {
        return Err(CliError::Usage(format!(
            "the period ends ({to}) before it starts ({from}): swap --from and --to"
        )));
    }
    let store = ctx.open_existing()?;
    let current = count(ctx, &store, period)?;
    let previous = args
        .compare
        .then(|| count(ctx, &store, period.previous()).map(|t| (period.previous(), t)))
        .transpose()?;
    let year_earlier = match period.year_earlier() {
        Some(p) if args.compare => Some((p, count(ctx, &store, p)?)),
        _ => None,
    };
    let compared = Compared {
        period,
        tally: &current,
        previous: previous.as_ref().map(|(p, t)| (*p, t)),
        year_earlier: year_earlier.as_ref().map(|(p, t)| (*p, t)),
    };
    let with_months = (to - from).num_days() > 31;
    let mut json = to_json(&current);
    if let Some(object) = json.as_object_mut() {
        object.insert("period".into(), json!(period.to_string()));
        if args.compare {
            object.insert(
                "compare".into(),
                json!({
                    "previous": previous.as_ref().map(|(p, t)| compared_json(*p, t)),
                    "year_earlier": year_earlier.as_ref().map(|(p, t)| compared_json(*p, t)),
                }),
            );
        }
    }
    write_headed(
        ctx,
        &args.output,
        &compared,
        with_months,
        json,
        &[],
        Book::Tally(&[]),
    )
}

/// Which workbook `--xlsx` writes.
pub enum Book<'a> {
    /// A sheet per section of the report, these notes under the first (where the figures
    /// come from).
    Tally(&'a [String]),
    /// The annual report's sheet first, with these notes on it (when the year was closed),
    /// then a sheet per section.
    Annual(&'a [String]),
}

/// Writes a report in the form asked for, with the first column headings replaced (a
/// closed year beside the live one).
pub fn write_headed(
    ctx: &Context,
    output: &ReportOutput,
    compared: &Compared,
    with_months: bool,
    json: Value,
    headings: &[String],
    book: Book,
) -> Result<Output, CliError> {
    let l = ctx.labels();
    let mut report = report::build(compared, l, &ctx.config.catalog, ctx.english(), with_months);
    for (column, heading) in report.columns.iter_mut().zip(headings) {
        *column = heading.clone();
    }
    render(ctx, output, report, json, compared.period, book)
}

/// Writes a built report (and its JSON) in the form asked for.
pub fn render(
    ctx: &Context,
    output: &ReportOutput,
    mut report: Report,
    mut json: Value,
    period: Period,
    book: Book,
) -> Result<Output, CliError> {
    let chosen = [ctx.json, output.csv, output.xlsx.is_some()]
        .iter()
        .filter(|b| **b)
        .count();
    if chosen > 1 {
        return Err(CliError::Usage(
            "choose one of --json, --csv and --xlsx".into(),
        ));
    }
    let l = ctx.labels();
    if output.for_outside {
        for_outside(ctx, &mut report, &mut json);
    }
    if let Some(path) = &output.xlsx {
        let words = Words {
            labels: l,
            workbook: workbook_labels(ctx.lang),
        };
        let mut notes: Vec<String> = Vec::new();
        let (Book::Tally(first) | Book::Annual(first)) = book;
        notes.extend(first.iter().cloned());
        if output.for_outside {
            notes.push(hidden_note(ctx).trim_end().to_string());
        }
        let bytes = match book {
            Book::Tally(_) => workbook::tally(&report, &words, &notes)?,
            Book::Annual(_) => {
                let year = Annual {
                    title: format!("{} {period}", l.year_overview),
                    notes: &notes,
                    groups: &ctx.config.report_groups,
                };
                workbook::annual(&report, &year, &words)?
            }
        };
        workbook::save(&bytes, path)?;
        return Ok(Output::Text(format!("{}\n", path.display())));
    }
    if ctx.json {
        return Ok(Output::Json(json));
    }
    if output.csv {
        return Ok(Output::Raw(export::csv(&report, l, output.csv_sep)));
    }
    let mut table = text(ctx, &report, period);
    if output.for_outside {
        table.push_str(&hidden_note(ctx));
    }
    Ok(Output::Text(table))
}

/// The report made fit to leave the office: no volunteers' names, and the small counts of
/// people (and what would give them away) hidden in the table and the JSON alike.
fn for_outside(ctx: &Context, report: &mut Report, json: &mut Value) {
    report.sections.retain(|s| s.key != "volunteer");
    let threshold = ctx.config.outside_threshold;
    outside::protect(report, threshold);
    // The JSON objects in the order of the report's period columns (0, 1, 3).
    let mut places = vec![String::new()];
    for key in ["previous", "year_earlier"] {
        if json
            .pointer(&format!("/compare/{key}"))
            .is_some_and(|v| !v.is_null())
        {
            places.push(format!("/compare/{key}"));
        }
    }
    for place in &places {
        if let Some(o) = json.pointer_mut(place).and_then(Value::as_object_mut) {
            o.remove("by_volunteer");
            o.insert("outside_threshold".into(), json!(threshold));
        }
    }
    for ((s, r, c), text) in &report.shown_as {
        let column = if *c == 0 { 0 } else { c.div_ceil(2) };
        if report::is_difference(*c) {
            continue;
        }
        let section = &report.sections[*s];
        let Some((key, sub)) = outside::json_place(section.key, &section.rows[*r].key) else {
            continue;
        };
        let Some(object) = places
            .get(column)
            .and_then(|p| json.pointer_mut(p))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        match sub {
            Some(sub) => {
                if let Some(inner) = object.get_mut(key).and_then(Value::as_object_mut) {
                    inner.insert(sub.to_string(), json!(text));
                }
            }
            None => {
                object.insert(key.to_string(), json!(text));
            }
        }
    }
}

pub fn hidden_note(ctx: &Context) -> String {
    let threshold = ctx.config.outside_threshold;
    format!(
        "{}\n",
        outside_labels(ctx.lang)
            .hidden_note
            .replace("{max}", &(threshold - 1).to_string())
            .replace("{n}", &threshold.to_string())
    )
}

pub fn count(ctx: &Context, store: &Store, period: Period) -> Result<Tally, CliError> {
    let (from, to) = period.bounds();
    Ok(tally::count(
        store,
        from,
        to,
        ctx.today(),
        &ctx.config.report_groups,
        &ctx.config.age_bands,
    )?)
}

fn period(ctx: &Context, a: &TallyArgs) -> Result<Period, CliError> {
    let today = ctx.today();
    Ok(if let Some(d) = &a.day {
        Period::parse_day(d, today)?
    } else if let Some(w) = &a.week {
        Period::week_of(parse_date(w, today)?)
    } else if let Some(m) = &a.month {
        Period::parse_month(m)?
    } else if let Some(q) = &a.quarter {
        Period::parse_quarter(q)?
    } else if let Some(y) = &a.year {
        Period::parse_year(y)?
    } else if let (Some(f), Some(t)) = (&a.from, &a.to) {
        Period::Range(parse_date(f, today)?, parse_date(t, today)?)
    } else {
        Period::Day(today)
    })
}

/// A period compared with: its figures, without the open and overdue follow-ups, which are
/// counted as of now and so stand once, in the period's own figures.
fn compared_json(p: Period, t: &Tally) -> Value {
    let mut v = to_json(t);
    if let Some(o) = v.as_object_mut() {
        o.insert("period".into(), json!(p.to_string()));
        if let Some(f) = o.get_mut("followups").and_then(Value::as_object_mut) {
            f.remove("open_now");
            f.remove("overdue_now");
        }
    }
    v
}

/// The report as aligned columns, with the note about categories.
pub fn text(ctx: &Context, report: &Report, period: Period) -> String {
    let l = ctx.labels();
    let (from, to) = period.bounds();
    let mut out = format!(
        "{} {} ({} – {})\n",
        l.period,
        period.shown(),
        crate::dates::shown(from),
        crate::dates::shown(to)
    );
    let label_width = report
        .sections
        .iter()
        .flat_map(|s| s.rows.iter().map(|r| r.label.width()))
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = report.columns.iter().map(|c| c.width().max(7)).collect();
    for (s, section) in report.sections.iter().enumerate() {
        if section.rows.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}", section.title));
        let pad = (label_width + 2).saturating_sub(section.title.width());
        if report.columns.len() > 1 {
            out.push_str(&" ".repeat(pad));
            for (c, w) in report.columns.iter().zip(&widths) {
                out.push_str(&format!("  {c:>w$}"));
            }
        }
        out.push('\n');
        for (r, row) in section.rows.iter().enumerate() {
            out.push_str(&format!(
                "  {}{}",
                row.label,
                " ".repeat(label_width - row.label.width())
            ));
            for (c, w) in widths.iter().enumerate().take(row.values.len()) {
                let cell = report.cell(s, r, c);
                out.push_str(&format!("  {cell:>w$}"));
            }
            out.push('\n');
        }
    }
    out.push_str(&format!("\n{}\n", l.categories_note));
    out
}
