//! Notifications: each step and comment tells those who should know, in the app (with an
//! unread count) and by e-mail through a real SMTP exchange with a sink on 127.0.0.1; deadline
//! reminders are given once.

use crate::helpers::{location, raw_sql, texts, Client};
use crate::review::demo;
use kehoachso::app::notify::{remind, run_worker, MailConfig, Mailer};
use kehoachso::domain::clock::ManualClock;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// The unread count the page header shows (0 when it shows none).
async fn unread(client: &Client) -> i64 {
    let html = client
        .get("/notifications")
        .await
        .text()
        .await
        .expect("body");
    texts(&html, ".notice-link .badge-count")
        .trim()
        .parse()
        .unwrap_or(0)
}

/// The notifications a user's page lists: (id, kind, sentence, unread).
async fn listed(client: &Client) -> Vec<(i64, String, String, bool)> {
    let html = client
        .get("/notifications")
        .await
        .text()
        .await
        .expect("body");
    let doc = scraper::Html::parse_document(&html);
    let item = scraper::Selector::parse("#notices li.notice").expect("selector");
    let form = scraper::Selector::parse("form").expect("selector");
    let text = scraper::Selector::parse(".notice-text").expect("selector");
    doc.select(&item)
        .map(|li| {
            let action = li
                .select(&form)
                .next()
                .and_then(|f| f.value().attr("action"))
                .unwrap_or_default();
            let id = action
                .trim_start_matches("/notifications/")
                .trim_end_matches("/open")
                .parse()
                .expect("notification id");
            (
                id,
                li.value().attr("data-kind").unwrap_or_default().to_string(),
                li.select(&text).flat_map(|t| t.text()).collect(),
                li.value().classes().any(|c| c == "unread"),
            )
        })
        .collect()
}

async fn read_everything(clients: &[&Client]) {
    for client in clients {
        let response = client.post("/notifications/read-all", &[]).await;
        assert_eq!(response.status(), 303);
    }
}

#[tokio::test]
async fn each_step_and_comment_tells_those_who_should_know() {
    let (app, plan, editor, leader, reviewer) = demo().await;
    read_everything(&[&editor, &leader, &reviewer]).await;
    assert_eq!(unread(&reviewer).await, 0);

    // The leader submits: the reviewer hears of it; the leader, who acted, does not.
    let response = leader
        .post(
            &format!("/plans/{plan}/submit"),
            &[("message", "Đã sửa theo ý kiến")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(unread(&reviewer).await, 1);
    assert_eq!(unread(&leader).await, 0);
    let heard = listed(&reviewer).await;
    assert_eq!(heard[0].1, "submitted");
    assert!(heard[0].2.contains("Sở Y tế"), "{}", heard[0].2);
    assert!(heard[0].2.contains("đang chờ thẩm định"), "{}", heard[0].2);
    assert!(heard[0].2.contains("Phạm Thị Dung"), "{}", heard[0].2);

    // A comment and a return: the unit's editor and leader hear of both, with the words.
    let response = reviewer
        .post(
            &format!("/plans/{plan}/comments"),
            &[
                ("section", "PL1.P1.I"),
                ("body", "Bổ sung số liệu năm 2025."),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let response = reviewer
        .post(
            &format!("/plans/{plan}/return"),
            &[("message", "Đề nghị hoàn thiện.")],
        )
        .await;
    assert_eq!(response.status(), 303);
    for client in [&editor, &leader] {
        assert_eq!(unread(client).await, 2);
        let kinds: Vec<String> = listed(client).await.into_iter().map(|n| n.1).collect();
        assert_eq!(kinds[..2], ["returned".to_string(), "comment".to_string()]);
    }
    let page = editor
        .get("/notifications")
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("Bổ sung số liệu năm 2025."));
    assert!(page.contains("được trả lại để chỉnh sửa"));

    // Opening one reads it and shows the plan; nobody opens another user's.
    let (id, _, _, fresh) = listed(&editor).await[0].clone();
    assert!(fresh);
    let response = editor.post(&format!("/notifications/{id}/open"), &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), format!("/plans/{plan}"));
    assert_eq!(unread(&editor).await, 1);
    let reviewers_own = listed(&reviewer).await[0].0;
    let response = editor
        .post(&format!("/notifications/{reviewers_own}/open"), &[])
        .await;
    assert_eq!(response.status(), 404);
    assert!(listed(&reviewer).await[0].3, "still unread for its owner");

    // Marking all read empties the count.
    read_everything(&[&editor]).await;
    assert_eq!(unread(&editor).await, 0);
    assert!(listed(&editor).await.iter().all(|n| !n.3));

    // The approval reaches the unit too.
    leader
        .post(&format!("/plans/{plan}/submit"), &[("message", "")])
        .await;
    reviewer
        .post(&format!("/plans/{plan}/approve"), &[("message", "Đồng ý.")])
        .await;
    assert_eq!(listed(&editor).await[0].1, "approved");
    drop(app);
}

#[tokio::test]
async fn a_close_deadline_is_reminded_once_to_the_units_that_have_not_submitted() {
    let (app, _plan, editor, _leader, _reviewer) = demo().await;
    let mut others = Vec::new();
    for name in ["lanhdao.snv", "canbo.stc"] {
        let user = app
            .store
            .user_credentials(name)
            .await
            .expect("q")
            .expect("demo user")
            .0;
        others.push(app.session_for(&user).await);
    }
    read_everything(&[&editor, &others[0], &others[1]]).await;
    let round = app
        .store
        .round_by_code("KH-2021-2025")
        .await
        .expect("q")
        .expect("round");
    // In the morning in Vietnam, some days before the round's deadline.
    let before = |days: i64| {
        (round.deadline - chrono::Duration::days(days))
            .and_hms_opt(1, 0, 0)
            .expect("time")
            .and_utc()
    };
    // Too early: nothing yet.
    assert_eq!(remind(&app.store, before(10)).await.expect("reminders"), 0);

    // Two days before: Sở Y tế's plan (returned) is reminded, to its editor and leader; Sở Nội
    // vụ's (submitted) and Sở Tài chính's (approved) are not.
    assert_eq!(remind(&app.store, before(2)).await.expect("reminders"), 2);
    let heard = listed(&editor).await;
    assert_eq!(heard[0].1, "deadline");
    assert!(
        heard[0]
            .2
            .contains(&kehoachso::domain::text::format_date(round.deadline)),
        "{}",
        heard[0].2
    );
    for other in &others {
        assert!(listed(other).await.iter().all(|n| n.1 != "deadline"));
    }

    // Given once: the next day's pass writes nothing new.
    assert_eq!(remind(&app.store, before(1)).await.expect("reminders"), 0);
}

/// One message an SMTP client handed over: the recipients and the raw message.
type Received = Arc<Mutex<Vec<(Vec<String>, Vec<u8>)>>>;

/// A minimal SMTP server that accepts every message: enough of RFC 5321 for a client to hand
/// mail over (greeting, EHLO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT). Written
/// here because the tests need only to see what arrives.
async fn smtp_sink() -> (u16, Received) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let received: Received = Arc::default();
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read);
                let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                let mut to = Vec::new();
                let mut line = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        break;
                    }
                    let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250-sink\r\n250 8BITMIME\r\n",
                        "MAIL" => {
                            to.clear();
                            b"250 OK\r\n"
                        }
                        "RCPT" => {
                            to.push(line[8..].trim().trim_matches(['<', '>']).to_string());
                            b"250 OK\r\n"
                        }
                        "DATA" => {
                            let _ = write.write_all(b"354 go on\r\n").await;
                            let mut data = Vec::new();
                            loop {
                                line.clear();
                                if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                                    return;
                                }
                                if line == ".\r\n" {
                                    break;
                                }
                                let text = line.strip_prefix('.').unwrap_or(&line);
                                data.extend_from_slice(text.as_bytes());
                            }
                            store
                                .lock()
                                .expect("lock")
                                .push((std::mem::take(&mut to), data));
                            b"250 queued\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        }
                        _ => b"250 OK\r\n",
                    };
                    if write.write_all(reply).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    (port, received)
}

fn mail_config(port: u16) -> MailConfig {
    MailConfig {
        url: format!("smtp://127.0.0.1:{port}"),
        from: "Kế hoạch số <kehoachso@stttt.example.vn>".into(),
        base_url: "https://kehoachso.example.vn/".into(),
    }
}

#[tokio::test]
async fn notices_are_mailed_to_users_with_an_address_and_only_once() {
    let (app, plan, _editor, leader, reviewer) = demo().await;
    let admin = {
        let user = app
            .store
            .user_credentials("quantri.skhcn")
            .await
            .expect("q")
            .expect("admin")
            .0;
        app.session_for(&user).await
    };
    let editor_id = app
        .store
        .user_credentials("canbo.syt")
        .await
        .expect("q")
        .expect("editor")
        .0
        .id;
    // The address is set on the user's form; a wrong one is refused beside its field.
    let form = |email: &'static str| {
        vec![
            ("display_name", "Lê Minh Cường"),
            ("role", "editor"),
            ("unit_code", "SYT"),
            ("language", "vi"),
            ("email", email),
        ]
    };
    let response = admin
        .post(&format!("/admin/users/{editor_id}"), &form("canbo.syt@"))
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(texts(&html, ".field-error").contains("Địa chỉ thư điện tử không hợp lệ"));
    assert!(
        html.contains("value=\"canbo.syt@\""),
        "what was typed stays"
    );
    let response = admin
        .post(
            &format!("/admin/users/{editor_id}"),
            &form("canbo@syt.example.vn"),
        )
        .await;
    assert_eq!(response.status(), 303);

    // The demo's own steps are old news, already handled.
    raw_sql(&app, "update notification set mailed_at = created_at")
        .await
        .expect("mailed");
    leader
        .post(&format!("/plans/{plan}/submit"), &[("message", "")])
        .await;
    let response = reviewer
        .post(
            &format!("/plans/{plan}/return"),
            &[("message", "Đề nghị bổ sung <b>số liệu</b> & nguồn vốn.")],
        )
        .await;
    assert_eq!(response.status(), 303);

    // The worker mails what waits, through a real SMTP exchange.
    let (port, received) = smtp_sink().await;
    let mailer = Mailer::new(&mail_config(port)).expect("mailer");
    let clock = Arc::new(ManualClock::new(crate::helpers::start_time()));
    let worker = tokio::spawn(run_worker(app.store.clone(), clock, Some(mailer)));
    let mut waited = 0;
    while received.lock().expect("lock").is_empty() {
        assert!(waited < 600, "no mail arrived");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        waited += 1;
    }
    worker.abort();
    let mails = received.lock().expect("lock").clone();
    assert_eq!(mails.len(), 1, "only the editor has an address");
    let (to, raw) = &mails[0];
    assert_eq!(to, &vec!["canbo@syt.example.vn".to_string()]);
    let message = mail_parser::MessageParser::default()
        .parse(raw)
        .expect("a message");
    let subject = message.subject().expect("subject");
    assert!(subject.contains("Sở Y tế"), "{subject}");
    assert!(subject.contains("được trả lại để chỉnh sửa"), "{subject}");
    let body = message.body_text(0).expect("text body");
    assert!(
        body.contains("«Đề nghị bổ sung <b>số liệu</b> & nguồn vốn.»"),
        "{body}"
    );
    assert!(
        body.contains(&format!("https://kehoachso.example.vn/plans/{plan}")),
        "{body}"
    );

    // Sent once: another pass has nothing to send.
    let mailer = Mailer::new(&mail_config(port)).expect("mailer");
    let now = crate::helpers::start_time();
    assert_eq!(mailer.send_pending(&app.store, now).await.expect("pass"), 0);
}

#[tokio::test]
async fn a_mail_server_that_does_not_answer_is_tried_a_few_times_then_left() {
    let (app, plan, _editor, leader, _reviewer) = demo().await;
    raw_sql(
        &app,
        "update app_user set email = 'thamdinh@skhcn.example.vn' where username = 'thamdinh.skhcn'",
    )
    .await
    .expect("email");
    raw_sql(&app, "update notification set mailed_at = created_at")
        .await
        .expect("mailed");
    leader
        .post(&format!("/plans/{plan}/submit"), &[("message", "")])
        .await;
    // A port nobody listens on: taken, then released.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let mailer = Mailer::new(&mail_config(port)).expect("mailer");
    let now = crate::helpers::start_time();
    for _ in 0..kehoachso::db::MAX_MAIL_ATTEMPTS {
        assert_eq!(mailer.send_pending(&app.store, now).await.expect("pass"), 0);
    }
    let tried = raw_sql(
        &app,
        &format!(
            "update notification set detail = detail where plan_id = {plan} and kind = 'submitted' \
             and mailed_at is null and mail_attempts = {}",
            kehoachso::db::MAX_MAIL_ATTEMPTS
        ),
    )
    .await
    .expect("count");
    assert_eq!(tried, 1);
    // Left alone after that: a later pass sends nothing and tries nothing.
    assert!(app
        .store
        .notices_to_mail(now - chrono::Duration::hours(1), 10)
        .await
        .expect("q")
        .is_empty());
    // A bad sender or URL is refused when the server starts, not at the first mail.
    assert!(Mailer::new(&MailConfig {
        url: "ftp://mail".into(),
        ..mail_config(port)
    })
    .is_err());
    assert!(Mailer::new(&MailConfig {
        from: "not an address".into(),
        ..mail_config(port)
    })
    .is_err());
}

#[tokio::test]
async fn a_wrong_address_is_refused_on_the_command_line_too() {
    let db = crate::helpers::TestDb::new(crate::helpers::Backend::Sqlite)
        .await
        .expect("db");
    let url = crate::cli::sqlite_url(&db);
    let o = crate::cli::kehoachso(&["--database-url", &url, "--create", "demo"]);
    assert!(o.status.success(), "{}", crate::cli::stderr(&o));
    let add = |email: &str| {
        crate::cli::kehoachso(&[
            "--database-url",
            &url,
            "user",
            "add",
            "--username",
            "vanthu.syt",
            "--role",
            "editor",
            "--unit",
            "SYT",
            "--email",
            email,
        ])
    };
    let o = add("vanthu.syt@");
    assert!(!o.status.success());
    assert!(
        crate::cli::stderr(&o).contains("Địa chỉ thư điện tử không hợp lệ"),
        "{}",
        crate::cli::stderr(&o)
    );
    assert!(add("vanthu@syt.example.vn").status.success());
}
