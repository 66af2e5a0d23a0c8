//! A plan's data in and out: the list tables as spreadsheets (CSV and XLSX, the same columns
//! both ways) and the whole plan as JSON for archiving and integration. The web and the CLI
//! both come here, so a file exported from one imports in the other.

use super::access::{writable, PlanAt, Touches};
use super::catalogs::Catalogs;
use super::{Refusal, Who};
use crate::db::{DbError, NewRow, Store};
use crate::domain::content::PlanContent;
use crate::domain::framework::FrameworkNode;
use crate::domain::ids::PlanId;
use crate::domain::org_unit::OrgUnit;
use crate::domain::round::{Plan, Round};
use crate::domain::sheet::{
    self, csv_text, header_cell, list_tables, row_cells, sheet_columns, Cell, Format, RowError,
    SheetColumn,
};
use crate::domain::tables::{parse_row, spec};
use crate::domain::user::Language;
use crate::i18n;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

// The workbook writer lives with the other document writers; the list exports and the round
// board write through it.
pub use crate::export::xlsx::{xlsx_bytes, SheetData};

fn columns(list: &str, round: &Round) -> Result<Vec<SheetColumn>, Refusal> {
    sheet_columns(list, &round.years()).ok_or(Refusal::NotFound)
}

/// A list of a plan as a file; with `empty` the template: the header only.
pub async fn export_list(
    store: &Store,
    at: &PlanAt,
    list: &str,
    format: Format,
    lang: Language,
    empty: bool,
) -> Result<Vec<u8>, Refusal> {
    let columns = columns(list, &at.round)?;
    let mut rows = Vec::new();
    if !empty {
        for table in list_tables(list).ok_or(Refusal::NotFound)? {
            for record in store.plan_rows(at.plan.id, table).await? {
                rows.push(row_cells(&columns, table, &record.row));
            }
        }
    }
    let headers: Vec<String> = columns
        .iter()
        .map(|c| header_cell(i18n::text(lang, &c.label_key), c))
        .collect();
    match format {
        Format::Csv => Ok(csv_bytes(&headers, &columns, &rows)),
        Format::Xlsx => xlsx_bytes(&[SheetData {
            name: i18n::text(lang, &sheet::list_title_key(list)).to_string(),
            headers,
            columns,
            rows,
        }])
        .map_err(|e| Refusal::Db(DbError::Corrupt(e.to_string()))),
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

/// A spreadsheet to import into one of a plan's lists.
#[derive(Debug, Clone, Copy)]
pub struct ImportFile<'a> {
    pub list: &'a str,
    pub format: Format,
    pub bytes: &'a [u8],
    /// Keep the valid lines even when others are wrong.
    pub valid_only: bool,
}

/// Imports a list into a plan: the file's lines replace the list's rows, read as the forms
/// read them. With wrong lines, nothing changes unless `valid_only` asks to keep the valid
/// ones. Only the plan's agency, while the plan takes changes.
pub async fn import_list(
    store: &Store,
    who: &Who,
    plan: PlanId,
    file: ImportFile<'_>,
    now: DateTime<Utc>,
) -> Result<ImportOutcome, Refusal> {
    let tables = list_tables(file.list).ok_or(Refusal::NotFound)?;
    let at = writable(store, who, plan, Touches::Tables(tables)).await?;
    let columns = columns(file.list, &at.round)?;
    let (lines, mut errors) =
        sheet::read(file.list, &columns, file.format, file.bytes).map_err(Refusal::File)?;
    let catalogs = Catalogs::load(store).await?;
    let mut rows = Vec::new();
    for line in lines {
        let spec = spec(line.table).ok_or(Refusal::NotFound)?;
        let context = catalogs.row_context(
            &at.round,
            spec,
            &[],
            crate::domain::clock::vietnam_day(&now),
        );
        match parse_row(spec, &line.form, &context) {
            Ok(row) => rows.push(NewRow {
                table: line.table,
                label: row.title(spec),
                row,
            }),
            Err(field_errors) => errors.extend(field_errors.iter().map(|(field, e)| RowError {
                line: line.line,
                column: field.to_string(),
                key: e.key,
                arg: e.arg.clone(),
            })),
        }
    }
    errors.sort_by_key(|e| e.line);
    if !errors.is_empty() && !file.valid_only {
        return Ok(ImportOutcome {
            imported: 0,
            errors,
            refused: true,
        });
    }
    let ctx = who.audit(now);
    store
        .replace_plan_rows(at.plan.id, tables, &rows, "plan_rows.import", &ctx)
        .await?;
    Ok(ImportOutcome {
        imported: rows.len(),
        errors,
        refused: false,
    })
}

/// Everything a plan holds, for archiving and other systems, as stored now.
pub async fn plan_json(store: &Store, at: &PlanAt) -> Result<Value, Refusal> {
    let unit = store
        .unit(at.plan.org_unit_id)
        .await?
        .ok_or(Refusal::NotFound)?;
    let nodes = store.framework_nodes(at.round.framework_id).await?;
    let content = store.plan_content(at.plan.id).await?;
    Ok(plan_value(&at.round, &unit, &at.plan, &nodes, &content))
}

/// Everything a plan holds: the round, the unit, the document details, every section and every
/// table's rows. Pure, so that a step keeps exactly the content it checked.
pub fn plan_value(
    round: &Round,
    unit: &OrgUnit,
    plan: &Plan,
    nodes: &[FrameworkNode],
    content: &PlanContent,
) -> Value {
    let sections: Vec<Value> = content
        .sections
        .values()
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
    let mut codes: Vec<&String> = content.tables.keys().collect();
    codes.sort();
    let mut tables = Map::new();
    for code in codes {
        let rows = content
            .rows(code)
            .iter()
            .map(|(id, r)| json!({"id": id, "values": r.0}))
            .collect();
        tables.insert(code.clone(), Value::Array(rows));
    }
    let meta = &content.meta;
    json!({
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
            "version": content.meta_version,
        },
        "sections": sections,
        "tables": tables,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::access::readable;
    use crate::app::fixture::province;
    use crate::app::rows::add_row;

    #[tokio::test]
    async fn a_list_goes_out_and_back_in_through_the_rules() {
        let p = province().await;
        let form = crate::app::fixture::system("Cổng thông tin", "2");
        add_row(
            &p.store,
            &p.editor,
            p.plan,
            "information_systems",
            &form,
            p.now,
        )
        .await
        .expect("row");
        let at = readable(&p.store, &p.viewer, p.plan)
            .await
            .expect("readable");
        let csv = export_list(&p.store, &at, "systems", Format::Csv, Language::Vi, false)
            .await
            .expect("exported");
        let file = ImportFile {
            list: "systems",
            format: Format::Csv,
            bytes: &csv,
            valid_only: false,
        };
        let outcome = import_list(&p.store, &p.leader, p.plan, file, p.now)
            .await
            .expect("imported");
        assert_eq!((outcome.imported, outcome.refused), (1, false));
        let text = String::from_utf8(csv.clone()).expect("utf-8");
        let bad = format!("{text}Hệ thống sai,,9,,,\n");
        let file = ImportFile {
            bytes: bad.as_bytes(),
            ..file
        };
        let refused = import_list(&p.store, &p.leader, p.plan, file, p.now)
            .await
            .expect("read");
        assert!(refused.refused && !refused.errors.is_empty());
        let rows = p
            .store
            .plan_rows(p.plan, "information_systems")
            .await
            .expect("rows");
        assert_eq!(rows.len(), 1, "a refused file changes nothing");
    }

    #[tokio::test]
    async fn imports_take_the_same_rights_and_states_as_forms() {
        let p = province().await;
        let file = ImportFile {
            list: "systems",
            format: Format::Csv,
            bytes: b"",
            valid_only: true,
        };
        for who in [&p.reviewer, &p.admin, &p.other_editor] {
            let refused = import_list(&p.store, who, p.plan, file, p.now).await;
            assert!(matches!(refused, Err(Refusal::Forbidden)), "{}", who.login);
        }
        let unknown = ImportFile {
            list: "nothing",
            ..file
        };
        let refused = import_list(&p.store, &p.editor, p.plan, unknown, p.now).await;
        assert!(matches!(refused, Err(Refusal::NotFound)));
        p.submitted().await;
        let locked = import_list(&p.store, &p.editor, p.plan, file, p.now).await;
        assert!(matches!(locked, Err(Refusal::Locked)), "{locked:?}");
    }

    #[tokio::test]
    async fn the_whole_plan_reads_as_json_with_its_sections() {
        let p = province().await;
        p.fill(&p.editor, p.plan).await;
        let at = readable(&p.store, &p.reviewer, p.plan)
            .await
            .expect("readable");
        let value = plan_json(&p.store, &at).await.expect("json");
        assert_eq!(value["unit"]["code"], "SYT");
        assert!(!value["sections"].as_array().expect("sections").is_empty());
        let foreign = readable(&p.store, &p.other_editor, p.plan).await;
        assert!(matches!(foreign, Err(Refusal::Forbidden)));
    }
}
