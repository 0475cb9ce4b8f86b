//! The visit form: categories and referrals as filterable lists, channel, note, follow-up
//! with the legal deadline it may guard.

use super::cut::ellipsis;
use super::{deadline, fit, hints, input_line, safe, theme};
use crate::model::CatalogKind;
use crate::tui::forms::{Picker, VisitPart};
use crate::tui::keymap::Action;
use crate::tui::state::{Screen, State};
use crate::tui::update::moment;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let t = theme(state);
    let d = state.desk.d();
    let l = state.desk.l();
    let Some(form) = &state.visit else {
        return;
    };
    let [title, body, message, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(6),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(
                "{} · {} {}",
                match form.editing {
                    Some(n) => state.desk.t().correcting.replace("{n}", &n.to_string()),
                    None => d.visit_title.to_string(),
                },
                form.client,
                safe(&form.client_name)
            ),
            t.title,
        )),
        title,
    );
    let [cats, refs, right] = Layout::horizontal([
        Constraint::Percentage(34),
        Constraint::Percentage(33),
        Constraint::Percentage(33),
    ])
    .areas(body);
    picker(
        frame,
        cats,
        state,
        d.categories,
        &form.categories,
        CatalogKind::Category,
        form.part == VisitPart::Categories,
    );
    picker(
        frame,
        refs,
        state,
        d.referrals,
        &form.referrals,
        CatalogKind::Referral,
        form.part == VisitPart::Referrals,
    );

    let block = Block::new().borders(Borders::LEFT);
    let inner = block.inner(right);
    frame.render_widget(block, right);
    let [
        channel,
        when,
        when_resolved,
        note,
        _,
        fu_title,
        rule,
        letter,
        letter_resolved,
        ends,
        fu_text,
        fu_due,
        resolved,
    ] = Layout::vertical(rows(form.deadline.rule.is_some())).areas(inner);
    let focus = |p: VisitPart| form.part == p;
    let channel_style = if focus(VisitPart::Channel) {
        t.focus
    } else {
        ratatui::style::Style::new()
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{}: ", d.channel), channel_style),
            Span::raw(format!("◂ {} ▸", form.channel.key())),
        ])),
        channel,
    );
    input_line(frame, when, d.when, &form.when, focus(VisitPart::When), &t);
    if !form.when.value().trim().is_empty() {
        let shown = match moment(form.when.value(), state.now, state.desk.lang) {
            Ok((at, _)) => Line::from(format!("→ {}", crate::dates::shown_moment(at))),
            Err(_) => Line::styled(d.bad_moment, t.warn),
        };
        frame.render_widget(Paragraph::new(shown), when_resolved);
    }
    input_line(frame, note, l.note, &form.note, focus(VisitPart::Note), &t);
    frame.render_widget(Paragraph::new(Line::styled(l.followups, t.title)), fu_title);
    let pick = &form.deadline;
    frame.render_widget(
        Paragraph::new(deadline::rule_line(
            state,
            pick,
            focus(VisitPart::Deadline),
            rule.width,
            &t,
        )),
        rule,
    );
    if pick.rule.is_some() {
        input_line(
            frame,
            letter,
            d.letter,
            &pick.letter,
            focus(VisitPart::Letter),
            &t,
        );
    }
    if let Some((date, last_day)) = deadline::resolved(state, pick, &t) {
        frame.render_widget(Paragraph::new(date), letter_resolved);
        frame.render_widget(Paragraph::new(last_day), ends);
    }
    input_line(
        frame,
        fu_text,
        l.text,
        &form.fu_text,
        focus(VisitPart::FollowupText),
        &t,
    );
    input_line(
        frame,
        fu_due,
        l.due,
        &form.fu_due,
        focus(VisitPart::FollowupDue),
        &t,
    );
    if let Some(shown) = deadline::due(state, form.fu_due.value(), &t) {
        frame.render_widget(Paragraph::new(shown), resolved);
    }

    let msg = if form.confirm_discard {
        Line::styled(d.confirm_discard, t.warn)
    } else if let Some(e) = &form.error {
        Line::styled(e.clone(), t.warn)
    } else if let Some(dest) = &form.suggestion {
        let label = state
            .desk
            .catalog
            .label(CatalogKind::Referral, dest, state.desk.english());
        let key = state
            .desk
            .keymap
            .key_for(Screen::Visit.mode(), Action::AcceptSuggestion)
            .unwrap_or("?");
        Line::styled(
            d.suggestion
                .replace("{text}", &format!("{} {label}", d.ask_at))
                .replace("{key}", key),
            t.focus,
        )
    } else if form.part == VisitPart::Deadline {
        let key = state
            .desk
            .keymap
            .key_for(Screen::Visit.mode(), Action::Deadline)
            .unwrap_or("?");
        Line::styled(d.deadline_hint.replace("{key}", key), t.dim)
    } else if let Some(n) = form.keeps {
        Line::styled(
            state.desk.t().keeping.replace("{n}", &n.to_string()),
            t.title,
        )
    } else if let Some(ap) = &form.offer {
        let key = state
            .desk
            .keymap
            .key_for(Screen::Visit.mode(), Action::KeepAppointment)
            .unwrap_or("?");
        Line::styled(
            state
                .desk
                .t()
                .offer_keep
                .replace("{n}", &ap.number.to_string())
                .replace("{time}", &ap.at.format("%H:%M").to_string())
                .replace("{with}", &safe(&ap.with))
                .replace("{about}", &safe(&ap.about))
                .replace("{key}", key),
            t.focus,
        )
    } else {
        Line::from("")
    };
    frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), message);
    let hint_text = hints(
        state,
        Screen::Visit,
        &[
            Action::Toggle,
            Action::NextPart,
            Action::Save,
            Action::Back,
            Action::Deadline,
        ],
    );
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&hint_text, hint.width), t.dim)),
        hint,
    );
}

/// One line each; the letter's date and what it comes to only with a rule chosen.
fn rows(with_letter: bool) -> [Constraint; 13] {
    let letter = Constraint::Length(u16::from(with_letter));
    let mut rows = [Constraint::Length(1); 13];
    rows[7..10].fill(letter);
    rows
}

fn picker(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    title: &str,
    p: &Picker,
    kind: CatalogKind,
    focused: bool,
) {
    let t = &theme(state);
    let english = state.desk.english();
    let title_style = if focused { t.focus } else { t.title };
    let chosen = p.chosen.len();
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Line::styled(format!("{title} ({chosen})"), title_style));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [filter, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    input_line(frame, filter, "/", &p.filter, focused, t);
    let visible = p.visible(&state.desk.catalog, kind, english);
    let items: Vec<ListItem> = visible
        .iter()
        .map(|e| {
            let mark = if p.chosen.contains(&e.key) {
                "[x]"
            } else {
                "[ ]"
            };
            let label = if english { &e.en } else { &e.nl };
            let room = (list.width as usize).saturating_sub(mark.len() + 1);
            ListItem::new(format!("{mark} {}", ellipsis(&safe(label), room)))
        })
        .collect();
    let mut ls = ListState::default();
    if focused && !visible.is_empty() {
        ls.select(Some(p.cursor.min(visible.len() - 1)));
    }
    frame.render_stateful_widget(List::new(items).highlight_style(t.selected), list, &mut ls);
}
