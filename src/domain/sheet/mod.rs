//! The list tables as spreadsheets (CSV and XLSX), both ways: the same columns out and in, a
//! template, every problem named by line and column. Uploads are bounded in size and shape
//! before anything is unpacked or parsed, and text that a spreadsheet would run as a formula
//! is neutralized on the way out and refused on the way in.

mod cells;
mod columns;
mod grid;
mod lines;
#[cfg(test)]
mod tests;

pub use cells::{csv_text, neutralize, row_cells, Cell};
pub use columns::{
    header_cell, kind_label_key, kind_of, list_of, list_tables, list_title_key, plain_columns,
    sheet_columns, table_columns, SheetColumn, KIND_COLUMN,
};
pub use grid::{csv_reader, csv_text_of};
pub use lines::{read, SheetLine, SheetRead};

/// An uploaded file, at most.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// An XLSX file's parts together, unpacked, at most (a zip bomb stops here).
pub const MAX_UNPACKED: u64 = 20 * 1024 * 1024;
/// The parts of an XLSX file, at most (a workbook of one sheet has about ten).
pub const MAX_ENTRIES: usize = 100;
pub const MAX_ROWS: usize = 2000;
/// Characters in one cell, at most (the longest field takes 2 000).
pub const MAX_CELL: usize = 4000;

/// A problem with the file as a whole: a message key and its argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub key: &'static str,
    pub arg: String,
}

impl FileError {
    fn new(key: &'static str, arg: impl Into<String>) -> Self {
        Self {
            key,
            arg: arg.into(),
        }
    }
}

/// A problem with one row: the line in the file, the column and a message key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub column: String,
    pub key: &'static str,
    pub arg: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "csv" => Some(Self::Csv),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Csv => "text/csv; charset=utf-8",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}
