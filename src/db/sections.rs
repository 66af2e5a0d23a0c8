//! The narrative sections of plans. Every save names the version it started from; a save over
//! a newer version is refused and returns that version, so nobody's text is silently lost.

use super::{with_pool, AuditCtx, Backend, BeginWrite, DbError, DbResult, Store};
use crate::domain::ids::PlanId;
use crate::domain::round::{SectionContent, SectionInput};
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct SectionRow {
    node_key: String,
    body_html: String,
    not_applicable: bool,
    not_applicable_reason: String,
    version: i32,
    updated_at: DateTime<Utc>,
    updated_by: Option<String>,
}

impl From<SectionRow> for SectionContent {
    fn from(r: SectionRow) -> Self {
        SectionContent {
            node_key: r.node_key,
            body_html: r.body_html,
            not_applicable: r.not_applicable,
            not_applicable_reason: r.not_applicable_reason,
            version: r.version,
            updated_at: r.updated_at,
            updated_by: r.updated_by,
        }
    }
}

const SECTION_SELECT: &str =
    "select s.node_key, s.body_html, s.not_applicable, s.not_applicable_reason, \
    s.version, s.updated_at, u.display_name as updated_by from plan_section s \
    left join app_user u on u.user_id = s.updated_by";

/// Why a save did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Someone saved since the version the editor started from: here is what they saved.
    #[error("the section changed since version {base}")]
    Conflict {
        base: i32,
        current: Box<SectionContent>,
    },
    #[error(transparent)]
    Db(#[from] DbError),
}

impl Store {
    pub async fn plan_sections(&self, plan: PlanId) -> DbResult<Vec<SectionContent>> {
        let sql = format!("{SECTION_SELECT} where s.plan_id = $1 order by s.node_key");
        let rows: Vec<SectionRow> =
            with_pool!(self, pool => sqlx::query_as(&sql).bind(plan.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(SectionContent::from).collect())
    }

    pub async fn plan_section(&self, plan: PlanId, key: &str) -> DbResult<Option<SectionContent>> {
        let sql = format!("{SECTION_SELECT} where s.plan_id = $1 and s.node_key = $2");
        let row: Option<SectionRow> = with_pool!(self, pool => sqlx::query_as(&sql)
            .bind(plan.0).bind(key).fetch_optional(pool).await)?;
        Ok(row.map(SectionContent::from))
    }

    /// Saves a section if it is still at `base` (0: never saved). The check and the write are
    /// one transaction, so two editors cannot both win.
    pub async fn save_section(
        &self,
        plan: PlanId,
        key: &str,
        base: i32,
        input: &SectionInput,
        ctx: &AuditCtx,
    ) -> Result<SectionContent, SaveError> {
        let conflict: Option<i32> = with_pool!(self, pool => {
            let mut tx = pool.begin_write().await.map_err(DbError::from)?;
            let current: Option<i32> = sqlx::query_scalar(
                "select version from plan_section where plan_id = $1 and node_key = $2")
                .bind(plan.0).bind(key).fetch_optional(&mut *tx).await.map_err(DbError::from)?;
            let stale = match current {
                Some(v) => v != base,
                None => base != 0,
            };
            if stale {
                tx.rollback().await.map_err(DbError::from)?;
                Some(current.unwrap_or(0))
            } else {
                match current {
                    Some(v) => sqlx::query(
                        "update plan_section set body_html = $1, not_applicable = $2, not_applicable_reason = $3, \
                         version = $4, updated_at = $5, updated_by = $6 where plan_id = $7 and node_key = $8")
                        .bind(&input.body_html).bind(input.not_applicable).bind(&input.not_applicable_reason)
                        .bind(v + 1).bind(ctx.at).bind(ctx.actor_user_id.map(|u| u.0)).bind(plan.0).bind(key)
                        .execute(&mut *tx).await.map_err(DbError::from)?,
                    None => sqlx::query(
                        "insert into plan_section (plan_id, node_key, body_html, not_applicable, \
                         not_applicable_reason, version, updated_at, updated_by) values ($1, $2, $3, $4, $5, 1, $6, $7)")
                        .bind(plan.0).bind(key).bind(&input.body_html).bind(input.not_applicable)
                        .bind(&input.not_applicable_reason).bind(ctx.at).bind(ctx.actor_user_id.map(|u| u.0))
                        .execute(&mut *tx).await.map_err(DbError::from)?,
                };
                sqlx::query("update plan set updated_at = $1 where plan_id = $2")
                    .bind(ctx.at).bind(plan.0).execute(&mut *tx).await.map_err(DbError::from)?;
                let words = crate::domain::rich_text::plain_text(&input.body_html).split_whitespace().count();
                let after = if input.not_applicable { "not_applicable=true".to_string() } else { format!("words={words}") };
                let event = ctx.event("plan_section.save", "plan", plan, key, format!("version={base}"), after);
                Store::insert_audit_generic(&mut tx, &event).await?;
                tx.commit().await.map_err(DbError::from)?;
                None
            }
        });
        match conflict {
            Some(_) => {
                let current = self
                    .plan_section(plan, key)
                    .await?
                    .ok_or(DbError::NotFound)?;
                Err(SaveError::Conflict {
                    base,
                    current: Box::new(current),
                })
            }
            None => Ok(self
                .plan_section(plan, key)
                .await?
                .ok_or(DbError::NotFound)?),
        }
    }
}

impl Store {
    /// Notes that `user` has the plan open now, and returns the names of the others seen on it
    /// since `since`.
    pub async fn plan_presence(
        &self,
        plan: PlanId,
        user: crate::domain::ids::UserId,
        now: DateTime<Utc>,
        since: DateTime<Utc>,
    ) -> DbResult<Vec<String>> {
        let others: Vec<String> = with_pool!(self, pool => {
            sqlx::query("insert into plan_presence (plan_id, user_id, seen_at) values ($1, $2, $3) \
                         on conflict (plan_id, user_id) do update set seen_at = excluded.seen_at")
                .bind(plan.0).bind(user.0).bind(now).execute(pool).await?;
            sqlx::query_scalar("select u.display_name from plan_presence p join app_user u on u.user_id = p.user_id \
                                where p.plan_id = $1 and p.user_id <> $2 and p.seen_at >= $3 order by u.display_name")
                .bind(plan.0).bind(user.0).bind(since).fetch_all(pool).await?
        });
        Ok(others)
    }
}
