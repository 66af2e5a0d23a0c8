//! Several app instances on one database share sessions: a sign-in on one is valid on another.

use crate::helpers::{Backend, TestApp, TestDb, PASSWORD};
use kehoachso::config::WebConfig;
use kehoachso::domain::user::Role;
use std::sync::Arc;

async fn two_instances_share_sessions(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let db = Arc::new(db);
    let first = TestApp::spawn_with(db.clone(), WebConfig::default(), None).await;
    let second = TestApp::spawn_with(db, WebConfig::default(), Some(first.clock.clone())).await;
    first.add_unit("QNG", None).await;
    first.add_user("lanhdao.ubnd", Role::Viewer, "QNG").await;
    let mut client = first.login("lanhdao.ubnd", PASSWORD).await;
    // Cookies belong to the host, not the port: the same session cookie goes to the other
    // instance, as it would behind a load balancer.
    client.base = format!("http://{}", second.addr);
    assert!(client.cookie("kehoachso_session").is_some());
    let home = client.get("/").await;
    assert_eq!(home.status(), 200, "signed in on the second instance too");
    client.refresh_csrf("/").await;
    assert_eq!(client.post("/logout", &[]).await.status(), 303);
    client.base = format!("http://{}", first.addr);
    assert_eq!(
        client.get("/").await.status(),
        303,
        "signed out on the first instance too"
    );
}

#[tokio::test]
async fn two_instances_on_one_sqlite_file_share_sessions() {
    two_instances_share_sessions(Backend::Sqlite).await;
}

#[tokio::test]
async fn two_instances_on_one_postgresql_share_sessions() {
    two_instances_share_sessions(Backend::Postgres).await;
}
