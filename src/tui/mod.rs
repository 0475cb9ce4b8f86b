//! The desk: the full-screen program a volunteer runs the walk-in hour with.
//!
//! `state` holds what is shown, `update` is the pure logic (events in, effects out), `run`
//! is the loop that does the I/O, `screens` draw, `keymap` reads the key bindings, `theme`
//! holds the colours and `background` asks the terminal which of them suit it.

pub mod background;
pub mod forms;
pub mod keymap;
pub mod late_answer;
pub mod run;
pub mod screens;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod update;

pub use run::{DeskOptions, open_desk};
