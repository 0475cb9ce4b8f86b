//! One sheet per section of the report: the label in the report's language first, a column
//! per period, the stable key last (for whoever links the sheet to the JSON), and the
//! section's chart beside it.

use super::cells::{Formats, figure, note, period_widths};
use super::charts::{Place, chart, shape_of};
use crate::labels::Labels;
use crate::tally::report::Report;
use rust_xlsxwriter::{Workbook, XlsxError};

/// Characters Excel refuses in a sheet name.
const REFUSED: &str = "[]:*?/\\";
/// The longest sheet name Excel accepts.
const LONGEST: usize = 31;

/// Widths (in characters) of the label column, each period's column and the key column.
const WIDTHS: (f64, f64, f64) = (34.0, 12.0, 22.0);

/// The names given to a workbook's sheets so far, so that no two are the same (Excel
/// compares them without case).
#[derive(Default)]
pub struct SheetNames {
    taken: Vec<String>,
}

impl SheetNames {
    /// A name Excel accepts for `wanted` (or `fallback` when nothing of it is left), made
    /// unique with a number when it is taken. Of a title "Wie kwamen er: geslacht" the part
    /// after the colon names the sheet ("Geslacht"): the whole is too long for most of them,
    /// and cut at 31 characters it would stop mid-word.
    pub fn claim(&mut self, wanted: &str, fallback: &str) -> String {
        let wanted = match wanted.split_once(": ") {
            Some((_, part)) if !part.trim().is_empty() => capitalised(part.trim()),
            _ => wanted.to_string(),
        };
        let wanted = wanted.as_str();
        let clean = |text: &str| -> String {
            let kept: String = text.chars().filter(|c| !REFUSED.contains(*c)).collect();
            // Excel refuses an apostrophe at either end.
            kept.trim().trim_matches('\'').trim().to_string()
        };
        let mut base = clean(wanted);
        if base.is_empty() {
            base = clean(fallback);
        }
        if base.is_empty() {
            base = "1".to_string();
        }
        let mut number = 1;
        loop {
            let suffix = if number == 1 {
                String::new()
            } else {
                format!(" {number}")
            };
            let room = LONGEST - suffix.chars().count();
            let name = format!(
                "{}{suffix}",
                base.chars().take(room).collect::<String>().trim_end()
            );
            let lower = name.to_lowercase();
            if !self.taken.contains(&lower) {
                self.taken.push(lower);
                return name;
            }
            number += 1;
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Adds a sheet for every section of `report`; `notes` go under the first one.
pub fn detail_sheets(
    book: &mut Workbook,
    report: &Report,
    l: &Labels,
    notes: &[String],
    names: &mut SheetNames,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let columns = report.columns.len();
    let key_column = 1 + columns as u16;
    for (s, section) in report.sections.iter().enumerate() {
        let name = names.claim(&section.title, section.key);
        let sheet = book.add_worksheet();
        sheet.set_name(&name)?;
        sheet.write_string_with_format(0, 0, l.description, &formats.heading)?;
        for (c, heading) in report.columns.iter().enumerate() {
            sheet.write_string_with_format(0, 1 + c as u16, heading, &formats.column_heading)?;
        }
        sheet.write_string_with_format(0, key_column, l.key, &formats.after_numbers_heading)?;
        for (r, row) in section.rows.iter().enumerate() {
            let at = r as u32 + 1;
            sheet.write_string(at, 0, &row.label)?;
            for c in 0..row.values.len().min(columns) {
                figure(sheet, (at, 1 + c as u16), report, (s, r, c), formats)?;
            }
            sheet.write_string_with_format(at, key_column, &row.key, &formats.after_numbers)?;
        }
        let mut below = section.rows.len() as u32 + 2;
        let across = (key_column, WIDTHS.0 + WIDTHS.1 * columns as f64 + WIDTHS.2);
        if section.key == "category" {
            note(sheet, below, across, l.categories_note, formats)?;
            below += 1;
        }
        for text in notes.iter().filter(|_| s == 0) {
            note(sheet, below, across, text, formats)?;
            below += 1;
        }
        sheet.set_column_width(0, WIDTHS.0)?;
        period_widths(sheet, &report.columns, WIDTHS.1)?;
        sheet.set_column_width(key_column, WIDTHS.2)?;
        sheet.set_freeze_panes(1, 1)?;
        // Printed, the figures and their chart side by side on one page wide.
        sheet.set_landscape().set_print_fit_to_pages(1, 0);
        if let (Some(shape), false) = (shape_of(section.key), section.rows.is_empty()) {
            let place = Place {
                sheet: &name,
                heading_row: 0,
                first_row: 1,
                last_row: section.rows.len() as u32,
                label_column: 0,
                first_value_column: 1,
                report_columns: columns,
            };
            sheet.insert_chart(1, key_column + 2, &chart(shape, &section.title, &place))?;
        }
    }
    Ok(())
}
