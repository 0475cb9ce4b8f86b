//! The desk at 100,000 clients and 1,000,000 visits: start-up to the first usable frame (the
//! real binary in a pseudo-terminal that answers the background-colour question, that answers
//! only DA1, and that answers nothing, where the desk waits its 50 ms out), a keystroke in the
//! search line to the next frame (the desk's own update, search and drawing, worst of 100
//! typed queries), and the bytes the terminal receives when the selection moves and when a new
//! result list is drawn at 80x24. Goals: start-up under 100 ms whatever the terminal answers;
//! a keystroke under 16 ms; a moved selection under 400 bytes, a new result list under 2 KB.
//! Run with `cargo bench --bench desk`.

mod common;

use chrono::Local;
use common::{CLIENTS, VISITS, bin, store_path};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use spreekuur::config::Lang;
use spreekuur::deadlines::Deadlines;
use spreekuur::model::{Catalog, default_groups};
use spreekuur::store::Store;
use spreekuur::tui::background::QUERY;
use spreekuur::tui::keymap::Keymap;
use spreekuur::tui::screens;
use spreekuur::tui::state::{Desk, State};
use spreekuur::tui::update::{Effect, Event, RESULT_LIMIT, update};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Bytes written to the "terminal", counted.
#[derive(Clone, Default)]
struct Counter(Arc<Mutex<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut n) = self.0.lock() {
            *n += buf.len();
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Counter {
    fn take(&self) -> usize {
        self.0
            .lock()
            .map(|mut n| std::mem::take(&mut *n))
            .unwrap_or(0)
    }
}

/// How the bench's terminal answers the desk's OSC 11 + DA1 query.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Answers {
    /// A white background (as xterm's default), then DA1.
    Background,
    /// DA1 only: a terminal that does not know OSC 11.
    Da1Only,
    /// Nothing at all.
    Silent,
}

/// Start-up: from spawning the desk to a screen that shows the search line and the status
/// line with the client count. With a background answer the screen must be in the light
/// theme, else in plain (no colours).
fn startup(path: &Path, answers: Answers) -> Duration {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(bin());
    cmd.arg("--db");
    cmd.arg(path);
    cmd.env("TERM", "xterm");
    cmd.env("SPREEKUUR_VOLUNTEER", "bench");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("COLORFGBG");
    let started = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("the desk starts");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("a reader");
    let writer = Arc::new(Mutex::new(pty.master.take_writer().expect("a writer")));
    let answer: &'static [u8] = match answers {
        Answers::Background => b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;22c",
        Answers::Da1Only => b"\x1b[?62;22c",
        Answers::Silent => b"",
    };
    let (rows, cols) = (
        std::num::NonZeroU16::new(24).expect("24 is not zero"),
        std::num::NonZeroU16::new(80).expect("80 is not zero"),
    );
    let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
    let sink = Arc::clone(&screen);
    let answerer = Arc::clone(&writer);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        let mut seen = Vec::new();
        let mut asked = false;
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            if !asked {
                seen.extend_from_slice(&buf[..n]);
                asked = seen.windows(QUERY.len()).any(|w| w == QUERY);
                if asked && let Ok(mut w) = answerer.lock() {
                    let _ = w.write_all(answer);
                }
            }
            if let Ok(mut p) = sink.lock() {
                p.process(&buf[..n]);
            }
        }
    });
    let ready = loop {
        let text = screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default();
        // Usable: the prompt is drawn and the status line holds the store's counts (the
        // demo store has overdue follow-ups; before its first read the line says 0).
        if text.contains("Zoek") && text.contains("te laat") && !text.contains(" 0 te laat") {
            break started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no first frame:\n{text}"
        );
        std::thread::sleep(Duration::from_micros(200));
    };
    // The search prompt is drawn in the theme's focus colour: light's 127, none in plain.
    let prompt = screen
        .lock()
        .ok()
        .and_then(|p| p.screen().cell(0, 0).map(|c| c.fgcolor()));
    let expected = match answers {
        Answers::Background => vt100::Color::Idx(127),
        _ => vt100::Color::Default,
    };
    assert_eq!(prompt, Some(expected), "the theme for {answers:?}");
    if let Ok(mut w) = writer.lock() {
        let _ = w.write_all(b"\x11");
    }
    let _ = child.wait();
    ready
}

/// Median and worst of 11 start-ups.
fn startups(path: &Path, answers: Answers) -> (f64, f64) {
    let mut starts: Vec<Duration> = (0..11).map(|_| startup(path, answers)).collect();
    starts.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(starts[starts.len() / 2]), ms(starts[starts.len() - 1]))
}

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn main() {
    let path = store_path();
    println!("desk at {CLIENTS} clients, {VISITS} visits, 80x24");
    for (answers, what) in [
        (Answers::Background, "terminal answers OSC 11"),
        (Answers::Da1Only, "terminal answers DA1 only"),
        (Answers::Silent, "terminal answers nothing"),
    ] {
        let (median, worst) = startups(&path, answers);
        println!(
            "  start-up to first usable frame   median {median:.1} ms, worst {worst:.1} ms   (goal < 100 ms; {what})"
        );
    }

    let store = Store::open(&path).expect("the store opens");
    let desk = Desk {
        volunteer: "bench".into(),
        store_label: "bench.redb".into(),
        catalog: Catalog::default(),
        deadlines: Deadlines::default(),
        lang: Lang::Nl,
        keymap: Keymap::default_map(),
        theme: spreekuur::tui::theme::ThemeName::Dark,
        report_groups: default_groups(),
        age_bands: Default::default(),
        office: Default::default(),
        retention_months: 24,
    };
    let now = Local::now().naive_local();
    let bytes = Counter::default();
    let mut term = Terminal::with_options(
        CrosstermBackend::new(bytes.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
        },
    )
    .expect("a terminal");
    let queries = [
        "mohammed al hassan",
        "yohannes tesfay",
        "hodan yusuf",
        "fatima darwish 1990",
        "ahmad",
        "rebin ehmed",
        "zahra hosseini",
        "1042",
        "06-1234",
        "kidane",
    ];
    let mut worst = Duration::ZERO;
    let mut worst_query = String::new();
    let mut typed = 0;
    let mut list_bytes = Vec::new();
    let mut move_bytes = Vec::new();
    for q in queries.iter().cycle() {
        if typed >= 100 {
            break;
        }
        let mut state = State::new(desk_clone(&desk), now);
        term.draw(|f| screens::draw(f, &state)).expect("a frame");
        bytes.take();
        for c in q.chars() {
            if typed >= 100 {
                break;
            }
            typed += 1;
            let started = Instant::now();
            for effect in update(&mut state, key(KeyCode::Char(c)), now) {
                if let Effect::Find(query) = effect {
                    let results = store.find(&query, RESULT_LIMIT, false).expect("a search");
                    update(&mut state, Event::Found { query, results }, now);
                }
            }
            term.draw(|f| screens::draw(f, &state)).expect("a frame");
            if started.elapsed() > worst {
                worst = started.elapsed();
                worst_query = state.search.query.value().to_string();
            }
            list_bytes.push(bytes.take());
        }
        update(&mut state, key(KeyCode::Down), now);
        term.draw(|f| screens::draw(f, &state)).expect("a frame");
        move_bytes.push(bytes.take());
    }
    list_bytes.sort();
    move_bytes.sort();
    println!(
        "  keystroke to next frame          worst of {typed} typed {:.1} ms (\"{worst_query}\")   (goal < 16 ms)",
        worst.as_secs_f64() * 1000.0
    );
    println!(
        "  new result list                  median {} B, worst {} B   (goal < 2 KB)",
        list_bytes[list_bytes.len() / 2],
        list_bytes[list_bytes.len() - 1]
    );
    println!(
        "  selection moved one row          median {} B, worst {} B   (goal < 400 B)",
        move_bytes[move_bytes.len() / 2],
        move_bytes[move_bytes.len() - 1]
    );
}

fn desk_clone(d: &Desk) -> Desk {
    Desk {
        volunteer: d.volunteer.clone(),
        store_label: d.store_label.clone(),
        catalog: d.catalog.clone(),
        deadlines: d.deadlines.clone(),
        lang: d.lang,
        keymap: d.keymap.clone(),
        theme: d.theme,
        report_groups: d.report_groups.clone(),
        age_bands: d.age_bands.clone(),
        office: d.office.clone(),
        retention_months: d.retention_months,
    }
}
