//! Document columns derived from a table's spec: each shown column's heading is the spec's
//! label, its alignment follows its kind, a per-year column becomes one column a year under a
//! band, and what is added up is what the spec sums. Rows of the table are worded here too.

use super::{amount_or_blank, catalog_name, DocColumn, Shows};
use crate::domain::money::Money;
use crate::domain::round::Round;
use crate::domain::tables::{spec, Column, Kind, Row, TableSpec};
use crate::export::model::{short_date, Align, Cell};
use std::collections::BTreeMap;

/// What a shown column holds.
#[derive(Debug, Clone, Copy)]
pub enum What {
    /// A column of the spec, by name; a per-year column spreads over the period's years.
    Column(&'static str),
    /// A task's years from its `start_year`, `end_year` and `continuing` columns.
    Years,
    /// A per-year column of the spec, by name, summed over the period.
    YearsTotal(&'static str),
    /// A yes-or-no column of the spec, by name, in the words given for yes and for no.
    YesNo(&'static str, &'static str, &'static str),
}

/// A shown column's heading.
#[derive(Debug, Clone, Copy)]
pub enum Heading {
    /// The spec's label of its column (per-year columns: the year).
    Label,
    /// Words of the sample table's own (`Tổng số` under `Số bản ghi`).
    Text(&'static str),
    /// Words followed by the round's cut-off date (`Cập nhật từ ngày 29/7/2020`).
    SinceCutoff(&'static str),
}

/// How a table shows one of its columns beyond what the spec says: its share of the width, an
/// alignment other than its kind's, and where the sample table's header puts it.
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    pub what: What,
    pub weight: u16,
    /// `None`: figures to the right, words to the left.
    pub align: Option<Align>,
    /// The heading over the band it sits under. A per-year column's years always sit under
    /// one: by default its label.
    pub band: Option<&'static str>,
    pub heading: Heading,
}

impl Shown {
    pub const fn new(what: What, weight: u16) -> Self {
        Self {
            what,
            weight,
            align: None,
            band: None,
            heading: Heading::Label,
        }
    }

    /// A column of the spec, by name.
    pub const fn column(name: &'static str, weight: u16) -> Self {
        Self::new(What::Column(name), weight)
    }

    pub const fn align(mut self, align: Align) -> Self {
        self.align = Some(align);
        self
    }

    pub const fn band(mut self, band: &'static str) -> Self {
        self.band = Some(band);
        self
    }

    pub const fn heading(mut self, heading: &'static str) -> Self {
        self.heading = Heading::Text(heading);
        self
    }

    pub const fn since_cutoff(mut self, heading: &'static str) -> Self {
        self.heading = Heading::SinceCutoff(heading);
        self
    }
}

/// The columns of one table as a document prints them: which table's spec, the numbering
/// column's weight, then the columns shown.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// The spec's code; the three database tables share their columns and labels.
    pub table: &'static str,
    pub number_weight: u16,
    pub columns: &'static [Shown],
}

impl Layout {
    /// The document columns of the layout for `round`'s period, labels from `text`.
    pub fn columns(&self, round: &Round, text: fn(&str) -> &'static str) -> Vec<DocColumn> {
        match spec(self.table) {
            Some(spec) => derive(spec, self.number_weight, self.columns, round, text),
            // Layouts name specified tables (a test holds them to it); nothing to show else.
            None => Vec::new(),
        }
    }
}

/// The columns of a small table of the body: the numbering column, then the spec's listed
/// columns with weights by kind — long text widest, then the column naming the row.
pub fn listed_columns(
    spec: &'static TableSpec,
    round: &Round,
    text: fn(&str) -> &'static str,
) -> Vec<DocColumn> {
    let shown: Vec<Shown> = spec
        .listed()
        .map(|c| {
            let weight = match c.kind {
                k if k.numeric() => 4,
                Kind::LongText => 12,
                _ if c.name == spec.title_column => 8,
                _ => 6,
            };
            Shown::column(c.name, weight)
        })
        .collect();
    derive(spec, 2, &shown, round, text)
}

impl What {
    /// What its cells show, or `None` for a column its spec does not have.
    fn shows(self, spec: &TableSpec) -> Option<Shows> {
        let column = |name| spec.column(name);
        Some(match self {
            What::Column(name) => Shows::Value(column(name)?, None),
            What::Years => Shows::Years,
            What::YearsTotal(name) => Shows::YearsTotal(column(name)?),
            What::YesNo(name, yes, no) => Shows::YesNo(column(name)?, yes, no),
        })
    }
}

/// The numbering column, then a document column for each shown column of `spec`, or one a
/// year for a per-year column.
fn derive(
    spec: &'static TableSpec,
    number_weight: u16,
    shown: &[Shown],
    round: &Round,
    text: fn(&str) -> &'static str,
) -> Vec<DocColumn> {
    let mut out = vec![DocColumn::number(number_weight)];
    for s in shown {
        let Some(shows) = s.what.shows(spec) else {
            continue;
        };
        let heading = match s.heading {
            Heading::Text(words) => words.to_string(),
            Heading::SinceCutoff(words) => format!("{words} {}", short_date(round.cutoff_date)),
            Heading::Label => shows
                .column()
                .map(|c| text(&spec.label_key(c.name)).to_string())
                .unwrap_or_default(),
        };
        let numeric = match shows {
            Shows::Value(c, _) => c.kind.numeric(),
            Shows::YearsTotal(_) => true,
            _ => false,
        };
        let column = DocColumn {
            heading,
            band: s.band.map(String::from),
            weight: s.weight,
            align: s
                .align
                .unwrap_or(if numeric { Align::Right } else { Align::Left }),
            shows,
        };
        match shows {
            Shows::Value(c, None) if c.per_year => out.extend(by_year(&column, c, round)),
            _ => out.push(column),
        }
    }
    out
}

/// A per-year column as one column a year of the period, headed by the year, under its band:
/// by default its label.
fn by_year(column: &DocColumn, per_year: &'static Column, round: &Round) -> Vec<DocColumn> {
    let band = column
        .band
        .clone()
        .unwrap_or_else(|| column.heading.clone());
    round
        .years()
        .into_iter()
        .map(|year| DocColumn {
            heading: year.to_string(),
            band: Some(band.clone()),
            shows: Shows::Value(per_year, Some(year)),
            ..column.clone()
        })
        .collect()
}

/// What the cells of a plan's tables need to word its codes.
#[derive(Clone, Copy)]
pub struct Wording<'a> {
    /// The Vietnamese text of a message key (labels, choices).
    pub text: fn(&str) -> &'static str,
    /// Catalog wording by catalog and code.
    pub catalog_names: &'a BTreeMap<(String, String), String>,
    /// Legal documents by number, as cited.
    pub legal: &'a BTreeMap<String, String>,
}

impl Wording<'_> {
    /// A value as the document prints it: amounts and counts in the Vietnamese format, yes as
    /// `Có`, choices and catalog codes by their wording.
    pub fn value(&self, column: &Column, row: &Row, year: Option<i32>) -> String {
        let shown = row.shown(column, year);
        if shown.is_empty() {
            return shown;
        }
        match column.kind {
            Kind::Bool => "Có".into(),
            Kind::Choice(_) => (self.text)(&crate::domain::tables::choice_key(&shown)).to_string(),
            // Codes read better than names in narrow columns (level 3, group 5).
            Kind::Catalog("security_level" | "task_group") => shown,
            Kind::Catalog("legal") => self.legal.get(&shown).cloned().unwrap_or(shown),
            Kind::Catalog(c) => catalog_name(self.catalog_names, c, &shown),
            _ => shown,
        }
    }

    /// The text of a cell of `row` in `column`, the row numbered `number`.
    pub fn cell_text(&self, column: &DocColumn, number: usize, row: &Row) -> String {
        match column.shows {
            Shows::Number => number.to_string(),
            Shows::Value(c, year) => self.value(c, row, year),
            Shows::Years => task_years(row),
            Shows::YearsTotal(c) => Money(row.per_year(c.name).values().sum()).to_string(),
            Shows::YesNo(c, yes, no) => (if row.bool(c.name) { yes } else { no }).to_string(),
            Shows::Figure => String::new(),
        }
    }

    /// A row's cells in the order of `columns`, the row numbered `number`.
    pub fn cells(&self, columns: &[DocColumn], number: usize, row: &Row) -> Vec<Cell> {
        columns
            .iter()
            .map(|c| Cell::text(self.cell_text(c, number, row)))
            .collect()
    }
}

/// `2021 - 2023`, or one year; `(chuyển tiếp)` below for a task continued from a plan before.
fn task_years(row: &Row) -> String {
    let mut time = match (row.count("start_year"), row.count("end_year")) {
        (Some(s), Some(e)) if s != e => format!("{s} - {e}"),
        (Some(s), _) => s.to_string(),
        (None, Some(e)) => e.to_string(),
        (None, None) => String::new(),
    };
    if row.bool("continuing") {
        time.push_str("\n(chuyển tiếp)");
    }
    time
}

/// A column's sum over `rows`, in its own format. Nothing is written for a value column's sum
/// of nothing; a total over the years is a figure even then (`0`).
pub fn sum_text(rows: &[&Row], column: &DocColumn) -> String {
    match column.shows {
        Shows::Value(c, year) => {
            let total: i64 = rows.iter().map(|r| value_of(r, c, year)).sum();
            match c.kind {
                Kind::Count => amount_or_blank(Money(total.saturating_mul(1000))),
                _ => amount_or_blank(Money(total)),
            }
        }
        Shows::YearsTotal(c) => {
            let total: i64 = rows
                .iter()
                .flat_map(|r| r.per_year(c.name).into_values())
                .sum();
            Money(total).to_string()
        }
        _ => String::new(),
    }
}

fn value_of(row: &Row, column: &Column, year: Option<i32>) -> i64 {
    match year {
        Some(y) => row.per_year(column.name).get(&y).copied().unwrap_or(0),
        None => row.money(column.name),
    }
}
