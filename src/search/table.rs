//! The table of equivalent spellings of common name parts (`data/name_parts.toml`), read once.

use super::fasthash::{FastMap, FastSet};
use super::normalise::fold_words;
use super::phonetic;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};

/// How a compound name part is built around a listed part; kept in the top bits of a group id
/// so "Abd al-Rahman" and "Rahman" are different names that each match their own spellings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compound {
    /// The part as it stands.
    Plain = 0,
    /// "abd" + part: Abdulrahman, Abd al-Rahman.
    Abd = 1,
    /// part + "allah": Nasrallah, Najibullah.
    Allah = 2,
    /// part + "din": Salahuddin, Salah al-Din.
    Din = 3,
}

/// A group id: the index of the group in the table, with the compound kind in bits 16 and up.
pub type GroupId = u32;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    leading_titles: Vec<String>,
    groups: BTreeMap<String, Vec<String>>,
}

pub struct Table {
    names: Vec<String>,
    by_spelling: FastMap<String, Vec<GroupId>>,
    /// The phonetic keys of every spelling, made at the first `knows` that needs them (a
    /// word of no group that may be a solid form): many searches never do, and the keys are
    /// a third of reading the table, which a `find` process pays before it can answer.
    keys: OnceLock<FastSet<String>>,
    titles: FastSet<String>,
    leading_titles: FastSet<String>,
}

/// The name-part table as shipped.
pub const SOURCE: &str = include_str!("../../data/name_parts.toml");

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    // The file is compiled in and `tests::the_shipped_table_parses` reads it, so a build whose
    // table does not parse fails its tests before it can ship.
    Table::parse(SOURCE).expect("data/name_parts.toml is checked by a unit test")
});

/// The table shipped with the program.
pub fn table() -> &'static Table {
    &TABLE
}

impl Table {
    pub fn parse(text: &str) -> Result<Table, String> {
        let file: TableFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let folded =
            |w: &String| -> String { fold_words(w).into_iter().map(|f| f.plain).collect() };
        let mut table = Table {
            names: Vec::with_capacity(file.groups.len()),
            by_spelling: FastMap::default(),
            keys: OnceLock::new(),
            titles: file.titles.iter().map(folded).collect(),
            leading_titles: file.leading_titles.iter().map(folded).collect(),
        };
        for (index, (name, spellings)) in file.groups.into_iter().enumerate() {
            let id = GroupId::try_from(index)
                .ok()
                .filter(|&i| i < 1 << 16)
                .ok_or("more than 65536 groups in the name-part table")?;
            for spelling in std::iter::once(&name).chain(spellings.iter()) {
                let folded: String = fold_words(spelling).into_iter().map(|w| w.plain).collect();
                if folded.is_empty() {
                    return Err(format!("group {name}: empty spelling"));
                }
                let ids = table.by_spelling.entry(folded).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            table.names.push(name);
        }
        Ok(table)
    }

    /// A title or honorific ("haji", "dr"), no part of the name.
    pub fn is_title(&self, word: &str) -> bool {
        self.titles.contains(word)
    }

    /// A title only at the start of a name of at least three parts ("sayyid").
    pub fn is_leading_title(&self, word: &str) -> bool {
        self.leading_titles.contains(word)
    }

    /// The groups a folded word belongs to; empty when the table does not know it.
    pub fn groups(&self, word: &str) -> &[GroupId] {
        self.by_spelling.get(word).map_or(&[], Vec::as_slice)
    }

    /// A known name part: listed, or sounding like a listed one. Decides whether a solid form
    /// may be split ("alhassan" -> al + hassan, but not "alia").
    pub fn knows(&self, word: &str) -> bool {
        !self.groups(word).is_empty()
            || (word.len() >= 4 && {
                let known = self.keys.get_or_init(|| {
                    self.by_spelling
                        .keys()
                        .flat_map(|s| phonetic::keys(s))
                        .collect()
                });
                phonetic::keys(word).iter().any(|k| known.contains(k))
            })
    }

    /// Readable name of a group id, used in index terms: "muhammad", "abd+rahman".
    pub fn name(&self, id: GroupId) -> String {
        let base = self
            .names
            .get((id & 0xFFFF) as usize)
            .map_or("?", String::as_str);
        match id >> 16 {
            1 => format!("abd+{base}"),
            2 => format!("{base}+allah"),
            3 => format!("{base}+din"),
            _ => base.to_string(),
        }
    }
}

/// Marks group ids as belonging to a compound of `kind`.
pub fn compound_ids(ids: &[GroupId], kind: Compound) -> Vec<GroupId> {
    ids.iter().map(|id| id | (kind as u32) << 16).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_parses() {
        let t = Table::parse(include_str!("../../data/name_parts.toml")).unwrap();
        assert!(t.names.len() > 150, "{} groups", t.names.len());
    }

    #[test]
    fn spellings_fold_and_meet_in_groups() {
        let t = table();
        assert_eq!(t.groups("muhammad"), t.groups("maxamed"));
        assert_eq!(t.groups("hussein"), t.groups("huseyin"));
        assert_ne!(t.groups("hussein"), t.groups("hassan"));
        assert_ne!(t.groups("mahmoud"), t.groups("mohammed"));
        assert!(t.groups("unheardof").is_empty());
    }

    #[test]
    fn ambiguous_spellings_sit_in_both_groups() {
        let t = table();
        let said = t.groups("said");
        assert_eq!(said.len(), 2);
        assert!(said.contains(&t.groups("saeed")[0]));
        assert!(said.contains(&t.groups("sayed")[0]));
    }

    #[test]
    fn known_means_listed_or_sounding_like_listed() {
        let t = table();
        assert!(t.knows("hassan"));
        assert!(t.knows("hasssan"));
        assert!(!t.knows("ia"));
        assert!(!t.knows("ias"));
    }

    #[test]
    fn compound_ids_read_back() {
        let t = table();
        let rahman = t.groups("rahman");
        let abd = compound_ids(rahman, Compound::Abd);
        assert_eq!(t.name(abd[0]), "abd+rahman");
        assert_eq!(t.name(rahman[0]), "rahman");
    }

    #[test]
    fn bad_tables_are_refused() {
        assert!(Table::parse("groups = 3").is_err());
        assert!(Table::parse("[groups]\nx = [\"--\"]").is_err());
    }
}
