//! The catalogs' entries.

use super::{on_unique, with_pool, AuditCtx, Backend, BeginWrite, DbError, DbResult, Store};
use crate::domain::catalog::CatalogEntry;
use chrono::NaiveDate;

/// Inserts an entry in the open transaction `$tx` (of either backend) and gives its id.
macro_rules! insert_entry {
    ($tx:ident, $e:expr, $position:expr) => {{
        let e: &CatalogEntry = $e;
        sqlx::query_scalar::<_, i64>(
            "insert into catalog_entry (catalog, code, name, name_en, valid_from, valid_to, source, unit, \
             direction, target, target_year, position) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
             returning catalog_entry_id")
            .bind(&e.catalog).bind(&e.code).bind(&e.name).bind(&e.name_en).bind(e.valid_from).bind(e.valid_to)
            .bind(&e.source).bind(&e.unit).bind(&e.direction).bind(e.target).bind(e.target_year).bind($position)
            .fetch_one(&mut *$tx).await
    }};
}

const COLUMNS: &str =
    "catalog_entry_id, catalog, code, name, name_en, valid_from, valid_to, source, \
                       unit, direction, target, target_year";

#[derive(sqlx::FromRow)]
struct Row {
    catalog_entry_id: i64,
    catalog: String,
    code: String,
    name: String,
    name_en: String,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    source: String,
    unit: String,
    direction: String,
    target: Option<i64>,
    target_year: Option<i32>,
}

impl From<Row> for CatalogEntry {
    fn from(r: Row) -> Self {
        CatalogEntry {
            id: r.catalog_entry_id,
            catalog: r.catalog,
            code: r.code,
            name: r.name,
            name_en: r.name_en,
            valid_from: r.valid_from,
            valid_to: r.valid_to,
            source: r.source,
            unit: r.unit,
            direction: r.direction,
            target: r.target,
            target_year: r.target_year,
        }
    }
}

fn describe(e: &CatalogEntry) -> String {
    format!(
        "{} | {} | {} | {}–{} | {}",
        e.code,
        e.name,
        e.name_en,
        e.valid_from,
        e.valid_to.map(|d| d.to_string()).unwrap_or_default(),
        e.source
    )
}

impl Store {
    /// Stores the shipped entries of each catalog that has none yet: an administrator's edits
    /// are never overwritten by a restart.
    pub async fn install_catalogs(&self, entries: &[CatalogEntry], ctx: &AuditCtx) -> DbResult<()> {
        with_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut catalogs: Vec<&str> = entries.iter().map(|e| e.catalog.as_str()).collect();
            catalogs.dedup();
            for catalog in catalogs {
                let present: i64 = sqlx::query_scalar("select count(*) from catalog_entry where catalog = $1")
                    .bind(catalog).fetch_one(&mut *tx).await?;
                if present > 0 {
                    continue;
                }
                for (position, e) in entries.iter().filter(|e| e.catalog == catalog).enumerate() {
                    insert_entry!(tx, e, position as i32)?;
                }
                let event = ctx.event("catalog_entry.install", "catalog", catalog, catalog, String::new(), String::new());
                Store::insert_audit_generic(&mut tx, &event).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// A catalog's entries in its order (newer wordings of a code after older ones).
    pub async fn catalog(&self, catalog: &str) -> DbResult<Vec<CatalogEntry>> {
        let rows: Vec<Row> = with_pool!(self, pool => sqlx::query_as(&format!(
            "select {COLUMNS} from catalog_entry where catalog = $1 order by position, valid_from, catalog_entry_id"))
            .bind(catalog).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    pub async fn catalog_entry(&self, id: i64) -> DbResult<Option<CatalogEntry>> {
        let row: Option<Row> = with_pool!(self, pool => sqlx::query_as(&format!(
            "select {COLUMNS} from catalog_entry where catalog_entry_id = $1"))
            .bind(id).fetch_optional(pool).await)?;
        Ok(row.map(Into::into))
    }

    /// Adds an entry (`id` 0) at the end of its catalog, or changes one; a code already used
    /// from the same date is refused on the code field.
    pub async fn save_catalog_entry(&self, e: &CatalogEntry, ctx: &AuditCtx) -> DbResult<i64> {
        let before = match e.id {
            0 => None,
            id => Some(self.catalog_entry(id).await?.ok_or(DbError::NotFound)?),
        };
        if before.as_ref().is_some_and(|b| b.catalog != e.catalog) {
            return Err(DbError::NotFound);
        }
        let id: i64 = with_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let id = match e.id {
                0 => {
                    let position: i32 = sqlx::query_scalar(
                        "select coalesce(max(position), 0) + 1 from catalog_entry where catalog = $1")
                        .bind(&e.catalog).fetch_one(&mut *tx).await?;
                    insert_entry!(tx, e, position).map_err(|err| on_unique(err, "code", "err.catalog_code_taken"))?
                }
                id => {
                    sqlx::query(
                        "update catalog_entry set code = $1, name = $2, name_en = $3, valid_from = $4, valid_to = $5, \
                         source = $6, unit = $7, direction = $8, target = $9, target_year = $10 where catalog_entry_id = $11")
                        .bind(&e.code).bind(&e.name).bind(&e.name_en).bind(e.valid_from).bind(e.valid_to)
                        .bind(&e.source).bind(&e.unit).bind(&e.direction).bind(e.target).bind(e.target_year).bind(id)
                        .execute(&mut *tx).await.map_err(|err| on_unique(err, "code", "err.catalog_code_taken"))?;
                    id
                }
            };
            let (action, old) = match &before {
                None => ("catalog_entry.create", String::new()),
                Some(b) => ("catalog_entry.update", describe(b)),
            };
            let event = ctx.event(action, "catalog", id, format!("{} {}", e.catalog, e.code), old, describe(e));
            Store::insert_audit_generic(&mut tx, &event).await?;
            tx.commit().await?;
            id
        });
        Ok(id)
    }
}
