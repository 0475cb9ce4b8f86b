//! The name search's view of the store: term and phone look-ups in one consistent read.

use super::bounds::Bounds;
use super::clients::read_client;
use super::followups::open_count;
use super::name_index;
use super::tables::ReadTables;
use super::visits::last_visit_day;
use super::{Store, StoreError};
use crate::model::Client;
use crate::search::{self, CandidateSource, NameRecord};
use chrono::NaiveDate;

/// A client as a search result or list row shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSummary {
    pub client: Client,
    pub last_visit: Option<NaiveDate>,
    pub open_followups: usize,
    /// The other spelling the search met, when that was not the registered name.
    pub alias: Option<String>,
}

/// Who may be the person being registered: clients that may be shown, and how many
/// restricted ones may match (without who).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Duplicates {
    pub clients: Vec<ClientSummary>,
    pub restricted: usize,
}

impl ClientSummary {
    /// The name as a result row shows it: with the spelling the search met beside it, as in
    /// "محمد الحسن (Mohammed Alhassan)".
    pub fn name_shown(&self) -> String {
        match &self.alias {
            Some(alias) => format!("{} ({alias})", self.client.name),
            None => self.client.name.clone(),
        }
    }

    /// The cells of a result row, as `find` and the desk's search show them: number, name
    /// (with the alias met), birth year, country, last visit (in `date_format`), open
    /// follow-ups, "T" when an interpreter is needed. Raw text: the caller makes it safe for
    /// its terminal.
    pub fn row(&self, date_format: &str) -> [String; 7] {
        let c = &self.client;
        [
            c.number.to_string(),
            self.name_shown(),
            c.birth.year().map(|y| y.to_string()).unwrap_or_default(),
            c.country.clone().unwrap_or_default(),
            self.last_visit
                .map(|d| d.format(date_format).to_string())
                .unwrap_or_default(),
            match self.open_followups {
                0 => String::new(),
                n => n.to_string(),
            },
            if c.interpreter {
                "T".into()
            } else {
                String::new()
            },
        ]
    }
}

/// The tables and their counters: a number an index gives must be one ever handed out.
struct View<'a>(&'a ReadTables, Bounds);

impl CandidateSource for View<'_> {
    type Error = StoreError;

    fn with_term_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<u64>, StoreError> {
        name_index::with_term_prefix(self.0, &self.1, prefix, limit)
    }

    fn with_term(&self, term: &str, from: u64, limit: usize) -> Result<Vec<u64>, StoreError> {
        name_index::with_term(self.0, &self.1, term, from, limit)
    }

    fn with_phone(&self, key: &str) -> Result<Vec<u64>, StoreError> {
        let mut out = Vec::new();
        for entry in self.0.phones.range((key, 0)..=(key, u64::MAX))? {
            out.push(self.1.client(entry?.0.value().1)?);
        }
        Ok(out)
    }

    fn exists(&self, number: u64) -> Result<bool, StoreError> {
        Ok(self.0.clients.get(number)?.is_some())
    }

    fn records(&self, numbers: &[u64]) -> Result<Vec<NameRecord>, StoreError> {
        let mut out = Vec::with_capacity(numbers.len());
        for &n in numbers {
            let c = indexed_client(self.0, n)?;
            out.push(NameRecord {
                number: c.number,
                name: c.name,
                aliases: c.aliases,
                birth: c.birth,
                restricted: c.restricted,
            });
        }
        Ok(out)
    }

    fn last_contacts(&self, numbers: &[u64]) -> Result<Vec<Option<NaiveDate>>, StoreError> {
        let mut out = Vec::with_capacity(numbers.len());
        for &n in numbers {
            let last = match last_visit_day(self.0, n)? {
                Some(day) => day,
                // Never came since registering: rare enough to read the record again.
                None => indexed_client(self.0, n)?.created.at.date(),
            };
            out.push(Some(last));
        }
        Ok(out)
    }
}

/// A client the name and phone indexes gave (an erasure empties them of a client along with
/// its record) or `exists` found.
fn indexed_client(t: &ReadTables, n: u64) -> Result<Client, StoreError> {
    read_client(t, n)?
        .ok_or_else(|| StoreError::damaged(format!("client {n} is indexed but missing")))
}

impl Store {
    /// Finds clients for what a volunteer typed, best first, with what a result row shows.
    pub fn find(
        &self,
        query: &str,
        limit: usize,
        include_restricted: bool,
    ) -> Result<Vec<ClientSummary>, StoreError> {
        self.read(|t| {
            let hits = search::search(&View(t, Bounds::of(t)?), query, limit, include_restricted)?;
            summaries(t, hits.into_iter().map(|h| (h.number, h.alias)))
        })
    }

    /// Existing clients who may be the person being registered (name plus birth). Restricted
    /// clients are only counted, never described: that one may match is all a volunteer is
    /// told, and the coordinator checks it.
    pub fn possible_duplicates(
        &self,
        name: &str,
        birth: &crate::model::Birth,
        limit: usize,
    ) -> Result<Duplicates, StoreError> {
        self.read(|t| {
            let (hidden, shown): (Vec<_>, Vec<_>) =
                search::duplicates(&View(t, Bounds::of(t)?), name, birth, limit)?
                    .into_iter()
                    .partition(|h| h.restricted);
            Ok(Duplicates {
                clients: summaries(t, shown.into_iter().map(|h| (h.number, h.alias)))?,
                restricted: hidden.len(),
            })
        })
    }
}

impl Store {
    /// The numbers of the clients `begeleider` guides, restricted ones included: the caller
    /// decides whom it may show.
    pub fn guided_by(&self, begeleider: &str) -> Result<Vec<u64>, StoreError> {
        self.read(|t| guided(t, begeleider))
    }

    /// The clients `begeleider` guides as result rows, the most recently seen first;
    /// restricted ones only with `include_restricted`.
    pub fn clients_guided_by(
        &self,
        begeleider: &str,
        include_restricted: bool,
    ) -> Result<Vec<ClientSummary>, StoreError> {
        self.read(|t| {
            let guided = guided(t, begeleider)?.into_iter().map(|n| (n, None));
            let mut rows = summaries(t, guided)?;
            rows.retain(|r| include_restricted || !r.client.restricted);
            rows.sort_by(|a, b| {
                b.last_visit
                    .cmp(&a.last_visit)
                    .then(a.client.number.cmp(&b.client.number))
            });
            Ok(rows)
        })
    }
}

fn guided(t: &ReadTables, begeleider: &str) -> Result<Vec<u64>, StoreError> {
    let Some(table) = &t.begeleiders else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in table.range((begeleider, 0)..=(begeleider, u64::MAX))? {
        out.push(entry?.0.value().1);
    }
    Ok(out)
}

/// Result rows for these clients, each with the alias the search met (if any); numbers that
/// no longer exist are left out.
fn summaries(
    t: &ReadTables,
    found: impl IntoIterator<Item = (u64, Option<String>)>,
) -> Result<Vec<ClientSummary>, StoreError> {
    let mut out = Vec::new();
    for (number, alias) in found {
        if let Some(client) = read_client(t, number)? {
            out.push(ClientSummary {
                last_visit: last_visit_day(t, client.number)?,
                open_followups: open_count(t, client.number)?,
                alias,
                client,
            });
        }
    }
    Ok(out)
}
