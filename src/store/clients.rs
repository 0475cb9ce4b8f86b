//! Clients: register, change, read; keeps the name, phone and household indexes in step.

use super::audit::append;
use super::codec::{decode_client, encode_client};
use super::held_back;
use super::profiles::put_profile;
use super::tables::{ReadTables, WriteTables};
use super::{Store, StoreError, next_number};
use crate::model::{AuditAction, Client, ClientDraft, Profile, Stamp};
use crate::search::{birth_term, index_terms, phone_key};

impl Store {
    /// Registers a new client and returns its number.
    pub fn add_client(&self, draft: ClientDraft, stamp: Stamp) -> Result<u64, StoreError> {
        self.write(|t| {
            let number = insert_client(t, draft, stamp.clone())?;
            append(t, &stamp, Some(number), AuditAction::Create, None)?;
            Ok(number)
        })
    }

    /// Changes a client with `change` and stores the result; the indexes follow.
    pub fn update_client(
        &self,
        number: u64,
        stamp: Stamp,
        change: impl FnOnce(&mut Client) -> Result<(), StoreError>,
    ) -> Result<Client, StoreError> {
        self.write(|t| {
            let old = load_client(t, number)?;
            let mut client = old.clone();
            change(&mut client)?;
            // Number and household change only through their own operations, which keep
            // the indexes in step.
            client.number = number;
            client.household = old.household;
            append(t, &stamp, Some(number), AuditAction::Change, None)?;
            client.changed = stamp;
            unindex(t, &old)?;
            index(t, &client)?;
            t.clients
                .insert(number, encode_client(&client).as_slice())?;
            Ok(client)
        })
    }

    /// Puts `number` in the household of `other` (starting one when `other` has none).
    pub fn join_household(&self, number: u64, other: u64, stamp: Stamp) -> Result<u64, StoreError> {
        self.write(|t| {
            append(t, &stamp, Some(number), AuditAction::Change, None)?;
            join_household(t, number, other, stamp)
        })
    }

    pub fn leave_household(&self, number: u64, stamp: Stamp) -> Result<(), StoreError> {
        self.write(|t| {
            let mut client = load_client(t, number)?;
            if let Some(old) = client.household.take() {
                append(t, &stamp, Some(number), AuditAction::Change, None)?;
                t.households.remove((old, number))?;
                client.changed = stamp;
                store_client(t, &client)?;
            }
            Ok(())
        })
    }

    pub fn client(&self, number: u64) -> Result<Client, StoreError> {
        self.read(|t| read_client(t, number)?.ok_or(StoreError::NoSuchClient(number)))
    }

    /// The clients that exist among `numbers`, in the same order.
    pub fn clients(&self, numbers: &[u64]) -> Result<Vec<Client>, StoreError> {
        self.read(|t| {
            let mut out = Vec::with_capacity(numbers.len());
            for &n in numbers {
                if let Some(c) = read_client(t, n)? {
                    out.push(c);
                }
            }
            Ok(out)
        })
    }

    /// The other members of a client's household; restricted members stay out, as they stay
    /// out of search.
    pub fn household_members(&self, client: &Client) -> Result<Vec<Client>, StoreError> {
        let Some(h) = client.household else {
            return Ok(Vec::new());
        };
        self.read(|t| {
            let mut out = Vec::new();
            for entry in t.households.range((h, 0)..=(h, u64::MAX))? {
                let (key, _) = entry?;
                let (_, member) = key.value();
                if member != client.number
                    && let Some(c) = read_client(t, member)?
                    && !c.restricted
                {
                    out.push(c);
                }
            }
            Ok(out)
        })
    }
}

pub(super) fn read_client(t: &ReadTables, number: u64) -> Result<Option<Client>, StoreError> {
    match t.clients.get(number)? {
        Some(bytes) => decode_client(bytes.value())
            .ok()
            // A record under another number's key is damaged as much as one that does not decode.
            .filter(|c| c.number == number)
            .map(Some)
            .ok_or_else(|| StoreError::damaged(format!("client {number}"))),
        None => Ok(None),
    }
}

pub(super) fn load_client(t: &WriteTables, number: u64) -> Result<Client, StoreError> {
    match t.clients.get(number)? {
        Some(bytes) => decode_client(bytes.value())
            .map_err(|_| StoreError::damaged(format!("client {number}"))),
        None => Err(StoreError::NoSuchClient(number)),
    }
}

fn store_client(t: &mut WriteTables, client: &Client) -> Result<(), StoreError> {
    t.clients
        .insert(client.number, encode_client(client).as_slice())?;
    Ok(())
}

pub(super) fn insert_client(
    t: &mut WriteTables,
    draft: ClientDraft,
    stamp: Stamp,
) -> Result<u64, StoreError> {
    let number = next_number(t, "next_client")?;
    let client = Client::from_draft(number, draft, stamp);
    if let Some(held) = &mut t.held_back {
        held.knows_begeleider(number, client.begeleider.clone());
    }
    index(t, &client)?;
    store_client(t, &client)?;
    Ok(number)
}

/// The search terms of a client: name parts, spellings and phonetic keys, and the birth year.
pub(super) fn search_terms(c: &Client) -> Vec<String> {
    let mut terms = index_terms(&c.name, &c.aliases);
    terms.extend(birth_term(&c.birth));
    terms
}

fn index(t: &mut WriteTables, c: &Client) -> Result<(), StoreError> {
    for term in search_terms(c) {
        held_back::name_term(t, term, c.number)?;
    }
    if let Some(key) = c.phone.as_deref().and_then(phone_key) {
        held_back::phone(t, key, c.number)?;
    }
    if let Some(b) = &c.begeleider {
        t.begeleiders.insert((b.as_str(), c.number), ())?;
    }
    put_profile(t, c.number, Some(&Profile::of(c)))?;
    Ok(())
}

pub(super) fn unindex(t: &mut WriteTables, c: &Client) -> Result<(), StoreError> {
    for term in search_terms(c) {
        super::name_index::remove(t, &term, c.number)?;
    }
    if let Some(key) = c.phone.as_deref().and_then(phone_key) {
        t.phones.remove((key.as_str(), c.number))?;
    }
    if let Some(b) = &c.begeleider {
        t.begeleiders.remove((b.as_str(), c.number))?;
    }
    put_profile(t, c.number, None)?;
    Ok(())
}

pub(super) fn join_household(
    t: &mut WriteTables,
    number: u64,
    other: u64,
    stamp: Stamp,
) -> Result<u64, StoreError> {
    if number == other {
        return Err(StoreError::OwnHousehold(number));
    }
    let mut host = load_client(t, other)?;
    let household = match host.household {
        Some(h) => h,
        None => {
            let h = next_number(t, "next_household")?;
            host.household = Some(h);
            host.changed = stamp.clone();
            store_client(t, &host)?;
            t.households.insert((h, other), ())?;
            h
        }
    };
    let mut client = load_client(t, number)?;
    if let Some(old) = client.household {
        t.households.remove((old, number))?;
    }
    client.household = Some(household);
    client.changed = stamp;
    store_client(t, &client)?;
    t.households.insert((household, number), ())?;
    Ok(household)
}
