//! Typed identifiers: no bare integers cross module boundaries.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                Self(id)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// An org unit (agency, district, commune, province).
    OrgUnitId
);
id_type!(
    /// A user account.
    UserId
);
id_type!(
    /// An audit event.
    AuditEventId
);
id_type!(
    /// A framework version.
    FrameworkId
);
id_type!(
    /// A planning round.
    RoundId
);
id_type!(
    /// One unit's plan in one round.
    PlanId
);
id_type!(
    /// A row of one of a plan's typed tables.
    RowId
);
id_type!(
    /// A reviewer's comment on a plan.
    CommentId
);
id_type!(
    /// An entry of a catalog (a funding source, a task group, …).
    CatalogEntryId
);
