//! The terminal: raw mode and the alternate screen while the desk runs, always given back
//! (on return, on a panic, on a hang-up), and SIGHUP/SIGTERM turned into a flag the loop reads.

use crossterm::{cursor, execute, terminal};
use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// While it lives the terminal is in raw mode on the alternate screen; its Drop restores.
pub struct Guard;

impl Guard {
    pub fn enter() -> io::Result<Guard> {
        install_panic_hook();
        terminal::enable_raw_mode()?;
        let guard = Guard;
        execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
        Ok(guard)
    }
}

fn restore() {
    // Best effort: after a hang-up there may be no terminal left to restore.
    let _ = terminal::disable_raw_mode();
    let _ = execute!(io::stdout(), terminal::LeaveAlternateScreen, cursor::Show);
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Restores the terminal before the previous hook prints the panic, so the message is legible.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Set when SIGHUP or SIGTERM arrives.
pub fn hangup_flag() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGHUP, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, Arc::clone(&flag))?;
    }
    Ok(flag)
}

pub type Backend = ratatui::backend::CrosstermBackend<Stdout>;
