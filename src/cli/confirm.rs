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
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(format!(
            "{question} Nothing was stored: if it is right, add --yes."
        )));
    }
    if crate::model::fields::yes(&answer(&format!("{question} [j/n] "))?) {
        Ok(())
    } else {
        Err(CliError::Usage("nothing was stored".into()))
    }
}

/// Shows `prompt` on stderr and reads one line typed at the terminal.
pub fn answer(prompt: &str) -> Result<String, CliError> {
    eprint!("{prompt}");
    // A prompt that does not show is a worse problem than a failed flush: go on.
    let _ = std::io::stderr().flush();
    let mut typed = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut typed)
        .map_err(|e| CliError::Usage(format!("could not read the answer: {e}")))?;
    Ok(typed)
}
