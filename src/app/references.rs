//! The reference data the department keeps: catalog entries (funding sources, task groups, …)
//! with their dates, and the legal documents plans cite.

use super::{Refusal, Who};
use crate::db::Store;
use crate::domain::authz::{can, Action};
use crate::domain::catalog::CatalogEntry;
use crate::domain::ids::CatalogEntryId;
use crate::domain::legal::LegalDocument;
use chrono::{DateTime, Utc};

fn require_admin(who: &Who) -> Result<(), Refusal> {
    if can(&who.actor, Action::ManagePlanning) {
        Ok(())
    } else {
        Err(Refusal::Forbidden)
    }
}

/// Stores a catalog entry (a new one when it has no id yet); gives its id.
pub async fn save_catalog_entry(
    store: &Store,
    who: &Who,
    entry: &CatalogEntry,
    now: DateTime<Utc>,
) -> Result<CatalogEntryId, Refusal> {
    require_admin(who)?;
    Ok(store.save_catalog_entry(entry, &who.audit(now)).await?)
}

/// Stores a legal document (a new one when its id is 0); a document keeps the source that
/// listed it. Gives its id.
pub async fn save_legal_document(
    store: &Store,
    who: &Who,
    document: &LegalDocument,
    now: DateTime<Utc>,
) -> Result<i64, Refusal> {
    require_admin(who)?;
    let mut document = document.clone();
    if document.id != 0 {
        let stored = store
            .legal_document(document.id)
            .await?
            .ok_or(Refusal::NotFound)?;
        document.source = stored.source;
    }
    Ok(store
        .save_legal_document(&document, &who.audit(now))
        .await?)
}
