//! Settings shared by the server and the CLI.

pub use crate::db::{DatabaseUrl, UrlError, DEFAULT_SQLITE_PATH};

/// Settings of the web server that tests and deployments vary.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Set when the app is served over HTTPS: cookies get `Secure` and the `__Host-` prefix.
    pub secure_cookies: bool,
    /// Use the first address of `X-Forwarded-For` as the client's (only behind a trusted proxy).
    pub trust_proxy: bool,
    pub idle_timeout: chrono::Duration,
    pub absolute_timeout: chrono::Duration,
    /// Failed sign-ins allowed per account per hour.
    pub max_failures_per_account: i64,
    /// Failed sign-ins allowed per client address per hour.
    pub max_failures_per_address: i64,
    /// The page margins of the documents the app renders.
    pub document_margins: crate::export::model::Margins,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            trust_proxy: false,
            idle_timeout: chrono::Duration::minutes(30),
            absolute_timeout: chrono::Duration::hours(12),
            max_failures_per_account: 100,
            max_failures_per_address: 1000,
            document_margins: crate::export::model::Margins::default(),
        }
    }
}
