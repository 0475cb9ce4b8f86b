//! Asking back about an unlikely value instead of refusing it: at a terminal a yes/no
//! question, in a script the instruction to add --yes. Nothing is stored unless confirmed.

use super::CliError;
use std::io::{BufRead, IsTerminal, Write};

/// Goes on when `yes` was given or the volunteer answers yes; otherwise a refusal that says
/// nothing was stored and how to go on.
pub fn confirm(question: &str, yes: bool) -> Result<(), CliError> {
    if yes {
        return Ok(());
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(CliError::Usage(format!(
            "{question} Nothing was stored: if it is right, add --yes."
        )));
    }
    eprint!("{question} [j/n] ");
    // A prompt that does not show is a worse problem than a failed flush: go on.
    let _ = std::io::stderr().flush();
    let mut typed = String::new();
    stdin
        .lock()
        .read_line(&mut typed)
        .map_err(|e| CliError::Usage(format!("could not read the answer: {e}")))?;
    if super::super::model::fields::yes(&typed) {
        Ok(())
    } else {
        Err(CliError::Usage("nothing was stored".into()))
    }
}
