//! A report as CSV for Excel and as an .xlsx workbook with one sheet per breakdown.

use super::report::Report;
use crate::labels::Labels;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

fn quote(text: &str, sep: char) -> String {
    if text.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// CSV with a byte-order mark so Excel reads it as UTF-8; `sep` is `;` for Dutch Excel.
/// Columns: section, key, description, then one per period (and difference).
pub fn csv(report: &Report, l: &Labels, sep: char) -> String {
    let mut out = String::from("\u{feff}");
    let mut line = |cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| quote(c, sep)).collect();
        out.push_str(&cells.join(&sep.to_string()));
        out.push_str("\r\n");
    };
    let mut header = vec![
        l.section.to_string(),
        l.key.to_string(),
        l.description.to_string(),
    ];
    header.extend(report.columns.iter().cloned());
    line(header);
    for (s, section) in report.sections.iter().enumerate() {
        for (r, row) in section.rows.iter().enumerate() {
            let mut cells = vec![section.title.clone(), row.key.clone(), row.label.clone()];
            // Plain numbers (no + on differences) so a spreadsheet reads them as numbers.
            cells.extend(row.values.iter().enumerate().map(|(c, v)| {
                report
                    .shown_as
                    .get(&(s, r, c))
                    .cloned()
                    .unwrap_or_else(|| v.to_string())
            }));
            line(cells);
        }
    }
    out
}

/// Writes the workbook to `path`, readable by its owner only (0600).
pub fn xlsx(report: &Report, l: &Labels, note: &str, path: &Path) -> Result<(), String> {
    let bytes =
        workbook(report, l, note).map_err(|e| format!("could not build the workbook: {e}"))?;
    write_private(path, &bytes)
}

/// Writes an export readable by its owner only (0600): it may hold counts per volunteer.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    file.write_all(bytes)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn workbook(
    report: &Report,
    l: &Labels,
    note: &str,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for section in &report.sections {
        let sheet = book.add_worksheet();
        // Sheet names may hold at most 31 characters and none of []:*?/\
        let name: String = section
            .title
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        sheet.set_name(&name)?;
        sheet.write_with_format(0, 0, l.key, &bold)?;
        sheet.write_with_format(0, 1, l.description, &bold)?;
        for (i, column) in report.columns.iter().enumerate() {
            sheet.write_with_format(0, 2 + i as u16, column, &bold)?;
        }
        for (r, row) in section.rows.iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write(r, 0, &row.key)?;
            sheet.write(r, 1, &row.label)?;
            for (i, v) in row.values.iter().enumerate() {
                sheet.write(r, 2 + i as u16, *v as f64)?;
            }
        }
        if section.key == "category" {
            sheet.write(section.rows.len() as u32 + 2, 1, note)?;
        }
        sheet.set_column_width(1, 34)?;
        sheet.set_column_width(0, 20)?;
    }
    book.save_to_buffer()
}
