//! The storage contract of notifications: who hears of a step, a comment and a coming
//! deadline; reading them; and the mail queue with its limit of attempts — alike on SQLite
//! and PostgreSQL.

use crate::storage_setup::{day, Province};
use chrono::Duration;
use kehoachso::db::{CommentAt, Store, MAX_MAIL_ATTEMPTS};
use kehoachso::domain::review::Step;
use kehoachso::domain::round::PlanStatus;

async fn kinds(p: &Province, user: &kehoachso::domain::user::User) -> Vec<(String, String)> {
    p.store
        .notices(user.id, 50)
        .await
        .expect("notices")
        .into_iter()
        .map(|n| (n.kind, n.actor_name))
        .collect()
}

async fn audiences_contract(store: Store) {
    let p = Province::new(store).await;
    let s = &p.store;
    // The deadline (30/06/2026) falls in the week asked about: the unit's editor and leader
    // are reminded, once each however often the reminder runs.
    assert_eq!(
        s.remind_deadlines(day(2026, 6, 23), day(2026, 6, 30), p.now)
            .await
            .expect("remind"),
        2
    );
    assert_eq!(
        s.remind_deadlines(day(2026, 6, 23), day(2026, 6, 30), p.now)
            .await
            .expect("remind"),
        0
    );
    assert_eq!(
        s.remind_deadlines(day(2026, 7, 1), day(2026, 7, 7), p.now)
            .await
            .expect("remind"),
        0,
        "not a deadline of that week"
    );
    assert!(kinds(&p, &p.reviewer).await.is_empty());

    // A submission is for the reviewers; whoever took it does not hear of it.
    p.step(
        &p.leader,
        (Step::Submit, PlanStatus::Draft, PlanStatus::Submitted),
        |_| "{}".into(),
    )
    .await
    .expect("submitted");
    assert_eq!(
        kinds(&p, &p.reviewer).await,
        [("submitted".to_string(), "Trần Thị Bình".to_string())]
    );
    assert_eq!(
        kinds(&p, &p.leader).await,
        [("deadline".to_string(), String::new())]
    );
    // A comment is for the unit's editors and leader.
    let place = CommentAt {
        plan: p.plan,
        node_key: &p.section,
        row: None,
    };
    s.add_comment(&place, "Bổ sung.", &p.as_user(&p.reviewer))
        .await
        .expect("commented");
    let editor = kinds(&p, &p.editor).await;
    assert_eq!(
        editor[0],
        ("comment".to_string(), "Lê Văn Cường".to_string())
    );
    assert_eq!(editor.len(), 2);
    assert_eq!(
        kinds(&p, &p.reviewer).await.len(),
        1,
        "not their own comment"
    );

    // Reading: one, then all; never another user's.
    assert_eq!(s.unread_notices(p.editor.id).await.expect("q"), 2);
    let newest = s.notices(p.editor.id, 1).await.expect("q")[0].notification_id;
    assert_eq!(
        s.read_notice(p.reviewer.id, newest, p.now)
            .await
            .expect("q"),
        None,
        "not the reviewer's"
    );
    assert_eq!(
        s.read_notice(p.editor.id, newest, p.now).await.expect("q"),
        Some(p.plan)
    );
    assert_eq!(s.unread_notices(p.editor.id).await.expect("q"), 1);
    assert_eq!(s.read_all_notices(p.editor.id, p.now).await.expect("q"), 1);
    assert_eq!(s.unread_notices(p.editor.id).await.expect("q"), 0);
    assert_eq!(s.unread_notices(p.leader.id).await.expect("q"), 2);
}

async fn mail_queue_contract(store: Store) {
    let p = Province::new(store).await;
    let s = &p.store;
    s.remind_deadlines(day(2026, 6, 23), day(2026, 6, 30), p.now)
        .await
        .expect("remind");
    let since = p.now - Duration::days(1);
    let queued = s.notices_to_mail(since, 10).await.expect("queue");
    let mut to: Vec<&str> = queued.iter().map(|m| m.email.as_str()).collect();
    to.sort_unstable();
    assert_eq!(to, ["canbo.syt@example.vn", "lanhdao.syt@example.vn"]);
    assert!(queued
        .iter()
        .all(|m| m.notice.kind == "deadline" && m.language == "vi"));
    assert!(
        s.notices_to_mail(p.now + Duration::minutes(1), 10)
            .await
            .expect("queue")
            .is_empty(),
        "only what was written since"
    );
    // Sent: out of the queue. Failing: tried again, until the limit.
    let (sent, failing) = (
        queued[0].notice.notification_id,
        queued[1].notice.notification_id,
    );
    s.mark_mailed(sent, true, p.now).await.expect("sent");
    for attempt in 1..=MAX_MAIL_ATTEMPTS {
        let waiting: Vec<i64> = s
            .notices_to_mail(since, 10)
            .await
            .expect("queue")
            .iter()
            .map(|m| m.notice.notification_id)
            .collect();
        assert_eq!(waiting, [failing], "attempt {attempt}");
        s.mark_mailed(failing, false, p.now).await.expect("failed");
    }
    assert!(s
        .notices_to_mail(since, 10)
        .await
        .expect("queue")
        .is_empty());
}

on_both_backends! {
    each_audience_hears_of_steps_comments_and_deadlines_and_reads_only_its_own => audiences_contract,
    mail_is_queued_once_sent_and_retried_up_to_its_limit => mail_queue_contract,
}
