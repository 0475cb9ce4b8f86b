//! The report groups of the annual report (Financiën, Wonen, Zorg, …): a mapping from
//! category keys, kept apart from the records so a regrouping never rewrites history.

/// One group and the category keys it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportGroup {
    pub name: String,
    pub categories: Vec<String>,
}

/// Where a category without a group is counted.
pub const UNGROUPED: &str = "Overig";

const DEFAULT: &[(&str, &[&str])] = &[
    (
        "Financiën",
        &[
            "toeslagen",
            "belasting",
            "kwijtschelding",
            "uitkering",
            "bijzondere_bijstand",
            "geldzaken",
            "schulden",
            "vaste_lasten",
        ],
    ),
    ("Wonen", &["huisvesting"]),
    ("Zorg", &["zorgverzekering", "zorg", "welzijn"]),
    (
        "Inburgering & onderwijs",
        &["inburgering", "duo", "taal", "onderwijs", "kinderen_gezin"],
    ),
    (
        "Verblijf & juridisch",
        &[
            "gezinshereniging",
            "verblijf_ind",
            "naturalisatie",
            "juridisch",
            "documenten",
        ],
    ),
    ("Werk & participatie", &["werk_uwv", "participatie"]),
    ("Overig", &["post", "digitaal", "infopunt_extern", "overig"]),
];

pub fn default_groups() -> Vec<ReportGroup> {
    DEFAULT
        .iter()
        .map(|(name, keys)| ReportGroup {
            name: name.to_string(),
            categories: keys.iter().map(|k| k.to_string()).collect(),
        })
        .collect()
}

/// The group a category counts in (the first that lists it), else `UNGROUPED`.
pub fn group_of<'a>(groups: &'a [ReportGroup], category: &str) -> &'a str {
    groups
        .iter()
        .find(|g| g.categories.iter().any(|c| c == category))
        .map(|g| g.name.as_str())
        .unwrap_or(UNGROUPED)
}
