//! The rows of a plan's typed tables: added, changed, moved and deleted by the plan's agency
//! while the plan takes changes, each read from its form against the round's catalogs, and
//! checked as it is typed. One engine for every table: what differs is in
//! `domain::tables::specs`.

use super::access::{writable, PlanAt, Touches};
use super::catalogs::{Catalogs, Choices};
use super::{Conflict, Refusal, Who};
use crate::db::{NewRow, RowAt, Store};
use crate::domain::catalog::CatalogEntry;
use crate::domain::findings::Finding;
use crate::domain::ids::{PlanId, RowId};
use crate::domain::tables::rules::row_findings;
use crate::domain::tables::{read_row, spec, Row, RowForm, Shape, TableSpec};
use crate::domain::user::Language;
use crate::domain::validation::FieldErrors;
use chrono::{DateTime, NaiveDate, Utc};

/// What a row's form is read and checked against: its table, its round's catalogs, and the
/// stored row it changes (whose retired codes stay allowed).
pub struct RowReader {
    pub spec: &'static TableSpec,
    at: PlanAt,
    catalogs: Catalogs,
    held: Option<Row>,
    today: NaiveDate,
}

/// A form as read: what of it reads, the problems of the rest, and — once the whole row
/// reads — the warnings the row gives.
#[derive(Debug, Clone, Default)]
pub struct RowCheck {
    pub row: Row,
    pub errors: FieldErrors,
    pub findings: Vec<Finding>,
}

impl RowReader {
    /// A reader for rows of `table` in the plan `at` (already reached through `access`), for
    /// a new row or for the stored row `row`.
    pub async fn new(
        store: &Store,
        at: PlanAt,
        table: &str,
        row: Option<RowId>,
        today: NaiveDate,
    ) -> Result<Self, Refusal> {
        let spec = spec(table).ok_or(Refusal::NotFound)?;
        let held = match row {
            // The one row, not the whole table: this runs on every keystroke of the live check.
            Some(id) => store
                .plan_row(RowAt {
                    plan: at.plan.id,
                    table: spec.code,
                    row: id,
                })
                .await?
                .map(|r| r.row),
            None => None,
        };
        Ok(Self {
            spec,
            at,
            catalogs: Catalogs::load(store).await?,
            held,
            today,
        })
    }

    pub fn plan(&self) -> &PlanAt {
        &self.at
    }

    /// The choices the form's lists offer.
    pub fn choices(&self, lang: Language) -> Choices {
        let held: Vec<&Row> = self.held.iter().collect();
        self.catalogs
            .choices(&self.at.round, lang, self.spec, &held)
    }

    pub fn indicators(&self) -> &[CatalogEntry] {
        self.catalogs.indicators()
    }

    /// Reads the form: what reads, with the problems of the rest.
    pub fn read(&self, form: &RowForm) -> RowCheck {
        let held: Vec<&Row> = self.held.iter().collect();
        let context = self
            .catalogs
            .row_context(&self.at.round, self.spec, &held, self.today);
        let (row, errors) = read_row(self.spec, form, &context);
        let findings = if errors.is_empty() {
            row_findings(self.spec.code, "", RowId(0), &row, self.indicators())
        } else {
            Vec::new()
        };
        RowCheck {
            row,
            errors,
            findings,
        }
    }

    /// The form as a row to store, or its problems.
    fn parse(&self, form: &RowForm) -> Result<NewRow<'static>, Refusal> {
        let check = self.read(form);
        if !check.errors.is_empty() {
            return Err(Refusal::Invalid(check.errors));
        }
        Ok(NewRow {
            table: self.spec.code,
            label: check.row.title(self.spec),
            row: check.row,
        })
    }

    fn place(&self, row: RowId) -> RowAt<'static> {
        RowAt {
            plan: self.at.plan.id,
            table: self.spec.code,
            row,
        }
    }
}

/// The version a form says it started from (`base_version`); a form without one is stale.
pub fn base_version(form: &RowForm) -> i32 {
    form.get("base_version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1)
}

/// A reader for a change to `table` of the plan by `who`.
async fn writer(
    store: &Store,
    who: &Who,
    plan: PlanId,
    table: &str,
    row: Option<RowId>,
    now: DateTime<Utc>,
) -> Result<RowReader, Refusal> {
    let code = spec(table).ok_or(Refusal::NotFound)?.code;
    let at = writable(store, who, plan, Touches::Tables(&[code])).await?;
    RowReader::new(store, at, code, row, now.date_naive()).await
}

/// The live check of a row's form as typed, for the plan's agency.
pub async fn check_row(
    store: &Store,
    who: &Who,
    plan: PlanId,
    table: &str,
    row: Option<RowId>,
    form: &RowForm,
    now: DateTime<Utc>,
) -> Result<(RowReader, RowCheck), Refusal> {
    let reader = writer(store, who, plan, table, row, now).await?;
    let check = reader.read(form);
    Ok((reader, check))
}

/// Adds a row at the end of a list; for a table of one record, stores the record (changing it,
/// from the form's version, when it is there already). Gives the row's id.
pub async fn add_row(
    store: &Store,
    who: &Who,
    plan: PlanId,
    table: &str,
    form: &RowForm,
    now: DateTime<Utc>,
) -> Result<RowId, Refusal> {
    let reader = writer(store, who, plan, table, None, now).await?;
    if reader.spec.shape == Shape::Record {
        let existing = store.plan_rows(reader.at.plan.id, reader.spec.code).await?;
        if let Some(record) = existing.first() {
            change_row(store, who, plan, table, record.id, form, now).await?;
            return Ok(record.id);
        }
    }
    let new = reader.parse(form)?;
    Ok(store
        .insert_plan_row(reader.at.plan.id, &new, &who.audit(now))
        .await?)
}

/// Changes a row if it is still at the version its form started from.
pub async fn change_row(
    store: &Store,
    who: &Who,
    plan: PlanId,
    table: &str,
    row: RowId,
    form: &RowForm,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    let reader = writer(store, who, plan, table, Some(row), now).await?;
    let new = reader.parse(form)?;
    let written = store
        .write_plan_row(
            reader.place(row),
            base_version(form),
            Some(&new),
            &who.audit(now),
        )
        .await?;
    written.map_err(|c| Refusal::Conflict(Conflict::Row(Box::new(c.current))))
}

/// Deletes a row if it is still at `base`.
pub async fn delete_row(
    store: &Store,
    who: &Who,
    plan: PlanId,
    table: &str,
    row: RowId,
    base: i32,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    let code = spec(table).ok_or(Refusal::NotFound)?.code;
    let at = writable(store, who, plan, Touches::Tables(&[code])).await?;
    let place = RowAt {
        plan: at.plan.id,
        table: code,
        row,
    };
    let written = store
        .write_plan_row(place, base, None, &who.audit(now))
        .await?;
    written.map_err(|c| Refusal::Conflict(Conflict::Row(Box::new(c.current))))
}

/// Moves a row one place up or down its table.
pub async fn move_row(
    store: &Store,
    who: &Who,
    plan: PlanId,
    table: &str,
    row: RowId,
    up: bool,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    let code = spec(table).ok_or(Refusal::NotFound)?.code;
    let at = writable(store, who, plan, Touches::Tables(&[code])).await?;
    let place = RowAt {
        plan: at.plan.id,
        table: code,
        row,
    };
    Ok(store.move_plan_row(place, up, &who.audit(now)).await?)
}
