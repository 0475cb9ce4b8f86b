//! Every binding of the active keymap for the screen help was opened from, and the global
//! ones, with their descriptions: generated, never written by hand.

use super::theme;
use crate::tui::keymap::Mode;
use crate::tui::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let t = theme(state);
    let d = state.desk.d();
    let mut lines = Vec::new();
    for mode in [state.help_from.mode(), Mode::Global] {
        lines.push(Line::styled(d.mode_title(mode), t.title));
        for b in state.desk.keymap.bindings.iter().filter(|b| b.mode == mode) {
            let desc = b.desc.as_deref().unwrap_or(d.action(b.action));
            lines.push(Line::from(format!("  {:<12} {desc}", b.on)));
        }
        lines.push(Line::from(""));
    }
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Line::styled(d.help_title, t.title));
    let scroll = state.help_scroll.min(lines.len().saturating_sub(1)) as u16;
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
