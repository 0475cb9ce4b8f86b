//! Reading a spreadsheet (CSV in any common dialect, or .xlsx) into header and rows of text.

use std::path::Path;

/// A sheet as text: the header row and the rows under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The line of the file (the row of the sheet) each row starts on, as the spreadsheet
    /// numbers them: blank lines and a quoted field over several lines count.
    pub lines: Vec<usize>,
    /// The CSV separator the file used (`;` for a workbook), so refused rows go back the same.
    pub separator: u8,
}

impl Table {
    /// The line row `i` starts on.
    pub fn line(&self, i: usize) -> usize {
        self.lines.get(i).copied().unwrap_or(i + 2)
    }

    /// The row that starts on `line`.
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
    // The header is the first line that holds anything; blank lines before it do not choose
    // the separator.
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let sep = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|s| first.matches(*s as char).count())
        .unwrap_or(b';');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    // The line a record's text starts on, counted from its byte offset: the reader's own line
    // number is where it began to look, before the blank lines it skipped.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1usize);
    let mut line_of = |r: &csv::StringRecord| {
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
        line
    };
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(r) => {
            let r = r.map_err(|e| e.to_string())?;
            line_of(&r);
            r.iter().map(|c| c.trim().to_string()).collect()
        }
        None => return Err("the file is empty: it needs a header row and rows of clients".into()),
    };
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    for r in records {
        let r = r.map_err(|e| format!("cannot read the file: {e}"))?;
        lines.push(line_of(&r));
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
    fn lines_are_the_files_own_and_blank_lines_first_do_not_hide_the_separator() {
        let t =
            read_csv(b"\n\nnaam;geboren\nAmina;1990\n\n\"Ali\nHassan\";1986\nSara;2001\n").unwrap();
        assert_eq!(t.header, ["naam", "geboren"]);
        assert_eq!(t.lines, [4, 6, 8], "as the spreadsheet numbers them");
        assert_eq!(t.row_at(8).unwrap(), ["Sara", "2001"]);
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
