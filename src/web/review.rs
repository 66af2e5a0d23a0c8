//! The review loop on the web: submit, return, approve and reopen a plan; its history and its
//! revisions.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::app::access::readable;
use crate::app::review::{add_comment, resolve_comment, take_step, CommentInput, StepRequest};
use crate::app::Refusal;
use crate::db::{RevisionSummary, StepRecord};
use crate::domain::ids::PlanId;
use crate::domain::ids::{CommentId, RowId};
use crate::domain::review::Step;
use crate::domain::round::{Plan, PlanStatus, Round};
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
    let now = state.clock.now();
    match take_step(&state.store, &user.who(), PlanId(id), request, now).await {
        Ok(_) => Ok(Redirect::to(&format!("/plans/{id}?msg={}", step.done_key())).into_response()),
        Err(Refusal::Blocked(_)) => {
            Ok(Redirect::to(&format!("/plans/{id}/readiness?msg=review.blocked")).into_response())
        }
        Err(Refusal::Invalid(errors)) => {
            let key = errors.get("message").map_or("", |e| e.key);
            Ok(Redirect::to(&format!("/plans/{id}?msg={}", message_flash(key))).into_response())
        }
        Err(other) => Err(other.into()),
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
    /// The text naming a step as stored (its code).
    fn step_key(&self, s: &StepRecord) -> &'static str {
        Step::from_code(&s.step).map_or("common.none", Step::label_key)
    }

    /// The text naming a status as stored (its code).
    fn status_key(&self, code: &str) -> &'static str {
        PlanStatus::from_code(code).map_or("common.none", PlanStatus::label_key)
    }
}

async fn history(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let crate::app::access::PlanAt { plan, round } =
        readable(&state.store, &user.who(), PlanId(id)).await?;
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
    let crate::app::access::PlanAt { plan, round } =
        readable(&state.store, &user.who(), PlanId(id)).await?;
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
    Ok(super::download::download(
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
    let row = match form.row.split_once(':') {
        None if form.row.is_empty() => None,
        Some((table, row)) => Some((table, RowId(row.parse().map_err(|_| AppError::BadRequest)?))),
        None => return Err(AppError::BadRequest),
    };
    let input = CommentInput {
        section: &form.section,
        row,
        body: &form.body,
    };
    let back = format!("/plans/{id}?section={}", form.section);
    let now = state.clock.now();
    match add_comment(&state.store, &user.who(), PlanId(id), input, now).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("{back}&msg=review.comment_added#comments")).into_response())
        }
        // A comment that is empty, too long or has control characters is said so on the page.
        Err(Refusal::Invalid(errors)) if errors.get("body").is_some() => {
            Ok(Redirect::to(&format!("{back}&msg=review.message_invalid")).into_response())
        }
        // Only a submitted plan takes comments.
        Err(Refusal::Locked) => Err(AppError::Conflict),
        Err(other) => Err(other.into()),
    }
}

/// The reviewer, or the agency that fixed it, marks a comment resolved.
async fn resolve(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, comment)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (who, now) = (user.who(), state.clock.now());
    let resolved = resolve_comment(&state.store, &who, PlanId(id), CommentId(comment), now);
    let node = match resolved.await {
        Ok(node) => node,
        // The plan is not in a state where this user resolves comments.
        Err(Refusal::Locked) => return Err(AppError::Conflict),
        Err(e) => return Err(e.into()),
    };
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
}

/// Two revisions side by side: what was added, removed and changed.
async fn compare(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<CompareQuery>,
) -> Result<Response, AppError> {
    let plan = readable(&state.store, &user.who(), PlanId(id)).await?.plan;
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
