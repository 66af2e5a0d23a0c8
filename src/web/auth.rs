//! Signing in and out, changing one's password, choosing the language.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::{self, CurrentUser, RequestCtx, LANG_COOKIE};
use super::{AppError, AppState};
use crate::db::AuditCtx;
use crate::domain::password;
use crate::domain::user::{Language, User};
use crate::domain::validation::FieldErrors;
use askama::Template;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;
use std::net::SocketAddr;

pub fn routes(r: Routes) -> Routes {
    r.get("/login", Access::Public, login_page)
        .post("/login", Access::Public, login_submit)
        .post("/logout", Access::SignedIn, logout)
        .get("/account/password", Access::SignedIn, password_page)
        .post("/account/password", Access::SignedIn, password_submit)
        .post("/language", Access::Public, set_language)
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ctx: PageCtx,
    username: String,
    next: String,
    error_key: Option<&'static str>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NextQuery {
    next: String,
}

/// Only a path of this site, never `//host` or a full URL: no open redirect.
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/\\") {
        next
    } else {
        "/"
    }
}

async fn login_page(
    ctx: PageCtx,
    req: RequestCtx,
    Query(query): Query<NextQuery>,
) -> Result<Response, AppError> {
    if req.user.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let error_key = req.session_expired.then_some("login.expired");
    render(&LoginPage {
        ctx,
        username: String::new(),
        next: safe_next(&query.next).to_string(),
        error_key,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    username: String,
    password: String,
    next: String,
}

/// The client's address: the peer, or the first `X-Forwarded-For` hop behind a trusted proxy.
fn client_addr(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> String {
    if state.config.trust_proxy {
        if let Some(forwarded) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return forwarded.trim().to_string();
        }
    }
    peer.ip().to_string()
}

/// The user whose password this is, if any; the hash is checked off the runtime.
async fn authenticate(
    state: &AppState,
    username: &str,
    password: String,
) -> Result<Option<User>, AppError> {
    let credentials = state.store.user_credentials(username).await?;
    state
        .run_cpu(move || match credentials {
            Some((user, hash)) if password.len() <= 1024 && password::verify(&password, &hash) => {
                Some(user)
            }
            Some(_) => None,
            None => {
                // Same work as for a known user: the timing does not reveal who exists.
                password::verify(&password, password::dummy_hash());
                None
            }
        })
        .await
}

async fn login_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    req: RequestCtx,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let username: String = form
        .username
        .trim()
        .to_lowercase()
        .chars()
        .take(200)
        .collect();
    let addr = client_addr(&state, peer, &headers);
    let now = state.clock.now();
    let next = safe_next(&form.next).to_string();
    let page = |ctx, key| LoginPage {
        ctx,
        username: username.clone(),
        next: next.clone(),
        error_key: Some(key),
    };
    let (by_user, by_addr) = state
        .store
        .login_failures_since(&username, &addr, now - chrono::Duration::hours(1))
        .await?;
    if by_user >= state.config.max_failures_per_account
        || by_addr >= state.config.max_failures_per_address
    {
        tracing::warn!(user.name = %username, client.addr = %addr, "sign-in refused: too many failures");
        let mut response = render(&page(ctx, "login.throttled"))?;
        *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        return Ok(response);
    }
    let user = authenticate(&state, &username, form.password).await?;
    let Some(user) = user.filter(|u| !u.disabled) else {
        state
            .store
            .record_login_failure(&username, &addr, now)
            .await?;
        tracing::info!(user.name = %username, client.addr = %addr, "sign-in failed");
        let mut response = render(&page(ctx, "login.failed"))?;
        *response.status_mut() = StatusCode::UNAUTHORIZED;
        return Ok(response);
    };
    state.store.clear_login_failures(&username).await?;
    if let Some(old) = &req.user {
        state.store.delete_session(&old.session_hash).await?;
    }
    let cookie = session::start_session(&state, &user).await?;
    let audit = AuditCtx {
        at: now,
        actor_user_id: Some(user.id),
        actor_name: user.username.clone(),
    };
    let event = audit.event(
        "auth.login",
        "session",
        user.id,
        &user.username,
        String::new(),
        format!("client={addr}"),
    );
    state.store.record_audit(&event).await?;
    tracing::info!(user.id = %user.id, "signed in");
    let target = if user.must_change_password {
        "/account/password".to_string()
    } else {
        next
    };
    Ok((jar.add(cookie), Redirect::to(&target)).into_response())
}

async fn logout(
    State(state): State<AppState>,
    user: CurrentUser,
    jar: CookieJar,
) -> Result<Response, AppError> {
    state.store.delete_session(&user.session_hash).await?;
    let audit = AuditCtx {
        at: state.clock.now(),
        actor_user_id: Some(user.user.id),
        actor_name: user.user.username.clone(),
    };
    state
        .store
        .record_audit(&audit.event(
            "auth.logout",
            "session",
            user.user.id,
            &user.user.username,
            String::new(),
            String::new(),
        ))
        .await?;
    Ok((
        jar.add(session::end_session_cookie(&state)),
        Redirect::to("/login?msg=login.logged_out"),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    ctx: PageCtx,
    must_change: bool,
    errors: FieldErrors,
}

async fn password_page(ctx: PageCtx, user: CurrentUser) -> Result<Response, AppError> {
    render(&PasswordPage {
        ctx,
        must_change: user.user.must_change_password,
        errors: FieldErrors::new(),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PasswordForm {
    current_password: String,
    new_password: String,
    confirm_password: String,
}

async fn password_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    jar: CookieJar,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let stored = state.store.password_hash(user.user.id).await?;
    let current = form.current_password.clone();
    let current_ok = state
        .run_cpu(move || current.len() <= 1024 && password::verify(&current, &stored))
        .await?;
    let mut errors = FieldErrors::new();
    if !current_ok {
        errors.add("current_password", "err.password_wrong");
    }
    if let Err(key) = password::check_policy(&form.new_password, &user.user.username) {
        errors.add("new_password", key);
    } else if form.new_password == form.current_password {
        errors.add("new_password", "err.password_same");
    }
    if form.new_password != form.confirm_password {
        errors.add("confirm_password", "err.password_mismatch");
    }
    if !errors.is_empty() {
        let mut response = render(&PasswordPage {
            ctx,
            must_change: user.user.must_change_password,
            errors,
        })?;
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(response);
    }
    let new_password = form.new_password;
    let hash = state
        .run_cpu(move || password::hash(&new_password))
        .await?
        .map_err(|e| AppError::internal(e.to_string()))?;
    let audit = AuditCtx {
        at: state.clock.now(),
        actor_user_id: Some(user.user.id),
        actor_name: user.user.username.clone(),
    };
    // Every session of the user ends, this one too; a fresh one keeps this browser signed in.
    state
        .store
        .set_password(user.user.id, &hash, false, &audit)
        .await?;
    let fresh = state
        .store
        .user(user.user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let cookie = session::start_session(&state, &fresh).await?;
    Ok((
        jar.add(cookie),
        Redirect::to("/?msg=account.password_changed"),
    )
        .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LanguageForm {
    lang: String,
    next: String,
}

async fn set_language(
    State(state): State<AppState>,
    req: RequestCtx,
    jar: CookieJar,
    Form(form): Form<LanguageForm>,
) -> Result<Response, AppError> {
    let lang = Language::from_code(&form.lang).ok_or(AppError::BadRequest)?;
    if let Some(user) = &req.user {
        let audit = AuditCtx {
            at: state.clock.now(),
            actor_user_id: Some(user.user.id),
            actor_name: user.user.username.clone(),
        };
        state.store.set_language(user.user.id, lang, &audit).await?;
    }
    let cookie = session::cookie(&state, LANG_COOKIE.to_string(), lang.code().to_string());
    Ok((jar.add(cookie), Redirect::to(safe_next(&form.next))).into_response())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next("/admin/units"), "/admin/units");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
    }
}
