//! `deadlines`: the deadline rules in force, defaults and the office's own.

use super::output::{Output, safe, table};
use super::{CliError, Context};
use crate::labels::deadline_labels;
use serde_json::{Value, json};

pub fn run(ctx: &Context) -> Result<Output, CliError> {
    let english = ctx.english();
    let rules = ctx.config.deadlines.active();
    if ctx.json {
        return Ok(Output::Json(Value::Array(
            rules
                .map(|r| {
                    json!({
                        "key": r.key,
                        "label": r.label(english),
                        "period": r.period.to_string(),
                        "warn_days": r.warn_days,
                    })
                })
                .collect(),
        )));
    }
    let l = ctx.labels();
    let d = deadline_labels(ctx.lang);
    let rows: Vec<Vec<String>> = rules
        .map(|r| {
            vec![
                r.key.clone(),
                safe(r.label(english)).into_owned(),
                r.period.describe(english),
                r.warn_days.to_string(),
            ]
        })
        .collect();
    Ok(Output::Text(table(
        &[l.key, l.description, d.period, d.warn_days],
        &rows,
    )))
}
