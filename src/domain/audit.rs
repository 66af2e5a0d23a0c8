//! Audit events: who did what, when, to which object, with a before/after summary.

use super::ids::{AuditEventId, UserId};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub id: AuditEventId,
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<UserId>,
    /// The actor's username at the time, or `cli` / `system`.
    pub actor_name: String,
    /// A dotted action code, e.g. `unit.merge`; the catalog names it for people.
    pub action: String,
    pub object_kind: String,
    pub object_id: String,
    pub object_label: String,
    pub before: String,
    pub after: String,
}

/// An event to record; the store gives it an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEvent {
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<UserId>,
    pub actor_name: String,
    pub action: &'static str,
    pub object_kind: &'static str,
    pub object_id: String,
    pub object_label: String,
    pub before: String,
    pub after: String,
}

/// Every action the audit log records, by the object it acts on: what the store and the
/// use-cases write as `NewAuditEvent::action`. Each is named in the catalog by `action_key`; a
/// test finds every action the code records and checks that it is listed here.
pub const ACTIONS: &[&str] = &[
    "auth.login",
    "auth.logout",
    "user.create",
    "user.update",
    "user.disable",
    "user.enable",
    "user.reset_password",
    "user.change_password",
    "user.language",
    "unit.create",
    "unit.update",
    "unit.close",
    "unit.merge",
    "demo.load",
    "framework.install",
    "framework.clone",
    "framework.edit",
    "framework.publish",
    "legal_catalog.install",
    "legal_document.create",
    "legal_document.update",
    "catalog_entry.install",
    "catalog_entry.create",
    "catalog_entry.update",
    "round.create",
    "plan_deadline.set",
    "plan_section.save",
    "plan_meta.save",
    "plan_row.create",
    "plan_row.update",
    "plan_row.delete",
    "plan_row.move",
    "plan_rows.carry",
    "plan_rows.import",
    "plan_step.submit",
    "plan_step.return",
    "plan_step.approve",
    "plan_step.reopen",
    "review_comment.create",
    "review_comment.resolve",
];

/// The text naming an audit action (`unit.merge` → `action.unit.merge`), or a group of them
/// in the log's filter (`unit` → `action.unit`).
pub fn action_key(action: &str) -> String {
    format!("action.{action}")
}

/// Filters for browsing the log; empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action_prefix: Option<String>,
    pub object_kind: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub limit: i64,
    pub offset: i64,
}

/// A readable one-line summary of named values, `name=value; …`, skipping empty ones.
pub fn summary(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_skips_empty_values() {
        assert_eq!(
            summary(&[("code", "SYT"), ("valid_to", ""), ("name", "Sở Y tế")]),
            "code=SYT; name=Sở Y tế"
        );
    }
}
