//! The home screen: the query line and the ranked clients.

use super::cut::name_with_alias;
use super::{fit, hints, input_line, safe, theme};
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, TableState, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let t = theme(state);
    let d = state.desk.d();
    let l = state.desk.l();
    let [query, list, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    input_line(frame, query, d.search, &state.search.query, true, &t);
    let block = Block::new().borders(Borders::TOP).title(d.clients_title);
    let s = &state.search;
    if state.status.clients == 0 && s.results.is_empty() {
        let text = d.empty_store.replace(
            "{new}",
            state
                .desk
                .keymap
                .key_for(Screen::Search.mode(), Action::NewClient)
                .unwrap_or("?"),
        );
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: false }).block(block),
            list,
        );
    } else if s.results.is_empty() {
        let text = if s.query.value().trim().is_empty() {
            d.type_to_search
        } else {
            l.no_results
        };
        frame.render_widget(Paragraph::new(text).block(block), list);
    } else {
        let header = Row::new([
            l.number,
            l.name,
            l.born,
            l.country,
            l.last_visit,
            l.open_followups,
            d.interpreter_short,
        ])
        .style(t.title);
        // Number, born, country, last visit, follow-ups, interpreter; the name takes the rest.
        const OTHERS: [u16; 6] = [5, 7, 4, 14, 4, 4];
        let spacing = OTHERS.len() as u16;
        let name_width = list
            .width
            .saturating_sub(OTHERS.iter().sum::<u16>() + spacing)
            .max(12);
        let rows = s.results.iter().map(|r| {
            let mut cells = r.row(crate::dates::SHOWN_DATE).map(|c| safe(&c));
            cells[1] = name_with_alias(
                &safe(&r.client.name),
                r.alias.as_deref().map(safe).as_deref(),
                name_width as usize,
            );
            Row::new(cells)
        });
        let [number, born, country, last, followups, interpreter] = OTHERS.map(Constraint::Length);
        let table = Table::new(
            rows,
            [
                number,
                Constraint::Length(name_width),
                born,
                country,
                last,
                followups,
                interpreter,
            ],
        )
        .header(header)
        .row_highlight_style(t.selected)
        .block(block);
        let mut ts = TableState::new().with_selected(Some(s.selected));
        frame.render_stateful_widget(table, list, &mut ts);
    }
    let hint_text = hints(
        state,
        Screen::Search,
        &[
            Action::Open,
            Action::Clear,
            Action::NewClient,
            Action::Followups,
            Action::Help,
            Action::Quit,
        ],
    );
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&hint_text, hint.width), t.dim)),
        hint,
    );
}
