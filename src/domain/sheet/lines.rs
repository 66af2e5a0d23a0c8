//! An uploaded sheet read back into row forms: the header matched to the list's columns, then
//! each line into the form of the table it belongs to, or into the problems that keep it out.

use super::cells::FORMULA_START;
use super::columns::{header_code, kind_of, list_tables, SheetColumn};
use super::grid::{csv_grid, xlsx_grid, Grid};
use super::{FileError, Format, RowError, MAX_BYTES, MAX_CELL};
use crate::domain::tables::{Column, Kind, RowForm};

/// A line of an uploaded sheet, read: its line number, the table it goes to and its form.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetLine {
    pub line: usize,
    pub table: &'static str,
    pub form: RowForm,
}

/// What an upload holds: the lines that read, and the problems of the others.
pub type SheetRead = (Vec<SheetLine>, Vec<RowError>);

/// Reads an uploaded sheet of `list`. A file-level problem refuses the whole file before any
/// row is read; row problems come back beside the lines that read.
pub fn read(
    list: &str,
    columns: &[SheetColumn],
    format: Format,
    bytes: &[u8],
) -> Result<SheetRead, FileError> {
    if bytes.len() > MAX_BYTES {
        return Err(FileError::new("import.err_too_big", "2 MB"));
    }
    let grid = match format {
        Format::Csv => csv_grid(bytes)?,
        Format::Xlsx => xlsx_grid(bytes)?,
    };
    lines(list, columns, grid)
}

/// The problem of one cell: a message key and its argument.
type Problem = (&'static str, Option<String>);

fn lines(list: &str, columns: &[SheetColumn], grid: Grid) -> Result<SheetRead, FileError> {
    let expected: Vec<&str> = columns.iter().map(|c| c.field.as_str()).collect();
    let header_error = || FileError::new("import.err_header", expected.join(", "));
    let mut rows = grid.into_iter();
    let (_, header) = rows.next().ok_or_else(header_error)?;
    let position = header_positions(&expected, &header).ok_or_else(header_error)?;
    let tables = list_tables(list).ok_or_else(header_error)?;
    let mut read = Vec::new();
    let mut errors = Vec::new();
    for (line, cells) in rows {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |at: usize| cells.get(at).map(String::as_str).unwrap_or_default();
        let mut form = RowForm::new();
        let mut table = tables[0];
        let mut bad = false;
        for (sc, at) in columns.iter().zip(&position) {
            let text = cell(*at);
            let taken = if text.chars().count() > MAX_CELL {
                Err(("import.err_cell_long", Some(MAX_CELL.to_string())))
            } else {
                match sc.column {
                    None => kind_table(tables, text).map(|t| table = t),
                    Some(column) => cell_value(column, text).map(|value| {
                        form.insert(sc.field.clone(), value);
                    }),
                }
            };
            if let Err((key, arg)) = taken {
                errors.push(RowError {
                    line,
                    column: sc.field.clone(),
                    key,
                    arg,
                });
                bad = true;
            }
        }
        if !bad {
            read.push(SheetLine { line, table, form });
        }
    }
    if read.is_empty() && errors.is_empty() {
        return Err(FileError::new("import.err_empty", ""));
    }
    Ok((read, errors))
}

/// Where each expected field is in the header: the same columns, in any order, each once;
/// `None` when the header differs.
fn header_positions(expected: &[&str], header: &[String]) -> Option<Vec<usize>> {
    let codes: Vec<String> = header
        .iter()
        .map(|h| header_code(h))
        .filter(|h| !h.is_empty())
        .collect();
    if codes.len() != expected.len() {
        return None;
    }
    expected
        .iter()
        .map(|field| {
            let mut found = codes.iter().enumerate().filter(|(_, c)| c == field);
            match (found.next(), found.next()) {
                (Some((one, _)), None) => Some(one),
                _ => None,
            }
        })
        .collect()
}

/// The table of a gathered list that the kind column names.
fn kind_table(tables: &'static [&'static str], text: &str) -> Result<&'static str, Problem> {
    tables
        .iter()
        .copied()
        .find(|t| kind_of(t) == text.trim())
        .ok_or_else(|| {
            let kinds: Vec<&str> = tables.iter().map(|t| kind_of(t)).collect();
            ("import.err_kind", Some(kinds.join(", ")))
        })
}

/// A cell as the form field of `column` takes it: yes/no cells as `1` or empty, text taken off
/// its neutralizing apostrophe, a formula refused.
fn cell_value(column: &Column, text: &str) -> Result<String, Problem> {
    match column.kind {
        Kind::Bool => match text.trim().to_lowercase().as_str() {
            "" | "không" | "0" | "no" | "false" => Ok(String::new()),
            "có" | "x" | "1" | "yes" | "true" => Ok("1".into()),
            _ => Err(("import.err_bool", None)),
        },
        _ => match text.strip_prefix('\'') {
            Some(rest) if rest.starts_with(FORMULA_START) => Ok(rest.to_string()),
            _ if text.trim_start().starts_with('=') => Err(("import.err_formula", None)),
            _ => Ok(text.to_string()),
        },
    }
}
