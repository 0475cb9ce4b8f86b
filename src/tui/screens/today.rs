//! Vandaag: today's visits newest first (time, client or "anoniem", categories, referrals,
//! volunteer), today's appointments, and the follow-ups due today; mine or all.

use super::cut::ellipsis;
use super::{delete_question, fit, hints, safe, theme, visit_labels};
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State, TodayItem};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, List, ListItem, ListState};

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let th = theme(state);
    let d = state.desk.d();
    let t = state.desk.t();
    let a = state.desk.l().appointment;
    let me = state.desk.volunteer.as_str();
    let today = &state.today;
    let [list, hint] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let width = list.width as usize;
    let who = |number: Option<u64>, name: &Option<String>| match (number, name) {
        (None, _) => t.anonymous.to_string(),
        (Some(n), Some(name)) => format!("{n} {}", safe(name)),
        (Some(n), None) => format!("{n} {}", t.restricted),
    };

    // One list with a heading per part; `rows` maps each selectable item to its line.
    let mut lines: Vec<ListItem> = Vec::new();
    let mut rows: Vec<(TodayItem, usize)> = Vec::new();
    let heading =
        |text: &str, n: usize| ListItem::new(Line::styled(format!("{text} ({n})"), th.title));
    let visits: Vec<_> = today.visits(me).collect();
    lines.push(heading(t.visits, visits.len()));
    for r in &visits {
        let v = &r.visit;
        let text = format!(
            "{}  {}  [{}]  {}",
            v.when.format("%H:%M"),
            who(v.client, &r.client_name),
            safe(&v.volunteer),
            visit_labels(state, v, true)
        );
        rows.push((TodayItem::Visit(v.number), lines.len()));
        lines.push(ListItem::new(ellipsis(&text, width)));
    }
    let appointments: Vec<_> = today.appointments(me).collect();
    lines.push(heading(t.appointments, appointments.len()));
    for r in &appointments {
        let ap = &r.appointment;
        let text = format!(
            "{}  {}  {} {}  {}  {}",
            ap.at.format("%H:%M"),
            who(Some(ap.client), &r.client_name),
            a.with,
            safe(&ap.with),
            safe(&ap.about),
            a.state(ap.state)
        );
        rows.push((TodayItem::Appointment(ap.number), lines.len()));
        lines.push(ListItem::new(ellipsis(&text, width)));
    }
    let followups: Vec<_> = today.followups(me).collect();
    lines.push(heading(t.followups, followups.len()));
    for r in &followups {
        let f = &r.followup;
        let text = format!(
            "{} {}  {}  [{}]",
            f.client,
            safe(&r.client_name),
            safe(&f.text),
            safe(f.assignee.as_deref().unwrap_or(""))
        );
        rows.push((TodayItem::FollowUp(f.number), lines.len()));
        lines.push(ListItem::new(ellipsis(&text, width)));
    }

    let which = if today.mine { d.mine } else { d.all };
    let title = format!(
        "{} {} · {which}",
        t.title,
        crate::dates::shown(state.today())
    );
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Line::styled(title, th.title));
    let items = today.items(me);
    let at = items
        .get(today.selected)
        .and_then(|item| rows.iter().find(|(i, _)| i == item))
        .map(|(_, line)| *line);
    let mut ls = ListState::default().with_selected(at);
    frame.render_stateful_widget(
        List::new(lines).block(block).highlight_style(th.selected),
        list,
        &mut ls,
    );

    if let Some(v) = today
        .confirm_delete
        .and_then(|n| today.data.visits.iter().find(|r| r.visit.number == n))
    {
        let question = delete_question(state, Screen::Today, &v.visit);
        frame.render_widget(
            Line::styled(ellipsis(&question, hint.width as usize), th.warn),
            hint,
        );
        return;
    }
    let hint_text = hints(
        state,
        Screen::Today,
        &[
            Action::Open,
            Action::Correct,
            Action::Delete,
            Action::Mine,
            Action::Back,
            Action::Help,
        ],
    );
    frame.render_widget(Line::styled(fit(&hint_text, hint.width), th.dim), hint);
}
