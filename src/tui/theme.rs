//! The desk's look, as data. Light and dark use explicit colours of the 256-colour palette
//! (the same in every terminal that has it, unlike the 16 a terminal's profile may remap),
//! each readable (WCAG AA, 4.5:1) on its background; plain uses the terminal's own colours
//! with bold and reverse only, for a terminal that does not say its background; mono is the
//! same for NO_COLOR.

use super::background::{self, Background};
use super::state::State;
use crate::config::ThemeChoice;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
    /// The terminal's own colours: it did not say its background.
    Plain,
    /// NO_COLOR.
    Mono,
}

impl From<Background> for ThemeName {
    fn from(b: Background) -> ThemeName {
        match b {
            Background::Light => ThemeName::Light,
            Background::Dark => ThemeName::Dark,
        }
    }
}

/// The styles the screens draw with, one per role.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// The selected row of a list or table.
    pub selected: Style,
    /// What needs attention: overdue, not informed, a refusal.
    pub warn: Style,
    pub title: Style,
    /// Hint lines and footnotes.
    pub dim: Style,
    /// Where typing goes (the search prompt, a form's field), and messages.
    pub focus: Style,
    /// The status line's facts (store, volunteer, counts, time).
    pub status: Style,
}

const fn fg(index: u8) -> Style {
    Style::new().fg(Color::Indexed(index))
}

const fn bold(style: Style) -> Style {
    style.add_modifier(Modifier::BOLD)
}

/// On white: white on blue selected, dark red, teal, grey, magenta.
const LIGHT: Theme = Theme {
    selected: bold(fg(231).bg(Color::Indexed(25))),
    warn: bold(fg(124)),
    title: bold(fg(24)),
    dim: fg(242),
    focus: bold(fg(127)),
    status: fg(16).bg(Color::Indexed(252)),
};

/// On black: white on blue selected, light red, cyan, grey, gold.
const DARK: Theme = Theme {
    selected: bold(fg(231).bg(Color::Indexed(25))),
    warn: bold(fg(203)),
    title: bold(fg(80)),
    dim: fg(245),
    focus: bold(fg(220)),
    status: fg(231).bg(Color::Indexed(238)),
};

const PLAIN: Theme = Theme {
    selected: bold(Style::new().add_modifier(Modifier::REVERSED)),
    warn: bold(Style::new()),
    title: bold(Style::new()),
    dim: Style::new(),
    focus: bold(Style::new()),
    status: Style::new().add_modifier(Modifier::REVERSED),
};

impl Theme {
    pub fn of(name: ThemeName) -> Theme {
        match name {
            ThemeName::Light => LIGHT,
            ThemeName::Dark => DARK,
            ThemeName::Plain | ThemeName::Mono => PLAIN,
        }
    }

    /// Every role with its name, for the tests that check them all.
    pub fn styles(&self) -> [(&'static str, Style); 6] {
        [
            ("selected", self.selected),
            ("warn", self.warn),
            ("title", self.title),
            ("dim", self.dim),
            ("focus", self.focus),
            ("status", self.status),
        ]
    }
}

pub fn theme(state: &State) -> Theme {
    Theme::of(state.desk.theme)
}

/// The theme for this session: NO_COLOR first, then the config's or --theme's choice; `auto`
/// asks the terminal (`ask`, called only then), then reads COLORFGBG, else plain.
pub fn choose(
    choice: ThemeChoice,
    no_color: bool,
    colorfgbg: Option<&str>,
    ask: impl FnOnce() -> Option<Background>,
) -> ThemeName {
    if no_color {
        return ThemeName::Mono;
    }
    match choice {
        ThemeChoice::Light => ThemeName::Light,
        ThemeChoice::Dark => ThemeName::Dark,
        ThemeChoice::Auto => ask()
            .or_else(|| colorfgbg.and_then(background::from_colorfgbg))
            .map_or(ThemeName::Plain, ThemeName::from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::background::{contrast, luminance};

    /// xterm's default palette: the 16 colours, the 6x6x6 cube, the greys.
    fn xterm(index: u8) -> [u8; 3] {
        const BASE: [u32; 16] = [
            0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
            0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
        ];
        const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
        match index {
            0..=15 => {
                let [_, r, g, b] = BASE[index as usize].to_be_bytes();
                [r, g, b]
            }
            16..=231 => {
                let i = (index - 16) as usize;
                [LEVELS[i / 36], LEVELS[i / 6 % 6], LEVELS[i % 6]]
            }
            _ => [8 + 10 * (index - 232); 3],
        }
    }

    fn rgb_of(color: Color) -> [u8; 3] {
        match color {
            Color::Indexed(i) => xterm(i),
            Color::Rgb(r, g, b) => [r, g, b],
            other => panic!("{other:?}: the light and dark themes use explicit colours"),
        }
    }

    fn lum(rgb: [u8; 3]) -> f64 {
        luminance(rgb.map(|c| f64::from(c) / 255.0))
    }

    /// The background and default text each theme is made for (xterm's defaults).
    fn ground(name: ThemeName) -> ([u8; 3], [u8; 3]) {
        match name {
            ThemeName::Light => ([255; 3], [0; 3]),
            _ => ([0; 3], [255; 3]),
        }
    }

    /// Text and background of a style as drawn on the theme's ground.
    fn drawn(name: ThemeName, style: Style) -> ([u8; 3], [u8; 3]) {
        let (bg, text) = ground(name);
        let fg = style.fg.map_or(text, rgb_of);
        let bg = style.bg.map_or(bg, rgb_of);
        if style.add_modifier.contains(Modifier::REVERSED) {
            (bg, fg)
        } else {
            (fg, bg)
        }
    }

    #[test]
    fn every_style_reads_at_aa_on_its_background() {
        for name in [ThemeName::Light, ThemeName::Dark] {
            for (role, style) in Theme::of(name).styles() {
                let (fg, bg) = drawn(name, style);
                let ratio = contrast(lum(fg), lum(bg));
                println!("{name:?} {role}: {fg:?} on {bg:?} {ratio:.2}:1");
                assert!(ratio >= 4.5, "{name:?} {role}: {ratio:.2}:1");
            }
        }
    }

    #[test]
    fn plain_and_mono_use_no_colour() {
        for name in [ThemeName::Plain, ThemeName::Mono] {
            for (role, style) in Theme::of(name).styles() {
                assert_eq!((style.fg, style.bg), (None, None), "{name:?} {role}");
            }
        }
    }

    #[test]
    fn the_selection_stands_out_in_every_theme() {
        for name in [
            ThemeName::Light,
            ThemeName::Dark,
            ThemeName::Plain,
            ThemeName::Mono,
        ] {
            let style = Theme::of(name).selected;
            if style.add_modifier.contains(Modifier::REVERSED) {
                continue;
            }
            let bg = style.bg.map(rgb_of);
            let Some(bg) = bg else {
                panic!("{name:?}: the selection has neither reverse nor a background");
            };
            let (ground, _) = ground(name);
            let (fg, _) = drawn(name, style);
            let against_ground = contrast(lum(bg), lum(ground));
            let text = contrast(lum(fg), lum(bg));
            println!("{name:?} selected: bar {against_ground:.2}:1, text {text:.2}:1");
            assert!(against_ground >= 3.0, "{name:?}: {against_ground:.2}:1");
            assert!(text >= 4.5, "{name:?}: {text:.2}:1");
        }
    }

    #[test]
    fn choice_order_no_color_then_config_then_terminal_then_colorfgbg() {
        let never = || -> Option<Background> { panic!("not asked") };
        assert_eq!(
            choose(ThemeChoice::Auto, true, Some("0;15"), never),
            ThemeName::Mono
        );
        assert_eq!(
            choose(ThemeChoice::Light, false, Some("15;0"), never),
            ThemeName::Light
        );
        assert_eq!(
            choose(ThemeChoice::Dark, false, None, never),
            ThemeName::Dark
        );
        assert_eq!(
            choose(ThemeChoice::Auto, false, Some("15;0"), || Some(
                Background::Light
            )),
            ThemeName::Light
        );
        assert_eq!(
            choose(ThemeChoice::Auto, false, Some("15;0"), || None),
            ThemeName::Dark
        );
        assert_eq!(
            choose(ThemeChoice::Auto, false, Some("15;x"), || None),
            ThemeName::Plain
        );
        assert_eq!(
            choose(ThemeChoice::Auto, false, None, || None),
            ThemeName::Plain
        );
    }
}
