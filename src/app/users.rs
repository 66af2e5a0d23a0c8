//! Accounts: administrators create them (with a one-time password), change them, disable and
//! enable them, and give new one-time passwords. Hashing a password is CPU work that the caller
//! does off its runtime; a use-case takes the hash.

use super::{Refusal, Who};
use crate::db::Store;
use crate::domain::authz::{can, Action};
use crate::domain::ids::UserId;
use crate::domain::user::{Role, User, UserForm, UserInput};
use chrono::{DateTime, Utc};

/// A password as the store keeps it: its hash, and whether it is a one-time password that must
/// be changed at the next sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPassword {
    pub hash: String,
    pub one_time: bool,
}

fn require_admin(who: &Who) -> Result<(), Refusal> {
    if can(&who.actor, Action::ManageUsers) {
        Ok(())
    } else {
        Err(Refusal::Forbidden)
    }
}

async fn target(store: &Store, id: UserId) -> Result<User, Refusal> {
    store.user(id).await?.ok_or(Refusal::NotFound)
}

/// Creates an account from the form, with its first password.
pub async fn create_user(
    store: &Store,
    who: &Who,
    form: &UserForm,
    password: &NewPassword,
    now: DateTime<Utc>,
) -> Result<User, Refusal> {
    require_admin(who)?;
    let input = UserInput::try_from(form).map_err(Refusal::Invalid)?;
    let created = store
        .create_user(&input, &password.hash, password.one_time, &who.audit(now))
        .await?;
    Ok(created)
}

/// Changes an account's name, role, unit, language and address; its username never changes,
/// being what the audit log and people know it by, and administrators never demote themselves.
pub async fn update_user(
    store: &Store,
    who: &Who,
    id: UserId,
    form: &UserForm,
    now: DateTime<Utc>,
) -> Result<User, Refusal> {
    require_admin(who)?;
    let before = target(store, id).await?;
    let form = UserForm {
        username: before.username.clone(),
        ..form.clone()
    };
    let input = UserInput::try_from(&form).map_err(Refusal::Invalid)?;
    if who.account == Some(before.id) && input.role != Role::Admin {
        return Err(Refusal::field("role", "users.cannot_demote_self"));
    }
    Ok(store
        .update_user(before.id, &input, &who.audit(now))
        .await?)
}

/// Disables an account (ending its sessions) or enables it; nobody disables themselves.
pub async fn set_disabled(
    store: &Store,
    who: &Who,
    id: UserId,
    disabled: bool,
    now: DateTime<Utc>,
) -> Result<User, Refusal> {
    require_admin(who)?;
    let user = target(store, id).await?;
    if disabled && who.account == Some(user.id) {
        return Err(Refusal::field("disabled", "users.cannot_disable_self"));
    }
    Ok(store
        .set_user_disabled(user.id, disabled, &who.audit(now))
        .await?)
}

/// Gives an account a new password (ending its sessions).
pub async fn set_password(
    store: &Store,
    who: &Who,
    id: UserId,
    password: &NewPassword,
    now: DateTime<Utc>,
) -> Result<User, Refusal> {
    require_admin(who)?;
    let user = target(store, id).await?;
    store
        .set_password(user.id, &password.hash, password.one_time, &who.audit(now))
        .await?;
    Ok(user)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixture::province;

    fn form(username: &str, role: &str) -> UserForm {
        UserForm {
            username: username.into(),
            display_name: "Người mới".into(),
            role: role.into(),
            unit_code: "SYT".into(),
            language: "vi".into(),
            email: String::new(),
        }
    }

    fn password() -> NewPassword {
        NewPassword {
            hash: "hash".into(),
            one_time: true,
        }
    }

    #[tokio::test]
    async fn administrators_and_the_operator_manage_accounts_and_nobody_else() {
        let p = province().await;
        let made = create_user(
            &p.store,
            &p.admin,
            &form("moi", "editor"),
            &password(),
            p.now,
        )
        .await
        .expect("created");
        assert_eq!(made.role, Role::Editor);
        let by_cli = create_user(
            &p.store,
            &Who::operator(),
            &form("moi2", "leader"),
            &password(),
            p.now,
        )
        .await
        .expect("created from the command line");
        assert_eq!(by_cli.username, "moi2");
        for who in [&p.reviewer, &p.editor, &p.viewer] {
            let refused =
                create_user(&p.store, who, &form("x", "editor"), &password(), p.now).await;
            assert!(matches!(refused, Err(Refusal::Forbidden)), "{}", who.login);
        }
        let taken = create_user(
            &p.store,
            &p.admin,
            &form("moi", "editor"),
            &password(),
            p.now,
        )
        .await;
        assert!(matches!(taken, Err(Refusal::Invalid(_))), "{taken:?}");
    }

    #[tokio::test]
    async fn an_administrator_neither_demotes_nor_disables_themselves() {
        let p = province().await;
        let me = p.admin.actor.user_id;
        let demote = update_user(&p.store, &p.admin, me, &form("ignored", "editor"), p.now).await;
        assert!(matches!(demote, Err(Refusal::Invalid(_))), "{demote:?}");
        let off = set_disabled(&p.store, &p.admin, me, true, p.now).await;
        assert!(matches!(off, Err(Refusal::Invalid(_))), "{off:?}");
        let editor = p.editor.actor.user_id;
        let changed = update_user(
            &p.store,
            &p.admin,
            editor,
            &form("ignored", "leader"),
            p.now,
        )
        .await
        .expect("changed");
        assert_eq!(
            (changed.username.as_str(), changed.role),
            ("canbo.syt", Role::Leader)
        );
        let disabled = set_disabled(&p.store, &p.admin, editor, true, p.now)
            .await
            .expect("disabled");
        assert!(disabled.disabled);
        set_password(&p.store, &p.admin, editor, &password(), p.now)
            .await
            .expect("new password");
    }
}
