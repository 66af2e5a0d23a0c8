//! Carry-forward on opening a round: each unit's plan starts from the unit's last approved
//! plan — and, for a unit formed by merging others, from theirs as well.

use super::catalogs::Catalogs;
use crate::db::{AuditCtx, DbError, NewRow, Store};
use crate::domain::ids::OrgUnitId;
use crate::domain::round::{Plan, PlanStatus, Round};
use crate::domain::tables::carry::{carried, CARRIED_TABLES};
use crate::domain::tables::{parse_row, row_form, spec};

/// What one plan received: from which plans, how many rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried {
    pub unit_code: String,
    pub from_rounds: Vec<String>,
    pub rows: usize,
}

/// The unit and every unit whose history passed to it, through any number of mergers.
async fn lineage(store: &Store, unit: OrgUnitId) -> Result<Vec<OrgUnitId>, DbError> {
    let mut out = vec![unit];
    let mut i = 0;
    while i < out.len() {
        for p in store.unit_predecessors(out[i]).await? {
            if !out.contains(&p.id) {
                out.push(p.id);
            }
        }
        i += 1;
    }
    Ok(out)
}

/// Each unit's last approved plan of a round that began before `round`.
async fn sources(
    store: &Store,
    unit: OrgUnitId,
    round: &Round,
) -> Result<Vec<(Plan, Round)>, DbError> {
    let mut out = Vec::new();
    for u in lineage(store, unit).await? {
        let mut best: Option<(Plan, Round)> = None;
        for plan in store.unit_plans(u).await? {
            if plan.status != PlanStatus::Approved || plan.round_id == round.id {
                continue;
            }
            let Some(r) = store.round(plan.round_id).await? else {
                continue;
            };
            if r.period_start >= round.period_start {
                continue;
            }
            if best.as_ref().is_none_or(|(_, b)| {
                (r.period_end, r.period_start) > (b.period_end, b.period_start)
            }) {
                best = Some((plan, r));
            }
        }
        out.extend(best);
    }
    Ok(out)
}

/// Fills the plans of a newly opened `round` from their units' last approved plans. A table the
/// new plan already holds rows in is left alone; a carried row that the new round's rules
/// refuse (a catalog code no longer in force, say) is left out. Part of opening a round, whose
/// use-case checks who may.
pub(super) async fn carry_forward(
    store: &Store,
    round: &Round,
    ctx: &AuditCtx,
) -> Result<Vec<Carried>, DbError> {
    let catalogs = Catalogs::load(store).await?;
    let mut report = Vec::new();
    for target in store.round_plans(round.id).await? {
        let from = sources(store, target.plan.org_unit_id, round).await?;
        if from.is_empty() {
            continue;
        }
        let mut rows = Vec::new();
        let mut tables = Vec::new();
        for table in CARRIED_TABLES {
            let Some(spec) = spec(table) else { continue };
            let context =
                catalogs.row_context(round, spec, &[], crate::domain::clock::vietnam_day(&ctx.at));
            if !store.plan_rows(target.plan.id, table).await?.is_empty() {
                continue;
            }
            tables.push(table);
            for (source, _) in &from {
                for record in store.plan_rows(source.id, table).await? {
                    let Some(next) = carried(table, &record.row, context.period) else {
                        continue;
                    };
                    // Read back through the form, as any row is: what the new round refuses
                    // does not slip in.
                    let form = row_form(spec, &next, context.years());
                    if let Ok(checked) = parse_row(spec, &form, &context) {
                        rows.push(NewRow {
                            table,
                            label: checked.title(spec),
                            row: checked,
                        });
                    }
                }
            }
        }
        if rows.is_empty() {
            continue;
        }
        store
            .replace_plan_rows(target.plan.id, &tables, &rows, "plan_rows.carry", ctx)
            .await?;
        report.push(Carried {
            unit_code: target.unit_code.clone(),
            from_rounds: from.iter().map(|(_, r)| r.code.clone()).collect(),
            rows: rows.len(),
        });
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use crate::app::fixture::province;
    use crate::app::review::{take_step, StepRequest};
    use crate::app::rounds::open_round;
    use crate::domain::review::Step;
    use crate::domain::round::RoundInput;

    #[tokio::test]
    async fn a_new_round_starts_from_the_last_approved_plan() {
        let p = province().await;
        let form = crate::app::fixture::system("Cổng thông tin", "2");
        crate::app::rows::add_row(
            &p.store,
            &p.editor,
            p.plan,
            "information_systems",
            &form,
            p.now,
        )
        .await
        .expect("row");
        p.fill(&p.editor, p.plan).await;
        for (who, step) in [(&p.leader, Step::Submit), (&p.reviewer, Step::Approve)] {
            let request = StepRequest {
                step,
                message: "",
                only_commented: false,
            };
            take_step(&p.store, who, p.plan, request, p.now)
                .await
                .expect("step");
        }
        let input = RoundInput {
            code: "KH-2031-2035".into(),
            period_start: 2031,
            period_end: 2035,
            ..p.round_input()
        };
        let (round, carried) = open_round(&p.store, &p.admin, &input, p.now)
            .await
            .expect("opened");
        assert_eq!(carried.len(), 1);
        assert_eq!(carried[0].unit_code, "SYT");
        let plans = p.store.round_plans(round.id).await.expect("plans");
        let syt = plans.iter().find(|r| r.unit_code == "SYT").expect("plan");
        let rows = p
            .store
            .plan_rows(syt.plan.id, "information_systems")
            .await
            .expect("rows");
        assert_eq!(rows.len(), 1);
    }
}
