//! Kế hoạch số: the province's plans for IT application, digital government and cybersecurity.
//!
//! Dependency rule: `domain` depends on nothing in the crate; `db` and `export` depend only on
//! `domain`; `app` on those three; `web`, `cli` and `demo` on `app` (and the read models below
//! it), never on each other's helpers. Every write to a plan goes through `app`.

/// Use-cases: one function per write a user makes, with its rules; web, CLI and demo call these.
pub mod app;
/// Command-line interface: subcommands and their settings.
pub mod cli;
/// Settings shared by the CLI and the server: database URL, cookies, limits.
pub mod config;
/// Storage: one `Store` over SQLite or PostgreSQL, migrations, `DbError`.
pub mod db;
/// The demo province (Quảng Ngãi) with its 2025 reorganisation and one user per role.
pub mod demo;
/// Pure types and rules: org units, users and roles, passwords, authorization, audit, validation.
pub mod domain;
/// Domain read models to document bytes: the official document as DOCX, tables as XLSX; no
/// database, no HTTP.
pub mod export;
/// The text catalog: every user-visible message in Vietnamese and English.
pub mod i18n;
/// The HTTP application: state, router, middleware, pages per feature.
pub mod web;
