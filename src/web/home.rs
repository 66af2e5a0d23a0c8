//! Each role's home page, and the health check.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::db::{RoundSummary, UnitFilter};
use crate::domain::audit::{AuditEvent, AuditFilter};
use crate::domain::org_unit::{OrgUnit, OrgUnitKind};
use crate::domain::round::{Plan, Round};
use crate::domain::user::Role;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub fn routes(r: Routes) -> Routes {
    r.get("/healthz", Access::Public, healthz)
        .get("/", Access::SignedIn, home)
}

/// How long the health check waits for the database: shorter than a load balancer's probe,
/// and far shorter than the pool's own wait for a connection.
const HEALTH_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// 200 when the database answers, 503 when it does not answer within `HEALTH_WAIT`.
async fn healthz(State(state): State<AppState>) -> Response {
    let answered = match tokio::time::timeout(HEALTH_WAIT, state.store.ping()).await {
        Ok(pinged) => pinged.map_err(|e| e.to_string()),
        Err(_) => Err(format!("no answer within {} s", HEALTH_WAIT.as_secs())),
    };
    match answered {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(why) => {
            tracing::error!(error = %why, "health check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: PageCtx,
    title_key: &'static str,
    role: Role,
    unit: Option<OrgUnit>,
    open_units: usize,
    closed_units: usize,
    by_kind: Vec<(&'static str, usize)>,
    active_users: i64,
    recent: Vec<AuditEvent>,
    /// The unit's plans with their rounds (agency roles).
    plans: Vec<(Round, Plan)>,
    /// Every round (department roles).
    rounds: Vec<RoundSummary>,
}

async fn home(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let role = user.user.role;
    let title_key = match role {
        Role::Admin => "home.admin",
        Role::Reviewer => "home.reviewer",
        Role::Editor => "home.editor",
        Role::Leader => "home.leader",
        Role::Viewer => "home.viewer",
    };
    let unit = state.store.unit(user.user.org_unit_id).await?;
    let mut page = HomePage {
        ctx,
        title_key,
        role,
        unit,
        open_units: 0,
        closed_units: 0,
        by_kind: Vec::new(),
        active_users: 0,
        recent: Vec::new(),
        plans: Vec::new(),
        rounds: Vec::new(),
    };
    // The province picture: department roles see every unit; agency roles only their own.
    if matches!(role, Role::Admin | Role::Reviewer | Role::Viewer) {
        let all = state
            .store
            .units(&UnitFilter {
                include_closed: true,
                ..UnitFilter::default()
            })
            .await?;
        page.open_units = all.iter().filter(|u| !u.unit.is_closed()).count();
        page.closed_units = all.len() - page.open_units;
        page.by_kind = OrgUnitKind::ALL
            .into_iter()
            .map(|k| {
                let n = all
                    .iter()
                    .filter(|u| u.unit.kind == k && !u.unit.is_closed())
                    .count();
                (k.label_key(), n)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
    }
    if matches!(role, Role::Editor | Role::Leader) {
        for plan in state.store.unit_plans(user.user.org_unit_id).await? {
            if let Some(round) = state.store.round(plan.round_id).await? {
                page.plans.push((round, plan));
            }
        }
    } else {
        page.rounds = state.store.rounds().await?;
    }
    if role == Role::Admin {
        page.active_users = state
            .store
            .user_counts()
            .await?
            .iter()
            .map(|(_, n)| n)
            .sum();
        page.recent = state
            .store
            .audit_events(&AuditFilter {
                limit: 8,
                ..AuditFilter::default()
            })
            .await?
            .0;
    }
    render(&page)
}
