//! The deadline rules in force for this office: the built-in defaults with what config.toml
//! adds, changes or retires. Keys never change; labels, periods and warn days may.

use super::{DeadlineError, Period};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineRule {
    pub key: String,
    pub nl: String,
    pub en: String,
    /// Counted from the letter's date.
    pub period: Period,
    /// How many days before the legal deadline the follow-up falls due.
    pub warn_days: u32,
    /// A retired rule is no longer offered, but its label still prints for old follow-ups.
    pub retired: bool,
}

impl DeadlineRule {
    pub fn label(&self, english: bool) -> &str {
        if english { &self.en } else { &self.nl }
    }
}

/// What config.toml says about one rule; a field left out keeps the default's.
#[derive(Debug, Clone, Default)]
pub struct RuleChange<'a> {
    pub nl: Option<&'a str>,
    pub en: Option<&'a str>,
    pub period: Option<Period>,
    pub warn_days: Option<u32>,
    pub retired: bool,
}

const DEFAULT_WARN_DAYS: u32 = 7;

const DEFAULTS: &[(&str, &str, &str, Period)] = &[
    // Awb art. 6:7: six weeks to object to a decision of an administrative body (Toeslagen,
    // DUO, the municipality, UWV …); art. 6:8: the period starts on the day after the decision
    // was sent.
    ("bezwaar", "bezwaar", "objection", Period::Weeks(6)),
    // Vreemdelingenwet 2000 art. 69 lid 1: four weeks to object to a regular IND decision,
    // counted as Awb art. 6:8 says.
    (
        "bezwaar_ind",
        "bezwaar IND",
        "objection IND",
        Period::Weeks(4),
    ),
];

/// The rule set, in the order the office sees it: defaults first, then the office's own (by
/// key, the order config.toml's tables are read in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadlines {
    rules: Vec<DeadlineRule>,
}

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines {
            rules: DEFAULTS
                .iter()
                .map(|&(key, nl, en, period)| DeadlineRule {
                    key: key.to_string(),
                    nl: nl.to_string(),
                    en: en.to_string(),
                    period,
                    warn_days: DEFAULT_WARN_DAYS,
                    retired: false,
                })
                .collect(),
        }
    }
}

impl Deadlines {
    /// The rule for a key a volunteer typed: it must exist and not be retired. The error
    /// lists the valid keys.
    pub fn get(&self, key: &str) -> Result<&DeadlineRule, DeadlineError> {
        let key = key.trim().to_lowercase();
        match self.rules.iter().find(|r| r.key == key) {
            Some(rule) if !rule.retired => Ok(rule),
            found => {
                let valid = self
                    .active()
                    .map(|r| r.key.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                Err(if found.is_some() {
                    DeadlineError::Retired { key, valid }
                } else {
                    DeadlineError::Unknown { key, valid }
                })
            }
        }
    }

    /// The rules that are offered, in order.
    pub fn active(&self) -> impl Iterator<Item = &DeadlineRule> {
        self.rules.iter().filter(|r| !r.retired)
    }

    /// The label of a key; a retired rule's still prints, and a key the config no longer has
    /// prints as itself, so old follow-ups stay readable.
    pub fn label<'a>(&'a self, key: &'a str, english: bool) -> &'a str {
        self.rules
            .iter()
            .find(|r| r.key == key)
            .map_or(key, |r| r.label(english))
    }

    /// Adds a rule or changes one. A new rule needs a period; warn days must fall after the
    /// letter, so they must be fewer than the shortest the period can be.
    pub fn set(&mut self, key: &str, change: RuleChange) -> Result<(), DeadlineError> {
        let mut rule = match self.rules.iter().find(|r| r.key == key) {
            Some(rule) => rule.clone(),
            None => DeadlineRule {
                key: key.to_string(),
                nl: key.to_string(),
                en: key.to_string(),
                period: change
                    .period
                    .ok_or_else(|| DeadlineError::NoPeriod(key.to_string()))?,
                warn_days: DEFAULT_WARN_DAYS,
                retired: false,
            },
        };
        if let Some(nl) = change.nl {
            if change.en.is_none() && rule.en == key {
                rule.en = nl.to_string();
            }
            rule.nl = nl.to_string();
        }
        if let Some(en) = change.en {
            rule.en = en.to_string();
        }
        rule.period = change.period.unwrap_or(rule.period);
        rule.warn_days = change.warn_days.unwrap_or(rule.warn_days);
        rule.retired = change.retired;
        if rule.warn_days >= rule.period.shortest_days() {
            return Err(DeadlineError::WarnTooLate {
                key: rule.key,
                warn: rule.warn_days,
                period: rule.period,
            });
        }
        match self.rules.iter_mut().find(|r| r.key == key) {
            Some(old) => *old = rule,
            None => self.rules.push(rule),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_in_order() {
        let d = Deadlines::default();
        let keys: Vec<&str> = d.active().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["bezwaar", "bezwaar_ind"]);
        let rule = d.get(" Bezwaar_IND ").unwrap();
        assert_eq!(rule.period, Period::Weeks(4));
        assert_eq!(rule.warn_days, 7);
        assert_eq!(d.label("bezwaar_ind", false), "bezwaar IND");
        assert_eq!(d.label("bezwaar", true), "objection");
    }

    #[test]
    fn unknown_key_lists_the_valid_ones() {
        let err = Deadlines::default().get("beroep").unwrap_err().to_string();
        assert!(err.contains("\"beroep\" is unknown"), "{err}");
        assert!(err.contains("bezwaar, bezwaar_ind"), "{err}");
    }

    #[test]
    fn an_office_adds_overrides_and_retires() {
        let mut d = Deadlines::default();
        d.set(
            "toeslagen_bezwaar",
            RuleChange {
                nl: Some("bezwaar Toeslagen"),
                period: Some(Period::Weeks(6)),
                warn_days: Some(10),
                ..RuleChange::default()
            },
        )
        .unwrap();
        d.set(
            "bezwaar",
            RuleChange {
                warn_days: Some(14),
                ..RuleChange::default()
            },
        )
        .unwrap();
        d.set(
            "bezwaar_ind",
            RuleChange {
                retired: true,
                ..RuleChange::default()
            },
        )
        .unwrap();
        let keys: Vec<&str> = d.active().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["bezwaar", "toeslagen_bezwaar"]);
        let added = d.get("toeslagen_bezwaar").unwrap();
        assert_eq!(
            (added.warn_days, added.en.as_str()),
            (10, "bezwaar Toeslagen")
        );
        assert_eq!(d.get("bezwaar").unwrap().warn_days, 14);
        assert_eq!(d.get("bezwaar").unwrap().period, Period::Weeks(6));
        let err = d.get("bezwaar_ind").unwrap_err().to_string();
        assert!(
            err.contains("retired") && err.contains("toeslagen_bezwaar"),
            "{err}"
        );
        assert_eq!(d.label("bezwaar_ind", false), "bezwaar IND");
        assert_eq!(d.label("vervallen", false), "vervallen");
    }

    #[test]
    fn refuses_a_new_rule_without_period_and_warn_days_past_the_letter() {
        let mut d = Deadlines::default();
        let err = d.set("nieuw", RuleChange::default()).unwrap_err();
        assert!(err.to_string().contains("period"), "{err}");
        let err = d
            .set(
                "bezwaar_ind",
                RuleChange {
                    warn_days: Some(28),
                    ..RuleChange::default()
                },
            )
            .unwrap_err();
        assert!(err.to_string().contains("28"), "{err}");
        assert_eq!(d, Deadlines::default(), "nothing changed");
    }
}
