//! The notice as plain lines, for the desk and for `spreekuur notice` in a terminal.
//!
//! Lines keep the text's logical order: a right-to-left line is flagged so the desk can
//! right-align it, and the terminal does its own bidi (or none); we never reorder.

use super::fill::Values;
use super::{Facts, Notice, SectionKey};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// That a native speaker should check the text.
    Review,
    Title,
    Heading,
    Body,
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    pub text: String,
    /// Right to left: right-align it.
    pub rtl: bool,
}

impl Notice {
    /// Every line of the notice, filled in, wrapped at `width` display columns (0: one line
    /// per paragraph, for a caller that wraps by itself).
    pub fn lines(&self, facts: &Facts, width: usize) -> Vec<Line> {
        let values = Values::new(self, facts);
        let rtl = self.language.rtl;
        let mut out = Vec::new();
        let mut push = |kind, text: String, rtl| out.push(Line { kind, text, rtl });
        if let Some(review) = &self.review {
            for line in review.lines().filter(|l| !l.is_empty()) {
                for part in wrap(line, width, "") {
                    push(LineKind::Review, part, starts_right_to_left(line));
                }
            }
            push(LineKind::Blank, String::new(), rtl);
        }
        for (i, section) in self.sections.iter().enumerate() {
            if i > 0 {
                push(LineKind::Blank, String::new(), rtl);
            }
            let kind = if section.key == SectionKey::Title {
                LineKind::Title
            } else {
                LineKind::Heading
            };
            for part in wrap(&values.fill(&section.heading), width, "") {
                push(kind, part, rtl);
            }
            for paragraph in section.body.lines().filter(|l| !l.is_empty()) {
                let indent = if paragraph.starts_with("- ") {
                    "  "
                } else {
                    ""
                };
                for part in wrap(&values.fill(paragraph), width, indent) {
                    push(LineKind::Body, part, rtl);
                }
            }
        }
        out
    }

    /// The lines as one text, for a terminal or a file.
    pub fn text(&self, facts: &Facts, width: usize) -> String {
        self.lines(facts, width)
            .into_iter()
            .map(|l| l.text + "\n")
            .collect()
    }
}

/// Words joined into lines of at most `width` columns; later lines start with `indent`. A
/// word longer than a line stands on a line of its own.
fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    if width == 0 {
        return vec![text.to_string()];
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.trim().is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::replace(&mut line, indent.to_string()));
        } else if !line.trim().is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Whether the first letter is of a right-to-left script (Hebrew, Arabic, Syriac, Thaana,
/// and their presentation forms): the review line mixes a language with Dutch and English.
pub(super) fn starts_right_to_left(text: &str) -> bool {
    text.chars().find(|c| c.is_alphabetic()).is_some_and(|c| {
        matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
    })
}

#[cfg(test)]
mod tests {
    use super::super::{LANGUAGES, Source, language, parse};
    use super::*;
    use crate::config::Office;
    use chrono::NaiveDate;

    fn facts(office: &Office) -> Facts<'_> {
        Facts {
            office,
            retention_months: 18,
            date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default(),
        }
    }

    fn notice(code: &str) -> Notice {
        let l = language(code).unwrap();
        parse(l.builtin, l, Source::BuiltIn).unwrap()
    }

    #[test]
    fn wraps_at_words_and_indents_list_items() {
        assert_eq!(wrap("een twee drie vier", 9, ""), ["een twee", "drie vier"]);
        assert_eq!(
            wrap("- een twee drie", 9, "  "),
            ["- een", "  twee", "  drie"]
        );
        assert_eq!(wrap("ongebruikelijklang", 5, ""), ["ongebruikelijklang"]);
        assert_eq!(wrap("ሰላም ሰላም ሰላም", 8, ""), ["ሰላም ሰላም", "ሰላም"]);
        assert_eq!(wrap("", 10, ""), [""]);
        assert_eq!(wrap("a b", 0, ""), ["a b"]);
    }

    #[test]
    fn dutch_is_filled_in_from_the_config() {
        let office = Office {
            name: Some("VluchtelingenWerk Voorschoten".into()),
            contact: Some("071 123 4567".into()),
        };
        let text = notice("nl").text(&facts(&office), 72);
        assert!(text.contains("VluchtelingenWerk Voorschoten"), "{text}");
        assert!(text.contains("071 123 4567"), "{text}");
        assert!(text.contains("18 maanden"), "{text}");
        assert!(!text.contains('{'), "every placeholder is filled: {text}");
        assert!(text.lines().all(|l| l.width() <= 72), "{text}");
    }

    #[test]
    fn without_an_office_in_the_config_it_says_to_ask_the_desk() {
        let text = notice("nl").text(&facts(&Office::default()), 0);
        assert!(text.contains("balie"), "{text}");
        let text = notice("en").text(&facts(&Office::default()), 0);
        assert!(text.contains("desk"), "{text}");
    }

    #[test]
    fn arabic_lines_are_flagged_right_to_left_and_kept_whole() {
        let lines = notice("ar").lines(&facts(&Office::default()), 0);
        let title = lines.iter().find(|l| l.kind == LineKind::Title).unwrap();
        assert!(title.rtl);
        assert!(
            lines
                .iter()
                .filter(|l| l.kind == LineKind::Body)
                .all(|l| l.rtl)
        );
        let review: Vec<_> = lines
            .iter()
            .filter(|l| l.kind == LineKind::Review)
            .collect();
        assert!(review[0].rtl, "the Arabic review line");
        assert!(review.iter().any(|l| !l.rtl), "the Dutch and English ones");
        let dutch = notice("nl").lines(&facts(&Office::default()), 40);
        assert!(dutch.iter().all(|l| !l.rtl));
        assert_eq!(dutch[0].kind, LineKind::Title, "no review line in Dutch");
    }

    #[test]
    fn every_language_renders_with_every_placeholder_filled() {
        let office = Office::default();
        for l in LANGUAGES {
            let n = parse(l.builtin, l, Source::BuiltIn).unwrap();
            let text = n.text(&facts(&office), 60);
            assert!(text.contains("18"), "{}: the retention is given", l.code);
            assert!(!text.contains("{office}") && !text.contains("{contact}"));
            let whole = n.text(&facts(&office), 0);
            assert!(whole.contains(&n.unset_contact), "{}", l.code);
        }
    }
}
