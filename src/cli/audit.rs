//! `audit`: the audit log, oldest first, filtered by client, volunteer, period and action.

use super::args::AuditArgs;
use super::output::{Output, safe, table};
use super::{CliError, Context};
use crate::dates::parse_date;
use crate::labels::privacy_labels;
use crate::model::{AuditAction, AuditEntry};
use crate::store::AuditFilter;
use serde_json::{Value, json};

pub fn run(ctx: &Context, args: AuditArgs) -> Result<Output, CliError> {
    let today = ctx.today();
    let filter = AuditFilter {
        client: args.client,
        volunteer: args.volunteer.clone(),
        from: args
            .from
            .as_deref()
            .map(|d| parse_date(d, today))
            .transpose()?,
        to: args
            .to
            .as_deref()
            .map(|d| parse_date(d, today))
            .transpose()?,
        action: args
            .action
            .as_deref()
            .map(AuditAction::parse)
            .transpose()
            .map_err(CliError::Usage)?,
    };
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && from > to
    {
        return Err(CliError::Usage(format!(
            "--from {from} lies after --to {to}: give the earlier day first"
        )));
    }
    let store = ctx.open_existing()?;
    let entries = store.audit_log(&filter)?;
    if ctx.json {
        return Ok(Output::Json(entries.iter().map(entry_json).collect()));
    }
    Ok(Output::Text(lines(ctx, &entries)))
}

pub fn entry_json(e: &AuditEntry) -> Value {
    json!({
        "number": e.number,
        "at": e.stamp.at.format("%Y-%m-%d %H:%M:%S").to_string(),
        "who": e.stamp.who,
        "client": e.client,
        "action": e.action.key(),
        "object": e.object,
        "clients": e.clients,
    })
}

/// What a line is about: the visit, follow-up or appointment number, or for a lookup how many
/// clients it showed and which.
fn about(e: &AuditEntry, shown_clients: &str) -> String {
    if e.action == AuditAction::Find {
        let numbers: Vec<String> = e.clients.iter().map(u64::to_string).collect();
        let text = shown_clients
            .replace("{count}", &e.clients.len().to_string())
            .replace("{numbers}", &numbers.join(", "));
        // A lookup that showed nobody ends at its count: "0 getoond".
        return text.trim_end().trim_end_matches(':').to_string();
    }
    e.object.map(|o| o.to_string()).unwrap_or_default()
}

/// The log as an aligned table.
pub fn lines(ctx: &Context, entries: &[AuditEntry]) -> String {
    let l = ctx.labels();
    let p = privacy_labels(ctx.lang);
    if entries.is_empty() {
        return format!("{}\n", p.no_audit);
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.number.to_string(),
                crate::dates::shown_moment(e.stamp.at),
                safe(&e.stamp.who).into_owned(),
                e.client.map(|c| c.to_string()).unwrap_or_default(),
                e.action.key().to_string(),
                about(e, p.shown_clients),
            ]
        })
        .collect();
    table(
        &[l.number, p.when, p.who, l.client, p.action, p.about],
        &rows,
    )
}
