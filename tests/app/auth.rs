//! Signing in and out, sessions (ASVS V3) and passwords (ASVS V2).

use crate::helpers::{location, texts, Backend, TestApp, TestDb, PASSWORD};
use chrono::Duration;
use kehoachso::config::WebConfig;
use kehoachso::domain::user::Role;
use std::sync::Arc;

async fn app_with_editor() -> TestApp {
    let app = TestApp::spawn().await;
    app.add_unit("QNG", None).await;
    app.add_unit("SYT", Some("QNG")).await;
    app.add_user("canbo.syt", Role::Editor, "SYT").await;
    app
}

fn set_cookie_of<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
}

#[tokio::test]
async fn a_wrong_password_gets_a_vietnamese_message_and_keeps_the_username() {
    let app = app_with_editor().await;
    let mut client = app.client();
    let response = client.login("canbo.syt", "không phải mật khẩu").await;
    assert_eq!(response.status(), 401);
    let html = response.text().await.expect("body");
    assert_eq!(
        texts(&html, ".alert-error"),
        "Tên đăng nhập hoặc mật khẩu không đúng."
    );
    assert_eq!(
        crate::helpers::input_value(&html, "username").as_deref(),
        Some("canbo.syt")
    );
    // An unknown user gets the very same answer.
    let response = client.login("khong.ton.tai", "không phải mật khẩu").await;
    assert_eq!(response.status(), 401);
    assert_eq!(
        texts(&response.text().await.expect("body"), ".alert-error"),
        "Tên đăng nhập hoặc mật khẩu không đúng."
    );
}

#[tokio::test]
async fn signing_in_sets_a_new_http_only_lax_session_cookie() {
    let app = app_with_editor().await;
    let mut client = app.client();
    // A session id planted before sign-in is never the one used after it.
    client.set_cookie("kehoachso_session", "planted-by-someone-else");
    let response = client.login("canbo.syt", PASSWORD).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/");
    let cookie = set_cookie_of(&response, "kehoachso_session")
        .expect("session cookie")
        .to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP has no Secure flag: {cookie}"
    );
    let token = client.cookie("kehoachso_session").expect("cookie kept");
    assert_ne!(token, "planted-by-someone-else");
    assert_eq!(token.len(), 64);
    let first = token.clone();
    // Signing in again gives another id, and the old one stops working.
    let response = client.login("canbo.syt", PASSWORD).await;
    assert_eq!(response.status(), 303);
    let second = client.cookie("kehoachso_session").expect("cookie");
    assert_ne!(first, second);
    assert!(app
        .store
        .session(&kehoachso::web::hash_session_token(&first))
        .await
        .expect("q")
        .is_none());
    // The home page answers in Vietnamese.
    let html = client.get("/").await.text().await.expect("body");
    assert_eq!(
        texts(&html, "[data-testid=home-title]"),
        "Kế hoạch của đơn vị"
    );
}

#[tokio::test]
async fn behind_tls_the_cookie_is_secure_with_the_host_prefix() {
    let db = Arc::new(TestDb::new(Backend::Sqlite).await.expect("db"));
    let config = WebConfig {
        secure_cookies: true,
        ..WebConfig::default()
    };
    let app = TestApp::spawn_with(db, config, None).await;
    app.add_unit("QNG", None).await;
    app.add_user("lanhdao.ubnd", Role::Viewer, "QNG").await;
    let client = app.client();
    let login = client.get("/login").await;
    let csrf_cookie = set_cookie_of(&login, "__Host-kehoachso_csrf")
        .expect("csrf cookie")
        .to_string();
    assert!(
        csrf_cookie.contains("Secure") && csrf_cookie.contains("Path=/"),
        "{csrf_cookie}"
    );
    // reqwest keeps no Secure cookie over plain HTTP, so post the form by hand.
    let token = csrf_cookie
        .split(';')
        .next()
        .and_then(|c| c.split_once('='))
        .map(|(_, v)| v.to_string())
        .expect("value");
    let response = client
        .http
        .post(app.url("/login"))
        .header("cookie", format!("__Host-kehoachso_csrf={token}"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("username", "lanhdao.ubnd"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 303);
    let cookie = set_cookie_of(&response, "__Host-kehoachso_session").expect("prefixed cookie");
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
}

#[tokio::test]
async fn a_session_ends_after_thirty_idle_minutes() {
    let app = app_with_editor().await;
    let client = app.login("canbo.syt", PASSWORD).await;
    app.clock.advance(Duration::minutes(29));
    assert_eq!(
        client.get("/").await.status(),
        200,
        "29 minutes idle is still fine"
    );
    app.clock.advance(Duration::minutes(29));
    assert_eq!(
        client.get("/").await.status(),
        200,
        "the last request reset the idle clock"
    );
    app.clock.advance(Duration::minutes(31));
    let response = client.get("/admin/units").await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/login?next=%2Fadmin%2Funits");
    let html = client.get("/login").await.text().await.expect("body");
    assert!(
        texts(&html, ".alert-error").is_empty() || texts(&html, ".alert-error").contains("hết hạn")
    );
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_sign_in_however_busy() {
    let app = app_with_editor().await;
    let client = app.login("canbo.syt", PASSWORD).await;
    for _ in 0..(11 * 3) {
        app.clock.advance(Duration::minutes(20));
        assert_eq!(client.get("/").await.status(), 200);
    }
    app.clock.advance(Duration::minutes(61));
    assert_eq!(
        client.get("/").await.status(),
        303,
        "past 12 hours the session is gone"
    );
}

#[tokio::test]
async fn changing_the_password_ends_every_other_session() {
    let app = app_with_editor().await;
    let mut here = app.login("canbo.syt", PASSWORD).await;
    let elsewhere = app.login("canbo.syt", PASSWORD).await;
    here.refresh_csrf("/account/password").await;
    let new_password = "Mây trắng bay qua núi Thiên Ấn";
    let response = here
        .post(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", new_password),
                ("confirm_password", new_password),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/?msg=account.password_changed");
    assert_eq!(
        here.get("/").await.status(),
        200,
        "this browser stays signed in"
    );
    assert_eq!(
        elsewhere.get("/").await.status(),
        303,
        "the other session ended"
    );
    let mut again = app.client();
    assert_eq!(again.login("canbo.syt", PASSWORD).await.status(), 401);
    assert_eq!(again.login("canbo.syt", new_password).await.status(), 303);
}

#[tokio::test]
async fn a_weak_or_mistyped_new_password_is_refused_beside_its_field() {
    let app = app_with_editor().await;
    let mut client = app.login("canbo.syt", PASSWORD).await;
    client.refresh_csrf("/account/password").await;
    let cases = [
        (
            ("sai", "password123", "password123"),
            "current_password",
            "Mật khẩu hiện tại không đúng.",
        ),
        (
            (PASSWORD, "password123", "password123"),
            "new_password",
            "Mật khẩu quá phổ biến hoặc dễ đoán. Hãy chọn một cụm từ dài hơn, ít gặp hơn.",
        ),
        (
            (PASSWORD, "ngắn", "ngắn"),
            "new_password",
            "Mật khẩu phải có ít nhất 8 ký tự.",
        ),
        (
            (
                PASSWORD,
                "Hoa phượng đỏ sân trường",
                "Hoa phượng đỏ sân trườn",
            ),
            "confirm_password",
            "Hai mật khẩu mới không giống nhau.",
        ),
    ];
    for ((current, new, confirm), field, message) in cases {
        let response = client
            .post(
                "/account/password",
                &[
                    ("current_password", current),
                    ("new_password", new),
                    ("confirm_password", confirm),
                ],
            )
            .await;
        assert_eq!(response.status(), 422);
        let html = response.text().await.expect("body");
        assert_eq!(texts(&html, &format!("#e-{field}")), message);
    }
    let long = "Đ".repeat(129);
    let response = client
        .post(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", &long),
                ("confirm_password", &long),
            ],
        )
        .await;
    assert_eq!(
        texts(&response.text().await.expect("body"), "#e-new_password"),
        "Mật khẩu dài tối đa 128 ký tự."
    );
}

#[tokio::test]
async fn disabling_a_user_ends_its_sessions_and_refuses_sign_in() {
    let app = app_with_editor().await;
    let client = app.login("canbo.syt", PASSWORD).await;
    let user = app
        .store
        .user_credentials("canbo.syt")
        .await
        .expect("q")
        .expect("user")
        .0;
    app.store
        .set_user_disabled(user.id, true, &app.audit())
        .await
        .expect("disable");
    assert_eq!(client.get("/").await.status(), 303);
    assert_eq!(
        app.client().login("canbo.syt", PASSWORD).await.status(),
        401
    );
}

#[tokio::test]
async fn a_hundred_failures_in_an_hour_throttle_the_account_for_that_hour_only() {
    let app = app_with_editor().await;
    let now = kehoachso::domain::clock::Clock::now(app.clock.as_ref());
    for i in 0..100 {
        app.store
            .record_login_failure(
                "canbo.syt",
                &format!("10.1.0.{}", i % 250),
                now - Duration::minutes(i % 50),
            )
            .await
            .expect("failure");
    }
    let mut client = app.client();
    let response = client.login("canbo.syt", PASSWORD).await;
    assert_eq!(response.status(), 429, "even the right password waits");
    let html = response.text().await.expect("body");
    assert!(
        texts(&html, ".alert-error").starts_with("Có quá nhiều lần đăng nhập sai."),
        "{html}"
    );
    // Not forever: an hour later the failures have aged out.
    app.clock.advance(Duration::minutes(61));
    assert_eq!(client.login("canbo.syt", PASSWORD).await.status(), 303);
}

#[tokio::test]
async fn one_address_failing_on_many_accounts_is_throttled_too() {
    let app = app_with_editor().await;
    let now = kehoachso::domain::clock::Clock::now(app.clock.as_ref());
    for i in 0..1000 {
        app.store
            .record_login_failure(&format!("u{i}"), "127.0.0.1", now)
            .await
            .expect("failure");
    }
    let mut client = app.client();
    assert_eq!(client.login("canbo.syt", PASSWORD).await.status(), 429);
}

#[tokio::test]
async fn stored_hashes_are_argon2id_with_the_owasp_parameters() {
    let app = app_with_editor().await;
    let mut client = app.login("canbo.syt", PASSWORD).await;
    client.refresh_csrf("/account/password").await;
    let new_password = "Đồng lúa chín vàng bên sông Vệ";
    client
        .post(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", new_password),
                ("confirm_password", new_password),
            ],
        )
        .await;
    let (_, hash) = app
        .store
        .user_credentials("canbo.syt")
        .await
        .expect("q")
        .expect("user");
    let parsed = argon2::PasswordHash::new(&hash).expect("PHC string");
    assert_eq!(parsed.algorithm.as_str(), "argon2id");
    let params = argon2::Params::try_from(&parsed).expect("params");
    assert!(params.m_cost() >= 19 * 1024, "m = {}", params.m_cost());
    assert!(params.t_cost() >= 2, "t = {}", params.t_cost());
    assert_eq!(params.p_cost(), 1);
}

#[tokio::test]
async fn a_one_time_password_must_be_replaced_before_anything_else() {
    let app = app_with_editor().await;
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kehoachso"))
        .args(["--database-url", &app.db.url_string()])
        .args([
            "user",
            "add",
            "--username",
            "moi.syt",
            "--role",
            "leader",
            "--unit",
            "SYT",
        ])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let onetime = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Mật khẩu dùng một lần: "))
        .expect("password printed")
        .to_string();
    let mut client = app.client();
    let response = client.login("moi.syt", &onetime).await;
    assert_eq!(location(&response), "/account/password");
    let response = client.get("/").await;
    assert_eq!(
        location(&response),
        "/account/password",
        "every page leads to the password form"
    );
    client.refresh_csrf("/account/password").await;
    let html = client
        .get("/account/password")
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, ".alert-warning").contains("mật khẩu dùng một lần"));
    let new_password = "Bến cảng Dung Quất lúc bình minh";
    let response = client
        .post(
            "/account/password",
            &[
                ("current_password", &onetime),
                ("new_password", new_password),
                ("confirm_password", new_password),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(client.get("/").await.status(), 200);
}

#[tokio::test]
async fn signing_out_ends_the_session_and_get_cannot_sign_out() {
    let app = app_with_editor().await;
    let client = app.login("canbo.syt", PASSWORD).await;
    assert_eq!(
        client.get("/logout").await.status(),
        405,
        "no state change on GET"
    );
    assert_eq!(client.get("/").await.status(), 200);
    let response = client.post("/logout", &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/login?msg=login.logged_out");
    assert_eq!(client.get("/").await.status(), 303);
    let html = client
        .get("/login?msg=login.logged_out")
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(texts(&html, ".alert-success"), "Bạn đã đăng xuất.");
}

#[tokio::test]
async fn english_is_chosen_per_user_and_kept_across_sessions() {
    let app = app_with_editor().await;
    let mut client = app.login("canbo.syt", PASSWORD).await;
    let response = client
        .post("/language", &[("lang", "en"), ("next", "/")])
        .await;
    assert_eq!(response.status(), 303);
    let html = client.get("/").await.text().await.expect("body");
    assert_eq!(
        texts(&html, "[data-testid=home-title]"),
        "My agency's plans"
    );
    assert!(html.contains("<html lang=\"en\">"));
    client.refresh_csrf("/").await;
    client.post("/logout", &[]).await;
    let client = app.login("canbo.syt", PASSWORD).await;
    let html = client.get("/").await.text().await.expect("body");
    assert_eq!(
        texts(&html, "[data-testid=home-title]"),
        "My agency's plans"
    );
    // A language switch never sends the browser to another site.
    let response = client
        .post("/language", &[("lang", "vi"), ("next", "//evil.example/")])
        .await;
    assert_eq!(location(&response), "/");
}
