//! The plans of rounds: listed, read, their document details saved, and every change to their
//! content admitted only while the plan takes changes.

use super::open::touch_open_plan;
use super::rounds::{RoundRow, ROUND_COLUMNS};
use super::rows::RowRecord;
use super::sql::{sql, On, Tx};
use super::{AuditCtx, DbError, DbResult, Store};
use crate::domain::content::PlanContent;
use crate::domain::ids::{OrgUnitId, PlanId, RoundId};
use crate::domain::round::{Plan, PlanMeta, PlanStatus, Round, SectionContent};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
pub(super) struct PlanRow {
    plan_id: i64,
    round_id: i64,
    org_unit_id: i64,
    status: String,
    updated_at: DateTime<Utc>,
    open_sections: Option<String>,
    /// Named apart from the round's deadline, which a plan is often read with.
    plan_deadline: Option<NaiveDate>,
}

impl TryFrom<PlanRow> for Plan {
    type Error = DbError;

    fn try_from(r: PlanRow) -> DbResult<Self> {
        Ok(Plan {
            id: PlanId(r.plan_id),
            round_id: RoundId(r.round_id),
            org_unit_id: OrgUnitId(r.org_unit_id),
            status: PlanStatus::from_code(&r.status)
                .ok_or_else(|| DbError::Corrupt(format!("plan status {}", r.status)))?,
            updated_at: r.updated_at,
            open_sections: open_sections(r.open_sections),
            deadline: r.plan_deadline,
        })
    }
}

/// A plan with its unit, for lists.
#[derive(Debug, Clone)]
pub struct PlanListRow {
    pub plan: Plan,
    pub unit_code: String,
    pub unit_name: String,
}

const PLAN_COLUMNS: &str =
    "p.plan_id, p.round_id, p.org_unit_id, p.status, p.updated_at, p.open_sections, \
    p.deadline as plan_deadline";

#[derive(sqlx::FromRow)]
struct MetaRow {
    doc_number: String,
    doc_place: String,
    doc_date: Option<NaiveDate>,
    signer_authority: String,
    signer_title: String,
    signer_name: String,
    recipients: String,
    version: i32,
}

impl From<MetaRow> for (PlanMeta, i32) {
    fn from(row: MetaRow) -> Self {
        let meta = PlanMeta {
            doc_number: row.doc_number,
            doc_place: row.doc_place,
            doc_date: row.doc_date,
            signer_authority: row.signer_authority,
            signer_title: row.signer_title,
            signer_name: row.signer_name,
            recipients: row.recipients,
        };
        (meta, row.version)
    }
}

async fn read_meta<'c>(on: impl Into<On<'c>>, plan: PlanId) -> DbResult<(PlanMeta, i32)> {
    let row: MetaRow = sql("select doc_number, doc_place, doc_date, signer_authority, \
         signer_title, signer_name, recipients, version from plan where plan_id = $1")
    .bind(plan)
    .fetch_optional(on)
    .await?
    .ok_or(DbError::NotFound)?;
    Ok(row.into())
}

/// Everything a plan holds, read on `on` (the pool, or the transaction of a step).
pub(super) async fn read_content(tx: &mut Tx, plan: PlanId) -> DbResult<PlanContent> {
    let (meta, meta_version) = read_meta(&mut *tx, plan).await?;
    let sections = super::sections::read_sections(&mut *tx, plan).await?;
    let rows = super::rows::read_all_rows(&mut *tx, plan).await?;
    Ok(content_of(meta, meta_version, sections, rows))
}

fn content_of(
    meta: PlanMeta,
    meta_version: i32,
    sections: Vec<SectionContent>,
    rows: Vec<(String, RowRecord)>,
) -> PlanContent {
    let mut content = PlanContent {
        meta,
        meta_version,
        ..PlanContent::of_sections(sections)
    };
    for (table, record) in rows {
        content.row_versions.insert(record.id, record.version);
        content
            .tables
            .entry(table)
            .or_default()
            .push((record.id, record.row));
    }
    content
}

impl Store {
    /// The plans of a round, by unit code.
    pub async fn round_plans(&self, round: RoundId) -> DbResult<Vec<PlanListRow>> {
        #[derive(sqlx::FromRow)]
        struct Listed {
            #[sqlx(flatten)]
            plan: PlanRow,
            unit_code: String,
            unit_name: String,
        }
        let text = format!(
            "select {PLAN_COLUMNS}, o.code as unit_code, o.name as unit_name from plan p \
             join org_unit o on o.org_unit_id = p.org_unit_id where p.round_id = $1 \
             order by o.code"
        );
        let rows: Vec<Listed> = sql(&text).bind(round).fetch_all(self).await?;
        rows.into_iter()
            .map(|r| {
                Ok(PlanListRow {
                    plan: r.plan.try_into()?,
                    unit_code: r.unit_code,
                    unit_name: r.unit_name,
                })
            })
            .collect()
    }

    /// The plans of one unit, in every round.
    pub async fn unit_plans(&self, unit: OrgUnitId) -> DbResult<Vec<Plan>> {
        let text = format!(
            "select {PLAN_COLUMNS} from plan p join round r on r.round_id = p.round_id \
             where p.org_unit_id = $1 order by r.period_start desc, r.code"
        );
        let rows: Vec<PlanRow> = sql(&text).bind(unit).fetch_all(self).await?;
        rows.into_iter().map(Plan::try_from).collect()
    }

    /// A plan with its round, in one read: every use-case reaches a plan this way, the
    /// autosave several times a minute.
    pub async fn plan_in_round(&self, id: PlanId) -> DbResult<Option<(Plan, Round)>> {
        #[derive(sqlx::FromRow)]
        struct Joined {
            #[sqlx(flatten)]
            plan: PlanRow,
            #[sqlx(flatten)]
            round: RoundRow,
        }
        let text = format!(
            "select {PLAN_COLUMNS}, {ROUND_COLUMNS} from plan p \
             join round r on r.round_id = p.round_id where p.plan_id = $1"
        );
        let row: Option<Joined> = sql(&text).bind(id).fetch_optional(self).await?;
        row.map(|r| Ok((Plan::try_from(r.plan)?, Round::try_from(r.round)?)))
            .transpose()
    }

    pub async fn plan(&self, id: PlanId) -> DbResult<Option<Plan>> {
        let text = format!("select {PLAN_COLUMNS} from plan p where p.plan_id = $1");
        let row: Option<PlanRow> = sql(&text).bind(id).fetch_optional(self).await?;
        row.map(Plan::try_from).transpose()
    }

    /// Everything a plan holds, read at one moment: the document details, the sections and
    /// every table's rows.
    pub async fn plan_content(&self, plan: PlanId) -> DbResult<PlanContent> {
        let (meta, meta_version) = read_meta(self, plan).await?;
        let sections = self.plan_sections(plan).await?;
        let rows = self.all_plan_rows(plan).await?;
        Ok(content_of(meta, meta_version, sections, rows))
    }

    /// The document facts of a plan and their version.
    pub async fn plan_meta(&self, plan: PlanId) -> DbResult<(PlanMeta, i32)> {
        read_meta(self, plan).await
    }

    /// Saves the document facts if they are still at `base`; otherwise returns the version
    /// that is there now, and changes nothing. A plan that no longer takes changes refuses
    /// with `PlanClosed`.
    pub async fn save_plan_meta(
        &self,
        plan: PlanId,
        base: i32,
        meta: &PlanMeta,
        ctx: &AuditCtx,
    ) -> DbResult<Result<i32, i32>> {
        let mut tx = self.begin_write().await?;
        touch_open_plan(&mut tx, plan, ctx.at).await?;
        let changed = sql(
            "update plan set doc_number = $1, doc_place = $2, doc_date = $3, \
             signer_authority = $4, signer_title = $5, signer_name = $6, recipients = $7, \
             version = version + 1 where plan_id = $8 and version = $9",
        )
        .bind(&meta.doc_number)
        .bind(&meta.doc_place)
        .bind(meta.doc_date)
        .bind(&meta.signer_authority)
        .bind(&meta.signer_title)
        .bind(&meta.signer_name)
        .bind(&meta.recipients)
        .bind(plan)
        .bind(base)
        .execute(&mut tx)
        .await?;
        if changed == 0 {
            drop(tx);
            let (_, current) = read_meta(self, plan).await?;
            return Ok(Err(current));
        }
        let after = crate::domain::audit::summary(&[
            ("number", &meta.doc_number),
            ("place", &meta.doc_place),
            ("signer", &meta.signer_name),
            ("title", &meta.signer_title),
        ]);
        let event = ctx.event(
            "plan_meta.save",
            "plan",
            plan,
            "meta",
            format!("version={base}"),
            after,
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(Ok(base + 1))
    }

    /// The deadlines extended for single plans of a round, by plan.
    pub async fn plan_deadlines(&self, round: RoundId) -> DbResult<HashMap<PlanId, NaiveDate>> {
        let rows: Vec<(i64, NaiveDate)> =
            sql("select plan_id, deadline from plan where round_id = $1 and deadline is not null")
                .bind(round)
                .fetch_all(self)
                .await?;
        Ok(rows.into_iter().map(|(p, d)| (PlanId(p), d)).collect())
    }

    /// Extends (or shortens) the deadline of one plan; `None` returns it to the round's.
    pub async fn set_plan_deadline(
        &self,
        plan: PlanId,
        deadline: Option<NaiveDate>,
        ctx: &AuditCtx,
    ) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        let before: Option<NaiveDate> = sql("select deadline from plan where plan_id = $1")
            .bind(plan)
            .scalar_optional(&mut tx)
            .await?
            .ok_or(DbError::NotFound)?;
        sql("update plan set deadline = $1 where plan_id = $2")
            .bind(deadline)
            .bind(plan)
            .execute(&mut tx)
            .await?;
        let show = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let event = ctx.event(
            "plan_deadline.set",
            "plan",
            plan,
            plan.0.to_string(),
            show(before),
            show(deadline),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether a unit has an active leader (without one, its editors submit).
    pub async fn unit_has_leader(&self, unit: OrgUnitId) -> DbResult<bool> {
        let n: i64 = sql("select count(*) from app_user \
             where org_unit_id = $1 and role = 'leader' and not disabled")
        .bind(unit)
        .scalar(self)
        .await?;
        Ok(n > 0)
    }
}

/// The sections a partial return reopened, as the plan's column keeps them: one key a line.
fn open_sections(column: Option<String>) -> Vec<String> {
    column
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}
