//! Planning an appointment for the card's client: when (with the moment it means shown as it is
//! typed), with whom, about what, where.

use super::{fit, hints, input_line, safe, theme};
use crate::dates::{coming_moment, shown_moment};
use crate::tui::forms::PlanField;
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State};
use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let Some(form) = &state.plan else {
        return;
    };
    let th = theme(state);
    let d = state.desk.d();
    let t = state.desk.t();
    let a = state.desk.l().appointment;
    let [
        title,
        _,
        at,
        resolved,
        with,
        about,
        place,
        _,
        message,
        _,
        hint,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Line::styled(
            format!(
                "{} · {} {}",
                t.plan_title,
                form.client,
                safe(&form.client_name)
            ),
            th.title,
        ),
        title,
    );
    let focus = |f: PlanField| form.part == f;
    input_line(frame, at, a.when, &form.at, focus(PlanField::At), &th);
    // The moment it means as it is typed; why it cannot be read goes to the message lines,
    // where it wraps.
    let typed = form.at.value().trim();
    let reading = (!typed.is_empty()).then(|| coming_moment(typed, state.now));
    if let Some(Ok(m)) = &reading {
        let shown = format!(
            "→ {} {}",
            d.weekdays[m.weekday().num_days_from_monday() as usize],
            shown_moment(*m)
        );
        frame.render_widget(Paragraph::new(shown), resolved);
    }
    input_line(frame, with, a.with, &form.with, focus(PlanField::With), &th);
    input_line(
        frame,
        about,
        a.about,
        &form.about,
        focus(PlanField::About),
        &th,
    );
    input_line(
        frame,
        place,
        a.place,
        &form.place,
        focus(PlanField::Place),
        &th,
    );
    let text = match (&form.error, &reading) {
        (Some(e), _) => Line::styled(e.clone(), th.warn),
        (None, Some(Err(e))) => Line::styled(e.to_string(), th.warn),
        _ => Line::styled(t.need_moment, th.dim),
    };
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), message);
    let hint_text = hints(
        state,
        Screen::Plan,
        &[Action::Save, Action::NextPart, Action::Back],
    );
    frame.render_widget(Line::styled(fit(&hint_text, hint.width), th.dim), hint);
}
