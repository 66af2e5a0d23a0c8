//! The legal-document catalog: what plans apply, as the frameworks list it.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::app::references::save_legal_document;
use crate::app::Refusal;
use crate::domain::authz::{can, Action};
use crate::domain::legal::{parse_form, LegalDocument, LegalStatus};
use crate::domain::text::format_date;
use crate::domain::validation::FieldErrors;
use askama::Template;
use axum::extract::Path;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::response::{IntoResponse, Redirect};
use axum::Form;
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes(r: Routes) -> Routes {
    r.get("/legal-documents", Access::SignedIn, list)
        .get("/admin/legal-documents/new", Access::Admin, new_form)
        .post("/admin/legal-documents", Access::Admin, create)
        .get("/admin/legal-documents/{id}", Access::Admin, edit_form)
        .post("/admin/legal-documents/{id}", Access::Admin, update)
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
    admin: bool,
    q: String,
    source: String,
    documents: Vec<LegalDocument>,
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let q: String = query.q.chars().take(100).collect();
    let source: String = query.source.chars().take(64).collect();
    let documents = state.store.legal_documents(&source, &q).await?;
    render(&ListPage {
        admin: can(&user.actor(), Action::ManageUsers),
        ctx,
        q,
        source,
        documents,
    })
}

#[derive(Template)]
#[template(path = "legal/document.html")]
struct DocumentPage {
    ctx: PageCtx,
    /// `None` for a new document.
    id: Option<i64>,
    form: HashMap<String, String>,
    errors: FieldErrors,
    statuses: [LegalStatus; 4],
}

impl DocumentPage {
    fn value(&self, name: &str) -> String {
        self.form.get(name).cloned().unwrap_or_default()
    }
}

fn document_form(d: &LegalDocument) -> HashMap<String, String> {
    [
        ("number", d.number.clone()),
        ("kind", d.kind.clone()),
        (
            "issued_on",
            d.issued_on.map(format_date).unwrap_or_default(),
        ),
        ("issuer", d.issuer.clone()),
        ("title", d.title.clone()),
        ("province_document", d.province_document.clone()),
        ("group", d.group.clone()),
        ("status", d.status.code().to_string()),
        ("replaced_by", d.replaced_by.clone().unwrap_or_default()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn document_page(
    ctx: PageCtx,
    id: Option<i64>,
    form: HashMap<String, String>,
    errors: FieldErrors,
) -> DocumentPage {
    DocumentPage {
        ctx,
        id,
        form,
        errors,
        statuses: LegalStatus::ALL,
    }
}

async fn new_form(ctx: PageCtx) -> Result<Response, AppError> {
    let form = [("status".to_string(), "in_force".to_string())]
        .into_iter()
        .collect();
    render(&document_page(ctx, None, form, FieldErrors::new()))
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let d = state
        .store
        .legal_document(id)
        .await?
        .ok_or(AppError::NotFound)?;
    render(&document_page(
        ctx,
        Some(id),
        document_form(&d),
        FieldErrors::new(),
    ))
}

async fn save(
    state: &AppState,
    ctx: PageCtx,
    user: &CurrentUser,
    id: Option<i64>,
    form: HashMap<String, String>,
) -> Result<Response, AppError> {
    let refused = |ctx, form, errors| -> Result<Response, AppError> {
        let mut response = render(&document_page(ctx, id, form, errors))?;
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        Ok(response)
    };
    let mut doc = match parse_form(&form) {
        Ok(d) => d,
        Err(errors) => return refused(ctx, form, errors),
    };
    doc.id = id.unwrap_or(0);
    match save_legal_document(&state.store, &user.who(), &doc, state.clock.now()).await {
        Ok(_) => Ok(Redirect::to("/legal-documents?msg=common.saved").into_response()),
        Err(Refusal::Invalid(errors)) => refused(ctx, form, errors),
        Err(e) => Err(e.into()),
    }
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    save(&state, ctx, &user, None, form).await
}

async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    save(&state, ctx, &user, Some(id), form).await
}
