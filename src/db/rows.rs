//! The rows of plans' typed tables, stored as JSON per row with a version, like sections.

use super::{with_pool, AuditCtx, Backend, BeginWrite, DbError, DbResult, Store};
use crate::domain::ids::PlanId;
use chrono::{DateTime, Utc};

/// Where a row is: its plan, its table and its id.
#[derive(Debug, Clone, Copy)]
pub struct RowAt<'a> {
    pub plan: PlanId,
    pub table: &'a str,
    pub row: i64,
}

/// A stored row: its id, place, data (JSON of the table's row type) and version.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RowRecord {
    pub plan_row_id: i64,
    pub position: i32,
    pub data: String,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

impl Store {
    pub async fn plan_rows(&self, plan: PlanId, table: &str) -> DbResult<Vec<RowRecord>> {
        let rows: Vec<RowRecord> = with_pool!(self, pool => sqlx::query_as(
            "select plan_row_id, position, data, version, updated_at from plan_row \
             where plan_id = $1 and table_code = $2 order by position, plan_row_id")
            .bind(plan.0).bind(table).fetch_all(pool).await)?;
        Ok(rows)
    }

    /// Every row of every table of a plan, with its table's code, in each table's order.
    pub async fn all_plan_rows(&self, plan: PlanId) -> DbResult<Vec<(String, RowRecord)>> {
        #[derive(sqlx::FromRow)]
        struct Coded {
            table_code: String,
            #[sqlx(flatten)]
            record: RowRecord,
        }
        let rows: Vec<Coded> = with_pool!(self, pool => sqlx::query_as(
            "select table_code, plan_row_id, position, data, version, updated_at from plan_row \
             where plan_id = $1 order by table_code, position, plan_row_id")
            .bind(plan.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(|c| (c.table_code, c.record)).collect())
    }

    pub async fn plan_row(
        &self,
        plan: PlanId,
        table: &str,
        row: i64,
    ) -> DbResult<Option<RowRecord>> {
        let found: Option<RowRecord> = with_pool!(self, pool => sqlx::query_as(
            "select plan_row_id, position, data, version, updated_at from plan_row \
             where plan_id = $1 and table_code = $2 and plan_row_id = $3")
            .bind(plan.0).bind(table).bind(row).fetch_optional(pool).await)?;
        Ok(found)
    }

    /// Adds a row at the end of the table.
    pub async fn insert_plan_row(
        &self,
        plan: PlanId,
        table: &str,
        data: &str,
        label: &str,
        ctx: &AuditCtx,
    ) -> DbResult<i64> {
        let id: i64 = with_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let position: i32 = sqlx::query_scalar(
                "select coalesce(max(position), 0) + 1 from plan_row where plan_id = $1 and table_code = $2")
                .bind(plan.0).bind(table).fetch_one(&mut *tx).await?;
            let id: i64 = sqlx::query_scalar(
                "insert into plan_row (plan_id, table_code, position, data, version, updated_at, updated_by) \
                 values ($1, $2, $3, $4, 1, $5, $6) returning plan_row_id")
                .bind(plan.0).bind(table).bind(position).bind(data).bind(ctx.at).bind(ctx.actor_user_id.map(|u| u.0))
                .fetch_one(&mut *tx).await?;
            sqlx::query("update plan set updated_at = $1 where plan_id = $2").bind(ctx.at).bind(plan.0).execute(&mut *tx).await?;
            let event = ctx.event("plan_row.create", "plan", plan, format!("{table} {id}"), String::new(), label.to_string());
            Store::insert_audit_generic(&mut tx, &event).await?;
            tx.commit().await?;
            id
        });
        Ok(id)
    }

    /// Replaces every row of `tables` in a plan by `rows` (table, data, label), in one
    /// transaction: an import (or a carry-forward, as `action` says) lands whole or not at all.
    pub async fn replace_plan_rows(
        &self,
        plan: PlanId,
        tables: &[&str],
        rows: &[(&str, String, String)],
        action: &'static str,
        ctx: &AuditCtx,
    ) -> DbResult<()> {
        with_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut before = 0;
            for table in tables {
                before += sqlx::query("delete from plan_row where plan_id = $1 and table_code = $2")
                    .bind(plan.0).bind(*table).execute(&mut *tx).await?.rows_affected();
            }
            for (position, (table, data, _)) in rows.iter().enumerate() {
                sqlx::query(
                    "insert into plan_row (plan_id, table_code, position, data, version, updated_at, updated_by) \
                     values ($1, $2, $3, $4, 1, $5, $6)")
                    .bind(plan.0).bind(*table).bind(position as i32 + 1).bind(data).bind(ctx.at)
                    .bind(ctx.actor_user_id.map(|u| u.0)).execute(&mut *tx).await?;
            }
            sqlx::query("update plan set updated_at = $1 where plan_id = $2").bind(ctx.at).bind(plan.0).execute(&mut *tx).await?;
            let labels: Vec<&str> = rows.iter().map(|(_, _, l)| l.as_str()).collect();
            let event = ctx.event(action, "plan", plan, tables.join(", "),
                format!("rows={before}"), format!("rows={}: {}", rows.len(), labels.join("; ")));
            Store::insert_audit_generic(&mut tx, &event).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Moves a row one place up or down its table (a row already first or last stays).
    pub async fn move_plan_row(&self, at: RowAt<'_>, up: bool, ctx: &AuditCtx) -> DbResult<()> {
        let RowAt { plan, table, row } = at;
        let neighbour_sql = if up {
            "select plan_row_id, position from plan_row where plan_id = $1 and table_code = $2 and position < $3 \
             order by position desc limit 1"
        } else {
            "select plan_row_id, position from plan_row where plan_id = $1 and table_code = $2 and position > $3 \
             order by position limit 1"
        };
        with_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let position: Option<i32> = sqlx::query_scalar(
                "select position from plan_row where plan_id = $1 and table_code = $2 and plan_row_id = $3")
                .bind(plan.0).bind(table).bind(row).fetch_optional(&mut *tx).await?;
            let position = position.ok_or(DbError::NotFound)?;
            let neighbour: Option<(i64, i32)> = sqlx::query_as(neighbour_sql)
                .bind(plan.0).bind(table).bind(position).fetch_optional(&mut *tx).await?;
            if let Some((other, other_position)) = neighbour {
                for (id, pos) in [(row, other_position), (other, position)] {
                    sqlx::query("update plan_row set position = $1 where plan_row_id = $2")
                        .bind(pos).bind(id).execute(&mut *tx).await?;
                }
                let event = ctx.event("plan_row.move", "plan", plan, format!("{table} {row}"),
                    position.to_string(), other_position.to_string());
                Store::insert_audit_generic(&mut tx, &event).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Changes a row if it is still at `base`; otherwise returns the version there now.
    /// `data: None` deletes the row.
    pub async fn write_plan_row(
        &self,
        at: RowAt<'_>,
        base: i32,
        data: Option<&str>,
        label: &str,
        ctx: &AuditCtx,
    ) -> DbResult<Result<(), i32>> {
        let RowAt { plan, table, row } = at;
        let outcome: Result<(), i32> = with_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let current: Option<i32> = sqlx::query_scalar(
                "select version from plan_row where plan_id = $1 and table_code = $2 and plan_row_id = $3")
                .bind(plan.0).bind(table).bind(row).fetch_optional(&mut *tx).await?;
            let current = current.ok_or(DbError::NotFound)?;
            if current != base {
                tx.rollback().await?;
                Err(current)
            } else {
                let action = match data {
                    Some(data) => {
                        sqlx::query("update plan_row set data = $1, version = version + 1, updated_at = $2, updated_by = $3 \
                                     where plan_row_id = $4")
                            .bind(data).bind(ctx.at).bind(ctx.actor_user_id.map(|u| u.0)).bind(row)
                            .execute(&mut *tx).await?;
                        "plan_row.update"
                    }
                    None => {
                        sqlx::query("delete from plan_row where plan_row_id = $1").bind(row).execute(&mut *tx).await?;
                        "plan_row.delete"
                    }
                };
                sqlx::query("update plan set updated_at = $1 where plan_id = $2").bind(ctx.at).bind(plan.0).execute(&mut *tx).await?;
                let event = ctx.event(action, "plan", plan, format!("{table} {row}"), format!("version={base}"), label.to_string());
                Store::insert_audit_generic(&mut tx, &event).await?;
                tx.commit().await?;
                Ok(())
            }
        });
        Ok(outcome)
    }
}
