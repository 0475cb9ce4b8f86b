//! A report as an .xlsx workbook. `tally --xlsx` gets one sheet per section, each with the
//! label first, the figures as numbers, the key last and its chart beside it; the annual
//! report (`jaaroverzicht --xlsx`) opens with a sheet in the shape a municipality reads, then
//! the same sheets in detail. A count the report shows as a text (hidden, or a range) is that
//! text in every cell and chart, never its number.

mod annual;
mod cells;
mod charts;
mod sheets;
#[cfg(test)]
mod tests;

pub use annual::Annual;

use super::export::write_private;
use super::report::Report;
use crate::labels::Labels;
use crate::labels::workbook::WorkbookLabels;
use cells::Formats;
use rust_xlsxwriter::{Workbook, XlsxError};
use sheets::{SheetNames, detail_sheets};
use std::path::Path;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum WorkbookError {
    #[error("the workbook could not be made ({0}); nothing was written")]
    Build(#[from] XlsxError),
    /// Writing the file failed; the text names the file and why.
    #[error("{0}")]
    Write(String),
}

/// The words a workbook is written in: the report's and the workbook's own.
pub struct Words<'a> {
    pub labels: &'a Labels,
    pub workbook: &'a WorkbookLabels,
}

/// The tally's workbook: a sheet per section, `notes` under the first.
pub fn tally(report: &Report, words: &Words, notes: &[String]) -> Result<Vec<u8>, WorkbookError> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    let mut names = SheetNames::default();
    detail_sheets(&mut book, report, words.labels, notes, &mut names, &formats)?;
    Ok(book.save_to_buffer()?)
}

/// The annual report's workbook: the annual sheet, then the tally's sheets.
pub fn annual(report: &Report, year: &Annual, words: &Words) -> Result<Vec<u8>, WorkbookError> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    let mut names = SheetNames::default();
    let name = names.claim(&year.title, words.labels.year_overview);
    annual::annual_sheet(book.add_worksheet(), &name, report, year, words, &formats)?;
    detail_sheets(&mut book, report, words.labels, &[], &mut names, &formats)?;
    Ok(book.save_to_buffer()?)
}

/// Writes a workbook to `path`, readable by its owner only (0600).
pub fn save(bytes: &[u8], path: &Path) -> Result<(), WorkbookError> {
    write_private(path, bytes).map_err(WorkbookError::Write)
}
