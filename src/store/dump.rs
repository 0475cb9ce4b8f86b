//! Every table of a store as bytes, for tests that hold two stores side by side.

use super::Store;
use super::tables::{META, sealed_tables};
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
        // Sealed tables as their stored bytes, seals included.
        macro_rules! each_sealed {
            ($($def:path),+) => { each!($($def.raw()),+) };
        }
        each!(META);
        sealed_tables!(each_sealed!());
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
