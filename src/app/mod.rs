//! Use-cases: one function per write (and per query that needs rules) a user makes, taking the
//! store, who acts, the input and `now`, and giving a result or a [`Refusal`]. The web pages,
//! the command line and the demo loader call these for every write to a plan, so the state
//! machine, the authorization and the row rules are enforced here, once; the coming API calls
//! the same functions.

/// A plan with its round, reached only through authorization; what a write may touch.
pub mod access;
/// What ships with the product whatever the database: the built-in frameworks.
pub mod builtin;
/// Carry-forward: a new round's plans start from their units' last approved plans.
pub mod carry;
/// The catalogs a plan's rows pick from, read once: their codes and wording on a round's date.
pub mod catalogs;
/// Every check of a plan: the editor, the readiness view, the submit gate and the CLI.
pub mod checks;
/// A plan gathered from the store into the official document's read model.
pub mod documents;
/// A plan's data in and out: the list tables as spreadsheets, the whole plan as JSON.
pub mod exchange;
/// A small province in an in-memory store, for the use-cases' tests.
#[cfg(test)]
mod fixture;
/// Frameworks as administrators change them: cloned, edited, published.
pub mod frameworks;
/// A plan's document details (number, place and date, signer, recipients).
pub mod meta;
/// Notifications beyond the request: their sentences, deadline reminders, e-mail by SMTP.
pub mod notify;
/// The catalog entries and legal documents the department keeps.
pub mod references;
/// Why a use-case refused.
mod refusal;
/// The review loop's steps and comments: checked, recorded, with a revision at submission and
/// approval.
pub mod review;
/// Opening a round and moving a plan's deadline.
pub mod rounds;
/// The rows of a plan's typed tables: added, changed, moved, deleted, checked as typed.
pub mod rows;
/// A plan's narrative sections.
pub mod sections;
/// Org units: created, changed, closed and merged, imported.
pub mod units;
/// Accounts: created, changed, disabled, given new passwords.
pub mod users;
/// Who acts.
mod who;

pub use refusal::{Conflict, Refusal};
pub use who::Who;
