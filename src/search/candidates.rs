//! Which clients to score: index look-ups for each query word, tallied so that clients met by
//! more words, and by better kinds of term, are scored first.

use super::CandidateSource;
use super::parts::Part;
use super::query::Query;
use super::table::table;
use super::terms::{DROPPED, GROUP, INNER, KEY, NAME, YEAR, one_dropped};

/// At most this many clients per exact-term look-up. A common name part (Mohammed) has a few
/// thousand clients at 100,000; more than this would only cost time.
const TERM_LIMIT: usize = 20_000;
/// At most this many clients per prefix look-up ("m", "moh").
const PREFIX_LIMIT: usize = 2_000;
/// At most this many clients are fetched and scored.
pub const SCORED: usize = 150;

/// Look-up weights: the same spelling counts most, a phonetic prefix least.
const W_SPELLING: u8 = 4;
const W_GROUP: u8 = 3;
const W_TYPED: u8 = 3;
const W_KEY: u8 = 2;
const W_PREFIX: u8 = 1;
const W_BIRTH: u32 = 3;

/// The client numbers worth scoring for `query`, most promising first, at most `SCORED`.
pub fn gather<S: CandidateSource>(source: &S, query: &Query) -> Result<Vec<u64>, S::Error> {
    let n = query.parts.len();
    // Every word's best weight for each client it found, word after word.
    let mut words: Vec<(u64, u32)> = Vec::new();
    let joined: Vec<Part> = query
        .parts
        .windows(2)
        .map(|w| Part::joined(&w[0], &w[1]))
        .collect();
    for (i, part) in query.parts.iter().enumerate() {
        let typing = query.typing && i + 1 == n;
        let mut best = Found::default();
        word_lookups(source, part, typing, &mut best)?;
        // "Gebre Medhin" typed, "Gebremedhin" stored: the pair counts for both its words.
        for pair in [i.checked_sub(1), (i + 1 < n).then_some(i)]
            .into_iter()
            .flatten()
        {
            exact_lookups(source, &joined[pair], &mut best)?;
        }
        words.extend(best.best().into_iter().map(|(id, w)| (id, u32::from(w))));
    }
    let mut ranked = summed(words);
    if let Some(year) = query.year
        && !ranked.is_empty()
    {
        for id in source.with_term(&format!("{YEAR}{year}"), TERM_LIMIT)? {
            if let Ok(at) = ranked.binary_search_by_key(&id, |&(c, _)| c) {
                ranked[at].1 += W_BIRTH;
            }
        }
    }
    if ranked.len() > SCORED {
        ranked.select_nth_unstable_by(SCORED, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(SCORED);
    }
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(ranked.into_iter().map(|(id, _)| id).collect())
}

fn word_lookups<S: CandidateSource>(
    source: &S,
    part: &Part,
    typing: bool,
    best: &mut Found,
) -> Result<(), S::Error> {
    exact_lookups(source, part, best)?;
    let t = table();
    for r in &part.readings {
        for &g in &r.groups {
            best.note(
                source.with_term(&format!("{GROUP}{}", t.name(g)), TERM_LIMIT)?,
                W_GROUP,
            );
        }
        if r.core.len() >= 3 {
            best.note(
                source.with_term(&format!("{INNER}{}", r.core), TERM_LIMIT)?,
                W_PREFIX,
            );
        }
    }
    let main = part.main();
    // A word the table does not know may be misspelled by one sound (Kasay for Kahsay). The
    // word being typed may be complete too: the desk cannot tell.
    if main.groups.is_empty() && main.core.len() >= 4 {
        for k in &main.keys {
            best.note(
                source.with_term(&format!("{DROPPED}{k}"), TERM_LIMIT)?,
                W_PREFIX,
            );
            // Leaving a letter out of a short key finds too many clients to be worth it.
            for d in one_dropped(k).filter(|d| d.len() >= 3) {
                best.note(
                    source.with_term(&format!("{KEY}{d}"), TERM_LIMIT)?,
                    W_PREFIX,
                );
            }
        }
    }
    if typing {
        // A whole listed name being typed ranks its longer words low (see `rank`), so they
        // should not crowd out its other spellings here either.
        let weight = if main.is_listed() { W_PREFIX } else { W_TYPED };
        best.note(
            source.with_term_prefix(&format!("{NAME}{}", part.surface), PREFIX_LIMIT)?,
            weight,
        );
        if main.core != part.surface {
            best.note(
                source.with_term_prefix(&format!("{NAME}{}", main.core), PREFIX_LIMIT)?,
                weight,
            );
        }
    } else if main.core.len() >= 3 {
        best.note(
            source.with_term_prefix(&format!("{NAME}{}", main.core), PREFIX_LIMIT)?,
            W_PREFIX,
        );
    }
    if let Some(key) = main.keys.first().filter(|k| k.len() >= 2)
        && (typing || key.len() >= 3)
    {
        best.note(
            source.with_term_prefix(&format!("{KEY}{key}"), PREFIX_LIMIT)?,
            W_PREFIX,
        );
    }
    Ok(())
}

/// The same spelling, core and phonetic keys.
fn exact_lookups<S: CandidateSource>(
    source: &S,
    part: &Part,
    best: &mut Found,
) -> Result<(), S::Error> {
    best.note(
        source.with_term(&format!("{NAME}{}", part.surface), TERM_LIMIT)?,
        W_SPELLING,
    );
    for r in &part.readings {
        if r.core != part.surface {
            best.note(
                source.with_term(&format!("{NAME}{}", r.core), TERM_LIMIT)?,
                W_SPELLING,
            );
        }
        if let Some(icao) = &r.icao {
            best.note(
                source.with_term(&format!("{NAME}{icao}"), TERM_LIMIT)?,
                W_SPELLING,
            );
        }
        for k in &r.keys {
            best.note(source.with_term(&format!("{KEY}{k}"), TERM_LIMIT)?, W_KEY);
        }
    }
    Ok(())
}

/// What one query word's look-ups found: (client, weight) for each client of each look-up.
/// Sorting these once costs far less than a map entry per client (a common name part finds
/// tens of thousands).
#[derive(Default)]
struct Found(Vec<(u64, u8)>);

impl Found {
    fn note(&mut self, ids: Vec<u64>, weight: u8) {
        self.0.extend(ids.into_iter().map(|id| (id, weight)));
    }

    /// Each client once, ascending, with the best weight a look-up gave it.
    fn best(mut self) -> Vec<(u64, u8)> {
        // A stable sort: most look-ups come in ascending order, and it merges such runs fast.
        self.0.sort_by_key(|&(id, _)| id);
        self.0.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 = kept.1.max(later.1);
            }
            same
        });
        self.0
    }
}

/// Each client once, ascending, with the weights of all words added up.
fn summed(mut words: Vec<(u64, u32)>) -> Vec<(u64, u32)> {
    words.sort_by_key(|&(id, _)| id);
    words.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 += later.1;
        }
        same
    });
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn the_best_weight_of_each_client_and_the_sum_over_words_as_a_map_gives_them() {
        // Look-ups in client order and a prefix look-up in term order, with repeats.
        let lists: [(&[u64], u8); 4] = [
            (&[3, 8, 21, 40], W_SPELLING),
            (&[1, 3, 9, 40, 77], W_KEY),
            (&[40, 2, 9, 9, 3, 100], W_PREFIX),
            (&[], W_GROUP),
        ];
        let mut found = Found::default();
        let mut map: HashMap<u64, u8> = HashMap::new();
        for (ids, w) in lists {
            found.note(ids.to_vec(), w);
            for &id in ids {
                let best = map.entry(id).or_default();
                *best = (*best).max(w);
            }
        }
        let mut expected: Vec<(u64, u8)> = map.into_iter().collect();
        expected.sort();
        let best = found.best();
        assert_eq!(best, expected);
        let other = [(2, 3), (3, 4), (500, 1)];
        let words = best
            .iter()
            .map(|&(id, w)| (id, u32::from(w)))
            .chain(other)
            .collect();
        let sum = summed(words);
        assert_eq!(sum.len(), best.len() + 1);
        assert_eq!(sum.iter().find(|e| e.0 == 3), Some(&(3, 8)));
        assert_eq!(sum.iter().find(|e| e.0 == 2), Some(&(2, 4)));
        assert!(sum.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
