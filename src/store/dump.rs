//! Every table of a store as bytes, for tests that hold two stores side by side.

use super::Store;
use super::closed::{CLOSED_CHANGES, CLOSED_YEARS};
use super::drafts::DRAFTS;
use super::tables::{
    APPOINTMENTS, APPOINTMENTS_BY_CLIENT, APPOINTMENTS_BY_DAY, AUDIT, BEGELEIDERS, CLIENT_PROFILES,
    CLIENTS, DICTIONARY, DICTIONARY_KEYS, FIRST_VISITS, FOLLOWUP_EVENT_COUNTS, FOLLOWUP_EVENTS,
    FOLLOWUPS, FOLLOWUPS_BY_CLIENT, FORGOTTEN, HOUSEHOLDS, META, NAME_TERMS, OPEN_DEADLINES,
    OPEN_FOLLOWUPS, PHONES, VISIT_DAY_BLOCKS, VISITS, VISITS_BY_CLIENT, VISITS_BY_DAY,
};
use redb::{Key, ReadTransaction, ReadableTable, TableDefinition, TableHandle, Value};
use std::collections::BTreeMap;

/// A table's (key, value) bytes in key order.
pub type Rows = Vec<(Vec<u8>, Vec<u8>)>;

fn rows<K: Key + 'static, V: Value + 'static>(
    txn: &ReadTransaction,
    def: TableDefinition<K, V>,
) -> Option<Rows> {
    let table = match txn.open_table(def) {
        Ok(table) => table,
        Err(redb::TableError::TableDoesNotExist(_)) => return None,
        Err(e) => panic!("{}: {e}", def.name()),
    };
    let rows = table
        .iter()
        .unwrap()
        .map(|entry| {
            let (k, v) = entry.unwrap();
            let key = K::as_bytes(&k.value()).as_ref().to_vec();
            let value = V::as_bytes(&v.value()).as_ref().to_vec();
            (key, value)
        })
        .collect();
    Some(rows)
}

impl Store {
    /// Every table by name with its rows. Panics on a table it does not list, so that a new
    /// table cannot slip past a comparison.
    pub(crate) fn dump(&self) -> BTreeMap<String, Rows> {
        let txn = self.begin_read().unwrap();
        let mut out = BTreeMap::new();
        macro_rules! each {
            ($($def:expr),+) => {
                $(
                    if let Some(rows) = rows(&txn, $def) {
                        out.insert($def.name().to_string(), rows);
                    }
                )+
            };
        }
        each!(
            META,
            CLIENTS,
            VISITS,
            FOLLOWUPS,
            VISITS_BY_DAY,
            VISITS_BY_CLIENT,
            FIRST_VISITS,
            OPEN_FOLLOWUPS,
            FOLLOWUPS_BY_CLIENT,
            FOLLOWUP_EVENTS,
            FOLLOWUP_EVENT_COUNTS,
            NAME_TERMS,
            PHONES,
            DICTIONARY,
            DICTIONARY_KEYS,
            HOUSEHOLDS,
            BEGELEIDERS,
            OPEN_DEADLINES,
            AUDIT,
            FORGOTTEN,
            DRAFTS,
            APPOINTMENTS,
            APPOINTMENTS_BY_DAY,
            APPOINTMENTS_BY_CLIENT,
            CLOSED_YEARS,
            CLOSED_CHANGES,
            CLIENT_PROFILES,
            VISIT_DAY_BLOCKS
        );
        for table in txn.list_tables().unwrap() {
            assert!(
                out.contains_key(table.name()),
                "the dump does not know table {}",
                table.name()
            );
        }
        out
    }
}
