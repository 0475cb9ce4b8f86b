use super::{Birth, Gender, Stamp};

/// A person the desk helps. `name` is as on the Dutch residence document; `aliases` are the
/// other spellings the desk has met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    pub number: u64,
    pub name: String,
    pub aliases: Vec<String>,
    pub birth: Birth,
    pub gender: Gender,
    /// ISO 3166 alpha-2, upper case.
    pub country: Option<String>,
    /// ISO 639 codes, lower case.
    pub languages: Vec<String>,
    pub interpreter: bool,
    pub phone: Option<String>,
    pub note: String,
    pub restricted: bool,
    /// Clients who live together share a household number.
    pub household: Option<u64>,
    /// When the client was told what is recorded and why.
    pub informed: Option<chrono::NaiveDate>,
    /// The volunteer who guides this client (a login name, as `--as` gives it): follow-ups
    /// without an assignee go to them, and "mine" lists include the clients they guide.
    pub begeleider: Option<String>,
    pub created: Stamp,
    pub changed: Stamp,
}

/// The fields a volunteer gives when registering a client; the store adds number and stamps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientDraft {
    pub name: String,
    pub aliases: Vec<String>,
    pub birth: Birth,
    pub gender: Gender,
    pub country: Option<String>,
    pub languages: Vec<String>,
    pub interpreter: bool,
    pub phone: Option<String>,
    pub note: String,
    pub begeleider: Option<String>,
}

impl Client {
    pub fn from_draft(number: u64, draft: ClientDraft, stamp: Stamp) -> Client {
        Client {
            number,
            name: draft.name,
            aliases: draft.aliases,
            birth: draft.birth,
            gender: draft.gender,
            country: draft.country,
            languages: draft.languages,
            interpreter: draft.interpreter,
            phone: draft.phone,
            note: draft.note,
            restricted: false,
            household: None,
            informed: None,
            begeleider: draft.begeleider,
            created: stamp.clone(),
            changed: stamp,
        }
    }
}
