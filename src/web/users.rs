//! User administration: list, create with a one-time password, change role and unit,
//! disable and enable, reset the password.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::app::users::{
    create_user, set_disabled as app_set_disabled, set_password, update_user, NewPassword,
};
use crate::app::Refusal;
use crate::db::{UnitFilter, UnitListRow, UserFilter, UserListRow};
use crate::domain::authz::{can, Action};
use crate::domain::ids::UserId;
use crate::domain::password;
use crate::domain::user::{Role, User, UserForm, UserInput};
use crate::domain::validation::FieldErrors;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

pub fn routes(r: Routes) -> Routes {
    r.get("/admin/users", Access::Admin, list)
        .get("/admin/users/new", Access::Admin, new_form)
        .post("/admin/users", Access::Admin, create)
        .get("/admin/users/{id}", Access::Admin, detail)
        .post("/admin/users/{id}", Access::Admin, update)
        .post("/admin/users/{id}/disable", Access::Admin, disable)
        .post("/admin/users/{id}/enable", Access::Admin, enable)
        .post(
            "/admin/users/{id}/reset-password",
            Access::Admin,
            reset_password,
        )
}

fn require_admin(user: &CurrentUser) -> Result<(), AppError> {
    if can(&user.actor(), Action::ManageUsers) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    q: String,
    role: String,
}

#[derive(Template)]
#[template(path = "users/list.html")]
struct ListPage {
    ctx: PageCtx,
    q: String,
    role: String,
    roles: [Role; 5],
    rows: Vec<UserListRow>,
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    require_admin(&user)?;
    let filter = UserFilter {
        query: query.q.chars().take(100).collect(),
        role: Role::from_code(&query.role),
        unit: None,
    };
    let rows = state.store.users(&filter).await?;
    render(&ListPage {
        ctx,
        q: filter.query,
        role: query.role,
        roles: Role::ALL,
        rows,
    })
}

/// The open units, for the unit picker.
async fn open_units(state: &AppState) -> Result<Vec<UnitListRow>, AppError> {
    Ok(state.store.units(&UnitFilter::default()).await?)
}

#[derive(Template)]
#[template(path = "users/form.html")]
struct FormPage {
    ctx: PageCtx,
    /// The user being edited; `None` for a new one.
    existing: Option<User>,
    form: UserForm,
    errors: FieldErrors,
    roles: [Role; 5],
    units: Vec<UnitListRow>,
    /// A one-time password just generated, shown once.
    onetime: Option<String>,
    open_sessions: i64,
}

async fn new_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
) -> Result<Response, AppError> {
    require_admin(&user)?;
    render(&FormPage {
        ctx,
        existing: None,
        form: UserForm {
            language: "vi".into(),
            ..UserForm::default()
        },
        errors: FieldErrors::new(),
        roles: Role::ALL,
        units: open_units(&state).await?,
        onetime: None,
        open_sessions: 0,
    })
}

async fn form_page(
    state: &AppState,
    ctx: PageCtx,
    existing: Option<User>,
    form: UserForm,
    errors: FieldErrors,
    onetime: Option<String>,
) -> Result<Response, AppError> {
    let open_sessions = match &existing {
        Some(u) => state.store.count_user_sessions(u.id).await?,
        None => 0,
    };
    let failed = !errors.is_empty();
    let mut response = render(&FormPage {
        ctx,
        existing,
        form,
        errors,
        roles: Role::ALL,
        units: open_units(state).await?,
        onetime,
        open_sessions,
    })?;
    if failed {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Form(form): Form<UserForm>,
) -> Result<Response, AppError> {
    require_admin(&user)?;
    if let Err(errors) = UserInput::try_from(&form) {
        return form_page(&state, ctx, None, form, errors, None).await;
    }
    let (onetime, password) = one_time_password(&state).await?;
    let now = state.clock.now();
    match create_user(&state.store, &user.who(), &form, &password, now).await {
        Ok(created) => {
            let form = user_form(&state, &created).await?;
            form_page(
                &state,
                ctx,
                Some(created),
                form,
                FieldErrors::new(),
                Some(onetime),
            )
            .await
        }
        Err(Refusal::Invalid(errors)) => form_page(&state, ctx, None, form, errors, None).await,
        Err(e) => Err(e.into()),
    }
}

/// A new one-time password and its hash, hashed off the runtime.
async fn one_time_password(state: &AppState) -> Result<(String, NewPassword), AppError> {
    let onetime = password::generate();
    let secret = onetime.clone();
    let hash = state
        .run_cpu(move || password::hash(&secret))
        .await?
        .map_err(|e| AppError::internal(e.to_string()))?;
    let password = NewPassword {
        hash,
        one_time: true,
    };
    Ok((onetime, password))
}

async fn user_form(state: &AppState, user: &User) -> Result<UserForm, AppError> {
    let unit = state.store.unit(user.org_unit_id).await?;
    Ok(UserForm {
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        role: user.role.code().to_string(),
        unit_code: unit.map(|u| u.code).unwrap_or_default(),
        language: user.language.code().to_string(),
        email: user.email.clone(),
    })
}

async fn detail(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    require_admin(&user)?;
    let target = state
        .store
        .user(UserId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let form = user_form(&state, &target).await?;
    form_page(&state, ctx, Some(target), form, FieldErrors::new(), None).await
}

async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(mut form): Form<UserForm>,
) -> Result<Response, AppError> {
    require_admin(&user)?;
    let target = state
        .store
        .user(UserId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    // The username never changes: it is what the audit log and people know the account by.
    form.username = target.username.clone();
    let now = state.clock.now();
    match update_user(&state.store, &user.who(), target.id, &form, now).await {
        Ok(updated) => Ok(
            Redirect::to(&format!("/admin/users/{}?msg=users.updated", updated.id)).into_response(),
        ),
        Err(Refusal::Invalid(errors)) => {
            form_page(&state, ctx, Some(target), form, errors, None).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn disable(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    set_disabled(state, ctx, user, UserId(id), true).await
}

async fn enable(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    set_disabled(state, ctx, user, UserId(id), false).await
}

async fn set_disabled(
    state: AppState,
    ctx: PageCtx,
    user: CurrentUser,
    id: UserId,
    disabled: bool,
) -> Result<Response, AppError> {
    require_admin(&user)?;
    let target = state.store.user(id).await?.ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    match app_set_disabled(&state.store, &user.who(), id, disabled, now).await {
        Ok(_) => {}
        Err(Refusal::Invalid(errors)) => {
            let form = user_form(&state, &target).await?;
            return form_page(&state, ctx, Some(target), form, errors, None).await;
        }
        Err(e) => return Err(e.into()),
    }
    let msg = if disabled {
        "users.disabled_ok"
    } else {
        "users.enabled_ok"
    };
    Ok(Redirect::to(&format!("/admin/users/{id}?msg={msg}")).into_response())
}

async fn reset_password(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    require_admin(&user)?;
    let target = state
        .store
        .user(UserId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let (onetime, password) = one_time_password(&state).await?;
    let now = state.clock.now();
    set_password(&state.store, &user.who(), target.id, &password, now).await?;
    let form = user_form(&state, &target).await?;
    form_page(
        &state,
        ctx,
        Some(target),
        form,
        FieldErrors::new(),
        Some(onetime),
    )
    .await
}
