//! The status line: store, volunteer, clients, follow-ups due today and overdue, legal
//! deadlines soon, the time, the last message.

use super::{safe, theme};
use crate::tui::state::State;
use crate::tui::update::DEADLINE_SOON_DAYS;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let t = theme(state);
    let message = state
        .status
        .message
        .as_deref()
        .map(safe)
        .unwrap_or_default();
    let facts = facts(state, !message.is_empty(), area.width);
    let width = facts.width() as u16;
    let [left, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(width)]).areas(area);
    frame.render_widget(Paragraph::new(Line::styled(message, t.focus)), left);
    frame.render_widget(Paragraph::new(Line::styled(facts, t.status)), right);
}

/// The facts on the right, in whole words. With a message to show, the counts give way to it:
/// the message (a visit number, a refusal) is what the volunteer needs now. Where the line is
/// too narrow for all of them, the least needed go first: the store's name, the number of
/// clients, who you are and the clock, then today's appointments. Legal deadlines soon are named only
/// when there are any, and always then.
fn facts(state: &State, message: bool, width: u16) -> String {
    let d = state.desk.d();
    let s = &state.status;
    let store = safe(&state.desk.store_label);
    let volunteer = safe(&state.desk.volunteer);
    let clock = state.now.format("%H:%M").to_string();
    if message {
        return format!(" {volunteer} · {clock} ");
    }
    let clients = format!("{} {}", s.clients, d.status_clients);
    let t = state.desk.t();
    let due = format!("{} {}", s.due_today, d.status_due_today);
    // Today's appointments and follow-ups read as one fact: "vandaag 2 afspraken, 1 follow-ups".
    let today = format!(
        "{} {} {}, {due}",
        t.status_today, s.appointments_today, t.status_appointments
    );
    let late = format!("{} {}", s.overdue, d.status_overdue);
    let soon = match s.deadlines_soon {
        0 => String::new(),
        1 => format!("1 {}", d.status_deadline),
        n => format!("{n} {}", d.status_deadlines),
    }
    .replace("{days}", &DEADLINE_SOON_DAYS.to_string());
    let choices: [Vec<&str>; 5] = [
        vec![&store, &volunteer, &clients, &today, &late, &soon, &clock],
        vec![&volunteer, &clients, &today, &late, &soon, &clock],
        vec![&volunteer, &today, &late, &soon, &clock],
        vec![&today, &late, &soon],
        vec![&due, &late, &soon],
    ];
    let mut line = String::new();
    for parts in choices {
        let kept: Vec<&str> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        line = format!(" {} ", kept.join(" · "));
        if line.width() <= width as usize {
            break;
        }
    }
    line
}
