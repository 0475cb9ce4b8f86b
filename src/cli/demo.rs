//! `demo`: fill an empty store with realistic synthetic data.

use super::args::DemoArgs;
use super::output::Output;
use super::{CliError, Context};
use crate::demo::{self, DemoSize};
use serde_json::json;
use std::io::IsTerminal;
use std::time::Instant;

pub fn run(ctx: &Context, args: DemoArgs) -> Result<Output, CliError> {
    let store = ctx.open()?;
    if store.client_count()? > 0 {
        return Err(CliError::Usage(format!(
            "the store {} already holds clients; demo data only goes into an empty store. Use --db with a new file, e.g. --db /tmp/demo.redb",
            store.path().display()
        )));
    }
    let show = std::io::stderr().is_terminal();
    let started = Instant::now();
    let report = demo::fill(
        &store,
        DemoSize {
            clients: args.clients,
            visits: args.visits,
            seed: args.seed,
        },
        ctx.today(),
        |done, total| {
            if show {
                eprint!("\rdemo: {done} / {total} visits");
            }
        },
    )?;
    if show {
        eprintln!();
    }
    let seconds = started.elapsed().as_secs_f64();
    if ctx.json {
        return Ok(Output::Json(json!({
            "clients": report.clients,
            "visits": report.visits,
            "followups": report.followups,
            "appointments": report.appointments,
            "seconds": seconds,
            "store": store.path(),
        })));
    }
    Ok(Output::Text(format!(
        "{} clients, {} visits, {} follow-ups, {} appointments in {:.1} s into {}\n",
        report.clients,
        report.visits,
        report.followups,
        report.appointments,
        seconds,
        store.path().display()
    )))
}
