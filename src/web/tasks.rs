//! The tasks-and-projects table of a plan: a page per row (add, change, delete), the table
//! shown beside the framework's section that asks for it, with totals per year and the
//! security share the seed requires.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::units::audit_ctx;
use super::{AppError, AppState};
use crate::db::RowAt;
use crate::domain::authz::{can, Action};
use crate::domain::ids::PlanId;
use crate::domain::money::Money;
use crate::domain::round::{Plan, Round};
use crate::domain::tasks::{
    parse_task, task_form, task_group_key, TaskForm, TaskRow, TABLE, TASK_GROUPS,
};
use crate::domain::validation::FieldErrors;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use std::collections::BTreeMap;

pub fn routes(r: Routes) -> Routes {
    r.get("/plans/{id}/tasks/new", Access::PlanWrite, new_form)
        .post("/plans/{id}/tasks", Access::PlanWrite, create)
        .get("/plans/{id}/tasks/{row}", Access::PlanRead, show)
        .post("/plans/{id}/tasks/{row}", Access::PlanWrite, update)
        .post("/plans/{id}/tasks/{row}/delete", Access::PlanWrite, delete)
}

/// A stored row, read.
pub struct TaskLine {
    pub id: i64,
    pub task: TaskRow,
}

/// The plan's tasks with the figures a reader wants beside them.
pub struct TasksView {
    pub lines: Vec<TaskLine>,
    pub years: Vec<i32>,
    pub total_by_year: BTreeMap<i32, Money>,
    pub security_by_year: BTreeMap<i32, Money>,
    pub total: Money,
    pub security: Money,
}

impl TasksView {
    pub fn share(&self) -> String {
        Money::percent_of(self.security, self.total)
            .map(|p| format!("{p:.1}").replace('.', ","))
            .unwrap_or_else(|| "—".into())
    }

    pub fn year_total(&self, year: &i32) -> String {
        self.total_by_year
            .get(year)
            .copied()
            .unwrap_or_default()
            .to_string()
    }

    pub fn year_security(&self, year: &i32) -> String {
        self.security_by_year
            .get(year)
            .copied()
            .unwrap_or_default()
            .to_string()
    }
}

/// Reads the plan's task rows. A row that does not parse is a bug, reported as such.
pub async fn tasks_view(
    state: &AppState,
    plan: &Plan,
    round: &Round,
) -> Result<TasksView, AppError> {
    let lines: Vec<TaskLine> = crate::checks::task_rows(&state.store, plan.id)
        .await?
        .into_iter()
        .map(|(id, task)| TaskLine { id, task })
        .collect();
    let mut total_by_year: BTreeMap<i32, Money> = BTreeMap::new();
    let mut security_by_year: BTreeMap<i32, Money> = BTreeMap::new();
    for line in &lines {
        for (y, m) in &line.task.amounts {
            let sum = total_by_year.entry(*y).or_default();
            *sum = *sum + *m;
        }
        for (y, m) in &line.task.security {
            let sum = security_by_year.entry(*y).or_default();
            *sum = *sum + *m;
        }
    }
    Ok(TasksView {
        total: lines.iter().map(|l| l.task.total).sum(),
        security: lines.iter().map(|l| l.task.security_total()).sum(),
        lines,
        years: (round.period_start..=round.period_end).collect(),
        total_by_year,
        security_by_year,
    })
}

#[derive(Template)]
#[template(path = "plans/task.html")]
struct TaskPage {
    ctx: PageCtx,
    plan: Plan,
    round: Round,
    /// `None` for a new row.
    row: Option<i64>,
    version: i32,
    form: TaskForm,
    errors: FieldErrors,
    can_edit: bool,
    years: Vec<i32>,
    groups: [u8; 7],
    conflict: bool,
}

impl TaskPage {
    fn value(&self, name: &str) -> String {
        self.form.get(name).cloned().unwrap_or_default()
    }

    fn amount(&self, prefix: &str, year: &i32) -> String {
        self.value(&format!("{prefix}_{year}"))
    }

    fn field_error(&self, prefix: &str, year: &i32) -> Option<String> {
        self.ctx.err(&self.errors, &format!("{prefix}_{year}"))
    }

    fn group_key(&self, group: &u8) -> &'static str {
        task_group_key(*group)
    }
}

struct Loaded {
    plan: Plan,
    round: Round,
}

async fn load(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    write: bool,
) -> Result<Loaded, AppError> {
    let (plan, round) = super::plans::plan_and_round(state, user, PlanId(id), write).await?;
    Ok(Loaded { plan, round })
}

/// Where the row form stands: which row, at which version, and what the user may do.
struct Editing {
    row: Option<i64>,
    version: i32,
    can_edit: bool,
    conflict: bool,
}

fn page(
    ctx: PageCtx,
    l: Loaded,
    editing: Editing,
    form: TaskForm,
    errors: FieldErrors,
) -> TaskPage {
    TaskPage {
        years: (l.round.period_start..=l.round.period_end).collect(),
        ctx,
        plan: l.plan,
        round: l.round,
        row: editing.row,
        version: editing.version,
        form,
        errors,
        can_edit: editing.can_edit,
        groups: TASK_GROUPS,
        conflict: editing.conflict,
    }
}

fn refused(mut response: Response) -> Response {
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    response
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct SectionQuery {
    section: String,
}

async fn new_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<SectionQuery>,
) -> Result<Response, AppError> {
    let l = load(&state, &user, id, true).await?;
    let form = [
        ("start_year", l.round.period_start.to_string()),
        ("end_year", l.round.period_end.to_string()),
        ("section", q.section),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    render(&page(
        ctx,
        l,
        Editing {
            row: None,
            version: 0,
            can_edit: true,
            conflict: false,
        },
        form,
        FieldErrors::new(),
    ))
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<TaskForm>,
) -> Result<Response, AppError> {
    let l = load(&state, &user, id, true).await?;
    match parse_task(&form, (l.round.period_start, l.round.period_end)) {
        Ok(task) => {
            let data =
                serde_json::to_string(&task).map_err(|e| AppError::internal(e.to_string()))?;
            state
                .store
                .insert_plan_row(
                    l.plan.id,
                    TABLE,
                    &data,
                    &task.name,
                    &audit_ctx(&state, &user),
                )
                .await?;
            Ok(Redirect::to(&format!(
                "/plans/{id}?section={}&msg=common.saved",
                tasks_node_hint(&form)
            ))
            .into_response())
        }
        Err(errors) => Ok(refused(render(&page(
            ctx,
            l,
            Editing {
                row: None,
                version: 0,
                can_edit: true,
                conflict: false,
            },
            form,
            errors,
        ))?)),
    }
}

/// The section to return to: the one the form came from.
fn tasks_node_hint(form: &TaskForm) -> String {
    let section = form.get("section").cloned().unwrap_or_default();
    if section
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    {
        section
    } else {
        String::new()
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, row)): Path<(i64, i64)>,
    Query(q): Query<SectionQuery>,
) -> Result<Response, AppError> {
    let l = load(&state, &user, id, false).await?;
    let record = state
        .store
        .plan_row(l.plan.id, TABLE, row)
        .await?
        .ok_or(AppError::NotFound)?;
    let task = crate::checks::decode_task(&record)?;
    let can_edit = can(
        &user.actor(),
        Action::EditPlan(l.plan.org_unit_id, l.plan.status),
    );
    let mut form = task_form(&task);
    form.insert("section".into(), q.section);
    render(&page(
        ctx,
        l,
        Editing {
            row: Some(row),
            version: record.version,
            can_edit,
            conflict: false,
        },
        form,
        FieldErrors::new(),
    ))
}

async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, row)): Path<(i64, i64)>,
    Form(form): Form<TaskForm>,
) -> Result<Response, AppError> {
    let l = load(&state, &user, id, true).await?;
    let base: i32 = form
        .get("base_version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let task = match parse_task(&form, (l.round.period_start, l.round.period_end)) {
        Ok(task) => task,
        Err(errors) => {
            return Ok(refused(render(&page(
                ctx,
                l,
                Editing {
                    row: Some(row),
                    version: base,
                    can_edit: true,
                    conflict: false,
                },
                form,
                errors,
            ))?))
        }
    };
    let data = serde_json::to_string(&task).map_err(|e| AppError::internal(e.to_string()))?;
    match state
        .store
        .write_plan_row(
            RowAt {
                plan: l.plan.id,
                table: TABLE,
                row,
            },
            base,
            Some(&data),
            &task.name,
            &audit_ctx(&state, &user),
        )
        .await?
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/plans/{id}?section={}&msg=common.saved",
            tasks_node_hint(&form)
        ))
        .into_response()),
        // Someone changed the row first: what this user typed comes back, with the version now
        // there, so that saving again is a choice made knowingly.
        Err(current) => Ok(refused(render(&page(
            ctx,
            l,
            Editing {
                row: Some(row),
                version: current,
                can_edit: true,
                conflict: true,
            },
            form,
            FieldErrors::new(),
        ))?)),
    }
}

async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, row)): Path<(i64, i64)>,
    Form(form): Form<TaskForm>,
) -> Result<Response, AppError> {
    let l = load(&state, &user, id, true).await?;
    let base: i32 = form
        .get("base_version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    match state
        .store
        .write_plan_row(
            RowAt {
                plan: l.plan.id,
                table: TABLE,
                row,
            },
            base,
            None,
            "",
            &audit_ctx(&state, &user),
        )
        .await?
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/plans/{id}?section={}&msg=common.saved",
            tasks_node_hint(&form)
        ))
        .into_response()),
        Err(_) => Err(AppError::Conflict),
    }
}
