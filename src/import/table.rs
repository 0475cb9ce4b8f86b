//! Reading a spreadsheet (CSV in any common dialect, or .xlsx) into header and rows of text.

use std::path::Path;

/// A sheet as text: the header row and the rows under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The CSV separator the file used (`;` for a workbook), so refused rows go back the same.
    pub separator: u8,
}

pub fn read(path: &Path, sheet: Option<&str>) -> Result<Table, String> {
    let lower = path.to_string_lossy().to_lowercase();
    if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") || lower.ends_with(".xls") {
        read_xlsx(path, sheet)
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
    let first = text.lines().next().unwrap_or("");
    let sep = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|s| first.matches(*s as char).count())
        .unwrap_or(b';');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(r) => r
            .map_err(|e| e.to_string())?
            .iter()
            .map(|c| c.trim().to_string())
            .collect(),
        None => return Err("the file is empty: it needs a header row and rows of clients".into()),
    };
    let mut rows = Vec::new();
    for r in records {
        let r = r.map_err(|e| format!("cannot read the file: {e}"))?;
        rows.push(r.iter().map(|c| c.to_string()).collect());
    }
    Ok(Table {
        header,
        rows,
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
    Ok(Table {
        header,
        rows: rows.collect(),
        separator: b';',
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
