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
use crate::domain::review::{may_resolve, may_take, Resolving, Step};
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

/// The reviewer during review, or the agency that fixed it while it may change its plan, marks
/// a comment resolved; gives the section the comment is on.
pub async fn resolve_comment(
    store: &Store,
    who: &Who,
    plan: PlanId,
    comment: CommentId,
    now: DateTime<Utc>,
) -> Result<String, Refusal> {
    let at = readable(store, who, plan).await?;
    match may_resolve(&who.actor, at.plan.org_unit_id, at.plan.status) {
        Resolving::Allowed => {}
        Resolving::Forbidden => return Err(Refusal::Forbidden),
        Resolving::Locked => return Err(Refusal::Locked),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixture::province;

    fn request(step: Step, message: &str) -> StepRequest<'_> {
        StepRequest {
            step,
            message,
            only_commented: false,
        }
    }

    #[tokio::test]
    async fn an_unfinished_plan_cannot_be_submitted() {
        let p = province().await;
        let refused = take_step(
            &p.store,
            &p.leader,
            p.plan,
            request(Step::Submit, ""),
            p.now,
        )
        .await;
        match refused {
            Err(Refusal::Blocked(findings)) => {
                assert!(findings.iter().all(|f| f.code == "SECTION_EMPTY"));
            }
            other => panic!("{other:?}"),
        }
        let plan = p.store.plan(p.plan).await.expect("q").expect("plan");
        assert_eq!(plan.status, PlanStatus::Draft);
        assert!(p.store.plan_revisions(p.plan).await.expect("q").is_empty());
    }

    // Long: one story, submit then approve, with the revision checked at each step.
    #[tokio::test]
    async fn the_loop_keeps_a_revision_at_submission_and_approval() {
        // Long because it walks the whole loop once: each step starts where the last one ended.
        let p = province().await;
        p.fill(&p.editor, p.plan).await;
        // Sở Y tế has a leader: its editor does not submit.
        let editor = take_step(
            &p.store,
            &p.editor,
            p.plan,
            request(Step::Submit, ""),
            p.now,
        )
        .await;
        assert!(matches!(editor, Err(Refusal::Forbidden)), "{editor:?}");
        let first = take_step(
            &p.store,
            &p.leader,
            p.plan,
            request(Step::Submit, ""),
            p.now,
        )
        .await;
        assert_eq!(first.expect("submitted"), Some(1));
        let silent = take_step(
            &p.store,
            &p.reviewer,
            p.plan,
            request(Step::Return, " "),
            p.now,
        )
        .await;
        assert!(matches!(silent, Err(Refusal::Invalid(_))), "{silent:?}");
        let back = take_step(
            &p.store,
            &p.reviewer,
            p.plan,
            request(Step::Return, "Bổ sung."),
            p.now,
        );
        assert_eq!(back.await.expect("returned"), None);
        let early = take_step(
            &p.store,
            &p.reviewer,
            p.plan,
            request(Step::Approve, ""),
            p.now,
        )
        .await;
        assert!(
            matches!(
                early,
                Err(Refusal::Conflict(Conflict::Status(PlanStatus::Returned)))
            ),
            "{early:?}"
        );
        take_step(
            &p.store,
            &p.leader,
            p.plan,
            request(Step::Submit, ""),
            p.now,
        )
        .await
        .expect("submitted again");
        let approved = take_step(
            &p.store,
            &p.reviewer,
            p.plan,
            request(Step::Approve, ""),
            p.now,
        );
        assert_eq!(approved.await.expect("approved"), Some(3));
        let kept = p
            .store
            .plan_revision(p.plan, 3)
            .await
            .expect("q")
            .expect("kept");
        let kept: serde_json::Value = serde_json::from_str(&kept).expect("json");
        assert_eq!(kept["plan"]["status"], "approved");
        assert!(!kept["sections"].as_array().expect("sections").is_empty());
        let reopened = take_step(
            &p.store,
            &p.leader,
            p.plan,
            request(Step::Reopen, ""),
            p.now,
        );
        assert_eq!(reopened.await.expect("reopened"), None);
    }

    #[tokio::test]
    async fn the_agency_submits_its_own_plan_only_and_reviewers_alone_approve() {
        let p = province().await;
        p.fill(&p.other_editor, p.other_plan).await;
        let foreign = take_step(
            &p.store,
            &p.leader,
            p.other_plan,
            request(Step::Submit, ""),
            p.now,
        );
        assert!(matches!(foreign.await, Err(Refusal::Forbidden)));
        // Sở Tài chính has no leader: its editor submits.
        take_step(
            &p.store,
            &p.other_editor,
            p.other_plan,
            request(Step::Submit, ""),
            p.now,
        )
        .await
        .expect("submitted");
        for who in [&p.admin, &p.viewer, &p.other_editor] {
            let refused = take_step(
                &p.store,
                who,
                p.other_plan,
                request(Step::Approve, ""),
                p.now,
            )
            .await;
            assert!(matches!(refused, Err(Refusal::Forbidden)), "{}", who.login);
        }
    }

    #[tokio::test]
    async fn reviewers_comment_on_submitted_plans_and_the_agency_resolves() {
        let p = province().await;
        let key = p.text_section().await;
        let input = CommentInput {
            section: &key,
            row: None,
            body: "Bổ sung số liệu.",
        };
        let early = add_comment(&p.store, &p.reviewer, p.plan, input, p.now).await;
        assert!(matches!(early, Err(Refusal::Locked)), "{early:?}");
        p.submitted().await;
        let agency = add_comment(&p.store, &p.editor, p.plan, input, p.now).await;
        assert!(matches!(agency, Err(Refusal::Forbidden)), "{agency:?}");
        let empty = CommentInput {
            body: "  ",
            ..input
        };
        let refused = add_comment(&p.store, &p.reviewer, p.plan, empty, p.now).await;
        assert!(matches!(refused, Err(Refusal::Invalid(_))), "{refused:?}");
        let id = add_comment(&p.store, &p.reviewer, p.plan, input, p.now)
            .await
            .expect("commented");
        let comments = p.store.plan_comments(p.plan).await.expect("comments");
        assert_eq!(comments[0].created_by_name, "Tên thamdinh");
        let other = resolve_comment(&p.store, &p.other_editor, p.plan, id, p.now).await;
        assert!(matches!(other, Err(Refusal::Forbidden)), "{other:?}");
        // Under review, the plan is the reviewers': the agency resolves once it has it back.
        let early = resolve_comment(&p.store, &p.editor, p.plan, id, p.now).await;
        assert!(matches!(early, Err(Refusal::Locked)), "{early:?}");
        let back = StepRequest {
            step: Step::Return,
            message: "Sửa theo ý kiến.",
            only_commented: false,
        };
        take_step(&p.store, &p.reviewer, p.plan, back, p.now)
            .await
            .expect("returned");
        let node = resolve_comment(&p.store, &p.editor, p.plan, id, p.now)
            .await
            .expect("resolved");
        assert_eq!(node, key);
        let again = resolve_comment(&p.store, &p.editor, p.plan, id, p.now).await;
        assert!(matches!(again, Err(Refusal::NotFound)), "{again:?}");
    }

    #[tokio::test]
    async fn a_comment_that_reaches_the_store_after_the_approval_is_refused_there() {
        let p = province().await;
        let key = p.text_section().await;
        p.submitted().await;
        take_step(
            &p.store,
            &p.reviewer,
            p.plan,
            request(Step::Approve, ""),
            p.now,
        )
        .await
        .expect("approved");
        // As a comment checked a moment before the approval would arrive: the store's own
        // gate refuses it, whatever the caller saw.
        let place = CommentAt {
            plan: p.plan,
            node_key: &key,
            row: None,
        };
        let ctx = p.reviewer.audit(p.now);
        let late = p.store.add_comment(&place, "Muộn.", &ctx).await;
        assert!(
            matches!(late, Err(crate::db::DbError::PlanClosed)),
            "{late:?}"
        );
        assert!(p.store.plan_comments(p.plan).await.expect("q").is_empty());
    }

    #[tokio::test]
    async fn a_return_of_the_commented_sections_reopens_only_those() {
        let p = province().await;
        p.submitted().await;
        let key = p.text_section().await;
        let input = CommentInput {
            section: &key,
            row: None,
            body: "Sửa mục này.",
        };
        add_comment(&p.store, &p.reviewer, p.plan, input, p.now)
            .await
            .expect("commented");
        let only = StepRequest {
            step: Step::Return,
            message: "Sửa theo ý kiến.",
            only_commented: true,
        };
        take_step(&p.store, &p.reviewer, p.plan, only, p.now)
            .await
            .expect("returned");
        assert_eq!(
            p.store
                .plan(p.plan)
                .await
                .expect("q")
                .expect("plan")
                .open_sections,
            [key]
        );
    }
}
