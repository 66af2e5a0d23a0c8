//! A unit's plan as an official document: the header from the unit's document names and the
//! plan's document facts, the body numbered from the framework, narrative and small tables in
//! the body, and the wide tables (databases, information systems, indicators, funding, tasks
//! and projects) as landscape appendices in the form of the seed's sample table.

use super::html;
use super::model::{
    date_line, punctuate, roman, short_date, Align, Appendix, Block, Cell, Closing, ColumnSpec,
    Document, Header, Level, RowKind, Run, Table, TableRow, Title,
};
use crate::domain::framework::{FrameworkNode, NodeKind};
use crate::domain::money::Money;
use crate::domain::org_unit::DocumentNames;
use crate::domain::round::{PlanMeta, Round, SectionContent};
use crate::domain::tables::rules::PlanTables;
use crate::domain::tables::{spec, Column, Kind, Row, Shape, TableSpec};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Everything a plan's document is made from, already read from the store.
pub struct PlanSource {
    /// The unit's name as a sentence names it (`Sở Y tế`).
    pub unit_name: String,
    pub names: DocumentNames,
    pub meta: PlanMeta,
    pub round: Round,
    /// The framework's outline, in document order.
    pub nodes: Vec<FrameworkNode>,
    pub sections: BTreeMap<String, SectionContent>,
    pub tables: PlanTables,
    /// Legal documents by number, as cited (`Nghị định số 85/2016/NĐ-CP ngày … của …`).
    pub legal: BTreeMap<String, String>,
    /// Catalog wording by catalog and code (funding sources, task groups, …).
    pub catalog_names: BTreeMap<(String, String), String>,
    /// The Vietnamese text of a message key (column labels, choices, table names).
    pub text: fn(&str) -> &'static str,
    /// The year an undated draft carries in its date line.
    pub year: i32,
}

impl PlanSource {
    fn rows(&self, table: &str) -> &[(i64, Row)] {
        self.tables.get(table).map_or(&[], Vec::as_slice)
    }

    fn catalog(&self, catalog: &str, code: &str) -> String {
        self.catalog_names
            .get(&(catalog.to_string(), code.to_string()))
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    fn label(&self, spec: &TableSpec, column: &str) -> String {
        (self.text)(&spec.label_key(column)).to_string()
    }

    fn years(&self) -> Vec<i32> {
        (self.round.period_start..=self.round.period_end).collect()
    }

    /// `GIAI ĐOẠN 2021 - 2025` or `NĂM 2027`.
    fn period_upper(&self) -> String {
        if self.round.period_start == self.round.period_end {
            format!("NĂM {}", self.round.period_start)
        } else {
            format!(
                "GIAI ĐOẠN {} - {}",
                self.round.period_start, self.round.period_end
            )
        }
    }

    /// A value as the document prints it: amounts and counts in the Vietnamese format, yes as
    /// `Có`, choices and catalog codes by their wording.
    fn value(&self, column: &Column, row: &Row, year: Option<i32>) -> String {
        let shown = row.shown(column, year);
        if shown.is_empty() {
            return shown;
        }
        match column.kind {
            Kind::Bool => "Có".into(),
            Kind::Choice(_) => (self.text)(&format!("choice.{shown}")).to_string(),
            // Codes read better than names in narrow columns (level 3, group 5).
            Kind::Catalog("security_level" | "task_group") => shown,
            Kind::Catalog("legal") => self.legal.get(&shown).cloned().unwrap_or(shown),
            Kind::Catalog(c) => self.catalog(c, &shown),
            _ => shown,
        }
    }
}

/// The appendices a plan can have, each gathering one or more tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum AppendixKind {
    Databases,
    Systems,
    Indicators,
    Funding,
    Tasks,
}

impl AppendixKind {
    fn of(table: &str) -> Option<Self> {
        match table {
            "databases_national" | "databases_central" | "databases_provincial" => {
                Some(Self::Databases)
            }
            "information_systems" => Some(Self::Systems),
            "indicators" => Some(Self::Indicators),
            "funding" => Some(Self::Funding),
            "tasks" => Some(Self::Tasks),
            _ => None,
        }
    }
}

/// The document of one unit's plan.
pub fn plan_document(src: &PlanSource) -> Document {
    let outline = Outline::new(src);
    let appendices = appendix_order(src, &outline);
    let numbers: HashMap<AppendixKind, String> = appendices
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let number = if appendices.len() == 1 {
                "Phụ lục".to_string()
            } else {
                format!("Phụ lục {}", roman(i as u32 + 1))
            };
            (*kind, number)
        })
        .collect();
    let symbol = src.meta.symbol(&src.names.abbreviation, "     ");
    let subject = subject(&src.round.title);
    Document {
        header: Header {
            parent_body: src.names.parent_line.to_uppercase(),
            issuing_body: src.names.issuer_line.to_uppercase(),
            number_line: format!("Số: {symbol}"),
            date_line: date_line(
                if src.meta.doc_place.is_empty() {
                    &src.names.place_name
                } else {
                    &src.meta.doc_place
                },
                src.meta.doc_date,
                src.year,
            ),
        },
        basis: basis(src),
        body: body(src, &outline, &numbers, &subject),
        title: Title {
            kind: "KẾ HOẠCH".into(),
            subject,
        },
        closing: closing(&src.meta),
        appendices: appendices
            .iter()
            .map(|kind| {
                let reference = format!(
                    "(Kèm theo Kế hoạch số {symbol} ngày {} của {})",
                    src.meta
                        .doc_date
                        .map_or_else(|| format!("     /     /{}", src.year), short_date),
                    src.unit_name
                );
                appendix(src, *kind, numbers[kind].clone(), reference)
            })
            .collect(),
    }
}

/// The subject under `KẾ HOẠCH`: the round's title without its leading "Kế hoạch", capitalized.
pub fn subject(title: &str) -> String {
    let title = title.trim();
    let head: String = title.chars().take(8).collect();
    let rest = if head.to_lowercase() == "kế hoạch" {
        title[head.len()..].trim_start()
    } else {
        title
    };
    let mut chars = rest.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn basis(src: &PlanSource) -> Vec<String> {
    let lines: Vec<String> = src
        .rows("legal_basis")
        .iter()
        .filter_map(|(_, row)| {
            let cited = row
                .text("document")
                .and_then(|n| src.legal.get(&n).cloned())
                .or_else(|| row.text("citation"))?;
            let cited = cited.trim().to_string();
            Some(if cited.to_lowercase().starts_with("căn cứ") {
                cited
            } else {
                format!("Căn cứ {cited}")
            })
        })
        .collect();
    punctuate(&lines)
}

fn closing(meta: &PlanMeta) -> Closing {
    let recipients: Vec<String> = meta
        .recipients
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            if l.starts_with(['-', '+']) {
                l.to_string()
            } else {
                format!("- {l}")
            }
        })
        .collect();
    Closing {
        recipients: punctuate(&recipients),
        authority: meta.signer_authority.to_uppercase(),
        title: meta.signer_title.to_uppercase(),
        signer: meta.signer_name.clone(),
    }
}

/// The framework's nodes that the document prints, with their level and numbering.
struct Outline<'a> {
    entries: Vec<(&'a FrameworkNode, Level, String)>,
}

impl<'a> Outline<'a> {
    fn new(src: &'a PlanSource) -> Self {
        let kind = src.round.kind;
        let by_key: HashMap<&str, &FrameworkNode> =
            src.nodes.iter().map(|n| (n.key.as_str(), n)).collect();
        // A node is printed when it, or a node below it, asks for an answer in this kind of
        // plan: the guidance-only parts (the list of documents to apply) stay out.
        let mut wanted: HashSet<&str> = HashSet::new();
        for node in src.nodes.iter().filter(|n| n.applies(kind)) {
            if node.kind.is_answered() || node.kind == NodeKind::Checklist {
                let mut at = Some(node);
                while let Some(n) = at {
                    if !wanted.insert(n.key.as_str()) {
                        break;
                    }
                    at = n.parent_key.as_deref().and_then(|p| by_key.get(p).copied());
                }
            }
        }
        let mut levels: HashMap<&str, Level> = HashMap::new();
        let mut unnumbered: HashMap<&str, u32> = HashMap::new();
        let mut entries = Vec::new();
        for node in &src.nodes {
            if !wanted.contains(node.key.as_str()) || !node.applies(kind) {
                continue;
            }
            let parent = node
                .parent_key
                .as_deref()
                .filter(|p| by_key.contains_key(p));
            // The framework's top headings (the seed's "Phụ lục I" that holds the five-year
            // plan) wrap the plan; they are not part of it.
            let Some(parent) = parent else {
                continue;
            };
            let parent_level = levels.get(parent).copied();
            let (level, numbering) = match level_of(&node.numbering) {
                Some(level) => (level, node.numbering.trim().to_string()),
                None => {
                    let level = below(parent_level);
                    let n = unnumbered.entry(parent).or_insert(0);
                    *n += 1;
                    (level, auto_number(level, *n))
                }
            };
            levels.insert(node.key.as_str(), level);
            entries.push((node, level, numbering));
        }
        Self { entries }
    }
}

/// The level a framework's numbering shows: `Phần I`, `IV.`, `2.`, `b)`.
fn level_of(numbering: &str) -> Option<Level> {
    let n = numbering.trim();
    if n.is_empty() {
        return None;
    }
    if n.starts_with("Phần") {
        return Some(Level::Part);
    }
    if let Some(head) = n.strip_suffix('.') {
        if !head.is_empty() && head.chars().all(|c| "IVXLC".contains(c)) {
            return Some(Level::Section);
        }
        if head.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Some(Level::Item);
        }
    }
    if n.ends_with(')') {
        return Some(Level::Point);
    }
    if n == "-" || n == "+" {
        return Some(Level::Dash);
    }
    Some(Level::Item)
}

fn below(parent: Option<Level>) -> Level {
    match parent {
        None => Level::Part,
        Some(Level::Part) => Level::Section,
        Some(Level::Section) => Level::Item,
        Some(Level::Item) => Level::Point,
        Some(Level::Point | Level::Dash) => Level::Dash,
    }
}

/// The letters of points in Vietnamese texts: a), b), c), d), đ), e), g), … (no f, j, w, z).
const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

fn auto_number(level: Level, n: u32) -> String {
    match level {
        Level::Part => format!("Phần {}", roman(n)),
        Level::Section => format!("{}.", roman(n)),
        Level::Item => format!("{n}."),
        Level::Point => format!("{})", POINT_LETTERS[(n as usize - 1) % POINT_LETTERS.len()]),
        Level::Dash => "-".into(),
    }
}

/// The appendices a plan has: their tables are in its kind of plan and hold rows, in the
/// order the body first cites them.
fn appendix_order(src: &PlanSource, outline: &Outline) -> Vec<AppendixKind> {
    let mut out = Vec::new();
    for (node, _, _) in &outline.entries {
        let Some(table) = node.table.as_deref() else {
            continue;
        };
        if let Some(kind) = AppendixKind::of(table) {
            if !out.contains(&kind) && appendix_has_rows(src, kind) {
                out.push(kind);
            }
        }
    }
    out
}

fn appendix_tables(kind: AppendixKind) -> &'static [&'static str] {
    match kind {
        AppendixKind::Databases => &[
            "databases_national",
            "databases_central",
            "databases_provincial",
        ],
        AppendixKind::Systems => &["information_systems"],
        AppendixKind::Indicators => &["indicators"],
        AppendixKind::Funding => &["funding"],
        AppendixKind::Tasks => &["tasks"],
    }
}

fn appendix_has_rows(src: &PlanSource, kind: AppendixKind) -> bool {
    appendix_tables(kind)
        .iter()
        .any(|t| !src.rows(t).is_empty())
}

fn body(
    src: &PlanSource,
    outline: &Outline,
    appendices: &HashMap<AppendixKind, String>,
    subject: &str,
) -> Vec<Block> {
    let mut out = Vec::new();
    if !src.unit_name.is_empty() {
        let mut chars = subject.chars();
        let lowered: String = chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default();
        out.push(Block::text(format!(
            "{} xây dựng Kế hoạch {lowered} như sau:",
            src.unit_name
        )));
    }
    for (node, level, numbering) in &outline.entries {
        let title = match level {
            Level::Part | Level::Section => node.title.to_uppercase(),
            _ => node.title.clone(),
        };
        out.push(Block::Heading {
            level: *level,
            numbering: numbering.clone(),
            title,
        });
        if let Some(section) = src.sections.get(&node.key) {
            if section.not_applicable {
                out.push(Block::Paragraph {
                    runs: vec![Run::italic(
                        format!("Không áp dụng: {}", section.not_applicable_reason)
                            .trim_end_matches([' ', ':'])
                            .to_string(),
                    )],
                    align: Align::Justify,
                });
            } else {
                out.extend(html::blocks(&section.body_html));
            }
        }
        let Some(table) = node.table.as_deref() else {
            continue;
        };
        match AppendixKind::of(table).and_then(|k| appendices.get(&k)) {
            Some(number) => out.push(Block::Paragraph {
                runs: vec![Run::italic(format!(
                    "(Chi tiết tại {number} kèm theo Kế hoạch này)"
                ))],
                align: Align::Justify,
            }),
            None if AppendixKind::of(table).is_none() && table != "legal_basis" => {
                if let Some(t) = spec(table).and_then(|s| inline_table(src, s)) {
                    out.push(Block::Table(t));
                }
            }
            None => {}
        }
    }
    out
}

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
fn inline_table(src: &PlanSource, spec: &TableSpec) -> Option<Table> {
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
                    lines.push((label, value));
                }
            }
            for computed in spec.computed {
                if let Some(value) = (computed.value)(first) {
                    lines.push((src.label(spec, computed.name), value));
                }
            }
            if lines.is_empty() {
                return None;
            }
            let mut table_rows = vec![row(
                RowKind::Header,
                vec![head("TT"), head("Nội dung"), head("Số liệu")],
            )];
            for (i, (label, value)) in lines.into_iter().enumerate() {
                table_rows.push(row(
                    RowKind::Body,
                    vec![
                        Cell::text((i + 1).to_string()),
                        Cell::text(label),
                        Cell::text(value),
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
            let mut columns = vec![column(3, Align::Center)];
            let mut header = vec![head("TT")];
            for c in &listed {
                columns.push(column(
                    if c.kind.numeric() {
                        4
                    } else if c.name == spec.title_column {
                        10
                    } else {
                        6
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
fn sum_text(rows: &[(i64, Row)], c: &Column, year: Option<i32>) -> String {
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

fn appendix(src: &PlanSource, kind: AppendixKind, number: String, reference: String) -> Appendix {
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
        column(20, Align::Left),
        column(9, Align::Left),
        column(20, Align::Left),
        column(7, Align::Center),
        column(8, Align::Right),
        column(8, Align::Left),
    ];
    columns.extend(years.iter().map(|_| column(7, Align::Right)));
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
    let mut groups: BTreeMap<(i64, String), Vec<&(i64, Row)>> = BTreeMap::new();
    for r in src.rows("tasks") {
        let code = r.1.text("task_group").unwrap_or_default();
        groups
            .entry((code.parse().unwrap_or(i64::MAX), code))
            .or_default()
            .push(r);
    }
    let sums = |rows: &[&(i64, Row)]| -> Vec<Cell> {
        let owned: Vec<(i64, Row)> = rows.iter().map(|r| (*r).clone()).collect();
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
    let all: Vec<&(i64, Row)> = src.rows("tasks").iter().collect();
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
            column(26, Align::Left),
            column(16, Align::Left),
            column(6, Align::Center),
            column(8, Align::Center),
            column(14, Align::Left),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subject_is_the_round_title_without_its_kind() {
        assert_eq!(
            subject("Kế hoạch ứng dụng CNTT giai đoạn 2021-2025"),
            "Ứng dụng CNTT giai đoạn 2021-2025"
        );
        assert_eq!(
            subject("KẾ HOẠCH chuyển đổi số năm 2027"),
            "Chuyển đổi số năm 2027"
        );
        assert_eq!(subject("chuyển đổi số"), "Chuyển đổi số");
    }

    #[test]
    fn numbering_shows_its_level() {
        assert_eq!(level_of("Phần II"), Some(Level::Part));
        assert_eq!(level_of("VII."), Some(Level::Section));
        assert_eq!(level_of("3."), Some(Level::Item));
        assert_eq!(level_of("đ)"), Some(Level::Point));
        assert_eq!(level_of(""), None);
        assert_eq!(auto_number(Level::Point, 5), "đ)");
        assert_eq!(auto_number(Level::Section, 4), "IV.");
    }
}
