//! The typed tables of a plan on the web: each table shown under the framework's section that
//! asks for it (a list with totals and the findings of each row, or one record of figures filled
//! in place), a form per row that checks as it is typed, and rows added, changed, moved and
//! deleted. One engine for every table: what differs is in `domain::tables::specs`.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::units::audit_ctx;
use super::{AppError, AppState};
use crate::checks::{decode_row, decode_rows};
use crate::db::RowAt;
use crate::domain::authz::{can, Action};
use crate::domain::catalog::options_on;
use crate::domain::findings::Finding;
use crate::domain::ids::PlanId;
use crate::domain::money::Money;
use crate::domain::round::{Plan, Round};
use crate::domain::tables::rules::row_findings;
use crate::domain::tables::{
    read_row, row_form, spec, Allowed, Kind, Row, RowContext, RowForm, Shape, TableSpec,
};
use crate::domain::user::Language;
use crate::domain::validation::FieldErrors;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use std::collections::{BTreeMap, HashMap};

pub fn routes(r: Routes) -> Routes {
    r.get(
        "/plans/{id}/tables/{table}/new",
        Access::PlanWrite,
        new_form,
    )
    .post("/plans/{id}/tables/{table}", Access::PlanWrite, create)
    .post("/plans/{id}/tables/{table}/check", Access::PlanWrite, check)
    .get("/plans/{id}/tables/{table}/{row}", Access::PlanRead, show)
    .post(
        "/plans/{id}/tables/{table}/{row}",
        Access::PlanWrite,
        update,
    )
    .post(
        "/plans/{id}/tables/{table}/{row}/delete",
        Access::PlanWrite,
        delete,
    )
    .post(
        "/plans/{id}/tables/{table}/{row}/move",
        Access::PlanWrite,
        move_row,
    )
}

/// A choice of a catalog column: its code and what the user reads.
#[derive(Debug, Clone)]
pub struct Choice {
    pub code: String,
    pub label: String,
}

/// The choices of each catalog a table uses, for a plan's round: the entries in force on its
/// catalog date, and any retired code the plan's rows still hold.
pub struct Choices(HashMap<&'static str, Vec<Choice>>);

impl Choices {
    pub fn allowed(&self) -> Allowed {
        self.0
            .iter()
            .map(|(c, list)| (c.to_string(), list.iter().map(|o| o.code.clone()).collect()))
            .collect()
    }

    fn label(&self, catalog: &str, code: &str) -> String {
        self.0
            .get(catalog)
            .and_then(|list| list.iter().find(|o| o.code == code))
            .map(|o| o.label.clone())
            .unwrap_or_else(|| code.to_string())
    }
}

/// Codes that read better than names in a narrow column (task group 5, level 3).
fn shown_by_code(catalog: &str) -> bool {
    matches!(catalog, "task_group" | "security_level")
}

pub async fn choices(
    state: &AppState,
    round: &Round,
    lang: Language,
    spec: &TableSpec,
    rows: &[(i64, Row)],
) -> Result<Choices, AppError> {
    let mut out = HashMap::new();
    for column in spec.columns {
        let catalog = match column.kind {
            Kind::Catalog(c) | Kind::CatalogList(c) => c,
            _ => continue,
        };
        // A list holds several codes (`a, đ`); each stays allowed.
        let held: Vec<String> = rows
            .iter()
            .filter_map(|(_, r)| r.text(column.name))
            .flat_map(|t| {
                t.split(", ")
                    .map(|c| c.replace('đ', "dd"))
                    .collect::<Vec<_>>()
            })
            .collect();
        let list = if catalog == "legal" {
            state
                .store
                .legal_documents("", "")
                .await?
                .into_iter()
                .filter(|d| d.in_force() || held.contains(&d.number))
                .map(|d| Choice {
                    code: d.number.clone(),
                    label: d.citation(),
                })
                .collect()
        } else {
            let entries = state.store.catalog(catalog).await?;
            options_on(&entries, round.catalog_date(), &held)
                .into_iter()
                .map(|e| Choice {
                    code: e.code.clone(),
                    label: if shown_by_code(catalog) {
                        format!("{} — {}", e.code, e.name_in(lang))
                    } else {
                        e.name_in(lang).to_string()
                    },
                })
                .collect()
        };
        out.insert(catalog, list);
    }
    Ok(Choices(out))
}

/// What a row is checked against in `round`.
pub fn row_context(state: &AppState, round: &Round, choices: &Choices) -> RowContext {
    RowContext {
        period: (round.period_start, round.period_end),
        today: state.clock.now().date_naive(),
        allowed: choices.allowed(),
    }
}

/// A cell of a table as shown.
pub struct Cell {
    pub text: String,
    pub numeric: bool,
}

/// A heading of the list: a column, or a per-year column spanning its years.
pub struct Heading {
    pub label_key: String,
    pub span: usize,
    pub per_year: bool,
    pub numeric: bool,
}

pub struct RowView {
    pub id: i64,
    pub version: i32,
    pub cells: Vec<Cell>,
    pub findings: Vec<Finding>,
    /// Reviewers' comments on the row.
    pub comments: Vec<crate::db::Comment>,
}

/// One input of a row's form.
pub struct FieldView {
    pub name: String,
    pub label_key: String,
    /// `text`, `textarea`, `number`, `checkbox` or `select`.
    pub input: &'static str,
    pub value: String,
    pub required: bool,
    pub choices: Vec<Choice>,
    /// Per-year columns: one input per year.
    pub years: Vec<(i32, String, String)>,
}

pub struct Computed {
    pub label_key: String,
    pub value: String,
}

/// A table under its section.
pub struct TableView {
    pub spec: &'static TableSpec,
    /// The spreadsheet list the table moves in and out with.
    pub list: Option<&'static str>,
    pub node_key: String,
    pub years: Vec<i32>,
    pub headings: Vec<Heading>,
    pub rows: Vec<RowView>,
    pub sums: Vec<Cell>,
    /// For a record: its row (if stored), version, form and computed figures.
    pub record: Option<(Option<i64>, i32)>,
    pub fields: Vec<FieldView>,
    pub computed: Vec<Computed>,
    /// Findings about the table as a whole (the plan's security share, a year's, …).
    pub findings: Vec<Finding>,
    /// The share of the table's spending on security, where it has both (the seed's 10% rule).
    pub security_share: Option<String>,
}

impl TableView {
    pub fn is_list(&self) -> bool {
        self.spec.shape == Shape::List
    }

    pub fn has_years(&self) -> bool {
        self.headings.iter().any(|h| h.per_year)
    }

    pub fn has_sums(&self) -> bool {
        self.spec.listed().any(|c| c.summed)
    }

    pub fn width(&self) -> usize {
        self.headings.iter().map(|h| h.span).sum::<usize>() + 2
    }
}

fn cell_text(
    column: &crate::domain::tables::Column,
    row: &Row,
    year: Option<i32>,
    choices: &Choices,
    ctx: &PageCtx,
) -> String {
    let shown = row.shown(column, year);
    match column.kind {
        Kind::Bool if !shown.is_empty() => "✓".into(),
        Kind::Choice(_) if !shown.is_empty() => ctx.t(&format!("choice.{shown}")).into(),
        Kind::Catalog(c) if !shown.is_empty() => {
            if shown_by_code(c) {
                shown
            } else {
                choices.label(c, &shown)
            }
        }
        _ => shown,
    }
}

/// The inputs of a row's form, filled with `form`.
pub fn fields(
    spec: &TableSpec,
    form: &RowForm,
    years: &[i32],
    choices: &Choices,
) -> Vec<FieldView> {
    let value = |name: &str| form.get(name).cloned().unwrap_or_default();
    spec.columns
        .iter()
        .map(|c| FieldView {
            name: c.name.to_string(),
            label_key: spec.label_key(c.name),
            input: match c.kind {
                Kind::LongText => "textarea",
                Kind::Bool => "checkbox",
                Kind::Choice(_) | Kind::Catalog(_) => "select",
                k if k.numeric() => "number",
                _ => "text",
            },
            value: value(c.name),
            required: c.required,
            choices: match c.kind {
                Kind::Choice(codes) => codes
                    .iter()
                    .map(|code| Choice {
                        code: code.to_string(),
                        label: format!("choice.{code}"),
                    })
                    .collect(),
                Kind::Catalog(catalog) => choices.0.get(catalog).cloned().unwrap_or_default(),
                _ => Vec::new(),
            },
            years: if c.per_year {
                years
                    .iter()
                    .map(|y| {
                        let name = format!("{}_{y}", c.name);
                        (*y, value(&name), name)
                    })
                    .collect()
            } else {
                Vec::new()
            },
        })
        .collect()
}

/// The computed figures of a row.
fn computed(spec: &TableSpec, row: &Row) -> Vec<Computed> {
    spec.computed
        .iter()
        .map(|c| Computed {
            label_key: spec.label_key(c.name),
            value: (c.value)(row).unwrap_or_else(|| "—".into()),
        })
        .collect()
}

/// The cells a column takes in a list: one per year of the period, or one.
fn slots(column: &crate::domain::tables::Column, years: &[i32]) -> Vec<Option<i32>> {
    if column.per_year {
        years.iter().map(|y| Some(*y)).collect()
    } else {
        vec![None]
    }
}

/// What is said about a plan's rows: the checks' findings and the reviewers' comments.
#[derive(Clone, Copy)]
pub struct Notes<'a> {
    pub findings: &'a [Finding],
    pub comments: &'a [crate::db::Comment],
}

/// Builds the view of `code` in a plan, with the findings that point at it.
pub async fn table_view(
    state: &AppState,
    ctx: &PageCtx,
    plan: &Plan,
    round: &Round,
    node_key: &str,
    spec: &'static TableSpec,
    notes: Notes<'_>,
) -> Result<TableView, AppError> {
    let Notes { findings, comments } = notes;
    // One read of the table gives both the rows and their versions.
    let records = state.store.plan_rows(plan.id, spec.code).await?;
    let versions: HashMap<i64, i32> = records.iter().map(|r| (r.plan_row_id, r.version)).collect();
    let rows = decode_rows(&records)?;
    let choices = choices(state, round, ctx.lang, spec, &rows).await?;
    let years: Vec<i32> = (round.period_start..=round.period_end).collect();
    let headings = spec
        .listed()
        .map(|c| Heading {
            label_key: spec.label_key(c.name),
            span: if c.per_year { years.len() } else { 1 },
            per_year: c.per_year,
            numeric: c.kind.numeric(),
        })
        .collect();
    let mut sums: BTreeMap<(usize, Option<i32>), i64> = BTreeMap::new();
    let row_views = rows
        .iter()
        .map(|(id, row)| {
            let mut cells = Vec::new();
            for (i, c) in spec.listed().enumerate() {
                for year in slots(c, &years) {
                    if c.summed {
                        let v = match year {
                            Some(y) => row.per_year(c.name).get(&y).copied().unwrap_or(0),
                            None => row.count(c.name).unwrap_or(0),
                        };
                        *sums.entry((i, year)).or_default() += v;
                    }
                    cells.push(Cell {
                        text: cell_text(c, row, year, &choices, ctx),
                        numeric: c.kind.numeric(),
                    });
                }
            }
            RowView {
                id: *id,
                version: versions.get(id).copied().unwrap_or(0),
                cells,
                findings: findings
                    .iter()
                    .filter(|f| f.row.as_deref() == Some(id.to_string().as_str()))
                    .cloned()
                    .collect(),
                comments: comments
                    .iter()
                    .filter(|c| c.table_code.as_deref() == Some(spec.code) && c.row_id == Some(*id))
                    .cloned()
                    .collect(),
            }
        })
        .collect();
    let mut sum_cells = Vec::new();
    for (i, c) in spec.listed().enumerate() {
        for year in slots(c, &years) {
            let text = if !c.summed {
                String::new()
            } else if matches!(c.kind, Kind::Count) {
                sums.get(&(i, year)).copied().unwrap_or(0).to_string()
            } else {
                Money(sums.get(&(i, year)).copied().unwrap_or(0)).to_string()
            };
            sum_cells.push(Cell {
                text,
                numeric: true,
            });
        }
    }
    let (record, fields, computed) = match spec.shape {
        Shape::List => (None, Vec::new(), Vec::new()),
        Shape::Record => {
            let first = rows.first();
            let row = first.map(|(_, r)| r.clone()).unwrap_or_default();
            let form = row_form(spec, &row, years.iter().copied());
            (
                Some((
                    first.map(|(id, _)| *id),
                    first
                        .and_then(|(id, _)| versions.get(id).copied())
                        .unwrap_or(0),
                )),
                self::fields(spec, &form, &years, &choices),
                self::computed(spec, &row),
            )
        }
    };
    let security_share = (spec.column("amounts").is_some() && spec.column("security").is_some())
        .then(|| {
            let sum = |name| {
                rows.iter()
                    .map(|(_, r)| r.per_year(name).values().sum::<i64>())
                    .sum::<i64>()
            };
            Money::percent_of(Money(sum("security")), Money(sum("amounts")))
                .map(|p| format!("{p:.1}").replace('.', ","))
        })
        .flatten();
    Ok(TableView {
        security_share,
        spec,
        list: crate::domain::sheet::list_of(spec.code),
        node_key: node_key.to_string(),
        headings,
        rows: row_views,
        sums: sum_cells,
        record,
        fields,
        computed,
        findings: findings
            .iter()
            .filter(|f| f.row.is_none() && f.node_key == node_key)
            .cloned()
            .collect(),
        years,
    })
}

/// The tables a section shows: its own and its companion.
pub async fn section_tables(
    state: &AppState,
    ctx: &PageCtx,
    plan: &Plan,
    round: &Round,
    node: &crate::domain::framework::FrameworkNode,
    notes: Notes<'_>,
) -> Result<Vec<TableView>, AppError> {
    let mut out = Vec::new();
    let Some(first) = node.table.as_deref().and_then(spec) else {
        return Ok(out);
    };
    for s in std::iter::once(first).chain(first.companion.and_then(spec)) {
        out.push(table_view(state, ctx, plan, round, &node.key, s, notes).await?);
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "plans/table_row.html")]
struct RowPage {
    ctx: PageCtx,
    plan: Plan,
    round: Round,
    spec: &'static TableSpec,
    /// `None` for a new row.
    row: Option<i64>,
    version: i32,
    section: String,
    fields: Vec<FieldView>,
    errors: FieldErrors,
    can_edit: bool,
    conflict: bool,
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

struct Loaded {
    plan: Plan,
    round: Round,
    spec: &'static TableSpec,
}

async fn load(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    table: &str,
    write: bool,
) -> Result<Loaded, AppError> {
    let spec = spec(table).ok_or(AppError::NotFound)?;
    let (plan, round) = super::plans::plan_and_round(state, user, PlanId(id), write).await?;
    if write {
        super::plans::ensure_open(
            state,
            &plan,
            &round,
            super::plans::Touches::Tables(&[spec.code]),
        )
        .await?;
    }
    Ok(Loaded { plan, round, spec })
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct SectionQuery {
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

fn base_version(form: &RowForm) -> i32 {
    form.get("base_version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1)
}

/// The row's checks as typed: the figures computed from what reads so far, and the warnings
/// once the whole row reads.
fn check_view(
    l: &Loaded,
    row: &Row,
    errors: &FieldErrors,
    indicators: &[crate::domain::catalog::CatalogEntry],
) -> CheckView {
    CheckView {
        computed: computed(l.spec, row),
        findings: if errors.is_empty() {
            row_findings(l.spec.code, "", 0, row, indicators)
        } else {
            Vec::new()
        },
    }
}

struct Editing {
    row: Option<i64>,
    version: i32,
    can_edit: bool,
    conflict: bool,
}

async fn page(
    state: &AppState,
    ctx: PageCtx,
    l: Loaded,
    editing: Editing,
    form: RowForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let held = held(state, &l, editing.row).await?;
    let choices = choices(state, &l.round, ctx.lang, l.spec, &held).await?;
    let years: Vec<i32> = (l.round.period_start..=l.round.period_end).collect();
    let indicators = state.store.catalog("indicator").await?;
    let (row, row_errors) = read_row(l.spec, &form, &row_context(state, &l.round, &choices));
    let check = check_view(&l, &row, &row_errors, &indicators);
    let status = if errors.is_empty() && !editing.conflict {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut response = render(&RowPage {
        fields: fields(l.spec, &form, &years, &choices),
        section: section_of(&form),
        ctx,
        plan: l.plan,
        round: l.round,
        spec: l.spec,
        row: editing.row,
        version: editing.version,
        errors,
        can_edit: editing.can_edit,
        conflict: editing.conflict,
        check,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

async fn new_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, table)): Path<(i64, String)>,
    Query(q): Query<SectionQuery>,
) -> Result<Response, AppError> {
    let l = load(&state, &user, id, &table, true).await?;
    let mut form = RowForm::new();
    if l.spec.code == "tasks" {
        form.insert("start_year".into(), l.round.period_start.to_string());
        form.insert("end_year".into(), l.round.period_end.to_string());
    }
    form.insert("section".into(), q.section);
    let editing = Editing {
        row: None,
        version: 0,
        can_edit: true,
        conflict: false,
    };
    page(&state, ctx, l, editing, form, FieldErrors::new()).await
}

/// The stored row being edited, if any: its catalog codes stay allowed even once retired.
async fn held(state: &AppState, l: &Loaded, row: Option<i64>) -> Result<Vec<(i64, Row)>, AppError> {
    let Some(id) = row else {
        return Ok(Vec::new());
    };
    // The one row, not the whole table: this runs on every keystroke of the live check.
    match state.store.plan_row(l.plan.id, l.spec.code, id).await? {
        Some(record) => Ok(vec![(id, decode_row(&record)?)]),
        None => Ok(Vec::new()),
    }
}

/// Reads the form against the round's catalogs; the row's own held codes stay allowed.
async fn read(
    state: &AppState,
    ctx: &PageCtx,
    l: &Loaded,
    form: &RowForm,
    row: Option<i64>,
) -> Result<(Row, FieldErrors), AppError> {
    let held = held(state, l, row).await?;
    let choices = choices(state, &l.round, ctx.lang, l.spec, &held).await?;
    Ok(read_row(
        l.spec,
        form,
        &row_context(state, &l.round, &choices),
    ))
}

/// The form as a row, or its problems.
async fn parse(
    state: &AppState,
    ctx: &PageCtx,
    l: &Loaded,
    form: &RowForm,
    row: Option<i64>,
) -> Result<Result<Row, FieldErrors>, AppError> {
    let (row, errors) = read(state, ctx, l, form, row).await?;
    Ok(errors.into_result(|| row))
}

/// Adds a row to a list; for a record, stores the one record (changing it if it exists).
async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, table)): Path<(i64, String)>,
    Form(form): Form<RowForm>,
) -> Result<Response, AppError> {
    let l = load(&state, &user, id, &table, true).await?;
    let existing = match l.spec.shape {
        Shape::Record => state
            .store
            .plan_rows(l.plan.id, l.spec.code)
            .await?
            .first()
            .map(|r| r.plan_row_id),
        Shape::List => None,
    };
    if let Some(row) = existing {
        return save(&state, ctx, &user, l, row, form).await;
    }
    match parse(&state, &ctx, &l, &form, None).await? {
        Ok(row) => {
            let data =
                serde_json::to_string(&row).map_err(|e| AppError::internal(e.to_string()))?;
            state
                .store
                .insert_plan_row(
                    l.plan.id,
                    l.spec.code,
                    &data,
                    &row.title(l.spec),
                    &audit_ctx(&state, &user),
                )
                .await?;
            Ok(back(id, &form, l.spec.code))
        }
        Err(errors) => {
            let editing = Editing {
                row: None,
                version: 0,
                can_edit: true,
                conflict: false,
            };
            page(&state, ctx, l, editing, form, errors).await
        }
    }
}

async fn save(
    state: &AppState,
    ctx: PageCtx,
    user: &CurrentUser,
    l: Loaded,
    row_id: i64,
    form: RowForm,
) -> Result<Response, AppError> {
    let base = base_version(&form);
    let row = match parse(state, &ctx, &l, &form, Some(row_id)).await? {
        Ok(row) => row,
        Err(errors) => {
            let editing = Editing {
                row: Some(row_id),
                version: base,
                can_edit: true,
                conflict: false,
            };
            return page(state, ctx, l, editing, form, errors).await;
        }
    };
    let data = serde_json::to_string(&row).map_err(|e| AppError::internal(e.to_string()))?;
    let at = RowAt {
        plan: l.plan.id,
        table: l.spec.code,
        row: row_id,
    };
    match state
        .store
        .write_plan_row(
            at,
            base,
            Some(&data),
            &row.title(l.spec),
            &audit_ctx(state, user),
        )
        .await?
    {
        Ok(()) => Ok(back(l.plan.id.0, &form, l.spec.code)),
        // Someone changed the row first: what this user typed comes back, with the version now
        // there, so that saving again is a choice made knowingly.
        Err(current) => {
            let editing = Editing {
                row: Some(row_id),
                version: current,
                can_edit: true,
                conflict: true,
            };
            page(state, ctx, l, editing, form, FieldErrors::new()).await
        }
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, table, row)): Path<(i64, String, i64)>,
    Query(q): Query<SectionQuery>,
) -> Result<Response, AppError> {
    let l = load(&state, &user, id, &table, false).await?;
    let record = state
        .store
        .plan_row(l.plan.id, l.spec.code, row)
        .await?
        .ok_or(AppError::NotFound)?;
    let stored = decode_row(&record)?;
    let can_edit = can(
        &user.actor(),
        Action::EditPlan(l.plan.org_unit_id, l.plan.status),
    );
    let mut form = row_form(l.spec, &stored, l.round.period_start..=l.round.period_end);
    form.insert("section".into(), q.section);
    let editing = Editing {
        row: Some(row),
        version: record.version,
        can_edit,
        conflict: false,
    };
    page(&state, ctx, l, editing, form, FieldErrors::new()).await
}

async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, table, row)): Path<(i64, String, i64)>,
    Form(form): Form<RowForm>,
) -> Result<Response, AppError> {
    let l = load(&state, &user, id, &table, true).await?;
    save(&state, ctx, &user, l, row, form).await
}

/// The live check of a row's form: errors beside their fields, computed figures, warnings.
async fn check(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, table)): Path<(i64, String)>,
    Form(form): Form<RowForm>,
) -> Result<Response, AppError> {
    let l = load(&state, &user, id, &table, true).await?;
    let row: Option<i64> = form.get("row").and_then(|r| r.parse().ok());
    let (row, errors) = read(&state, &ctx, &l, &form, row).await?;
    let indicators = state.store.catalog("indicator").await?;
    let check = check_view(&l, &row, &errors, &indicators);
    let years: Vec<i32> = (l.round.period_start..=l.round.period_end).collect();
    let names = l
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
        code: l.spec.code,
        check,
        errors,
        names,
    })
}

async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, table, row)): Path<(i64, String, i64)>,
    Form(form): Form<RowForm>,
) -> Result<Response, AppError> {
    let l = load(&state, &user, id, &table, true).await?;
    let at = RowAt {
        plan: l.plan.id,
        table: l.spec.code,
        row,
    };
    match state
        .store
        .write_plan_row(at, base_version(&form), None, "", &audit_ctx(&state, &user))
        .await?
    {
        Ok(()) => Ok(back(id, &form, l.spec.code)),
        Err(_) => Err(AppError::Conflict),
    }
}

async fn move_row(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, table, row)): Path<(i64, String, i64)>,
    Form(form): Form<RowForm>,
) -> Result<Response, AppError> {
    let l = load(&state, &user, id, &table, true).await?;
    let up = form.get("direction").map(String::as_str) == Some("up");
    let at = RowAt {
        plan: l.plan.id,
        table: l.spec.code,
        row,
    };
    state
        .store
        .move_plan_row(at, up, &audit_ctx(&state, &user))
        .await?;
    Ok(back(id, &form, l.spec.code))
}
