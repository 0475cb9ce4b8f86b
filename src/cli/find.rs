//! `find`: best matches first.

use super::args::FindArgs;
use super::output::{Output, safe, table};
use super::{CliError, Context, json};
use crate::store::{ClientSummary, Store};

pub fn run(ctx: &Context, args: FindArgs) -> Result<Output, CliError> {
    if args.restricted {
        ctx.require_coordinator("find --restricted")?;
    }
    if let Some(name) = &args.begeleider {
        let store = ctx.open_for_lookup()?;
        let mut guided = store.clients_guided_by(name.trim(), args.restricted)?;
        guided.truncate(args.limit);
        logged(ctx, &store, &guided)?;
        return Ok(shown(ctx, &guided));
    }
    let query = args.query.join(" ");
    if query.trim().is_empty() {
        return Err(CliError::Usage(
            "the search is empty: give part of a name, a birth year, a client number or a phone number".into(),
        ));
    }
    let store = ctx.open_for_lookup()?;
    let found = store.find(&query, args.limit, args.restricted)?;
    logged(ctx, &store, &found)?;
    Ok(shown(ctx, &found))
}

/// A lookup shows names, birth years and last visits, so it is logged with the numbers shown
/// (never the query, which is a name) before anything is printed.
fn logged(ctx: &Context, store: &Store, found: &[ClientSummary]) -> Result<(), CliError> {
    let numbers: Vec<u64> = found.iter().map(|s| s.client.number).collect();
    store.audit_find(&ctx.stamp(), &numbers)?;
    Ok(())
}

fn shown(ctx: &Context, found: &[ClientSummary]) -> Output {
    if ctx.json {
        return Output::Json(found.iter().map(json::summary).collect());
    }
    Output::Text(rows(ctx, found))
}

fn rows(ctx: &Context, found: &[ClientSummary]) -> String {
    let l = ctx.labels();
    if found.is_empty() {
        return format!("{}\n", l.no_results);
    }
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|s| {
            let mut cells: Vec<String> = s
                .row(crate::dates::SHOWN_DATE)
                .iter()
                .map(|c| safe(c).into_owned())
                .collect();
            cells.push(safe(&s.client.aliases.join(", ")).into_owned());
            cells
        })
        .collect();
    table(
        &[
            l.number,
            l.name,
            l.born,
            l.country,
            l.last_visit,
            l.open_followups,
            "",
            l.aliases,
        ],
        &rows,
    )
}
