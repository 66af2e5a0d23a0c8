//! Every check of a plan in one place: the readiness view, `plan list` and `check --round` all
//! show the same findings.

use crate::db::{DbError, Store};
use crate::domain::findings::{missing_sections, Finding};
use crate::domain::framework::FrameworkNode;
use crate::domain::ids::PlanId;
use crate::domain::round::Round;
use crate::domain::rules::{security_share, SEED_SECURITY_SHARE};
use crate::domain::tasks::{TaskRow, TABLE};

/// The findings of one plan of `round`, whose framework outline is `nodes`.
pub async fn plan_findings(
    store: &Store,
    plan: PlanId,
    round: &Round,
    nodes: &[FrameworkNode],
) -> Result<Vec<Finding>, DbError> {
    let sections = store
        .plan_sections(plan)
        .await?
        .into_iter()
        .map(|s| (s.node_key.clone(), s))
        .collect();
    let mut findings = missing_sections(nodes, round.kind, &sections);
    // The money rules run over the tasks table, pointing at the section that holds it.
    if let Some(node) = nodes
        .iter()
        .find(|n| n.applies(round.kind) && n.table.as_deref() == Some(TABLE))
    {
        let spends = store
            .plan_rows(plan, TABLE)
            .await?
            .into_iter()
            .map(|r| {
                let task: TaskRow = serde_json::from_str(&r.data)
                    .map_err(|e| DbError::Corrupt(format!("task row {}: {e}", r.plan_row_id)))?;
                Ok(task.spend(&r.plan_row_id.to_string()))
            })
            .collect::<Result<Vec<_>, DbError>>()?;
        findings.extend(security_share(&node.key, &spends, SEED_SECURITY_SHARE));
    }
    Ok(findings)
}
