//! Concurrency history through the pages, on the backend the run asks for (CI runs both):
//! several sessions save the same section and the same row from the same version at once, many
//! times. Each time exactly one save is taken, from the version the previous taken save
//! produced; every other one is refused as a conflict that shows the saved text beside the
//! sender's; the stored content is the last taken save's; nothing answers 5xx.

use crate::helpers::{
    input_value, open_round, plan_of, province, texts, Client, TestApp, PASSWORD,
};
use crate::planning::{first_section, task_fields};
use futures_util::future::join_all;
use kehoachso::domain::framework::PlanKind;
use kehoachso::domain::ids::PlanId;
use kehoachso::domain::user::Role;

const ROUNDS: usize = 6;

/// Four sessions of Sở Y tế that may all write its plan.
async fn writers(app: &TestApp) -> Vec<Client> {
    app.add_user("canbo2.syt", Role::Editor, "SYT").await;
    app.add_user("canbo3.syt", Role::Editor, "SYT").await;
    let mut sessions = Vec::new();
    for name in ["canbo.syt", "lanhdao.syt", "canbo2.syt", "canbo3.syt"] {
        sessions.push(app.login(name, PASSWORD).await);
    }
    sessions
}

/// Posts each session's form to `path` at once: every answer (status and page), and which
/// session's save was the one taken. Exactly one is taken, whatever the backend.
async fn race(
    sessions: &[Client],
    path: &str,
    forms: Vec<Vec<(&str, &str)>>,
) -> (Vec<(u16, String)>, usize) {
    let sent = join_all(sessions.iter().zip(forms).map(|(client, form)| async move {
        let response = client.post(path, &form).await;
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }))
    .await;
    let taken: Vec<usize> = (0..sent.len()).filter(|i| sent[*i].0 == 303).collect();
    let statuses: Vec<u16> = sent.iter().map(|s| s.0).collect();
    assert_eq!(taken.len(), 1, "exactly one save is taken: {statuses:?}");
    (sent, taken[0])
}

#[tokio::test]
async fn racing_section_saves_keep_one_history_and_every_refusal_shows_both_texts() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let key = first_section(&app, "KHUNG-2026-2030", PlanKind::FiveYear).await;
    let sessions = writers(&app).await;
    let path = format!("/plans/{plan}/sections/{key}");
    for (version, round) in (0..).zip(0..ROUNDS) {
        let base = version.to_string();
        let bodies: Vec<String> = (0..sessions.len())
            .map(|i| format!("<p>Vòng {round}, người {i}</p>"))
            .collect();
        let forms = bodies
            .iter()
            .map(|body| vec![("body", body.as_str()), ("base_version", base.as_str())])
            .collect();
        let (sent, taken) = race(&sessions, &path, forms).await;
        let winner = &bodies[taken];
        let stored = app
            .store
            .plan_section(PlanId(plan), &key)
            .await
            .expect("q")
            .expect("saved");
        assert_eq!(
            stored.version,
            version + 1,
            "from the version the last save made"
        );
        assert_eq!(&stored.body_html, winner);
        for (i, (status, html)) in sent.iter().enumerate().filter(|(i, _)| *i != taken) {
            assert_eq!(*status, 409, "round {round}, session {i}");
            assert!(
                texts(html, "#their-text").contains(&winner[3..winner.len() - 4]),
                "theirs"
            );
            assert!(
                html.contains(&bodies[i][3..bodies[i].len() - 4]),
                "and mine"
            );
            assert_eq!(
                input_value(html, "base_version").as_deref(),
                Some((version + 1).to_string().as_str()),
                "saving again is from the version now seen"
            );
        }
    }
}

#[tokio::test]
async fn racing_row_changes_keep_one_history_and_every_refusal_shows_both_values() {
    let app = province().await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let sessions = writers(&app).await;
    let fields = task_fields("Bệnh án điện tử", "1.000", "500", "500", "60", "60");
    let created = sessions[0]
        .post(&format!("/plans/{plan}/tables/tasks"), &fields)
        .await;
    assert_eq!(created.status(), 303);
    let row = app
        .store
        .plan_rows(PlanId(plan), "tasks")
        .await
        .expect("rows")[0]
        .id;
    let path = format!("/plans/{plan}/tables/tasks/{row}");
    // The row was made at version 1.
    for (version, round) in (1..).zip(0..ROUNDS) {
        let base = version.to_string();
        let names: Vec<String> = (0..sessions.len())
            .map(|i| format!("Bệnh án điện tử, vòng {round}, người {i}"))
            .collect();
        let forms = names
            .iter()
            .map(|name| {
                let mut form = task_fields(name, "1.000", "500", "500", "60", "60");
                form.push(("base_version", base.as_str()));
                form
            })
            .collect();
        let (sent, taken) = race(&sessions, &path, forms).await;
        let stored = app
            .store
            .plan_rows(PlanId(plan), "tasks")
            .await
            .expect("rows");
        assert_eq!(stored.len(), 1);
        assert_eq!(
            stored[0].version,
            version + 1,
            "from the version the last change made"
        );
        let winner = &names[taken];
        assert_eq!(stored[0].row.text("name").as_deref(), Some(winner.as_str()));
        for (i, (status, html)) in sent.iter().enumerate().filter(|(i, _)| *i != taken) {
            assert_eq!(*status, 409, "round {round}, session {i}");
            let differences = texts(html, ".conflict-fields tbody");
            assert!(
                differences.contains(winner.as_str()),
                "theirs: {differences}"
            );
            assert!(
                differences.contains(names[i].as_str()),
                "mine: {differences}"
            );
        }
    }
}
