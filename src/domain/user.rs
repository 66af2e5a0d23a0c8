//! Users, roles and languages. Every user belongs to exactly one org unit.

use super::ids::{OrgUnitId, UserId};
use super::validation::{required_text, FieldErrors};
use chrono::{DateTime, Utc};
use serde::Deserialize;

/// The five roles of DESIGN §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Department system administrator.
    Admin,
    /// Department specialist who reviews plans.
    Reviewer,
    /// Agency IT specialist who writes the agency's plans.
    Editor,
    /// Agency head or deputy: an editor who may also submit.
    Leader,
    /// Province leadership and auditors: read-only.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Self::Admin,
        Self::Reviewer,
        Self::Editor,
        Self::Leader,
        Self::Viewer,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Reviewer => "reviewer",
            Self::Editor => "editor",
            Self::Leader => "leader",
            Self::Viewer => "viewer",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code.trim())
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Admin => "role.admin",
            Self::Reviewer => "role.reviewer",
            Self::Editor => "role.editor",
            Self::Leader => "role.leader",
            Self::Viewer => "role.viewer",
        }
    }
}

/// The language a user reads the product in. Vietnamese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    Vi,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Self::Vi => "vi",
            Self::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim() {
            "vi" => Some(Self::Vi),
            "en" => Some(Self::En),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub org_unit_id: OrgUnitId,
    pub language: Language,
    /// Where notifications are mailed; empty for none.
    pub email: String,
    pub disabled: bool,
    /// Set for a generated one-time password: the user must choose a new one at first login.
    pub must_change_password: bool,
    pub created_at: DateTime<Utc>,
}

/// What an admin typed to create or change a user.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct UserForm {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub unit_code: String,
    pub language: String,
    pub email: String,
}

/// A validated user, before it has an id or a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInput {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_code: String,
    pub language: Language,
    /// Empty for none.
    pub email: String,
}

pub const USERNAME_MIN: usize = 3;
pub const USERNAME_MAX: usize = 64;
pub const DISPLAY_NAME_MAX: usize = 100;
/// The longest address SMTP carries (RFC 5321's path limit less the brackets).
pub const EMAIL_MAX: usize = 254;

/// An e-mail address, or empty for none. The address grammar is lettre's, the library that
/// will send to it, so that an address accepted here is one it can mail.
pub fn parse_email(errors: &mut FieldErrors, value: &str) -> String {
    let email = value.trim().to_string();
    if !email.is_empty() && (email.len() > EMAIL_MAX || email.parse::<lettre::Address>().is_err()) {
        errors.add("email", "err.email");
    }
    email
}

/// A username: 3–64 of `a-z 0-9 . _ -`, stored lower case.
pub fn parse_username(errors: &mut FieldErrors, value: &str) -> String {
    let username = value.trim().to_lowercase();
    if username.is_empty() {
        errors.add("username", "err.required");
    } else if username.chars().count() < USERNAME_MIN || username.chars().count() > USERNAME_MAX {
        errors.add("username", "err.username_length");
    } else if !username
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
    {
        errors.add("username", "err.username_chars");
    }
    username
}

impl TryFrom<&UserForm> for UserInput {
    type Error = FieldErrors;

    fn try_from(form: &UserForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let username = parse_username(&mut errors, &form.username);
        let display_name = required_text(
            &mut errors,
            "display_name",
            &form.display_name,
            DISPLAY_NAME_MAX,
        );
        let role = Role::from_code(&form.role);
        if role.is_none() {
            errors.add("role", "err.choose_role");
        }
        let unit_code = form.unit_code.trim().to_uppercase();
        if unit_code.is_empty() {
            errors.add("unit_code", "err.choose_unit");
        }
        let language = Language::from_code(&form.language).unwrap_or_default();
        let email = parse_email(&mut errors, &form.email);
        match role {
            Some(role) if errors.is_empty() => Ok(UserInput {
                username,
                display_name,
                role,
                unit_code,
                language,
                email,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_lower_case_and_plain() {
        let mut errors = FieldErrors::new();
        assert_eq!(parse_username(&mut errors, " Editor.SYT "), "editor.syt");
        assert!(errors.is_empty());
        parse_username(&mut errors, "nguyễn");
        assert_eq!(
            errors.get("username").map(|e| e.key),
            Some("err.username_chars")
        );
    }

    #[test]
    fn a_user_form_needs_a_role_and_a_unit() {
        let form = UserForm {
            username: "ab".into(),
            display_name: String::new(),
            role: "root".into(),
            unit_code: String::new(),
            language: "fr".into(),
            email: "not an address".into(),
        };
        let errors = UserInput::try_from(&form).expect_err("invalid");
        assert_eq!(
            errors.get("username").map(|e| e.key),
            Some("err.username_length")
        );
        assert_eq!(
            errors.get("display_name").map(|e| e.key),
            Some("err.required")
        );
        assert_eq!(errors.get("role").map(|e| e.key), Some("err.choose_role"));
        assert_eq!(
            errors.get("unit_code").map(|e| e.key),
            Some("err.choose_unit")
        );
        assert_eq!(errors.get("email").map(|e| e.key), Some("err.email"));
    }

    #[test]
    fn an_email_is_optional_but_must_be_an_address() {
        let mut errors = FieldErrors::new();
        assert_eq!(parse_email(&mut errors, "  "), "");
        assert_eq!(
            parse_email(&mut errors, " vanthu@syt.quangngai.gov.vn "),
            "vanthu@syt.quangngai.gov.vn"
        );
        assert!(errors.is_empty());
        for bad in ["vanthu", "a@b@c", "a b@c.vn", "<a@b.vn>\r\nBcc: x@y.vn"] {
            let mut errors = FieldErrors::new();
            parse_email(&mut errors, bad);
            assert!(errors.get("email").is_some(), "{bad}");
        }
    }

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
    }
}
