//! The demo province: Quảng Ngãi as the 2020 framework knew it (its departments, boards and the
//! districts and towns of 2020), then the 2025 reorganisation as lineage: the departments merged
//! on 01/03/2025 (Sở TTTT into Sở KH&CN, …), Kon Tum merged into Quảng Ngãi and the district
//! level closed on 01/07/2025, with a handful of the new communes and wards. One user per role,
//! each with a random password printed once. Every plan's content is written by its agency's
//! user through the same use-cases as a person's, so demo data obeys every rule.

mod plans;
mod province;

pub use province::units;

use crate::app::Refusal;
use crate::db::{AuditCtx, DbError, ImportMode, Store, UnitWriteError};
use crate::domain::org_unit::Closure;
use crate::domain::password;
use crate::domain::user::{Language, Role, UserInput};
use chrono::{DateTime, Utc};
use province::{date, CHANGES};

/// A demo login to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub role: Role,
    pub username: String,
    pub password: String,
    pub unit_name: String,
}

/// One user per role (two editors, in different agencies, to show that each sees only its own):
/// (role, username, full name, unit code).
pub const USERS: &[(Role, &str, &str, &str)] = &[
    (Role::Admin, "quantri.skhcn", "Nguyễn Văn An", "SKHCN"),
    (Role::Reviewer, "thamdinh.skhcn", "Trần Thị Bích", "SKHCN"),
    (Role::Editor, "canbo.syt", "Lê Minh Cường", "SYT"),
    (Role::Leader, "lanhdao.syt", "Phạm Thị Dung", "SYT"),
    (Role::Viewer, "lanhdao.ubnd", "Võ Quốc Hùng", "QNG"),
    (Role::Editor, "canbo.stc", "Đặng Thu Hà", "STC"),
    (Role::Leader, "lanhdao.snv", "Hoàng Văn Phúc", "SNV"),
];

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the demo's own data was refused: {0}")]
    Data(String),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("password hashing failed: {0}")]
    Hash(String),
}

impl DemoError {
    /// A use-case refused the demo's data: the data is wrong, and `what` says where.
    fn refused(what: impl std::fmt::Display, refusal: Refusal) -> Self {
        match refusal {
            Refusal::Db(e) => Self::Db(e),
            other => Self::Data(format!("{what}: {other:?}")),
        }
    }
}

/// Loads the demo units (by code: existing units are updated) and creates the demo users, or
/// gives existing demo users new passwords; writes the 2021–2025 round as its agencies wrote
/// and reviewed it in 2020; then the 2025 reorganisation and the 2026–2030 round. Returns the
/// logins to print once.
pub async fn load(store: &Store, now: DateTime<Utc>) -> Result<Vec<DemoLogin>, DemoError> {
    let ctx = AuditCtx {
        at: now,
        actor_user_id: None,
        actor_name: "demo".to_string(),
    };
    store
        .import_units(&units(), &ctx, ImportMode::AllOrNothing)
        .await
        .map_err(|e| match e {
            UnitWriteError::Rows(rows) => DemoError::Data(format!("{rows:?}")),
            UnitWriteError::Db(e) => DemoError::Db(e),
        })?;
    let logins = users(store, &ctx).await?;
    plans::load_history(store, now).await?;
    reorganise(store, &ctx).await?;
    plans::open_current(store, now).await?;
    store
        .record_audit(&ctx.event(
            "demo.load",
            "system",
            "demo",
            "Quảng Ngãi",
            String::new(),
            format!("units={}", units().len()),
        ))
        .await?;
    Ok(logins)
}

/// Creates the demo users, or gives existing ones new passwords.
async fn users(store: &Store, ctx: &AuditCtx) -> Result<Vec<DemoLogin>, DemoError> {
    let mut logins = Vec::new();
    for (role, username, name, unit_code) in USERS {
        let secret = password::generate();
        let hash = password::hash(&secret).map_err(|e| DemoError::Hash(e.to_string()))?;
        match store.user_credentials(username).await? {
            Some((existing, _)) => store.set_password(existing.id, &hash, false, ctx).await?,
            None => {
                let input = UserInput {
                    username: username.to_string(),
                    display_name: name.to_string(),
                    role: *role,
                    unit_code: unit_code.to_string(),
                    language: Language::Vi,
                    email: String::new(),
                };
                store.create_user(&input, &hash, false, ctx).await?;
            }
        }
        let unit_name = store
            .unit_by_code(unit_code)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        logins.push(DemoLogin {
            role: *role,
            username: username.to_string(),
            password: secret,
            unit_name,
        });
    }
    Ok(logins)
}

/// The 2025 reorganisation: units merged into their successors or closed, once.
async fn reorganise(store: &Store, ctx: &AuditCtx) -> Result<(), DemoError> {
    for (code, successor, effective) in CHANGES {
        let unit = store.unit_by_code(code).await?.ok_or(DbError::NotFound)?;
        if unit.is_closed() {
            continue;
        }
        let closure = if successor.is_empty() {
            Closure::Close
        } else {
            let s = store
                .unit_by_code(successor)
                .await?
                .ok_or(DbError::NotFound)?;
            Closure::MergeInto(s.id)
        };
        store
            .close_unit(unit.id, closure, date(effective), ctx)
            .await?;
    }
    Ok(())
}

/// True when the demo users are already there.
pub async fn is_loaded(store: &Store) -> Result<bool, DbError> {
    Ok(store.user_credentials(USERS[0].1).await?.is_some())
}

/// Every demo account's username, the disabled authors of 2020 too: names that look like
/// dotted codes (`canbo.syt`), which the catalog's tests tell apart from audit actions.
#[cfg(test)]
pub(crate) fn usernames() -> impl Iterator<Item = &'static str> {
    USERS
        .iter()
        .map(|u| u.1)
        .chain(plans::AUTHORS.iter().map(|a| a.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_user_belongs_to_a_unit_that_stays_open() {
        for (_, _, _, unit) in USERS {
            assert!(!CHANGES.iter().any(|(c, _, _)| c == unit), "{unit} closes");
        }
    }
}
