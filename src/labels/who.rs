//! The words of the who-came breakdowns (the section "Wie kwamen er").

use crate::config::Lang;

pub struct WhoLabels {
    pub country: &'static str,
    pub gender: &'static str,
    pub age: &'static str,
    pub children: &'static str,
    pub language: &'static str,
    pub interpreter: &'static str,
    pub households: &'static str,
    pub unknown: &'static str,
    pub female: &'static str,
    pub male: &'static str,
    pub x: &'static str,
    /// An age band's label; `{band}` is "0-4" or "65+".
    pub band: &'static str,
    pub children_row: &'static str,
    pub adults_row: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub with_children: &'static str,
    pub without_children: &'static str,
    /// The desk's tally panel: its title and its short lines.
    pub panel: &'static str,
    pub children_short: &'static str,
    pub adults_short: &'static str,
    pub interpreter_short: &'static str,
    pub households_short: &'static str,
}

pub const NL: WhoLabels = WhoLabels {
    country: "Wie kwamen er: land van herkomst",
    gender: "Wie kwamen er: geslacht",
    age: "Wie kwamen er: leeftijd",
    children: "Wie kwamen er: kinderen en volwassenen",
    language: "Wie kwamen er: eerste taal",
    interpreter: "Wie kwamen er: tolk nodig",
    households: "Wie kwamen er: huishoudens",
    unknown: "onbekend",
    female: "vrouw",
    male: "man",
    x: "x (anders)",
    band: "{band} jaar",
    children_row: "kinderen (jonger dan 18)",
    adults_row: "volwassenen (18 en ouder)",
    yes: "ja",
    no: "nee",
    with_children: "met kinderen",
    without_children: "zonder kinderen",
    panel: "Wie kwamen er",
    children_short: "kinderen (<18)",
    adults_short: "volwassenen",
    interpreter_short: "tolk nodig",
    households_short: "gezinnen met kind",
};

pub const EN: WhoLabels = WhoLabels {
    country: "Who came: country of origin",
    gender: "Who came: gender",
    age: "Who came: age",
    children: "Who came: children and adults",
    language: "Who came: first language",
    interpreter: "Who came: interpreter needed",
    households: "Who came: households",
    unknown: "unknown",
    female: "female",
    male: "male",
    x: "x (other)",
    band: "{band} years",
    children_row: "children (under 18)",
    adults_row: "adults (18 and over)",
    yes: "yes",
    no: "no",
    with_children: "with children",
    without_children: "without children",
    panel: "Who came",
    children_short: "children (<18)",
    adults_short: "adults",
    interpreter_short: "interpreter",
    households_short: "families w. child",
};

pub fn who_labels(lang: Lang) -> &'static WhoLabels {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}
