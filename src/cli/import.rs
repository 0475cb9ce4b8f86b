//! `import FILE`: the dry run, and with --yes the import in one transaction.

use super::args::ImportArgs;
use super::output::{Output, safe};
use super::{CliError, Context};
use crate::import::{self, columns, table};
use crate::labels::ImportReasonLabels;
use crate::store::files;
use serde_json::json;
use std::io::IsTerminal;
use std::path::Path;

pub fn run(ctx: &Context, args: ImportArgs) -> Result<Output, CliError> {
    if let Some(path) = &args.rejects
        && path.exists()
    {
        return Err(CliError::Usage(format!(
            "{} exists already; give a new file name for --rejects, so no list is overwritten",
            path.display()
        )));
    }
    let table = table::read(&args.file, args.sheet.as_deref())?;
    let assigned = columns::assign(&table.header, args.map.as_deref())?;
    let store = ctx.open()?;
    let show = std::io::stderr().is_terminal() && table.rows.len() >= 1000;
    let plan = import::plan(&table, &assigned, &store, ctx.today(), |done, total| {
        if show {
            eprint!("\rimport: {done} / {total}");
        }
    })?;
    if show {
        eprintln!();
    }
    // What --skip-existing leaves out, named in the dry run too, so that no one is dropped
    // unseen.
    let left_out = if args.skip_existing {
        plan.left_out()
    } else {
        Default::default()
    };
    let added = if args.yes {
        Some(import::apply(&plan, &store, ctx.stamp(), &left_out)?)
    } else {
        None
    };
    let left_out: Vec<usize> = left_out.into_keys().collect();

    // The dry run names the clients already here that rows look like: a lookup, logged.
    let shown: Vec<u64> = plan
        .like_existing
        .iter()
        .filter_map(|e| e.client.as_ref().map(|c| c.number))
        .collect();
    if !shown.is_empty() {
        store.audit_find(&ctx.stamp(), &shown)?;
    }
    let l = ctx.labels();
    let reasons = crate::labels::import_reason_labels(ctx.lang);
    let rejects = match &args.rejects {
        Some(path) if !plan.unreadable.is_empty() => {
            write_rejects(ctx, path, &table, &plan, reasons)?;
            Some(path)
        }
        _ => None,
    };
    if ctx.json {
        return Ok(Output::Json(json!({
            "file": args.file,
            "rows": plan.rows,
            "readable": plan.readable.len(),
            "unreadable": plan.unreadable.iter().map(|u| json!({"line": u.line, "reason": u.reason.text(l, reasons)})).collect::<Vec<_>>(),
            "like_existing": plan.like_existing.iter().map(|l| json!({
                "line": l.line,
                "client": l.client.as_ref().map(|c| c.number),
                "client_name": l.client.as_ref().map(|c| c.name.clone()),
                "restricted": l.client.is_none(),
                "by_name_only": l.by_name_only,
            })).collect::<Vec<_>>(),
            "like_each_other": plan.like_each_other,
            "left_out": args.skip_existing.then_some(&left_out),
            "refused_columns": plan.refused_columns,
            "unknown_columns": plan.unknown_columns,
            "rejects": rejects,
            "imported": added.as_ref().map(|a| a.added.iter().map(|(line, n)| json!({"line": line, "number": n})).collect::<Vec<_>>()),
            "skipped": added.as_ref().map(|a| a.skipped),
            "skipped_by_name": added.as_ref().map(|a| a.skipped_by_name),
            "skipped_alike": added.as_ref().map(|a| a.skipped_alike),
        })));
    }
    let mut out = format!(
        "{}: {} {}, {} {}, {} {}\n",
        args.file.display(),
        plan.rows,
        l.import_rows,
        plan.readable.len(),
        l.import_readable,
        plan.unreadable.len(),
        l.import_unreadable
    );
    if !plan.refused_columns.is_empty() {
        out.push_str(&format!(
            "{}: {}\n",
            l.import_refused_columns,
            safe(&plan.refused_columns.join(", "))
        ));
    }
    if !plan.unknown_columns.is_empty() {
        out.push_str(&format!(
            "{}: {}\n",
            l.import_unknown_columns,
            safe(&plan.unknown_columns.join(", "))
        ));
    }
    for u in &plan.unreadable {
        out.push_str(&format!(
            "  {} {}: {}\n",
            l.import_line,
            u.line,
            safe(&u.reason.text(l, reasons))
        ));
    }
    if !plan.like_existing.is_empty() {
        out.push_str(&format!("{}:\n", l.import_like_existing));
        for e in &plan.like_existing {
            let who = match &e.client {
                Some(c) => format!("{} {} ({})", c.number, safe(&c.name), c.born.shown()),
                None => l.maybe_restricted.to_string(),
            };
            let weak = if e.by_name_only {
                format!("  ({})", l.import_by_name_only)
            } else {
                String::new()
            };
            out.push_str(&format!("  {} {} -> {who}{weak}\n", l.import_line, e.line));
        }
    }
    if !plan.like_each_other.is_empty() {
        out.push_str(&format!("{}:\n", l.import_like_each_other));
        for lines in &plan.like_each_other {
            let lines: Vec<String> = lines.iter().map(|n| n.to_string()).collect();
            out.push_str(&format!("  {} {}\n", l.import_line, lines.join(", ")));
        }
    }
    if added.is_none() && !left_out.is_empty() {
        let lines: Vec<String> = left_out.iter().map(|n| n.to_string()).collect();
        out.push_str(&format!(
            "{}: {} {}\n",
            l.import_left_out,
            l.import_line,
            lines.join(", ")
        ));
    }
    if let Some(path) = rejects {
        out.push_str(&format!(
            "{} {} {}\n",
            plan.unreadable.len(),
            l.import_rejects_written,
            safe(&path.display().to_string())
        ));
    }
    match added {
        Some(added) => {
            out.push_str(&format!("{} {}\n", added.added.len(), l.import_done));
            for (n, label) in [
                (added.skipped, l.import_skipped),
                (added.skipped_by_name, l.import_skipped_by_name),
                (added.skipped_alike, l.import_skipped_alike),
            ] {
                if n > 0 {
                    out.push_str(&format!("{n} {label}\n"));
                }
            }
        }
        None => out.push_str(&format!("{}\n", l.import_dry_run)),
    }
    Ok(Output::Text(out))
}

/// The refused rows to a new file (0600, or 0660 with the office's group): it holds names.
fn write_rejects(
    ctx: &Context,
    path: &Path,
    table: &table::Table,
    plan: &import::Plan,
    reasons: &ImportReasonLabels,
) -> Result<(), CliError> {
    let write_error = |e: String| CliError::Usage(format!("cannot write {}: {e}", path.display()));
    let file = files::create_new_private(path, ctx.config.group.as_deref())
        .map_err(|e| write_error(e.to_string()))?;
    let l = ctx.labels();
    let mut out = std::io::BufWriter::new(file);
    // The columns not read because the office may not hold them stay empty in this file too.
    let withheld: Vec<usize> = table
        .header
        .iter()
        .enumerate()
        .filter(|(_, h)| plan.refused_columns.contains(h))
        .map(|(i, _)| i)
        .collect();
    import::rejects::write(
        &mut out,
        table,
        &plan.unreadable,
        &withheld,
        reasons.column,
        |r| r.text(l, reasons),
    )
    .map_err(write_error)?;
    let file = out.into_inner().map_err(|e| write_error(e.to_string()))?;
    file.sync_all().map_err(|e| write_error(e.to_string()))
}
