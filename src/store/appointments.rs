//! Appointments: plan, cancel, mark no-show or kept (by a visit, see `visits.rs`), list by day
//! or client; keeps the day and client indexes in step. The day index holds each
//! appointment's state, so a period's figures are counted without reading a record.

use super::audit::append;
use super::clients::{load_client, read_client};
use super::codec::{day_key, decode_appointment, encode_appointment};
use super::held_back;
use super::tables::{ReadTables, WriteTables, appointment_state_code};
use super::{Store, StoreError};
use crate::model::{Appointment, AppointmentState, AuditAction, NewAppointment, Stamp};
use chrono::NaiveDate;

/// Which appointments a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppointmentFilter {
    /// Only those with this volunteer.
    pub with: Option<String>,
    /// Who looks: a restricted client's appointment is shown to the volunteer it is with.
    pub viewer: String,
    /// Show restricted clients' appointments to everyone (`--restricted`).
    pub restricted: bool,
}

/// An appointment in a list, with its client's name (none once the client is forgotten).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedAppointment {
    pub appointment: Appointment,
    pub client_name: Option<String>,
}

impl Store {
    /// Plans an appointment. Returns it (numbered) and the volunteer's other appointments at
    /// the same moment that are not cancelled: a double booking is a warning, not a refusal.
    pub fn add_appointment(
        &self,
        new: NewAppointment,
        stamp: &Stamp,
    ) -> Result<(Appointment, Vec<Appointment>), StoreError> {
        let new = new.cleaned()?;
        self.write(|t| {
            load_client(t, new.client)?;
            let mut same_moment = Vec::new();
            let day = day_key(new.at.date());
            for entry in t.appointments_by_day.range((day, 0)..=(day, u64::MAX))? {
                let (_, n) = entry?.0.value();
                let other = load_appointment(t, n)?;
                if other.at == new.at
                    && other.with == new.with
                    && other.state != AppointmentState::Cancelled
                {
                    same_moment.push(other);
                }
            }
            let mut appointment = Appointment {
                number: 0,
                client: new.client,
                at: new.at,
                with: new.with,
                about: new.about,
                place: new.place,
                state: AppointmentState::Planned,
                created: stamp.clone(),
                changed: stamp.clone(),
            };
            appointment.number = insert_appointment(t, appointment.clone())?;
            append(
                t,
                stamp,
                Some(appointment.client),
                AuditAction::Appointment,
                Some(appointment.number),
            )?;
            Ok((appointment, same_moment))
        })
    }

    /// Cancels a planned appointment.
    pub fn cancel_appointment(
        &self,
        number: u64,
        stamp: &Stamp,
    ) -> Result<Appointment, StoreError> {
        self.write(|t| {
            let a = planned(t, number)?;
            append(
                t,
                stamp,
                Some(a.client),
                AuditAction::AppointmentCancel,
                Some(number),
            )?;
            set_state(t, a, AppointmentState::Cancelled, stamp)
        })
    }

    /// Marks a planned appointment whose moment has passed (by `stamp.at`) as not kept: the
    /// client did not come.
    pub fn no_show_appointment(
        &self,
        number: u64,
        stamp: &Stamp,
    ) -> Result<Appointment, StoreError> {
        self.write(|t| {
            let a = planned(t, number)?;
            if a.at > stamp.at {
                return Err(StoreError::AppointmentToCome {
                    number,
                    at: a.at.format("%d-%m-%Y %H:%M").to_string(),
                });
            }
            append(
                t,
                stamp,
                Some(a.client),
                AuditAction::AppointmentNoShow,
                Some(number),
            )?;
            set_state(t, a, AppointmentState::NoShow, stamp)
        })
    }

    pub fn appointment(&self, number: u64) -> Result<Appointment, StoreError> {
        self.read(|t| read_appointment(t, number))
    }

    /// The appointments from `from` to `to` (whole days, inclusive), by moment, in any state.
    pub fn appointments_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Appointment>, StoreError> {
        self.read(|t| between(t, from, to))
    }

    /// A list for a person: the appointments from `from` to `to` that pass `filter`, by
    /// moment, each with its client's name. A restricted client's appointments are left out
    /// unless the filter asks for them or the viewer is the volunteer they are with.
    pub fn appointment_list(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        filter: &AppointmentFilter,
    ) -> Result<Vec<ListedAppointment>, StoreError> {
        self.read(|t| {
            let mut out = Vec::new();
            for a in between(t, from, to)? {
                if filter.with.as_ref().is_some_and(|w| *w != a.with) {
                    continue;
                }
                let client = read_client(t, a.client)?;
                let hidden = client.as_ref().is_some_and(|c| c.restricted)
                    && !filter.restricted
                    && a.with != filter.viewer;
                if !hidden {
                    out.push(ListedAppointment {
                        client_name: client.map(|c| c.name),
                        appointment: a,
                    });
                }
            }
            Ok(out)
        })
    }

    /// A client's appointments, the latest moment first (coming ones before past ones).
    pub fn appointments_of(&self, client: u64) -> Result<Vec<Appointment>, StoreError> {
        self.read(|t| {
            let Some(index) = &t.appointments_by_client else {
                return Ok(Vec::new());
            };
            let mut out = Vec::new();
            for entry in index.range((client, 0)..=(client, u64::MAX))? {
                let (_, n) = entry?.0.value();
                let appointment = indexed_appointment(t, n)?;
                if appointment.client != client {
                    return Err(damaged(n));
                }
                out.push(appointment);
            }
            out.sort_by(|a, b| b.at.cmp(&a.at).then(b.number.cmp(&a.number)));
            Ok(out)
        })
    }
}

fn between(t: &ReadTables, from: NaiveDate, to: NaiveDate) -> Result<Vec<Appointment>, StoreError> {
    let Some(index) = &t.appointments_by_day else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in index.range((day_key(from), 0)..=(day_key(to), u64::MAX))? {
        let (_, n) = entry?.0.value();
        out.push(indexed_appointment(t, n)?);
    }
    out.sort_by_key(|a| (a.at, a.number));
    Ok(out)
}

fn damaged(number: u64) -> StoreError {
    StoreError::damaged(format!("appointment {number}"))
}

fn read_appointment(t: &ReadTables, number: u64) -> Result<Appointment, StoreError> {
    let bytes = t
        .appointments
        .as_ref()
        .map(|table| table.get(number))
        .transpose()?
        .flatten()
        .ok_or(StoreError::NoSuchAppointment(number))?;
    decode_appointment(bytes.value())
        .ok()
        .filter(|a| a.number == number)
        .ok_or_else(|| damaged(number))
}

/// An appointment an index names: missing, the store is damaged (an erasure removes an
/// appointment's index entries with it).
fn indexed_appointment(t: &ReadTables, number: u64) -> Result<Appointment, StoreError> {
    match read_appointment(t, number) {
        Err(StoreError::NoSuchAppointment(_)) => Err(StoreError::damaged(format!(
            "appointment {number} is indexed but missing"
        ))),
        other => other,
    }
}

fn load_appointment(t: &WriteTables, number: u64) -> Result<Appointment, StoreError> {
    match t.appointments.get(number)? {
        Some(b) => decode_appointment(b.value()).map_err(|_| damaged(number)),
        None => Err(StoreError::NoSuchAppointment(number)),
    }
}

/// The appointment, if it is still planned; else why not.
fn planned(t: &WriteTables, number: u64) -> Result<Appointment, StoreError> {
    let a = load_appointment(t, number)?;
    match a.state {
        AppointmentState::Planned => Ok(a),
        state => Err(StoreError::AppointmentEnded { number, state }),
    }
}

fn store_appointment(t: &mut WriteTables, a: &Appointment) -> Result<(), StoreError> {
    t.appointments
        .insert(a.number, encode_appointment(a).as_slice())?;
    t.appointments_by_day.insert(
        (day_key(a.at.date()), a.number),
        appointment_state_code(a.state),
    )?;
    Ok(())
}

fn set_state(
    t: &mut WriteTables,
    mut a: Appointment,
    state: AppointmentState,
    stamp: &Stamp,
) -> Result<Appointment, StoreError> {
    a.state = state;
    a.changed = stamp.clone();
    store_appointment(t, &a)?;
    Ok(a)
}

/// Stores an appointment in any state under the next number (for a bulk load, which brings
/// ones already kept or cancelled) and gives that number. No audit line: the caller logs.
pub(super) fn insert_appointment(
    t: &mut WriteTables,
    mut a: Appointment,
) -> Result<u64, StoreError> {
    // A store written before appointments existed has no counter yet: it starts at 1.
    let number = t.meta.get("next_appointment")?.map_or(1, |v| v.value());
    t.meta.insert("next_appointment", number + 1)?;
    a.number = number;
    store_appointment(t, &a)?;
    held_back::appointment_of_client(t, a.client, number)?;
    Ok(number)
}

/// Marks a planned appointment of `client` kept by `visit`, inside the visit's transaction;
/// refuses (and so stores nothing) when it is not planned or is another client's.
pub(super) fn keep(
    t: &mut WriteTables,
    number: u64,
    client: Option<u64>,
    visit: u64,
    stamp: &Stamp,
) -> Result<(), StoreError> {
    let a = planned(t, number)?;
    if client != Some(a.client) {
        return Err(StoreError::AppointmentOfOther {
            number,
            owner: a.client,
            client,
        });
    }
    append(
        t,
        stamp,
        Some(a.client),
        AuditAction::AppointmentKept,
        Some(number),
    )?;
    set_state(t, a, AppointmentState::Kept { visit }, stamp)?;
    Ok(())
}

/// The client's appointments that `visit` kept go back to planned: the visit is deleted.
pub(super) fn unkeep(
    t: &mut WriteTables,
    client: u64,
    visit: u64,
    stamp: &Stamp,
) -> Result<(), StoreError> {
    for a in of_client(t, client)? {
        if a.state == (AppointmentState::Kept { visit }) {
            set_state(t, a, AppointmentState::Planned, stamp)?;
        }
    }
    Ok(())
}

/// For an erasure: every appointment of the client loses its about and place texts (which can
/// hold personal detail); moment, volunteer and state stay, so past tallies do not change.
/// Those still planned for after `stamp.at` are cancelled, since they will not take place.
pub(super) fn erase_texts(
    t: &mut WriteTables,
    client: u64,
    stamp: &Stamp,
) -> Result<(), StoreError> {
    for mut a in of_client(t, client)? {
        a.about.clear();
        a.place = None;
        if a.state == AppointmentState::Planned && a.at > stamp.at {
            a.state = AppointmentState::Cancelled;
            a.changed = stamp.clone();
        }
        store_appointment(t, &a)?;
    }
    Ok(())
}

fn of_client(t: &WriteTables, client: u64) -> Result<Vec<Appointment>, StoreError> {
    let numbers: Vec<u64> = t
        .appointments_by_client
        .range((client, 0)..=(client, u64::MAX))?
        .map(|e| e.map(|(k, _)| k.value().1))
        .collect::<Result<_, _>>()?;
    numbers
        .into_iter()
        .map(|n| load_appointment(t, n))
        .collect()
}

#[cfg(test)]
mod tests;
