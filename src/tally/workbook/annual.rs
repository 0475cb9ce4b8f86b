//! The annual report's first sheet, for a municipality to read as it is: contacts, unique
//! and new clients, who came, the ranked categories with their report groups beside them,
//! the ranked referral destinations, and the months as a column with their chart.

use super::Words;
use super::cells::{Formats, figure, note, period_widths};
use super::charts::{Place, Shape, chart};
use crate::model::{ReportGroup, group_of};
use crate::tally::outside::is_about_people;
use crate::tally::report::Report;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// What the annual sheet says besides the report's figures.
pub struct Annual<'a> {
    /// The sheet's heading and name ("Jaaroverzicht 2025").
    pub title: String,
    /// Lines under the heading: when the year was closed, that small counts are hidden.
    pub notes: &'a [String],
    /// The groups the categories are reported in.
    pub groups: &'a [ReportGroup],
}

/// The summary lines the annual report gives, in its order.
const KEY_FIGURES: [&str; 5] = [
    "visits",
    "anonymous_visits",
    "clients",
    "households",
    "new_clients",
];

/// Widths (in characters) of the label column, each period's column and the report group.
const WIDTHS: (f64, f64, f64) = (40.0, 12.0, 26.0);

/// The sheet being written and the next free row on it.
struct Writer<'a> {
    sheet: &'a mut Worksheet,
    row: u32,
    report: &'a Report,
    formats: &'a Formats,
}

impl Writer<'_> {
    /// A block's heading row: its name, the report's column headings, and any more.
    fn headings(&mut self, name: &str, more: &[&str]) -> Result<u32, XlsxError> {
        let at = self.row;
        self.sheet
            .write_string_with_format(at, 0, name, &self.formats.heading)?;
        for (c, heading) in self.report.columns.iter().enumerate() {
            self.sheet.write_string_with_format(
                at,
                1 + c as u16,
                heading,
                &self.formats.column_heading,
            )?;
        }
        let after = 1 + self.report.columns.len() as u16;
        for (c, heading) in more.iter().enumerate() {
            self.sheet.write_string_with_format(
                at,
                after + c as u16,
                *heading,
                &self.formats.after_numbers_heading,
            )?;
        }
        self.row += 1;
        Ok(at)
    }

    /// One row of the report under `label`, its figures beside it.
    fn figures(&mut self, label: &str, (s, r): (usize, usize)) -> Result<(), XlsxError> {
        let at = self.row;
        self.sheet.write_string(at, 0, label)?;
        for c in 0..self.report.columns.len() {
            figure(
                self.sheet,
                (at, 1 + c as u16),
                self.report,
                (s, r, c),
                self.formats,
            )?;
        }
        self.row += 1;
        Ok(())
    }

    fn line(&mut self, text: &str, format: &rust_xlsxwriter::Format) -> Result<(), XlsxError> {
        self.sheet
            .write_string_with_format(self.row, 0, text, format)?;
        self.row += 1;
        Ok(())
    }

    /// A note across the label, the figures and the report group.
    fn note(&mut self, text: &str) -> Result<(), XlsxError> {
        let columns = self.report.columns.len();
        let across = (
            1 + columns as u16,
            WIDTHS.0 + WIDTHS.1 * columns as f64 + WIDTHS.2,
        );
        note(self.sheet, self.row, across, text, self.formats)?;
        self.row += 1;
        Ok(())
    }

    fn gap(&mut self) {
        self.row += 1;
    }
}

/// A month as the sheet names it ("januari 2025") from the report's "2025-01".
fn month_name(label: &str, months: &[&str; 12]) -> String {
    label
        .split_once('-')
        .and_then(|(year, month)| {
            let month = month.parse::<usize>().ok()?;
            let name = months.get(month.checked_sub(1)?)?;
            Some(format!("{name} {year}"))
        })
        .unwrap_or_else(|| label.to_string())
}

/// Writes the annual sheet, named `name`, into `sheet`.
pub fn annual_sheet(
    sheet: &mut Worksheet,
    name: &str,
    report: &Report,
    annual: &Annual,
    words: &Words,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let (l, w) = (words.labels, words.workbook);
    sheet.set_name(name)?;
    let section = |key: &str| report.sections.iter().position(|s| s.key == key);
    let mut out = Writer {
        sheet,
        row: 0,
        report,
        formats,
    };
    out.line(&annual.title, &formats.title)?;
    for text in annual.notes {
        out.note(text)?;
    }
    out.gap();

    if let Some(s) = section("summary") {
        out.headings(w.key_figures, &[])?;
        for key in KEY_FIGURES {
            if let Some(r) = report.sections[s].rows.iter().position(|r| r.key == key) {
                out.figures(&report.sections[s].rows[r].label, (s, r))?;
            }
        }
        out.gap();
    }

    let who: Vec<usize> = (0..report.sections.len())
        .filter(|s| is_about_people(report.sections[*s].key))
        .collect();
    if !who.is_empty() {
        out.line(w.who_came, &formats.title)?;
        for s in who {
            out.headings(&report.sections[s].title, &[])?;
            for r in 0..report.sections[s].rows.len() {
                out.figures(&report.sections[s].rows[r].label, (s, r))?;
            }
            out.gap();
        }
    }

    if let Some(s) = section("category") {
        out.headings(w.category, &[w.report_group])?;
        let group_column = 1 + report.columns.len() as u16;
        for (r, row) in report.sections[s].rows.iter().enumerate() {
            let at = out.row;
            out.figures(&row.label, (s, r))?;
            let group = group_of(annual.groups, &row.key);
            out.sheet
                .write_string_with_format(at, group_column, group, &formats.after_numbers)?;
        }
        out.note(l.categories_note)?;
        out.gap();
    }

    if let Some(s) = section("referral") {
        out.headings(w.referred_to, &[])?;
        for (r, row) in report.sections[s].rows.iter().enumerate() {
            out.figures(&row.label, (s, r))?;
        }
        out.gap();
    }

    if let Some(s) = section("month") {
        let rows = &report.sections[s].rows;
        let heading_row = out.headings(w.month, &[])?;
        for (r, row) in rows.iter().enumerate() {
            out.figures(&month_name(&row.label, &w.months), (s, r))?;
        }
        if !rows.is_empty() {
            let place = Place {
                sheet: name,
                heading_row,
                first_row: heading_row + 1,
                last_row: heading_row + rows.len() as u32,
                label_column: 0,
                first_value_column: 1,
                report_columns: report.columns.len(),
            };
            let chart = chart(Shape::Columns, &report.sections[s].title, &place);
            let beside = 3 + report.columns.len() as u16;
            out.sheet.insert_chart(heading_row, beside, &chart)?;
        }
        out.gap();
    }

    out.note(w.details_follow)?;
    let sheet = out.sheet;
    let columns = report.columns.len() as u16;
    sheet.set_column_width(0, WIDTHS.0)?;
    period_widths(sheet, &report.columns, WIDTHS.1)?;
    sheet.set_column_width(1 + columns, WIDTHS.2)?;
    // Printed for the municipality: the figures and the months' chart on one page wide.
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}
