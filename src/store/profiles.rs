//! Client profiles: what a tally of who came needs of each client, kept beside the record in
//! blocks of 64 clients (see `tables::CLIENT_PROFILES`), and built once for a store from
//! before them.

use super::bounds::Bounds;
use super::codec::{
    PROFILE_BLOCK, decode_client, decode_profile, decode_profile_block, encode_profile,
    encode_profile_block, split_profile_block,
};
use super::tables::WriteTables;
use super::{Store, StoreError};
use crate::model::Profile;
use std::collections::BTreeMap;

/// Set in the counters table once every client has its profile.
const PROFILES_BUILT: &str = "profile_blocks_built";

fn damaged(block: u64) -> StoreError {
    StoreError::damaged(format!("profile block {block}"))
}

/// A block's entries: (place, encoded profile) in place order.
pub(super) type BlockEntries = Vec<(u8, Vec<u8>)>;

/// Sets (or with `None` removes) client `number`'s profile in its block. A batch keeps the
/// blocks it changes until its end (see `held_back`).
pub(super) fn put_profile(
    t: &mut WriteTables,
    number: u64,
    profile: Option<&Profile<'_>>,
) -> Result<(), StoreError> {
    let block = number / PROFILE_BLOCK;
    let place = (number % PROFILE_BLOCK) as u8;
    let mut entries = match t
        .held_back
        .as_mut()
        .and_then(|h| h.take_profile_block(block))
    {
        Some(entries) => entries,
        None => stored_block(t, block)?,
    };
    entries.retain(|(p, _)| *p != place);
    if let Some(profile) = profile {
        let at = entries.partition_point(|(p, _)| *p < place);
        entries.insert(at, (place, encode_profile(profile)));
    }
    match &mut t.held_back {
        Some(held) => held.keep_profile_block(block, entries),
        None => write_block(t, block, &entries)?,
    }
    Ok(())
}

fn stored_block(t: &WriteTables, block: u64) -> Result<BlockEntries, StoreError> {
    Ok(match t.client_profiles.get(block)? {
        Some(bytes) => decode_profile_block(bytes.value())
            .map_err(|_| damaged(block))?
            .into_iter()
            .map(|(p, profile)| (p, encode_profile(&profile)))
            .collect(),
        None => Vec::new(),
    })
}

/// Stores a block's entries; no entries, no block.
pub(super) fn write_block(
    t: &mut WriteTables,
    block: u64,
    entries: &BlockEntries,
) -> Result<(), StoreError> {
    if entries.is_empty() {
        t.client_profiles.remove(block)?;
    } else {
        t.client_profiles
            .insert(block, encode_profile_block(entries).as_slice())?;
    }
    Ok(())
}

impl Store {
    /// Gives every client a profile in a store written before profiles existed.
    pub(super) fn build_profiles(&self) -> Result<(), StoreError> {
        let built = self.read(|t| Ok(t.meta.get(PROFILES_BUILT)?.is_some()))?;
        if built {
            return Ok(());
        }
        self.write(|t| {
            // Another process may have built them a moment ago.
            if t.meta.get(PROFILES_BUILT)?.is_some() {
                return Ok(());
            }
            t.client_profiles.retain(|_, _| false)?;
            let mut blocks: BTreeMap<u64, Vec<(u8, Vec<u8>)>> = BTreeMap::new();
            for entry in t.clients.iter()? {
                let (n, bytes) = entry?;
                let n = n.value();
                let client = decode_client(bytes.value())
                    .map_err(|_| StoreError::damaged(format!("client {n}")))?;
                blocks.entry(n / PROFILE_BLOCK).or_default().push((
                    (n % PROFILE_BLOCK) as u8,
                    encode_profile(&Profile::of(&client)),
                ));
            }
            for (block, entries) in blocks {
                t.client_profiles
                    .insert(block, encode_profile_block(&entries).as_slice())?;
            }
            t.meta.insert(PROFILES_BUILT, 1)?;
            Ok(())
        })
    }

    /// Calls `count` with the profile of each of `clients` (in ascending order) that has one;
    /// a forgotten client has none. The blocks of few clients are looked up one by one, many
    /// are read in one pass.
    pub fn for_each_profile(
        &self,
        clients: &[u64],
        mut count: impl FnMut(u64, &Profile<'_>),
    ) -> Result<(), StoreError> {
        self.read(|t| {
            let bounds = Bounds::of(t)?;
            let Some(table) = &t.client_profiles else {
                // A store from before profiles, opened only to be checked: read the records.
                for &n in clients {
                    if let Some(c) = super::clients::read_client(t, n)? {
                        count(n, &Profile::of(&c));
                    }
                }
                return Ok(());
            };
            let (Some(&first), Some(&last)) = (clients.first(), clients.last()) else {
                return Ok(());
            };
            let mut wanted = clients.iter().copied().peekable();
            let mut each = |block: u64, bytes: &[u8]| -> Result<(), StoreError> {
                bounds.client(block * PROFILE_BLOCK)?;
                for (place, profile) in split_profile_block(bytes).map_err(|_| damaged(block))? {
                    let n = block * PROFILE_BLOCK + u64::from(place);
                    while wanted.next_if(|&w| w < n).is_some() {}
                    if wanted.next_if_eq(&n).is_some() {
                        let profile = decode_profile(profile).map_err(|_| damaged(block))?;
                        count(n, &profile);
                    }
                }
                Ok(())
            };
            let (from, to) = (first / PROFILE_BLOCK, last / PROFILE_BLOCK);
            let mut blocks: Vec<u64> = clients.iter().map(|n| n / PROFILE_BLOCK).collect();
            blocks.dedup();
            if (blocks.len() as u64).saturating_mul(4) < table.len()?.min(to - from + 1) {
                for block in blocks {
                    if let Some(bytes) = table.get(block)? {
                        each(block, bytes.value())?;
                    }
                }
            } else {
                // Read in one pass, but only the blocks that hold a wanted client.
                let mut blocks = blocks.into_iter().peekable();
                for entry in table.range(from..=to)? {
                    let (block, bytes) = entry?;
                    let block = block.value();
                    while blocks.next_if(|&b| b < block).is_some() {}
                    if blocks.next_if_eq(&block).is_some() {
                        each(block, bytes.value())?;
                    }
                }
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Birth, ClientDraft, ClosedYear, Gender};

    use crate::store::test_stamp as stamp;

    #[test]
    fn a_store_from_before_profiles_gets_them_at_its_first_open_and_check_compares_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.redb");
        let number = {
            let store = Store::open(&path).unwrap();
            let draft = ClientDraft {
                name: "Amina Yusuf".into(),
                gender: Gender::Female,
                birth: Birth::Year(1990),
                country: Some("SO".into()),
                ..Default::default()
            };
            let n = store.add_client(draft, stamp()).unwrap();
            // As the release before profiles left it: no profiles, no mark.
            store
                .write(|t| {
                    t.client_profiles.retain(|_, _| false)?;
                    t.meta.remove(PROFILES_BUILT)?;
                    Ok(())
                })
                .unwrap();
            n
        };
        let store = Store::open(&path).unwrap();
        let mut seen = Vec::new();
        store
            .for_each_profile(&[number], |n, p| {
                seen.push((n, p.gender, p.country.map(str::to_string)))
            })
            .unwrap();
        assert_eq!(seen, [(number, Gender::Female, Some("SO".to_string()))]);
        assert!(store.check().unwrap().is_clean());
        store
            .write(|t| {
                super::put_profile(t, number, None)?;
                Ok(())
            })
            .unwrap();
        let report = store.check().unwrap();
        assert!(
            report.problems.iter().any(|p| p.contains("profile index")),
            "{report:?}"
        );
    }

    #[test]
    fn check_reads_every_closed_year_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.redb")).unwrap();
        let closed = |figures: &str| ClosedYear {
            year: 2025,
            closed: stamp(),
            figures: figures.into(),
        };
        store.close_year(&closed(r#"{"visits":3}"#)).unwrap();
        assert!(store.check().unwrap().is_clean());
        store.close_year(&closed("{\"visits\":")).unwrap();
        let report = store.check().unwrap();
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.contains("closed figures of 2025")),
            "{report:?}"
        );
    }
}
