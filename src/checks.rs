//! Every check of a plan in one place: the readiness view, `plan list` and `check --round` all
//! show the same findings.

use crate::db::{DbError, RowRecord, Store};
use crate::domain::findings::{missing_sections, Finding};
use crate::domain::framework::FrameworkNode;
use crate::domain::ids::PlanId;
use crate::domain::round::Round;
use crate::domain::rules::{security_share, SEED_SECURITY_SHARE};
use crate::domain::tasks::{TaskRow, TABLE};

/// A stored tasks row, read. Rows are written only from checked `TaskRow`s, so one that does
/// not read is corrupt data.
pub fn decode_task(record: &RowRecord) -> Result<TaskRow, DbError> {
    serde_json::from_str(&record.data)
        .map_err(|e| DbError::Corrupt(format!("task row {}: {e}", record.plan_row_id)))
}

/// A plan's tasks and projects with their row ids, in the table's order.
pub async fn task_rows(store: &Store, plan: PlanId) -> Result<Vec<(i64, TaskRow)>, DbError> {
    store
        .plan_rows(plan, TABLE)
        .await?
        .iter()
        .map(|r| Ok((r.plan_row_id, decode_task(r)?)))
        .collect()
}

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
        let spends: Vec<_> = task_rows(store, plan)
            .await?
            .iter()
            .map(|(id, task)| task.spend(&id.to_string()))
            .collect();
        findings.extend(security_share(&node.key, &spends, SEED_SECURITY_SHARE));
    }
    Ok(findings)
}
