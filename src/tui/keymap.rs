//! Key bindings from TOML: one array of tables per screen plus `global`, each binding
//! `{ on = "ctrl-s", run = "save", desc = "…" }`. The embedded default is the base; other
//! files override single bindings (same screen, same key). A file with an unknown action, a
//! key that cannot be read or a key bound twice in one screen is refused with its line.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use std::fmt;
use std::path::Path;
use toml::Spanned;

pub const DEFAULT: &str = include_str!("../../keymaps/default.toml");
pub const VIM: &str = include_str!("../../keymaps/vim.toml");

/// Where bindings apply. `Global` is looked at after the screen's own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Global,
    Search,
    Card,
    Visit,
    NewClient,
    Followups,
    Help,
    Tally,
    Notice,
    Today,
    Plan,
}

impl Mode {
    pub const ALL: [Mode; 11] = [
        Mode::Global,
        Mode::Search,
        Mode::Card,
        Mode::Visit,
        Mode::NewClient,
        Mode::Followups,
        Mode::Help,
        Mode::Tally,
        Mode::Notice,
        Mode::Today,
        Mode::Plan,
    ];

    pub fn table(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::Search => "search",
            Mode::Card => "card",
            Mode::Visit => "visit",
            Mode::NewClient => "new-client",
            Mode::Followups => "followups",
            Mode::Help => "help",
            Mode::Tally => "tally",
            Mode::Notice => "notice",
            Mode::Today => "today",
            Mode::Plan => "plan",
        }
    }
}

macro_rules! actions {
    ($($variant:ident = $name:literal,)*) => {
        /// What a key does. Names are the `run` values of the keymap files.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Action { $($variant,)* }
        impl Action {
            pub const ALL: &[Action] = &[$(Action::$variant,)*];
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }
            pub fn parse(text: &str) -> Option<Action> {
                Action::ALL.iter().copied().find(|a| a.name() == text)
            }
        }
    };
}

actions! {
    Quit = "quit",
    Help = "help",
    Tally = "tally",
    NewClient = "new-client",
    Followups = "followups",
    Search = "search",
    Up = "up",
    Down = "down",
    PageUp = "page-up",
    PageDown = "page-down",
    Open = "open",
    Back = "back",
    Clear = "clear",
    Save = "save",
    Visit = "visit",
    AddFollowup = "add-followup",
    Done = "done",
    Edit = "edit",
    Alias = "alias",
    NextPart = "next-part",
    PrevPart = "prev-part",
    Toggle = "toggle",
    AcceptSuggestion = "accept-suggestion",
    Mine = "mine",
    Duplicates = "duplicates",
    PeriodDay = "period-day",
    PeriodWeek = "period-week",
    PeriodMonth = "period-month",
    PeriodYear = "period-year",
    Previous = "previous",
    Next = "next",
    Export = "export",
    Informed = "informed",
    Notice = "notice",
    Today = "today",
    Correct = "correct",
    Delete = "delete",
    Plan = "plan",
    KeepAppointment = "keep-appointment",
    Deadline = "deadline",
}

/// A key with its modifiers, normalised so that a typed event and a file's text compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn of(event: &KeyEvent) -> Key {
        let mut mods =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match event.code {
            // The character already says whether shift was down; BackTab is shift-tab.
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// Reads `ctrl-s`, `alt-x`, `shift-tab`, `f1`, `pgdn`, `enter`, `space`, `?`, `j`.
    pub fn parse(text: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text.trim();
        if rest.chars().count() > 1 {
            while let Some((m, tail)) = rest.split_once('-') {
                if tail.is_empty() {
                    break;
                }
                match m.to_ascii_lowercase().as_str() {
                    "ctrl" | "c" => mods |= KeyModifiers::CONTROL,
                    "alt" | "a" | "m" => mods |= KeyModifiers::ALT,
                    "shift" | "s" => mods |= KeyModifiers::SHIFT,
                    _ => return None,
                }
                rest = tail;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                c.to_ascii_lowercase()
            } else {
                c
            }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::BackTab
                }
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                f if f.starts_with('f') => {
                    let n: u8 = f[1..].parse().ok()?;
                    if !(1..=12).contains(&n) {
                        return None;
                    }
                    KeyCode::F(n)
                }
                _ => return None,
            },
        };
        if let KeyCode::Char(_) = code {
            // "shift-a" is written "A".
            if mods.contains(KeyModifiers::SHIFT) {
                return None;
            }
        }
        Some(Key { code, mods })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub key: Key,
    /// The key as the file wrote it, for the help screen.
    pub on: String,
    pub action: Action,
    pub desc: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "keymap {}, line {}: {}",
            self.file, self.line, self.reason
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    global: Vec<BindingFile>,
    #[serde(default)]
    search: Vec<BindingFile>,
    #[serde(default)]
    card: Vec<BindingFile>,
    #[serde(default)]
    visit: Vec<BindingFile>,
    #[serde(default)]
    new_client: Vec<BindingFile>,
    #[serde(default)]
    followups: Vec<BindingFile>,
    #[serde(default)]
    help: Vec<BindingFile>,
    #[serde(default)]
    tally: Vec<BindingFile>,
    #[serde(default)]
    notice: Vec<BindingFile>,
    #[serde(default)]
    today: Vec<BindingFile>,
    #[serde(default)]
    plan: Vec<BindingFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BindingFile {
    on: Spanned<String>,
    run: Spanned<String>,
    desc: Option<String>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Reads one keymap file's bindings, checking each.
pub fn parse(text: &str, file: &str) -> Result<Vec<Binding>, KeymapError> {
    let err = |offset: usize, reason: String| KeymapError {
        file: file.to_string(),
        line: line_of(text, offset),
        reason,
    };
    let parsed: File = toml::from_str(text).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        err(offset, e.message().trim().to_string())
    })?;
    let tables = [
        (Mode::Global, parsed.global),
        (Mode::Search, parsed.search),
        (Mode::Card, parsed.card),
        (Mode::Visit, parsed.visit),
        (Mode::NewClient, parsed.new_client),
        (Mode::Followups, parsed.followups),
        (Mode::Help, parsed.help),
        (Mode::Tally, parsed.tally),
        (Mode::Notice, parsed.notice),
        (Mode::Today, parsed.today),
        (Mode::Plan, parsed.plan),
    ];
    let mut out: Vec<Binding> = Vec::new();
    for (mode, bindings) in tables {
        for b in bindings {
            let key = Key::parse(b.on.get_ref()).ok_or_else(|| {
                err(
                    b.on.span().start,
                    format!(
                        "cannot read the key \"{}\" (write e.g. ctrl-s, alt-x, f1, enter, esc, tab, shift-tab, up, pgdn, space or one character)",
                        b.on.get_ref()
                    ),
                )
            })?;
            let action = Action::parse(b.run.get_ref()).ok_or_else(|| {
                let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                err(
                    b.run.span().start,
                    format!(
                        "unknown action \"{}\"; known actions are: {}",
                        b.run.get_ref(),
                        names.join(", ")
                    ),
                )
            })?;
            if let Some(first) = out.iter().find(|x| x.mode == mode && x.key == key) {
                return Err(err(
                    b.on.span().start,
                    format!(
                        "the key \"{}\" is bound twice in [{}] (also \"{}\" to {})",
                        b.on.get_ref(),
                        mode.table(),
                        first.on,
                        first.action.name()
                    ),
                ));
            }
            out.push(Binding {
                mode,
                key,
                on: b.on.into_inner(),
                action,
                desc: b.desc,
            });
        }
    }
    Ok(out)
}

/// The active bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Keymap {
    /// The embedded default alone.
    pub fn default_map() -> Keymap {
        // The embedded default is checked by a unit test, so it always parses.
        let bindings = parse(DEFAULT, "default").expect("the embedded default keymap parses");
        Keymap { bindings }
    }

    /// Puts `over`'s bindings on top: each replaces a binding of the same key in its screen.
    pub fn overlay(&mut self, over: Vec<Binding>) {
        for b in over {
            self.bindings
                .retain(|x| !(x.mode == b.mode && x.key == b.key));
            self.bindings.push(b);
        }
    }

    /// The default, then the user's keymap.toml in `config_dir`, then `--keymap NAME|PATH`.
    pub fn load(config_dir: &Path, choice: Option<&str>) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::default_map();
        let user = config_dir.join("keymap.toml");
        if let Ok(text) = std::fs::read_to_string(&user) {
            map.overlay(parse(&text, &user.display().to_string())?);
        }
        match choice {
            None | Some("default") => {}
            Some("vim") => map.overlay(parse(VIM, "vim")?),
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| KeymapError {
                    file: path.to_string(),
                    line: 0,
                    reason: format!("cannot read it ({e}); give default, vim or a file"),
                })?;
                map.overlay(parse(&text, path)?);
            }
        }
        Ok(map)
    }

    /// What `key` does on `mode`'s screen: the screen's own binding, else the global one.
    pub fn action(&self, mode: Mode, key: Key) -> Option<Action> {
        let find = |m: Mode| {
            self.bindings
                .iter()
                .find(|b| b.mode == m && b.key == key)
                .map(|b| b.action)
        };
        find(mode).or_else(|| find(Mode::Global))
    }

    /// The first key written for `action` on `mode` (or globally), for hints.
    pub fn key_for(&self, mode: Mode, action: Action) -> Option<&str> {
        [mode, Mode::Global].into_iter().find_map(|m| {
            self.bindings
                .iter()
                .find(|b| b.mode == m && b.action == action)
                .map(|b| b.on.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_keymaps_parse() {
        assert!(parse(DEFAULT, "default").is_ok());
        assert!(parse(VIM, "vim").is_ok());
    }

    #[test]
    fn every_action_and_screen_has_a_description() {
        for lang in [crate::config::Lang::Nl, crate::config::Lang::En] {
            let d = crate::labels::desk_labels(lang);
            assert_eq!(d.actions.len(), Action::ALL.len());
            assert_eq!(d.modes.len(), Mode::ALL.len());
        }
    }

    #[test]
    fn reads_keys() {
        let k = Key::parse("ctrl-s").unwrap();
        assert_eq!(k.code, KeyCode::Char('s'));
        assert_eq!(k.mods, KeyModifiers::CONTROL);
        assert_eq!(Key::parse("shift-tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(Key::parse("f1").unwrap().code, KeyCode::F(1));
        assert_eq!(Key::parse("?").unwrap().code, KeyCode::Char('?'));
        assert_eq!(Key::parse("-").unwrap().code, KeyCode::Char('-'));
        assert!(Key::parse("ctrl-").is_none());
        assert!(Key::parse("hyper-x").is_none());
        assert!(Key::parse("f13").is_none());
    }

    #[test]
    fn refuses_with_line() {
        let text = "[[search]]\non = \"ctrl-q\"\nrun = \"quit\"\n\n[[search]]\non = \"ctrl-x\"\nrun = \"explode\"\n";
        let e = parse(text, "k.toml").unwrap_err();
        assert_eq!(e.line, 7, "{e}");
        assert!(e.reason.contains("explode"));
        let text = "search = [\n { on = \"ctrl-q\", run = \"quit\" },\n { on = \"ctrl-q\", run = \"help\" },\n]\n";
        let e = parse(text, "k.toml").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.reason.contains("twice"));
        let e = parse("card = [ { on = \"kontrol-x\", run = \"quit\" } ]", "k").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.reason.contains("kontrol-x"));
    }

    #[test]
    fn overlay_replaces_single_bindings() {
        let mut map = Keymap::default_map();
        let over = parse("search = [ { on = \"ctrl-q\", run = \"help\" } ]", "u").unwrap();
        map.overlay(over);
        let q = Key::parse("ctrl-q").unwrap();
        assert_eq!(map.action(Mode::Search, q), Some(Action::Help));
        assert_eq!(map.action(Mode::Card, q), Some(Action::Quit));
    }
}
