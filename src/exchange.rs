//! A plan's data in and out: the list tables as spreadsheets (CSV and XLSX, the same columns
//! both ways) and the whole plan as JSON for archiving and integration. The web and the CLI
//! both come here, so a file exported from one imports in the other.

use crate::checks::{catalog_codes, table_rows};
use crate::db::{AuditCtx, DbError, Store};
use crate::domain::framework::FrameworkNode;
use crate::domain::round::{Plan, Round};
use crate::domain::sheet::{
    self, csv_text, header_cell, list_tables, row_cells, sheet_columns, Cell, FileError, Format,
    RowError, SheetColumn,
};
use crate::domain::tables::{parse_row, spec, RowContext};
use crate::domain::user::Language;
use crate::i18n;
use serde_json::{json, Map, Value};

// The workbook writer lives with the other document writers; the list exports and the round
// board write through it.
pub use crate::export::xlsx::{xlsx_bytes, SheetData};

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("unknown list {0}")]
    UnknownList(String),
    #[error("the file is refused: {}", .0.key)]
    File(FileError),
    #[error(transparent)]
    Xlsx(#[from] crate::export::xlsx::XlsxError),
    #[error(transparent)]
    Db(#[from] DbError),
}

fn years(round: &Round) -> Vec<i32> {
    (round.period_start..=round.period_end).collect()
}

fn columns(list: &str, round: &Round) -> Result<Vec<SheetColumn>, ExchangeError> {
    sheet_columns(list, &years(round)).ok_or_else(|| ExchangeError::UnknownList(list.into()))
}

/// A list's rows as sheet lines, in the tables' order.
async fn lines(
    store: &Store,
    plan: &Plan,
    list: &str,
    columns: &[SheetColumn],
) -> Result<Vec<Vec<Cell>>, ExchangeError> {
    let mut out = Vec::new();
    for table in list_tables(list).ok_or_else(|| ExchangeError::UnknownList(list.into()))? {
        for (_, row) in table_rows(store, plan.id, table).await? {
            out.push(row_cells(columns, table, &row));
        }
    }
    Ok(out)
}

/// A list of a plan as a file; with `empty` the template: the header only.
pub async fn export_list(
    store: &Store,
    plan: &Plan,
    round: &Round,
    list: &str,
    format: Format,
    lang: Language,
    empty: bool,
) -> Result<Vec<u8>, ExchangeError> {
    let columns = columns(list, round)?;
    let rows = if empty {
        Vec::new()
    } else {
        lines(store, plan, list, &columns).await?
    };
    let headers: Vec<String> = columns
        .iter()
        .map(|c| header_cell(i18n::text(lang, &c.label_key), c))
        .collect();
    match format {
        Format::Csv => Ok(csv_bytes(&headers, &columns, &rows)),
        Format::Xlsx => Ok(xlsx_bytes(&[SheetData {
            name: i18n::text(lang, &format!("sheet.{list}")).to_string(),
            headers,
            columns,
            rows,
        }])?),
    }
}

fn csv_bytes(headers: &[String], columns: &[SheetColumn], rows: &[Vec<Cell>]) -> Vec<u8> {
    // A BOM, so that Excel reads the file as UTF-8.
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut writer = csv::Writer::from_writer(&mut out);
    let header: Vec<String> = headers.iter().map(|h| sheet::neutralize(h)).collect();
    // Writing to memory cannot fail.
    let _ = writer.write_record(&header);
    for row in rows {
        let _ = writer.write_record(row.iter().zip(columns).map(|(cell, c)| csv_text(cell, c)));
    }
    drop(writer);
    out
}

/// What an import did: the rows it stored, and the problems of the lines it did not.
#[derive(Debug, Default)]
pub struct ImportOutcome {
    pub imported: usize,
    pub errors: Vec<RowError>,
    /// Nothing was stored because some lines are wrong and only valid lines were not asked for.
    pub refused: bool,
}

/// Imports a list into a plan: the file's lines replace the list's rows. With wrong lines,
/// nothing changes unless `valid_only` asks to keep the valid ones.
#[allow(clippy::too_many_arguments)]
pub async fn import_list(
    store: &Store,
    plan: &Plan,
    round: &Round,
    list: &str,
    format: Format,
    bytes: &[u8],
    valid_only: bool,
    ctx: &AuditCtx,
) -> Result<ImportOutcome, ExchangeError> {
    let columns = columns(list, round)?;
    let (lines, mut errors) =
        sheet::read(list, &columns, format, bytes).map_err(ExchangeError::File)?;
    let context = RowContext {
        period: (round.period_start, round.period_end),
        today: ctx.at.date_naive(),
        allowed: catalog_codes(store, round).await?,
    };
    let mut rows = Vec::new();
    for line in lines {
        let spec = spec(line.table).ok_or_else(|| ExchangeError::UnknownList(list.into()))?;
        match parse_row(spec, &line.form, &context) {
            Ok(row) => {
                let data =
                    serde_json::to_string(&row).map_err(|e| DbError::Corrupt(e.to_string()))?;
                rows.push((line.table, data, row.title(spec)));
            }
            Err(field_errors) => errors.extend(field_errors.iter().map(|(field, e)| RowError {
                line: line.line,
                column: field.to_string(),
                key: e.key,
                arg: e.arg.clone(),
            })),
        }
    }
    errors.sort_by_key(|e| e.line);
    if !errors.is_empty() && !valid_only {
        return Ok(ImportOutcome {
            imported: 0,
            errors,
            refused: true,
        });
    }
    let tables = list_tables(list).ok_or_else(|| ExchangeError::UnknownList(list.into()))?;
    store
        .replace_plan_rows(plan.id, tables, &rows, "plan_rows.import", ctx)
        .await?;
    Ok(ImportOutcome {
        imported: rows.len(),
        errors,
        refused: false,
    })
}

/// Everything a plan holds, for archiving and other systems: the round, the unit, the
/// document details, every section and every table's rows.
pub async fn plan_json(
    store: &Store,
    plan: &Plan,
    round: &Round,
    nodes: &[FrameworkNode],
) -> Result<Value, ExchangeError> {
    let unit = store
        .unit(plan.org_unit_id)
        .await?
        .ok_or(DbError::NotFound)?;
    let (meta, meta_version) = store.plan_meta(plan.id).await?;
    let sections: Vec<Value> = store
        .plan_sections(plan.id)
        .await?
        .into_iter()
        .map(|s| {
            let node = nodes.iter().find(|n| n.key == s.node_key);
            json!({
                "key": s.node_key,
                "numbering": node.map(|n| n.numbering.clone()),
                "title": node.map(|n| n.title.clone()),
                "html": s.body_html,
                "not_applicable": s.not_applicable,
                "not_applicable_reason": s.not_applicable_reason,
                "version": s.version,
                "updated_at": s.updated_at,
                "updated_by": s.updated_by,
            })
        })
        .collect();
    let mut tables = Map::new();
    for (code, rows) in crate::checks::plan_tables(store, plan.id).await? {
        tables.insert(
            code,
            Value::Array(
                rows.into_iter()
                    .map(|(id, r)| json!({"id": id, "values": r.0}))
                    .collect(),
            ),
        );
    }
    Ok(json!({
        "format": "kehoachso.plan/1",
        "note": "Số tiền tính bằng nghìn đồng (1 triệu đồng = 1000); số thập phân nhân 1000.",
        "round": {
            "code": round.code,
            "title": round.title,
            "kind": round.kind.code(),
            "period": [round.period_start, round.period_end],
            "cutoff_date": round.cutoff_date,
            "deadline": round.deadline,
        },
        "unit": {"code": unit.code, "name": unit.name},
        "plan": {"id": plan.id.0, "status": plan.status.code(), "updated_at": plan.updated_at},
        "document": {
            "number": meta.doc_number,
            "place": meta.doc_place,
            "date": meta.doc_date,
            "signer_authority": meta.signer_authority,
            "signer_title": meta.signer_title,
            "signer_name": meta.signer_name,
            "recipients": meta.recipients,
            "version": meta_version,
        },
        "sections": sections,
        "tables": tables,
    }))
}
