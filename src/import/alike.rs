//! Rows of one file that may be the same person, by the search's own duplicate rules
//! (`search::duplicates`) and births that may be one (two whole dates the same day), so the
//! dry run warns before an office starts with a split history.

use super::Readable;
use crate::model::Birth;
use crate::search::memory::MemorySource;
use crate::search::{NameRecord, duplicates};
use std::collections::{BTreeMap, BTreeSet};

/// How many look-alikes one row may bring up; more than this in one list is a list problem.
const LIMIT: usize = 10;

/// Which line looks like which, both ways: a row with the rows like it.
pub type Alike = BTreeMap<usize, BTreeSet<usize>>;

/// The rows that look like each other, by the duplicate warning's rules: either row finding
/// the other is enough, since the rule looks at one row's birth.
pub fn pairs(rows: &[Readable]) -> Alike {
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
    let births: BTreeMap<usize, Birth> = rows.iter().map(|r| (r.line, r.draft.birth)).collect();
    let mut like = Alike::new();
    for row in rows {
        let hits = duplicates(&source, &row.draft.name, &row.draft.birth, LIMIT + 1)
            .unwrap_or_else(|e| match e {});
        for hit in hits.iter().filter_map(|h| usize::try_from(h.number).ok()) {
            if hit != row.line
                && births
                    .get(&hit)
                    .is_some_and(|b| row.draft.birth.may_be_same_day(b))
            {
                like.entry(row.line).or_default().insert(hit);
                like.entry(hit).or_default().insert(row.line);
            }
        }
    }
    like
}

/// Groups of lines that look like each other: a row with the rows like it, each group
/// sorted, in order of their first line. Not chained further (A like B and B like C lists
/// A, B, C, but not whoever looks like C), so one common name cannot pull half a list into
/// one group; a group inside another one is left out.
pub fn groups(like: &Alike) -> Vec<Vec<usize>> {
    let group = |line: usize| -> BTreeSet<usize> {
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
            out.insert(mine.into_iter().collect());
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
        assert_eq!(groups(&pairs(&rows)), [vec![2, 4, 6]]);
        let chain = [
            row(2, "Hassan Omar Ali", Birth::Year(1980)),
            row(3, "Hassan Omar Farah", Birth::Year(1980)),
            row(4, "Jama Omar Farah", Birth::Year(1980)),
            row(5, "Jama Abdi Farah", Birth::Year(1980)),
        ];
        let found = groups(&pairs(&chain));
        assert!(
            found.iter().all(|g| !(g.contains(&2) && g.contains(&5))),
            "one step, not a chain: {found:?}"
        );
    }
}
