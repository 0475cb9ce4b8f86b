//! An in-memory `CandidateSource` over the same terms the store writes, for tests and benches.

use super::{CandidateSource, NameRecord, birth_term, index_terms, phone_key};
use crate::demo::names::demo_name;
use crate::demo::rng::Rng;
use crate::model::Birth;
use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::ops::Bound;

/// Clients and their index terms, held in memory: sorted terms with their clients in number
/// order (the store's sorted (term, client) pairs, grouped), plus phone keys and name records.
#[derive(Debug, Default)]
pub struct MemorySource {
    terms: BTreeMap<String, Vec<u64>>,
    phones: HashMap<String, Vec<u64>>,
    records: HashMap<u64, NameRecord>,
    /// Last contacts, where a test gave one.
    contacts: HashMap<u64, chrono::NaiveDate>,
}

impl MemorySource {
    pub fn new() -> MemorySource {
        MemorySource::default()
    }

    /// Adds a client, replacing one with the same number.
    pub fn insert(&mut self, record: NameRecord, phone: Option<&str>) {
        for term in index_terms(&record.name, &record.aliases)
            .into_iter()
            .chain(birth_term(&record.birth))
        {
            let clients = self.terms.entry(term).or_default();
            if let Err(at) = clients.binary_search(&record.number) {
                clients.insert(at, record.number);
            }
        }
        if let Some(key) = phone.and_then(phone_key) {
            self.phones.entry(key).or_default().push(record.number);
        }
        self.records.insert(record.number, record);
    }

    /// `count` demo clients numbered 1 to `count`, born 1940 to 2019, none restricted; the same
    /// seed gives the same clients.
    pub fn with_demo_clients(count: u64, seed: u64) -> MemorySource {
        let mut rng = Rng::new(seed);
        let mut source = MemorySource::new();
        for number in 1..=count {
            let demo = demo_name(&mut rng);
            let year = 1940 + rng.below(80) as i32;
            source.insert(
                NameRecord {
                    number,
                    name: demo.name,
                    aliases: demo.aliases,
                    birth: Birth::Year(year),
                    restricted: false,
                },
                None,
            );
        }
        source
    }

    /// Records a day the client was last seen.
    pub fn met(&mut self, number: u64, day: chrono::NaiveDate) {
        self.contacts.insert(number, day);
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    fn scan(&self, prefix: &str, limit: usize) -> Vec<u64> {
        let mut found = Vec::new();
        for (term, clients) in self
            .terms
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
        {
            if !term.starts_with(prefix) || found.len() >= limit {
                break;
            }
            found.extend(clients.iter().take(limit - found.len()));
        }
        found
    }
}

impl CandidateSource for MemorySource {
    type Error = Infallible;

    fn with_term_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<u64>, Infallible> {
        Ok(self.scan(prefix, limit))
    }

    fn with_term(&self, term: &str, from: u64, limit: usize) -> Result<Vec<u64>, Infallible> {
        Ok(self
            .terms
            .get(term)
            .map(|c| {
                let c = &c[c.partition_point(|&n| n < from)..];
                c[..c.len().min(limit)].to_vec()
            })
            .unwrap_or_default())
    }

    fn with_phone(&self, key: &str) -> Result<Vec<u64>, Infallible> {
        Ok(self.phones.get(key).cloned().unwrap_or_default())
    }

    fn exists(&self, number: u64) -> Result<bool, Infallible> {
        Ok(self.records.contains_key(&number))
    }

    fn records(&self, numbers: &[u64]) -> Result<Vec<NameRecord>, Infallible> {
        Ok(numbers
            .iter()
            .filter_map(|n| self.records.get(n).cloned())
            .collect())
    }

    fn last_contacts(&self, numbers: &[u64]) -> Result<Vec<Option<chrono::NaiveDate>>, Infallible> {
        Ok(numbers
            .iter()
            .map(|n| self.contacts.get(n).copied())
            .collect())
    }
}
