//! The summary appendices of the consolidated plan, in the form of the plans' own appendix
//! tables: merged headers, group and total rows, amounts in millions of đồng. The tables of
//! amounts by year take their columns from the funding and tasks specs, as the plans' do.

use super::summary::{total, verdict, ByYear, Summary, UnitShare};
use super::{share_text, ProvinceSource};
use crate::export::columns::layouts::{task_group_title, BY_GROUP, BY_SOURCE};
use crate::export::columns::{
    amount_or_blank, figures_row, first_figure, row, table, DocColumn, Layout, Shows, MILLIONS,
};
use crate::export::model::{roman, Align, Appendix, Block, Cell, Level, RowKind, Run, Table};

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
    vec![
        appendix(
            src,
            format!(
                "TỔNG HỢP KINH PHÍ THEO NGUỒN VỐN VÀ NHÓM NHIỆM VỤ {}",
                src.period_upper()
            ),
            investment_blocks(src, summary),
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

/// Investment by funding source and by task group, each by year.
fn investment_blocks(src: &ProvinceSource, summary: &Summary) -> Vec<Block> {
    let by_source = summary
        .by_source
        .iter()
        .map(|(code, years)| (src.catalog("funding_source", code), years))
        .collect();
    let by_group = summary
        .by_group
        .iter()
        .map(|(code, years)| (task_group_title(&src.catalog_names, code), years))
        .collect();
    vec![
        caption("1.", "Kinh phí theo nguồn vốn và năm"),
        Block::Table(by_year_table(src, &BY_SOURCE, by_source)),
        caption("2.", "Kinh phí nhiệm vụ, dự án theo nhóm nhiệm vụ và năm"),
        Block::Table(by_year_table(src, &BY_GROUP, by_group)),
    ]
}

/// A line's text in a column of a table of amounts by year: its number, its name, its total,
/// or a year's amount — blank for zero, as a blank cell reads in the plans.
fn by_year_text(column: &DocColumn, number: usize, name: &str, by_year: &ByYear) -> String {
    match column.shows {
        Shows::Number => number.to_string(),
        Shows::YearsTotal(_) => amount_or_blank(total(by_year)),
        Shows::Value(_, Some(year)) => {
            amount_or_blank(by_year.get(&year).copied().unwrap_or_default())
        }
        _ => name.to_string(),
    }
}

/// Lines of amounts by year in the columns of `layout`, then the total row.
fn by_year_table(src: &ProvinceSource, layout: &Layout, lines: Vec<(String, &ByYear)>) -> Table {
    let columns = layout.columns(&src.round, src.text);
    let years = src.round.years();
    let mut all = ByYear::new();
    let mut rows = Vec::new();
    for (i, (name, by_year)) in lines.iter().enumerate() {
        for y in &years {
            let v = by_year.get(y).copied().unwrap_or_default();
            *all.entry(*y).or_default() = all.get(y).copied().unwrap_or_default() + v;
        }
        let cells = columns
            .iter()
            .map(|c| Cell::text(by_year_text(c, i + 1, name, by_year)))
            .collect();
        rows.push(row(RowKind::Body, cells));
    }
    let label = Cell::bold("Tổng cộng")
        .span(first_figure(&columns) as u16, 1)
        .aligned(Align::Center);
    rows.push(figures_row(RowKind::Total, vec![label], &columns, |c| {
        by_year_text(c, 0, "", &all)
    }));
    table(&columns, rows, Some(MILLIONS))
}

fn shares_table(summary: &Summary) -> Table {
    const SPENDING: &str = "Kinh phí nhiệm vụ, dự án";
    let columns = [
        DocColumn::number(4),
        DocColumn::figure("Cơ quan, đơn vị", 34, Align::Left),
        DocColumn::figure("Tổng số", 12, Align::Right).under(SPENDING),
        DocColumn::figure("Bảo đảm an toàn thông tin mạng", 14, Align::Right).under(SPENDING),
        DocColumn::figure("Tỷ lệ (%)", 8, Align::Right),
        DocColumn::figure(
            format!("Đánh giá (tối thiểu {}%)", summary.rule.min_percent),
            12,
            Align::Center,
        ),
    ];
    let figures = |share: &UnitShare| {
        [
            amount_or_blank(share.total),
            amount_or_blank(share.security),
            share_text(share),
            verdict(share.meets, "Chưa có kinh phí").to_string(),
        ]
    };
    let mut rows = Vec::new();
    for (i, share) in summary.shares.iter().enumerate() {
        let mut cells = vec![
            Cell::text((i + 1).to_string()),
            Cell::text(share.name.clone()),
        ];
        cells.extend(figures(share).map(Cell::text));
        rows.push(row(RowKind::Body, cells));
    }
    let mut total = vec![Cell::bold("Tổng cộng").span(2, 1).aligned(Align::Center)];
    total.extend(figures(&summary.share_total()).map(Cell::bold));
    rows.push(row(RowKind::Total, total));
    table(&columns, rows, Some(MILLIONS))
}

fn systems_table(src: &ProvinceSource, summary: &Summary) -> Table {
    const FILES: &str = "Hồ sơ đề xuất cấp độ";
    let columns = [
        DocColumn::number(4),
        DocColumn::figure("Cấp độ an toàn hệ thống thông tin", 40, Align::Left),
        DocColumn::figure("Số hệ thống", 10, Align::Right),
        DocColumn::figure("Đã phê duyệt", 12, Align::Right).under(FILES),
        DocColumn::figure("Chưa phê duyệt", 12, Align::Right).under(FILES),
    ];
    let counts = |approved: usize, pending: usize| {
        [approved + pending, approved, pending].map(|n| n.to_string())
    };
    let (mut approved, mut pending) = (0, 0);
    let mut rows = Vec::new();
    for (i, (level, (a, n))) in summary.systems.iter().enumerate() {
        approved += a;
        pending += n;
        let name = if level.is_empty() {
            "Chưa xác định cấp độ".to_string()
        } else {
            src.catalog("security_level", level)
        };
        let mut cells = vec![Cell::text(roman(i as u32 + 1)), Cell::text(name)];
        cells.extend(counts(*a, *n).map(Cell::text));
        rows.push(row(RowKind::Body, cells));
    }
    let mut total = vec![Cell::bold("Tổng cộng").span(2, 1).aligned(Align::Center)];
    total.extend(counts(approved, pending).map(Cell::bold));
    rows.push(row(RowKind::Total, total));
    table(&columns, rows, None)
}

fn indicators_table(summary: &Summary) -> Table {
    let columns = [
        DocColumn::number(4),
        DocColumn::figure("Chỉ tiêu / Cơ quan, đơn vị", 36, Align::Left),
        DocColumn::figure("Mục tiêu quốc gia", 18, Align::Left),
        DocColumn::figure("Mục tiêu của đơn vị", 10, Align::Right),
        DocColumn::figure("Năm", 6, Align::Center),
        DocColumn::figure("Đánh giá", 10, Align::Center),
    ];
    let mut rows = Vec::new();
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
                    Cell::text(verdict(target.meets, "Chưa có mục tiêu")),
                ],
            ));
        }
    }
    table(&columns, rows, None)
}
