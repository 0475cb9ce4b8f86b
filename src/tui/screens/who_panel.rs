//! The tally screen's panel of who came: gender on one line, children, adults, interpreter
//! and families with children, then the countries of origin, largest first, as many as fit.

use super::safe;
use crate::config::Lang;
use crate::labels::who::who_labels;
use crate::model::{Gender, country_name};
use crate::tally::{Tally, who::UNKNOWN};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, area: Rect, tally: &Tally, english: bool, title: Style) {
    let w = who_labels(if english { Lang::En } else { Lang::Nl });
    let who = &tally.who;
    let genders: Vec<String> = Gender::ALL
        .iter()
        .map(|g| {
            let letter = match g {
                Gender::Unknown => "?",
                g => g.short(english),
            };
            format!(
                "{letter} {}",
                who.by_gender.get(g.key()).copied().unwrap_or(0)
            )
        })
        .collect();
    let mut rows: Vec<(String, u64)> = vec![
        (w.children_short.to_string(), who.children),
        (w.adults_short.to_string(), who.adults),
        (
            w.interpreter_short.to_string(),
            who.interpreter.get("yes").copied().unwrap_or(0),
        ),
        (w.households_short.to_string(), who.households_with_children),
    ];
    let mut countries: Vec<(String, u64)> = who
        .by_country
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(code, n)| {
            let name = if code == UNKNOWN {
                w.unknown.to_string()
            } else {
                country_name(code, english)
            };
            (name, *n)
        })
        .collect();
    countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows.extend(countries);
    let width = area.width as usize;
    let label_width = width.saturating_sub(7);
    // Large counts (a year of a big office) fit with a narrower separator before any is cut.
    let gender_line = [" · ", "  ", " "]
        .iter()
        .map(|sep| genders.join(sep))
        .find(|line| line.width() <= width)
        .unwrap_or_else(|| genders.join(" "));
    let mut lines = vec![Line::from(super::fit(&gender_line, area.width))];
    lines.extend(
        rows.iter()
            .take(area.height.saturating_sub(2) as usize)
            .map(|(label, n)| {
                let label: String = safe(label).chars().take(label_width).collect();
                let pad = label_width.saturating_sub(label.width());
                Line::from(format!("{label}{} {n:>5}", " ".repeat(pad)))
            }),
    );
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Line::styled(w.panel, title));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
