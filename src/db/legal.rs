//! The legal-document catalog.

use super::{with_pool, AuditCtx, Backend, BeginWrite, DbError, DbResult, Store};
use crate::domain::legal::{LegalDocument, LegalStatus};
use crate::domain::text::search_key;
use chrono::NaiveDate;

#[derive(sqlx::FromRow)]
struct Row {
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
        let present: i64 = with_pool!(self, pool => sqlx::query_scalar("select count(*) from legal_document where source = $1")
            .bind(source).fetch_one(pool).await)?;
        if present > 0 {
            return Ok(());
        }
        with_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            for (position, d) in docs.iter().enumerate() {
                sqlx::query(
                    "insert into legal_document (number, kind, issued_on, issuer, title, province_document, doc_group, \
                     source, position, status, search_text) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                    .bind(&d.number).bind(&d.kind).bind(d.issued_on).bind(&d.issuer).bind(&d.title)
                    .bind(&d.province_document).bind(&d.group).bind(source).bind(position as i32)
                    .bind(d.status.code()).bind(search_key(&d.citation()))
                    .execute(&mut *tx).await?;
            }
            let event = ctx.event("legal_catalog.install", "legal_document", source, source, String::new(), format!("documents={}", docs.len()));
            Store::insert_audit(&mut tx, &event).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The documents of a source (every source when empty), in the source's order, matching
    /// the query without regard to case or diacritics.
    pub async fn legal_documents(&self, source: &str, query: &str) -> DbResult<Vec<LegalDocument>> {
        let pattern = format!("%{}%", search_key(query).replace(['%', '_'], ""));
        let rows: Vec<Row> = with_pool!(self, pool => sqlx::query_as(
            "select number, kind, issued_on, issuer, title, province_document, doc_group, source, status \
             from legal_document where ($1 = '' or source = $1) and search_text like $2 order by source, position")
            .bind(source).bind(pattern).fetch_all(pool).await)?;
        rows.into_iter().map(LegalDocument::try_from).collect()
    }
}
