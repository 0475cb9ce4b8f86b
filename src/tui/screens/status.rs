//! The status line: store, volunteer, clients, follow-ups due today and overdue, the time,
//! the last message.

use super::{safe, theme};
use crate::tui::state::State;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let t = theme(state);
    let d = state.desk.d();
    let s = &state.status;
    let message = s.message.as_deref().map(safe).unwrap_or_default();
    // With a message to show, the counts give way to it: at 80 columns both do not fit, and
    // the message (a visit number, a refusal) is what the volunteer needs now.
    let facts = if message.is_empty() {
        format!(
            " {} · {} · {} {} · {} {}/{} {} · {} ",
            safe(&state.desk.store_label),
            safe(&state.desk.volunteer),
            s.clients,
            d.clients_short,
            d.due_today,
            s.due_today,
            s.overdue,
            d.overdue_short,
            state.now.format("%H:%M"),
        )
    } else {
        format!(
            " {} · {} ",
            safe(&state.desk.volunteer),
            state.now.format("%H:%M")
        )
    };
    let width = facts.chars().count() as u16;
    let [left, right] =
        Layout::horizontal([Constraint::Min(10), Constraint::Length(width)]).areas(area);
    frame.render_widget(Paragraph::new(Line::styled(message, t.focus)), left);
    frame.render_widget(Paragraph::new(Line::styled(facts, t.status)), right);
}
