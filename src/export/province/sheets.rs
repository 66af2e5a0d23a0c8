//! The summary figures as workbook sheets: one header row and plain figures, so that they can
//! be sorted, filtered and added up again — the document's merged headers stay in the document.

use super::summary::{total, ByYear, Summary};
use super::ProvinceSource;
use crate::domain::money::Money;
use crate::domain::sheet::{neutralize, Cell, SheetColumn};
use crate::domain::tables::{Column, Kind};
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

/// A column: its code, and whether it holds whole numbers.
fn columns(codes: &[(&str, bool)]) -> Vec<SheetColumn> {
    codes
        .iter()
        .map(|(code, whole)| SheetColumn {
            field: code.to_string(),
            label_key: code.to_string(),
            year: None,
            column: whole.then_some(&COUNT),
        })
        .collect()
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

fn sheet(
    name: &str,
    headers: Vec<String>,
    columns: Vec<SheetColumn>,
    rows: Vec<Vec<Cell>>,
) -> SheetData {
    SheetData {
        name: name.into(),
        headers,
        columns,
        rows,
    }
}

/// Amounts by year: `name | total | years…` in millions of đồng.
fn by_year_sheet(
    summary: &Summary,
    name: &str,
    label: &str,
    lines: Vec<(String, &ByYear)>,
) -> SheetData {
    let mut headers = vec![label.to_string(), "Tổng cộng (triệu đồng)".to_string()];
    headers.extend(
        summary
            .years
            .iter()
            .map(|y| format!("Năm {y} (triệu đồng)")),
    );
    let mut codes = vec![("name", false), ("total", false)];
    codes.extend(summary.years.iter().map(|_| ("amount", false)));
    let rows = lines
        .into_iter()
        .map(|(label, by_year)| {
            let mut cells = vec![text(label), millions(total(by_year))];
            cells.extend(
                summary
                    .years
                    .iter()
                    .map(|y| millions(by_year.get(y).copied().unwrap_or_default())),
            );
            cells
        })
        .collect();
    sheet(name, headers, columns(&codes), rows)
}

/// One sheet per summary table of the consolidated plan.
pub fn summary_sheets(src: &ProvinceSource, summary: &Summary) -> Vec<SheetData> {
    let mut out = vec![
        by_year_sheet(
            summary,
            "Kinh phí theo nguồn vốn",
            "Nguồn vốn",
            summary
                .by_source
                .iter()
                .map(|(code, years)| (src.catalog("funding_source", code), years))
                .collect(),
        ),
        by_year_sheet(
            summary,
            "Kinh phí theo nhóm nhiệm vụ",
            "Nhóm nhiệm vụ",
            summary
                .by_group
                .iter()
                .map(|(code, years)| (src.catalog("task_group", code), years))
                .collect(),
        ),
    ];
    out.push(sheet(
        "Tỷ lệ kinh phí ATTT",
        [
            "Mã đơn vị",
            "Cơ quan, đơn vị",
            "Kinh phí nhiệm vụ, dự án (triệu đồng)",
            "Kinh phí bảo đảm ATTT (triệu đồng)",
            "Tỷ lệ (%)",
            "Đạt tỷ lệ tối thiểu",
        ]
        .map(String::from)
        .to_vec(),
        columns(&[
            ("unit", false),
            ("unit_name", false),
            ("total", false),
            ("security", false),
            ("percent", false),
            ("meets", false),
        ]),
        summary
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
                    text(match s.meets {
                        Some(true) => "Đạt",
                        Some(false) => "Chưa đạt",
                        None => "",
                    }),
                ]
            })
            .collect(),
    ));
    out.push(sheet(
        "Hệ thống theo cấp độ",
        [
            "Cấp độ",
            "Tên cấp độ",
            "Số hệ thống",
            "Đã phê duyệt hồ sơ",
            "Chưa phê duyệt hồ sơ",
        ]
        .map(String::from)
        .to_vec(),
        columns(&[
            ("level", false),
            ("level_name", false),
            ("systems", true),
            ("approved", true),
            ("pending", true),
        ]),
        summary
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
            .collect(),
    ));
    let mut indicator_rows = Vec::new();
    for indicator in &summary.indicators {
        let entry = &indicator.entry;
        for unit in &indicator.units {
            indicator_rows.push(vec![
                text(&entry.code),
                text(&entry.name),
                entry.target.map_or(Cell::Empty, |t| millions(Money(t))),
                entry.target_year.map_or(Cell::Empty, whole),
                text(&entry.unit),
                text(&unit.name),
                unit.target.map_or(Cell::Empty, |(_, v)| millions(v)),
                unit.target.map_or(Cell::Empty, |(y, _)| whole(y)),
                text(match unit.meets {
                    Some(true) => "Đạt",
                    Some(false) => "Chưa đạt",
                    None => "",
                }),
            ]);
        }
    }
    out.push(sheet(
        "Chỉ tiêu và mục tiêu quốc gia",
        [
            "Mã chỉ tiêu",
            "Chỉ tiêu",
            "Mục tiêu quốc gia",
            "Năm của mục tiêu quốc gia",
            "Đơn vị tính",
            "Cơ quan, đơn vị",
            "Mục tiêu của đơn vị",
            "Năm",
            "Đạt mục tiêu quốc gia",
        ]
        .map(String::from)
        .to_vec(),
        columns(&[
            ("indicator", false),
            ("name", false),
            ("national_target", false),
            ("national_year", true),
            ("measure", false),
            ("unit_name", false),
            ("target", false),
            ("year", true),
            ("meets", false),
        ]),
        indicator_rows,
    ));
    out
}
