//! The client card: details, household, open follow-ups, visits newest first.

use super::cut::ellipsis;
use super::{deadline, fit, hints, input_line, safe, theme};
use crate::model::Gender;
use crate::tui::forms::{FollowupField, MiniForm, MiniKind};
use crate::tui::keymap::Action;
use crate::tui::state::{CardItem, Screen, State};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let t = theme(state);
    let d = state.desk.d();
    let l = state.desk.l();
    let Some(card) = &state.card else {
        frame.render_widget(Paragraph::new(d.loading), area);
        return;
    };
    let c = &card.data.client;
    let items = card.items();
    // Household and open follow-ups in the middle list; the visits below are selectable too.
    let listed: Vec<CardItem> = items
        .iter()
        .copied()
        .filter(|i| !matches!(i, CardItem::Visit(_)))
        .collect();
    let selected = items.get(card.selected).copied();
    let mini_rows = match &card.mini {
        Some(m) if m.kind == MiniKind::FollowUp => 6,
        Some(_) => 2,
        None => 0,
    };
    let coming = &card.data.appointments;
    let [head, planned, middle, visits, mini, hint] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(coming.len().min(2) as u16),
        Constraint::Length((listed.len() as u16 + 1).clamp(2, 8)),
        Constraint::Min(3),
        Constraint::Length(mini_rows),
        Constraint::Length(1),
    ])
    .areas(area);

    let mut details = vec![Line::from(vec![
        Span::styled(format!("{} {}", c.number, safe(&c.name)), t.title),
        Span::raw(format!(
            "  {} {}{}  {} {}",
            l.born,
            c.birth.shown(),
            match c.gender {
                Gender::Unknown => String::new(),
                g => format!(" ({})", g.short(state.desk.english())),
            },
            l.country,
            safe(c.country.as_deref().unwrap_or("-"))
        )),
        if c.interpreter {
            Span::styled(format!("  {}", l.interpreter), t.warn)
        } else {
            Span::raw("")
        },
        // Whoever has the card open sees that the client is hidden from searches and lists.
        if c.restricted {
            Span::styled(format!("  {}", state.desk.t().restricted), t.warn)
        } else {
            Span::raw("")
        },
    ])];
    details.push(Line::from(vec![
        Span::raw(format!(
            "{}: {}   {}: {}   ",
            l.languages,
            safe(&c.languages.join(", ")),
            l.phone,
            safe(c.phone.as_deref().unwrap_or("-"))
        )),
        match c.informed {
            Some(day) => Span::raw(format!("{} {}", l.informed, crate::dates::shown(day))),
            // Marked so the volunteer tells the client now what is recorded and why.
            None => Span::styled(
                format!(
                    "{} [{}]",
                    d.not_informed,
                    state
                        .desk
                        .keymap
                        .key_for(Screen::Card.mode(), Action::Notice)
                        .unwrap_or("?"),
                ),
                t.warn,
            ),
        },
    ]));
    let guide = c
        .begeleider
        .as_deref()
        .map(|b| format!("{}: {}   ", l.begeleider, safe(b)))
        .unwrap_or_default();
    let aliases = if c.aliases.is_empty() {
        "-".to_string()
    } else {
        safe(&c.aliases.join(", "))
    };
    details.push(Line::from(ellipsis(
        &format!("{guide}{}: {aliases}", l.aliases),
        head.width as usize,
    )));
    if !c.note.is_empty() {
        details.push(Line::from(ellipsis(
            &format!("{}: {}", l.note, safe(&c.note)),
            head.width as usize,
        )));
    }
    frame.render_widget(Paragraph::new(details), head);

    let a = state.desk.l().appointment;
    let appointment_lines: Vec<Line> = coming
        .iter()
        .take(2)
        .map(|ap| {
            let mut text = format!(
                "{}: {} {} {} {}",
                a.title,
                crate::dates::shown_moment(ap.at),
                a.with,
                safe(&ap.with),
                safe(&ap.about)
            );
            if let Some(p) = &ap.place {
                text.push_str(&format!(" · {}", safe(p)));
            }
            Line::styled(ellipsis(&text, planned.width as usize), t.title)
        })
        .collect();
    frame.render_widget(Paragraph::new(appointment_lines), planned);

    let today = state.today();
    let list_items: Vec<ListItem> = listed
        .iter()
        .map(|item| match item {
            CardItem::Member(n) => {
                let m = card.data.household.iter().find(|m| m.number == *n);
                let text = m
                    .map(|m| {
                        format!(
                            "{}: {} {} ({})",
                            l.household,
                            m.number,
                            safe(&m.name),
                            m.birth.year().map(|y| y.to_string()).unwrap_or_default()
                        )
                    })
                    .unwrap_or_default();
                ListItem::new(ellipsis(&text, middle.width as usize))
            }
            CardItem::Visit(_) => ListItem::new(""),
            CardItem::FollowUp(n) => {
                let f = card.data.followups.iter().find(|f| f.number == *n);
                match f {
                    Some(f) => {
                        let over = f.is_overdue(today);
                        let mut mark = String::new();
                        if let Some(guards) = deadline::mark(state, f) {
                            mark.push_str(&format!(" {guards}"));
                        }
                        if over {
                            mark.push_str(&format!(" {}!", l.overdue));
                        }
                        let text = format!(
                            "{} {}: {}",
                            crate::dates::shown(f.due),
                            f.number,
                            safe(&f.text)
                        );
                        // The deadline and overdue marks stay; the text gives way to them.
                        let room = (middle.width as usize).saturating_sub(mark.width());
                        let line = Line::from(vec![
                            Span::raw(ellipsis(&text, room)),
                            Span::styled(mark, t.warn),
                        ]);
                        ListItem::new(line)
                    }
                    None => ListItem::new(""),
                }
            }
        })
        .collect();
    let title = format!("{} · {}", l.household, l.followups);
    let block = Block::new().borders(Borders::TOP).title(title);
    if list_items.is_empty() {
        frame.render_widget(Paragraph::new(l.no_followups).block(block), middle);
    } else {
        let list = List::new(list_items)
            .block(block)
            .highlight_style(t.selected);
        let at = selected.and_then(|s| listed.iter().position(|i| *i == s));
        let mut ls = ListState::default().with_selected(at);
        frame.render_stateful_widget(list, middle, &mut ls);
    }

    let visit_lines: Vec<ListItem> = if card.data.visits.is_empty() {
        vec![ListItem::new(l.no_visits)]
    } else {
        card.data
            .visits
            .iter()
            .map(|v| {
                let mut text = format!(
                    "{} #{} {}",
                    crate::dates::shown(v.when.date()),
                    v.number,
                    super::visit_labels(state, v, true)
                );
                if !v.note.is_empty() {
                    text.push_str(&format!(" · {}", safe(&v.note)));
                }
                ListItem::new(ellipsis(&text, visits.width as usize))
            })
            .collect()
    };
    let block = Block::new().borders(Borders::TOP).title(format!(
        "{} ({})",
        l.visits,
        card.data.visits.len()
    ));
    let at = match selected {
        Some(CardItem::Visit(n)) => card.data.visits.iter().position(|v| v.number == n),
        _ => None,
    };
    let mut ls = ListState::default().with_selected(at);
    frame.render_stateful_widget(
        List::new(visit_lines)
            .block(block)
            .highlight_style(t.selected),
        visits,
        &mut ls,
    );

    match &card.mini {
        Some(m) if m.kind == MiniKind::FollowUp => followup_form(frame, mini, state, m),
        Some(m) => {
            let [a, b] = Layout::vertical([Constraint::Length(1); 2]).areas(mini);
            input_line(frame, a, d.new_alias, &m.text, true, &t);
            let msg = m.error.clone().unwrap_or_else(|| d.mini_hint.to_string());
            frame.render_widget(Paragraph::new(Line::styled(msg, t.warn)), b);
        }
        None => {}
    }
    if let Some(v) = card
        .confirm_delete
        .and_then(|n| card.data.visits.iter().find(|v| v.number == n))
    {
        let question = super::delete_question(state, Screen::Card, v);
        frame.render_widget(
            Paragraph::new(Line::styled(
                ellipsis(&question, hint.width as usize),
                t.warn,
            )),
            hint,
        );
        return;
    }
    let on_visit: &[Action] = &[
        Action::Correct,
        Action::Delete,
        Action::Visit,
        Action::Back,
        Action::Help,
    ];
    let otherwise: &[Action] = &[
        Action::Visit,
        Action::AddFollowup,
        Action::Plan,
        Action::Done,
        Action::Edit,
        Action::Alias,
        Action::Back,
        Action::Help,
    ];
    let actions = if matches!(selected, Some(CardItem::Visit(_))) {
        on_visit
    } else {
        otherwise
    };
    let hint_text = hints(state, Screen::Card, actions);
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&hint_text, hint.width), t.dim)),
        hint,
    );
}

/// The card's follow-up form: the deadline rule and the letter's date on one line, what they
/// come to below, then the text, the due date with the day it means, and the message (two
/// lines: the question about an unlikely letter date is long).
fn followup_form(frame: &mut Frame, area: Rect, state: &State, m: &MiniForm) {
    let t = theme(state);
    let d = state.desk.d();
    let l = state.desk.l();
    let [picks, resolved, text, due, message] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(area);
    let halves = Layout::horizontal([Constraint::Percentage(50); 2]);
    let [rule, letter] = halves.areas(picks);
    let focus = |f: FollowupField| m.field == f;
    frame.render_widget(
        Paragraph::new(deadline::rule_line(
            state,
            &m.deadline,
            focus(FollowupField::Rule),
            rule.width,
            &t,
        )),
        rule,
    );
    if m.deadline.rule.is_some() {
        input_line(
            frame,
            letter,
            d.letter,
            &m.deadline.letter,
            focus(FollowupField::Letter),
            &t,
        );
    }
    if let Some((date, last_day)) = deadline::resolved(state, &m.deadline, &t) {
        let [a, b] = halves.areas(resolved);
        frame.render_widget(Paragraph::new(last_day), a);
        frame.render_widget(Paragraph::new(date), b);
    }
    input_line(
        frame,
        text,
        d.new_followup,
        &m.text,
        focus(FollowupField::Text),
        &t,
    );
    let [due_line, due_day] = halves.areas(due);
    input_line(
        frame,
        due_line,
        l.due,
        &m.due,
        focus(FollowupField::Due),
        &t,
    );
    if let Some(shown) = deadline::due(state, m.due.value(), &t) {
        frame.render_widget(Paragraph::new(shown), due_day);
    }
    let key = state
        .desk
        .keymap
        .key_for(Screen::Visit.mode(), Action::Deadline)
        .unwrap_or("?");
    let msg = m
        .error
        .clone()
        .unwrap_or_else(|| d.mini_followup_hint.replace("{key}", key));
    frame.render_widget(
        Paragraph::new(Line::styled(msg, t.warn)).wrap(Wrap { trim: true }),
        message,
    );
}
