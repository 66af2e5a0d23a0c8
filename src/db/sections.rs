//! The narrative sections of plans. Every save names the version it started from; a save over
//! a newer version is refused and returns that version, so nobody's text is silently lost.

use super::open::touch_open_plan;
use super::sql::{sql, On};
use super::{AuditCtx, DbError, DbResult, Store};
use crate::domain::ids::{PlanId, UserId};
use crate::domain::rich_text::plain_text;
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

/// A section's columns with its saver's name, as a read selects them and a write returns them.
const SECTION_COLUMNS: &str = "node_key, body_html, not_applicable, not_applicable_reason, \
    version, updated_at, \
    (select u.display_name from app_user u where u.user_id = plan_section.updated_by) as updated_by";

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
        read_sections(self, plan).await
    }

    pub async fn plan_section(&self, plan: PlanId, key: &str) -> DbResult<Option<SectionContent>> {
        read_section(self, plan, key).await
    }

    /// Saves a section if it is still at `base` (0: never saved). The version is compared in
    /// the write itself (an update of the row still at `base`, an insert that gives way to a
    /// row already there), so two editors cannot both win whatever the isolation level; what
    /// was saved is read back in the same transaction.
    pub async fn save_section(
        &self,
        plan: PlanId,
        key: &str,
        base: i32,
        input: &SectionInput,
        ctx: &AuditCtx,
    ) -> Result<SectionContent, SaveError> {
        let mut tx = self.begin_write().await.map_err(DbError::from)?;
        touch_open_plan(&mut tx, plan, ctx.at).await?;
        // The row comes back from the write itself, with its saver's name: nothing is read
        // again while the write lock is held.
        let written: Option<SectionRow> = if base == 0 {
            sql(&format!(
                "insert into plan_section (plan_id, node_key, body_html, not_applicable, \
                 not_applicable_reason, version, updated_at, updated_by) \
                 values ($1, $2, $3, $4, $5, 1, $6, $7) \
                 on conflict (plan_id, node_key) do nothing returning {SECTION_COLUMNS}"
            ))
            .bind(plan)
            .bind(key)
            .bind(&input.body_html)
            .bind(input.not_applicable)
            .bind(&input.not_applicable_reason)
            .bind(ctx.at)
            .bind(ctx.actor_user_id)
            .fetch_optional(&mut tx)
            .await
        } else {
            sql(&format!(
                "update plan_section set body_html = $1, not_applicable = $2, \
                 not_applicable_reason = $3, version = version + 1, updated_at = $4, \
                 updated_by = $5 where plan_id = $6 and node_key = $7 and version = $8 \
                 returning {SECTION_COLUMNS}"
            ))
            .bind(&input.body_html)
            .bind(input.not_applicable)
            .bind(&input.not_applicable_reason)
            .bind(ctx.at)
            .bind(ctx.actor_user_id)
            .bind(plan)
            .bind(key)
            .bind(base)
            .fetch_optional(&mut tx)
            .await
        }
        .map_err(DbError::from)?;
        let Some(saved) = written else {
            drop(tx);
            let current = self.plan_section(plan, key).await?;
            return Err(SaveError::Conflict {
                base,
                current: Box::new(current.unwrap_or_else(|| SectionContent::empty(key, ctx.at))),
            });
        };
        let words = plain_text(&input.body_html).split_whitespace().count();
        let after = if input.not_applicable {
            "not_applicable=true".to_string()
        } else {
            format!("words={words}")
        };
        let event = ctx.event(
            "plan_section.save",
            "plan",
            plan,
            key,
            format!("version={base}"),
            after,
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(saved.into())
    }
}

/// One section, with the name of who saved it last.
async fn read_section<'c>(
    on: impl Into<On<'c>>,
    plan: PlanId,
    key: &str,
) -> DbResult<Option<SectionContent>> {
    let text =
        format!("select {SECTION_COLUMNS} from plan_section where plan_id = $1 and node_key = $2");
    let row: Option<SectionRow> = sql(&text).bind(plan).bind(key).fetch_optional(on).await?;
    Ok(row.map(SectionContent::from))
}

/// A plan's saved sections, by node key.
pub(super) async fn read_sections<'c>(
    on: impl Into<On<'c>>,
    plan: PlanId,
) -> DbResult<Vec<SectionContent>> {
    let text =
        format!("select {SECTION_COLUMNS} from plan_section where plan_id = $1 order by node_key");
    let rows: Vec<SectionRow> = sql(&text).bind(plan).fetch_all(on).await?;
    Ok(rows.into_iter().map(SectionContent::from).collect())
}

impl Store {
    /// Notes that `user` has the plan open now, and returns the names of the others seen on it
    /// since `since`.
    pub async fn plan_presence(
        &self,
        plan: PlanId,
        user: UserId,
        now: DateTime<Utc>,
        since: DateTime<Utc>,
    ) -> DbResult<Vec<String>> {
        sql(
            "insert into plan_presence (plan_id, user_id, seen_at) values ($1, $2, $3) \
             on conflict (plan_id, user_id) do update set seen_at = excluded.seen_at",
        )
        .bind(plan)
        .bind(user)
        .bind(now)
        .execute(self)
        .await?;
        let others = sql("select u.display_name from plan_presence p \
             join app_user u on u.user_id = p.user_id \
             where p.plan_id = $1 and p.user_id <> $2 and p.seen_at >= $3 \
             order by u.display_name")
        .bind(plan)
        .bind(user)
        .bind(since)
        .scalars(self)
        .await?;
        Ok(others)
    }
}
