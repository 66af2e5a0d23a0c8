//! The plan's wide tables as landscape appendices in the shape of the seed's sample table:
//! the columns from the tables' layouts, merged headers, tasks grouped by task group with
//! their subtotals, databases by kind, funding with its totals, amounts in millions of đồng.

use super::outline::Outline;
use super::PlanSource;
use crate::domain::ids::RowId;
use crate::domain::tables::{spec, Row};
use crate::export::columns::layouts::{
    task_group_key, task_group_title, DATABASES, FUNDING, INDICATORS, SYSTEMS, TASKS,
};
use crate::export::columns::{
    figures_row, first_figure, row, sum_text, table, DocColumn, Layout, MILLIONS,
};
use crate::export::model::{roman, Align, Appendix, Block, Cell, RowKind, Table, TableRow};
use std::collections::BTreeMap;

/// The appendices a plan can have, each gathering one or more tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum AppendixKind {
    Databases,
    Systems,
    Indicators,
    Funding,
    Tasks,
}

impl AppendixKind {
    /// The appendix that shows a table, if it is shown in one.
    pub(super) fn of(table: &str) -> Option<Self> {
        [
            Self::Databases,
            Self::Systems,
            Self::Indicators,
            Self::Funding,
            Self::Tasks,
        ]
        .into_iter()
        .find(|kind| kind.tables().contains(&table))
    }

    /// The tables it gathers, in the order it shows them.
    fn tables(self) -> &'static [&'static str] {
        match self {
            Self::Databases => &[
                "databases_national",
                "databases_central",
                "databases_provincial",
            ],
            Self::Systems => &["information_systems"],
            Self::Indicators => &["indicators"],
            Self::Funding => &["funding"],
            Self::Tasks => &["tasks"],
        }
    }

    fn has_rows(self, src: &PlanSource) -> bool {
        self.tables().iter().any(|t| !src.rows(t).is_empty())
    }
}

/// The appendices a plan has: their tables are in its kind of plan and hold rows, in the
/// order the body first cites them.
pub(super) fn appendix_order(src: &PlanSource, outline: &Outline) -> Vec<AppendixKind> {
    let mut out = Vec::new();
    for (node, _, _) in &outline.entries {
        let Some(table) = node.table.as_deref() else {
            continue;
        };
        if let Some(kind) = AppendixKind::of(table) {
            if !out.contains(&kind) && kind.has_rows(src) {
                out.push(kind);
            }
        }
    }
    out
}

pub(super) fn appendix(
    src: &PlanSource,
    kind: AppendixKind,
    number: String,
    reference: String,
) -> Appendix {
    let period = src.period_upper();
    let (title, table) = match kind {
        AppendixKind::Databases => (
            "DANH MỤC CƠ SỞ DỮ LIỆU, HỆ THỐNG THÔNG TIN CHUYÊN NGÀNH".to_string(),
            databases_table(src),
        ),
        AppendixKind::Systems => (
            "DANH MỤC HỆ THỐNG THÔNG TIN VÀ CẤP ĐỘ AN TOÀN HỆ THỐNG THÔNG TIN".to_string(),
            listed_table(src, &SYSTEMS),
        ),
        AppendixKind::Indicators => (
            format!("MỤC TIÊU, CHỈ TIÊU {period}"),
            listed_table(src, &INDICATORS),
        ),
        AppendixKind::Funding => (
            format!("KINH PHÍ THỰC HIỆN THEO NGUỒN VỐN {period}"),
            funding_table(src),
        ),
        AppendixKind::Tasks => (
            format!("DANH MỤC NHIỆM VỤ, DỰ ÁN {period}"),
            tasks_table(src),
        ),
    };
    Appendix {
        number,
        title,
        reference,
        landscape: true,
        blocks: vec![Block::Table(table)],
    }
}

/// The rows of a table without their ids.
fn plain(rows: &[(RowId, Row)]) -> Vec<&Row> {
    rows.iter().map(|(_, r)| r).collect()
}

/// The body rows of `rows`, numbered from 1.
fn numbered(src: &PlanSource, columns: &[DocColumn], rows: &[&Row]) -> Vec<TableRow> {
    let words = src.wording();
    rows.iter()
        .enumerate()
        .map(|(i, r)| row(RowKind::Body, words.cells(columns, i + 1, r)))
        .collect()
}

/// A table of one list, row after row (information systems, indicators).
fn listed_table(src: &PlanSource, layout: &Layout) -> Table {
    let columns = layout.columns(&src.round, src.text);
    let rows = numbered(src, &columns, &plain(src.rows(layout.table)));
    table(&columns, rows, None)
}

/// Tasks by task group, in the groups' order, each group with its subtotals, then the total.
fn tasks_table(src: &PlanSource) -> Table {
    let columns = TASKS.columns(&src.round, src.text);
    let lead = first_figure(&columns);
    let mut groups: BTreeMap<(i64, String), Vec<&Row>> = BTreeMap::new();
    for (_, r) in src.rows(TASKS.table) {
        let code = r.text("task_group").unwrap_or_default();
        groups.entry(task_group_key(code)).or_default().push(r);
    }
    let mut rows = Vec::new();
    for (i, ((_, code), members)) in groups.iter().enumerate() {
        let title = vec![
            Cell::bold(roman(i as u32 + 1)).aligned(Align::Center),
            Cell::bold(task_group_title(&src.catalog_names, code))
                .span(lead as u16 - 1, 1)
                .aligned(Align::Left),
        ];
        rows.push(figures_row(RowKind::Group, title, &columns, |c| {
            sum_text(members, c)
        }));
        rows.extend(numbered(src, &columns, members));
    }
    let all = plain(src.rows(TASKS.table));
    let label = Cell::bold("Tổng cộng")
        .span(lead as u16, 1)
        .aligned(Align::Center);
    rows.push(figures_row(RowKind::Total, vec![label], &columns, |c| {
        sum_text(&all, c)
    }));
    table(&columns, rows, Some(MILLIONS))
}

/// The three kinds of databases, each kind a group titled by its table's name.
fn databases_table(src: &PlanSource) -> Table {
    let columns = DATABASES.columns(&src.round, src.text);
    let mut rows = Vec::new();
    let mut group = 0;
    for table in AppendixKind::Databases.tables() {
        let members = plain(src.rows(table));
        if members.is_empty() {
            continue;
        }
        group += 1;
        rows.push(row(
            RowKind::Group,
            vec![
                Cell::bold(roman(group)).aligned(Align::Center),
                Cell::bold(
                    crate::domain::tables::spec(table).map_or("", |s| (src.text)(&s.title_key())),
                )
                .span(columns.len() as u16 - 1, 1)
                .aligned(Align::Left),
            ],
        ));
        rows.extend(numbered(src, &columns, &members));
    }
    table(&columns, rows, None)
}

/// Funding by source, then the total and, within it, the security spending.
fn funding_table(src: &PlanSource) -> Table {
    let columns = FUNDING.columns(&src.round, src.text);
    let funding = plain(src.rows(FUNDING.table));
    let mut rows = numbered(src, &columns, &funding);
    let lead = first_figure(&columns) as u16;
    let label = |text: &str| Cell::bold(text).span(lead, 1).aligned(Align::Left);
    rows.push(figures_row(
        RowKind::Total,
        vec![label("Tổng cộng")],
        &columns,
        |c| sum_text(&funding, c),
    ));
    // The security spending is a per-year column like the amounts: its sums go in their places.
    if let Some(security) = spec(FUNDING.table).and_then(|s| s.column("security")) {
        rows.push(figures_row(
            RowKind::Total,
            vec![label("Trong đó: kinh phí bảo đảm an toàn thông tin")],
            &columns,
            |c| {
                let over = DocColumn {
                    shows: c.shows.over(security),
                    ..c.clone()
                };
                sum_text(&funding, &over)
            },
        ));
    }
    table(&columns, rows, Some(MILLIONS))
}
