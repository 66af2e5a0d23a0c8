//! Who acts in a use-case: the actor that authorization judges, and the names the records keep.

use crate::db::AuditCtx;
use crate::domain::authz::Actor;
use crate::domain::user::User;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    pub actor: Actor,
    /// The login, as the audit log names the actor.
    pub login: String,
    /// The full name, as people read it.
    pub name: String,
}

impl Who {
    pub fn of(user: &User) -> Self {
        Self {
            actor: Actor {
                user_id: user.id,
                role: user.role,
                org_unit_id: user.org_unit_id,
            },
            login: user.username.clone(),
            name: user.display_name.clone(),
        }
    }

    /// The audit context of a change this user makes at `now`.
    pub fn audit(&self, now: DateTime<Utc>) -> AuditCtx {
        AuditCtx {
            at: now,
            actor_user_id: Some(self.actor.user_id),
            actor_name: self.login.clone(),
        }
    }
}
