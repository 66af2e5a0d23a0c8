//! The typed tables on the web, and the catalogs they pick from.

use crate::helpers::{input_value, open_round, plan_of, province, texts, PASSWORD};
use kehoachso::domain::framework::PlanKind;
use kehoachso::domain::ids::PlanId;

/// The section that holds `table` in the round's framework.
async fn section_of(
    app: &crate::helpers::TestApp,
    round: &kehoachso::domain::round::Round,
    table: &str,
) -> String {
    let nodes = app
        .store
        .framework_nodes(round.framework_id)
        .await
        .expect("nodes");
    kehoachso::domain::framework::table_node(&nodes, PlanKind::FiveYear, table)
        .expect("a section with the table")
}

#[tokio::test]
async fn a_record_table_is_filled_in_place_with_its_computed_figure_and_its_errors() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let section = section_of(&app, &round, "infrastructure").await;
    let editor = app.login("canbo.syt", PASSWORD).await;

    // More units with a LAN than units at all: refused beside the field, the figures kept.
    let mut fields = vec![
        ("section", section.as_str()),
        ("computers", "63"),
        ("staff", "58"),
        ("subordinate_units", "25"),
        ("units_lan", "26"),
        ("data_center", "1"),
    ];
    let response = editor
        .post(&format!("/plans/{plan}/tables/infrastructure"), &fields)
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#e-infrastructure-units_lan"),
        "Không được lớn hơn tổng số (25)."
    );
    assert_eq!(input_value(&html, "computers").as_deref(), Some("63"));

    fields[4] = ("units_lan", "25");
    let response = editor
        .post(&format!("/plans/{plan}/tables/infrastructure"), &fields)
        .await;
    assert_eq!(response.status(), 303);
    let html = editor
        .get(&format!("/plans/{plan}?section={section}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(
        texts(&html, "#table-infrastructure .computed").contains("1,09"),
        "computers per staff"
    );
    assert_eq!(input_value(&html, "units_lan").as_deref(), Some("25"));
    // Typed figures are checked and computed live, before saving.
    let html = editor
        .post(
            &format!("/plans/{plan}/tables/infrastructure/check"),
            &[
                ("computers", "90"),
                ("staff", "60"),
                ("subordinate_units", "3"),
                ("units_wan", "4"),
            ],
        )
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, ".computed").contains("1,50"));
    assert_eq!(
        texts(&html, "#e-infrastructure-units_wan"),
        "Không được lớn hơn tổng số (3)."
    );

    // Saving again changes the one record (from the version shown), never adds a second.
    let rows = app
        .store
        .plan_rows(PlanId(plan), "infrastructure")
        .await
        .expect("rows");
    assert_eq!(rows.len(), 1);
    let row = rows[0].id.to_string();
    let mut again = fields.clone();
    again[1] = ("computers", "70");
    again.push(("base_version", "1"));
    again.push(("row", row.as_str()));
    let response = editor
        .post(&format!("/plans/{plan}/tables/infrastructure"), &again)
        .await;
    assert_eq!(response.status(), 303);
    let rows = app
        .store
        .plan_rows(PlanId(plan), "infrastructure")
        .await
        .expect("rows");
    assert_eq!((rows.len(), rows[0].version), (1, 2));
    // A stale version is refused, not applied.
    let response = editor
        .post(&format!("/plans/{plan}/tables/infrastructure"), &again)
        .await;
    assert_eq!(response.status(), 409);
    assert_eq!(
        app.store
            .plan_rows(PlanId(plan), "infrastructure")
            .await
            .expect("rows")[0]
            .version,
        2
    );
}

#[tokio::test]
async fn list_rows_are_checked_live_added_moved_and_warned_about() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let section = section_of(&app, &round, "information_systems").await;
    let editor = app.login("canbo.syt", PASSWORD).await;

    // The live check: errors go beside their fields, warnings of the row as typed come back.
    let html = editor
        .post(
            &format!("/plans/{plan}/tables/information_systems/check"),
            &[
                ("name", "Cổng dịch vụ công"),
                ("level", "3"),
                ("approved", "13/2024"),
            ],
        )
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(
        texts(&html, "#e-information_systems-approved"),
        "Nhập tháng/năm theo dạng 03/2024."
    );
    assert_eq!(
        texts(&html, "#e-information_systems-name"),
        "",
        "a field without error is cleared"
    );
    let html = editor
        .post(
            &format!("/plans/{plan}/tables/information_systems/check"),
            &[("name", "Cổng dịch vụ công"), ("level", "3")],
        )
        .await
        .text()
        .await
        .expect("body");
    assert!(
        texts(&html, ".row-findings").contains("chưa được phê duyệt"),
        "{html}"
    );

    for (name, level) in [
        ("Cổng dịch vụ công", "3"),
        ("Thư điện tử", "2"),
        ("Quản lý văn bản", "2"),
    ] {
        let response = editor
            .post(
                &format!("/plans/{plan}/tables/information_systems"),
                &[
                    ("section", section.as_str()),
                    ("name", name),
                    ("level", level),
                ],
            )
            .await;
        assert_eq!(response.status(), 303, "{name}");
    }
    // A level the catalog does not have is refused.
    let response = editor
        .post(
            &format!("/plans/{plan}/tables/information_systems"),
            &[("name", "X"), ("level", "9")],
        )
        .await;
    assert_eq!(response.status(), 422);

    let names = |html: &str| texts(html, "#rows-information_systems tbody");
    let html = editor
        .get(&format!("/plans/{plan}?section={section}"))
        .await
        .text()
        .await
        .expect("body");
    let listed = names(&html);
    assert!(listed.find("Cổng dịch vụ công") < listed.find("Thư điện tử"));
    assert!(texts(&html, "#rows-information_systems .severity-warning").contains("cấp độ 3"));

    // The last row moves up: its place is kept in the table's order.
    let rows = app
        .store
        .plan_rows(PlanId(plan), "information_systems")
        .await
        .expect("rows");
    let last = rows[2].id;
    let response = editor
        .post(
            &format!("/plans/{plan}/tables/information_systems/{last}/move"),
            &[("direction", "up"), ("section", section.as_str())],
        )
        .await;
    assert_eq!(response.status(), 303);
    let html = editor
        .get(&format!("/plans/{plan}?section={section}"))
        .await
        .text()
        .await
        .expect("body");
    let listed = names(&html);
    assert!(
        listed.find("Quản lý văn bản") < listed.find("Thư điện tử"),
        "{listed}"
    );

    // The readiness view lists the warning with its code; the level-3 system is the only one.
    let readiness = editor
        .get(&format!("/plans/{plan}/readiness"))
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(
        texts(&readiness, "#findings")
            .matches("SYSTEM_LEVEL_UNAPPROVED")
            .count(),
        1
    );

    // Another agency's editor reaches none of it.
    app.add_unit("SXD", Some("QNG")).await;
    app.add_user("canbo.sxd", kehoachso::domain::user::Role::Editor, "SXD")
        .await;
    let other = app.login("canbo.sxd", PASSWORD).await;
    let first = rows[0].id;
    assert_eq!(
        other
            .get(&format!("/plans/{plan}/tables/information_systems/{first}"))
            .await
            .status(),
        403
    );
    let response = other
        .post(
            &format!("/plans/{plan}/tables/information_systems/{first}/delete"),
            &[("base_version", "1")],
        )
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(
        app.store
            .plan_rows(PlanId(plan), "information_systems")
            .await
            .expect("rows")
            .len(),
        3
    );
}

#[tokio::test]
async fn an_unknown_table_is_not_found() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    assert_eq!(
        editor
            .get(&format!("/plans/{plan}/tables/salaries/new"))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn an_admin_keeps_catalogs_with_dates_and_plans_pick_the_wording_of_their_round() {
    let app = province().await;
    let admin = app.login("quantri", PASSWORD).await;
    let html = admin
        .get("/admin/catalogs")
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, "#catalogs").contains("Nguồn vốn"));

    // A new funding source; the same code from the same date again is refused on the code.
    let fields = [
        ("code", "QPTDL"),
        ("name", "Quỹ phát triển dữ liệu"),
        ("valid_from", "01/01/2026"),
        ("source", "Luật Dữ liệu 2024"),
    ];
    assert_eq!(
        admin
            .post("/admin/catalogs/funding_source", &fields)
            .await
            .status(),
        303
    );
    let response = admin.post("/admin/catalogs/funding_source", &fields).await;
    assert_eq!(response.status(), 422);
    assert_eq!(
        texts(&response.text().await.expect("body"), "#e-code"),
        "Mã này đã có trong danh mục từ cùng ngày."
    );
    // An end before the start is refused.
    let response = admin
        .post(
            "/admin/catalogs/funding_source",
            &[
                ("code", "Y"),
                ("name", "Y"),
                ("valid_from", "01/01/2026"),
                ("valid_to", "01/01/2020"),
            ],
        )
        .await;
    assert_eq!(
        texts(&response.text().await.expect("body"), "#e-valid_to"),
        "Ngày kết thúc phải sau ngày bắt đầu."
    );

    // A 2026–2030 plan may pick it; the seed's 2021–2025 task groups are not offered to it.
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    let html = editor
        .get(&format!("/plans/{plan}/tables/funding/new"))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, "#f-funding-source").contains("Quỹ phát triển dữ liệu"));
    let groups = texts(
        &editor
            .get(&format!("/plans/{plan}/tables/tasks/new"))
            .await
            .text()
            .await
            .expect("body"),
        "#f-tasks-task_group",
    );
    let entries = app.store.catalog("task_group").await.expect("catalog");
    // A group whose wording changed in 2026: the new one is offered, the old one is not.
    let (old, new) = entries
        .iter()
        .filter(|e| e.valid_to.is_some())
        .find_map(|old| {
            entries
                .iter()
                .find(|e| e.valid_to.is_none() && e.code == old.code && e.name != old.name)
                .map(|new| (old, new))
        })
        .expect("a task group reworded for 2026–2030");
    assert!(
        groups.contains(&new.name) && !groups.contains(&old.name),
        "{groups}"
    );

    // Retired: no longer offered to new rows, but still read where a plan holds it.
    let entry = app
        .store
        .catalog("funding_source")
        .await
        .expect("c")
        .into_iter()
        .find(|e| e.code == "QPTDL")
        .expect("entry");
    let row = [
        ("source", "QPTDL"),
        ("capital", "investment"),
        ("amounts_2026", "100"),
    ];
    assert_eq!(
        editor
            .post(&format!("/plans/{plan}/tables/funding"), &row)
            .await
            .status(),
        303
    );
    let retire = [
        ("code", "QPTDL"),
        ("name", "Quỹ phát triển dữ liệu"),
        ("valid_from", "01/01/2025"),
        ("valid_to", "31/12/2025"),
    ];
    assert_eq!(
        admin
            .post(
                &format!(
                    "/admin/catalogs/funding_source/{}",
                    entry.id.expect("stored")
                ),
                &retire
            )
            .await
            .status(),
        303
    );
    let html = editor
        .get(&format!("/plans/{plan}/tables/funding/new"))
        .await
        .text()
        .await
        .expect("body");
    assert!(
        !texts(&html, "#f-funding-source").contains("Quỹ phát triển dữ liệu"),
        "retired: not offered"
    );
    let section = section_of(&app, &round, "funding").await;
    let html = editor
        .get(&format!("/plans/{plan}?section={section}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(
        texts(&html, "#rows-funding").contains("Quỹ phát triển dữ liệu"),
        "a held code stays readable"
    );
    let audit = admin.get("/admin/audit").await.text().await.expect("body");
    assert!(audit.contains("QPTDL"));
}

#[tokio::test]
async fn a_new_round_starts_from_the_last_approved_plans_following_mergers() {
    use kehoachso::domain::org_unit::Closure;
    let app = province().await;
    app.add_unit("STTTT", Some("QNG")).await;
    let input = kehoachso::domain::round::RoundInput {
        code: "KH-2021-2025".into(),
        title: "Kế hoạch giai đoạn 2021-2025".into(),
        framework_code: "KHUNG-2021-2025".into(),
        kind: PlanKind::FiveYear,
        period_start: 2021,
        period_end: 2025,
        evaluation: Some((2016, 2020)),
        cutoff_date: chrono::NaiveDate::from_ymd_opt(2020, 7, 31).expect("date"),
        deadline: chrono::NaiveDate::from_ymd_opt(2020, 9, 15).expect("date"),
        units: vec!["SYT".into(), "STTTT".into(), "STC".into()],
    };
    let old = app
        .store
        .create_round(&input, &app.audit())
        .await
        .expect("round");
    let syt = PlanId(plan_of(&app, &old, "SYT").await);
    let stttt = PlanId(plan_of(&app, &old, "STTTT").await);
    let stc = PlanId(plan_of(&app, &old, "STC").await);
    let rows: [(PlanId, &str, serde_json::Value); 7] = [
        (
            syt,
            "information_systems",
            serde_json::json!({"name": "Hệ thống HIS", "level": "3", "approved": "2023-05"}),
        ),
        (
            syt,
            "databases_provincial",
            serde_json::json!({"name": "CSDL y tế", "records_total": 1200, "records_updated": 300}),
        ),
        (
            syt,
            "tasks",
            serde_json::json!({"name": "Dự án đã xong", "start_year": 2021, "end_year": 2023, "total": 5000000, "task_group": "5", "amounts": {"2021": 5000000}}),
        ),
        (
            syt,
            "tasks",
            serde_json::json!({"name": "Bệnh án điện tử", "start_year": 2024, "end_year": 2027, "total": 9000000, "task_group": "5",
            "amounts": {"2024": 3000000, "2025": 3000000, "2026": 2000000, "2027": 1000000}, "security": {"2026": 300000, "2027": 100000}}),
        ),
        (
            syt,
            "indicators",
            serde_json::json!({"name": "Tỷ lệ hồ sơ trực tuyến", "unit": "%", "direction": "up", "baseline": 20000, "actual": 85500, "target": {"2025": 80000}}),
        ),
        (
            stttt,
            "information_systems",
            serde_json::json!({"name": "Trung tâm giám sát an toàn thông tin", "level": "3", "approved": "2022-01"}),
        ),
        (
            stc,
            "information_systems",
            serde_json::json!({"name": "Phần mềm kế toán", "level": "2"}),
        ),
    ];
    for (plan, table, data) in &rows {
        crate::helpers::seed_row(&app, *plan, table, data.clone()).await;
    }
    // Sở Y tế's and Sở TTTT's plans were approved; Sở Tài chính's was not.
    crate::helpers::set_plan_status(&app, syt, "approved").await;
    crate::helpers::set_plan_status(&app, stttt, "approved").await;
    // Sở TTTT merged into Sở KH&CN on 01/03/2025.
    let stttt_unit = app
        .store
        .unit_by_code("STTTT")
        .await
        .expect("q")
        .expect("unit");
    let skhcn = app
        .store
        .unit_by_code("SKHCN")
        .await
        .expect("q")
        .expect("unit");
    app.store
        .close_unit(
            stttt_unit.id,
            Closure::MergeInto(skhcn.id),
            chrono::NaiveDate::from_ymd_opt(2025, 3, 1).expect("date"),
            &app.audit(),
        )
        .await
        .expect("merge");

    let admin = app.login("quantri", PASSWORD).await;
    let response = admin
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
                ("units", "SYT"),
                ("units", "SKHCN"),
                ("units", "STC"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let new = app
        .store
        .round_by_code("KH-2026-2030")
        .await
        .expect("q")
        .expect("round");
    let tables = |code: &'static str| {
        let app = &app;
        let new = &new;
        async move {
            let plan = PlanId(plan_of(app, new, code).await);
            app.store.plan_content(plan).await.expect("content").tables
        }
    };

    let syt_new = tables("SYT").await;
    assert_eq!(syt_new["information_systems"].len(), 1);
    let db = &syt_new["databases_provincial"][0].1;
    assert_eq!(
        (db.count("records_total"), db.count("records_updated")),
        (Some(1200), None)
    );
    let tasks = &syt_new["tasks"];
    assert_eq!(tasks.len(), 1, "the finished project stays behind");
    let running = &tasks[0].1;
    assert!(running.bool("continuing"));
    assert_eq!(
        running.money("total"),
        3_000_000,
        "only what is still to spend"
    );
    assert_eq!(syt_new["indicators"][0].1.count("baseline"), Some(85_500));

    // The merged department's system reaches its successor; an unapproved plan carries nothing.
    let skhcn_new = tables("SKHCN").await;
    assert_eq!(
        skhcn_new["information_systems"][0]
            .1
            .text("name")
            .as_deref(),
        Some("Trung tâm giám sát an toàn thông tin")
    );
    assert!(tables("STC").await.is_empty());

    // The continuing project is shown as such in the new plan.
    let editor = app.login("canbo.syt", PASSWORD).await;
    let plan = plan_of(&app, &new, "SYT").await;
    let section = section_of(&app, &new, "tasks").await;
    let html = editor
        .get(&format!("/plans/{plan}?section={section}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, "#rows-tasks").contains("Bệnh án điện tử"));
    let audit = admin.get("/admin/audit").await.text().await.expect("body");
    assert!(
        audit.contains("Chuyển tiếp dữ liệu"),
        "carried in the audit log"
    );
}

#[tokio::test]
async fn legal_documents_are_added_and_replaced_and_a_replaced_one_is_no_longer_offered() {
    let app = province().await;
    let admin = app.login("quantri", PASSWORD).await;
    let old = app
        .store
        .legal_documents("", "64/2007")
        .await
        .expect("q")
        .into_iter()
        .next()
        .expect("Decree 64/2007 is in the seed's catalog");

    // A plan of 2021–2025 cites it.
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let editor = app.login("canbo.syt", PASSWORD).await;
    let response = editor
        .post(
            &format!("/plans/{plan}/tables/legal_basis"),
            &[("document", old.number.as_str())],
        )
        .await;
    assert_eq!(response.status(), 303);

    // Naming a replacement that is not in the catalog is refused on that field.
    let mut fields = vec![
        ("kind", old.kind.as_str()),
        ("number", old.number.as_str()),
        ("issuer", old.issuer.as_str()),
        ("title", old.title.as_str()),
        ("status", "replaced"),
        ("replaced_by", "224/2026/NĐ-CP"),
    ];
    let response = admin
        .post(&format!("/admin/legal-documents/{}", old.id), &fields)
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        texts(&response.text().await.expect("body"), "#e-replaced_by")
            .starts_with("Không có văn bản số này")
    );

    let new = [
        ("kind", "Nghị định"),
        ("number", "224/2026/NĐ-CP"),
        ("issued_on", "30/06/2026"),
        ("issuer", "Chính phủ"),
        (
            "title",
            "quy định chi tiết một số điều của Luật Chuyển đổi số",
        ),
        ("status", "in_force"),
    ];
    assert_eq!(
        admin.post("/admin/legal-documents", &new).await.status(),
        303
    );
    fields[4] = ("status", "replaced");
    assert_eq!(
        admin
            .post(&format!("/admin/legal-documents/{}", old.id), &fields)
            .await
            .status(),
        303
    );
    let list = admin
        .get("/legal-documents?q=64%2F2007")
        .await
        .text()
        .await
        .expect("body");
    assert!(
        texts(&list, "#legal-documents").contains("bởi 224/2026/NĐ-CP"),
        "{}",
        texts(&list, "#legal-documents")
    );

    // New rows are offered the new decree, not the replaced one; the plan still reads it.
    let form = editor
        .get(&format!("/plans/{plan}/tables/legal_basis/new"))
        .await
        .text()
        .await
        .expect("body");
    let options = texts(&form, "#f-legal_basis-document");
    assert!(
        options.contains("224/2026/NĐ-CP") && !options.contains(&old.number),
        "{options}"
    );
    let section = section_of(&app, &round, "legal_basis").await;
    let html = editor
        .get(&format!("/plans/{plan}?section={section}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, "#rows-legal_basis").contains(&old.number));
    // An editor may not change the catalog.
    assert_eq!(
        editor.post("/admin/legal-documents", &new).await.status(),
        403
    );
}

#[tokio::test]
async fn an_annual_plans_tasks_name_the_focus_items_they_serve_and_each_item_lists_them() {
    let app = province().await;
    let input = kehoachso::domain::round::RoundInput {
        code: "KH-2027".into(),
        title: "Kế hoạch chuyển đổi số năm 2027".into(),
        framework_code: "KHUNG-2026-2030".into(),
        kind: PlanKind::Annual,
        period_start: 2027,
        period_end: 2027,
        evaluation: None,
        cutoff_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 14).expect("date"),
        deadline: chrono::NaiveDate::from_ymd_opt(2026, 12, 20).expect("date"),
        units: vec!["SYT".into()],
    };
    let round = app
        .store
        .create_round(&input, &app.audit())
        .await
        .expect("round");
    let plan = plan_of(&app, &round, "SYT").await;
    let nodes = app
        .store
        .framework_nodes(round.framework_id)
        .await
        .expect("nodes");
    let item = nodes
        .iter()
        .find(|n| {
            n.kind == kehoachso::domain::framework::NodeKind::ChecklistItem
                && n.applies(PlanKind::Annual)
                && n.key.ends_with(".dd")
        })
        .expect("focus item đ")
        .key
        .clone();
    let editor = app.login("canbo.syt", PASSWORD).await;
    let task = |focus: &'static str| {
        vec![
            ("name", "Số hóa hồ sơ bệnh án"),
            ("start_year", "2027"),
            ("end_year", "2027"),
            ("total", "500"),
            ("task_group", "4"),
            ("amounts_2027", "500"),
            ("security_2027", "50"),
            ("focus_items", focus),
        ]
    };
    let response = editor
        .post(&format!("/plans/{plan}/tables/tasks"), &task("a, z"))
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(texts(&html, "#e-tasks-focus_items").starts_with("«z» không có trong danh mục"));
    assert_eq!(
        editor
            .post(&format!("/plans/{plan}/tables/tasks"), &task("a, đ)"))
            .await
            .status(),
        303
    );
    let rows = app
        .store
        .plan_rows(PlanId(plan), "tasks")
        .await
        .expect("rows");
    assert!(
        rows[0].row.text("focus_items").as_deref() == Some("a, đ"),
        "{:?}",
        rows[0].row
    );
    let html = editor
        .get(&format!("/plans/{plan}?section={item}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, "#linked-tasks").contains("Số hóa hồ sơ bệnh án"));
}
