//! The columns of a sheet: which lists there are and the tables each gathers, a list's columns
//! for a plan's years, and the header cells that name them both for people and for the import.

use crate::domain::tables::{spec, Column, Kind, TableSpec, LIST_TABLES};

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

/// The text naming a list's sheet (its tab, its file, its import page): `sheet.projects`.
pub fn list_title_key(list: &str) -> String {
    format!("sheet.{list}")
}

/// The text naming the kind column of a list that gathers several tables:
/// `sheet.databases.kind`.
pub fn kind_label_key(list: &str) -> String {
    format!("sheet.{list}.kind")
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
            label_key: kind_label_key(list),
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
pub(super) fn header_code(cell: &str) -> String {
    let cell = cell.trim().trim_start_matches('\u{feff}');
    let code = match (cell.rfind('('), cell.ends_with(')')) {
        (Some(open), true) => &cell[open + 1..cell.len() - 1],
        _ => cell,
    };
    code.trim().to_lowercase()
}
