//! The storage contract of plans' sections: versions, conflicts and closed plans, alike on
//! SQLite and PostgreSQL, also when saves race.

use crate::storage_setup::Province;
use kehoachso::db::{DbError, SaveError, StepChange, Store};
use kehoachso::domain::review::Step;
use kehoachso::domain::round::{PlanStatus, SectionInput};

fn text(body: &str) -> SectionInput {
    SectionInput {
        body_html: format!("<p>{body}</p>"),
        not_applicable: false,
        not_applicable_reason: String::new(),
    }
}

async fn versions_and_conflicts_contract(store: Store) {
    let p = Province::new(store).await;
    let (s, key, c) = (&p.store, p.section.as_str(), p.as_user(&p.editor));
    assert!(s.plan_section(p.plan, key).await.expect("q").is_none());

    let first = s
        .save_section(p.plan, key, 0, &text("Một"), &c)
        .await
        .expect("first save");
    assert_eq!((first.version, first.body_html.as_str()), (1, "<p>Một</p>"));
    assert_eq!(
        first.updated_by.as_deref(),
        Some("Nguyễn Văn An"),
        "the saver's full name"
    );
    let second = s
        .save_section(p.plan, key, 1, &text("Hai"), &c)
        .await
        .expect("save on the current version");
    assert_eq!(second.version, 2);

    // A save from version 1 comes too late: it is told what version 2 holds.
    match s.save_section(p.plan, key, 1, &text("Cũ"), &c).await {
        Err(SaveError::Conflict { base, current }) => {
            assert_eq!(base, 1);
            assert_eq!(
                (current.version, current.body_html.as_str()),
                (2, "<p>Hai</p>")
            );
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    // A first save over a section already saved is a conflict too.
    match s.save_section(p.plan, key, 0, &text("Mới"), &c).await {
        Err(SaveError::Conflict { current, .. }) => assert_eq!(current.version, 2),
        other => panic!("expected a conflict, got {other:?}"),
    }
    let stored = s.plan_sections(p.plan).await.expect("sections");
    assert_eq!(stored.len(), 1);
    assert_eq!(
        (stored[0].version, stored[0].body_html.as_str()),
        (2, "<p>Hai</p>")
    );
}

async fn a_submitted_plan_refuses_contract(store: Store) {
    let p = Province::new(store).await;
    let (s, key) = (&p.store, p.section.as_str());
    s.save_section(p.plan, key, 0, &text("Một"), &p.as_user(&p.editor))
        .await
        .expect("saved while a draft");
    let submit = StepChange {
        step: Step::Submit,
        from: PlanStatus::Draft,
        to: PlanStatus::Submitted,
        message: "",
        open_sections: &[],
    };
    s.take_step(p.plan, &submit, &p.as_user(&p.leader), |_| {
        Ok::<_, String>("{}".to_string())
    })
    .await
    .expect("step")
    .expect("submitted");
    let refused = s
        .save_section(p.plan, key, 1, &text("Sau"), &p.as_user(&p.editor))
        .await;
    assert!(
        matches!(refused, Err(SaveError::Db(DbError::PlanClosed))),
        "{refused:?}"
    );
    let kept = s.plan_section(p.plan, key).await.expect("q").expect("s");
    assert_eq!((kept.version, kept.body_html.as_str()), (1, "<p>Một</p>"));
}

/// Saves `sessions` racing saves from `base` and gives how many were taken and how many were
/// refused as conflicts; anything else fails the test.
async fn race(p: &Province, base: i32, sessions: usize) -> (usize, usize) {
    let mut tasks = Vec::new();
    for i in 0..sessions {
        let store = p.store.clone();
        let (plan, key, c) = (p.plan, p.section.clone(), p.as_user(&p.editor));
        tasks.push(tokio::spawn(async move {
            store
                .save_section(plan, &key, base, &text(&format!("phiên {i}")), &c)
                .await
        }));
    }
    let (mut won, mut lost) = (0, 0);
    for task in tasks {
        match task.await.expect("task") {
            Ok(_) => won += 1,
            Err(SaveError::Conflict { .. }) => lost += 1,
            Err(e) => panic!("a race must end in a save or a conflict, not {e:?}"),
        }
    }
    (won, lost)
}

async fn racing_first_saves_contract(store: Store) {
    let p = Province::new(store).await;
    let (a, b) = (p.store.clone(), p.store.clone());
    let (ca, cb) = (p.as_user(&p.editor), p.as_user(&p.leader));
    let (ta, tb) = (text("trái"), text("phải"));
    let (left, right) = tokio::join!(
        a.save_section(p.plan, &p.section, 0, &ta, &ca),
        b.save_section(p.plan, &p.section, 0, &tb, &cb),
    );
    let results = [left, right];
    let won: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    let lost = results
        .iter()
        .filter(|r| matches!(r, Err(SaveError::Conflict { .. })))
        .count();
    assert_eq!((won.len(), lost), (1, 1), "{results:?}");
    let stored = p
        .store
        .plan_section(p.plan, &p.section)
        .await
        .expect("q")
        .expect("s");
    assert_eq!(stored.version, 1);
    assert_eq!(
        stored.body_html, won[0].body_html,
        "the winner's text is kept"
    );
}

async fn racing_saves_from_one_base_contract(store: Store) {
    let p = Province::new(store).await;
    p.store
        .save_section(p.plan, &p.section, 0, &text("gốc"), &p.as_user(&p.editor))
        .await
        .expect("first save");
    assert_eq!(race(&p, 1, 8).await, (1, 7));
    let stored = p
        .store
        .plan_section(p.plan, &p.section)
        .await
        .expect("q")
        .expect("s");
    assert_eq!(stored.version, 2);
}

/// Several sessions save in turns, each from the version it last saw, all at once; every save
/// acknowledged is one version, so no acknowledged save was lost.
async fn every_acknowledged_save_is_a_version_contract(store: Store) {
    let p = Province::new(store).await;
    let mut tasks = Vec::new();
    for session in 0..4 {
        let store = p.store.clone();
        let (plan, key, c) = (p.plan, p.section.clone(), p.as_user(&p.editor));
        tasks.push(tokio::spawn(async move {
            let mut base = 0;
            let mut acknowledged = 0;
            for attempt in 0..6 {
                let input = text(&format!("phiên {session} lần {attempt}"));
                match store.save_section(plan, &key, base, &input, &c).await {
                    Ok(saved) => {
                        assert_eq!(saved.version, base + 1);
                        base = saved.version;
                        acknowledged += 1;
                    }
                    Err(SaveError::Conflict { current, .. }) => base = current.version,
                    Err(e) => panic!("a save or a conflict, not {e:?}"),
                }
            }
            acknowledged
        }));
    }
    let mut acknowledged = 0;
    for task in tasks {
        acknowledged += task.await.expect("task");
    }
    let stored = p
        .store
        .plan_section(p.plan, &p.section)
        .await
        .expect("q")
        .expect("s");
    assert_eq!(stored.version, acknowledged);
}

on_both_backends! {
    a_section_saves_from_its_version_and_a_stale_version_gets_the_current_text
        => versions_and_conflicts_contract,
    a_submitted_plan_refuses_a_section_save => a_submitted_plan_refuses_contract,
    two_racing_first_saves_give_one_save_and_one_conflict => racing_first_saves_contract,
    many_racing_saves_from_one_version_give_exactly_one_save
        => racing_saves_from_one_base_contract,
    every_acknowledged_save_of_racing_sessions_is_a_version
        => every_acknowledged_save_is_a_version_contract,
}
