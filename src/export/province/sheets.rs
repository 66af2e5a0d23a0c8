//! The summary figures as workbook sheets: one header row and plain figures, so that they can
//! be sorted, filtered and added up again — the document's merged headers stay in the document.
//! The sheets of amounts by year have the columns of the document's tables of them.

use super::summary::{total, verdict, ByYear, Summary};
use super::ProvinceSource;
use crate::domain::money::Money;
use crate::domain::sheet::{neutralize, Cell, SheetColumn};
use crate::domain::tables::{Column, Kind};
use crate::export::columns::layouts::{BY_GROUP, BY_SOURCE};
use crate::export::columns::{DocColumn, Layout, Shows};
use crate::export::xlsx::SheetData;

/// Whole numbers (counts of systems, years) print without decimals.
static COUNT: Column = Column {
    name: "count",
    kind: Kind::Count,
    required: false,
    per_year: false,
    listed: false,
    summed: false,
};

/// A sheet from its columns — each its code, its heading and whether it holds whole numbers —
/// and its rows.
fn sheet<H: Into<String>>(
    name: &str,
    columns: impl IntoIterator<Item = (&'static str, H, bool)>,
    rows: Vec<Vec<Cell>>,
) -> SheetData {
    let (mut headers, mut codes) = (Vec::new(), Vec::new());
    for (code, heading, whole) in columns {
        headers.push(heading.into());
        codes.push(SheetColumn {
            field: code.to_string(),
            label_key: code.to_string(),
            year: None,
            column: whole.then_some(&COUNT),
        });
    }
    SheetData {
        name: name.into(),
        headers,
        columns: codes,
        rows,
    }
}

fn text(value: impl AsRef<str>) -> Cell {
    Cell::Text(neutralize(value.as_ref()))
}

fn millions(value: Money) -> Cell {
    Cell::Number(value.0 as f64 / 1000.0)
}

fn whole(value: impl Into<f64>) -> Cell {
    Cell::Number(value.into())
}

/// One sheet per summary table of the consolidated plan.
pub fn summary_sheets(src: &ProvinceSource, summary: &Summary) -> Vec<SheetData> {
    let by_source = summary
        .by_source
        .iter()
        .map(|(code, years)| (src.catalog("funding_source", code), years))
        .collect();
    let by_group = summary
        .by_group
        .iter()
        .map(|(code, years)| (src.catalog("task_group", code), years))
        .collect();
    vec![
        by_year_sheet(src, &BY_SOURCE, "Kinh phí theo nguồn vốn", by_source),
        by_year_sheet(src, &BY_GROUP, "Kinh phí theo nhóm nhiệm vụ", by_group),
        shares_sheet(summary),
        systems_sheet(src, summary),
        indicators_sheet(summary),
    ]
}

/// A column of a table of amounts by year as a sheet's: its code, its heading with the unit of
/// amounts, and a line's cell in it.
fn by_year_column(column: &DocColumn) -> (&'static str, String, bool) {
    let millions = |heading: String| format!("{heading} (triệu đồng)");
    match column.shows {
        Shows::YearsTotal(_) => ("total", millions(column.heading.clone()), false),
        Shows::Value(_, Some(year)) => ("amount", millions(format!("Năm {year}")), false),
        _ => ("name", column.heading.clone(), false),
    }
}

fn by_year_cell(column: &DocColumn, name: &str, by_year: &ByYear) -> Cell {
    match column.shows {
        Shows::YearsTotal(_) => millions(total(by_year)),
        Shows::Value(_, Some(year)) => millions(by_year.get(&year).copied().unwrap_or_default()),
        _ => text(name),
    }
}

/// Amounts by year in the columns of the document's table of them, without its numbering:
/// `name | total | years…` in millions of đồng.
fn by_year_sheet(
    src: &ProvinceSource,
    layout: &Layout,
    name: &str,
    lines: Vec<(String, &ByYear)>,
) -> SheetData {
    let columns: Vec<DocColumn> = layout
        .columns(&src.round, src.text)
        .into_iter()
        .filter(|c| !matches!(c.shows, Shows::Number))
        .collect();
    let rows = lines
        .iter()
        .map(|(label, by_year)| {
            columns
                .iter()
                .map(|c| by_year_cell(c, label, by_year))
                .collect()
        })
        .collect();
    sheet(name, columns.iter().map(by_year_column), rows)
}

fn shares_sheet(summary: &Summary) -> SheetData {
    let rows = summary
        .shares
        .iter()
        .map(|s| {
            vec![
                text(&s.code),
                text(&s.name),
                millions(s.total),
                millions(s.security),
                Money::percent_of(s.security, s.total)
                    .map_or(Cell::Empty, |p| Cell::Number((p * 10.0).round() / 10.0)),
                text(verdict(s.meets, "")),
            ]
        })
        .collect();
    sheet(
        "Tỷ lệ kinh phí ATTT",
        [
            ("unit", "Mã đơn vị", false),
            ("unit_name", "Cơ quan, đơn vị", false),
            ("total", "Kinh phí nhiệm vụ, dự án (triệu đồng)", false),
            ("security", "Kinh phí bảo đảm ATTT (triệu đồng)", false),
            ("percent", "Tỷ lệ (%)", false),
            ("meets", "Đạt tỷ lệ tối thiểu", false),
        ],
        rows,
    )
}

fn systems_sheet(src: &ProvinceSource, summary: &Summary) -> SheetData {
    let rows = summary
        .systems
        .iter()
        .map(|(level, (a, n))| {
            vec![
                text(level),
                text(src.catalog("security_level", level)),
                whole((a + n) as u32),
                whole(*a as u32),
                whole(*n as u32),
            ]
        })
        .collect();
    sheet(
        "Hệ thống theo cấp độ",
        [
            ("level", "Cấp độ", false),
            ("level_name", "Tên cấp độ", false),
            ("systems", "Số hệ thống", true),
            ("approved", "Đã phê duyệt hồ sơ", true),
            ("pending", "Chưa phê duyệt hồ sơ", true),
        ],
        rows,
    )
}

/// A line per unit's target against each national target.
fn indicators_sheet(summary: &Summary) -> SheetData {
    let mut rows = Vec::new();
    for indicator in &summary.indicators {
        let entry = &indicator.entry;
        for unit in &indicator.units {
            rows.push(vec![
                text(&entry.code),
                text(&entry.name),
                entry.target.map_or(Cell::Empty, |t| millions(Money(t))),
                entry.target_year.map_or(Cell::Empty, whole),
                text(&entry.unit),
                text(&unit.name),
                unit.target.map_or(Cell::Empty, |(_, v)| millions(v)),
                unit.target.map_or(Cell::Empty, |(y, _)| whole(y)),
                text(verdict(unit.meets, "")),
            ]);
        }
    }
    sheet(
        "Chỉ tiêu và mục tiêu quốc gia",
        [
            ("indicator", "Mã chỉ tiêu", false),
            ("name", "Chỉ tiêu", false),
            ("national_target", "Mục tiêu quốc gia", false),
            ("national_year", "Năm của mục tiêu quốc gia", true),
            ("measure", "Đơn vị tính", false),
            ("unit_name", "Cơ quan, đơn vị", false),
            ("target", "Mục tiêu của đơn vị", false),
            ("year", "Năm", true),
            ("meets", "Đạt mục tiêu quốc gia", false),
        ],
        rows,
    )
}
