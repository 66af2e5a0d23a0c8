//! Authorization: one function of (who, what) that every handler calls before it touches an
//! object. One place to read, one place to test.

use super::ids::{OrgUnitId, UserId};
use super::user::Role;

/// The signed-in user, as far as authorization cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub role: Role,
    pub org_unit_id: OrgUnitId,
}

/// What a user wants to do, with the object it touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Create, edit, close, merge and import org units.
    ManageUnits,
    /// Create, disable and change users.
    ManageUsers,
    /// Browse the audit log.
    ViewAudit,
    /// Read one unit's profile (its details, users and lineage).
    ViewUnit(OrgUnitId),
}

/// True when `actor` may do `action`. Department roles (admin, reviewer, viewer) see every
/// unit; agency roles (editor, leader) see only their own.
pub fn can(actor: &Actor, action: Action) -> bool {
    match action {
        Action::ManageUnits | Action::ManageUsers | Action::ViewAudit => actor.role == Role::Admin,
        Action::ViewUnit(unit) => match actor.role {
            Role::Admin | Role::Reviewer | Role::Viewer => true,
            Role::Editor | Role::Leader => actor.org_unit_id == unit,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: UserId(1),
            role,
            org_unit_id: OrgUnitId(10),
        }
    }

    #[test]
    fn only_admins_manage_units_users_and_read_the_audit_log() {
        for role in Role::ALL {
            let expected = role == Role::Admin;
            for action in [Action::ManageUnits, Action::ManageUsers, Action::ViewAudit] {
                assert_eq!(can(&actor(role), action), expected, "{role:?} {action:?}");
            }
        }
    }

    #[test]
    fn agency_roles_see_only_their_own_unit() {
        for role in [Role::Editor, Role::Leader] {
            assert!(can(&actor(role), Action::ViewUnit(OrgUnitId(10))));
            assert!(!can(&actor(role), Action::ViewUnit(OrgUnitId(11))));
        }
        for role in [Role::Admin, Role::Reviewer, Role::Viewer] {
            assert!(can(&actor(role), Action::ViewUnit(OrgUnitId(11))));
        }
    }
}
