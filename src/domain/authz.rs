//! Authorization: one function of (who, what) that every handler calls before it touches an
//! object. One place to read, one place to test.

use super::ids::{OrgUnitId, UserId};
use super::round::PlanStatus;
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
    /// Clone, edit and publish frameworks; open rounds.
    ManagePlanning,
    /// See a round and every plan in it.
    ViewRound,
    /// Read the plan of a unit.
    ViewPlan(OrgUnitId),
    /// Change the content of the plan of a unit, in the plan's status.
    EditPlan(OrgUnitId, PlanStatus),
}

/// True when `actor` may do `action`. Department roles (admin, reviewer, viewer) see every
/// unit; agency roles (editor, leader) see only their own.
pub fn can(actor: &Actor, action: Action) -> bool {
    let department = matches!(actor.role, Role::Admin | Role::Reviewer | Role::Viewer);
    match action {
        Action::ManageUnits | Action::ManageUsers | Action::ViewAudit | Action::ManagePlanning => {
            actor.role == Role::Admin
        }
        Action::ViewUnit(unit) | Action::ViewPlan(unit) => department || actor.org_unit_id == unit,
        Action::ViewRound => department,
        // Only the agency writes its plan, and only while it is a draft or returned; the
        // department reviews but never edits agency content.
        Action::EditPlan(unit, status) => {
            matches!(actor.role, Role::Editor | Role::Leader)
                && actor.org_unit_id == unit
                && status.is_editable()
        }
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
    fn only_the_agency_edits_its_own_plan_and_only_while_it_is_open() {
        let own = OrgUnitId(10);
        for role in Role::ALL {
            for status in PlanStatus::ALL {
                let expected = matches!(role, Role::Editor | Role::Leader) && status.is_editable();
                assert_eq!(
                    can(&actor(role), Action::EditPlan(own, status)),
                    expected,
                    "{role:?} {status:?}"
                );
                assert!(
                    !can(&actor(role), Action::EditPlan(OrgUnitId(11), status)),
                    "{role:?} on another unit"
                );
            }
        }
    }

    #[test]
    fn plans_are_read_by_the_department_and_their_own_agency() {
        for role in Role::ALL {
            let department = matches!(role, Role::Admin | Role::Reviewer | Role::Viewer);
            assert!(can(&actor(role), Action::ViewPlan(OrgUnitId(10))));
            assert_eq!(
                can(&actor(role), Action::ViewPlan(OrgUnitId(11))),
                department
            );
            assert_eq!(can(&actor(role), Action::ViewRound), department);
            assert_eq!(
                can(&actor(role), Action::ManagePlanning),
                role == Role::Admin
            );
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
