//! Checks on free text before it is stored: no control characters, sane lengths, no BSN.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum InputError {
    #[error("the {field} is empty: type at least one letter")]
    Empty { field: &'static str },
    #[error("the {field} is {len} characters long; keep it under {max}")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error(
        "the {field} contains a number that looks like a BSN (citizen service number); the office may not store it, so leave it out"
    )]
    Bsn { field: &'static str },
}

/// One line of text (a name, an alias, a referral note): control characters and escape
/// sequences removed, runs of white space made one space, trimmed.
pub fn clean_line(text: &str, field: &'static str, max: usize) -> Result<String, InputError> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            skip_escape(&mut chars);
            continue;
        }
        if c.is_whitespace() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else if !c.is_control() && !is_invisible_format(c) {
            out.push(c);
        }
    }
    let out = out.trim_end().to_string();
    let len = out.chars().count();
    if len > max {
        return Err(InputError::TooLong { field, len, max });
    }
    if contains_bsn(&out) {
        return Err(InputError::Bsn { field });
    }
    Ok(out)
}

/// Free text over several lines (a note): like `clean_line`, but keeps line breaks.
pub fn clean_note(text: &str, field: &'static str, max: usize) -> Result<String, InputError> {
    let lines: Result<Vec<String>, InputError> =
        text.lines().map(|l| clean_line(l, field, max)).collect();
    let joined = lines?.join("\n").trim().to_string();
    let len = joined.chars().count();
    if len > max {
        return Err(InputError::TooLong { field, len, max });
    }
    if contains_bsn(&joined.replace('\n', " ")) {
        return Err(InputError::Bsn { field });
    }
    Ok(joined)
}

/// Skips the rest of an ANSI escape sequence (CSI `ESC [ ... final`, OSC `ESC ] ... BEL/ST`,
/// or a two-character escape).
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => {
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        Some(']') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    chars.next();
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Bidirectional overrides and marks, which change how the rest of the line is drawn, and
/// invisible characters a paste brings along (zero-width space, byte-order mark, word joiner
/// and the rest of U+2060–U+206F, soft hyphen, combining grapheme joiner, Mongolian vowel
/// separator), which make a name differ from the same name typed: none has a place in a name
/// or a note. The zero-width (non-)joiners U+200C/U+200D stay: Persian and Arabic script
/// names need them.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{061c}'
            | '\u{180e}'
            | '\u{200b}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{feff}'
    )
}

/// True when the text holds a run of exactly nine digits (spaces, dots and dashes between
/// them allowed) that passes the elfproef, the check every BSN passes.
pub fn contains_bsn(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // Collect one number, allowing single separators between digit groups.
        let mut digits = Vec::new();
        let mut j = i;
        while j < chars.len() {
            let c = chars[j];
            if c.is_ascii_digit() {
                digits.push(c as u8 - b'0');
                j += 1;
            } else if matches!(c, ' ' | '.' | '-')
                && j + 1 < chars.len()
                && chars[j + 1].is_ascii_digit()
                && !digits.is_empty()
            {
                j += 1;
            } else {
                break;
            }
        }
        if digits.len() == 9 && elfproef(&digits) {
            return true;
        }
        // A plain nine-digit run inside a longer number is not a BSN, but a longer run made of
        // separated groups might hold one (e.g. "tel 0612345678, bsn 123.456.782").
        i = j.max(i + 1);
    }
    false
}

fn elfproef(d: &[u8]) -> bool {
    let sum: i32 = d[..8]
        .iter()
        .enumerate()
        .map(|(k, &x)| (9 - k as i32) * x as i32)
        .sum::<i32>()
        - d[8] as i32;
    sum % 11 == 0 && d.iter().any(|&x| x != 0)
}

/// The digits of a phone number in any formatting, with a leading +31 or 0031 made 0, so
/// "+31 6 1234 5678" and "06-12345678" compare equal.
pub fn phone_digits(text: &str) -> String {
    let t = text.trim();
    let plus = t.starts_with('+');
    let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
    if let Some(rest) = digits.strip_prefix("0031") {
        format!("0{rest}")
    } else if plus && digits.starts_with("31") {
        format!("0{}", &digits[2..])
    } else if plus {
        format!("00{digits}")
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_control_and_escape_sequences() {
        let dirty = "Ali\u{1b}[31m Hassan\u{7}\t\u{1b}]0;title\u{7}x\u{202e}";
        assert_eq!(clean_line(dirty, "name", 100).unwrap(), "Ali Hassan x");
    }

    #[test]
    fn removes_zero_width_and_invisible_format_characters() {
        let invisible = [
            '\u{200b}', '\u{feff}', '\u{2060}', '\u{2064}', '\u{206a}', '\u{206f}', '\u{00ad}',
            '\u{034f}', '\u{061c}', '\u{180e}',
        ];
        for c in invisible {
            let pasted = format!("{c}Ami{c}na Yusuf{c}");
            assert_eq!(
                clean_line(&pasted, "name", 100).unwrap(),
                "Amina Yusuf",
                "{c:?}"
            );
            let note = format!("brief{c}\nDUO{c}");
            assert_eq!(
                clean_note(&note, "note", 100).unwrap(),
                "brief\nDUO",
                "{c:?}"
            );
        }
        // The joiners shape Persian and Arabic script: they stay.
        assert_eq!(
            clean_line("\u{645}\u{200c}\u{6cc}", "name", 100).unwrap(),
            "\u{645}\u{200c}\u{6cc}"
        );
    }

    #[test]
    fn refuses_too_long() {
        let long = "a".repeat(201);
        assert!(matches!(
            clean_line(&long, "name", 200),
            Err(InputError::TooLong { .. })
        ));
    }

    #[test]
    fn finds_a_bsn_by_the_elfproef() {
        // 111222333: 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66, divisible by 11
        assert!(contains_bsn("bsn 111222333 gezien"));
        assert!(contains_bsn("bsn 111.222.333"));
        assert!(contains_bsn("111 22 2333"));
        assert!(!contains_bsn("111222334"));
        assert!(!contains_bsn("tel 0612345678"));
        assert!(!contains_bsn("1112223330"));
        assert!(matches!(
            clean_note("zie 111222333", "note", 500),
            Err(InputError::Bsn { .. })
        ));
    }

    #[test]
    fn phone_numbers_in_any_formatting_compare_equal() {
        assert_eq!(phone_digits("+31 6 1234 5678"), "0612345678");
        assert_eq!(phone_digits("0031-6-12345678"), "0612345678");
        assert_eq!(phone_digits("06 12 34 56 78"), "0612345678");
        assert_eq!(phone_digits("+49 170 1234"), "00491701234");
    }
}
