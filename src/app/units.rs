//! Org units: administrators create and change them, close them or merge them into a
//! successor from a date, and import many at once from a spreadsheet.

use super::{Refusal, Who};
use crate::db::{ImportMode, ImportOutcome, Store, UnitWriteError};
use crate::domain::authz::{can, Action};
use crate::domain::ids::OrgUnitId;
use crate::domain::org_unit::{Closure, LifecycleForm, OrgUnit, OrgUnitForm, OrgUnitInput};
use crate::domain::org_unit_csv::{self, ParsedRow, RowError};
use crate::domain::text::parse_date;
use crate::domain::validation::FieldErrors;
use chrono::{DateTime, Utc};

fn require_admin(who: &Who) -> Result<(), Refusal> {
    if can(&who.actor, Action::ManageUnits) {
        Ok(())
    } else {
        Err(Refusal::Forbidden)
    }
}

pub async fn create_unit(
    store: &Store,
    who: &Who,
    form: &OrgUnitForm,
    now: DateTime<Utc>,
) -> Result<OrgUnit, Refusal> {
    require_admin(who)?;
    let input = OrgUnitInput::try_from(form).map_err(Refusal::Invalid)?;
    Ok(store.create_unit(&input, &who.audit(now)).await?)
}

pub async fn update_unit(
    store: &Store,
    who: &Who,
    id: OrgUnitId,
    form: &OrgUnitForm,
    now: DateTime<Utc>,
) -> Result<OrgUnit, Refusal> {
    require_admin(who)?;
    store.unit(id).await?.ok_or(Refusal::NotFound)?;
    let input = OrgUnitInput::try_from(form).map_err(Refusal::Invalid)?;
    Ok(store.update_unit(id, &input, &who.audit(now)).await?)
}

/// Closes a unit from a date, or (`merge`) merges it into its successor from that date; every
/// problem of the form is told at once.
pub async fn close_unit(
    store: &Store,
    who: &Who,
    id: OrgUnitId,
    form: &LifecycleForm,
    merge: bool,
    now: DateTime<Utc>,
) -> Result<OrgUnit, Refusal> {
    require_admin(who)?;
    store.unit(id).await?.ok_or(Refusal::NotFound)?;
    let mut errors = FieldErrors::new();
    let effective = parse_date(&form.effective);
    if form.effective.trim().is_empty() {
        errors.add("effective", "err.required");
    } else if effective.is_none() {
        errors.add("effective", "err.date");
    }
    let successor = if merge {
        let code = form.successor.trim();
        if code.is_empty() {
            errors.add("successor", "err.required");
            None
        } else {
            let s = store.unit_by_code(code).await?;
            if s.is_none() {
                errors.add("successor", "err.unknown_unit");
            }
            s
        }
    } else {
        None
    };
    let Some(effective) = effective.filter(|_| errors.is_empty()) else {
        return Err(Refusal::Invalid(errors));
    };
    let closure = match &successor {
        Some(s) => Closure::MergeInto(s.id),
        None => Closure::Close,
    };
    Ok(store
        .close_unit(id, closure, effective, &who.audit(now))
        .await?)
}

/// What an import of units did: what it wrote (nothing when it only checked), and every
/// problem by line.
#[derive(Debug, Clone, Default)]
pub struct UnitImport {
    pub written: Option<ImportOutcome>,
    pub errors: Vec<RowError>,
}

fn row_errors(rows: &[ParsedRow], bad: Vec<(usize, FieldErrors)>) -> Vec<RowError> {
    bad.into_iter()
        .flat_map(|(index, errors)| {
            let line = rows.get(index).map_or(0, |r| r.line);
            errors
                .iter()
                .map(|(field, e)| RowError {
                    line,
                    column: field.to_string(),
                    key: e.key,
                    arg: e.arg.clone(),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Imports units from a CSV file: all of them, or none while any is wrong — unless only the
/// valid ones are asked for. With wrong rows the rest are still checked against the store, so
/// that every problem of the file is told at once.
pub async fn import_units(
    store: &Store,
    who: &Who,
    bytes: &[u8],
    valid_only: bool,
    now: DateTime<Utc>,
) -> Result<UnitImport, Refusal> {
    require_admin(who)?;
    let (rows, mut errors) = org_unit_csv::parse(bytes).map_err(Refusal::File)?;
    let inputs: Vec<OrgUnitInput> = rows.iter().map(|r| r.input.clone()).collect();
    let mode = match (errors.is_empty(), valid_only) {
        (_, true) => ImportMode::ValidOnly,
        (true, false) => ImportMode::AllOrNothing,
        (false, false) => ImportMode::Check,
    };
    let written = match store.import_units(&inputs, &who.audit(now), mode).await {
        Ok(_) if mode == ImportMode::Check => None,
        Ok(mut outcome) => {
            errors.extend(row_errors(&rows, std::mem::take(&mut outcome.skipped)));
            tracing::info!(
                created = outcome.created,
                updated = outcome.updated,
                "org units imported"
            );
            Some(outcome)
        }
        Err(UnitWriteError::Rows(bad)) => {
            errors.extend(row_errors(&rows, bad));
            None
        }
        Err(UnitWriteError::Db(e)) => return Err(e.into()),
    };
    errors.sort_by_key(|e| e.line);
    Ok(UnitImport { written, errors })
}

/// Writes a list of units whole (by code: existing units are updated), or none of them: the
/// demo province, say.
pub async fn load_units(
    store: &Store,
    who: &Who,
    units: &[OrgUnitInput],
    now: DateTime<Utc>,
) -> Result<ImportOutcome, Refusal> {
    require_admin(who)?;
    match store
        .import_units(units, &who.audit(now), ImportMode::AllOrNothing)
        .await
    {
        Ok(outcome) => Ok(outcome),
        Err(UnitWriteError::Rows(bad)) => {
            let (index, errors) = bad.into_iter().next().unwrap_or_default();
            tracing::warn!(row = index, "a unit of the list was refused");
            Err(Refusal::Invalid(errors))
        }
        Err(UnitWriteError::Db(e)) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixture::province;

    fn form(code: &str) -> OrgUnitForm {
        OrgUnitForm {
            code: code.into(),
            name: format!("Đơn vị {code}"),
            kind: "department".into(),
            parent_code: "QNG".into(),
            valid_from: "01/01/2024".into(),
            issuer_line: format!("ĐƠN VỊ {code}"),
            abbreviation: code.into(),
            place_name: "Quảng Ngãi".into(),
            ..OrgUnitForm::default()
        }
    }

    #[tokio::test]
    async fn administrators_create_change_and_merge_units() {
        let p = province().await;
        let unit = create_unit(&p.store, &p.admin, &form("SXD"), p.now)
            .await
            .expect("created");
        let renamed = OrgUnitForm {
            name: "Sở Xây dựng".into(),
            ..form("SXD")
        };
        update_unit(&p.store, &p.admin, unit.id, &renamed, p.now)
            .await
            .expect("changed");
        let no_date = LifecycleForm {
            effective: String::new(),
            successor: "NOPE".into(),
        };
        match close_unit(&p.store, &p.admin, unit.id, &no_date, true, p.now).await {
            Err(Refusal::Invalid(errors)) => {
                assert!(errors.get("effective").is_some() && errors.get("successor").is_some());
            }
            other => panic!("{other:?}"),
        }
        let merge = LifecycleForm {
            effective: "01/07/2026".into(),
            successor: "SKHCN".into(),
        };
        let merged = close_unit(&p.store, &p.admin, unit.id, &merge, true, p.now)
            .await
            .expect("merged");
        assert!(merged.is_closed());
        for who in [&p.reviewer, &p.editor] {
            let refused = create_unit(&p.store, who, &form("SGT"), p.now).await;
            assert!(matches!(refused, Err(Refusal::Forbidden)));
        }
    }

    #[tokio::test]
    async fn an_import_with_a_wrong_row_writes_nothing_and_names_every_problem() {
        let p = province().await;
        let file = "\u{feff}code,name,kind,parent_code,valid_from,valid_to,parent_line,issuer_line,abbreviation,place_name\n\
            SXD,Sở Xây dựng,department,QNG,2024-01-01,,,SỞ XÂY DỰNG,SXD,Quảng Ngãi\n\
            SGT,,department,QNG,2024-01-01,,,SỞ GIAO THÔNG,SGT,Quảng Ngãi\n";
        let outcome = import_units(&p.store, &p.admin, file.as_bytes(), false, p.now)
            .await
            .expect("read");
        assert!(
            outcome.written.is_none() && !outcome.errors.is_empty(),
            "{outcome:?}"
        );
        assert!(p.store.unit_by_code("SXD").await.expect("q").is_none());
        let valid = import_units(&p.store, &p.admin, file.as_bytes(), true, p.now)
            .await
            .expect("read");
        assert_eq!(valid.written.map(|w| w.created), Some(1));
    }
}
