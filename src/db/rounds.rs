//! Rounds and plans: opening a round gives every participating unit a draft plan.

use super::{with_pool, AuditCtx, Backend, BeginWrite, DbError, DbResult, Store};
use crate::domain::framework::{FrameworkStatus, PlanKind};
use crate::domain::ids::{FrameworkId, OrgUnitId, PlanId, RoundId};
use crate::domain::org_unit::OrgUnitKind;
use crate::domain::round::{Plan, PlanStatus, Round, RoundInput};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

const ROUND_COLUMNS: &str = "r.round_id, r.code, r.title, r.framework_id, r.kind, r.period_start, \
    r.period_end, r.evaluation_start, r.evaluation_end, r.cutoff_date, r.deadline";

#[derive(sqlx::FromRow)]
struct RoundRow {
    round_id: i64,
    code: String,
    title: String,
    framework_id: i64,
    kind: String,
    period_start: i32,
    period_end: i32,
    evaluation_start: Option<i32>,
    evaluation_end: Option<i32>,
    cutoff_date: NaiveDate,
    deadline: NaiveDate,
}

impl TryFrom<RoundRow> for Round {
    type Error = DbError;

    fn try_from(r: RoundRow) -> DbResult<Self> {
        Ok(Round {
            id: RoundId(r.round_id),
            kind: PlanKind::from_code(&r.kind)
                .ok_or_else(|| DbError::Corrupt(format!("round kind {}", r.kind)))?,
            code: r.code,
            title: r.title,
            framework_id: FrameworkId(r.framework_id),
            period_start: r.period_start,
            period_end: r.period_end,
            evaluation: r.evaluation_start.zip(r.evaluation_end),
            cutoff_date: r.cutoff_date,
            deadline: r.deadline,
        })
    }
}

#[derive(sqlx::FromRow)]
struct PlanRow {
    plan_id: i64,
    round_id: i64,
    org_unit_id: i64,
    status: String,
    updated_at: DateTime<Utc>,
}

impl TryFrom<PlanRow> for Plan {
    type Error = DbError;

    fn try_from(r: PlanRow) -> DbResult<Self> {
        Ok(Plan {
            id: PlanId(r.plan_id),
            round_id: RoundId(r.round_id),
            org_unit_id: OrgUnitId(r.org_unit_id),
            status: PlanStatus::from_code(&r.status)
                .ok_or_else(|| DbError::Corrupt(format!("plan status {}", r.status)))?,
            updated_at: r.updated_at,
        })
    }
}

/// A round with its framework's code and how many plans are in each state.
#[derive(Debug, Clone)]
pub struct RoundSummary {
    pub round: Round,
    pub framework_code: String,
    pub framework_version: i32,
    pub counts: BTreeMap<&'static str, i64>,
}

impl RoundSummary {
    /// Plans in the status with this code.
    pub fn count(&self, status: &str) -> i64 {
        self.counts.get(status).copied().unwrap_or(0)
    }
}

/// A plan with its unit, for lists.
#[derive(Debug, Clone)]
pub struct PlanListRow {
    pub plan: Plan,
    pub unit_code: String,
    pub unit_name: String,
}

impl Store {
    /// Opens a round on a published framework and gives each participating unit a draft
    /// plan. Units are codes, or `kind:department`-style groups; either way only units in force
    /// on the round's data cut-off date take part (so a round of 2020 has the units of 2020).
    pub async fn create_round(&self, input: &RoundInput, ctx: &AuditCtx) -> DbResult<Round> {
        let framework = self
            .framework_by_code(&input.framework_code)
            .await?
            .ok_or(DbError::field("framework", "err.unknown_framework"))?;
        if framework.status != FrameworkStatus::Published {
            return Err(DbError::field("framework", "err.framework_draft"));
        }
        let mut unit_ids: Vec<i64> = Vec::new();
        for entry in &input.units {
            let ids: Vec<i64> = match entry.strip_prefix("kind:") {
                Some(kind) => {
                    let kind = OrgUnitKind::from_code(kind)
                        .ok_or(DbError::field("units", "err.unknown_unit"))?;
                    with_pool!(self, pool => sqlx::query_scalar(
                        "select org_unit_id from org_unit where kind = $1 and valid_from <= $2 \
                         and (valid_to is null or valid_to >= $2) order by code")
                        .bind(kind.code()).bind(input.cutoff_date).fetch_all(pool).await)?
                }
                None => {
                    let unit = self
                        .unit_by_code(entry)
                        .await?
                        .filter(|u| u.is_open_on(input.cutoff_date));
                    vec![
                        unit.ok_or(DbError::field("units", "err.unit_not_in_force"))?
                            .id
                            .0,
                    ]
                }
            };
            for id in ids {
                if !unit_ids.contains(&id) {
                    unit_ids.push(id);
                }
            }
        }
        if unit_ids.is_empty() {
            return Err(DbError::field("units", "err.choose_units"));
        }
        let id: i64 = with_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "insert into round (code, title, framework_id, kind, period_start, period_end, evaluation_start, \
                 evaluation_end, cutoff_date, deadline, created_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning round_id")
                .bind(&input.code).bind(&input.title).bind(framework.id.0).bind(input.kind.code())
                .bind(input.period_start).bind(input.period_end).bind(input.evaluation.map(|e| e.0))
                .bind(input.evaluation.map(|e| e.1)).bind(input.cutoff_date).bind(input.deadline).bind(ctx.at)
                .fetch_one(&mut *tx).await
                .map_err(|e| super::on_unique(e, "code", "err.round_code_taken"))?;
            for unit in &unit_ids {
                sqlx::query("insert into plan (round_id, org_unit_id, status, created_at, updated_at) values ($1, $2, 'draft', $3, $3)")
                    .bind(id).bind(unit).bind(ctx.at).execute(&mut *tx).await?;
            }
            let event = ctx.event("round.create", "round", id, &input.code, String::new(),
                format!("framework={} v{}; kind={}; period={}-{}; deadline={}; plans={}",
                    framework.code, framework.version, input.kind.code(), input.period_start, input.period_end,
                    input.deadline, unit_ids.len()));
            Store::insert_audit_generic(&mut tx, &event).await?;
            tx.commit().await?;
            id
        });
        self.round(RoundId(id)).await?.ok_or(DbError::NotFound)
    }

    pub async fn round(&self, id: RoundId) -> DbResult<Option<Round>> {
        let sql = format!("select {ROUND_COLUMNS} from round r where r.round_id = $1");
        let row: Option<RoundRow> =
            with_pool!(self, pool => sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await)?;
        row.map(Round::try_from).transpose()
    }

    pub async fn round_by_code(&self, code: &str) -> DbResult<Option<Round>> {
        let sql = format!("select {ROUND_COLUMNS} from round r where r.code = $1");
        let row: Option<RoundRow> = with_pool!(self, pool => sqlx::query_as(&sql)
            .bind(code.trim().to_uppercase()).fetch_optional(pool).await)?;
        row.map(Round::try_from).transpose()
    }

    /// Every round, newest period first, with counts of plans by status.
    pub async fn rounds(&self) -> DbResult<Vec<RoundSummary>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            round: RoundRow,
            framework_code: String,
            framework_version: i32,
        }
        let sql = format!(
            "select {ROUND_COLUMNS}, f.code as framework_code, f.version as framework_version \
             from round r join framework f on f.framework_id = r.framework_id \
             order by r.period_start desc, r.code"
        );
        let rows: Vec<Row> = with_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
        let counts: Vec<(i64, String, i64)> = with_pool!(self, pool => sqlx::query_as(
            "select round_id, status, count(*) from plan group by round_id, status")
            .fetch_all(pool).await)?;
        rows.into_iter()
            .map(|r| {
                let round = Round::try_from(r.round)?;
                let counts = counts
                    .iter()
                    .filter(|(id, _, _)| *id == round.id.0)
                    .filter_map(|(_, s, n)| PlanStatus::from_code(s).map(|s| (s.code(), *n)))
                    .collect();
                Ok(RoundSummary {
                    round,
                    framework_code: r.framework_code,
                    framework_version: r.framework_version,
                    counts,
                })
            })
            .collect()
    }

    /// The plans of a round, by unit code.
    pub async fn round_plans(&self, round: RoundId) -> DbResult<Vec<PlanListRow>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            plan: PlanRow,
            unit_code: String,
            unit_name: String,
        }
        let rows: Vec<Row> = with_pool!(self, pool => sqlx::query_as(
            "select p.plan_id, p.round_id, p.org_unit_id, p.status, p.updated_at, o.code as unit_code, o.name as unit_name \
             from plan p join org_unit o on o.org_unit_id = p.org_unit_id where p.round_id = $1 order by o.code")
            .bind(round.0).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|r| {
                Ok(PlanListRow {
                    plan: r.plan.try_into()?,
                    unit_code: r.unit_code,
                    unit_name: r.unit_name,
                })
            })
            .collect()
    }

    /// The plans of one unit, in every round.
    pub async fn unit_plans(&self, unit: OrgUnitId) -> DbResult<Vec<Plan>> {
        let rows: Vec<PlanRow> = with_pool!(self, pool => sqlx::query_as(
            "select p.plan_id, p.round_id, p.org_unit_id, p.status, p.updated_at from plan p \
             join round r on r.round_id = p.round_id where p.org_unit_id = $1 order by r.period_start desc, r.code")
            .bind(unit.0).fetch_all(pool).await)?;
        rows.into_iter().map(Plan::try_from).collect()
    }

    pub async fn plan(&self, id: PlanId) -> DbResult<Option<Plan>> {
        let row: Option<PlanRow> = with_pool!(self, pool => sqlx::query_as(
            "select plan_id, round_id, org_unit_id, status, updated_at from plan where plan_id = $1")
            .bind(id.0).fetch_optional(pool).await)?;
        row.map(Plan::try_from).transpose()
    }
}

impl Store {
    /// The document facts of a plan and the plan's version.
    pub async fn plan_meta(&self, plan: PlanId) -> DbResult<(crate::domain::round::PlanMeta, i32)> {
        #[derive(sqlx::FromRow)]
        struct Row {
            doc_number: String,
            doc_place: String,
            doc_date: Option<NaiveDate>,
            signer_authority: String,
            signer_title: String,
            signer_name: String,
            recipients: String,
            version: i32,
        }
        let row: Row = with_pool!(self, pool => sqlx::query_as(
            "select doc_number, doc_place, doc_date, signer_authority, signer_title, signer_name, recipients, version \
             from plan where plan_id = $1")
            .bind(plan.0).fetch_optional(pool).await)?
            .ok_or(DbError::NotFound)?;
        Ok((
            crate::domain::round::PlanMeta {
                doc_number: row.doc_number,
                doc_place: row.doc_place,
                doc_date: row.doc_date,
                signer_authority: row.signer_authority,
                signer_title: row.signer_title,
                signer_name: row.signer_name,
                recipients: row.recipients,
            },
            row.version,
        ))
    }

    /// Saves the document facts if the plan is still at `base`; otherwise returns the version
    /// that is there now, and changes nothing.
    pub async fn save_plan_meta(
        &self,
        plan: PlanId,
        base: i32,
        meta: &crate::domain::round::PlanMeta,
        ctx: &AuditCtx,
    ) -> DbResult<Result<i32, i32>> {
        let outcome: Result<i32, i32> = with_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let changed = sqlx::query(
                "update plan set doc_number = $1, doc_place = $2, doc_date = $3, signer_authority = $4, \
                 signer_title = $5, signer_name = $6, recipients = $7, version = version + 1, updated_at = $8 \
                 where plan_id = $9 and version = $10")
                .bind(&meta.doc_number).bind(&meta.doc_place).bind(meta.doc_date).bind(&meta.signer_authority)
                .bind(&meta.signer_title).bind(&meta.signer_name).bind(&meta.recipients).bind(ctx.at)
                .bind(plan.0).bind(base)
                .execute(&mut *tx).await?.rows_affected();
            if changed == 0 {
                let current: Option<i32> = sqlx::query_scalar("select version from plan where plan_id = $1")
                    .bind(plan.0).fetch_optional(&mut *tx).await?;
                tx.rollback().await?;
                Err(current.ok_or(DbError::NotFound)?)
            } else {
                let after = crate::domain::audit::summary(&[
                    ("number", &meta.doc_number), ("place", &meta.doc_place),
                    ("signer", &meta.signer_name), ("title", &meta.signer_title),
                ]);
                let event = ctx.event("plan_meta.save", "plan", plan, "meta", format!("version={base}"), after);
                Store::insert_audit_generic(&mut tx, &event).await?;
                tx.commit().await?;
                Ok(base + 1)
            }
        });
        Ok(outcome)
    }
}
