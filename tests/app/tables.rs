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
    kehoachso::checks::table_node(&nodes, PlanKind::FiveYear, table)
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

    // Saving again changes the one record (from the version shown), never adds a second.
    let rows = app
        .store
        .plan_rows(PlanId(plan), "infrastructure")
        .await
        .expect("rows");
    assert_eq!(rows.len(), 1);
    let row = rows[0].plan_row_id.to_string();
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
    assert_eq!(response.status(), 422);
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
    let last = rows[2].plan_row_id;
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
    let first = rows[0].plan_row_id;
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
    let old = entries
        .iter()
        .find(|e| e.valid_to.is_some())
        .expect("a 2021–2025 group");
    let new = entries
        .iter()
        .find(|e| e.valid_to.is_none() && e.code == old.code)
        .expect("its 2026 wording");
    if old.name != new.name {
        assert!(
            groups.contains(&new.name) && !groups.contains(&old.name),
            "{groups}"
        );
    }

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
                &format!("/admin/catalogs/funding_source/{}", entry.id),
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
