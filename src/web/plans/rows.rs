//! A row of a typed table on its own page: its form (filled, or new), the live check beside
//! it as it is typed, and the row added, changed, moved and deleted through `app::rows`.

use super::row_conflict::RowConflictView;
use super::table_view::{computed, fields, Computed};
use crate::app::access::{readable, writable, Touches};
use crate::app::rows::{
    add_row, base_version, change_row, check_row, delete_row, move_row as move_one, RowReader,
};
use crate::app::{Conflict, Refusal};
use crate::db::RowRecord;
use crate::domain::authz::{can, Action};
use crate::domain::findings::Finding;
use crate::domain::ids::{PlanId, RowId};
use crate::domain::round::{Plan, Round};
use crate::domain::tables::{row_form, spec, RowForm, TableSpec};
use crate::domain::validation::FieldErrors;
use crate::web::page::{refused, render, PageCtx};
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;

#[derive(Template)]
#[template(path = "plans/table_row.html")]
struct RowPage {
    ctx: PageCtx,
    plan: Plan,
    round: Round,
    spec: &'static TableSpec,
    /// `None` for a new row.
    row: Option<RowId>,
    version: i32,
    section: String,
    fields: Vec<super::table_view::FieldView>,
    errors: FieldErrors,
    can_edit: bool,
    /// The row as someone else saved it, when they saved first.
    conflict: Option<RowConflictView>,
    check: CheckView,
}

/// What the live check shows beside a row's form: computed figures and the warnings of the
/// row as typed; the errors go beside their fields.
#[derive(Template)]
#[template(path = "plans/_row_check.html")]
struct CheckFragment {
    ctx: PageCtx,
    code: &'static str,
    check: CheckView,
    errors: FieldErrors,
    /// Every field of the form, to clear the errors no longer there.
    names: Vec<String>,
}

#[derive(Default)]
struct CheckView {
    computed: Vec<Computed>,
    findings: Vec<Finding>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct SectionQuery {
    section: String,
}

/// The section to return to: the one the form came from, if it is a plain key.
fn section_of(form: &RowForm) -> String {
    let section = form.get("section").cloned().unwrap_or_default();
    if section
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    {
        section
    } else {
        String::new()
    }
}

fn back(id: i64, form: &RowForm, table: &str) -> Response {
    Redirect::to(&format!(
        "/plans/{id}?section={}&msg=common.saved#table-{table}",
        section_of(form)
    ))
    .into_response()
}

/// How the row's page stands: which row, at which version, whether it may be changed, and
/// the row as stored when someone changed it first.
struct Editing {
    row: Option<RowId>,
    version: i32,
    can_edit: bool,
    conflict: Option<Box<RowRecord>>,
}

/// The row's page with `form` in it; 422 when it comes back refused, 409 when someone changed
/// the row first.
fn page(
    ctx: PageCtx,
    reader: &RowReader,
    editing: Editing,
    form: RowForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let at = reader.plan();
    let years = at.round.years();
    let check = reader.read(&form);
    let choices = reader.choices(ctx.lang);
    let conflict = editing.conflict.map(|current| {
        let sent = (&form, &check.row);
        RowConflictView::new(&ctx, reader.spec, &current, sent, &years, &choices)
    });
    let (conflicting, invalid) = (conflict.is_some(), !errors.is_empty());
    let response = render(&RowPage {
        fields: fields(reader.spec, &form, &years, &choices),
        section: section_of(&form),
        check: CheckView {
            computed: computed(reader.spec, &check.row),
            findings: check.findings,
        },
        ctx,
        plan: at.plan.clone(),
        round: at.round.clone(),
        spec: reader.spec,
        row: editing.row,
        version: editing.version,
        errors,
        can_edit: editing.can_edit,
        conflict,
    })?;
    Ok(if conflicting || invalid {
        refused(response, conflicting)
    } else {
        response
    })
}

/// The page again after a refused add or change: what the user typed, with why.
async fn refused_page(
    state: &AppState,
    ctx: PageCtx,
    user: &CurrentUser,
    (id, table, row): (i64, &str, Option<RowId>),
    form: RowForm,
    refusal: Refusal,
) -> Result<Response, AppError> {
    let (errors, version, conflict) = match refusal {
        Refusal::Invalid(errors) => (errors, base_version(&form), None),
        // Someone changed the row first: what this user typed comes back beside what they
        // saved, with the version now there, so that saving again is a choice made knowingly.
        Refusal::Conflict(Conflict::Row(current)) => {
            (FieldErrors::new(), current.version, Some(current))
        }
        other => return Err(other.into()),
    };
    let code = spec(table).ok_or(AppError::NotFound)?.code;
    let who = user.who();
    let at = writable(&state.store, &who, PlanId(id), Touches::Tables(&[code])).await?;
    let today = state.today();
    let reader = RowReader::new(&state.store, at, code, row, today).await?;
    let editing = Editing {
        row,
        version: if row.is_some() { version } else { 0 },
        can_edit: true,
        conflict,
    };
    page(ctx, &reader, editing, form, errors)
}

pub(super) async fn new_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, table)): Path<(i64, String)>,
    Query(q): Query<SectionQuery>,
) -> Result<Response, AppError> {
    let code = spec(&table).ok_or(AppError::NotFound)?.code;
    let at = writable(
        &state.store,
        &user.who(),
        PlanId(id),
        Touches::Tables(&[code]),
    )
    .await?;
    let mut form = RowForm::new();
    if code == "tasks" {
        form.insert("start_year".into(), at.round.period_start.to_string());
        form.insert("end_year".into(), at.round.period_end.to_string());
    }
    form.insert("section".into(), q.section);
    let today = state.today();
    let reader = RowReader::new(&state.store, at, code, None, today).await?;
    let editing = Editing {
        row: None,
        version: 0,
        can_edit: true,
        conflict: None,
    };
    page(ctx, &reader, editing, form, FieldErrors::new())
}

/// Adds a row to a list; for a record, stores the one record (changing it if it exists).
pub(super) async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, table)): Path<(i64, String)>,
    Form(form): Form<RowForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    match add_row(&state.store, &user.who(), PlanId(id), &table, &form, now).await {
        Ok(_) => Ok(back(id, &form, &table)),
        Err(refusal) => {
            // A record's form names its stored row, so a refusal shows it at its version.
            let row = form.get("row").and_then(|r| r.parse().ok()).map(RowId);
            refused_page(&state, ctx, &user, (id, &table, row), form, refusal).await
        }
    }
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, table, row)): Path<(i64, String, i64)>,
    Query(q): Query<SectionQuery>,
) -> Result<Response, AppError> {
    let code = spec(&table).ok_or(AppError::NotFound)?.code;
    let at = readable(&state.store, &user.who(), PlanId(id)).await?;
    let place = crate::db::RowAt {
        plan: at.plan.id,
        table: code,
        row: RowId(row),
    };
    let record = state
        .store
        .plan_row(place)
        .await?
        .ok_or(AppError::NotFound)?;
    let can_edit = can(
        &user.actor(),
        Action::EditPlan(at.plan.org_unit_id, at.plan.status),
    );
    let mut form = row_form(
        spec(code).ok_or(AppError::NotFound)?,
        &record.row,
        at.round.period_start..=at.round.period_end,
    );
    form.insert("section".into(), q.section);
    let today = state.today();
    let reader = RowReader::new(&state.store, at, code, Some(record.id), today).await?;
    let editing = Editing {
        row: Some(record.id),
        version: record.version,
        can_edit,
        conflict: None,
    };
    page(ctx, &reader, editing, form, FieldErrors::new())
}

pub(super) async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, table, row)): Path<(i64, String, i64)>,
    Form(form): Form<RowForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let row = RowId(row);
    match change_row(
        &state.store,
        &user.who(),
        PlanId(id),
        &table,
        row,
        &form,
        now,
    )
    .await
    {
        Ok(()) => Ok(back(id, &form, &table)),
        Err(refusal) => {
            refused_page(&state, ctx, &user, (id, &table, Some(row)), form, refusal).await
        }
    }
}

/// The live check of a row's form: errors beside their fields, computed figures, warnings.
pub(super) async fn check(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, table)): Path<(i64, String)>,
    Form(form): Form<RowForm>,
) -> Result<Response, AppError> {
    let row = form.get("row").and_then(|r| r.parse().ok()).map(RowId);
    let now = state.clock.now();
    let (reader, check) = check_row(
        &state.store,
        &user.who(),
        PlanId(id),
        &table,
        row,
        &form,
        now,
    )
    .await?;
    let years = reader.plan().round.years();
    let names = reader
        .spec
        .columns
        .iter()
        .flat_map(|c| {
            if c.per_year {
                years.iter().map(|y| format!("{}_{y}", c.name)).collect()
            } else {
                vec![c.name.to_string()]
            }
        })
        .collect();
    render(&CheckFragment {
        ctx,
        code: reader.spec.code,
        check: CheckView {
            computed: computed(reader.spec, &check.row),
            findings: check.findings,
        },
        errors: check.errors,
        names,
    })
}

pub(super) async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, table, row)): Path<(i64, String, i64)>,
    Form(form): Form<RowForm>,
) -> Result<Response, AppError> {
    let (who, now) = (user.who(), state.clock.now());
    let base = base_version(&form);
    delete_row(
        &state.store,
        &who,
        PlanId(id),
        &table,
        RowId(row),
        base,
        now,
    )
    .await?;
    Ok(back(id, &form, &table))
}

pub(super) async fn move_row(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, table, row)): Path<(i64, String, i64)>,
    Form(form): Form<RowForm>,
) -> Result<Response, AppError> {
    let up = form.get("direction").map(String::as_str) == Some("up");
    let (who, now) = (user.who(), state.clock.now());
    move_one(&state.store, &who, PlanId(id), &table, RowId(row), up, now).await?;
    Ok(back(id, &form, &table))
}
