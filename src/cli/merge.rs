//! `tally merge a.json b.json …`: several offices' outside tallies of one period added up.

use super::args::MergeArgs;
use super::output::Output;
use super::tally::{Book, hidden_note, render};
use super::{CliError, Context};
use crate::labels::outside::outside_labels;
use crate::tally::json::from_json;
use crate::tally::merge::{OfficeTally, merge};
use crate::tally::outside::{is_about_people, json_place};
use crate::tally::report::{self, Compared};
use crate::tally::{Period, Tally};
use serde_json::Value;

pub fn run(ctx: &Context, args: MergeArgs) -> Result<Output, CliError> {
    let mut offices = Vec::new();
    for path in &args.files {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| CliError::Usage(format!("cannot read {file}: {e}")))?;
        let json: Value = serde_json::from_str(&text).map_err(|_| {
            CliError::Usage(format!(
                "{file} is no JSON file, so no spreekuur tally; make one with: spreekuur tally --json --for-outside"
            ))
        })?;
        offices.push(OfficeTally { file, json });
    }
    let summed = merge(&offices).map_err(|e| CliError::Usage(e.0))?;
    let tally = from_json(&summed, &ctx.config.report_groups)
        .map_err(|e| CliError::Usage(format!("the sum cannot be shown: {e}")))?;
    let period = period_of(&tally);
    let compared = Compared {
        period,
        tally: &tally,
        previous: None,
        year_earlier: None,
    };
    let with_months = (tally.to - tally.from).num_days() > 31;
    let l = ctx.labels();
    let mut report = report::build(
        &compared,
        l,
        &ctx.config.catalog,
        ctx.english(),
        with_months,
    );
    // The offices sent no volunteers' names; a count they hid stands as the range it adds up to.
    report.sections.retain(|s| s.key != "volunteer");
    for (s, section) in report.sections.iter().enumerate() {
        if !is_about_people(section.key) {
            continue;
        }
        for (r, row) in section.rows.iter().enumerate() {
            let shown = json_place(section.key, &row.key).and_then(|(key, sub)| {
                let value = &summed[key];
                let value = sub.map_or(value, |sub| &value[sub]);
                value.as_str().map(str::to_string)
            });
            if let Some(text) = shown {
                report.shown_as.insert((s, r, 0), text);
            }
        }
    }
    let words = outside_labels(ctx.lang);
    let files: Vec<String> = offices.iter().map(|o| o.file.clone()).collect();
    let merged_from = format!(
        "{} {}",
        words.merged_from.replace("{n}", &offices.len().to_string()),
        files.join(", ")
    );
    // The workbook says what the table says: where the sum comes from and how to read it.
    let mut notes = vec![merged_from.clone(), words.merged_clients_note.to_string()];
    if !args.output.for_outside {
        // With --for-outside, render adds this note itself.
        notes.push(hidden_note(ctx).trim_end().to_string());
    }
    let book = Book::Tally(&notes);
    let written = render(ctx, &args.output, report, summed, period, book)?;
    let Output::Text(table) = written else {
        return Ok(written);
    };
    if args.output.xlsx.is_some() {
        // The table's lines went into the workbook; the terminal gets its path alone.
        return Ok(Output::Text(table));
    }
    Ok(Output::Text(format!(
        "{merged_from}\n{}\n\n{table}{}",
        words.merged_clients_note,
        hidden_note(ctx)
    )))
}

/// The period the tallies count, named as `tally` names it when it is a whole day, month,
/// quarter or year.
fn period_of(t: &Tally) -> Period {
    Period::named(t.from, t.to)
}
