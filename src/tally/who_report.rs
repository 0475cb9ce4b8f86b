//! The section "Wie kwamen er" of a report: one breakdown of the unique clients per
//! question, each adding up to the clients (the households to the households).

use super::Tally;
use super::report::{Compared, Section, breakdown};
use super::who::UNKNOWN;
use crate::config::Lang;
use crate::labels::who::who_labels;
use crate::model::{Gender, country_name, language_name};

/// A breakdown's rows from a tally.
type Rows = fn(&Tally) -> Vec<(String, u64)>;

pub fn sections(c: &Compared, english: bool) -> Vec<Section> {
    let w = who_labels(if english { Lang::En } else { Lang::Nl });
    let unknown = |k: &str| (k == UNKNOWN).then(|| w.unknown.to_string());
    let listed = |m: &std::collections::BTreeMap<String, u64>| -> Vec<(String, u64)> {
        m.iter().map(|(k, n)| (k.clone(), *n)).collect()
    };
    let mut country = breakdown(
        c,
        "who_country",
        w.country,
        |t| listed(&t.who.by_country),
        |k| unknown(k).unwrap_or_else(|| country_name(k, english)),
        true,
    );
    unknown_last(&mut country);
    let gender_rows: Rows = |t| {
        Gender::ALL
            .iter()
            .map(|g| {
                (
                    g.key().to_string(),
                    t.who.by_gender.get(g.key()).copied().unwrap_or(0),
                )
            })
            .collect()
    };
    let gender = breakdown(
        c,
        "who_gender",
        w.gender,
        gender_rows,
        |k| match k {
            "f" => w.female.to_string(),
            "m" => w.male.to_string(),
            "x" => w.x.to_string(),
            _ => w.unknown.to_string(),
        },
        false,
    );
    let age = breakdown(
        c,
        "who_age",
        w.age,
        |t| t.who.by_age.clone(),
        |k| unknown(k).unwrap_or_else(|| w.band.replace("{band}", k)),
        false,
    );
    let children_rows: Rows = |t| {
        vec![
            ("children".into(), t.who.children),
            ("adults".into(), t.who.adults),
            (UNKNOWN.into(), t.who.age_unknown),
        ]
    };
    let children = breakdown(
        c,
        "who_children",
        w.children,
        children_rows,
        |k| match k {
            "children" => w.children_row.to_string(),
            "adults" => w.adults_row.to_string(),
            _ => w.unknown.to_string(),
        },
        false,
    );
    let mut language = breakdown(
        c,
        "who_language",
        w.language,
        |t| listed(&t.who.by_language),
        |k| unknown(k).unwrap_or_else(|| language_name(k, english)),
        true,
    );
    unknown_last(&mut language);
    let interpreter_rows: Rows = |t| {
        ["yes", "no", UNKNOWN]
            .iter()
            .map(|k| {
                (
                    k.to_string(),
                    t.who.interpreter.get(*k).copied().unwrap_or(0),
                )
            })
            .collect()
    };
    let interpreter = breakdown(
        c,
        "who_interpreter",
        w.interpreter,
        interpreter_rows,
        |k| match k {
            "yes" => w.yes.to_string(),
            "no" => w.no.to_string(),
            _ => w.unknown.to_string(),
        },
        false,
    );
    let household_rows: Rows = |t| {
        let with = t.who.households_with_children;
        vec![
            ("with_children".into(), with),
            ("without_children".into(), t.households.saturating_sub(with)),
        ]
    };
    let households = breakdown(
        c,
        "who_households",
        w.households,
        household_rows,
        |k| match k {
            "with_children" => w.with_children.to_string(),
            _ => w.without_children.to_string(),
        },
        false,
    );
    vec![
        country,
        gender,
        age,
        children,
        language,
        interpreter,
        households,
    ]
}

/// The unknown row stands last, whatever its count: it is no country or language.
fn unknown_last(section: &mut Section) {
    if let Some(i) = section.rows.iter().position(|r| r.key == UNKNOWN) {
        let row = section.rows.remove(i);
        section.rows.push(row);
    }
}
