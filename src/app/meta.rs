//! A plan's document details: the number, place and date, the signer and the recipients the
//! official document prints (Decree 30/2020).

use super::access::{writable, Touches};
use super::{Conflict, Refusal, Who};
use crate::db::Store;
use crate::domain::ids::PlanId;
use crate::domain::round::{PlanMeta, PlanMetaForm};
use chrono::{DateTime, Utc};

/// Saves the document details as typed, if they are still at the version the form started
/// from; gives the new version.
pub async fn save_meta(
    store: &Store,
    who: &Who,
    plan: PlanId,
    form: &PlanMetaForm,
    now: DateTime<Utc>,
) -> Result<i32, Refusal> {
    let at = writable(store, who, plan, Touches::Whole).await?;
    let meta = PlanMeta::try_from(form).map_err(Refusal::Invalid)?;
    let saved = store
        .save_plan_meta(at.plan.id, form.base_version, &meta, &who.audit(now))
        .await?;
    saved.map_err(|current| Refusal::Conflict(Conflict::Meta(current)))
}
