//! The database as a whole: migrations, the demo data, and a backup of a SQLite file.

use super::serve::print_logins;
use super::{open_store, print, CliError, DbArgs};
use crate::demo;
use crate::domain::clock::{Clock, SystemClock};
use std::path::Path;

pub(super) async fn migrate(db: &DbArgs) -> Result<(), CliError> {
    let store = open_store(db).await?;
    print("cli.migrated", &[store.backend_name()]);
    Ok(())
}

pub(super) async fn demo(db: &DbArgs, force: bool) -> Result<(), CliError> {
    let store = open_store(db).await?;
    if !force && !store.is_empty().await? {
        return Err(CliError::say("cli.demo_not_empty", &[]));
    }
    let logins = demo::load(&store, SystemClock.now())
        .await
        .map_err(|e| CliError::new(e.to_string()))?;
    print_logins(None, &logins);
    Ok(())
}

pub(super) async fn backup(db: &DbArgs, out: &Path) -> Result<(), CliError> {
    if out.exists() {
        return Err(CliError::say(
            "cli.file_exists",
            &[&out.display().to_string()],
        ));
    }
    let store = open_store(db).await?;
    match store.backup_sqlite(out).await? {
        Some(()) => {
            print("cli.backed_up", &[&out.display().to_string()]);
            Ok(())
        }
        None => Err(CliError::say("cli.backup_postgres", &[])),
    }
}
