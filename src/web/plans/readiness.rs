//! What is missing or wrong before the plan can be submitted, each a link to its place: the
//! same findings as the submit gate's.

use super::load::load;
use crate::app::checks::{check_plan, Checks};
use crate::domain::findings::Finding;
use crate::domain::framework::FrameworkNode;
use crate::domain::ids::PlanId;
use crate::domain::org_unit::OrgUnit;
use crate::domain::round::{Plan, Round};
use crate::web::page::{render, PageCtx};
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

/// A finding with the node it points at, for the readiness list.
pub struct FindingRow {
    pub finding: Finding,
    pub node: FrameworkNode,
}

#[derive(Template)]
#[template(path = "plans/readiness.html")]
struct ReadinessPage {
    ctx: PageCtx,
    plan: Plan,
    round: Round,
    unit: OrgUnit,
    rows: Vec<FindingRow>,
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = load(&state, &user, PlanId(id)).await?;
    let checks = Checks {
        nodes: loaded.nodes.into(),
        indicators: state.store.catalog("indicator").await?,
    };
    let (findings, _) = check_plan(&state.store, &loaded.at, &checks).await?;
    let rows = findings
        .into_iter()
        .filter_map(|finding| {
            let node = checks
                .nodes
                .iter()
                .find(|n| n.key == finding.node_key)?
                .clone();
            Some(FindingRow { finding, node })
        })
        .collect();
    render(&ReadinessPage {
        ctx,
        plan: loaded.at.plan,
        round: loaded.at.round,
        unit: loaded.unit,
        rows,
    })
}
