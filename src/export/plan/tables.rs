//! The plan's tables as document tables: the small ones in the body (a record's figures, a
//! short list), and the appendices in the shape of the seed's sample table — merged headers,
//! rows grouped with their subtotals, a total row, amounts in millions of đồng.

use super::{appendix_tables, AppendixKind, PlanSource};
use crate::domain::ids::RowId;
use crate::domain::money::Money;
use crate::domain::tables::{spec, Column, Kind, Row, Shape, TableSpec};
use crate::export::model::{
    roman, short_date, Align, Appendix, Block, Cell, ColumnSpec, RowKind, Table, TableRow,
};
use std::collections::BTreeMap;

fn head(text: impl Into<String>) -> Cell {
    Cell::bold(text).aligned(Align::Center)
}

fn column(weight: u16, align: Align) -> ColumnSpec {
    ColumnSpec { weight, align }
}

fn row(kind: RowKind, cells: Vec<Cell>) -> TableRow {
    TableRow { kind, cells }
}

fn amount(value: i64) -> String {
    Money(value).to_string()
}

/// A small table of the body: a record's figures as label and value, or a list's rows.
pub(super) fn inline_table(src: &PlanSource, spec: &TableSpec) -> Option<Table> {
    let rows = src.rows(spec.code);
    let (_, first) = rows.first()?;
    match spec.shape {
        Shape::Record => {
            let mut lines = Vec::new();
            for c in spec.columns {
                for year in per_year(src, c) {
                    let value = src.value(c, first, year);
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
                if let Some(value) = (computed.value)(first) {
                    lines.push((src.label(spec, computed.name), value, true));
                }
            }
            if lines.is_empty() {
                return None;
            }
            let mut table_rows = vec![row(
                RowKind::Header,
                vec![head("TT"), head("Nội dung"), head("Số liệu")],
            )];
            for (i, (label, value, numeric)) in lines.into_iter().enumerate() {
                // Figures to the right, words (a unit's name, a note) to the left.
                let align = if numeric { Align::Right } else { Align::Left };
                table_rows.push(row(
                    RowKind::Body,
                    vec![
                        Cell::text((i + 1).to_string()),
                        Cell::text(label),
                        Cell::text(value).aligned(align),
                    ],
                ));
            }
            Some(Table {
                columns: vec![
                    column(2, Align::Center),
                    column(14, Align::Left),
                    column(8, Align::Right),
                ],
                rows: table_rows,
                unit: None,
            })
        }
        Shape::List => {
            let listed: Vec<&Column> = spec.listed().collect();
            let mut columns = vec![column(2, Align::Center)];
            let mut header = vec![head("TT")];
            for c in &listed {
                columns.push(column(
                    match c.kind {
                        k if k.numeric() => 4,
                        Kind::LongText => 12,
                        _ if c.name == spec.title_column => 8,
                        _ => 6,
                    },
                    if c.kind.numeric() {
                        Align::Right
                    } else {
                        Align::Left
                    },
                ));
                header.push(head(src.label(spec, c.name)));
            }
            let mut table_rows = vec![row(RowKind::Header, header)];
            for (i, (_, r)) in rows.iter().enumerate() {
                let mut cells = vec![Cell::text((i + 1).to_string())];
                cells.extend(listed.iter().map(|c| Cell::text(src.value(c, r, None))));
                table_rows.push(row(RowKind::Body, cells));
            }
            let money = listed.iter().any(|c| c.summed && c.kind == Kind::Money);
            if listed.iter().any(|c| c.summed) {
                let mut cells = vec![Cell::bold("Tổng cộng").span(2, 1)];
                for c in listed.iter().skip(1) {
                    cells.push(if c.summed {
                        Cell::bold(sum_text(rows, c, None))
                    } else {
                        Cell::text("")
                    });
                }
                table_rows.push(row(RowKind::Total, cells));
            }
            Some(Table {
                columns,
                rows: table_rows,
                unit: money.then(|| "Đơn vị tính: triệu đồng".to_string()),
            })
        }
    }
}

fn per_year(src: &PlanSource, c: &Column) -> Vec<Option<i32>> {
    if c.per_year {
        src.years().into_iter().map(Some).collect()
    } else {
        vec![None]
    }
}

/// The sum of a column over rows, in its own format.
/// Nothing is written for a sum of nothing, as a blank cell reads in a plan's tables.
fn sum_text(rows: &[(RowId, Row)], c: &Column, year: Option<i32>) -> String {
    let total: i64 = rows.iter().map(|(_, r)| value_of(r, c, year)).sum();
    if total == 0 {
        return String::new();
    }
    match c.kind {
        Kind::Count => amount(total.saturating_mul(1000)),
        _ => amount(total),
    }
}

fn value_of(r: &Row, c: &Column, year: Option<i32>) -> i64 {
    match year {
        Some(y) => r.per_year(c.name).get(&y).copied().unwrap_or(0),
        None => r.money(c.name),
    }
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
            systems_table(src),
        ),
        AppendixKind::Indicators => (
            format!("MỤC TIÊU, CHỈ TIÊU {period}"),
            indicators_table(src),
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

/// The header cells of a group of per-year columns: the group's title over the years.
fn year_heads(src: &PlanSource, title: &str) -> (Cell, Vec<Cell>) {
    let years = src.years();
    (
        head(title).span(years.len() as u16, 1),
        years.iter().map(|y| head(y.to_string())).collect(),
    )
}

fn tasks_table(src: &PlanSource) -> Table {
    let spec = spec("tasks").expect("the tasks table is specified");
    let c = |name: &str| spec.column(name).expect("a tasks column");
    let years = src.years();
    let (years_head, year_cells) = year_heads(src, "Kinh phí dự kiến theo năm");
    let mut columns = vec![
        column(5, Align::Center),
        column(22, Align::Left),
        column(9, Align::Left),
        column(26, Align::Left),
        column(7, Align::Center),
        column(8, Align::Right),
        column(8, Align::Left),
    ];
    columns.extend(years.iter().map(|_| column(6, Align::Right)));
    let mut first = vec![
        head("TT").span(1, 2),
        head(src.label(spec, "name")).span(1, 2),
        head(src.label(spec, "lead_unit")).span(1, 2),
        head(src.label(spec, "objective")).span(1, 2),
        head("Thời gian triển khai").span(1, 2),
        head(src.label(spec, "total")).span(1, 2),
        head(src.label(spec, "source")).span(1, 2),
    ];
    first.push(years_head);
    let mut rows = vec![
        row(RowKind::Header, first),
        row(RowKind::Header, year_cells),
    ];
    // Rows by task group, in the groups' order, each group with its subtotals.
    let mut groups: BTreeMap<(i64, String), Vec<&(RowId, Row)>> = BTreeMap::new();
    for r in src.rows("tasks") {
        let code = r.1.text("task_group").unwrap_or_default();
        groups
            .entry((code.parse().unwrap_or(i64::MAX), code))
            .or_default()
            .push(r);
    }
    let sums = |rows: &[&(RowId, Row)]| -> Vec<Cell> {
        let owned: Vec<(RowId, Row)> = rows.iter().map(|r| (*r).clone()).collect();
        let mut cells = vec![
            Cell::bold(sum_text(&owned, c("total"), None)),
            Cell::text(""),
        ];
        cells.extend(
            years
                .iter()
                .map(|y| Cell::bold(sum_text(&owned, c("amounts"), Some(*y)))),
        );
        cells
    };
    for (i, ((_, code), members)) in groups.iter().enumerate() {
        let name = if code.is_empty() {
            "Nhiệm vụ khác".to_string()
        } else {
            src.catalog("task_group", code)
        };
        let mut cells = vec![
            Cell::bold(roman(i as u32 + 1)).aligned(Align::Center),
            Cell::bold(name).span(4, 1).aligned(Align::Left),
        ];
        cells.extend(sums(members));
        rows.push(row(RowKind::Group, cells));
        for (n, (_, r)) in members.iter().enumerate() {
            let start = r.count("start_year");
            let end = r.count("end_year");
            let mut time = match (start, end) {
                (Some(s), Some(e)) if s != e => format!("{s} - {e}"),
                (Some(s), _) => s.to_string(),
                (None, Some(e)) => e.to_string(),
                (None, None) => String::new(),
            };
            if r.bool("continuing") {
                time.push_str("\n(chuyển tiếp)");
            }
            let mut cells = vec![
                Cell::text((n + 1).to_string()),
                Cell::text(src.value(c("name"), r, None)),
                Cell::text(src.value(c("lead_unit"), r, None)),
                Cell::text(src.value(c("objective"), r, None)),
                Cell::text(time),
                Cell::text(src.value(c("total"), r, None)),
                Cell::text(src.value(c("source"), r, None)),
            ];
            cells.extend(
                years
                    .iter()
                    .map(|y| Cell::text(src.value(c("amounts"), r, Some(*y)))),
            );
            rows.push(row(RowKind::Body, cells));
        }
    }
    let all: Vec<&(RowId, Row)> = src.rows("tasks").iter().collect();
    let mut total = vec![Cell::bold("Tổng cộng").span(5, 1).aligned(Align::Center)];
    total.extend(sums(&all));
    rows.push(row(RowKind::Total, total));
    Table {
        columns,
        rows,
        unit: Some("Đơn vị tính: triệu đồng".into()),
    }
}

fn systems_table(src: &PlanSource) -> Table {
    let spec = spec("information_systems").expect("the systems table is specified");
    let c = |name: &str| spec.column(name).expect("a systems column");
    let mut rows = vec![
        row(
            RowKind::Header,
            vec![
                head("TT").span(1, 2),
                head(src.label(spec, "name")).span(1, 2),
                head(src.label(spec, "managing_unit")).span(1, 2),
                head(src.label(spec, "level")).span(1, 2),
                head("Hồ sơ đề xuất cấp độ đã phê duyệt").span(2, 1),
                head(src.label(spec, "meets_minimum")).span(1, 2),
            ],
        ),
        row(RowKind::Header, vec![head("Tháng/năm"), head("Quyết định")]),
    ];
    for (i, (_, r)) in src.rows("information_systems").iter().enumerate() {
        let mut cells = vec![Cell::text((i + 1).to_string())];
        cells.extend(
            ["name", "managing_unit", "level", "approved", "decision"]
                .map(|n| Cell::text(src.value(c(n), r, None))),
        );
        cells.push(Cell::text(if r.bool("meets_minimum") {
            "Đáp ứng"
        } else {
            "Chưa đáp ứng"
        }));
        rows.push(row(RowKind::Body, cells));
    }
    Table {
        columns: vec![
            column(4, Align::Center),
            column(24, Align::Left),
            column(16, Align::Left),
            column(6, Align::Center),
            column(8, Align::Center),
            column(18, Align::Left),
            column(12, Align::Center),
        ],
        rows,
        unit: None,
    }
}

fn databases_table(src: &PlanSource) -> Table {
    let spec = spec("databases_national").expect("the databases table is specified");
    let c = |name: &str| spec.column(name).expect("a databases column");
    let mut rows = vec![
        row(
            RowKind::Header,
            vec![
                head("TT").span(1, 2),
                head(src.label(spec, "name")).span(1, 2),
                head(src.label(spec, "owner")).span(1, 2),
                head(src.label(spec, "address")).span(1, 2),
                head("Số bản ghi").span(2, 1),
                head("Số đơn vị khai thác").span(2, 1),
            ],
        ),
        row(
            RowKind::Header,
            vec![
                head("Tổng số"),
                head(format!(
                    "Cập nhật từ ngày {}",
                    short_date(src.round.cutoff_date)
                )),
                head("Theo mục tiêu"),
                head("Đã tham gia"),
            ],
        ),
    ];
    let mut group = 0;
    for table in appendix_tables(AppendixKind::Databases) {
        let members = src.rows(table);
        if members.is_empty() {
            continue;
        }
        group += 1;
        rows.push(row(
            RowKind::Group,
            vec![
                Cell::bold(roman(group)).aligned(Align::Center),
                Cell::bold((src.text)(&format!("table.{table}")))
                    .span(7, 1)
                    .aligned(Align::Left),
            ],
        ));
        for (i, (_, r)) in members.iter().enumerate() {
            let mut cells = vec![Cell::text((i + 1).to_string())];
            cells.extend(
                [
                    "name",
                    "owner",
                    "address",
                    "records_total",
                    "records_updated",
                    "units_targeted",
                    "units_using",
                ]
                .map(|n| Cell::text(src.value(c(n), r, None))),
            );
            rows.push(row(RowKind::Body, cells));
        }
    }
    Table {
        columns: vec![
            column(4, Align::Center),
            column(24, Align::Left),
            column(14, Align::Left),
            column(16, Align::Left),
            column(9, Align::Right),
            column(9, Align::Right),
            column(7, Align::Right),
            column(7, Align::Right),
        ],
        rows,
        unit: None,
    }
}

fn indicators_table(src: &PlanSource) -> Table {
    let spec = spec("indicators").expect("the indicators table is specified");
    let c = |name: &str| spec.column(name).expect("an indicators column");
    let years = src.years();
    let (years_head, year_cells) = year_heads(src, "Mục tiêu theo năm");
    let mut columns = vec![
        column(4, Align::Center),
        column(28, Align::Left),
        column(6, Align::Center),
        column(7, Align::Right),
    ];
    columns.extend(years.iter().map(|_| column(6, Align::Right)));
    columns.push(column(16, Align::Left));
    let mut rows = vec![
        row(
            RowKind::Header,
            vec![
                head("TT").span(1, 2),
                head(src.label(spec, "name")).span(1, 2),
                head(src.label(spec, "unit")).span(1, 2),
                head(src.label(spec, "baseline")).span(1, 2),
                years_head,
                head(src.label(spec, "national_target")).span(1, 2),
            ],
        ),
        row(RowKind::Header, year_cells),
    ];
    for (i, (_, r)) in src.rows("indicators").iter().enumerate() {
        let mut cells = vec![Cell::text((i + 1).to_string())];
        cells.extend(["name", "unit", "baseline"].map(|n| Cell::text(src.value(c(n), r, None))));
        cells.extend(
            years
                .iter()
                .map(|y| Cell::text(src.value(c("target"), r, Some(*y)))),
        );
        cells.push(Cell::text(src.value(c("national_target"), r, None)));
        rows.push(row(RowKind::Body, cells));
    }
    Table {
        columns,
        rows,
        unit: None,
    }
}

fn funding_table(src: &PlanSource) -> Table {
    let spec = spec("funding").expect("the funding table is specified");
    let c = |name: &str| spec.column(name).expect("a funding column");
    let years = src.years();
    let (years_head, year_cells) = year_heads(src, "Phân theo năm");
    let mut columns = vec![
        column(4, Align::Center),
        column(22, Align::Left),
        column(14, Align::Left),
        column(10, Align::Right),
    ];
    columns.extend(years.iter().map(|_| column(8, Align::Right)));
    let mut rows = vec![
        row(
            RowKind::Header,
            vec![
                head("TT").span(1, 2),
                head(src.label(spec, "source")).span(1, 2),
                head(src.label(spec, "capital")).span(1, 2),
                head("Tổng cộng").span(1, 2),
                years_head,
            ],
        ),
        row(RowKind::Header, year_cells),
    ];
    let funding = src.rows("funding");
    let row_total = |r: &Row, name: &str| -> i64 { r.per_year(name).values().sum() };
    for (i, (_, r)) in funding.iter().enumerate() {
        let mut cells = vec![
            Cell::text((i + 1).to_string()),
            Cell::text(src.value(c("source"), r, None)),
            Cell::text(src.value(c("capital"), r, None)),
            Cell::text(amount(row_total(r, "amounts"))),
        ];
        cells.extend(
            years
                .iter()
                .map(|y| Cell::text(src.value(c("amounts"), r, Some(*y)))),
        );
        rows.push(row(RowKind::Body, cells));
    }
    for (label, name) in [
        ("Tổng cộng", "amounts"),
        ("Trong đó: kinh phí bảo đảm an toàn thông tin", "security"),
    ] {
        let all: i64 = funding.iter().map(|(_, r)| row_total(r, name)).sum();
        let mut cells = vec![
            Cell::bold(label).span(3, 1).aligned(Align::Left),
            Cell::bold(amount(all)),
        ];
        cells.extend(
            years
                .iter()
                .map(|y| Cell::bold(sum_text(funding, c(name), Some(*y)))),
        );
        rows.push(row(RowKind::Total, cells));
    }
    Table {
        columns,
        rows,
        unit: Some("Đơn vị tính: triệu đồng".into()),
    }
}
