//! How one figure is written into a sheet: a number as a number, a difference with its sign,
//! and a count that a report shows as a text (hidden as "<5" or "x", a range "12-16") as
//! that text, so the hidden number is nowhere in the file.

use crate::tally::report::{Report, is_difference};
use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

/// The few looks a workbook uses.
pub struct Formats {
    pub heading: Format,
    /// A period's heading, right-aligned above its numbers.
    pub column_heading: Format,
    pub title: Format,
    /// A text column after the numbers (the key, the report group), kept off them.
    pub after_numbers: Format,
    /// Its heading.
    pub after_numbers_heading: Format,
    note: Format,
    difference: Format,
    shown_as: Format,
}

impl Formats {
    pub fn new() -> Formats {
        Formats {
            heading: Format::new().set_bold(),
            column_heading: Format::new().set_bold().set_align(FormatAlign::Right),
            title: Format::new().set_bold().set_font_size(14),
            after_numbers: Format::new().set_indent(1),
            after_numbers_heading: Format::new().set_bold().set_indent(1),
            note: Format::new()
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            // A difference keeps its sign, as in the table, and stays a number.
            difference: Format::new().set_num_format("+0;-0;0"),
            // A text where a number stands lines up with the numbers around it.
            shown_as: Format::new().set_align(FormatAlign::Right),
        }
    }
}

/// Writes the figure of `report`'s section `s`, row `r`, column `c` at (`row`, `col`).
pub fn figure(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    report: &Report,
    (s, r, c): (usize, usize, usize),
    formats: &Formats,
) -> Result<(), XlsxError> {
    if let Some(text) = report.shown_as.get(&(s, r, c)) {
        sheet.write_string_with_format(row, col, text, &formats.shown_as)?;
        return Ok(());
    }
    let value = report
        .sections
        .get(s)
        .and_then(|section| section.rows.get(r))
        .and_then(|figures| figures.values.get(c));
    // A cell the report does not have stays empty.
    let Some(&value) = value else {
        return Ok(());
    };
    let value = value as f64;
    if is_difference(c) {
        sheet.write_number_with_format(row, col, value, &formats.difference)?;
    } else {
        sheet.write_number(row, col, value)?;
    }
    Ok(())
}

/// Points of height per line of a note.
const LINE_HEIGHT: f64 = 15.0;

/// Writes a note across columns 0 to `last_column` (together `width` characters wide),
/// wrapped, with the row as high as its lines, so a printed page stays as wide as its figures.
pub fn note(
    sheet: &mut Worksheet,
    row: u32,
    (last_column, width): (u16, f64),
    text: &str,
    formats: &Formats,
) -> Result<(), XlsxError> {
    if last_column == 0 {
        sheet.write_string_with_format(row, 0, text, &formats.note)?;
        return Ok(());
    }
    sheet.merge_range(row, 0, row, last_column, text, &formats.note)?;
    let lines = (text.chars().count() as f64 / width.max(1.0))
        .ceil()
        .max(1.0);
    sheet.set_row_height(row, lines * LINE_HEIGHT)?;
    Ok(())
}

/// Gives each period's column (from sheet column 1 on) room for at least `least` characters
/// and for its heading ("2025 gesloten").
pub fn period_widths(
    sheet: &mut Worksheet,
    headings: &[String],
    least: f64,
) -> Result<(), XlsxError> {
    for (c, heading) in headings.iter().enumerate() {
        let width = least.max(heading.chars().count() as f64 + 2.0);
        sheet.set_column_width(1 + c as u16, width)?;
    }
    Ok(())
}
