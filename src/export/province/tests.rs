use super::*;
use crate::domain::framework::{FrameworkNode, NodeKind, PlanKind, Translation};
use crate::domain::ids::{FrameworkId, RoundId, RowId};
use crate::domain::money::Money;
use crate::domain::round::PlanMeta;
use crate::domain::tables::rules::PlanTables;
use crate::domain::tables::Row;
use crate::export::model::{runs_text, RowKind, Table};
use chrono::NaiveDate;
use serde_json::json;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn round() -> Round {
    Round {
        id: RoundId(1),
        code: "KH-2026-2027".into(),
        title: "Kế hoạch ứng dụng CNTT, phát triển chính quyền số giai đoạn 2026-2027".into(),
        framework_id: FrameworkId(1),
        kind: PlanKind::FiveYear,
        period_start: 2026,
        period_end: 2027,
        evaluation: None,
        cutoff_date: day(2025, 12, 1),
        deadline: day(2026, 3, 1),
    }
}

fn rows(values: Vec<serde_json::Value>) -> Vec<(RowId, Row)> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| (RowId(i as i64 + 1), serde_json::from_value(v).expect("row")))
        .collect()
}

/// A node that makes the unit's plan document print the tasks appendix.
fn nodes() -> Vec<FrameworkNode> {
    let node = |key: &str, parent: Option<&str>, kind, table: Option<&str>| FrameworkNode {
        key: key.into(),
        parent_key: parent.map(String::from),
        numbering: String::new(),
        title: format!("Mục {key}"),
        guidance: String::new(),
        kind,
        table: table.map(String::from),
        optional: false,
        applies_to: None,
        english: Translation::default(),
    };
    vec![
        node("PL", None, NodeKind::Heading, None),
        node("T", Some("PL"), NodeKind::Narrative, Some("tasks")),
    ]
}

fn plan(code: &str, name: &str, tables: PlanTables) -> UnitPlan {
    UnitPlan {
        code: code.into(),
        source: PlanSource {
            unit_name: name.into(),
            names: DocumentNames {
                parent_line: "UBND tỉnh Quảng Ngãi".into(),
                issuer_line: name.to_uppercase(),
                abbreviation: code.into(),
                place_name: "Quảng Ngãi".into(),
            },
            meta: PlanMeta::default(),
            round: round(),
            nodes: nodes(),
            sections: BTreeMap::new(),
            tables,
            legal: BTreeMap::new(),
            catalog_names: BTreeMap::new(),
            text: |_| "nhãn",
            year: 2026,
        },
    }
}

/// Two units: Sở A spends 1 000 on tasks with 150 on security (15%: meets the rule), Sở B
/// 2 000 with 100 (5%: does not); three systems; one indicator against a national 90%.
/// Long: it is data, every field of two units written out.
fn source() -> ProvinceSource {
    // Long: the fixture's data of two plans, read best as one piece.
    let mut a = PlanTables::new();
    a.insert(
        "tasks".into(),
        rows(vec![json!({
            "name": "Nâng cấp mạng", "task_group": "2", "start_year": 2026, "end_year": 2027,
            "total": 1_000_000, "amounts": {"2026": 600_000, "2027": 400_000},
            "security": {"2026": 100_000, "2027": 50_000}
        })]),
    );
    a.insert(
        "funding".into(),
        rows(vec![json!({
            "source": "NSDP", "capital": "investment",
            "amounts": {"2026": 600_000, "2027": 400_000}
        })]),
    );
    a.insert(
        "information_systems".into(),
        rows(vec![
            json!({"name": "Cổng", "level": "3", "approved": "2024-03"}),
            json!({"name": "Một cửa", "level": "3"}),
        ]),
    );
    a.insert(
        "indicators".into(),
        rows(vec![json!({
            "indicator": "HS", "name": "Hồ sơ trực tuyến", "unit": "%", "direction": "up",
            "target": {"2026": 80_000, "2027": 95_000}
        })]),
    );
    let mut b = PlanTables::new();
    b.insert(
        "tasks".into(),
        rows(vec![
            json!({
                "name": "Phần mềm", "task_group": "1", "start_year": 2026, "end_year": 2026,
                "total": 1_500_000, "amounts": {"2026": 1_500_000}, "security": {"2026": 100_000}
            }),
            json!({
                "name": "Đào tạo", "task_group": "2", "start_year": 2027, "end_year": 2027,
                "total": 500_000, "amounts": {"2027": 500_000}
            }),
        ]),
    );
    b.insert(
        "funding".into(),
        rows(vec![
            json!({"source": "NSDP", "capital": "recurrent", "amounts": {"2027": 500_000}}),
            json!({"source": "NSTW", "capital": "investment", "amounts": {"2026": 1_500_000}}),
        ]),
    );
    b.insert(
        "information_systems".into(),
        rows(vec![
            json!({"name": "Quản lý", "level": "2", "approved": "2023-01"}),
        ]),
    );
    b.insert(
        "indicators".into(),
        rows(vec![json!({
            "indicator": "HS", "name": "Hồ sơ", "unit": "%", "direction": "up",
            "target": {"2026": 85_000}
        })]),
    );
    let entry = CatalogEntry {
        id: Some(crate::domain::ids::CatalogEntryId(1)),
        catalog: "indicator".into(),
        code: "HS".into(),
        name: "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng".into(),
        name_en: String::new(),
        valid_from: day(2020, 1, 1),
        valid_to: None,
        source: "Quyết định số 749/QĐ-TTg".into(),
        unit: "%".into(),
        direction: "up".into(),
        target: Some(90_000),
        target_year: Some(2027),
    };
    let names = [
        (("funding_source", "NSDP"), "Ngân sách địa phương"),
        (("funding_source", "NSTW"), "Ngân sách trung ương"),
        (("task_group", "1"), "Ứng dụng CNTT"),
        (("task_group", "2"), "Hạ tầng"),
        (("security_level", "2"), "Cấp độ 2"),
        (("security_level", "3"), "Cấp độ 3"),
    ];
    ProvinceSource {
        round: round(),
        department_name: "Sở Khoa học và Công nghệ".into(),
        department: DocumentNames {
            parent_line: "UBND tỉnh Quảng Ngãi".into(),
            issuer_line: "Sở Khoa học và Công nghệ".into(),
            abbreviation: "SKHCN".into(),
            place_name: "Quảng Ngãi".into(),
        },
        province_name: "tỉnh Quảng Ngãi".into(),
        plans: vec![plan("SA", "Sở A", a), plan("SB", "Sở B", b)],
        left_out: vec![LeftOut {
            code: "SC".into(),
            name: "Sở C".into(),
            status: "Trả lại để chỉnh sửa".into(),
        }],
        catalog_names: names
            .iter()
            .map(|((c, k), n)| ((c.to_string(), k.to_string()), n.to_string()))
            .collect(),
        indicators: vec![entry],
        text: |_| "nhãn",
        year: 2026,
    }
}

fn millions(m: i64) -> Money {
    Money::millions(m)
}

#[test]
fn the_summary_adds_up_the_approved_plans() {
    let s = summarize(&source());
    assert_eq!(s.years, [2026, 2027]);
    // Funding by source and year.
    let nsdp = &s.by_source["NSDP"];
    assert_eq!(nsdp[&2026], millions(600));
    assert_eq!(nsdp[&2027], millions(900));
    assert_eq!(s.by_source["NSTW"][&2026], millions(1500));
    assert_eq!(summary::total(&s.funding_by_year()), millions(3000));
    // Tasks by group, in the groups' order.
    let groups: Vec<(&str, Money)> = s
        .by_group
        .iter()
        .map(|(g, y)| (g.as_str(), summary::total(y)))
        .collect();
    assert_eq!(groups, [("1", millions(1500)), ("2", millions(1500))]);
    // The 10% rule: met by A (150 of 1 000), not by B (100 of 2 000).
    let shares: Vec<(&str, Money, Money, Option<bool>)> = s
        .shares
        .iter()
        .map(|u| (u.code.as_str(), u.total, u.security, u.meets))
        .collect();
    assert_eq!(
        shares,
        [
            ("SA", millions(1000), millions(150), Some(true)),
            ("SB", millions(2000), millions(100), Some(false))
        ]
    );
    let all = s.share_total();
    assert_eq!((all.total, all.security), (millions(3000), millions(250)));
    assert_eq!(all.meets, Some(false), "250 of 3 000 is 8,3%");
    // Systems by level: approved and not.
    assert_eq!(s.systems["2"], (1, 0));
    assert_eq!(s.systems["3"], (1, 1));
    // The indicator: A plans 95% for 2027 (meets 90%); B's last target is 85% for 2026.
    let [indicator] = &s.indicators[..] else {
        panic!("{:?}", s.indicators);
    };
    assert_eq!(indicator.met(), 1);
    type Target<'a> = (&'a str, Option<(i32, Money)>, Option<bool>);
    let targets: Vec<Target> = indicator
        .units
        .iter()
        .map(|u| (u.name.as_str(), u.target, u.meets))
        .collect();
    assert_eq!(
        targets,
        [
            ("Sở A", Some((2027, millions(95))), Some(true)),
            ("Sở B", Some((2026, millions(85))), Some(false))
        ]
    );
}

fn table(appendix: &Appendix, at: usize) -> &Table {
    appendix
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .nth(at)
        .expect("a table")
}

fn cells(table: &Table, kind: RowKind) -> Vec<Vec<String>> {
    table
        .rows_of(kind)
        .map(|r| r.cells.iter().map(|c| c.plain_text()).collect())
        .collect()
}

// Long: one document read back part by part, in the order it prints.
#[test]
fn the_consolidated_plan_has_the_departments_header_the_summaries_and_each_units_appendices() {
    // Long: one document checked part by part, header to appendices, on the same fixture.
    let doc = province_document(&source());
    assert_eq!(doc.header.parent_body, "UBND TỈNH QUẢNG NGÃI");
    assert_eq!(doc.header.issuing_body, "SỞ KHOA HỌC VÀ CÔNG NGHỆ");
    assert_eq!(doc.header.number_line, "Số:      /KH-SKHCN");
    assert_eq!(
        doc.header.date_line,
        "Quảng Ngãi, ngày      tháng      năm 2026"
    );
    assert_eq!(
        doc.title.subject,
        "Ứng dụng CNTT, phát triển chính quyền số trong hoạt động của các cơ quan nhà nước tỉnh Quảng Ngãi giai đoạn 2026 - 2027"
    );
    let numbers: Vec<&str> = doc.appendices.iter().map(|a| a.number.as_str()).collect();
    assert_eq!(
        numbers,
        [
            "Phụ lục I",
            "Phụ lục II",
            "Phụ lục III",
            "Phụ lục IV",
            "Phụ lục V",
            "Phụ lục VI"
        ]
    );
    assert!(doc.appendices.iter().all(|a| a.landscape
        && a.reference
            == "(Kèm theo Kế hoạch số      /KH-SKHCN ngày      /     /2026 của Sở Khoa học và Công nghệ)"));
    // Each unit's tasks appendix, titled with the unit's name.
    assert_eq!(
        doc.appendices[4].title,
        "SỞ A - DANH MỤC NHIỆM VỤ, DỰ ÁN GIAI ĐOẠN 2026 - 2027"
    );
    assert!(doc.appendices[5].title.starts_with("SỞ B - "));

    // Investment by source: rows and the total, in the Vietnamese format.
    let by_source = table(&doc.appendices[0], 0);
    assert_eq!(
        cells(by_source, RowKind::Body),
        [
            ["1", "Ngân sách địa phương", "1.500", "600", "900"],
            ["2", "Ngân sách trung ương", "1.500", "1.500", ""]
        ]
    );
    assert_eq!(
        cells(by_source, RowKind::Total),
        [["Tổng cộng", "3.000", "2.100", "900"]]
    );
    let by_group = table(&doc.appendices[0], 1);
    assert_eq!(cells(by_group, RowKind::Body)[0][1], "Ứng dụng CNTT");
    // The security share per unit.
    assert_eq!(
        cells(table(&doc.appendices[1], 0), RowKind::Body),
        [
            ["1", "Sở A", "1.000", "150", "15,0", "Đạt"],
            ["2", "Sở B", "2.000", "100", "5,0", "Chưa đạt"]
        ]
    );
    // Systems by level.
    assert_eq!(
        cells(table(&doc.appendices[2], 0), RowKind::Body),
        [
            ["I", "Cấp độ 2", "1", "1", "0"],
            ["II", "Cấp độ 3", "2", "1", "1"]
        ]
    );
    // Indicators against the national target.
    let indicators = table(&doc.appendices[3], 0);
    assert_eq!(cells(indicators, RowKind::Group)[0][5], "1/2 đơn vị đạt");
    assert_eq!(
        cells(indicators, RowKind::Body),
        [
            ["1", "Sở A", "", "95%", "2027", "Đạt"],
            ["2", "Sở B", "", "85%", "2026", "Chưa đạt"]
        ]
    );

    // The body names what is gathered, what is not, and the totals in figures and words.
    let text: Vec<String> = doc
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { runs, .. } | Block::ListItem { runs, .. } => Some(runs_text(runs)),
            _ => None,
        })
        .collect();
    let all = text.join("\n");
    assert!(all.contains("2/3 kế hoạch đã được phê duyệt"), "{all}");
    assert!(text.contains(&"Sở A;".to_string()) && text.contains(&"Sở B.".to_string()));
    assert!(
        text.contains(&"Trả lại để chỉnh sửa (1): Sở C.".to_string()),
        "{all}"
    );
    assert!(
        all.contains("3.000 triệu đồng (bằng chữ: Ba tỷ đồng)"),
        "{all}"
    );
    assert!(all.contains("250 triệu đồng, chiếm 8,3%"), "{all}");
    assert!(all.contains("1/2 cơ quan, đơn vị bố trí kinh phí"), "{all}");
}

#[test]
fn the_summary_sheets_hold_the_same_figures() {
    let src = source();
    let sheets = summary_sheets(&src, &summarize(&src));
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Kinh phí theo nguồn vốn",
            "Kinh phí theo nhóm nhiệm vụ",
            "Tỷ lệ kinh phí ATTT",
            "Hệ thống theo cấp độ",
            "Chỉ tiêu và mục tiêu quốc gia"
        ]
    );
    use crate::domain::sheet::Cell;
    assert_eq!(sheets[0].rows[0][1], Cell::Number(1500.0));
    assert_eq!(sheets[2].rows[1][4], Cell::Number(5.0));
    assert_eq!(sheets[4].rows.len(), 2);
    assert!(sheets.iter().all(|s| s.headers.len() == s.columns.len()));
}
