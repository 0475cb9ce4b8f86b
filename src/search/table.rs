//! The table of equivalent spellings of common name parts (`data/name_parts.toml`), made into
//! static data by the build.

use super::phonetic;

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

/// The table as `build.rs` wrote it from `data/name_parts.toml`: spellings, keys and titles
/// folded and sorted, so a lookup is a binary search and nothing is read at start.
mod shipped {
    include!(concat!(env!("OUT_DIR"), "/name_parts.rs"));
}

pub struct Table {
    names: &'static [&'static str],
    /// Sorted by spelling.
    spellings: &'static [(&'static str, &'static [GroupId])],
    /// The phonetic keys of every spelling, sorted.
    keys: &'static [&'static str],
    titles: &'static [&'static str],
    leading_titles: &'static [&'static str],
}

/// The name-part table as shipped: what `terms::terms_version` hashes, so that a changed
/// table rebuilds the name index.
pub const SOURCE: &str = include_str!("../../data/name_parts.toml");

static TABLE: Table = Table {
    names: shipped::NAMES,
    spellings: shipped::SPELLINGS,
    keys: shipped::KEYS,
    titles: shipped::TITLES,
    leading_titles: shipped::LEADING_TITLES,
};

/// The table shipped with the program.
pub fn table() -> &'static Table {
    &TABLE
}

fn listed(words: &[&str], word: &str) -> bool {
    words.binary_search(&word).is_ok()
}

impl Table {
    /// A title or honorific ("haji", "dr"), no part of the name.
    pub fn is_title(&self, word: &str) -> bool {
        listed(self.titles, word)
    }

    /// A title only at the start of a name of at least three parts ("sayyid").
    pub fn is_leading_title(&self, word: &str) -> bool {
        listed(self.leading_titles, word)
    }

    /// The groups a folded word belongs to; empty when the table does not know it.
    pub fn groups(&self, word: &str) -> &'static [GroupId] {
        self.spellings
            .binary_search_by(|(spelling, _)| (*spelling).cmp(word))
            .map_or(&[], |at| self.spellings[at].1)
    }

    /// A known name part: listed, or sounding like a listed one. Decides whether a solid form
    /// may be split ("alhassan" -> al + hassan, but not "alia").
    pub fn knows(&self, word: &str) -> bool {
        !self.groups(word).is_empty()
            || (word.len() >= 4 && phonetic::keys(word).iter().any(|k| listed(self.keys, k)))
    }

    /// Readable name of a group id, used in index terms: "muhammad", "abd+rahman".
    pub fn name(&self, id: GroupId) -> String {
        let base = self
            .names
            .get((id & 0xFFFF) as usize)
            .copied()
            .unwrap_or("?");
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
    fn the_built_table_is_the_shipped_file_sorted_for_searching() {
        let read = super::super::table_file::read(SOURCE).unwrap();
        let t = table();
        assert!(t.names.len() > 150, "{} groups", t.names.len());
        assert_eq!(t.names, read.names);
        assert_eq!(t.spellings.len(), read.spellings.len());
        for ((spelling, ids), (read_spelling, read_ids)) in t.spellings.iter().zip(&read.spellings)
        {
            assert_eq!(
                (*spelling, *ids),
                (read_spelling.as_str(), read_ids.as_slice())
            );
        }
        assert!(t.titles.is_sorted() && t.leading_titles.is_sorted() && t.keys.is_sorted());
        assert!(
            t.titles.iter().eq(&read.titles) && t.leading_titles.iter().eq(&read.leading_titles)
        );
        let keys: std::collections::BTreeSet<String> = read
            .spellings
            .keys()
            .flat_map(|s| phonetic::keys(s))
            .collect();
        assert!(t.keys.iter().eq(&keys));
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
        use super::super::table_file::read;
        assert!(read("groups = 3").is_err());
        assert!(read("[groups]\nx = [\"--\"]").is_err());
        assert!(read("[groups]\nx = []\nspelling = [\"x\"]\ncolour = 1").is_err());
    }
}
