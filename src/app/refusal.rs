//! Why a use-case refused: one type for every use-case, so that the web, the command line and
//! the API each turn it into their own answer in one place.

use crate::db::{DbError, RowRecord};
use crate::domain::findings::Finding;
use crate::domain::round::{PlanStatus, SectionContent};
use crate::domain::sheet::FileError;
use crate::domain::validation::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("not found")]
    NotFound,
    /// The user may not do this to this object.
    #[error("not allowed")]
    Forbidden,
    /// The plan, or the part of it, does not take this change in its state (submitted,
    /// approved, a section a partial return left closed).
    #[error("the plan does not take this change now")]
    Locked,
    /// Someone changed it first; here is what is there now.
    #[error("changed meanwhile")]
    Conflict(Conflict),
    /// The input is wrong: each problem by its field.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// An uploaded file that cannot be read as asked.
    #[error("the file is refused: {}", .0.key)]
    File(FileError),
    /// Submission is blocked by these findings (errors).
    #[error("blocked by {} findings", .0.len())]
    Blocked(Vec<Finding>),
    #[error(transparent)]
    Db(DbError),
}

/// What someone else changed first.
#[derive(Debug, Clone, PartialEq)]
pub enum Conflict {
    /// A section, as it is now.
    Section(Box<SectionContent>),
    /// A row, as it is now.
    Row(Box<RowRecord>),
    /// The document details, at this version now.
    Meta(i32),
    /// The plan took another step: it is in this status now.
    Status(PlanStatus),
}

impl Refusal {
    /// One field's problem.
    pub fn field(field: &'static str, key: &'static str) -> Self {
        let mut errors = FieldErrors::new();
        errors.add(field, key);
        Self::Invalid(errors)
    }
}

impl From<DbError> for Refusal {
    /// The store's refusals become the use-cases' own: a value the database refuses is a field
    /// error, a plan closed meanwhile is locked.
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => Self::NotFound,
            DbError::PlanClosed => Self::Locked,
            DbError::Field { field, key } => {
                let mut errors = FieldErrors::new();
                errors.add(field, key);
                Self::Invalid(errors)
            }
            other => Self::Db(other),
        }
    }
}
