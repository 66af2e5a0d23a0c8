//! Load benchmark of the editor: N editors (each in its own agency, each with its own session)
//! save a section of their plan over and over, as autosave does, and open the pages they work
//! on, against the real server on 127.0.0.1; beside them, the floor: a bare endpoint of the same
//! stack (axum, sqlx, the same database) that updates one row.
//!
//! cargo bench --bench save_load -- [--database-url postgres://…] [--editors 100] [--seconds 10]
//!     [--pause-ms 0] [--rate 400] [--only floor,save,home,text,tasks]
//!
//! Without a URL it uses a fresh SQLite file; with a PostgreSQL URL it creates a fresh database
//! on that server. Each target runs closed-loop (back to back) unless `--rate` asks for an open
//! loop at that many requests per second. Prints throughput and p50/p99 latency of each.

mod drive;

use axum::routing::post;
use chrono::{NaiveDate, Utc};
use drive::Outcome;
use kehoachso::config::{DatabaseUrl, WebConfig};
use kehoachso::db::{AuditCtx, Store};
use kehoachso::domain::clock::{Clock, SystemClock};
use kehoachso::domain::framework::{NodeKind, PlanKind};
use kehoachso::domain::org_unit::{DocumentNames, OrgUnitInput, OrgUnitKind};
use kehoachso::domain::user::{Language, Role, UserInput};
use kehoachso::web::SESSION_COOKIE;
use kehoachso::web::{self, AppState};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The allocator the product's server runs with (see `src/main.rs`), so that the figures are
/// the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TARGETS: [&str; 5] = ["floor", "save", "home", "text", "tasks"];

struct Args {
    database_url: Option<String>,
    editors: usize,
    seconds: u64,
    /// A pause between one editor's requests, as autosave makes (0: back to back).
    pause_ms: u64,
    /// Requests per second of an open loop (none: closed loop).
    rate: Option<f64>,
    /// The targets to run.
    only: Vec<String>,
}

fn args() -> Args {
    let mut out = Args {
        database_url: None,
        editors: 100,
        seconds: 10,
        pause_ms: 0,
        rate: None,
        only: TARGETS.iter().map(|t| t.to_string()).collect(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--database-url" => out.database_url = it.next(),
            "--editors" => out.editors = it.next().and_then(|v| v.parse().ok()).unwrap_or(100),
            "--seconds" => out.seconds = it.next().and_then(|v| v.parse().ok()).unwrap_or(10),
            "--pause-ms" => out.pause_ms = it.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--rate" => out.rate = it.next().and_then(|v| v.parse().ok()),
            "--only" => {
                out.only = it
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(str::to_string)
                    .collect()
            }
            _ => {} // cargo bench passes --bench
        }
    }
    out
}

/// A fresh database: a SQLite file in a temporary folder, or a new database on the server.
async fn fresh_database(url: Option<&str>) -> (DatabaseUrl, Option<tempfile::TempDir>) {
    match url {
        None => {
            let dir = tempfile::tempdir().expect("temp dir");
            (DatabaseUrl::Sqlite(dir.path().join("bench.db")), Some(dir))
        }
        Some(admin) => {
            let name = format!("kehoachso_bench_{}", &web::random_name()[..12]);
            let pool = sqlx::PgPool::connect(admin)
                .await
                .expect("PostgreSQL answers");
            sqlx::query(&format!("create database {name}"))
                .execute(&pool)
                .await
                .expect("create database");
            let mut u = url::Url::parse(admin).expect("URL");
            u.set_path(&name);
            (DatabaseUrl::Postgres(u.to_string()), None)
        }
    }
}

#[tokio::main]
async fn main() {
    let args = args();
    let (url, _dir) = fresh_database(args.database_url.as_deref()).await;
    let store = Store::connect(&url, true).await.expect("database opens");
    let now = SystemClock.now();
    kehoachso::app::builtin::install(&store, now)
        .await
        .expect("frameworks");
    let ctx = AuditCtx {
        at: now,
        actor_user_id: None,
        actor_name: "bench".into(),
    };
    let unit = |code: String, parent: Option<&str>| OrgUnitInput {
        name: format!("Đơn vị {code}"),
        code,
        kind: if parent.is_some() {
            OrgUnitKind::Department
        } else {
            OrgUnitKind::Province
        },
        parent_code: parent.map(str::to_string),
        valid_from: NaiveDate::from_ymd_opt(2020, 1, 1).expect("date"),
        valid_to: None,
        doc: DocumentNames {
            parent_line: String::new(),
            issuer_line: "X".into(),
            abbreviation: "X".into(),
            place_name: "Quảng Ngãi".into(),
        },
    };
    store
        .create_unit(&unit("QNG".into(), None), &ctx)
        .await
        .expect("province");
    let hash = kehoachso::domain::password::hash("Mật khẩu đo tải đủ dài").expect("hash");
    let mut sessions = Vec::new();
    for i in 0..args.editors {
        let code = format!("DV{i:03}");
        store
            .create_unit(&unit(code.clone(), Some("QNG")), &ctx)
            .await
            .expect("unit");
        let user = store
            .create_user(
                &UserInput {
                    username: format!("bientap{i:03}"),
                    display_name: format!("Biên tập {i}"),
                    role: Role::Editor,
                    unit_code: code,
                    language: Language::Vi,
                    email: String::new(),
                },
                &hash,
                false,
                &ctx,
            )
            .await
            .expect("user");
        let token = web::random_name();
        let csrf = web::random_name();
        store
            .create_session(&web::hash_session_token(&token), user.id, &csrf, now)
            .await
            .expect("session");
        sessions.push((token, csrf));
    }
    let round = store
        .create_round(
            &kehoachso::domain::round::RoundInput {
                code: "KH-BENCH".into(),
                title: "Đo tải".into(),
                framework_code: "KHUNG-2026-2030".into(),
                kind: PlanKind::FiveYear,
                period_start: 2026,
                period_end: 2030,
                evaluation: None,
                cutoff_date: NaiveDate::from_ymd_opt(2025, 12, 14).expect("date"),
                deadline: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
                units: vec!["kind:department".into()],
            },
            &ctx,
        )
        .await
        .expect("round");
    let plans = store.round_plans(round.id).await.expect("plans");
    let nodes: Vec<_> = store
        .framework_nodes(round.framework_id)
        .await
        .expect("nodes")
        .iter()
        .filter(|n| n.applies(PlanKind::FiveYear))
        .cloned()
        .collect();
    let key = nodes
        .iter()
        .find(|n| n.kind == NodeKind::Narrative)
        .expect("a text section")
        .key
        .clone();
    let tasks_key = nodes
        .iter()
        .find(|n| n.table.as_deref() == Some("tasks"))
        .expect("the tasks section")
        .key
        .clone();

    let state = AppState::new(
        store.clone(),
        Arc::new(SystemClock),
        WebConfig {
            idle_timeout: chrono::Duration::hours(1),
            ..WebConfig::default()
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(web::serve(listener, state, std::future::pending()));

    // The floor: the same stack, one row updated (a session's last-seen time), nothing else.
    let floor_store = store.clone();
    let floor_hashes: Arc<Vec<String>> = Arc::new(
        sessions
            .iter()
            .map(|(t, _)| web::hash_session_token(t))
            .collect(),
    );
    let floor = axum::Router::new().route(
        "/floor/{n}",
        post(move |axum::extract::Path(n): axum::extract::Path<u64>| {
            let store = floor_store.clone();
            let hashes = floor_hashes.clone();
            async move {
                let hash = &hashes[(n as usize) % hashes.len()];
                match store.touch_session(hash, Utc::now()).await {
                    Ok(()) => axum::http::StatusCode::NO_CONTENT,
                    Err(_) => axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                }
            }
        }),
    );
    let floor_listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let floor_addr = floor_listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(floor_listener, floor).await });

    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(args.editors)
        .build()
        .expect("client");
    println!(
        "{} editors, {} s each run, {}, database {}",
        args.editors,
        args.seconds,
        match args.rate {
            Some(rate) => format!("open loop at {rate} requests/s"),
            None => format!(
                "closed loop, {} ms between one editor's requests",
                args.pause_ms
            ),
        },
        store.backend_name()
    );
    let run = Run {
        editors: args.editors,
        seconds: args.seconds,
        pause: Duration::from_millis(args.pause_ms),
        rate: args.rate,
    };
    let sessions = Arc::new(sessions);
    let plan_ids: Arc<Vec<i64>> = Arc::new(plans.iter().map(|p| p.plan.id.0).collect());
    let wanted = |t: &str| args.only.iter().any(|o| o == t);

    if wanted("floor") {
        let client = client.clone();
        run.drive("floor (one-row update)", move |_, n| {
            let client = client.clone();
            async move {
                let r = client
                    .post(format!("http://{floor_addr}/floor/{n}"))
                    .send()
                    .await;
                outcome(r.is_ok_and(|r| r.status().is_success()))
            }
        })
        .await;
    }

    if wanted("save") {
        let versions: Arc<Vec<AtomicI32>> =
            Arc::new((0..args.editors).map(|_| AtomicI32::new(0)).collect());
        let (client, sessions, plan_ids, key) = (
            client.clone(),
            sessions.clone(),
            plan_ids.clone(),
            key.clone(),
        );
        run.drive("section save (autosave)", move |worker, n| {
            let (client, versions, sessions, plan_ids, key) = (
                client.clone(),
                versions.clone(),
                sessions.clone(),
                plan_ids.clone(),
                key.clone(),
            );
            async move {
                let (token, csrf) = &sessions[worker];
                let base = versions[worker].load(Ordering::Relaxed);
                let body = format!(
                    "<p>Bản lưu tự động số {n} của biên tập viên {worker}: cập nhật hiện trạng hạ tầng số.</p>"
                );
                let response = client
                    .post(format!("http://{addr}/plans/{}/sections/{key}", plan_ids[worker]))
                    .header("cookie", format!("{SESSION_COOKIE}={token}"))
                    .header("x-csrf-token", csrf.as_str())
                    .header("hx-request", "true")
                    .form(&[("body", body.as_str()), ("base_version", &base.to_string())])
                    .send()
                    .await;
                match response.map(|r| r.status().as_u16()) {
                    Ok(200) => {
                        versions[worker].fetch_max(base + 1, Ordering::Relaxed);
                        Outcome::Ok
                    }
                    Ok(409) => Outcome::Conflict,
                    _ => Outcome::Error,
                }
            }
        })
        .await;
    }

    let pages = [
        ("home", "signed-in home page", None),
        ("text", "editor: a text section", Some(key.clone())),
        (
            "tasks",
            "editor: the tasks section",
            Some(tasks_key.clone()),
        ),
    ];
    for (target, name, section) in pages {
        if !wanted(target) {
            continue;
        }
        let (client, sessions, plan_ids) = (client.clone(), sessions.clone(), plan_ids.clone());
        run.drive(name, move |worker, _| {
            let (client, sessions, plan_ids, section) = (
                client.clone(),
                sessions.clone(),
                plan_ids.clone(),
                section.clone(),
            );
            async move {
                let url = match &section {
                    Some(key) => format!("http://{addr}/plans/{}?section={key}", plan_ids[worker]),
                    None => format!("http://{addr}/"),
                };
                let response = client
                    .get(url)
                    .header("cookie", format!("{SESSION_COOKIE}={}", sessions[worker].0))
                    .send()
                    .await;
                // The whole page is read, as a browser reads it.
                let read = match response {
                    Ok(r) if r.status() == 200 => r.bytes().await.is_ok(),
                    _ => false,
                };
                outcome(read)
            }
        })
        .await;
    }
}

fn outcome(ok: bool) -> Outcome {
    if ok {
        Outcome::Ok
    } else {
        Outcome::Error
    }
}

/// How each target is driven: closed loop, or open loop at a rate.
struct Run {
    editors: usize,
    seconds: u64,
    pause: Duration,
    rate: Option<f64>,
}

impl Run {
    async fn drive<F, Fut>(&self, name: &str, request: F)
    where
        F: Fn(usize, u64) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = Outcome> + Send + 'static,
    {
        let tally = match self.rate {
            Some(rate) => drive::open(self.editors, self.seconds, rate, request).await,
            None => drive::closed(self.editors, self.seconds, self.pause, request).await,
        };
        tally.report(name, self.seconds);
    }
}
