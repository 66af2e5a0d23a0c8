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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixture::province;

    fn form(number: &str, base: i32) -> PlanMetaForm {
        PlanMetaForm {
            doc_number: number.into(),
            doc_place: "Quảng Ngãi".into(),
            base_version: base,
            ..PlanMetaForm::default()
        }
    }

    #[tokio::test]
    async fn the_document_details_are_saved_from_their_version() {
        let p = province().await;
        let (_, version) = p.store.plan_meta(p.plan).await.expect("meta");
        let saved = save_meta(&p.store, &p.editor, p.plan, &form("05", version), p.now)
            .await
            .expect("saved");
        assert_eq!(saved, version + 1);
        let stale = save_meta(&p.store, &p.leader, p.plan, &form("06", version), p.now).await;
        assert!(
            matches!(stale, Err(Refusal::Conflict(Conflict::Meta(v))) if v == saved),
            "{stale:?}"
        );
        let (meta, _) = p.store.plan_meta(p.plan).await.expect("meta");
        assert_eq!(meta.doc_number, "05");
    }

    #[tokio::test]
    async fn wrong_details_others_and_locked_plans_are_refused() {
        let p = province().await;
        let (_, version) = p.store.plan_meta(p.plan).await.expect("meta");
        let wrong = PlanMetaForm {
            doc_date: "31/02/2026".into(),
            ..form("05", version)
        };
        let refused = save_meta(&p.store, &p.editor, p.plan, &wrong, p.now).await;
        assert!(matches!(refused, Err(Refusal::Invalid(_))), "{refused:?}");
        let other = save_meta(
            &p.store,
            &p.other_editor,
            p.plan,
            &form("05", version),
            p.now,
        )
        .await;
        assert!(matches!(other, Err(Refusal::Forbidden)), "{other:?}");
        p.submitted().await;
        let (_, version) = p.store.plan_meta(p.plan).await.expect("meta");
        let locked = save_meta(&p.store, &p.editor, p.plan, &form("05", version), p.now).await;
        assert!(matches!(locked, Err(Refusal::Locked)), "{locked:?}");
    }
}
