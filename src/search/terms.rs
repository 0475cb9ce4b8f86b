//! The index terms a client is stored under, and their format.
//!
//! Every term starts with a kind, so kinds do not mix in prefix scans:
//! - `n:` a name part as written (folded, particle and compound words run together:
//!   `n:alhassan`), its core without particle (`n:hassan`), the ICAO umlaut form
//!   (`n:oeztuerk`), and two adjacent parts run together (`n:gebremedhin`);
//! - `p:` a phonetic key (`p:HSN`), also of two adjacent parts run together;
//! - `d:` a phonetic key of three or more letters with one letter left out (`d:KS` for
//!   Kahsay's `KHS`), so a query that drops or adds a sound still finds the client;
//! - `v:` a group of the name-part table (`v:hussein`, `v:abd+rahman`);
//! - `i:` the listed part inside a compound (`i:rahman` for Abd al-Rahman);
//! - `y:` the birth year (`y:1986`), written by `birth_term`.

use super::parts::{Part, parse_name};
use super::table::table;
use crate::model::Birth;

pub const NAME: &str = "n:";
pub const KEY: &str = "p:";
pub const DROPPED: &str = "d:";
pub const GROUP: &str = "v:";
pub const INNER: &str = "i:";
pub const YEAR: &str = "y:";

/// Raise when the rules that make terms change (normalisation, particles, phonetic keys,
/// the term kinds); a change of `data/name_parts.toml` is noticed by itself.
const RULES_VERSION: u64 = 2;

/// Names which terms `index_terms` writes: the store rebuilds its name index when this
/// differs from the one its terms were written with, so no client goes unfound after an
/// upgrade. FNV-1a over the rules' version and the name-part table.
pub fn terms_version() -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in RULES_VERSION
        .to_le_bytes()
        .iter()
        .chain(super::table::SOURCE.as_bytes())
    {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

pub fn index_terms(name: &str, aliases: &[String]) -> Vec<String> {
    let mut terms = Vec::new();
    for text in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
        let parts = parse_name(text);
        for part in &parts {
            part_terms(part, &mut terms);
        }
        for pair in parts.windows(2) {
            let joined = Part::joined(&pair[0], &pair[1]);
            terms.push(format!("{NAME}{}", joined.main().core));
            if let Some(key) = joined.main().keys.first() {
                terms.push(format!("{KEY}{key}"));
            }
        }
    }
    terms.sort();
    terms.dedup();
    terms
}

fn part_terms(part: &Part, terms: &mut Vec<String>) {
    let t = table();
    terms.push(format!("{NAME}{}", part.surface));
    for r in &part.readings {
        terms.push(format!("{NAME}{}", r.core));
        if let Some(icao) = &r.icao {
            terms.push(format!("{NAME}{icao}"));
        }
        for k in &r.keys {
            terms.push(format!("{KEY}{k}"));
            terms.extend(one_dropped(k).map(|d| format!("{DROPPED}{d}")));
        }
        terms.extend(r.groups.iter().map(|&g| format!("{GROUP}{}", t.name(g))));
        if let Some(inner) = &r.inner {
            terms.push(format!("{INNER}{inner}"));
        }
    }
}

/// A key of three or more letters with each letter left out in turn: KHS -> HS, KS, KH.
pub fn one_dropped(key: &str) -> impl Iterator<Item = String> + '_ {
    let n = if key.len() >= 3 { key.len() } else { 0 };
    (0..n).map(move |i| format!("{}{}", &key[..i], &key[i + 1..]))
}

/// The term for a client's birth year, so "hassan 1986" finds the right Hassan among
/// thousands; None when the birth is unknown.
pub fn birth_term(birth: &Birth) -> Option<String> {
    birth.year().map(|y| format!("{YEAR}{y}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_cover_spelling_core_key_group_and_compound() {
        let terms = index_terms("Abd al-Rahman Al-Hassan", &["Öztürk".to_string()]);
        for t in [
            "n:abdalrahman",
            "n:abdrahman",
            "n:alhassan",
            "n:hassan",
            "p:HSN",
            "v:hassan",
            "v:abd+rahman",
            "i:rahman",
            "n:ozturk",
            "n:oeztuerk",
            "n:abdrahmanhassan",
            "d:SN",
            "d:HN",
        ] {
            assert!(terms.contains(&t.to_string()), "{t} missing from {terms:?}");
        }
        let mut sorted = terms.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, terms);
    }

    #[test]
    fn one_dropped_leaves_out_each_letter_of_long_keys() {
        assert_eq!(one_dropped("KHS").collect::<Vec<_>>(), ["HS", "KS", "KH"]);
        assert_eq!(one_dropped("HS").count(), 0);
    }

    #[test]
    fn birth_terms() {
        assert_eq!(birth_term(&Birth::Year(1986)).as_deref(), Some("y:1986"));
        assert_eq!(birth_term(&Birth::Unknown), None);
    }
}
