//! All open follow-ups by due date, overdue first and marked, with the last day of the legal
//! deadline a follow-up guards.

use super::cut::ellipsis;
use super::{fit, hints, safe, theme};
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let t = theme(state);
    let d = state.desk.d();
    let l = state.desk.l();
    let [list, hint] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let f = &state.followups;
    let which = if f.mine { d.mine } else { d.all };
    let title = format!("{} · {which}", l.followups);
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Line::styled(title, t.title));
    let today = state.today();
    // Mark, due, deadline, number and assignee have their widths (and a column between each
    // two); client and text share the rest. The deadline column only takes room when a row
    // shown guards one.
    let guarded = f
        .shown(&state.desk.volunteer)
        .any(|r| r.followup.guards_deadline());
    let deadline_width: u16 = if guarded { 10 } else { 0 };
    let fixed: u16 = 1 + 10 + deadline_width + 4 + 8 + 6;
    let rest = list.width.saturating_sub(fixed);
    let client_width = rest / 2;
    let text_width = rest - client_width;
    let rows: Vec<Row> = f
        .shown(&state.desk.volunteer)
        .map(|r| {
            let fu = &r.followup;
            let over = fu.is_overdue(today);
            let ends = fu
                .deadline
                .as_ref()
                .map(|d| crate::dates::shown(d.ends))
                .unwrap_or_default();
            let row = Row::new([
                Cell::from(if over { "!" } else { "" }),
                Cell::from(crate::dates::shown(fu.due)),
                Cell::from(Span::styled(ends, t.warn)),
                Cell::from(fu.number.to_string()),
                Cell::from(ellipsis(
                    &format!("{} {}", fu.client, safe(&r.client_name)),
                    client_width as usize,
                )),
                Cell::from(ellipsis(&safe(&fu.text), text_width as usize)),
                Cell::from(ellipsis(&safe(fu.assignee.as_deref().unwrap_or("")), 8)),
            ]);
            if over { row.style(t.warn) } else { row }
        })
        .collect();
    if rows.is_empty() {
        frame.render_widget(Paragraph::new(l.no_followups).block(block), list);
    } else {
        let header = Row::new([
            "",
            l.due,
            l.deadline_mark,
            l.number,
            l.client,
            l.text,
            l.assignee,
        ])
        .style(t.title);
        let table = Table::new(
            rows,
            [
                Constraint::Length(1),
                Constraint::Length(10),
                Constraint::Length(deadline_width),
                Constraint::Length(4),
                Constraint::Length(client_width),
                Constraint::Length(text_width),
                Constraint::Length(8),
            ],
        )
        .header(header)
        .row_highlight_style(t.selected)
        .block(block);
        let mut ts = TableState::new().with_selected(Some(f.selected));
        frame.render_stateful_widget(table, list, &mut ts);
    }
    let hint_text = hints(
        state,
        Screen::Followups,
        &[
            Action::Open,
            Action::Done,
            Action::Mine,
            Action::Back,
            Action::Help,
        ],
    );
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&hint_text, hint.width), t.dim)),
        hint,
    );
}
