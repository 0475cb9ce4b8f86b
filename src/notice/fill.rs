//! The placeholders {office}, {contact} and {retention}, and what fills them.

use super::{Facts, Notice, Section};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Placeholder {
    Office,
    Contact,
    Retention,
}

impl Placeholder {
    fn named(name: &str) -> Option<Placeholder> {
        match name {
            "office" => Some(Placeholder::Office),
            "contact" => Some(Placeholder::Contact),
            "retention" => Some(Placeholder::Retention),
            _ => None,
        }
    }
}

/// A text cut into what is written and what is filled in; the HTML page marks the filled
/// parts, since an office's name in Latin script inside Arabic needs its own direction.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Piece<'a> {
    Text(&'a str),
    Value(Placeholder),
}

/// `{name}` with a name of a-z and _ is a placeholder; any other brace is text.
fn next_placeholder(text: &str) -> Option<(usize, &str, usize)> {
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|i| i + from) {
        let rest = &text[open + 1..];
        let len = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(rest.len());
        if len > 0 && rest[len..].starts_with('}') {
            return Some((open, &rest[..len], open + len + 2));
        }
        from = open + 1;
    }
    None
}

pub(super) fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((start, name, end)) = next_placeholder(rest) {
        match Placeholder::named(name) {
            Some(p) => {
                if start > 0 {
                    out.push(Piece::Text(&rest[..start]));
                }
                out.push(Piece::Value(p));
            }
            None => out.push(Piece::Text(&rest[..end])),
        }
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The placeholders a text uses, sorted, or the first name that is none of them.
pub(super) fn used(text: &str) -> Result<Vec<Placeholder>, String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some((_, name, end)) = next_placeholder(rest) {
        let p = Placeholder::named(name).ok_or_else(|| {
            format!("{{{name}}} is not a placeholder; use {{office}}, {{contact}} or {{retention}}")
        })?;
        if !found.contains(&p) {
            found.push(p);
        }
        rest = &rest[end..];
    }
    found.sort();
    Ok(found)
}

/// What each placeholder says for one notice and one office.
pub(super) struct Values {
    office: String,
    contact: String,
    retention: String,
}

impl Values {
    pub(super) fn new(notice: &Notice, facts: &Facts) -> Values {
        Values {
            office: facts
                .office
                .name
                .clone()
                .unwrap_or_else(|| notice.unset_office.clone()),
            contact: facts
                .office
                .contact
                .clone()
                .unwrap_or_else(|| notice.unset_contact.clone()),
            retention: facts.retention_months.to_string(),
        }
    }

    pub(super) fn get(&self, p: Placeholder) -> &str {
        match p {
            Placeholder::Office => &self.office,
            Placeholder::Contact => &self.contact,
            Placeholder::Retention => &self.retention,
        }
    }

    pub(super) fn fill(&self, text: &str) -> String {
        pieces(text)
            .into_iter()
            .map(|p| match p {
                Piece::Text(t) => t,
                Piece::Value(v) => self.get(v),
            })
            .collect()
    }
}

impl Notice {
    /// The sections with every placeholder filled in, for a caller that lays them out itself.
    pub fn filled_sections(&self, facts: &Facts) -> Vec<Section> {
        let values = Values::new(self, facts);
        self.sections
            .iter()
            .map(|s| Section {
                key: s.key,
                heading: values.fill(&s.heading),
                body: values.fill(&s.body),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_placeholders_and_leaves_other_braces() {
        assert_eq!(
            pieces("Bij {office}, {x} of {Office} {"),
            vec![
                Piece::Text("Bij "),
                Piece::Value(Placeholder::Office),
                Piece::Text(", {x}"),
                Piece::Text(" of {Office} {"),
            ]
        );
        assert_eq!(
            pieces("{retention}{contact}"),
            vec![
                Piece::Value(Placeholder::Retention),
                Piece::Value(Placeholder::Contact)
            ]
        );
    }

    #[test]
    fn lists_what_is_used_and_names_a_mistake() {
        assert_eq!(
            used("{retention} … {office} {office}"),
            Ok(vec![Placeholder::Office, Placeholder::Retention])
        );
        let err = used("bij {offfice}").unwrap_err();
        assert!(
            err.contains("{offfice}") && err.contains("{office}"),
            "{err}"
        );
        assert_eq!(used("{ geen } {}"), Ok(vec![]));
    }
}
