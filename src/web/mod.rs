//! The HTTP application. Each feature owns its routes; `routes()` lists them all in one place,
//! and the same list feeds the authorization test matrix.

mod assets;
mod audit;
mod auth;
mod catalogs;
mod download;
mod error;
mod exchange;
mod form_text;
mod frameworks;
mod home;
mod jobs;
mod legal;
mod notifications;
mod page;
mod plans;
mod province;
mod review;
mod rounds;
mod routes;
mod security;
mod session;
mod units;
mod upload;
mod users;

pub use error::AppError;
pub use routes::{Access, RouteInfo};
pub use session::{hash_session_token, random_token as random_name, SESSION_COOKIE};

use crate::config::WebConfig;
use crate::db::Store;
use crate::domain::clock::Clock;
use axum::extract::DefaultBodyLimit;
use axum::Router;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// Largest request body accepted anywhere: an uploaded sheet (2 MB at most) with the form
/// around it.
pub const MAX_BODY_BYTES: usize = 3 * 1024 * 1024;

/// Everything a handler needs. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<WebConfig>,
    /// The threads for CPU-heavy work (password hashing), one per core.
    cpu: Arc<rayon::ThreadPool>,
    /// The threads that render documents, apart, so that a burst of downloads never holds up
    /// sign-ins.
    documents: Arc<rayon::ThreadPool>,
    /// The long document jobs (the consolidated plan) and their files, for a few minutes.
    pub jobs: Arc<jobs::Jobs>,
}

/// Documents rendered at the same time, at most.
const DOCUMENT_THREADS: usize = 2;

/// A fixed set of named threads. Fixed, because the allocator keeps what each thread's work
/// took (an argon2 hash takes 19 MiB): on the runtime's blocking pool, whose threads come and
/// go by the hundred, every sign-in left memory behind; here it is bounded by the threads.
fn thread_pool(name: &'static str, threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(move |i| format!("{name}-{i}"))
        // A panic ends that one piece of work (its caller gets an internal error), not the
        // process.
        .panic_handler(|_| tracing::error!("work on a worker thread panicked"))
        .build()
        .expect("the worker threads start")
}

impl AppState {
    pub fn new(store: Store, clock: Arc<dyn Clock>, config: WebConfig) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self {
            store,
            clock,
            config: Arc::new(config),
            cpu: Arc::new(thread_pool("cpu", cores)),
            documents: Arc::new(thread_pool("documents", DOCUMENT_THREADS)),
            jobs: Arc::new(jobs::Jobs::default()),
        }
    }

    /// The day it is in Vietnam: what deadlines, catalogs' validity and documents' years go by.
    pub fn today(&self) -> chrono::NaiveDate {
        crate::domain::clock::vietnam_day(&self.clock.now())
    }

    /// Renders a document on the document threads, a few at a time.
    pub async fn render<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        run_on(&self.documents, work).await
    }

    /// Runs CPU-heavy work on the CPU threads, at most one task per core at a time.
    pub async fn run_cpu<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        run_on(&self.cpu, work).await
    }
}

/// Runs `work` on one of `pool`'s threads and waits for it without holding up the runtime.
async fn run_on<T: Send + 'static>(
    pool: &rayon::ThreadPool,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let (done, result) = tokio::sync::oneshot::channel();
    pool.spawn(move || {
        let _ = done.send(work());
    });
    result
        .await
        .map_err(|_| AppError::internal("the work stopped before it finished"))
}

/// Every route of the app, with the access each one requires.
pub fn routes() -> routes::Routes {
    let r = routes::Routes::new();
    let r = assets::routes(r);
    let r = auth::routes(r);
    let r = home::routes(r);
    let r = units::routes(r);
    let r = users::routes(r);
    let r = frameworks::routes(r);
    let r = legal::routes(r);
    let r = rounds::routes(r);
    let r = province::routes(r);
    let r = plans::routes(r);
    let r = catalogs::routes(r);
    let r = exchange::routes(r);
    let r = review::routes(r);
    let r = notifications::routes(r);
    audit::routes(r)
}

/// The list of routes, for tests and documentation.
pub fn route_list() -> Vec<RouteInfo> {
    routes().list()
}

/// The whole application: routes, then the layers every request goes through (outermost last).
pub fn app(state: AppState) -> Router {
    with_layers(routes().into_router().fallback(not_found), state)
}

/// Wraps routes in the layers every request goes through. Public so that tests can check the
/// layers against routes of their own (a handler that panics, say).
pub fn with_layers(router: Router<AppState>, state: AppState) -> Router {
    router
        .layer(axum::middleware::from_fn(form_text::clean_forms))
        .layer(axum::middleware::from_fn(session::csrf_guard))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            error::render_error_pages,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session::load_session,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            security::panic_response,
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Any path no route knows: the same page as any other missing object.
async fn not_found() -> AppError {
    AppError::NotFound
}

/// Serves the app on an already-bound listener until `shutdown` resolves. Tests bind port 0.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let housekeeping = tokio::spawn(session::housekeeping(state.clone()));
    let result = axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    housekeeping.abort();
    result
}
