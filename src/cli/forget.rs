//! `forget`: erase a client (right to erasure). Coordinator only; asks for the client number
//! to be typed at a terminal, or takes --yes in a script.

use super::args::ForgetArgs;
use super::output::{Output, safe};
use super::{CliError, Context};
use crate::labels::privacy_labels;
use crate::model::AuditAction;
use serde_json::json;
use std::io::IsTerminal;

pub fn run(ctx: &Context, args: ForgetArgs) -> Result<Output, CliError> {
    ctx.require_coordinator("forget")?;
    let store = ctx.open()?;
    let client = store.client(args.number)?;
    let l = privacy_labels(ctx.lang);
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            return Err(CliError::Usage(
                "forget asks you to type the client number at a terminal; in a script, add --yes"
                    .into(),
            ));
        }
        let warning = l
            .forget_warning
            .replace("{n}", &client.number.to_string())
            .replace("{name}", &safe(&client.name));
        let typed = super::confirm::answer(&format!("{warning}\n{}", l.forget_prompt))?;
        if typed.trim() != client.number.to_string() {
            return Err(CliError::Usage(format!(
                "\"{}\" is not {}: nothing was erased",
                safe(typed.trim()),
                client.number
            )));
        }
    }
    store.forget(&[client.number], &ctx.stamp(), AuditAction::Forget)?;
    if ctx.json {
        return Ok(Output::Json(
            json!({ "number": client.number, "forgotten": true }),
        ));
    }
    Ok(Output::Text(format!(
        "{}\n",
        l.forgotten.replace("{n}", &client.number.to_string())
    )))
}
