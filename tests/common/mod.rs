//! Shared by the test files: a private office for one test (its own store, config directory
//! and clock zone), the desk in a pseudo-terminal (`pty`), and the desk's fixtures (`desk`).

#![allow(dead_code)] // each test file uses a different part of these helpers

pub mod desk;
pub mod flipped;
pub mod pty;

use assert_cmd::Command;
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub struct Office {
    pub dir: TempDir,
    /// The office's clock zone (TZ) for every command and desk.
    tz: String,
}

pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    /// Runs `cmd` to its end and keeps what it said.
    pub fn of(cmd: &mut Command) -> Ran {
        let out = cmd.output().expect("the binary runs");
        Ran {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", self.stdout, self.stderr))
    }
}

impl Office {
    pub fn new() -> Office {
        Office {
            dir: tempfile::tempdir().expect("a temporary directory"),
            tz: "Europe/Amsterdam".into(),
        }
    }

    /// An office whose config.toml holds `config`.
    pub fn with_config(config: &str) -> Office {
        let office = Office::new();
        office.write_config(config);
        office
    }

    /// Writes this office's config.toml.
    pub fn write_config(&self, config: &str) {
        std::fs::create_dir_all(self.config_dir()).expect("the config directory");
        std::fs::write(self.config_dir().join("config.toml"), config).expect("config.toml");
    }

    /// An office whose clock shows about noon now, whenever the test runs: for a test that
    /// needs "later today" to be today (a fixed-offset zone, as POSIX writes it).
    pub fn at_noon() -> Office {
        use chrono::Timelike;
        let hour = chrono::Utc::now().hour() as i32;
        let ahead = 12 - hour; // hours ahead of UTC, -11 to 12
        Office {
            tz: format!("<NOON>{}", -ahead),
            ..Office::new()
        }
    }

    /// An office whose store is a copy of `fixture` (a store file written by an earlier
    /// release), private as spreekuur makes its own: 0600 in a 0700 directory. The fixture
    /// itself is never opened, so no test changes the committed file.
    pub fn with_store_copy(fixture: &Path) -> Office {
        let office = Office::new();
        let store = office.store();
        let dir = store.parent().expect("the store lies in a directory");
        std::fs::create_dir_all(dir).expect("the data directory");
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .expect("the data directory is private");
        std::fs::copy(fixture, &store)
            .unwrap_or_else(|e| panic!("copying {}: {e}", fixture.display()));
        // A checkout gives the copy the fixture's mode (0644); a store is 0600.
        std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o600))
            .expect("the store copy is private");
        office
    }

    pub fn store(&self) -> PathBuf {
        self.dir.path().join("data").join("spreekuur.redb")
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config").join("spreekuur")
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::cargo_bin("spreekuur").expect("the binary is built");
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-data"))
            .env("SPREEKUUR_DB", self.store())
            .env("SPREEKUUR_VOLUNTEER", "marieke")
            .env("TZ", &self.tz);
        cmd
    }

    /// The desk of this office in a pseudo-terminal, as `volunteer`, in monochrome.
    pub fn desk(&self, volunteer: &str) -> pty::Desk {
        let mut cmd = self.desk_command(volunteer);
        cmd.env("NO_COLOR", "1");
        pty::Desk::spawn(cmd)
    }

    /// The desk in a pseudo-terminal that does not answer the background question.
    pub fn desk_in_colour(&self, volunteer: &str) -> pty::Desk {
        pty::Desk::spawn(self.desk_command(volunteer))
    }

    fn desk_command(&self, volunteer: &str) -> portable_pty::CommandBuilder {
        let mut cmd = portable_pty::CommandBuilder::new(pty::BIN);
        cmd.env_clear();
        cmd.env("HOME", self.dir.path());
        cmd.env("XDG_CONFIG_HOME", self.dir.path().join("config"));
        cmd.env("XDG_DATA_HOME", self.dir.path().join("xdg-data"));
        cmd.env("SPREEKUUR_DB", self.store());
        cmd.env("SPREEKUUR_VOLUNTEER", volunteer);
        cmd.env("TZ", &self.tz);
        cmd.env("TERM", "xterm");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Ran {
        Ran::of(self.command().args(args))
    }

    /// Runs as the coordinator `login` (whom the test's config.toml lists) and expects
    /// success.
    pub fn ok_as_coordinator(&self, login: &str, args: &[&str]) -> Ran {
        let ran = Ran::of(self.command().env("LOGNAME", login).args(args));
        assert_eq!(ran.code, 0, "{args:?} failed: {}", ran.stderr);
        ran
    }

    /// Runs and expects success.
    pub fn ok(&self, args: &[&str]) -> Ran {
        let ran = self.run(args);
        assert_eq!(ran.code, 0, "{args:?} failed: {}", ran.stderr);
        ran
    }

    /// Runs and expects a refusal: non-zero exit, nothing on stdout, a message on stderr.
    pub fn refused(&self, args: &[&str]) -> String {
        let ran = self.run(args);
        assert_ne!(
            ran.code, 0,
            "{args:?} should fail but printed {}",
            ran.stdout
        );
        assert!(
            ran.stdout.is_empty(),
            "{args:?} printed on stdout: {}",
            ran.stdout
        );
        assert!(!ran.stderr.trim().is_empty(), "{args:?} said nothing");
        assert!(
            !ran.stderr.contains("panicked"),
            "{args:?} panicked: {}",
            ran.stderr
        );
        ran.stderr
    }

    /// Registers a client and returns its number.
    pub fn client(&self, args: &[&str]) -> u64 {
        let mut all = vec!["client", "add", "--json"];
        all.extend_from_slice(args);
        self.ok(&all).json()["number"]
            .as_u64()
            .expect("a client number")
    }
}

/// A tally's JSON without the figures of who came: forgetting a client moves them to
/// "unknown" there (docs/tallies.md), and leaves every other figure as it was.
pub fn without_who(mut tally: Value) -> Value {
    if let Some(o) = tally.as_object_mut() {
        o.retain(|key, _| {
            !key.starts_with("clients_")
                && ![
                    "children",
                    "adults",
                    "age_unknown",
                    "households_with_children",
                ]
                .contains(&key.as_str())
        });
    }
    tally
}
