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
    RowReader::new(
        store,
        at,
        code,
        row,
        crate::domain::clock::vietnam_day(&now),
    )
    .await
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

/// Where a row of `table` is, once `who` may change the table.
async fn writable_row(
    store: &Store,
    who: &Who,
    plan: PlanId,
    table: &str,
    row: RowId,
) -> Result<RowAt<'static>, Refusal> {
    let code = spec(table).ok_or(Refusal::NotFound)?.code;
    let at = writable(store, who, plan, Touches::Tables(&[code])).await?;
    Ok(RowAt {
        plan: at.plan.id,
        table: code,
        row,
    })
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
    let place = writable_row(store, who, plan, table, row).await?;
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
    let place = writable_row(store, who, plan, table, row).await?;
    Ok(store.move_plan_row(place, up, &who.audit(now)).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixture::province;

    fn system(name: &str, level: &str, base: Option<i32>) -> RowForm {
        let mut form = crate::app::fixture::system(name, level);
        if let Some(base) = base {
            form.insert("base_version".into(), base.to_string());
        }
        form
    }

    #[tokio::test]
    async fn rows_are_added_changed_moved_and_deleted_by_the_agency() {
        let p = province().await;
        let (s, who, plan) = (&p.store, &p.editor, p.plan);
        let table = "information_systems";
        let a = add_row(s, who, plan, table, &system("Cổng", "2", None), p.now)
            .await
            .expect("added");
        let b = add_row(s, who, plan, table, &system("Một cửa", "3", None), p.now)
            .await
            .expect("added");
        change_row(
            s,
            who,
            plan,
            table,
            a,
            &system("Cổng thông tin", "2", Some(1)),
            p.now,
        )
        .await
        .expect("changed");
        move_row(s, who, plan, table, b, true, p.now)
            .await
            .expect("moved");
        let rows = s.plan_rows(plan, table).await.expect("rows");
        let names: Vec<_> = rows.iter().map(|r| r.row.text("name")).collect();
        assert_eq!(
            names,
            [Some("Một cửa".into()), Some("Cổng thông tin".into())]
        );
        assert_eq!(rows[1].version, 2);
        delete_row(s, who, plan, table, a, 2, p.now)
            .await
            .expect("deleted");
        assert_eq!(s.plan_rows(plan, table).await.expect("rows").len(), 1);
    }

    #[tokio::test]
    async fn a_stale_change_is_refused_with_the_row_as_it_is_now() {
        let p = province().await;
        let (s, plan, table) = (&p.store, p.plan, "information_systems");
        let id = add_row(s, &p.editor, plan, table, &system("Cổng", "2", None), p.now)
            .await
            .expect("added");
        change_row(
            s,
            &p.leader,
            plan,
            table,
            id,
            &system("Của lãnh đạo", "2", Some(1)),
            p.now,
        )
        .await
        .expect("changed");
        let stale = change_row(
            s,
            &p.editor,
            plan,
            table,
            id,
            &system("Cũ", "2", Some(1)),
            p.now,
        )
        .await;
        match stale {
            Err(Refusal::Conflict(Conflict::Row(current))) => {
                assert_eq!(current.version, 2);
                assert_eq!(current.row.text("name").as_deref(), Some("Của lãnh đạo"));
            }
            other => panic!("{other:?}"),
        }
        let stale_delete = delete_row(s, &p.editor, plan, table, id, 1, p.now).await;
        assert!(
            matches!(stale_delete, Err(Refusal::Conflict(_))),
            "{stale_delete:?}"
        );
    }

    #[tokio::test]
    async fn a_row_that_breaks_its_rules_is_refused_field_by_field() {
        let p = province().await;
        let form = system("", "9", None);
        let refused = add_row(
            &p.store,
            &p.editor,
            p.plan,
            "information_systems",
            &form,
            p.now,
        )
        .await;
        match refused {
            Err(Refusal::Invalid(errors)) => {
                assert!(errors.get("name").is_some() && errors.get("level").is_some());
            }
            other => panic!("{other:?}"),
        }
        let unknown = add_row(&p.store, &p.editor, p.plan, "no_table", &form, p.now).await;
        assert!(matches!(unknown, Err(Refusal::NotFound)), "{unknown:?}");
    }

    #[tokio::test]
    async fn others_and_locked_plans_take_no_rows() {
        let p = province().await;
        let form = system("Cổng", "2", None);
        for who in [&p.reviewer, &p.admin, &p.other_editor] {
            let refused = add_row(&p.store, who, p.plan, "information_systems", &form, p.now).await;
            assert!(matches!(refused, Err(Refusal::Forbidden)), "{refused:?}");
        }
        p.submitted().await;
        let locked = add_row(
            &p.store,
            &p.editor,
            p.plan,
            "information_systems",
            &form,
            p.now,
        )
        .await;
        assert!(matches!(locked, Err(Refusal::Locked)), "{locked:?}");
    }

    #[tokio::test]
    async fn a_record_is_stored_once_and_changed_from_its_version() {
        let p = province().await;
        let mut form = RowForm::new();
        form.insert("computers".into(), "60".into());
        form.insert("staff".into(), "50".into());
        let first = add_row(&p.store, &p.editor, p.plan, "infrastructure", &form, p.now)
            .await
            .expect("stored");
        form.insert("computers".into(), "70".into());
        form.insert("base_version".into(), "1".into());
        let again = add_row(&p.store, &p.editor, p.plan, "infrastructure", &form, p.now)
            .await
            .expect("changed");
        assert_eq!(first, again);
        let rows = p
            .store
            .plan_rows(p.plan, "infrastructure")
            .await
            .expect("rows");
        assert_eq!((rows.len(), rows[0].version), (1, 2));
    }

    #[tokio::test]
    async fn the_live_check_reads_the_form_and_warns() {
        let p = province().await;
        let form = system("Cổng", "", None);
        let (_, check) = check_row(
            &p.store,
            &p.editor,
            p.plan,
            "information_systems",
            None,
            &form,
            p.now,
        )
        .await
        .expect("checked");
        assert!(check.errors.get("level").is_some());
        let refused = check_row(
            &p.store,
            &p.viewer,
            p.plan,
            "information_systems",
            None,
            &form,
            p.now,
        )
        .await;
        assert!(matches!(refused, Err(Refusal::Forbidden)));
    }
}
