//! Frameworks: everyone reads them (the guidance is what agencies write by); administrators
//! clone a framework into a new draft version, edit its words and publish it.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::units::audit_ctx;
use super::{AppError, AppState};
use crate::db::DbError;
use crate::domain::authz::{can, Action};
use crate::domain::framework::{depths, Framework, FrameworkNode, FrameworkStatus};
use crate::domain::ids::FrameworkId;
use crate::domain::validation::{optional_text, required_text, FieldErrors};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

pub fn routes(r: Routes) -> Routes {
    r.get("/frameworks", Access::SignedIn, list)
        .get("/frameworks/{id}", Access::SignedIn, show)
        .post("/admin/frameworks/{id}/clone", Access::Admin, clone)
        .post("/admin/frameworks/{id}/publish", Access::Admin, publish)
        .get(
            "/admin/frameworks/{id}/nodes/{key}",
            Access::Admin,
            node_form,
        )
        .post(
            "/admin/frameworks/{id}/nodes/{key}",
            Access::Admin,
            node_save,
        )
}

fn require_admin(user: &CurrentUser) -> Result<(), AppError> {
    if can(&user.actor(), Action::ManagePlanning) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Template)]
#[template(path = "frameworks/list.html")]
struct ListPage {
    ctx: PageCtx,
    frameworks: Vec<Framework>,
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    _user: CurrentUser,
) -> Result<Response, AppError> {
    let frameworks = state.store.frameworks().await?;
    render(&ListPage { ctx, frameworks })
}

/// A node with its depth and its guidance split into paragraphs, for display.
pub struct OutlineRow {
    pub node: FrameworkNode,
    pub depth: usize,
    pub paragraphs: Vec<String>,
}

pub fn outline(nodes: Vec<FrameworkNode>) -> Vec<OutlineRow> {
    let depth = depths(&nodes);
    nodes
        .into_iter()
        .zip(depth)
        .map(|(node, depth)| OutlineRow {
            paragraphs: paragraphs(&node.guidance),
            node,
            depth,
        })
        .collect()
}

/// Guidance as paragraphs: a blank line separates them.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

#[derive(Template)]
#[template(path = "frameworks/show.html")]
struct ShowPage {
    ctx: PageCtx,
    framework: Framework,
    rows: Vec<OutlineRow>,
    admin: bool,
    draft: bool,
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let framework = state
        .store
        .framework(FrameworkId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = outline(state.store.framework_nodes(framework.id).await?);
    render(&ShowPage {
        admin: can(&user.actor(), Action::ManagePlanning),
        draft: framework.status == FrameworkStatus::Draft,
        ctx,
        framework,
        rows,
    })
}

async fn clone(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    require_admin(&user)?;
    let copy = state
        .store
        .clone_framework(FrameworkId(id), &audit_ctx(&state, &user))
        .await?;
    Ok(Redirect::to(&format!("/frameworks/{}?msg=frameworks.cloned", copy.id)).into_response())
}

async fn publish(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    require_admin(&user)?;
    match state
        .store
        .publish_framework(FrameworkId(id), &audit_ctx(&state, &user))
        .await
    {
        Ok(f) => Ok(
            Redirect::to(&format!("/frameworks/{}?msg=frameworks.published", f.id)).into_response(),
        ),
        Err(DbError::Field { .. }) => Err(AppError::Conflict),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NodeForm {
    numbering: String,
    title: String,
    guidance: String,
    optional: String,
}

#[derive(Template)]
#[template(path = "frameworks/node.html")]
struct NodePage {
    ctx: PageCtx,
    framework: Framework,
    node: FrameworkNode,
    form: NodeForm,
    errors: FieldErrors,
}

async fn load_node(
    state: &AppState,
    id: i64,
    key: &str,
) -> Result<(Framework, FrameworkNode), AppError> {
    let framework = state
        .store
        .framework(FrameworkId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let node = state
        .store
        .framework_nodes(framework.id)
        .await?
        .into_iter()
        .find(|n| n.key == key)
        .ok_or(AppError::NotFound)?;
    Ok((framework, node))
}

async fn node_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, key)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    require_admin(&user)?;
    let (framework, node) = load_node(&state, id, &key).await?;
    if framework.status != FrameworkStatus::Draft {
        return Err(AppError::Conflict);
    }
    let form = NodeForm {
        numbering: node.numbering.clone(),
        title: node.title.clone(),
        guidance: node.guidance.clone(),
        optional: if node.optional {
            "1".into()
        } else {
            String::new()
        },
    };
    render(&NodePage {
        ctx,
        framework,
        node,
        form,
        errors: FieldErrors::new(),
    })
}

async fn node_save(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, key)): Path<(i64, String)>,
    Form(form): Form<NodeForm>,
) -> Result<Response, AppError> {
    require_admin(&user)?;
    let (framework, node) = load_node(&state, id, &key).await?;
    if framework.status != FrameworkStatus::Draft {
        return Err(AppError::Conflict);
    }
    let mut errors = FieldErrors::new();
    let numbering =
        optional_text(&mut errors, "numbering", &form.numbering, 40).unwrap_or_default();
    let title = required_text(&mut errors, "title", &form.title, 500);
    let guidance = form.guidance.trim().replace("\r\n", "\n");
    if guidance.chars().count() > 20_000 {
        errors.add_with("guidance", "err.too_long", "20000");
    }
    if !errors.is_empty() {
        let mut response = render(&NodePage {
            ctx,
            framework,
            node,
            form,
            errors,
        })?;
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(response);
    }
    let changed = FrameworkNode {
        numbering,
        title,
        guidance,
        optional: !form.optional.is_empty(),
        ..node
    };
    state
        .store
        .update_framework_node(framework.id, &changed, &audit_ctx(&state, &user))
        .await?;
    Ok(Redirect::to(&format!(
        "/frameworks/{}?msg=common.saved#n-{}",
        framework.id, changed.key
    ))
    .into_response())
}
