//! Every check of a plan in one place: the editor, the readiness view, `plan list` and
//! `check --round` all show the same findings.

use crate::db::{DbError, RowRecord, Store};
use crate::domain::catalog::{options_on, CATALOGS};
use crate::domain::findings::{missing_sections, Finding};
use crate::domain::framework::{FrameworkNode, PlanKind};
use crate::domain::ids::PlanId;
use crate::domain::round::{Plan, Round};
use crate::domain::tables::rules::{annual_within_five_year, table_findings, PlanTables};
use crate::domain::tables::{Allowed, Row};

/// The codes each catalog allows in the plans of `round`: the entries in force on its catalog
/// date, and the legal documents by number.
pub async fn catalog_codes(store: &Store, round: &Round) -> Result<Allowed, DbError> {
    let mut allowed = Allowed::new();
    for catalog in CATALOGS {
        let entries = store.catalog(catalog).await?;
        let codes = options_on(&entries, round.catalog_date(), &[])
            .into_iter()
            .map(|e| e.code.clone())
            .collect();
        allowed.insert(catalog.to_string(), codes);
    }
    let legal = store
        .legal_documents("", "")
        .await?
        .into_iter()
        .filter(|d| d.in_force())
        .map(|d| d.number)
        .collect();
    allowed.insert("legal".into(), legal);
    Ok(allowed)
}

/// A stored row, read. Rows are written only once checked, so one that does not read is
/// corrupt data.
pub fn decode_row(record: &RowRecord) -> Result<Row, DbError> {
    serde_json::from_str(&record.data)
        .map_err(|e| DbError::Corrupt(format!("plan row {}: {e}", record.plan_row_id)))
}

/// Stored rows, read, with their ids.
pub fn decode_rows(records: &[RowRecord]) -> Result<Vec<(i64, Row)>, DbError> {
    records
        .iter()
        .map(|r| Ok((r.plan_row_id, decode_row(r)?)))
        .collect()
}

/// One table's rows with their ids, in the table's order.
pub async fn table_rows(
    store: &Store,
    plan: PlanId,
    table: &str,
) -> Result<Vec<(i64, Row)>, DbError> {
    decode_rows(&store.plan_rows(plan, table).await?)
}

/// Every table of a plan.
pub async fn plan_tables(store: &Store, plan: PlanId) -> Result<PlanTables, DbError> {
    let mut tables = PlanTables::new();
    for (code, record) in store.all_plan_rows(plan).await? {
        let row = decode_row(&record)?;
        tables
            .entry(code)
            .or_default()
            .push((record.plan_row_id, row));
    }
    Ok(tables)
}

/// The section of `nodes` that holds `table` in a plan of `kind` (the budget is filled beside
/// the funding).
pub fn table_node(nodes: &[FrameworkNode], kind: PlanKind, table: &str) -> Option<String> {
    let table = if table == "budget" { "funding" } else { table };
    nodes
        .iter()
        .find(|n| n.applies(kind) && n.table.as_deref() == Some(table))
        .map(|n| n.key.clone())
}

/// The findings of one plan of `round`, whose framework outline is `nodes`.
pub async fn plan_findings(
    store: &Store,
    plan: &Plan,
    round: &Round,
    nodes: &[FrameworkNode],
) -> Result<Vec<Finding>, DbError> {
    let sections = store
        .plan_sections(plan.id)
        .await?
        .into_iter()
        .map(|s| (s.node_key.clone(), s))
        .collect();
    let mut findings = missing_sections(nodes, round.kind, &sections);
    let tables = plan_tables(store, plan.id).await?;
    let indicators = store.catalog("indicator").await?;
    findings.extend(table_findings(
        &tables,
        |code| table_node(nodes, round.kind, code),
        &indicators,
    ));
    if round.kind == PlanKind::Annual {
        if let (Some(node), Some(annual)) = (
            table_node(nodes, round.kind, "funding"),
            tables.get("funding"),
        ) {
            if let Some(five_year) = five_year_plan(store, plan, round).await? {
                let allowed = table_rows(store, five_year, "funding").await?;
                findings.extend(annual_within_five_year(&node, annual, &allowed));
            }
        }
    }
    Ok(findings)
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
