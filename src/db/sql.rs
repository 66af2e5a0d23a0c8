//! One query, written once, run on whichever backend the store has. A query is its SQL (in the
//! dialect SQLite and PostgreSQL share: `$1` parameters, `returning`, `on conflict`) and its
//! values; it runs on the store's pool or inside a write transaction.
//!
//! Written here because sqlx's own backend-neutral driver (`Any`) carries no dates or times,
//! and generic functions over `sqlx::Database` need the same long list of bounds on every
//! function. The values are collected first and bound to the backend's arguments when the
//! query runs: the same SQL and values on both, each type-checked by sqlx.

use super::Store;
use crate::domain::ids::{
    AuditEventId, CatalogEntryId, CommentId, FrameworkId, OrgUnitId, PlanId, RoundId, RowId, UserId,
};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::postgres::{PgConnection, PgPool, PgRow, Postgres};
use sqlx::sqlite::{Sqlite, SqliteConnection, SqlitePool, SqliteRow};
use sqlx::{Arguments, Database, Encode, FromRow, Transaction, Type};

/// A value bound to a query, with its type even when it is null (PostgreSQL types every
/// parameter).
#[derive(Debug, Clone)]
pub(crate) enum Value<'a> {
    Int(Option<i64>),
    Int4(Option<i32>),
    Bool(Option<bool>),
    Text(Option<&'a str>),
    OwnedText(Option<String>),
    Time(Option<DateTime<Utc>>),
    Date(Option<NaiveDate>),
}

/// A query and its values, bound in order to `$1`, `$2`, …
#[derive(Debug, Clone)]
#[must_use = "a query does nothing until it runs"]
pub(crate) struct Sql<'a> {
    text: &'a str,
    values: Vec<Value<'a>>,
}

/// Starts a query.
pub(crate) fn sql(text: &str) -> Sql<'_> {
    Sql {
        text,
        values: Vec::new(),
    }
}

/// Where a query runs: the store's pool, or the connection of an open transaction.
pub(crate) enum On<'c> {
    SqlitePool(&'c SqlitePool),
    PgPool(&'c PgPool),
    Sqlite(&'c mut SqliteConnection),
    Pg(&'c mut PgConnection),
}

impl<'c> From<&'c Store> for On<'c> {
    fn from(store: &'c Store) -> Self {
        match &store.backend {
            super::Backend::Sqlite(pool) => On::SqlitePool(pool),
            super::Backend::Postgres(pool) => On::PgPool(pool),
        }
    }
}

/// A write transaction on either backend. Dropped without `commit`, it rolls back.
pub(crate) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }
}

impl<'c> From<&'c mut Tx> for On<'c> {
    fn from(tx: &'c mut Tx) -> Self {
        match tx {
            Tx::Sqlite(tx) => On::Sqlite(tx),
            Tx::Postgres(tx) => On::Pg(tx),
        }
    }
}

/// A type a query's rows read into, on both backends (`#[derive(sqlx::FromRow)]` gives it).
pub(crate) trait Record:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

impl<T> Record for T where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

/// The backend's arguments for `values`. The one place that says which Rust types a value
/// may be: each must encode on the backend.
fn arguments<'q, DB>(values: &'q [Value<'_>]) -> Result<DB::Arguments<'q>, sqlx::Error>
where
    DB: Database,
    Option<i64>: Encode<'q, DB> + Type<DB>,
    Option<i32>: Encode<'q, DB> + Type<DB>,
    Option<bool>: Encode<'q, DB> + Type<DB>,
    Option<&'q str>: Encode<'q, DB> + Type<DB>,
    Option<DateTime<Utc>>: Encode<'q, DB> + Type<DB>,
    Option<NaiveDate>: Encode<'q, DB> + Type<DB>,
{
    let mut args = DB::Arguments::<'q>::default();
    for value in values {
        match value {
            Value::Int(v) => args.add(*v),
            Value::Int4(v) => args.add(*v),
            Value::Bool(v) => args.add(*v),
            Value::Text(v) => args.add(*v),
            Value::OwnedText(v) => args.add(v.as_deref()),
            Value::Time(v) => args.add(*v),
            Value::Date(v) => args.add(*v),
        }
        .map_err(sqlx::Error::Encode)?;
    }
    Ok(args)
}

impl<'a> Sql<'a> {
    /// Binds the next parameter.
    pub(crate) fn bind(mut self, value: impl Into<Value<'a>>) -> Self {
        self.values.push(value.into());
        self
    }

    /// Runs a statement; gives the number of rows it changed.
    pub(crate) async fn execute<'c>(&self, on: impl Into<On<'c>>) -> Result<u64, sqlx::Error> {
        let text = self.text;
        let done = match on.into() {
            On::SqlitePool(pool) => {
                let args = arguments::<Sqlite>(&self.values)?;
                sqlx::query_with(text, args)
                    .execute(pool)
                    .await?
                    .rows_affected()
            }
            On::Sqlite(conn) => {
                let args = arguments::<Sqlite>(&self.values)?;
                sqlx::query_with(text, args)
                    .execute(conn)
                    .await?
                    .rows_affected()
            }
            On::PgPool(pool) => {
                let args = arguments::<Postgres>(&self.values)?;
                sqlx::query_with(text, args)
                    .execute(pool)
                    .await?
                    .rows_affected()
            }
            On::Pg(conn) => {
                let args = arguments::<Postgres>(&self.values)?;
                sqlx::query_with(text, args)
                    .execute(conn)
                    .await?
                    .rows_affected()
            }
        };
        Ok(done)
    }

    /// Every row the query gives.
    pub(crate) async fn fetch_all<'c, T: Record>(
        &self,
        on: impl Into<On<'c>>,
    ) -> Result<Vec<T>, sqlx::Error> {
        let text = self.text;
        match on.into() {
            On::SqlitePool(pool) => {
                let args = arguments::<Sqlite>(&self.values)?;
                sqlx::query_as_with(text, args).fetch_all(pool).await
            }
            On::Sqlite(conn) => {
                let args = arguments::<Sqlite>(&self.values)?;
                sqlx::query_as_with(text, args).fetch_all(conn).await
            }
            On::PgPool(pool) => {
                let args = arguments::<Postgres>(&self.values)?;
                sqlx::query_as_with(text, args).fetch_all(pool).await
            }
            On::Pg(conn) => {
                let args = arguments::<Postgres>(&self.values)?;
                sqlx::query_as_with(text, args).fetch_all(conn).await
            }
        }
    }

    /// The first row the query gives, if any.
    pub(crate) async fn fetch_optional<'c, T: Record>(
        &self,
        on: impl Into<On<'c>>,
    ) -> Result<Option<T>, sqlx::Error> {
        let text = self.text;
        match on.into() {
            On::SqlitePool(pool) => {
                let args = arguments::<Sqlite>(&self.values)?;
                sqlx::query_as_with(text, args).fetch_optional(pool).await
            }
            On::Sqlite(conn) => {
                let args = arguments::<Sqlite>(&self.values)?;
                sqlx::query_as_with(text, args).fetch_optional(conn).await
            }
            On::PgPool(pool) => {
                let args = arguments::<Postgres>(&self.values)?;
                sqlx::query_as_with(text, args).fetch_optional(pool).await
            }
            On::Pg(conn) => {
                let args = arguments::<Postgres>(&self.values)?;
                sqlx::query_as_with(text, args).fetch_optional(conn).await
            }
        }
    }

    /// The one row the query must give.
    pub(crate) async fn fetch_one<'c, T: Record>(
        &self,
        on: impl Into<On<'c>>,
    ) -> Result<T, sqlx::Error> {
        self.fetch_optional(on)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }

    /// The first column of every row.
    pub(crate) async fn scalars<'c, T>(&self, on: impl Into<On<'c>>) -> Result<Vec<T>, sqlx::Error>
    where
        (T,): Record,
    {
        let rows: Vec<(T,)> = self.fetch_all(on).await?;
        Ok(rows.into_iter().map(|(v,)| v).collect())
    }

    /// The first column of the first row, if any.
    pub(crate) async fn scalar_optional<'c, T>(
        &self,
        on: impl Into<On<'c>>,
    ) -> Result<Option<T>, sqlx::Error>
    where
        (T,): Record,
    {
        let row: Option<(T,)> = self.fetch_optional(on).await?;
        Ok(row.map(|(v,)| v))
    }

    /// The first column of the one row the query must give.
    pub(crate) async fn scalar<'c, T>(&self, on: impl Into<On<'c>>) -> Result<T, sqlx::Error>
    where
        (T,): Record,
    {
        let (v,): (T,) = self.fetch_one(on).await?;
        Ok(v)
    }
}

impl From<i64> for Value<'_> {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}

impl From<Option<i64>> for Value<'_> {
    fn from(v: Option<i64>) -> Self {
        Value::Int(v)
    }
}

impl From<i32> for Value<'_> {
    fn from(v: i32) -> Self {
        Value::Int4(Some(v))
    }
}

impl From<Option<i32>> for Value<'_> {
    fn from(v: Option<i32>) -> Self {
        Value::Int4(v)
    }
}

impl From<bool> for Value<'_> {
    fn from(v: bool) -> Self {
        Value::Bool(Some(v))
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(v: &'a str) -> Self {
        Value::Text(Some(v))
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(v: &'a String) -> Self {
        Value::Text(Some(v))
    }
}

impl<'a> From<Option<&'a str>> for Value<'a> {
    fn from(v: Option<&'a str>) -> Self {
        Value::Text(v)
    }
}

impl From<String> for Value<'_> {
    fn from(v: String) -> Self {
        Value::OwnedText(Some(v))
    }
}

impl From<Option<String>> for Value<'_> {
    fn from(v: Option<String>) -> Self {
        Value::OwnedText(v)
    }
}

impl From<DateTime<Utc>> for Value<'_> {
    fn from(v: DateTime<Utc>) -> Self {
        Value::Time(Some(v))
    }
}

impl From<Option<DateTime<Utc>>> for Value<'_> {
    fn from(v: Option<DateTime<Utc>>) -> Self {
        Value::Time(v)
    }
}

impl From<NaiveDate> for Value<'_> {
    fn from(v: NaiveDate) -> Self {
        Value::Date(Some(v))
    }
}

impl From<Option<NaiveDate>> for Value<'_> {
    fn from(v: Option<NaiveDate>) -> Self {
        Value::Date(v)
    }
}

/// Typed ids bind as their integers.
macro_rules! id_values {
    ($($id:ty),*) => {$(
        impl From<$id> for Value<'_> {
            fn from(v: $id) -> Self {
                Value::Int(Some(v.0))
            }
        }

        impl From<Option<$id>> for Value<'_> {
            fn from(v: Option<$id>) -> Self {
                Value::Int(v.map(|v| v.0))
            }
        }
    )*};
}

id_values!(
    AuditEventId,
    CatalogEntryId,
    CommentId,
    FrameworkId,
    OrgUnitId,
    PlanId,
    RoundId,
    RowId,
    UserId
);
