//! Frameworks, rounds and the plan editor.

use crate::helpers::{
    input_value, location, open_round, plan_of, province, texts, Client, TestApp, PASSWORD,
};
use kehoachso::domain::framework::{NodeKind, PlanKind};

/// The first text section of a plan of this kind in a framework.
pub async fn first_section(app: &TestApp, framework: &str, kind: PlanKind) -> String {
    let f = app
        .store
        .framework_by_code(framework)
        .await
        .expect("q")
        .expect("framework");
    app.store
        .framework_nodes(f.id)
        .await
        .expect("nodes")
        .iter()
        .find(|n| n.kind == NodeKind::Narrative && n.applies(kind))
        .expect("a text section")
        .key
        .clone()
}

pub async fn htmx_save(
    client: &Client,
    plan: i64,
    key: &str,
    body: &str,
    base: i32,
) -> reqwest::Response {
    client
        .http
        .post(format!("{}/plans/{plan}/sections/{key}", client.base))
        .header("hx-request", "true")
        .header(
            "hx-current-url",
            format!("{}/plans/{plan}?section={key}", client.base),
        )
        .header("x-csrf-token", client.csrf.clone())
        .form(&[("body", body), ("base_version", &base.to_string())])
        .send()
        .await
        .expect("POST")
}

#[tokio::test]
async fn both_built_in_frameworks_are_listed_and_shown_with_their_guidance() {
    let app = province().await;
    let client = app.login("canbo.syt", PASSWORD).await;
    let html = client.get("/frameworks").await.text().await.expect("body");
    let codes = texts(&html, "tbody td:first-child");
    assert!(
        codes.contains("KHUNG-2021-2025") && codes.contains("KHUNG-2026-2030"),
        "{codes}"
    );
    let seed = app
        .store
        .framework_by_code("KHUNG-2021-2025")
        .await
        .expect("q")
        .expect("seed");
    let html = client
        .get(&format!("/frameworks/{}", seed.id))
        .await
        .text()
        .await
        .expect("body");
    assert!(html.contains("MÔI TRƯỜNG PHÁP LÝ"));
    assert!(html.contains("Công văn số 784/STTTT"));
    assert!(texts(&html, "details.guidance").contains("Nghị quyết số 17/NQ-CP"));
}

#[tokio::test]
async fn an_admin_makes_edits_and_publishes_a_new_version_while_the_old_one_stays() {
    let app = province().await;
    let client = app.login("quantri", PASSWORD).await;
    let seed = app
        .store
        .framework_by_code("KHUNG-2021-2025")
        .await
        .expect("q")
        .expect("seed");
    let key = first_section(&app, "KHUNG-2021-2025", PlanKind::FiveYear).await;
    // A published framework refuses edits.
    let response = client
        .post(
            &format!("/admin/frameworks/{}/nodes/{key}", seed.id),
            &[("title", "Đổi tên")],
        )
        .await;
    assert_eq!(response.status(), 409);
    let response = client
        .post(&format!("/admin/frameworks/{}/clone", seed.id), &[])
        .await;
    assert_eq!(response.status(), 303);
    let draft = app
        .store
        .framework_by_code("KHUNG-2021-2025")
        .await
        .expect("q")
        .expect("newest");
    assert_eq!(draft.version, 2);
    assert_eq!(
        location(&response),
        format!("/frameworks/{}?msg=frameworks.cloned", draft.id)
    );
    let path = format!("/admin/frameworks/{}/nodes/{key}", draft.id);
    let response = client
        .post(
            &path,
            &[("numbering", "I."), ("title", ""), ("guidance", "x")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert_eq!(
        texts(&response.text().await.expect("body"), "#e-title"),
        "Không được để trống."
    );
    let response = client
        .post(
            &path,
            &[
                ("numbering", "I."),
                ("title", "MÔI TRƯỜNG PHÁP LÝ VÀ CHÍNH SÁCH"),
                ("guidance", "Đoạn một.\n\nĐoạn hai."),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let response = client
        .post(&format!("/admin/frameworks/{}/publish", draft.id), &[])
        .await;
    assert_eq!(response.status(), 303);
    let new_nodes = app.store.framework_nodes(draft.id).await.expect("nodes");
    let old_nodes = app.store.framework_nodes(seed.id).await.expect("nodes");
    let edited = new_nodes.iter().find(|n| n.key == key).expect("node");
    assert_eq!(
        (edited.title.as_str(), edited.guidance.as_str()),
        ("MÔI TRƯỜNG PHÁP LÝ VÀ CHÍNH SÁCH", "Đoạn một.\n\nĐoạn hai.")
    );
    assert_eq!(
        old_nodes.iter().find(|n| n.key == key).expect("node").title,
        "MÔI TRƯỜNG PHÁP LÝ",
        "version 1 is untouched"
    );
    assert_eq!(
        client.post(&path, &[("title", "Lần nữa")]).await.status(),
        409,
        "published now"
    );
    // CLI: both versions are listed.
    let listed: Vec<_> = app
        .store
        .frameworks()
        .await
        .expect("q")
        .into_iter()
        .filter(|f| f.code == "KHUNG-2021-2025")
        .map(|f| (f.version, f.status.code()))
        .collect();
    assert_eq!(listed, [(1, "published"), (2, "published")]);
}

#[tokio::test]
async fn an_admin_opens_a_round_for_groups_of_units_and_bad_input_is_explained() {
    let app = province().await;
    let client = app.login("quantri", PASSWORD).await;
    let response = client
        .post(
            "/admin/rounds",
            &[
                ("code", "kh 2026"),
                ("title", ""),
                ("framework", "KHUNG-2026-2030@1"),
                ("kind", "five_year"),
                ("period_start", "2030"),
                ("period_end", "2026"),
                ("cutoff_date", "14/12/2025"),
                ("deadline", "31/02/2026"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#e-code"),
        "Chỉ dùng chữ cái không dấu, số và các dấu . - _"
    );
    assert_eq!(
        texts(&html, "#e-period_end"),
        "Năm kết thúc phải từ năm bắt đầu trở đi."
    );
    assert_eq!(
        texts(&html, "#e-deadline"),
        "Ngày không hợp lệ. Nhập theo dạng 31/12/2025 hoặc 2025-12-31."
    );
    assert_eq!(
        texts(&html, "#e-units"),
        "Chọn ít nhất một đơn vị tham gia."
    );
    assert_eq!(
        input_value(&html, "cutoff_date").as_deref(),
        Some("14/12/2025"),
        "typed values stay"
    );

    let response = client
        .post(
            "/admin/rounds",
            &[
                ("code", "KH-2026-2030"),
                ("title", "Kế hoạch chuyển đổi số giai đoạn 2026-2030"),
                ("framework", "KHUNG-2026-2030@1"),
                ("kind", "five_year"),
                ("period_start", "2026"),
                ("period_end", "2030"),
                ("evaluation_start", "2021"),
                ("evaluation_end", "2025"),
                ("cutoff_date", "14/12/2025"),
                ("deadline", "31/01/2026"),
                ("units", "kind:department"),
                ("units", "SYT"),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        303,
        "{}",
        response.text().await.unwrap_or_default()
    );
    let round = app
        .store
        .round_by_code("KH-2026-2030")
        .await
        .expect("q")
        .expect("round");
    let units: Vec<String> = app
        .store
        .round_plans(round.id)
        .await
        .expect("plans")
        .into_iter()
        .map(|p| p.unit_code)
        .collect();
    assert_eq!(units, ["SKHCN", "STC", "SYT"], "every department once");
    let html = client
        .get(&format!("/rounds/{}", round.id))
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(
        texts(&html, "#board .badge.status-draft").lines().count(),
        3
    );
    // The same code twice is refused by the store, beside the field.
    let again = client
        .post(
            "/admin/rounds",
            &[
                ("code", "KH-2026-2030"),
                ("title", "Lặp"),
                ("framework", "KHUNG-2026-2030@1"),
                ("kind", "annual"),
                ("period_start", "2027"),
                ("cutoff_date", "14/12/2026"),
                ("deadline", "31/01/2027"),
                ("units", "SYT"),
            ],
        )
        .await;
    assert_eq!(
        texts(&again.text().await.expect("body"), "#e-code"),
        "Mã đợt này đã được dùng."
    );
}

#[tokio::test]
async fn a_draft_framework_cannot_be_used_by_a_round() {
    let app = province().await;
    let seed = app
        .store
        .framework_by_code("KHUNG-2021-2025")
        .await
        .expect("q")
        .expect("seed");
    app.store
        .clone_framework(seed.id, &app.audit())
        .await
        .expect("draft");
    let client = app.login("quantri", PASSWORD).await;
    let response = client
        .post(
            "/admin/rounds",
            &[
                ("code", "KH-X"),
                ("title", "Thử"),
                ("framework", "KHUNG-2021-2025@2"),
                ("kind", "annual"),
                ("period_start", "2021"),
                ("cutoff_date", "14/12/2020"),
                ("deadline", "31/01/2021"),
                ("units", "SYT"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(texts(&response.text().await.expect("body"), "#e-framework")
        .starts_with("Khung này chưa ban hành"));
}

#[tokio::test]
async fn an_editor_writes_a_section_which_is_saved_cleaned_and_versioned() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT", "STC"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let key = first_section(&app, "KHUNG-2026-2030", PlanKind::FiveYear).await;
    let client = app.login("canbo.syt", PASSWORD).await;
    let html = client
        .get(&format!("/plans/{plan}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(
        html.contains("id=\"section-form\""),
        "the first section opens, editable"
    );
    assert!(!texts(&html, ".guidance-panel").is_empty());

    let response = htmx_save(
        &client,
        plan,
        &key,
        "<p>Đã ban hành <b>12</b> văn bản<script>alert(1)</script></p>",
        0,
    )
    .await;
    assert_eq!(response.status(), 200);
    let fragment = response.text().await.expect("body");
    assert!(
        fragment.contains("data-saved-version=\"1\"") && fragment.contains("hx-swap-oob"),
        "{fragment}"
    );
    let saved = app
        .store
        .plan_section(kehoachso::domain::ids::PlanId(plan), &key)
        .await
        .expect("q")
        .expect("saved");
    assert_eq!(saved.body_html, "<p>Đã ban hành <b>12</b> văn bản</p>");
    assert_eq!(saved.updated_by.as_deref(), Some("Người dùng canbo.syt"));
    assert_eq!(
        htmx_save(&client, plan, &key, "<p>Bản thứ hai</p>", 1)
            .await
            .status(),
        200
    );

    // The tree marks the section filled; the page shows the text.
    let html = client
        .get(&format!("/plans/{plan}?section={key}"))
        .await
        .text()
        .await
        .expect("body");
    let doc = scraper::Html::parse_document(&html);
    let item = scraper::Selector::parse(&format!("li[id=\"tree-{key}\"]")).expect("selector");
    let class = doc
        .select(&item)
        .next()
        .and_then(|e| e.value().attr("class"))
        .unwrap_or_default()
        .to_string();
    assert!(
        class.contains("state-filled") && class.contains("current"),
        "{class}"
    );
    assert_eq!(input_value(&html, "base_version").as_deref(), Some("2"));

    // "Not applicable" needs a reason, beside the field.
    let response = client
        .post(
            &format!("/plans/{plan}/sections/{key}"),
            &[
                ("body", ""),
                ("base_version", "2"),
                ("not_applicable", "1"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert_eq!(texts(&html, "#e-reason"), "Không được để trống.");
    assert!(
        html.contains("name=\"not_applicable\" value=\"1\" id=\"f-na\" checked"),
        "the tick stays"
    );
}

#[tokio::test]
async fn two_editors_never_overwrite_each_other() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let key = first_section(&app, "KHUNG-2026-2030", PlanKind::FiveYear).await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    let leader = app.login("lanhdao.syt", PASSWORD).await;
    // Both opened version 0; the leader saves first.
    assert_eq!(
        htmx_save(&leader, plan, &key, "<p>Văn bản của lãnh đạo</p>", 0)
            .await
            .status(),
        200
    );
    let response = htmx_save(&editor, plan, &key, "<p>Văn bản của cán bộ</p>", 0).await;
    assert_eq!(response.status(), 409);
    assert_eq!(response.headers()["hx-retarget"], "#conflict");
    let fragment = response.text().await.expect("body");
    assert!(fragment.contains("Người khác vừa lưu mục này trước bạn."));
    assert!(
        texts(&fragment, "#their-text").contains("Văn bản của lãnh đạo"),
        "the other text is shown beside"
    );
    assert!(
        fragment.contains("data-version=\"1\""),
        "keeping mine saves over version 1, knowingly"
    );
    let stored = app
        .store
        .plan_section(kehoachso::domain::ids::PlanId(plan), &key)
        .await
        .expect("q")
        .expect("s");
    assert_eq!(
        stored.body_html, "<p>Văn bản của lãnh đạo</p>",
        "nothing was overwritten"
    );
    // Choosing to keep mine after seeing theirs saves over version 1.
    assert_eq!(
        htmx_save(&editor, plan, &key, "<p>Văn bản của cán bộ</p>", 1)
            .await
            .status(),
        200
    );
    let stored = app
        .store
        .plan_section(kehoachso::domain::ids::PlanId(plan), &key)
        .await
        .expect("q")
        .expect("s");
    assert_eq!(
        (stored.body_html.as_str(), stored.version),
        ("<p>Văn bản của cán bộ</p>", 2)
    );

    // Without script, a conflict shows the whole page with both texts.
    let response = editor
        .post(
            &format!("/plans/{plan}/sections/{key}"),
            &[("body", "<p>Bản cũ</p>"), ("base_version", "1")],
        )
        .await;
    let html = response.text().await.expect("body");
    assert!(texts(&html, "#their-text").contains("Văn bản của cán bộ"));
    assert!(
        texts(&html, "#body-field").contains("Bản cũ"),
        "my text is back in the editor"
    );
    assert_eq!(input_value(&html, "base_version").as_deref(), Some("2"));
}

#[tokio::test]
async fn the_department_reads_plans_but_never_edits_and_agencies_see_only_their_own() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT", "STC"]).await;
    let syt = plan_of(&app, &round, "SYT").await;
    let stc = plan_of(&app, &round, "STC").await;
    let key = first_section(&app, "KHUNG-2026-2030", PlanKind::FiveYear).await;
    let reviewer = app.login("thamdinh", PASSWORD).await;
    let html = reviewer
        .get(&format!("/plans/{syt}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(!html.contains("id=\"section-form\""));
    assert!(texts(&html, ".alert-info")
        .starts_with("Chỉ cơ quan, đơn vị lập kế hoạch được sửa nội dung"));
    assert_eq!(
        htmx_save(&reviewer, syt, &key, "<p>Sở sửa</p>", 0)
            .await
            .status(),
        403
    );
    let editor = app.login("canbo.syt", PASSWORD).await;
    assert_eq!(editor.get(&format!("/plans/{stc}")).await.status(), 403);
    assert_eq!(
        htmx_save(&editor, stc, &key, "<p>Sửa hộ</p>", 0)
            .await
            .status(),
        403
    );
    assert_eq!(editor.get("/rounds").await.status(), 403);
    let home = editor.get("/").await.text().await.expect("body");
    assert!(
        home.contains(&format!("href=\"/plans/{syt}\""))
            && !home.contains(&format!("href=\"/plans/{stc}\""))
    );
}

#[tokio::test]
async fn an_expired_session_while_typing_leads_back_to_the_same_section() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let key = first_section(&app, "KHUNG-2026-2030", PlanKind::FiveYear).await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    app.clock.advance(chrono::Duration::minutes(31));
    let response = htmx_save(&editor, plan, &key, "<p>Đang gõ dở</p>", 0).await;
    let redirect = response
        .headers()
        .get("hx-redirect")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        redirect,
        format!("/login?next=%2Fplans%2F{plan}%3Fsection%3D{key}"),
        "back to the section after signing in"
    );
    assert!(app
        .store
        .plan_section(kehoachso::domain::ids::PlanId(plan), &key)
        .await
        .expect("q")
        .is_none());
}

#[tokio::test]
async fn an_annual_round_shows_only_the_annual_plans_sections() {
    let app = province().await;
    let input = kehoachso::domain::round::RoundInput {
        code: "KH-2027".into(),
        title: "Kế hoạch chuyển đổi số năm 2027".into(),
        framework_code: "KHUNG-2026-2030".into(),
        kind: PlanKind::Annual,
        period_start: 2027,
        period_end: 2027,
        evaluation: None,
        cutoff_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 14).expect("date"),
        deadline: chrono::NaiveDate::from_ymd_opt(2027, 1, 15).expect("date"),
        units: vec!["SYT".into()],
    };
    let round = app
        .store
        .create_round(&input, &app.audit())
        .await
        .expect("round");
    let plan = plan_of(&app, &round, "SYT").await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    let html = editor
        .get(&format!("/plans/{plan}"))
        .await
        .text()
        .await
        .expect("body");
    let tree = texts(&html, ".section-tree");
    assert!(
        tree.contains("Phụ lục II") && !tree.contains("Phần I"),
        "{tree}"
    );
    // The seed's 2021–2025 framework works side by side.
    let old = open_round(&app, "KHUNG-2021-2025", &["SYT"]).await;
    let plan = plan_of(&app, &old, "SYT").await;
    let html = editor
        .get(&format!("/plans/{plan}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, ".section-tree").contains("MÔI TRƯỜNG PHÁP LÝ"));
}

#[tokio::test]
async fn the_readiness_view_lists_every_empty_required_section_with_a_link() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let key = first_section(&app, "KHUNG-2026-2030", PlanKind::FiveYear).await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    let before = editor
        .get(&format!("/plans/{plan}/readiness"))
        .await
        .text()
        .await
        .expect("body");
    let count = |html: &str| {
        scraper::Html::parse_document(html)
            .select(&scraper::Selector::parse("#findings li").expect("selector"))
            .count()
    };
    let empty = count(&before);
    assert!(
        empty > 20,
        "a new plan misses every required section: {empty}"
    );
    assert!(before.contains(&format!("href=\"/plans/{plan}?section={key}\"")));
    assert_eq!(
        htmx_save(&editor, plan, &key, "<p>Nội dung</p>", 0)
            .await
            .status(),
        200
    );
    let after = editor
        .get(&format!("/plans/{plan}/readiness"))
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(count(&after), empty - 1);
    assert!(!after.contains(&format!("href=\"/plans/{plan}?section={key}\"")));
}

#[tokio::test]
async fn editors_see_who_else_has_the_plan_open() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    let leader = app.login("lanhdao.syt", PASSWORD).await;
    let alone = editor
        .post(&format!("/plans/{plan}/presence"), &[])
        .await
        .text()
        .await
        .expect("body");
    assert!(!alone.contains("Đang mở kế hoạch này"), "{alone}");
    leader.post(&format!("/plans/{plan}/presence"), &[]).await;
    let together = editor
        .post(&format!("/plans/{plan}/presence"), &[])
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(
        texts(&together, ".presence-list strong"),
        "Người dùng lanhdao.syt"
    );
    app.clock.advance(chrono::Duration::minutes(2));
    let later = editor
        .post(&format!("/plans/{plan}/presence"), &[])
        .await
        .text()
        .await
        .expect("body");
    assert!(
        !later.contains("lanhdao.syt"),
        "gone after 90 seconds without a sign"
    );
}

#[tokio::test]
async fn document_details_are_saved_and_a_concurrent_change_is_never_overwritten_silently() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    let html = editor
        .get(&format!("/plans/{plan}/meta"))
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(
        input_value(&html, "doc_place").as_deref(),
        Some("Quảng Ngãi"),
        "the unit's place name is offered"
    );
    let version = input_value(&html, "base_version").expect("version");
    let fields = |number: &'static str, base: String| {
        vec![
            ("doc_number", number.to_string()),
            ("doc_place", "Quảng Ngãi".to_string()),
            ("doc_date", "05/01/2026".to_string()),
            ("signer_authority", "kt. giám đốc".to_string()),
            ("signer_title", "Phó Giám đốc".to_string()),
            ("signer_name", "Trần Văn Bình".to_string()),
            (
                "recipients",
                "- Sở Khoa học và Công nghệ;\n- Lưu: VT.".to_string(),
            ),
            ("base_version", base),
        ]
    };

    let first = fields("5", version.clone());
    let response = editor
        .post(&format!("/plans/{plan}/meta"), &refs(&first))
        .await;
    assert_eq!(response.status(), 303);
    let html = editor
        .get(&format!("/plans/{plan}/meta"))
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(texts(&html, "#symbol"), "Số: 05/KH-SYT");
    assert_eq!(
        input_value(&html, "signer_authority").as_deref(),
        Some("KT. GIÁM ĐỐC")
    );
    // A second form opened at the old version: refused, and what was typed comes back.
    let stale = fields("7", version);
    let response = editor
        .post(&format!("/plans/{plan}/meta"), &refs(&stale))
        .await;
    assert_eq!(response.status(), 409);
    let html = response.text().await.expect("body");
    assert!(texts(&html, ".alert-warning").starts_with("Người khác đã lưu thông tin văn bản"));
    assert_eq!(input_value(&html, "doc_number").as_deref(), Some("7"));
    let (meta, _) = app
        .store
        .plan_meta(kehoachso::domain::ids::PlanId(plan))
        .await
        .expect("meta");
    assert_eq!(meta.doc_number, "5", "nothing was overwritten");
    let bad = fields("5/KH", input_value(&html, "base_version").expect("version"));
    let response = editor
        .post(&format!("/plans/{plan}/meta"), &refs(&bad))
        .await;
    assert_eq!(
        texts(&response.text().await.expect("body"), "#e-doc_number"),
        "Số văn bản chỉ gồm chữ số."
    );
}

fn refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn an_admin_adds_moves_and_removes_sections_of_a_draft_only() {
    let app = province().await;
    let client = app.login("quantri", PASSWORD).await;
    let seed = app
        .store
        .framework_by_code("KHUNG-2021-2025")
        .await
        .expect("q")
        .expect("seed");
    let draft = app
        .store
        .clone_framework(seed.id, &app.audit())
        .await
        .expect("draft");
    let nodes = app.store.framework_nodes(draft.id).await.expect("nodes");
    let parent = nodes
        .iter()
        .find(|n| n.title == "MÔI TRƯỜNG PHÁP LÝ")
        .expect("section I")
        .key
        .clone();
    let response = client
        .post(
            &format!("/admin/frameworks/{}/nodes/{parent}/children", draft.id),
            &[
                ("numbering", "1."),
                ("title", "Văn bản mới ban hành"),
                ("kind", "narrative"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let new_key = format!("{parent}.n1");
    assert_eq!(
        location(&response),
        format!("/admin/frameworks/{}/nodes/{new_key}", draft.id),
        "straight to its guidance"
    );
    let after = app.store.framework_nodes(draft.id).await.expect("nodes");
    let added = after.iter().position(|n| n.key == new_key).expect("added");
    assert_eq!(after[added].parent_key.as_deref(), Some(parent.as_str()));
    // Up it goes, above its previous sibling, if any; and the move is undone by moving down.
    let before_move: Vec<String> = after.iter().map(|n| n.key.clone()).collect();
    client
        .post(
            &format!("/admin/frameworks/{}/nodes/{new_key}/move", draft.id),
            &[("direction", "up")],
        )
        .await;
    client
        .post(
            &format!("/admin/frameworks/{}/nodes/{new_key}/move", draft.id),
            &[("direction", "down")],
        )
        .await;
    let round_trip: Vec<String> = app
        .store
        .framework_nodes(draft.id)
        .await
        .expect("nodes")
        .iter()
        .map(|n| n.key.clone())
        .collect();
    assert_eq!(round_trip, before_move);
    let response = client
        .post(
            &format!("/admin/frameworks/{}/nodes/{parent}/delete", draft.id),
            &[],
        )
        .await;
    assert_eq!(response.status(), 303);
    let left = app.store.framework_nodes(draft.id).await.expect("nodes");
    assert!(
        !left.iter().any(|n| n.key == parent || n.key == new_key),
        "the section and its subsections are gone"
    );
    assert_eq!(
        app.store
            .framework_nodes(seed.id)
            .await
            .expect("nodes")
            .len(),
        nodes.len(),
        "the published version is untouched"
    );
    assert_eq!(
        client
            .post(
                &format!("/admin/frameworks/{}/nodes/{parent}/delete", seed.id),
                &[]
            )
            .await
            .status(),
        409
    );
}

#[tokio::test]
async fn over_long_text_is_refused_with_its_reason_and_kept_in_the_form() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let key = first_section(&app, "KHUNG-2026-2030", PlanKind::FiveYear).await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    let long = format!("<p>{}</p>", "Chuyển đổi số. ".repeat(15_000));
    let response = editor
        .post(
            &format!("/plans/{plan}/sections/{key}"),
            &[("body", long.as_str()), ("base_version", "0")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#e-body"),
        "Nội dung mục quá dài (tối đa khoảng 200 nghìn ký tự)."
    );
    assert!(
        texts(&html, "#body-field").len() > 200_000,
        "what was typed is kept"
    );
    assert!(app
        .store
        .plan_section(kehoachso::domain::ids::PlanId(plan), &key)
        .await
        .expect("q")
        .is_none());
    let response = htmx_save(&editor, plan, &key, &long, 0).await;
    assert!(response
        .text()
        .await
        .expect("body")
        .contains("Nội dung mục quá dài"));
}

#[tokio::test]
async fn the_seeds_legal_documents_are_browsed_and_searched_without_diacritics() {
    let app = province().await;
    let client = app.login("canbo.syt", PASSWORD).await;
    let html = client
        .get("/legal-documents?source=KHUNG-2021-2025")
        .await
        .text()
        .await
        .expect("body");
    let rows = texts(&html, "#legal-documents tbody tr");
    assert!(
        rows.contains("Nghị quyết số 17/NQ-CP ngày 07/03/2019 của Chính phủ"),
        "{rows}"
    );
    assert!(
        rows.contains("61/KH-UBND"),
        "with the province's implementing plan"
    );
    let html = client
        .get("/legal-documents?q=chinh+phu+dien+tu")
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, "#legal-documents").contains("17/NQ-CP"));
    let html = client
        .get("/legal-documents?q=khong-co-van-ban-nay")
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(
        texts(&html, "#legal-documents tbody td"),
        "Không có văn bản nào phù hợp."
    );
}

#[tokio::test]
async fn a_user_who_chose_english_reads_the_framework_and_the_editor_in_english() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2021-2025", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let mut editor = app.login("canbo.syt", PASSWORD).await;
    editor
        .post("/language", &[("lang", "en"), ("next", "/")])
        .await;
    editor.refresh_csrf("/").await;
    let seed = app
        .store
        .framework_by_code("KHUNG-2021-2025")
        .await
        .expect("q")
        .expect("seed");
    let html = editor
        .get(&format!("/frameworks/{}", seed.id))
        .await
        .text()
        .await
        .expect("body");
    assert!(html.contains("LEGAL ENVIRONMENT"), "English headings");
    assert!(!html.contains("MÔI TRƯỜNG PHÁP LÝ"));
    let html = editor
        .get(&format!("/plans/{plan}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, ".section-tree").contains("LEGAL ENVIRONMENT"));
    assert!(!texts(&html, ".guidance-panel").is_empty());
    assert!(html.contains("<html lang=\"en\">"));
}

pub fn task_fields<'a>(
    name: &'a str,
    total: &'a str,
    a26: &'a str,
    a27: &'a str,
    s26: &'a str,
    s27: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("lead_unit", "Sở Y tế"),
        ("objective", "Nâng cao chất lượng khám chữa bệnh"),
        ("start_year", "2026"),
        ("end_year", "2027"),
        ("total", total),
        ("source", "NSĐP"),
        ("task_group", "5"),
        ("amounts_2026", a26),
        ("amounts_2027", a27),
        ("security_2026", s26),
        ("security_2027", s27),
    ]
}

#[tokio::test]
async fn tasks_and_projects_are_added_changed_and_deleted_with_totals_and_the_security_rule() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    let framework = app
        .store
        .framework(round.framework_id)
        .await
        .expect("q")
        .expect("f");
    let node = app
        .store
        .framework_nodes(framework.id)
        .await
        .expect("nodes")
        .iter()
        .find(|n| n.table.as_deref() == Some("tasks") && n.applies(PlanKind::FiveYear))
        .expect("a tasks section")
        .key
        .clone();

    // Bad input: every problem beside its field, what was typed kept, nothing stored.
    let response = editor
        .post(
            &format!("/plans/{plan}/tables/tasks"),
            &task_fields("", "1.300", "750", "-5", "900", "x"),
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert_eq!(texts(&html, "#e-tasks-name"), "Không được để trống.");
    assert_eq!(
        texts(&html, "#e-tasks-amounts_2027"),
        "Số tiền không được âm."
    );
    assert_eq!(
        texts(&html, "#e-tasks-security_2026"),
        "Kinh phí an toàn thông tin không thể lớn hơn kinh phí của năm."
    );
    assert_eq!(
        texts(&html, "#e-tasks-security_2027"),
        "Số tiền không hợp lệ. Nhập theo dạng 1.250,5 (triệu đồng)."
    );
    assert_eq!(input_value(&html, "total").as_deref(), Some("1.300"));
    let response = editor
        .post(
            &format!("/plans/{plan}/tables/tasks"),
            &task_fields("HIS", "1.300", "750", "500,5", "50", "20"),
        )
        .await;
    assert_eq!(
        texts(&response.text().await.expect("body"), "#e-tasks-total"),
        "Tổng kinh phí phải bằng tổng các năm (1.250,5 triệu đồng)."
    );
    assert!(app
        .store
        .plan_rows(kehoachso::domain::ids::PlanId(plan), "tasks")
        .await
        .expect("q")
        .is_empty());

    // A project with too little for security: the plan, 2026 and the project are flagged.
    let response = editor
        .post(
            &format!("/plans/{plan}/tables/tasks"),
            &task_fields(
                "Hệ thống thông tin bệnh viện",
                "1.250,5",
                "750",
                "500,5",
                "50",
                "20",
            ),
        )
        .await;
    assert_eq!(response.status(), 303);
    let html = editor
        .get(&format!("/plans/{plan}?section={node}"))
        .await
        .text()
        .await
        .expect("body");
    let table = texts(&html, "#rows-tasks");
    assert!(
        table.contains("Hệ thống thông tin bệnh viện") && table.contains("1.250,5"),
        "{table}"
    );
    // The project's own warning sits in its row; the plan's and the year's above the table.
    assert!(texts(&html, "#rows-tasks .severity-warning").contains("5,6% kinh phí"));
    assert!(texts(&html, "#table-tasks > .findings").contains("chỉ bằng 5,6% kinh phí"));
    assert!(texts(&html, "#security-share-tasks").contains("5,6%"));
    let readiness = editor
        .get(&format!("/plans/{plan}/readiness"))
        .await
        .text()
        .await
        .expect("body");
    let listed = texts(&readiness, "#findings");
    assert!(
        listed.contains("SECURITY_SHARE_PLAN")
            && listed.contains("SECURITY_SHARE_YEAR")
            && listed.contains("SECURITY_SHARE_PROJECT"),
        "{listed}"
    );
    assert!(listed.contains("chỉ bằng 5,6% kinh phí"), "{listed}");

    // Raised to the rule: the findings go. A change names the version it started from.
    let row = app
        .store
        .plan_rows(kehoachso::domain::ids::PlanId(plan), "tasks")
        .await
        .expect("q")[0]
        .id;
    let mut fields = task_fields(
        "Hệ thống thông tin bệnh viện",
        "1.250,5",
        "750",
        "500,5",
        "100",
        "60",
    );
    fields.push(("base_version", "1"));
    assert_eq!(
        editor
            .post(&format!("/plans/{plan}/tables/tasks/{row}"), &fields)
            .await
            .status(),
        303
    );
    let readiness = editor
        .get(&format!("/plans/{plan}/readiness"))
        .await
        .text()
        .await
        .expect("body");
    assert!(!texts(&readiness, "#findings").contains("SECURITY_SHARE"));
    // The same stale version again: refused as a conflict, with the typed values kept.
    let response = editor
        .post(&format!("/plans/{plan}/tables/tasks/{row}"), &fields)
        .await;
    assert_eq!(response.status(), 409);
    let html = response.text().await.expect("body");
    assert!(texts(&html, ".alert-warning").starts_with("Người khác đã sửa dòng này"));
    assert!(texts(&html, ".alert-warning").contains("Bản đã lưu giống hệt"));
    // Stale and different: the saved values stand beside the typed ones, field by field,
    // under the name of who saved them; the form keeps what was typed.
    let mut changed = task_fields(
        "Hệ thống thông tin y tế cơ sở",
        "1.250,5",
        "750",
        "500,5",
        "100",
        "70",
    );
    changed.push(("base_version", "1"));
    let response = editor
        .post(&format!("/plans/{plan}/tables/tasks/{row}"), &changed)
        .await;
    assert_eq!(response.status(), 409);
    let html = response.text().await.expect("body");
    let rows = texts(&html, ".conflict-fields tbody tr");
    assert!(
        rows.contains("Hệ thống thông tin bệnh viện")
            && rows.contains("Hệ thống thông tin y tế cơ sở"),
        "{rows}"
    );
    assert!(
        texts(&html, ".conflict-fields caption").contains("Người dùng canbo.syt"),
        "{html}"
    );
    assert!(
        !rows.contains("Đơn vị chủ trì"),
        "equal fields are left out: {rows}"
    );
    assert_eq!(
        input_value(&html, "base_version").as_deref(),
        Some("2"),
        "saving again saves over the version now seen"
    );
    // Deleting with the right version removes it.
    assert_eq!(
        editor
            .post(
                &format!("/plans/{plan}/tables/tasks/{row}/delete"),
                &[("base_version", "2")]
            )
            .await
            .status(),
        303
    );
    assert!(app
        .store
        .plan_rows(kehoachso::domain::ids::PlanId(plan), "tasks")
        .await
        .expect("q")
        .is_empty());
    // A reviewer reads the table but has no form to change it.
    let reviewer = app.login("thamdinh", PASSWORD).await;
    let html = reviewer
        .get(&format!("/plans/{plan}?section={node}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(html.contains("id=\"rows-tasks\"") && !html.contains("/tables/tasks/new"));
}

#[tokio::test]
async fn the_demo_plan_of_the_department_of_health_shows_its_tasks_and_one_warning() {
    let app = TestApp::spawn().await;
    kehoachso::demo::load(&app.store, crate::helpers::start_time())
        .await
        .expect("demo");
    let round = app
        .store
        .round_by_code("KH-2021-2025")
        .await
        .expect("q")
        .expect("round");
    let plan = plan_of(&app, &round, "SYT").await;
    let rows = app
        .store
        .plan_rows(kehoachso::domain::ids::PlanId(plan), "tasks")
        .await
        .expect("rows");
    assert_eq!(rows.len(), 7);
    // Every table of the framework holds the department's figures.
    let tables = app
        .store
        .plan_content(kehoachso::domain::ids::PlanId(plan))
        .await
        .expect("content")
        .tables;
    for spec in kehoachso::domain::tables::SPECS {
        assert!(
            tables.get(spec.code).is_some_and(|rows| !rows.is_empty()),
            "{} is empty",
            spec.code
        );
    }
    let user = app
        .store
        .user_credentials("canbo.syt")
        .await
        .expect("q")
        .expect("demo editor")
        .0;
    let client = app.session_for(&user).await;
    let readiness = client
        .get(&format!("/plans/{plan}/readiness"))
        .await
        .text()
        .await
        .expect("body");
    let findings = texts(&readiness, "#findings");
    assert_eq!(
        findings.matches("SECURITY_SHARE_PROJECT").count(),
        1,
        "{findings}"
    );
    assert!(
        !findings.contains("SECURITY_SHARE_PLAN") && !findings.contains("SECURITY_SHARE_YEAR"),
        "{findings}"
    );
    assert!(
        !findings.contains("SECTION_EMPTY"),
        "the whole narrative is written"
    );
    assert!(
        findings.contains("SYSTEM_LEVEL_UNAPPROVED") && findings.contains("DG_BUDGET_SHARE"),
        "{findings}"
    );
}
