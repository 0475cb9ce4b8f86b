//! The words of reports that leave the office: the hidden small counts, a closed year, and
//! tallies added up across offices. Apart from the other labels so these screens and commands
//! grow without touching them.

use crate::config::Lang;

pub struct OutsideLabels {
    /// `{n}` is the threshold, `{max}` the largest count hidden.
    pub hidden_note: &'static str,
    /// `{at}` and `{who}`.
    pub closed_on: &'static str,
    /// `{n}` contacts.
    pub changed_after: &'static str,
    pub changed_after_one: &'static str,
    pub unchanged_after: &'static str,
    pub closed_column: &'static str,
    pub live_column: &'static str,
    /// `{n}` offices.
    pub merged_from: &'static str,
    pub merged_clients_note: &'static str,
    /// `{year}`.
    pub closing_done: &'static str,
    /// `{year}`.
    pub not_closed: &'static str,
}

pub const NL: OutsideLabels = OutsideLabels {
    hidden_note: "Voor buiten het kantoor: een aantal personen van 1 tot en met {max} staat als <{n}, en een aantal waaruit zo'n klein aantal terug te rekenen zou zijn als x (of ook als <{n}); een punt (.) staat waar zelfs dat te veel zou zeggen. Namen van vrijwilligers staan er niet in.",
    closed_on: "Gesloten op {at} door {who}: dit zijn de cijfers zoals ze toen zijn vastgelegd.",
    changed_after: "Na het sluiten zijn {n} contacten van dit jaar toegevoegd, gewijzigd of verwijderd; --live zet de cijfers van nu ernaast.",
    changed_after_one: "Na het sluiten is 1 contact van dit jaar toegevoegd, gewijzigd of verwijderd; --live zet de cijfers van nu ernaast.",
    unchanged_after: "Na het sluiten is geen contact van dit jaar veranderd.",
    closed_column: "gesloten",
    live_column: "nu",
    merged_from: "Opgeteld uit {n} kantoren:",
    merged_clients_note: "Unieke cliënten en huishoudens zijn opgeteld per kantoor: wie bij twee kantoren kwam, telt twee keer. Een verborgen aantal (<5, x, .) maakt de som een bereik.",
    closing_done: "Jaar {year} gesloten: jaaroverzicht {year} toont voortaan deze cijfers.",
    not_closed: "{year} is niet gesloten: dit zijn de cijfers van nu.",
};

pub const EN: OutsideLabels = OutsideLabels {
    hidden_note: "For outside the office: a count of people from 1 to {max} shows as <{n}, and a count from which such a small count could be worked out as x (or also as <{n}); a dot (.) stands where even that would say too much. Volunteers' names are left out.",
    closed_on: "Closed on {at} by {who}: these are the figures as they were recorded then.",
    changed_after: "After closing, {n} contacts of this year were added, changed or deleted; --live puts today's figures beside them.",
    changed_after_one: "After closing, 1 contact of this year was added, changed or deleted; --live puts today's figures beside them.",
    unchanged_after: "No contact of this year changed after closing.",
    closed_column: "closed",
    live_column: "now",
    merged_from: "Added up from {n} offices:",
    merged_clients_note: "Unique clients and households are added up per office: someone who came to two offices counts twice. A hidden count (<5, x, .) makes the sum a range.",
    closing_done: "Year {year} closed: jaaroverzicht {year} shows these figures from now on.",
    not_closed: "{year} is not closed: these are the live figures.",
};

pub fn outside_labels(lang: Lang) -> &'static OutsideLabels {
    if lang.is_english() { &EN } else { &NL }
}
