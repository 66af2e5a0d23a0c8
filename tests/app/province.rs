//! The province's consolidated plan over the demo round with two approved plans (Sở Tài chính,
//! and Sở Nội vụ approved here), Sở Y tế's returned plan left out: the document's layout and
//! text, the workbook, the web job with its progress page, the command line, LibreOffice.

use crate::cli::{kehoachso, sqlite_url, stderr};
use crate::documents::{attr, document_text, download, is, office, para_text, part, w};
use crate::helpers::{location, Backend, Client, TestApp, TestDb};
use roxmltree::{Document, Node};
use std::io::Cursor;
use std::sync::Arc;

/// A task of Sở Y tế's plan, which is returned and so must stay out.
const SYT_TASK: &str = "Triển khai phần mềm quản lý bệnh viện (HIS)";

async fn client_of(app: &TestApp, username: &str) -> Client {
    let user = app
        .store
        .user_credentials(username)
        .await
        .expect("q")
        .expect("demo user")
        .0;
    app.session_for(&user).await
}

/// Known rows for the two plans the demo writes as text only: Sở Tài chính spends 2 000 with
/// 250 on security (12,5%), Sở Nội vụ 1 000 with 50 (5%).
async fn fill(app: &TestApp, round: &kehoachso::domain::round::Round) {
    use serde_json::json;
    let rows = [
        (
            "STC",
            "tasks",
            json!({"name": "Nâng cấp phần mềm quản lý ngân sách", "task_group": "5",
                   "start_year": 2021, "end_year": 2022, "total": 2_000_000,
                   "amounts": {"2021": 1_000_000, "2022": 1_000_000},
                   "security": {"2021": 150_000, "2022": 100_000}}),
        ),
        (
            "STC",
            "funding",
            json!({"source": "NSDP", "capital": "investment",
                   "amounts": {"2021": 1_000_000, "2022": 1_000_000}}),
        ),
        (
            "STC",
            "information_systems",
            json!({"name": "Cơ sở dữ liệu về giá", "level": "3", "approved": "2021-05",
                   "decision": "Quyết định số 12/QĐ-STC"}),
        ),
        (
            "STC",
            "indicators",
            json!({"indicator": "HS_CONG_VIEC_TINH", "name": "Hồ sơ công việc xử lý trên mạng",
                   "unit": "%", "direction": "up", "target": {"2024": 85_000, "2025": 95_000}}),
        ),
        (
            "SNV",
            "tasks",
            json!({"name": "Số hóa hồ sơ cán bộ, công chức", "task_group": "4",
                   "start_year": 2022, "end_year": 2023, "total": 1_000_000,
                   "amounts": {"2022": 500_000, "2023": 500_000}, "security": {"2023": 50_000}}),
        ),
        (
            "SNV",
            "funding",
            json!({"source": "NSTW", "capital": "recurrent",
                   "amounts": {"2022": 500_000, "2023": 500_000}}),
        ),
        (
            "SNV",
            "information_systems",
            json!({"name": "Phần mềm quản lý hồ sơ cán bộ", "level": "2"}),
        ),
        (
            "SNV",
            "indicators",
            json!({"indicator": "HS_CONG_VIEC_TINH", "name": "Hồ sơ công việc xử lý trên mạng",
                   "unit": "%", "direction": "up", "target": {"2025": 85_000}}),
        ),
    ];
    for (unit, table, row) in rows {
        let plan = crate::helpers::plan_of(app, round, unit).await;
        crate::helpers::seed_row(app, kehoachso::domain::ids::PlanId(plan), table, row).await;
    }
}

/// The demo with known rows in Sở Tài chính's (approved) and Sở Nội vụ's plans, Sở Nội vụ's
/// approved too; the round's id.
async fn demo_on(app: &TestApp) -> i64 {
    kehoachso::demo::load(&app.store, crate::helpers::start_time())
        .await
        .expect("demo");
    let round = app
        .store
        .round_by_code("KH-2021-2025")
        .await
        .expect("q")
        .expect("round");
    fill(app, &round).await;
    let snv = crate::helpers::plan_of(app, &round, "SNV").await;
    let reviewer = client_of(app, "thamdinh.skhcn").await;
    let response = reviewer.post(&format!("/plans/{snv}/approve"), &[]).await;
    assert_eq!(response.status(), 303);
    round.id.0
}

async fn demo() -> (TestApp, i64) {
    let app = TestApp::spawn().await;
    let round = demo_on(&app).await;
    (app, round)
}

/// Starts a job and follows its page until the file is ready; the file's disposition and bytes.
async fn consolidate(client: &Client, round: i64, format: &str) -> (String, Vec<u8>) {
    let response = client
        .post(&format!("/rounds/{round}/export/{format}"), &[])
        .await;
    assert_eq!(response.status(), 303, "{format}");
    let job = location(&response);
    assert!(
        job.starts_with(&format!("/rounds/{round}/export/jobs/")),
        "{job}"
    );
    let mut polls = 0;
    loop {
        let page = client.get(&job).await;
        assert_eq!(page.status(), 200);
        let html = page.text().await.expect("page");
        assert!(html.contains("<progress"), "{html}");
        if html.contains("id=\"export-file\"") {
            assert!(html.contains("Đã tổng hợp xong"), "{html}");
            break;
        }
        assert!(
            html.contains("Đang tổng hợp: ") || html.contains("Đang tạo tệp"),
            "{html}"
        );
        // The page refreshes itself while the job runs.
        assert!(html.contains(r#"hx-trigger="every 1s""#), "{html}");
        polls += 1;
        assert!(polls < 600, "the job finishes");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    download(client, &format!("{job}/file")).await
}

fn sections<'a>(doc: &'a Document<'a>) -> Vec<Node<'a, 'a>> {
    doc.descendants().filter(|n| is(*n, "sectPr")).collect()
}

#[tokio::test]
async fn the_consolidated_document_gathers_the_approved_plans_only() {
    let (app, round) = demo().await;
    let client = client_of(&app, "thamdinh.skhcn").await;
    let (disposition, bytes) = consolidate(&client, round, "docx").await;
    assert!(
        disposition.contains(
            "filename*=UTF-8''KH-2021-2025_K%E1%BA%BF%20ho%E1%BA%A1ch%20t%E1%BB%95ng%20h%E1%BB%A3p.docx"
        ),
        "{disposition}"
    );
    let xml = part(&bytes, "word/document.xml");
    let doc = Document::parse(&xml).expect("well-formed");

    // The body portrait, every appendix landscape and numbered on its own.
    let sects = sections(&doc);
    assert!(
        sects.len() > 5,
        "the body, four summaries, the units' appendices"
    );
    for (i, sect) in sects.iter().enumerate() {
        let size = w(*sect, "pgSz").expect("size");
        if i == 0 {
            assert_eq!(attr(size, "orient"), None);
        } else {
            assert_eq!(attr(size, "orient"), Some("landscape"), "appendix {i}");
            let numbering = w(*sect, "pgNumType").expect("numbering");
            assert_eq!(attr(numbering, "start"), Some("1"));
        }
    }

    // The investment table: two header rows repeated on each page, merged cells.
    let investment = doc
        .descendants()
        .filter(|n| is(*n, "tbl"))
        .find(|t| {
            t.descendants()
                .any(|n| is(n, "p") && para_text(n) == "Nguồn vốn")
        })
        .expect("the investment by source");
    let rows: Vec<Node> = investment.children().filter(|n| is(*n, "tr")).collect();
    for row in &rows[..2] {
        assert!(w(*row, "trPr").and_then(|p| w(p, "tblHeader")).is_some());
    }
    assert!(w(rows[2], "trPr").and_then(|p| w(p, "tblHeader")).is_none());
    let props: Vec<Node> = rows[0]
        .children()
        .filter(|n| is(*n, "tc"))
        .filter_map(|c| w(c, "tcPr"))
        .collect();
    assert!(props
        .iter()
        .any(|p| w(*p, "gridSpan").and_then(|g| attr(g, "val")) == Some("5")));
    assert!(props
        .iter()
        .any(|p| w(*p, "vMerge").and_then(|v| attr(v, "val")) == Some("restart")));

    let text = document_text(&xml);
    for expected in [
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "UBND TỈNH QUẢNG NGÃI",
        "Số:      /KH-SKHCN",
        "trong hoạt động của các cơ quan nhà nước tỉnh Quảng Ngãi giai đoạn 2021 - 2025",
        "TỔNG HỢP KINH PHÍ THEO NGUỒN VỐN VÀ NHÓM NHIỆM VỤ GIAI ĐOẠN 2021 - 2025",
        "TỶ LỆ KINH PHÍ BẢO ĐẢM AN TOÀN THÔNG TIN MẠNG CỦA CÁC CƠ QUAN, ĐƠN VỊ",
        "HỆ THỐNG THÔNG TIN THEO CẤP ĐỘ AN TOÀN VÀ TÌNH TRẠNG PHÊ DUYỆT HỒ SƠ",
        "CHỈ TIÊU CỦA CÁC CƠ QUAN, ĐƠN VỊ SO VỚI MỤC TIÊU QUỐC GIA",
        "SỞ NỘI VỤ - DANH MỤC NHIỆM VỤ, DỰ ÁN GIAI ĐOẠN 2021 - 2025",
        "SỞ TÀI CHÍNH - DANH MỤC NHIỆM VỤ, DỰ ÁN GIAI ĐOẠN 2021 - 2025",
        "(Kèm theo Kế hoạch số      /KH-SKHCN ngày      /     /2026 của Sở Khoa học và Công nghệ)",
        "2/33 kế hoạch đã được phê duyệt",
        "- Sở Nội vụ;",
        "- Sở Tài chính.",
        "- Trả lại để chỉnh sửa (1): Sở Y tế",
        "(bằng chữ: ",
    ] {
        assert!(text.contains(expected), "«{expected}» in:\n{text}");
    }
    assert!(
        !text.contains(SYT_TASK),
        "the returned plan's rows stay out"
    );
    assert!(!text.contains("SỞ Y TẾ - "), "and its appendices");
    // The summaries' figures: the security share of each unit against the rule, the
    // systems by level, the indicator against its national target.
    for line in [
        "| 1 | Sở Nội vụ | 1.000 | 50 | 5,0 | Chưa đạt |",
        "| 2 | Sở Tài chính | 2.000 | 250 | 12,5 | Đạt |",
        "| Tổng cộng | 3.000 | 300 | 10,0 | Đạt |",
        "| Tổng cộng | 3.000 | 1.000 | 1.500 | 500 |  |  |",
        "| Tổng cộng | 2 | 1 | 1 |",
        "| 1 | Sở Nội vụ |  | 85% | 2025 | Chưa đạt |",
        "| 2 | Sở Tài chính |  | 95% | 2025 | Đạt |",
    ] {
        assert!(text.contains(line), "«{line}» in:\n{text}");
    }
    assert!(text.contains("1/2 đơn vị đạt"), "{text}");
}

#[tokio::test]
async fn the_consolidated_workbook_has_the_summaries_and_every_units_rows() {
    let (app, round) = demo().await;
    let client = client_of(&app, "quantri.skhcn").await;
    let (disposition, book) = consolidate(&client, round, "xlsx").await;
    assert!(
        disposition.contains("t%E1%BB%95ng%20h%E1%BB%A3p.xlsx"),
        "{disposition}"
    );
    use calamine::{Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(book)).expect("a workbook");
    let names = workbook.sheet_names();
    for expected in [
        "Kinh phí theo nguồn vốn",
        "Kinh phí theo nhóm nhiệm vụ",
        "Tỷ lệ kinh phí ATTT",
        "Hệ thống theo cấp độ",
        "Chỉ tiêu và mục tiêu quốc gia",
        "Nhiệm vụ, dự án",
        "Hệ thống thông tin",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    let tasks = workbook.worksheet_range("Nhiệm vụ, dự án").expect("sheet");
    let mut lines = tasks.rows();
    let header: Vec<String> = lines
        .next()
        .expect("header")
        .iter()
        .map(Data::to_string)
        .collect();
    assert_eq!(header[..2], ["Mã đơn vị", "Cơ quan, đơn vị"]);
    let units: std::collections::BTreeSet<String> = lines.map(|r| r[0].to_string()).collect();
    assert_eq!(
        units.into_iter().collect::<Vec<_>>(),
        ["SNV", "STC"],
        "every approved unit's rows, and only theirs"
    );
    let shares = workbook
        .worksheet_range("Tỷ lệ kinh phí ATTT")
        .expect("sheet");
    assert_eq!(shares.rows().count(), 3, "a header and the two units");
    assert!(shares
        .rows()
        .skip(1)
        .all(|r| matches!(r[2], Data::Float(f) if f > 0.0)));
}

#[tokio::test]
async fn a_job_is_its_starters_and_the_department_may_start_one() {
    let (app, round) = demo().await;
    let reviewer = client_of(&app, "thamdinh.skhcn").await;
    let response = reviewer
        .post(&format!("/rounds/{round}/export/docx"), &[])
        .await;
    let job = location(&response);
    // Another department user does not see it, nor its file.
    let admin = client_of(&app, "quantri.skhcn").await;
    assert_eq!(admin.get(&job).await.status(), 404);
    assert_eq!(admin.get(&format!("{job}/file")).await.status(), 404);
    // Nor on another round's path.
    let other = job.replacen(&format!("/rounds/{round}/"), "/rounds/999999/", 1);
    assert_eq!(reviewer.get(&other).await.status(), 404);
    // A viewer (the province's leadership) may consolidate; an agency's editor may not.
    let viewer = client_of(&app, "lanhdao.ubnd").await;
    let (_, bytes) = consolidate(&viewer, round, "docx").await;
    assert!(bytes.starts_with(b"PK"));
    let editor = client_of(&app, "canbo.syt").await;
    let response = editor
        .post(&format!("/rounds/{round}/export/docx"), &[])
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(editor.get(&job).await.status(), 403);
    // The same document as PDF; other names are not formats.
    #[cfg(feature = "pdf")]
    {
        let (disposition, bytes) = consolidate(&reviewer, round, "pdf").await;
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(disposition.contains(".pdf"), "{disposition}");
    }
    let response = reviewer
        .post(&format!("/rounds/{round}/export/odt"), &[])
        .await;
    assert_eq!(response.status(), 404);
    // The board offers both files.
    let board = reviewer
        .get(&format!("/rounds/{round}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(board.contains("Tải kế hoạch tổng hợp"));
    assert!(board.contains(&format!(r#"action="/rounds/{round}/export/docx""#)));
    assert!(board.contains(&format!(r#"formaction="/rounds/{round}/export/xlsx""#)));
}

#[tokio::test]
async fn a_failed_job_says_so() {
    let (app, round) = demo().await;
    // Without an administrator there is no department to issue the plan.
    crate::helpers::raw_sql(
        &app,
        "update app_user set disabled = true where role = 'admin'",
    )
    .await
    .expect("admins disabled");
    let client = client_of(&app, "thamdinh.skhcn").await;
    let response = client
        .post(&format!("/rounds/{round}/export/docx"), &[])
        .await;
    let job = location(&response);
    for _ in 0..300 {
        let html = client.get(&job).await.text().await.expect("page");
        if html.contains("Không tạo được kế hoạch tổng hợp") {
            assert!(!html.contains("export-file"));
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the job failed and said so");
}

/// The demo on a SQLite file, approved as above, for the command line and LibreOffice.
async fn demo_file() -> (TestApp, String) {
    let db = Arc::new(TestDb::new(Backend::Sqlite).await.expect("db"));
    let url = sqlite_url(&db);
    let app = TestApp::spawn_with(db, kehoachso::config::WebConfig::default(), None).await;
    demo_on(&app).await;
    (app, url)
}

#[tokio::test]
async fn the_command_line_writes_the_consolidated_plan() {
    let (_app, url) = demo_file().await;
    let dir = tempfile::tempdir().expect("dir");
    for format in ["docx", "xlsx"] {
        let out = dir.path().join(format!("tong-hop.{format}"));
        let o = kehoachso(&[
            "--database-url",
            &url,
            "export",
            "--round",
            "KH-2021-2025",
            "--province",
            "--format",
            format,
            "--out",
            out.to_str().expect("path"),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let said = String::from_utf8_lossy(&o.stdout);
        assert!(said.contains("Đã tổng hợp 2/33 kế hoạch"), "{said}");
        assert!(said.contains("SYT (trả lại để chỉnh sửa)"), "{said}");
        // Not a terminal here: no progress bar in the output.
        assert!(!stderr(&o).contains("đơn vị ("), "{}", stderr(&o));
        assert!(std::fs::read(&out).expect("written").starts_with(b"PK"));
    }
    let o = kehoachso(&[
        "--database-url",
        &url,
        "export",
        "--round",
        "KH-2021-2025",
        "--province",
        "--format",
        "csv",
        "--out",
        dir.path().join("x.csv").to_str().expect("path"),
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("docx, pdf hoặc xlsx"), "{}", stderr(&o));
}

#[tokio::test]
async fn libreoffice_opens_the_consolidated_document_and_workbook() {
    let Some(office) = office() else {
        return;
    };
    let (_app, url) = demo_file().await;
    let dir = tempfile::tempdir().expect("dir");
    let mut files = Vec::new();
    for format in ["docx", "xlsx"] {
        let out = dir.path().join(format!("tong-hop-{format}.{format}"));
        let o = kehoachso(&[
            "--database-url",
            &url,
            "export",
            "--round",
            "KH-2021-2025",
            "--province",
            "--format",
            format,
            "--out",
            out.to_str().expect("path"),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        files.push(out);
    }
    crate::documents::converts_to_pdf(&office, dir.path(), &files).await;
}
