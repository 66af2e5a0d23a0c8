//! Response headers that every answer carries, and what a panic turns into.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

/// Scripts and styles only from our own origin (no inline code, no eval); nothing may frame us.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; \
    base-uri 'none'; object-src 'none'";

pub async fn headers(req: Request, next: Next) -> Response {
    let is_asset = req.uri().path().starts_with("/static/");
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !is_asset {
        // Pages may hold one agency's data: never kept by the browser or a proxy.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// A panic ends one request, never the server, and shows no stack trace. The panic's message is
/// logged by the panic hook; the user sees a plain page in both languages.
pub fn panic_response(_payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    let body = format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Lỗi hệ thống</title>\
         <link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main class=\"container\">\
         <div class=\"alert alert-error\">{}<br><span lang=\"en\">{}</span></div>\
         <p><a href=\"/\">Về trang chủ / Home</a></p></main></body></html>",
        crate::i18n::text(crate::domain::user::Language::Vi, "error.internal"),
        crate::i18n::text(crate::domain::user::Language::En, "error.internal"),
    );
    (StatusCode::INTERNAL_SERVER_ERROR, Html(body)).into_response()
}
