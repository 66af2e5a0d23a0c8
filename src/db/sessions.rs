//! Server-side sessions and login throttling, kept in the database so that several app
//! instances behind a load balancer share them.

use super::sql::sql;
use super::{DbResult, Store};
use crate::domain::ids::UserId;
use crate::domain::user::User;
use chrono::{DateTime, Utc};

/// A session with its user. Only a hash of the session id is stored.
#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub user: User,
    /// The name of the user's unit, for the page header: read with the session, in one query.
    pub unit_name: String,
    pub csrf_token: String,
    /// The user's unread notifications, for the header: read with the session too.
    pub unread: i64,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

impl Store {
    pub async fn create_session(
        &self,
        session_hash: &str,
        user: UserId,
        csrf_token: &str,
        now: DateTime<Utc>,
    ) -> DbResult<()> {
        sql(
            "insert into session (session_hash, user_id, csrf_token, created_at, last_seen_at) \
             values ($1, $2, $3, $4, $4)",
        )
        .bind(session_hash)
        .bind(user)
        .bind(csrf_token)
        .bind(now)
        .execute(self)
        .await?;
        Ok(())
    }

    pub async fn session(&self, session_hash: &str) -> DbResult<Option<SessionRecord>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            user: super::users::UserRow,
            unit_name: String,
            unread: i64,
            csrf_token: String,
            session_created_at: DateTime<Utc>,
            last_seen_at: DateTime<Utc>,
        }
        let row: Option<Row> = sql(
            "select u.user_id, u.username, u.display_name, u.role, u.org_unit_id, u.language, \
             u.email, u.disabled, u.must_change_password, u.created_at, o.name as unit_name, \
             s.csrf_token, (select count(*) from notification n where n.user_id = u.user_id \
             and n.read_at is null) as unread, \
             s.created_at as session_created_at, s.last_seen_at \
             from session s join app_user u on u.user_id = s.user_id \
             join org_unit o on o.org_unit_id = u.org_unit_id where s.session_hash = $1",
        )
        .bind(session_hash)
        .fetch_optional(self)
        .await?;
        row.map(|r| {
            Ok(SessionRecord {
                user: r.user.try_into()?,
                unit_name: r.unit_name,
                csrf_token: r.csrf_token,
                unread: r.unread,
                created_at: r.session_created_at,
                last_seen_at: r.last_seen_at,
            })
        })
        .transpose()
    }

    pub async fn touch_session(&self, session_hash: &str, now: DateTime<Utc>) -> DbResult<()> {
        sql("update session set last_seen_at = $1 where session_hash = $2")
            .bind(now)
            .bind(session_hash)
            .execute(self)
            .await?;
        Ok(())
    }

    pub async fn delete_session(&self, session_hash: &str) -> DbResult<()> {
        sql("delete from session where session_hash = $1")
            .bind(session_hash)
            .execute(self)
            .await?;
        Ok(())
    }

    pub async fn count_user_sessions(&self, user: UserId) -> DbResult<i64> {
        let n: i64 = sql("select count(*) from session where user_id = $1")
            .bind(user)
            .scalar(self)
            .await?;
        Ok(n)
    }

    /// Removes sessions idle since before `idle_before` or started before `started_before`,
    /// and login failures older than `failures_before`.
    pub async fn purge_expired(
        &self,
        idle_before: DateTime<Utc>,
        started_before: DateTime<Utc>,
        failures_before: DateTime<Utc>,
    ) -> DbResult<()> {
        sql("delete from session where last_seen_at < $1 or created_at < $2")
            .bind(idle_before)
            .bind(started_before)
            .execute(self)
            .await?;
        sql("delete from login_failure where failed_at < $1")
            .bind(failures_before)
            .execute(self)
            .await?;
        Ok(())
    }

    pub async fn record_login_failure(
        &self,
        username: &str,
        client_addr: &str,
        at: DateTime<Utc>,
    ) -> DbResult<()> {
        sql("insert into login_failure (username, client_addr, failed_at) values ($1, $2, $3)")
            .bind(username)
            .bind(client_addr)
            .bind(at)
            .execute(self)
            .await?;
        Ok(())
    }

    /// Failures since `since`: for this username, and from this client address.
    pub async fn login_failures_since(
        &self,
        username: &str,
        client_addr: &str,
        since: DateTime<Utc>,
    ) -> DbResult<(i64, i64)> {
        let counts: (i64, i64) = sql(
            "select (select count(*) from login_failure where username = $1 and failed_at >= $3), \
             (select count(*) from login_failure where client_addr = $2 and failed_at >= $3)",
        )
        .bind(username)
        .bind(client_addr)
        .bind(since)
        .fetch_one(self)
        .await?;
        Ok(counts)
    }

    /// A successful sign-in clears the account's failures.
    pub async fn clear_login_failures(&self, username: &str) -> DbResult<()> {
        sql("delete from login_failure where username = $1")
            .bind(username)
            .execute(self)
            .await?;
        Ok(())
    }
}
