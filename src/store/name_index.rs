//! The name index as blocks (see `tables::NAME_TERM_BLOCKS`): a client's terms put in and
//! taken from the block of its number, a batch's terms written a block at a time, the
//! look-ups the search asks for, and at open the index rebuilt from the records when it was
//! made by other search rules or by an older layout.

use super::bounds::Bounds;
use super::clients::search_terms;
use super::codec::{self, TERM_BLOCK, decode_term_block, encode_term_block};
use super::tables::{META, NAME_TERMS, ReadTables, WriteTables};
use super::{SCHEMA_VERSION, Store, StoreError};
use redb::{ReadableTable, TableHandle};

/// The mark in the counters table naming the search rules the index was made with.
const TERMS_VERSION: &str = "terms_version";

/// The block that holds `number`, and its place there.
fn block_of(number: u64) -> Result<(u32, u16), StoreError> {
    let block = u32::try_from(number / TERM_BLOCK)
        .map_err(|_| StoreError::damaged(format!("client number {number}")))?;
    // Below TERM_BLOCK (4096), so it fits.
    Ok((block, (number % TERM_BLOCK) as u16))
}

fn number(block: u32, place: u16) -> u64 {
    u64::from(block) * TERM_BLOCK + u64::from(place)
}

/// A block as a refusal or `check` names it.
fn block_name(term: &str, block: u32) -> String {
    format!("the name index block {block} of \"{term}\"")
}

fn damaged(term: &str, block: u32) -> StoreError {
    StoreError::damaged(block_name(term, block))
}

/// The client numbers a block holds, ascending.
fn clients_in<'a>(
    term: &str,
    block: u32,
    bytes: &'a [u8],
) -> Result<impl Iterator<Item = u64> + 'a, StoreError> {
    let places = decode_term_block(bytes).map_err(|_| damaged(term, block))?;
    Ok(places.map(move |place| number(block, place)))
}

/// The places in `term`'s block `block` (none when it has no such block).
fn places(t: &WriteTables, term: &str, block: u32) -> Result<Vec<u16>, StoreError> {
    match t.name_term_blocks.get((term, block))? {
        Some(bytes) => Ok(decode_term_block(bytes.value())
            .map_err(|_| damaged(term, block))?
            .collect()),
        None => Ok(Vec::new()),
    }
}

fn put(t: &mut WriteTables, term: &str, block: u32, places: &[u16]) -> Result<(), StoreError> {
    if places.is_empty() {
        t.name_term_blocks.remove((term, block))?;
    } else {
        t.name_term_blocks
            .insert((term, block), encode_term_block(places).as_slice())?;
    }
    Ok(())
}

/// Puts `number` under `term`.
pub(super) fn add(t: &mut WriteTables, term: &str, number: u64) -> Result<(), StoreError> {
    let (block, place) = block_of(number)?;
    let mut held = places(t, term, block)?;
    if let Err(at) = held.binary_search(&place) {
        held.insert(at, place);
        put(t, term, block, &held)?;
    }
    Ok(())
}

/// Takes `number` from under `term`.
pub(super) fn remove(t: &mut WriteTables, term: &str, number: u64) -> Result<(), StoreError> {
    let (block, place) = block_of(number)?;
    let mut held = places(t, term, block)?;
    if let Ok(at) = held.binary_search(&place) {
        held.remove(at);
        put(t, term, block, &held)?;
    }
    Ok(())
}

/// Puts each (term, client) of `entries`, which are sorted, writing each block once.
pub(super) fn add_sorted(t: &mut WriteTables, entries: &[(String, u64)]) -> Result<(), StoreError> {
    let mut rest = entries;
    while let Some((term, first)) = rest.first() {
        let (block, _) = block_of(*first)?;
        let end = rest
            .iter()
            .position(|(other, n)| other != term || n / TERM_BLOCK != u64::from(block))
            .unwrap_or(rest.len());
        let mut held = places(t, term, block)?;
        for (_, n) in &rest[..end] {
            held.push(block_of(*n)?.1);
        }
        held.sort_unstable();
        held.dedup();
        put(t, term, block, &held)?;
        rest = &rest[end..];
    }
    Ok(())
}

/// Clients with exactly `term` numbered `from` or higher, at most `limit`, in number order.
pub(super) fn with_term(
    t: &ReadTables,
    bounds: &Bounds,
    term: &str,
    from: u64,
    limit: usize,
) -> Result<Vec<u64>, StoreError> {
    let mut out = Vec::with_capacity(limit.min(4096));
    // No block lies that far: no client is numbered that high.
    let Ok(first) = u32::try_from(from / TERM_BLOCK) else {
        return Ok(out);
    };
    'blocks: for entry in t.name_term_blocks.range((term, first)..=(term, u32::MAX))? {
        let (key, bytes) = entry?;
        for n in clients_in(term, key.value().1, bytes.value())? {
            if n < from {
                continue;
            }
            if out.len() >= limit {
                break 'blocks;
            }
            out.push(bounds.client(n)?);
        }
    }
    // The first `limit` of each source hold the first `limit` of both.
    if let Some(older) = older(t)? {
        let from_blocks = out.len();
        for entry in older.range((term, from)..=(term, u64::MAX))? {
            if out.len() - from_blocks >= limit {
                break;
            }
            out.push(bounds.client(entry?.0.value().1)?);
        }
        out.sort_unstable();
        out.dedup();
        out.truncate(limit);
    }
    Ok(out)
}

/// Clients with a term that starts with `prefix`, at most `limit`, in term order (a client
/// once for each such term).
pub(super) fn with_term_prefix(
    t: &ReadTables,
    bounds: &Bounds,
    prefix: &str,
    limit: usize,
) -> Result<Vec<u64>, StoreError> {
    // Every term that begins with `prefix` sorts below `prefix` + U+10FFFF, which no term
    // holds (terms are normalised letters). A range with an end, rather than a walk until a
    // term no longer begins with it, lets the sealed range check the entry after its end: a
    // term whose bytes were flipped cannot end the walk unseen.
    let end = format!("{prefix}{}", char::MAX);
    let mut out = Vec::new();
    // What a process of an older release wrote is its newest, so it comes first.
    if let Some(older) = older(t)? {
        for entry in older.range((prefix, 0)..(end.as_str(), 0))? {
            if out.len() >= limit {
                return Ok(out);
            }
            out.push(bounds.client(entry?.0.value().1)?);
        }
    }
    for entry in t.name_term_blocks.range((prefix, 0)..(end.as_str(), 0))? {
        let (key, bytes) = entry?;
        let (term, block) = key.value();
        for n in clients_in(term, block, bytes.value())? {
            if out.len() >= limit {
                return Ok(out);
            }
            out.push(bounds.client(n)?);
        }
    }
    Ok(out)
}

/// The name index of layout 2.
type OlderIndex = super::seal::ReadTable<(&'static str, u64), ()>;

/// The index of an older layout, when a process of an older release wrote to it.
fn older(t: &ReadTables) -> Result<Option<&OlderIndex>, StoreError> {
    match &t.name_terms {
        Some(table) if table.len()? > 0 => Ok(Some(table)),
        _ => Ok(None),
    }
}

/// Every (term, client) the index holds, for `check`; a block that cannot be read is named
/// in `unreadable`.
pub(super) fn all_entries(
    t: &ReadTables,
    unreadable: &mut Vec<String>,
) -> Result<Vec<(String, u64)>, StoreError> {
    let mut out = Vec::new();
    for entry in t.name_term_blocks.iter()? {
        let (key, bytes) = entry?;
        let (term, block) = key.value();
        match clients_in(term, block, bytes.value()) {
            Ok(clients) => out.extend(clients.map(|n| (term.to_string(), n))),
            Err(_) => unreadable.push(block_name(term, block)),
        }
    }
    if let Some(older) = &t.name_terms {
        for entry in older.iter()? {
            let (key, _) = entry?;
            let (term, n) = key.value();
            out.push((term.to_string(), n));
        }
    }
    Ok(out)
}

/// Gives every client's terms to the index anew.
pub(super) fn rebuild(t: &mut WriteTables) -> Result<(), StoreError> {
    t.name_term_blocks.retain(|_, _| false)?;
    let mut entries = Vec::new();
    for entry in t.clients.iter()? {
        let (n, bytes) = entry?;
        let client = codec::decode_client(bytes.value())
            .map_err(|_| StoreError::damaged(format!("client {}", n.value())))?;
        entries.extend(
            search_terms(&client)
                .into_iter()
                .map(|term| (term, client.number)),
        );
    }
    entries.sort_unstable();
    add_sorted(t, &entries)?;
    t.meta
        .insert(TERMS_VERSION, crate::search::terms_version())?;
    Ok(())
}

/// Whether the index is the one this program makes: of today's layout and search rules, with
/// nothing a process of an older release wrote beside it.
fn current(schema: Option<u64>, terms: Option<u64>, older_entries: u64) -> bool {
    schema == Some(SCHEMA_VERSION)
        && terms == Some(crate::search::terms_version())
        && older_entries == 0
}

impl Store {
    /// Rebuilds the name index from the records when it is not `current`: a new release with
    /// better rules or a larger name-part table, a store of layout 2 (one entry per term and
    /// client, which this raises to today's layout in the same transaction), or entries a
    /// process of an older release wrote since. 3 s at 100,000 clients, once.
    pub(super) fn refresh_name_index(&self) -> Result<(), StoreError> {
        let is_current = {
            let txn = self.begin_read()?;
            let schema = txn.open_table(META)?.get("schema")?.map(|v| v.value());
            let terms = match super::tables::COUNTERS.open_read(&txn) {
                Ok(counters) => counters.get(TERMS_VERSION)?.map(|v| v.value()),
                Err(redb::TableError::TableDoesNotExist(_)) => None,
                Err(e) => return Err(e.into()),
            };
            let older = match NAME_TERMS.open_read(&txn) {
                Ok(table) => table.len()?,
                Err(redb::TableError::TableDoesNotExist(_)) => 0,
                Err(e) => return Err(e.into()),
            };
            current(schema, terms, older)
        };
        if is_current {
            return Ok(());
        }
        let (txn, _) = self.begin_write()?;
        // Opened only when there, since opening it for a write would make it.
        let older = if txn.list_tables()?.any(|t| t.name() == NAME_TERMS.name()) {
            Some(NAME_TERMS.open_write(&txn)?)
        } else {
            None
        };
        {
            let schema = txn.open_table(META)?.get("schema")?.map(|v| v.value());
            let mut t = WriteTables::open(&txn)?;
            let terms = t.meta.get(TERMS_VERSION)?.map(|v| v.value());
            let older_entries = match &older {
                Some(table) => table.len()?,
                None => 0,
            };
            // Another process may have rebuilt it a moment ago.
            if current(schema, terms, older_entries) {
                drop(t);
                drop(older);
                txn.abort()?;
                return Ok(());
            }
            rebuild(&mut t)?;
        }
        // Emptied, not deleted: see `tables::NAME_TERMS`.
        older
            .map(|mut table| table.retain(|_, _| false))
            .transpose()?;
        txn.open_table(META)?.insert("schema", SCHEMA_VERSION)?;
        txn.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClientDraft;

    use crate::store::test_stamp as stamp;

    fn found(store: &Store, query: &str) -> Vec<u64> {
        let hits = store.find(query, 5, false).unwrap();
        hits.into_iter().map(|h| h.client.number).collect()
    }

    #[test]
    fn a_client_spans_blocks_and_leaves_them_when_renamed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.redb")).unwrap();
        let draft = || ClientDraft {
            name: "Tesfay Kidane".into(),
            ..Default::default()
        };
        // A batch up to 4000, then one by one past the first block's end (4095), so one
        // term has two blocks, written both ways.
        let mut numbers: Vec<u64> = store
            .batch(|b| (0..3000).map(|_| b.add_client(draft(), stamp())).collect())
            .unwrap();
        for _ in 0..200 {
            numbers.push(store.add_client(draft(), stamp()).unwrap());
        }
        let blocks = store
            .read(|t| {
                let mut blocks = Vec::new();
                for entry in t
                    .name_term_blocks
                    .range(("n:tesfay", 0)..=("n:tesfay", u32::MAX))?
                {
                    blocks.push(entry?.0.value().1);
                }
                Ok(blocks)
            })
            .unwrap();
        assert_eq!(blocks, [0, 1]);
        let all = store
            .read(|t| with_term(t, &Bounds::of(t)?, "n:tesfay", 0, usize::MAX))
            .unwrap();
        assert_eq!(all, numbers);
        let from = store
            .read(|t| with_term(t, &Bounds::of(t)?, "n:tesfay", 4094, 3))
            .unwrap();
        assert_eq!(from, [4094, 4095, 4096]);
        let last = *numbers.last().unwrap();
        store
            .update_client(last, stamp(), |c| {
                c.name = "Selam Berhe".into();
                Ok(())
            })
            .unwrap();
        assert_eq!(found(&store, "selam berhe"), [last]);
        assert!(!found(&store, "tesfay kidane").contains(&last));
        assert!(store.check().unwrap().is_clean());
    }

    #[test]
    fn what_an_older_release_wrote_beside_the_blocks_is_found_and_moved_in_at_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.redb");
        let store = Store::open(&path).unwrap();
        let draft = ClientDraft {
            name: "Zerihun Woldemichael".into(),
            ..Default::default()
        };
        let n = store.add_client(draft, stamp()).unwrap();
        // As a process of an older release registers a client: its terms in the old table.
        let terms = store
            .read(|t| super::super::clients::read_client(t, n))
            .unwrap()
            .map(|c| search_terms(&c))
            .unwrap();
        store
            .write(|t| {
                for term in &terms {
                    remove(t, term, n)?;
                }
                Ok(())
            })
            .unwrap();
        assert!(found(&store, "zerihun").is_empty());
        let (txn, _) = store.begin_write().unwrap();
        {
            let mut older = NAME_TERMS.open_write(&txn).unwrap();
            for term in &terms {
                older.insert((term.as_str(), n), ()).unwrap();
            }
        }
        txn.commit().unwrap();
        assert_eq!(found(&store, "zerihun"), [n], "found beside the blocks");
        drop(store);

        let store = Store::open(&path).unwrap();
        assert_eq!(found(&store, "zerihun woldemichael"), [n]);
        let (older, blocks) = store
            .read(|t| {
                let older = match &t.name_terms {
                    Some(table) => table.len()?,
                    None => 0,
                };
                Ok((older, t.name_term_blocks.len()?))
            })
            .unwrap();
        assert_eq!(older, 0, "moved into the blocks");
        assert_eq!(blocks, terms.len() as u64);
        assert!(store.check().unwrap().is_clean());
    }
}
