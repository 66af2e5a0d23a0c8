//! The rows of plans' typed tables, stored as JSON per row with a version, like sections. Rows
//! go in and come out typed: the JSON is written and read only here.

use super::open::touch_open_plan;
use super::sql::{sql, On};
use super::{AuditCtx, DbError, DbResult, Store};
use crate::domain::ids::{PlanId, RowId};
use crate::domain::tables::Row;
use chrono::{DateTime, Utc};

/// Where a row is: its plan, its table and its id.
#[derive(Debug, Clone, Copy)]
pub struct RowAt<'a> {
    pub plan: PlanId,
    pub table: &'a str,
    pub row: RowId,
}

/// A stored row: its id, place, values and version.
#[derive(Debug, Clone, PartialEq)]
pub struct RowRecord {
    pub id: RowId,
    pub position: i32,
    pub row: Row,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
    /// Who last changed it, by full name: a conflict names the other person.
    pub updated_by: Option<String>,
}

/// A row to store, with the name it goes by in the audit log.
#[derive(Debug, Clone)]
pub struct NewRow<'a> {
    pub table: &'a str,
    pub row: Row,
    pub label: String,
}

/// Why a change to a row did not happen: someone changed it since the version the editor
/// started from, and this is the row now.
#[derive(Debug, Clone, PartialEq)]
pub struct RowConflict {
    pub current: RowRecord,
}

#[derive(sqlx::FromRow)]
struct StoredRow {
    plan_row_id: i64,
    position: i32,
    data: String,
    version: i32,
    updated_at: DateTime<Utc>,
    updated_by: Option<String>,
}

impl TryFrom<StoredRow> for RowRecord {
    type Error = DbError;

    /// Rows are written only once checked, so one that does not read is corrupt data.
    fn try_from(r: StoredRow) -> Result<Self, DbError> {
        let row = serde_json::from_str(&r.data)
            .map_err(|e| DbError::Corrupt(format!("plan row {}: {e}", r.plan_row_id)))?;
        Ok(RowRecord {
            id: RowId(r.plan_row_id),
            position: r.position,
            row,
            version: r.version,
            updated_at: r.updated_at,
            updated_by: r.updated_by,
        })
    }
}

fn records(rows: Vec<StoredRow>) -> DbResult<Vec<RowRecord>> {
    rows.into_iter().map(RowRecord::try_from).collect()
}

fn encode(row: &Row) -> DbResult<String> {
    serde_json::to_string(row).map_err(|e| DbError::Corrupt(e.to_string()))
}

const ROW_COLUMNS: &str = "plan_row_id, position, data, version, updated_at, \
    (select display_name from app_user u where u.user_id = plan_row.updated_by) as updated_by";

impl Store {
    /// One table's rows, in the table's order.
    pub async fn plan_rows(&self, plan: PlanId, table: &str) -> DbResult<Vec<RowRecord>> {
        let text = format!(
            "select {ROW_COLUMNS} from plan_row where plan_id = $1 and table_code = $2 \
             order by position, plan_row_id"
        );
        records(sql(&text).bind(plan).bind(table).fetch_all(self).await?)
    }

    /// Every row of every table of a plan, with its table's code, in each table's order.
    pub async fn all_plan_rows(&self, plan: PlanId) -> DbResult<Vec<(String, RowRecord)>> {
        read_all_rows(self, plan).await
    }

    pub async fn plan_row(&self, at: RowAt<'_>) -> DbResult<Option<RowRecord>> {
        let text = format!(
            "select {ROW_COLUMNS} from plan_row \
             where plan_id = $1 and table_code = $2 and plan_row_id = $3"
        );
        let found: Option<StoredRow> = sql(&text)
            .bind(at.plan)
            .bind(at.table)
            .bind(at.row)
            .fetch_optional(self)
            .await?;
        found.map(RowRecord::try_from).transpose()
    }

    /// Adds a row at the end of its table.
    pub async fn insert_plan_row(
        &self,
        plan: PlanId,
        new: &NewRow<'_>,
        ctx: &AuditCtx,
    ) -> DbResult<RowId> {
        let data = encode(&new.row)?;
        let mut tx = self.begin_write().await?;
        touch_open_plan(&mut tx, plan, ctx.at).await?;
        // The position is taken in the insert itself, so two rows added at once never share it.
        let id: i64 = sql(
            "insert into plan_row (plan_id, table_code, position, data, version, updated_at, \
             updated_by) select $1, $2, coalesce(max(position), 0) + 1, $3, 1, $4, $5 \
             from plan_row where plan_id = $1 and table_code = $2 returning plan_row_id",
        )
        .bind(plan)
        .bind(new.table)
        .bind(&data)
        .bind(ctx.at)
        .bind(ctx.actor_user_id)
        .scalar(&mut tx)
        .await?;
        let event = ctx.event(
            "plan_row.create",
            "plan",
            plan,
            format!("{} {id}", new.table),
            String::new(),
            new.label.clone(),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(RowId(id))
    }

    /// Replaces every row of `tables` in a plan by `rows`, in one transaction: an import (or a
    /// carry-forward, as `action` says) lands whole or not at all.
    pub async fn replace_plan_rows(
        &self,
        plan: PlanId,
        tables: &[&str],
        rows: &[NewRow<'_>],
        action: &'static str,
        ctx: &AuditCtx,
    ) -> DbResult<()> {
        let encoded = rows
            .iter()
            .map(|r| encode(&r.row))
            .collect::<DbResult<Vec<_>>>()?;
        let mut tx = self.begin_write().await?;
        touch_open_plan(&mut tx, plan, ctx.at).await?;
        let mut before = 0;
        for table in tables {
            before += sql("delete from plan_row where plan_id = $1 and table_code = $2")
                .bind(plan)
                .bind(*table)
                .execute(&mut tx)
                .await?;
        }
        for (position, (new, data)) in rows.iter().zip(&encoded).enumerate() {
            sql(
                "insert into plan_row (plan_id, table_code, position, data, version, \
                 updated_at, updated_by) values ($1, $2, $3, $4, 1, $5, $6)",
            )
            .bind(plan)
            .bind(new.table)
            .bind(position as i32 + 1)
            .bind(data)
            .bind(ctx.at)
            .bind(ctx.actor_user_id)
            .execute(&mut tx)
            .await?;
        }
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        let event = ctx.event(
            action,
            "plan",
            plan,
            tables.join(", "),
            format!("rows={before}"),
            format!("rows={}: {}", rows.len(), labels.join("; ")),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves a row one place up or down its table (a row already first or last stays).
    pub async fn move_plan_row(&self, at: RowAt<'_>, up: bool, ctx: &AuditCtx) -> DbResult<()> {
        let RowAt { plan, table, row } = at;
        let neighbour_sql = if up {
            "select plan_row_id, position from plan_row where plan_id = $1 and table_code = $2 \
             and position < $3 order by position desc limit 1"
        } else {
            "select plan_row_id, position from plan_row where plan_id = $1 and table_code = $2 \
             and position > $3 order by position limit 1"
        };
        let mut tx = self.begin_write().await?;
        touch_open_plan(&mut tx, plan, ctx.at).await?;
        let position: i32 = sql("select position from plan_row \
             where plan_id = $1 and table_code = $2 and plan_row_id = $3")
        .bind(plan)
        .bind(table)
        .bind(row)
        .scalar_optional(&mut tx)
        .await?
        .ok_or(DbError::NotFound)?;
        let neighbour: Option<(i64, i32)> = sql(neighbour_sql)
            .bind(plan)
            .bind(table)
            .bind(position)
            .fetch_optional(&mut tx)
            .await?;
        if let Some((other, other_position)) = neighbour {
            for (id, pos) in [(row.0, other_position), (other, position)] {
                sql("update plan_row set position = $1 where plan_row_id = $2")
                    .bind(pos)
                    .bind(id)
                    .execute(&mut tx)
                    .await?;
            }
            let event = ctx.event(
                "plan_row.move",
                "plan",
                plan,
                format!("{table} {row}"),
                position.to_string(),
                other_position.to_string(),
            );
            Store::insert_audit(&mut tx, &event).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Changes a row if it is still at `base`; otherwise gives the row as it is now. `row: None`
    /// deletes it. The version is compared in the write itself.
    pub async fn write_plan_row(
        &self,
        at: RowAt<'_>,
        base: i32,
        row: Option<&NewRow<'_>>,
        ctx: &AuditCtx,
    ) -> DbResult<Result<(), RowConflict>> {
        let mut tx = self.begin_write().await?;
        touch_open_plan(&mut tx, at.plan, ctx.at).await?;
        let (written, action, label) = match row {
            Some(new) => {
                let written = sql(
                    "update plan_row set data = $1, version = version + 1, updated_at = $2, \
                     updated_by = $3 where plan_id = $4 and table_code = $5 \
                     and plan_row_id = $6 and version = $7",
                )
                .bind(encode(&new.row)?)
                .bind(ctx.at)
                .bind(ctx.actor_user_id)
                .bind(at.plan)
                .bind(at.table)
                .bind(at.row)
                .bind(base)
                .execute(&mut tx)
                .await?;
                (written, "plan_row.update", new.label.clone())
            }
            None => {
                let written = sql(
                    "delete from plan_row where plan_id = $1 and table_code = $2 \
                     and plan_row_id = $3 and version = $4",
                )
                .bind(at.plan)
                .bind(at.table)
                .bind(at.row)
                .bind(base)
                .execute(&mut tx)
                .await?;
                (written, "plan_row.delete", String::new())
            }
        };
        if written == 0 {
            drop(tx);
            let current = self.plan_row(at).await?.ok_or(DbError::NotFound)?;
            return Ok(Err(RowConflict { current }));
        }
        let event = ctx.event(
            action,
            "plan",
            at.plan,
            format!("{} {}", at.table, at.row),
            format!("version={base}"),
            label,
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(Ok(()))
    }
}

/// Every row of every table of a plan, with its table's code, in each table's order.
pub(super) async fn read_all_rows<'c>(
    on: impl Into<On<'c>>,
    plan: PlanId,
) -> DbResult<Vec<(String, RowRecord)>> {
    #[derive(sqlx::FromRow)]
    struct Coded {
        table_code: String,
        #[sqlx(flatten)]
        stored: StoredRow,
    }
    let text = format!(
        "select table_code, {ROW_COLUMNS} from plan_row where plan_id = $1 \
         order by table_code, position, plan_row_id"
    );
    let rows: Vec<Coded> = sql(&text).bind(plan).fetch_all(on).await?;
    rows.into_iter()
        .map(|c| Ok((c.table_code, RowRecord::try_from(c.stored)?)))
        .collect()
}
