//! The legal-document catalog.

use super::sql::{sql, Tx};
use super::{AuditCtx, DbError, DbResult, Store};
use crate::domain::legal::{LegalDocument, LegalStatus};
use crate::domain::text::search_key;
use chrono::NaiveDate;

#[derive(sqlx::FromRow)]
struct Row {
    legal_document_id: i64,
    replaced_by: Option<String>,
    number: String,
    kind: String,
    issued_on: Option<NaiveDate>,
    issuer: String,
    title: String,
    province_document: String,
    doc_group: String,
    source: String,
    status: String,
}

impl TryFrom<Row> for LegalDocument {
    type Error = DbError;

    fn try_from(r: Row) -> DbResult<Self> {
        Ok(LegalDocument {
            id: r.legal_document_id,
            replaced_by: r.replaced_by,
            status: LegalStatus::from_code(&r.status)
                .ok_or_else(|| DbError::Corrupt(format!("legal status {}", r.status)))?,
            number: r.number,
            kind: r.kind,
            issued_on: r.issued_on,
            issuer: r.issuer,
            title: r.title,
            province_document: r.province_document,
            group: r.doc_group,
            source: r.source,
        })
    }
}

impl Store {
    /// Stores the documents of a source once: a source already stored is left as it is.
    pub async fn install_legal_documents(
        &self,
        source: &str,
        docs: &[LegalDocument],
        ctx: &AuditCtx,
    ) -> DbResult<()> {
        let present: i64 = sql("select count(*) from legal_document where source = $1")
            .bind(source)
            .scalar(self)
            .await?;
        if present > 0 {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        for (position, d) in docs.iter().enumerate() {
            sql(
                "insert into legal_document (number, kind, issued_on, issuer, title, \
                 province_document, doc_group, source, position, status, search_text) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(&d.number)
            .bind(&d.kind)
            .bind(d.issued_on)
            .bind(&d.issuer)
            .bind(&d.title)
            .bind(&d.province_document)
            .bind(&d.group)
            .bind(source)
            .bind(position as i32)
            .bind(d.status.code())
            .bind(search_key(&d.citation()))
            .execute(&mut tx)
            .await?;
        }
        let event = ctx.event(
            "legal_catalog.install",
            "legal_document",
            source,
            source,
            String::new(),
            format!("documents={}", docs.len()),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The documents of a source (every source when empty), in the source's order, matching
    /// the query without regard to case or diacritics.
    pub async fn legal_documents(&self, source: &str, query: &str) -> DbResult<Vec<LegalDocument>> {
        let pattern = format!("%{}%", search_key(query).replace(['%', '_'], ""));
        let text = format!(
            "{SELECT} where ($1 = '' or d.source = $1) and d.search_text like $2 \
             order by d.source, d.position"
        );
        let rows: Vec<Row> = sql(&text)
            .bind(source)
            .bind(pattern)
            .fetch_all(self)
            .await?;
        rows.into_iter().map(LegalDocument::try_from).collect()
    }

    pub async fn legal_document(&self, id: i64) -> DbResult<Option<LegalDocument>> {
        let text = format!("{SELECT} where d.legal_document_id = $1");
        let row: Option<Row> = sql(&text).bind(id).fetch_optional(self).await?;
        row.map(LegalDocument::try_from).transpose()
    }

    /// Adds a document (`id` 0) at the end of the administrators' list, or changes one. The
    /// replacing document is named by its number and must be in the catalog.
    pub async fn save_legal_document(&self, d: &LegalDocument, ctx: &AuditCtx) -> DbResult<i64> {
        let before = match d.id {
            0 => None,
            id => Some(self.legal_document(id).await?.ok_or(DbError::NotFound)?),
        };
        let mut tx = self.begin_write().await?;
        let replaced_by: Option<i64> = match &d.replaced_by {
            Some(number) => Some(
                sql("select legal_document_id from legal_document \
                     where number = $1 and legal_document_id <> $2 \
                     order by legal_document_id limit 1")
                .bind(number)
                .bind(d.id)
                .scalar_optional(&mut tx)
                .await?
                .ok_or(DbError::field("replaced_by", "err.legal_unknown"))?,
            ),
            None => None,
        };
        let id = write_document(&mut tx, d, replaced_by).await?;
        let describe = |d: &LegalDocument| {
            format!(
                "{} | {} | {}",
                d.citation(),
                d.status.code(),
                d.replaced_by.clone().unwrap_or_default()
            )
        };
        let (action, old) = match &before {
            None => ("legal_document.create", String::new()),
            Some(b) => ("legal_document.update", describe(b)),
        };
        let event = ctx.event(
            action,
            "legal_document",
            id,
            d.number.clone(),
            old,
            describe(d),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// Inserts a new document (at the end of its source's list) or changes a stored one; gives its
/// id.
async fn write_document(tx: &mut Tx, d: &LegalDocument, replaced_by: Option<i64>) -> DbResult<i64> {
    let search = search_key(&d.citation());
    // Both statements name the document's values first, in the same order, as `$1`…`$10`.
    let values = |text| {
        sql(text)
            .bind(&d.number)
            .bind(&d.kind)
            .bind(d.issued_on)
            .bind(&d.issuer)
            .bind(&d.title)
            .bind(&d.province_document)
            .bind(&d.group)
            .bind(d.status.code())
            .bind(replaced_by)
            .bind(&search)
    };
    if d.id != 0 {
        values(
            "update legal_document set number = $1, kind = $2, issued_on = $3, issuer = $4, \
             title = $5, province_document = $6, doc_group = $7, status = $8, \
             replaced_by_id = $9, search_text = $10 where legal_document_id = $11",
        )
        .bind(d.id)
        .execute(&mut *tx)
        .await?;
        return Ok(d.id);
    }
    let position: i32 =
        sql("select coalesce(max(position), 0) + 1 from legal_document where source = $1")
            .bind(&d.source)
            .scalar(&mut *tx)
            .await?;
    let id = values(
        "insert into legal_document (number, kind, issued_on, issuer, title, \
         province_document, doc_group, status, replaced_by_id, search_text, source, position) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning legal_document_id",
    )
    .bind(&d.source)
    .bind(position)
    .scalar(tx)
    .await?;
    Ok(id)
}

const SELECT: &str = "select d.legal_document_id, r.number as replaced_by, d.number, d.kind, \
    d.issued_on, d.issuer, d.title, d.province_document, d.doc_group, d.source, d.status \
    from legal_document d left join legal_document r on r.legal_document_id = d.replaced_by_id";
