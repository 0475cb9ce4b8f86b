//! Reading `data/name_parts.toml`: its groups with their folded spellings, and the titles.
//! The build script reads the table with this (`build.rs`), so a table that does not read
//! fails the build with the reason; the program itself holds the result as static data.

use super::normalise::fold_words;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    leading_titles: Vec<String>,
    groups: BTreeMap<String, Vec<String>>,
}

/// The table as read: groups numbered in the order of their names.
#[derive(Debug, PartialEq, Eq)]
pub struct ReadTable {
    /// Each group's name; its place is the group's number.
    pub names: Vec<String>,
    /// Every folded spelling with the groups it belongs to (more than one where a spelling
    /// really is ambiguous: "said" is Saeed or Sayed).
    pub spellings: BTreeMap<String, Vec<u32>>,
    pub titles: BTreeSet<String>,
    pub leading_titles: BTreeSet<String>,
}

/// A spelling folded into one word, as the search compares it: "Al-Hajj" is "alhajj".
fn folded(text: &str) -> String {
    fold_words(text).into_iter().map(|w| w.plain).collect()
}

pub fn read(text: &str) -> Result<ReadTable, String> {
    let file: TableFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut table = ReadTable {
        names: Vec::with_capacity(file.groups.len()),
        spellings: BTreeMap::new(),
        titles: file.titles.iter().map(|t| folded(t)).collect(),
        leading_titles: file.leading_titles.iter().map(|t| folded(t)).collect(),
    };
    for (index, (name, spellings)) in file.groups.into_iter().enumerate() {
        // Group numbers share a u32 with the compound kind, which takes bits 16 and up.
        let id = u32::try_from(index)
            .ok()
            .filter(|&i| i < 1 << 16)
            .ok_or("more than 65536 groups in the name-part table")?;
        for spelling in std::iter::once(&name).chain(spellings.iter()) {
            let spelling = folded(spelling);
            if spelling.is_empty() {
                return Err(format!("group {name}: empty spelling"));
            }
            let ids = table.spellings.entry(spelling).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        table.names.push(name);
    }
    Ok(table)
}
