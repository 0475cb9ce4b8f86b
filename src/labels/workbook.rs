//! The words of the workbooks that only a workbook shows: the annual report's first sheet and
//! the headings of its blocks. Apart from the other labels so the workbook grows without
//! touching them.

use crate::config::Lang;

pub struct WorkbookLabels {
    /// The block of contacts, unique and new clients on the annual sheet.
    pub key_figures: &'static str,
    /// The block of the breakdowns of who came.
    pub who_came: &'static str,
    /// Headings of the annual sheet's ranked lists and months.
    pub category: &'static str,
    pub report_group: &'static str,
    pub referred_to: &'static str,
    pub month: &'static str,
    /// January to December, for the months on the annual sheet.
    pub months: [&'static str; 12],
    /// Under the annual sheet: where the rest is.
    pub details_follow: &'static str,
}

pub const NL: WorkbookLabels = WorkbookLabels {
    key_figures: "Kerncijfers",
    who_came: "Wie kwamen er",
    category: "Categorie",
    report_group: "Rapportagegroep",
    referred_to: "Doorverwezen naar",
    month: "Maand",
    months: [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    details_follow: "De volgende bladen geven elk onderdeel in detail, met de sleutels in de laatste kolom.",
};

pub const EN: WorkbookLabels = WorkbookLabels {
    key_figures: "Key figures",
    who_came: "Who came",
    category: "Category",
    report_group: "Report group",
    referred_to: "Referred to",
    month: "Month",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    details_follow: "The following sheets give each part in detail, with the keys in the last column.",
};

pub fn workbook_labels(lang: Lang) -> &'static WorkbookLabels {
    if lang.is_english() { &EN } else { &NL }
}
