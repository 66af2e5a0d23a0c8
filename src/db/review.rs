//! The steps plans take and the revisions they keep.

use super::open::touch_plan_under_review;
use super::plans::read_content;
use super::sql::{sql, Tx};
use super::{AuditCtx, DbError, DbResult, Store};
use crate::domain::content::PlanContent;
use crate::domain::ids::{CommentId, PlanId, RoundId, RowId};
use crate::domain::notification::NoticeKind;
use crate::domain::review::Step;
use crate::domain::round::PlanStatus;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: CommentId,
    pub node_key: String,
    pub table_code: Option<String>,
    pub row_id: Option<RowId>,
    pub body: String,
    pub resolved: bool,
    pub created_at: DateTime<Utc>,
    pub created_by_name: String,
    pub resolved_by_name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    review_comment_id: i64,
    node_key: String,
    table_code: Option<String>,
    row_id: Option<i64>,
    body: String,
    resolved: bool,
    created_at: DateTime<Utc>,
    created_by_name: String,
    resolved_by_name: Option<String>,
}

impl From<CommentRow> for Comment {
    fn from(r: CommentRow) -> Self {
        Comment {
            id: CommentId(r.review_comment_id),
            node_key: r.node_key,
            table_code: r.table_code,
            row_id: r.row_id.map(RowId),
            body: r.body,
            resolved: r.resolved,
            created_at: r.created_at,
            created_by_name: r.created_by_name,
            resolved_by_name: r.resolved_by_name,
        }
    }
}

/// Where a new comment goes.
pub struct CommentAt<'a> {
    pub plan: PlanId,
    pub node_key: &'a str,
    /// A table's row, by table code and row id.
    pub row: Option<(&'a str, RowId)>,
}

/// What a step changes: the plan's status, from what it must still be.
pub struct StepChange<'a> {
    pub step: Step,
    pub from: PlanStatus,
    pub to: PlanStatus,
    pub message: &'a str,
    /// After a return that reopens only some sections: their keys; empty for the whole plan.
    pub open_sections: &'a [String],
}

/// Why a step did not happen.
#[derive(Debug)]
pub enum StepRefused<E> {
    /// Someone took another step first: the plan is in this status now.
    Moved(PlanStatus),
    /// The plan's content, as the step read it, does not allow the step.
    Refused(E),
}

impl Store {
    /// Takes a step if the plan is still in `from`. The status, the revision, the step, the
    /// audit event and the notifications are written together. A step that keeps a revision
    /// (submission, approval) reads the plan's content inside its own transaction, after it
    /// has taken the plan, and hands it to `revision`, which checks it and gives the snapshot
    /// to keep: what was checked is exactly what is kept, and no change lands in between.
    pub async fn take_step<E>(
        &self,
        plan: PlanId,
        change: &StepChange<'_>,
        ctx: &AuditCtx,
        revision: impl FnOnce(&PlanContent) -> Result<String, E>,
    ) -> DbResult<Result<Option<i32>, StepRefused<E>>> {
        let mut tx = self.begin_write().await?;
        let moved = sql(
            "update plan set status = $1, updated_at = $2, open_sections = $3 \
             where plan_id = $4 and status = $5",
        )
        .bind(change.to.code())
        .bind(ctx.at)
        .bind(change.open_sections.join("\n"))
        .bind(plan)
        .bind(change.from.code())
        .execute(&mut tx)
        .await?;
        if moved == 0 {
            let now: String = sql("select status from plan where plan_id = $1")
                .bind(plan)
                .scalar_optional(&mut tx)
                .await?
                .ok_or(DbError::NotFound)?;
            let now = PlanStatus::from_code(&now)
                .ok_or_else(|| DbError::Corrupt(format!("plan status {now}")))?;
            return Ok(Err(StepRefused::Moved(now)));
        }
        let snapshot = if change.step.keeps_revision() {
            let content = read_content(&mut tx, plan).await?;
            match revision(&content) {
                Ok(snapshot) => Some(snapshot),
                Err(e) => return Ok(Err(StepRefused::Refused(e))),
            }
        } else {
            None
        };
        let number = match &snapshot {
            Some(snapshot) => Some(insert_revision(&mut tx, plan, change, snapshot, ctx).await?),
            None => None,
        };
        insert_step(&mut tx, plan, change, number, ctx).await?;
        let event = ctx.event(
            step_action(change.step),
            "plan",
            plan,
            format!("{} → {}", change.from.code(), change.to.code()),
            change.from.code().to_string(),
            format!(
                "{}{}",
                change.to.code(),
                number
                    .map(|r| format!("; revision {r}"))
                    .unwrap_or_default()
            ),
        );
        Store::insert_audit(&mut tx, &event).await?;
        let kind = NoticeKind::of_step(change.step);
        Store::insert_notices(&mut tx, kind, plan, change.message, ctx).await?;
        tx.commit().await?;
        Ok(Ok(number))
    }

    /// The steps a plan took, oldest first.
    pub async fn plan_steps(&self, plan: PlanId) -> DbResult<Vec<StepRecord>> {
        let rows = sql(
            "select step, from_status, to_status, message, revision_number, at, \
             by_name from plan_step where plan_id = $1 order by plan_step_id",
        )
        .bind(plan)
        .fetch_all(self)
        .await?;
        Ok(rows)
    }

    pub async fn plan_revisions(&self, plan: PlanId) -> DbResult<Vec<RevisionSummary>> {
        let rows = sql("select number, step, status, created_at, created_by_name \
             from plan_revision where plan_id = $1 order by number")
        .bind(plan)
        .fetch_all(self)
        .await?;
        Ok(rows)
    }

    /// A revision's snapshot (JSON).
    pub async fn plan_revision(&self, plan: PlanId, number: i32) -> DbResult<Option<String>> {
        let snapshot = sql("select snapshot from plan_revision where plan_id = $1 and number = $2")
            .bind(plan)
            .bind(number)
            .scalar_optional(self)
            .await?;
        Ok(snapshot)
    }

    pub async fn add_comment(
        &self,
        at: &CommentAt<'_>,
        body: &str,
        ctx: &AuditCtx,
    ) -> DbResult<CommentId> {
        let mut tx = self.begin_write().await?;
        touch_plan_under_review(&mut tx, at.plan).await?;
        let id: i64 = sql(&format!(
            "insert into review_comment (plan_id, node_key, table_code, row_id, \
                 body, created_at, created_by, created_by_name) \
                 values ($1, $2, $3, $4, $5, $6, $7, {}) returning review_comment_id",
            person(7, 8)
        ))
        .bind(at.plan)
        .bind(at.node_key)
        .bind(at.row.map(|(t, _)| t))
        .bind(at.row.map(|(_, r)| r))
        .bind(body)
        .bind(ctx.at)
        .bind(ctx.actor_user_id)
        .bind(&ctx.actor_name)
        .scalar(&mut tx)
        .await?;
        let event = ctx.event(
            "review_comment.create",
            "plan",
            at.plan,
            at.node_key,
            String::new(),
            body.to_string(),
        );
        Store::insert_audit(&mut tx, &event).await?;
        Store::insert_notices(&mut tx, NoticeKind::Comment, at.plan, body, ctx).await?;
        tx.commit().await?;
        Ok(CommentId(id))
    }

    /// A plan's comments, oldest first.
    pub async fn plan_comments(&self, plan: PlanId) -> DbResult<Vec<Comment>> {
        let rows: Vec<CommentRow> = sql("select review_comment_id, node_key, table_code, \
             row_id, body, resolved, created_at, created_by_name, resolved_by_name \
             from review_comment where plan_id = $1 order by review_comment_id")
        .bind(plan)
        .fetch_all(self)
        .await?;
        Ok(rows.into_iter().map(Comment::from).collect())
    }

    /// Marks a comment of the plan resolved.
    pub async fn resolve_comment(
        &self,
        plan: PlanId,
        id: CommentId,
        ctx: &AuditCtx,
    ) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sql(&format!(
            "update review_comment set resolved = true, resolved_at = $1, \
                 resolved_by_name = {} where review_comment_id = $3 and plan_id = $4 \
                 and not resolved",
            person(5, 2)
        ))
        .bind(ctx.at)
        .bind(&ctx.actor_name)
        .bind(id)
        .bind(plan)
        .bind(ctx.actor_user_id)
        .execute(&mut tx)
        .await?;
        if done == 0 {
            return Err(DbError::NotFound);
        }
        let event = ctx.event(
            "review_comment.resolve",
            "plan",
            plan,
            id.to_string(),
            String::new(),
            String::new(),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The open comments of each plan of a round.
    pub async fn open_comments(&self, round: RoundId) -> DbResult<HashMap<PlanId, i64>> {
        let rows: Vec<(i64, i64)> = sql("select c.plan_id, count(*) from review_comment c \
             join plan p on p.plan_id = c.plan_id where p.round_id = $1 and not c.resolved \
             group by c.plan_id")
        .bind(round)
        .fetch_all(self)
        .await?;
        Ok(rows.into_iter().map(|(p, n)| (PlanId(p), n)).collect())
    }
}

/// Keeps a revision of the plan: the next number, the snapshot, who and when.
async fn insert_revision(
    tx: &mut Tx,
    plan: PlanId,
    change: &StepChange<'_>,
    snapshot: &str,
    ctx: &AuditCtx,
) -> DbResult<i32> {
    let number: i32 =
        sql("select coalesce(max(number), 0) + 1 from plan_revision where plan_id = $1")
            .bind(plan)
            .scalar(&mut *tx)
            .await?;
    let text = format!(
        "insert into plan_revision (plan_id, number, step, status, snapshot, created_at, \
         created_by, created_by_name) values ($1, $2, $3, $4, $5, $6, $7, {})",
        person(7, 8)
    );
    sql(&text)
        .bind(plan)
        .bind(number)
        .bind(change.step.code())
        .bind(change.to.code())
        .bind(snapshot)
        .bind(ctx.at)
        .bind(ctx.actor_user_id)
        .bind(&ctx.actor_name)
        .execute(tx)
        .await?;
    Ok(number)
}

/// Records the step in the plan's history.
async fn insert_step(
    tx: &mut Tx,
    plan: PlanId,
    change: &StepChange<'_>,
    revision: Option<i32>,
    ctx: &AuditCtx,
) -> DbResult<()> {
    let text = format!(
        "insert into plan_step (plan_id, step, from_status, to_status, message, \
         revision_number, at, by_user, by_name) values ($1, $2, $3, $4, $5, $6, $7, $8, {})",
        person(8, 9)
    );
    sql(&text)
        .bind(plan)
        .bind(change.step.code())
        .bind(change.from.code())
        .bind(change.to.code())
        .bind(change.message)
        .bind(revision)
        .bind(ctx.at)
        .bind(ctx.actor_user_id)
        .bind(&ctx.actor_name)
        .execute(tx)
        .await?;
    Ok(())
}

/// The name people read for who acted: the account's full name (`$user` is its id), else the
/// name the audit log keeps (`$fallback`: the command line, the demo's loader).
fn person(user: usize, fallback: usize) -> String {
    format!("coalesce((select display_name from app_user where user_id = ${user}), ${fallback})")
}

fn step_action(step: Step) -> &'static str {
    match step {
        Step::Submit => "plan_step.submit",
        Step::Return => "plan_step.return",
        Step::Approve => "plan_step.approve",
        Step::Reopen => "plan_step.reopen",
    }
}
