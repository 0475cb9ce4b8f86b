//! Drafts: what a volunteer had typed into a desk form when the session was cut off (SSH
//! dropped, terminal closed). One per volunteer; the desk offers it back on their next start.
//! Its own table and its own versioned envelope, so the other records are untouched.

use super::tables::SealedDef;
use super::{Store, StoreError};
use chrono::{DateTime, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// volunteer -> draft envelope.
/// volunteer -> the form they were typing in when the session was cut off.
pub(super) const DRAFTS: SealedDef<&str, &[u8]> = SealedDef::new("drafts");

/// A form's typed text as named fields, so a new field needs no new record version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Which form: "visit" or "client".
    pub form: String,
    pub client: Option<u64>,
    pub saved: NaiveDateTime,
    pub fields: Vec<(String, String)>,
}

impl Draft {
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

/// Variants are only ever appended; V1 is frozen.
#[derive(Serialize, Deserialize)]
enum DraftRecord {
    V1(DraftV1),
}

#[derive(Serialize, Deserialize)]
struct DraftV1 {
    form: String,
    client: Option<u64>,
    saved: i64,
    fields: Vec<(String, String)>,
}

const CONFIG: bincode::config::Configuration = bincode::config::standard();

fn encode(d: &Draft) -> Vec<u8> {
    let record = DraftRecord::V1(DraftV1 {
        form: d.form.clone(),
        client: d.client,
        saved: d.saved.and_utc().timestamp(),
        fields: d.fields.clone(),
    });
    // Strings, numbers and a Vec of pairs always encode into a growing Vec.
    bincode::serde::encode_to_vec(record, CONFIG).expect("plain records always encode")
}

fn decode(bytes: &[u8]) -> Option<Draft> {
    let (DraftRecord::V1(v), _) = bincode::serde::decode_from_slice(bytes, CONFIG).ok()?;
    Some(Draft {
        form: v.form,
        client: v.client,
        saved: DateTime::from_timestamp(v.saved, 0)?.naive_utc(),
        fields: v.fields,
    })
}

/// The client a stored draft is about, if it can be read and is about one.
pub(super) fn draft_client(bytes: &[u8]) -> Option<u64> {
    decode(bytes).and_then(|d| d.client)
}

impl Store {
    /// Keeps `draft` as this volunteer's draft (replacing an older one).
    pub fn save_draft(&self, volunteer: &str, draft: &Draft) -> Result<(), StoreError> {
        let (txn, _) = self.begin_write()?;
        {
            let mut t = DRAFTS.open_write(&txn)?;
            t.insert(volunteer, encode(draft).as_slice())?;
        }
        txn.commit()?;
        Ok(())
    }

    /// This volunteer's draft, if one was kept. An unreadable draft counts as none.
    pub fn draft(&self, volunteer: &str) -> Result<Option<Draft>, StoreError> {
        let txn = self.begin_read()?;
        let table = match DRAFTS.open_read(&txn) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        Ok(table.get(volunteer)?.and_then(|v| decode(v.value())))
    }

    /// Forgets this volunteer's draft (taken back or thrown away).
    pub fn clear_draft(&self, volunteer: &str) -> Result<(), StoreError> {
        let (txn, _) = self.begin_write()?;
        {
            let mut t = DRAFTS.open_write(&txn)?;
            t.remove(volunteer)?;
        }
        txn.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_and_forgets_a_draft() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.redb")).unwrap();
        assert_eq!(store.draft("ans").unwrap(), None);
        let saved = chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
            .unwrap()
            .and_hms_opt(14, 5, 0)
            .unwrap();
        let d = Draft {
            form: "visit".into(),
            client: Some(1001),
            saved,
            fields: vec![("note".into(), "brief van de IND".into())],
        };
        store.save_draft("ans", &d).unwrap();
        assert_eq!(store.draft("ans").unwrap(), Some(d.clone()));
        assert_eq!(store.draft("piet").unwrap(), None);
        store.clear_draft("ans").unwrap();
        assert_eq!(store.draft("ans").unwrap(), None);
    }
}
