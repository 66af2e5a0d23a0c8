//! Taking a step of the review loop: who may, from which status, what must hold first (no
//! blocking finding at submission), and what is kept (a revision of the whole plan).

use crate::db::{AuditCtx, DbError, StepChange, Store};
use crate::domain::authz::Actor;
use crate::domain::findings::{Finding, Severity};
use crate::domain::framework::FrameworkNode;
use crate::domain::review::{may_take, Step};
use crate::domain::round::{Plan, PlanStatus, Round};
use crate::domain::text::{char_len, has_control_chars};

/// A return message, at most.
pub const MAX_MESSAGE: usize = 2000;

#[derive(Debug, thiserror::Error)]
pub enum StepError {
    #[error("not allowed")]
    Forbidden,
    /// The step does not start from the plan's status.
    #[error("not from {0:?}")]
    NotFrom(PlanStatus),
    /// Submission is blocked by these findings (errors).
    #[error("blocked by {} findings", .0.len())]
    Blocked(Vec<Finding>),
    /// A return says why, in at most `MAX_MESSAGE` characters.
    #[error("message: {0}")]
    Message(&'static str),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// A step someone asks for: which, with what message, and for a return whether only the
/// commented sections reopen.
#[derive(Debug, Clone, Copy)]
pub struct StepRequest<'a> {
    pub step: Step,
    pub message: &'a str,
    pub only_commented: bool,
}

/// Takes the step on `plan` for `actor`; gives the number of the revision kept, if any.
pub async fn take_step(
    store: &Store,
    plan: &Plan,
    round: &Round,
    nodes: &[FrameworkNode],
    actor: &Actor,
    request: StepRequest<'_>,
    ctx: &AuditCtx,
) -> Result<Option<i32>, StepError> {
    let StepRequest {
        step,
        message,
        only_commented,
    } = request;
    let has_leader = store.unit_has_leader(plan.org_unit_id).await?;
    if !may_take(actor, step, plan.org_unit_id, has_leader) {
        return Err(StepError::Forbidden);
    }
    let to = step
        .next(plan.status)
        .ok_or(StepError::NotFrom(plan.status))?;
    let message = message.replace("\r\n", "\n").trim().to_string();
    if char_len(&message) > MAX_MESSAGE || has_control_chars(&message.replace(['\n', '\t'], " ")) {
        return Err(StepError::Message("err.step_message"));
    }
    if step == Step::Return && message.is_empty() {
        return Err(StepError::Message("err.return_message"));
    }
    if step == Step::Submit {
        let blocking: Vec<Finding> = crate::checks::plan_findings(store, plan, round, nodes)
            .await?
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        if !blocking.is_empty() {
            return Err(StepError::Blocked(blocking));
        }
    }
    let snapshot = if step.keeps_revision() {
        let mut value = crate::exchange::plan_json(store, plan, round, nodes)
            .await
            .map_err(|e| match e {
                crate::exchange::ExchangeError::Db(e) => e,
                other => DbError::Corrupt(other.to_string()),
            })?;
        value["plan"]["status"] = to.code().into();
        value["plan"]["step"] = step.code().into();
        Some(serde_json::to_string(&value).map_err(|e| DbError::Corrupt(e.to_string()))?)
    } else {
        None
    };
    // A return may reopen only the sections that have open comments (rows' comments reopen
    // their table's section); without any, the whole plan reopens.
    let mut open_sections: Vec<String> = Vec::new();
    if step == Step::Return && only_commented {
        for c in store.plan_comments(plan.id).await? {
            if !c.resolved && !open_sections.contains(&c.node_key) {
                open_sections.push(c.node_key);
            }
        }
    }
    let change = StepChange {
        open_sections: &open_sections,
        step,
        from: plan.status,
        to,
        message: &message,
        snapshot: snapshot.as_deref(),
    };
    match store.take_step(plan.id, &change, ctx).await? {
        Ok(revision) => Ok(revision),
        // Someone took another step first.
        Err(now) => Err(StepError::NotFrom(now)),
    }
}
