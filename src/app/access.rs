//! The way to a plan: every use-case reaches a plan here, with the reader's right to read it,
//! or the writer's right to change the part it touches now.

use super::{Refusal, Who};
use crate::db::Store;
use crate::domain::authz::{can, Action};
use crate::domain::framework::{table_node, FrameworkNode};
use crate::domain::ids::PlanId;
use crate::domain::round::{Plan, Round};
use crate::domain::user::Role;

/// A plan with its round, reached through authorization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanAt {
    pub plan: Plan,
    pub round: Round,
}

/// What a write touches, for a plan returned with only some sections reopened.
#[derive(Debug, Clone, Copy)]
pub enum Touches<'a> {
    Section(&'a str),
    /// The sections holding these tables.
    Tables(&'a [&'a str]),
    /// The plan as a whole (its document details).
    Whole,
}

async fn plan_at(store: &Store, id: PlanId) -> Result<PlanAt, Refusal> {
    let (plan, round) = store.plan_in_round(id).await?.ok_or(Refusal::NotFound)?;
    Ok(PlanAt { plan, round })
}

/// A plan `who` may read.
pub async fn readable(store: &Store, who: &Who, id: PlanId) -> Result<PlanAt, Refusal> {
    let at = plan_at(store, id).await?;
    if !can(&who.actor, Action::ViewPlan(at.plan.org_unit_id)) {
        return Err(Refusal::Forbidden);
    }
    Ok(at)
}

/// A plan whose part `touches` `who` may change now: the plan's own agency, while the plan is
/// a draft or returned, and after a partial return only in the sections it reopened.
pub async fn writable(
    store: &Store,
    who: &Who,
    id: PlanId,
    touches: Touches<'_>,
) -> Result<PlanAt, Refusal> {
    let at = plan_at(store, id).await?;
    let plan = &at.plan;
    if !can(&who.actor, Action::EditPlan(plan.org_unit_id, plan.status)) {
        let agency = matches!(who.actor.role, Role::Editor | Role::Leader)
            && who.actor.org_unit_id == plan.org_unit_id;
        return Err(if agency {
            Refusal::Locked
        } else {
            Refusal::Forbidden
        });
    }
    let open = &plan.open_sections;
    if open.is_empty() {
        return Ok(at);
    }
    let allowed = match touches {
        Touches::Section(key) => open.iter().any(|o| o == key),
        Touches::Tables(tables) => {
            let nodes = store.framework_nodes(at.round.framework_id).await?;
            tables
                .iter()
                .all(|t| table_node(&nodes, at.round.kind, t).is_some_and(|n| open.contains(&n)))
        }
        Touches::Whole => false,
    };
    if allowed {
        Ok(at)
    } else {
        Err(Refusal::Locked)
    }
}

/// Whether `who` may change the plan's section `key` now (for showing the editor, not for
/// writing: writes go through `writable`).
pub fn may_write_section(who: &Who, plan: &Plan, key: Option<&str>) -> bool {
    let open = &plan.open_sections;
    can(&who.actor, Action::EditPlan(plan.org_unit_id, plan.status))
        && (open.is_empty() || key.is_some_and(|k| open.iter().any(|o| o == k)))
}

/// The plan's framework outline, only the nodes that apply to its round's kind of plan.
pub async fn outline(store: &Store, round: &Round) -> Result<Vec<FrameworkNode>, Refusal> {
    Ok(store
        .framework_nodes(round.framework_id)
        .await?
        .iter()
        .filter(|n| n.applies(round.kind))
        .cloned()
        .collect())
}

/// A plan named `ROUND/UNIT` (codes in any case), for the command line, which is run by
/// whoever holds the database and reads every plan.
pub async fn by_path(store: &Store, path: &str) -> Result<Result<PlanAt, PathError>, Refusal> {
    let Some((round_code, unit_code)) = path.split_once('/') else {
        return Ok(Err(PathError::Shape));
    };
    let Some(round) = store.round_by_code(round_code).await? else {
        return Ok(Err(PathError::NoRound(round_code.trim().to_string())));
    };
    let unit_code = unit_code.trim();
    let plan = store
        .round_plans(round.id)
        .await?
        .into_iter()
        .find(|p| p.unit_code.eq_ignore_ascii_case(unit_code));
    Ok(match plan {
        Some(p) => Ok(PlanAt {
            plan: p.plan,
            round,
        }),
        None => Err(PathError::NoPlan(round.code, unit_code.to_string())),
    })
}

/// Why `ROUND/UNIT` names no plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// Not of the form `ROUND/UNIT`.
    Shape,
    NoRound(String),
    /// The round has no plan of that unit.
    NoPlan(String, String),
}
