//! Who acts in a use-case: the actor that authorization judges, and the names the records keep.

use crate::db::AuditCtx;
use crate::domain::authz::Actor;
use crate::domain::ids::{OrgUnitId, UserId};
use crate::domain::user::{Role, User};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    pub actor: Actor,
    /// The account that acts; none for the command line's operator.
    pub account: Option<UserId>,
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
            account: Some(user.id),
            login: user.username.clone(),
            name: user.display_name.clone(),
        }
    }

    /// Whoever runs the command line on the server: they hold the database, so they administer
    /// (the first administrator's account is made this way), but they are nobody's agency and
    /// write no plan.
    pub fn operator() -> Self {
        Self {
            actor: Actor {
                user_id: UserId(0),
                role: Role::Admin,
                org_unit_id: OrgUnitId(0),
            },
            account: None,
            login: "cli".into(),
            name: "cli".into(),
        }
    }

    /// The audit context of a change made at `now`.
    pub fn audit(&self, now: DateTime<Utc>) -> AuditCtx {
        AuditCtx {
            at: now,
            actor_user_id: self.account,
            actor_name: self.login.clone(),
        }
    }
}
