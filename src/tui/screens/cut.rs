//! Text cut to a width in terminal columns: at whole characters (a letter with its vowel
//! marks, a double-width character), with an ellipsis where something was left out, so a
//! volunteer always sees that a name or label goes on.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const ELLIPSIS: &str = "…";

/// `text` as it fits in `width` columns: whole, or cut with "…" at its end.
pub fn ellipsis(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w + ELLIPSIS.width() > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    // A cut right after a space reads as a finished word; the mark belongs on the word.
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push_str(ELLIPSIS);
    out
}

/// A name with the other spelling the search met beside it, "محمد الحسن (Mohammed Alhassan)",
/// in `width` columns. The name gives way first: the alias is the spelling the volunteer typed
/// and can read, so it stays whole while there is room for a little of the name.
pub fn name_with_alias(name: &str, alias: Option<&str>, width: usize) -> String {
    let Some(alias) = alias else {
        return ellipsis(name, width);
    };
    let whole = format!("{name} ({alias})");
    if whole.width() <= width {
        return whole;
    }
    let suffix = format!(" ({alias})");
    let room = width.saturating_sub(suffix.width());
    if room >= 2 {
        format!("{}{suffix}", ellipsis(name, room))
    } else {
        ellipsis(&whole, width)
    }
}

/// What a one-line text field shows in `width` columns, and the column of its cursor
/// (`cursor` counts characters, as the input does). Text that fits is shown whole. Longer text
/// keeps its start in view, so the volunteer still sees what the field says: cut with "…"
/// while the cursor is in that start, else the start, "…", and the text up to the cursor.
pub fn field_view(text: &str, cursor: usize, width: usize) -> (String, usize) {
    let byte_at = text
        .char_indices()
        .nth(cursor)
        .map_or(text.len(), |(i, _)| i);
    let (before, after) = text.split_at(byte_at);
    // One column stays free for the cursor standing after the last character.
    if text.width() < width {
        return (text.to_string(), before.width());
    }
    if before.width() + 2 <= width {
        return (ellipsis(text, width), before.width());
    }
    if width < 8 {
        // No room for a start worth reading: the text just before the cursor.
        let tail = take_back(before, width.saturating_sub(1));
        return (tail.clone(), tail.width());
    }
    let head_room = width / 3;
    let head = take_front(text, head_room);
    let tail_room = width.saturating_sub(head.width() + ELLIPSIS.width() + 1);
    let tail = take_back(before, tail_room);
    let cursor_col = head.width() + ELLIPSIS.width() + tail.width();
    let rest = take_front(after, width.saturating_sub(cursor_col + 1));
    (format!("{head}{ELLIPSIS}{tail}{rest}"), cursor_col)
}

/// The longest start of `text` that fits in `room` columns, at whole characters.
fn take_front(text: &str, room: usize) -> String {
    let mut out = String::new();
    for g in text.graphemes(true) {
        if out.width() + g.width() > room {
            break;
        }
        out.push_str(g);
    }
    out
}

/// The longest end of `text` that fits in `room` columns, at whole characters.
fn take_back(text: &str, room: usize) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 0;
    for g in text.graphemes(true).rev() {
        if used + g.width() > room {
            break;
        }
        used += g.width();
        kept.push(g);
    }
    kept.into_iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_keeps_its_start_and_its_cursor_in_view() {
        assert_eq!(field_view("navragen", 8, 20), ("navragen".into(), 8));
        let text = "navragen bij Kwadraad over de huurtoeslag";
        // Typing at the end: the start, a mark, and what was just typed.
        let (shown, col) = field_view(text, text.chars().count(), 18);
        assert_eq!(shown, "navrag…uurtoeslag");
        assert_eq!(col, 17);
        assert!(shown.width() < 18);
        // The cursor back at the start: the start in full, cut with a mark.
        let (shown, col) = field_view(text, 3, 18);
        assert_eq!((shown.as_str(), col), ("navragen bij Kwad…", 3));
        // Past the start: the text up to the cursor, after the start and a mark.
        let (shown, col) = field_view(text, 17, 18);
        assert_eq!((shown.as_str(), col), ("navrag…n bij Kwad", 17));
        for width in 1..30 {
            for cursor in 0..=text.chars().count() {
                let (shown, col) = field_view(text, cursor, width);
                assert!(shown.width() <= width, "{width} {cursor}: {shown}");
                assert!(col < width.max(1), "{width} {cursor}: {col}");
            }
        }
    }

    #[test]
    fn short_text_stays_whole_and_long_text_gets_a_mark() {
        assert_eq!(ellipsis("Wonen", 10), "Wonen");
        assert_eq!(ellipsis("Bijzondere bijstand", 10), "Bijzonder…");
        assert_eq!(ellipsis("Bijzondere bijstand", 12), "Bijzondere…");
        assert_eq!(ellipsis("abc", 0), "");
        for width in 0..25 {
            assert!(ellipsis("Bijzondere bijstand", width).width() <= width);
        }
    }

    #[test]
    fn never_breaks_a_character() {
        // Arabic with vowel marks: each mark stays with its letter.
        let voweled = "مُحَمَّد الحَسَن";
        for width in 1..12 {
            let cut = ellipsis(voweled, width);
            assert!(cut.width() <= width, "{cut}");
            let kept = cut.trim_end_matches(ELLIPSIS);
            assert!(voweled.starts_with(kept));
            let next = voweled[kept.len()..].chars().next();
            assert!(
                next.is_none_or(|c| !('\u{064B}'..='\u{0652}').contains(&c)),
                "{cut}"
            );
        }
        // Double-width characters are never halved.
        assert_eq!(ellipsis("王小明王小明", 6), "王小…");
        assert_eq!(ellipsis("王小明王小明", 5), "王小…");
    }

    #[test]
    fn the_alias_stays_readable_and_the_name_gives_way() {
        let name = "محمد الحسن";
        assert_eq!(
            name_with_alias(name, Some("Mohammed Alhassan"), 40),
            "محمد الحسن (Mohammed Alhassan)"
        );
        assert_eq!(
            name_with_alias(name, Some("Mohammed Alhassan"), 25),
            "محمد… (Mohammed Alhassan)"
        );
        let tight = name_with_alias(name, Some("Mohammed Alhassan"), 12);
        assert!(tight.width() <= 12 && tight.ends_with(ELLIPSIS), "{tight}");
        assert_eq!(name_with_alias("Hassan Omar", None, 8), "Hassan…");
        let geez = name_with_alias("ዮሃንስ ገብረ", Some("Yohannes Gebre"), 20);
        assert!(
            geez.ends_with("(Yohannes Gebre)") && geez.width() <= 20,
            "{geez}"
        );
    }
}
