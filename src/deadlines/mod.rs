//! Legal deadlines of running procedures, computed from a letter's date instead of in a
//! volunteer's head. Pure: rules in, dates and text out, no I/O.

pub mod holidays;
