//! Every check of a plan in one place: the editor, the readiness view, the submit gate, the
//! round's board, `plan list` and `check --round` all show the same findings.

use super::access::PlanAt;
use crate::db::{DbError, PlanListRow, Store};
use crate::domain::catalog::CatalogEntry;
use crate::domain::content::PlanContent;
use crate::domain::findings::{missing_sections, Finding};
use crate::domain::framework::{table_node, FrameworkNode, PlanKind};
use crate::domain::ids::{PlanId, RowId};
use crate::domain::round::{Plan, Round};
use crate::domain::tables::rules::{annual_within_five_year, table_findings};
use crate::domain::tables::Row;

/// What the checks of a round's plans read besides each plan's own content.
#[derive(Debug, Clone)]
pub struct Checks {
    pub nodes: std::sync::Arc<[FrameworkNode]>,
    pub indicators: Vec<CatalogEntry>,
}

impl Checks {
    pub async fn load(store: &Store, round: &Round) -> Result<Self, DbError> {
        Ok(Self {
            nodes: store.framework_nodes(round.framework_id).await?,
            indicators: store.catalog("indicator").await?,
        })
    }

    /// The findings of a plan's content. `five_year_funding`: for an annual plan, the funding
    /// of its unit's five-year plan, which the annual amounts must stay within. Pure, so that
    /// the submit gate checks exactly the content it keeps.
    pub fn findings(
        &self,
        round: &Round,
        content: &PlanContent,
        five_year_funding: Option<&[(RowId, Row)]>,
    ) -> Vec<Finding> {
        let nodes = &self.nodes;
        let mut findings = missing_sections(nodes, round.kind, &content.sections);
        findings.extend(table_findings(
            &content.tables,
            |code| table_node(nodes, round.kind, code),
            &self.indicators,
        ));
        if let (Some(node), Some(allowed)) =
            (table_node(nodes, round.kind, "funding"), five_year_funding)
        {
            if let Some(annual) = content.tables.get("funding") {
                findings.extend(annual_within_five_year(&node, annual, allowed));
            }
        }
        findings
    }
}

/// For an annual plan, the funding rows of its unit's five-year plan whose period holds the
/// annual round's year; `None` for a five-year plan or where there is none.
pub async fn five_year_funding(
    store: &Store,
    plan: &Plan,
    round: &Round,
) -> Result<Option<Vec<(RowId, Row)>>, DbError> {
    if round.kind != PlanKind::Annual {
        return Ok(None);
    }
    let Some(five_year) = five_year_plan(store, plan, round).await? else {
        return Ok(None);
    };
    let rows = store.plan_rows(five_year, "funding").await?;
    Ok(Some(rows.into_iter().map(|r| (r.id, r.row)).collect()))
}

/// The findings of a plan as it is stored now, and the content they were found in.
pub async fn check_plan(
    store: &Store,
    at: &PlanAt,
    checks: &Checks,
) -> Result<(Vec<Finding>, PlanContent), DbError> {
    let content = store.plan_content(at.plan.id).await?;
    let five_year = five_year_funding(store, &at.plan, &at.round).await?;
    let findings = checks.findings(&at.round, &content, five_year.as_deref());
    Ok((findings, content))
}

/// Every plan of a round with its findings, by unit code.
pub async fn check_round(
    store: &Store,
    round: &Round,
) -> Result<Vec<(PlanListRow, Vec<Finding>)>, DbError> {
    let checks = Checks::load(store, round).await?;
    let mut out = Vec::new();
    for row in store.round_plans(round.id).await? {
        let at = PlanAt {
            plan: row.plan.clone(),
            round: round.clone(),
        };
        let (findings, _) = check_plan(store, &at, &checks).await?;
        out.push((row, findings));
    }
    Ok(out)
}

/// The unit's five-year plan whose period holds the annual round's year.
async fn five_year_plan(
    store: &Store,
    plan: &Plan,
    round: &Round,
) -> Result<Option<PlanId>, DbError> {
    for other in store.unit_plans(plan.org_unit_id).await? {
        if let Some(r) = store.round(other.round_id).await? {
            if r.kind == PlanKind::FiveYear
                && r.period_start <= round.period_start
                && round.period_start <= r.period_end
            {
                return Ok(Some(other.id));
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixture::province;

    #[tokio::test]
    async fn an_empty_plan_lacks_every_required_section_and_a_full_one_none() {
        let p = province().await;
        let at = crate::app::access::readable(&p.store, &p.admin, p.plan)
            .await
            .expect("readable");
        let checks = Checks::load(&p.store, &p.round).await.expect("checks");
        let (empty, _) = check_plan(&p.store, &at, &checks).await.expect("checked");
        assert!(!empty.is_empty() && empty.iter().all(|f| f.code == "SECTION_EMPTY"));
        p.fill(&p.editor, p.plan).await;
        let (full, content) = check_plan(&p.store, &at, &checks).await.expect("checked");
        assert!(full.is_empty(), "{full:?}");
        assert!(!content.sections.is_empty());
        let round = check_round(&p.store, &p.round).await.expect("round");
        assert_eq!(round.len(), 2);
    }
}
