//! The demo province: Quảng Ngãi as the 2020 framework knew it (its departments, boards and the
//! districts and towns of 2020), then the 2025 reorganisation as lineage: the departments merged
//! on 01/03/2025 (Sở TTTT into Sở KH&CN, …), Kon Tum merged into Quảng Ngãi and the district
//! level closed on 01/07/2025, with a handful of the new communes and wards. One user per role,
//! each with a random password printed once. Every plan's content is written by its agency's
//! user through the same use-cases as a person's, so demo data obeys every rule.

mod plans;
mod province;

pub use province::units;

use crate::app::units::{close_unit, load_units};
use crate::app::users::{create_user, set_password, NewPassword};
use crate::app::{Refusal, Who};
use crate::db::{DbError, Store};
use crate::domain::org_unit::LifecycleForm;
use crate::domain::password;
use crate::domain::user::{Language, Role, UserForm};
use chrono::{DateTime, Utc};
use province::CHANGES;

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
    // The demo is loaded by whoever runs the server or the command line: its operator.
    let operator = Who::operator();
    load_units(store, &operator, &units(), now)
        .await
        .map_err(|e| DemoError::refused("units", e))?;
    let logins = users(store, &operator, now).await?;
    plans::load_history(store, now).await?;
    reorganise(store, &operator, now).await?;
    plans::open_current(store, now).await?;
    store
        .record_audit(&operator.audit(now).event(
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

/// A password nobody has to change at once (the demo's are printed for its users), hashed.
fn demo_password(secret: &str) -> Result<NewPassword, DemoError> {
    Ok(NewPassword {
        hash: password::hash(secret).map_err(|e| DemoError::Hash(e.to_string()))?,
        one_time: false,
    })
}

/// Creates the demo users, or gives existing ones new passwords.
async fn users(
    store: &Store,
    operator: &Who,
    now: DateTime<Utc>,
) -> Result<Vec<DemoLogin>, DemoError> {
    let mut logins = Vec::new();
    for (role, username, name, unit_code) in USERS {
        let secret = password::generate();
        let password = demo_password(&secret)?;
        let done = match store.user_credentials(username).await? {
            Some((existing, _)) => set_password(store, operator, existing.id, &password, now).await,
            None => {
                let form = UserForm {
                    username: username.to_string(),
                    display_name: name.to_string(),
                    role: role.code().to_string(),
                    unit_code: unit_code.to_string(),
                    language: Language::Vi.code().to_string(),
                    email: String::new(),
                };
                create_user(store, operator, &form, &password, now).await
            }
        };
        done.map_err(|e| DemoError::refused(username, e))?;
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
async fn reorganise(store: &Store, operator: &Who, now: DateTime<Utc>) -> Result<(), DemoError> {
    for (code, successor, effective) in CHANGES {
        let unit = store.unit_by_code(code).await?.ok_or(DbError::NotFound)?;
        if unit.is_closed() {
            continue;
        }
        let form = LifecycleForm {
            effective: effective.to_string(),
            successor: successor.to_string(),
        };
        close_unit(store, operator, unit.id, &form, !successor.is_empty(), now)
            .await
            .map_err(|e| DemoError::refused(code, e))?;
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
