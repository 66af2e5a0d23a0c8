//! The review loop: taking a step (who may, from which status, what must hold first — no
//! blocking finding at submission — and what is kept: a revision of the whole plan), and the
//! reviewers' comments.

use super::access::{outline, readable, PlanAt};
use super::checks::{five_year_funding, Checks};
use super::exchange::plan_value;
use super::{Conflict, Refusal, Who};
use crate::db::{CommentAt, StepChange, StepRefused, Store};
use crate::domain::findings::{Finding, Severity};
use crate::domain::ids::{CommentId, PlanId, RowId};
use crate::domain::review::{may_take, Step};
use crate::domain::round::PlanStatus;
use crate::domain::text::{char_len, has_control_chars};
use crate::domain::user::Role;
use chrono::{DateTime, Utc};

/// A return message or a comment, at most.
pub const MAX_MESSAGE: usize = 2000;

/// A step someone asks for: which, with what message, and for a return whether only the
/// commented sections reopen.
#[derive(Debug, Clone, Copy)]
pub struct StepRequest<'a> {
    pub step: Step,
    pub message: &'a str,
    pub only_commented: bool,
}

/// A message as kept: line ends made plain and trimmed; `None` when it is too long or holds
/// control characters.
fn message_text(text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n").trim().to_string();
    let plain = text.replace(['\n', '\t'], " ");
    (char_len(&text) <= MAX_MESSAGE && !has_control_chars(&plain)).then_some(text)
}

/// Takes the step on the plan for `who`; gives the number of the revision kept, if any.
/// Submission checks the plan's content and approval keeps it, both inside the step's own
/// transaction: the revision holds exactly what was checked.
pub async fn take_step(
    store: &Store,
    who: &Who,
    plan: PlanId,
    request: StepRequest<'_>,
    now: DateTime<Utc>,
) -> Result<Option<i32>, Refusal> {
    let StepRequest {
        step,
        message,
        only_commented,
    } = request;
    let PlanAt { plan, round } = readable(store, who, plan).await?;
    let has_leader = store.unit_has_leader(plan.org_unit_id).await?;
    if !may_take(&who.actor, step, plan.org_unit_id, has_leader) {
        return Err(Refusal::Forbidden);
    }
    let to = step
        .next(plan.status)
        .ok_or(Refusal::Conflict(Conflict::Status(plan.status)))?;
    let message = message_text(message).ok_or(Refusal::field("message", "err.step_message"))?;
    if step == Step::Return && message.is_empty() {
        return Err(Refusal::field("message", "err.return_message"));
    }
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
    // What the revision and the checks read besides the content, read before the step.
    let unit = store
        .unit(plan.org_unit_id)
        .await?
        .ok_or(Refusal::NotFound)?;
    let nodes = outline(store, &round).await?;
    let checks = Checks::load(store, &round).await?;
    let five_year = five_year_funding(store, &plan, &round).await?;
    let change = StepChange {
        open_sections: &open_sections,
        step,
        from: plan.status,
        to,
        message: &message,
    };
    let revision = |content: &_| {
        if step == Step::Submit {
            let blocking: Vec<Finding> = checks
                .findings(&round, content, five_year.as_deref())
                .into_iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            if !blocking.is_empty() {
                return Err(Refusal::Blocked(blocking));
            }
        }
        let mut value = plan_value(&round, &unit, &plan, &nodes, content);
        value["plan"]["status"] = to.code().into();
        value["plan"]["step"] = step.code().into();
        Ok(value.to_string())
    };
    match store
        .take_step(plan.id, &change, &who.audit(now), revision)
        .await?
    {
        Ok(revision) => Ok(revision),
        // Someone took another step first.
        Err(StepRefused::Moved(now)) => Err(Refusal::Conflict(Conflict::Status(now))),
        Err(StepRefused::Refused(refusal)) => Err(refusal),
    }
}

/// Where a reviewer comments: a section, or a row of one of its tables.
#[derive(Debug, Clone, Copy)]
pub struct CommentInput<'a> {
    pub section: &'a str,
    /// A table's row, by table code and row id.
    pub row: Option<(&'a str, RowId)>,
    pub body: &'a str,
}

/// A reviewer comments on a section, or on a row of one of its tables, of a submitted plan.
pub async fn add_comment(
    store: &Store,
    who: &Who,
    plan: PlanId,
    input: CommentInput<'_>,
    now: DateTime<Utc>,
) -> Result<CommentId, Refusal> {
    if who.actor.role != Role::Reviewer {
        return Err(Refusal::Forbidden);
    }
    let at = readable(store, who, plan).await?;
    if at.plan.status != PlanStatus::Submitted {
        return Err(Refusal::Locked);
    }
    let nodes = outline(store, &at.round).await?;
    let node = nodes
        .iter()
        .find(|n| n.key == input.section)
        .ok_or(Refusal::field("section", "err.unknown_section"))?;
    let row = match input.row {
        Some((table, row)) => {
            let table = crate::domain::tables::spec(table)
                .ok_or(Refusal::field("row", "err.unknown_row"))?
                .code;
            let place = crate::db::RowAt {
                plan: at.plan.id,
                table,
                row,
            };
            store
                .plan_row(place)
                .await?
                .ok_or(Refusal::field("row", "err.unknown_row"))?;
            Some((table, row))
        }
        None => None,
    };
    let body = message_text(input.body)
        .filter(|b| !b.is_empty())
        .ok_or(Refusal::field("body", "err.step_message"))?;
    let place = CommentAt {
        plan: at.plan.id,
        node_key: &node.key,
        row,
    };
    Ok(store.add_comment(&place, &body, &who.audit(now)).await?)
}

/// The reviewer, or the agency that fixed it, marks a comment resolved; gives the section the
/// comment is on.
pub async fn resolve_comment(
    store: &Store,
    who: &Who,
    plan: PlanId,
    comment: CommentId,
    now: DateTime<Utc>,
) -> Result<String, Refusal> {
    let at = readable(store, who, plan).await?;
    let agency = matches!(who.actor.role, Role::Editor | Role::Leader)
        && who.actor.org_unit_id == at.plan.org_unit_id;
    if !(agency || who.actor.role == Role::Reviewer) {
        return Err(Refusal::Forbidden);
    }
    let node = store
        .plan_comments(at.plan.id)
        .await?
        .into_iter()
        .find(|c| c.id == comment)
        .ok_or(Refusal::NotFound)?
        .node_key;
    store
        .resolve_comment(at.plan.id, comment, &who.audit(now))
        .await?;
    Ok(node)
}
