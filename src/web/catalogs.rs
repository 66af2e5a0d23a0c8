//! The catalogs' admin pages: every entry with the dates it applies between, added and changed
//! by an administrator. Entries are never deleted: a retired one gets an end date and stays
//! readable in the plans that hold it.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::app::references::save_catalog_entry;
use crate::app::Refusal;
use crate::domain::catalog::{parse_form, title_key, CatalogEntry, CATALOGS};
use crate::domain::ids::CatalogEntryId;
use crate::domain::text::format_date;
use crate::domain::validation::FieldErrors;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use std::collections::HashMap;

pub fn routes(r: Routes) -> Routes {
    r.get("/admin/catalogs", Access::Admin, index)
        .get("/admin/catalogs/{catalog}", Access::Admin, list)
        .post("/admin/catalogs/{catalog}", Access::Admin, create)
        .get("/admin/catalogs/{catalog}/new", Access::Admin, new_form)
        .get(
            "/admin/catalogs/{catalog}/{entry}",
            Access::Admin,
            edit_form,
        )
        .post("/admin/catalogs/{catalog}/{entry}", Access::Admin, update)
}

fn known(catalog: &str) -> Result<&'static str, AppError> {
    CATALOGS
        .iter()
        .find(|c| **c == catalog)
        .copied()
        .ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "catalogs/index.html")]
struct IndexPage {
    ctx: PageCtx,
    /// (catalog, its title's key, entries, in force today)
    catalogs: Vec<(&'static str, String, usize, usize)>,
}

async fn index(State(state): State<AppState>, ctx: PageCtx) -> Result<Response, AppError> {
    let today = state.today();
    let mut catalogs = Vec::new();
    for catalog in CATALOGS {
        let entries = state.store.catalog(catalog).await?;
        let in_force = entries.iter().filter(|e| e.in_force(today)).count();
        catalogs.push((*catalog, title_key(catalog), entries.len(), in_force));
    }
    render(&IndexPage { ctx, catalogs })
}

#[derive(Template)]
#[template(path = "catalogs/list.html")]
struct ListPage {
    ctx: PageCtx,
    catalog: &'static str,
    title_key: String,
    entries: Vec<CatalogEntry>,
    today: chrono::NaiveDate,
}

impl ListPage {
    fn until(&self, e: &CatalogEntry) -> String {
        e.valid_to.map(format_date).unwrap_or_default()
    }

    fn status(&self, e: &CatalogEntry) -> &'static str {
        if e.in_force(self.today) {
            "catalogs.status_in_force"
        } else if e.valid_from > self.today {
            "catalogs.status_future"
        } else {
            "catalogs.status_retired"
        }
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(catalog): Path<String>,
) -> Result<Response, AppError> {
    let catalog = known(&catalog)?;
    render(&ListPage {
        ctx,
        catalog,
        title_key: title_key(catalog),
        entries: state.store.catalog(catalog).await?,
        today: state.today(),
    })
}

#[derive(Template)]
#[template(path = "catalogs/entry.html")]
struct EntryPage {
    ctx: PageCtx,
    catalog: &'static str,
    title_key: String,
    /// `None` for a new entry.
    entry: Option<i64>,
    form: HashMap<String, String>,
    errors: FieldErrors,
}

impl EntryPage {
    fn value(&self, name: &str) -> String {
        self.form.get(name).cloned().unwrap_or_default()
    }
}

fn entry_form(e: &CatalogEntry) -> HashMap<String, String> {
    [
        ("code", e.code.clone()),
        ("name", e.name.clone()),
        ("name_en", e.name_en.clone()),
        ("valid_from", format_date(e.valid_from)),
        ("valid_to", e.valid_to.map(format_date).unwrap_or_default()),
        ("source", e.source.clone()),
        ("unit", e.unit.clone()),
        ("direction", e.direction.clone()),
        ("target", e.target_shown()),
        (
            "target_year",
            e.target_year.map(|y| y.to_string()).unwrap_or_default(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

async fn new_form(ctx: PageCtx, Path(catalog): Path<String>) -> Result<Response, AppError> {
    let catalog = known(&catalog)?;
    render(&EntryPage {
        ctx,
        catalog,
        title_key: title_key(catalog),
        entry: None,
        form: HashMap::new(),
        errors: FieldErrors::new(),
    })
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((catalog, entry)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let catalog = known(&catalog)?;
    let e = state
        .store
        .catalog_entry(CatalogEntryId(entry))
        .await?
        .filter(|e| e.catalog == catalog)
        .ok_or(AppError::NotFound)?;
    render(&EntryPage {
        ctx,
        catalog,
        title_key: title_key(catalog),
        entry: Some(entry),
        form: entry_form(&e),
        errors: FieldErrors::new(),
    })
}

async fn save(
    state: &AppState,
    ctx: PageCtx,
    user: &CurrentUser,
    catalog: &'static str,
    entry: Option<i64>,
    form: HashMap<String, String>,
) -> Result<Response, AppError> {
    let refused = |ctx, form, errors| -> Result<Response, AppError> {
        let mut response = render(&EntryPage {
            ctx,
            catalog,
            title_key: title_key(catalog),
            entry,
            form,
            errors,
        })?;
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        Ok(response)
    };
    let mut parsed = match parse_form(catalog, &form) {
        Ok(e) => e,
        Err(errors) => return refused(ctx, form, errors),
    };
    parsed.id = entry.map(CatalogEntryId);
    let now = state.clock.now();
    match save_catalog_entry(&state.store, &user.who(), &parsed, now).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/admin/catalogs/{catalog}?msg=common.saved")).into_response(),
        ),
        Err(Refusal::Invalid(errors)) => refused(ctx, form, errors),
        Err(e) => Err(e.into()),
    }
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(catalog): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let catalog = known(&catalog)?;
    save(&state, ctx, &user, catalog, None, form).await
}

async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((catalog, entry)): Path<(String, i64)>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let catalog = known(&catalog)?;
    save(&state, ctx, &user, catalog, Some(entry), form).await
}
