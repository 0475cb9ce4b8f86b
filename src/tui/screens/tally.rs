//! The tally screen: the figures of a period, categories and referrals as horizontal bars,
//! contacts over time as a sparkline.

use super::cut::ellipsis;
use super::{fit, hints, safe, theme};
use crate::model::CatalogKind;
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline};
use std::collections::BTreeMap;
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let t = theme(state);
    let d = state.desk.d();
    let l = state.desk.l();
    let period = state.tally.period;
    let (from, to) = period.bounds();
    let [title, top, bottom, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(9),
        Constraint::Min(4),
        Constraint::Length(1),
    ])
    .areas(area);
    let heading = format!(
        "{} · {}  ({} – {})",
        d.tally_title,
        period.shown(),
        crate::dates::shown(from),
        crate::dates::shown(to)
    );
    frame.render_widget(Paragraph::new(Line::styled(heading, t.title)), title);
    let hint_text = hints(
        state,
        Screen::Tally,
        &[
            Action::PeriodDay,
            Action::PeriodWeek,
            Action::PeriodMonth,
            Action::PeriodYear,
            Action::Previous,
            Action::Next,
            Action::Export,
            Action::Back,
        ],
    );
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&hint_text, hint.width), t.dim)),
        hint,
    );
    let Some(tally) = &state.tally.tally else {
        frame.render_widget(Paragraph::new(d.loading), top);
        return;
    };

    let [figures, spark] =
        Layout::horizontal([Constraint::Length(47), Constraint::Min(10)]).areas(top);
    let lines: Vec<Line> = [
        (l.contacts, tally.visits),
        (l.anonymous_contacts, tally.anonymous_visits),
        (l.unique_clients, tally.clients),
        (l.new_clients, tally.new_clients),
        (l.followups_opened, tally.followups.opened),
        (l.followups_done, tally.followups.done),
        (l.followups_open_now, tally.followups.open_now),
        (l.followups_overdue_now, tally.followups.overdue_now),
    ]
    .iter()
    .map(|(label, n)| {
        let pad = 24usize.saturating_sub(label.width());
        Line::from(format!("{label}{} {n:>7}", " ".repeat(pad)))
    })
    .chain(std::iter::once(Line::styled(d.categories_footnote, t.dim)))
    .collect();
    frame.render_widget(Paragraph::new(lines), figures);

    // Over a month or more the contacts go per week; a shorter period shows its days.
    let (series, spark_title) = if tally.per_day.len() >= 28 {
        (tally.by_week(), d.per_week)
    } else {
        (tally.per_day.clone(), d.per_day)
    };
    // When the weeks do not all fit, the latest ones are shown.
    let room = spark.width as usize;
    let series = &series[series.len().saturating_sub(room)..];
    frame.render_widget(
        Sparkline::default()
            .block(
                Block::new()
                    .borders(Borders::TOP)
                    .title(Line::styled(spark_title, t.title)),
            )
            .data(series)
            .style(t.focus),
        spark,
    );

    let [cats, refs, who] = Layout::horizontal([
        Constraint::Percentage(38),
        Constraint::Percentage(30),
        Constraint::Percentage(32),
    ])
    .areas(bottom);
    let catalog = &state.desk.catalog;
    let english = state.desk.english();
    bars(
        frame,
        cats,
        &format!("{} *", l.per_category),
        &tally.by_category,
        |k| catalog.label(CatalogKind::Category, k, english).to_string(),
        t.title,
    );
    bars(
        frame,
        refs,
        l.per_referral,
        &tally.by_referral,
        |k| catalog.label(CatalogKind::Referral, k, english).to_string(),
        t.title,
    );
    super::who_panel::draw(frame, who, tally, english, t.title);
}

/// A breakdown as horizontal bars, largest first, as many as fit.
fn bars(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    counts: &BTreeMap<String, u64>,
    label_of: impl Fn(&str) -> String,
    title_style: Style,
) {
    let mut rows: Vec<(String, u64)> = counts.iter().map(|(k, n)| (label_of(k), *n)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let max = rows.first().map_or(1, |r| r.1.max(1));
    // The label gives way to the bar in a narrow column, down to 10 characters.
    let label_width = (area.width as usize).saturating_sub(12).clamp(10, 16);
    let bar_room = (area.width as usize).saturating_sub(label_width + 8).max(1) as u64;
    let lines: Vec<Line> = rows
        .iter()
        .take(area.height.saturating_sub(1) as usize)
        .map(|(label, n)| {
            // Cut at whole characters of the width they take, with "…" where it was cut.
            let label = ellipsis(&safe(label), label_width);
            let pad = label_width.saturating_sub(label.width());
            let bar = "█".repeat(((n * bar_room).div_ceil(max)) as usize);
            Line::from(vec![
                Span::raw(format!("{label}{} {n:>5} ", " ".repeat(pad))),
                Span::styled(bar, title_style),
            ])
        })
        .collect();
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Line::styled(title.to_string(), title_style));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
