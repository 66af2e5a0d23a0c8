//! Rounds and plans: opening a round gives every participating unit a draft plan.

use super::sql::sql;
use super::{AuditCtx, DbError, DbResult, Store};
use crate::domain::framework::{FrameworkStatus, PlanKind};
use crate::domain::ids::{FrameworkId, OrgUnitId, RoundId};
use crate::domain::org_unit::OrgUnitKind;
use crate::domain::round::{PlanStatus, Round, RoundInput};
use chrono::NaiveDate;
use std::collections::BTreeMap;

pub(super) const ROUND_COLUMNS: &str =
    "r.round_id, r.code, r.title, r.framework_id, r.kind, r.period_start, \
    r.period_end, r.evaluation_start, r.evaluation_end, r.cutoff_date, r.deadline";

#[derive(sqlx::FromRow)]
pub(super) struct RoundRow {
    round_id: i64,
    code: String,
    title: String,
    framework_id: i64,
    kind: String,
    period_start: i32,
    period_end: i32,
    evaluation_start: Option<i32>,
    evaluation_end: Option<i32>,
    cutoff_date: NaiveDate,
    deadline: NaiveDate,
}

impl TryFrom<RoundRow> for Round {
    type Error = DbError;

    fn try_from(r: RoundRow) -> DbResult<Self> {
        Ok(Round {
            id: RoundId(r.round_id),
            kind: PlanKind::from_code(&r.kind)
                .ok_or_else(|| DbError::Corrupt(format!("round kind {}", r.kind)))?,
            code: r.code,
            title: r.title,
            framework_id: FrameworkId(r.framework_id),
            period_start: r.period_start,
            period_end: r.period_end,
            evaluation: r.evaluation_start.zip(r.evaluation_end),
            cutoff_date: r.cutoff_date,
            deadline: r.deadline,
        })
    }
}

/// A round with its framework's code and how many plans are in each state.
#[derive(Debug, Clone)]
pub struct RoundSummary {
    pub round: Round,
    pub framework_code: String,
    pub framework_version: i32,
    pub counts: BTreeMap<&'static str, i64>,
}

impl RoundSummary {
    /// Plans in the status with this code.
    pub fn count(&self, status: &str) -> i64 {
        self.counts.get(status).copied().unwrap_or(0)
    }
}

impl Store {
    /// Opens a round on a published framework and gives each participating unit a draft
    /// plan. Units are codes, or `kind:department`-style groups; either way only units in force
    /// on the round's data cut-off date take part (so a round of 2020 has the units of 2020).
    pub async fn create_round(&self, input: &RoundInput, ctx: &AuditCtx) -> DbResult<Round> {
        let framework = self
            .framework_by_code(&input.framework_code)
            .await?
            .ok_or(DbError::field("framework", "err.unknown_framework"))?;
        if framework.status != FrameworkStatus::Published {
            return Err(DbError::field("framework", "err.framework_draft"));
        }
        let unit_ids = self.participants(input).await?;
        if unit_ids.is_empty() {
            return Err(DbError::field("units", "err.choose_units"));
        }
        let mut tx = self.begin_write().await?;
        let id: i64 = sql(
            "insert into round (code, title, framework_id, kind, period_start, \
             period_end, evaluation_start, evaluation_end, cutoff_date, deadline, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning round_id",
        )
        .bind(&input.code)
        .bind(&input.title)
        .bind(framework.id)
        .bind(input.kind.code())
        .bind(input.period_start)
        .bind(input.period_end)
        .bind(input.evaluation.map(|e| e.0))
        .bind(input.evaluation.map(|e| e.1))
        .bind(input.cutoff_date)
        .bind(input.deadline)
        .bind(ctx.at)
        .scalar(&mut tx)
        .await
        .map_err(|e| super::on_unique(e, "code", "err.round_code_taken"))?;
        for unit in &unit_ids {
            sql(
                "insert into plan (round_id, org_unit_id, status, created_at, updated_at) \
                 values ($1, $2, 'draft', $3, $3)",
            )
            .bind(id)
            .bind(*unit)
            .bind(ctx.at)
            .execute(&mut tx)
            .await?;
        }
        let event = ctx.event(
            "round.create",
            "round",
            id,
            &input.code,
            String::new(),
            format!(
                "framework={} v{}; kind={}; period={}-{}; deadline={}; plans={}",
                framework.code,
                framework.version,
                input.kind.code(),
                input.period_start,
                input.period_end,
                input.deadline,
                unit_ids.len()
            ),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        self.round(RoundId(id)).await?.ok_or(DbError::NotFound)
    }

    /// The units a round's entries name (codes, or `kind:…` groups), each once, in force on the
    /// round's cut-off date.
    async fn participants(&self, input: &RoundInput) -> DbResult<Vec<OrgUnitId>> {
        let mut unit_ids: Vec<OrgUnitId> = Vec::new();
        for entry in &input.units {
            let ids: Vec<OrgUnitId> = match entry.strip_prefix("kind:") {
                Some(kind) => {
                    let kind = OrgUnitKind::from_code(kind)
                        .ok_or(DbError::field("units", "err.unknown_unit"))?;
                    let ids: Vec<i64> = sql("select org_unit_id from org_unit where kind = $1 \
                         and valid_from <= $2 and (valid_to is null or valid_to >= $2) \
                         order by code")
                    .bind(kind.code())
                    .bind(input.cutoff_date)
                    .scalars(self)
                    .await?;
                    ids.into_iter().map(OrgUnitId).collect()
                }
                None => {
                    let unit = self
                        .unit_by_code(entry)
                        .await?
                        .filter(|u| u.is_open_on(input.cutoff_date));
                    vec![
                        unit.ok_or(DbError::field("units", "err.unit_not_in_force"))?
                            .id,
                    ]
                }
            };
            for id in ids {
                if !unit_ids.contains(&id) {
                    unit_ids.push(id);
                }
            }
        }
        Ok(unit_ids)
    }

    pub async fn round(&self, id: RoundId) -> DbResult<Option<Round>> {
        let text = format!("select {ROUND_COLUMNS} from round r where r.round_id = $1");
        let row: Option<RoundRow> = sql(&text).bind(id).fetch_optional(self).await?;
        row.map(Round::try_from).transpose()
    }

    pub async fn round_by_code(&self, code: &str) -> DbResult<Option<Round>> {
        let text = format!("select {ROUND_COLUMNS} from round r where r.code = $1");
        let row: Option<RoundRow> = sql(&text)
            .bind(code.trim().to_uppercase())
            .fetch_optional(self)
            .await?;
        row.map(Round::try_from).transpose()
    }

    /// Every round, newest period first, with counts of plans by status.
    pub async fn rounds(&self) -> DbResult<Vec<RoundSummary>> {
        #[derive(sqlx::FromRow)]
        struct Listed {
            #[sqlx(flatten)]
            round: RoundRow,
            framework_code: String,
            framework_version: i32,
        }
        let text = format!(
            "select {ROUND_COLUMNS}, f.code as framework_code, f.version as framework_version \
             from round r join framework f on f.framework_id = r.framework_id \
             order by r.period_start desc, r.code"
        );
        let rows: Vec<Listed> = sql(&text).fetch_all(self).await?;
        let counts: Vec<(i64, String, i64)> =
            sql("select round_id, status, count(*) from plan group by round_id, status")
                .fetch_all(self)
                .await?;
        rows.into_iter()
            .map(|r| {
                let round = Round::try_from(r.round)?;
                let counts = counts
                    .iter()
                    .filter(|(id, _, _)| *id == round.id.0)
                    .filter_map(|(_, s, n)| PlanStatus::from_code(s).map(|s| (s.code(), *n)))
                    .collect();
                Ok(RoundSummary {
                    round,
                    framework_code: r.framework_code,
                    framework_version: r.framework_version,
                    counts,
                })
            })
            .collect()
    }
}
