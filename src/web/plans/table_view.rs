//! A typed table as a section shows it: a list with its totals and the findings and comments
//! of each row, or one record of figures filled in place; and the inputs of a row's form. Built
//! from the plan's content as read once for the page, with no further reads.

use crate::app::catalogs::{Catalogs, Choice, Choices};
use crate::db::Comment;
use crate::domain::catalog::shown_by_code;
use crate::domain::content::PlanContent;
use crate::domain::findings::Finding;
use crate::domain::framework::FrameworkNode;
use crate::domain::ids::RowId;
use crate::domain::money::Money;
use crate::domain::round::Round;
use crate::domain::tables::{
    choice_key, row_form, spec, Column, Kind, Row, RowForm, Shape, TableSpec,
};
use crate::web::page::PageCtx;
use std::collections::BTreeMap;

/// A cell of a table as shown.
pub struct Cell {
    pub text: String,
    pub numeric: bool,
}

/// A heading of the list: a column, or a per-year column spanning its years.
pub struct Heading {
    pub label_key: String,
    pub span: usize,
    pub per_year: bool,
    pub numeric: bool,
}

pub struct RowView {
    pub id: RowId,
    pub version: i32,
    pub cells: Vec<Cell>,
    pub findings: Vec<Finding>,
    /// Reviewers' comments on the row.
    pub comments: Vec<Comment>,
}

/// One input of a row's form.
pub struct FieldView {
    pub name: String,
    pub label_key: String,
    /// `text`, `textarea`, `number`, `checkbox` or `select`.
    pub input: &'static str,
    pub value: String,
    pub required: bool,
    pub choices: Vec<Choice>,
    /// Per-year columns: one input per year.
    pub years: Vec<(i32, String, String)>,
}

pub struct Computed {
    pub label_key: String,
    pub value: String,
}

/// A table under its section.
pub struct TableView {
    pub spec: &'static TableSpec,
    /// The spreadsheet list the table moves in and out with.
    pub list: Option<&'static str>,
    pub node_key: String,
    pub years: Vec<i32>,
    pub headings: Vec<Heading>,
    pub rows: Vec<RowView>,
    pub sums: Vec<Cell>,
    /// For a record: its row (if stored), version, form and computed figures.
    pub record: Option<(Option<RowId>, i32)>,
    pub fields: Vec<FieldView>,
    pub computed: Vec<Computed>,
    /// Findings about the table as a whole (the plan's security share, a year's, …).
    pub findings: Vec<Finding>,
    /// The share of the table's spending on security, where it has both (the seed's 10% rule).
    pub security_share: Option<String>,
}

impl TableView {
    pub fn is_list(&self) -> bool {
        self.spec.shape == Shape::List
    }

    pub fn has_years(&self) -> bool {
        self.headings.iter().any(|h| h.per_year)
    }

    pub fn has_sums(&self) -> bool {
        self.spec.listed().any(|c| c.summed)
    }

    pub fn width(&self) -> usize {
        self.headings.iter().map(|h| h.span).sum::<usize>() + 2
    }
}

/// What is said about a plan's rows: the checks' findings and the reviewers' comments.
#[derive(Clone, Copy)]
pub struct Notes<'a> {
    pub findings: &'a [Finding],
    pub comments: &'a [Comment],
}

/// What a table is built from: the plan's round and content, and the choices of its catalogs.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub ctx: &'a PageCtx,
    pub round: &'a Round,
    pub content: &'a PlanContent,
    pub catalogs: &'a Catalogs,
}

fn cell_text(
    column: &Column,
    row: &Row,
    year: Option<i32>,
    choices: &Choices,
    ctx: &PageCtx,
) -> String {
    let shown = row.shown(column, year);
    match column.kind {
        Kind::Bool if !shown.is_empty() => "✓".into(),
        Kind::Choice(_) if !shown.is_empty() => ctx.t(&choice_key(&shown)).into(),
        Kind::Catalog(c) if !shown.is_empty() && !shown_by_code(c) => choices.label(c, &shown),
        _ => shown,
    }
}

/// The inputs of a row's form, filled with `form`.
pub fn fields(
    spec: &TableSpec,
    form: &RowForm,
    years: &[i32],
    choices: &Choices,
) -> Vec<FieldView> {
    let value = |name: &str| form.get(name).cloned().unwrap_or_default();
    spec.columns
        .iter()
        .map(|c| FieldView {
            name: c.name.to_string(),
            label_key: spec.label_key(c.name),
            input: match c.kind {
                Kind::LongText => "textarea",
                Kind::Bool => "checkbox",
                Kind::Choice(_) | Kind::Catalog(_) => "select",
                k if k.numeric() => "number",
                _ => "text",
            },
            value: value(c.name),
            required: c.required,
            choices: match c.kind {
                Kind::Choice(codes) => codes
                    .iter()
                    .map(|code| Choice {
                        code: code.to_string(),
                        label: choice_key(code),
                    })
                    .collect(),
                Kind::Catalog(catalog) => choices.of(catalog).to_vec(),
                _ => Vec::new(),
            },
            years: if c.per_year {
                years
                    .iter()
                    .map(|y| {
                        let name = format!("{}_{y}", c.name);
                        (*y, value(&name), name)
                    })
                    .collect()
            } else {
                Vec::new()
            },
        })
        .collect()
}

/// The computed figures of a row.
pub fn computed(spec: &TableSpec, row: &Row) -> Vec<Computed> {
    spec.computed
        .iter()
        .map(|c| Computed {
            label_key: spec.label_key(c.name),
            value: (c.value)(row).unwrap_or_else(|| "—".into()),
        })
        .collect()
}

/// The cells a column takes in a list: one per year of the period, or one.
fn slots(column: &Column, years: &[i32]) -> Vec<Option<i32>> {
    if column.per_year {
        years.iter().map(|y| Some(*y)).collect()
    } else {
        vec![None]
    }
}

/// The sums of the summed columns, by column and year.
type Sums = BTreeMap<(usize, Option<i32>), i64>;

fn row_view(
    source: Source<'_>,
    spec: &TableSpec,
    (id, row): &(RowId, Row),
    choices: &Choices,
    notes: Notes<'_>,
    sums: &mut Sums,
) -> RowView {
    let years = source.round.years();
    let mut cells = Vec::new();
    for (i, c) in spec.listed().enumerate() {
        for year in slots(c, &years) {
            if c.summed {
                let v = match year {
                    Some(y) => row.per_year(c.name).get(&y).copied().unwrap_or(0),
                    None => row.count(c.name).unwrap_or(0),
                };
                *sums.entry((i, year)).or_default() += v;
            }
            cells.push(Cell {
                text: cell_text(c, row, year, choices, source.ctx),
                numeric: c.kind.numeric(),
            });
        }
    }
    let shown_id = id.to_string();
    RowView {
        id: *id,
        version: source.content.row_version(*id),
        cells,
        findings: notes
            .findings
            .iter()
            .filter(|f| f.row.as_deref() == Some(shown_id.as_str()))
            .cloned()
            .collect(),
        comments: notes
            .comments
            .iter()
            .filter(|c| c.table_code.as_deref() == Some(spec.code) && c.row_id == Some(*id))
            .cloned()
            .collect(),
    }
}

fn sum_cells(spec: &TableSpec, years: &[i32], sums: &Sums) -> Vec<Cell> {
    let mut out = Vec::new();
    for (i, c) in spec.listed().enumerate() {
        for year in slots(c, years) {
            let sum = sums.get(&(i, year)).copied().unwrap_or(0);
            let text = if !c.summed {
                String::new()
            } else if matches!(c.kind, Kind::Count) {
                sum.to_string()
            } else {
                Money(sum).to_string()
            };
            out.push(Cell {
                text,
                numeric: true,
            });
        }
    }
    out
}

/// The share of the table's spending on security, where it has both columns.
fn security_share(spec: &TableSpec, rows: &[(RowId, Row)]) -> Option<String> {
    if spec.column("amounts").is_none() || spec.column("security").is_none() {
        return None;
    }
    let sum = |name| {
        rows.iter()
            .map(|(_, r)| r.per_year(name).values().sum::<i64>())
            .sum::<i64>()
    };
    Money::percent_of(Money(sum("security")), Money(sum("amounts")))
        .map(|p| format!("{p:.1}").replace('.', ","))
}

/// Builds the view of `spec` in a plan, with the findings and comments that point at it.
pub fn table_view(
    source: Source<'_>,
    node_key: &str,
    spec: &'static TableSpec,
    notes: Notes<'_>,
) -> TableView {
    let rows = source.content.rows(spec.code);
    let held: Vec<&Row> = rows.iter().map(|(_, r)| r).collect();
    let choices = source
        .catalogs
        .choices(source.round, source.ctx.lang, spec, &held);
    let years = source.round.years();
    let headings = spec
        .listed()
        .map(|c| Heading {
            label_key: spec.label_key(c.name),
            span: if c.per_year { years.len() } else { 1 },
            per_year: c.per_year,
            numeric: c.kind.numeric(),
        })
        .collect();
    let mut sums = Sums::new();
    let row_views = rows
        .iter()
        .map(|r| row_view(source, spec, r, &choices, notes, &mut sums))
        .collect();
    let (record, fields, computed) = match spec.shape {
        Shape::List => (None, Vec::new(), Vec::new()),
        Shape::Record => {
            let first = rows.first();
            let row = first.map(|(_, r)| r.clone()).unwrap_or_default();
            let form = row_form(spec, &row, years.iter().copied());
            let version = first.map_or(0, |(id, _)| source.content.row_version(*id));
            (
                Some((first.map(|(id, _)| *id), version)),
                self::fields(spec, &form, &years, &choices),
                self::computed(spec, &row),
            )
        }
    };
    TableView {
        security_share: security_share(spec, rows),
        spec,
        list: crate::domain::sheet::list_of(spec.code),
        node_key: node_key.to_string(),
        headings,
        sums: sum_cells(spec, &years, &sums),
        rows: row_views,
        record,
        fields,
        computed,
        findings: notes
            .findings
            .iter()
            .filter(|f| f.row.is_none() && f.node_key == node_key)
            .cloned()
            .collect(),
        years,
    }
}

/// The tables a section shows: its own and its companion.
pub fn section_tables(
    source: Source<'_>,
    node: &FrameworkNode,
    notes: Notes<'_>,
) -> Vec<TableView> {
    let Some(first) = node.table.as_deref().and_then(spec) else {
        return Vec::new();
    };
    std::iter::once(first)
        .chain(first.companion.and_then(spec))
        .map(|s| table_view(source, &node.key, s, notes))
        .collect()
}
