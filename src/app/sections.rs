//! A plan's narrative sections: saved by the plan's agency while the plan takes changes, each
//! save naming the version it started from so that nobody's text is overwritten silently.

use super::access::{writable, Touches};
use super::{Conflict, Refusal, Who};
use crate::db::{SaveError, Store};
use crate::domain::ids::PlanId;
use crate::domain::round::{SectionContent, SectionForm, SectionInput};
use chrono::{DateTime, Utc};

/// Saves the section `key` of a plan as sent; gives it as saved.
pub async fn save_section(
    store: &Store,
    who: &Who,
    plan: PlanId,
    key: &str,
    form: &SectionForm,
    now: DateTime<Utc>,
) -> Result<SectionContent, Refusal> {
    let at = writable(store, who, plan, Touches::Section(key)).await?;
    // Only nodes where the agency writes text are saved here (tables have their own rows).
    let node = store
        .framework_node(at.round.framework_id, key)
        .await?
        .filter(|n| n.applies(at.round.kind) && n.takes_text())
        .ok_or(Refusal::NotFound)?;
    let input = SectionInput::try_from(form).map_err(Refusal::Invalid)?;
    let saved = store
        .save_section(
            at.plan.id,
            &node.key,
            form.base_version,
            &input,
            &who.audit(now),
        )
        .await;
    match saved {
        Ok(section) => Ok(section),
        Err(SaveError::Conflict { current, .. }) => {
            Err(Refusal::Conflict(Conflict::Section(current)))
        }
        Err(SaveError::Db(e)) => Err(e.into()),
    }
}
