//! The refused rows of an import as a CSV file: each row as the sheet had it, with the reason
//! in a last column, so the volunteer fixes them in the spreadsheet and imports that file.

use super::Unreadable;
use super::reason::Reason;
use super::table::Table;
use std::io::Write;

/// Writes the header and the refused rows, with `column` as the reason column's header, in the
/// separator the sheet used. A byte-order mark first, so Excel reads the names as UTF-8. The
/// cells of `withheld` columns (BSN, V-nummer: what the office may not hold) are left empty,
/// so the file spreekuur writes never holds them either.
pub fn write(
    mut out: impl Write,
    table: &Table,
    refused: &[Unreadable],
    withheld: &[usize],
    column: &str,
    reason: impl Fn(&Reason) -> String,
) -> Result<(), String> {
    let rows: Vec<(Vec<String>, String)> = refused
        .iter()
        .filter_map(|u| {
            let row = table
                .row_at(u.line)?
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    if withheld.contains(&i) {
                        String::new()
                    } else {
                        cell.clone()
                    }
                })
                .collect();
            Some((row, reason(&u.reason)))
        })
        .collect();
    let width = rows
        .iter()
        .map(|(row, _)| row.len())
        .chain([table.header.len()])
        .max()
        .unwrap_or(0);
    out.write_all("\u{feff}".as_bytes())
        .map_err(|e| e.to_string())?;
    let mut csv = csv::WriterBuilder::new()
        .delimiter(table.separator)
        .from_writer(out);
    let mut record = |cells: &[String], last: &str| {
        let blank = width - cells.len();
        let padded = cells
            .iter()
            .map(String::as_str)
            .chain(std::iter::repeat_n("", blank))
            .chain([last]);
        csv.write_record(padded).map_err(|e| e.to_string())
    };
    record(&table.header, column)?;
    for (row, why) in &rows {
        record(row, why)?;
    }
    csv.flush().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::columns::Field;

    #[test]
    fn rows_unchanged_with_the_reason_last() {
        let table = Table {
            header: vec!["Naam".into(), "Land".into()],
            rows: vec![vec!["Amina".into(), "SO".into()], vec!["Rasha; Q".into()]],
            lines: vec![2, 3],
            separator: b';',
        };
        let refused = [Unreadable {
            line: 3,
            reason: Reason::Unreadable {
                field: Field::Country,
                value: "x".into(),
            },
        }];
        let mut out = Vec::new();
        write(&mut out, &table, &refused, &[], "Reden", |_| {
            "geen land".into()
        })
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\u{feff}Naam;Land;Reden\n\"Rasha; Q\";;geen land\n"
        );
        let mut out = Vec::new();
        write(&mut out, &table, &refused[..], &[0], "Reden", |_| {
            "x".into()
        })
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\u{feff}Naam;Land;Reden\n;;x\n",
            "a withheld column's cells stay empty"
        );
    }
}
