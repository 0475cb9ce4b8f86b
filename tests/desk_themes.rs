//! Every screen drawn at 80x24 in each theme (light, dark, plain, mono), snapshot-tested with
//! its styles: the text, then each run of styled cells with its colours and the theme role
//! it is, so a change of colour or of role shows in review.

mod common;

use common::desk::*;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use spreekuur::tui::state::State;
use spreekuur::tui::theme::{Theme, ThemeName};

const THEMES: [(&str, ThemeName); 4] = [
    ("light", ThemeName::Light),
    ("dark", ThemeName::Dark),
    ("plain", ThemeName::Plain),
    ("mono", ThemeName::Mono),
];

/// A cell's look, with the terminal's default as None.
type Look = (Option<Color>, Option<Color>, Modifier);

fn given(c: Color) -> Option<Color> {
    (c != Color::Reset).then_some(c)
}

/// The theme roles whose style a cell shows (plain gives several the same), or "-" for a
/// style that is none of them.
fn role(theme: &Theme, look: Look) -> String {
    let names: Vec<&str> = theme
        .styles()
        .into_iter()
        .filter(|(_, s)| (s.fg.and_then(given), s.bg.and_then(given), s.add_modifier) == look)
        .map(|(name, _)| name)
        .collect();
    if names.is_empty() {
        "-".into()
    } else {
        names.join("/")
    }
}

fn color(c: Option<Color>) -> String {
    match c {
        Some(Color::Indexed(i)) => i.to_string(),
        Some(other) => format!("{other:?}"),
        None => "-".into(),
    }
}

/// The runs of styled cells, one line each: row, columns, role, fg, bg, modifiers.
fn styles(buffer: &Buffer, theme: &Theme) -> String {
    let area = buffer.area;
    let mut out = String::from("row cols     role               fg   bg   modifiers\n");
    for y in area.top()..area.bottom() {
        let mut run: Option<(u16, Look)> = None;
        for x in area.left()..=area.right() {
            let look = (x < area.right()).then(|| {
                let cell = &buffer[(x, y)];
                (given(cell.fg), given(cell.bg), cell.modifier)
            });
            let same = matches!((&run, look), (Some((_, a)), Some(b)) if *a == b);
            if same {
                continue;
            }
            if let Some((start, l)) = run.take()
                && l != (None, None, Modifier::empty())
            {
                let role = role(theme, l);
                // Only the theme's styles are drawn, so its contrast test covers the screen.
                assert_ne!(
                    role, "-",
                    "row {y} from column {start}: {l:?} is no theme role"
                );
                out.push_str(&format!(
                    "{y:>3} {:<8} {:<18} {:<4} {:<4} {:?}\n",
                    format!("{start}-{}", x - 1),
                    role,
                    color(l.0),
                    color(l.1),
                    l.2
                ));
            }
            run = look.map(|l| (x, l));
        }
    }
    out
}

fn shown(state: &State) -> String {
    let term = draw_at(state, 80, 24);
    let theme = Theme::of(state.desk.theme);
    format!(
        "{}\n{}",
        term.backend(),
        styles(term.backend().buffer(), &theme)
    )
}

fn each_theme(screen: &str, make: impl Fn(ThemeName) -> State) {
    for (name, theme) in THEMES {
        insta::assert_snapshot!(format!("{screen}_{name}"), shown(&make(theme)));
    }
}

#[test]
fn search_in_each_theme() {
    each_theme("search", search_results);
}

#[test]
fn card_in_each_theme() {
    each_theme("card", at_card);
}

#[test]
fn visit_form_in_each_theme() {
    each_theme("visit_form", visit_form);
}

#[test]
fn card_followup_form_with_a_deadline_in_each_theme() {
    each_theme("card_followup_deadline", card_followup_with_deadline);
}

#[test]
fn new_client_in_each_theme() {
    each_theme("new_client", new_client);
}

#[test]
fn followups_in_each_theme() {
    each_theme("followups", followups);
}

#[test]
fn help_in_each_theme() {
    each_theme("help", help);
}

#[test]
fn tally_in_each_theme() {
    each_theme("tally", tally);
}

#[test]
fn notice_in_each_theme() {
    each_theme("notice", notice);
}

#[test]
fn today_in_each_theme() {
    each_theme("today", today_screen);
}

#[test]
fn plan_in_each_theme() {
    each_theme("plan", plan_form);
}
