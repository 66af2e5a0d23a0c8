//! What every page of a plan starts from: the plan and its round, reached through
//! `app::access` (so the reader may read it), with its framework, unit and outline.

use crate::app::access::{outline, readable, PlanAt};
use crate::domain::framework::{Framework, FrameworkNode};
use crate::domain::ids::PlanId;
use crate::domain::org_unit::OrgUnit;
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState};

pub(super) struct Loaded {
    pub at: PlanAt,
    pub framework: Framework,
    pub unit: OrgUnit,
    /// The outline's nodes that apply to the round's kind of plan.
    pub nodes: Vec<FrameworkNode>,
}

pub(super) async fn load(
    state: &AppState,
    user: &CurrentUser,
    id: PlanId,
) -> Result<Loaded, AppError> {
    let at = readable(&state.store, &user.who(), id).await?;
    let framework = state
        .store
        .framework(at.round.framework_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let unit = state
        .store
        .unit(at.plan.org_unit_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let nodes = outline(&state.store, &at.round).await?;
    Ok(Loaded {
        at,
        framework,
        unit,
        nodes,
    })
}
