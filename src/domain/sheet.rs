//! The list tables as spreadsheets (CSV and XLSX), both ways: the same columns out and in, a
//! template, every problem named by line and column. Uploads are bounded in size and shape
//! before anything is unpacked or parsed, and text that a spreadsheet would run as a formula
//! is neutralized on the way out and refused on the way in.

use super::money::Money;
use super::tables::{spec, Column, Kind, Row, RowForm, TableSpec, LIST_TABLES};
use std::io::{Cursor, Read};

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

/// The column that says which of the gathered tables a row belongs to (the kinds of
/// databases).
pub const KIND_COLUMN: &str = "kind";

/// One column of a list's sheet.
#[derive(Debug, Clone)]
pub struct SheetColumn {
    /// The form field it fills (`name`, `amounts_2026`), also its code in the header.
    pub field: String,
    /// The text naming it, and the year for per-year columns.
    pub label_key: String,
    pub year: Option<i32>,
    /// `None` for the kind column.
    pub column: Option<&'static Column>,
}

impl SheetColumn {
    pub fn numeric(&self) -> bool {
        self.column.is_some_and(|c| c.kind.numeric())
    }

    pub fn kind(&self) -> Option<Kind> {
        self.column.map(|c| c.kind)
    }
}

/// The tables a list gathers, and the code of each in the kind column.
pub fn list_tables(list: &str) -> Option<&'static [&'static str]> {
    LIST_TABLES
        .iter()
        .find(|(l, _)| *l == list)
        .map(|(_, t)| *t)
}

/// The list a table moves in and out of spreadsheets with, if any.
pub fn list_of(table: &str) -> Option<&'static str> {
    LIST_TABLES
        .iter()
        .find(|(_, t)| t.contains(&table))
        .map(|(l, _)| *l)
}

/// The kind-column value of a gathered table: `databases_national` → `national`.
pub fn kind_of(table: &str) -> &str {
    table.rsplit('_').next().unwrap_or(table)
}

/// The columns of a list's sheet for a plan of the years `years`.
pub fn sheet_columns(list: &str, years: &[i32]) -> Option<Vec<SheetColumn>> {
    let tables = list_tables(list)?;
    let spec = spec(tables[0])?;
    let mut out = Vec::new();
    if tables.len() > 1 {
        out.push(SheetColumn {
            field: KIND_COLUMN.into(),
            label_key: format!("sheet.{list}.kind"),
            year: None,
            column: None,
        });
    }
    out.extend(table_columns(spec, years));
    Some(out)
}

/// The columns of any typed table's sheet, per-year columns once for each year: the same
/// columns a list's template has, for the tables that have none.
pub fn table_columns(spec: &TableSpec, years: &[i32]) -> Vec<SheetColumn> {
    let mut out = Vec::new();
    for c in spec.columns {
        if c.per_year {
            for y in years {
                out.push(SheetColumn {
                    field: format!("{}_{y}", c.name),
                    label_key: spec.label_key(c.name),
                    year: Some(*y),
                    column: Some(c),
                });
            }
        } else {
            out.push(SheetColumn {
                field: c.name.into(),
                label_key: spec.label_key(c.name),
                year: None,
                column: Some(c),
            });
        }
    }
    out
}

/// Columns of a sheet that is not a typed table (a report): text columns named by their label.
pub fn plain_columns(labels: &[&str]) -> Vec<SheetColumn> {
    labels
        .iter()
        .map(|l| SheetColumn {
            field: l.to_string(),
            label_key: l.to_string(),
            year: None,
            column: None,
        })
        .collect()
}

/// A header cell: the label the user reads, then the field code the import matches on, as in
/// `Tên hệ thống (name)`.
pub fn header_cell(label: &str, column: &SheetColumn) -> String {
    match column.year {
        Some(y) => format!("{label} {y} ({})", column.field),
        None => format!("{label} ({})", column.field),
    }
}

/// The field code of a header cell: what is in its last parentheses, or the whole cell.
fn header_code(cell: &str) -> String {
    let cell = cell.trim().trim_start_matches('\u{feff}');
    let code = match (cell.rfind('('), cell.ends_with(')')) {
        (Some(open), true) => &cell[open + 1..cell.len() - 1],
        _ => cell,
    };
    code.trim().to_lowercase()
}

/// A cell as exported: text, or a number for numeric columns.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Amounts, decimals and percentages in units (1 250,5), counts and years whole.
    Number(f64),
    Empty,
}

/// Text a spreadsheet would run as a formula starts with one of these.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

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

/// The cells of a sheet, line by line, with their line numbers (1 is the header).
type Grid = Vec<(usize, Vec<String>)>;

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

fn csv_grid(bytes: &[u8]) -> Result<Grid, FileError> {
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

fn xlsx_grid(bytes: &[u8]) -> Result<Grid, FileError> {
    use calamine::{Data, Reader, Xlsx};
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
    let mut grid = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let cells = row
            .iter()
            .map(|cell| match cell {
                Data::Empty => String::new(),
                Data::String(s) => s.clone(),
                Data::Int(n) => n.to_string(),
                // Numbers come back as the form reads them; whole ones without decimals.
                Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                Data::Float(f) => Money((f * 1000.0).round() as i64).to_string(),
                Data::Bool(b) => {
                    if *b {
                        "có".into()
                    } else {
                        String::new()
                    }
                }
                // Dates and errors are not values any column takes as they are: kept visibly
                // wrong so that the row names the problem.
                other => format!("#{other:?}"),
            })
            .collect();
        grid.push((first_row as usize + i + 1, cells));
    }
    Ok(grid)
}

/// `B7` for the cell at row 6, column 1 (both from 0).
fn cell_name(row: usize, column: usize) -> String {
    let mut letters = String::new();
    let mut c = column + 1;
    while c > 0 {
        letters.insert(0, (b'A' + ((c - 1) % 26) as u8) as char);
        c = (c - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

fn lines(list: &str, columns: &[SheetColumn], grid: Grid) -> Result<SheetRead, FileError> {
    let expected: Vec<&str> = columns.iter().map(|c| c.field.as_str()).collect();
    let header_error = || FileError::new("import.err_header", expected.join(", "));
    let mut rows = grid.into_iter();
    let (_, header) = rows.next().ok_or_else(header_error)?;
    let codes: Vec<String> = header
        .iter()
        .map(|h| header_code(h))
        .filter(|h| !h.is_empty())
        .collect();
    // The same columns, in any order; each once.
    let mut position = Vec::new();
    for field in &expected {
        let found: Vec<usize> = codes
            .iter()
            .enumerate()
            .filter(|(_, c)| c == field)
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [one] => position.push(*one),
            _ => return Err(header_error()),
        }
    }
    if codes.len() != expected.len() {
        return Err(header_error());
    }
    let tables = list_tables(list).ok_or_else(header_error)?;
    let mut read = Vec::new();
    let mut errors = Vec::new();
    for (line, cells) in rows {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut form = RowForm::new();
        let mut table = tables[0];
        let mut bad = false;
        for (sc, at) in columns.iter().zip(&position) {
            let text = cells.get(*at).map(String::as_str).unwrap_or_default();
            let mut problem = |key: &'static str, arg: Option<String>| {
                errors.push(RowError {
                    line,
                    column: sc.field.clone(),
                    key,
                    arg,
                });
                bad = true;
            };
            if text.chars().count() > MAX_CELL {
                problem("import.err_cell_long", Some(MAX_CELL.to_string()));
                continue;
            }
            let Some(column) = sc.column else {
                match tables.iter().find(|t| kind_of(t) == text.trim()) {
                    Some(t) => table = t,
                    None => problem(
                        "import.err_kind",
                        Some(
                            tables
                                .iter()
                                .map(|t| kind_of(t))
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                    ),
                }
                continue;
            };
            let value = match column.kind {
                Kind::Bool => match text.trim().to_lowercase().as_str() {
                    "" | "không" | "0" | "no" | "false" => String::new(),
                    "có" | "x" | "1" | "yes" | "true" => "1".into(),
                    _ => {
                        problem("import.err_bool", None);
                        continue;
                    }
                },
                _ => match text.strip_prefix('\'') {
                    Some(rest) if rest.starts_with(FORMULA_START) => rest.to_string(),
                    _ if text.trim_start().starts_with('=') => {
                        problem("import.err_formula", None);
                        continue;
                    }
                    _ => text.to_string(),
                },
            };
            form.insert(sc.field.clone(), value);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(list: &str) -> Vec<SheetColumn> {
        sheet_columns(list, &[2026, 2027]).expect("list")
    }

    fn csv(list: &str, body: &str) -> String {
        let header: Vec<String> = columns(list).iter().map(|c| header_cell("x", c)).collect();
        format!("{}\n{body}", header.join(","))
    }

    #[test]
    fn the_lists_have_their_columns_and_the_databases_a_kind() {
        let fields = |list| {
            columns(list)
                .into_iter()
                .map(|c| c.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(fields("databases")[0], "kind");
        assert!(fields("projects").contains(&"amounts_2027".to_string()));
        assert!(fields("indicators").contains(&"target_2026".to_string()));
        assert_eq!(fields("systems")[0], "name");
        assert!(sheet_columns("salaries", &[2026]).is_none());
    }

    #[test]
    fn headers_match_on_the_code_in_any_order_and_wrong_headers_are_refused() {
        let header =
            "Tên (name),Đơn vị (managing_unit),Cấp độ (level),approved,decision,meets_minimum";
        let (read, errors) = read(
            "systems",
            &columns("systems"),
            Format::Csv,
            format!("{header}\nCổng,VP,3,,,có\n").as_bytes(),
        )
        .expect("reads");
        assert!(errors.is_empty());
        assert_eq!(read[0].form["level"], "3");
        assert_eq!(read[0].form["meets_minimum"], "1");
        let swapped = "level,name,managing_unit,approved,decision,meets_minimum\n3,Cổng,VP,,,\n";
        assert_eq!(
            super::read(
                "systems",
                &columns("systems"),
                Format::Csv,
                swapped.as_bytes()
            )
            .expect("reads")
            .0[0]
                .form["name"],
            "Cổng"
        );
        for wrong in [
            "name,level\nA,3\n",
            "name,managing_unit,level,approved,decision,meets_minimum,salary\n",
            "name,name,level,approved,decision,meets_minimum\n",
        ] {
            let e = super::read(
                "systems",
                &columns("systems"),
                Format::Csv,
                wrong.as_bytes(),
            )
            .expect_err("wrong header");
            assert_eq!(e.key, "import.err_header");
        }
    }

    #[test]
    fn formulas_are_refused_and_neutralized_text_comes_back_as_typed() {
        let body = "Cổng,=SUM(A1:A9),3,,,\n'-Nội bộ,VP,3,,,\n";
        let (read, errors) = read(
            "systems",
            &columns("systems"),
            Format::Csv,
            csv("systems", body).as_bytes(),
        )
        .expect("reads");
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].line, errors[0].column.as_str(), errors[0].key),
            (2, "managing_unit", "import.err_formula")
        );
        assert_eq!(read[0].form["name"], "-Nội bộ");
        assert_eq!(neutralize("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralize("@cmd"), "'@cmd");
        assert_eq!(neutralize("Cổng"), "Cổng");
    }

    #[test]
    fn mis_encoded_oversized_and_overlong_files_are_refused_before_rows_are_read() {
        let latin1 = b"name,managing_unit,level,approved,decision,meets_minimum\nC\xf4ng,VP,3,,,\n";
        assert_eq!(
            read("systems", &columns("systems"), Format::Csv, latin1)
                .expect_err("latin-1")
                .key,
            "import.err_encoding"
        );
        let big = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(
            read("systems", &columns("systems"), Format::Csv, &big)
                .expect_err("big")
                .key,
            "import.err_too_big"
        );
        let many = csv("systems", &"A,B,3,,,\n".repeat(MAX_ROWS + 1));
        assert_eq!(
            read("systems", &columns("systems"), Format::Csv, many.as_bytes())
                .expect_err("rows")
                .key,
            "import.err_too_many_rows"
        );
        let long = csv("systems", &format!("{},B,3,,,\n", "a".repeat(MAX_CELL + 1)));
        let (_, errors) =
            read("systems", &columns("systems"), Format::Csv, long.as_bytes()).expect("reads");
        assert_eq!(errors[0].key, "import.err_cell_long");
    }

    #[test]
    fn a_zip_bomb_is_refused_by_what_it_unpacks_to() {
        use std::io::Write;
        let mut buffer = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buffer);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("xl/worksheets/sheet1.xml", options)
                .expect("entry");
            let zeros = vec![0u8; 1024 * 1024];
            for _ in 0..21 {
                zip.write_all(&zeros).expect("write");
            }
            zip.finish().expect("finish");
        }
        let bytes = buffer.into_inner();
        assert!(bytes.len() < MAX_BYTES, "small on disk: {}", bytes.len());
        let e = read("systems", &columns("systems"), Format::Xlsx, &bytes).expect_err("bomb");
        assert_eq!(e.key, "import.err_zip_size");
        let e = read("systems", &columns("systems"), Format::Xlsx, b"not a zip").expect_err("junk");
        assert_eq!(e.key, "import.err_not_xlsx");
    }

    #[test]
    fn databases_go_to_the_table_their_kind_names() {
        let body = "provincial,CSDL y tế,SYT,,1200,300,12,12\nregional,X,,,,,,\n";
        let (read, errors) = read(
            "databases",
            &columns("databases"),
            Format::Csv,
            csv("databases", body).as_bytes(),
        )
        .expect("reads");
        assert_eq!(read[0].table, "databases_provincial");
        assert_eq!(errors[0].key, "import.err_kind");
    }

    #[test]
    fn cell_names_are_spreadsheet_style() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 27), "AB7");
    }
}
