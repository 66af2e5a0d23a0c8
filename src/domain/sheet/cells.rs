//! The cells of an exported sheet: stored rows as text and numbers, with text a spreadsheet
//! would run as a formula neutralized.

use super::columns::{kind_of, SheetColumn};
use crate::domain::money::Money;
use crate::domain::tables::{Kind, Row};

/// A cell as exported: text, or a number for numeric columns.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Amounts, decimals and percentages in units (1 250,5), counts and years whole.
    Number(f64),
    Empty,
}

/// Text a spreadsheet would run as a formula starts with one of these.
pub(super) const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Text made safe to open in a spreadsheet: a leading formula character gets an apostrophe,
/// which spreadsheets show as text and the import takes off again.
pub fn neutralize(text: &str) -> String {
    if text.starts_with(FORMULA_START) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A stored row as the cells of its sheet line.
pub fn row_cells(columns: &[SheetColumn], table: &str, row: &Row) -> Vec<Cell> {
    columns
        .iter()
        .map(|sc| {
            let Some(column) = sc.column else {
                return Cell::Text(kind_of(table).to_string());
            };
            let raw = row.0.get(column.name);
            let value = match sc.year {
                Some(y) => raw
                    .and_then(|v| v.as_object())
                    .and_then(|years| years.get(&y.to_string())),
                None => raw,
            };
            match (column.kind, value) {
                (_, None) => Cell::Empty,
                (Kind::Money | Kind::Decimal | Kind::Percent, Some(v)) => v
                    .as_i64()
                    .map_or(Cell::Empty, |t| Cell::Number(t as f64 / 1000.0)),
                (Kind::Count | Kind::Year, Some(v)) => {
                    v.as_i64().map_or(Cell::Empty, |n| Cell::Number(n as f64))
                }
                (Kind::Bool, Some(v)) => {
                    if v.as_bool() == Some(true) {
                        Cell::Text("có".into())
                    } else {
                        Cell::Empty
                    }
                }
                _ => Cell::Text(neutralize(&row.shown(column, sc.year))),
            }
        })
        .collect()
}

/// A cell as CSV writes it: numbers in the Vietnamese format, as the form reads them.
pub fn csv_text(cell: &Cell, column: &SheetColumn) -> String {
    match cell {
        Cell::Text(t) => t.clone(),
        Cell::Empty => String::new(),
        Cell::Number(n) => number_text(*n, column),
    }
}

fn number_text(n: f64, column: &SheetColumn) -> String {
    match column.kind() {
        Some(Kind::Count | Kind::Year) => format!("{}", n.round() as i64),
        _ => Money((n * 1000.0).round() as i64).to_string(),
    }
}
