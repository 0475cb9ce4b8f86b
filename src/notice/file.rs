//! Reading a notice file (built in, or the office's own) and refusing one that lacks a part.

use super::fill;
use super::languages::{Language, language, list};
use super::{Notice, Section, SectionKey, Source};
use crate::config::describe_toml_error;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum NoticeError {
    #[error("there is no privacy notice in \"{code}\"; there is one in {list}", list = list())]
    Unknown { code: String },
    #[error("cannot read the notice file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the notice file {path} is not used: {message}")]
    Invalid { path: String, message: String },
}

impl NoticeError {
    /// The notice language for `code`, or the sentence that lists those there are.
    pub fn language(code: &str) -> Result<&'static Language, NoticeError> {
        language(code).ok_or_else(|| NoticeError::Unknown {
            code: code.trim().to_string(),
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoticeFile {
    review: Option<String>,
    unset: Option<UnsetFile>,
    title: Option<SectionFile>,
    what: Option<SectionFile>,
    not_stored: Option<SectionFile>,
    why: Option<SectionFile>,
    how_long: Option<SectionFile>,
    who: Option<SectionFile>,
    rights: Option<SectionFile>,
    contact: Option<SectionFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnsetFile {
    office: Option<String>,
    contact: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionFile {
    heading: Option<String>,
    body: Option<String>,
}

impl NoticeFile {
    fn take(&mut self, key: SectionKey) -> Option<SectionFile> {
        match key {
            SectionKey::Title => self.title.take(),
            SectionKey::What => self.what.take(),
            SectionKey::NotStored => self.not_stored.take(),
            SectionKey::Why => self.why.take(),
            SectionKey::HowLong => self.how_long.take(),
            SectionKey::Who => self.who.take(),
            SectionKey::Rights => self.rights.take(),
            SectionKey::Contact => self.contact.take(),
        }
    }
}

/// The office's file for `language` in `office_dir`/notice/ when there is one, else the
/// built-in text. `office_dir` is where config.toml is looked up (`config::office_dir`).
pub fn load(language: &'static Language, office_dir: &Path) -> Result<Notice, NoticeError> {
    let path = office_dir
        .join("notice")
        .join(format!("{}.toml", language.code));
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text, language, Source::Office(path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            parse(language.builtin, language, Source::BuiltIn)
        }
        Err(source) => Err(NoticeError::Read { path, source }),
    }
}

/// The notices to show a client: in their first language that has one, else Dutch and English
/// side by side, so the volunteer can always explain it in one of those.
pub fn for_client(languages: &[String], office_dir: &Path) -> Result<Vec<Notice>, NoticeError> {
    let chosen: Vec<&'static Language> = match super::for_client_languages(languages) {
        Some(one) => vec![one],
        None => ["nl", "en"]
            .into_iter()
            .filter_map(super::language)
            .collect(),
    };
    chosen.into_iter().map(|l| load(l, office_dir)).collect()
}

/// Reads a notice file; every section needs a heading and a body, [unset] needs office and
/// contact, and only the three placeholders may appear.
pub fn parse(
    text: &str,
    language: &'static Language,
    source: Source,
) -> Result<Notice, NoticeError> {
    let invalid = |message: String| NoticeError::Invalid {
        path: match &source {
            Source::BuiltIn => format!("data/notice/{}.toml (built in)", language.code),
            Source::Office(p) => p.display().to_string(),
        },
        message,
    };
    let mut file: NoticeFile =
        toml::from_str(text).map_err(|e| invalid(describe_toml_error(text, &e)))?;
    let mut missing: Vec<String> = Vec::new();
    let mut wanted = |table: &str, field: &str, value: Option<String>| -> String {
        let value = value.map(|v| clean(&v)).unwrap_or_default();
        if value.is_empty() {
            missing.push(format!("{field} in [{table}]"));
        }
        value
    };
    let unset = file.unset.take();
    let (office, contact) = match unset {
        Some(u) => (u.office, u.contact),
        None => (None, None),
    };
    let unset_office = wanted("unset", "office", office);
    let unset_contact = wanted("unset", "contact", contact);
    let mut sections = Vec::new();
    for key in SectionKey::ALL {
        let (heading, body) = match file.take(key) {
            Some(s) => (s.heading, s.body),
            None => (None, None),
        };
        sections.push(Section {
            key,
            heading: wanted(key.key(), "heading", heading),
            body: wanted(key.key(), "body", body),
        });
    }
    if !missing.is_empty() {
        return Err(invalid(format!(
            "it lacks {}. Every notice has [unset] with office and contact, and the sections {}, each with a heading and a body; `spreekuur notice --lang {} --toml` prints the built-in file to start from",
            missing.join(", "),
            SectionKey::ALL.map(SectionKey::key).join(", "),
            language.code
        )));
    }
    for s in &sections {
        for text in [&s.heading, &s.body] {
            fill::used(text).map_err(|e| invalid(format!("in [{}]: {e}", s.key.key())))?;
        }
    }
    Ok(Notice {
        language,
        source,
        review: file.review.map(|r| clean(&r)).filter(|r| !r.is_empty()),
        unset_office,
        unset_contact,
        sections,
    })
}

/// Text as it may reach a terminal: no control characters (an office's file could hold an
/// escape sequence), each line trimmed, no blank lines at either end.
fn clean(text: &str) -> String {
    text.lines()
        .map(|line| {
            line.chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .filter(|c| !c.is_control())
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::super::fill::used;
    use super::super::languages::LANGUAGES;
    use super::*;

    fn nl() -> &'static Language {
        &LANGUAGES[0]
    }

    #[test]
    fn an_office_file_replaces_the_built_in_one() {
        let dir = tempfile::tempdir().unwrap();
        let builtin = load(nl(), dir.path()).unwrap();
        assert_eq!(builtin.source, Source::BuiltIn);
        std::fs::create_dir(dir.path().join("notice")).unwrap();
        let own = nl()
            .builtin
            .replace("Wat schrijven wij op?", "Wat wij noteren");
        let path = dir.path().join("notice").join("nl.toml");
        std::fs::write(&path, own).unwrap();
        let notice = load(nl(), dir.path()).unwrap();
        assert_eq!(notice.source, Source::Office(path));
        assert_eq!(
            notice.section(SectionKey::What).map(|s| s.heading.as_str()),
            Some("Wat wij noteren")
        );
    }

    #[test]
    fn a_file_without_a_section_is_refused_with_what_it_lacks() {
        let text = nl().builtin.replace("[why]", "[waarom]");
        let path = PathBuf::from("/etc/spreekuur/notice/nl.toml");
        let err = parse(&text, nl(), Source::Office(path.clone()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("/etc/spreekuur/notice/nl.toml"), "{err}");
        assert!(err.contains("waarom"), "an unknown table is named: {err}");
        let cut = nl().builtin.split("[rights]").next().unwrap_or_default();
        let err = parse(cut, nl(), Source::Office(path))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("heading in [rights]")
                && err.contains("body in [contact]")
                && err.contains("--lang nl --toml"),
            "{err}"
        );
    }

    #[test]
    fn bad_toml_and_a_wrong_placeholder_are_refused() {
        let path = || Source::Office(PathBuf::from("nl.toml"));
        let err = parse("[title\nheading = 1", nl(), path())
            .unwrap_err()
            .to_string();
        assert!(err.contains("nl.toml") && err.contains("line 1"), "{err}");
        let text = nl().builtin.replace("Bij {office}", "Bij {kantoor}");
        let err = parse(&text, nl(), path()).unwrap_err().to_string();
        assert!(
            err.contains("{kantoor}") && err.contains("[title]"),
            "{err}"
        );
    }

    #[test]
    fn control_characters_never_reach_the_screen() {
        let text = nl()
            .builtin
            .replacen("Wat schrijven wij op?", "Wat\\u001b[2J op?", 1);
        let notice = parse(&text, nl(), Source::BuiltIn).unwrap();
        assert_eq!(
            notice.section(SectionKey::What).map(|s| s.heading.as_str()),
            Some("Wat[2J op?")
        );
    }

    #[test]
    fn an_unknown_language_lists_those_there_are() {
        let err = NoticeError::language("xx").unwrap_err().to_string();
        assert!(
            err.contains("\"xx\"") && err.contains("ti (ትግርኛ, Tigrinya)"),
            "{err}"
        );
        assert_eq!(
            NoticeError::language("prs").map(|l| l.code).ok(),
            Some("fa")
        );
    }

    /// The built-in files: each has what the Dutch one has, with the same placeholders per
    /// section, and every translation says that a native speaker should check it.
    #[test]
    fn every_language_file_has_every_part_of_the_dutch_one() {
        let dutch = parse(nl().builtin, nl(), Source::BuiltIn).unwrap();
        assert_eq!(dutch.review, None, "the Dutch text is the original");
        for language in LANGUAGES {
            let notice = parse(language.builtin, language, Source::BuiltIn)
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(notice.sections.len(), dutch.sections.len());
            for (s, d) in notice.sections.iter().zip(&dutch.sections) {
                assert_eq!(s.key, d.key);
                assert!(
                    !s.heading.is_empty() && !s.body.is_empty(),
                    "{}",
                    language.code
                );
                let both = |x: &Section| used(&format!("{} {}", x.heading, x.body));
                assert_eq!(
                    both(s),
                    both(d),
                    "{} [{}] uses other placeholders than the Dutch",
                    language.code,
                    s.key.key()
                );
            }
            if language.code != "nl" {
                let review = notice.review.as_deref().unwrap_or_default();
                assert!(
                    review.contains("moedertaalspreker") && review.contains("native speaker"),
                    "{}: the review line says in Dutch and English that it must be checked",
                    language.code
                );
                assert!(
                    review.lines().count() >= 3 || language.code == "en",
                    "{}: the review line is in the language itself too",
                    language.code
                );
            }
        }
    }
}
