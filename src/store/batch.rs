//! Many changes in one transaction, for filling a demo store and importing a client list:
//! all land or none do.

use super::appointments::insert_appointment;
use super::audit::append;
use super::clients::{insert_client, join_household};
use super::followups::insert_followup;
use super::held_back::{self, HeldBack};
use super::tables::WriteTables;
use super::visits::{NewFollowUp, insert_visit};
use super::{Store, StoreError};
use crate::model::{Appointment, AuditAction, ClientDraft, FollowUp, Stamp, Visit};

pub struct Batch<'a, 't> {
    tables: &'a mut WriteTables<'t>,
}

impl Batch<'_, '_> {
    /// Registers a client without an audit line: for synthetic demo data only.
    pub fn add_client(&mut self, draft: ClientDraft, stamp: Stamp) -> Result<u64, StoreError> {
        insert_client(self.tables, draft, stamp)
    }

    /// Registers a real client (an import) with its audit line, as `Store::add_client` does.
    pub fn register_client(&mut self, draft: ClientDraft, stamp: Stamp) -> Result<u64, StoreError> {
        let number = insert_client(self.tables, draft, stamp.clone())?;
        append(self.tables, &stamp, Some(number), AuditAction::Create, None)?;
        Ok(number)
    }

    pub fn join_household(
        &mut self,
        number: u64,
        other: u64,
        stamp: Stamp,
    ) -> Result<u64, StoreError> {
        join_household(self.tables, number, other, stamp)
    }

    pub fn add_visit(
        &mut self,
        visit: Visit,
        followups: Vec<NewFollowUp>,
    ) -> Result<(u64, Vec<u64>), StoreError> {
        insert_visit(self.tables, visit, followups)
    }

    /// Adds a follow-up in any state (a bulk load may bring ones already done).
    pub fn add_followup(&mut self, followup: FollowUp) -> Result<u64, StoreError> {
        insert_followup(self.tables, followup)
    }

    /// Adds an appointment in any state (demo data brings ones kept, cancelled or missed),
    /// without an audit line; its client (and the visit that kept it) must be in already.
    pub fn add_appointment(&mut self, appointment: Appointment) -> Result<u64, StoreError> {
        insert_appointment(self.tables, appointment)
    }
}

impl Store {
    /// Runs `fill` in one write transaction; an error anywhere stores nothing. The index
    /// entries whose keys come in random order are written at the end, sorted (`held_back`).
    pub fn batch<T>(
        &self,
        fill: impl FnOnce(&mut Batch) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.write(|tables| {
            tables.held_back = Some(HeldBack::default());
            let result = fill(&mut Batch { tables })?;
            held_back::write(tables)?;
            Ok(result)
        })
    }

    /// `batch` as it was before it held entries back, every entry inserted where it comes:
    /// what a held-back batch must store the same.
    #[cfg(test)]
    pub(crate) fn batch_one_by_one<T>(
        &self,
        fill: impl FnOnce(&mut Batch) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.write(|tables| fill(&mut Batch { tables }))
    }
}
