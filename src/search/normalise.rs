//! Folding typed text into comparable words: case, diacritics, Turkish dotted/dotless i, ß,
//! apostrophes and the ICAO/German umlaut expansions.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One word of a name after folding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    /// Lowercase, diacritics removed: "Öztürk" -> "ozturk".
    pub plain: String,
    /// The ICAO/German expansion where the word had ä, ö or ü: "Öztürk" -> "oeztuerk".
    pub icao: Option<String>,
}

/// Splits text into folded words. Hyphens, dots, commas and spaces separate words; apostrophes
/// and the Arabic ʿayn/hamza marks (ʿ ʾ) vanish inside a word, so "Sa'id" is "said".
pub fn fold_words(text: &str) -> Vec<Folded> {
    let mut words = Vec::new();
    let mut plain = String::new();
    let mut icao = String::new();
    let mut umlaut = false;
    let mut finish = |plain: &mut String, icao: &mut String, umlaut: &mut bool| {
        if !plain.is_empty() {
            words.push(Folded {
                plain: std::mem::take(plain),
                icao: umlaut.then(|| icao.clone()),
            });
        }
        icao.clear();
        *umlaut = false;
    };
    for c in text.chars() {
        if is_apostrophe(c) {
            continue;
        }
        if let Some(expansion) = icao_expansion(c) {
            umlaut = true;
            icao.push_str(expansion);
            fold_char(c, &mut plain);
            continue;
        }
        let before = plain.len();
        fold_char(c, &mut plain);
        if plain.len() == before {
            finish(&mut plain, &mut icao, &mut umlaut);
        } else {
            icao.push_str(&plain[before..]);
        }
    }
    finish(&mut plain, &mut icao, &mut umlaut);
    words
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | 'ʿ' | 'ʾ' | 'ʼ' | 'ʻ' | '`' | '´' | 'ʹ' | 'ˈ'
    )
}

fn icao_expansion(c: char) -> Option<&'static str> {
    match c {
        'ä' | 'Ä' => Some("ae"),
        'ö' | 'Ö' => Some("oe"),
        'ü' | 'Ü' => Some("ue"),
        _ => None,
    }
}

/// Appends the folded form of one character; nothing for separators and marks.
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    // Letters that do not decompose, and the Turkish i's that plain lowercasing gets wrong.
    let special = match c {
        'İ' | 'ı' => Some("i"),
        'ß' | 'ẞ' => Some("ss"),
        'æ' | 'Æ' => Some("ae"),
        'œ' | 'Œ' => Some("oe"),
        'ø' | 'Ø' => Some("o"),
        'đ' | 'Đ' | 'ð' | 'Ð' => Some("d"),
        'ł' | 'Ł' => Some("l"),
        'þ' | 'Þ' => Some("th"),
        _ => None,
    };
    if let Some(s) = special {
        out.push_str(s);
        return;
    }
    for d in std::iter::once(c).nfkd() {
        if is_combining_mark(d) {
            continue;
        }
        if d.is_ascii_alphanumeric() {
            out.push(d.to_ascii_lowercase());
        } else if d.is_alphanumeric() {
            // Other scripts (Arabic, Tigrinya) stay as typed, so they still match themselves.
            out.extend(d.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<String> {
        fold_words(text).into_iter().map(|w| w.plain).collect()
    }

    #[test]
    fn folds_diacritics_and_case() {
        assert_eq!(plain("Şahin Güneş"), ["sahin", "gunes"]);
        assert_eq!(plain("Hêvî Xelîl"), ["hevi", "xelil"]);
        assert_eq!(plain("ÇELİK"), ["celik"]);
    }

    #[test]
    fn turkish_dotless_and_dotted_i_fold_to_i() {
        assert_eq!(plain("Şahın"), ["sahin"]);
        assert_eq!(plain("İbrahim YILMAZ"), ["ibrahim", "yilmaz"]);
        assert_eq!(plain("Yılmaz"), ["yilmaz"]);
    }

    #[test]
    fn sharp_s_and_ligatures_expand() {
        assert_eq!(plain("Strauß"), ["strauss"]);
        assert_eq!(plain("Bjørn Æsir"), ["bjorn", "aesir"]);
    }

    #[test]
    fn apostrophes_vanish_and_hyphens_split() {
        assert_eq!(plain("Sa'id"), ["said"]);
        assert_eq!(plain("Saʿīd Al-Hassan"), ["said", "al", "hassan"]);
        assert_eq!(plain("Muʾmin"), ["mumin"]);
        assert_eq!(plain("v.d. Meer, Noor"), ["v", "d", "meer", "noor"]);
    }

    #[test]
    fn umlauts_carry_the_icao_expansion() {
        let words = fold_words("Öztürk Ayşe");
        assert_eq!(words[0].plain, "ozturk");
        assert_eq!(words[0].icao.as_deref(), Some("oeztuerk"));
        assert_eq!(words[1].icao, None);
    }

    #[test]
    fn other_scripts_stay() {
        assert_eq!(plain("محمد"), ["محمد"]);
    }
}
