//! The legal-document catalog: what plans apply, as the frameworks list it.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::domain::legal::LegalDocument;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

pub fn routes(r: Routes) -> Routes {
    r.get("/legal-documents", Access::SignedIn, list)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    q: String,
    source: String,
}

#[derive(Template)]
#[template(path = "legal/list.html")]
struct ListPage {
    ctx: PageCtx,
    q: String,
    source: String,
    documents: Vec<LegalDocument>,
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    _user: CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let q: String = query.q.chars().take(100).collect();
    let source: String = query.source.chars().take(64).collect();
    let documents = state.store.legal_documents(&source, &q).await?;
    render(&ListPage {
        ctx,
        q,
        source,
        documents,
    })
}
