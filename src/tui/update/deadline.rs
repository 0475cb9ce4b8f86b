//! The legal deadline of a follow-up, shared by the visit form and the card's follow-up form:
//! choosing a rule, what the letter's date comes to as it is typed, the lines the rule fills,
//! and the follow-up made at save (an unlikely letter date asked back once, not refused).

use super::LINE_MAX;
use crate::config::Lang;
use crate::dates::{parse_date, parse_letter_date, shown};
use crate::deadlines::{Deadlines, Guard, LetterDate, guard};
use crate::labels::DeskLabels;
use crate::model::{LegalDeadline, clean_line, unlikely_due};
use crate::tui::forms::{DeadlinePick, FollowupField};
use chrono::NaiveDate;
use tui_input::Input;

/// What the office's rules say, and the day: all a pick needs to come to dates.
#[derive(Clone, Copy)]
pub struct Rules<'a> {
    pub deadlines: &'a Deadlines,
    pub today: NaiveDate,
    pub english: bool,
}

/// What a pick comes to as typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    /// No rule: an ordinary follow-up.
    None,
    NoLetter,
    /// The letter's date cannot be read: why.
    BadLetter(String),
    /// A rule the office no longer offers (from a draft): why.
    BadRule(String),
    Ready {
        guard: Guard,
        check: LetterDate,
    },
}

pub fn resolve(pick: &DeadlinePick, rules: Rules) -> Resolved {
    let Some(key) = &pick.rule else {
        return Resolved::None;
    };
    let rule = match rules.deadlines.get(key) {
        Ok(rule) => rule,
        Err(e) => return Resolved::BadRule(e.to_string()),
    };
    let text = pick.letter.value();
    if text.trim().is_empty() {
        return Resolved::NoLetter;
    }
    match parse_letter_date(text, rules.today) {
        Ok(letter) => Resolved::Ready {
            guard: guard(rule, letter, rules.english),
            check: LetterDate::check(letter, rules.today),
        },
        Err(e) => {
            let lang = if rules.english { Lang::En } else { Lang::Nl };
            Resolved::BadLetter(crate::labels::refusal::date(lang, &e))
        }
    }
}

/// The next (or previous) choice: no deadline, then the office's rules in their order.
pub(super) fn cycle(pick: &mut DeadlinePick, deadlines: &Deadlines, forward: bool) {
    let keys: Vec<Option<&str>> = std::iter::once(None)
        .chain(deadlines.active().map(|r| Some(r.key.as_str())))
        .collect();
    let n = keys.len();
    let i = keys
        .iter()
        .position(|k| *k == pick.rule.as_deref())
        .unwrap_or(0);
    let next = if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    };
    pick.rule = keys.get(next).copied().flatten().map(str::to_string);
}

/// Fills the follow-up's text and due date from the rule and the letter where they still hold
/// what was filled in last, or nothing: a line the volunteer typed in stays theirs. Without a
/// rule they go back to `default_due`; a letter not yet readable leaves them as they are, so
/// they do not flicker while the date is typed.
pub(super) fn refill(
    pick: &mut DeadlinePick,
    text: &mut Input,
    due: &mut Input,
    rules: Rules,
    default_due: &str,
) {
    let (new_text, new_due) = match resolve(pick, rules) {
        Resolved::Ready { guard, .. } => (guard.text, shown(guard.due)),
        Resolved::None => (String::new(), default_due.to_string()),
        _ => return,
    };
    let (old_text, old_due) = &pick.filled;
    if text.value().is_empty() || text.value() == old_text {
        *text = Input::new(new_text.clone());
    }
    if due.value().is_empty() || due.value() == old_due {
        *due = Input::new(new_due.clone());
    }
    pick.filled = (new_text, new_due);
}

/// A follow-up's lines as saved.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Made {
    pub text: String,
    pub due: NaiveDate,
    pub deadline: Option<LegalDeadline>,
}

/// The follow-up the lines make (none when they are empty and no rule is chosen), or why not
/// and on which line. With a rule, an empty text or due date is the rule's, and the due date
/// may not fall after the deadline it guards. An unlikely letter date is asked back: the first
/// save says so (naming `save_key`), the next with the same date goes through.
pub(super) fn make(
    pick: &mut DeadlinePick,
    text: &str,
    due: &str,
    rules: Rules,
    d: &DeskLabels,
    save_key: &str,
) -> Result<Option<Made>, (FollowupField, String)> {
    let guard = match resolve(pick, rules) {
        Resolved::None => None,
        Resolved::NoLetter => return Err((FollowupField::Letter, d.need_letter.to_string())),
        Resolved::BadLetter(e) => return Err((FollowupField::Letter, e)),
        Resolved::BadRule(e) => return Err((FollowupField::Rule, e)),
        Resolved::Ready { guard, check } => {
            let letter = guard.deadline.letter;
            if let Some(question) = check.question(letter, rules.english)
                && pick.asked != Some(letter)
            {
                pick.asked = Some(letter);
                return Err((FollowupField::Letter, ask_again(d, &question, save_key)));
            }
            Some(guard)
        }
    };
    let text = text.trim();
    let text = match &guard {
        None if text.is_empty() => return Ok(None),
        Some(g) if text.is_empty() => g.text.as_str(),
        _ => text,
    };
    // A rule's label comes from config.toml: cleaned like any follow-up text.
    let lang = if rules.english { Lang::En } else { Lang::Nl };
    let text = clean_line(text, "follow-up", LINE_MAX)
        .map_err(|e| (FollowupField::Text, crate::labels::refusal::input(lang, &e)))?;
    let due = match &guard {
        Some(g) if due.trim().is_empty() => g.due,
        _ => parse_date(due, rules.today)
            .map_err(|e| (FollowupField::Due, crate::labels::refusal::date(lang, &e)))?,
    };
    // With a rule the due date lies before the deadline, which the letter's date (asked
    // about above) bounds: only a due date of its own is asked about.
    if guard.is_none()
        && let Some(odd) = unlikely_due(due, rules.today)
        && pick.asked_due != Some(due)
    {
        pick.asked_due = Some(due);
        return Err((
            FollowupField::Due,
            ask_again(d, &odd.question(rules.english), save_key),
        ));
    }
    if let Some(g) = &guard
        && due > g.deadline.ends
    {
        let refused = d
            .due_after_deadline
            .replace("{date}", &shown(g.deadline.ends));
        return Err((FollowupField::Due, refused));
    }
    Ok(Some(Made {
        text,
        due,
        deadline: guard.map(|g| g.deadline),
    }))
}

/// A question about an unlikely date with how to go on: "… Klopt die datum? ctrl-s nogmaals
/// = toch opslaan."
pub(super) fn ask_again(d: &DeskLabels, question: &str, save_key: &str) -> String {
    d.confirm_date
        .replace("{question}", question)
        .replace("{key}", save_key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Lang;
    use crate::labels::desk_labels;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rules(deadlines: &Deadlines) -> Rules<'_> {
        Rules {
            deadlines,
            today: d(2026, 11, 30),
            english: false,
        }
    }

    fn pick(rule: Option<&str>, letter: &str) -> DeadlinePick {
        DeadlinePick {
            rule: rule.map(str::to_string),
            letter: Input::new(letter.into()),
            ..DeadlinePick::default()
        }
    }

    #[test]
    fn cycles_through_no_deadline_and_the_rules_both_ways() {
        let deadlines = Deadlines::default();
        let mut p = DeadlinePick::default();
        let mut seen = Vec::new();
        for _ in 0..3 {
            cycle(&mut p, &deadlines, true);
            seen.push(p.rule.clone());
        }
        assert_eq!(
            seen,
            [Some("bezwaar".into()), Some("bezwaar_ind".into()), None]
        );
        cycle(&mut p, &deadlines, false);
        assert_eq!(p.rule.as_deref(), Some("bezwaar_ind"));
        // A key the office no longer has starts the round again.
        p.rule = Some("vervallen".into());
        cycle(&mut p, &deadlines, true);
        assert_eq!(p.rule.as_deref(), Some("bezwaar"));
    }

    #[test]
    fn the_letter_resolves_to_the_deadline_and_the_due_date() {
        let deadlines = Deadlines::default();
        let r = rules(&deadlines);
        assert_eq!(resolve(&pick(None, "28-11"), r), Resolved::None);
        assert_eq!(resolve(&pick(Some("bezwaar"), " "), r), Resolved::NoLetter);
        assert!(matches!(
            resolve(&pick(Some("bezwaar"), "31-02"), r),
            Resolved::BadLetter(_)
        ));
        assert!(matches!(
            resolve(&pick(Some("beroep"), "28-11"), r),
            Resolved::BadRule(e) if e.contains("beroep")
        ));
        let Resolved::Ready { guard, check } = resolve(&pick(Some("bezwaar"), "28-11"), r) else {
            panic!("a readable letter");
        };
        assert_eq!(check, LetterDate::Plausible);
        assert_eq!(guard.deadline.letter, d(2026, 11, 28));
        assert_eq!(guard.deadline.ends, d(2027, 1, 11));
        assert_eq!(guard.due, d(2027, 1, 4));
    }

    #[test]
    fn the_rule_fills_untouched_lines_and_leaves_typed_ones() {
        let deadlines = Deadlines::default();
        let r = rules(&deadlines);
        let (mut text, mut due) = (Input::default(), Input::default());
        let mut p = pick(Some("bezwaar"), "28-11");
        refill(&mut p, &mut text, &mut due, r, "");
        assert_eq!(
            text.value(),
            "bezwaar tegen brief van 28-11-2026: uiterlijk 11-01-2027"
        );
        assert_eq!(due.value(), "04-01-2027");
        // Another rule: both lines follow.
        p.rule = Some("bezwaar_ind".into());
        refill(&mut p, &mut text, &mut due, r, "");
        assert!(text.value().starts_with("bezwaar IND"), "{}", text.value());
        assert_eq!(due.value(), "21-12-2026");
        // The volunteer's own text stays; the due date still follows the letter.
        text = Input::new("bezwaar maken met Kwadraad".into());
        p.letter = Input::new("20-11".into());
        refill(&mut p, &mut text, &mut due, r, "");
        assert_eq!(text.value(), "bezwaar maken met Kwadraad");
        assert_eq!(due.value(), "11-12-2026");
        // Half a date leaves the lines; no deadline takes the filled ones back.
        p.letter = Input::new("20-".into());
        refill(&mut p, &mut text, &mut due, r, "");
        assert_eq!(due.value(), "11-12-2026");
        p.rule = None;
        refill(&mut p, &mut text, &mut due, r, "+2w");
        assert_eq!(
            (text.value(), due.value()),
            ("bezwaar maken met Kwadraad", "+2w")
        );
    }

    #[test]
    fn an_unlikely_letter_is_asked_once_then_saved() {
        let deadlines = Deadlines::default();
        let r = rules(&deadlines);
        let labels = desk_labels(Lang::Nl);
        let mut p = pick(Some("bezwaar"), "28-11-2062");
        let (field, asked) = make(&mut p, "", "", r, labels, "ctrl-s").unwrap_err();
        assert_eq!(field, FollowupField::Letter);
        assert_eq!(
            asked,
            "De brief is gedateerd 28-11-2062, na vandaag. Klopt die datum? ctrl-s nogmaals = toch opslaan."
        );
        let made = make(&mut p, "", "", r, labels, "ctrl-s").unwrap().unwrap();
        assert_eq!(made.deadline.unwrap().letter, d(2062, 11, 28));
        // Another date is asked about again.
        p.letter = Input::new("28-11-2024".into());
        let (_, asked) = make(&mut p, "", "", r, labels, "Enter").unwrap_err();
        assert!(asked.contains("meer dan een jaar geleden"), "{asked}");
    }

    #[test]
    fn saving_takes_the_rule_s_lines_and_keeps_the_due_date_before_the_deadline() {
        let deadlines = Deadlines::default();
        let r = rules(&deadlines);
        let labels = desk_labels(Lang::Nl);
        let mut none = pick(None, "");
        assert_eq!(make(&mut none, " ", "", r, labels, "ctrl-s"), Ok(None));
        let made = make(&mut none, "bellen", "vrijdag", r, labels, "ctrl-s")
            .unwrap()
            .unwrap();
        assert_eq!((made.due, made.deadline), (d(2026, 12, 4), None));
        let mut p = pick(Some("bezwaar"), "28-11");
        let made = make(&mut p, "", "", r, labels, "ctrl-s").unwrap().unwrap();
        assert_eq!(
            made.text,
            "bezwaar tegen brief van 28-11-2026: uiterlijk 11-01-2027"
        );
        assert_eq!(made.due, d(2027, 1, 4));
        assert_eq!(
            made.deadline,
            Some(LegalDeadline {
                rule: "bezwaar".into(),
                letter: d(2026, 11, 28),
                ends: d(2027, 1, 11),
            })
        );
        let (field, why) = make(&mut p, "", "12-01-2027", r, labels, "ctrl-s").unwrap_err();
        assert_eq!(field, FollowupField::Due);
        assert!(why.contains("11-01-2027"), "{why}");
        let (field, _) =
            make(&mut pick(Some("bezwaar"), ""), "", "", r, labels, "ctrl-s").unwrap_err();
        assert_eq!(field, FollowupField::Letter);
    }
}
