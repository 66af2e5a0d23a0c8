//! The storage contract of plans' table rows: insert, versioned change and delete, order, a
//! whole replacement, and racing changes, alike on SQLite and PostgreSQL.

use crate::storage_setup::Province;
use kehoachso::db::{NewRow, RowAt, Store};
use kehoachso::domain::ids::RowId;

fn row<'a>(table: &'a str, name: &str) -> NewRow<'a> {
    NewRow {
        table,
        row: serde_json::from_value(serde_json::json!({ "name": name })).expect("a row"),
        label: name.into(),
    }
}

fn names(rows: &[kehoachso::db::RowRecord]) -> Vec<String> {
    rows.iter()
        .map(|r| r.row.0["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

async fn rows_contract(store: Store) {
    let p = Province::new(store).await;
    let (s, table, c) = (&p.store, p.table.as_str(), p.as_user(&p.editor));
    let mut ids = Vec::new();
    for name in ["một", "hai", "ba"] {
        ids.push(
            s.insert_plan_row(p.plan, &row(table, name), &c)
                .await
                .expect("insert"),
        );
    }
    let at = |id: RowId| RowAt {
        plan: p.plan,
        table,
        row: id,
    };
    let stored = s.plan_rows(p.plan, table).await.expect("rows");
    assert_eq!(names(&stored), ["một", "hai", "ba"]);
    assert_eq!(
        stored.iter().map(|r| r.position).collect::<Vec<_>>(),
        [1, 2, 3]
    );

    s.write_plan_row(at(ids[1]), 1, Some(&row(table, "hai mới")), &c)
        .await
        .expect("write")
        .expect("changed from its version");
    let changed = s.plan_row(at(ids[1])).await.expect("q").expect("row");
    assert_eq!(changed.version, 2);

    // A change from version 1 is refused and told the row as it is now.
    let stale = s
        .write_plan_row(at(ids[1]), 1, Some(&row(table, "cũ")), &c)
        .await
        .expect("write");
    assert_eq!(stale.expect_err("a stale version").current, changed);
    let stale_delete = s
        .write_plan_row(at(ids[1]), 1, None, &c)
        .await
        .expect("write");
    assert_eq!(stale_delete.expect_err("a stale delete").current, changed);

    s.move_plan_row(at(ids[2]), true, &c).await.expect("move");
    let moved = s.plan_rows(p.plan, table).await.expect("rows");
    assert_eq!(names(&moved), ["một", "ba", "hai mới"]);
    // The first row moved up stays first.
    s.move_plan_row(at(ids[0]), true, &c).await.expect("move");
    assert_eq!(
        names(&s.plan_rows(p.plan, table).await.expect("rows")),
        ["một", "ba", "hai mới"]
    );

    s.write_plan_row(at(ids[0]), 1, None, &c)
        .await
        .expect("write")
        .expect("deleted at its version");
    assert!(s.plan_row(at(ids[0])).await.expect("q").is_none());
    assert_eq!(
        names(&s.plan_rows(p.plan, table).await.expect("rows")),
        ["ba", "hai mới"]
    );

    let replacement = [row(table, "nhập 1"), row(table, "nhập 2")];
    s.replace_plan_rows(p.plan, &[table], &replacement, "plan_row.import", &c)
        .await
        .expect("replace");
    let replaced = s.all_plan_rows(p.plan).await.expect("rows");
    assert_eq!(
        replaced
            .iter()
            .map(|(t, r)| (t.as_str(), r.position, r.version))
            .collect::<Vec<_>>(),
        [(table, 1, 1), (table, 2, 1)]
    );
    assert_eq!(
        names(&replaced.into_iter().map(|(_, r)| r).collect::<Vec<_>>()),
        ["nhập 1", "nhập 2"]
    );
}

async fn racing_row_changes_contract(store: Store) {
    let p = Province::new(store).await;
    let c = p.as_user(&p.editor);
    let id = p
        .store
        .insert_plan_row(p.plan, &row(&p.table, "gốc"), &c)
        .await
        .expect("insert");
    let mut tasks = Vec::new();
    for i in 0..8 {
        let (store, plan, table, c) = (p.store.clone(), p.plan, p.table.clone(), c.clone());
        tasks.push(tokio::spawn(async move {
            let at = RowAt {
                plan,
                table: &table,
                row: id,
            };
            store
                .write_plan_row(at, 1, Some(&row(&table, &format!("phiên {i}"))), &c)
                .await
                .expect("a change or a conflict, never a database error")
                .is_ok()
        }));
    }
    let mut won = 0;
    for task in tasks {
        won += usize::from(task.await.expect("task"));
    }
    assert_eq!(won, 1);
    let at = RowAt {
        plan: p.plan,
        table: &p.table,
        row: id,
    };
    let stored = p.store.plan_row(at).await.expect("q").expect("row");
    assert_eq!(stored.version, 2);
}

on_both_backends! {
    rows_insert_change_move_delete_and_replace_and_a_stale_version_gets_the_current_row
        => rows_contract,
    many_racing_changes_of_a_row_from_one_version_give_exactly_one_change
        => racing_row_changes_contract,
}
