//! Plans gathered from the store for their official documents — one plan's, or a round's
//! approved plans for the province's consolidated plan: everything `export` needs, read once,
//! so that rendering itself touches neither the database nor the async runtime.

use super::access::PlanAt;
use super::catalogs::Catalogs;
use crate::db::UserFilter;
use crate::db::{DbError, Store};
use crate::domain::ids::OrgUnitId;
use crate::domain::org_unit::OrgUnit;
use crate::domain::round::{Plan, PlanStatus, Round};
use crate::domain::sheet::{
    header_cell, list_of, list_tables, row_cells, sheet_columns, table_columns,
};
use crate::domain::sheet::{neutralize, plain_columns, Cell};
use crate::domain::tables::rules::PlanTables;
use crate::domain::tables::SPECS;
use crate::domain::user::Language;
use crate::domain::user::Role;
use crate::export::model::{Document, Margins};
use crate::export::plan::{plan_document, PlanSource};
use crate::export::province::{
    province_document, summarize, summary_sheets, LeftOut, ProvinceSource, UnitPlan,
};
use crate::export::xlsx::{xlsx_bytes, SheetData, XlsxError};
use crate::export::{docx, docx::DocxError};
use crate::i18n;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// What every plan of a round shares in its document, read once however many plans use it:
/// the framework's outline, the legal documents, the catalogs' wording on the round's date.
pub struct RoundContext {
    nodes: std::sync::Arc<[crate::domain::framework::FrameworkNode]>,
    legal: BTreeMap<String, String>,
    catalog_names: BTreeMap<(String, String), String>,
    indicators: Vec<crate::domain::catalog::CatalogEntry>,
}

pub async fn round_context(store: &Store, round: &Round) -> Result<RoundContext, DbError> {
    let catalogs = Catalogs::load(store).await?;
    Ok(RoundContext {
        nodes: store.framework_nodes(round.framework_id).await?,
        legal: catalogs.citations(),
        catalog_names: catalogs.names(round),
        indicators: catalogs.indicators().to_vec(),
    })
}

/// Reads what a plan's document is made from. `today` gives an undated draft its year.
pub async fn plan_source(
    store: &Store,
    at: &PlanAt,
    today: NaiveDate,
) -> Result<PlanSource, DbError> {
    let context = round_context(store, &at.round).await?;
    plan_source_in(store, &at.plan, &at.round, &context, today).await
}

/// A plan's source with what its round shares already read.
async fn plan_source_in(
    store: &Store,
    plan: &Plan,
    round: &Round,
    context: &RoundContext,
    today: NaiveDate,
) -> Result<PlanSource, DbError> {
    let unit = store
        .unit(plan.org_unit_id)
        .await?
        .ok_or(DbError::NotFound)?;
    let content = store.plan_content(plan.id).await?;
    Ok(PlanSource {
        unit_name: unit.name,
        names: unit.doc,
        meta: content.meta,
        round: round.clone(),
        nodes: context.nodes.to_vec(),
        sections: content.sections,
        tables: content.tables,
        legal: context.legal.clone(),
        catalog_names: context.catalog_names.clone(),
        text: |key| i18n::text(Language::Vi, key),
        year: today.year(),
    })
}

/// The formats an official document comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    Docx,
    Pdf,
}

impl DocumentFormat {
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "docx" => Some(Self::Docx),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Docx => "docx",
            Self::Pdf => "pdf",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Pdf => "application/pdf",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Docx(#[from] DocxError),
    #[cfg(feature = "pdf")]
    #[error(transparent)]
    Pdf(#[from] crate::export::pdf::PdfError),
    /// A build without the `pdf` feature.
    #[error(
        "Bản dựng này không tạo được PDF (thiếu tính năng `pdf` khi dựng; this build makes no PDF)"
    )]
    NoPdf,
}

/// An official document in `format`. CPU work: call it off the async runtime.
pub fn render_document(
    document: &Document,
    margins: Margins,
    format: DocumentFormat,
) -> Result<Vec<u8>, RenderError> {
    match format {
        DocumentFormat::Docx => Ok(docx::write(document, margins)?),
        #[cfg(feature = "pdf")]
        DocumentFormat::Pdf => Ok(crate::export::pdf::write(document, margins)?),
        #[cfg(not(feature = "pdf"))]
        DocumentFormat::Pdf => Err(RenderError::NoPdf),
    }
}

/// The plan's official document in `format`. CPU work: call it off the async runtime.
pub fn render_plan(
    source: &PlanSource,
    margins: Margins,
    format: DocumentFormat,
) -> Result<Vec<u8>, RenderError> {
    render_document(&plan_document(source), margins, format)
}

/// The sheets of a plan's workbook: one per table that has rows, with the same columns as the
/// import templates (the lists) or as the table's form (the others), in the tables' order.
pub async fn plan_sheets(
    store: &Store,
    at: &PlanAt,
    lang: Language,
) -> Result<Vec<SheetData>, DbError> {
    let content = store.plan_content(at.plan.id).await?;
    Ok(table_sheets(&content.tables, &at.round, lang))
}

/// The sheets of a plan's tables (see [`plan_sheets`]).
fn table_sheets(tables: &PlanTables, round: &Round, lang: Language) -> Vec<SheetData> {
    let years = round.years();
    let mut sheets = Vec::new();
    let mut lists_done = Vec::new();
    for spec in SPECS {
        let (name, columns, lines) = match list_of(spec.code) {
            Some(list) if lists_done.contains(&list) => continue,
            Some(list) => {
                lists_done.push(list);
                let Some(columns) = sheet_columns(list, &years) else {
                    continue;
                };
                let mut lines = Vec::new();
                for table in list_tables(list).unwrap_or_default() {
                    for (_, row) in tables.get(*table).map_or(&[][..], Vec::as_slice) {
                        lines.push(row_cells(&columns, table, row));
                    }
                }
                (
                    i18n::text(lang, &crate::domain::sheet::list_title_key(list)),
                    columns,
                    lines,
                )
            }
            None => {
                let columns = table_columns(spec, &years);
                let lines = tables
                    .get(spec.code)
                    .map_or(&[][..], Vec::as_slice)
                    .iter()
                    .map(|(_, row)| row_cells(&columns, spec.code, row))
                    .collect();
                (i18n::text(lang, &spec.title_key()), columns, lines)
            }
        };
        if lines.is_empty() {
            continue;
        }
        sheets.push(SheetData {
            name: name.to_string(),
            headers: columns
                .iter()
                .map(|c| header_cell(i18n::text(lang, &c.label_key), c))
                .collect(),
            columns,
            rows: lines,
        });
    }
    sheets
}

/// The plan's workbook. CPU work: call it off the async runtime.
pub fn render_xlsx(sheets: &[SheetData]) -> Result<Vec<u8>, XlsxError> {
    xlsx_bytes(sheets)
}

/// The coordinating department: the unit its system administrators belong to (DESIGN §2: the
/// administrators are the department's), the one most of them share when they differ. A round
/// records no owner of its own; the department issues the consolidated plan.
pub async fn department(store: &Store) -> Result<Option<OrgUnit>, DbError> {
    let admins = store
        .users(&UserFilter {
            role: Some(Role::Admin),
            ..UserFilter::default()
        })
        .await?;
    let mut counts: BTreeMap<OrgUnitId, usize> = BTreeMap::new();
    for admin in admins.iter().filter(|a| !a.user.disabled) {
        *counts.entry(admin.user.org_unit_id).or_default() += 1;
    }
    let Some((unit, _)) = counts
        .iter()
        .max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id)))
    else {
        return Ok(None);
    };
    store.unit(*unit).await
}

/// Reads the round's approved plans, one by one, for the consolidated plan; `progress` hears
/// `(done, total)` before the first and after each. The other plans of the round are named as
/// left out. `today` gives the undated draft its year.
pub async fn province_source(
    store: &Store,
    round: &Round,
    today: NaiveDate,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ProvinceSource, DbError> {
    let department = department(store).await?.ok_or(DbError::NotFound)?;
    let province_name = match department.parent_id {
        Some(parent) => store
            .unit(parent)
            .await?
            .map(|p| lower_first(&p.name))
            .unwrap_or_default(),
        None => String::new(),
    };
    let context = round_context(store, round).await?;
    let mut listed = store.round_plans(round.id).await?;
    listed.sort_by(|a, b| a.unit_code.cmp(&b.unit_code));
    let (approved, others): (Vec<_>, Vec<_>) = listed
        .into_iter()
        .partition(|p| p.plan.status == PlanStatus::Approved);
    let total = approved.len();
    progress(0, total);
    let mut plans = Vec::with_capacity(total);
    for (done, row) in approved.iter().enumerate() {
        let source = plan_source_in(store, &row.plan, round, &context, today).await?;
        plans.push(UnitPlan {
            code: row.unit_code.clone(),
            source,
        });
        progress(done + 1, total);
    }
    Ok(ProvinceSource {
        round: round.clone(),
        department_name: department.name,
        department: department.doc,
        province_name,
        plans,
        left_out: others
            .into_iter()
            .map(|p| LeftOut {
                code: p.unit_code,
                name: p.unit_name,
                status: i18n::text(Language::Vi, p.plan.status.label_key()).to_string(),
            })
            .collect(),
        catalog_names: context.catalog_names,
        indicators: context.indicators,
        text: |key| i18n::text(Language::Vi, key),
        year: today.year(),
    })
}

/// `Tỉnh Quảng Ngãi` as a sentence names it: `tỉnh Quảng Ngãi`.
fn lower_first(name: &str) -> String {
    let mut chars = name.trim().chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The consolidated plan's workbook: a sheet per summary table, then each table of the plans
/// with the unit's code and name in front of every row. CPU work, like rendering.
pub fn province_sheets(source: &ProvinceSource, lang: Language) -> Vec<SheetData> {
    let mut sheets = summary_sheets(source, &summarize(source));
    let mut merged: Vec<SheetData> = Vec::new();
    for unit in &source.plans {
        for sheet in table_sheets(&unit.source.tables, &source.round, lang) {
            let at = match merged.iter().position(|m| m.name == sheet.name) {
                Some(at) => at,
                None => {
                    let mut headers = vec![
                        i18n::text(lang, "province.unit_code").to_string(),
                        i18n::text(lang, "province.unit_name").to_string(),
                    ];
                    headers.extend(sheet.headers);
                    let mut columns = plain_columns(&["unit", "unit_name"]);
                    columns.extend(sheet.columns);
                    merged.push(SheetData {
                        name: sheet.name,
                        headers,
                        columns,
                        rows: Vec::new(),
                    });
                    merged.len() - 1
                }
            };
            for row in sheet.rows {
                let mut cells = vec![
                    Cell::Text(neutralize(&unit.code)),
                    Cell::Text(neutralize(&unit.source.unit_name)),
                ];
                cells.extend(row);
                merged[at].rows.push(cells);
            }
        }
    }
    sheets.extend(merged);
    sheets
}

/// The files the consolidated plan comes as: the official document, or the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProvinceFormat {
    Document(DocumentFormat),
    Xlsx,
}

impl ProvinceFormat {
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "xlsx" => Some(Self::Xlsx),
            other => DocumentFormat::from_code(other).map(Self::Document),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Document(format) => format.extension(),
            Self::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Document(format) => format.content_type(),
            Self::Xlsx => crate::domain::sheet::Format::Xlsx.content_type(),
        }
    }

    /// The consolidated plan in this format. CPU work: call it off the async runtime.
    pub fn render(
        self,
        source: &ProvinceSource,
        margins: Margins,
        lang: Language,
    ) -> Result<Vec<u8>, String> {
        match self {
            Self::Document(format) => render_document(&province_document(source), margins, format)
                .map_err(|e| e.to_string()),
            Self::Xlsx => render_xlsx(&province_sheets(source, lang)).map_err(|e| e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixture::province;

    #[tokio::test]
    async fn a_plans_document_is_gathered_from_its_content() {
        let p = province().await;
        p.fill(&p.editor, p.plan).await;
        let at = crate::app::access::readable(&p.store, &p.editor, p.plan)
            .await
            .expect("readable");
        let today = p.now.date_naive();
        let source = plan_source(&p.store, &at, today).await.expect("source");
        assert_eq!(source.unit_name, "Sở Y tế");
        assert!(!source.sections.is_empty());
        let docx = render_plan(&source, Margins::default(), DocumentFormat::Docx).expect("docx");
        assert!(docx.starts_with(b"PK"), "a DOCX is a zip");
        let sheets = plan_sheets(&p.store, &at, Language::Vi)
            .await
            .expect("sheets");
        assert!(render_xlsx(&sheets).expect("xlsx").starts_with(b"PK"));
    }
}
