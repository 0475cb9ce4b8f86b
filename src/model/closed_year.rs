//! A closed year: the annual report's figures as they were sent, kept so they can always be
//! shown again. Counts only, no client's name or number.

use super::Stamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedYear {
    pub year: i32,
    /// Who closed it, and when.
    pub closed: Stamp,
    /// The year's figures in the tally's JSON (the shape `tally --json` prints).
    pub figures: String,
}
