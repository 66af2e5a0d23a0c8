//! A plan gathered from the store for its official documents: everything `export` needs, read
//! once, so that rendering itself touches neither the database nor the async runtime.

use crate::checks::plan_tables;
use crate::db::{DbError, Store};
use crate::domain::catalog::{options_on, CATALOGS};
use crate::domain::round::{Plan, Round};
use crate::domain::sheet::{
    header_cell, list_of, list_tables, row_cells, sheet_columns, table_columns,
};
use crate::domain::tables::SPECS;
use crate::domain::user::Language;
use crate::export::model::{Document, Margins};
use crate::export::plan::{plan_document, PlanSource};
use crate::export::xlsx::{xlsx_bytes, SheetData, XlsxError};
use crate::export::{docx, docx::DocxError};
use crate::i18n;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Reads what a plan's document is made from. `today` gives an undated draft its year.
pub async fn plan_source(
    store: &Store,
    plan: &Plan,
    round: &Round,
    today: NaiveDate,
) -> Result<PlanSource, DbError> {
    let unit = store
        .unit(plan.org_unit_id)
        .await?
        .ok_or(DbError::NotFound)?;
    let (meta, _) = store.plan_meta(plan.id).await?;
    let nodes = store.framework_nodes(round.framework_id).await?;
    let sections = store
        .plan_sections(plan.id)
        .await?
        .into_iter()
        .map(|s| (s.node_key.clone(), s))
        .collect();
    let legal = store
        .legal_documents("", "")
        .await?
        .into_iter()
        .map(|d| (d.number.clone(), d.citation()))
        .collect();
    let mut catalog_names = BTreeMap::new();
    for catalog in CATALOGS {
        let entries = store.catalog(catalog).await?;
        // Every code reads, each in the wording in force on the round's catalog date.
        let codes: Vec<String> = entries.iter().map(|e| e.code.clone()).collect();
        for e in options_on(&entries, round.catalog_date(), &codes) {
            catalog_names.insert((catalog.to_string(), e.code.clone()), e.name.clone());
        }
    }
    Ok(PlanSource {
        unit_name: unit.name,
        names: unit.doc,
        meta,
        round: round.clone(),
        nodes,
        sections,
        tables: plan_tables(store, plan.id).await?,
        legal,
        catalog_names,
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
    #[error("this build makes no PDF (built without the `pdf` feature)")]
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
    plan: &Plan,
    round: &Round,
    lang: Language,
) -> Result<Vec<SheetData>, DbError> {
    let tables = plan_tables(store, plan.id).await?;
    let years: Vec<i32> = (round.period_start..=round.period_end).collect();
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
                (i18n::text(lang, &format!("sheet.{list}")), columns, lines)
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
    Ok(sheets)
}

/// The plan's workbook. CPU work: call it off the async runtime.
pub fn render_xlsx(sheets: &[SheetData]) -> Result<Vec<u8>, XlsxError> {
    xlsx_bytes(sheets)
}
