//! Org-unit pages: the admin's list, forms, closing and merging, CSV import; and the read-only
//! profile that every role may open for the units it may see.

use super::page::{render, unprocessable, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::app::units::{close_unit, create_unit, import_units, update_unit, UnitImport};
use crate::app::Refusal;
use crate::db::{UnitFilter, UnitListRow, UserFilter, UserListRow};
use crate::domain::authz::{can, Action};
use crate::domain::ids::OrgUnitId;
use crate::domain::org_unit::{LifecycleForm, OrgUnit, OrgUnitForm, OrgUnitKind};
use crate::domain::org_unit_csv::{self, RowError};
use crate::domain::validation::FieldErrors;
use crate::i18n;
use askama::Template;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

pub fn routes(r: Routes) -> Routes {
    r.get("/admin/units", Access::Admin, list)
        .get("/admin/units/new", Access::Admin, new_form)
        .post("/admin/units", Access::Admin, create)
        .get("/admin/units/import", Access::Admin, import_form)
        .post("/admin/units/import", Access::Admin, import)
        .get("/admin/units/template.csv", Access::Admin, template)
        .get("/admin/units/{id}", Access::Admin, detail)
        .get("/admin/units/{id}/edit", Access::Admin, edit_form)
        .post("/admin/units/{id}", Access::Admin, update)
        .post("/admin/units/{id}/close", Access::Admin, close)
        .post("/admin/units/{id}/merge", Access::Admin, merge)
        .get("/units/{id}", Access::UnitProfile, profile)
}

fn require(user: &CurrentUser, action: Action) -> Result<(), AppError> {
    if can(&user.actor(), action) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    q: String,
    kind: String,
    closed: String,
}

#[derive(Template)]
#[template(path = "units/list.html")]
struct ListPage {
    ctx: PageCtx,
    q: String,
    kind: String,
    closed: bool,
    kinds: [OrgUnitKind; 6],
    rows: Vec<UnitListRow>,
}

#[derive(Template)]
#[template(path = "units/_rows.html")]
struct RowsFragment {
    ctx: PageCtx,
    rows: Vec<UnitListRow>,
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    require(&user, Action::ManageUnits)?;
    let filter = UnitFilter {
        query: query.q.chars().take(100).collect(),
        kind: OrgUnitKind::from_code(&query.kind),
        include_closed: !query.closed.is_empty(),
    };
    let rows = state.store.units(&filter).await?;
    // The search box asks for the rows only.
    if headers.get("hx-target").is_some_and(|t| t == "unit-rows") {
        return render(&RowsFragment { ctx, rows });
    }
    render(&ListPage {
        ctx,
        q: filter.query,
        kind: query.kind,
        closed: filter.include_closed,
        kinds: OrgUnitKind::ALL,
        rows,
    })
}

#[derive(Template)]
#[template(path = "units/form.html")]
struct FormPage {
    ctx: PageCtx,
    /// `None` for a new unit.
    id: Option<OrgUnitId>,
    form: OrgUnitForm,
    errors: FieldErrors,
    kinds: [OrgUnitKind; 6],
}

async fn new_form(ctx: PageCtx, user: CurrentUser) -> Result<Response, AppError> {
    require(&user, Action::ManageUnits)?;
    render(&FormPage {
        ctx,
        id: None,
        form: OrgUnitForm::default(),
        errors: FieldErrors::new(),
        kinds: OrgUnitKind::ALL,
    })
}

/// Shows the form again with what the user typed and the reasons it was refused.
fn form_with_errors(
    ctx: PageCtx,
    id: Option<OrgUnitId>,
    form: OrgUnitForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    Ok(unprocessable(render(&FormPage {
        ctx,
        id,
        form,
        errors,
        kinds: OrgUnitKind::ALL,
    })?))
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Form(form): Form<OrgUnitForm>,
) -> Result<Response, AppError> {
    match create_unit(&state.store, &user.who(), &form, state.clock.now()).await {
        Ok(unit) => Ok(
            Redirect::to(&format!("/admin/units/{}?msg=units.created", unit.id)).into_response(),
        ),
        Err(Refusal::Invalid(errors)) => form_with_errors(ctx, None, form, errors),
        Err(e) => Err(e.into()),
    }
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    require(&user, Action::ManageUnits)?;
    let unit = state
        .store
        .unit(OrgUnitId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let parent_code = match unit.parent_id {
        Some(p) => state.store.unit(p).await?.map(|p| p.code),
        None => None,
    };
    render(&FormPage {
        ctx,
        id: Some(unit.id),
        form: OrgUnitForm::from_unit(&unit, parent_code),
        errors: FieldErrors::new(),
        kinds: OrgUnitKind::ALL,
    })
}

async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<OrgUnitForm>,
) -> Result<Response, AppError> {
    let id = OrgUnitId(id);
    match update_unit(&state.store, &user.who(), id, &form, state.clock.now()).await {
        Ok(unit) => Ok(
            Redirect::to(&format!("/admin/units/{}?msg=units.updated", unit.id)).into_response(),
        ),
        Err(Refusal::Invalid(errors)) => form_with_errors(ctx, Some(id), form, errors),
        Err(e) => Err(e.into()),
    }
}

/// A unit with what surrounds it: parent, successor, children, predecessors, users.
struct UnitView {
    unit: OrgUnit,
    parent: Option<OrgUnit>,
    merged_into: Option<OrgUnit>,
    split_from: Option<OrgUnit>,
    children: Vec<OrgUnit>,
    predecessors: Vec<OrgUnit>,
    users: Vec<UserListRow>,
}

async fn unit_view(state: &AppState, id: OrgUnitId) -> Result<UnitView, AppError> {
    let unit = state.store.unit(id).await?.ok_or(AppError::NotFound)?;
    let load = |id: Option<OrgUnitId>| async move {
        match id {
            Some(id) => state.store.unit(id).await,
            None => Ok(None),
        }
    };
    Ok(UnitView {
        parent: load(unit.parent_id).await?,
        merged_into: load(unit.merged_into_id).await?,
        split_from: load(unit.split_from_id).await?,
        children: state.store.unit_children(id).await?,
        predecessors: state.store.unit_predecessors(id).await?,
        users: state
            .store
            .users(&UserFilter {
                unit: Some(id),
                ..UserFilter::default()
            })
            .await?,
        unit,
    })
}

#[derive(Template)]
#[template(path = "units/detail.html")]
struct DetailPage {
    ctx: PageCtx,
    v: UnitView,
    admin: bool,
    close_form: LifecycleForm,
    merge_form: LifecycleForm,
    close_errors: FieldErrors,
    merge_errors: FieldErrors,
}

async fn detail(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    require(&user, Action::ManageUnits)?;
    let v = unit_view(&state, OrgUnitId(id)).await?;
    render(&DetailPage {
        ctx,
        v,
        admin: true,
        close_form: LifecycleForm::default(),
        merge_form: LifecycleForm::default(),
        close_errors: FieldErrors::new(),
        merge_errors: FieldErrors::new(),
    })
}

async fn profile(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let id = OrgUnitId(id);
    require(&user, Action::ViewUnit(id))?;
    let v = unit_view(&state, id).await?;
    render(&DetailPage {
        ctx,
        v,
        admin: false,
        close_form: LifecycleForm::default(),
        merge_form: LifecycleForm::default(),
        close_errors: FieldErrors::new(),
        merge_errors: FieldErrors::new(),
    })
}

async fn close(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<LifecycleForm>,
) -> Result<Response, AppError> {
    change_lifecycle(state, ctx, user, OrgUnitId(id), form, false).await
}

async fn merge(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<LifecycleForm>,
) -> Result<Response, AppError> {
    change_lifecycle(state, ctx, user, OrgUnitId(id), form, true).await
}

/// Closes or merges a unit; a refusal shows the unit's page again with the reason beside the
/// field and the values typed.
async fn change_lifecycle(
    state: AppState,
    ctx: PageCtx,
    user: CurrentUser,
    id: OrgUnitId,
    form: LifecycleForm,
    merge: bool,
) -> Result<Response, AppError> {
    match close_unit(
        &state.store,
        &user.who(),
        id,
        &form,
        merge,
        state.clock.now(),
    )
    .await
    {
        Ok(_) => {
            let msg = if merge {
                "units.merged_ok"
            } else {
                "units.closed_ok"
            };
            Ok(Redirect::to(&format!("/admin/units/{id}?msg={msg}")).into_response())
        }
        Err(Refusal::Invalid(errors)) => lifecycle_page(&state, ctx, id, form, merge, errors).await,
        Err(e) => Err(e.into()),
    }
}

async fn lifecycle_page(
    state: &AppState,
    ctx: PageCtx,
    id: OrgUnitId,
    form: LifecycleForm,
    merge: bool,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let v = unit_view(state, id).await?;
    let (close_form, merge_form, close_errors, merge_errors) = if merge {
        (LifecycleForm::default(), form, FieldErrors::new(), errors)
    } else {
        (form, LifecycleForm::default(), errors, FieldErrors::new())
    };
    Ok(unprocessable(render(&DetailPage {
        ctx,
        v,
        admin: true,
        close_form,
        merge_form,
        close_errors,
        merge_errors,
    })?))
}

#[derive(Template)]
#[template(path = "units/import.html")]
struct ImportPage {
    ctx: PageCtx,
    file_error: Option<String>,
    row_errors: Vec<RowError>,
    /// Set after an import: the summary line.
    done: Option<String>,
    refused: bool,
}

impl ImportPage {
    fn row_message(&self, e: &RowError) -> String {
        match &e.arg {
            Some(arg) => i18n::text_with(self.ctx.lang, e.key, &[arg]),
            None => i18n::text(self.ctx.lang, e.key).to_string(),
        }
    }
}

async fn import_form(ctx: PageCtx, user: CurrentUser) -> Result<Response, AppError> {
    require(&user, Action::ManageUnits)?;
    render(&ImportPage {
        ctx,
        file_error: None,
        row_errors: Vec::new(),
        done: None,
        refused: false,
    })
}

async fn template(user: CurrentUser) -> Result<Response, AppError> {
    require(&user, Action::ManageUnits)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"don-vi-mau.csv\"; filename*=UTF-8''%C4%91%C6%A1n-v%E1%BB%8B-m%E1%BA%ABu.csv",
            ),
        ],
        org_unit_csv::template(),
    )
        .into_response())
}

async fn import(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    request: Request,
) -> Result<Response, AppError> {
    // Authorization before the body is even read.
    require(&user, Action::ManageUnits)?;
    // A file past the bound keeps only its start, which the parser then refuses as too big.
    let upload = super::upload::read_upload(request, &state, org_unit_csv::MAX_BYTES).await?;
    let valid_only = upload.valid_only;
    let file = Some(upload.bytes).filter(|b| !b.is_empty());
    let page = |ctx, file_error: Option<String>, row_errors, done, refused| ImportPage {
        ctx,
        file_error,
        row_errors,
        done,
        refused,
    };
    let Some(bytes) = file else {
        let message = i18n::text(ctx.lang, "import.err_no_file").to_string();
        return Ok(unprocessable(render(&page(
            ctx,
            Some(message),
            Vec::new(),
            None,
            false,
        ))?));
    };
    let now = state.clock.now();
    match import_units(&state.store, &user.who(), &bytes, valid_only, now).await {
        Ok(UnitImport {
            written: Some(outcome),
            errors,
        }) => {
            let summary = i18n::text_with(
                ctx.lang,
                "import.summary",
                &[&outcome.created.to_string(), &outcome.updated.to_string()],
            );
            render(&page(ctx, None, errors, Some(summary), false))
        }
        // Nothing written: the file's problems, every one of them.
        Ok(UnitImport {
            written: None,
            errors,
        }) => Ok(unprocessable(render(&page(ctx, None, errors, None, true))?)),
        Err(Refusal::File(e)) => {
            let message = i18n::text_with(ctx.lang, e.key, &[&e.arg]);
            let refused = page(ctx, Some(message), Vec::new(), None, false);
            Ok(unprocessable(render(&refused)?))
        }
        Err(e) => Err(e.into()),
    }
}
