//! A follow-up that guards a legal deadline, from a rule's key and a letter's date: for
//! `visit --deadline` and `followup add --deadline`.

use super::confirm::confirm;
use super::{CliError, Context};
use crate::dates::{parse_letter_date, shown};
use crate::deadlines::{Guard, LetterDate, guard};
use crate::model::clean_line;
use serde_json::{Value, json};

const TEXT_MAX: usize = 200;

/// The follow-up for `rule` and the letter dated `letter` (asked back when that date is
/// unlikely: in the future, or more than a year ago).
pub fn from_letter(ctx: &Context, rule: &str, letter: &str, yes: bool) -> Result<Guard, CliError> {
    let rule = ctx.config.deadlines.get(rule)?;
    let today = ctx.today();
    let letter = parse_letter_date(letter, today)?;
    if let Some(question) = LetterDate::check(letter, today).question(letter, ctx.english()) {
        confirm(&question, yes)?;
    }
    let mut g = guard(rule, letter, ctx.english());
    // The label comes from config.toml: cleaned like any follow-up text.
    g.text = clean_line(&g.text, "follow-up", TEXT_MAX)?;
    Ok(g)
}

/// The line `visit` and `followup add` print: the follow-up and both dates.
pub fn line(ctx: &Context, number: u64, g: &Guard) -> String {
    let l = ctx.labels();
    format!(
        "{} {number}: {}\n  {} {} · {} {}\n",
        l.followup_saved,
        g.text,
        l.legal_deadline,
        shown(g.deadline.ends),
        l.due_on,
        shown(g.due)
    )
}

/// Adds what `--json` says of a follow-up from a letter, when there is one: the legal
/// deadline and the due date, ISO.
pub fn add_json_keys(out: &mut Value, guarded: Option<&Guard>) {
    if let (Some(g), Some(o)) = (guarded, out.as_object_mut()) {
        o.insert(
            "deadline".into(),
            json!(g.deadline.ends.format("%Y-%m-%d").to_string()),
        );
        o.insert("due".into(), json!(g.due.format("%Y-%m-%d").to_string()));
    }
}
