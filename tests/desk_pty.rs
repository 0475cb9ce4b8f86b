//! The real binary in a pseudo-terminal, typed at as a volunteer would; the screen is read
//! through vt100 and every wait has a timeout instead of a blind sleep.

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_spreekuur");
// 24 and 80 are not zero.
const ROWS: std::num::NonZeroU16 = std::num::NonZeroU16::new(24).unwrap();
const COLS: std::num::NonZeroU16 = std::num::NonZeroU16::new(80).unwrap();
const WAIT: Duration = Duration::from_secs(10);

struct Desk {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
}

fn env_for(cmd: &mut CommandBuilder, home: &Path) {
    cmd.env_clear();
    cmd.env("HOME", home);
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("SPREEKUUR_DB", home.join("store.redb"));
    cmd.env("SPREEKUUR_VOLUNTEER", "ans");
    cmd.env("TZ", "Europe/Amsterdam");
    cmd.env("TERM", "xterm");
    cmd.env("NO_COLOR", "1");
}

impl Desk {
    fn start(home: &Path, args: &[&str]) -> Desk {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        env_for(&mut cmd, home);
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
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
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        Desk {
            screen,
            writer,
            child,
        }
    }

    fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.text().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("waited for {needle:?}; the screen shows:\n{}", self.text());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the desk did not stop; the screen shows:\n{}", self.text());
    }
}

fn cli(home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("SPREEKUUR_DB", home.join("store.redb"))
        .env("SPREEKUUR_VOLUNTEER", "ans")
        .env("TZ", "Europe/Amsterdam")
        .output()
        .unwrap()
}

fn add_client(home: &Path, name: &str) -> String {
    let out = cli(home, &["client", "add", "--name", name, "--born", "1988"]);
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

const CTRL_S: &str = "\x13";
const CTRL_O: &str = "\x0f";
const CTRL_F: &str = "\x06";
const CTRL_Q: &str = "\x11";
const ESC: &str = "\x1b";

#[test]
fn a_visit_with_two_categories_and_a_referral_reaches_the_store() {
    let home = tempfile::tempdir().unwrap();
    let number = add_client(home.path(), "Yohannes Gebremedhin");
    add_client(home.path(), "Fatima Noori");
    let mut desk = Desk::start(home.path(), &[]);
    desk.wait_for("Zoek:");
    desk.send("gebrem");
    desk.wait_for("Yohannes Gebremedhin");
    desk.send("\r");
    desk.wait_for("Bezoeken (0)");
    desk.send("v");
    desk.wait_for("Categorieën (0)");
    desk.send("toesl ");
    desk.wait_for("Categorieën (1)");
    desk.send("post ");
    desk.wait_for("Categorieën (2)");
    desk.send("\tkwadr ");
    desk.wait_for("Voorstel follow-up");
    desk.send(CTRL_O);
    desk.wait_for("navragen bij Kwadraad");
    desk.send(CTRL_S);
    desk.wait_for("Bezoek opgeslagen: nr 1");
    desk.wait_for("Bezoeken (1)");
    desk.wait_for("Toeslagen, Post en brieven → Kwadraad");
    desk.send(ESC);
    desk.wait_for("Zoek: gebrem");
    desk.send(CTRL_F);
    desk.wait_for("Yohannes Gebremedhin");
    desk.wait_for("navragen bij Kwadraad");
    desk.send(CTRL_Q);
    assert!(desk.wait_exit().success());

    let out = cli(home.path(), &["show", &number, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = json.to_string();
    assert!(
        text.contains("toeslagen") && text.contains("post"),
        "{text}"
    );
    assert!(text.contains("kwadraad"), "{text}");
    assert!(text.contains("navragen bij Kwadraad"), "{text}");
}

#[test]
fn a_desk_shows_what_another_process_saved_within_a_few_seconds() {
    let home = tempfile::tempdir().unwrap();
    let number = add_client(home.path(), "Hodan Yusuf Jama");
    let mut desk = Desk::start(home.path(), &[]);
    desk.wait_for("Zoek:");
    desk.send("hodan");
    desk.wait_for("Hodan Yusuf Jama");
    desk.send("\r");
    desk.wait_for("Bezoeken (0)");
    // Another volunteer logs a visit from the command line while this card is open.
    let out = cli(
        home.path(),
        &[
            "visit",
            &number,
            "--category",
            "duo",
            "--note",
            "van de andere balie",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    desk.wait_for("Bezoeken (1)");
    desk.wait_for("van de andere balie");
    desk.send(CTRL_Q);
    assert!(desk.wait_exit().success());
}

#[test]
fn a_hangup_keeps_the_visit_form_as_a_draft_for_the_next_start() {
    let home = tempfile::tempdir().unwrap();
    add_client(home.path(), "Şahin Yilmaz");
    let mut desk = Desk::start(home.path(), &[]);
    desk.wait_for("Zoek:");
    desk.send("sahin");
    desk.wait_for("Şahin Yilmaz");
    desk.send("\r");
    desk.wait_for("Bezoeken (0)");
    desk.send("v");
    desk.send("duo ");
    desk.wait_for("Categorieën (1)");
    // Categories, referrals, channel, when, then the note.
    desk.send("\t\t\t\tbrief van DUO");
    desk.wait_for("brief van DUO");
    let pid = desk.child.process_id().unwrap();
    let killed = Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    desk.wait_exit();

    let mut again = Desk::start(home.path(), &[]);
    again.wait_for("Concept teruggezet");
    again.wait_for("brief van DUO");
    again.wait_for("Categorieën (1)");
    again.send(CTRL_Q);
    again.wait_exit();
}

#[test]
fn a_bad_keymap_is_refused_with_its_line() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("mine.toml");
    std::fs::write(
        &file,
        "# my keys\ncard = [\n  { on = \"x\", run = \"visit\" },\n  { on = \"y\", run = \"fly\" },\n]\n",
    )
    .unwrap();
    let out = cli(home.path(), &["--keymap", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("mine.toml, line 4"), "{err}");
    assert!(err.contains("unknown action \"fly\""), "{err}");
}
