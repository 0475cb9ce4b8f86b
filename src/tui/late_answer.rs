//! The terminal's answer to the background question when it comes after start-up stopped
//! waiting (a slow SSH link): kept from being read as typed keys, and used after all.
//! crossterm reads `ESC ] 11 ; rgb:R/G/B` as Alt-], the characters, then Ctrl-G (BEL) or Alt-\
//! (ST); the DA1 answer that follows it crossterm keeps to itself.

use super::background::{self, Background};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const PREFIX: &str = "11;rgb:";
/// The longest colour part: `ffff/ffff/ffff`.
const MAX_COLOUR: usize = 14;

/// What becomes of one key event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Passed {
    /// Keys to handle as typed: none while they may still be the answer, all held ones once
    /// they turn out not to be.
    Keys(Vec<KeyEvent>),
    /// The answer ended here; its colour, when it could be read.
    Answer(Option<Background>),
}

pub struct LateAnswer {
    /// Only while an answer may still come: start-up asked and did not see it end.
    armed: bool,
    held: Vec<KeyEvent>,
}

impl LateAnswer {
    pub fn new(armed: bool) -> LateAnswer {
        LateAnswer {
            armed,
            held: Vec::new(),
        }
    }

    pub fn pass(&mut self, key: KeyEvent) -> Passed {
        if !self.armed {
            return Passed::Keys(vec![key]);
        }
        let typed = self.held.len().saturating_sub(1);
        let char_of = |k: &KeyEvent, modifiers: KeyModifiers| match k.code {
            KeyCode::Char(c) if k.modifiers == modifiers => Some(c),
            _ => None,
        };
        let fits = match self.held.len() {
            0 => char_of(&key, KeyModifiers::ALT) == Some(']'),
            _ if typed < PREFIX.len() => {
                char_of(&key, KeyModifiers::NONE) == PREFIX[typed..].chars().next()
            }
            _ => {
                if char_of(&key, KeyModifiers::CONTROL) == Some('g')
                    || char_of(&key, KeyModifiers::ALT) == Some('\\')
                {
                    return self.end();
                }
                // crossterm marks an upper-case hex digit with Shift.
                let c = char_of(&key, KeyModifiers::NONE)
                    .or_else(|| char_of(&key, KeyModifiers::SHIFT));
                typed < PREFIX.len() + MAX_COLOUR
                    && c.is_some_and(|c| c.is_ascii_hexdigit() || c == '/')
            }
        };
        if fits {
            self.held.push(key);
            Passed::Keys(Vec::new())
        } else {
            let mut keys = std::mem::take(&mut self.held);
            keys.push(key);
            Passed::Keys(keys)
        }
    }

    /// The whole answer came: read its colour, and stop looking for another.
    fn end(&mut self) -> Passed {
        let text: String = self
            .held
            .iter()
            .skip(1)
            .filter_map(|k| match k.code {
                KeyCode::Char(c) => Some(c),
                _ => None,
            })
            .collect();
        self.held.clear();
        self.armed = false;
        let colour = text
            .strip_prefix("11;")
            .and_then(|t| background::parse_rgb(t.as_bytes()));
        Passed::Answer(colour.map(background::from_rgb))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<KeyEvent> {
        text.chars()
            .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
            .collect()
    }

    fn alt(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
    }

    /// What passes for a series of key events: the keys handled, and the answers seen.
    fn run(
        late: &mut LateAnswer,
        events: Vec<KeyEvent>,
    ) -> (Vec<KeyEvent>, Vec<Option<Background>>) {
        let (mut typed, mut answers) = (Vec::new(), Vec::new());
        for e in events {
            match late.pass(e) {
                Passed::Keys(k) => typed.extend(k),
                Passed::Answer(a) => answers.push(a),
            }
        }
        (typed, answers)
    }

    #[test]
    fn a_late_answer_is_no_keys_and_gives_its_colour() {
        let mut late = LateAnswer::new(true);
        let mut events = vec![alt(']')];
        events.extend(keys("11;rgb:ffff/ffff/ffff"));
        events.push(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL));
        events.extend(keys("ali"));
        let (typed, answers) = run(&mut late, events);
        assert_eq!(typed, keys("ali"));
        assert_eq!(answers, vec![Some(Background::Light)]);
        // Ended by ST, in two-digit channels.
        let mut late = LateAnswer::new(true);
        let mut events = vec![alt(']')];
        events.extend(keys("11;rgb:00/00/0"));
        events.push(KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT));
        events.push(alt('\\'));
        assert_eq!(
            run(&mut late, events),
            (vec![], vec![Some(Background::Dark)])
        );
    }

    #[test]
    fn keys_that_only_begin_like_an_answer_are_passed_on_in_order() {
        let mut late = LateAnswer::new(true);
        let mut events = vec![alt(']')];
        events.extend(keys("11;x"));
        let (typed, answers) = run(&mut late, events.clone());
        assert_eq!(typed, events);
        assert!(answers.is_empty());
        let mut events = vec![alt(']')];
        events.extend(keys("11;rgb:ffff/ffff/ffff/ffff"));
        let (typed, _) = run(&mut LateAnswer::new(true), events.clone());
        assert_eq!(typed, events, "longer than any colour");
    }

    #[test]
    fn unarmed_or_after_one_answer_every_key_is_a_key() {
        let mut events = vec![alt(']')];
        events.extend(keys("11;rgb:ff/ff/ff"));
        events.push(alt('\\'));
        let (typed, _) = run(&mut LateAnswer::new(false), events.clone());
        assert_eq!(typed, events);
        let mut late = LateAnswer::new(true);
        run(&mut late, events.clone());
        assert_eq!(run(&mut late, events.clone()).0, events);
    }
}
