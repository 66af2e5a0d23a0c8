//! Org units: create, edit, close, merge, list and import.

use super::sql::{sql, On, Sql, Tx};
use super::{on_unique, AuditCtx, DbError, DbResult, Store};
use crate::domain::audit::summary;
use crate::domain::ids::OrgUnitId;
use crate::domain::org_unit::{
    closing_day, Closure, DocumentNames, OrgUnit, OrgUnitInput, OrgUnitKind,
};
use crate::domain::text::search_key;
use crate::domain::validation::FieldErrors;
use chrono::NaiveDate;

const UNIT_COLUMNS: &str = "u.org_unit_id, u.code, u.name, u.kind, u.parent_id, u.valid_from, \
    u.valid_to, u.merged_into_id, u.split_from_id, u.parent_line, u.issuer_line, u.abbreviation, \
    u.place_name";

#[derive(sqlx::FromRow)]
struct UnitRow {
    org_unit_id: i64,
    code: String,
    name: String,
    kind: String,
    parent_id: Option<i64>,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    merged_into_id: Option<i64>,
    split_from_id: Option<i64>,
    parent_line: String,
    issuer_line: String,
    abbreviation: String,
    place_name: String,
}

impl TryFrom<UnitRow> for OrgUnit {
    type Error = DbError;

    fn try_from(row: UnitRow) -> DbResult<Self> {
        let kind = OrgUnitKind::from_code(&row.kind)
            .ok_or_else(|| DbError::Corrupt(format!("org unit kind {}", row.kind)))?;
        Ok(OrgUnit {
            id: OrgUnitId(row.org_unit_id),
            code: row.code,
            name: row.name,
            kind,
            parent_id: row.parent_id.map(OrgUnitId),
            valid_from: row.valid_from,
            valid_to: row.valid_to,
            merged_into_id: row.merged_into_id.map(OrgUnitId),
            split_from_id: row.split_from_id.map(OrgUnitId),
            doc: DocumentNames {
                parent_line: row.parent_line,
                issuer_line: row.issuer_line,
                abbreviation: row.abbreviation,
                place_name: row.place_name,
            },
        })
    }
}

#[derive(sqlx::FromRow)]
struct UnitListDbRow {
    #[sqlx(flatten)]
    unit: UnitRow,
    parent_code: Option<String>,
    merged_into_code: Option<String>,
}

/// A unit with the codes of its parent and successor, for lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitListRow {
    pub unit: OrgUnit,
    pub parent_code: Option<String>,
    pub merged_into_code: Option<String>,
}

/// What to list. An empty query matches every unit.
#[derive(Debug, Clone, Default)]
pub struct UnitFilter {
    pub query: String,
    pub kind: Option<OrgUnitKind>,
    pub include_closed: bool,
}

/// How an import treats bad rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// One bad row stops the whole import.
    AllOrNothing,
    /// Bad rows are skipped; the others are written.
    ValidOnly,
    /// Nothing is written: the rows are only checked against the database.
    Check,
}

/// What an import did, or would have done.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    pub created: usize,
    pub updated: usize,
    /// Rows left out when only the valid rows were asked for: (index, problems).
    pub skipped: Vec<(usize, FieldErrors)>,
}

fn unit_summary(unit: &OrgUnitInput) -> String {
    let from = unit.valid_from.to_string();
    let to = unit.valid_to.map(|d| d.to_string()).unwrap_or_default();
    summary(&[
        ("code", &unit.code),
        ("name", &unit.name),
        ("kind", unit.kind.code()),
        ("parent", unit.parent_code.as_deref().unwrap_or_default()),
        ("valid_from", &from),
        ("valid_to", &to),
        ("parent_line", &unit.doc.parent_line),
        ("issuer_line", &unit.doc.issuer_line),
        ("abbreviation", &unit.doc.abbreviation),
        ("place_name", &unit.doc.place_name),
    ])
}

fn closure_summary(unit: &OrgUnit, successor: Option<&OrgUnit>) -> String {
    let to = unit.valid_to.map(|d| d.to_string()).unwrap_or_default();
    summary(&[
        ("valid_to", &to),
        (
            "merged_into",
            successor.map(|s| s.code.as_str()).unwrap_or_default(),
        ),
    ])
}

/// The unit with this id, on the pool or inside a transaction.
async fn read_unit<'c>(on: impl Into<On<'c>>, id: OrgUnitId) -> DbResult<Option<OrgUnit>> {
    let text = format!("select {UNIT_COLUMNS} from org_unit u where u.org_unit_id = $1");
    let row: Option<UnitRow> = sql(&text).bind(id).fetch_optional(on).await?;
    row.map(OrgUnit::try_from).transpose()
}

/// The id of the unit with this code, open or closed.
fn unit_id_by_code(code: &str) -> Sql<'_> {
    sql("select org_unit_id from org_unit where code = $1").bind(code)
}

impl Store {
    pub async fn unit(&self, id: OrgUnitId) -> DbResult<Option<OrgUnit>> {
        read_unit(self, id).await
    }

    pub async fn unit_by_code(&self, code: &str) -> DbResult<Option<OrgUnit>> {
        let text = format!("select {UNIT_COLUMNS} from org_unit u where u.code = $1");
        let code = code.trim().to_uppercase();
        let row: Option<UnitRow> = sql(&text).bind(code).fetch_optional(self).await?;
        row.map(OrgUnit::try_from).transpose()
    }

    /// Units matching the filter, ordered by code.
    pub async fn units(&self, filter: &UnitFilter) -> DbResult<Vec<UnitListRow>> {
        let text = format!(
            "select {UNIT_COLUMNS}, p.code as parent_code, m.code as merged_into_code \
             from org_unit u \
             left join org_unit p on p.org_unit_id = u.parent_id \
             left join org_unit m on m.org_unit_id = u.merged_into_id \
             where u.search_text like $1 \
               and ($2 = '' or u.kind = $2) \
               and ($3 or u.valid_to is null) \
             order by u.code"
        );
        let pattern = format!("%{}%", search_key(&filter.query).replace(['%', '_'], ""));
        let kind = filter.kind.map(|k| k.code()).unwrap_or_default();
        let rows: Vec<UnitListDbRow> = sql(&text)
            .bind(&pattern)
            .bind(kind)
            .bind(filter.include_closed)
            .fetch_all(self)
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok(UnitListRow {
                    unit: r.unit.try_into()?,
                    parent_code: r.parent_code,
                    merged_into_code: r.merged_into_code,
                })
            })
            .collect()
    }

    /// The units directly under `id`.
    pub async fn unit_children(&self, id: OrgUnitId) -> DbResult<Vec<OrgUnit>> {
        let text =
            format!("select {UNIT_COLUMNS} from org_unit u where u.parent_id = $1 order by u.code");
        let rows: Vec<UnitRow> = sql(&text).bind(id).fetch_all(self).await?;
        rows.into_iter().map(OrgUnit::try_from).collect()
    }

    /// The units whose history passed to `id`: merged into it or split from it.
    pub async fn unit_predecessors(&self, id: OrgUnitId) -> DbResult<Vec<OrgUnit>> {
        let text = format!(
            "select {UNIT_COLUMNS} from org_unit u where u.merged_into_id = $1 order by u.code"
        );
        let rows: Vec<UnitRow> = sql(&text).bind(id).fetch_all(self).await?;
        rows.into_iter().map(OrgUnit::try_from).collect()
    }

    pub async fn create_unit(&self, input: &OrgUnitInput, ctx: &AuditCtx) -> DbResult<OrgUnit> {
        let outcome = self
            .write_units(
                std::slice::from_ref(input),
                ctx,
                ImportMode::AllOrNothing,
                false,
            )
            .await;
        match outcome {
            Ok(_) => self
                .unit_by_code(&input.code)
                .await?
                .ok_or(DbError::NotFound),
            Err(UnitWriteError::Rows(mut rows)) => {
                let (_, errors) = rows.remove(0);
                let (field, error) = errors.iter().next().ok_or(DbError::NotFound)?;
                Err(DbError::field(field.to_string(), error.key))
            }
            Err(UnitWriteError::Db(e)) => Err(e),
        }
    }

    pub async fn update_unit(
        &self,
        id: OrgUnitId,
        input: &OrgUnitInput,
        ctx: &AuditCtx,
    ) -> DbResult<OrgUnit> {
        let mut tx = self.begin_write().await?;
        let before = read_unit(&mut tx, id).await?.ok_or(DbError::NotFound)?;
        let parent_id = match &input.parent_code {
            None => None,
            Some(code) => {
                let parent: Option<i64> = unit_id_by_code(code).scalar_optional(&mut tx).await?;
                let parent = parent.ok_or(DbError::field("parent_code", "err.unknown_unit"))?;
                // Walk up from the new parent: meeting the unit itself would make a cycle.
                let mut cursor = Some(parent);
                while let Some(current) = cursor {
                    if current == id.0 {
                        return Err(DbError::field("parent_code", "err.parent_cycle"));
                    }
                    cursor = sql("select parent_id from org_unit where org_unit_id = $1")
                        .bind(current)
                        .scalar(&mut tx)
                        .await?;
                }
                Some(parent)
            }
        };
        let before_parent: Option<String> = match before.parent_id {
            Some(p) => {
                sql("select code from org_unit where org_unit_id = $1")
                    .bind(p)
                    .scalar_optional(&mut tx)
                    .await?
            }
            None => None,
        };
        update_unit_row(&mut tx, id.0, input, parent_id, ctx)
            .await
            .map_err(|e| on_unique(e, "code", "err.code_taken"))?;
        let before_input = OrgUnitInput {
            code: before.code.clone(),
            name: before.name.clone(),
            kind: before.kind,
            parent_code: before_parent,
            valid_from: before.valid_from,
            valid_to: before.valid_to,
            doc: before.doc.clone(),
        };
        let event = ctx.event(
            "unit.update",
            "org_unit",
            id,
            &input.code,
            unit_summary(&before_input),
            unit_summary(input),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        self.unit(id).await?.ok_or(DbError::NotFound)
    }

    /// Closes a unit, or merges it into a successor, with the change in force from `effective`.
    /// A `Field` error names what stands in the way.
    pub async fn close_unit(
        &self,
        id: OrgUnitId,
        closure: Closure,
        effective: NaiveDate,
        ctx: &AuditCtx,
    ) -> DbResult<OrgUnit> {
        let mut tx = self.begin_write().await?;
        let unit = read_unit(&mut tx, id).await?.ok_or(DbError::NotFound)?;
        let successor = match closure {
            Closure::Close => None,
            Closure::MergeInto(s) => Some(
                read_unit(&mut tx, s)
                    .await?
                    .ok_or(DbError::field("successor", "err.unknown_unit"))?,
            ),
        };
        let open_children: i64 = sql("select count(*) from org_unit where parent_id = $1 \
                                      and (valid_to is null or valid_to >= $2)")
        .bind(id)
        .bind(effective)
        .scalar(&mut tx)
        .await?;
        let open_children = usize::try_from(open_children).unwrap_or(usize::MAX);
        // What is wrong with the successor shows on its field; anything else on the date.
        let refused = |key: &'static str| {
            let about_successor = matches!(key, "err.merge_into_self" | "err.successor_not_open");
            let field = if about_successor && successor.is_some() {
                "successor"
            } else {
                "effective"
            };
            DbError::field(field, key)
        };
        let last_day =
            closing_day(&unit, effective, open_children, successor.as_ref()).map_err(refused)?;
        let merged_into = successor.as_ref().map(|s| s.id);
        // Only a unit still open closes: one closed meanwhile is refused as closing_day would.
        let closed = sql(
            "update org_unit set valid_to = $1, merged_into_id = $2, updated_at = $3 \
             where org_unit_id = $4 and valid_to is null",
        )
        .bind(last_day)
        .bind(merged_into)
        .bind(ctx.at)
        .bind(id)
        .execute(&mut tx)
        .await?;
        if closed == 0 {
            return Err(DbError::field("effective", "err.unit_already_closed"));
        }
        let after = OrgUnit {
            valid_to: Some(last_day),
            merged_into_id: merged_into,
            ..unit.clone()
        };
        let action = if successor.is_some() {
            "unit.merge"
        } else {
            "unit.close"
        };
        let event = ctx.event(
            action,
            "org_unit",
            id,
            &unit.code,
            closure_summary(&unit, None),
            closure_summary(&after, successor.as_ref()),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        self.unit(id).await?.ok_or(DbError::NotFound)
    }

    /// Creates or updates units by code, all in one transaction, treating bad rows as `mode`
    /// says. Parents may be units already stored or rows earlier in the same import.
    pub async fn import_units(
        &self,
        rows: &[OrgUnitInput],
        ctx: &AuditCtx,
        mode: ImportMode,
    ) -> Result<ImportOutcome, UnitWriteError> {
        self.write_units(rows, ctx, mode, true).await
    }

    /// The one writer of new units; `allow_update` lets an existing code be updated instead
    /// of refused.
    async fn write_units(
        &self,
        rows: &[OrgUnitInput],
        ctx: &AuditCtx,
        mode: ImportMode,
        allow_update: bool,
    ) -> Result<ImportOutcome, UnitWriteError> {
        let mut tx = self.begin_write().await.map_err(DbError::from)?;
        let (mut outcome, bad) = write_unit_rows(&mut tx, rows, ctx, allow_update).await?;
        if mode == ImportMode::Check || (!bad.is_empty() && mode == ImportMode::AllOrNothing) {
            // Dropped uncommitted, the transaction rolls back.
            drop(tx);
            if bad.is_empty() {
                Ok(outcome)
            } else {
                Err(UnitWriteError::Rows(bad))
            }
        } else {
            tx.commit().await.map_err(DbError::from)?;
            outcome.skipped = bad;
            Ok(outcome)
        }
    }

    /// Sets a unit's lineage link to the unit it split from (used by imports of history).
    pub async fn set_split_from(&self, id: OrgUnitId, from: OrgUnitId) -> DbResult<()> {
        sql("update org_unit set split_from_id = $1 where org_unit_id = $2")
            .bind(from)
            .bind(id)
            .execute(self)
            .await?;
        Ok(())
    }
}

/// Writes each row in the open transaction, creating or updating by code, and gives what was
/// done and the rows refused with their problems.
async fn write_unit_rows(
    tx: &mut Tx,
    rows: &[OrgUnitInput],
    ctx: &AuditCtx,
    allow_update: bool,
) -> DbResult<(ImportOutcome, Vec<(usize, FieldErrors)>)> {
    let mut outcome = ImportOutcome::default();
    let mut bad: Vec<(usize, FieldErrors)> = Vec::new();
    for (index, input) in rows.iter().enumerate() {
        let parent_id = match &input.parent_code {
            None => None,
            Some(code) => {
                let parent: Option<i64> = unit_id_by_code(code).scalar_optional(&mut *tx).await?;
                match parent {
                    Some(p) => Some(p),
                    None => {
                        let mut errors = FieldErrors::new();
                        errors.add_with("parent_code", "err.unknown_unit", code.clone());
                        bad.push((index, errors));
                        continue;
                    }
                }
            }
        };
        let existing: Option<i64> = unit_id_by_code(&input.code)
            .scalar_optional(&mut *tx)
            .await?;
        if existing.is_some() && !allow_update {
            let mut errors = FieldErrors::new();
            errors.add("code", "err.code_taken");
            bad.push((index, errors));
            continue;
        }
        if existing.is_some() && existing == parent_id {
            let mut errors = FieldErrors::new();
            errors.add("parent_code", "err.parent_self");
            bad.push((index, errors));
            continue;
        }
        let (id, action) = match existing {
            Some(id) => {
                update_unit_row(tx, id, input, parent_id, ctx).await?;
                outcome.updated += 1;
                (id, "unit.update")
            }
            None => {
                let id = insert_unit_row(tx, input, parent_id, ctx).await?;
                outcome.created += 1;
                (id, "unit.create")
            }
        };
        let event = ctx.event(
            action,
            "org_unit",
            id,
            &input.code,
            String::new(),
            unit_summary(input),
        );
        Store::insert_audit(tx, &event).await?;
    }
    Ok((outcome, bad))
}

/// Changes a stored unit's row to `input`.
async fn update_unit_row(
    tx: &mut Tx,
    id: i64,
    input: &OrgUnitInput,
    parent_id: Option<i64>,
    ctx: &AuditCtx,
) -> Result<u64, sqlx::Error> {
    sql(
        "update org_unit set code = $1, name = $2, kind = $3, parent_id = $4, \
         valid_from = $5, valid_to = $6, parent_line = $7, issuer_line = $8, \
         abbreviation = $9, place_name = $10, search_text = $11, updated_at = $12 \
         where org_unit_id = $13",
    )
    .bind(&input.code)
    .bind(&input.name)
    .bind(input.kind.code())
    .bind(parent_id)
    .bind(input.valid_from)
    .bind(input.valid_to)
    .bind(&input.doc.parent_line)
    .bind(&input.doc.issuer_line)
    .bind(&input.doc.abbreviation)
    .bind(&input.doc.place_name)
    .bind(input.search_text())
    .bind(ctx.at)
    .bind(id)
    .execute(tx)
    .await
}

/// Adds a unit's row; gives its id.
async fn insert_unit_row(
    tx: &mut Tx,
    input: &OrgUnitInput,
    parent_id: Option<i64>,
    ctx: &AuditCtx,
) -> DbResult<i64> {
    let id: i64 = sql(
        "insert into org_unit (code, name, kind, parent_id, valid_from, \
         valid_to, parent_line, issuer_line, abbreviation, place_name, search_text, \
         created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) \
         returning org_unit_id",
    )
    .bind(&input.code)
    .bind(&input.name)
    .bind(input.kind.code())
    .bind(parent_id)
    .bind(input.valid_from)
    .bind(input.valid_to)
    .bind(&input.doc.parent_line)
    .bind(&input.doc.issuer_line)
    .bind(&input.doc.abbreviation)
    .bind(&input.doc.place_name)
    .bind(input.search_text())
    .bind(ctx.at)
    .scalar(tx)
    .await?;
    Ok(id)
}

/// Why a unit write failed: bad rows (by index, with their field errors) or the database.
#[derive(Debug, thiserror::Error)]
pub enum UnitWriteError {
    #[error("{} rows were refused", .0.len())]
    Rows(Vec<(usize, FieldErrors)>),
    #[error(transparent)]
    Db(#[from] DbError),
}
