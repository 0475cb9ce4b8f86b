//! The desk: the full-screen program a volunteer runs the walk-in hour with.
//!
//! `state` holds what is shown, `update` is the pure logic (events in, effects out), `run`
//! is the loop that does the I/O, `screens` draw, `keymap` reads the key bindings,,
//! `background` asks the terminal for its background colour.

pub mod background;
pub mod forms;
pub mod keymap;
pub mod run;
pub mod screens;
pub mod state;
pub mod terminal;
pub mod update;

pub use run::{DeskOptions, open_desk};
