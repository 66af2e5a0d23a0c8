//! Storage. One `Store` serves both backends: the SQL is written once, in the dialect that
//! SQLite and PostgreSQL share (`$1` parameters, `returning`, `on conflict`), and each query
//! runs on the backend's own pool or transaction through `sql`. What differs per backend lives
//! here: connection settings, migrations, how a write transaction begins, and backups.
//!
//! Chosen over one `Store` trait with two implementations because those two would repeat every
//! query; the contract tests run the same calls on both backends either way.

mod audit;
mod catalogs;
mod frameworks;
mod legal;
mod notifications;
mod open;
mod outage;
mod plans;
mod review;
mod rounds;
mod rows;
mod sections;
mod sessions;
mod shipped;
mod sql;
mod units;
mod url;
mod users;

pub use notifications::{MailNotice, Notice, MAX_MAIL_ATTEMPTS};
pub use plans::PlanListRow;
pub use review::{Comment, CommentAt, RevisionSummary, StepChange, StepRecord, StepRefused};
pub use rounds::RoundSummary;
pub use rows::{NewRow, RowAt, RowConflict, RowRecord};
pub use sections::SaveError;
pub use sessions::SessionRecord;
pub use units::{ImportMode, ImportOutcome, UnitFilter, UnitListRow, UnitWriteError};
pub use url::{DatabaseUrl, UrlError, DEFAULT_SQLITE_PATH};
pub use users::{UserFilter, UserListRow};

use crate::domain::audit::NewAuditEvent;
use crate::domain::ids::UserId;
use chrono::{DateTime, Utc};
use sql::sql;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("not found")]
    NotFound,
    /// A value the database refuses, pinned to a form field: `key` names the message.
    #[error("invalid {field}: {key}")]
    Field {
        field: std::borrow::Cow<'static, str>,
        key: &'static str,
    },
    /// The plan no longer takes changes: someone submitted it (or it was approved) since the
    /// change was asked for.
    #[error("the plan no longer takes changes")]
    PlanClosed,
    #[error("the SQLite database file {0} does not exist")]
    MissingFile(PathBuf),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl DbError {
    pub fn field(field: impl Into<std::borrow::Cow<'static, str>>, key: &'static str) -> Self {
        Self::Field {
            field: field.into(),
            key,
        }
    }
}

pub type DbResult<T> = Result<T, DbError>;

#[derive(Clone, Debug)]
enum Backend {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The application's storage. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    backend: Backend,
    /// Published frameworks, which never change, kept once read.
    published: frameworks::Published,
}

impl Store {
    /// Begins a write transaction on this store's backend. On SQLite `BEGIN IMMEDIATE` takes
    /// the write lock at once, so two writers queue on the busy timeout instead of failing with
    /// "database is locked" half-way through.
    pub(crate) async fn begin_write(&self) -> Result<sql::Tx, sqlx::Error> {
        Ok(match &self.backend {
            Backend::Sqlite(pool) => sql::Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Backend::Postgres(pool) => sql::Tx::Postgres(pool.begin().await?),
        })
    }
}

/// Who changed something, and when: every write that users can see records an audit event in
/// the same transaction.
#[derive(Debug, Clone)]
pub struct AuditCtx {
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<UserId>,
    pub actor_name: String,
}

impl AuditCtx {
    pub fn event(
        &self,
        action: &'static str,
        object_kind: &'static str,
        object_id: impl ToString,
        object_label: impl Into<String>,
        before: String,
        after: String,
    ) -> NewAuditEvent {
        NewAuditEvent {
            at: self.at,
            actor_user_id: self.actor_user_id,
            actor_name: self.actor_name.clone(),
            action,
            object_kind,
            object_id: object_id.to_string(),
            object_label: object_label.into(),
            before,
            after,
        }
    }
}

impl Store {
    /// Opens the database and applies the migrations. A SQLite file is created only when
    /// `create` is set, so a mistyped path never yields a new, empty database.
    pub async fn connect(url: &DatabaseUrl, create: bool) -> DbResult<Self> {
        let backend = match url {
            DatabaseUrl::Sqlite(path) => {
                if !create && !path.exists() {
                    return Err(DbError::MissingFile(path.clone()));
                }
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)?;
                }
                let options = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(create)
                    .journal_mode(SqliteJournalMode::Wal)
                    // FULL: a commit the user was told about survives a power cut too.
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10));
                let pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    .connect_with(options)
                    .await?;
                sqlx::migrate!("migrations/sqlite").run(&pool).await?;
                Backend::Sqlite(pool)
            }
            DatabaseUrl::Postgres(url) => {
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect(url)
                    .await?;
                sqlx::migrate!("migrations/postgres").run(&pool).await?;
                Backend::Postgres(pool)
            }
        };
        Ok(Self {
            backend,
            published: Default::default(),
        })
    }

    /// A migrated SQLite database in memory, for tests of the use-cases. One connection holds
    /// it (each in-memory connection is a database of its own), so a use-case that asked the
    /// pool for a second connection while it holds a transaction would stop here at once.
    pub async fn in_memory() -> DbResult<Self> {
        let options = SqliteConnectOptions::new()
            .in_memory(true)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        sqlx::migrate!("migrations/sqlite").run(&pool).await?;
        Ok(Self {
            backend: Backend::Sqlite(pool),
            published: Default::default(),
        })
    }

    pub fn backend_name(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// Answers when the database answers: for `/healthz`.
    pub async fn ping(&self) -> DbResult<()> {
        sql("select 1").execute(self).await?;
        Ok(())
    }

    /// True when the database holds no org unit and no user: the demo loads only there.
    pub async fn is_empty(&self) -> DbResult<bool> {
        let count: i64 =
            sql("select (select count(*) from org_unit) + (select count(*) from app_user)")
                .scalar(self)
                .await?;
        Ok(count == 0)
    }

    /// Writes a consistent copy of a SQLite database while it is in use. PostgreSQL has
    /// `pg_dump` for that; `None` says so.
    pub async fn backup_sqlite(&self, out: &std::path::Path) -> DbResult<Option<()>> {
        match &self.backend {
            Backend::Sqlite(pool) => {
                // `vacuum into` is SQLite's own statement.
                sql("vacuum into $1")
                    .bind(out.to_string_lossy().to_string())
                    .execute(sql::On::SqlitePool(pool))
                    .await?;
                Ok(Some(()))
            }
            Backend::Postgres(_) => Ok(None),
        }
    }

    pub async fn close(&self) {
        match &self.backend {
            Backend::Sqlite(pool) => pool.close().await,
            Backend::Postgres(pool) => pool.close().await,
        }
    }
}

/// Maps a unique-constraint violation to a field error; anything else stays as it is.
fn on_unique(err: sqlx::Error, field: &'static str, key: &'static str) -> DbError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => DbError::field(field, key),
        _ => DbError::Sqlx(err),
    }
}
