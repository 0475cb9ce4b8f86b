//! Which clients to score: index look-ups for each query word, tallied so that clients met by
//! more words, and by better kinds of term, are scored first.

use super::CandidateSource;
use super::fasthash::FastMap;
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
    let mut total: FastMap<u64, u32> = FastMap::default();
    let joined: Vec<Part> = query
        .parts
        .windows(2)
        .map(|w| Part::joined(&w[0], &w[1]))
        .collect();
    for (i, part) in query.parts.iter().enumerate() {
        let typing = query.typing && i + 1 == n;
        let mut best: FastMap<u64, u8> = FastMap::default();
        word_lookups(source, part, typing, &mut best)?;
        // "Gebre Medhin" typed, "Gebremedhin" stored: the pair counts for both its words.
        for pair in [i.checked_sub(1), (i + 1 < n).then_some(i)]
            .into_iter()
            .flatten()
        {
            exact_lookups(source, &joined[pair], &mut best)?;
        }
        for (id, w) in best {
            *total.entry(id).or_default() += u32::from(w);
        }
    }
    if let Some(year) = query.year
        && !total.is_empty()
    {
        for id in source.with_term(&format!("{YEAR}{year}"), TERM_LIMIT)? {
            if let Some(t) = total.get_mut(&id) {
                *t += W_BIRTH;
            }
        }
    }
    let mut ranked: Vec<(u64, u32)> = total.into_iter().collect();
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
    best: &mut FastMap<u64, u8>,
) -> Result<(), S::Error> {
    exact_lookups(source, part, best)?;
    let t = table();
    for r in &part.readings {
        for &g in &r.groups {
            note(
                best,
                source.with_term(&format!("{GROUP}{}", t.name(g)), TERM_LIMIT)?,
                W_GROUP,
            );
        }
        if r.core.len() >= 3 {
            note(
                best,
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
            note(
                best,
                source.with_term(&format!("{DROPPED}{k}"), TERM_LIMIT)?,
                W_PREFIX,
            );
            // Leaving a letter out of a short key finds too many clients to be worth it.
            for d in one_dropped(k).filter(|d| d.len() >= 3) {
                note(
                    best,
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
        note(
            best,
            source.with_term_prefix(&format!("{NAME}{}", part.surface), PREFIX_LIMIT)?,
            weight,
        );
        if main.core != part.surface {
            note(
                best,
                source.with_term_prefix(&format!("{NAME}{}", main.core), PREFIX_LIMIT)?,
                weight,
            );
        }
    } else if main.core.len() >= 3 {
        note(
            best,
            source.with_term_prefix(&format!("{NAME}{}", main.core), PREFIX_LIMIT)?,
            W_PREFIX,
        );
    }
    if let Some(key) = main.keys.first().filter(|k| k.len() >= 2)
        && (typing || key.len() >= 3)
    {
        note(
            best,
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
    best: &mut FastMap<u64, u8>,
) -> Result<(), S::Error> {
    note(
        best,
        source.with_term(&format!("{NAME}{}", part.surface), TERM_LIMIT)?,
        W_SPELLING,
    );
    for r in &part.readings {
        if r.core != part.surface {
            note(
                best,
                source.with_term(&format!("{NAME}{}", r.core), TERM_LIMIT)?,
                W_SPELLING,
            );
        }
        if let Some(icao) = &r.icao {
            note(
                best,
                source.with_term(&format!("{NAME}{icao}"), TERM_LIMIT)?,
                W_SPELLING,
            );
        }
        for k in &r.keys {
            note(
                best,
                source.with_term(&format!("{KEY}{k}"), TERM_LIMIT)?,
                W_KEY,
            );
        }
    }
    Ok(())
}

fn note(best: &mut FastMap<u64, u8>, ids: Vec<u64>, weight: u8) {
    for id in ids {
        let w = best.entry(id).or_default();
        *w = (*w).max(weight);
    }
}
