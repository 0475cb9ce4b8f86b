//! Every value the store keeps is sealed: its bytes are followed by a CRC-32 over the entry's
//! key and those bytes. redb checks its page checksums only when it repairs a file, never on
//! a read, so a flipped byte in a value *or in a key* would otherwise be read as data: a name
//! printed wrong, a count off, a visit moved to another day. A read that meets a broken seal
//! refuses the command as a damaged store instead.
//!
//! A sealed table is a redb table of `K -> &[u8]`; `SealedDef<K, V>` says which value type
//! the bytes hold, and `Sealed` wraps an opened table with the same calls as redb's (`get`,
//! `insert`, `range`, …) so that no caller handles a seal itself.

use super::StoreError;
use redb::{
    AccessGuard, Key, ReadOnlyTable, ReadTransaction, ReadableTable, Table, TableDefinition,
    TableError, TypeName, Value, WriteTransaction,
};
use std::borrow::{Borrow, Cow};
use std::cmp::Ordering;
use std::marker::PhantomData;
use std::ops::{Bound, RangeBounds};

/// Bytes of the seal after a value's own bytes.
pub const SEAL_LEN: usize = 4;

/// A sealed value up to this long is made on the stack.
const SMALL: usize = 64;

/// The seal of an entry: CRC-32 over the key's bytes, then the value's.
fn checksum(key: &[u8], value: &[u8]) -> u32 {
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(key);
    hasher.update(value);
    hasher.finalize()
}

/// A value's bytes with the seal of `key` and them appended, as a sealed table stores them.
pub fn seal(key: &[u8], value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + SEAL_LEN);
    out.extend_from_slice(value);
    out.extend_from_slice(&checksum(key, value).to_le_bytes());
    out
}

/// The value's own bytes of a stored entry, if its seal matches `key` and them.
pub fn unseal<'a>(key: &[u8], stored: &'a [u8]) -> Option<&'a [u8]> {
    let cut = stored.len().checked_sub(SEAL_LEN)?;
    let (value, tail) = stored.split_at(cut);
    let want: [u8; SEAL_LEN] = tail.try_into().ok()?;
    (checksum(key, value) == u32::from_le_bytes(want)).then_some(value)
}

/// A key of `K` as the bytes redb stores: the same table to redb (the same type name, order
/// and separators), read without decoding each key only to encode it again for its seal.
#[derive(Debug)]
pub struct Raw<K>(PhantomData<K>);

impl<K: Key + 'static> Value for Raw<K> {
    type SelfType<'a>
        = &'a [u8]
    where
        Self: 'a;
    type AsBytes<'a>
        = &'a [u8]
    where
        Self: 'a;
    const NICHE: Option<&'static [u8]> = K::NICHE;

    fn fixed_width() -> Option<usize> {
        K::fixed_width()
    }

    fn from_bytes<'a>(data: &'a [u8]) -> &'a [u8]
    where
        Self: 'a,
    {
        data
    }

    fn as_bytes<'a, 'b: 'a>(value: &'a &'b [u8]) -> &'a [u8]
    where
        Self: 'b,
    {
        value
    }

    fn type_name() -> TypeName {
        K::type_name()
    }
}

impl<K: Key + 'static> Key for Raw<K> {
    fn compare(a: &[u8], b: &[u8]) -> Ordering {
        K::compare(a, b)
    }

    fn separator<'a>(left: &'a [u8], right: &'a [u8]) -> Cow<'a, [u8]> {
        K::separator(left, right)
    }

    fn min_encoded_key() -> Option<Cow<'static, [u8]>> {
        K::min_encoded_key()
    }
}

/// A key read from a sealed table, decoded when asked for.
pub struct KeyGuard<'a, K: Key + 'static> {
    raw: AccessGuard<'a, Raw<K>>,
}

impl<K: Key + 'static> KeyGuard<'_, K> {
    pub fn value(&self) -> K::SelfType<'_> {
        K::from_bytes(self.raw.value())
    }
}

/// A key's bytes shown as the key, for a sentence about a damaged entry. A key of fixed width
/// (numbers, and tuples of them) always decodes; one with text in it may be the damaged part,
/// and redb's decoding of text that is not UTF-8 panics, so it is shown as text read leniently.
struct Shown<'a, K>(&'a [u8], PhantomData<K>);

impl<K: Key + 'static> std::fmt::Debug for Shown<'_, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match K::fixed_width() {
            Some(width) if width == self.0.len() => write!(f, "{:?}", K::from_bytes(self.0)),
            _ => write!(f, "{:?}", String::from_utf8_lossy(self.0)),
        }
    }
}

fn shown<K>(bytes: &[u8]) -> Shown<'_, K> {
    Shown(bytes, PhantomData)
}

/// A table whose values of type `V` are stored sealed.
pub struct SealedDef<K: Key + 'static, V: Value + 'static> {
    raw: TableDefinition<'static, K, &'static [u8]>,
    bytes: TableDefinition<'static, Raw<K>, &'static [u8]>,
    name: &'static str,
    value: PhantomData<V>,
}

// By hand: derived ones would ask K and V to be Copy as well.
impl<K: Key + 'static, V: Value + 'static> Clone for SealedDef<K, V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K: Key + 'static, V: Value + 'static> Copy for SealedDef<K, V> {}

impl<K: Key + 'static, V: Value + 'static> SealedDef<K, V> {
    pub const fn new(name: &'static str) -> Self {
        SealedDef {
            raw: TableDefinition::new(name),
            bytes: TableDefinition::new(name),
            name,
            value: PhantomData,
        }
    }

    /// The table as redb sees it: sealed bytes, for copying a store as it is.
    pub fn raw(self) -> TableDefinition<'static, K, &'static [u8]> {
        self.raw
    }

    pub fn name(self) -> &'static str {
        self.name
    }

    pub fn open_write<'t>(
        self,
        txn: &'t WriteTransaction,
    ) -> Result<WriteTable<'t, K, V>, TableError> {
        Ok(Sealed::wrap(txn.open_table(self.bytes)?, self.name()))
    }

    pub fn open_read(self, txn: &ReadTransaction) -> Result<ReadTable<K, V>, TableError> {
        Ok(Sealed::wrap(txn.open_table(self.bytes)?, self.name()))
    }
}

pub type WriteTable<'t, K, V> = Sealed<Table<'t, Raw<K>, &'static [u8]>, K, V>;
pub type ReadTable<K, V> = Sealed<ReadOnlyTable<Raw<K>, &'static [u8]>, K, V>;
/// A key and its checked value.
pub type Entry<'a, K, V> = (KeyGuard<'a, K>, Guard<'a, V>);

/// An opened sealed table: every entry read is checked against its seal first.
pub struct Sealed<T, K: Key + 'static, V: Value + 'static> {
    inner: T,
    name: &'static str,
    types: PhantomData<(K, V)>,
}

/// A value read from a sealed table whose seal held.
pub struct Guard<'a, V: Value + 'static> {
    raw: AccessGuard<'a, &'static [u8]>,
    value: PhantomData<V>,
}

impl<V: Value + 'static> Guard<'_, V> {
    pub fn value(&self) -> V::SelfType<'_> {
        let stored = self.raw.value();
        // The seal held when this guard was made (`checked`), so these are the bytes that
        // `V::as_bytes` wrote, which `V::from_bytes` reads back.
        V::from_bytes(&stored[..stored.len() - SEAL_LEN])
    }
}

/// The sentence for an entry whose seal does not hold; the table and the key are its place,
/// for `check` and `--verbose`: a volunteer cannot act on them.
fn broken(table: &str, key: &dyn std::fmt::Debug) -> StoreError {
    // The records a volunteer knows by number are named so; an index entry is "a record".
    let record = match table {
        "clients" => format!("client {key:?}"),
        "visits" => format!("visit {key:?}"),
        "followups" => format!("follow-up {key:?}"),
        "appointments" => format!("appointment {key:?}"),
        _ => "a record".into(),
    };
    StoreError::Damaged {
        what: format!("{record} does not match its checksum"),
        place: Some(format!("{table} {key:?}")),
        detail: None,
    }
}

/// The guard of a value read from table `name` under `key`, if its seal holds.
fn guard<'a, V: Value + 'static>(
    name: &str,
    key: &dyn std::fmt::Debug,
    key_bytes: &[u8],
    raw: AccessGuard<'a, &'static [u8]>,
) -> Result<Guard<'a, V>, StoreError> {
    if holds::<V>(key_bytes, raw.value()) {
        Ok(Guard {
            raw,
            value: PhantomData,
        })
    } else {
        Err(broken(name, key))
    }
}

/// Whether `stored` holds a value of `V` sealed for `key`: the seal matches, and a value of
/// fixed width has exactly that width (so `from_bytes` cannot be handed a short slice).
fn holds<V: Value>(key: &[u8], stored: &[u8]) -> bool {
    match unseal(key, stored) {
        Some(value) => V::fixed_width().is_none_or(|w| w == value.len()),
        None => false,
    }
}

impl<T, K: Key + 'static, V: Value + 'static> Sealed<T, K, V> {
    fn wrap(inner: T, name: &'static str) -> Self {
        Sealed {
            inner,
            name,
            types: PhantomData,
        }
    }

    /// The value stored under the key of these bytes, if its seal holds.
    fn checked<'a>(
        &self,
        key: &[u8],
        raw: AccessGuard<'a, &'static [u8]>,
    ) -> Result<Guard<'a, V>, StoreError> {
        guard(self.name, &shown::<K>(key), key, raw)
    }

    fn checked_entry<'a>(
        &self,
        entry: RawEntry<'a, K>,
    ) -> Result<(KeyGuard<'a, K>, Guard<'a, V>), StoreError> {
        let (key, raw) = entry?;
        let guard = self.checked(key.value(), raw)?;
        Ok((KeyGuard { raw: key }, guard))
    }
}

/// An entry as redb gives it: the key's bytes and the sealed value.
type RawEntry<'a, K> =
    Result<(AccessGuard<'a, Raw<K>>, AccessGuard<'a, &'static [u8]>), redb::StorageError>;

impl<T, K, V> Sealed<T, K, V>
where
    T: ReadableTable<Raw<K>, &'static [u8]>,
    K: Key + 'static,
    V: Value + 'static,
{
    pub fn get<'k>(
        &self,
        key: impl Borrow<K::SelfType<'k>>,
    ) -> Result<Option<Guard<'_, V>>, StoreError> {
        let key = K::as_bytes(key.borrow());
        let key = key.as_ref();
        match self.inner.get(key)? {
            Some(raw) => Ok(Some(self.checked(key, raw)?)),
            None => Ok(None),
        }
    }

    /// The entries in `range`, each checked, and the entries just outside it (see
    /// `Entries`).
    pub fn range<'r, KR>(
        &self,
        range: impl RangeBounds<KR> + 'r,
    ) -> Result<Entries<'_, T, K, V>, StoreError>
    where
        KR: Borrow<K::SelfType<'r>> + 'r,
    {
        let encode = |k: &KR| K::as_bytes(k.borrow()).as_ref().to_vec();
        let start = range.start_bound().map(encode);
        let end = range.end_bound().map(encode);
        let inner = self.inner.range::<&[u8]>((
            start.as_ref().map(Vec::as_slice),
            end.as_ref().map(Vec::as_slice),
        ))?;
        Ok(Entries {
            table: self,
            inner,
            front: Edge::new(start),
            back: Edge::new(end),
        })
    }

    pub fn iter(&self) -> Result<Entries<'_, T, K, V>, StoreError> {
        Ok(Entries {
            table: self,
            inner: self.inner.iter()?,
            front: Edge::new(Bound::Unbounded),
            back: Edge::new(Bound::Unbounded),
        })
    }

    /// Checks the entry next to a range's walk: with `to` unbounded the first one from
    /// `from` on, which must lie above `limit` (the range's end); else the last one before
    /// `to`, which must lie below `limit` (the range's start). One that lies inside the range
    /// was missed by the walk: a flipped byte in a page above the entries led redb astray.
    fn check_neighbour(
        &self,
        from: Bound<&[u8]>,
        to: Bound<&[u8]>,
        limit: Bound<&[u8]>,
    ) -> Result<(), StoreError> {
        let forward = matches!(to, Bound::Unbounded);
        let mut near = self.inner.range::<&[u8]>((from, to))?;
        let entry = if forward {
            near.next()
        } else {
            near.next_back()
        };
        let Some(entry) = entry else {
            return Ok(());
        };
        let (key, _) = self.checked_entry(entry)?;
        let bytes = key.raw.value();
        let inside = if forward {
            within::<K>(bytes, Bound::Unbounded, limit)
        } else {
            within::<K>(bytes, limit, Bound::Unbounded)
        };
        if matches!(limit, Bound::Unbounded) || !inside {
            Ok(())
        } else {
            Err(StoreError::damaged(format!(
                "{} {:?} lies where the index did not find it",
                self.name,
                shown::<K>(bytes)
            )))
        }
    }

    pub fn first(&self) -> Result<Option<Entry<'_, K, V>>, StoreError> {
        self.inner
            .first()
            .transpose()
            .map(|e| self.checked_entry(e))
            .transpose()
    }

    pub fn len(&self) -> Result<u64, StoreError> {
        Ok(self.inner.len()?)
    }
}

impl<'t, K: Key + 'static, V: Value + 'static> Sealed<Table<'t, Raw<K>, &'static [u8]>, K, V> {
    /// Stores `value` under `key`, sealed; gives the value it replaced.
    pub fn insert<'k, 'v>(
        &mut self,
        key: impl Borrow<K::SelfType<'k>>,
        value: impl Borrow<V::SelfType<'v>>,
    ) -> Result<Option<Guard<'_, V>>, StoreError> {
        let key = key.borrow();
        let key_bytes = K::as_bytes(key);
        let value_bytes = V::as_bytes(value.borrow());
        let value_bytes = value_bytes.as_ref();
        // Most values are index entries of a few bytes: sealed on the stack, a bulk load of
        // millions of them makes no allocation each.
        let mut small = [0u8; SMALL];
        let large;
        let stored: &[u8] = if value_bytes.len() + SEAL_LEN <= SMALL {
            let end = value_bytes.len();
            small[..end].copy_from_slice(value_bytes);
            small[end..end + SEAL_LEN]
                .copy_from_slice(&checksum(key_bytes.as_ref(), value_bytes).to_le_bytes());
            &small[..end + SEAL_LEN]
        } else {
            large = seal(key_bytes.as_ref(), value_bytes);
            &large
        };
        let name = self.name;
        let key_bytes = key_bytes.as_ref();
        self.inner
            .insert(key_bytes, stored)?
            .map(|raw| guard(name, &shown::<K>(key_bytes), key_bytes, raw))
            .transpose()
    }

    pub fn remove<'k>(
        &mut self,
        key: impl Borrow<K::SelfType<'k>>,
    ) -> Result<Option<Guard<'_, V>>, StoreError> {
        let key_bytes = K::as_bytes(key.borrow());
        let key_bytes = key_bytes.as_ref();
        let name = self.name;
        self.inner
            .remove(key_bytes)?
            .map(|raw| guard(name, &shown::<K>(key_bytes), key_bytes, raw))
            .transpose()
    }

    /// Keeps the entries for which `keep` says so; an entry whose seal is broken stops it as
    /// a damaged store (nothing of the transaction is then committed).
    pub fn retain(
        &mut self,
        mut keep: impl for<'f> FnMut(K::SelfType<'f>, V::SelfType<'f>) -> bool,
    ) -> Result<(), StoreError> {
        let mut damaged = None;
        self.inner.retain(|key, stored| {
            if !holds::<V>(key, stored) {
                damaged.get_or_insert_with(|| format!("{:?}", shown::<K>(key)));
                return true;
            }
            let value = V::from_bytes(&stored[..stored.len() - SEAL_LEN]);
            keep(K::from_bytes(key), value)
        })?;
        if let Some(key) = damaged {
            return Err(broken(self.name, &format_args!("{key}")));
        }
        Ok(())
    }
}

/// Whether a key's bytes lie between two bounds, in `K`'s order.
fn within<K: Key>(key: &[u8], start: Bound<&[u8]>, end: Bound<&[u8]>) -> bool {
    let order = |b: &[u8]| K::compare(key, b);
    (match start {
        Bound::Included(b) => order(b).is_ge(),
        Bound::Excluded(b) => order(b).is_gt(),
        Bound::Unbounded => true,
    }) && match end {
        Bound::Included(b) => order(b).is_le(),
        Bound::Excluded(b) => order(b).is_lt(),
        Bound::Unbounded => true,
    }
}

/// The other side of a bound: what lies just outside it.
fn outside(bound: &Bound<Vec<u8>>) -> Bound<&[u8]> {
    match bound {
        Bound::Included(k) => Bound::Excluded(k),
        Bound::Excluded(k) => Bound::Included(k),
        Bound::Unbounded => Bound::Unbounded,
    }
}

/// One end of a range being walked: where it started, and where the next entry from that end
/// lies (after the last one given).
struct Edge {
    bound: Bound<Vec<u8>>,
    started: bool,
    next: Bound<Vec<u8>>,
}

impl Edge {
    fn new(bound: Bound<Vec<u8>>) -> Edge {
        Edge {
            next: bound.clone(),
            bound,
            started: false,
        }
    }
}

/// The entries of a range or of a whole sealed table, each checked. A flipped byte in a key
/// can put an entry outside the range (redb's search for the range's start then lands past
/// it) or beyond its other end (redb's walk then stops at it, and the entries after it are
/// never given). So, walking from one end, the entry just outside that end is checked before
/// the first one is given, and when the walk ends before the table does, the entry after the
/// last one given is checked: a moved entry meets its seal there.
pub struct Entries<'a, T, K: Key + 'static, V: Value + 'static> {
    table: &'a Sealed<T, K, V>,
    inner: redb::Range<'a, Raw<K>, &'static [u8]>,
    front: Edge,
    back: Edge,
}

impl<'a, T, K, V> Entries<'a, T, K, V>
where
    T: ReadableTable<Raw<K>, &'static [u8]>,
    K: Key + 'static,
    V: Value + 'static,
{
    fn step(&mut self, forward: bool) -> Option<<Self as Iterator>::Item> {
        let table = self.table;
        let (edge, other) = if forward {
            (&mut self.front, &self.back)
        } else {
            (&mut self.back, &self.front)
        };
        if !edge.started {
            edge.started = true;
            let own = edge.bound.as_ref().map(Vec::as_slice);
            let beyond = outside(&edge.bound);
            if !matches!(beyond, Bound::Unbounded) {
                // Walking forward, the entry just below the start; backward, just above the end.
                let checked = if forward {
                    table.check_neighbour(Bound::Unbounded, beyond, own)
                } else {
                    table.check_neighbour(beyond, Bound::Unbounded, own)
                };
                if let Err(e) = checked {
                    return Some(Err(e));
                }
            }
        }
        let entry = if forward {
            self.inner.next()
        } else {
            self.inner.next_back()
        };
        let Some(entry) = entry else {
            let far = other.bound.as_ref().map(Vec::as_slice);
            // Walked from both ends, the walks end where they meet, not at a bound.
            if matches!(far, Bound::Unbounded) || other.started {
                return None;
            }
            let next = std::mem::replace(&mut edge.next, Bound::Unbounded);
            let next = next.as_ref().map(Vec::as_slice);
            let checked = if forward {
                table.check_neighbour(next, Bound::Unbounded, far)
            } else {
                table.check_neighbour(Bound::Unbounded, next, far)
            };
            return checked.err().map(Err);
        };
        let (key, raw) = match entry {
            Ok(entry) => entry,
            Err(e) => return Some(Err(e.into())),
        };
        let whole = matches!(
            (&edge.bound, &other.bound),
            (Bound::Unbounded, Bound::Unbounded)
        );
        let admitted = {
            let bytes = key.value();
            table.checked(bytes, raw).and_then(|value| {
                if whole {
                    return Ok(value);
                }
                // redb trusts the pages above the entries to say where a range lies; a
                // flipped byte there hands out an entry from outside it.
                let (start, end) = if forward {
                    (&edge.bound, &other.bound)
                } else {
                    (&other.bound, &edge.bound)
                };
                let (start, end) = (
                    start.as_ref().map(Vec::as_slice),
                    end.as_ref().map(Vec::as_slice),
                );
                if !within::<K>(bytes, start, end) {
                    return Err(StoreError::damaged(format!(
                        "{} {:?} was found outside where it belongs",
                        table.name,
                        shown::<K>(bytes)
                    )));
                }
                match &mut edge.next {
                    Bound::Excluded(last) => {
                        last.clear();
                        last.extend_from_slice(bytes);
                    }
                    next => *next = Bound::Excluded(bytes.to_vec()),
                }
                Ok(value)
            })
        };
        let value = match admitted {
            Ok(value) => value,
            Err(e) => return Some(Err(e)),
        };
        Some(Ok((KeyGuard { raw: key }, value)))
    }
}

impl<'a, T, K: Key + 'static, V: Value + 'static> Iterator for Entries<'a, T, K, V>
where
    T: ReadableTable<Raw<K>, &'static [u8]>,
{
    type Item = Result<Entry<'a, K, V>, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.step(true)
    }
}

impl<T, K: Key + 'static, V: Value + 'static> DoubleEndedIterator for Entries<'_, T, K, V>
where
    T: ReadableTable<Raw<K>, &'static [u8]>,
{
    fn next_back(&mut self) -> Option<Self::Item> {
        self.step(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seal's bytes must never change: every sealed store holds them.
    #[test]
    fn golden_seal() {
        assert_eq!(
            seal(&1001u64.to_le_bytes(), b"amina"),
            [b'a', b'm', b'i', b'n', b'a', 0xb8, 0xf7, 0x35, 0xba]
        );
        assert_eq!(seal(&[], &[]), [0, 0, 0, 0]);
    }

    #[test]
    fn a_flipped_byte_in_the_key_or_the_value_breaks_the_seal() {
        let key = 1001u64.to_le_bytes();
        let stored = seal(&key, b"amina yusuf");
        assert_eq!(unseal(&key, &stored), Some(&b"amina yusuf"[..]));
        for at in 0..stored.len() {
            let mut bad = stored.clone();
            bad[at] ^= 0x10;
            assert_eq!(unseal(&key, &bad), None, "byte {at}");
        }
        for at in 0..key.len() {
            let mut other = key;
            other[at] ^= 0x01;
            assert_eq!(unseal(&other, &stored), None, "key byte {at}");
        }
        assert_eq!(unseal(&key, &stored[..3]), None);
    }

    #[test]
    fn an_insert_stores_the_seal_bytes_whether_made_on_the_stack_or_not() {
        use redb::ReadableDatabase;
        let dir = tempfile::tempdir().unwrap();
        let db = redb::Database::create(dir.path().join("t.redb")).unwrap();
        let def: SealedDef<u64, &[u8]> = SealedDef::new("t");
        let long = [7u8; SMALL + 1];
        let txn = db.begin_write().unwrap();
        {
            let mut table = def.open_write(&txn).unwrap();
            table.insert(1, b"kort".as_slice()).unwrap();
            table.insert(2, long.as_slice()).unwrap();
            assert_eq!(table.get(2).unwrap().unwrap().value(), long.as_slice());
        }
        txn.commit().unwrap();
        let txn = db.begin_read().unwrap();
        let raw = txn.open_table(def.raw()).unwrap();
        for (key, value) in [(1u64, b"kort".as_slice()), (2, long.as_slice())] {
            let stored = raw.get(key).unwrap().unwrap();
            assert_eq!(stored.value(), seal(&key.to_le_bytes(), value).as_slice());
        }
    }

    #[test]
    fn a_fixed_width_value_of_another_width_is_refused() {
        let key = 7u32.to_le_bytes();
        assert!(holds::<u64>(&key, &seal(&key, &5u64.to_le_bytes())));
        assert!(!holds::<u64>(&key, &seal(&key, &[1, 2, 3])));
        assert!(holds::<()>(&key, &seal(&key, &[])));
    }
}
