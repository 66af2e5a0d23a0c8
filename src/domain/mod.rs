//! Pure domain types and rules. Nothing here touches HTTP, SQL or templates.

/// Audit events.
pub mod audit;
/// Who may do what.
pub mod authz;
/// Catalogs with effective dates that typed tables pick from.
pub mod catalog;
/// The clock, passed in so that time-dependent rules can be tested.
pub mod clock;
/// Two revisions of a plan compared.
pub mod compare;
/// A plan's content as one read model: document details, sections and rows.
pub mod content;
/// Findings of the checks on a plan.
pub mod findings;
/// Frameworks: versioned outlines with guidance and forms.
pub mod framework;
/// Typed identifiers.
pub mod ids;
/// Legal documents that frameworks cite and plans apply.
pub mod legal;
/// Money in millions of đồng, in the Vietnamese number format.
pub mod money;
/// Notifications: their kinds, who hears of each, the reminder window.
pub mod notification;
/// Org units: the tree of agencies, their validity and lineage.
pub mod org_unit;
/// The CSV form of the org-unit list: template, parsing, row errors.
pub mod org_unit_csv;
/// Password policy and hashing.
pub mod password;
/// The review loop: submit, return, approve, reopen, and who may.
pub mod review;
/// Narrative text: the HTML the editor may send, cleaned.
pub mod rich_text;
/// Planning rounds and plans.
pub mod round;
/// The money rules of the seed, as checks that give findings.
pub mod rules;
/// The list tables as spreadsheets, both ways, bounded.
pub mod sheet;
/// The typed tables of a plan, described as data, and the one engine that reads them.
pub mod tables;
/// Vietnamese-aware text helpers: search keys, dates.
pub mod text;
/// Users and their roles.
pub mod user;
/// Field-level validation errors, shared by forms, imports and the CLI.
pub mod validation;
