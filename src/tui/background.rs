//! Asking the terminal for its background colour, so `auto` can pick the light or the dark
//! theme: OSC 11 (`ESC ] 11 ; ?`), followed by a DA1 query (`ESC [ c`) that every terminal
//! answers. The DA1 answer marks the end: a terminal that answers it without OSC 11 does not
//! support the question, and nothing of its answer is left over to be read as typed keys.
//! `COLORFGBG` (set by rxvt, Konsole and others) is the fallback.

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use std::io::{IsTerminal, Write};
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    Light,
    Dark,
}

/// OSC 11 asking for the background colour, then DA1.
pub const QUERY: &[u8] = b"\x1b]11;?\x07\x1b[c";

/// The longest the desk's start waits for the terminal.
pub const BUDGET: Duration = Duration::from_millis(50);

/// More than any answer to the query takes; past it the bytes are not an answer.
const MAX_ANSWER: usize = 1024;

/// What the terminal has answered so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Answer {
    /// From the OSC 11 reply, when one came and could be read.
    pub background: Option<Background>,
    /// The DA1 answer came: nothing more will.
    pub done: bool,
}

/// Reads what the terminal sent: `ESC ] 11 ; rgb:R/G/B` ended by BEL or `ESC \`, and the DA1
/// answer `ESC [ ? … c`. Anything else (a key typed meanwhile, a garbled reply) is passed over.
pub fn scan(bytes: &[u8]) -> Answer {
    let mut answer = Answer::default();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if let Some(body) = rest.strip_prefix(b"\x1b]11;") {
            if let Some((payload, len)) = osc_payload(body) {
                answer.background = answer.background.or(parse_rgb(payload).map(from_rgb));
                i += 5 + len;
                continue;
            }
        } else if let Some(body) = rest.strip_prefix(b"\x1b[?")
            && let Some(end) = body
                .iter()
                .position(|b| !(b.is_ascii_digit() || *b == b';'))
            && body[end] == b'c'
        {
            answer.done = true;
            return answer;
        }
        i += 1;
    }
    answer
}

/// The payload of an OSC string and the bytes it took with its terminator (BEL or ST), once
/// the terminator has come.
fn osc_payload(body: &[u8]) -> Option<(&[u8], usize)> {
    let end = body.iter().position(|b| *b == 0x07 || *b == 0x1b)?;
    match body[end] {
        0x07 => Some((&body[..end], end + 1)),
        _ if body.get(end + 1) == Some(&b'\\') => Some((&body[..end], end + 2)),
        _ => None,
    }
}

/// `rgb:RRRR/GGGG/BBBB` with 1 to 4 hex digits a channel, as fractions of full intensity.
pub fn parse_rgb(payload: &[u8]) -> Option<[f64; 3]> {
    let text = std::str::from_utf8(payload).ok()?;
    let mut channels = text.strip_prefix("rgb:")?.split('/');
    let mut out = [0.0; 3];
    for slot in &mut out {
        let digits = channels.next()?;
        if digits.is_empty() || digits.len() > 4 {
            return None;
        }
        let value = u32::from_str_radix(digits, 16).ok()?;
        let full = (1u32 << (4 * digits.len())) - 1;
        *slot = f64::from(value) / f64::from(full);
    }
    channels.next().is_none().then_some(out)
}

/// WCAG 2.x relative luminance of an sRGB colour given as fractions.
pub fn luminance(rgb: [f64; 3]) -> f64 {
    let linear = |c: f64| {
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

/// WCAG 2.x contrast ratio of two luminances, 1 to 21.
pub fn contrast(a: f64, b: f64) -> f64 {
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// Light when black text has more contrast on it than white text.
pub fn from_rgb(rgb: [f64; 3]) -> Background {
    let l = luminance(rgb);
    if contrast(l, 0.0) > contrast(l, 1.0) {
        Background::Light
    } else {
        Background::Dark
    }
}

/// `COLORFGBG` as `fg;bg` (or `fg;default;bg`): the last field is the background's colour
/// index; 0–6 and 8 are dark, 7 and 9–15 light.
pub fn from_colorfgbg(value: &str) -> Option<Background> {
    match value.rsplit(';').next()?.trim().parse::<u8>().ok()? {
        0..=6 | 8 => Some(Background::Dark),
        7 | 9..=15 => Some(Background::Light),
        _ => None,
    }
}

/// Nothing asked, so nothing more to come.
const UNASKED: Answer = Answer {
    background: None,
    done: true,
};

/// Asks the terminal on stdin/stdout, which must be in raw mode and not yet read by anyone
/// else. No background when either is not a terminal, or the terminal does not support the
/// question or does not answer within `BUDGET` (then `done` is false: the answer may come
/// later, see `late_answer`).
pub fn ask_terminal() -> Answer {
    let (stdin, stdout) = (std::io::stdin(), std::io::stdout());
    if !stdin.is_terminal() || !stdout.is_terminal() {
        return UNASKED;
    }
    ask(stdin.as_fd(), &mut stdout.lock(), BUDGET)
}

/// Sends the query to `output` and reads `input` until the DA1 answer or until `budget` has
/// passed, whichever comes first.
pub fn ask(input: impl AsFd, output: &mut impl Write, budget: Duration) -> Answer {
    let started = Instant::now();
    if output
        .write_all(QUERY)
        .and_then(|()| output.flush())
        .is_err()
    {
        return UNASKED;
    }
    let mut seen = Vec::new();
    let mut buf = [0u8; 256];
    while seen.len() < MAX_ANSWER {
        let left = budget.saturating_sub(started.elapsed());
        let Ok(timeout) = Timespec::try_from(left) else {
            break;
        };
        if left.is_zero() {
            break;
        }
        let mut fds = [PollFd::new(&input, PollFlags::IN)];
        match poll(&mut fds, Some(&timeout)) {
            Ok(0) => break,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => break,
        }
        match rustix::io::read(&input, &mut buf) {
            Ok(0) => break,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
            Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => continue,
            Err(_) => break,
        }
        let answer = scan(&seen);
        if answer.done {
            return answer;
        }
    }
    scan(&seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_reply_ended_by_bel_or_st() {
        let white = scan(b"\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[?62;22c");
        assert_eq!(white.background, Some(Background::Light));
        assert!(white.done);
        let black = scan(b"\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?1;2c");
        assert_eq!(black.background, Some(Background::Dark));
        assert!(black.done);
    }

    #[test]
    fn reads_two_and_four_digit_channels() {
        assert_eq!(parse_rgb(b"rgb:ff/80/00"), Some([1.0, 128.0 / 255.0, 0.0]));
        assert_eq!(parse_rgb(b"rgb:ffff/0000/8000").map(|c| c[0]), Some(1.0));
        assert_eq!(parse_rgb(b"rgb:f/0/0").map(|c| c[0]), Some(1.0));
        // Solarized light's base3 and a common dark background.
        assert_eq!(
            scan(b"\x1b]11;rgb:fdfd/f6f6/e3e3\x07").background,
            Some(Background::Light)
        );
        assert_eq!(
            scan(b"\x1b]11;rgb:28/28/28\x1b\\").background,
            Some(Background::Dark)
        );
    }

    #[test]
    fn garbage_is_no_answer() {
        for bad in [
            &b"rgb:ffff/ffff"[..],
            b"rgb:fffff/0/0",
            b"rgb:gg/00/00",
            b"rgb://",
            b"rgb:ff/ff/ff/ff",
            b"cmy:ff/ff/ff",
            b"rgb:\xff/0/0",
        ] {
            assert_eq!(parse_rgb(bad), None, "{bad:?}");
        }
        let typed = scan(b"hallo\x1b]11;rgb:zz/zz/zz\x07\x1b[A\x1b[?x");
        assert_eq!(typed, Answer::default());
        // Not ended yet: wait for more.
        assert_eq!(scan(b"\x1b]11;rgb:ffff/ffff/ffff"), Answer::default());
        assert_eq!(scan(b"\x1b]11;rgb:ffff/ffff/ffff\x1b"), Answer::default());
        assert_eq!(scan(b"\x1b[?62;22"), Answer::default());
    }

    #[test]
    fn da1_alone_means_the_terminal_does_not_say() {
        let answer = scan(b"\x1b[?62;c");
        assert_eq!(answer.background, None);
        assert!(answer.done);
        assert!(scan(b"\x1b[?6c").done);
    }

    #[test]
    fn colorfgbg_names_the_background_last() {
        assert_eq!(from_colorfgbg("15;0"), Some(Background::Dark));
        assert_eq!(from_colorfgbg("0;15"), Some(Background::Light));
        assert_eq!(from_colorfgbg("0;default;7"), Some(Background::Light));
        assert_eq!(from_colorfgbg("7;8"), Some(Background::Dark));
        assert_eq!(from_colorfgbg("15;default"), None);
        assert_eq!(from_colorfgbg("0;200"), None);
        assert_eq!(from_colorfgbg(""), None);
    }

    #[test]
    fn asks_and_reads_until_da1_through_a_pipe() {
        let (reader, mut writer) = std::io::pipe().expect("a pipe");
        writer
            .write_all(b"\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[?62;c")
            .expect("written");
        let mut sent = Vec::new();
        let got = ask(&reader, &mut sent, Duration::from_secs(5));
        assert_eq!(
            got,
            Answer {
                background: Some(Background::Light),
                done: true
            }
        );
        assert_eq!(sent, QUERY);
    }

    #[test]
    fn a_silent_terminal_is_no_answer() {
        let (reader, _writer) = std::io::pipe().expect("a pipe");
        let got = ask(&reader, &mut Vec::new(), Duration::from_millis(1));
        assert_eq!(got, Answer::default(), "no colour, and it may still come");
    }
}
