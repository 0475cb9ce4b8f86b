//! The languages the privacy notice comes in, and which of a client's language codes each
//! one serves.

/// One language of the notice, with its built-in text.
#[derive(PartialEq, Eq)]
pub struct Language {
    /// The code the notice goes by: `--lang ar`, `notice/ar.toml`.
    pub code: &'static str,
    /// The name in its own script, for a client to point at.
    pub own_name: &'static str,
    pub dutch_name: &'static str,
    pub english_name: &'static str,
    /// Written right to left (Arabic script).
    pub rtl: bool,
    /// The codes a client's record may hold (ISO 639-1, -2, -3 and the varieties fields.rs
    /// lets through) that this text serves.
    codes: &'static [&'static str],
    /// data/notice/CODE.toml, in the binary so it works without the source tree.
    pub(super) builtin: &'static str,
}

/// The code alone: the built-in text would fill a test's failure message.
impl std::fmt::Debug for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Language").field(&self.code).finish()
    }
}

impl Language {
    /// "rtl" or "ltr", as HTML's dir attribute wants it.
    pub fn dir(&self) -> &'static str {
        if self.rtl { "rtl" } else { "ltr" }
    }

    /// The built-in file as it is, for an office to start its own from.
    pub fn builtin_text(&self) -> &'static str {
        self.builtin
    }
}

/// In the order an office is most likely to need them after Dutch.
pub const LANGUAGES: &[Language] = &[
    Language {
        code: "nl",
        own_name: "Nederlands",
        dutch_name: "Nederlands",
        english_name: "Dutch",
        rtl: false,
        codes: &["nl", "nld", "dut"],
        builtin: include_str!("../../data/notice/nl.toml"),
    },
    Language {
        code: "en",
        own_name: "English",
        dutch_name: "Engels",
        english_name: "English",
        rtl: false,
        codes: &["en", "eng"],
        builtin: include_str!("../../data/notice/en.toml"),
    },
    Language {
        code: "ar",
        own_name: "العربية",
        dutch_name: "Arabisch",
        english_name: "Arabic",
        rtl: true,
        // Modern Standard Arabic is what a Syrian, Iraqi or Sudanese client reads, whatever
        // variety they speak.
        codes: &[
            "ar", "ara", "arb", "apc", "ajp", "acm", "ayl", "arz", "apd", "ary", "aeb", "arq",
            "afb", "acq", "ars", "ayp",
        ],
        builtin: include_str!("../../data/notice/ar.toml"),
    },
    Language {
        code: "ti",
        own_name: "ትግርኛ",
        dutch_name: "Tigrinya",
        english_name: "Tigrinya",
        rtl: false,
        codes: &["ti", "tir"],
        builtin: include_str!("../../data/notice/ti.toml"),
    },
    Language {
        code: "fa",
        own_name: "فارسی / دری",
        dutch_name: "Dari / Farsi",
        english_name: "Dari / Farsi",
        rtl: true,
        // Dari (prs) and Iranian Persian (pes) share the written language.
        codes: &["fa", "fas", "per", "prs", "pes"],
        builtin: include_str!("../../data/notice/fa.toml"),
    },
    Language {
        code: "so",
        own_name: "Soomaali",
        dutch_name: "Somalisch",
        english_name: "Somali",
        rtl: false,
        codes: &["so", "som"],
        builtin: include_str!("../../data/notice/so.toml"),
    },
    Language {
        code: "tr",
        own_name: "Türkçe",
        dutch_name: "Turks",
        english_name: "Turkish",
        rtl: false,
        codes: &["tr", "tur"],
        builtin: include_str!("../../data/notice/tr.toml"),
    },
    Language {
        code: "kmr",
        own_name: "Kurmancî",
        dutch_name: "Koerdisch (Kurmanji)",
        english_name: "Kurdish (Kurmanji)",
        rtl: false,
        // Not ckb (Sorani): it is written in Arabic script, and a Kurmanji text in Latin
        // script would not serve its reader.
        codes: &["kmr", "ku", "kur"],
        builtin: include_str!("../../data/notice/kmr.toml"),
    },
];

/// The notice language for a code as a volunteer types it or a client's record holds it
/// (`prs` gives fa, `tir` gives ti), case and spaces ignored.
pub fn language(code: &str) -> Option<&'static Language> {
    let code = code.trim().to_lowercase();
    LANGUAGES.iter().find(|l| l.codes.contains(&code.as_str()))
}

/// The client's first language (in the order the record holds them) that the notice comes in.
pub fn for_client_languages(codes: &[String]) -> Option<&'static Language> {
    codes.iter().find_map(|c| language(c))
}

/// "nl (Nederlands), en (English), ar (العربية, Arabisch), …" for a message that lists them.
pub fn list() -> String {
    LANGUAGES
        .iter()
        .map(|l| {
            if l.own_name == l.dutch_name {
                format!("{} ({})", l.code, l.own_name)
            } else {
                format!("{} ({}, {})", l.code, l.own_name, l.dutch_name)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn the_codes_a_record_holds_find_their_notice() {
        for (code, notice) in [
            ("prs", "fa"),
            ("fa", "fa"),
            ("fas", "fa"),
            ("per", "fa"),
            ("tir", "ti"),
            ("ku", "kmr"),
            ("kur", "kmr"),
            ("apc", "ar"),
            ("ayl", "ar"),
            ("ara", "ar"),
            ("som", "so"),
            ("tur", "tr"),
            ("nld", "nl"),
            ("eng", "en"),
            (" AR ", "ar"),
        ] {
            assert_eq!(language(code).map(|l| l.code), Some(notice), "{code}");
        }
        assert_eq!(language("ckb"), None, "Sorani is not Kurmanji");
        assert_eq!(language("ps"), None, "Pashto is not Dari");
    }

    #[test]
    fn the_first_language_with_a_notice_wins() {
        let pick = |list: &[&str]| for_client_languages(&codes(list)).map(|l| l.code);
        assert_eq!(pick(&["ps", "prs", "en"]), Some("fa"));
        assert_eq!(pick(&["ti", "ar"]), Some("ti"));
        assert_eq!(pick(&["am", "ckb"]), None);
        assert_eq!(pick(&[]), None);
    }

    #[test]
    fn every_language_has_one_code_and_a_direction() {
        for l in LANGUAGES {
            assert_eq!(language(l.code).map(|x| x.code), Some(l.code));
            assert_eq!(l.dir(), if l.rtl { "rtl" } else { "ltr" });
        }
        let rtl: Vec<_> = LANGUAGES.iter().filter(|l| l.rtl).map(|l| l.code).collect();
        assert_eq!(rtl, ["ar", "fa"]);
        assert!(
            list().starts_with("nl (Nederlands), en (English, Engels), ar (العربية, Arabisch)")
        );
    }
}
