//! `purge`: the retention rule. Lists the clients without contact for a period (a dry run);
//! with --yes erases them as `forget` does. Coordinator only.

use super::args::PurgeArgs;
use super::output::{Output, safe, table};
use super::{CliError, Context};
use crate::config::parse_months;
use crate::labels::privacy_labels;
use crate::model::AuditAction;
use chrono::Months;
use serde_json::json;

pub fn run(ctx: &Context, args: PurgeArgs) -> Result<Output, CliError> {
    ctx.require_coordinator("purge")?;
    let months = match &args.inactive {
        Some(p) => parse_months(p)?,
        None => ctx.config.retention_months,
    };
    let cutoff = ctx
        .today()
        .checked_sub_months(Months::new(months))
        .ok_or_else(|| CliError::Usage(format!("{months} months is too long a period")))?;
    let store = ctx.open_existing()?;
    let inactive = store.inactive_since(cutoff)?;
    let numbers: Vec<u64> = inactive.iter().map(|i| i.number).collect();
    let clients = store.clients(&numbers)?;
    if args.yes && !numbers.is_empty() {
        let what = privacy_labels(ctx.lang)
            .erasing_clients
            .replace("{n}", &numbers.len().to_string());
        super::forget::erase(ctx, &store, &numbers, &what, AuditAction::Purge)?;
    }
    if ctx.json {
        return Ok(Output::Json(json!({
            "cutoff": cutoff.format(crate::dates::ISO_DATE).to_string(),
            "erased": args.yes,
            "clients": inactive.iter().map(|i| json!({
                "number": i.number,
                "last_contact": i.last_contact.format(crate::dates::ISO_DATE).to_string(),
            })).collect::<Vec<_>>(),
        })));
    }
    let l = ctx.labels();
    let p = privacy_labels(ctx.lang);
    if inactive.is_empty() {
        return Ok(Output::Text(format!(
            "{}\n",
            p.purge_none.replace("{date}", &crate::dates::shown(cutoff))
        )));
    }
    let rows: Vec<Vec<String>> = inactive
        .iter()
        .zip(&clients)
        .map(|(i, c)| {
            vec![
                i.number.to_string(),
                safe(&c.name).into_owned(),
                c.birth.year().map(|y| y.to_string()).unwrap_or_default(),
                crate::dates::shown(i.last_contact),
            ]
        })
        .collect();
    let mut out = table(&[l.number, l.name, l.born, l.last_visit], &rows);
    out.push('\n');
    if args.yes {
        out.push_str(&p.purged.replace("{count}", &inactive.len().to_string()));
    } else {
        out.push_str(p.purge_dry_run);
    }
    out.push('\n');
    Ok(Output::Text(out))
}
