//! The privacy notice: what spreekuur records about a client, why, for how long, who sees it
//! and the client's rights, in a language the client reads.
//!
//! The texts are data (data/notice/LANG.toml, built in); an office replaces one with
//! `<config dir>/notice/LANG.toml`. Rendering is pure: plain lines for a terminal (right-to-left
//! ones flagged, never reordered by us) and a self-contained printable HTML page.

mod file;
mod fill;
mod html;
mod languages;
mod text;

pub use file::{NoticeError, for_client, load, parse};
pub use languages::{LANGUAGES, Language, for_client_languages, language, list};
pub use text::{Line, LineKind};

use crate::config::Office;
use chrono::NaiveDate;
use std::path::PathBuf;

/// The parts of every notice, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKey {
    Title,
    What,
    NotStored,
    Why,
    HowLong,
    Who,
    Rights,
    Contact,
}

impl SectionKey {
    pub const ALL: [SectionKey; 8] = [
        SectionKey::Title,
        SectionKey::What,
        SectionKey::NotStored,
        SectionKey::Why,
        SectionKey::HowLong,
        SectionKey::Who,
        SectionKey::Rights,
        SectionKey::Contact,
    ];

    /// The table's name in the file.
    pub fn key(self) -> &'static str {
        match self {
            SectionKey::Title => "title",
            SectionKey::What => "what",
            SectionKey::NotStored => "not_stored",
            SectionKey::Why => "why",
            SectionKey::HowLong => "how_long",
            SectionKey::Who => "who",
            SectionKey::Rights => "rights",
            SectionKey::Contact => "contact",
        }
    }
}

/// One part: a heading and a body whose lines are paragraphs, or list items when they start
/// with "- ". Both may hold the placeholders {office}, {contact} and {retention}.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub key: SectionKey,
    pub heading: String,
    pub body: String,
}

/// Where a notice's text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    BuiltIn,
    Office(PathBuf),
}

/// A notice in one language, as read from its file; fill it in with [`Facts`] to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub language: &'static Language,
    pub source: Source,
    /// Says that a native speaker should check the text before the office uses it; shown
    /// above the notice while it is there.
    pub review: Option<String>,
    /// Said instead of the office's name and contact when config.toml has none.
    pub unset_office: String,
    pub unset_contact: String,
    /// Every [`SectionKey`], in that order.
    pub sections: Vec<Section>,
}

impl Notice {
    pub fn section(&self, key: SectionKey) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }
}

/// What the placeholders are filled with, and the date a printed page carries.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub office: &'a Office,
    pub retention_months: u32,
    pub date: NaiveDate,
}

impl<'a> Facts<'a> {
    pub fn new(config: &'a crate::config::Config, date: NaiveDate) -> Facts<'a> {
        Facts {
            office: &config.office,
            retention_months: config.retention_months,
            date,
        }
    }
}
