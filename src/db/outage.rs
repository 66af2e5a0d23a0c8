//! Which database errors are an outage: the database is gone, restarting or unreachable, and
//! the same request will succeed once it is back. Pages answer those with 503, not 500.

use super::DbError;
use sqlx::postgres::PgDatabaseError;
use sqlx::sqlite::SqliteError;

impl DbError {
    pub fn is_unavailable(&self) -> bool {
        match self {
            Self::Sqlx(e) => unavailable(e),
            _ => false,
        }
    }
}

fn unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_) => true,
        sqlx::Error::Database(db) => {
            if let Some(pg) = db.try_downcast_ref::<PgDatabaseError>() {
                postgres_unavailable(pg.code())
            } else if db.try_downcast_ref::<SqliteError>().is_some() {
                db.code()
                    .and_then(|c| c.parse::<i32>().ok())
                    .is_some_and(sqlite_unavailable)
            } else {
                false
            }
        }
        _ => false,
    }
}

/// PostgreSQL's classes for a server that cannot serve now: 08 (the connection failed or was
/// lost), 57P (shut down by an administrator, crashed, starting up, cannot connect now) and
/// 53300 (too many connections).
fn postgres_unavailable(code: &str) -> bool {
    code.starts_with("08") || code.starts_with("57P") || code == "53300"
}

/// SQLite's equivalents, by primary result code (the low byte of an extended one): BUSY and
/// LOCKED past the busy timeout, IOERR, FULL (the disk) and CANTOPEN.
fn sqlite_unavailable(code: i32) -> bool {
    matches!(code & 0xff, 5 | 6 | 10 | 13 | 14)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_and_shutdown_classes_are_outages_and_nothing_else_is() {
        for code in [
            "08000", "08003", "08006", "57P01", "57P02", "57P03", "53300",
        ] {
            assert!(postgres_unavailable(code), "{code}");
        }
        for code in ["23505", "40001", "42P01", "57014", "53100"] {
            assert!(!postgres_unavailable(code), "{code}");
        }
        // 517 is SQLITE_BUSY_SNAPSHOT, 1034 SQLITE_IOERR_FSYNC.
        for code in [5, 6, 10, 13, 14, 517, 1034] {
            assert!(sqlite_unavailable(code), "{code}");
        }
        for code in [1, 19, 2067, 11] {
            assert!(!sqlite_unavailable(code), "{code}");
        }
        assert!(DbError::Sqlx(sqlx::Error::PoolTimedOut).is_unavailable());
        assert!(!DbError::NotFound.is_unavailable());
        assert!(!DbError::Sqlx(sqlx::Error::RowNotFound).is_unavailable());
    }
}
