//! An uploaded file as a grid of cells, line by line: CSV text or an XLSX workbook's first
//! sheet, each bounded in size and shape before anything is unpacked or parsed.

use super::{FileError, MAX_ENTRIES, MAX_ROWS, MAX_UNPACKED};
use crate::domain::money::Money;
use std::io::{Cursor, Read};

/// The cells of a sheet, line by line, with their line numbers (1 is the header).
pub(super) type Grid = Vec<(usize, Vec<String>)>;

/// A CSV file's text: UTF-8 (with or without a BOM), or refused with the way to fix it.
pub fn csv_text_of(bytes: &[u8]) -> Result<&str, FileError> {
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::new("import.err_encoding", ""))?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// A CSV reader for `text`, with `;` between fields when the header uses it, as Excel does in
/// Vietnamese locales.
pub fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains(';') && !first_line.contains(',') {
        b';'
    } else {
        b','
    };
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes())
}

pub(super) fn csv_grid(bytes: &[u8]) -> Result<Grid, FileError> {
    let text = csv_text_of(bytes)?;
    let mut grid = Vec::new();
    for (index, record) in csv_reader(text).records().enumerate() {
        if index > MAX_ROWS {
            return Err(FileError::new(
                "import.err_too_many_rows",
                MAX_ROWS.to_string(),
            ));
        }
        let record =
            record.map_err(|_| FileError::new("import.err_csv", (index + 1).to_string()))?;
        grid.push((index + 1, record.iter().map(str::to_string).collect()));
    }
    Ok(grid)
}

/// Checks an XLSX file's parts before anything reads them: how many, and how large once
/// unpacked — counted while unpacking, not taken from the sizes the file claims.
fn check_zip(bytes: &[u8]) -> Result<(), FileError> {
    let not_xlsx = || FileError::new("import.err_not_xlsx", "");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_xlsx())?;
    if archive.len() > MAX_ENTRIES {
        return Err(FileError::new(
            "import.err_zip_entries",
            MAX_ENTRIES.to_string(),
        ));
    }
    let mut unpacked: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|_| not_xlsx())?;
        let budget = MAX_UNPACKED - unpacked;
        let read = std::io::copy(&mut entry.take(budget + 1), &mut std::io::sink())
            .map_err(|_| not_xlsx())?;
        unpacked += read;
        if unpacked > MAX_UNPACKED {
            return Err(FileError::new("import.err_zip_size", "20 MB"));
        }
    }
    Ok(())
}

pub(super) fn xlsx_grid(bytes: &[u8]) -> Result<Grid, FileError> {
    use calamine::{Reader, Xlsx};
    check_zip(bytes)?;
    let not_xlsx = || FileError::new("import.err_not_xlsx", "");
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| not_xlsx())?;
    let name = book.sheet_names().first().cloned().ok_or_else(not_xlsx)?;
    // A formula's result depends on what the spreadsheet computed last: refuse it, naming the
    // first cell, rather than import a number nobody typed.
    let formulas = book.worksheet_formula(&name).map_err(|_| not_xlsx())?;
    if let Some((r, c, _)) = formulas.used_cells().find(|(_, _, f)| !f.is_empty()) {
        let (start_row, start_col) = formulas.start().unwrap_or((0, 0));
        return Err(FileError::new(
            "import.err_formula_file",
            cell_name(start_row as usize + r, start_col as usize + c),
        ));
    }
    let range = book.worksheet_range(&name).map_err(|_| not_xlsx())?;
    if range.height() > MAX_ROWS + 1 {
        return Err(FileError::new(
            "import.err_too_many_rows",
            MAX_ROWS.to_string(),
        ));
    }
    let (first_row, _) = range.start().unwrap_or((0, 0));
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            (
                first_row as usize + i + 1,
                row.iter().map(cell_text).collect(),
            )
        })
        .collect())
}

/// A workbook's cell as the form would have it typed.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        // Numbers come back as the form reads them; whole ones without decimals.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        // Up to thousandths (the precision of an amount) a number reads as typed; a finer one
        // comes back in full, so that the form refuses it rather than rounding it unseen.
        Data::Float(f) if ((f * 1000.0).round() - f * 1000.0).abs() < 1e-6 => {
            Money((f * 1000.0).round() as i64).to_string()
        }
        Data::Float(f) => format!("{f}").replace('.', ","),
        Data::Bool(b) => {
            if *b {
                "có".into()
            } else {
                String::new()
            }
        }
        // Dates and errors are not values any column takes as they are: kept visibly wrong so
        // that the row names the problem.
        other => format!("#{other:?}"),
    }
}

/// `B7` for the cell at row 6, column 1 (both from 0).
pub(super) fn cell_name(row: usize, column: usize) -> String {
    let mut letters = String::new();
    let mut c = column + 1;
    while c > 0 {
        letters.insert(0, (b'A' + ((c - 1) % 26) as u8) as char);
        c = (c - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}
