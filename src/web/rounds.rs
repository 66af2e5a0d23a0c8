//! Rounds: the department opens one (a framework, a period, a deadline, the units); each
//! participating unit gets a draft plan. The department follows the round's plans here.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::units::audit_ctx;
use super::{AppError, AppState};
use crate::db::{DbError, PlanListRow, RoundSummary, UnitFilter, UnitListRow};
use crate::domain::authz::{can, Action};
use crate::domain::framework::{Framework, FrameworkStatus, PlanKind};
use crate::domain::ids::RoundId;
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
    plans: Vec<PlanListRow>,
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
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
    let plans = state.store.round_plans(round.id).await?;
    render(&ShowPage {
        ctx,
        round,
        framework,
        plans,
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
    match state
        .store
        .create_round(&input, &audit_ctx(&state, &user))
        .await
    {
        Ok(round) => {
            let carried =
                crate::carry::carry_forward(&state.store, &round, &audit_ctx(&state, &user))
                    .await?;
            tracing::info!(round = %round.code, plans = carried.len(), "round opened, plans carried forward");
            Ok(Redirect::to(&format!("/rounds/{}?msg=rounds.created", round.id)).into_response())
        }
        Err(DbError::Field { field, key }) => {
            let mut errors = FieldErrors::new();
            errors.add(field, key);
            form_page(&state, ctx, form, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
