//! Reading a spreadsheet (CSV in any common dialect, or .xlsx) into header and rows of text.

use std::path::Path;

/// A sheet as text: the header row and the rows under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The row of the spreadsheet each row is, as it numbers them: blank lines count, and a
    /// quoted cell over several lines is one row.
    pub lines: Vec<usize>,
    /// The CSV separator the file used (`;` for a workbook), so refused rows go back the same.
    pub separator: u8,
}

impl Table {
    /// The spreadsheet row of row `i`.
    pub fn line(&self, i: usize) -> usize {
        self.lines.get(i).copied().unwrap_or(i + 2)
    }

    /// The row that is spreadsheet row `line`.
    pub fn row_at(&self, line: usize) -> Option<&[String]> {
        let i = self.lines.iter().position(|&l| l == line)?;
        self.rows.get(i).map(Vec::as_slice)
    }
}

pub fn read(path: &Path, sheet: Option<&str>) -> Result<Table, String> {
    let lower = path.to_string_lossy().to_lowercase();
    if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") || lower.ends_with(".xls") {
        read_xlsx(path, sheet)
    } else if let Some(sheet) = sheet {
        Err(format!(
            "--sheet {sheet} is for a workbook (.xlsx), and {} is a text list (CSV), which has no sheets: leave --sheet out",
            path.display()
        ))
    } else {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        read_csv(&bytes).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// CSV with `;`, `,` or tab between fields (whichever the header line uses most), with or
/// without a byte-order mark; Windows-1252 text is read as Latin-1 rather than refused.
pub fn read_csv(bytes: &[u8]) -> Result<Table, String> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    let text = text.trim_start_matches('\u{feff}');
    // The header is the first line that holds anything but separators; blank lines (or a
    // row of empty cells) before it do not choose the separator.
    let first = text
        .lines()
        .find(|l| {
            l.chars()
                .any(|c| !c.is_whitespace() && !matches!(c, ';' | ',' | '\t'))
        })
        .unwrap_or("");
    let sep = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|s| first.matches(*s as char).count())
        .unwrap_or(b';');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    // The row a record is in the spreadsheet: the line its text starts on, counted from its
    // byte offset (the reader's own line number is where it began to look, before the blank
    // lines it skipped), less the line breaks inside quoted cells before it, since a cell over
    // two lines is one row.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line, mut inside) = (0usize, 1usize, 0usize);
    let mut row_of = |r: &csv::StringRecord| {
        let mut at = r
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes.len());
        while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
            at += 1;
        }
        line += bytes[counted_to.min(at)..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = counted_to.max(at);
        let row = line - inside;
        let breaks: usize = r.iter().map(|cell| cell.matches('\n').count()).sum();
        inside += breaks;
        row
    };
    let mut records = reader.records();
    let header: Vec<String> = loop {
        match records.next() {
            Some(r) => {
                let r = r.map_err(|e| e.to_string())?;
                row_of(&r);
                if r.iter().any(|c| !c.trim().is_empty()) {
                    break r.iter().map(|c| c.trim().to_string()).collect();
                }
            }
            None => {
                return Err("the file is empty: it needs a header row and rows of clients".into());
            }
        }
    };
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    for r in records {
        let r = r.map_err(|e| format!("cannot read the file: {e}"))?;
        lines.push(row_of(&r));
        rows.push(r.iter().map(|c| c.to_string()).collect());
    }
    // A quote that is opened and never closed makes the rest of the file one field, and the
    // clients on those lines would be lost without a word.
    if text.matches('"').count() % 2 == 1 {
        let at = lines.last().copied().unwrap_or(1);
        return Err(format!(
            "line {at} opens a quote (\") that is never closed, so every line after it would be read as one field: close or remove that quote in the spreadsheet and import again"
        ));
    }
    Ok(Table {
        header,
        rows,
        lines,
        separator: sep,
    })
}

fn read_xlsx(path: &Path, sheet: Option<&str>) -> Result<Table, String> {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut book =
        open_workbook_auto(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let names = book.sheet_names().to_vec();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(s))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "{} has no sheet \"{s}\"; it has: {}",
                    path.display(),
                    names.join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| format!("{} holds no sheets", path.display()))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("cannot read sheet \"{name}\" of {}: {e}", path.display()))?;
    let text = |cell: &Data| -> String {
        match cell {
            Data::Empty => String::new(),
            Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
            Data::DateTime(d) => {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                format!("{y:04}-{m:02}-{day:02}")
            }
            other => other.to_string(),
        }
    };
    let mut rows = range
        .rows()
        .map(|r| r.iter().map(text).collect::<Vec<String>>());
    let header = rows
        .next()
        .ok_or_else(|| {
            format!("sheet \"{name}\" is empty: it needs a header row and rows of clients")
        })?
        .into_iter()
        .map(|h| h.trim().to_string())
        .collect();
    let rows: Vec<Vec<String>> = rows.collect();
    Ok(Table {
        header,
        lines: (2..rows.len() + 2).collect(),
        rows,
        separator: b';',
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_the_spreadsheets_and_blank_lines_first_do_not_hide_the_separator() {
        let t = read_csv(b"\n;;\nnaam;geboren\nAmina;1990\n\n\"Ali\nHassan\";1986\nSara;2001\n")
            .unwrap();
        assert_eq!(
            t.header,
            ["naam", "geboren"],
            "a row of empty cells is no header"
        );
        assert_eq!(t.lines, [4, 6, 7], "a cell over two lines is one row");
        assert_eq!(t.row_at(7).unwrap(), ["Sara", "2001"]);
    }

    #[test]
    fn a_quote_never_closed_is_refused_not_read_as_the_rest_of_the_file() {
        let err = read_csv(b"naam;land\n\"Unclosed;NL\nPiet;NL\n").unwrap_err();
        assert!(
            err.contains("line 2") && err.contains("never closed"),
            "{err}"
        );
    }

    #[test]
    fn reads_dutch_excel_csv_and_others() {
        let dutch = "\u{feff}Naam;Geboortedatum\r\n\"Ali; Hassan\";1986\r\n".as_bytes();
        let t = read_csv(dutch).unwrap();
        assert_eq!(t.header, ["Naam", "Geboortedatum"]);
        assert_eq!(t.rows, [["Ali; Hassan", "1986"]]);
        let english = read_csv(b"name,born\nAmina,1990\n").unwrap();
        assert_eq!(english.rows[0], ["Amina", "1990"]);
        assert_eq!((t.separator, english.separator), (b';', b','));
        let latin1 = read_csv(b"naam\nCl\xe9ment\n").unwrap();
        assert_eq!(latin1.rows[0], ["Clément"]);
        assert!(read_csv(b"").is_err());
    }
}
