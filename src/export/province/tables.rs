//! The summary appendices of the consolidated plan, in the form of the plans' own appendix
//! tables: merged headers, group and total rows, amounts in millions of đồng.

use super::summary::{total, ByYear, Summary, UnitShare};
use super::{share_text, ProvinceSource};
use crate::domain::money::Money;
use crate::export::model::{
    roman, Align, Appendix, Block, Cell, ColumnSpec, Level, RowKind, Run, Table, TableRow,
};

const MILLIONS: &str = "Đơn vị tính: triệu đồng";

fn head(text: impl Into<String>) -> Cell {
    Cell::bold(text).aligned(Align::Center)
}

fn column(weight: u16, align: Align) -> ColumnSpec {
    ColumnSpec { weight, align }
}

fn row(kind: RowKind, cells: Vec<Cell>) -> TableRow {
    TableRow { kind, cells }
}

/// An amount as the tables print it; nothing for zero, as a blank cell reads in the plans.
fn amount(value: Money) -> String {
    if value == Money::ZERO {
        String::new()
    } else {
        value.to_string()
    }
}

fn appendix(src: &ProvinceSource, title: String, blocks: Vec<Block>) -> Appendix {
    Appendix {
        // Numbered once every appendix is known.
        number: String::new(),
        title,
        reference: src.reference(),
        landscape: true,
        blocks,
    }
}

fn caption(numbering: &str, title: &str) -> Block {
    Block::Heading {
        level: Level::Item,
        numbering: numbering.into(),
        title: title.into(),
    }
}

/// The four summary appendices: investment, security share, systems, indicators.
pub(super) fn summary_appendices(src: &ProvinceSource, summary: &Summary) -> Vec<Appendix> {
    let period = src.period_upper();
    vec![
        appendix(
            src,
            format!("TỔNG HỢP KINH PHÍ THEO NGUỒN VỐN VÀ NHÓM NHIỆM VỤ {period}"),
            vec![
                caption("1.", "Kinh phí theo nguồn vốn và năm"),
                Block::Table(by_year_table(
                    summary,
                    "Nguồn vốn",
                    summary
                        .by_source
                        .iter()
                        .map(|(code, years)| (src.catalog("funding_source", code), years))
                        .collect(),
                )),
                caption("2.", "Kinh phí nhiệm vụ, dự án theo nhóm nhiệm vụ và năm"),
                Block::Table(by_year_table(
                    summary,
                    "Nhóm nhiệm vụ",
                    summary
                        .by_group
                        .iter()
                        .map(|(code, years)| {
                            let name = if code.is_empty() {
                                "Nhiệm vụ khác".to_string()
                            } else {
                                src.catalog("task_group", code)
                            };
                            (name, years)
                        })
                        .collect(),
                )),
            ],
        ),
        appendix(
            src,
            "TỶ LỆ KINH PHÍ BẢO ĐẢM AN TOÀN THÔNG TIN MẠNG CỦA CÁC CƠ QUAN, ĐƠN VỊ".into(),
            vec![
                Block::Table(shares_table(summary)),
                Block::Paragraph {
                    runs: vec![Run::italic(format!(
                        "Ghi chú: kinh phí bảo đảm an toàn thông tin mạng tối thiểu {}% tổng kinh phí nhiệm vụ, dự án ({}).",
                        summary.rule.min_percent, summary.rule.source
                    ))],
                    align: Align::Left,
                },
            ],
        ),
        appendix(
            src,
            "HỆ THỐNG THÔNG TIN THEO CẤP ĐỘ AN TOÀN VÀ TÌNH TRẠNG PHÊ DUYỆT HỒ SƠ".into(),
            vec![Block::Table(systems_table(src, summary))],
        ),
        appendix(
            src,
            "CHỈ TIÊU CỦA CÁC CƠ QUAN, ĐƠN VỊ SO VỚI MỤC TIÊU QUỐC GIA".into(),
            vec![Block::Table(indicators_table(summary))],
        ),
    ]
}

/// Rows of amounts by year: `TT | name | total | years…`, then the total row.
fn by_year_table(summary: &Summary, name: &str, lines: Vec<(String, &ByYear)>) -> Table {
    let years = &summary.years;
    let mut columns = vec![
        column(4, Align::Center),
        column(30, Align::Left),
        column(10, Align::Right),
    ];
    columns.extend(years.iter().map(|_| column(8, Align::Right)));
    let mut rows = vec![
        row(
            RowKind::Header,
            vec![
                head("TT").span(1, 2),
                head(name).span(1, 2),
                head("Tổng cộng").span(1, 2),
                head("Phân theo năm").span(years.len() as u16, 1),
            ],
        ),
        row(
            RowKind::Header,
            years.iter().map(|y| head(y.to_string())).collect(),
        ),
    ];
    let mut all = ByYear::new();
    for (i, (label, by_year)) in lines.iter().enumerate() {
        let mut cells = vec![
            Cell::text((i + 1).to_string()),
            Cell::text(label.clone()),
            Cell::text(amount(total(by_year))),
        ];
        for y in years {
            let v = by_year.get(y).copied().unwrap_or_default();
            *all.entry(*y).or_default() = all.get(y).copied().unwrap_or_default() + v;
            cells.push(Cell::text(amount(v)));
        }
        rows.push(row(RowKind::Body, cells));
    }
    let mut cells = vec![
        Cell::bold("Tổng cộng").span(2, 1).aligned(Align::Center),
        Cell::bold(amount(total(&all))),
    ];
    cells.extend(
        years
            .iter()
            .map(|y| Cell::bold(amount(all.get(y).copied().unwrap_or_default()))),
    );
    rows.push(row(RowKind::Total, cells));
    Table {
        columns,
        rows,
        unit: Some(MILLIONS.into()),
    }
}

fn verdict(share: &UnitShare) -> &'static str {
    match share.meets {
        Some(true) => "Đạt",
        Some(false) => "Chưa đạt",
        None => "Chưa có kinh phí",
    }
}

fn shares_table(summary: &Summary) -> Table {
    let mut rows = vec![
        row(
            RowKind::Header,
            vec![
                head("TT").span(1, 2),
                head("Cơ quan, đơn vị").span(1, 2),
                head("Kinh phí nhiệm vụ, dự án").span(2, 1),
                head("Tỷ lệ (%)").span(1, 2),
                head(format!(
                    "Đánh giá (tối thiểu {}%)",
                    summary.rule.min_percent
                ))
                .span(1, 2),
            ],
        ),
        row(
            RowKind::Header,
            vec![head("Tổng số"), head("Bảo đảm an toàn thông tin mạng")],
        ),
    ];
    for (i, share) in summary.shares.iter().enumerate() {
        rows.push(row(
            RowKind::Body,
            vec![
                Cell::text((i + 1).to_string()),
                Cell::text(share.name.clone()),
                Cell::text(amount(share.total)),
                Cell::text(amount(share.security)),
                Cell::text(share_text(share)),
                Cell::text(verdict(share)),
            ],
        ));
    }
    let all = summary.share_total();
    rows.push(row(
        RowKind::Total,
        vec![
            Cell::bold("Tổng cộng").span(2, 1).aligned(Align::Center),
            Cell::bold(amount(all.total)),
            Cell::bold(amount(all.security)),
            Cell::bold(share_text(&all)),
            Cell::bold(verdict(&all)),
        ],
    ));
    Table {
        columns: vec![
            column(4, Align::Center),
            column(34, Align::Left),
            column(12, Align::Right),
            column(14, Align::Right),
            column(8, Align::Right),
            column(12, Align::Center),
        ],
        rows,
        unit: Some(MILLIONS.into()),
    }
}

fn systems_table(src: &ProvinceSource, summary: &Summary) -> Table {
    let mut rows = vec![
        row(
            RowKind::Header,
            vec![
                head("TT").span(1, 2),
                head("Cấp độ an toàn hệ thống thông tin").span(1, 2),
                head("Số hệ thống").span(1, 2),
                head("Hồ sơ đề xuất cấp độ").span(2, 1),
            ],
        ),
        row(
            RowKind::Header,
            vec![head("Đã phê duyệt"), head("Chưa phê duyệt")],
        ),
    ];
    let (mut approved, mut pending) = (0, 0);
    for (i, (level, (a, n))) in summary.systems.iter().enumerate() {
        approved += a;
        pending += n;
        let name = if level.is_empty() {
            "Chưa xác định cấp độ".to_string()
        } else {
            src.catalog("security_level", level)
        };
        rows.push(row(
            RowKind::Body,
            vec![
                Cell::text(roman(i as u32 + 1)),
                Cell::text(name),
                Cell::text((a + n).to_string()),
                Cell::text(a.to_string()),
                Cell::text(n.to_string()),
            ],
        ));
    }
    rows.push(row(
        RowKind::Total,
        vec![
            Cell::bold("Tổng cộng").span(2, 1).aligned(Align::Center),
            Cell::bold((approved + pending).to_string()),
            Cell::bold(approved.to_string()),
            Cell::bold(pending.to_string()),
        ],
    ));
    Table {
        columns: vec![
            column(4, Align::Center),
            column(40, Align::Left),
            column(10, Align::Right),
            column(12, Align::Right),
            column(12, Align::Right),
        ],
        rows,
        unit: None,
    }
}

fn indicators_table(summary: &Summary) -> Table {
    let mut rows = vec![row(
        RowKind::Header,
        vec![
            head("TT"),
            head("Chỉ tiêu / Cơ quan, đơn vị"),
            head("Mục tiêu quốc gia"),
            head("Mục tiêu của đơn vị"),
            head("Năm"),
            head("Đánh giá"),
        ],
    )];
    for (i, indicator) in summary.indicators.iter().enumerate() {
        let entry = &indicator.entry;
        // `90%`, but `12 hệ thống`.
        let unit = match entry.unit.as_str() {
            "" => String::new(),
            "%" => "%".to_string(),
            other => format!(" {other}"),
        };
        let national = match entry.target_year {
            Some(year) => format!("{}{unit} (năm {year})", entry.target_shown()),
            None => format!("{}{unit}", entry.target_shown()),
        };
        let source = if entry.source.is_empty() {
            String::new()
        } else {
            format!("\n({})", entry.source)
        };
        rows.push(row(
            RowKind::Group,
            vec![
                Cell::bold(roman(i as u32 + 1)).aligned(Align::Center),
                Cell::bold(entry.name.clone()),
                Cell::text(format!("{national}{source}")),
                Cell::text(""),
                Cell::text(""),
                Cell::bold(format!(
                    "{}/{} đơn vị đạt",
                    indicator.met(),
                    indicator.units.len()
                )),
            ],
        ));
        for (n, target) in indicator.units.iter().enumerate() {
            let (year, value) = match target.target {
                Some((year, value)) => (year.to_string(), format!("{value}{unit}")),
                None => (String::new(), String::new()),
            };
            rows.push(row(
                RowKind::Body,
                vec![
                    Cell::text((n + 1).to_string()),
                    Cell::text(target.name.clone()),
                    Cell::text(""),
                    Cell::text(value),
                    Cell::text(year),
                    Cell::text(match target.meets {
                        Some(true) => "Đạt",
                        Some(false) => "Chưa đạt",
                        None => "Chưa có mục tiêu",
                    }),
                ],
            ));
        }
    }
    Table {
        columns: vec![
            column(4, Align::Center),
            column(36, Align::Left),
            column(18, Align::Left),
            column(10, Align::Right),
            column(6, Align::Center),
            column(10, Align::Center),
        ],
        rows,
        unit: None,
    }
}
