//! Frameworks: everyone reads them (the guidance is what agencies write by); administrators
//! clone a framework into a new draft version, edit its words and publish it.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::db::DbError;
use crate::domain::authz::{can, Action};
use crate::domain::framework::{
    depths, outline, Framework, FrameworkNode, FrameworkStatus, NodeKind, Translation,
};
use crate::domain::ids::FrameworkId;
use crate::domain::user::Language;
use crate::domain::validation::{long_text, optional_text, required_text, FieldErrors};

/// The most guidance one section may hold, in characters.
const GUIDANCE_MAX: usize = 20_000;
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
        .post(
            "/admin/frameworks/{id}/nodes/{key}/move",
            Access::Admin,
            node_move,
        )
        .post(
            "/admin/frameworks/{id}/nodes/{key}/delete",
            Access::Admin,
            node_delete,
        )
        .post(
            "/admin/frameworks/{id}/nodes/{key}/children",
            Access::Admin,
            node_add,
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

pub fn outline(nodes: Vec<FrameworkNode>, lang: Language) -> Vec<OutlineRow> {
    let depth = depths(&nodes);
    nodes
        .into_iter()
        .zip(depth)
        .map(|(node, depth)| OutlineRow {
            paragraphs: crate::domain::text::paragraphs(node.guidance_in(lang)),
            node,
            depth,
        })
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
    kinds: [NodeKind; 5],
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
    let rows = outline(state.store.framework_nodes(framework.id).await?, ctx.lang);
    render(&ShowPage {
        admin: can(&user.actor(), Action::ManagePlanning),
        draft: framework.status == FrameworkStatus::Draft,
        ctx,
        framework,
        rows,
        kinds: NodeKind::ALL,
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
        .clone_framework(FrameworkId(id), &user.audit(state.clock.now()))
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
        .publish_framework(FrameworkId(id), &user.audit(state.clock.now()))
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
    title_en: String,
    guidance_en: String,
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
        title_en: node.english.title.clone(),
        guidance_en: node.english.guidance.clone(),
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
    let guidance = long_text(&mut errors, "guidance", &form.guidance, GUIDANCE_MAX);
    let title_en = optional_text(&mut errors, "title_en", &form.title_en, 500).unwrap_or_default();
    let guidance_en = long_text(&mut errors, "guidance_en", &form.guidance_en, GUIDANCE_MAX);
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
        english: Translation {
            title: title_en,
            guidance: guidance_en,
        },
        ..node
    };
    state
        .store
        .update_framework_node(framework.id, &changed, &user.audit(state.clock.now()))
        .await?;
    Ok(Redirect::to(&format!(
        "/frameworks/{}?msg=common.saved#n-{}",
        framework.id, changed.key
    ))
    .into_response())
}

/// A draft framework and its outline, for an outline edit by an administrator.
async fn draft_outline(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<(Framework, Vec<FrameworkNode>), AppError> {
    require_admin(user)?;
    let framework = state
        .store
        .framework(FrameworkId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    if framework.status != FrameworkStatus::Draft {
        return Err(AppError::Conflict);
    }
    let nodes = state.store.framework_nodes(framework.id).await?;
    Ok((framework, nodes))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MoveForm {
    direction: String,
}

async fn node_move(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, key)): Path<(i64, String)>,
    Form(form): Form<MoveForm>,
) -> Result<Response, AppError> {
    let (framework, nodes) = draft_outline(&state, &user, id).await?;
    if !nodes.iter().any(|n| n.key == key) {
        return Err(AppError::NotFound);
    }
    let up = form.direction == "up";
    // At the edge there is nowhere to go: the outline stays as it is.
    if let Some(moved) = outline::move_node(&nodes, &key, up) {
        let what = format!("move {key} {}", if up { "up" } else { "down" });
        state
            .store
            .rewrite_framework_outline(
                framework.id,
                &moved,
                "framework.edit",
                &what,
                &user.audit(state.clock.now()),
            )
            .await?;
    }
    Ok(Redirect::to(&format!("/frameworks/{}#n-{key}", framework.id)).into_response())
}

async fn node_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, key)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let (framework, nodes) = draft_outline(&state, &user, id).await?;
    let kept = outline::remove(&nodes, &key).ok_or(AppError::NotFound)?;
    let what = format!("remove {key} ({} nodes)", nodes.len() - kept.len());
    state
        .store
        .rewrite_framework_outline(
            framework.id,
            &kept,
            "framework.edit",
            &what,
            &user.audit(state.clock.now()),
        )
        .await?;
    Ok(Redirect::to(&format!("/frameworks/{}?msg=common.saved", framework.id)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewNodeForm {
    numbering: String,
    title: String,
    kind: String,
}

async fn node_add(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, key)): Path<(i64, String)>,
    Form(form): Form<NewNodeForm>,
) -> Result<Response, AppError> {
    let (framework, nodes) = draft_outline(&state, &user, id).await?;
    let parent = nodes
        .iter()
        .find(|n| n.key == key)
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    let title = required_text(&mut errors, "title", &form.title, 500);
    let numbering =
        optional_text(&mut errors, "numbering", &form.numbering, 40).unwrap_or_default();
    let kind = NodeKind::from_code(&form.kind).unwrap_or(NodeKind::Narrative);
    if !errors.is_empty() {
        // The small add form sits on the outline page: back there, with the reason.
        return Ok(Redirect::to(&format!(
            "/frameworks/{}?msg=frameworks.add_needs_title#n-{key}",
            framework.id
        ))
        .into_response());
    }
    let node = FrameworkNode {
        key: String::new(),
        parent_key: None,
        numbering,
        title,
        guidance: String::new(),
        kind,
        table: None,
        optional: false,
        applies_to: parent.applies_to,
        english: Translation::default(),
    };
    let added = outline::add_child(&nodes, Some(&key), node).ok_or(AppError::NotFound)?;
    let new_key = added
        .iter()
        .find(|n| !nodes.iter().any(|o| o.key == n.key))
        .map(|n| n.key.clone())
        .unwrap_or_default();
    state
        .store
        .rewrite_framework_outline(
            framework.id,
            &added,
            "framework.edit",
            &format!("add {new_key}"),
            &user.audit(state.clock.now()),
        )
        .await?;
    Ok(Redirect::to(&format!(
        "/admin/frameworks/{}/nodes/{new_key}",
        framework.id
    ))
    .into_response())
}
