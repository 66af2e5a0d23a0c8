//! Frameworks: everyone reads them (the guidance is what agencies write by); administrators
//! clone a framework into a new draft version, edit its words and publish it.

use super::page::{render, unprocessable, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::app::frameworks::{
    add_node, clone_framework, edit_node, move_node, publish_framework, remove_node, NewNodeForm,
    NodeForm,
};
use crate::app::Refusal;
use crate::domain::authz::{can, Action};
use crate::domain::framework::{depths, Framework, FrameworkNode, FrameworkStatus, NodeKind};
use crate::domain::ids::FrameworkId;
use crate::domain::user::Language;
use crate::domain::validation::FieldErrors;
use askama::Template;
use axum::extract::{Path, State};
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

pub fn outline(nodes: &[FrameworkNode], lang: Language) -> Vec<OutlineRow> {
    nodes
        .iter()
        .zip(depths(nodes))
        .map(|(node, depth)| OutlineRow {
            paragraphs: crate::domain::text::paragraphs(node.guidance_in(lang)),
            node: node.clone(),
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
    let rows = outline(&state.store.framework_nodes(framework.id).await?, ctx.lang);
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
    let copy = clone_framework(
        &state.store,
        &user.who(),
        FrameworkId(id),
        state.clock.now(),
    )
    .await?;
    Ok(Redirect::to(&format!("/frameworks/{}?msg=frameworks.cloned", copy.id)).into_response())
}

async fn publish(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    match publish_framework(
        &state.store,
        &user.who(),
        FrameworkId(id),
        state.clock.now(),
    )
    .await
    {
        Ok(f) => Ok(
            Redirect::to(&format!("/frameworks/{}?msg=frameworks.published", f.id)).into_response(),
        ),
        // Published already: a published framework never changes.
        Err(Refusal::Locked) => Err(AppError::Conflict),
        Err(e) => Err(e.into()),
    }
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
        .iter()
        .find(|n| n.key == key)
        .cloned()
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
    let form = NodeForm::of(&node);
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
    let now = state.clock.now();
    let framework = FrameworkId(id);
    match edit_node(&state.store, &user.who(), framework, &key, &form, now).await {
        Ok(changed) => Ok(Redirect::to(&format!(
            "/frameworks/{}?msg=common.saved#n-{}",
            framework, changed.key
        ))
        .into_response()),
        Err(Refusal::Invalid(errors)) => {
            let (framework, node) = load_node(&state, id, &key).await?;
            let page = NodePage {
                ctx,
                framework,
                node,
                form,
                errors,
            };
            Ok(unprocessable(render(&page)?))
        }
        Err(Refusal::Locked) => Err(AppError::Conflict),
        Err(e) => Err(e.into()),
    }
}

/// An outline edit's refusal as the outline page answers it: a published framework is a
/// conflict.
fn outline_refusal(refusal: Refusal) -> AppError {
    match refusal {
        Refusal::Locked => AppError::Conflict,
        other => other.into(),
    }
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
    let up = form.direction == "up";
    let (who, now) = (user.who(), state.clock.now());
    move_node(&state.store, &who, FrameworkId(id), &key, up, now)
        .await
        .map_err(outline_refusal)?;
    Ok(Redirect::to(&format!("/frameworks/{id}#n-{key}")).into_response())
}

async fn node_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, key)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let (who, now) = (user.who(), state.clock.now());
    remove_node(&state.store, &who, FrameworkId(id), &key, now)
        .await
        .map_err(outline_refusal)?;
    Ok(Redirect::to(&format!("/frameworks/{id}?msg=common.saved")).into_response())
}

async fn node_add(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, key)): Path<(i64, String)>,
    Form(form): Form<NewNodeForm>,
) -> Result<Response, AppError> {
    let (who, now) = (user.who(), state.clock.now());
    match add_node(&state.store, &who, FrameworkId(id), &key, &form, now).await {
        Ok(new_key) => {
            Ok(Redirect::to(&format!("/admin/frameworks/{id}/nodes/{new_key}")).into_response())
        }
        // The small add form sits on the outline page: back there, with the reason.
        Err(Refusal::Invalid(_)) => Ok(Redirect::to(&format!(
            "/frameworks/{id}?msg=frameworks.add_needs_title#n-{key}"
        ))
        .into_response()),
        Err(e) => Err(outline_refusal(e)),
    }
}
