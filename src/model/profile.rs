use super::{Birth, Client, Gender};

/// What counting who came needs of a client, and nothing that names them: the store keeps
/// one per client beside the record, so a year's tally need not read 100,000 records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile<'a> {
    pub gender: Gender,
    pub birth: Birth,
    /// ISO 3166 alpha-2.
    pub country: Option<&'a str>,
    /// The first language (ISO 639), the one the desk speaks with the client in.
    pub language: Option<&'a str>,
    pub interpreter: bool,
}

impl Profile<'_> {
    pub fn of(c: &Client) -> Profile<'_> {
        Profile {
            gender: c.gender,
            birth: c.birth,
            country: c.country.as_deref(),
            language: c.languages.first().map(String::as_str),
            interpreter: c.interpreter,
        }
    }
}
