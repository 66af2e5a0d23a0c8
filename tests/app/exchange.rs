//! The list tables in and out of spreadsheets, and the whole plan as JSON: on the web and from
//! the command line.

use crate::cli::{kehoachso, sqlite_url, stderr, stdout};
use crate::helpers::{texts, Backend, Client, TestApp, TestDb};
use kehoachso::domain::ids::PlanId;

/// The demo, with a session of Sở Y tế's editor and its 2021–2025 plan.
async fn demo() -> (TestApp, Client, i64) {
    crate::helpers::demo_editor("KH-2021-2025", crate::helpers::start_time()).await
}

/// Every row of the list's tables, as stored, in order.
async fn stored(app: &TestApp, plan: i64, tables: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for t in tables {
        for r in app.store.plan_rows(PlanId(plan), t).await.expect("rows") {
            out.push((t.to_string(), serde_json::to_string(&r.row).expect("json")));
        }
    }
    out
}

async fn upload(
    client: &Client,
    app: &TestApp,
    plan: i64,
    list: &str,
    name: &str,
    bytes: Vec<u8>,
    valid_only: bool,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new().text("csrf_token", client.csrf.clone());
    if valid_only {
        form = form.text("valid_only", "1");
    }
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_string());
    client
        .http
        .post(app.url(&format!("/plans/{plan}/lists/{list}/import")))
        .multipart(form.part("file", part))
        .send()
        .await
        .expect("POST")
}

const LISTS: [(&str, &[&str]); 4] = [
    ("projects", &["tasks"]),
    ("systems", &["information_systems"]),
    (
        "databases",
        &[
            "databases_national",
            "databases_central",
            "databases_provincial",
        ],
    ),
    ("indicators", &["indicators"]),
];

#[tokio::test]
async fn every_list_goes_out_and_back_in_both_formats_without_loss() {
    let (app, client, plan) = demo().await;
    for (list, tables) in LISTS {
        let before = stored(&app, plan, tables).await;
        assert!(!before.is_empty(), "{list} has demo rows");
        for format in ["xlsx", "csv"] {
            let response = client
                .get(&format!("/plans/{plan}/lists/{list}/export/{format}"))
                .await;
            assert_eq!(response.status(), 200, "{list} {format}");
            let disposition = response.headers()["content-disposition"]
                .to_str()
                .expect("ascii")
                .to_string();
            assert!(
                disposition.contains("filename*=UTF-8''KH-2021-2025_SYT_"),
                "{disposition}"
            );
            let bytes = response.bytes().await.expect("body").to_vec();
            let response = upload(
                &client,
                &app,
                plan,
                list,
                &format!("x.{format}"),
                bytes,
                false,
            )
            .await;
            let html = response.text().await.expect("body");
            assert!(
                texts(&html, ".alert-success").starts_with("Đã nhập"),
                "{list} {format}: {}",
                texts(&html, "main")
            );
            let after = stored(&app, plan, tables).await;
            assert_eq!(before, after, "{list} {format} round trip");
        }
    }
}

#[tokio::test]
async fn a_refused_import_changes_nothing_and_says_why_line_by_line() {
    let (app, client, plan) = demo().await;
    let before = stored(&app, plan, &["information_systems"]).await;
    let template = client
        .get(&format!("/plans/{plan}/lists/systems/template/csv"))
        .await
        .text()
        .await
        .expect("body");
    let header = template
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .expect("header")
        .to_string();

    // One good line, one with a level the catalog lacks, one with a formula, one with a control
    // character: nothing is imported, each problem is named.
    let body = format!(
        "{header}\nCổng dịch vụ công,VP,3,,,\nThư điện tử,VP,9,,,\nX,=1+1,2,,,\nY\u{1},VP,2,,,\n"
    );
    let response = upload(
        &client,
        &app,
        plan,
        "systems",
        "he-thong.csv",
        body.clone().into_bytes(),
        false,
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    let errors = texts(&html, "#import-errors tbody");
    assert!(
        errors.contains("Chọn một giá trị trong danh sách."),
        "{errors}"
    );
    assert!(errors.contains("công thức"), "{errors}");
    assert!(
        errors.contains("ký tự điều khiển") || errors.contains("control"),
        "{errors}"
    );
    assert_eq!(stored(&app, plan, &["information_systems"]).await, before);

    // Asked for, the valid line alone replaces the table.
    let response = upload(
        &client,
        &app,
        plan,
        "systems",
        "he-thong.csv",
        body.into_bytes(),
        true,
    )
    .await;
    assert_eq!(response.status(), 200);
    assert!(texts(&response.text().await.expect("body"), ".alert-success").contains("1"));
    assert_eq!(stored(&app, plan, &["information_systems"]).await.len(), 1);

    // Wrong columns, a file that is not a workbook, a zip bomb: refused before any row.
    for (name, bytes, expected) in [
        (
            "a.csv",
            b"ten,cap\nA,3\n".to_vec(),
            "Dòng tiêu đề không đúng mẫu",
        ),
        (
            "a.xlsx",
            b"PK\x03\x04 not really".to_vec(),
            "không phải bảng tính Excel",
        ),
    ] {
        let response = upload(&client, &app, plan, "systems", name, bytes, true).await;
        assert_eq!(response.status(), 422);
        assert!(
            texts(&response.text().await.expect("body"), "#e-file").contains(expected),
            "{name}"
        );
    }
    let bomb = {
        use std::io::Write;
        let mut buffer = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", options)
            .expect("entry");
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..21 {
            zip.write_all(&zeros).expect("write");
        }
        zip.finish().expect("finish");
        buffer.into_inner()
    };
    let response = upload(&client, &app, plan, "systems", "bom.xlsx", bomb, true).await;
    assert!(
        texts(&response.text().await.expect("body"), "#e-file").contains("khi giải nén quá lớn")
    );
    assert_eq!(stored(&app, plan, &["information_systems"]).await.len(), 1);
}

#[tokio::test]
async fn workbooks_with_formulas_are_refused_and_exports_never_hold_one() {
    let (app, client, plan) = demo().await;
    // A system whose name starts like a formula is stored as typed…
    let section = {
        let round = app
            .store
            .round_by_code("KH-2021-2025")
            .await
            .expect("q")
            .expect("round");
        let nodes = app
            .store
            .framework_nodes(round.framework_id)
            .await
            .expect("nodes");
        kehoachso::domain::framework::table_node(&nodes, round.kind, "information_systems")
            .expect("node")
    };
    let response = client
        .post(
            &format!("/plans/{plan}/tables/information_systems"),
            &[
                ("section", section.as_str()),
                ("name", "=HYPERLINK(\"http://x\")"),
                ("level", "2"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    // …and leaves in CSV behind an apostrophe, in XLSX as a text cell.
    let csv = client
        .get(&format!("/plans/{plan}/lists/systems/export/csv"))
        .await
        .text()
        .await
        .expect("body");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    let xlsx = client
        .get(&format!("/plans/{plan}/lists/systems/export/xlsx"))
        .await
        .bytes()
        .await
        .expect("body")
        .to_vec();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("zip");
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/worksheets/sheet1.xml").expect("sheet"),
        &mut sheet,
    )
    .expect("read");
    assert!(!sheet.contains("<f>"), "no formula cell");

    // A workbook with a formula is refused naming the cell.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    let template = client
        .get(&format!("/plans/{plan}/lists/systems/template/csv"))
        .await
        .text()
        .await
        .expect("body");
    for (c, h) in template
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .expect("header")
        .split(',')
        .enumerate()
    {
        ws.write_string(0, c as u16, h.trim_matches('"'))
            .expect("header");
    }
    ws.write_string(1, 0, "Cổng").expect("cell");
    ws.write_formula(1, 2, "=1+2").expect("formula");
    let bytes = book.save_to_buffer().expect("xlsx");
    let response = upload(&client, &app, plan, "systems", "f.xlsx", bytes, true).await;
    assert_eq!(response.status(), 422);
    assert!(texts(&response.text().await.expect("body"), "#e-file").contains("C2"));
}

#[tokio::test]
async fn the_command_line_exports_imports_and_archives_a_plan() {
    let db = TestDb::new(Backend::Sqlite).await.expect("db");
    let url = sqlite_url(&db);
    assert!(kehoachso(&["--database-url", &url, "--create", "demo"])
        .status
        .success());
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("du-an.xlsx");
    let path = file.to_str().expect("utf-8");
    let o = kehoachso(&[
        "--database-url",
        &url,
        "export",
        "--plan",
        "KH-2021-2025/SYT",
        "--table",
        "projects",
        "--format",
        "xlsx",
        "--out",
        path,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = kehoachso(&[
        "--database-url",
        &url,
        "import",
        "--plan",
        "KH-2021-2025/SYT",
        "--table",
        "projects",
        "--as",
        "canbo.syt",
        path,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Đã nhập 7 dòng"), "{}", stdout(&o));
    // Not again over an existing file; unknown plans and lists are named.
    let o = kehoachso(&[
        "--database-url",
        &url,
        "export",
        "--plan",
        "KH-2021-2025/SYT",
        "--table",
        "projects",
        "--format",
        "xlsx",
        "--out",
        path,
    ]);
    assert!(!o.status.success() && stderr(&o).contains("đã có"));
    let o = kehoachso(&[
        "--database-url",
        &url,
        "export",
        "--plan",
        "KH-2021-2025/XYZ",
        "--table",
        "projects",
        "--format",
        "csv",
        "--out",
        &format!("{path}.csv"),
    ]);
    assert!(!o.status.success() && stderr(&o).contains("XYZ"));
    // A bad file: nothing imported, each line named.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "name,level\nA,3\n").expect("write");
    let o = kehoachso(&[
        "--database-url",
        &url,
        "import",
        "--plan",
        "KH-2021-2025/SYT",
        "--table",
        "systems",
        "--as",
        "canbo.syt",
        bad.to_str().expect("utf-8"),
    ]);
    assert!(
        !o.status.success() && stderr(&o).contains("tiêu đề"),
        "{}",
        stderr(&o)
    );

    let json = dir.path().join("syt.json");
    let o = kehoachso(&[
        "--database-url",
        &url,
        "export",
        "--plan",
        "KH-2021-2025/SYT",
        "--format",
        "json",
        "--out",
        json.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("read")).expect("json");
    assert_eq!(value["unit"]["code"], "SYT");
    assert_eq!(value["sections"].as_array().expect("sections").len(), 34);
    for table in [
        "infrastructure",
        "tasks",
        "funding",
        "budget",
        "indicators",
        "information_systems",
    ] {
        assert!(
            !value["tables"][table].as_array().expect(table).is_empty(),
            "{table}"
        );
    }
}
