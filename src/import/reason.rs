//! Why a row cannot be imported, kept as data so the report says it in its own language (the
//! field checks' English sentences are for the desk and `client add`).

use super::columns::Field;
use crate::labels::{ImportReasonLabels, Labels};
use crate::model::contains_bsn;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    NoName,
    TooLong {
        field: Field,
        max: usize,
    },
    Bsn {
        field: Field,
    },
    /// A value that is not a birth, country, language list or phone number.
    Unreadable {
        field: Field,
        value: String,
    },
}

impl Reason {
    /// What a field check refused in a free-text field: it can only be too long or hold a BSN.
    pub fn of_text(field: Field, value: &str, max: usize) -> Reason {
        if contains_bsn(value) {
            Reason::Bsn { field }
        } else {
            Reason::TooLong { field, max }
        }
    }

    pub fn text(&self, words: &Labels, reasons: &ImportReasonLabels) -> String {
        let name = |f: &Field| match f {
            Field::Alias => words.aliases,
            Field::Note => words.note,
            Field::Phone => words.phone,
            _ => words.name,
        };
        match self {
            Reason::NoName => reasons.no_name.to_string(),
            Reason::TooLong { field, max } => reasons
                .too_long
                .replace("{field}", &name(field).to_lowercase())
                .replace("{max}", &max.to_string()),
            Reason::Bsn { field } => reasons.bsn.replace("{field}", &name(field).to_lowercase()),
            Reason::Unreadable { field, value } => match field {
                Field::Born => reasons.birth,
                Field::Country => reasons.country,
                Field::Gender => reasons.gender,
                Field::Languages => reasons.languages,
                Field::Interpreter => reasons.interpreter,
                _ => reasons.phone,
            }
            .replace("{value}", value),
        }
    }
}
