use std::fmt;

/// A client's gender as the client gives it; most offices report it to the municipality
/// (sex- and age-disaggregated figures). Stable keys `f`, `m`, `x`, `unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Gender {
    Female,
    Male,
    /// Neither, or the client prefers another word (the X on a Dutch passport).
    X,
    /// Not asked or not told: its own row in every tally, never dropped.
    #[default]
    Unknown,
}

impl Gender {
    pub const ALL: [Gender; 4] = [Gender::Female, Gender::Male, Gender::X, Gender::Unknown];

    /// The key in JSON and in the store.
    pub fn key(self) -> &'static str {
        match self {
            Gender::Female => "f",
            Gender::Male => "m",
            Gender::X => "x",
            Gender::Unknown => "unknown",
        }
    }

    /// What the desk types and shows: v / m / x in Dutch, f / m / x in English.
    pub fn short(self, english: bool) -> &'static str {
        match (self, english) {
            (Gender::Female, false) => "v",
            (Gender::Female, true) => "f",
            (Gender::Male, _) => "m",
            (Gender::X, _) => "x",
            (Gender::Unknown, false) => "onbekend",
            (Gender::Unknown, true) => "unknown",
        }
    }

    /// Reads the Dutch, English and French words an office list or a volunteer gives:
    /// v/vrouw/f/female/woman/femme, m/man/male/homme, x/anders/other, onbekend/unknown or
    /// nothing. `None` when it is none of these.
    pub fn parse(text: &str) -> Option<Gender> {
        let t = text.trim().to_lowercase();
        let gender = match t.as_str() {
            "v" | "vrouw" | "vrouwelijk" | "f" | "female" | "woman" | "w" | "femme" | "féminin" => {
                Gender::Female
            }
            "m" | "man" | "mannelijk" | "male" | "h" | "homme" | "masculin" => Gender::Male,
            "x" | "anders" | "other" | "autre" | "divers" => Gender::X,
            "" | "?" | "-" | "onbekend" | "unknown" | "inconnu" | "o" => Gender::Unknown,
            _ => return None,
        };
        Some(gender)
    }

    /// The sentence for a word `parse` does not know.
    pub fn refused(text: &str) -> String {
        format!(
            "unknown gender \"{}\": use v (vrouw), m (man), x, or leave it empty when it is not known",
            text.trim()
        )
    }
}

impl fmt::Display for Gender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_english_and_french_words_are_read() {
        for (text, gender) in [
            ("v", Gender::Female),
            ("Vrouw", Gender::Female),
            ("F", Gender::Female),
            ("femme", Gender::Female),
            ("M", Gender::Male),
            ("man", Gender::Male),
            ("homme", Gender::Male),
            ("x", Gender::X),
            ("", Gender::Unknown),
            ("onbekend", Gender::Unknown),
            ("unknown", Gender::Unknown),
        ] {
            assert_eq!(Gender::parse(text), Some(gender), "{text}");
        }
        assert_eq!(Gender::parse("q"), None);
        assert!(Gender::refused("q").contains("v (vrouw)"));
    }

    #[test]
    fn keys_are_stable_and_distinct() {
        let keys: Vec<&str> = Gender::ALL.iter().map(|g| g.key()).collect();
        assert_eq!(keys, ["f", "m", "x", "unknown"]);
    }
}
