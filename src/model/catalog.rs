//! Question categories and referral destinations: stable keys with labels. The defaults are
//! built in; an office relabels, adds or retires entries in its config.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEntry {
    pub key: String,
    pub nl: String,
    pub en: String,
    /// Retired entries are no longer offered for new visits but still count and print.
    pub retired: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogKind {
    Category,
    Referral,
}

impl CatalogKind {
    pub fn noun(self) -> &'static str {
        match self {
            CatalogKind::Category => "category",
            CatalogKind::Referral => "referral destination",
        }
    }
}

/// The categories and destinations in force for this office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    pub categories: Vec<CatalogEntry>,
    pub referrals: Vec<CatalogEntry>,
}

const DEFAULT_CATEGORIES: &[(&str, &str, &str)] = &[
    ("huisvesting", "Huisvesting", "Housing"),
    ("toeslagen", "Toeslagen", "Benefits (allowances)"),
    ("duo", "DUO", "DUO"),
    ("kwijtschelding", "Kwijtschelding", "Tax remission"),
    ("post", "Post en brieven", "Letters"),
    ("inburgering", "Inburgering", "Civic integration"),
    (
        "gezinshereniging",
        "Gezinshereniging",
        "Family reunification",
    ),
    ("verblijf_ind", "Verblijf en IND", "Residence permit"),
    ("uitkering", "Uitkering en bijstand", "Social assistance"),
    (
        "bijzondere_bijstand",
        "Bijzondere bijstand",
        "Special assistance",
    ),
    ("werk_uwv", "Werk en UWV", "Work"),
    ("belasting", "Belastingen", "Taxes"),
    ("schulden", "Schulden", "Debts"),
    ("zorgverzekering", "Zorgverzekering", "Health insurance"),
    ("zorg", "Zorg (praktisch)", "Healthcare access"),
    ("onderwijs", "Onderwijs en school", "School"),
    ("taal", "Taalles", "Language classes"),
    ("digitaal", "DigiD en digitale overheid", "DigiD"),
    ("overig", "Overig", "Other"),
];

const DEFAULT_REFERRALS: &[(&str, &str, &str)] = &[
    (
        "kwadraad",
        "Kwadraad (maatschappelijk werk)",
        "Kwadraad (social work)",
    ),
    ("voedselbank", "Voedselbank", "Food bank"),
    ("juridisch_steunpunt", "Juridisch steunpunt", "Legal desk"),
    ("leergeld", "Stichting Leergeld", "Stichting Leergeld"),
    ("jes", "JES Rijnland", "JES Rijnland"),
    (
        "gemeente",
        "Gemeente / sociaal team",
        "Municipality / social team",
    ),
    ("schuldhulp", "Schuldhulpverlening", "Debt counselling"),
    ("juridisch_loket", "Het Juridisch Loket", "Legal aid office"),
    ("huisarts", "Huisarts", "General practitioner"),
    ("overig", "Overig", "Other"),
];

fn entries(list: &[(&str, &str, &str)]) -> Vec<CatalogEntry> {
    list.iter()
        .map(|(key, nl, en)| CatalogEntry {
            key: key.to_string(),
            nl: nl.to_string(),
            en: en.to_string(),
            retired: false,
        })
        .collect()
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog {
            categories: entries(DEFAULT_CATEGORIES),
            referrals: entries(DEFAULT_REFERRALS),
        }
    }
}

impl Catalog {
    pub fn list(&self, kind: CatalogKind) -> &[CatalogEntry] {
        match kind {
            CatalogKind::Category => &self.categories,
            CatalogKind::Referral => &self.referrals,
        }
    }

    fn list_mut(&mut self, kind: CatalogKind) -> &mut Vec<CatalogEntry> {
        match kind {
            CatalogKind::Category => &mut self.categories,
            CatalogKind::Referral => &mut self.referrals,
        }
    }

    /// Adds an entry or changes one; keys never change, only labels and the retired flag.
    pub fn set(
        &mut self,
        kind: CatalogKind,
        key: &str,
        nl: Option<&str>,
        en: Option<&str>,
        retired: bool,
    ) {
        let list = self.list_mut(kind);
        let entry = match list.iter_mut().position(|e| e.key == key) {
            Some(i) => &mut list[i],
            None => {
                list.push(CatalogEntry {
                    key: key.to_string(),
                    nl: key.to_string(),
                    en: key.to_string(),
                    retired: false,
                });
                list.last_mut().expect("an entry was just pushed")
            }
        };
        if let Some(nl) = nl {
            entry.nl = nl.to_string();
            if en.is_none() && entry.en == key {
                entry.en = nl.to_string();
            }
        }
        if let Some(en) = en {
            entry.en = en.to_string();
        }
        entry.retired = retired;
    }

    /// The label of a key in the given language; a key the config no longer has prints as
    /// itself, so old records stay readable.
    pub fn label<'a>(&'a self, kind: CatalogKind, key: &'a str, english: bool) -> &'a str {
        match self.list(kind).iter().find(|e| e.key == key) {
            Some(e) if english => &e.en,
            Some(e) => &e.nl,
            None => key,
        }
    }

    /// Checks a key typed for a new visit: it must exist and not be retired. The error lists
    /// the valid keys.
    pub fn check(&self, kind: CatalogKind, key: &str) -> Result<String, String> {
        let key = key.trim().to_lowercase();
        match self.list(kind).iter().find(|e| e.key == key) {
            Some(e) if !e.retired => Ok(key),
            found => {
                let valid: Vec<&str> = self
                    .list(kind)
                    .iter()
                    .filter(|e| !e.retired)
                    .map(|e| e.key.as_str())
                    .collect();
                let what = if found.is_some() {
                    "is retired"
                } else {
                    "is unknown"
                };
                Err(format!(
                    "the {} \"{key}\" {what}; valid keys are: {}",
                    kind.noun(),
                    valid.join(", ")
                ))
            }
        }
    }

    pub fn active(&self, kind: CatalogKind) -> impl Iterator<Item = &CatalogEntry> {
        self.list(kind).iter().filter(|e| !e.retired)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_lists_the_valid_ones() {
        let c = Catalog::default();
        let err = c.check(CatalogKind::Category, "wonen").unwrap_err();
        assert!(err.contains("huisvesting"), "{err}");
        assert_eq!(c.check(CatalogKind::Category, " DUO "), Ok("duo".into()));
    }

    #[test]
    fn retired_keys_still_print_and_unknown_print_as_key() {
        let mut c = Catalog::default();
        c.set(CatalogKind::Category, "post", None, None, true);
        assert!(c.check(CatalogKind::Category, "post").is_err());
        assert_eq!(
            c.label(CatalogKind::Category, "post", false),
            "Post en brieven"
        );
        assert_eq!(
            c.label(CatalogKind::Category, "vervallen", false),
            "vervallen"
        );
    }
}
