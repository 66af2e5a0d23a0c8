//! The audit log: written in the same transaction as the change it records.

use super::sql::{sql, Sql, Tx};
use super::{DbResult, Store};
use crate::domain::audit::{AuditEvent, AuditFilter, NewAuditEvent};
use crate::domain::ids::{AuditEventId, UserId};
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct AuditRow {
    audit_event_id: i64,
    at: DateTime<Utc>,
    actor_user_id: Option<i64>,
    actor_name: String,
    action: String,
    object_kind: String,
    object_id: String,
    object_label: String,
    before_summary: String,
    after_summary: String,
}

impl From<AuditRow> for AuditEvent {
    fn from(r: AuditRow) -> Self {
        AuditEvent {
            id: AuditEventId(r.audit_event_id),
            at: r.at,
            actor_user_id: r.actor_user_id.map(UserId),
            actor_name: r.actor_name,
            action: r.action,
            object_kind: r.object_kind,
            object_id: r.object_id,
            object_label: r.object_label,
            before: r.before_summary,
            after: r.after_summary,
        }
    }
}

impl Store {
    /// Records an event inside a write transaction.
    pub(super) async fn insert_audit(tx: &mut Tx, event: &NewAuditEvent) -> DbResult<()> {
        audit_insert(event).execute(tx).await?;
        Ok(())
    }

    /// Records an event that stands alone (sign-in, sign-out, demo load).
    pub async fn record_audit(&self, event: &NewAuditEvent) -> DbResult<()> {
        audit_insert(event).execute(self).await?;
        Ok(())
    }

    /// Events matching the filter, newest first, and how many match in all.
    pub async fn audit_events(&self, filter: &AuditFilter) -> DbResult<(Vec<AuditEvent>, i64)> {
        let conditions = "($1 = '' or actor_name = $1) and action like $2 \
            and ($3 = '' or object_kind = $3) and at >= $4 and at <= $5";
        let list = format!(
            "select audit_event_id, at, actor_user_id, actor_name, action, object_kind, \
             object_id, object_label, before_summary, after_summary from audit_event \
             where {conditions} order by at desc, audit_event_id desc limit $6 offset $7"
        );
        let count = format!("select count(*) from audit_event where {conditions}");
        let actor = filter.actor.clone().unwrap_or_default();
        let action = format!(
            "{}%",
            filter
                .action_prefix
                .clone()
                .unwrap_or_default()
                .replace(['%', '_'], "")
        );
        let kind = filter.object_kind.clone().unwrap_or_default();
        // Four-digit years only: SQLite compares these as text.
        let from = filter.from.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
        let to = filter
            .to
            .or_else(|| {
                DateTime::parse_from_rfc3339("9999-12-31T23:59:59Z")
                    .ok()
                    .map(|d| d.to_utc())
            })
            .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
        let filtered = |text| {
            sql(text)
                .bind(&actor)
                .bind(&action)
                .bind(&kind)
                .bind(from)
                .bind(to)
        };
        let rows: Vec<AuditRow> = filtered(&list)
            .bind(filter.limit)
            .bind(filter.offset)
            .fetch_all(self)
            .await?;
        let total: i64 = filtered(&count).scalar(self).await?;
        Ok((rows.into_iter().map(AuditEvent::from).collect(), total))
    }
}

/// The statement that records an event.
fn audit_insert(event: &NewAuditEvent) -> Sql<'_> {
    sql(
        "insert into audit_event (at, actor_user_id, actor_name, action, object_kind, \
         object_id, object_label, before_summary, after_summary) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(event.at)
    .bind(event.actor_user_id)
    .bind(&event.actor_name)
    .bind(event.action)
    .bind(event.object_kind)
    .bind(&event.object_id)
    .bind(&event.object_label)
    .bind(&event.before)
    .bind(&event.after)
}
