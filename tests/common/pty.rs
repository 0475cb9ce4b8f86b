//! The real desk in a pseudo-terminal, typed at as a volunteer would; the screen is read
//! through vt100 and every wait has a timeout instead of a blind sleep.

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_spreekuur");
// 24 and 80 are not zero.
const ROWS: std::num::NonZeroU16 = std::num::NonZeroU16::new(24).unwrap();
const COLS: std::num::NonZeroU16 = std::num::NonZeroU16::new(80).unwrap();
pub const WAIT: Duration = Duration::from_secs(10);

pub const CTRL_S: &str = "\x13";
pub const CTRL_O: &str = "\x0f";
pub const CTRL_F: &str = "\x06";
pub const CTRL_Q: &str = "\x11";
pub const CTRL_K: &str = "\x0b";
pub const CTRL_D: &str = "\x04";
pub const ESC: &str = "\x1b";

pub struct Desk {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
}

impl Desk {
    /// Starts the desk at 80x24 with `cmd`'s environment and arguments.
    pub fn spawn(cmd: CommandBuilder) -> Desk {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let child = pty.slave.spawn_command(cmd).expect("the desk starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("a pty reader");
        let writer = pty.master.take_writer().expect("a pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let sink = Arc::clone(&screen);
        // Drains the pty so the child never blocks on a full buffer; keeps the master alive.
        let master = pty.master;
        std::thread::spawn(move || {
            let _keep = master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = sink.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        Desk {
            screen,
            writer,
            child,
        }
    }

    pub fn text(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// The text colour of one cell.
    pub fn fg_at(&self, row: u16, col: u16) -> Option<vt100::Color> {
        let p = self.screen.lock().ok()?;
        p.screen().cell(row, col).map(|c| c.fgcolor())
    }

    /// Waits until the screen satisfies `ok`, or fails showing the screen.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if ok(&self.text()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("waited for {what}; the screen shows:\n{}", self.text());
    }

    pub fn wait_for(&self, needle: &str) {
        self.wait_until(&format!("{needle:?}"), |t| t.contains(needle));
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("the pty takes input");
        self.writer.flush().expect("the pty takes input");
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Some(status) = self.child.try_wait().expect("the child's state") {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the desk did not stop; the screen shows:\n{}", self.text());
    }
}
