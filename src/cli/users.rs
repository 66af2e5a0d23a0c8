//! `user add|disable|enable|reset-password|list`: accounts from the command line, for the first
//! administrator and for when no one can sign in.

use super::{open_store, out_line, print, say, CliError, DbArgs, UserCommand};
use crate::app::users::{create_user, set_disabled, set_password, NewPassword};
use crate::app::{Refusal, Who};
use crate::db::Store;
use crate::domain::clock::{Clock, SystemClock};
use crate::domain::password;
use crate::domain::user::{Role, User, UserForm, UserInput};
use std::io::BufRead;

pub(super) async fn run(db: &DbArgs, command: UserCommand) -> Result<(), CliError> {
    let store = open_store(db).await?;
    match command {
        UserCommand::Add {
            username,
            role,
            unit,
            display_name,
            email,
            password_stdin,
        } => {
            let form = UserForm {
                display_name: display_name.unwrap_or_else(|| username.clone()),
                username,
                role,
                unit_code: unit,
                language: "vi".into(),
                email: email.unwrap_or_default(),
            };
            add(&store, &form, password_stdin).await
        }
        UserCommand::Disable { username } => {
            let user = find(&store, &username).await?;
            set_disabled(&store, &Who::operator(), user.id, true, SystemClock.now()).await?;
            print("cli.user_disabled", &[&user.username]);
            Ok(())
        }
        UserCommand::Enable { username } => {
            let user = find(&store, &username).await?;
            set_disabled(&store, &Who::operator(), user.id, false, SystemClock.now()).await?;
            print("cli.user_enabled", &[&user.username]);
            Ok(())
        }
        UserCommand::ResetPassword { username } => reset_password(&store, &username).await,
        UserCommand::List => list(&store).await,
    }
}

async fn find(store: &Store, username: &str) -> Result<User, CliError> {
    store
        .user_credentials(username)
        .await?
        .map(|(u, _)| u)
        .ok_or_else(|| CliError::say("cli.no_user", &[username]))
}

async fn add(store: &Store, form: &UserForm, password_stdin: bool) -> Result<(), CliError> {
    if Role::from_code(&form.role).is_none() {
        return Err(CliError::say("cli.bad_role", &[&form.role]));
    }
    let input = UserInput::try_from(form).map_err(Refusal::Invalid)?;
    let (secret, onetime) = if password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| CliError::new(e.to_string()))?;
        let secret = line.trim_end_matches(['\r', '\n']).to_string();
        password::check_policy(&secret, &input.username)
            .map_err(|key| CliError::say("cli.password_refused", &[&say(key, &[])]))?;
        (secret, false)
    } else {
        (password::generate(), true)
    };
    let password = NewPassword {
        hash: password::hash(&secret).map_err(|e| CliError::new(e.to_string()))?,
        one_time: onetime,
    };
    let user = create_user(store, &Who::operator(), form, &password, SystemClock.now()).await?;
    print("cli.user_created", &[&user.username, user.role.code()]);
    if onetime {
        print("cli.onetime_password", &[&secret]);
        print("cli.must_change_password", &[]);
    }
    Ok(())
}

async fn reset_password(store: &Store, username: &str) -> Result<(), CliError> {
    let user = find(store, username).await?;
    let secret = password::generate();
    let password = NewPassword {
        hash: password::hash(&secret).map_err(|e| CliError::new(e.to_string()))?,
        one_time: true,
    };
    let operator = Who::operator();
    set_password(store, &operator, user.id, &password, SystemClock.now()).await?;
    print("cli.new_onetime_password", &[&user.username, &secret]);
    print("cli.sessions_ended", &[]);
    Ok(())
}

async fn list(store: &Store) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    for r in store.users(&crate::db::UserFilter::default()).await? {
        let status = if r.user.disabled {
            "disabled"
        } else {
            "active"
        };
        let line = [
            r.user.username.as_str(),
            r.user.role.code(),
            &r.unit_code,
            status,
            &r.user.display_name,
        ]
        .join("\t");
        out_line(&mut out, &line)?;
    }
    Ok(())
}
