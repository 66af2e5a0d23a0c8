//! The typed tables of a plan (DESIGN §4), described as data: each table is a list of columns
//! of a few kinds, and one engine reads forms, checks values, shows cells, imports and exports
//! for all of them. A table's own cross-field rules live beside its columns in `specs`.

pub mod carry;
mod row;
pub mod rules;
mod specs;

pub use row::{parse_row, read_row, row_form, Allowed, Row, RowContext, RowForm};
pub use specs::{spec, LIST_TABLES, SPECS};

use super::validation::FieldErrors;

/// What a column holds, and so how it is typed, checked and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text, at most this many characters.
    Text(usize),
    /// Several lines of text (at most 2 000 characters).
    LongText,
    /// A whole number, not negative.
    Count,
    /// Millions of đồng (`1.250,5`), not negative.
    Money,
    /// A number with up to three decimals, not negative (an indicator's value).
    Decimal,
    /// A percentage, 0–100.
    Percent,
    /// A year, 2000–2100.
    Year,
    /// Yes or no.
    Bool,
    /// One of fixed codes; each code's label is the text `choice.CODE` (`choice_key`).
    Choice(&'static [&'static str]),
    /// A code of a catalog kept in the database (funding sources, task groups, …).
    Catalog(&'static str),
    /// Codes of a catalog, as many as apply, written `a, c, đ` (the annual plan's focus items
    /// a task serves).
    CatalogList(&'static str),
    /// A month, typed `MM/YYYY`, not in the future.
    MonthYear,
}

/// The text naming a fixed choice of a `Kind::Choice` column: `choice.not_started`.
pub fn choice_key(code: &str) -> String {
    format!("choice.{code}")
}

impl Kind {
    /// Shown right-aligned.
    pub fn numeric(self) -> bool {
        matches!(
            self,
            Kind::Count | Kind::Money | Kind::Decimal | Kind::Percent | Kind::Year
        )
    }
}

/// One column of a typed table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// One value per year of the plan's period (`amounts_2026`, …).
    pub per_year: bool,
    /// Shown in the table's list; the others only on the row's form.
    pub listed: bool,
    /// Added up in the table's footer.
    pub summed: bool,
}

/// A list of rows, or one record of figures (infrastructure, human resources, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    List,
    Record,
}

/// A figure computed from a row's values, shown beside them and never stored.
#[derive(Debug, Clone, Copy)]
pub struct Computed {
    pub name: &'static str,
    pub value: fn(&Row) -> Option<String>,
}

/// A typed table of the seed.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    /// The code frameworks use to place the table.
    pub code: &'static str,
    pub shape: Shape,
    /// Column labels are the texts `col.LABELS.NAME` (the three database tables share theirs).
    pub labels: &'static str,
    pub columns: &'static [Column],
    pub computed: &'static [Computed],
    /// The column that names a row in lists, the audit log and messages.
    pub title_column: &'static str,
    /// Cross-field rules of one row (errors, refused on save).
    pub check: fn(&Row, &RowContext, &mut FieldErrors),
    /// A table shown and filled together with this one (the budget beside the funding).
    pub companion: Option<&'static str>,
}

impl TableSpec {
    pub fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The text naming a column or a computed figure of the table: `col.LABELS.NAME`.
    pub fn label_key(&self, column: &str) -> String {
        format!("col.{}.{}", self.labels, column)
    }

    /// The text naming the table.
    pub fn title_key(&self) -> String {
        format!("table.{}", self.code)
    }

    pub fn listed(&self) -> impl Iterator<Item = &'static Column> {
        self.columns.iter().filter(|c| c.listed)
    }
}
