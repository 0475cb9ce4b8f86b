//! The day blocks: each day's entries of the day index as one value (see
//! `tables::VISIT_DAY_BLOCKS`). A write marks the days whose entries it changed and rebuilds
//! their blocks from the index before it commits; a store from before the blocks gets them at
//! its first open. A read uses the blocks only while they hold as many entries as the index,
//! so blocks that fell behind (a store last written by an older release) are never counted,
//! and the next open rebuilds them.

use super::codec::{DayEntryView, decode_day_block, decode_day_entry, encode_day_block};
use super::seal::{Raw, Sealed};
use super::tables::{ReadTables, WriteTables};
use super::{Store, StoreError};
use redb::ReadableTable;

/// Set in the counters table once every day has its block.
const BLOCKS_BUILT: &str = "day_blocks_built";
/// How many entries the blocks hold together.
const BLOCK_ENTRIES: &str = "day_block_entries";

/// Whether the blocks were built and hold as many entries as the day index `index`.
fn in_step<M, I>(
    meta: &Sealed<M, &'static str, u64>,
    index: &Sealed<I, (i32, u64), &'static [u8]>,
) -> Result<bool, StoreError>
where
    M: ReadableTable<Raw<&'static str>, &'static [u8]>,
    I: ReadableTable<Raw<(i32, u64)>, &'static [u8]>,
{
    Ok(meta.get(BLOCKS_BUILT)?.is_some()
        && meta.get(BLOCK_ENTRIES)?.map(|v| v.value()) == Some(index.len()?))
}

/// Notes that `day`'s entries changed in this write.
pub(super) fn changed(t: &mut WriteTables, day: i32) {
    t.changed_days.insert(day);
}

/// The entries of `day` in the index, as a block, and how many there are.
fn block_from_index(t: &WriteTables, day: i32) -> Result<(Vec<u8>, u64), StoreError> {
    let mut entries: Vec<(u64, Vec<u8>)> = Vec::new();
    for entry in t.visits_by_day.range((day, 0)..=(day, u64::MAX))? {
        let (key, value) = entry?;
        entries.push((key.value().1, value.value().to_vec()));
    }
    let count = entries.len() as u64;
    let block = encode_day_block(entries.iter().map(|(v, e)| (*v, e.as_slice())));
    Ok((block, count))
}

fn damaged(day: i32) -> StoreError {
    StoreError::damaged(format!("the day block of day {day}"))
}

/// Rebuilds the block of every day this write changed; `Store::write` calls it last.
pub(super) fn rebuild_changed(t: &mut WriteTables) -> Result<(), StoreError> {
    let days = std::mem::take(&mut t.changed_days);
    if days.is_empty() || t.meta.get(BLOCKS_BUILT)?.is_none() {
        // Without blocks yet, the first open builds them all.
        return Ok(());
    }
    let mut total = t.meta.get(BLOCK_ENTRIES)?.map_or(0, |v| v.value());
    for day in days {
        let before = match t.visit_day_blocks.get(day)? {
            Some(bytes) => decode_day_block(bytes.value()).count() as u64,
            None => 0,
        };
        let (block, now) = block_from_index(t, day)?;
        if now == 0 {
            t.visit_day_blocks.remove(day)?;
        } else {
            t.visit_day_blocks.insert(day, block.as_slice())?;
        }
        total = total.saturating_sub(before).saturating_add(now);
    }
    t.meta.insert(BLOCK_ENTRIES, total)?;
    Ok(())
}

impl Store {
    /// Gives every day its block in a store written before the blocks existed.
    /// Also rebuilds them all when they fell behind the index (a store last written by a
    /// release from before them).
    pub(super) fn build_day_blocks(&self) -> Result<(), StoreError> {
        if self.read(|t| in_step(&t.meta, &t.visits_by_day))? {
            return Ok(());
        }
        self.write(|t| {
            // Another process may have built them a moment ago.
            if in_step(&t.meta, &t.visits_by_day)? {
                return Ok(());
            }
            t.visit_day_blocks.retain(|_, _| false)?;
            let mut day: Option<i32> = None;
            let mut entries: Vec<(u64, Vec<u8>)> = Vec::new();
            let mut total = 0u64;
            let mut blocks: Vec<(i32, Vec<u8>)> = Vec::new();
            let mut flush = |day: i32, entries: &mut Vec<(u64, Vec<u8>)>| {
                blocks.push((
                    day,
                    encode_day_block(entries.iter().map(|(v, e)| (*v, e.as_slice()))),
                ));
                entries.clear();
            };
            for entry in t.visits_by_day.iter()? {
                let (key, value) = entry?;
                let (d, visit) = key.value();
                if let Some(current) = day
                    && current != d
                {
                    flush(current, &mut entries);
                }
                day = Some(d);
                entries.push((visit, value.value().to_vec()));
                total += 1;
            }
            if let Some(current) = day {
                flush(current, &mut entries);
            }
            for (day, block) in blocks {
                t.visit_day_blocks.insert(day, block.as_slice())?;
            }
            t.meta.insert(BLOCK_ENTRIES, total)?;
            t.meta.insert(BLOCKS_BUILT, 1)?;
            // Built from the index as it is: nothing is left to rebuild.
            t.changed_days.clear();
            Ok(())
        })
    }
}

/// Calls `each` with (day key, visit, entry) for every day entry from day key `from` to
/// `to`, day by day and in visit order within a day: from the blocks when they match the
/// index, else entry by entry from the index itself.
pub(super) fn for_each_entry(
    t: &ReadTables,
    from: i32,
    to: i32,
    mut each: impl FnMut(i32, u64, &DayEntryView<'_>) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    if let Some(blocks) = &t.visit_day_blocks
        && in_step(&t.meta, &t.visits_by_day)?
    {
        for block in blocks.range(from..=to)? {
            let (day, bytes) = block?;
            let day = day.value();
            for entry in decode_day_block(bytes.value()) {
                let (visit, bytes) = entry.map_err(|_| damaged(day))?;
                let view = decode_day_entry(bytes).map_err(|_| damaged(day))?;
                each(day, visit, &view)?;
            }
        }
        return Ok(());
    }
    for entry in t.visits_by_day.range((from, 0)..=(to, u64::MAX))? {
        let (key, value) = entry?;
        let (day, visit) = key.value();
        let view = decode_day_entry(value.value())
            .map_err(|_| StoreError::damaged(format!("day index entry of visit {visit}")))?;
        each(day, visit, &view)?;
    }
    Ok(())
}

/// Whether the blocks were built, for `check`: then they must match the index.
pub(super) fn built(t: &ReadTables) -> Result<bool, StoreError> {
    Ok(t.meta.get(BLOCKS_BUILT)?.is_some())
}

/// The recorded number of entries in all blocks, for `check`.
pub(super) fn recorded_entries(t: &ReadTables) -> Result<Option<u64>, StoreError> {
    Ok(t.meta.get(BLOCK_ENTRIES)?.map(|v| v.value()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Stamp, Visit};
    use chrono::{NaiveDate, NaiveDateTime};

    fn at(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 3, day)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .unwrap()
    }

    fn stamp() -> Stamp {
        Stamp {
            who: "test".into(),
            at: at(28),
        }
    }

    fn visit(day: u32, category: &str) -> Visit {
        Visit {
            number: 0,
            client: None,
            when: at(day),
            volunteer: "marieke".into(),
            channel: Channel::Spreekuur,
            categories: vec![category.into()],
            referrals: Vec::new(),
            note: String::new(),
            recorded: stamp(),
        }
    }

    /// (day, visit, first category code) as the tally sees them.
    fn counted(store: &Store) -> Vec<(NaiveDate, u64, Option<u32>)> {
        let mut seen = Vec::new();
        let (from, to) = (at(1).date(), at(31).date());
        store
            .for_each_day_entry(from, to, |day, visit, e| {
                seen.push((day, visit, e.categories.into_iter().next()))
            })
            .unwrap();
        seen
    }

    fn blocks_used(store: &Store) -> bool {
        store.read(|t| in_step(&t.meta, &t.visits_by_day)).unwrap()
    }

    #[test]
    fn a_write_rebuilds_the_blocks_of_the_days_it_changed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.redb")).unwrap();
        let (a, _) = store
            .add_visit(visit(3, "huisvesting"), Vec::new())
            .unwrap();
        let (b, _) = store.add_visit(visit(3, "toeslagen"), Vec::new()).unwrap();
        let (c, _) = store.add_visit(visit(5, "duo"), Vec::new()).unwrap();
        assert!(blocks_used(&store));
        let before = counted(&store);
        assert_eq!(
            before.iter().map(|e| (e.0, e.1)).collect::<Vec<_>>(),
            [(at(3).date(), a), (at(3).date(), b), (at(5).date(), c)]
        );
        // Moved to another day, then deleted: both days' blocks follow.
        store
            .update_visit(a, &stamp(), |v| {
                v.when = at(5);
                Ok(())
            })
            .unwrap();
        store.delete_visit(b, &stamp()).unwrap();
        let after = counted(&store);
        assert_eq!(
            after.iter().map(|e| (e.0, e.1)).collect::<Vec<_>>(),
            [(at(5).date(), a), (at(5).date(), c)]
        );
        assert_eq!(after[0].2, before[0].2, "the same category code");
        assert!(blocks_used(&store));
        assert!(store.check().unwrap().is_clean());
    }

    #[test]
    fn a_store_from_before_the_blocks_gets_them_and_blocks_behind_the_index_are_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.redb");
        {
            let store = Store::open(&path).unwrap();
            for day in [2, 2, 9] {
                store.add_visit(visit(day, "duo"), Vec::new()).unwrap();
            }
            // As the release before the blocks left it: no blocks, no marks.
            store
                .write(|t| {
                    t.visit_day_blocks.retain(|_, _| false)?;
                    t.meta.remove(BLOCKS_BUILT)?;
                    t.meta.remove(BLOCK_ENTRIES)?;
                    Ok(())
                })
                .unwrap();
            assert!(!blocks_used(&store));
            assert_eq!(counted(&store).len(), 3, "read from the index meanwhile");
        }
        let store = Store::open(&path).unwrap();
        assert!(blocks_used(&store));
        assert_eq!(counted(&store).len(), 3);
        assert!(store.check().unwrap().is_clean());
        // An older release deletes a visit's day entry and knows nothing of the blocks: the
        // index counts, and check names the difference.
        store
            .write(|t| {
                let day = crate::store::codec::day_key(at(9).date());
                let last = t
                    .visits_by_day
                    .iter()?
                    .next_back()
                    .transpose()?
                    .map(|(k, _)| k.value());
                assert_eq!(last.map(|k| k.0), Some(day));
                if let Some(key) = last {
                    t.visits_by_day.remove(key)?;
                }
                Ok(())
            })
            .unwrap();
        assert!(!blocks_used(&store));
        assert_eq!(counted(&store).len(), 2);
        let report = store.check().unwrap();
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.contains("day blocks hold")),
            "{report:?}"
        );
        drop(store);
        // The next open rebuilds them (check still names the visit without its day entry).
        let store = Store::open(&path).unwrap();
        assert!(blocks_used(&store));
        assert_eq!(counted(&store).len(), 2);
        let report = store.check().unwrap();
        assert!(
            !report.problems.iter().any(|p| p.contains("day block")),
            "{report:?}"
        );
    }
}
