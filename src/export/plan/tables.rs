//! The plan's small tables in the body: a record's figures as label and value, or a short
//! list with its listed columns and, when it adds some up, a total row.

use super::PlanSource;
use crate::domain::tables::{Row, Shape, TableSpec};
use crate::export::columns::{
    figures_row, first_figure, listed_columns, row, sum_text, table, DocColumn, MILLIONS,
};
use crate::export::model::{Align, Cell, RowKind, Table};

/// A small table of the body: a record's figures as label and value, or a list's rows.
pub(super) fn inline_table(src: &PlanSource, spec: &'static TableSpec) -> Option<Table> {
    let rows = src.rows(spec.code);
    let (_, first) = rows.first()?;
    match spec.shape {
        Shape::Record => record_table(src, spec, first),
        Shape::List => {
            let rows: Vec<&Row> = rows.iter().map(|(_, r)| r).collect();
            Some(list_table(src, spec, &rows))
        }
    }
}

/// A record's figures, one a line: `TT | Nội dung | Số liệu`, the empty ones left out.
fn record_table(src: &PlanSource, spec: &TableSpec, record: &Row) -> Option<Table> {
    let words = src.wording();
    let mut lines = Vec::new();
    for c in spec.columns {
        let years: Vec<Option<i32>> = if c.per_year {
            src.round.years().into_iter().map(Some).collect()
        } else {
            vec![None]
        };
        for year in years {
            let value = words.value(c, record, year);
            if value.is_empty() {
                continue;
            }
            let label = match year {
                Some(y) => format!("{} {y}", src.label(spec, c.name)),
                None => src.label(spec, c.name),
            };
            lines.push((label, value, c.kind.numeric()));
        }
    }
    for computed in spec.computed {
        if let Some(value) = (computed.value)(record) {
            lines.push((src.label(spec, computed.name), value, true));
        }
    }
    if lines.is_empty() {
        return None;
    }
    let columns = [
        DocColumn::number(2),
        DocColumn::figure("Nội dung", 14, Align::Left),
        DocColumn::figure("Số liệu", 8, Align::Right),
    ];
    let body = lines
        .into_iter()
        .enumerate()
        .map(|(i, (label, value, numeric))| {
            // Figures to the right, words (a unit's name, a note) to the left.
            let align = if numeric { Align::Right } else { Align::Left };
            row(
                RowKind::Body,
                vec![
                    Cell::text((i + 1).to_string()),
                    Cell::text(label),
                    Cell::text(value).aligned(align),
                ],
            )
        })
        .collect();
    Some(table(&columns, body, None))
}

/// A list's rows in its listed columns, with a total row when some of them are added up.
fn list_table(src: &PlanSource, spec: &'static TableSpec, rows: &[&Row]) -> Table {
    let columns = listed_columns(spec, &src.round, src.text);
    let words = src.wording();
    let mut body: Vec<_> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| row(RowKind::Body, words.cells(&columns, i + 1, r)))
        .collect();
    if columns.iter().any(DocColumn::summed) {
        let label = Cell::bold("Tổng cộng").span(first_figure(&columns) as u16, 1);
        body.push(figures_row(RowKind::Total, vec![label], &columns, |c| {
            sum_text(rows, c)
        }));
    }
    let money = columns.iter().any(|c| c.summed() && c.money());
    table(&columns, body, money.then_some(MILLIONS))
}
