//! Finding a client by name, alias, birth, number or phone.
//!
//! The store keeps a table of index terms per client (`index_terms`, `birth_term`); a query is
//! turned into term look-ups (`candidates`), the store returns the candidates' name records,
//! and `rank` orders them. The pieces:
//! - `normalise`: case, diacritics, Turkish i, ß, apostrophes, ICAO umlaut forms;
//! - `parts`: particles, Abd-/-ullah/-uddin compounds, solid forms, surname-first;
//! - `phonetic`: the consonant-skeleton key;
//! - `table`: equivalent spellings of common name parts (`data/name_parts.toml`, read by
//!   `table_file` in `build.rs` into static data);
//! - `query`, `terms`, `candidates`, `rank`: what was typed, what is stored, what is fetched,
//!   how it is ordered.
//!
//! Nothing here merges clients: the search proposes, the volunteer decides.

mod candidates;
pub mod memory;
mod normalise;
mod parts;
mod phonetic;
mod query;
mod rank;
mod table;
#[cfg(test)]
mod table_file;
mod terms;

pub use rank::MatchKind;
pub use terms::{birth_term, index_terms, terms_version};

use crate::model::{Birth, phone_digits};
use parts::parse_name;
use query::Query;
use rank::{Scorer, birth_points};

/// What the ranking needs to know about one candidate client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameRecord {
    pub number: u64,
    pub name: String,
    pub aliases: Vec<String>,
    pub birth: Birth,
    pub restricted: bool,
}

/// Where candidates come from; the store implements it over its index tables.
///
/// The term table holds `(term, client)` pairs sorted by term, then client; the terms of a
/// client are `index_terms(name, aliases)` plus `birth_term(birth)`.
pub trait CandidateSource {
    type Error;
    /// Clients with an index term that starts with `prefix`, at most `limit` of them, in term
    /// order.
    fn with_term_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<u64>, Self::Error>;
    /// Clients with exactly this index term numbered `from` or higher, at most `limit` of
    /// them, in number order: a range scan from `(term, from)` to `(term, u64::MAX)` over the
    /// same table.
    fn with_term(&self, term: &str, from: u64, limit: usize) -> Result<Vec<u64>, Self::Error>;
    /// Clients whose phone number ends in `key` (see `phone_key`).
    fn with_phone(&self, key: &str) -> Result<Vec<u64>, Self::Error>;
    /// Whether a client with this number exists (a number typed in the query).
    fn exists(&self, number: u64) -> Result<bool, Self::Error>;
    /// The name records of these clients, each of which the source gave out or `exists`
    /// said is there (the store refuses as damaged one that is missing).
    fn records(&self, numbers: &[u64]) -> Result<Vec<NameRecord>, Self::Error>;
    /// The day of each client's latest contact (last visit, else registration), in the
    /// order given. Between equal matches the client seen most recently comes first: at a
    /// desk, the active clients are the ones who walk in. Asked only for the clients whose
    /// order it can change, since each costs the store a look-up of its own.
    fn last_contacts(&self, numbers: &[u64])
    -> Result<Vec<Option<chrono::NaiveDate>>, Self::Error>;
}

/// One result, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub number: u64,
    pub score: i64,
    /// How the client was found, to show beside the name ("spelling variant").
    pub kind: MatchKind,
    /// A restricted client; only `duplicates` returns these without being asked, so the desk
    /// can warn without showing the name.
    pub restricted: bool,
    /// The other spelling the query met, when it scored better than the registered name: shown
    /// beside the name, so a volunteer who cannot read the name's script still knows whom
    /// the row is about.
    pub alias: Option<String>,
}

/// The phone index key: the last nine digits, so "+31 6 12345678" and "0612345678" meet.
pub fn phone_key(phone: &str) -> Option<String> {
    let digits = phone_digits(phone);
    (digits.len() >= 6).then(|| digits[digits.len().saturating_sub(9)..].to_string())
}

const NUMBER_FIRST: i64 = 1_000_000;
const PHONE_FIRST: i64 = 900_000;

/// Searches for `query`, best match first. Restricted clients appear only with
/// `include_restricted`. A client number or a phone number puts that client first; a birth
/// year or date in the query ("hassan 1986") lifts the clients born then.
pub fn search<S: CandidateSource>(
    source: &S,
    query: &str,
    limit: usize,
    include_restricted: bool,
) -> Result<Vec<Hit>, S::Error> {
    let q = Query::parse(query);
    let mut firsts: Vec<(u64, MatchKind)> = Vec::new();
    if let Some(n) = q.number
        && source.exists(n)?
    {
        firsts.push((n, MatchKind::Number));
    }
    if let Some(key) = &q.phone {
        firsts.extend(
            source
                .with_phone(key)?
                .into_iter()
                .map(|n| (n, MatchKind::Phone)),
        );
    }
    let shown = |s: &Scored| include_restricted || !s.hit.restricted;
    Ok(
        rank_candidates(source, &Scorer::new(&q), &firsts, limit, shown)?
            .into_iter()
            .map(|s| s.hit)
            .collect(),
    )
}

/// Clients that may be the person being registered: the same name in any spelling (a word met
/// only by sound or loosely needs a fitting birth too, and may not be the given name), with
/// at most one part more in the name's order; or all but one of its parts, met closely and
/// from the given name on, with the same birth year (for a name of two parts, the same date
/// of birth: one common given name and a year are no sign of one person). Restricted clients are included
/// and marked, so the desk can warn that one exists without showing who.
pub fn duplicates<S: CandidateSource>(
    source: &S,
    name: &str,
    birth: &Birth,
    limit: usize,
) -> Result<Vec<Hit>, S::Error> {
    let date = match birth {
        Birth::Date(d) => Some(*d),
        _ => None,
    };
    let q = Query::for_name(name, birth.year(), date);
    let n = q.parts.len();
    let alike = |s: &Scored| {
        let l = s.likeness;
        let year = s.birth >= rank::YEAR;
        // Every word met closely, or all but one with the birth, the given name among the
        // close ones and leading: a given name that only sounds alike (Ghada, Ghaith) is
        // another person's.
        let close = l.close >= n || (l.close + 1 >= n && year && l.given_close && l.leads);
        match s.hit.kind {
            MatchKind::Number | MatchKind::Phone => true,
            // All but one word, from the given name on, with the birth.
            MatchKind::Partial => {
                l.leads
                    && l.given_close
                    && l.close + 1 >= n
                    && ((n >= 3 && year) || (n == 2 && s.birth == rank::DATE))
            }
            // Every word, each at a part of its own; one part more (not the given name) only
            // with the words in the name's order. A name of one word is many people unless
            // the whole name is that word and the birth fits.
            _ => {
                l.distinct
                    && (l.spare == 0 || (l.spare == 1 && l.given_met && l.in_order))
                    && close
                    && (n >= 2 || (l.parts == 1 && year))
            }
        }
    };
    Ok(
        rank_candidates(source, &Scorer::with_likeness(&q), &[], limit, alike)?
            .into_iter()
            .map(|s| s.hit)
            .collect(),
    )
}

struct Scored {
    hit: Hit,
    /// How the query's words and the client's name pair up.
    likeness: rank::Likeness,
    /// The points the birth in the query gave (`rank::birth_points`); 0 when it does not fit.
    birth: i64,
}

/// The best `limit` candidates that `kept` keeps, best first.
fn rank_candidates<S: CandidateSource>(
    source: &S,
    scorer: &Scorer,
    firsts: &[(u64, MatchKind)],
    limit: usize,
    kept: impl Fn(&Scored) -> bool,
) -> Result<Vec<Scored>, S::Error> {
    let q = scorer.query();
    let mut numbers = candidates::gather(source, q)?;
    numbers.extend(firsts.iter().map(|&(n, _)| n));
    numbers.sort_unstable();
    numbers.dedup();
    let mut scored: Vec<Scored> = Vec::new();
    for record in source.records(&numbers)? {
        let first = firsts
            .iter()
            .filter(|&&(n, _)| n == record.number)
            .map(|&(_, kind)| kind)
            .min();
        let (score, kind, likeness, birth, name) = match first {
            Some(MatchKind::Number) => (NUMBER_FIRST, MatchKind::Number, Default::default(), 0, 0),
            Some(kind) => (PHONE_FIRST, kind, Default::default(), 0, 0),
            None => {
                let names: Vec<Vec<parts::Part>> = std::iter::once(&record.name)
                    .chain(&record.aliases)
                    .map(|n| parse_name(n))
                    .collect();
                let Some(best) = scorer.best(names.iter().map(Vec::as_slice)) else {
                    continue;
                };
                let birth = birth_points(q, &record.birth);
                (
                    best.points + birth,
                    best.kind,
                    best.likeness,
                    birth,
                    best.name,
                )
            }
        };
        let alias = name
            .checked_sub(1)
            .and_then(|i| record.aliases.get(i))
            .cloned();
        scored.push(Scored {
            hit: Hit {
                number: record.number,
                score,
                kind,
                restricted: record.restricted,
                alias,
            },
            likeness,
            birth,
        });
    }
    scored.retain(&kept);
    scored.sort_by_key(|s| std::cmp::Reverse(s.hit.score));
    // Only the clients scoring at least as well as the last one shown can be shown, so only
    // their last contacts are asked for.
    let Some(last_shown) = limit.checked_sub(1).and_then(|i| scored.get(i)) else {
        scored.truncate(limit);
        return order_by_contact(source, scored);
    };
    let cut = last_shown.hit.score;
    scored.truncate(scored.partition_point(|s| s.hit.score >= cut));
    let mut ordered = order_by_contact(source, scored)?;
    ordered.truncate(limit);
    Ok(ordered)
}

/// Sorts clients by score, then the most recent contact first, then by number.
fn order_by_contact<S: CandidateSource>(
    source: &S,
    scored: Vec<Scored>,
) -> Result<Vec<Scored>, S::Error> {
    let numbers: Vec<u64> = scored.iter().map(|s| s.hit.number).collect();
    let contacts = source.last_contacts(&numbers)?;
    let mut paired: Vec<(Scored, Option<chrono::NaiveDate>)> =
        scored.into_iter().zip(contacts).collect();
    paired.sort_by(|(a, a_met), (b, b_met)| {
        b.hit
            .score
            .cmp(&a.hit.score)
            .then(b_met.cmp(a_met))
            .then(a.hit.number.cmp(&b.hit.number))
    });
    Ok(paired.into_iter().map(|(s, _)| s).collect())
}

#[cfg(test)]
mod tests {
    use super::memory::MemorySource;
    use super::*;

    fn client(
        number: u64,
        name: &str,
        aliases: &[&str],
        birth: Birth,
        restricted: bool,
    ) -> NameRecord {
        NameRecord {
            number,
            name: name.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            birth,
            restricted,
        }
    }

    fn store() -> MemorySource {
        let mut s = MemorySource::new();
        s.insert(
            client(1, "Mohammed Ali", &[], Birth::Year(1980), false),
            Some("06 1234 5678"),
        );
        s.insert(
            client(2, "Ali Mohammed", &[], Birth::Year(2005), false),
            None,
        );
        s.insert(
            client(3, "Mahmoud Ali", &[], Birth::Year(1980), false),
            None,
        );
        s.insert(
            client(4, "Hassan Omar", &["Xasan Cumar"], Birth::Year(1986), false),
            None,
        );
        s.insert(
            client(5, "Hassan Omar", &[], Birth::Year(1990), false),
            None,
        );
        s.insert(
            client(6, "Hussein Omar", &[], Birth::Year(1986), true),
            None,
        );
        s
    }

    fn numbers(hits: &[Hit]) -> Vec<u64> {
        hits.iter().map(|h| h.number).collect()
    }

    fn find(s: &MemorySource, q: &str, restricted: bool) -> Vec<u64> {
        numbers(&search(s, q, 10, restricted).unwrap_or_else(|e| match e {}))
    }

    #[test]
    fn order_decides_but_both_are_listed_and_mahmoud_is_not_mohammed() {
        let s = store();
        let found = find(&s, "Muhammad Ali", false);
        assert_eq!(&found[..2], [1, 2]);
        let mahmoud = found.iter().position(|&n| n == 3);
        assert!(mahmoud.is_none_or(|p| p >= 2));
    }

    #[test]
    fn between_equal_matches_the_client_seen_last_comes_first_past_the_hidden() {
        let mut s = MemorySource::new();
        for n in 1..=40 {
            s.insert(
                client(n, "Hassan Omar", &[], Birth::Year(1986), n == 31),
                None,
            );
        }
        s.insert(
            client(41, "Hassan Omarov", &[], Birth::Year(1986), false),
            None,
        );
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        // Seen on the 1st to the 30th, 31 (restricted) last of all; 32 and up never.
        for n in 1..=31 {
            s.met(n, day(n as u32));
        }
        s.met(41, day(30));
        let found = numbers(&search(&s, "hassan omar", 5, false).unwrap_or_else(|e| match e {}));
        assert_eq!(found, [30, 29, 28, 27, 26]);
        let found = numbers(&search(&s, "hassan omar", 5, true).unwrap_or_else(|e| match e {}));
        assert_eq!(found, [31, 30, 29, 28, 27]);
        // Fewer results than asked: every one, by contact, then those never seen by number.
        let found = numbers(&search(&s, "hassan omar", 100, false).unwrap_or_else(|e| match e {}));
        assert_eq!(&found[..3], [30, 29, 28]);
        assert_eq!(&found[29..32], [1, 32, 33]);
    }

    #[test]
    fn number_and_phone_come_first() {
        let s = store();
        assert_eq!(find(&s, "3", false)[0], 3);
        assert_eq!(find(&s, "+31 6 12 34 56 78", false)[0], 1);
        assert_eq!(find(&s, "0612345678", false)[0], 1);
    }

    #[test]
    fn a_year_lifts_the_client_born_then_and_aliases_count() {
        let s = store();
        assert_eq!(find(&s, "hassan omar 1990", false)[0], 5);
        assert_eq!(find(&s, "hassan omar 1986", false)[0], 4);
        assert_eq!(find(&s, "Xasan Cumar", false)[0], 4);
    }

    #[test]
    fn a_title_on_the_document_or_in_the_query_changes_nothing() {
        let mut s = store();
        s.insert(
            client(7, "Haji Abdulrahman Karim", &[], Birth::Year(1960), false),
            None,
        );
        assert_eq!(find(&s, "abdulrahman karim", false)[0], 7);
        assert_eq!(find(&s, "Dr. Abd al-Rahman Karim", false)[0], 7);
        assert_eq!(find(&s, "Sheikh Hassan Omar 1986", false)[0], 4);
    }

    #[test]
    fn transliteration_classes_find_each_other() {
        // Each pair: registered, typed. Vowels in unstressed syllables and -ullah/-ollah,
        // geminates and digraphs, q/k/g at a word start, ie/iy/i between consonants, and the
        // -eh/-a/-ah endings.
        let pairs = [
            ("Abdul Rahman Safi", "abdul rehman safi"),
            ("Najibullah Karimi", "najibollah karimi"),
            ("Najibullah Karimi", "najibulla karimi"),
            ("Omar Gadhafi", "omar gaddafi"),
            ("Omar Gaddafi", "omar gadafi"),
            ("Qasim Ahmadi", "kasim ahmadi"),
            ("Qasim Ahmadi", "gasim ahmadi"),
            ("Rashied Omar", "rashid omar"),
            ("Rashiyd Omar", "rashid omar"),
            ("Fatemeh Rezaei", "fatima rezaei"),
            ("Fatimah Rezaei", "fatemeh rezaei"),
            ("Zahra Mohammadi", "zahra mohamadi"),
        ];
        for (registered, typed) in pairs {
            let mut s = MemorySource::new();
            s.insert(client(1, registered, &[], Birth::Unknown, false), None);
            s.insert(client(2, "Hussein Ali", &[], Birth::Unknown, false), None);
            s.insert(client(3, "Mahmoud Farah", &[], Birth::Unknown, false), None);
            assert_eq!(
                find(&s, typed, false).first(),
                Some(&1),
                "{typed} should find {registered}"
            );
        }
    }

    #[test]
    fn a_part_more_or_less_than_registered_still_finds_the_client() {
        let mut s = MemorySource::new();
        s.insert(
            client(1, "Yohannes Gebremedhin Tesfay", &[], Birth::Unknown, false),
            None,
        );
        s.insert(
            client(2, "Yohannes Tesfay Haile", &[], Birth::Unknown, false),
            None,
        );
        for n in 3..12 {
            let name = format!("Yohannes Kidane Berhe{n}");
            s.insert(client(n, &name, &[], Birth::Unknown, false), None);
        }
        // A grandfather's name more than registered: all but one typed part match, in order.
        let found = find(&s, "yohannes gebremedhin tesfay weldemichael", false);
        assert!(found.iter().take(5).any(|&n| n == 1), "{found:?}");
        // A part fewer.
        let found = find(&s, "yohannes tesfay", false);
        assert!(found.iter().take(5).any(|&n| n == 1), "{found:?}");
        // A full match of every typed part still wins.
        assert_eq!(find(&s, "yohannes tesfay haile", false)[0], 2);
        assert_eq!(find(&s, "yohannes gebremedhin tesfay", false)[0], 1);
    }

    #[test]
    fn restricted_clients_only_when_asked() {
        let s = store();
        assert!(!find(&s, "Hussein Omar", false).contains(&6));
        assert_eq!(find(&s, "Hussein Omar", true)[0], 6);
    }

    #[test]
    fn typing_finds_prefixes() {
        let s = store();
        assert!(find(&s, "moh", false).contains(&1));
        assert!(find(&s, "moham al", false).starts_with(&[1]));
    }

    #[test]
    fn duplicates_warn_on_the_same_person_and_mark_restricted_ones() {
        let s = store();
        let hits =
            duplicates(&s, "Husain Omar", &Birth::Year(1986), 5).unwrap_or_else(|e| match e {});
        let restricted: Vec<u64> = hits
            .iter()
            .filter(|h| h.restricted)
            .map(|h| h.number)
            .collect();
        assert_eq!(restricted, [6]);
        let hits = duplicates(&s, "Mohamed Ali", &Birth::Unknown, 5).unwrap_or_else(|e| match e {});
        assert!(numbers(&hits).contains(&1));
        let hits =
            duplicates(&s, "Tesfay Haile", &Birth::Year(1980), 5).unwrap_or_else(|e| match e {});
        assert!(hits.is_empty());
    }

    #[test]
    fn a_shared_common_part_or_a_sound_alike_is_not_the_same_person() {
        let day = |y, m, d| Birth::Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let mut s = MemorySource::new();
        let people = [
            (1, "Ghaith Salah AlJaafar", day(2006, 1, 26)),
            (2, "Meryem Ali", day(1973, 4, 12)),
            (3, "Mohammad Tamim Naderi", Birth::Year(1999)),
            (4, "Amina Yusuf Ali", day(1985, 4, 3)),
            (5, "Hassan Omar Farah", Birth::Year(1980)),
        ];
        for (number, name, birth) in people {
            s.insert(client(number, name, &[], birth, false), None);
        }
        let like = |name: &str, birth: Birth| {
            numbers(&duplicates(&s, name, &birth, 5).unwrap_or_else(|e| match e {}))
        };
        // Kees sounds like Ghaith by the consonant key only; one part of two is no match.
        assert_eq!(like("Kees de Wit", day(2006, 1, 28)), [] as [u64; 0]);
        // One Ali is one part, however often it is typed.
        assert_eq!(like("Ali Ali", Birth::Year(1973)), [] as [u64; 0]);
        // A single common name and a year are many people; so are two of three parts in
        // another order, or without the given name.
        assert_eq!(like("Mohammad", Birth::Year(1999)), [] as [u64; 0]);
        assert_eq!(like("Ali", Birth::Year(1973)), [] as [u64; 0]);
        assert_eq!(like("Omar Hassan Ali", Birth::Year(1980)), [] as [u64; 0]);
        assert_eq!(like("Abdi Omar Farah", Birth::Year(1980)), [] as [u64; 0]);
        assert_eq!(like("Amina Hassan", Birth::Year(1985)), [] as [u64; 0]);
        // Names in another order with a part more, and a given name that only sounds alike.
        assert_eq!(like("Ali AlJaafar", day(2006, 1, 26)), [] as [u64; 0]);
        assert_eq!(
            like("Ghada Salah AlJaafar", day(2006, 1, 26)),
            [] as [u64; 0]
        );
        assert_eq!(like("Meryem", Birth::Year(1973)), [] as [u64; 0]);
        // The same person still warns: another spelling, a part fewer, two of three parts
        // with the year, the same given name with the same date of birth.
        assert_eq!(like("Amina Yusuf Aly", Birth::Unknown), [4]);
        assert_eq!(like("Amina Yusuf", Birth::Unknown), [4]);
        assert_eq!(
            like("Yusuf Ali", day(1985, 4, 3)),
            [] as [u64; 0],
            "her given name is Amina"
        );
        assert_eq!(like("Hassan Omar Ali", Birth::Year(1980)), [5]);
        assert_eq!(like("Amina Hassan", day(1985, 4, 3)), [4]);
        assert_eq!(like("Hassan Omar Ali", Birth::Year(1981)), [] as [u64; 0]);
    }
}
