//! A report as CSV for Excel, and the private file every export is written to (the workbook
//! is in `workbook/`).

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
