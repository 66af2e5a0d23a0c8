//! Notifications: written in the transaction of the step or comment they tell of, read by
//! their user, and mailed afterwards when an SMTP server is configured.

use super::sql::{sql, Tx};
use super::{AuditCtx, DbResult, Store};
use crate::domain::ids::{PlanId, UserId};
use crate::domain::notification::{Audience, NoticeKind};
use chrono::{DateTime, NaiveDate, Utc};

/// A notification as its user reads it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Notice {
    pub notification_id: i64,
    pub kind: String,
    pub plan_id: i64,
    pub unit_name: String,
    pub round_code: String,
    pub actor_name: String,
    pub detail: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// A notification waiting to be mailed, with what the message needs.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MailNotice {
    #[sqlx(flatten)]
    pub notice: Notice,
    pub email: String,
    pub display_name: String,
    pub language: String,
}

/// Every notice joins its plan's unit and round, for the sentence it makes.
const NOTICE_COLUMNS: &str =
    "n.notification_id, n.kind, n.plan_id, o.name as unit_name, r.code as round_code, \
    n.actor_name, n.detail, n.created_at, n.read_at";
const NOTICE_JOINS: &str = "from notification n join plan p on p.plan_id = n.plan_id \
    join org_unit o on o.org_unit_id = p.org_unit_id join round r on r.round_id = p.round_id";

/// The same columns for every audience: kind, plan, actor's name, detail, time; the actor
/// does not hear of what they did themselves.
const NOTIFY_REVIEWERS: &str = "insert into notification (user_id, kind, plan_id, actor_name, detail, created_at) \
    select u.user_id, $1, $2, coalesce((select a.display_name from app_user a where a.user_id = $6), $3), $4, $5 \
    from app_user u \
    where u.role = 'reviewer' and not u.disabled and u.user_id <> $6";
const NOTIFY_UNIT: &str = "insert into notification (user_id, kind, plan_id, actor_name, detail, created_at) \
    select u.user_id, $1, $2, coalesce((select a.display_name from app_user a where a.user_id = $6), $3), $4, $5 \
    from app_user u join plan p on p.org_unit_id = u.org_unit_id \
    where p.plan_id = $2 and u.role in ('editor', 'leader') and not u.disabled and u.user_id <> $6";

/// How many mail attempts a notification gets before it is left unmailed.
pub const MAX_MAIL_ATTEMPTS: i32 = 5;

impl Store {
    /// Tells the audience of `kind` about `plan`, inside a write transaction.
    pub(super) async fn insert_notices(
        tx: &mut Tx,
        kind: NoticeKind,
        plan: PlanId,
        detail: &str,
        ctx: &AuditCtx,
    ) -> DbResult<()> {
        let text = match kind.audience() {
            Audience::Reviewers => NOTIFY_REVIEWERS,
            Audience::Unit => NOTIFY_UNIT,
        };
        sql(text)
            .bind(kind.code())
            .bind(plan)
            .bind(&ctx.actor_name)
            .bind(detail)
            .bind(ctx.at)
            .bind(ctx.actor_user_id.map_or(-1, |u| u.0))
            .execute(tx)
            .await?;
        Ok(())
    }

    /// Reminds the editors and leader of every plan not yet submitted whose deadline (its own,
    /// or else its round's) falls between `from` and `until`; each deadline once per user.
    /// Gives the number of reminders written.
    pub async fn remind_deadlines(
        &self,
        from: NaiveDate,
        until: NaiveDate,
        at: DateTime<Utc>,
    ) -> DbResult<u64> {
        let n = sql(
            "insert into notification (user_id, kind, plan_id, detail, reminder_key, created_at) \
             select u.user_id, 'deadline', p.plan_id, \
             cast(coalesce(p.deadline, r.deadline) as text), \
             cast(coalesce(p.deadline, r.deadline) as text), $1 \
             from plan p join round r on r.round_id = p.round_id \
             join app_user u on u.org_unit_id = p.org_unit_id \
             where p.status in ('draft', 'returned') and u.role in ('editor', 'leader') \
             and not u.disabled and coalesce(p.deadline, r.deadline) between $2 and $3 \
             on conflict (user_id, plan_id, reminder_key) do nothing",
        )
        .bind(at)
        .bind(from)
        .bind(until)
        .execute(self)
        .await?;
        Ok(n)
    }

    /// A user's notifications, newest first.
    pub async fn notices(&self, user: UserId, limit: i64) -> DbResult<Vec<Notice>> {
        let text = format!(
            "select {NOTICE_COLUMNS} {NOTICE_JOINS} where n.user_id = $1 \
             order by n.notification_id desc limit $2"
        );
        Ok(sql(&text).bind(user).bind(limit).fetch_all(self).await?)
    }

    pub async fn unread_notices(&self, user: UserId) -> DbResult<i64> {
        let n = sql("select count(*) from notification where user_id = $1 and read_at is null")
            .bind(user)
            .scalar(self)
            .await?;
        Ok(n)
    }

    /// Marks one of the user's notifications read and gives its plan; `None` when the user
    /// has no such notification.
    pub async fn read_notice(
        &self,
        user: UserId,
        id: i64,
        at: DateTime<Utc>,
    ) -> DbResult<Option<PlanId>> {
        let plan: Option<i64> = sql("update notification set read_at = coalesce(read_at, $1) \
             where notification_id = $2 and user_id = $3 returning plan_id")
        .bind(at)
        .bind(id)
        .bind(user)
        .scalar_optional(self)
        .await?;
        Ok(plan.map(PlanId))
    }

    pub async fn read_all_notices(&self, user: UserId, at: DateTime<Utc>) -> DbResult<u64> {
        let n = sql("update notification set read_at = $1 where user_id = $2 and read_at is null")
            .bind(at)
            .bind(user)
            .execute(self)
            .await?;
        Ok(n)
    }

    /// Notifications made since `since` that wait for mail, oldest first, for users with an
    /// e-mail address.
    pub async fn notices_to_mail(
        &self,
        since: DateTime<Utc>,
        limit: i64,
    ) -> DbResult<Vec<MailNotice>> {
        let text = format!(
            "select {NOTICE_COLUMNS}, u.email, u.display_name, u.language {NOTICE_JOINS} \
             join app_user u on u.user_id = n.user_id \
             where n.mailed_at is null and n.mail_attempts < $1 and n.created_at >= $2 \
             and u.email <> '' order by n.notification_id limit $3"
        );
        let rows = sql(&text)
            .bind(MAX_MAIL_ATTEMPTS)
            .bind(since)
            .bind(limit)
            .fetch_all(self)
            .await?;
        Ok(rows)
    }

    /// Records a mail sent (`sent`) or an attempt that failed.
    pub async fn mark_mailed(&self, id: i64, sent: bool, at: DateTime<Utc>) -> DbResult<()> {
        let query = if sent {
            sql(
                "update notification set mailed_at = $1, mail_attempts = mail_attempts + 1 \
                 where notification_id = $2",
            )
            .bind(at)
            .bind(id)
        } else {
            sql("update notification set mail_attempts = mail_attempts + 1 \
                 where notification_id = $1")
            .bind(id)
        };
        query.execute(self).await?;
        Ok(())
    }
}
