//! The steps plans take and the revisions they keep.

use super::{with_pool, AuditCtx, Backend, BeginWrite, DbError, DbResult, Store};
use crate::domain::ids::{OrgUnitId, PlanId};
use crate::domain::review::Step;
use crate::domain::round::PlanStatus;
use chrono::{DateTime, Utc};

/// One step a plan took.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StepRecord {
    pub step: String,
    pub from_status: String,
    pub to_status: String,
    pub message: String,
    pub revision_number: Option<i32>,
    pub at: DateTime<Utc>,
    pub by_name: String,
}

/// A revision without its snapshot, for lists.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RevisionSummary {
    pub number: i32,
    pub step: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub created_by_name: String,
}

/// What a step changes: the plan's status, from what it must still be, a revision to keep.
pub struct StepChange<'a> {
    pub step: Step,
    pub from: PlanStatus,
    pub to: PlanStatus,
    pub message: &'a str,
    /// The snapshot to keep as a new revision (submission and approval).
    pub snapshot: Option<&'a str>,
}

impl Store {
    /// Takes a step if the plan is still in `from`; otherwise gives the status it is in now.
    /// The status, the revision, the step and the audit event are written together.
    pub async fn take_step(
        &self,
        plan: PlanId,
        change: &StepChange<'_>,
        ctx: &AuditCtx,
    ) -> DbResult<Result<Option<i32>, PlanStatus>> {
        let outcome: Result<Option<i32>, String> = with_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let moved = sqlx::query("update plan set status = $1, updated_at = $2 where plan_id = $3 and status = $4")
                .bind(change.to.code()).bind(ctx.at).bind(plan.0).bind(change.from.code())
                .execute(&mut *tx).await?.rows_affected();
            if moved == 0 {
                let now: Option<String> = sqlx::query_scalar("select status from plan where plan_id = $1")
                    .bind(plan.0).fetch_optional(&mut *tx).await?;
                tx.rollback().await?;
                Err(now.ok_or(DbError::NotFound)?)
            } else {
                let revision = match change.snapshot {
                    Some(snapshot) => {
                        let number: i32 = sqlx::query_scalar(
                            "select coalesce(max(number), 0) + 1 from plan_revision where plan_id = $1")
                            .bind(plan.0).fetch_one(&mut *tx).await?;
                        sqlx::query(
                            "insert into plan_revision (plan_id, number, step, status, snapshot, created_at, created_by, created_by_name) \
                             values ($1, $2, $3, $4, $5, $6, $7, $8)")
                            .bind(plan.0).bind(number).bind(change.step.code()).bind(change.to.code()).bind(snapshot)
                            .bind(ctx.at).bind(ctx.actor_user_id.map(|u| u.0)).bind(&ctx.actor_name)
                            .execute(&mut *tx).await?;
                        Some(number)
                    }
                    None => None,
                };
                sqlx::query(
                    "insert into plan_step (plan_id, step, from_status, to_status, message, revision_number, at, by_user, by_name) \
                     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                    .bind(plan.0).bind(change.step.code()).bind(change.from.code()).bind(change.to.code())
                    .bind(change.message).bind(revision).bind(ctx.at).bind(ctx.actor_user_id.map(|u| u.0))
                    .bind(&ctx.actor_name).execute(&mut *tx).await?;
                let event = ctx.event(step_action(change.step), "plan", plan, format!("{} → {}", change.from.code(), change.to.code()),
                    change.from.code().to_string(), format!("{}{}", change.to.code(),
                        revision.map(|r| format!("; revision {r}")).unwrap_or_default()));
                Store::insert_audit(&mut tx, &event).await?;
                tx.commit().await?;
                Ok(revision)
            }
        });
        Ok(outcome.map_err(|code| PlanStatus::from_code(&code).unwrap_or(PlanStatus::Draft)))
    }

    /// The steps a plan took, oldest first.
    pub async fn plan_steps(&self, plan: PlanId) -> DbResult<Vec<StepRecord>> {
        let rows: Vec<StepRecord> = with_pool!(self, pool => sqlx::query_as(
            "select step, from_status, to_status, message, revision_number, at, by_name from plan_step \
             where plan_id = $1 order by plan_step_id")
            .bind(plan.0).fetch_all(pool).await)?;
        Ok(rows)
    }

    pub async fn plan_revisions(&self, plan: PlanId) -> DbResult<Vec<RevisionSummary>> {
        let rows: Vec<RevisionSummary> = with_pool!(self, pool => sqlx::query_as(
            "select number, step, status, created_at, created_by_name from plan_revision \
             where plan_id = $1 order by number")
            .bind(plan.0).fetch_all(pool).await)?;
        Ok(rows)
    }

    /// A revision's snapshot (JSON).
    pub async fn plan_revision(&self, plan: PlanId, number: i32) -> DbResult<Option<String>> {
        let snapshot: Option<String> = with_pool!(self, pool => sqlx::query_scalar(
            "select snapshot from plan_revision where plan_id = $1 and number = $2")
            .bind(plan.0).bind(number).fetch_optional(pool).await)?;
        Ok(snapshot)
    }

    /// Whether a unit has an active leader (without one, its editors submit).
    pub async fn unit_has_leader(&self, unit: OrgUnitId) -> DbResult<bool> {
        let n: i64 = with_pool!(self, pool => sqlx::query_scalar(
            "select count(*) from app_user where org_unit_id = $1 and role = 'leader' and not disabled")
            .bind(unit.0).fetch_one(pool).await)?;
        Ok(n > 0)
    }
}

fn step_action(step: Step) -> &'static str {
    match step {
        Step::Submit => "plan_step.submit",
        Step::Return => "plan_step.return",
        Step::Approve => "plan_step.approve",
        Step::Reopen => "plan_step.reopen",
    }
}
