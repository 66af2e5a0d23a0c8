//! User administration through the web.

use crate::helpers::{input_value, location, texts, TestApp, PASSWORD};
use kehoachso::domain::user::Role;

async fn admin_app() -> (TestApp, crate::helpers::Client) {
    let app = TestApp::spawn().await;
    app.add_unit("QNG", None).await;
    app.add_unit("SKHCN", Some("QNG")).await;
    app.add_unit("SYT", Some("QNG")).await;
    app.add_user("quantri", Role::Admin, "SKHCN").await;
    let client = app.login("quantri", PASSWORD).await;
    (app, client)
}

#[tokio::test]
async fn a_new_user_gets_a_one_time_password_shown_once() {
    let (app, client) = admin_app().await;
    let response = client
        .post(
            "/admin/users",
            &[
                ("username", "CanBo.SYT"),
                ("display_name", "Lê Minh Cường"),
                ("role", "editor"),
                ("unit_code", "SYT"),
                ("language", "vi"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("body");
    let onetime = texts(&html, "[data-testid=onetime-password]");
    assert_eq!(onetime.len(), 16);
    let user = app
        .store
        .user_credentials("canbo.syt")
        .await
        .expect("q")
        .expect("created")
        .0;
    assert!(user.must_change_password);
    // Shown once: the user's page does not show it again.
    let again = client
        .get(&format!("/admin/users/{}", user.id))
        .await
        .text()
        .await
        .expect("body");
    assert!(!again.contains(&onetime));
    let mut newcomer = app.client();
    assert_eq!(
        location(&newcomer.login("canbo.syt", &onetime).await),
        "/account/password"
    );
}

#[tokio::test]
async fn bad_user_input_is_explained_and_kept() {
    let (app, client) = admin_app().await;
    let response = client
        .post(
            "/admin/users",
            &[
                ("username", "Nguyễn Văn A"),
                ("display_name", "Nguyễn Văn A"),
                ("role", "superuser"),
                ("unit_code", "KHONGCO"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, "#e-username"),
        "Chỉ dùng chữ thường không dấu, số và các dấu . _ -"
    );
    assert!(texts(&html, ".field-error").contains("Chọn vai trò."));
    assert_eq!(
        input_value(&html, "display_name").as_deref(),
        Some("Nguyễn Văn A")
    );
    let response = client
        .post(
            "/admin/users",
            &[
                ("username", "quantri"),
                ("display_name", "Trùng"),
                ("role", "viewer"),
                ("unit_code", "SYT"),
            ],
        )
        .await;
    assert_eq!(
        texts(&response.text().await.expect("body"), "#e-username"),
        "Tên đăng nhập này đã có người dùng."
    );
    assert_eq!(
        app.store.users(&Default::default()).await.expect("q").len(),
        1
    );
}

#[tokio::test]
async fn an_admin_changes_role_and_unit_which_ends_the_users_sessions() {
    let (app, client) = admin_app().await;
    let editor = app.add_user("canbo.syt", Role::Editor, "SYT").await;
    let editor_client = app.login("canbo.syt", PASSWORD).await;
    let response = client
        .post(
            &format!("/admin/users/{}", editor.id),
            &[
                ("username", "renamed"),
                ("display_name", "Lê Minh Cường"),
                ("role", "leader"),
                ("unit_code", "SKHCN"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let changed = app.store.user(editor.id).await.expect("q").expect("u");
    assert_eq!(
        (
            changed.role,
            changed.username.as_str(),
            changed.language.code()
        ),
        (Role::Leader, "canbo.syt", "en"),
        "the username never changes"
    );
    assert_eq!(
        editor_client.get("/").await.status(),
        303,
        "a new role ends the old session"
    );
}

#[tokio::test]
async fn disable_enable_and_reset_work_but_never_on_oneself() {
    let (app, client) = admin_app().await;
    let admin = app
        .store
        .user_credentials("quantri")
        .await
        .expect("q")
        .expect("u")
        .0;
    let response = client
        .post(&format!("/admin/users/{}/disable", admin.id), &[])
        .await;
    assert_eq!(response.status(), 422);
    assert_eq!(
        texts(&response.text().await.expect("body"), ".alert-error"),
        "Bạn không thể tự khóa tài khoản của mình."
    );
    let response = client
        .post(
            &format!("/admin/users/{}", admin.id),
            &[
                ("display_name", "Quản trị"),
                ("role", "viewer"),
                ("unit_code", "SKHCN"),
                ("language", "vi"),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        422,
        "an admin cannot demote itself and lock everyone out"
    );

    let editor = app.add_user("canbo.syt", Role::Editor, "SYT").await;
    let editor_client = app.login("canbo.syt", PASSWORD).await;
    let response = client
        .post(&format!("/admin/users/{}/disable", editor.id), &[])
        .await;
    assert_eq!(
        location(&response),
        format!("/admin/users/{}?msg=users.disabled_ok", editor.id)
    );
    assert_eq!(editor_client.get("/").await.status(), 303);
    client
        .post(&format!("/admin/users/{}/enable", editor.id), &[])
        .await;
    let html = client
        .post(&format!("/admin/users/{}/reset-password", editor.id), &[])
        .await
        .text()
        .await
        .expect("body");
    let onetime = texts(&html, "[data-testid=onetime-password]");
    let mut again = app.client();
    assert_eq!(
        again.login("canbo.syt", PASSWORD).await.status(),
        401,
        "the old password is gone"
    );
    assert_eq!(
        location(&again.login("canbo.syt", &onetime).await),
        "/account/password"
    );
    let (events, _) = app
        .store
        .audit_events(&kehoachso::domain::audit::AuditFilter {
            action_prefix: Some("user.".into()),
            limit: 20,
            ..Default::default()
        })
        .await
        .expect("audit");
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.starts_with(&["user.reset_password", "user.enable", "user.disable"]),
        "{actions:?}"
    );
}

#[tokio::test]
async fn the_audit_log_is_browsed_and_filtered() {
    let (app, client) = admin_app().await;
    app.add_user("canbo.syt", Role::Editor, "SYT").await;
    let html = client.get("/admin/audit").await.text().await.expect("body");
    assert!(texts(&html, "td").contains("Đăng nhập"));
    let html = client
        .get("/admin/audit?action=user.&actor=test")
        .await
        .text()
        .await
        .expect("body");
    let rows = texts(&html, "tbody tr");
    assert!(
        rows.contains("Tạo tài khoản") && rows.contains("canbo.syt"),
        "{rows}"
    );
    assert!(!rows.contains("Đăng nhập"), "{rows}");
    let html = client
        .get("/admin/audit?from=01/01/2030")
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(texts(&html, "tbody td"), "Không có sự kiện nào phù hợp.");
}
