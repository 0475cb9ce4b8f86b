//! spreekuur: the desk tool of a refugee-support office's walk-in hour.
//!
//! Layers, top to bottom: `cli` and `tui` (people) call `tally`, `search`, `demo` and
//! `store`; `store` is the only module that knows redb; `model` is plain data.

pub mod cli;
pub mod config;
pub mod dates;
pub mod deadlines;
pub mod demo;
pub mod import;
pub mod labels;
pub mod model;
pub mod notice;
pub mod search;
pub mod store;
pub mod tally;
pub mod tui;
