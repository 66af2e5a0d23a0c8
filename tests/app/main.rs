//! The one integration-test binary: the real server, a real SQLite file, a real PostgreSQL server
//! when one is given, the real binary for the CLI, and a real browser.

mod helpers;
#[macro_use]
mod storage_setup;

mod auth;
mod authz_matrix;
mod browser;
mod cli;
mod cli_unix;
mod concurrency;
mod documents;
mod exchange;
mod forms;
mod headers;
mod hostile;
mod instances;
mod notifications;
mod outage;
mod planning;
mod province;
mod review;
mod storage;
mod storage_notices;
mod storage_review;
mod storage_rows;
mod storage_sections;
mod tables;
mod units;
mod users;
