use super::outline::{auto_number, level_of};
use super::*;
use crate::domain::framework::{NodeKind, PlanKind, Translation};
use crate::domain::ids::{FrameworkId, RoundId};
use crate::domain::tables::Row;
use crate::export::model::Level;
use crate::export::model::{runs_text, RowKind};
use chrono::NaiveDate;

fn node(key: &str, parent: &str, numbering: &str, kind: NodeKind, table: &str) -> FrameworkNode {
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
/// Long: it is data, the plan written out field by field.
fn source() -> PlanSource {
    // Long: the fixture's outline, tables and wording, read best as one piece.
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
