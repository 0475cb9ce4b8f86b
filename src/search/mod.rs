//! Finding a client by name, alias, birth, number or phone.
//!
//! The store keeps a table of index terms per client (`index_terms`); a query is turned into
//! term look-ups, the store returns the candidates, and `rank` orders them.

use crate::model::{Birth, phone_digits};

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
pub trait CandidateSource {
    type Error;
    /// Clients with an index term that starts with `prefix`, at most `limit` of them.
    fn with_term_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<u64>, Self::Error>;
    /// Clients whose phone number ends in `key` (see `phone_key`).
    fn with_phone(&self, key: &str) -> Result<Vec<u64>, Self::Error>;
    /// The name records of these clients; numbers that do not exist are left out.
    fn records(&self, numbers: &[u64]) -> Result<Vec<NameRecord>, Self::Error>;
}

/// One result, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub number: u64,
    pub score: i64,
}

/// The terms stored for a client, from its name and aliases.
pub fn index_terms(name: &str, aliases: &[String]) -> Vec<String> {
    let mut terms: Vec<String> = std::iter::once(name)
        .chain(aliases.iter().map(String::as_str))
        .flat_map(words)
        .collect();
    terms.sort();
    terms.dedup();
    terms
}

/// The phone index key: the last nine digits, so "+31 6 12345678" and "0612345678" meet.
pub fn phone_key(phone: &str) -> Option<String> {
    let digits = phone_digits(phone);
    (digits.len() >= 6).then(|| digits[digits.len().saturating_sub(9)..].to_string())
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Searches for `query`, best match first. Restricted clients appear only with
/// `include_restricted`.
pub fn search<S: CandidateSource>(
    source: &S,
    query: &str,
    limit: usize,
    include_restricted: bool,
) -> Result<Vec<Hit>, S::Error> {
    let trimmed = query.trim();
    let mut numbers = Vec::new();
    if let Ok(n) = trimmed.parse::<u64>() {
        numbers.push(n);
    }
    if let Some(key) = phone_key(trimmed) {
        numbers.extend(source.with_phone(&key)?);
    }
    let query_words = words(trimmed);
    for w in query_words
        .iter()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
    {
        numbers.extend(source.with_term_prefix(w, 5000)?);
    }
    numbers.sort_unstable();
    numbers.dedup();
    let mut hits: Vec<Hit> = source
        .records(&numbers)?
        .into_iter()
        .filter(|r| include_restricted || !r.restricted)
        .map(|r| Hit {
            number: r.number,
            score: score(&r, trimmed, &query_words),
        })
        .filter(|h| h.score > 0)
        .collect();
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.number.cmp(&b.number)));
    hits.truncate(limit);
    Ok(hits)
}

fn score(record: &NameRecord, query: &str, query_words: &[String]) -> i64 {
    if query.parse::<u64>() == Ok(record.number) {
        return 1_000_000;
    }
    let names: Vec<String> = std::iter::once(&record.name)
        .chain(record.aliases.iter())
        .flat_map(|n| words(n))
        .collect();
    let mut score = 0;
    for w in query_words {
        if let Ok(year) = w.parse::<i32>() {
            if record.birth.year() == Some(year) {
                score += 50;
            }
        } else if names.iter().any(|n| n == w) {
            score += 100;
        } else if names.iter().any(|n| n.starts_with(w.as_str())) {
            score += 60;
        }
    }
    score
}

/// Existing clients who may be the person being registered: the name's matches, those born
/// in the same year first.
pub fn duplicates<S: CandidateSource>(
    source: &S,
    name: &str,
    birth: &Birth,
    limit: usize,
) -> Result<Vec<Hit>, S::Error> {
    let query = match birth.year() {
        Some(y) => format!("{name} {y}"),
        None => name.to_string(),
    };
    search(source, &query, limit, true)
}
