//! A plan's official document (DOCX) and its tables (XLSX): the decree's layout read back from
//! the XML, the demo plan's text against its snapshot, hostile text, the command line, and
//! LibreOffice opening every file.
//!
//! The snapshot `tests/app/snapshots/syt-2021-2025.txt` is the text of Sở Y tế's demo plan as
//! the document prints it. After a deliberate change, regenerate it with
//! `KEHOACHSO_UPDATE_SNAPSHOTS=1 cargo test --test app documents` and review the diff.

use crate::cli::{kehoachso, sqlite_url, stderr};
use crate::helpers::{Backend, Client, TestApp, TestDb};
use kehoachso::domain::ids::PlanId;
use kehoachso::domain::round::SectionInput;
use roxmltree::{Document, Node};
use std::io::{Cursor, Read};

pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The demo, with a session of Sở Y tế's editor and its 2021–2025 plan.
async fn demo() -> (TestApp, Client, i64) {
    crate::helpers::demo_editor("KH-2021-2025", crate::helpers::start_time()).await
}

pub(crate) async fn download(client: &Client, path: &str) -> (String, Vec<u8>) {
    let response = client.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .to_string();
    (disposition, response.bytes().await.expect("body").to_vec())
}

/// A part of a zip package, as text.
pub(crate) fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} is in the package"))
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

pub(crate) fn w<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children()
        .find(|n| n.tag_name().namespace() == Some(W) && n.tag_name().name() == name)
}

pub(crate) fn attr<'a>(node: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

pub(crate) fn is(node: Node, name: &str) -> bool {
    node.tag_name().namespace() == Some(W) && node.tag_name().name() == name
}

/// The text of a paragraph, with line breaks and without the invisible wrap points.
pub(crate) fn para_text(p: Node) -> String {
    let mut out = String::new();
    for n in p.descendants() {
        if is(n, "t") {
            out.push_str(n.text().unwrap_or_default());
        } else if is(n, "br") {
            out.push('\n');
        } else if is(n, "tab") {
            out.push('\t');
        }
    }
    out.replace('\u{200b}', "")
}

/// The paragraph whose text is exactly `text`.
pub(crate) fn paragraph<'a>(doc: &'a Document<'a>, text: &str) -> Node<'a, 'a> {
    doc.descendants()
        .find(|n| is(*n, "p") && para_text(*n) == text)
        .unwrap_or_else(|| panic!("a paragraph «{text}»"))
}

/// Size (half-points), bold and italic of a paragraph's first run.
pub(crate) fn look(p: Node) -> (u32, bool, bool) {
    let run = p.descendants().find(|n| is(*n, "r")).expect("a run");
    let rpr = w(run, "rPr").expect("run properties");
    let size = w(rpr, "sz")
        .and_then(|s| attr(s, "val"))
        .and_then(|v| v.parse().ok())
        .expect("a size");
    (size, w(rpr, "b").is_some(), w(rpr, "i").is_some())
}

/// The document's text: paragraphs line by line, table rows as cells between `|`, sections
/// marked.
pub(crate) fn document_text(xml: &str) -> String {
    let doc = Document::parse(xml).expect("document.xml is well-formed XML");
    let body = w(doc.root_element(), "body").expect("a body");
    let mut out = Vec::new();
    fn section(sect: Node, out: &mut Vec<String>) {
        let size = w(sect, "pgSz").expect("a page size");
        let orient = attr(size, "orient").unwrap_or("portrait");
        out.push(format!("==== {orient} ===="));
    }
    for child in body.children() {
        if is(child, "p") {
            let text = para_text(child);
            if !text.is_empty() {
                out.push(text);
            }
            if let Some(sect) = w(child, "pPr").and_then(|p| w(p, "sectPr")) {
                section(sect, &mut out);
            }
        } else if is(child, "tbl") {
            for row in child.children().filter(|n| is(*n, "tr")) {
                let cells: Vec<String> = row
                    .children()
                    .filter(|n| is(*n, "tc"))
                    .map(|tc| {
                        tc.children()
                            .filter(|n| is(*n, "p"))
                            .map(para_text)
                            .filter(|t| !t.is_empty())
                            .collect::<Vec<_>>()
                            .join(" / ")
                            .replace('\n', " / ")
                    })
                    .collect();
                out.push(format!("| {} |", cells.join(" | ")));
            }
        } else if is(child, "sectPr") {
            section(child, &mut out);
        }
    }
    out.join("\n") + "\n"
}

#[tokio::test]
async fn the_plan_document_follows_the_decrees_layout() {
    let (_app, client, plan) = demo().await;
    let (disposition, bytes) = download(&client, &format!("/plans/{plan}/export/docx")).await;
    assert!(
        disposition.contains("filename*=UTF-8''KH-2021-2025_SYT_K%E1%BA%BF%20ho%E1%BA%A1ch.docx"),
        "{disposition}"
    );
    let xml = part(&bytes, "word/document.xml");
    let doc = Document::parse(&xml).expect("well-formed");

    // Sections: the plan on A4 portrait with the default margins, then each appendix on its
    // own landscape pages numbered from 1; every section's first page without a number.
    let sections: Vec<Node> = doc.descendants().filter(|n| is(*n, "sectPr")).collect();
    assert_eq!(sections.len(), 6, "the plan and five appendices");
    for (i, sect) in sections.iter().enumerate() {
        let size = w(*sect, "pgSz").expect("size");
        let (width, height) = (attr(size, "w"), attr(size, "h"));
        if i == 0 {
            assert_eq!((width, height), (Some("11906"), Some("16838")));
            assert_eq!(attr(size, "orient"), None);
        } else {
            assert_eq!((width, height), (Some("16838"), Some("11906")));
            assert_eq!(attr(size, "orient"), Some("landscape"));
            let numbering = w(*sect, "pgNumType").expect("page numbering");
            assert_eq!(attr(numbering, "start"), Some("1"), "appendix {i}");
        }
        let margins = w(*sect, "pgMar").expect("margins");
        for (side, twips) in [
            ("top", "1134"),
            ("bottom", "1134"),
            ("left", "1701"),
            ("right", "850"),
        ] {
            assert_eq!(attr(margins, side), Some(twips), "{side} margin");
        }
        assert!(w(*sect, "titlePg").is_some(), "a different first page");
        let headers: Vec<(&str, &str)> = sect
            .children()
            .filter(|n| is(*n, "headerReference"))
            .map(|h| {
                (
                    attr(h, "type").unwrap_or_default(),
                    h.attribute((
                        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                        "id",
                    ))
                    .unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            headers,
            [("default", "rIdPageNumber"), ("first", "rIdEmptyHeader")]
        );
    }
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Id="rIdPageNumber" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml""#));
    assert!(rels.contains(r#"Id="rIdEmptyHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml""#));
    let numbered = part(&bytes, "word/header1.xml");
    assert!(numbered.contains(" PAGE ") && numbered.contains(r#"<w:jc w:val="center"/>"#));
    let first = part(&bytes, "word/header2.xml");
    assert!(!first.contains("PAGE") && !first.contains("<w:t"));

    // Times New Roman everywhere.
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>"#));

    // The header block and the title, each element in its size and style.
    for (text, expected) in [
        ("UBND TỈNH QUẢNG NGÃI", (26, false, false)),
        ("SỞ Y TẾ", (26, true, false)),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (24, true, false)),
        ("Độc lập - Tự do - Hạnh phúc", (26, true, false)),
        ("Số: 112/KH-SYT", (26, false, false)),
        ("Quảng Ngãi, ngày 10 tháng 9 năm 2020", (28, false, true)),
        ("KẾ HOẠCH", (28, true, false)),
        ("Nơi nhận:", (24, true, true)),
        ("- Lưu: VT, KHTC.", (22, false, false)),
        ("KT. GIÁM ĐỐC", (28, true, false)),
        ("PHÓ GIÁM ĐỐC", (28, true, false)),
        ("Phạm Thị Dung", (28, true, false)),
        ("Phụ lục I", (28, true, false)),
        ("Phần I", (28, true, false)),
        ("I. MÔI TRƯỜNG PHÁP LÝ", (28, true, false)),
    ] {
        assert_eq!(look(paragraph(&doc, text)), expected, "{text}");
    }
    // The header and signature blocks are borderless tables of two columns (40% and 60%).
    let header_table = doc
        .descendants()
        .find(|n| is(*n, "tbl"))
        .expect("the header table");
    let widths: Vec<&str> = header_table
        .descendants()
        .filter(|n| is(*n, "gridCol"))
        .filter_map(|n| attr(n, "w"))
        .collect();
    assert_eq!(widths, ["3742", "5613"]);
    assert!(header_table
        .descendants()
        .filter(|n| is(*n, "top") || is(*n, "insideV"))
        .all(|b| attr(b, "val") == Some("nil")));
    // The rules under the issuing body and the motto: bottom borders of narrowed paragraphs;
    // the motto's as long as the motto.
    let rules: Vec<Node> = doc
        .descendants()
        .filter(|n| is(*n, "pBdr"))
        .map(|b| b.parent().and_then(|p| p.parent()).expect("a paragraph"))
        .collect();
    assert!(rules.len() >= 3, "issuing body, motto and subject");
    let indent = |p: Node| -> u32 {
        let ind = w(w(p, "pPr").expect("pPr"), "ind").expect("indents");
        attr(ind, "left")
            .and_then(|v| v.parse().ok())
            .expect("left")
    };
    let motto_rule = 5613 - 2 * indent(rules[1]);
    assert!((3000..4000).contains(&motto_rule), "{motto_rule} twips");
    let issuer_rule = 3742 - 2 * indent(rules[0]);
    assert!((300..1000).contains(&issuer_rule), "{issuer_rule} twips");

    // The legal basis in italic, each line ending in `;`, the last in `.`.
    let basis: Vec<Node> = doc
        .descendants()
        .filter(|n| is(*n, "p") && para_text(*n).starts_with("Căn cứ "))
        .collect();
    assert_eq!(basis.len(), 6);
    for (i, p) in basis.iter().enumerate() {
        assert!(look(*p).2, "italic");
        let end = if i == basis.len() - 1 { '.' } else { ';' };
        assert!(para_text(*p).ends_with(end), "{}", para_text(*p));
    }

    // Body text: justified, first line indented 1.27 cm, 6 pt after, spacing within 1–1.5.
    let body = paragraph(
        &doc,
        "Trong giai đoạn, Sở Y tế đã ban hành các văn bản chủ yếu sau:",
    );
    let ppr = w(body, "pPr").expect("pPr");
    assert_eq!(w(ppr, "jc").and_then(|j| attr(j, "val")), Some("both"));
    assert_eq!(
        w(ppr, "ind").and_then(|i| attr(i, "firstLine")),
        Some("720")
    );
    let spacing = w(ppr, "spacing").expect("spacing");
    assert!(attr(spacing, "after").and_then(|a| a.parse::<u32>().ok()) >= Some(120));
    let line: u32 = attr(spacing, "line")
        .and_then(|l| l.parse().ok())
        .expect("line");
    assert!((240..=360).contains(&line), "{line}");
    assert_eq!(look(body), (28, false, false));
    // Bold and lists from the narrative.
    let limits = doc
        .descendants()
        .find(|n| is(*n, "p") && para_text(*n).starts_with("Hạn chế: chưa ban hành quy định"))
        .expect("the paragraph with a bold lead");
    assert!(look(limits).1, "its first run is bold");
    assert!(doc
        .descendants()
        .any(|n| is(n, "p") && para_text(n).starts_with("- Quy chế quản lý, vận hành")));

    // Appendix tables: header rows repeated on each page, merged header cells, totals in the
    // Vietnamese number format.
    let tasks = doc
        .descendants()
        .filter(|n| is(*n, "tbl"))
        .find(|t| {
            t.descendants()
                .any(|n| is(n, "p") && para_text(n) == "Danh mục nhiệm vụ, dự án")
        })
        .expect("the tasks appendix");
    let rows: Vec<Node> = tasks.children().filter(|n| is(*n, "tr")).collect();
    for row in &rows[..2] {
        assert!(
            w(*row, "trPr").and_then(|p| w(p, "tblHeader")).is_some(),
            "header rows repeat"
        );
    }
    assert!(w(rows[2], "trPr").and_then(|p| w(p, "tblHeader")).is_none());
    let cell_props: Vec<Node> = rows[0]
        .children()
        .filter(|n| is(*n, "tc"))
        .filter_map(|c| w(c, "tcPr"))
        .collect();
    assert!(cell_props
        .iter()
        .any(|p| w(*p, "vMerge").and_then(|v| attr(v, "val")) == Some("restart")));
    assert!(cell_props
        .iter()
        .any(|p| w(*p, "gridSpan").and_then(|g| attr(g, "val")) == Some("5")));
    let continued = rows[1]
        .children()
        .filter(|n| is(*n, "tc"))
        .filter(|c| {
            w(*c, "tcPr")
                .and_then(|p| w(p, "vMerge"))
                .is_some_and(|v| attr(v, "val").is_none())
        })
        .count();
    assert_eq!(continued, 7, "the seven headers spanning both rows");
    let total = rows.last().expect("a total row");
    let total_text: Vec<String> = total
        .children()
        .filter(|n| is(*n, "tc"))
        .map(para_text)
        .collect();
    assert_eq!(total_text[0], "Tổng cộng");
    assert!(
        total_text[1].contains('.') && !total_text[1].contains(','),
        "{total_text:?}"
    );
    assert!(paragraph(&doc, "Đơn vị tính: triệu đồng")
        .descendants()
        .any(|n| is(n, "i")));
}

#[tokio::test]
async fn an_undated_draft_takes_the_year_it_is_in_vietnam_not_in_utc() {
    // 31 December 2026, 18:00 UTC: already 1 January 2027, 01:00, in Vietnam.
    let new_year = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 31, 18, 0, 0)
        .single()
        .expect("valid time");
    let (_app, client, plan) = crate::helpers::demo_editor("KH-2026-2030", new_year).await;
    let (_, bytes) = download(&client, &format!("/plans/{plan}/export/docx")).await;
    let text = document_text(&part(&bytes, "word/document.xml"));
    assert!(text.contains("tháng      năm 2027"), "{text}");
}

#[tokio::test]
async fn the_demo_plans_text_matches_its_snapshot() {
    let (_app, client, plan) = demo().await;
    let (_, bytes) = download(&client, &format!("/plans/{plan}/export/docx")).await;
    let text = document_text(&part(&bytes, "word/document.xml"));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/app/snapshots/syt-2021-2025.txt");
    if std::env::var("KEHOACHSO_UPDATE_SNAPSHOTS").is_ok() {
        std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
        std::fs::write(&path, &text).expect("snapshot written");
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if text != expected {
        let first = text
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(text.lines().count().min(expected.lines().count()));
        panic!(
            "the document's text differs from {} at line {}:\n  got:      {:?}\n  expected: {:?}\n(regenerate with KEHOACHSO_UPDATE_SNAPSHOTS=1 if the change is meant)",
            path.display(),
            first + 1,
            text.lines().nth(first),
            expected.lines().nth(first)
        );
    }
    // The same plan gives the same bytes.
    let (_, again) = download(&client, &format!("/plans/{plan}/export/docx")).await;
    assert_eq!(bytes, again);
}

#[tokio::test]
async fn hostile_text_stays_text_in_the_document_and_the_workbook() {
    let (app, client, plan) = demo().await;
    let long_word = "A".repeat(300);
    let hostile = format!("=cmd|' /C calc'!A0 & <w:p> \"q\" \u{1}x\u{7f}y {long_word}");
    // Straight into the store, past the forms' checks: the writers must cope on their own.
    let row = serde_json::json!({
        "name": hostile,
        "lead_unit": "+SUM(1)",
        "task_group": "1",
        "start_year": 2021,
        "end_year": 2021,
        "total": 1_250_500,
        "amounts": {"2021": 1_250_500},
    });
    app.store
        .replace_plan_rows(
            PlanId(plan),
            &["tasks"],
            &[kehoachso::db::NewRow {
                table: "tasks",
                row: serde_json::from_value(row).expect("row"),
                label: "x".into(),
            }],
            "plan_rows.import",
            &app.audit(),
        )
        .await
        .expect("rows stored");
    let input = SectionInput {
        body_html: format!(
            "<p>{}</p>",
            hostile.replace('&', "&amp;").replace('<', "&lt;")
        ),
        not_applicable: false,
        not_applicable_reason: String::new(),
    };
    app.store
        .save_section(PlanId(plan), "PL1.P1.I", 1, &input, &app.audit())
        .await
        .expect("section saved");

    let (_, bytes) = download(&client, &format!("/plans/{plan}/export/docx")).await;
    let xml = part(&bytes, "word/document.xml");
    let doc = Document::parse(&xml).expect("still well-formed XML");
    let expected = format!("=cmd|' /C calc'!A0 & <w:p> \"q\" xy {long_word}");
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| is(*n, "p"))
        .map(para_text)
        .collect();
    assert_eq!(
        texts.iter().filter(|t| *t == &expected).count(),
        2,
        "the narrative and the task's name"
    );
    assert!(texts.iter().any(|t| t == "1.250,5"), "the amount");
    assert!(!xml.contains('\u{1}') && !xml.contains('\u{7f}'));
    // The long word can wrap: it has break opportunities in the file.
    assert!(xml.contains(&format!("{}\u{200b}", "A".repeat(20))));

    // In the PDF the same text is printed as text, never read as markup.
    #[cfg(feature = "pdf")]
    {
        let (_, pdf) = download(&client, &format!("/plans/{plan}/export/pdf")).await;
        if let Some(text) = poppler("pdftotext", &pdf, &[]) {
            // Lines break where the page does: compare with the spaces collapsed.
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                text.contains("=cmd|' /C calc'!A0 & <w:p> \"q\" xy"),
                "{text}"
            );
            assert!(text.contains(&"A".repeat(20)));
        }
    }

    let (_, book) = download(&client, &format!("/plans/{plan}/export/xlsx")).await;
    use calamine::{Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(book.clone())).expect("a workbook");
    let range = workbook
        .worksheet_range("Nhiệm vụ, dự án")
        .expect("the tasks sheet");
    let cells: Vec<String> = range
        .rows()
        .nth(1)
        .expect("a row")
        .iter()
        .map(Data::to_string)
        .collect();
    assert!(cells.iter().any(|c| c.starts_with("'=cmd")), "{cells:?}");
    assert!(cells.iter().any(|c| c == "'+SUM(1)"), "{cells:?}");
    for name in workbook.sheet_names() {
        let formulas = workbook.worksheet_formula(&name).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name}"
        );
    }
}

#[tokio::test]
async fn the_workbook_has_a_sheet_per_table_with_the_templates_columns() {
    let (_app, client, plan) = demo().await;
    let (disposition, book) = download(&client, &format!("/plans/{plan}/export/xlsx")).await;
    assert!(
        disposition.contains("filename*=UTF-8''KH-2021-2025_SYT_C%C3%A1c%20b%E1%BA%A3ng.xlsx"),
        "{disposition}"
    );
    use calamine::{Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(book.clone())).expect("a workbook");
    let names = workbook.sheet_names();
    for expected in [
        "Hạ tầng kỹ thuật",
        "Cơ sở dữ liệu",
        "Hệ thống thông tin",
        "Chỉ tiêu",
        "Nhiệm vụ, dự án",
        "Kinh phí theo nguồn và năm",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    // The list sheets have the import template's header, cell for cell.
    let (_, template) = download(
        &client,
        &format!("/plans/{plan}/lists/systems/template/xlsx"),
    )
    .await;
    let mut template: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(template)).expect("a template");
    let template_name = template.sheet_names()[0].clone();
    let header = |range: calamine::Range<Data>| -> Vec<String> {
        range
            .rows()
            .next()
            .expect("a header")
            .iter()
            .map(Data::to_string)
            .collect()
    };
    assert_eq!(
        header(
            workbook
                .worksheet_range("Hệ thống thông tin")
                .expect("sheet")
        ),
        header(template.worksheet_range(&template_name).expect("sheet"))
    );
    // Amounts are numbers, with their format; the header row stays in view.
    let tasks = workbook.worksheet_range("Nhiệm vụ, dự án").expect("sheet");
    assert!(tasks
        .rows()
        .skip(1)
        .flat_map(|r| r.iter())
        .any(|c| matches!(c, Data::Float(f) if (*f - 5000.0).abs() < 1e-9)));
    let sheets = (1..=names.len())
        .map(|i| part(&book, &format!("xl/worksheets/sheet{i}.xml")))
        .collect::<Vec<_>>();
    assert!(sheets
        .iter()
        .all(|s| s.contains(r#"ySplit="1""#) && s.contains(r#"state="frozen""#)));
    assert!(part(&book, "xl/styles.xml").contains("#,##0.###"));
}

#[tokio::test]
async fn the_command_line_writes_the_document_and_the_workbook() {
    let db = TestDb::new(Backend::Sqlite).await.expect("db");
    let url = sqlite_url(&db);
    let o = kehoachso(&["--database-url", &url, "--create", "demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = tempfile::tempdir().expect("dir");
    // `export --plan KH-2021-2025/SYT --format FORMAT [extra…] --out FILE`
    let export = |format: &str, file: &str, extra: &[&str]| {
        let out = dir.path().join(file);
        let mut args = vec![
            "--database-url",
            &url,
            "export",
            "--plan",
            "KH-2021-2025/SYT",
            "--format",
            format,
        ];
        args.extend_from_slice(extra);
        let path = out.to_str().expect("path").to_string();
        args.extend_from_slice(&["--out", &path]);
        (kehoachso(&args), out)
    };
    let (o, docx) = export("docx", "ke-hoach.docx", &["--margins", "25,25,35,20"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&docx).expect("written");
    let xml = part(&bytes, "word/document.xml");
    assert!(xml.contains(r#"<w:pgMar w:top="1417" w:right="1134" w:bottom="1417" w:left="1984""#));

    #[cfg(feature = "pdf")]
    {
        let (o, pdf) = export("pdf", "ke-hoach.pdf", &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(std::fs::read(&pdf).expect("written").starts_with(b"%PDF-"));
    }

    let (o, xlsx) = export("xlsx", "cac-bang.xlsx", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    use calamine::{Reader, Xlsx};
    let workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(std::fs::read(&xlsx).expect("written")))
            .expect("a workbook");
    assert!(workbook.sheet_names().len() > 4, "every table with rows");

    // Margins outside the decree are refused, naming the range.
    let (o, _) = export("docx", "x.docx", &["--margins", "10,20,30,15"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("20–25 mm"), "{}", stderr(&o));
}

/// LibreOffice on the PATH: `soffice` or `libreoffice`. In CI it must be there.
pub(crate) fn office() -> Option<String> {
    let found = ["soffice", "libreoffice"].into_iter().find(|cmd| {
        std::process::Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI must have LibreOffice (soffice) to check that the documents open"
        );
        eprintln!("skipped: LibreOffice (soffice) is not on the PATH");
    }
    found.map(str::to_string)
}

#[tokio::test]
async fn libreoffice_opens_the_document_and_the_workbook() {
    let Some(office) = office() else {
        return;
    };
    let (_app, client, plan) = demo().await;
    let dir = tempfile::tempdir().expect("dir");
    let mut files = Vec::new();
    for format in ["docx", "xlsx"] {
        let (_, bytes) = download(&client, &format!("/plans/{plan}/export/{format}")).await;
        // Different names, as both convert to a PDF of the same stem.
        let path = dir.path().join(format!("ke-hoach-{format}.{format}"));
        std::fs::write(&path, bytes).expect("written");
        files.push(path);
    }
    converts_to_pdf(&office, dir.path(), &files).await;
}

/// Converts `files` to PDF with LibreOffice headless (a private profile in `dir`) and asserts
/// that each gave a PDF of some size.
pub(crate) async fn converts_to_pdf(
    office: &str,
    dir: &std::path::Path,
    files: &[std::path::PathBuf],
) {
    let profile = dir.join("profile");
    let output = tokio::process::Command::new(office)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(files)
        .output()
        .await
        .expect("LibreOffice runs");
    for file in files {
        let size = std::fs::metadata(file.with_extension("pdf"))
            .map(|m| m.len())
            .unwrap_or(0);
        assert!(
            size > 1000,
            "{} converts to a PDF: {}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[tokio::test]
async fn downloads_at_once_all_finish_with_the_same_document() {
    let (_app, client, plan) = demo().await;
    let path = format!("/plans/{plan}/export/docx");
    // More requests than rendering slots: the others wait their turn, none fails.
    let bodies = futures_util::future::join_all((0..6).map(|_| download(&client, &path))).await;
    assert!(bodies.windows(2).all(|w| w[0].1 == w[1].1));
}

/// A poppler tool on the PATH (`pdftotext`, `pdfinfo`) run on `pdf`; in CI it must be there.
#[cfg(feature = "pdf")]
fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> Option<String> {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, pdf).expect("written");
    let mut command = std::process::Command::new(tool);
    command.args(args).arg(&path);
    if tool == "pdftotext" {
        command.arg("-");
    }
    match command.output() {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        outcome => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI must have {tool} (poppler-utils) to read the PDF back: {outcome:?}"
            );
            eprintln!("skipped: {tool} is not on the PATH");
            None
        }
    }
}

/// The lines of each page of a PDF's text, blank lines dropped.
#[cfg(feature = "pdf")]
fn pdf_pages(text: &str) -> Vec<Vec<String>> {
    text.split('\u{c}')
        .map(|page| {
            page.lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect()
        })
        .filter(|page: &Vec<String>| !page.is_empty())
        .collect()
}

#[cfg(feature = "pdf")]
#[tokio::test]
async fn the_plan_as_pdf_has_the_decrees_words_pages_and_fonts() {
    let (_app, client, plan) = demo().await;
    let response = client.get(&format!("/plans/{plan}/export/pdf")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(disposition.ends_with(".pdf"), "{disposition}");
    let bytes = response.bytes().await.expect("body").to_vec();
    assert!(bytes.starts_with(b"%PDF-"));
    // The same plan gives the same bytes.
    let (_, again) = download(&client, &format!("/plans/{plan}/export/pdf")).await;
    assert!(again == bytes, "rendering is not deterministic");

    let Some(fonts) = poppler("pdffonts", &bytes, &[]) else {
        return;
    };
    let serif: Vec<&str> = fonts
        .lines()
        .filter(|l| l.contains("LiberationSerif"))
        .collect();
    assert!(serif.len() >= 3, "regular, bold, italic: {fonts}");
    assert!(
        serif.iter().all(|l| l.contains(" yes yes ")),
        "embedded: {fonts}"
    );

    let Some(text) = poppler("pdftotext", &bytes, &[]) else {
        return;
    };
    let pages = pdf_pages(&text);
    let first = &pages[0];
    for line in [
        "UBND TỈNH QUẢNG NGÃI",
        "SỞ Y TẾ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 112/KH-SYT",
        "Quảng Ngãi, ngày 10 tháng 9 năm 2020",
        "KẾ HOẠCH",
        "Phần I",
    ] {
        assert!(
            first.iter().any(|l| l == line),
            "page 1 lacks «{line}»: {first:?}"
        );
    }
    // No number on the first page; the second starts with its number.
    assert_ne!(first[0], "1");
    assert_eq!(pages[1][0], "2");
    let closing = pages
        .iter()
        .find(|p| p.iter().any(|l| l == "Nơi nhận:"))
        .expect("the recipients");
    for line in [
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Phạm Thị Dung",
        "- Lưu: VT, KHTC.",
    ] {
        assert!(closing.iter().any(|l| l == line), "«{line}»: {closing:?}");
    }
    // Each appendix starts a page of its own, unnumbered, with its title and reference; its
    // next page is its page 2.
    let starts: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p[0].starts_with("Phụ lục "))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(starts.len(), 5, "five appendices");
    let appendix = &pages[starts[0]];
    assert_eq!(appendix[0], "Phụ lục I");
    assert!(appendix
        .iter()
        .any(|l| l == "(Kèm theo Kế hoạch số 112/KH-SYT ngày 10/9/2020 của Sở Y tế)"));
    let tasks = starts[4];
    assert!(pages[tasks].iter().any(|l| l == "Đơn vị tính: triệu đồng"));
    assert_eq!(pages[tasks + 1][0], "2", "the appendix's own page 2");

    // Appendices are landscape A4, the body portrait.
    let Some(info) = poppler("pdfinfo", &bytes, &["-f", "1", "-l", "999"]) else {
        return;
    };
    let sizes: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size: "))
        .collect();
    assert_eq!(sizes.len(), pages.len());
    assert!(sizes[0].contains("595.276 x 841.89"), "{}", sizes[0]);
    assert!(
        sizes[starts[0]].contains("841.89 x 595.276"),
        "{}",
        sizes[starts[0]]
    );
}
