//! The database going away is an outage, not an error: while PostgreSQL cannot be reached the
//! pages answer 503 (never 500) and `/healthz` says so at once; when it is back the same app
//! saves again without a restart; and `serve` started before its database waits for it.
//!
//! The database is taken away by a TCP proxy the test owns: stopping it drops every pooled
//! connection at once, as a crashed server does, and starting it again brings the server back.

use crate::cli::kehoachso_command;
use crate::helpers::{open_round, plan_of, postgres_admin_url, Backend, TestApp, TestDb, PASSWORD};
use crate::planning::{first_section, htmx_save};
use kehoachso::config::{DatabaseUrl, WebConfig};
use kehoachso::domain::framework::PlanKind;
use kehoachso::domain::user::Role;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A TCP proxy on a fixed local port to the test's PostgreSQL server, that can be stopped and
/// started again on the same port.
struct Proxy {
    port: u16,
    target: SocketAddr,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Proxy {
    async fn new(target: SocketAddr) -> Self {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = probe.local_addr().expect("address").port();
        drop(probe);
        Self {
            port,
            target,
            tasks: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// Accepts connections again and passes them on.
    async fn up(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port))
            .await
            .expect("the proxy's port is free again");
        let target = self.target;
        let tasks = self.tasks.clone();
        let accept = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let pipe = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                tasks.lock().expect("lock").push(pipe);
            }
        });
        self.tasks.lock().expect("lock").push(accept);
    }

    /// Stops listening and cuts every connection, as a server that crashed.
    fn down(&self) {
        for task in self.tasks.lock().expect("lock").drain(..) {
            task.abort();
        }
    }

    /// `url` with its host and port replaced by the proxy's.
    fn url(&self, url: &str) -> String {
        let mut url = url::Url::parse(url).expect("URL");
        url.set_host(Some("127.0.0.1")).expect("host");
        url.set_port(Some(self.port)).expect("port");
        url.to_string()
    }
}

/// The PostgreSQL server's address, from the URL the tests are given.
fn server_address(url: &str) -> SocketAddr {
    let url = url::Url::parse(url).expect("URL");
    let host = url.host_str().expect("host");
    let port = url.port().unwrap_or(5432);
    std::net::ToSocketAddrs::to_socket_addrs(&(host, port))
        .expect("resolves")
        .next()
        .expect("an address")
}

#[tokio::test]
async fn pages_answer_503_while_postgres_is_away_and_save_again_when_it_is_back() {
    let Some(admin) = postgres_admin_url() else {
        return;
    };
    let direct = TestDb::new(Backend::Postgres).await.expect("PostgreSQL");
    let DatabaseUrl::Postgres(real) = &direct.url else {
        panic!("PostgreSQL")
    };
    let proxy = Proxy::new(server_address(&admin)).await;
    proxy.up().await;
    let proxied = direct.at(DatabaseUrl::Postgres(proxy.url(real)));
    let app = TestApp::spawn_with(Arc::new(proxied), WebConfig::default(), None).await;
    app.add_unit("QNG", None).await;
    app.add_unit("SKHCN", Some("QNG")).await;
    app.add_unit("SYT", Some("QNG")).await;
    app.add_user("admin", Role::Admin, "SKHCN").await;
    app.add_user("canbo.syt", Role::Editor, "SYT").await;
    let round = open_round(&app, "KHUNG-2026-2030", &["SYT"]).await;
    let plan = plan_of(&app, &round, "SYT").await;
    let key = first_section(&app, "KHUNG-2026-2030", PlanKind::FiveYear).await;
    let editor = app.login("canbo.syt", PASSWORD).await;

    // One editor saves over and over while the database goes away and comes back.
    let stop = Arc::new(AtomicBool::new(false));
    let statuses = Arc::new(Mutex::new(Vec::<(u16, bool)>::new()));
    let outage = Arc::new(AtomicBool::new(false));
    let load = {
        let (stop, statuses, outage, key) =
            (stop.clone(), statuses.clone(), outage.clone(), key.clone());
        tokio::spawn(async move {
            let mut base = 0;
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let body = format!("<p>Lần lưu {n}</p>");
                let status = htmx_save(&editor, plan, &key, &body, base)
                    .await
                    .status()
                    .as_u16();
                match status {
                    200 => base += 1,
                    // A save whose answer was lost may have landed: start from what is there.
                    409 => base += 1,
                    _ => tokio::time::sleep(Duration::from_millis(50)).await,
                }
                statuses
                    .lock()
                    .expect("lock")
                    .push((status, outage.load(Ordering::Relaxed)));
            }
        })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    proxy.down();
    outage.store(true, Ordering::Relaxed);
    let probe = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let health = probe
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("/healthz answers while the database is away, without waiting for the pool");
    assert_eq!(health.status(), 503);
    let page = probe.get(app.url("/login")).send().await.expect("a page");
    assert_ne!(page.status(), 500);
    // A save sent while the database is away waits for a connection up to the pool's limit
    // (10 s), so that a short outage costs the user a wait rather than a refusal; the
    // database stays away until one save has been refused.
    let mut refused = false;
    for _ in 0..150 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let seen = statuses.lock().expect("lock");
        if seen.iter().any(|(s, during)| *s == 503 && *during) {
            refused = true;
            break;
        }
    }
    proxy.up().await;
    outage.store(false, Ordering::Relaxed);
    // Back: the same app saves again, with no restart.
    let mut saved_after = false;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let seen = statuses.lock().expect("lock").clone();
        let down_at = seen.iter().position(|(_, during)| *during);
        if down_at.is_some_and(|at| seen[at..].iter().any(|(s, during)| *s == 200 && !during)) {
            saved_after = true;
            break;
        }
    }
    stop.store(true, Ordering::Relaxed);
    load.await.expect("the load ran");
    let seen = statuses.lock().expect("lock").clone();
    assert!(
        saved_after,
        "saves succeed again after the outage: {seen:?}"
    );
    assert!(refused, "saves during the outage answer 503: {seen:?}");
    assert!(
        seen.iter().all(|(s, _)| matches!(s, 200 | 409 | 503)),
        "no 500, nothing else: {seen:?}"
    );
    assert_eq!(
        probe
            .get(app.url("/healthz"))
            .send()
            .await
            .expect("health")
            .status(),
        200
    );
}

#[tokio::test]
async fn serve_started_before_its_database_waits_for_it_and_names_it() {
    let Some(admin) = postgres_admin_url() else {
        return;
    };
    let db = TestDb::new(Backend::Postgres).await.expect("PostgreSQL");
    let DatabaseUrl::Postgres(real) = &db.url else {
        panic!("PostgreSQL")
    };
    let proxy = Proxy::new(server_address(&admin)).await;
    let url = proxy.url(real);
    let mut command =
        tokio::process::Command::from(kehoachso_command(&["serve", "--bind", "127.0.0.1:0"]));
    // The server is stopped with the test, whatever the test's outcome.
    let mut child = command
        .env("KEHOACHSO_DATABASE_URL", &url)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let stdout = child.stdout.take().expect("stdout");
    let waiting = first_line(stderr, "Chưa kết nối được cơ sở dữ liệu")
        .await
        .expect("serve says it waits for the database");
    assert!(
        waiting.contains(&format!("127.0.0.1:{}", proxy.port)),
        "{waiting}"
    );
    proxy.up().await;
    let running = first_line(stdout, "đang chạy tại").await;
    let _ = child.kill().await;
    assert!(running.is_some(), "serve comes up once the database does");
}

/// The first line of `output` that holds `text`, if one comes within a minute: a server that
/// never says it fails the test rather than hanging it.
async fn first_line(output: impl tokio::io::AsyncRead + Unpin, text: &str) -> Option<String> {
    use tokio::io::AsyncBufReadExt;
    let mut lines = tokio::io::BufReader::new(output).lines();
    let found = async {
        while let Ok(Some(line)) = lines.next_line().await {
            if line.contains(text) {
                return Some(line);
            }
        }
        None
    };
    tokio::time::timeout(Duration::from_secs(60), found)
        .await
        .ok()
        .flatten()
}
