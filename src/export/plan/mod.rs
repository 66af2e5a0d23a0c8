//! A unit's plan as an official document: the header from the unit's document names and the
//! plan's document facts, the body numbered from the framework, narrative and small tables in
//! the body, and the wide tables (databases, information systems, indicators, funding, tasks
//! and projects) as landscape appendices in the form of the seed's sample table.

mod tables;

use super::html;
use super::model::{
    date_line, punctuate, roman, short_date, Align, Block, Closing, Document, Header, Level, Run,
    Title,
};
use crate::domain::framework::{FrameworkNode, NodeKind};
use crate::domain::ids::RowId;
use crate::domain::org_unit::DocumentNames;
use crate::domain::round::{PlanMeta, Round, SectionContent};
use crate::domain::tables::rules::PlanTables;
use crate::domain::tables::{spec, Column, Kind, Row, TableSpec};
use std::collections::{BTreeMap, HashMap, HashSet};
use tables::{appendix, inline_table};

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
    pub(crate) fn rows(&self, table: &str) -> &[(RowId, Row)] {
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
        self.round.years()
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
pub(super) enum AppendixKind {
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

pub(super) fn appendix_tables(kind: AppendixKind) -> &'static [&'static str] {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework::{PlanKind, Translation};
    use crate::domain::ids::{FrameworkId, RoundId};
    use crate::domain::tables::Row;
    use crate::export::model::{runs_text, RowKind};
    use chrono::NaiveDate;

    fn node(
        key: &str,
        parent: &str,
        numbering: &str,
        kind: NodeKind,
        table: &str,
    ) -> FrameworkNode {
        FrameworkNode {
            key: key.into(),
            parent_key: (!parent.is_empty()).then(|| parent.to_string()),
            numbering: numbering.into(),
            title: format!("Mục {key}"),
            guidance: String::new(),
            kind,
            table: (!table.is_empty()).then(|| table.to_string()),
            optional: false,
            applies_to: None,
            english: Translation::default(),
        }
    }

    fn row(value: serde_json::Value) -> (RowId, Row) {
        match value {
            serde_json::Value::Object(map) => (RowId(1), Row(map)),
            other => panic!("{other:?}"),
        }
    }

    /// A small plan: a wrapping appendix heading, two parts, unnumbered items, a guidance-only
    /// heading, a legal basis from the catalog and one appendix table.
    fn source() -> PlanSource {
        use NodeKind::*;
        let nodes = vec![
            node("PL1", "", "Phụ lục I", Heading, ""),
            node("P1", "PL1", "Phần I", Heading, ""),
            node("P1.I", "P1", "I.", Heading, ""),
            node("P1.I.x", "P1.I", "", Narrative, ""),
            node("P1.I.y", "P1.I", "", Narrative, "tasks"),
            node("P1.II", "P1", "II.", Narrative, "legal_basis"),
            node("PL3", "", "Phụ lục III", Heading, ""),
            node("PL3.a", "PL3", "a)", Heading, ""),
        ];
        let mut tables = PlanTables::new();
        tables.insert(
            "legal_basis".into(),
            vec![
                row(serde_json::json!({"document": "85/2016/NĐ-CP"})),
                row(serde_json::json!({"citation": "Căn cứ Công văn số 784/STTTT;"})),
            ],
        );
        tables.insert(
            "tasks".into(),
            vec![row(serde_json::json!({
                "name": "Nâng cấp mạng", "task_group": "2", "start_year": 2026, "end_year": 2027,
                "total": 1_250_500, "amounts": {"2026": 250_500, "2027": 1_000_000}
            }))],
        );
        let section = |key: &str, html: &str, na: bool| SectionContent {
            node_key: key.into(),
            body_html: html.into(),
            not_applicable: na,
            not_applicable_reason: if na {
                "không có".into()
            } else {
                String::new()
            },
            version: 1,
            updated_at: chrono::DateTime::default(),
            updated_by: None,
        };
        PlanSource {
            unit_name: "Sở Y tế".into(),
            names: DocumentNames {
                parent_line: "UBND tỉnh Quảng Ngãi".into(),
                issuer_line: "SỞ Y TẾ".into(),
                abbreviation: "SYT".into(),
                place_name: "Quảng Ngãi".into(),
            },
            meta: PlanMeta::default(),
            round: Round {
                id: RoundId(1),
                code: "KH-2026-2030".into(),
                title: "Kế hoạch chuyển đổi số giai đoạn 2026-2030".into(),
                framework_id: FrameworkId(1),
                kind: PlanKind::FiveYear,
                period_start: 2026,
                period_end: 2027,
                evaluation: None,
                cutoff_date: NaiveDate::from_ymd_opt(2025, 12, 14).expect("date"),
                deadline: NaiveDate::from_ymd_opt(2026, 3, 1).expect("date"),
            },
            nodes,
            sections: [
                (
                    "P1.I.x".to_string(),
                    section("P1.I.x", "<p>Đã <b>làm</b></p>", false),
                ),
                ("P1.I.y".to_string(), section("P1.I.y", "", true)),
            ]
            .into_iter()
            .collect(),
            tables,
            legal: [(
                "85/2016/NĐ-CP".to_string(),
                "Nghị định số 85/2016/NĐ-CP ngày 01/07/2016 của Chính phủ".to_string(),
            )]
            .into_iter()
            .collect(),
            catalog_names: [(
                ("task_group".to_string(), "2".to_string()),
                "Phát triển hạ tầng".to_string(),
            )]
            .into_iter()
            .collect(),
            text: |key| match key {
                "col.tasks.name" => "Danh mục nhiệm vụ, dự án",
                _ => "nhãn",
            },
            year: 2026,
        }
    }

    #[test]
    fn the_document_is_built_from_the_framework_and_the_plans_data() {
        let doc = plan_document(&source());
        assert_eq!(doc.header.parent_body, "UBND TỈNH QUẢNG NGÃI");
        assert_eq!(doc.header.number_line, "Số:      /KH-SYT");
        assert_eq!(
            doc.header.date_line,
            "Quảng Ngãi, ngày      tháng      năm 2026"
        );
        assert_eq!(doc.title.subject, "Chuyển đổi số giai đoạn 2026-2030");
        assert_eq!(
            doc.basis,
            [
                "Căn cứ Nghị định số 85/2016/NĐ-CP ngày 01/07/2016 của Chính phủ;",
                "Căn cứ Công văn số 784/STTTT."
            ]
        );
        let headings: Vec<String> = doc
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Heading {
                    numbering, title, ..
                } => Some(format!("{numbering} {title}")),
                _ => None,
            })
            .collect();
        // The wrapping "Phụ lục I" and the guidance-only "Phụ lục III" are not printed; the
        // unnumbered items are numbered in order.
        assert_eq!(
            headings,
            [
                "Phần I MỤC P1",
                "I. MỤC P1.I",
                "1. Mục P1.I.x",
                "2. Mục P1.I.y",
                "II. MỤC P1.II"
            ]
        );
        let texts: Vec<String> = doc
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { runs, .. } => Some(runs_text(runs)),
                _ => None,
            })
            .collect();
        assert!(texts.contains(&"Đã làm".to_string()));
        assert!(texts.contains(&"Không áp dụng: không có".to_string()));
        // One appendix is "Phụ lục" without a numeral, and the body cites it.
        assert!(texts.contains(&"(Chi tiết tại Phụ lục kèm theo Kế hoạch này)".to_string()));
        assert_eq!(doc.appendices.len(), 1);
        let appendix = &doc.appendices[0];
        assert_eq!(appendix.number, "Phụ lục");
        assert_eq!(
            appendix.reference,
            "(Kèm theo Kế hoạch số      /KH-SYT ngày      /     /2026 của Sở Y tế)"
        );
        let [Block::Table(table)] = &appendix.blocks[..] else {
            panic!("{:?}", appendix.blocks);
        };
        let cells = |kind: RowKind| -> Vec<Vec<String>> {
            table
                .rows_of(kind)
                .map(|r| r.cells.iter().map(|c| c.plain_text()).collect())
                .collect()
        };
        assert_eq!(
            cells(RowKind::Group),
            [["I", "Phát triển hạ tầng", "1.250,5", "", "250,5", "1.000"]]
        );
        assert_eq!(cells(RowKind::Total)[0][0], "Tổng cộng");
        assert_eq!(cells(RowKind::Body)[0][4], "2026 - 2027");
        assert_eq!(table.unit.as_deref(), Some("Đơn vị tính: triệu đồng"));
    }

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
