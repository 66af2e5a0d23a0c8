//! Rounds: the department opens one (a framework, a period, a deadline, the units); each
//! participating unit gets a draft plan. The department follows the round's plans here.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::app::access::PlanAt;
use crate::app::checks::{check_plan, Checks};
use crate::app::rounds::{open_round, set_deadline};
use crate::app::Refusal;
use crate::db::{PlanListRow, RoundSummary, UnitFilter, UnitListRow};
use crate::domain::authz::{can, Action};
use crate::domain::framework::{Framework, FrameworkStatus, PlanKind};
use crate::domain::ids::{PlanId, RoundId};
use crate::domain::org_unit::OrgUnitKind;
use crate::domain::round::{PlanStatus, Round, RoundForm, RoundInput};
use crate::domain::validation::FieldErrors;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;

pub fn routes(r: Routes) -> Routes {
    r.get("/rounds", Access::Department, list)
        .get("/rounds/{id}", Access::Department, show)
        .get("/admin/rounds/new", Access::Admin, new_form)
        .post("/admin/rounds", Access::Admin, create)
        .get(
            "/rounds/{id}/not-submitted/xlsx",
            Access::Department,
            not_submitted,
        )
        .post("/plans/{id}/deadline", Access::Admin, extend)
}

#[derive(Template)]
#[template(path = "rounds/list.html")]
struct ListPage {
    ctx: PageCtx,
    rounds: Vec<RoundSummary>,
    admin: bool,
    statuses: [PlanStatus; 4],
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
) -> Result<Response, AppError> {
    if !can(&user.actor(), Action::ViewRound) {
        return Err(AppError::Forbidden);
    }
    let rounds = state.store.rounds().await?;
    render(&ListPage {
        ctx,
        rounds,
        admin: can(&user.actor(), Action::ManagePlanning),
        statuses: PlanStatus::ALL,
    })
}

#[derive(Template)]
#[template(path = "rounds/show.html")]
struct ShowPage {
    ctx: PageCtx,
    round: Round,
    framework: Framework,
    rows: Vec<BoardRow>,
    /// (status, label key, count) for every status.
    counts: Vec<(&'static str, &'static str, usize)>,
    query: BoardQuery,
    admin: bool,
}

/// One unit on the round's progress board.
pub struct BoardRow {
    pub plan: PlanListRow,
    pub deadline: chrono::NaiveDate,
    /// Days to the deadline (negative: days late), while the agency still has to submit.
    pub days: Option<i64>,
    pub open_comments: i64,
    pub errors: usize,
    pub warnings: usize,
}

impl BoardRow {
    pub fn late(&self) -> bool {
        self.days.is_some_and(|d| d < 0)
    }

    pub fn days_late(&self) -> String {
        self.days.map(|d| (-d).to_string()).unwrap_or_default()
    }

    pub fn days_left(&self) -> String {
        self.days.map(|d| d.to_string()).unwrap_or_default()
    }
}

#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct BoardQuery {
    status: String,
    sort: String,
}

/// The board's rows for a round, each with its figures, filtered and sorted as asked.
pub async fn board_rows(
    state: &AppState,
    round: &Round,
    query: &BoardQuery,
) -> Result<Vec<BoardRow>, AppError> {
    use crate::domain::findings::Severity;
    let today = state.today();
    let deadlines = state.store.plan_deadlines(round.id).await?;
    let comments = state.store.open_comments(round.id).await?;
    let checks = Checks::load(&state.store, round).await?;
    let mut rows = Vec::new();
    for plan in state.store.round_plans(round.id).await? {
        if !query.status.is_empty() && plan.plan.status.code() != query.status {
            continue;
        }
        let at = PlanAt {
            plan: plan.plan.clone(),
            round: round.clone(),
        };
        let (findings, _) = check_plan(&state.store, &at, &checks).await?;
        let deadline = deadlines
            .get(&plan.plan.id)
            .copied()
            .unwrap_or(round.deadline);
        rows.push(BoardRow {
            days: plan.plan.status.days_to_deadline(deadline, today),
            deadline,
            open_comments: comments.get(&plan.plan.id).copied().unwrap_or(0),
            errors: findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count(),
            warnings: findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count(),
            plan,
        });
    }
    match query.sort.as_str() {
        "status" => rows.sort_by_key(|r| (r.plan.plan.status.code(), r.plan.unit_code.clone())),
        "changed" => rows.sort_by_key(|r| std::cmp::Reverse(r.plan.plan.updated_at)),
        "findings" => rows.sort_by_key(|r| std::cmp::Reverse((r.errors, r.warnings))),
        "deadline" => rows.sort_by_key(|r| r.days.unwrap_or(i64::MAX)),
        _ => rows.sort_by(|a, b| a.plan.unit_code.cmp(&b.plan.unit_code)),
    }
    Ok(rows)
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
    axum::extract::Query(query): axum::extract::Query<BoardQuery>,
) -> Result<Response, AppError> {
    if !can(&user.actor(), Action::ViewRound) {
        return Err(AppError::Forbidden);
    }
    let round = state
        .store
        .round(RoundId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let framework = state
        .store
        .framework(round.framework_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = board_rows(&state, &round, &query).await?;
    let all = state.store.round_plans(round.id).await?;
    let counts = crate::domain::round::PlanStatus::ALL
        .iter()
        .map(|st| {
            (
                st.code(),
                st.label_key(),
                all.iter().filter(|p| p.plan.status == *st).count(),
            )
        })
        .collect();
    render(&ShowPage {
        admin: can(&user.actor(), Action::ManagePlanning),
        ctx,
        round,
        framework,
        rows,
        counts,
        query,
    })
}

#[derive(Template)]
#[template(path = "rounds/form.html")]
struct FormPage {
    ctx: PageCtx,
    form: RoundForm,
    errors: FieldErrors,
    frameworks: Vec<Framework>,
    kinds: [PlanKind; 2],
    groups: Vec<(String, &'static str)>,
    units: Vec<UnitListRow>,
}

impl FormPage {
    fn picked(&self, value: &str) -> bool {
        self.form.units.iter().any(|u| u == value)
    }
}

async fn form_page(
    state: &AppState,
    ctx: PageCtx,
    form: RoundForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let failed = !errors.is_empty();
    let frameworks = state
        .store
        .frameworks()
        .await?
        .into_iter()
        .filter(|f| f.status == FrameworkStatus::Published)
        .collect();
    let units = state.store.units(&UnitFilter::default()).await?;
    let groups = OrgUnitKind::ALL
        .into_iter()
        .filter(|k| units.iter().any(|u| u.unit.kind == *k))
        .map(|k| (format!("kind:{}", k.code()), k.label_key()))
        .collect();
    let mut response = render(&FormPage {
        ctx,
        form,
        errors,
        frameworks,
        kinds: PlanKind::ALL,
        groups,
        units,
    })?;
    if failed {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

async fn new_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
) -> Result<Response, AppError> {
    if !can(&user.actor(), Action::ManagePlanning) {
        return Err(AppError::Forbidden);
    }
    let form = RoundForm {
        kind: "five_year".into(),
        ..RoundForm::default()
    };
    form_page(&state, ctx, form, FieldErrors::new()).await
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Form(form): Form<RoundForm>,
) -> Result<Response, AppError> {
    if !can(&user.actor(), Action::ManagePlanning) {
        return Err(AppError::Forbidden);
    }
    let input = match RoundInput::try_from(&form) {
        Ok(input) => input,
        Err(errors) => return form_page(&state, ctx, form, errors).await,
    };
    match open_round(&state.store, &user.who(), &input, state.clock.now()).await {
        Ok((round, _)) => {
            Ok(Redirect::to(&format!("/rounds/{}?msg=rounds.created", round.id)).into_response())
        }
        Err(Refusal::Invalid(errors)) => form_page(&state, ctx, form, errors).await,
        Err(e) => Err(e.into()),
    }
}

/// The units that have not submitted (drafts and returned plans), as a workbook to send round.
async fn not_submitted(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    use crate::domain::sheet::Cell;
    if !can(&user.actor(), Action::ViewRound) {
        return Err(AppError::Forbidden);
    }
    let round = state
        .store
        .round(RoundId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let rows: Vec<BoardRow> = board_rows(&state, &round, &BoardQuery::default())
        .await?
        .into_iter()
        .filter(|r| r.days.is_some())
        .collect();
    let labels = [
        "units.code",
        "units.name",
        "common.status",
        "rounds.deadline",
        "board.days_late",
        "board.errors",
    ];
    let columns = crate::domain::sheet::plain_columns(&labels);
    let headers = labels.iter().map(|k| ctx.t(k).to_string()).collect();
    let lines = rows
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.plan.unit_code.clone()),
                Cell::Text(crate::domain::sheet::neutralize(&r.plan.unit_name)),
                Cell::Text(ctx.t(r.plan.plan.status.label_key()).to_string()),
                Cell::Text(ctx.date(&r.deadline)),
                Cell::Number(r.days.map_or(0.0, |d| (-d).max(0) as f64)),
                Cell::Number(r.errors as f64),
            ]
        })
        .collect();
    let bytes = crate::app::exchange::xlsx_bytes(&[crate::app::exchange::SheetData {
        name: ctx.t("board.not_submitted").to_string(),
        headers,
        columns,
        rows: lines,
    }])
    .map_err(|e| AppError::internal(e.to_string()))?;
    let name = format!("{}_{}.xlsx", round.code, ctx.t("board.not_submitted"));
    Ok(super::download::download(
        &name,
        crate::domain::sheet::Format::Xlsx.content_type(),
        bytes,
    ))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct DeadlineForm {
    deadline: String,
}

/// An administrator moves one unit's deadline (empty: back to the round's).
async fn extend(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<DeadlineForm>,
) -> Result<Response, AppError> {
    if !can(&user.actor(), Action::ManagePlanning) {
        return Err(AppError::Forbidden);
    }
    let plan = state
        .store
        .plan(PlanId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let deadline = match form.deadline.trim() {
        "" => None,
        text => match crate::domain::text::parse_date(text) {
            Some(d) => Some(d),
            None => {
                return Ok(Redirect::to(&format!(
                    "/rounds/{}?msg=board.deadline_invalid",
                    plan.round_id.0
                ))
                .into_response())
            }
        },
    };
    set_deadline(
        &state.store,
        &user.who(),
        plan.id,
        deadline,
        state.clock.now(),
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/rounds/{}?msg=board.deadline_set",
        plan.round_id.0
    ))
    .into_response())
}
