//! The privacy notice shown to a client at the desk: their language (right-to-left scripts as
//! whole lines, right-aligned), or Dutch and English side by side; one key records that the
//! client was told.

use super::cut::ellipsis;
use super::{fit, hints, theme};
use crate::notice::{Facts, LineKind, Notice};
use crate::tui::keymap::Action;
use crate::tui::state::{NoticeState, Screen, State};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let Some(notice) = &state.notice else {
        return;
    };
    let t = theme(state);
    let d = state.desk.d();
    let [title, body, print, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let who = state
        .card
        .as_ref()
        .filter(|c| c.data.client.number == notice.view.client)
        .map(|c| {
            format!(
                " · {} {}",
                c.data.client.number,
                super::safe(&c.data.client.name)
            )
        })
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(Line::styled(format!("{}{who}", d.notice_title), t.title)),
        title,
    );
    let block = Block::new().borders(Borders::TOP);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let count = notice.view.notices.len().max(1) as u32;
    let columns = Layout::horizontal(vec![Constraint::Ratio(1, count); count as usize])
        .spacing(2)
        .split(inner);
    for (notice_text, column) in notice.view.notices.iter().zip(columns.iter()) {
        column_text(frame, *column, state, notice, notice_text);
    }
    let first = notice
        .view
        .notices
        .first()
        .map_or("nl", |n| n.language.code);
    let print_hint = d.notice_print.replace("{lang}", first);
    frame.render_widget(
        Paragraph::new(Line::styled(
            ellipsis(&print_hint, print.width as usize),
            t.dim,
        )),
        print,
    );
    let hint_text = hints(
        state,
        Screen::Notice,
        &[Action::Informed, Action::Down, Action::Back],
    );
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&hint_text, hint.width), t.dim)),
        hint,
    );
}

fn column_text(frame: &mut Frame, area: Rect, state: &State, shown: &NoticeState, notice: &Notice) {
    let t = theme(state);
    let facts = Facts {
        office: &shown.view.office,
        retention_months: shown.view.retention_months,
        date: state.today(),
    };
    let lines: Vec<Line> = notice
        .lines(&facts, area.width as usize)
        .into_iter()
        .map(|l| {
            let style = match l.kind {
                LineKind::Title | LineKind::Heading => t.title,
                LineKind::Review => t.warn,
                LineKind::Body | LineKind::Blank => Style::new(),
            };
            let line = Line::styled(super::safe(&l.text), style);
            if l.rtl {
                line.alignment(Alignment::Right)
            } else {
                line
            }
        })
        .collect();
    let scroll = shown.scroll.min(lines.len().saturating_sub(1)) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
}
