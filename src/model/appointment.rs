use super::Stamp;
use super::text::{InputError, clean_line};
use chrono::NaiveDateTime;

pub const ABOUT_MAX: usize = 200;
pub const PLACE_MAX: usize = 80;
pub const WITH_MAX: usize = 60;

/// A client's appointment with a volunteer ("op afspraak met hun begeleider").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    pub number: u64,
    pub client: u64,
    /// Local date-time it is planned for.
    pub at: NaiveDateTime,
    /// The volunteer it is with.
    pub with: String,
    /// What it is about; may be empty.
    pub about: String,
    pub place: Option<String>,
    pub state: AppointmentState,
    pub created: Stamp,
    /// The last change of state (the same as `created` while it is planned).
    pub changed: Stamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppointmentState {
    Planned,
    /// Kept: the client came, and this visit was logged for it.
    Kept {
        visit: u64,
    },
    Cancelled,
    NoShow,
}

impl AppointmentState {
    /// The stable key printed and given in JSON.
    pub fn key(self) -> &'static str {
        match self {
            AppointmentState::Planned => "planned",
            AppointmentState::Kept { .. } => "kept",
            AppointmentState::Cancelled => "cancelled",
            AppointmentState::NoShow => "no_show",
        }
    }

    pub fn visit(self) -> Option<u64> {
        match self {
            AppointmentState::Kept { visit } => Some(visit),
            _ => None,
        }
    }
}

/// What a volunteer gives when planning an appointment; the store adds number and stamps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAppointment {
    pub client: u64,
    pub at: NaiveDateTime,
    pub with: String,
    pub about: String,
    pub place: Option<String>,
}

impl NewAppointment {
    /// The same appointment with its texts cleaned (`clean_line`: no control characters, no
    /// BSN, sane lengths); an empty place is none. The store cleans again before it writes,
    /// so a caller that forgets cannot store a dirty text.
    pub fn cleaned(self) -> Result<NewAppointment, InputError> {
        let with = clean_line(&self.with, "volunteer's name", WITH_MAX)?;
        if with.is_empty() {
            return Err(InputError::Empty {
                field: "volunteer's name",
            });
        }
        let place = match &self.place {
            Some(p) => Some(clean_line(p, "place", PLACE_MAX)?).filter(|p| !p.is_empty()),
            None => None,
        };
        Ok(NewAppointment {
            client: self.client,
            at: self.at,
            with,
            about: clean_line(&self.about, "appointment's subject", ABOUT_MAX)?,
            place,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(about: &str, place: Option<&str>, with: &str) -> NewAppointment {
        NewAppointment {
            client: 1001,
            at: chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
                .and_then(|d| d.and_hms_opt(10, 30, 0))
                .unwrap(),
            with: with.into(),
            about: about.into(),
            place: place.map(str::to_string),
        }
    }

    #[test]
    fn texts_are_cleaned_and_a_bsn_refused() {
        let a = new(" brief\u{1b}[31m  DUO ", Some("  "), "marieke")
            .cleaned()
            .unwrap();
        assert_eq!(a.about, "brief DUO");
        assert_eq!(a.place, None);
        assert!(matches!(
            new("bsn 111222333", None, "marieke").cleaned(),
            Err(InputError::Bsn { .. })
        ));
        assert!(matches!(
            new("x", None, " ").cleaned(),
            Err(InputError::Empty { .. })
        ));
        assert!(
            new(&"a".repeat(ABOUT_MAX + 1), None, "jan")
                .cleaned()
                .is_err()
        );
    }
}
