//! A small, fast, non-cryptographic hasher (FNV-1a) for the search's own maps: client numbers
//! and name parts are not attacker-chosen keys, and SipHash showed up in the bench profile.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Debug, Default, Clone, Copy)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }

    fn write_u64(&mut self, n: u64) {
        // One multiply spreads a client number well enough for a hash table.
        self.0 = (self.0 ^ n)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work_with_numbers_and_strings() {
        let mut m: FastMap<u64, u8> = FastMap::default();
        for n in 0..10_000u64 {
            m.insert(n * 7, 1);
        }
        assert_eq!(m.len(), 10_000);
        let mut s: FastSet<String> = FastSet::default();
        s.insert("hassan".into());
        assert!(s.contains("hassan") && !s.contains("hussein"));
    }
}
