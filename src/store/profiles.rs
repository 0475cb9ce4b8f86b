//! Client profiles: what a tally of who came needs of each client, kept beside the record
//! (see `tables::CLIENT_PROFILES`), and built once for a store from before them.

use super::bounds::Bounds;
use super::codec::{decode_client, decode_profile, encode_profile};
use super::{Store, StoreError};
use crate::model::Profile;
use redb::{ReadableTable, ReadableTableMetadata};

/// Set in the meta table once every client has its profile.
const PROFILES_BUILT: &str = "profiles_built";

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
            let mut profiles = Vec::new();
            for entry in t.clients.iter()? {
                let (n, bytes) = entry?;
                let n = n.value();
                let client = decode_client(bytes.value())
                    .map_err(|_| StoreError::damaged(format!("client {n}")))?;
                profiles.push((n, encode_profile(&Profile::of(&client))));
            }
            for (n, bytes) in profiles {
                t.client_profiles.insert(n, bytes.as_slice())?;
            }
            t.meta.insert(PROFILES_BUILT, 1)?;
            Ok(())
        })
    }

    /// Calls `count` with the profile of each of `clients` (in ascending order) that has one;
    /// a forgotten client has none. Few clients are looked up one by one, many are read in
    /// one pass over the index.
    pub fn for_each_profile(
        &self,
        clients: &[u64],
        mut count: impl FnMut(u64, &Profile<'_>),
    ) -> Result<(), StoreError> {
        self.read(|t| {
            let bounds = Bounds::of(t)?;
            let damaged = |n: u64| StoreError::damaged(format!("profile of client {n}"));
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
            if (clients.len() as u64).saturating_mul(8) < table.len()? {
                for &n in clients {
                    if let Some(bytes) = table.get(n)? {
                        count(n, &decode_profile(bytes.value()).map_err(|_| damaged(n))?);
                    }
                }
                return Ok(());
            }
            let mut wanted = clients.iter().copied().peekable();
            for entry in table.range(first..=last)? {
                let (key, bytes) = entry?;
                let n = bounds.client(key.value())?;
                while wanted.next_if(|&w| w < n).is_some() {}
                if wanted.next_if_eq(&n).is_some() {
                    count(n, &decode_profile(bytes.value()).map_err(|_| damaged(n))?);
                }
            }
            Ok(())
        })
    }
}
