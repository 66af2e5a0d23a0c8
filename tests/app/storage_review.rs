//! The storage contract of the review loop: steps that move a plan only from the status they
//! name, revisions kept with what the step read, comments added, listed, counted and resolved,
//! each under the full name of who acted — alike on SQLite and PostgreSQL.

use crate::storage_setup::Province;
use kehoachso::db::{CommentAt, DbError, StepRefused, Store};
use kehoachso::domain::review::Step;
use kehoachso::domain::round::{PlanStatus, SectionInput};

const SUBMIT: (Step, PlanStatus, PlanStatus) =
    (Step::Submit, PlanStatus::Draft, PlanStatus::Submitted);
const APPROVE: (Step, PlanStatus, PlanStatus) =
    (Step::Approve, PlanStatus::Submitted, PlanStatus::Approved);

/// A snapshot that names what the step read: the sections and their text.
fn snapshot(content: &kehoachso::domain::content::PlanContent) -> String {
    let texts: Vec<String> = content
        .sections
        .iter()
        .map(|(key, s)| format!("{key}={}", s.body_html))
        .collect();
    texts.join(";")
}

async fn steps_and_revisions_contract(store: Store) {
    let p = Province::new(store).await;
    let s = &p.store;
    let body = SectionInput {
        body_html: "<p>Hiện trạng ứng dụng CNTT</p>".into(),
        not_applicable: false,
        not_applicable_reason: String::new(),
    };
    s.save_section(p.plan, &p.section, 0, &body, &p.as_user(&p.editor))
        .await
        .expect("saved");
    assert_eq!(
        p.step(&p.leader, SUBMIT, snapshot)
            .await
            .expect("submitted"),
        Some(1)
    );
    // The same step again finds the plan moved on, and says where it is.
    match p.step(&p.leader, SUBMIT, snapshot).await {
        Err(StepRefused::Moved(now)) => assert_eq!(now, PlanStatus::Submitted),
        other => panic!("{other:?}"),
    }
    // A step the content refuses leaves the plan where it was.
    let refused = s
        .take_step(
            p.plan,
            &kehoachso::db::StepChange {
                step: Step::Approve,
                from: PlanStatus::Submitted,
                to: PlanStatus::Approved,
                message: "",
                open_sections: &[],
            },
            &p.as_user(&p.reviewer),
            |_| Err::<String, _>("không đạt"),
        )
        .await
        .expect("no database error");
    assert!(
        matches!(refused, Err(StepRefused::Refused("không đạt"))),
        "{refused:?}"
    );
    let plan = s.plan(p.plan).await.expect("q").expect("plan");
    assert_eq!(plan.status, PlanStatus::Submitted);

    assert_eq!(
        p.step(&p.reviewer, APPROVE, snapshot)
            .await
            .expect("approved"),
        Some(2)
    );
    let steps = s.plan_steps(p.plan).await.expect("steps");
    let taken: Vec<(&str, &str, &str, Option<i32>, &str)> = steps
        .iter()
        .map(|r| {
            (
                r.step.as_str(),
                r.from_status.as_str(),
                r.to_status.as_str(),
                r.revision_number,
                r.by_name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        taken,
        [
            ("submit", "draft", "submitted", Some(1), "Trần Thị Bình"),
            ("approve", "submitted", "approved", Some(2), "Lê Văn Cường"),
        ]
    );
    assert!(steps.iter().all(|r| r.message == "Ý kiến kèm theo bước."));
    let revisions = s.plan_revisions(p.plan).await.expect("revisions");
    let kept: Vec<(i32, &str, &str)> = revisions
        .iter()
        .map(|r| (r.number, r.status.as_str(), r.created_by_name.as_str()))
        .collect();
    assert_eq!(
        kept,
        [
            (1, "submitted", "Trần Thị Bình"),
            (2, "approved", "Lê Văn Cường")
        ]
    );
    let expected = format!("{}=<p>Hiện trạng ứng dụng CNTT</p>", p.section);
    assert_eq!(
        s.plan_revision(p.plan, 1).await.expect("q").as_deref(),
        Some(expected.as_str())
    );
    assert_eq!(s.plan_revision(p.plan, 3).await.expect("q"), None);
}

async fn comments_contract(store: Store) {
    let p = Province::new(store).await;
    let s = &p.store;
    let place = CommentAt {
        plan: p.plan,
        node_key: &p.section,
        row: None,
    };
    let reviewer = p.as_user(&p.reviewer);
    // A draft is not under review: nothing to comment on yet.
    let early = s.add_comment(&place, "Sớm quá.", &reviewer).await;
    assert!(matches!(early, Err(DbError::PlanClosed)), "{early:?}");
    p.step(&p.leader, SUBMIT, snapshot)
        .await
        .expect("submitted");
    let first = s
        .add_comment(&place, "Bổ sung số liệu năm 2025.", &reviewer)
        .await
        .expect("commented");
    s.add_comment(&place, "Ghi rõ nguồn vốn.", &reviewer)
        .await
        .expect("commented");
    let comments = s.plan_comments(p.plan).await.expect("comments");
    let listed: Vec<(&str, &str, bool)> = comments
        .iter()
        .map(|c| (c.body.as_str(), c.created_by_name.as_str(), c.resolved))
        .collect();
    assert_eq!(
        listed,
        [
            ("Bổ sung số liệu năm 2025.", "Lê Văn Cường", false),
            ("Ghi rõ nguồn vốn.", "Lê Văn Cường", false),
        ]
    );
    assert_eq!(comments[0].id, first);
    assert_eq!(comments[0].node_key, p.section);
    let open = s.open_comments(p.round).await.expect("open");
    assert_eq!(open.get(&p.plan), Some(&2));

    s.resolve_comment(p.plan, first, &p.as_user(&p.editor))
        .await
        .expect("resolved");
    let again = s
        .resolve_comment(p.plan, first, &p.as_user(&p.editor))
        .await;
    assert!(matches!(again, Err(DbError::NotFound)), "once: {again:?}");
    let comments = s.plan_comments(p.plan).await.expect("comments");
    assert!(comments[0].resolved);
    assert_eq!(
        comments[0].resolved_by_name.as_deref(),
        Some("Nguyễn Văn An")
    );
    assert_eq!(
        s.open_comments(p.round).await.expect("open").get(&p.plan),
        Some(&1)
    );

    // Approved, the plan takes no more comments.
    p.step(&p.reviewer, APPROVE, snapshot)
        .await
        .expect("approved");
    let late = s.add_comment(&place, "Muộn.", &reviewer).await;
    assert!(matches!(late, Err(DbError::PlanClosed)), "{late:?}");
    assert_eq!(s.plan_comments(p.plan).await.expect("q").len(), 2);
}

on_both_backends! {
    steps_move_a_plan_only_from_their_status_and_keep_what_they_read => steps_and_revisions_contract,
    comments_are_added_counted_and_resolved_under_full_names_while_under_review => comments_contract,
}
