//! The columns of the documents' tables, in one place: for a table spec and a period, the
//! columns a document prints (heading, band, weight, alignment, one per year for a per-year
//! column, added up or not) and the text of a row's cells. The plan's body tables and
//! appendices, and the province's summary tables and sheets, all lay their tables out from here.
//!
//! What the seed's sample tables need beyond the specs — the `TT` column, the bands over merged
//! headings, the weights that give long text room — is small presentation data in `layouts`.

pub mod layouts;
mod spec;

pub use spec::{listed_columns, sum_text, Heading, Layout, Shown, What, Wording};

use super::model::{Align, Cell, ColumnSpec, RowKind, Table, TableRow};
use crate::domain::money::Money;
use crate::domain::tables::{Column, Kind};
use std::collections::BTreeMap;

/// The unit of the tables of amounts, shown above them.
pub const MILLIONS: &str = "Đơn vị tính: triệu đồng";

/// A column of a document table: its heading, where that sits in the header rows, its share of
/// the width, how its cells align and what they show.
#[derive(Debug, Clone)]
pub struct DocColumn {
    /// Its heading; under a band, its own heading there (a year, `Tổng số`).
    pub heading: String,
    /// The heading over a band of neighbouring columns it sits under (`Phân theo năm`).
    pub band: Option<String>,
    /// Relative width, as [`ColumnSpec::weight`].
    pub weight: u16,
    pub align: Align,
    pub shows: Shows,
}

/// What the cells of a column show.
#[derive(Debug, Clone, Copy)]
pub enum Shows {
    /// The row's number in its table or group (`TT`).
    Number,
    /// A spec column's value; of one year for a per-year column.
    Value(&'static Column, Option<i32>),
    /// A task's years, `2021 - 2023`, marked when the task continues an earlier plan's.
    Years,
    /// A per-year column's sum over the period.
    YearsTotal(&'static Column),
    /// A yes-or-no column in the words given for yes and for no.
    YesNo(&'static Column, &'static str, &'static str),
    /// A figure the table computes itself (the province's summaries).
    Figure,
}

impl Shows {
    /// The spec column whose values its cells show or add up.
    pub fn column(self) -> Option<&'static Column> {
        match self {
            Shows::Value(c, _) | Shows::YearsTotal(c) | Shows::YesNo(c, _, _) => Some(c),
            Shows::Number | Shows::Years | Shows::Figure => None,
        }
    }

    /// The same cell for another spec column: the funding's security spending in the places
    /// of its amounts.
    pub fn over(self, other: &'static Column) -> Self {
        match self {
            Shows::Value(_, year) => Shows::Value(other, year),
            Shows::YearsTotal(_) => Shows::YearsTotal(other),
            Shows::YesNo(_, yes, no) => Shows::YesNo(other, yes, no),
            shows => shows,
        }
    }
}

impl DocColumn {
    /// The numbering column, `TT`, centred.
    pub fn number(weight: u16) -> Self {
        Self {
            heading: "TT".into(),
            band: None,
            weight,
            align: Align::Center,
            shows: Shows::Number,
        }
    }

    /// A column of figures the table computes itself.
    pub fn figure(heading: impl Into<String>, weight: u16, align: Align) -> Self {
        Self {
            heading: heading.into(),
            band: None,
            weight,
            align,
            shows: Shows::Figure,
        }
    }

    /// The column placed under a band.
    pub fn under(mut self, band: impl Into<String>) -> Self {
        self.band = Some(band.into());
        self
    }

    /// Added up in group and total rows: the spec says which columns are.
    pub fn summed(&self) -> bool {
        match self.shows {
            Shows::Value(c, _) | Shows::YearsTotal(c) => c.summed,
            _ => false,
        }
    }

    /// The year of a per-year column's cells.
    pub fn year(&self) -> Option<i32> {
        match self.shows {
            Shows::Value(_, year) => year,
            _ => None,
        }
    }

    /// Its cells hold amounts of money.
    pub fn money(&self) -> bool {
        matches!(
            self.shows,
            Shows::Value(c, _) | Shows::YearsTotal(c) if c.kind == Kind::Money
        )
    }
}

/// A bold, centred header cell.
pub fn head(text: impl Into<String>) -> Cell {
    Cell::bold(text).aligned(Align::Center)
}

pub fn row(kind: RowKind, cells: Vec<Cell>) -> TableRow {
    TableRow { kind, cells }
}

/// The header rows of columns: one, or two when some sit under a band — the band's heading over
/// them and their own headings below, every other heading across both rows.
pub fn header_rows(columns: &[DocColumn]) -> Vec<TableRow> {
    let depth = if columns.iter().any(|c| c.band.is_some()) {
        2
    } else {
        1
    };
    let (mut first, mut second) = (Vec::new(), Vec::new());
    let mut at = 0;
    while at < columns.len() {
        let column = &columns[at];
        match &column.band {
            None => {
                first.push(head(&column.heading).span(1, depth));
                at += 1;
            }
            Some(band) => {
                let members = columns[at..]
                    .iter()
                    .take_while(|c| c.band.as_ref() == Some(band))
                    .count();
                first.push(head(band).span(members as u16, 1));
                second.extend(columns[at..at + members].iter().map(|c| head(&c.heading)));
                at += members;
            }
        }
    }
    let mut rows = vec![row(RowKind::Header, first)];
    if depth == 2 {
        rows.push(row(RowKind::Header, second));
    }
    rows
}

/// A table of `columns`: their header rows, then `body` (data, group and total rows).
pub fn table(columns: &[DocColumn], body: Vec<TableRow>, unit: Option<&str>) -> Table {
    let mut rows = header_rows(columns);
    rows.extend(body);
    Table {
        columns: columns
            .iter()
            .map(|c| ColumnSpec {
                weight: c.weight,
                align: c.align,
            })
            .collect(),
        rows,
        unit: unit.map(String::from),
    }
}

/// Where the figures of a table start: the first column added up. A group's or the total's
/// label spans the columns before it.
pub fn first_figure(columns: &[DocColumn]) -> usize {
    columns
        .iter()
        .position(DocColumn::summed)
        .unwrap_or(columns.len())
}

/// A group's or the total's row: `lead` over the columns before the first figure, then each
/// later column's `figure`, bold, or a blank cell for a column not added up.
pub fn figures_row(
    kind: RowKind,
    lead: Vec<Cell>,
    columns: &[DocColumn],
    figure: impl Fn(&DocColumn) -> String,
) -> TableRow {
    let mut cells = lead;
    cells.extend(columns[first_figure(columns)..].iter().map(|c| {
        if c.summed() {
            Cell::bold(figure(c))
        } else {
            Cell::text("")
        }
    }));
    row(kind, cells)
}

/// An amount as the tables print a figure they add up: nothing for zero, as a blank cell
/// reads in a plan's tables.
pub fn amount_or_blank(value: Money) -> String {
    if value == Money::ZERO {
        String::new()
    } else {
        value.to_string()
    }
}

/// A catalog code's wording on the round's date, or the code itself when the catalog has none.
pub fn catalog_name(
    names: &BTreeMap<(String, String), String>,
    catalog: &str,
    code: &str,
) -> String {
    names
        .get(&(catalog.to_string(), code.to_string()))
        .cloned()
        .unwrap_or_else(|| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tables::spec;

    fn spec_column(table: &str, name: &str) -> &'static Column {
        spec(table)
            .and_then(|s| s.column(name))
            .expect("a specified column")
    }

    #[test]
    fn banded_columns_take_two_header_rows_and_the_others_span_both() {
        let amounts = spec_column("funding", "amounts");
        let columns = vec![
            DocColumn::number(4),
            DocColumn::figure("Tên", 20, Align::Left),
            DocColumn {
                shows: Shows::Value(amounts, Some(2026)),
                ..DocColumn::figure("2026", 6, Align::Right).under("Phân theo năm")
            },
            DocColumn {
                shows: Shows::Value(amounts, Some(2027)),
                ..DocColumn::figure("2027", 6, Align::Right).under("Phân theo năm")
            },
        ];
        let rows = header_rows(&columns);
        let texts: Vec<Vec<(String, u16, u16)>> = rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| (c.plain_text(), c.colspan, c.rowspan))
                    .collect()
            })
            .collect();
        assert_eq!(
            texts,
            [
                vec![
                    ("TT".to_string(), 1, 2),
                    ("Tên".to_string(), 1, 2),
                    ("Phân theo năm".to_string(), 2, 1)
                ],
                vec![("2026".to_string(), 1, 1), ("2027".to_string(), 1, 1)]
            ]
        );
        assert_eq!(first_figure(&columns), 2);
        let total = figures_row(
            RowKind::Total,
            vec![Cell::bold("Tổng cộng").span(2, 1)],
            &columns,
            |c| c.year().map(|y| y.to_string()).unwrap_or_default(),
        );
        let cells: Vec<String> = total.cells.iter().map(Cell::plain_text).collect();
        assert_eq!(cells, ["Tổng cộng", "2026", "2027"]);
    }

    #[test]
    fn columns_without_bands_take_one_header_row() {
        let rows = header_rows(&[
            DocColumn::number(2),
            DocColumn::figure("Nội dung", 14, Align::Left),
        ]);
        assert_eq!(rows.len(), 1);
        assert!(rows[0].cells.iter().all(|c| c.rowspan == 1));
    }
}
