//! The review loop as a state machine: which step leads from which status to which, and who
//! may take it. The agency submits (its leader, or an editor where the unit has no leader);
//! the department's reviewers return or approve; an approved plan changes only after the
//! agency reopens it, which calls for a new submission and approval.

use super::authz::Actor;
use super::ids::OrgUnitId;
use super::round::PlanStatus;
use super::user::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Submit,
    Return,
    Approve,
    Reopen,
}

impl Step {
    pub const ALL: [Step; 4] = [Self::Submit, Self::Return, Self::Approve, Self::Reopen];

    pub fn code(self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::Return => "return",
            Self::Approve => "approve",
            Self::Reopen => "reopen",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The status a plan in `from` reaches by this step; `None` when the step does not start
    /// there (no step is ever skipped: approval follows a submission, and so on).
    pub fn next(self, from: PlanStatus) -> Option<PlanStatus> {
        use PlanStatus::*;
        match (self, from) {
            (Self::Submit, Draft | Returned) => Some(Submitted),
            (Self::Return, Submitted) => Some(Returned),
            (Self::Approve, Submitted) => Some(Approved),
            (Self::Reopen, Approved) => Some(Draft),
            _ => None,
        }
    }

    /// The text naming the step once taken, in a plan's history.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Submit => "review.step_submit",
            Self::Return => "review.step_return",
            Self::Approve => "review.step_approve",
            Self::Reopen => "review.step_reopen",
        }
    }

    /// The text of the button that takes the step.
    pub fn action_key(self) -> &'static str {
        match self {
            Self::Submit => "review.do_submit",
            Self::Return => "review.do_return",
            Self::Approve => "review.do_approve",
            Self::Reopen => "review.do_reopen",
        }
    }

    /// The question asked before the step is taken; `None` for the return, which asks for
    /// its reason instead.
    pub fn confirm_key(self) -> Option<&'static str> {
        match self {
            Self::Submit => Some("review.confirm_submit"),
            Self::Return => None,
            Self::Approve => Some("review.confirm_approve"),
            Self::Reopen => Some("review.confirm_reopen"),
        }
    }

    /// The message shown once the step is taken.
    pub fn done_key(self) -> &'static str {
        match self {
            Self::Submit => "review.submit_done",
            Self::Return => "review.return_done",
            Self::Approve => "review.approve_done",
            Self::Reopen => "review.reopen_done",
        }
    }

    /// A step that stores a revision: what was submitted, and what was approved.
    pub fn keeps_revision(self) -> bool {
        matches!(self, Self::Submit | Self::Approve)
    }
}

/// Who may take `step` on the plan of `unit`. `unit_has_leader`: whether the unit has an
/// active leader (without one, its editors submit).
pub fn may_take(actor: &Actor, step: Step, unit: OrgUnitId, unit_has_leader: bool) -> bool {
    let own = actor.org_unit_id == unit;
    match step {
        Step::Submit | Step::Reopen => {
            own && (actor.role == Role::Leader || (actor.role == Role::Editor && !unit_has_leader))
        }
        Step::Return | Step::Approve => actor.role == Role::Reviewer,
    }
}

/// Whether a comment on a plan may be marked resolved now, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolving {
    Allowed,
    /// Neither a reviewer nor the plan's own agency.
    Forbidden,
    /// The right person, but the plan's state does not let them: an agency resolves while it
    /// may change its plan, a reviewer while the plan is under review, nobody once approved.
    Locked,
}

/// Who may mark a comment of the plan of `unit`, in `status`, resolved.
pub fn may_resolve(actor: &Actor, unit: OrgUnitId, status: PlanStatus) -> Resolving {
    let agency = matches!(actor.role, Role::Editor | Role::Leader) && actor.org_unit_id == unit;
    let open = match actor.role {
        Role::Reviewer => status == PlanStatus::Submitted,
        _ if agency => status.is_editable(),
        _ => return Resolving::Forbidden,
    };
    if open {
        Resolving::Allowed
    } else {
        Resolving::Locked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::UserId;
    use proptest::prelude::*;
    use PlanStatus::*;

    fn actor(role: Role, unit: i64) -> Actor {
        Actor {
            user_id: UserId(1),
            role,
            org_unit_id: OrgUnitId(unit),
        }
    }

    #[test]
    fn every_allowed_and_every_forbidden_step_from_every_status() {
        let allowed = [
            (Step::Submit, Draft, Submitted),
            (Step::Submit, Returned, Submitted),
            (Step::Return, Submitted, Returned),
            (Step::Approve, Submitted, Approved),
            (Step::Reopen, Approved, Draft),
        ];
        for step in Step::ALL {
            for from in PlanStatus::ALL {
                let expected = allowed
                    .iter()
                    .find(|(s, f, _)| *s == step && *f == from)
                    .map(|(_, _, to)| *to);
                assert_eq!(step.next(from), expected, "{step:?} from {from:?}");
            }
        }
    }

    #[test]
    fn every_role_may_take_exactly_its_steps() {
        let unit = OrgUnitId(7);
        for role in Role::ALL {
            for own in [true, false] {
                let a = actor(role, if own { 7 } else { 8 });
                for leader in [true, false] {
                    for step in Step::ALL {
                        let expected = match step {
                            Step::Submit | Step::Reopen => {
                                own && (role == Role::Leader || (role == Role::Editor && !leader))
                            }
                            Step::Return | Step::Approve => role == Role::Reviewer,
                        };
                        assert_eq!(
                            may_take(&a, step, unit, leader),
                            expected,
                            "{role:?} own={own} leader={leader} {step:?}"
                        );
                    }
                }
            }
        }
    }

    fn role() -> impl Strategy<Value = Role> {
        prop::sample::select(Role::ALL.to_vec())
    }

    fn step() -> impl Strategy<Value = Step> {
        prop::sample::select(Step::ALL.to_vec())
    }

    #[test]
    fn comments_are_resolved_by_whoever_holds_the_plan_and_never_once_approved() {
        let unit = OrgUnitId(7);
        for status in PlanStatus::ALL {
            let agency = may_resolve(&actor(Role::Editor, 7), unit, status);
            let reviewer = may_resolve(&actor(Role::Reviewer, 1), unit, status);
            assert_eq!(
                agency == Resolving::Allowed,
                status.is_editable(),
                "{status:?}"
            );
            assert_eq!(
                reviewer == Resolving::Allowed,
                status == Submitted,
                "{status:?}"
            );
            for role in [Role::Admin, Role::Viewer] {
                assert_eq!(
                    may_resolve(&actor(role, 7), unit, status),
                    Resolving::Forbidden
                );
            }
            let other = may_resolve(&actor(Role::Leader, 8), unit, status);
            assert_eq!(other, Resolving::Forbidden);
        }
        assert_eq!(
            may_resolve(&actor(Role::Leader, 7), unit, Approved),
            Resolving::Locked
        );
    }

    proptest! {
        /// Random steps by random roles of either unit: a plan only ever moves along the
        /// machine's edges, approval always follows a submission, and only reviewers
        /// approve or return.
        #[test]
        fn random_steps_never_reach_an_illegal_state(
            steps in prop::collection::vec((role(), any::<bool>(), any::<bool>(), step()), 1..60)
        ) {
            let unit = OrgUnitId(1);
            let mut status = Draft;
            for (role, own, leader, step) in steps {
                let a = actor(role, if own { 1 } else { 2 });
                if !may_take(&a, step, unit, leader) {
                    continue;
                }
                let Some(next) = step.next(status) else { continue };
                match next {
                    Approved | Returned => {
                        prop_assert_eq!(status, Submitted);
                        prop_assert_eq!(role, Role::Reviewer);
                    }
                    Submitted => {
                        prop_assert!(matches!(status, Draft | Returned));
                        prop_assert!(own && matches!(role, Role::Leader | Role::Editor));
                    }
                    Draft => prop_assert_eq!(status, Approved),
                }
                status = next;
            }
        }
    }
}
