//! `forget`: erase a client (right to erasure). Coordinator only; asks for the client number
//! to be typed at a terminal, or takes --yes in a script.

use super::args::ForgetArgs;
use super::output::{Output, safe};
use super::{CliError, Context};
use crate::labels::privacy_labels;
use crate::model::AuditAction;
use crate::store::{Store, StoreError};
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub fn run(ctx: &Context, args: ForgetArgs) -> Result<Output, CliError> {
    ctx.require_coordinator("forget")?;
    let store = ctx.open()?;
    let client = match store.client(args.number) {
        Err(StoreError::NoSuchClient(n)) if store.was_forgotten(n)? => {
            return Err(CliError::Usage(already_erased(&store, n)?));
        }
        found => found?,
    };
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
    erase(
        ctx,
        &store,
        &[client.number],
        &l.erasing_client.replace("{n}", &client.number.to_string()),
        AuditAction::Forget,
    )?;
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

/// Says that client `n` is gone already, and whether the rewrite after it is still to do (the
/// open just tried it, and said why it could not on stderr).
fn already_erased(store: &Store, n: u64) -> Result<String, CliError> {
    Ok(if store.erasure_unfinished()? {
        format!(
            "client {n} is erased already, but the store file is still to be rewritten after it, so its text still lies in the file's free space; free disk space if the disk is full, then run `spreekuur check --repair`"
        )
    } else {
        format!("client {n} is erased already; nothing is left of them but the anonymous counts")
    })
}

/// Erases the clients and rewrites the store file after it (`Store::erase`, then
/// `finish_erasure`), saying on stderr how far it got. A hang-up (a dropped SSH session) is
/// ignored from before the erasure is saved until the rewrite is done, so it cannot leave
/// half the work; `what` names the clients in those lines.
pub(super) fn erase(
    ctx: &Context,
    store: &Store,
    numbers: &[u64],
    what: &str,
    action: AuditAction,
) -> Result<(), CliError> {
    let l = privacy_labels(ctx.lang);
    let hung_up = Arc::new(AtomicBool::new(false));
    // Registered for the rest of the process, which only prints its answer after this: a
    // handler that sets a flag replaces the default action (ending the process).
    signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&hung_up)).map_err(
        |e| {
            CliError::Usage(format!(
                "cannot guard the erasure against a hang-up ({e}); nothing was erased"
            ))
        },
    )?;
    store.erase(numbers, &ctx.stamp(), action)?;
    say(&l.erase_saved.replace("{what}", what));
    store.finish_erasure()?;
    say(if hung_up.load(Ordering::Relaxed) {
        l.erase_finished_hung_up
    } else {
        l.erase_finished
    });
    Ok(())
}

/// A line on stderr; after a hang-up there may be no terminal left, which must not stop the
/// erasure.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "spreekuur: {line}");
}
