//! The office's settings (config.toml) and where files live.
//!
//! Looked up in $SPREEKUUR_CONFIG, else $XDG_CONFIG_HOME/spreekuur/config.toml, else
//! ~/.config/spreekuur/config.toml. A missing file means the built-in defaults; a file that
//! cannot be read is refused with its path, line and what is wrong.

use crate::deadlines::{DeadlineError, Deadlines, Period, RuleChange};
use crate::model::{Catalog, CatalogKind, ReportGroup, clean_line, default_groups};
use crate::tally::AgeBands;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the config file {path} is not valid: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// The language of labels and of printed reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Result<Lang, String> {
        match text.trim().to_lowercase().as_str() {
            "nl" => Ok(Lang::Nl),
            "en" => Ok(Lang::En),
            other => Err(format!(
                "labels come in nl or en, not \"{other}\": use nl or en (only `spreekuur notice` takes more languages)"
            )),
        }
    }

    pub fn is_english(self) -> bool {
        self == Lang::En
    }
}

/// The desk's colours: asked of the terminal (auto), or light or dark as the office knows
/// its terminals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    #[default]
    Auto,
    Light,
    Dark,
}

impl ThemeChoice {
    pub fn parse(text: &str) -> Result<ThemeChoice, String> {
        match text.trim().to_lowercase().as_str() {
            "auto" => Ok(ThemeChoice::Auto),
            "light" => Ok(ThemeChoice::Light),
            "dark" => Ok(ThemeChoice::Dark),
            other => Err(format!(
                "unknown theme \"{other}\": use auto, light (dark text on a light background) or dark"
            )),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from, when there was one.
    pub source: Option<PathBuf>,
    pub lang: Lang,
    /// The desk's colours.
    pub theme: ThemeChoice,
    pub catalog: Catalog,
    /// Login names that may export, forget and purge.
    pub coordinators: Vec<String>,
    /// A Unix group that may share the store (files then 0660 instead of 0600).
    pub group: Option<String>,
    /// Default retention: months without contact before `purge` proposes a client.
    pub retention_months: u32,
    /// The annual report's groups of categories, in report order.
    pub report_groups: Vec<ReportGroup>,
    /// The rules that turn a letter's date into a legal deadline and a follow-up's due date.
    pub deadlines: Deadlines,
    /// The office's name and contact, as the privacy notice gives them to a client.
    pub office: Office,
    /// The smallest count of people a report for outside the office shows; smaller ones
    /// (from 1) are hidden as "<5".
    pub outside_threshold: u64,
    /// The age bands of who came, by their lowest ages.
    pub age_bands: AgeBands,
}

/// Who the client can turn to; unset parts are said in the notice's own words ("ask at the
/// desk"), so an office that configured nothing still hands out a truthful notice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Office {
    pub name: Option<String>,
    pub contact: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            source: None,
            lang: Lang::Nl,
            theme: ThemeChoice::Auto,
            catalog: Catalog::default(),
            coordinators: Vec::new(),
            group: None,
            retention_months: 24,
            report_groups: default_groups(),
            office: Office::default(),
            deadlines: Deadlines::default(),
            outside_threshold: 5,
            age_bands: AgeBands::default(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    lang: Option<Lang>,
    theme: Option<ThemeChoice>,
    #[serde(default)]
    coordinators: Vec<String>,
    group: Option<String>,
    retention: Option<String>,
    outside_threshold: Option<u64>,
    age_bands: Option<Vec<u32>>,
    #[serde(default)]
    categories: BTreeMap<String, EntryFile>,
    #[serde(default)]
    referrals: BTreeMap<String, EntryFile>,
    #[serde(default)]
    report_group: Vec<GroupFile>,
    office: Option<OfficeFile>,
    #[serde(default)]
    deadlines: BTreeMap<String, DeadlineFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeadlineFile {
    nl: Option<String>,
    en: Option<String>,
    period: Option<PeriodText>,
    warn: Option<u32>,
    #[serde(default)]
    retired: bool,
}

/// A period read while the file is read, so a mistake is reported with its line.
#[derive(Deserialize)]
#[serde(try_from = "String")]
struct PeriodText(Period);

impl TryFrom<String> for PeriodText {
    type Error = DeadlineError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Period::parse(&text).map(PeriodText)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficeFile {
    name: Option<String>,
    contact: Option<String>,
}

/// Long enough for a name, or for a phone number, an e-mail address and opening hours.
const OFFICE_TEXT_MAX: usize = 200;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFile {
    name: String,
    categories: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFile {
    nl: Option<String>,
    en: Option<String>,
    #[serde(default)]
    retired: bool,
}

/// Reads a value of the environment; injected so tests need not change the process's.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment, with empty values treated as unset.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn absolute(var: Option<String>) -> Option<PathBuf> {
    var.map(PathBuf::from).filter(|p| p.is_absolute())
}

fn home(env: Env) -> PathBuf {
    env("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The directory config.toml is looked up in, where the office keeps its own files beside it
/// (such as notice/LANG.toml): $SPREEKUUR_CONFIG's directory, else the config directory.
pub fn office_dir(env: Env) -> PathBuf {
    match config_path(env).parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The config directory (also where a personal keymap.toml lives).
pub fn config_dir(env: Env) -> PathBuf {
    absolute(env("XDG_CONFIG_HOME"))
        .unwrap_or_else(|| home(env).join(".config"))
        .join("spreekuur")
}

pub fn config_path(env: Env) -> PathBuf {
    env("SPREEKUUR_CONFIG")
        .map(PathBuf::from)
        .unwrap_or_else(|| config_dir(env).join("config.toml"))
}

/// The store: --db, else $SPREEKUUR_DB, else $XDG_DATA_HOME/spreekuur/spreekuur.redb, else
/// ~/.local/share/spreekuur/spreekuur.redb.
pub fn store_path(flag: Option<&Path>, env: Env) -> PathBuf {
    if let Some(p) = flag {
        return p.to_path_buf();
    }
    if let Some(p) = env("SPREEKUUR_DB") {
        return PathBuf::from(p);
    }
    absolute(env("XDG_DATA_HOME"))
        .unwrap_or_else(|| home(env).join(".local").join("share"))
        .join("spreekuur")
        .join("spreekuur.redb")
}

/// Who does the thing: --as, else $SPREEKUUR_VOLUNTEER, else the login name. The name goes
/// into every audit line and is printed by `audit`, so it is one short line of visible text:
/// a line break or an escape sequence in it could make a line that looks like another.
pub fn volunteer(flag: Option<&str>, env: Env) -> Result<String, String> {
    let (given, from) = match flag {
        Some(name) => (Some(name.to_string()), "--as"),
        None => match env("SPREEKUUR_VOLUNTEER") {
            Some(name) => (Some(name), "SPREEKUUR_VOLUNTEER"),
            None => (
                env("LOGNAME").or_else(|| env("USER")).or_else(account_name),
                "the login name",
            ),
        },
    };
    let Some(given) = given else {
        return Ok("onbekend".to_string());
    };
    crate::model::fields::volunteer(&given, from)?.ok_or_else(|| {
        format!("{from} is empty: give the volunteer's name, as it should stand in the audit log")
    })
}

/// The account this process runs as, from /etc/passwd, for sessions (cron, some SSH setups)
/// that set neither LOGNAME nor USER.
fn account_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut parts = line.split(':');
        let name = parts.next()?;
        (parts.nth(1)? == uid).then(|| name.to_string())
    })
}

/// The login name, for the coordinator check (not overridable with --as).
pub fn login_name(env: Env) -> Option<String> {
    env("LOGNAME").or_else(|| env("USER")).or_else(account_name)
}

impl Config {
    /// Loads the config from its usual place; no file means the defaults.
    pub fn load(env: Env) -> Result<Config, ConfigError> {
        let path = config_path(env);
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text, &path),
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound
                    && env("SPREEKUUR_CONFIG").is_none() =>
            {
                Ok(Config::default())
            }
            Err(source) => Err(ConfigError::Read { path, source }),
        }
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let file: ConfigFile =
            toml::from_str(text).map_err(|e| invalid(describe_toml_error(text, &e)))?;
        let mut config = Config {
            source: Some(path.to_path_buf()),
            lang: file.lang.unwrap_or_default(),
            theme: file.theme.unwrap_or_default(),
            coordinators: file.coordinators,
            group: file.group.filter(|g| !g.is_empty()),
            ..Config::default()
        };
        if !file.report_group.is_empty() {
            if file.report_group.len() > 60 {
                return Err(invalid("at most 60 report groups, please".into()));
            }
            config.report_groups = file
                .report_group
                .into_iter()
                .map(|g| ReportGroup {
                    name: g.name,
                    categories: g.categories,
                })
                .collect();
        }
        if let Some(office) = file.office {
            let line = |text: Option<String>, field| -> Result<Option<String>, ConfigError> {
                let Some(text) = text else { return Ok(None) };
                let text = clean_line(&text, field, OFFICE_TEXT_MAX)
                    .map_err(|e| invalid(format!("[office] {e}")))?;
                Ok(Some(text).filter(|t| !t.is_empty()))
            };
            config.office = Office {
                name: line(office.name, "name")?,
                contact: line(office.contact, "contact")?,
            };
        }
        if let Some(n) = file.outside_threshold {
            if !(2..=100).contains(&n) {
                return Err(invalid(format!(
                    "outside_threshold is {n}: give the smallest count a report for outside may show, from 2 to 100 (usually 5 or 10)"
                )));
            }
            config.outside_threshold = n;
        }
        if let Some(bands) = file.age_bands {
            config.age_bands = AgeBands::new(bands).map_err(invalid)?;
        }
        if let Some(r) = file.retention {
            config.retention_months = parse_months(&r).map_err(invalid)?;
        }
        for (kind, entries) in [
            (CatalogKind::Category, &file.categories),
            (CatalogKind::Referral, &file.referrals),
        ] {
            for (key, entry) in entries {
                check_key(kind.noun(), key).map_err(invalid)?;
                config.catalog.set(
                    kind,
                    key,
                    entry.nl.as_deref(),
                    entry.en.as_deref(),
                    entry.retired,
                );
            }
        }
        for (key, rule) in &file.deadlines {
            check_key("deadline", key).map_err(invalid)?;
            let change = RuleChange {
                nl: rule.nl.as_deref(),
                en: rule.en.as_deref(),
                period: rule.period.as_ref().map(|p| p.0),
                warn_days: rule.warn,
                retired: rule.retired,
            };
            config
                .deadlines
                .set(key, change)
                .map_err(|e| invalid(format!("[deadlines.{key}]: {e}")))?;
        }
        Ok(config)
    }
}

/// Keys are stored in records and typed on the command line, so they stay plain.
fn check_key(noun: &str, key: &str) -> Result<(), String> {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        Ok(())
    } else {
        Err(format!(
            "the {noun} key \"{key}\" may hold only a-z, 0-9 and _"
        ))
    }
}

/// Reads a period of months such as "24m", "18" or "2j"/"2y".
pub fn parse_months(text: &str) -> Result<u32, String> {
    let t = text.trim().to_lowercase();
    let fail = || {
        format!("could not read the period \"{t}\": use months such as 24m, or years such as 2y")
    };
    let (number, factor) = if let Some(n) = t.strip_suffix('m') {
        (n, 1)
    } else if let Some(n) = t.strip_suffix('y').or_else(|| t.strip_suffix('j')) {
        (n, 12)
    } else {
        (t.as_str(), 1)
    };
    let n: u32 = number.trim().parse().map_err(|_| fail())?;
    if n == 0 {
        return Err(fail());
    }
    n.checked_mul(factor).ok_or_else(fail)
}

/// toml's message with the line number first, so the office can find the mistake.
pub fn describe_toml_error(text: &str, e: &toml::de::Error) -> String {
    let line = e
        .span()
        .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
    let message = e.message().trim().to_string();
    match line {
        Some(l) => format!("line {l}: {message}"),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_volunteer_is_one_short_line_of_visible_text() {
        let none = |_: &str| None;
        let env = |k: &str| (k == "SPREEKUUR_VOLUNTEER").then(|| " anna ".to_string());
        assert_eq!(volunteer(Some(" els "), &none), Ok("els".to_string()));
        assert_eq!(volunteer(None, &env), Ok("anna".to_string()));
        let forged = "els\n999 01-01-2026 09:00  marieke  find";
        for bad in ["", "   ", forged, "els\u{1b}[2J", "e\u{200b}ls"] {
            let err = volunteer(Some(bad), &none).unwrap_err();
            assert!(err.starts_with("--as "), "{bad:?}: {err}");
        }
        assert!(volunteer(Some(&"x".repeat(65)), &none).is_err());
    }

    #[test]
    fn relabels_adds_and_retires() {
        let text = "lang = \"en\"\n[categories.huisvesting]\nnl = \"Wonen\"\n[categories.geldzaken]\nnl = \"Geldzaken\"\nen = \"Money\"\n[referrals.voedselbank]\nretired = true\n";
        let c = Config::parse(text, Path::new("c.toml")).unwrap();
        assert_eq!(c.lang, Lang::En);
        assert_eq!(
            c.catalog.label(CatalogKind::Category, "huisvesting", false),
            "Wonen"
        );
        assert_eq!(
            c.catalog.label(CatalogKind::Category, "huisvesting", true),
            "Housing"
        );
        assert!(c.catalog.check(CatalogKind::Category, "geldzaken").is_ok());
        assert!(
            c.catalog
                .check(CatalogKind::Referral, "voedselbank")
                .is_err()
        );
    }

    #[test]
    fn refuses_with_line_and_reason() {
        let text = "lang = \"nl\"\n\n[categories.huisvesting]\nlabel = \"Wonen\"\n";
        let err = Config::parse(text, Path::new("/etc/x.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("/etc/x.toml"), "{err}");
        assert!(err.contains("line 4"), "{err}");
        assert!(err.contains("label"), "{err}");
        let bad_key = "[categories.\"Wonen!\"]\nnl = \"x\"\n";
        assert!(Config::parse(bad_key, Path::new("c")).is_err());
    }

    #[test]
    fn office_name_and_contact() {
        let text =
            "[office]\nname = \"VluchtelingenWerk Voorschoten\"\ncontact = \" 071 - 123 4567 \"\n";
        let c = Config::parse(text, Path::new("c.toml")).unwrap();
        assert_eq!(
            c.office.name.as_deref(),
            Some("VluchtelingenWerk Voorschoten")
        );
        assert_eq!(c.office.contact.as_deref(), Some("071 - 123 4567"));
        assert_eq!(Config::default().office, Office::default());
        let empty = Config::parse("[office]\nname = \"  \"\n", Path::new("c")).unwrap();
        assert_eq!(empty.office.name, None, "an empty name is no name");
        let err = Config::parse("[office]\nnaam = \"x\"\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 2") && err.contains("naam") && err.contains("contact"),
            "{err}"
        );
    }

    #[test]
    fn office_files_sit_beside_config_toml() {
        let env = |k: &str| match k {
            "SPREEKUUR_CONFIG" => Some("/etc/spreekuur/config.toml".to_string()),
            _ => None,
        };
        assert_eq!(office_dir(&env), PathBuf::from("/etc/spreekuur"));
        let env = |k: &str| (k == "HOME").then(|| "/home/v".to_string());
        assert_eq!(office_dir(&env), PathBuf::from("/home/v/.config/spreekuur"));
    }

    #[test]
    fn deadlines_are_added_changed_and_retired() {
        let text = "[deadlines.toeslagen_bezwaar]\nnl = \"bezwaar Toeslagen\"\nen = \"objection Benefits Agency\"\nperiod = \"6w\"\nwarn = 10\n[deadlines.bezwaar]\nwarn = 14\n[deadlines.bezwaar_ind]\nretired = true\n";
        let c = Config::parse(text, Path::new("c.toml")).unwrap();
        let keys: Vec<&str> = c.deadlines.active().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["bezwaar", "toeslagen_bezwaar"]);
        let added = c.deadlines.get("toeslagen_bezwaar").unwrap();
        assert_eq!(added.period, Period::Weeks(6));
        assert_eq!(added.warn_days, 10);
        assert_eq!(added.label(true), "objection Benefits Agency");
        assert_eq!(c.deadlines.get("bezwaar").unwrap().warn_days, 14);
        assert_eq!(Config::default().deadlines, Deadlines::default());
    }

    #[test]
    fn refuses_a_bad_deadline_with_what_is_wrong() {
        let refused = |text: &str| {
            Config::parse(text, Path::new("/etc/x.toml"))
                .unwrap_err()
                .to_string()
        };
        let err = refused("[deadlines.beroep]\nnl = \"beroep\"\nperiod = \"6 weken\"\n");
        assert!(
            err.contains("/etc/x.toml") && err.contains("line 3"),
            "{err}"
        );
        assert!(err.contains("6w"), "{err}");
        let err = refused("[deadlines.beroep]\nnl = \"beroep\"\n");
        assert!(
            err.contains("[deadlines.beroep]") && err.contains("period"),
            "{err}"
        );
        let err = refused("[deadlines.bezwaar]\nwarn = 50\n");
        assert!(
            err.contains("[deadlines.bezwaar]") && err.contains("50"),
            "{err}"
        );
        let err = refused("[deadlines.bezwaar]\nwarn = -1\n");
        assert!(err.contains("line 2"), "{err}");
        let err = refused("[deadlines.bezwaar]\ntermijn = \"6w\"\n");
        assert!(err.contains("termijn"), "{err}");
        let err = refused("[deadlines.\"Bezwaar!\"]\nperiod = \"6w\"\n");
        assert!(err.contains("a-z"), "{err}");
    }

    #[test]
    fn theme_is_read_and_another_word_refused_with_its_line() {
        let c = Config::parse("theme = \"light\"\n", Path::new("c.toml")).unwrap();
        assert_eq!(c.theme, ThemeChoice::Light);
        let none = Config::parse("", Path::new("c.toml")).unwrap();
        assert_eq!(none.theme, ThemeChoice::Auto);
        let err = Config::parse("lang = \"nl\"\ntheme = \"blue\"\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2"), "{err}");
        assert!(err.contains("auto") && err.contains("dark"), "{err}");
        assert_eq!(ThemeChoice::parse(" Dark "), Ok(ThemeChoice::Dark));
        assert!(
            ThemeChoice::parse("blue")
                .unwrap_err()
                .contains("auto, light")
        );
    }

    #[test]
    fn store_path_order() {
        let env = |k: &str| match k {
            "HOME" => Some("/home/v".to_string()),
            "XDG_DATA_HOME" => Some("relative/ignored".to_string()),
            _ => None,
        };
        assert_eq!(
            store_path(None, &env),
            PathBuf::from("/home/v/.local/share/spreekuur/spreekuur.redb")
        );
        assert_eq!(
            store_path(Some(Path::new("x.redb")), &env),
            PathBuf::from("x.redb")
        );
    }

    #[test]
    fn months() {
        assert_eq!(parse_months("24m"), Ok(24));
        assert_eq!(parse_months("2y"), Ok(24));
        assert!(parse_months("0").is_err());
        assert!(parse_months("lang").is_err());
    }
}
