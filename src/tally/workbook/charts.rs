//! The native charts of a workbook: contacts per month as columns; categories, referrals,
//! report groups and every breakdown of who came as bars. A chart draws the cells of its
//! sheet, so it shows what the sheet shows.

use crate::tally::outside::is_about_people;
use crate::tally::report::is_difference;
use rust_xlsxwriter::Chart;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Upright columns, for a row of months.
    Columns,
    /// Lying bars, most first at the top, for a ranked list with long labels.
    Bars,
}

/// The chart a section gets, if any. Breakdowns of who came are known by their key's prefix,
/// so a new one gets its bars without a change here.
pub fn shape_of(section_key: &str) -> Option<Shape> {
    match section_key {
        "month" => Some(Shape::Columns),
        "category" | "referral" | "group" => Some(Shape::Bars),
        key if is_about_people(key) => Some(Shape::Bars),
        _ => None,
    }
}

/// Where a chart's figures lie on its sheet: the labels in one column, one column per
/// report column beside it, the report's column headings in `heading_row`.
pub struct Place<'a> {
    pub sheet: &'a str,
    pub heading_row: u32,
    pub first_row: u32,
    pub last_row: u32,
    pub label_column: u16,
    /// The sheet column of the report's first column; the others follow it.
    pub first_value_column: u16,
    pub report_columns: usize,
}

/// Pixels a bar or column gets, and the size a chart never goes below or beyond.
const PER_BAR: u32 = 18;
const SMALLEST: (u32, u32) = (480, 288);
const LARGEST: u32 = 4000;

/// A chart of one series per period column (differences are no series).
pub fn chart(shape: Shape, title: &str, place: &Place) -> Chart {
    let mut chart = match shape {
        Shape::Columns => Chart::new_column(),
        Shape::Bars => Chart::new_bar(),
    };
    chart.title().set_name(title);
    let periods: Vec<u16> = (0..place.report_columns)
        .filter(|c| !is_difference(*c))
        .map(|c| place.first_value_column + c as u16)
        .collect();
    for column in &periods {
        chart
            .add_series()
            .set_name((place.sheet, place.heading_row, *column))
            .set_categories((
                place.sheet,
                place.first_row,
                place.label_column,
                place.last_row,
                place.label_column,
            ))
            .set_values((
                place.sheet,
                place.first_row,
                *column,
                place.last_row,
                *column,
            ));
    }
    if periods.len() < 2 {
        chart.legend().set_hidden();
    }
    let bars = (place.last_row + 1).saturating_sub(place.first_row) * periods.len().max(1) as u32;
    let room = (bars * PER_BAR + 120).min(LARGEST);
    match shape {
        Shape::Columns => {
            chart.set_width(room.max(SMALLEST.0));
            chart.set_height(SMALLEST.1);
        }
        Shape::Bars => {
            // Excel draws a bar chart's first row at the bottom; reversed, the most is on top.
            chart.y_axis().set_reverse();
            chart.set_width(SMALLEST.0);
            chart.set_height(room.max(SMALLEST.1));
        }
    }
    chart
}
