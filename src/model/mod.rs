//! The records of the desk as plain data: no storage, no terminal, no I/O.

mod appointment;
mod audit;
mod birth;
mod catalog;
mod channel;
mod client;
mod closed_year;
mod countries;
pub mod fields;
mod followup;
mod gender;
mod groups;
mod languages;
mod profile;
mod text;
mod unlikely;
mod visit;

pub use appointment::{Appointment, AppointmentState, NewAppointment};
pub use audit::{AuditAction, AuditEntry};
pub use birth::Birth;
pub use catalog::{Catalog, CatalogEntry, CatalogKind};
pub use channel::Channel;
pub use client::{Client, ClientDraft};
pub use closed_year::ClosedYear;
pub use countries::{country_name, is_country_code};
pub use followup::{FollowUp, FollowUpState, LegalDeadline};
pub use gender::Gender;
pub use groups::{ReportGroup, UNGROUPED, default_groups, group_of};
pub use languages::language_name;
pub use profile::Profile;
pub use text::{
    InputError, clean_line, clean_note, contains_bsn, is_invisible_format, phone_digits,
};
pub use unlikely::{Unlikely, unlikely_appointment, unlikely_due, unlikely_visit, visit_not_yet};
pub use visit::{Referral, Visit};

use chrono::NaiveDateTime;

/// Who did something and when (local wall-clock time of the office).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub who: String,
    pub at: NaiveDateTime,
}
