//! The notice screen's keys: scroll through the privacy notice the client is shown, then record
//! with one key that they were told; back to the card without recording.

use super::{Effect, PAGE};
use crate::tui::keymap::Action;
use crate::tui::state::{NoticeState, NoticeView, Screen, State};

/// The card's key: the loop loads the notice in the client's language.
pub(super) fn open(state: &mut State) -> Vec<Effect> {
    match &state.card {
        Some(card) => vec![Effect::LoadNotice {
            client: card.data.client.number,
            languages: card.data.client.languages.clone(),
        }],
        None => Vec::new(),
    }
}

pub(super) fn notice_loaded(state: &mut State, view: NoticeView) -> Vec<Effect> {
    // Only while the card it was asked for is still the one open.
    if state.screen == Screen::Card && state.card_client == Some(view.client) {
        state.notice = Some(NoticeState { view, scroll: 0 });
        state.screen = Screen::Notice;
    }
    Vec::new()
}

pub(super) fn notice_key(state: &mut State, action: Option<Action>) -> Vec<Effect> {
    let Some(notice) = &mut state.notice else {
        state.screen = Screen::Card;
        return Vec::new();
    };
    match action {
        Some(Action::Up) => notice.scroll = notice.scroll.saturating_sub(1),
        Some(Action::Down) => notice.scroll += 1,
        Some(Action::PageUp) => notice.scroll = notice.scroll.saturating_sub(PAGE),
        Some(Action::PageDown) => notice.scroll += PAGE,
        Some(Action::Informed) => {
            let client = notice.view.client;
            state.notice = None;
            state.screen = Screen::Card;
            return vec![Effect::MarkInformed(client)];
        }
        Some(Action::Back) => {
            state.notice = None;
            state.screen = Screen::Card;
        }
        _ => {}
    }
    Vec::new()
}
