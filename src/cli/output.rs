//! Text for a person: aligned columns, store text made safe for the terminal.

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// What a command prints on stdout.
pub enum Output {
    Text(String),
    Json(serde_json::Value),
    /// Already formatted bytes (CSV).
    Raw(String),
}

/// Store text with any control character replaced, so nothing read from the store can move
/// the cursor, change colours or retitle the terminal.
pub fn safe(text: &str) -> Cow<'_, str> {
    if text.chars().any(|c| c.is_control() && c != '\n') {
        Cow::Owned(
            text.chars()
                .map(|c| if c.is_control() && c != '\n' { '?' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// Columns aligned by display width (names in any script), two spaces apart. A cell is one
/// line: a line break in one (a stored name from before names were checked) would make a
/// row that looks like another.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let one_line = |cell: &String| -> String {
        cell.chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect()
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(one_line).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            widths[i] = widths[i].max(cell.width());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (i, cell) in cells.enumerate() {
            text.push_str(cell);
            if i + 1 < columns {
                text.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().copied());
    for row in &rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

/// "label: value" lines with the values aligned.
pub fn fields(pairs: &[(&str, String)]) -> String {
    let width = pairs.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    let mut out = String::new();
    for (label, value) in pairs {
        out.push_str(label);
        out.push(':');
        out.push_str(&" ".repeat(width - label.width() + 1));
        out.push_str(value);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_display_width() {
        let t = table(
            &["nr", "naam"],
            &[
                vec!["1001".into(), "Ali".into()],
                vec!["1002".into(), "ሰላም".into()],
            ],
        );
        assert_eq!(t, "nr    naam\n1001  Ali\n1002  ሰላም\n");
    }

    #[test]
    fn a_cell_is_one_line() {
        let t = table(&["wie"], &[vec!["els\n999  marieke  find".into()]]);
        assert_eq!(t, "wie\nels?999  marieke  find\n");
    }

    #[test]
    fn store_text_cannot_drive_the_terminal() {
        assert_eq!(safe("a\u{1b}[2Jb"), "a?[2Jb");
    }
}
