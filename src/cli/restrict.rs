//! `restrict`: hide a client from search and lists; `--lift` undoes it (coordinator only,
//! so a restriction asked for by a client is not lifted by mistake at the desk).

use super::args::RestrictArgs;
use super::output::Output;
use super::{CliError, Context};
use crate::labels::privacy_labels;
use serde_json::json;

pub fn run(ctx: &Context, args: RestrictArgs) -> Result<Output, CliError> {
    if args.lift {
        ctx.require_coordinator("lifting a restriction")?;
    }
    let store = ctx.open()?;
    let client = store.restrict(args.number, !args.lift, &ctx.stamp())?;
    if ctx.json {
        return Ok(Output::Json(
            json!({ "number": client.number, "restricted": client.restricted }),
        ));
    }
    let l = privacy_labels(ctx.lang);
    let text = if args.lift {
        l.lifted_now
    } else {
        l.restricted_now
    };
    Ok(Output::Text(format!(
        "{}\n",
        text.replace("{n}", &client.number.to_string())
    )))
}
