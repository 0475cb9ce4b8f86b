//! `check`: verify the store without changing it; a non-zero exit when there is a problem.

use super::args::CheckArgs;
use super::output::{Output, fields};
use super::{CliError, Context};
use crate::labels::privacy_labels;
use crate::store::{CheckReport, Store, StoreError};
use serde_json::json;

pub fn run(ctx: &Context, args: CheckArgs) -> Result<Output, CliError> {
    ctx.must_exist()?;
    let report = match checked(ctx, args.repair) {
        // A store too damaged to be walked is a report too, for a program that reads JSON.
        Err(CliError::Store(StoreError::Damaged { what, place, .. })) if ctx.json => {
            let problem = match place {
                Some(place) => format!("{what}: {place}"),
                None => what,
            };
            let document = json!({ "clean": false, "damaged": true, "problems": [problem] });
            return Err(CliError::Found {
                output: format!("{document:#}\n"),
                message: format!(
                    "the store {} looks damaged: restore it from its latest backup",
                    ctx.store_path.display()
                ),
            });
        }
        checked => checked?,
    };
    let found = report.problems.len() + report.unfinished.len();
    let found_some = format!(
        "check found {found} problem(s) in {}",
        ctx.store_path.display()
    );
    if ctx.json {
        let problems: Vec<String> = report
            .problems
            .iter()
            .chain(&report.unfinished)
            .map(|p| p.to_string())
            .collect();
        let document = json!({
            "clean": report.is_clean(),
            "clients": report.clients,
            "visits": report.visits,
            "followups": report.followups,
            "audit": report.audit_entries,
            "appointments": report.appointments,
            "forgotten": report.forgotten_clients,
            "problems": problems,
            "unfinished": !report.unfinished.is_empty(),
        });
        if report.is_clean() {
            return Ok(Output::Json(document));
        }
        return Err(CliError::Found {
            output: format!("{document:#}\n"),
            message: found_some,
        });
    }
    let p = privacy_labels(ctx.lang);
    let l = ctx.labels();
    let [clients, visits, followups, audit, appointments, forgotten] = p.check_counts;
    let summary = fields(&[
        (l.store, ctx.store_path.display().to_string()),
        (clients, report.clients.to_string()),
        (visits, report.visits.to_string()),
        (followups, report.followups.to_string()),
        (audit, report.audit_entries.to_string()),
        (appointments, report.appointments.to_string()),
        (forgotten, report.forgotten_clients.to_string()),
    ]);
    if report.is_clean() {
        return Ok(Output::Text(format!("{summary}{}\n", p.check_clean)));
    }
    let mut text = format!("{summary}{} ({found}):\n", p.check_found);
    for problem in report.problems.iter().chain(&report.unfinished) {
        text.push_str(&format!("  {problem}\n"));
    }
    if !report.unfinished.is_empty() {
        text.push_str(p.check_repair);
    }
    if !report.problems.is_empty() {
        if !report.unfinished.is_empty() {
            text.push('\n');
        }
        text.push_str(p.check_restore);
    }
    // The report goes to stdout like a clean one; the exit and one line on stderr say that
    // it found something.
    Err(CliError::Found {
        output: format!("{text}\n"),
        message: found_some,
    })
}

/// Opens the store and walks it. Without --repair, what an interrupted command left is
/// reported, not finished.
fn checked(ctx: &Context, repair: bool) -> Result<CheckReport, CliError> {
    let store = if repair {
        ctx.open()?
    } else {
        let group = ctx.config.group.as_deref();
        let store = Store::open_to_check(&ctx.store_path, group)?;
        if let Some(warning) = crate::store::files::permission_warning(&ctx.store_path, group) {
            eprintln!("spreekuur: {warning}");
        }
        store
    };
    Ok(store.check()?)
}
