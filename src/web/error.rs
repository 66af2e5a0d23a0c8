//! One error type for every handler. Causes are logged once, here; users see a clear message
//! in their language, never a cause. Errors know htmx: an expired session sends the page to
//! the sign-in form, and other errors come back as a fragment the page can show.

use super::page::{ErrorFragment, ErrorPage, PageCtx};
use super::session::RequestCtx;
use super::AppState;
use crate::app::Refusal;
use crate::db::DbError;
use crate::domain::user::Language;
use askama::Template;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    Unauthorized,
    #[error("a one-time password must be changed first")]
    MustChangePassword,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("missing or wrong CSRF token")]
    Csrf,
    /// The object is not in a state that allows this (a published framework, say).
    #[error("conflict")]
    Conflict,
    #[error("bad request")]
    BadRequest,
    #[error("request body too large")]
    TooLarge,
    #[error("form text is not UTF-8")]
    NotUtf8,
    #[error("address too long")]
    UriTooLong,
    #[error("database unavailable")]
    Unavailable,
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn internal(cause: impl Into<String>) -> Self {
        Self::Internal(cause.into())
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::Unauthorized | Self::MustChangePassword => StatusCode::SEE_OTHER,
            Self::Forbidden | Self::Csrf => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict => StatusCode::CONFLICT,
            Self::BadRequest => StatusCode::BAD_REQUEST,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::NotUtf8 => StatusCode::BAD_REQUEST,
            Self::UriTooLong => StatusCode::URI_TOO_LONG,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn message_key(&self) -> &'static str {
        match self {
            Self::Unauthorized | Self::MustChangePassword => "login.expired",
            Self::Forbidden => "error.forbidden",
            Self::NotFound => "error.not_found",
            Self::Conflict => "error.conflict",
            Self::Csrf => "error.csrf",
            Self::BadRequest => "error.bad_request",
            Self::TooLarge => "error.too_large",
            Self::NotUtf8 => "error.not_utf8",
            Self::UriTooLong => "error.uri_too_long",
            Self::Unavailable => "error.unavailable",
            Self::Internal(_) => "error.internal",
        }
    }

    /// A complete response, for places outside the page-rendering middleware.
    pub fn into_response_for(self, lang: Language) -> Response {
        let ctx = RequestCtx {
            user: None,
            csrf_token: String::new(),
            lang,
            session_expired: false,
        };
        render(&self, &ctx, "/", false)
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => Self::NotFound,
            e if e.is_unavailable() => {
                tracing::error!(error = %e, "database unavailable");
                Self::Unavailable
            }
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<Refusal> for AppError {
    /// A refusal a page does not answer in its own way: a plan locked is forbidden to change,
    /// a conflict or a blocked step is a conflict, input the page did not expect is a bad
    /// request.
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::NotFound => Self::NotFound,
            Refusal::Forbidden | Refusal::Locked => Self::Forbidden,
            Refusal::Conflict(_) | Refusal::Blocked(_) => Self::Conflict,
            Refusal::Invalid(_) | Refusal::File(_) => Self::BadRequest,
            Refusal::Db(e) => e.into(),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        Self::Internal(format!("template: {e}"))
    }
}

/// The marker that `render_error_pages` turns into a page.
#[derive(Clone)]
struct Rendered(std::sync::Arc<AppError>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Self::Internal(cause) = &self {
            tracing::error!(error = %cause, "request failed");
        }
        let mut response = self.status().into_response();
        response
            .extensions_mut()
            .insert(Rendered(std::sync::Arc::new(self)));
        response
    }
}

/// Turns the errors of handlers and guards into pages in the user's language.
pub async fn render_error_pages(
    State(_state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let ctx = req.extensions().get::<RequestCtx>().cloned();
    let htmx = req.headers().contains_key("hx-request");
    // After signing in again, an htmx request returns to the page it came from, not to its
    // own (often POST-only) address.
    let path = req
        .headers()
        .get("hx-current-url")
        .and_then(|v| v.to_str().ok())
        .and_then(|u| url::Url::parse(u).ok())
        .map(|u| match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        })
        .filter(|_| htmx)
        .unwrap_or_else(|| req.uri().path().to_string());
    let response = next.run(req).await;
    let error = response
        .extensions()
        .get::<Rendered>()
        .map(|r| r.0.clone())
        .or_else(|| framework_rejection(&response).map(std::sync::Arc::new));
    match (error.map(Rendered), ctx) {
        (Some(Rendered(error)), Some(ctx)) => render(&error, &ctx, &path, htmx),
        (Some(Rendered(error)), None) => render(
            &error,
            &RequestCtx {
                user: None,
                csrf_token: String::new(),
                lang: Language::Vi,
                session_expired: false,
            },
            &path,
            htmx,
        ),
        (None, _) => response,
    }
}

/// The plain-text refusals of axum's extractors (a malformed path id, form or upload) become the
/// same pages as our own errors, in the user's language, instead of English text.
fn framework_rejection(response: &Response) -> Option<AppError> {
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    match response.status() {
        _ if !plain => None,
        StatusCode::BAD_REQUEST
        | StatusCode::UNPROCESSABLE_ENTITY
        | StatusCode::UNSUPPORTED_MEDIA_TYPE => Some(AppError::BadRequest),
        StatusCode::PAYLOAD_TOO_LARGE => Some(AppError::TooLarge),
        _ => None,
    }
}

fn render(error: &AppError, ctx: &RequestCtx, path: &str, htmx: bool) -> Response {
    match error {
        AppError::Unauthorized => {
            let target = if path == "/" {
                "/login".to_string()
            } else {
                format!("/login?next={}", url_encode(path))
            };
            redirect_or_hx(&target, htmx)
        }
        AppError::MustChangePassword => redirect_or_hx("/account/password", htmx),
        other => {
            let body = if htmx {
                ErrorFragment {
                    message: crate::i18n::text(ctx.lang, other.message_key()),
                }
                .render()
            } else {
                ErrorPage {
                    ctx: PageCtx::from_request(ctx, path, None),
                    message_key: other.message_key(),
                }
                .render()
            };
            let body = body.unwrap_or_else(|_| other.message_key().to_string());
            let mut response = (other.status(), Html(body)).into_response();
            if htmx {
                // Let the page show the message where it chose to (hx-target-error), else swap in place.
                response
                    .headers_mut()
                    .insert("hx-reswap", HeaderValue::from_static("innerHTML"));
            }
            response
        }
    }
}

fn redirect_or_hx(target: &str, htmx: bool) -> Response {
    if htmx {
        let mut response = StatusCode::OK.into_response();
        if let Ok(value) = HeaderValue::from_str(target) {
            response.headers_mut().insert("hx-redirect", value);
        }
        response
    } else {
        let mut response = Redirect::to(target).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

fn url_encode(path: &str) -> String {
    url::form_urlencoded::byte_serialize(path.as_bytes()).collect()
}
