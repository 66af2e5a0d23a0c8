//! Users: accounts, roles, passwords, languages.

use super::sql::{sql, Sql, Tx};
use super::{on_unique, AuditCtx, DbError, DbResult, Store};
use crate::domain::audit::summary;
use crate::domain::ids::{OrgUnitId, UserId};
use crate::domain::text::search_key;
use crate::domain::user::{Language, Role, User, UserInput};
use chrono::{DateTime, Utc};

const USER_COLUMNS: &str = "u.user_id, u.username, u.display_name, u.role, u.org_unit_id, \
    u.language, u.email, u.disabled, u.must_change_password, u.created_at";

#[derive(sqlx::FromRow)]
pub(super) struct UserRow {
    user_id: i64,
    username: String,
    display_name: String,
    role: String,
    org_unit_id: i64,
    language: String,
    email: String,
    disabled: bool,
    must_change_password: bool,
    created_at: DateTime<Utc>,
}

impl TryFrom<UserRow> for User {
    type Error = DbError;

    fn try_from(row: UserRow) -> DbResult<Self> {
        Ok(User {
            id: UserId(row.user_id),
            role: Role::from_code(&row.role)
                .ok_or_else(|| DbError::Corrupt(format!("role {}", row.role)))?,
            username: row.username,
            display_name: row.display_name,
            org_unit_id: OrgUnitId(row.org_unit_id),
            language: Language::from_code(&row.language).unwrap_or_default(),
            email: row.email,
            disabled: row.disabled,
            must_change_password: row.must_change_password,
            created_at: row.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct UserListDbRow {
    #[sqlx(flatten)]
    user: UserRow,
    unit_code: String,
    unit_name: String,
}

/// A user with its unit's code and name, for lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserListRow {
    pub user: User,
    pub unit_code: String,
    pub unit_name: String,
}

#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub query: String,
    pub role: Option<Role>,
    pub unit: Option<OrgUnitId>,
}

fn user_summary(input: &UserInput, disabled: bool) -> String {
    summary(&[
        ("username", &input.username),
        ("display_name", &input.display_name),
        ("role", input.role.code()),
        ("unit", &input.unit_code),
        ("language", input.language.code()),
        ("email", &input.email),
        ("disabled", if disabled { "true" } else { "" }),
    ])
}

impl Store {
    pub async fn user(&self, id: UserId) -> DbResult<Option<User>> {
        let text = format!("select {USER_COLUMNS} from app_user u where u.user_id = $1");
        let row: Option<UserRow> = sql(&text).bind(id).fetch_optional(self).await?;
        row.map(User::try_from).transpose()
    }

    /// A user and its password hash, for signing in.
    pub async fn user_credentials(&self, username: &str) -> DbResult<Option<(User, String)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            user: UserRow,
            password_hash: String,
        }
        let text =
            format!("select {USER_COLUMNS}, u.password_hash from app_user u where u.username = $1");
        let username = username.trim().to_lowercase();
        let row: Option<Row> = sql(&text).bind(username).fetch_optional(self).await?;
        row.map(|r| Ok((User::try_from(r.user)?, r.password_hash)))
            .transpose()
    }

    pub async fn password_hash(&self, id: UserId) -> DbResult<String> {
        let hash: Option<String> = sql("select password_hash from app_user where user_id = $1")
            .bind(id)
            .scalar_optional(self)
            .await?;
        hash.ok_or(DbError::NotFound)
    }

    pub async fn users(&self, filter: &UserFilter) -> DbResult<Vec<UserListRow>> {
        let text = format!(
            "select {USER_COLUMNS}, o.code as unit_code, o.name as unit_name \
             from app_user u join org_unit o on o.org_unit_id = u.org_unit_id \
             where (u.username like $1 or o.search_text like $1 or u.display_name like $2) \
               and ($3 = '' or u.role = $3) and ($4 = 0 or u.org_unit_id = $4) \
             order by o.code, u.username"
        );
        let key = search_key(&filter.query).replace(['%', '_'], "");
        let raw = filter.query.trim().replace(['%', '_'], "");
        let role = filter.role.map(|r| r.code()).unwrap_or_default();
        let unit = filter.unit.map(|u| u.0).unwrap_or(0);
        let rows: Vec<UserListDbRow> = sql(&text)
            .bind(format!("%{key}%"))
            .bind(format!("%{raw}%"))
            .bind(role)
            .bind(unit)
            .fetch_all(self)
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok(UserListRow {
                    user: r.user.try_into()?,
                    unit_code: r.unit_code,
                    unit_name: r.unit_name,
                })
            })
            .collect()
    }

    /// Creates a user in the unit named by `input.unit_code`.
    pub async fn create_user(
        &self,
        input: &UserInput,
        password_hash: &str,
        must_change_password: bool,
        ctx: &AuditCtx,
    ) -> DbResult<User> {
        let mut tx = self.begin_write().await?;
        let unit = open_unit(&mut tx, &input.unit_code).await?;
        let id: i64 = sql(
            "insert into app_user (username, display_name, role, org_unit_id, language, \
             password_hash, must_change_password, disabled, created_at, updated_at, email) \
             values ($1, $2, $3, $4, $5, $6, $7, false, $8, $8, $9) returning user_id",
        )
        .bind(&input.username)
        .bind(&input.display_name)
        .bind(input.role.code())
        .bind(unit)
        .bind(input.language.code())
        .bind(password_hash)
        .bind(must_change_password)
        .bind(ctx.at)
        .bind(&input.email)
        .scalar(&mut tx)
        .await
        .map_err(|e| on_unique(e, "username", "err.username_taken"))?;
        let event = ctx.event(
            "user.create",
            "user",
            id,
            &input.username,
            String::new(),
            user_summary(input, false),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        self.user(UserId(id)).await?.ok_or(DbError::NotFound)
    }

    /// Changes a user's display name, role, unit and language. The username stays.
    pub async fn update_user(
        &self,
        id: UserId,
        input: &UserInput,
        ctx: &AuditCtx,
    ) -> DbResult<User> {
        let before = self.user(id).await?.ok_or(DbError::NotFound)?;
        let before_unit = self
            .unit(before.org_unit_id)
            .await?
            .map(|u| u.code)
            .unwrap_or_default();
        let before_input = UserInput {
            username: before.username.clone(),
            display_name: before.display_name.clone(),
            role: before.role,
            unit_code: before_unit,
            language: before.language,
            email: before.email.clone(),
        };
        let mut tx = self.begin_write().await?;
        let unit = open_unit(&mut tx, &input.unit_code).await?;
        sql(
            "update app_user set display_name = $1, role = $2, org_unit_id = $3, language = $4, \
             updated_at = $5, email = $7 where user_id = $6",
        )
        .bind(&input.display_name)
        .bind(input.role.code())
        .bind(unit)
        .bind(input.language.code())
        .bind(ctx.at)
        .bind(id)
        .bind(&input.email)
        .execute(&mut tx)
        .await?;
        // A new role or unit changes what the user may reach: existing sessions end.
        if before.role != input.role || before.org_unit_id.0 != unit {
            end_sessions(id).execute(&mut tx).await?;
        }
        let after = UserInput {
            username: before.username.clone(),
            ..input.clone()
        };
        let event = ctx.event(
            "user.update",
            "user",
            id,
            &before.username,
            user_summary(&before_input, before.disabled),
            user_summary(&after, before.disabled),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        self.user(id).await?.ok_or(DbError::NotFound)
    }

    /// Disables or enables a user; disabling ends every session of the user.
    pub async fn set_user_disabled(
        &self,
        id: UserId,
        disabled: bool,
        ctx: &AuditCtx,
    ) -> DbResult<User> {
        let user = self.user(id).await?.ok_or(DbError::NotFound)?;
        let mut tx = self.begin_write().await?;
        sql("update app_user set disabled = $1, updated_at = $2 where user_id = $3")
            .bind(disabled)
            .bind(ctx.at)
            .bind(id)
            .execute(&mut tx)
            .await?;
        if disabled {
            end_sessions(id).execute(&mut tx).await?;
        }
        let (action, before, after) = if disabled {
            ("user.disable", "disabled=false", "disabled=true")
        } else {
            ("user.enable", "disabled=true", "disabled=false")
        };
        let event = ctx.event(
            action,
            "user",
            id,
            &user.username,
            before.into(),
            after.into(),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        self.user(id).await?.ok_or(DbError::NotFound)
    }

    /// Stores a new password hash and ends every session of the user.
    pub async fn set_password(
        &self,
        id: UserId,
        password_hash: &str,
        must_change_password: bool,
        ctx: &AuditCtx,
    ) -> DbResult<()> {
        let user = self.user(id).await?.ok_or(DbError::NotFound)?;
        let action = if must_change_password {
            "user.reset_password"
        } else {
            "user.change_password"
        };
        let mut tx = self.begin_write().await?;
        sql(
            "update app_user set password_hash = $1, must_change_password = $2, updated_at = $3 \
             where user_id = $4",
        )
        .bind(password_hash)
        .bind(must_change_password)
        .bind(ctx.at)
        .bind(id)
        .execute(&mut tx)
        .await?;
        end_sessions(id).execute(&mut tx).await?;
        let ended = "sessions=ended".into();
        let event = ctx.event(action, "user", id, &user.username, String::new(), ended);
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Stores the user's language, and records the change.
    pub async fn set_language(
        &self,
        id: UserId,
        language: Language,
        ctx: &AuditCtx,
    ) -> DbResult<()> {
        let user = self.user(id).await?.ok_or(DbError::NotFound)?;
        let mut tx = self.begin_write().await?;
        sql("update app_user set language = $1, updated_at = $2 where user_id = $3")
            .bind(language.code())
            .bind(ctx.at)
            .bind(id)
            .execute(&mut tx)
            .await?;
        let event = ctx.event(
            "user.language",
            "user",
            id,
            &user.username,
            format!("language={}", user.language.code()),
            format!("language={}", language.code()),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Number of users per role, for the admin's home page.
    pub async fn user_counts(&self) -> DbResult<Vec<(String, i64)>> {
        let rows: Vec<(String, i64)> = sql(
            "select role, count(*) from app_user where not disabled group by role order by role",
        )
        .fetch_all(self)
        .await?;
        Ok(rows)
    }
}

/// The open unit with this code, for a user's unit.
async fn open_unit(tx: &mut Tx, code: &str) -> DbResult<i64> {
    let unit: Option<i64> =
        sql("select org_unit_id from org_unit where code = $1 and valid_to is null")
            .bind(code)
            .scalar_optional(tx)
            .await?;
    unit.ok_or(DbError::field("unit_code", "err.unknown_open_unit"))
}

/// The statement that ends every session of a user.
fn end_sessions(user: UserId) -> Sql<'static> {
    sql("delete from session where user_id = $1").bind(user)
}
