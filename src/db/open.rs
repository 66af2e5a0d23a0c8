//! The one gate of every change to a plan's content: a plan takes changes only while its
//! agency may edit it, and the check is made in the change's own transaction.

use super::sql::{sql, Tx};
use super::{DbError, DbResult};
use crate::domain::ids::PlanId;
use chrono::{DateTime, Utc};

/// The statuses in which a plan takes changes, as `PlanStatus::is_editable` says.
const OPEN_STATUSES: &str = "('draft', 'returned')";

/// Admits a change to a plan's content: marks the plan changed now, only while its status
/// lets its agency change it. Every write to a plan's content takes this first, in its own
/// transaction; a step takes the plan's row the same way, so a change and a submission never
/// interleave (on PostgreSQL the second waits for the first and then sees its outcome).
pub(super) async fn touch_open_plan(tx: &mut Tx, plan: PlanId, at: DateTime<Utc>) -> DbResult<()> {
    let text =
        format!("update plan set updated_at = $1 where plan_id = $2 and status in {OPEN_STATUSES}");
    let admitted = sql(&text).bind(at).bind(plan).execute(tx).await?;
    if admitted == 0 {
        return Err(DbError::PlanClosed);
    }
    Ok(())
}

/// Admits a review comment: takes the plan's row, as a step takes it, only while the plan is
/// under review, so that a comment and an approval never interleave and no comment lands on a
/// plan approved meanwhile. The plan itself is unchanged.
pub(super) async fn touch_plan_under_review(tx: &mut Tx, plan: PlanId) -> DbResult<()> {
    let admitted =
        sql("update plan set status = status where plan_id = $1 and status = 'submitted'")
            .bind(plan)
            .execute(tx)
            .await?;
    if admitted == 0 {
        return Err(DbError::PlanClosed);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::round::PlanStatus;

    #[test]
    fn the_open_statuses_are_those_the_agency_may_edit() {
        let open: Vec<String> = PlanStatus::ALL
            .into_iter()
            .filter(|s| s.is_editable())
            .map(|s| format!("'{}'", s.code()))
            .collect();
        assert_eq!(OPEN_STATUSES, format!("({})", open.join(", ")));
    }
}
