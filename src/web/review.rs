//! The review loop on the web: submit, return, approve and reopen a plan; its history and its
//! revisions.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::units::audit_ctx;
use super::{AppError, AppState};
use crate::db::{RevisionSummary, StepRecord};
use crate::domain::ids::PlanId;
use crate::domain::review::Step;
use crate::domain::round::{Plan, Round};
use crate::review::{take_step, StepError, StepRequest};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

pub fn routes(r: Routes) -> Routes {
    r.post("/plans/{id}/submit", Access::PlanSubmit, submit)
        .post("/plans/{id}/reopen", Access::PlanSubmit, reopen)
        .post("/plans/{id}/return", Access::Review, send_back)
        .post("/plans/{id}/approve", Access::Review, approve)
        .post("/plans/{id}/comments", Access::Review, comment)
        .post(
            "/plans/{id}/comments/{comment}/resolve",
            Access::CommentResolve,
            resolve,
        )
        .get("/plans/{id}/history", Access::PlanRead, history)
        .get("/plans/{id}/compare", Access::PlanRead, compare)
        .get("/plans/{id}/revisions/{number}", Access::PlanRead, revision)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StepForm {
    message: String,
    /// A return that reopens only the sections with open comments.
    only_commented: String,
}

async fn step(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    request: StepRequest<'_>,
) -> Result<Response, AppError> {
    let step = request.step;
    let (plan, round) = super::plans::plan_and_round(state, user, PlanId(id), false).await?;
    let nodes: Vec<_> = state
        .store
        .framework_nodes(round.framework_id)
        .await?
        .into_iter()
        .filter(|n| n.applies(round.kind))
        .collect();
    let ctx = audit_ctx(state, user);
    match take_step(
        &state.store,
        &plan,
        &round,
        &nodes,
        &user.actor(),
        request,
        &ctx,
    )
    .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/plans/{id}?msg=review.{}_done", step.code())).into_response(),
        ),
        Err(StepError::Forbidden) => Err(AppError::Forbidden),
        Err(StepError::NotFrom(_)) => Err(AppError::Conflict),
        Err(StepError::Blocked(_)) => {
            Ok(Redirect::to(&format!("/plans/{id}/readiness?msg=review.blocked")).into_response())
        }
        Err(StepError::Message(key)) => {
            Ok(Redirect::to(&format!("/plans/{id}?msg={}", message_flash(key))).into_response())
        }
        Err(StepError::Db(e)) => Err(e.into()),
    }
}

/// A step without a message.
fn plain(step: Step) -> StepRequest<'static> {
    StepRequest {
        step,
        message: "",
        only_commented: false,
    }
}

/// The flash that says why a message was refused.
fn message_flash(key: &str) -> &'static str {
    if key == "err.return_message" {
        "review.return_message_needed"
    } else {
        "review.message_invalid"
    }
}

async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    step(&state, &user, id, plain(Step::Submit)).await
}

async fn reopen(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    step(&state, &user, id, plain(Step::Reopen)).await
}

async fn send_back(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    step(
        &state,
        &user,
        id,
        StepRequest {
            step: Step::Return,
            message: &form.message,
            only_commented: !form.only_commented.is_empty(),
        },
    )
    .await
}

async fn approve(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    step(&state, &user, id, plain(Step::Approve)).await
}

#[derive(Template)]
#[template(path = "plans/history.html")]
struct HistoryPage {
    ctx: PageCtx,
    plan: Plan,
    round: Round,
    unit_name: String,
    steps: Vec<StepRecord>,
    revisions: Vec<RevisionSummary>,
}

impl HistoryPage {
    fn step_key(&self, s: &StepRecord) -> String {
        format!("review.step_{}", s.step)
    }

    fn status_key(&self, code: &str) -> String {
        format!("plan_status.{code}")
    }
}

async fn history(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (plan, round) = super::plans::plan_and_round(&state, &user, PlanId(id), false).await?;
    let unit_name = state
        .store
        .unit(plan.org_unit_id)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    render(&HistoryPage {
        steps: state.store.plan_steps(plan.id).await?,
        revisions: state.store.plan_revisions(plan.id).await?,
        ctx,
        plan,
        round,
        unit_name,
    })
}

/// A revision as it was kept: the whole plan as JSON.
async fn revision(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, number)): Path<(i64, i32)>,
) -> Result<Response, AppError> {
    let (plan, round) = super::plans::plan_and_round(&state, &user, PlanId(id), false).await?;
    let snapshot = state
        .store
        .plan_revision(plan.id, number)
        .await?
        .ok_or(AppError::NotFound)?;
    let unit = state
        .store
        .unit(plan.org_unit_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let name = format!("{}_{}_lan-{number}.json", round.code, unit.code);
    Ok(super::exchange::download(
        &name,
        "application/json",
        snapshot.into_bytes(),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CommentForm {
    section: String,
    /// `TABLE:ROW` for a comment on a table's row, empty for the section.
    row: String,
    body: String,
}

/// A reviewer comments on a section, or on a row of one of its tables, of a submitted plan.
async fn comment(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<CommentForm>,
) -> Result<Response, AppError> {
    use crate::domain::round::PlanStatus;
    if user.user.role != crate::domain::user::Role::Reviewer {
        return Err(AppError::Forbidden);
    }
    let (plan, round) = super::plans::plan_and_round(&state, &user, PlanId(id), false).await?;
    if plan.status != PlanStatus::Submitted {
        return Err(AppError::Conflict);
    }
    let nodes = state.store.framework_nodes(round.framework_id).await?;
    let node = nodes
        .iter()
        .find(|n| n.key == form.section && n.applies(round.kind))
        .ok_or(AppError::BadRequest)?;
    let row = match form.row.split_once(':') {
        None if form.row.is_empty() => None,
        Some((table, row)) => {
            let row: i64 = row.parse().map_err(|_| AppError::BadRequest)?;
            let table = crate::domain::tables::spec(table)
                .ok_or(AppError::BadRequest)?
                .code;
            state
                .store
                .plan_row(plan.id, table, row)
                .await?
                .ok_or(AppError::BadRequest)?;
            Some((table, row))
        }
        None => return Err(AppError::BadRequest),
    };
    let body = form.body.replace("\r\n", "\n").trim().to_string();
    let back = format!("/plans/{id}?section={}", node.key);
    if body.is_empty()
        || crate::domain::text::char_len(&body) > crate::review::MAX_MESSAGE
        || crate::domain::text::has_control_chars(&body.replace(['\n', '\t'], " "))
    {
        return Ok(Redirect::to(&format!("{back}&msg=review.message_invalid")).into_response());
    }
    let at = crate::db::CommentAt {
        plan: plan.id,
        node_key: &node.key,
        row,
    };
    state
        .store
        .add_comment(&at, &body, &audit_ctx(&state, &user))
        .await?;
    Ok(Redirect::to(&format!("{back}&msg=review.comment_added#comments")).into_response())
}

/// The reviewer, or the agency that fixed it, marks a comment resolved.
async fn resolve(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, comment)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    use crate::domain::user::Role;
    let (plan, _) = super::plans::plan_and_round(&state, &user, PlanId(id), false).await?;
    let agency = matches!(user.user.role, Role::Editor | Role::Leader)
        && user.user.org_unit_id == plan.org_unit_id;
    if !(agency || user.user.role == Role::Reviewer) {
        return Err(AppError::Forbidden);
    }
    let node = state
        .store
        .plan_comments(plan.id)
        .await?
        .into_iter()
        .find(|c| c.review_comment_id == comment)
        .ok_or(AppError::NotFound)?
        .node_key;
    state
        .store
        .resolve_comment(plan.id, comment, &audit_ctx(&state, &user))
        .await?;
    Ok(Redirect::to(&format!("/plans/{id}?section={node}#comments")).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CompareQuery {
    from: i32,
    to: i32,
}

#[derive(Template)]
#[template(path = "plans/compare.html")]
struct ComparePage {
    ctx: PageCtx,
    plan: Plan,
    from: i32,
    to: i32,
    comparison: crate::domain::compare::Comparison,
}

impl ComparePage {
    /// A section's text as kept, cleaned again before it is shown.
    fn html(&self, text: &str) -> String {
        crate::domain::rich_text::clean(text)
    }

    fn change_key(&self, change: &crate::domain::compare::Change) -> String {
        format!("review.change_{}", change.code())
    }
}

/// Two revisions side by side: what was added, removed and changed.
async fn compare(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<CompareQuery>,
) -> Result<Response, AppError> {
    let (plan, _) = super::plans::plan_and_round(&state, &user, PlanId(id), false).await?;
    let read = |text: Option<String>| -> Result<serde_json::Value, AppError> {
        let text = text.ok_or(AppError::NotFound)?;
        serde_json::from_str(&text).map_err(|e| AppError::internal(e.to_string()))
    };
    let before = read(state.store.plan_revision(plan.id, q.from).await?)?;
    let after = read(state.store.plan_revision(plan.id, q.to).await?)?;
    render(&ComparePage {
        comparison: crate::domain::compare::compare(&before, &after),
        ctx,
        plan,
        from: q.from,
        to: q.to,
    })
}
