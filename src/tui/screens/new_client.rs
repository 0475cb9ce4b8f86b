//! Registering (or changing) a client, with possible duplicates beside the fields.

use super::cut::name_with_alias;
use super::{fit, hints, input_line, safe, theme};
use crate::tui::forms::ClientField;
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let t = theme(state);
    let d = state.desk.d();
    let l = state.desk.l();
    let Some(form) = &state.client_form else {
        return;
    };
    let [title, body, message, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(ClientField::ALL.len() as u16 + 1),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(area);
    let heading = match form.editing {
        Some(n) => format!("{} {n}", d.edit_client),
        None => d.new_client.to_string(),
    };
    frame.render_widget(Paragraph::new(Line::styled(heading, t.title)), title);
    let [fields, dups] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
    let rows = Layout::vertical([Constraint::Length(1); ClientField::ALL.len() + 1]).split(fields);
    let label = |f: ClientField| match f {
        ClientField::Name => l.name,
        ClientField::Aliases => d.aliases_comma,
        ClientField::Birth => l.born,
        ClientField::Gender => d.gender_letters,
        ClientField::Country => d.country_code,
        ClientField::Languages => d.languages_codes,
        ClientField::Interpreter => l.interpreter,
        ClientField::Phone => l.phone,
        ClientField::Begeleider => l.begeleider,
    };
    for (i, f) in ClientField::ALL.iter().enumerate() {
        input_line(
            frame,
            rows[i + 1],
            label(*f),
            &form.fields[*f as usize],
            form.part == i,
            &t,
        );
    }
    let block = Block::new()
        .borders(Borders::LEFT | Borders::TOP)
        .title(Line::styled(
            d.maybe_same,
            if form.in_duplicates() {
                t.focus
            } else {
                t.title
            },
        ));
    let items: Vec<ListItem> = form
        .duplicates
        .iter()
        .map(|s| {
            // Two lines a person: the name in full width (with the spelling the search met),
            // then what tells two people apart: number, birth year, last visit.
            let name = name_with_alias(
                &safe(&s.client.name),
                s.alias.as_deref().map(safe).as_deref(),
                dups.width.saturating_sub(2) as usize,
            );
            let mut facts = vec![s.client.number.to_string()];
            facts.extend(s.client.birth.year().map(|y| y.to_string()));
            let last = s.last_visit.map(crate::dates::shown);
            let labelled = last.as_ref().map(|d| format!("{} {d}", l.last_visit));
            let with = |last: Option<String>| {
                let all: Vec<String> = facts.iter().cloned().chain(last).collect();
                format!("  {}", all.join(" · "))
            };
            // The label goes when the panel is too narrow for it; the date stays.
            let mut line = with(labelled);
            if line.width() > dups.width.saturating_sub(2) as usize {
                line = with(last);
            }
            ListItem::new(vec![Line::from(name), Line::styled(line, t.dim)])
        })
        .collect();
    let mut ls = ListState::default();
    if form.in_duplicates() {
        ls.select(Some(form.dup_selected));
    }
    // A restricted client that may match is said below the list, without who it is.
    let note_rows = if form.restricted_match { 4 } else { 0 };
    let [listed, note] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(note_rows)]).areas(dups);
    frame.render_stateful_widget(
        List::new(items).block(block).highlight_style(t.selected),
        listed,
        &mut ls,
    );
    if form.restricted_match {
        frame.render_widget(
            Paragraph::new(Line::styled(l.maybe_restricted, t.warn))
                .wrap(Wrap { trim: true })
                .block(Block::new().borders(Borders::LEFT)),
            note,
        );
    }
    let msg = if form.confirm_discard {
        Line::styled(d.confirm_discard, t.warn)
    } else if let Some(e) = &form.error {
        Line::styled(e.clone(), t.warn)
    } else if !form.duplicates.is_empty() {
        Line::from(d.dup_hint)
    } else {
        Line::from("")
    };
    frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), message);
    let hint_text = hints(
        state,
        Screen::NewClient,
        &[
            Action::NextPart,
            Action::Duplicates,
            Action::Save,
            Action::Back,
        ],
    );
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&hint_text, hint.width), t.dim)),
        hint,
    );
}
