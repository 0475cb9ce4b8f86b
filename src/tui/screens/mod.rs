//! Drawing: one file per screen, each a function of the state alone.

mod card;
mod cut;
mod deadline;
mod followups;
mod help;
mod new_client;
mod notice;
mod plan;
mod search;
mod status;
mod tally;
mod today;
mod visit_form;
mod who_panel;

pub use super::theme::{Theme, theme};

use super::state::{Screen, State};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use tui_input::Input;

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn draw(frame: &mut Frame, state: &State) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = state.desk.d().too_small;
        frame.render_widget(Paragraph::new(text), area);
        return;
    }
    let [main, status_line] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    match state.screen {
        Screen::Search => search::draw(frame, main, state),
        Screen::Card => card::draw(frame, main, state),
        Screen::Visit => visit_form::draw(frame, main, state),
        Screen::NewClient => new_client::draw(frame, main, state),
        Screen::Followups => followups::draw(frame, main, state),
        Screen::Help => help::draw(frame, main, state),
        Screen::Tally => tally::draw(frame, main, state),
        Screen::Notice => notice::draw(frame, main, state),
        Screen::Today => today::draw(frame, main, state),
        Screen::Plan => plan::draw(frame, main, state),
    }
    status::draw(frame, status_line, state);
}

/// Store text made safe to draw: control characters (escape sequences included) become
/// spaces, so nothing from the store can steer the terminal.
pub fn safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Draws a one-line text input with its label and, when focused, puts the cursor in it. Text
/// longer than the field keeps its start and the cursor in view (`cut::field_view`).
pub fn input_line(
    frame: &mut Frame,
    area: Rect,
    label: &str,
    input: &Input,
    focused: bool,
    theme: &Theme,
) {
    use unicode_width::UnicodeWidthStr;
    let label = format!("{label}: ");
    let label_width = label.width() as u16;
    let width = area.width.saturating_sub(label_width).max(1) as usize;
    let value = safe(input.value());
    let (shown, cursor) = if focused {
        cut::field_view(&value, input.cursor(), width)
    } else {
        (cut::ellipsis(&value, width), 0)
    };
    let label_style = if focused { theme.focus } else { Style::new() };
    let line = Line::from(vec![
        ratatui::text::Span::styled(label, label_style),
        ratatui::text::Span::raw(shown),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if focused {
        let x = area.x + label_width + cursor as u16;
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
    }
}

/// A visit's categories in the desk's language, "Toeslagen, Post en brieven", and with
/// `referrals` its referral destinations after an arrow: "… → Kwadraad". Made safe to draw.
pub fn visit_labels(state: &State, v: &crate::model::Visit, referrals: bool) -> String {
    use crate::model::CatalogKind;
    let english = state.desk.english();
    let catalog = &state.desk.catalog;
    let cats: Vec<&str> = v
        .categories
        .iter()
        .map(|k| catalog.label(CatalogKind::Category, k, english))
        .collect();
    let mut text = safe(&cats.join(", "));
    let refs: Vec<&str> = v
        .referrals
        .iter()
        .map(|r| catalog.label(CatalogKind::Referral, &r.destination, english))
        .collect();
    if referrals && !refs.is_empty() {
        text.push_str(&format!(" → {}", safe(&refs.join(", "))));
    }
    text
}

/// The question before a visit is deleted: which visit, and the key that confirms.
pub fn delete_question(state: &State, screen: Screen, v: &crate::model::Visit) -> String {
    let what = format!(
        "{}, {}",
        crate::dates::shown_moment(v.when),
        visit_labels(state, v, false)
    );
    let key = state
        .desk
        .keymap
        .key_for(screen.mode(), super::keymap::Action::Delete)
        .unwrap_or("?");
    state
        .desk
        .t()
        .confirm_delete
        .replace("{n}", &v.number.to_string())
        .replace("{what}", &what)
        .replace("{key}", key)
}

/// A hint line cut to `width` columns at whole hints, so none is shown half (F1 lists all).
pub fn fit(text: &str, width: u16) -> String {
    use unicode_width::UnicodeWidthStr;
    let width = width as usize;
    let mut out = String::new();
    for item in text.split(" · ") {
        let candidate = if out.is_empty() {
            item.to_string()
        } else {
            format!("{out} · {item}")
        };
        if candidate.width() > width {
            break;
        }
        out = candidate;
    }
    out
}

/// A hint line "key text · key text" from the active keymap.
pub fn hints(state: &State, screen: Screen, actions: &[super::keymap::Action]) -> String {
    let km = &state.desk.keymap;
    actions
        .iter()
        .filter_map(|a| {
            km.key_for(screen.mode(), *a)
                .map(|k| format!("{k} {}", state.desk.d().action(*a)))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}
