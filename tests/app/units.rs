//! Org-unit administration through the web: forms, closing and merging, CSV import.

use crate::helpers::{input_value, location, texts, Client, TestApp, PASSWORD};
use kehoachso::domain::user::Role;

async fn admin_app() -> (TestApp, Client) {
    let app = TestApp::spawn().await;
    app.add_unit("QNG", None).await;
    app.add_unit("SKHCN", Some("QNG")).await;
    app.add_user("quantri", Role::Admin, "SKHCN").await;
    let client = app.login("quantri", PASSWORD).await;
    (app, client)
}

fn unit_fields<'a>(code: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("code", code),
        ("name", name),
        ("kind", "department"),
        ("parent_code", "QNG"),
        ("valid_from", "01/01/2020"),
        ("valid_to", ""),
        ("parent_line", "UBND TỈNH QUẢNG NGÃI"),
        ("issuer_line", "SỞ Y TẾ"),
        ("abbreviation", "SYT"),
        ("place_name", "Quảng Ngãi"),
    ]
}

#[tokio::test]
async fn an_admin_creates_and_edits_a_unit() {
    let (app, client) = admin_app().await;
    let response = client
        .post("/admin/units", &unit_fields("syt", "Sở Y tế"))
        .await;
    assert_eq!(response.status(), 303);
    let target = location(&response);
    assert!(target.ends_with("?msg=units.created"), "{target}");
    let html = client.get(&target).await.text().await.expect("body");
    assert_eq!(texts(&html, ".alert-success"), "Đã thêm đơn vị.");
    assert!(texts(&html, "h1").starts_with("Sở Y tế"));
    let unit = app
        .store
        .unit_by_code("SYT")
        .await
        .expect("q")
        .expect("created, code upper-cased");
    let mut fields = unit_fields("SYT", "Sở Y tế tỉnh Quảng Ngãi");
    fields.retain(|(k, _)| *k != "name");
    fields.push(("name", "Sở Y tế tỉnh Quảng Ngãi"));
    let response = client
        .post(&format!("/admin/units/{}", unit.id), &fields)
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        app.store.unit(unit.id).await.expect("q").expect("u").name,
        "Sở Y tế tỉnh Quảng Ngãi"
    );
    let (events, _) = app
        .store
        .audit_events(&kehoachso::domain::audit::AuditFilter {
            action_prefix: Some("unit.update".into()),
            limit: 5,
            ..Default::default()
        })
        .await
        .expect("audit");
    assert!(
        events[0].before.contains("name=Sở Y tế;")
            && events[0].after.contains("name=Sở Y tế tỉnh Quảng Ngãi"),
        "{events:?}"
    );
    assert_eq!(events[0].actor_name, "quantri");
}

#[tokio::test]
async fn bad_input_is_explained_beside_each_field_and_nothing_typed_is_lost() {
    let (app, client) = admin_app().await;
    let long_name = "Sở ".repeat(100);
    let fields = vec![
        ("code", "S Y T"),
        ("name", long_name.as_str()),
        ("kind", ""),
        ("parent_code", "KHONGCO"),
        ("valid_from", "31/02/2020"),
        ("issuer_line", "SỞ Y TẾ <script>alert(1)</script>"),
        ("abbreviation", "KH/SYT"),
        ("place_name", ""),
    ];
    let response = client.post("/admin/units", &fields).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#e-code"),
        "Chỉ dùng chữ cái không dấu, số và các dấu . - _"
    );
    assert_eq!(texts(&html, "#e-name"), "Dài quá 200 ký tự.");
    assert_eq!(
        texts(&html, "#e-valid_from"),
        "Ngày không hợp lệ. Nhập theo dạng 31/12/2025 hoặc 2025-12-31."
    );
    assert_eq!(
        texts(&html, "#e-abbreviation"),
        "Chữ viết tắt không chứa dấu cách hay dấu /."
    );
    assert_eq!(texts(&html, "#e-place_name"), "Không được để trống.");
    assert!(texts(&html, ".field-error").contains("Chọn loại đơn vị."));
    // What was typed comes back, escaped.
    assert_eq!(
        input_value(&html, "name").as_deref(),
        Some(long_name.as_str())
    );
    assert_eq!(
        input_value(&html, "issuer_line").as_deref(),
        Some("SỞ Y TẾ <script>alert(1)</script>")
    );
    assert!(
        !html.contains("<script>alert(1)</script>"),
        "user text is escaped"
    );
    assert_eq!(
        app.store.units(&Default::default()).await.expect("q").len(),
        2,
        "nothing was written"
    );

    // A parent that does not exist is caught by the store and shown in the same place.
    let mut fields = unit_fields("SYT", "Sở Y tế");
    fields.retain(|(k, _)| *k != "parent_code");
    fields.push(("parent_code", "KHONGCO"));
    let response = client.post("/admin/units", &fields).await;
    assert_eq!(response.status(), 422);
    assert_eq!(
        texts(&response.text().await.expect("body"), "#e-parent_code"),
        "Không có đơn vị nào mang mã này."
    );
    // So is a taken code.
    let response = client
        .post("/admin/units", &unit_fields("SKHCN", "Trùng mã"))
        .await;
    assert_eq!(
        texts(&response.text().await.expect("body"), "#e-code"),
        "Mã này đã được dùng cho đơn vị khác."
    );
}

#[tokio::test]
async fn a_merged_unit_keeps_its_history_reachable_from_its_successor() {
    let (app, client) = admin_app().await;
    let stttt = app.add_unit("STTTT", Some("QNG")).await;
    let response = client
        .post(
            &format!("/admin/units/{}/merge", stttt.id),
            &[("successor", "skhcn"), ("effective", "01/03/2025")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let merged = app.store.unit(stttt.id).await.expect("q").expect("u");
    assert_eq!(
        merged.valid_to.map(|d| d.to_string()).as_deref(),
        Some("2025-02-28")
    );
    let skhcn = app
        .store
        .unit_by_code("SKHCN")
        .await
        .expect("q")
        .expect("u");
    let html = client
        .get(&format!("/admin/units/{}", skhcn.id))
        .await
        .text()
        .await
        .expect("body");
    assert!(
        html.contains(&format!("href=\"/admin/units/{}\"", stttt.id)),
        "the predecessor is linked"
    );
    let html = client
        .get(&format!("/admin/units/{}", stttt.id))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, ".badge-closed").contains("Hết hiệu lực sau ngày 28/02/2025"));
    assert!(
        texts(&html, "dd").contains("Đơn vị SKHCN (SKHCN)"),
        "the successor is named"
    );
}

#[tokio::test]
async fn closing_refuses_bad_dates_and_units_with_open_children() {
    let (app, client) = admin_app().await;
    let qng = app.store.unit_by_code("QNG").await.expect("q").expect("u");
    let response = client
        .post(
            &format!("/admin/units/{}/close", qng.id),
            &[("effective", "2025-07-01")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#e-close-effective"),
        "Đơn vị còn đơn vị trực thuộc đang hoạt động; hãy xử lý các đơn vị đó trước."
    );
    assert_eq!(
        input_value(&html, "effective").as_deref(),
        Some("2025-07-01"),
        "the typed date stays"
    );
    let skhcn = app
        .store
        .unit_by_code("SKHCN")
        .await
        .expect("q")
        .expect("u");
    let response = client
        .post(
            &format!("/admin/units/{}/close", skhcn.id),
            &[("effective", "hôm qua")],
        )
        .await;
    assert_eq!(
        texts(&response.text().await.expect("body"), "#e-close-effective"),
        "Ngày không hợp lệ. Nhập theo dạng 31/12/2025 hoặc 2025-12-31."
    );
    let response = client
        .post(
            &format!("/admin/units/{}/merge", skhcn.id),
            &[("successor", "SKHCN"), ("effective", "2025-07-01")],
        )
        .await;
    assert_eq!(
        texts(&response.text().await.expect("body"), "#e-merge-successor"),
        "Không thể sáp nhập đơn vị vào chính nó."
    );
    assert!(app
        .store
        .unit(skhcn.id)
        .await
        .expect("q")
        .expect("u")
        .valid_to
        .is_none());
}

#[tokio::test]
async fn the_list_searches_without_diacritics_and_answers_htmx_with_rows_only() {
    let (app, client) = admin_app().await;
    app.add_unit("SYT", Some("QNG")).await;
    let html = client
        .get("/admin/units?q=don+vi+syt")
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(texts(&html, "#unit-rows td:first-child a"), "SYT");
    let fragment = client
        .http
        .get(app.url("/admin/units?q=skhcn"))
        .header("hx-request", "true")
        .header("hx-target", "unit-rows")
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("body");
    assert!(fragment.trim_start().starts_with("<tr>"), "{fragment}");
    assert!(!fragment.contains("<html"));
}

async fn upload(
    client: &Client,
    app: &TestApp,
    bytes: Vec<u8>,
    valid_only: bool,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new().text("csrf_token", client.csrf.clone());
    if valid_only {
        form = form.text("valid_only", "1");
    }
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("don-vi.csv")
        .mime_str("text/csv")
        .expect("mime");
    client
        .http
        .post(app.url("/admin/units/import"))
        .multipart(form.part("file", part))
        .send()
        .await
        .expect("POST")
}

#[tokio::test]
async fn the_csv_template_imports_and_bad_rows_are_reported_line_by_line() {
    let (app, client) = admin_app().await;
    let template = client.get("/admin/units/template.csv").await;
    assert_eq!(template.status(), 200);
    assert!(template.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .contains("filename*=UTF-8''"));
    let bytes = template.bytes().await.expect("body").to_vec();
    let response = upload(&client, &app, bytes, false).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        texts(&response.text().await.expect("body"), ".alert-success"),
        "1 đơn vị được thêm, 1 đơn vị được cập nhật."
    );

    let header = kehoachso::domain::org_unit_csv::COLUMNS.join(",");
    let csv = format!(
        "{header}\nSNV,Sở Nội vụ,department,QNG,2020-01-01,,UBND TỈNH QUẢNG NGÃI,SỞ NỘI VỤ,SNV,Quảng Ngãi\n\
         STP,Sở Tư pháp,department,NOWHERE,2020-01-01,,UBND TỈNH QUẢNG NGÃI,SỞ TƯ PHÁP,STP,Quảng Ngãi\n\
         SGD,,department,QNG,2020-13-01,,UBND,SỞ GD,SGD,Quảng Ngãi\n"
    );
    let response = upload(&client, &app, csv.clone().into_bytes(), false).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(texts(&html, ".alert-error").starts_with("Không nhập dòng nào vì tệp có lỗi."));
    let rows = texts(&html, "#import-errors td");
    assert!(
        rows.contains("3\nparent_code\nKhông có đơn vị nào mang mã này."),
        "{rows}"
    );
    assert!(rows.contains("4\nname\nKhông được để trống."), "{rows}");
    assert!(rows.contains("4\nvalid_from\nNgày không hợp lệ."), "{rows}");
    assert!(
        app.store.unit_by_code("SNV").await.expect("q").is_none(),
        "the valid row waited too"
    );

    let response = upload(&client, &app, csv.into_bytes(), true).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, ".alert-success"),
        "1 đơn vị được thêm, 0 đơn vị được cập nhật."
    );
    assert!(
        texts(&html, "#import-errors").contains("parent_code"),
        "skipped rows are listed"
    );
    assert!(app.store.unit_by_code("SNV").await.expect("q").is_some());
}

#[tokio::test]
async fn files_of_the_wrong_kind_or_size_are_refused_with_a_clear_message() {
    let (app, client) = admin_app().await;
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            "mã;tên\n"
                .as_bytes()
                .iter()
                .chain([0xc3, 0x28].iter())
                .copied()
                .collect(),
            "Tệp không phải văn bản UTF-8.",
        ),
        (b"ma,ten\nA,B\n".to_vec(), "Dòng tiêu đề không đúng mẫu."),
        (vec![b'a'; 1024 * 1024 + 10], "Tệp quá lớn (tối đa 1 MB)."),
        (Vec::new(), "Chưa chọn tệp CSV."),
    ];
    for (bytes, message) in cases {
        let response = upload(&client, &app, bytes, false).await;
        assert_eq!(response.status(), 422);
        let html = response.text().await.expect("body");
        assert!(
            texts(&html, ".field-error").starts_with(message),
            "{message}: {}",
            texts(&html, ".field-error")
        );
    }
    assert_eq!(
        app.store.units(&Default::default()).await.expect("q").len(),
        2
    );
}

#[tokio::test]
async fn agency_users_see_their_own_unit_and_nothing_else() {
    let (app, _) = admin_app().await;
    let syt = app.add_unit("SYT", Some("QNG")).await;
    let stc = app.add_unit("STC", Some("QNG")).await;
    app.add_user("canbo.syt", Role::Editor, "SYT").await;
    let client = app.login("canbo.syt", PASSWORD).await;
    let html = client
        .get(&format!("/units/{}", syt.id))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, "h1").starts_with("Đơn vị SYT"));
    assert!(texts(&html, "table.data").contains("canbo.syt"));
    assert!(!html.contains("/admin/"), "no admin links for an editor");
    let response = client.get(&format!("/units/{}", stc.id)).await;
    assert_eq!(response.status(), 403);
    assert!(response
        .text()
        .await
        .expect("body")
        .contains("Bạn không có quyền thực hiện thao tác này."));
}
