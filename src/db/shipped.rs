//! The digest of what the program ships, as last installed (see `app::builtin`).

use super::sql::sql;
use super::{DbResult, Store};
use chrono::{DateTime, Utc};

impl Store {
    /// The digest of the shipped files `name` as last installed, if they ever were.
    pub async fn shipped_digest(&self, name: &str) -> DbResult<Option<String>> {
        Ok(sql("select digest from shipped where name = $1")
            .bind(name)
            .scalar_optional(self)
            .await?)
    }

    /// Records that the shipped files `name` with this digest are installed.
    pub async fn record_shipped(
        &self,
        name: &str,
        digest: &str,
        at: DateTime<Utc>,
    ) -> DbResult<()> {
        sql(
            "insert into shipped (name, digest, installed_at) values ($1, $2, $3) \
             on conflict (name) do update set digest = excluded.digest, \
             installed_at = excluded.installed_at",
        )
        .bind(name)
        .bind(digest)
        .bind(at)
        .execute(self)
        .await?;
        Ok(())
    }
}
