//! Load benchmark of the section-save path: N editors (each in its own agency, each with its
//! own session) save a section of their plan over and over, as autosave does, against the real
//! server on 127.0.0.1; beside it, the floor: a bare endpoint of the same stack (axum, sqlx,
//! the same database) that updates one row.
//!
//! cargo bench --bench save_load -- [--database-url postgres://…] [--editors 100] [--seconds 10]
//!     [--pause-ms 2500]
//!
//! Without a URL it uses a fresh SQLite file; with a PostgreSQL URL it creates a fresh database
//! on that server. Prints throughput and p50/p99 latency of both.

use axum::routing::post;
use chrono::{NaiveDate, Utc};
use kehoachso::config::{DatabaseUrl, WebConfig};
use kehoachso::db::{AuditCtx, Store};
use kehoachso::domain::clock::{Clock, SystemClock};
use kehoachso::domain::framework::{NodeKind, PlanKind};
use kehoachso::domain::org_unit::{DocumentNames, OrgUnitInput, OrgUnitKind};
use kehoachso::domain::user::{Language, Role, UserInput};
use kehoachso::web::{self, AppState};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Args {
    database_url: Option<String>,
    editors: usize,
    seconds: u64,
    /// A pause between one editor's saves, as autosave makes (0: back to back).
    pause_ms: u64,
}

fn args() -> Args {
    let mut out = Args {
        database_url: None,
        editors: 100,
        seconds: 10,
        pause_ms: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--database-url" => out.database_url = it.next(),
            "--editors" => out.editors = it.next().and_then(|v| v.parse().ok()).unwrap_or(100),
            "--seconds" => out.seconds = it.next().and_then(|v| v.parse().ok()).unwrap_or(10),
            "--pause-ms" => out.pause_ms = it.next().and_then(|v| v.parse().ok()).unwrap_or(0),
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

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report(name: &str, mut latencies: Vec<Duration>, errors: usize, seconds: u64) {
    latencies.sort();
    println!(
        "{name:<28} {:>8.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms   ({} requests, {errors} errors)",
        latencies.len() as f64 / seconds as f64,
        percentile(&latencies, 0.50).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.99).as_secs_f64() * 1000.0,
        latencies.len(),
    );
}

/// Runs `make_request` from `workers` tasks for `seconds`, timing each answer.
async fn load<F, Fut>(
    workers: usize,
    seconds: u64,
    pause: Duration,
    make_request: F,
) -> (Vec<Duration>, usize)
where
    F: Fn(usize, u64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let make_request = Arc::new(make_request);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for worker in 0..workers {
        let make_request = make_request.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0;
            let mut n = 0u64;
            // Editors do not all save at the same instant: spread their starts over one pause.
            tokio::time::sleep(pause * worker as u32 / workers as u32).await;
            while Instant::now() < deadline {
                let started = Instant::now();
                if make_request(worker, n).await {
                    latencies.push(started.elapsed());
                } else {
                    errors += 1;
                }
                n += 1;
                if !pause.is_zero() {
                    tokio::time::sleep(pause).await;
                }
            }
            (latencies, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.expect("worker");
        all.extend(l);
        errors += e;
    }
    (all, errors)
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
    let key = store
        .framework_nodes(round.framework_id)
        .await
        .expect("nodes")
        .into_iter()
        .find(|n| n.kind == NodeKind::Narrative && n.applies(PlanKind::FiveYear))
        .expect("a text section")
        .key;

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
        "{} editors, {} s each run, {} ms between one editor's requests, database {}",
        args.editors,
        args.seconds,
        args.pause_ms,
        store.backend_name()
    );

    let (latencies, errors) = {
        let client = client.clone();
        load(
            args.editors,
            args.seconds,
            Duration::from_millis(args.pause_ms),
            move |_, n| {
                let client = client.clone();
                async move {
                    client
                        .post(format!("http://{floor_addr}/floor/{n}"))
                        .send()
                        .await
                        .is_ok_and(|r| r.status().is_success())
                }
            },
        )
        .await
    };
    report("floor (one-row update)", latencies, errors, args.seconds);

    let versions: Arc<Vec<std::sync::atomic::AtomicI32>> = Arc::new(
        (0..args.editors)
            .map(|_| std::sync::atomic::AtomicI32::new(0))
            .collect(),
    );
    let sessions = Arc::new(sessions);
    let plan_ids: Arc<Vec<i64>> = Arc::new(plans.iter().map(|p| p.plan.id.0).collect());
    let (latencies, errors) = load(args.editors, args.seconds, Duration::from_millis(args.pause_ms), move |worker, n| {
        let client = client.clone();
        let versions = versions.clone();
        let sessions = sessions.clone();
        let plan_ids = plan_ids.clone();
        let key = key.clone();
        async move {
            let (token, csrf) = &sessions[worker];
            let base = versions[worker].load(std::sync::atomic::Ordering::Relaxed);
            let body = format!("<p>Bản lưu tự động số {n} của biên tập viên {worker}: cập nhật hiện trạng hạ tầng số.</p>");
            let response = client
                .post(format!("http://{addr}/plans/{}/sections/{key}", plan_ids[worker]))
                .header("cookie", format!("kehoachso_session={token}"))
                .header("x-csrf-token", csrf.as_str())
                .header("hx-request", "true")
                .form(&[("body", body.as_str()), ("base_version", &base.to_string())])
                .send()
                .await;
            match response {
                Ok(r) if r.status().is_success() && !r.headers().contains_key("hx-retarget") => {
                    versions[worker].store(base + 1, std::sync::atomic::Ordering::Relaxed);
                    true
                }
                _ => false,
            }
        }
    })
    .await;
    report("section save (autosave)", latencies, errors, args.seconds);
}
