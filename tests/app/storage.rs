//! The storage contract: the same calls give the same answers on SQLite and on PostgreSQL.

use crate::helpers::password_hash;
use crate::storage_setup::{day, unit};
use chrono::{Duration, TimeZone, Utc};
use kehoachso::db::{AuditCtx, DbError, ImportMode, Store, UnitFilter, UnitWriteError, UserFilter};
use kehoachso::domain::audit::AuditFilter;
use kehoachso::domain::org_unit::Closure;
use kehoachso::domain::user::{Language, Role, UserInput};

fn ctx() -> AuditCtx {
    AuditCtx {
        at: Utc
            .with_ymd_and_hms(2026, 1, 5, 8, 0, 0)
            .single()
            .expect("time"),
        actor_user_id: None,
        actor_name: "contract".into(),
    }
}

fn user(username: &str, role: Role, unit: &str) -> UserInput {
    UserInput {
        username: username.into(),
        display_name: format!("Tên {username}"),
        role,
        unit_code: unit.into(),
        language: Language::Vi,
        email: String::new(),
    }
}

async fn units_contract(store: Store) {
    let c = ctx();
    let qng = store
        .create_unit(&unit("QNG", None, "Tỉnh Quảng Ngãi"), &c)
        .await
        .expect("province");
    let stttt = store
        .create_unit(
            &unit("STTTT", Some("QNG"), "Sở Thông tin và Truyền thông"),
            &c,
        )
        .await
        .expect("dept");
    let skhcn = store
        .create_unit(&unit("SKHCN", Some("QNG"), "Sở Khoa học và Công nghệ"), &c)
        .await
        .expect("dept");
    assert_eq!(stttt.parent_id, Some(qng.id));

    // Missing is not broken; a taken code and an unknown parent are field errors.
    assert!(store.unit_by_code("NOPE").await.expect("query").is_none());
    let dup = store
        .create_unit(&unit("SKHCN", Some("QNG"), "Khác"), &c)
        .await;
    assert!(
        matches!(
            dup,
            Err(DbError::Field { ref field, key: "err.code_taken" }) if field == "code"
        ),
        "{dup:?}"
    );
    let orphan = store
        .create_unit(&unit("X", Some("NOPE"), "Mồ côi"), &c)
        .await;
    assert!(
        matches!(
            orphan,
            Err(DbError::Field { ref field, .. }) if field == "parent_code"
        ),
        "{orphan:?}"
    );

    // A parent cannot be the unit's own descendant.
    let cycle = store
        .update_unit(qng.id, &unit("QNG", Some("STTTT"), "Tỉnh Quảng Ngãi"), &c)
        .await;
    assert!(
        matches!(
            cycle,
            Err(DbError::Field { ref field, key: "err.parent_cycle" }) if field == "parent_code"
        ),
        "{cycle:?}"
    );

    // Search ignores case and diacritics.
    let found = store
        .units(&UnitFilter {
            query: "so thong tin".into(),
            ..UnitFilter::default()
        })
        .await
        .expect("search");
    assert_eq!(
        found
            .iter()
            .map(|r| r.unit.code.as_str())
            .collect::<Vec<_>>(),
        ["STTTT"]
    );

    // Merging closes the unit the day before and links its history to the successor.
    let merged = store
        .close_unit(stttt.id, Closure::MergeInto(skhcn.id), day(2025, 3, 1), &c)
        .await
        .expect("merge");
    assert_eq!(merged.valid_to, Some(day(2025, 2, 28)));
    assert_eq!(merged.merged_into_id, Some(skhcn.id));
    let predecessors = store.unit_predecessors(skhcn.id).await.expect("lineage");
    assert_eq!(
        predecessors
            .iter()
            .map(|u| u.code.as_str())
            .collect::<Vec<_>>(),
        ["STTTT"]
    );
    let again = store
        .close_unit(stttt.id, Closure::Close, day(2025, 7, 1), &c)
        .await;
    assert!(
        matches!(
            again,
            Err(DbError::Field {
                key: "err.unit_already_closed",
                ..
            })
        ),
        "{again:?}"
    );
    // A unit with open children does not close.
    let parent = store
        .close_unit(qng.id, Closure::Close, day(2025, 7, 1), &c)
        .await;
    assert!(
        matches!(
            parent,
            Err(DbError::Field {
                key: "err.unit_has_open_children",
                ..
            })
        ),
        "{parent:?}"
    );

    // Closed units are listed only when asked for.
    let open = store.units(&UnitFilter::default()).await.expect("list");
    assert!(!open.iter().any(|r| r.unit.code == "STTTT"));
    let all = store
        .units(&UnitFilter {
            include_closed: true,
            ..UnitFilter::default()
        })
        .await
        .expect("list");
    let row = all
        .iter()
        .find(|r| r.unit.code == "STTTT")
        .expect("closed unit listed");
    assert_eq!(row.merged_into_code.as_deref(), Some("SKHCN"));
    assert_eq!(row.parent_code.as_deref(), Some("QNG"));

    // An import is all or nothing, unless only the valid rows are asked for.
    let rows = vec![
        unit("SYT", Some("QNG"), "Sở Y tế"),
        unit("BAD", Some("NOWHERE"), "Sai"),
        unit("SYT2", Some("SYT"), "Trực thuộc"),
    ];
    match store
        .import_units(&rows, &c, ImportMode::AllOrNothing)
        .await
    {
        Err(UnitWriteError::Rows(bad)) => {
            assert_eq!(bad.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [1])
        }
        other => panic!("expected row errors, got {other:?}"),
    }
    assert!(
        store.unit_by_code("SYT").await.expect("query").is_none(),
        "nothing was written"
    );
    let outcome = store
        .import_units(&rows, &c, ImportMode::ValidOnly)
        .await
        .expect("valid rows");
    assert_eq!(
        (outcome.created, outcome.updated, outcome.skipped.len()),
        (2, 0, 1)
    );
    let again = store
        .import_units(&rows[..1], &c, ImportMode::AllOrNothing)
        .await
        .expect("update by code");
    assert_eq!((again.created, again.updated), (0, 1));

    let (events, total) = store
        .audit_events(&AuditFilter {
            action_prefix: Some("unit.merge".into()),
            limit: 10,
            ..AuditFilter::default()
        })
        .await
        .expect("audit");
    assert_eq!(total, 1);
    assert_eq!(events[0].object_label, "STTTT");
    assert!(
        events[0].after.contains("merged_into=SKHCN"),
        "{}",
        events[0].after
    );
}

async fn users_contract(store: Store) {
    let c = ctx();
    store
        .create_unit(&unit("QNG", None, "Tỉnh Quảng Ngãi"), &c)
        .await
        .expect("unit");
    store
        .create_unit(&unit("SYT", Some("QNG"), "Sở Y tế"), &c)
        .await
        .expect("unit");
    let u = store
        .create_user(
            &user("canbo.syt", Role::Editor, "SYT"),
            password_hash(),
            true,
            &c,
        )
        .await
        .expect("user");
    assert!(u.must_change_password);
    let taken = store
        .create_user(
            &user("canbo.syt", Role::Viewer, "QNG"),
            password_hash(),
            false,
            &c,
        )
        .await;
    assert!(
        matches!(
            taken,
            Err(DbError::Field { ref field, key: "err.username_taken" }) if field == "username"
        ),
        "{taken:?}"
    );
    let unknown = store
        .create_user(
            &user("x.y", Role::Viewer, "NOPE"),
            password_hash(),
            false,
            &c,
        )
        .await;
    assert!(
        matches!(
            unknown,
            Err(DbError::Field { ref field, .. }) if field == "unit_code"
        ),
        "{unknown:?}"
    );

    let (found, hash) = store
        .user_credentials("CANBO.SYT")
        .await
        .expect("query")
        .expect("found by any case");
    assert_eq!(found.id, u.id);
    assert_eq!(hash, password_hash());

    // Sessions: created, found, and all ended by a password change or by disabling.
    let now = c.at;
    store
        .create_session("h1", u.id, "csrf1", now)
        .await
        .expect("session");
    store
        .create_session("h2", u.id, "csrf2", now)
        .await
        .expect("session");
    let s = store
        .session("h1")
        .await
        .expect("query")
        .expect("session found");
    assert_eq!(
        s.unit_name, "Sở Y tế",
        "the unit's name comes with the session"
    );
    assert_eq!(
        (s.user.id, s.csrf_token.as_str(), s.created_at),
        (u.id, "csrf1", now)
    );
    store
        .touch_session("h1", now + Duration::minutes(5))
        .await
        .expect("touch");
    assert_eq!(
        store
            .session("h1")
            .await
            .expect("q")
            .expect("s")
            .last_seen_at,
        now + Duration::minutes(5)
    );
    store
        .set_password(u.id, password_hash(), false, &c)
        .await
        .expect("password");
    assert_eq!(store.count_user_sessions(u.id).await.expect("count"), 0);
    store
        .create_session("h3", u.id, "csrf3", now)
        .await
        .expect("session");
    store
        .set_user_disabled(u.id, true, &c)
        .await
        .expect("disable");
    assert!(store.session("h3").await.expect("query").is_none());
    assert!(store.user(u.id).await.expect("q").expect("u").disabled);

    // A new role or unit ends the sessions too.
    store
        .set_user_disabled(u.id, false, &c)
        .await
        .expect("enable");
    store
        .create_session("h4", u.id, "csrf4", now)
        .await
        .expect("session");
    let moved = store
        .update_user(u.id, &user("canbo.syt", Role::Leader, "QNG"), &c)
        .await
        .expect("update");
    assert_eq!(moved.role, Role::Leader);
    assert!(store.session("h4").await.expect("query").is_none());

    // Expired sessions are purged.
    store
        .create_session("old", u.id, "c", now - Duration::hours(13))
        .await
        .expect("session");
    store
        .create_session("new", u.id, "c", now)
        .await
        .expect("session");
    store
        .purge_expired(
            now - Duration::minutes(30),
            now - Duration::hours(12),
            now - Duration::hours(1),
        )
        .await
        .expect("purge");
    assert!(store.session("old").await.expect("q").is_none());
    assert!(store.session("new").await.expect("q").is_some());

    // Sign-in failures are counted per account and per address within the window.
    for i in 0..3 {
        store
            .record_login_failure("canbo.syt", "10.0.0.1", now - Duration::minutes(i))
            .await
            .expect("failure");
    }
    store
        .record_login_failure("other", "10.0.0.1", now - Duration::hours(2))
        .await
        .expect("failure");
    let counts = store
        .login_failures_since("canbo.syt", "10.0.0.1", now - Duration::hours(1))
        .await
        .expect("count");
    assert_eq!(counts, (3, 3));
    store
        .clear_login_failures("canbo.syt")
        .await
        .expect("clear");
    assert_eq!(
        store
            .login_failures_since("canbo.syt", "10.0.0.1", now - Duration::hours(1))
            .await
            .expect("count"),
        (0, 0)
    );

    let listed = store
        .users(&UserFilter {
            query: "quang ngai".into(),
            ..UserFilter::default()
        })
        .await
        .expect("list");
    assert_eq!(
        listed.len(),
        1,
        "found through the unit's name without diacritics"
    );
    assert_eq!(listed[0].unit_code, "QNG");

    let (events, _) = store
        .audit_events(&AuditFilter {
            action_prefix: Some("user.".into()),
            limit: 50,
            ..AuditFilter::default()
        })
        .await
        .expect("audit");
    let actions: Vec<&str> = events.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "user.create",
            "user.change_password",
            "user.disable",
            "user.enable",
            "user.update"
        ]
    );
}

async fn audit_filter_contract(store: Store) {
    let base = Utc
        .with_ymd_and_hms(2026, 3, 1, 1, 0, 0)
        .single()
        .expect("time");
    for (i, actor) in ["an", "binh", "an"].iter().enumerate() {
        let c = AuditCtx {
            at: base + Duration::days(i as i64),
            actor_user_id: None,
            actor_name: actor.to_string(),
        };
        store
            .record_audit(&c.event(
                "auth.login",
                "session",
                i,
                *actor,
                String::new(),
                String::new(),
            ))
            .await
            .expect("event");
    }
    let by_actor = store
        .audit_events(&AuditFilter {
            actor: Some("an".into()),
            limit: 10,
            ..AuditFilter::default()
        })
        .await
        .expect("q");
    assert_eq!(by_actor.1, 2);
    let window = store
        .audit_events(&AuditFilter {
            from: Some(base + Duration::hours(12)),
            to: Some(base + Duration::days(1) + Duration::hours(1)),
            limit: 10,
            ..AuditFilter::default()
        })
        .await
        .expect("q");
    assert_eq!(
        window
            .0
            .iter()
            .map(|e| e.actor_name.as_str())
            .collect::<Vec<_>>(),
        ["binh"]
    );
    let paged = store
        .audit_events(&AuditFilter {
            limit: 1,
            offset: 1,
            ..AuditFilter::default()
        })
        .await
        .expect("q");
    assert_eq!((paged.0.len(), paged.1), (1, 3));
    assert_eq!(paged.0[0].actor_name, "binh", "newest first");
}

on_both_backends! {
    units_are_created_merged_imported_and_audited => units_contract,
    users_sessions_and_throttling_behave_alike => users_contract,
    audit_events_filter_and_page_alike => audit_filter_contract,
}
