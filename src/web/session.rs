//! Server-side sessions (OWASP ASVS V3) and CSRF protection (V4.2.2).
//!
//! Written here rather than taken from a session crate because the rules are ours: sessions
//! live in our store (shared by every instance), end all at once when a user's password
//! changes or the account is disabled, and carry the CSRF token of the synchronizer pattern.

use super::{AppError, AppState};
use crate::app::Who;
use crate::domain::authz::Actor;
use crate::domain::user::{Language, User};
use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub const SESSION_COOKIE: &str = "kehoachso_session";
const CSRF_COOKIE: &str = "kehoachso_csrf";
pub const LANG_COOKIE: &str = "kehoachso_lang";
/// The form field and the header that carry the CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";
const CSRF_HEADER: &str = "x-csrf-token";
/// A session's last-seen time is written at most this often, to spare the database.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// A signed-in user's session, put into the request by `load_session`.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub unit_name: String,
    pub session_hash: String,
    /// Unread notifications when the request began.
    pub unread: i64,
}

impl CurrentUser {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.user.id,
            role: self.user.role,
            org_unit_id: self.user.org_unit_id,
        }
    }

    /// The user as the use-cases know who acts.
    pub fn who(&self) -> Who {
        Who::of(&self.user)
    }
}

/// What `load_session` learned about the request, for every handler and page.
#[derive(Debug, Clone)]
pub struct RequestCtx {
    pub user: Option<CurrentUser>,
    pub csrf_token: String,
    pub lang: Language,
    /// The request carried a session cookie that is no longer valid.
    pub session_expired: bool,
}

/// 32 random bytes, hex-encoded.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Only this hash of a session token is stored: a copy of the database opens no session.
pub fn hash_session_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The session cookie's name: with TLS it takes the `__Host-` prefix, which browsers accept
/// only from a secure origin, for the whole host, with `Path=/`.
pub fn session_cookie_name(state: &AppState) -> String {
    if state.config.secure_cookies {
        format!("__Host-{SESSION_COOKIE}")
    } else {
        SESSION_COOKIE.to_string()
    }
}

fn csrf_cookie_name(state: &AppState) -> String {
    if state.config.secure_cookies {
        format!("__Host-{CSRF_COOKIE}")
    } else {
        CSRF_COOKIE.to_string()
    }
}

/// A cookie with the flags every cookie of ours carries.
pub fn cookie(state: &AppState, name: String, value: String) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies)
        .build()
}

/// Starts a new session for `user` and returns the cookie to set. A new token every time, so a
/// token planted before sign-in is worthless after it.
pub async fn start_session(state: &AppState, user: &User) -> Result<Cookie<'static>, AppError> {
    let token = random_token();
    let now = state.clock.now();
    state
        .store
        .create_session(&hash_session_token(&token), user.id, &random_token(), now)
        .await?;
    Ok(cookie(state, session_cookie_name(state), token))
}

/// The cookie that removes the session cookie.
pub fn end_session_cookie(state: &AppState) -> Cookie<'static> {
    let mut c = cookie(state, session_cookie_name(state), String::new());
    c.make_removal();
    c
}

/// Loads the session (if any), checks its idle and absolute timeouts, and decides the
/// language and the CSRF token of the request.
pub async fn load_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let jar = CookieJar::from_headers(req.headers());
    let now = state.clock.now();
    let mut user = None;
    let mut csrf_token = None;
    let mut session_expired = false;
    if let Some(token) = jar
        .get(&session_cookie_name(&state))
        .map(|c| c.value().to_string())
    {
        let hash = hash_session_token(&token);
        match state.store.session(&hash).await {
            Ok(Some(record)) => {
                let idle = now - record.last_seen_at > state.config.idle_timeout;
                let too_old = now - record.created_at > state.config.absolute_timeout;
                if idle || too_old || record.user.disabled {
                    if let Err(e) = state.store.delete_session(&hash).await {
                        tracing::error!(error = %e, "could not delete an expired session");
                    }
                    session_expired = true;
                } else {
                    if (now - record.last_seen_at).num_seconds() >= TOUCH_EVERY_SECONDS {
                        if let Err(e) = state.store.touch_session(&hash, now).await {
                            tracing::error!(error = %e, "could not refresh a session");
                        }
                    }
                    csrf_token = Some(record.csrf_token.clone());
                    user = Some(CurrentUser {
                        unit_name: record.unit_name,
                        unread: record.unread,
                        user: record.user,
                        session_hash: hash,
                    });
                }
            }
            Ok(None) => session_expired = true,
            Err(e) => {
                tracing::error!(error = %e, "could not read a session");
                return AppError::Unavailable.into_response_for(Language::Vi);
            }
        }
    }
    // Without a session, forms are protected by a double-submit cookie instead.
    let mut new_csrf_cookie = None;
    let csrf_token = match csrf_token {
        Some(t) => t,
        None => match jar.get(&csrf_cookie_name(&state)) {
            Some(c) if c.value().len() == 64 => c.value().to_string(),
            _ => {
                let t = random_token();
                new_csrf_cookie = Some(cookie(&state, csrf_cookie_name(&state), t.clone()));
                t
            }
        },
    };
    let lang = user
        .as_ref()
        .map(|u| u.user.language)
        .or_else(|| {
            jar.get(LANG_COOKIE)
                .and_then(|c| Language::from_code(c.value()))
        })
        .unwrap_or_default();
    req.extensions_mut().insert(RequestCtx {
        user,
        csrf_token,
        lang,
        session_expired,
    });
    let mut response = next.run(req).await;
    if let Some(c) = new_csrf_cookie {
        if let Ok(value) = HeaderValue::from_str(&c.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Refuses a state-changing request that does not carry the request's CSRF token, or that
/// a browser marks as coming from another site. GET and HEAD never change state.
pub async fn csrf_guard(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let lang = req
        .extensions()
        .get::<RequestCtx>()
        .map(|c| c.lang)
        .unwrap_or_default();
    let (expected, session_expired) = match req.extensions().get::<RequestCtx>() {
        Some(ctx) => (
            ctx.csrf_token.clone(),
            ctx.session_expired && ctx.user.is_none(),
        ),
        None => return AppError::Csrf.into_response_for(lang),
    };
    if cross_site(req.headers()) {
        return AppError::Csrf.into_response_for(lang);
    }
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, super::MAX_BODY_BYTES).await {
        Ok(b) => b,
        Err(_) => return AppError::TooLarge.into_response_for(lang),
    };
    let given = match parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()) {
        Some(v) => Some(v.to_string()),
        None => token_in_body(&parts.headers, &bytes).await,
    };
    let valid = given.is_some_and(|g| bool::from(g.as_bytes().ct_eq(expected.as_bytes())));
    if !valid && session_expired {
        // The session ended while the user was working: the form carries the old session's
        // token. Nothing changes; the user signs in again and comes back.
        return AppError::Unauthorized.into_response();
    }
    if !valid {
        tracing::info!(path = %parts.uri.path(), "refused a request without a valid CSRF token");
        return AppError::Csrf.into_response_for(lang);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// `Sec-Fetch-Site: cross-site` or an `Origin` of another host: the browser says the request
/// comes from another site.
fn cross_site(headers: &HeaderMap) -> bool {
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site")
    {
        return true;
    }
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        (Some(origin), Some(host)) if origin != "null" => url::Url::parse(origin)
            .map(|o| {
                let origin_host = match o.port() {
                    Some(p) => format!("{}:{p}", o.host_str().unwrap_or_default()),
                    None => o.host_str().unwrap_or_default().to_string(),
                };
                origin_host != host
            })
            .unwrap_or(true),
        _ => false,
    }
}

/// The `csrf_token` field of a url-encoded or multipart form body.
async fn token_in_body(headers: &HeaderMap, bytes: &bytes::Bytes) -> Option<String> {
    let content_type = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    if content_type.starts_with("application/x-www-form-urlencoded") {
        return serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes)
            .ok()?
            .into_iter()
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v);
    }
    if content_type.starts_with("multipart/form-data") {
        let boundary = multer::parse_boundary(content_type).ok()?;
        let stream =
            futures_util::stream::once(std::future::ready(Ok::<_, std::io::Error>(bytes.clone())));
        let mut multipart = multer::Multipart::new(stream, boundary);
        while let Ok(Some(field)) = multipart.next_field().await {
            if field.name() == Some(CSRF_FIELD) {
                return field.text().await.ok();
            }
        }
    }
    None
}

/// The signed-in user, or a redirect to the sign-in page.
impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        let ctx = parts
            .extensions
            .get::<RequestCtx>()
            .ok_or(AppError::Unauthorized)?;
        let user = ctx.user.clone().ok_or(AppError::Unauthorized)?;
        // A one-time password must be replaced before anything else.
        let path = parts.uri.path();
        if user.user.must_change_password
            && !path.starts_with("/account/password")
            && path != "/logout"
        {
            return Err(AppError::MustChangePassword);
        }
        Ok(user)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestCtx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<RequestCtx>()
            .cloned()
            .ok_or_else(|| AppError::internal("session layer missing"))
    }
}

/// Every ten minutes, removes expired sessions and old login failures.
pub async fn housekeeping(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        tick.tick().await;
        let now = state.clock.now();
        let result = state
            .store
            .purge_expired(
                now - state.config.idle_timeout,
                now - state.config.absolute_timeout,
                now - chrono::Duration::hours(1),
            )
            .await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not purge expired sessions");
        }
    }
}
