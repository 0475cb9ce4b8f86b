//! Rows of one file that may be the same person, by the search's own duplicate rules (a name
//! in any spelling, or all but one of its parts with the same birth year), so the dry run
//! warns before an office starts with a split history.

use super::Readable;
use crate::model::Birth;
use crate::search::memory::MemorySource;
use crate::search::{NameRecord, duplicates};
use std::collections::{BTreeMap, BTreeSet};

/// How many look-alikes one row may bring up; more than this in one list is a list problem.
const LIMIT: usize = 10;

/// Groups of lines that look like each other: a row with the rows like it, each group
/// sorted, in order of their first line. Not chained further (A like B and B like C lists
/// A, B, C, but not whoever looks like C), so one common name cannot pull half a list into
/// one group; a group inside another one is left out.
pub fn groups(rows: &[Readable]) -> Vec<Vec<usize>> {
    let mut source = MemorySource::new();
    for row in rows {
        source.insert(
            NameRecord {
                number: row.line as u64,
                name: row.draft.name.clone(),
                aliases: row.draft.aliases.clone(),
                birth: row.draft.birth,
                restricted: false,
            },
            None,
        );
    }
    let births: BTreeMap<u64, Birth> = rows
        .iter()
        .map(|r| (r.line as u64, r.draft.birth))
        .collect();
    let mut like: BTreeMap<u64, BTreeSet<u64>> = BTreeMap::new();
    for row in rows {
        let line = row.line as u64;
        let hits = duplicates(&source, &row.draft.name, &row.draft.birth, LIMIT + 1)
            .unwrap_or_else(|e| match e {});
        for hit in hits.iter().filter(|h| h.number != line) {
            if births
                .get(&hit.number)
                .is_some_and(|b| row.draft.birth.may_be(b))
            {
                // Either row finding the other is enough: the rule looks at one row's birth.
                like.entry(line).or_default().insert(hit.number);
                like.entry(hit.number).or_default().insert(line);
            }
        }
    }
    let group = |line: u64| -> BTreeSet<u64> {
        let mut g = like.get(&line).cloned().unwrap_or_default();
        g.insert(line);
        g
    };
    let mut out: BTreeSet<Vec<usize>> = BTreeSet::new();
    for &line in like.keys() {
        let mine = group(line);
        let inside_another = mine.iter().any(|&other| {
            let theirs = group(other);
            theirs.len() > mine.len() && mine.is_subset(&theirs)
        });
        if !inside_another {
            out.insert(mine.into_iter().map(|n| n as usize).collect());
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClientDraft;
    use chrono::NaiveDate;

    fn row(line: usize, name: &str, birth: Birth) -> Readable {
        Readable {
            line,
            draft: ClientDraft {
                name: name.into(),
                birth,
                ..ClientDraft::default()
            },
        }
    }

    #[test]
    fn spellings_of_one_person_are_one_group() {
        let born = Birth::Date(NaiveDate::from_ymd_opt(1985, 4, 3).unwrap());
        let rows = [
            row(2, "Amina Yusuf Ali", born),
            row(3, "Tesfay Haile", Birth::Year(1990)),
            row(4, "Amina Yusuf Aly", born),
            row(5, "Tesfay Haile", Birth::Year(1970)),
            row(6, "Amina Yusuf", Birth::Unknown),
        ];
        assert_eq!(groups(&rows), [vec![2, 4, 6]]);
        let chain = [
            row(2, "Hassan Omar Ali", Birth::Year(1980)),
            row(3, "Hassan Omar Farah", Birth::Year(1980)),
            row(4, "Jama Omar Farah", Birth::Year(1980)),
            row(5, "Jama Abdi Farah", Birth::Year(1980)),
        ];
        let found = groups(&chain);
        assert!(
            found.iter().all(|g| !(g.contains(&2) && g.contains(&5))),
            "one step, not a chain: {found:?}"
        );
    }
}
