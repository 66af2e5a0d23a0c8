//! The user's notifications: the list, opening one (it is then read, and the plan shows), and
//! marking all read. Each user reaches only their own: every query is by the session's user.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::db::Notice;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};

/// The newest notifications a page lists; older ones stay in the database.
const PAGE_SIZE: i64 = 100;

pub fn routes(r: Routes) -> Routes {
    r.get("/notifications", Access::SignedIn, list)
        .post("/notifications/{id}/open", Access::SignedIn, open)
        .post("/notifications/read-all", Access::SignedIn, read_all)
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct ListPage {
    ctx: PageCtx,
    notices: Vec<Notice>,
}

impl ListPage {
    fn any_unread(&self) -> bool {
        self.notices.iter().any(|n| n.read_at.is_none())
    }

    fn sentence(&self, notice: &Notice) -> String {
        crate::app::notify::sentence(self.ctx.lang, notice)
    }

    fn quote<'a>(&self, notice: &'a Notice) -> &'a str {
        crate::app::notify::quote(notice)
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let notices = state.store.notices(user.user.id, PAGE_SIZE).await?;
    render(&ListPage { ctx, notices })
}

async fn open(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    let plan = state
        .store
        .read_notice(user.user.id, id, state.clock.now())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&format!("/plans/{plan}")))
}

async fn read_all(State(state): State<AppState>, user: CurrentUser) -> Result<Redirect, AppError> {
    state
        .store
        .read_all_notices(user.user.id, state.clock.now())
        .await?;
    Ok(Redirect::to("/notifications"))
}
