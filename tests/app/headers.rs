//! What every response carries, CSRF protection, bounds and the health check.

use crate::helpers::{TestApp, PASSWORD};
use kehoachso::domain::user::Role;

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

fn assert_security_headers(response: &reqwest::Response) {
    let csp = header(response, "content-security-policy");
    for part in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
    ] {
        assert!(csp.contains(part), "CSP lacks {part}: {csp}");
    }
    assert!(
        !csp.contains("unsafe-eval") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(header(response, "x-content-type-options"), "nosniff");
    assert_eq!(header(response, "referrer-policy"), "same-origin");
    assert_eq!(header(response, "x-frame-options"), "DENY");
}

#[tokio::test]
async fn public_and_signed_in_pages_carry_the_security_headers() {
    let app = TestApp::spawn().await;
    app.add_unit("QNG", None).await;
    app.add_user("quantri", Role::Admin, "QNG").await;
    let anonymous = app.client().get("/login").await;
    assert_eq!(anonymous.status(), 200);
    assert_security_headers(&anonymous);
    let html = anonymous.text().await.expect("body");
    assert!(
        !html.contains("<script>") && !html.contains(" style=\""),
        "no inline script or style"
    );
    assert!(
        html.contains("\"allowEval\":false"),
        "htmx runs without eval"
    );

    let client = app.login("quantri", PASSWORD).await;
    let page = client.get("/admin/units").await;
    assert_eq!(page.status(), 200);
    assert_security_headers(&page);
    assert_eq!(header(&page, "cache-control"), "no-store");

    let asset = client.get("/static/htmx.min.js").await;
    assert_eq!(asset.status(), 200);
    assert!(header(&asset, "content-type").starts_with("text/javascript"));
    assert_eq!(client.get("/static/../Cargo.toml").await.status(), 404);
}

#[tokio::test]
async fn state_changes_without_the_csrf_token_are_refused() {
    let app = TestApp::spawn().await;
    app.add_unit("QNG", None).await;
    app.add_user("quantri", Role::Admin, "QNG").await;
    let client = app.login("quantri", PASSWORD).await;
    let fields = [
        ("code", "MOI"),
        ("name", "Đơn vị mới"),
        ("kind", "other"),
        ("valid_from", "2026-01-01"),
        ("issuer_line", "X"),
        ("abbreviation", "X"),
        ("place_name", "Y"),
    ];
    let missing = client.post_raw("/admin/units", &fields).await;
    assert_eq!(missing.status(), 403);
    assert!(missing
        .text()
        .await
        .expect("body")
        .contains("Biểu mẫu đã hết hạn hoặc không hợp lệ."));
    let mut wrong = fields.to_vec();
    wrong.push(("csrf_token", "0000"));
    assert_eq!(client.post_raw("/admin/units", &wrong).await.status(), 403);
    // A request the browser marks as cross-site is refused even with the token.
    let cross = client
        .http
        .post(app.url("/admin/units"))
        .header("sec-fetch-site", "cross-site")
        .header("x-csrf-token", client.csrf.clone())
        .form(&fields)
        .send()
        .await
        .expect("POST");
    assert_eq!(cross.status(), 403);
    let foreign_origin = client
        .http
        .post(app.url("/admin/units"))
        .header("origin", "http://evil.example")
        .header("x-csrf-token", client.csrf.clone())
        .form(&fields)
        .send()
        .await
        .expect("POST");
    assert_eq!(foreign_origin.status(), 403);
    assert!(
        app.store.unit_by_code("MOI").await.expect("q").is_none(),
        "nothing was created"
    );
    // With the token (as a header, the way htmx sends it) the same request goes through.
    let ok = client
        .http
        .post(app.url("/admin/units"))
        .header("x-csrf-token", client.csrf.clone())
        .form(&fields)
        .send()
        .await
        .expect("POST");
    assert_eq!(ok.status(), 303);
    assert!(app.store.unit_by_code("MOI").await.expect("q").is_some());
}

#[tokio::test]
async fn the_sign_in_form_is_protected_too() {
    let app = TestApp::spawn().await;
    app.add_unit("QNG", None).await;
    app.add_user("quantri", Role::Admin, "QNG").await;
    let client = app.client();
    let response = client
        .post_raw("/login", &[("username", "quantri"), ("password", PASSWORD)])
        .await;
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = TestApp::spawn().await;
    app.add_unit("QNG", None).await;
    app.add_user("quantri", Role::Admin, "QNG").await;
    let client = app.login("quantri", PASSWORD).await;
    let big = "x".repeat(3 * 1024 * 1024);
    let response = client.post("/admin/units", &[("name", &big)]).await;
    assert_eq!(response.status(), 413);
    assert_eq!(client.get("/").await.status(), 200, "the server goes on");
}

#[tokio::test]
async fn health_answers_when_the_database_does() {
    let app = TestApp::spawn().await;
    let response = app.client().get("/healthz").await;
    assert_eq!(response.status(), 200);
    app.store.close().await;
    assert_eq!(app.client().get("/healthz").await.status(), 503);
}

#[tokio::test]
async fn unknown_pages_get_a_vietnamese_not_found_page() {
    let app = TestApp::spawn().await;
    app.add_unit("QNG", None).await;
    app.add_user("quantri", Role::Admin, "QNG").await;
    let client = app.login("quantri", PASSWORD).await;
    let response = client.get("/admin/units/999999").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.expect("body");
    assert!(html.contains("Không tìm thấy trang hoặc đối tượng bạn yêu cầu."));
}

#[tokio::test]
async fn a_path_no_route_knows_gets_the_same_page() {
    let app = TestApp::spawn().await;
    let response = app.client().get("/khong-co-trang-nay").await;
    assert_eq!(response.status(), 404);
    assert!(response
        .text()
        .await
        .expect("body")
        .contains("Không tìm thấy trang"));
}

#[tokio::test]
async fn a_panicking_handler_ends_one_request_with_a_plain_page_not_the_server() {
    use axum::routing::get;
    let app = TestApp::spawn().await;
    let state = kehoachso::web::AppState::new(
        app.store.clone(),
        app.clock.clone(),
        kehoachso::config::WebConfig::default(),
    );
    let router = axum::Router::new()
        .route(
            "/boom",
            get(|| async {
                if std::hint::black_box(true) {
                    panic!("secret internal detail");
                }
                "never"
            }),
        )
        .route("/fine", get(|| async { "ok" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(
        async move { axum::serve(listener, kehoachso::web::with_layers(router, state)).await },
    );
    let client = reqwest::Client::new();
    let response = client
        .get(format!("http://{addr}/boom"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 500);
    let body = response.text().await.expect("body");
    assert!(body.contains("Hệ thống gặp sự cố khi xử lý yêu cầu."));
    assert!(
        !body.contains("secret internal detail") && !body.contains("panicked"),
        "{body}"
    );
    let after = client
        .get(format!("http://{addr}/fine"))
        .send()
        .await
        .expect("answer");
    assert_eq!(after.status(), 200, "the server goes on");
}

#[tokio::test]
async fn every_asset_a_page_names_is_served() {
    let app = TestApp::spawn().await;
    let html = app.client().get("/login").await.text().await.expect("body");
    let doc = scraper::Html::parse_document(&html);
    let selector = scraper::Selector::parse("script[src], link[href]").expect("selector");
    let mut checked = 0;
    for element in doc.select(&selector) {
        let url = element
            .value()
            .attr("src")
            .or_else(|| element.value().attr("href"))
            .expect("attribute");
        let response = app.client().get(url).await;
        assert_eq!(response.status(), 200, "{url}");
        checked += 1;
    }
    assert!(checked >= 4, "stylesheet, icon and scripts");
}

#[tokio::test]
async fn malformed_addresses_and_forms_get_a_vietnamese_page_not_framework_text() {
    let app = TestApp::spawn().await;
    app.add_unit("QNG", None).await;
    app.add_user("quantri", Role::Admin, "QNG").await;
    let client = app.login("quantri", PASSWORD).await;
    let response = client.get("/admin/units/khong-phai-so").await;
    assert_eq!(response.status(), 400);
    let html = response.text().await.expect("body");
    assert!(html.contains("Yêu cầu không hợp lệ."), "{html}");
    assert!(!html.contains("Invalid URL"), "{html}");
    // A form post that is not a form.
    let response = client
        .http
        .post(app.url("/admin/units"))
        .header("x-csrf-token", client.csrf.clone())
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 400);
    assert!(response
        .text()
        .await
        .expect("body")
        .contains("Yêu cầu không hợp lệ."));
}
