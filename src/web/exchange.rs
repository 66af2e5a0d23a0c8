//! A plan's lists as spreadsheets on the web — download, template, upload — and the whole plan
//! as JSON.

use super::download::download;
use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::app::access::{readable, writable, PlanAt, Touches};
use crate::app::documents::DocumentFormat;
use crate::app::exchange::{export_list, import_list, plan_json, ImportFile, ImportOutcome};
use crate::app::Refusal;
use crate::domain::ids::PlanId;
use crate::domain::round::{Plan, Round};
use crate::domain::sheet::{list_tables, list_title_key, Format, RowError};
use crate::i18n;
use askama::Template;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;

pub fn routes(r: Routes) -> Routes {
    r.get(
        "/plans/{id}/lists/{list}/export/{format}",
        Access::PlanRead,
        export,
    )
    .get(
        "/plans/{id}/lists/{list}/template/{format}",
        Access::PlanRead,
        template,
    )
    .get(
        "/plans/{id}/lists/{list}/import",
        Access::PlanWrite,
        import_form,
    )
    .post("/plans/{id}/lists/{list}/import", Access::PlanWrite, import)
    .get("/plans/{id}/export/json", Access::PlanRead, json)
    .get("/plans/{id}/export/docx", Access::PlanRead, docx)
    .get("/plans/{id}/export/pdf", Access::PlanRead, pdf)
    .get("/plans/{id}/export/xlsx", Access::PlanRead, xlsx)
}

/// The plan of a list page: readable for the downloads, writable for the import.
async fn load(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    list: &str,
    write: bool,
) -> Result<PlanAt, AppError> {
    let Some(tables) = list_tables(list) else {
        return Err(AppError::NotFound);
    };
    let who = user.who();
    Ok(if write {
        writable(&state.store, &who, PlanId(id), Touches::Tables(tables)).await?
    } else {
        readable(&state.store, &who, PlanId(id)).await?
    })
}

fn format_of(code: &str) -> Result<Format, AppError> {
    Format::from_code(code).ok_or(AppError::NotFound)
}

/// `KH-2021-2025_SYT_Hệ thống thông tin.xlsx`
async fn file_name(
    state: &AppState,
    at: &PlanAt,
    what: &str,
    ext: &str,
) -> Result<String, AppError> {
    let unit = state
        .store
        .unit(at.plan.org_unit_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(format!("{}_{}_{what}.{ext}", at.round.code, unit.code))
}

/// A list of a plan as a file, with its rows or (`empty`) as the template.
async fn send_list(
    state: &AppState,
    ctx: &PageCtx,
    user: &CurrentUser,
    (id, list, format): (i64, String, String),
    empty: bool,
) -> Result<Response, AppError> {
    let format = format_of(&format)?;
    let at = load(state, user, id, &list, false).await?;
    let bytes = export_list(&state.store, &at, &list, format, ctx.lang, empty).await?;
    let title = ctx.t(&list_title_key(&list));
    let name = if empty {
        format!(
            "{title} ({}).{}",
            ctx.t("lists.template_name"),
            format.extension()
        )
    } else {
        file_name(state, &at, title, format.extension()).await?
    };
    Ok(download(&name, format.content_type(), bytes))
}

async fn export(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(path): Path<(i64, String, String)>,
) -> Result<Response, AppError> {
    send_list(&state, &ctx, &user, path, false).await
}

async fn template(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(path): Path<(i64, String, String)>,
) -> Result<Response, AppError> {
    send_list(&state, &ctx, &user, path, true).await
}

async fn json(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let at = readable(&state.store, &user.who(), PlanId(id)).await?;
    let value = plan_json(&state.store, &at).await?;
    let bytes = serde_json::to_vec_pretty(&value).map_err(|e| AppError::internal(e.to_string()))?;
    let name = file_name(&state, &at, "ke-hoach", "json").await?;
    Ok(download(&name, "application/json", bytes))
}

async fn docx(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    official(&state, &ctx, &user, PlanId(id), DocumentFormat::Docx).await
}

async fn pdf(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    official(&state, &ctx, &user, PlanId(id), DocumentFormat::Pdf).await
}

/// The plan as its official document, rendered off the async runtime.
async fn official(
    state: &AppState,
    ctx: &PageCtx,
    user: &CurrentUser,
    id: PlanId,
    format: DocumentFormat,
) -> Result<Response, AppError> {
    let at = readable(&state.store, &user.who(), id).await?;
    let today = state.today();
    let source = crate::app::documents::plan_source(&state.store, &at, today).await?;
    let margins = state.config.document_margins;
    let bytes = state
        .render(move || crate::app::documents::render_plan(&source, margins, format))
        .await?
        .map_err(|e| match e {
            crate::app::documents::RenderError::NoPdf => AppError::NotFound,
            e => AppError::internal(e.to_string()),
        })?;
    let what = ctx.t("plan.file_document");
    let name = file_name(state, &at, what, format.extension()).await?;
    Ok(download(&name, format.content_type(), bytes))
}

/// Every table of the plan with rows, one sheet each, rendered off the async runtime.
async fn xlsx(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let at = readable(&state.store, &user.who(), PlanId(id)).await?;
    let sheets = crate::app::documents::plan_sheets(&state.store, &at, ctx.lang).await?;
    let bytes = state
        .render(move || crate::app::documents::render_xlsx(&sheets))
        .await?
        .map_err(|e| AppError::internal(e.to_string()))?;
    let name = file_name(&state, &at, ctx.t("plan.file_tables"), "xlsx").await?;
    Ok(download(&name, Format::Xlsx.content_type(), bytes))
}

#[derive(Template)]
#[template(path = "plans/import.html")]
struct ImportPage {
    ctx: PageCtx,
    plan: Plan,
    round: Round,
    list: String,
    title_key: String,
    file_error: Option<String>,
    outcome: Option<ImportOutcome>,
}

impl ImportPage {
    fn row_message(&self, e: &RowError) -> String {
        i18n::text_with(
            self.ctx.lang,
            e.key,
            &[e.arg.as_deref().unwrap_or_default()],
        )
    }
}

async fn import_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, list)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let at = load(&state, &user, id, &list, true).await?;
    render(&ImportPage {
        title_key: list_title_key(&list),
        ctx,
        plan: at.plan,
        round: at.round,
        list,
        file_error: None,
        outcome: None,
    })
}

async fn import(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, list)): Path<(i64, String)>,
    request: Request,
) -> Result<Response, AppError> {
    // Authorization before the body is read.
    let PlanAt { plan, round } = load(&state, &user, id, &list, true).await?;
    let upload =
        super::upload::read_upload(request, &state, crate::domain::sheet::MAX_BYTES).await?;
    let valid_only = upload.valid_only;
    let too_big = upload.too_big;
    let file = Some((upload.file_name, upload.bytes));
    let page = |ctx, file_error: Option<String>, outcome| ImportPage {
        title_key: list_title_key(&list),
        ctx,
        plan: plan.clone(),
        round: round.clone(),
        list: list.clone(),
        file_error,
        outcome,
    };
    let refuse = |page: ImportPage| -> Result<Response, AppError> {
        let mut response = render(&page)?;
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        Ok(response)
    };
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        let message = ctx.t("lists.err_no_file").to_string();
        return refuse(page(ctx, Some(message), None));
    };
    if too_big {
        let message = ctx.tf("import.err_too_big", "2 MB");
        return refuse(page(ctx, Some(message), None));
    }
    // The content decides, whatever the name says: a zip is a workbook, anything else CSV.
    let format = if bytes.starts_with(b"PK") || name.ends_with(".xlsx") {
        Format::Xlsx
    } else {
        Format::Csv
    };
    let file = ImportFile {
        list: &list,
        format,
        bytes: &bytes,
        valid_only,
    };
    let now = state.clock.now();
    match import_list(&state.store, &user.who(), plan.id, file, now).await {
        Ok(outcome) if outcome.refused => refuse(page(ctx, None, Some(outcome))),
        Ok(outcome) => render(&page(ctx, None, Some(outcome))),
        Err(Refusal::File(e)) => {
            let message = i18n::text_with(ctx.lang, e.key, &[&e.arg]);
            refuse(page(ctx, Some(message), None))
        }
        Err(e) => Err(e.into()),
    }
}
