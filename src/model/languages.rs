//! The names of the languages clients speak, for tallies in the desk's language.

/// (ISO 639 code, Dutch name, English name) of the languages a Dutch refugee desk meets most.
const NAMES: &[(&str, &str, &str)] = &[
    ("am", "Amhaars", "Amharic"),
    ("ar", "Arabisch", "Arabic"),
    ("ckb", "Sorani", "Sorani"),
    ("de", "Duits", "German"),
    ("en", "Engels", "English"),
    ("es", "Spaans", "Spanish"),
    ("fa", "Farsi", "Persian"),
    ("fr", "Frans", "French"),
    ("kmr", "Kurmanji", "Kurmanji"),
    ("ku", "Koerdisch", "Kurdish"),
    ("nl", "Nederlands", "Dutch"),
    ("om", "Oromo", "Oromo"),
    ("prs", "Dari", "Dari"),
    ("ps", "Pasjtoe", "Pashto"),
    ("pt", "Portugees", "Portuguese"),
    ("ru", "Russisch", "Russian"),
    ("so", "Somalisch", "Somali"),
    ("sw", "Swahili", "Swahili"),
    ("ti", "Tigrinya", "Tigrinya"),
    ("tr", "Turks", "Turkish"),
    ("uk", "Oekraïens", "Ukrainian"),
    ("ur", "Urdu", "Urdu"),
];

/// A language's name in the desk's language; the code itself for one not in the list.
pub fn language_name(code: &str, english: bool) -> String {
    NAMES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or(code, |(_, nl, en)| if english { en } else { nl })
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_have_names_and_others_stay_codes() {
        assert_eq!(language_name("ti", false), "Tigrinya");
        assert_eq!(language_name("ar", true), "Arabic");
        assert_eq!(language_name("ar", false), "Arabisch");
        assert_eq!(language_name("xyz", false), "xyz");
    }
}
