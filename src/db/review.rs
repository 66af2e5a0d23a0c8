//! The steps plans take and the revisions they keep.

use super::{with_pool, AuditCtx, Backend, BeginWrite, DbError, DbResult, Store};
use crate::domain::ids::{OrgUnitId, PlanId};
use crate::domain::notification::NoticeKind;
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

/// A reviewer's comment, anchored to a section and perhaps a table's row.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Comment {
    pub review_comment_id: i64,
    pub node_key: String,
    pub table_code: Option<String>,
    pub row_id: Option<i64>,
    pub body: String,
    pub resolved: bool,
    pub created_at: DateTime<Utc>,
    pub created_by_name: String,
    pub resolved_by_name: Option<String>,
}

/// Where a new comment goes.
pub struct CommentAt<'a> {
    pub plan: PlanId,
    pub node_key: &'a str,
    /// A table's row, by table code and row id.
    pub row: Option<(&'a str, i64)>,
}

/// What a step changes: the plan's status, from what it must still be, a revision to keep.
pub struct StepChange<'a> {
    pub step: Step,
    pub from: PlanStatus,
    pub to: PlanStatus,
    pub message: &'a str,
    /// The snapshot to keep as a new revision (submission and approval).
    pub snapshot: Option<&'a str>,
    /// After a return that reopens only some sections: their keys; empty for the whole plan.
    pub open_sections: &'a [String],
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
            let moved = sqlx::query(
                "update plan set status = $1, updated_at = $2, open_sections = $3 where plan_id = $4 and status = $5")
                .bind(change.to.code()).bind(ctx.at).bind(change.open_sections.join("\n")).bind(plan.0).bind(change.from.code())
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
                Store::insert_audit_generic(&mut tx, &event).await?;
                Store::insert_notices(&mut tx, NoticeKind::of_step(change.step), plan, change.message, ctx).await?;
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

    pub async fn add_comment(
        &self,
        at: &CommentAt<'_>,
        body: &str,
        ctx: &AuditCtx,
    ) -> DbResult<i64> {
        let id: i64 = with_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "insert into review_comment (plan_id, node_key, table_code, row_id, body, created_at, created_by, created_by_name) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8) returning review_comment_id")
                .bind(at.plan.0).bind(at.node_key).bind(at.row.map(|(t, _)| t)).bind(at.row.map(|(_, r)| r))
                .bind(body).bind(ctx.at).bind(ctx.actor_user_id.map(|u| u.0)).bind(&ctx.actor_name)
                .fetch_one(&mut *tx).await?;
            let event = ctx.event("review_comment.create", "plan", at.plan, at.node_key.to_string(), String::new(), body.to_string());
            Store::insert_audit_generic(&mut tx, &event).await?;
            Store::insert_notices(&mut tx, NoticeKind::Comment, at.plan, body, ctx).await?;
            tx.commit().await?;
            id
        });
        Ok(id)
    }

    /// A plan's comments, oldest first.
    pub async fn plan_comments(&self, plan: PlanId) -> DbResult<Vec<Comment>> {
        let rows: Vec<Comment> = with_pool!(self, pool => sqlx::query_as(
            "select review_comment_id, node_key, table_code, row_id, body, resolved, created_at, created_by_name, \
             resolved_by_name from review_comment where plan_id = $1 order by review_comment_id")
            .bind(plan.0).fetch_all(pool).await)?;
        Ok(rows)
    }

    /// Marks a comment of the plan resolved.
    pub async fn resolve_comment(&self, plan: PlanId, id: i64, ctx: &AuditCtx) -> DbResult<()> {
        with_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "update review_comment set resolved = true, resolved_at = $1, resolved_by_name = $2 \
                 where review_comment_id = $3 and plan_id = $4 and not resolved")
                .bind(ctx.at).bind(&ctx.actor_name).bind(id).bind(plan.0).execute(&mut *tx).await?.rows_affected();
            if done == 0 {
                tx.rollback().await?;
                return Err(DbError::NotFound);
            }
            let event = ctx.event("review_comment.resolve", "plan", plan, id.to_string(), String::new(), String::new());
            Store::insert_audit_generic(&mut tx, &event).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The deadlines extended for single plans of a round, by plan.
    pub async fn plan_deadlines(
        &self,
        round: crate::domain::ids::RoundId,
    ) -> DbResult<std::collections::HashMap<PlanId, chrono::NaiveDate>> {
        let rows: Vec<(i64, chrono::NaiveDate)> = with_pool!(self, pool => sqlx::query_as(
            "select plan_id, deadline from plan where round_id = $1 and deadline is not null")
            .bind(round.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(|(p, d)| (PlanId(p), d)).collect())
    }

    /// The deadline of one plan, where it differs from its round's.
    pub async fn plan_deadline(&self, plan: PlanId) -> DbResult<Option<chrono::NaiveDate>> {
        let deadline: Option<Option<chrono::NaiveDate>> = with_pool!(self, pool => sqlx::query_scalar(
            "select deadline from plan where plan_id = $1").bind(plan.0).fetch_optional(pool).await)?;
        Ok(deadline.flatten())
    }

    /// Extends (or shortens) the deadline of one plan; `None` returns it to the round's.
    pub async fn set_plan_deadline(
        &self,
        plan: PlanId,
        deadline: Option<chrono::NaiveDate>,
        ctx: &AuditCtx,
    ) -> DbResult<()> {
        with_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let before: Option<Option<chrono::NaiveDate>> = sqlx::query_scalar("select deadline from plan where plan_id = $1")
                .bind(plan.0).fetch_optional(&mut *tx).await?;
            let before = before.ok_or(DbError::NotFound)?;
            sqlx::query("update plan set deadline = $1 where plan_id = $2").bind(deadline).bind(plan.0).execute(&mut *tx).await?;
            let show = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            let event = ctx.event("plan_deadline.set", "plan", plan, plan.0.to_string(), show(before), show(deadline));
            Store::insert_audit_generic(&mut tx, &event).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The open comments of each plan of a round.
    pub async fn open_comments(
        &self,
        round: crate::domain::ids::RoundId,
    ) -> DbResult<std::collections::HashMap<PlanId, i64>> {
        let rows: Vec<(i64, i64)> = with_pool!(self, pool => sqlx::query_as(
            "select c.plan_id, count(*) from review_comment c join plan p on p.plan_id = c.plan_id \
             where p.round_id = $1 and not c.resolved group by c.plan_id")
            .bind(round.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(|(p, n)| (PlanId(p), n)).collect())
    }

    /// The sections a partial return reopened; empty when the whole plan is open.
    pub async fn open_sections(&self, plan: PlanId) -> DbResult<Vec<String>> {
        let text: Option<String> = with_pool!(self, pool => sqlx::query_scalar(
            "select open_sections from plan where plan_id = $1").bind(plan.0).fetch_optional(pool).await)?;
        Ok(text
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect())
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
