//! A store of layout 1 (every release before seals) is rewritten at its first open into a
//! fresh file of today's layout, in which every value is sealed (`seal.rs`), and put in its
//! place the way `forget`'s rewrite does: copied from a write transaction on the old file (so
//! no one writes meanwhile), renamed over the path, and the old file marked "moved" so that
//! every process holding it follows the path to the new one.
//!
//! A process of an older release that still holds the store follows the mark too, and then
//! fails on its first transaction (its tables no longer have the types it knows) rather than
//! write to the new file: nothing it does is lost silently, and its volunteer is told to
//! update.

use super::backup::{all_known, fresh_database, partial_path, put_in_place};
use super::seal::SealedDef;
use super::tables::{COUNTERS, META, sealed_tables};
use super::{MOVED, SCHEMA_VERSION, Store, StoreError};
use redb::{Key, ReadableTable, TableDefinition, TableHandle, Value, WriteTransaction};

/// The keys of layout 1's meta table that stay in the unsealed meta table; every other key is
/// a counter or a mark and moves to the sealed counters.
const UNSEALED: [&str; 2] = ["schema", MOVED];

/// A mark of layout 1 that the rewrite itself settles: it was the rewrite after an erasure,
/// and this copy holds only the live records.
const SETTLED: &str = super::REWRITE_PENDING;

impl Store {
    /// Rewrites a layout 1 store sealed (see the module comment).
    pub(super) fn seal_layout(&self) -> Result<(), StoreError> {
        let (txn, _) = self.begin_write()?;
        // Another process may have done it a moment ago (this is then its fresh file).
        if txn.open_table(META)?.get("schema")?.map(|v| v.value()) == Some(SCHEMA_VERSION) {
            txn.abort()?;
            return Ok(());
        }
        let partial = partial_path(&self.path);
        let copied = (|| {
            let copy = fresh_database(&partial, self.group.as_deref())?;
            let out = copy.begin_write()?;
            let names = seal_tables(&txn, &out)?;
            all_known(&names, txn.list_tables()?)?;
            out.commit()?;
            drop(copy);
            put_in_place(&partial, &self.path)
        })();
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&partial);
            return Err(StoreError::Failed(format!(
                "this spreekuur keeps a checksum with every record and could not add them to the store (nothing in it was changed): {}",
                e.reason()
            )));
        }
        txn.open_table(META)?.insert(MOVED, 1)?;
        txn.commit()?;
        let handle = self.database();
        self.reopen(&handle)
    }
}

/// Copies every table of `from` (layout 1) into `to`, sealing each value; gives the names of
/// the tables copied.
fn seal_tables(from: &WriteTransaction, to: &WriteTransaction) -> Result<Vec<String>, StoreError> {
    let present: Vec<String> = from.list_tables()?.map(|t| t.name().to_string()).collect();
    let mut names = vec![META.name().to_string()];
    {
        let old = from.open_table(META)?;
        let mut meta = to.open_table(META)?;
        let mut counters = COUNTERS.open_write(to)?;
        meta.insert("schema", SCHEMA_VERSION)?;
        for entry in old.iter()? {
            let (key, value) = entry?;
            let key = key.value();
            if !UNSEALED.contains(&key) && key != SETTLED {
                counters.insert(key, value.value())?;
            }
        }
    }
    macro_rules! each {
        ($($def:path),+) => {
            $(
                names.push($def.name().to_string());
                // The counters were in the meta table in layout 1.
                if $def.name() != COUNTERS.name() && present.iter().any(|n| n == $def.name()) {
                    seal_table(from, to, $def)?;
                }
            )+
        };
    }
    sealed_tables!(each!());
    Ok(names)
}

/// Copies one table of layout 1, which held `V` itself, into its sealed form.
fn seal_table<K: Key + 'static, V: Value + 'static>(
    from: &WriteTransaction,
    to: &WriteTransaction,
    def: SealedDef<K, V>,
) -> Result<(), StoreError> {
    let old = from.open_table(TableDefinition::<K, V>::new(def.name()))?;
    let mut new = def.open_write(to)?;
    for entry in old.iter()? {
        let (key, value) = entry?;
        new.insert(key.value(), value.value())?;
    }
    Ok(())
}
