//! `jaaroverzicht YEAR`: the year in the shape of the office's annual report.

use super::args::YearArgs;
use super::output::Output;
use super::tally::{count, to_json, write};
use super::{CliError, Context};
use crate::tally::Period;
use crate::tally::report::Compared;
use serde_json::json;
use unicode_width::UnicodeWidthStr;

const BAR_WIDTH: u64 = 40;

pub fn run(ctx: &Context, mut args: YearArgs) -> Result<Output, CliError> {
    // The annual report's workbook is made to be sent: it always hides small counts.
    args.output.for_outside |= args.output.xlsx.is_some();
    let period = Period::parse_year(&args.year)?;
    let store = ctx.open()?;
    let tally = count(ctx, &store, period)?;
    let compared = Compared {
        period,
        tally: &tally,
        previous: None,
        year_earlier: None,
    };
    let l = ctx.labels();
    let months = tally.by_month();
    let mut json = to_json(&tally);
    if let Some(o) = json.as_object_mut() {
        o.insert("year".into(), json!(period.to_string()));
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
    if ctx.json || args.output.csv || args.output.xlsx.is_some() {
        return write(ctx, &args.output, &compared, true, json);
    }
    let Output::Text(table) = write(ctx, &args.output, &compared, true, json)? else {
        return Err(CliError::Usage(
            "the year overview could not be drawn".into(),
        ));
    };
    let mut out = format!("{} {}\n\n", l.year_overview, period);
    out.push_str(&format!("{}\n", l.per_month));
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
