//! The catalogs' entries.

use super::sql::{sql, Sql};
use super::{on_unique, AuditCtx, DbError, DbResult, Store};
use crate::domain::catalog::CatalogEntry;
use crate::domain::ids::CatalogEntryId;
use chrono::NaiveDate;

/// The statement that inserts an entry at `position` and gives its id.
fn insert_entry(e: &CatalogEntry, position: i32) -> Sql<'_> {
    let text = "insert into catalog_entry (code, name, name_en, valid_from, valid_to, source, \
         unit, direction, target, target_year, catalog, position) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning catalog_entry_id";
    entry_values(sql(text), e).bind(&e.catalog).bind(position)
}

/// An entry's values, bound to `$1`…`$10` in the order both statements name them.
fn entry_values<'a>(query: Sql<'a>, e: &'a CatalogEntry) -> Sql<'a> {
    query
        .bind(&e.code)
        .bind(&e.name)
        .bind(&e.name_en)
        .bind(e.valid_from)
        .bind(e.valid_to)
        .bind(&e.source)
        .bind(&e.unit)
        .bind(&e.direction)
        .bind(e.target)
        .bind(e.target_year)
}

const COLUMNS: &str = "catalog_entry_id, catalog, code, name, name_en, valid_from, valid_to, \
                       source, unit, direction, target, target_year";

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
            id: Some(CatalogEntryId(r.catalog_entry_id)),
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
        let mut tx = self.begin_write().await?;
        let mut catalogs: Vec<&str> = entries.iter().map(|e| e.catalog.as_str()).collect();
        catalogs.dedup();
        for catalog in catalogs {
            let present: i64 = sql("select count(*) from catalog_entry where catalog = $1")
                .bind(catalog)
                .scalar(&mut tx)
                .await?;
            if present > 0 {
                continue;
            }
            let shipped = entries.iter().filter(|e| e.catalog == catalog);
            for (position, e) in shipped.enumerate() {
                insert_entry(e, position as i32).execute(&mut tx).await?;
            }
            let event = ctx.event(
                "catalog_entry.install",
                "catalog",
                catalog,
                catalog,
                String::new(),
                String::new(),
            );
            Store::insert_audit(&mut tx, &event).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A catalog's entries in its order (newer wordings of a code after older ones).
    pub async fn catalog(&self, catalog: &str) -> DbResult<Vec<CatalogEntry>> {
        let text = format!(
            "select {COLUMNS} from catalog_entry where catalog = $1 \
             order by position, valid_from, catalog_entry_id"
        );
        let rows: Vec<Row> = sql(&text).bind(catalog).fetch_all(self).await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// Every catalog's entries, each catalog in its order: what a page of tables reads at once.
    pub async fn catalogs(&self) -> DbResult<Vec<CatalogEntry>> {
        let text = format!(
            "select {COLUMNS} from catalog_entry \
             order by catalog, position, valid_from, catalog_entry_id"
        );
        let rows: Vec<Row> = sql(&text).fetch_all(self).await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    pub async fn catalog_entry(&self, id: CatalogEntryId) -> DbResult<Option<CatalogEntry>> {
        let text = format!("select {COLUMNS} from catalog_entry where catalog_entry_id = $1");
        let row: Option<Row> = sql(&text).bind(id).fetch_optional(self).await?;
        Ok(row.map(Into::into))
    }

    /// Adds an entry (no `id` yet) at the end of its catalog, or changes one; a code already used
    /// from the same date is refused on the code field.
    pub async fn save_catalog_entry(
        &self,
        e: &CatalogEntry,
        ctx: &AuditCtx,
    ) -> DbResult<CatalogEntryId> {
        let before = match e.id {
            None => None,
            Some(id) => Some(self.catalog_entry(id).await?.ok_or(DbError::NotFound)?),
        };
        if before.as_ref().is_some_and(|b| b.catalog != e.catalog) {
            return Err(DbError::NotFound);
        }
        let code_taken = |err| on_unique(err, "code", "err.catalog_code_taken");
        let mut tx = self.begin_write().await?;
        let id = match e.id {
            None => {
                let position: i32 =
                    sql("select coalesce(max(position), 0) + 1 from catalog_entry \
                         where catalog = $1")
                    .bind(&e.catalog)
                    .scalar(&mut tx)
                    .await?;
                insert_entry(e, position)
                    .scalar(&mut tx)
                    .await
                    .map_err(code_taken)?
            }
            Some(CatalogEntryId(id)) => {
                let text = "update catalog_entry set code = $1, name = $2, name_en = $3, \
                     valid_from = $4, valid_to = $5, source = $6, unit = $7, direction = $8, \
                     target = $9, target_year = $10 where catalog_entry_id = $11";
                entry_values(sql(text), e)
                    .bind(id)
                    .execute(&mut tx)
                    .await
                    .map_err(code_taken)?;
                id
            }
        };
        let (action, old) = match &before {
            None => ("catalog_entry.create", String::new()),
            Some(b) => ("catalog_entry.update", describe(b)),
        };
        let label = format!("{} {}", e.catalog, e.code);
        let event = ctx.event(action, "catalog", id, label, old, describe(e));
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(CatalogEntryId(id))
    }
}
