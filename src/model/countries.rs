//! ISO 3166 countries: the codes, and the names an office's list may give instead of a code.
//!
//! Both come from the `keshvar` crate (the ISO list with CLDR-derived translations), so no
//! country is missing and none is typed by hand here.

use keshvar::{Alpha2, Alpha3, CountryIterator};
use std::collections::HashMap;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// True for an ISO 3166-1 alpha-2 code (upper case), plus XK (Kosovo, user-assigned but in
/// common use).
pub fn is_country_code(code: &str) -> bool {
    code == "XK"
        || (code.len() == 2
            && code.chars().all(|c| c.is_ascii_uppercase())
            && Alpha2::try_from(code).is_ok())
}

/// The alpha-2 code of an ISO 3166-1 alpha-3 code in any case ("SYR", "fra"), as some office
/// lists give them.
pub fn country_by_alpha3(code: &str) -> Option<String> {
    let alpha3 = Alpha3::try_from(code.trim()).ok()?;
    Some(alpha3.to_country().alpha2().to_string())
}

/// Folded name -> code, for every country's ISO name, its Dutch and English names, and the
/// common names it is known by ("Syria" beside "Syrian Arab Republic"). The official names
/// are entered first, so a common name never takes one over. Kosovo, which the ISO list
/// leaves out, goes by its name everywhere.
static NAMES: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let countries: Vec<_> = CountryIterator::new().collect();
    let mut names = HashMap::new();
    for country in &countries {
        let code = country.alpha2().to_string();
        let t = country.translations();
        let official = [Some(&country.iso_short_name()), t.get("nl"), t.get("en")];
        for name in official.into_iter().flatten() {
            names.entry(fold(name)).or_insert_with(|| code.clone());
        }
    }
    for country in &countries {
        let code = country.alpha2().to_string();
        for name in country.unofficial_name_list() {
            names.entry(fold(name)).or_insert_with(|| code.clone());
        }
    }
    names
        .entry(fold("Kosovo"))
        .or_insert_with(|| "XK".to_string());
    names
});

/// The code of a country named in Dutch or English ("Frankrijk", "Venezuela", "Syrië"), in
/// any case and with or without diacritics.
pub fn country_by_name(name: &str) -> Option<&'static str> {
    NAMES.get(&fold(name)).map(String::as_str)
}

/// A country's name in the desk's language ("Syrië" / "Syria"); the code itself for one the
/// ISO list does not hold (XK and anything an older release let through).
pub fn country_name(code: &str, english: bool) -> String {
    if code == "XK" {
        return "Kosovo".into();
    }
    let Ok(alpha2) = Alpha2::try_from(code) else {
        return code.to_string();
    };
    let country = alpha2.to_country();
    let language = if english { "en" } else { "nl" };
    country
        .translations()
        .get(language)
        .copied()
        .unwrap_or(country.iso_short_name())
        .to_string()
}

/// Lower case, with diacritics, punctuation and the spaces between words away: "Côte
/// d'Ivoire" and "cote divoire" meet, and so do "Zuid-Soedan", "Zuid Soedan" and "ZuidSoedan".
fn fold(name: &str) -> String {
    name.nfkd()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_by_its_dutch_or_english_name() {
        for (name, code) in [
            ("Frankrijk", "FR"),
            ("venezuela", "VE"),
            ("Syrië", "SY"),
            ("Syria", "SY"),
            ("Somalië", "SO"),
            ("Oekraine", "UA"),
            ("Turkije", "TR"),
            ("Ivoorkust", "CI"),
            ("Côte d'Ivoire", "CI"),
            ("Noord-Korea", "KP"),
            ("Nederland", "NL"),
            ("the Netherlands", "NL"),
            ("Eritrea", "ER"),
            ("Zuid Soedan", "SS"),
            ("Noord Macedonië", "MK"),
            ("Guinee Bissau", "GW"),
            ("Sri-Lanka", "LK"),
            ("kosovo", "XK"),
        ] {
            assert_eq!(country_by_name(name), Some(code), "{name}");
        }
        assert_eq!(country_by_name("Atlantis"), None);
        assert!(
            NAMES.len() > 2 * 249,
            "ISO, Dutch and English names for every country"
        );
    }

    #[test]
    fn three_letter_codes_are_read_too() {
        assert_eq!(country_by_alpha3("SYR").as_deref(), Some("SY"));
        assert_eq!(country_by_alpha3("fra").as_deref(), Some("FR"));
        assert_eq!(country_by_alpha3("ERI").as_deref(), Some("ER"));
        assert_eq!(country_by_alpha3("QQQ"), None);
    }

    #[test]
    fn names_are_given_in_the_desks_language() {
        assert_eq!(country_name("SY", false), "Syrië");
        assert_eq!(country_name("SY", true), "Syrian Arab Republic");
        assert_eq!(country_name("ER", false), "Eritrea");
        assert_eq!(country_name("XK", false), "Kosovo");
        assert_eq!(country_name("QQ", true), "QQ");
    }

    #[test]
    fn codes_are_upper_case_iso_or_kosovo() {
        assert!(is_country_code("SY") && is_country_code("XK") && is_country_code("VE"));
        assert!(!is_country_code("sy") && !is_country_code("QQ") && !is_country_code("SYR"));
    }
}
