//! Kế hoạch số: the province's plans for IT application, digital government and cybersecurity.
//!
//! Dependency rule: `domain` depends on nothing in the crate; `db` and `export` depend only on
//! `domain`; `web`, `cli`, `demo` and the gatherers (`exchange`, `documents`) may use everything.

/// What ships with the product whatever the database: the built-in frameworks.
pub mod builtin;
/// Carry-forward: a new round's plans start from their units' last approved plans.
pub mod carry;
/// Every check of a plan, for the readiness view and the CLI.
pub mod checks;
/// Command-line interface: subcommands and their settings.
pub mod cli;
/// Settings shared by the CLI and the server: database URL, cookies, limits.
pub mod config;
/// Storage: one `Store` over SQLite or PostgreSQL, migrations, `DbError`.
pub mod db;
/// The demo province (Quảng Ngãi) with its 2025 reorganisation and one user per role.
pub mod demo;
/// A plan gathered from the store into the official document's read model.
pub mod documents;
/// Pure types and rules: org units, users and roles, passwords, authorization, audit, validation.
pub mod domain;
/// A plan's data in and out: the list tables as spreadsheets, the whole plan as JSON.
pub mod exchange;
/// Domain read models to document bytes: the official document as DOCX, tables as XLSX; no
/// database, no HTTP.
pub mod export;
/// The text catalog: every user-visible message in Vietnamese and English.
pub mod i18n;
/// Notifications beyond the request: their sentences, deadline reminders, e-mail by SMTP.
pub mod notify;
/// The review loop's steps: checked, recorded, with a revision at submission and approval.
pub mod review;
/// The HTTP application: state, router, middleware, pages per feature.
pub mod web;
