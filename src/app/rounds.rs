//! Rounds: the department opens one (each participating unit gets a draft plan, carried
//! forward from its last approved plan), and moves a single plan's deadline.

use super::carry::{carry_forward, Carried};
use super::{Refusal, Who};
use crate::db::Store;
use crate::domain::authz::{can, Action};
use crate::domain::ids::PlanId;
use crate::domain::round::{Round, RoundInput};
use chrono::{DateTime, NaiveDate, Utc};

fn require_planning(who: &Who) -> Result<(), Refusal> {
    if can(&who.actor, Action::ManagePlanning) {
        Ok(())
    } else {
        Err(Refusal::Forbidden)
    }
}

/// Opens a round and carries each unit's last approved plan forward into its new plan.
pub async fn open_round(
    store: &Store,
    who: &Who,
    input: &RoundInput,
    now: DateTime<Utc>,
) -> Result<(Round, Vec<Carried>), Refusal> {
    require_planning(who)?;
    let ctx = who.audit(now);
    let round = store.create_round(input, &ctx).await?;
    let carried = carry_forward(store, &round, &ctx).await?;
    tracing::info!(round = %round.code, plans = carried.len(), "round opened, plans carried forward");
    Ok((round, carried))
}

/// Moves one plan's deadline (`None`: back to its round's).
pub async fn set_deadline(
    store: &Store,
    who: &Who,
    plan: PlanId,
    deadline: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    require_planning(who)?;
    let plan = store.plan(plan).await?.ok_or(Refusal::NotFound)?;
    Ok(store
        .set_plan_deadline(plan.id, deadline, &who.audit(now))
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixture::province;

    #[tokio::test]
    async fn only_administrators_open_rounds_and_move_deadlines() {
        let p = province().await;
        let input = RoundInput {
            code: "KH-2027".into(),
            ..p.round_input()
        };
        for who in [&p.reviewer, &p.editor, &p.viewer] {
            let refused = open_round(&p.store, who, &input, p.now).await;
            assert!(matches!(refused, Err(Refusal::Forbidden)), "{}", who.login);
        }
        let day = NaiveDate::from_ymd_opt(2026, 8, 31);
        let refused = set_deadline(&p.store, &p.reviewer, p.plan, day, p.now).await;
        assert!(matches!(refused, Err(Refusal::Forbidden)));
        set_deadline(&p.store, &p.admin, p.plan, day, p.now)
            .await
            .expect("moved");
        let plan = p.store.plan(p.plan).await.expect("q").expect("plan");
        assert_eq!(plan.deadline, day);
    }

    #[tokio::test]
    async fn a_round_code_is_taken_once() {
        let p = province().await;
        let again = open_round(&p.store, &p.admin, &p.round_input(), p.now).await;
        match again {
            Err(Refusal::Invalid(errors)) => assert!(errors.get("code").is_some()),
            other => panic!("{other:?}"),
        }
    }
}
