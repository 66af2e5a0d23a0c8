//! The review loop: submit, return, resubmit, approve, reopen — each step checked on the
//! server, recorded, and a revision kept at each submission and approval.

use crate::cli::{kehoachso, stdout};
use crate::helpers::{location, raw_sql, texts, Client, TestApp};
use kehoachso::domain::ids::PlanId;

/// The demo with Sở Y tế's 2021–2025 plan (every section written, only warnings; returned once
/// with comments) and a session for each of the demo's Sở Y tế editor, its leader and the
/// department's reviewer.
pub async fn demo() -> (TestApp, i64, Client, Client, Client) {
    let app = TestApp::spawn().await;
    kehoachso::demo::load(&app.store, crate::helpers::start_time())
        .await
        .expect("demo");
    let round = app
        .store
        .round_by_code("KH-2021-2025")
        .await
        .expect("q")
        .expect("round");
    let plan = crate::helpers::plan_of(&app, &round, "SYT").await;
    let mut sessions = Vec::new();
    for name in ["canbo.syt", "lanhdao.syt", "thamdinh.skhcn"] {
        let user = app
            .store
            .user_credentials(name)
            .await
            .expect("q")
            .expect("demo user")
            .0;
        sessions.push(app.session_for(&user).await);
    }
    let reviewer = sessions.pop().expect("reviewer");
    let leader = sessions.pop().expect("leader");
    let editor = sessions.pop().expect("editor");
    (app, plan, editor, leader, reviewer)
}

async fn status(app: &TestApp, plan: i64) -> String {
    app.store
        .plan(PlanId(plan))
        .await
        .expect("q")
        .expect("plan")
        .status
        .code()
        .to_string()
}

#[tokio::test]
async fn a_plan_goes_round_the_loop_and_every_step_is_checked_and_kept() {
    let (app, plan, editor, leader, reviewer) = demo().await;
    let section = "PL1.P1.I";

    // The unit has a leader: its editor does not submit; nobody approves a returned plan.
    assert_eq!(
        editor
            .post(&format!("/plans/{plan}/submit"), &[])
            .await
            .status(),
        403
    );
    assert_eq!(
        reviewer
            .post(&format!("/plans/{plan}/approve"), &[])
            .await
            .status(),
        409
    );
    assert_eq!(
        leader
            .post(&format!("/plans/{plan}/approve"), &[])
            .await
            .status(),
        403
    );

    // Submitted again: locked for the agency, with the reason in words; revision 2 kept (the
    // demo's first submission is revision 1).
    let response = leader
        .post(&format!("/plans/{plan}/submit"), &[("status", "approved")])
        .await;
    assert_eq!(
        (
            response.status().as_u16(),
            location(&response).contains("review.submit_done")
        ),
        (303, true)
    );
    assert_eq!(status(&app, plan).await, "submitted");
    let html = editor
        .get(&format!("/plans/{plan}"))
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(
        texts(&html, "#lock-reason"),
        "🔒 Đã nộp ngày 27/11/2026, đang chờ thẩm định."
    );
    let save = editor
        .post(
            &format!("/plans/{plan}/sections/{section}"),
            &[("body", "<p>Sửa sau khi nộp</p>"), ("base_version", "1")],
        )
        .await;
    assert_eq!(
        save.status(),
        403,
        "a submitted plan is read-only to the agency"
    );

    // The reviewer comments on a section and on a project's row; the agency may not comment.
    let task = app
        .store
        .plan_rows(PlanId(plan), "tasks")
        .await
        .expect("rows")[2]
        .id;
    let tasks_section = {
        let round = app
            .store
            .round_by_code("KH-2021-2025")
            .await
            .expect("q")
            .expect("round");
        let nodes = app
            .store
            .framework_nodes(round.framework_id)
            .await
            .expect("nodes");
        kehoachso::domain::framework::table_node(&nodes, round.kind, "tasks")
            .expect("tasks section")
    };
    let on_row = format!("tasks:{task}");
    let response = reviewer
        .post(
            &format!("/plans/{plan}/comments"),
            &[
                ("section", section),
                ("body", "Nêu rõ các văn bản của tỉnh đã ban hành."),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let response = reviewer
        .post(
            &format!("/plans/{plan}/comments"),
            &[
                ("section", tasks_section.as_str()),
                ("row", on_row.as_str()),
                ("body", "Kinh phí ATTT của dự án dưới 10%."),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        editor
            .post(
                &format!("/plans/{plan}/comments"),
                &[("section", section), ("body", "x")]
            )
            .await
            .status(),
        403
    );
    assert_eq!(
        reviewer
            .post(
                &format!("/plans/{plan}/comments"),
                &[("section", "KHÔNG-CÓ"), ("body", "x")]
            )
            .await
            .status(),
        400
    );

    // An empty or over-long comment is refused, and nothing is stored.
    let before = app
        .store
        .plan_comments(PlanId(plan))
        .await
        .expect("q")
        .len();
    let long = "x".repeat(2001);
    for body in ["   ", long.as_str()] {
        let response = reviewer
            .post(
                &format!("/plans/{plan}/comments"),
                &[("section", section), ("body", body)],
            )
            .await;
        assert!(location(&response).contains("msg=review.message_invalid"));
    }
    assert_eq!(
        app.store
            .plan_comments(PlanId(plan))
            .await
            .expect("q")
            .len(),
        before
    );
    // A return needs a message; with one, the agency reads it and may edit again.
    let response = reviewer
        .post(&format!("/plans/{plan}/return"), &[("message", "  ")])
        .await;
    assert!(location(&response).contains("review.return_message_needed"));
    assert_eq!(status(&app, plan).await, "submitted");
    let response = reviewer
        .post(
            &format!("/plans/{plan}/return"),
            &[
                ("message", "Bổ sung số liệu hệ thống cấp độ 3."),
                ("org_unit_id", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(status(&app, plan).await, "returned");
    let html = editor
        .get(&format!("/plans/{plan}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, "#returned-message").contains("Bổ sung số liệu hệ thống cấp độ 3."));
    // Each comment in its place: on the section, and on the project's row.
    let html = editor
        .get(&format!("/plans/{plan}?section={section}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, "#comments").contains("Nêu rõ các văn bản của tỉnh"));
    let html = editor
        .get(&format!("/plans/{plan}?section={tasks_section}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, &format!("#row-tasks-{task} .row-comments")).contains("dưới 10%"));
    // The agency marks the section's comment resolved once it has acted on it.
    let comments = app
        .store
        .plan_comments(PlanId(plan))
        .await
        .expect("comments");
    let first = comments[0].id;
    assert_eq!(
        editor
            .post(&format!("/plans/{plan}/comments/{first}/resolve"), &[])
            .await
            .status(),
        303
    );
    assert!(
        app.store
            .plan_comments(PlanId(plan))
            .await
            .expect("comments")[0]
            .resolved
    );

    // The agency takes the comments in: a section rewritten, a system added.
    let version = app
        .store
        .plan_section(PlanId(plan), section)
        .await
        .expect("q")
        .expect("written")
        .version
        .to_string();
    let save = editor
        .post(
            &format!("/plans/{plan}/sections/{section}"),
            &[
                (
                    "body",
                    "<p>Đã bổ sung các văn bản của tỉnh ban hành năm 2020.</p>",
                ),
                ("base_version", version.as_str()),
            ],
        )
        .await;
    assert!(
        save.status().is_success() || save.status().is_redirection(),
        "{}",
        save.status()
    );
    let add = editor
        .post(
            &format!("/plans/{plan}/tables/information_systems"),
            &[("name", "Hệ thống hội nghị truyền hình"), ("level", "2")],
        )
        .await;
    assert_eq!(add.status(), 303);

    // Resubmitted and approved: revisions 3 and 4; the lock names the approver.
    assert_eq!(
        leader
            .post(&format!("/plans/{plan}/submit"), &[])
            .await
            .status(),
        303
    );
    assert_eq!(
        reviewer
            .post(&format!("/plans/{plan}/approve"), &[("status", "draft")])
            .await
            .status(),
        303
    );
    assert_eq!(status(&app, plan).await, "approved");
    assert_eq!(
        reviewer
            .post(&format!("/plans/{plan}/approve"), &[])
            .await
            .status(),
        409,
        "no step twice"
    );
    let html = editor
        .get(&format!("/plans/{plan}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(
        texts(&html, "#lock-reason").starts_with("🔒 Đã phê duyệt ngày 27/11/2026 bởi "),
        "{}",
        texts(&html, "#lock-reason")
    );
    let revisions = app
        .store
        .plan_revisions(PlanId(plan))
        .await
        .expect("revisions");
    let kept: Vec<(i32, &str)> = revisions
        .iter()
        .map(|r| (r.number, r.status.as_str()))
        .collect();
    assert_eq!(
        kept,
        [
            (1, "submitted"),
            (2, "submitted"),
            (3, "submitted"),
            (4, "approved")
        ]
    );

    // A revision is the whole plan, and the database refuses to change or delete one.
    let snapshot = app
        .store
        .plan_revision(PlanId(plan), 4)
        .await
        .expect("q")
        .expect("kept");
    let value: serde_json::Value = serde_json::from_str(&snapshot).expect("json");
    assert_eq!(value["plan"]["status"], "approved");
    assert_eq!(value["sections"].as_array().expect("sections").len(), 34);
    assert_eq!(value["tables"]["tasks"].as_array().expect("tasks").len(), 7);
    assert!(raw_sql(&app, "update plan_revision set snapshot = '{}'")
        .await
        .is_err());
    assert!(raw_sql(&app, "delete from plan_revision").await.is_err());
    // The two submissions side by side: the rewritten section and the added row.
    let compared = reviewer
        .get(&format!("/plans/{plan}/compare?from=2&to=3"))
        .await
        .text()
        .await
        .expect("body");
    assert!(
        texts(&compared, "#changed-sections").contains("Đã bổ sung các văn bản của tỉnh"),
        "{}",
        texts(&compared, "main")
    );
    assert!(texts(&compared, "#changed-rows").contains("Hệ thống hội nghị truyền hình"));
    assert_eq!(
        reviewer
            .get(&format!("/plans/{plan}/compare?from=1&to=99"))
            .await
            .status(),
        404
    );
    let history = reviewer
        .get(&format!("/plans/{plan}/history"))
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(texts(&history, "#steps tbody").matches("Nộp").count(), 3);
    assert!(texts(&history, "#steps").contains("Bổ sung số liệu"));
    let download = reviewer.get(&format!("/plans/{plan}/revisions/1")).await;
    assert_eq!(download.status(), 200);

    // The command line lists the revisions.
    let o = kehoachso(&[
        "--database-url",
        &app.db.url_string(),
        "plan",
        "history",
        "KH-2021-2025/SYT",
    ]);
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[3].starts_with("4\tapproved\t"), "{}", lines[3]);

    // Reopened by the leader, the plan is a draft again and needs a new approval.
    assert_eq!(
        editor
            .post(&format!("/plans/{plan}/reopen"), &[])
            .await
            .status(),
        403
    );
    assert_eq!(
        leader
            .post(&format!("/plans/{plan}/reopen"), &[])
            .await
            .status(),
        303
    );
    assert_eq!(status(&app, plan).await, "draft");
}

#[tokio::test]
async fn a_plan_with_errors_is_not_submitted_and_the_readiness_view_says_why() {
    let app = crate::helpers::province().await;
    let round = crate::helpers::open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = crate::helpers::plan_of(&app, &round, "SYT").await;
    let leader = app.login("lanhdao.syt", crate::helpers::PASSWORD).await;
    let response = leader.post(&format!("/plans/{plan}/submit"), &[]).await;
    assert_eq!(response.status(), 303);
    assert!(location(&response).ends_with("/readiness?msg=review.blocked"));
    assert_eq!(status(&app, plan).await, "draft");
    assert!(app
        .store
        .plan_revisions(PlanId(plan))
        .await
        .expect("q")
        .is_empty());
    // Where the unit has no leader, its editor submits (and is refused for the same reason).
    let editor = app.login("canbo.syt", crate::helpers::PASSWORD).await;
    assert_eq!(
        editor
            .post(&format!("/plans/{plan}/submit"), &[])
            .await
            .status(),
        403
    );
    let leader_user = app
        .store
        .user_credentials("lanhdao.syt")
        .await
        .expect("q")
        .expect("leader")
        .0;
    app.store
        .set_user_disabled(leader_user.id, true, &app.audit())
        .await
        .expect("disabled");
    let response = editor.post(&format!("/plans/{plan}/submit"), &[]).await;
    assert!(location(&response).ends_with("/readiness?msg=review.blocked"));
}

#[tokio::test]
async fn the_board_shows_each_units_progress_lateness_and_extensions() {
    let (app, plan, _editor, leader, reviewer) = demo().await;
    let round = app
        .store
        .round_by_code("KH-2021-2025")
        .await
        .expect("q")
        .expect("round");
    assert_eq!(
        leader
            .post(&format!("/plans/{plan}/submit"), &[])
            .await
            .status(),
        303
    );
    let response = reviewer
        .post(
            &format!("/plans/{plan}/comments"),
            &[
                ("section", "PL1.P1.I"),
                ("body", "Bổ sung văn bản của tỉnh."),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);

    let board = reviewer
        .get(&format!("/rounds/{}", round.id))
        .await
        .text()
        .await
        .expect("body");
    let rows = texts(&board, "#board tbody");
    assert!(rows.contains("SYT") && rows.contains("STC"), "{rows}");
    // The deadline of 15/09/2020 is long past: drafts are late, submitted and approved plans
    // are not.
    let late = texts(&board, "#board tr.late");
    assert!(
        late.contains("SKHDT") && !late.contains("SYT") && !late.contains("STC"),
        "{late}"
    );
    assert!(late.contains("quá hạn"), "{late}");
    // Filtered to the submitted plans: one, with its open comment.
    let submitted = reviewer
        .get(&format!("/rounds/{}?status=submitted", round.id))
        .await
        .text()
        .await
        .expect("body");
    let body = texts(&submitted, "#board tbody");
    assert!(
        body.contains("SYT") && body.contains("SNV") && !body.contains("SKHDT"),
        "{body}"
    );

    // An administrator extends one unit's deadline; it is no longer late, and the log says so.
    let admin_user = app
        .store
        .user_credentials("quantri.skhcn")
        .await
        .expect("q")
        .expect("admin")
        .0;
    let admin = app.session_for(&admin_user).await;
    let stc = crate::helpers::plan_of(&app, &round, "STP").await;
    // Its agency sees the plan late, and may still edit it.
    let agency = app
        .add_user("canbo.stp", kehoachso::domain::user::Role::Editor, "STP")
        .await;
    let agency = app.session_for(&agency).await;
    let page = agency
        .get(&format!("/plans/{stc}?section=PL1.P1.I"))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&page, "#late-mark").starts_with("quá hạn"), "{page}");
    assert!(
        page.contains("id=\"rich-editor\""),
        "a late plan stays editable"
    );
    assert_eq!(
        reviewer
            .post(
                &format!("/plans/{stc}/deadline"),
                &[("deadline", "31/12/2026")]
            )
            .await
            .status(),
        403
    );
    // A date that does not exist is refused and changes nothing.
    let response = admin
        .post(
            &format!("/plans/{stc}/deadline"),
            &[("deadline", "31/02/2026")],
        )
        .await;
    assert!(
        location(&response).ends_with("msg=board.deadline_invalid"),
        "{}",
        location(&response)
    );
    assert!(app
        .store
        .plan_deadlines(round.id)
        .await
        .expect("q")
        .is_empty());
    let response = admin
        .post(
            &format!("/plans/{stc}/deadline"),
            &[("deadline", "31/12/2026")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let board = admin
        .get(&format!("/rounds/{}", round.id))
        .await
        .text()
        .await
        .expect("body");
    let late = texts(&board, "#board tr.late");
    assert!(!late.contains("STP") && late.contains("SKHDT"), "{late}");
    assert!(texts(&board, "#board").contains("còn 34 ngày"));
    let page = agency
        .get(&format!("/plans/{stc}?section=PL1.P1.I"))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&page, "#days-left").contains("còn 34 ngày"), "{page}");
    assert!(page.contains("31/12/2026"));
    let audit = admin.get("/admin/audit").await.text().await.expect("body");
    assert!(audit.contains("2026-12-31"));

    // The units that have not submitted, as a workbook: not SYT.
    let response = reviewer
        .get(&format!("/rounds/{}/not-submitted/xlsx", round.id))
        .await;
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.expect("body").to_vec();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("xlsx");
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/sharedStrings.xml").expect("strings"),
        &mut strings,
    )
    .expect("read");
    assert!(
        strings.contains("SKHDT") && !strings.contains(">SYT<") && !strings.contains(">STC<"),
        "{strings}"
    );
}

#[tokio::test]
async fn a_return_may_reopen_only_the_commented_sections() {
    let (app, plan, editor, leader, reviewer) = demo().await;
    assert_eq!(
        leader
            .post(&format!("/plans/{plan}/submit"), &[])
            .await
            .status(),
        303
    );
    // The demo's comments were taken in; a new one on one section only.
    for c in app
        .store
        .plan_comments(PlanId(plan))
        .await
        .expect("comments")
    {
        app.store
            .resolve_comment(PlanId(plan), c.id, &app.audit())
            .await
            .expect("resolved");
    }
    let response = reviewer
        .post(
            &format!("/plans/{plan}/comments"),
            &[("section", "PL1.P1.I"), ("body", "Bổ sung văn bản.")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let response = reviewer
        .post(
            &format!("/plans/{plan}/return"),
            &[("message", "Chỉ sửa mục I."), ("only_commented", "1")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(status(&app, plan).await, "returned");

    let save = |key: &'static str| {
        let app = &app;
        let editor = &editor;
        async move {
            let version = app
                .store
                .plan_section(PlanId(plan), key)
                .await
                .expect("q")
                .map(|s| s.version)
                .unwrap_or(0)
                .to_string();
            editor
                .post(
                    &format!("/plans/{plan}/sections/{key}"),
                    &[
                        ("body", "<p>Đã sửa.</p>"),
                        ("base_version", version.as_str()),
                    ],
                )
                .await
                .status()
        }
    };
    assert!(
        save("PL1.P1.I").await.is_redirection(),
        "the commented section is open"
    );
    assert_eq!(save("PL1.P1.II").await, 403, "the others stay closed");
    let add = editor
        .post(
            &format!("/plans/{plan}/tables/information_systems"),
            &[("name", "X"), ("level", "2")],
        )
        .await;
    assert_eq!(add.status(), 403, "so do their tables");
    let html = editor
        .get(&format!("/plans/{plan}?section=PL1.P1.I"))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&html, "#open-sections").starts_with("Chỉ các mục có ý kiến"));

    // Resubmitted and returned whole: everything opens again.
    assert_eq!(
        leader
            .post(&format!("/plans/{plan}/submit"), &[])
            .await
            .status(),
        303
    );
    assert_eq!(
        reviewer
            .post(
                &format!("/plans/{plan}/return"),
                &[("message", "Hoàn thiện toàn bộ.")]
            )
            .await
            .status(),
        303
    );
    assert!(save("PL1.P1.II").await.is_redirection());
}

/// A signed-in demo user.
async fn demo_session(app: &TestApp, username: &str) -> Client {
    let user = app
        .store
        .user_credentials(username)
        .await
        .expect("q")
        .expect("demo user")
        .0;
    app.session_for(&user).await
}

#[tokio::test]
async fn a_round_runs_from_opening_to_every_plan_approved_entirely_through_the_product() {
    let (app, _, _, _, reviewer) = demo().await;
    let admin = demo_session(&app, "quantri.skhcn").await;

    // The administrator opens the round for three agencies.
    let response = admin
        .post(
            "/admin/rounds",
            &[
                ("code", "KH-2026-2030-B"),
                ("title", "Kế hoạch chuyển đổi số giai đoạn 2026 - 2030"),
                ("framework", "KHUNG-2026-2030@1"),
                ("kind", "five_year"),
                ("period_start", "2026"),
                ("period_end", "2030"),
                ("evaluation_start", "2021"),
                ("evaluation_end", "2025"),
                ("cutoff_date", "30/11/2026"),
                ("deadline", "31/12/2026"),
                ("units", "SYT"),
                ("units", "STC"),
                ("units", "SNV"),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        303,
        "{}",
        texts(&response.text().await.expect("body"), ".field-error")
    );
    let round = app
        .store
        .round_by_code("KH-2026-2030-B")
        .await
        .expect("q")
        .expect("round");
    // Each agency writes what its plan lacks, section by section, and submits: Sở Y tế and
    // Sở Nội vụ by their leaders, Sở Tài chính (no leader) by its editor.
    let agencies = [
        ("SYT", demo_session(&app, "lanhdao.syt").await),
        ("STC", demo_session(&app, "canbo.stc").await),
        ("SNV", demo_session(&app, "lanhdao.snv").await),
    ];
    let mut plans = Vec::new();
    for (unit, agency) in &agencies {
        let plan = crate::helpers::plan_of(&app, &round, unit).await;
        let stored = app
            .store
            .plan(PlanId(plan))
            .await
            .expect("q")
            .expect("plan");
        let at = kehoachso::app::access::PlanAt {
            plan: stored,
            round: round.clone(),
        };
        let checks = kehoachso::app::checks::Checks::load(&app.store, &round)
            .await
            .expect("checks");
        let (findings, _) = kehoachso::app::checks::check_plan(&app.store, &at, &checks)
            .await
            .expect("findings");
        let mut written = std::collections::BTreeSet::new();
        for finding in findings
            .iter()
            .filter(|f| f.severity == kehoachso::domain::findings::Severity::Error)
        {
            assert_eq!(finding.code, "SECTION_EMPTY", "{finding:?}");
            if !written.insert(finding.node_key.clone()) {
                continue;
            }
            let response = agency
                .post(
                    &format!("/plans/{plan}/sections/{}", finding.node_key),
                    &[
                        ("body", &format!("<p>Nội dung của {unit} cho mục này.</p>")),
                        ("base_version", "0"),
                    ],
                )
                .await;
            assert!(
                response.status().is_success() || response.status() == 303,
                "{unit} {}: {}",
                finding.node_key,
                response.status()
            );
        }
        let response = agency
            .post(&format!("/plans/{plan}/submit"), &[("message", "")])
            .await;
        assert_eq!(response.status(), 303, "{unit}");
        assert_eq!(status(&app, plan).await, "submitted", "{unit}");
        plans.push(plan);
    }

    // The reviewer returns one with a comment; the agency fixes it and submits again.
    let (_, syt) = &agencies[0];
    let response = reviewer
        .post(
            &format!("/plans/{}/comments", plans[0]),
            &[("section", "PL1.P1.I"), ("body", "Đề nghị nêu số liệu.")],
        )
        .await;
    assert_eq!(response.status(), 303);
    reviewer
        .post(
            &format!("/plans/{}/return", plans[0]),
            &[("message", "Đề nghị bổ sung.")],
        )
        .await;
    assert_eq!(status(&app, plans[0]).await, "returned");
    let board = reviewer
        .get(&format!("/rounds/{}", round.id))
        .await
        .text()
        .await
        .expect("body");
    assert!(texts(&board, ".board-counts").contains("1"), "{board}");
    syt.post(
        &format!("/plans/{}/submit", plans[0]),
        &[("message", "Đã bổ sung.")],
    )
    .await;

    // Every plan approved: the board says so, and every step is on record.
    for plan in &plans {
        let response = reviewer
            .post(&format!("/plans/{plan}/approve"), &[("message", "")])
            .await;
        assert_eq!(response.status(), 303);
        assert_eq!(status(&app, *plan).await, "approved");
    }
    let board = reviewer
        .get(&format!("/rounds/{}?status=approved", round.id))
        .await
        .text()
        .await
        .expect("body");
    let approved = texts(&board, "#board tbody");
    for unit in ["SYT", "STC", "SNV"] {
        assert!(approved.contains(unit), "{approved}");
    }
    for (plan, expected) in plans.iter().zip([
        vec!["submit", "return", "submit", "approve"],
        vec!["submit", "approve"],
        vec!["submit", "approve"],
    ]) {
        let steps: Vec<String> = app
            .store
            .plan_steps(PlanId(*plan))
            .await
            .expect("steps")
            .into_iter()
            .map(|s| s.step)
            .collect();
        assert_eq!(steps, expected);
        let revisions = app
            .store
            .plan_revisions(PlanId(*plan))
            .await
            .expect("revisions");
        assert_eq!(
            revisions.last().map(|r| r.status.as_str()),
            Some("approved")
        );
    }
}
