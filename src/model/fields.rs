//! Checking what a volunteer (or a spreadsheet) gives for a client's fields. Each check gives
//! the cleaned value, or a sentence that says what is wrong and what works.

use super::text::{clean_line, clean_note};

pub const NAME_MAX: usize = 120;
pub const NOTE_MAX: usize = 500;
pub const PHONE_MAX: usize = 40;
/// A volunteer's name, as they log in.
pub const BEGELEIDER_MAX: usize = 64;

pub fn name(text: &str) -> Result<String, String> {
    let name = clean_line(text, "name", NAME_MAX).map_err(|e| e.to_string())?;
    if name.is_empty() {
        return Err(
            "the name is empty: give the name as on the residence document, e.g. \"Amina Yusuf\""
                .into(),
        );
    }
    Ok(name)
}

/// Other spellings: cleaned, empty ones and repeats left out.
pub fn aliases<'a>(list: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for a in list {
        let a = clean_line(a, "alias", NAME_MAX).map_err(|e| e.to_string())?;
        if !a.is_empty() && !out.contains(&a) {
            out.push(a);
        }
    }
    Ok(out)
}

/// A country as an ISO 3166 alpha-2 code (stored as such), an alpha-3 code ("SYR"), or its
/// name in Dutch or English ("Frankrijk").
pub fn country(text: &str) -> Result<Option<String>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let code = t.to_uppercase();
    if super::is_country_code(&code) {
        return Ok(Some(code));
    }
    if let Some(code) = super::countries::country_by_alpha3(t) {
        return Ok(Some(code));
    }
    super::countries::country_by_name(t)
        .map(|code| Some(code.to_string()))
        .ok_or_else(|| {
            format!(
                "\"{t}\" is not a country: use the two-letter ISO code, such as SY (Syria), ER (Eritrea), AF (Afghanistan), IQ (Iraq), SO (Somalia), or the country's name in Dutch or English"
            )
        })
}

const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("arabisch", "ar"),
    ("arabic", "ar"),
    ("tigrinya", "ti"),
    ("tigrinia", "ti"),
    ("dari", "prs"),
    ("pashto", "ps"),
    ("pasjtoe", "ps"),
    ("somalisch", "so"),
    ("somali", "so"),
    ("koerdisch", "kmr"),
    ("kurdish", "kmr"),
    ("kurmanji", "kmr"),
    ("sorani", "ckb"),
    ("farsi", "fa"),
    ("perzisch", "fa"),
    ("persian", "fa"),
    ("turks", "tr"),
    ("turkish", "tr"),
    ("engels", "en"),
    ("english", "en"),
    ("nederlands", "nl"),
    ("dutch", "nl"),
    ("frans", "fr"),
    ("french", "fr"),
    ("amhaars", "am"),
    ("amharic", "am"),
    ("oekraiens", "uk"),
    ("ukrainian", "uk"),
];

/// Languages as ISO 639 codes, from a list and/or comma-separated items; names such as
/// "Arabisch" are understood too.
pub fn languages<'a>(list: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for item in list.into_iter().flat_map(|l| l.split([',', ';', '/'])) {
        let item = item.trim().to_lowercase();
        if item.is_empty() {
            continue;
        }
        let code = match LANGUAGE_NAMES.iter().find(|(name, _)| *name == item) {
            Some((_, code)) => code.to_string(),
            None if (2..=3).contains(&item.len())
                && item.chars().all(|c| c.is_ascii_lowercase()) =>
            {
                item
            }
            None => {
                return Err(format!(
                    "\"{item}\" is not a language code: use the ISO code, such as ar (Arabic), ti (Tigrinya), prs (Dari), so (Somali), kmr (Kurmanji)"
                ));
            }
        };
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

/// A gender as v/m/x (or the English and French words); empty is unknown.
pub fn gender(text: &str) -> Result<super::Gender, String> {
    super::Gender::parse(text).ok_or_else(|| super::Gender::refused(text))
}

pub fn phone(text: &str) -> Result<Option<String>, String> {
    let phone = clean_line(text, "phone number", PHONE_MAX).map_err(|e| e.to_string())?;
    if phone.is_empty() {
        return Ok(None);
    }
    if !phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        || phone.chars().filter(char::is_ascii_digit).count() < 6
    {
        return Err(format!(
            "\"{phone}\" is not a phone number: use digits, spaces, + and -, e.g. 06-12345678"
        ));
    }
    Ok(Some(phone))
}

pub fn note(text: &str) -> Result<String, String> {
    clean_note(text, "note", NOTE_MAX).map_err(|e| e.to_string())
}

/// A volunteer's name (`--as`, a begeleider, an assignee, whom an appointment is with): one
/// short line of visible text, refused rather than cleaned, since it stands in lists and the
/// audit log as the person it names; a line break in it could make a line look like another.
/// `what` names where it was given, for the refusal. Empty is none.
pub fn volunteer(text: &str, what: &str) -> Result<Option<String>, String> {
    let name = text.trim();
    if name
        .chars()
        .any(|c| c.is_control() || super::is_invisible_format(c))
    {
        return Err(format!(
            "{what} holds a line break, a control or an invisible character: give the volunteer's name as plain text"
        ));
    }
    if name.chars().count() > BEGELEIDER_MAX {
        return Err(format!(
            "{what} is longer than {BEGELEIDER_MAX} characters: give the volunteer's name, not more"
        ));
    }
    Ok((!name.is_empty()).then(|| name.to_string()))
}

/// A begeleider: a volunteer's name as they log in (`--as`); empty is none.
pub fn begeleider(text: &str) -> Result<Option<String>, String> {
    volunteer(text, "the begeleider")
}

/// "ja", "yes", "x", "1", "waar" mean yes; anything else no.
pub fn yes(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "ja" | "j" | "yes" | "y" | "x" | "1" | "true" | "waar"
    )
}

/// An answer that is no: what a spreadsheet's yes/no column holds when it is not yes.
pub fn no(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "nee" | "n" | "no" | "0" | "false" | "onwaar" | "-"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_and_languages_by_code_or_name() {
        assert_eq!(country("Syrië"), Ok(Some("SY".into())));
        assert_eq!(country("er"), Ok(Some("ER".into())));
        assert_eq!(country("Frankrijk"), Ok(Some("FR".into())));
        for old in [
            "syrie",
            "syria",
            "eritrea",
            "afghanistan",
            "irak",
            "iraq",
            "somalie",
            "somalia",
            "turkije",
            "turkey",
            "iran",
            "ethiopie",
            "ethiopia",
            "soedan",
            "sudan",
            "jemen",
            "yemen",
            "libanon",
            "lebanon",
            "palestina",
            "palestine",
            "oekraine",
            "ukraine",
            "nederland",
            "netherlands",
            "marokko",
            "morocco",
            "egypte",
            "egypt",
            "pakistan",
        ] {
            assert!(country(old).is_ok(), "{old} was read before and still is");
        }
        assert!(country("Atlantis").is_err());
        assert_eq!(
            languages(["Arabisch, Engels", "ti"]),
            Ok(vec!["ar".into(), "en".into(), "ti".into()])
        );
        assert!(languages(["Klingon"]).is_err());
    }
}
