//! The test app: the real server on port 0 with a fresh database per test, a cookie-keeping
//! client, and one helper per thing tests do often.

use chrono::{TimeZone, Utc};
use kehoachso::config::{DatabaseUrl, WebConfig};
use kehoachso::db::{AuditCtx, Store};
use kehoachso::domain::clock::ManualClock;
use kehoachso::domain::org_unit::{DocumentNames, OrgUnit, OrgUnitInput, OrgUnitKind};
use kehoachso::domain::password;
use kehoachso::domain::user::{Language, Role, User, UserInput};
use kehoachso::web::{self, AppState};
use reqwest::cookie::{CookieStore, Jar};
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

/// The password of every user that tests create directly.
pub const PASSWORD: &str = "Sông Trà Khúc mùa nước nổi";

pub fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash(PASSWORD).expect("hash"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh, empty database for one test. The SQLite file lives in a temporary folder; the
/// PostgreSQL database is created on the server named by `KEHOACHSO_TEST_POSTGRES_URL`.
pub struct TestDb {
    pub url: DatabaseUrl,
    _dir: Option<tempfile::TempDir>,
}

/// The PostgreSQL server for tests: `None` means skip, except in CI, where it must be there.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("KEHOACHSO_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("CI").is_err(),
                "CI must give KEHOACHSO_TEST_POSTGRES_URL: the PostgreSQL tests may not be skipped there"
            );
            eprintln!("skipped: KEHOACHSO_TEST_POSTGRES_URL is not set");
            None
        }
    }
}

impl TestDb {
    pub async fn new(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let path = dir.path().join("test.db");
                Some(Self {
                    url: DatabaseUrl::Sqlite(path),
                    _dir: Some(dir),
                })
            }
            Backend::Postgres => {
                let admin = postgres_admin_url()?;
                // PostgreSQL names hold at most 63 bytes.
                let name = format!("kehoachso_test_{}", &kehoachso::web::random_name()[..20]);
                let pool = sqlx::PgPool::connect(&admin)
                    .await
                    .expect("PostgreSQL answers");
                sqlx::query(&format!("create database {name}"))
                    .execute(&pool)
                    .await
                    .expect("create the test database");
                pool.close().await;
                let mut url = url::Url::parse(&admin).expect("URL");
                url.set_path(&name);
                Some(Self {
                    url: DatabaseUrl::Postgres(url.to_string()),
                    _dir: None,
                })
            }
        }
    }

    /// The same database reached at another address (through a proxy, say).
    pub fn at(&self, url: DatabaseUrl) -> Self {
        Self { url, _dir: None }
    }

    /// The URL as the command line takes it.
    pub fn url_string(&self) -> String {
        match &self.url {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => url.clone(),
        }
    }

    pub async fn store(&self) -> Store {
        Store::connect(&self.url, true)
            .await
            .expect("database opens")
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub store: Store,
    pub clock: Arc<ManualClock>,
    pub db: Arc<TestDb>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub fn start_time() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0)
        .single()
        .expect("valid time")
}

impl TestApp {
    /// The app on the backend the run asks for: SQLite, or PostgreSQL when
    /// `KEHOACHSO_TEST_BACKEND=postgres` (CI runs the whole suite both ways).
    pub async fn spawn() -> Self {
        let backend = match std::env::var("KEHOACHSO_TEST_BACKEND").as_deref() {
            Ok("postgres") => Backend::Postgres,
            _ => Backend::Sqlite,
        };
        Self::spawn_on(backend)
            .await
            .expect("the test backend is there (KEHOACHSO_TEST_POSTGRES_URL for PostgreSQL)")
    }

    pub async fn spawn_on(backend: Backend) -> Option<Self> {
        let db = Arc::new(TestDb::new(backend).await?);
        Some(Self::spawn_with(db, WebConfig::default(), None).await)
    }

    /// Another app on the same database (and clock, when given): a second instance.
    pub async fn spawn_with(
        db: Arc<TestDb>,
        config: WebConfig,
        clock: Option<Arc<ManualClock>>,
    ) -> Self {
        let store = db.store().await;
        let clock = clock.unwrap_or_else(|| Arc::new(ManualClock::new(start_time())));
        kehoachso::app::builtin::install(&store, start_time())
            .await
            .expect("built-in frameworks install");
        let state = AppState::new(store.clone(), clock.clone(), config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("address");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(web::serve(listener, state, async {
            let _ = rx.await;
        }));
        Self {
            addr,
            store,
            clock,
            db,
            shutdown: Some(tx),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn audit(&self) -> AuditCtx {
        AuditCtx {
            at: kehoachso::domain::clock::Clock::now(self.clock.as_ref()),
            actor_user_id: None,
            actor_name: "test".into(),
        }
    }

    /// Adds an open unit under `parent`.
    pub async fn add_unit(&self, code: &str, parent: Option<&str>) -> OrgUnit {
        let input = OrgUnitInput {
            code: code.into(),
            name: format!("Đơn vị {code}"),
            kind: if parent.is_some() {
                OrgUnitKind::Department
            } else {
                OrgUnitKind::Province
            },
            parent_code: parent.map(str::to_string),
            valid_from: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("date"),
            valid_to: None,
            doc: DocumentNames {
                parent_line: "UBND TỈNH QUẢNG NGÃI".into(),
                issuer_line: format!("ĐƠN VỊ {code}"),
                abbreviation: code.into(),
                place_name: "Quảng Ngãi".into(),
            },
        };
        self.store
            .create_unit(&input, &self.audit())
            .await
            .expect("unit created")
    }

    /// Adds a user whose password is `PASSWORD`.
    pub async fn add_user(&self, username: &str, role: Role, unit_code: &str) -> User {
        let input = UserInput {
            username: username.into(),
            display_name: format!("Người dùng {username}"),
            role,
            unit_code: unit_code.into(),
            language: Language::Vi,
            email: String::new(),
        };
        self.store
            .create_user(&input, password_hash(), false, &self.audit())
            .await
            .expect("user created")
    }

    /// A client that keeps cookies and does not follow redirects.
    pub fn client(&self) -> Client {
        let jar = Arc::new(Jar::default());
        let http = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Client {
            http,
            jar,
            base: format!("http://{}", self.addr),
            csrf: String::new(),
        }
    }

    /// A client signed in as `user` through a session made directly in the store: fast, for
    /// tests about what comes after signing in.
    pub async fn session_for(&self, user: &User) -> Client {
        let token = kehoachso::web::random_name();
        let csrf = kehoachso::web::random_name();
        self.store
            .create_session(
                &web::hash_session_token(&token),
                user.id,
                &csrf,
                kehoachso::domain::clock::Clock::now(self.clock.as_ref()),
            )
            .await
            .expect("session");
        let mut client = self.client();
        client.set_cookie(web::SESSION_COOKIE, &token);
        client.csrf = csrf;
        client
    }

    /// A client signed in through the sign-in form.
    pub async fn login(&self, username: &str, password: &str) -> Client {
        let mut client = self.client();
        let response = client.login(username, password).await;
        assert_eq!(response.status(), 303, "sign-in of {username} failed");
        client.refresh_csrf("/").await;
        client
    }
}

pub struct Client {
    pub http: reqwest::Client,
    pub jar: Arc<Jar>,
    pub base: String,
    /// The CSRF token of the current session (or of the anonymous form cookie).
    pub csrf: String,
}

impl Client {
    pub fn set_cookie(&mut self, name: &str, value: &str) {
        let url = url::Url::parse(&self.base).expect("URL");
        self.jar
            .add_cookie_str(&format!("{name}={value}; Path=/"), &url);
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        let url = url::Url::parse(&self.base).expect("URL");
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split("; ")
            .find_map(|pair| pair.strip_prefix(&format!("{name}=")).map(str::to_string))
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{}", self.base, path))
            .send()
            .await
            .expect("GET")
    }

    /// Posts a form with the client's CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut form: Vec<(&str, &str)> = vec![("csrf_token", self.csrf.as_str())];
        form.extend_from_slice(fields);
        self.http
            .post(format!("{}{}", self.base, path))
            .form(&form)
            .send()
            .await
            .expect("POST")
    }

    /// Posts a form exactly as given: no token is added.
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(format!("{}{}", self.base, path))
            .form(fields)
            .send()
            .await
            .expect("POST")
    }

    /// Reads the page's CSRF token from its `<meta name="csrf-token">`.
    pub async fn refresh_csrf(&mut self, path: &str) {
        let body = self.get(path).await.text().await.expect("body");
        self.csrf = meta_csrf(&body).unwrap_or_default();
    }

    /// Signs in through the form, as a browser does.
    pub async fn login(&mut self, username: &str, password: &str) -> reqwest::Response {
        self.refresh_csrf("/login").await;
        if self.csrf.is_empty() {
            // Already signed in: /login redirects, and the session's token is on every page.
            self.refresh_csrf("/").await;
        }
        self.post("/login", &[("username", username), ("password", password)])
            .await
    }
}

pub fn meta_csrf(html: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("meta[name=csrf-token]").expect("selector");
    doc.select(&selector)
        .next()
        .and_then(|m| m.value().attr("content"))
        .map(str::to_string)
}

/// The text of the elements matching `selector`, joined by newlines.
pub fn texts(html: &str, selector: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).expect("selector");
    doc.select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The value of the input named `name`.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(&format!("[name={name}]")).expect("selector");
    doc.select(&selector)
        .next()
        .and_then(|e| e.value().attr("value"))
        .map(str::to_string)
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Opens a five-year round on a built-in framework for the given units, with a deadline a
/// month after the test clock's start.
pub async fn open_round(
    app: &TestApp,
    framework: &str,
    units: &[&str],
) -> kehoachso::domain::round::Round {
    let input = kehoachso::domain::round::RoundInput {
        code: format!("KH-{}", &kehoachso::web::random_name()[..6]).to_uppercase(),
        title: "Kế hoạch chuyển đổi số giai đoạn 2026-2030".into(),
        framework_code: framework.into(),
        kind: kehoachso::domain::framework::PlanKind::FiveYear,
        period_start: 2026,
        period_end: 2030,
        evaluation: Some((2021, 2025)),
        cutoff_date: chrono::NaiveDate::from_ymd_opt(2025, 12, 14).expect("date"),
        deadline: chrono::NaiveDate::from_ymd_opt(2026, 12, 27).expect("date"),
        units: units.iter().map(|u| u.to_string()).collect(),
    };
    app.store
        .create_round(&input, &app.audit())
        .await
        .expect("round opens")
}

/// A province with its department of science and technology, two agencies and a user of each
/// role that plans need.
pub async fn province() -> TestApp {
    let app = TestApp::spawn().await;
    app.add_unit("QNG", None).await;
    app.add_unit("SKHCN", Some("QNG")).await;
    app.add_unit("SYT", Some("QNG")).await;
    app.add_unit("STC", Some("QNG")).await;
    app.add_user("quantri", Role::Admin, "SKHCN").await;
    app.add_user("thamdinh", Role::Reviewer, "SKHCN").await;
    app.add_user("canbo.syt", Role::Editor, "SYT").await;
    app.add_user("lanhdao.syt", Role::Leader, "SYT").await;
    app
}

/// The plan of `unit` in `round`.
pub async fn plan_of(app: &TestApp, round: &kehoachso::domain::round::Round, unit: &str) -> i64 {
    app.store
        .round_plans(round.id)
        .await
        .expect("plans")
        .into_iter()
        .find(|p| p.unit_code == unit)
        .expect("plan")
        .plan
        .id
        .0
}

/// Sets a plan's status in the database directly, as an approval would leave it: for the
/// features that read approved plans, tested apart from the review workflow.
pub async fn set_plan_status(app: &TestApp, plan: kehoachso::domain::ids::PlanId, status: &str) {
    let sql = "update plan set status = $1 where plan_id = $2";
    match &app.db.url {
        DatabaseUrl::Sqlite(path) => {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
                .await
                .expect("SQLite opens");
            sqlx::query(sql)
                .bind(status)
                .bind(plan.0)
                .execute(&pool)
                .await
                .expect("update");
            pool.close().await;
        }
        DatabaseUrl::Postgres(url) => {
            let pool = sqlx::PgPool::connect(url)
                .await
                .expect("PostgreSQL answers");
            sqlx::query(sql)
                .bind(status)
                .bind(plan.0)
                .execute(&pool)
                .await
                .expect("update");
            pool.close().await;
        }
    }
}

/// Runs one SQL statement on the test database directly, bypassing the store: for checking
/// what the database itself refuses.
pub async fn raw_sql(app: &TestApp, sql: &str) -> Result<u64, sqlx::Error> {
    match &app.db.url {
        DatabaseUrl::Sqlite(path) => {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display())).await?;
            let done = sqlx::query(sql)
                .execute(&pool)
                .await
                .map(|r| r.rows_affected());
            pool.close().await;
            done
        }
        DatabaseUrl::Postgres(url) => {
            let pool = sqlx::PgPool::connect(url).await?;
            let done = sqlx::query(sql)
                .execute(&pool)
                .await
                .map(|r| r.rows_affected());
            pool.close().await;
            done
        }
    }
}

/// Stores a row in a plan whatever the plan's status: set-up data standing for a row written
/// before the plan was submitted or approved. The product never writes into such a plan, so
/// the test opens it for the one insert and puts its status back.
pub async fn seed_row(
    app: &TestApp,
    plan: kehoachso::domain::ids::PlanId,
    table: &'static str,
    values: serde_json::Value,
) -> kehoachso::domain::ids::RowId {
    let status = app.store.plan(plan).await.expect("q").expect("plan").status;
    set_plan_status(app, plan, "draft").await;
    let new = kehoachso::db::NewRow {
        table,
        row: serde_json::from_value(values).expect("a row's values"),
        label: "hàng thử".into(),
    };
    let id = app
        .store
        .insert_plan_row(plan, &new, &app.audit())
        .await
        .expect("row stored");
    set_plan_status(app, plan, status.code()).await;
    id
}

/// The demo loaded at the test clock's start, the clock then moved on to `at`, and a session of
/// Sở Y tế's editor opened then, with the unit's plan in the round `round`.
pub async fn demo_editor(round: &str, at: chrono::DateTime<Utc>) -> (TestApp, Client, i64) {
    let app = TestApp::spawn().await;
    kehoachso::demo::load(&app.store, start_time())
        .await
        .expect("demo");
    app.clock.advance(at - start_time());
    let round = app
        .store
        .round_by_code(round)
        .await
        .expect("q")
        .expect("round");
    let plan = plan_of(&app, &round, "SYT").await;
    let user = app
        .store
        .user_credentials("canbo.syt")
        .await
        .expect("q")
        .expect("editor")
        .0;
    let client = app.session_for(&user).await;
    (app, client, plan)
}
