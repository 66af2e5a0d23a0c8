//! The database's address: SQLite or PostgreSQL, chosen by the URL's scheme; any other scheme
//! is refused by name, never taken for a new, empty database.

use std::path::PathBuf;

/// Where the data lives. Chosen by the URL's scheme; any other scheme is refused by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

/// The database used when none is given.
pub const DEFAULT_SQLITE_PATH: &str = "data/kehoachso.db";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UrlError {
    #[error("Lược đồ URL cơ sở dữ liệu không được hỗ trợ: «{0}». Dùng sqlite://ĐƯỜNG_DẪN hoặc postgres://… (unsupported database URL scheme)")]
    UnknownScheme(String),
    #[error("URL cơ sở dữ liệu không hợp lệ: «{0}». Dùng sqlite://ĐƯỜNG_DẪN hoặc postgres://… (invalid database URL)")]
    Malformed(String),
    #[error("URL SQLite thiếu đường dẫn tệp (SQLite URL without a file path)")]
    EmptyPath,
}

impl DatabaseUrl {
    /// `sqlite://data/x.db` (relative), `sqlite:///var/lib/x.db` (absolute) or `postgres://…`.
    pub fn parse(url: &str) -> Result<Self, UrlError> {
        let url = url.trim();
        let Some((scheme, rest)) = url.split_once(':') else {
            return Err(UrlError::Malformed(url.to_string()));
        };
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => {
                let path = rest.strip_prefix("//").unwrap_or(rest);
                let path = path.split('?').next().unwrap_or_default();
                if path.is_empty() {
                    return Err(UrlError::EmptyPath);
                }
                Ok(Self::Sqlite(PathBuf::from(path)))
            }
            "postgres" | "postgresql" => {
                url::Url::parse(url).map_err(|_| UrlError::Malformed(url.to_string()))?;
                Ok(Self::Postgres(url.to_string()))
            }
            "" => Err(UrlError::Malformed(url.to_string())),
            other => Err(UrlError::UnknownScheme(other.to_string())),
        }
    }

    /// The URL to use when none is given, and whether the file may be created.
    pub fn resolve(given: Option<&str>) -> Result<(Self, bool), UrlError> {
        match given {
            Some(url) if !url.trim().is_empty() => Ok((Self::parse(url)?, false)),
            _ => Ok((Self::Sqlite(PathBuf::from(DEFAULT_SQLITE_PATH)), true)),
        }
    }

    /// The URL with any password hidden, for logs and messages.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("sqlite://{}", path.display()),
            Self::Postgres(url) => match url::Url::parse(url) {
                Ok(mut parsed) => {
                    if parsed.password().is_some() {
                        let _ = parsed.set_password(Some("***"));
                    }
                    parsed.to_string()
                }
                Err(_) => "postgres://…".to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_chosen_by_scheme() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db"),
            Ok(DatabaseUrl::Sqlite("data/x.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/x.db"),
            Ok(DatabaseUrl::Sqlite("/var/lib/x.db".into()))
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://u@127.0.0.1/db"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert_eq!(
            DatabaseUrl::parse("mysql://localhost/db"),
            Err(UrlError::UnknownScheme("mysql".into()))
        );
        assert_eq!(DatabaseUrl::parse("sqlite://"), Err(UrlError::EmptyPath));
    }

    #[test]
    fn passwords_are_hidden_in_redacted_urls() {
        let url = DatabaseUrl::parse("postgres://app:secret@db.local/kh").expect("valid");
        assert_eq!(url.redacted(), "postgres://app:***@db.local/kh");
    }
}
