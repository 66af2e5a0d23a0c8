//! What every page needs (language, user, CSRF token, navigation, a flash message), the
//! helpers templates call, and rendering.

use super::session::{CurrentUser, RequestCtx};
use super::AppError;
use crate::domain::clock::in_vietnam;
use crate::domain::user::{Language, Role};
use crate::domain::validation::FieldErrors;
use crate::i18n;
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};

/// The messages a redirect may ask a page to show (`?msg=`): nothing else is shown.
const FLASH_KEYS: &[&str] = &[
    "review.submit_done",
    "review.return_done",
    "review.approve_done",
    "review.reopen_done",
    "review.blocked",
    "review.return_message_needed",
    "review.message_invalid",
    "review.comment_added",
    "board.deadline_set",
    "board.deadline_invalid",
    "province.busy",
    "units.created",
    "units.updated",
    "units.closed_ok",
    "units.merged_ok",
    "users.created",
    "users.updated",
    "users.disabled_ok",
    "users.enabled_ok",
    "account.password_changed",
    "login.logged_out",
    "frameworks.cloned",
    "frameworks.published",
    "frameworks.add_needs_title",
    "rounds.created",
    "common.saved",
    "login.expired",
];

pub struct NavItem {
    pub href: String,
    pub label_key: &'static str,
    pub active: bool,
}

pub struct PageCtx {
    pub lang: Language,
    pub user: Option<CurrentUser>,
    pub csrf: String,
    /// The path and query, for the language switch to come back to.
    pub here: String,
    /// A message key to show once, passed as `?msg=` after a redirect.
    pub flash: Option<&'static str>,
    pub nav: Vec<NavItem>,
}

impl PageCtx {
    pub fn from_request(ctx: &RequestCtx, path: &str, query: Option<&str>) -> Self {
        let flash = query
            .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
            .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "msg").map(|(_, v)| v))
            .and_then(|key| FLASH_KEYS.iter().copied().find(|k| *k == key));
        let here = match query {
            Some(q) if !q.is_empty() => format!("{path}?{q}"),
            _ => path.to_string(),
        };
        Self {
            lang: ctx.lang,
            nav: nav_for(ctx.user.as_ref(), path),
            user: ctx.user.clone(),
            csrf: ctx.csrf_token.clone(),
            here,
            flash,
        }
    }

    /// The text of a catalog key in the page's language.
    pub fn t(&self, key: &str) -> &'static str {
        i18n::text(self.lang, key)
    }

    /// A choice's label as a form shows it: built-in choices are catalog keys, catalog entries
    /// carry their own wording.
    pub fn choice_label(&self, label: &str) -> String {
        if label.starts_with("choice.") {
            self.t(label).to_string()
        } else {
            label.to_string()
        }
    }

    /// The text of a catalog key with `{}` filled.
    pub fn tf(&self, key: &str, arg: &str) -> String {
        i18n::text_with(self.lang, key, &[arg])
    }

    /// The message for a field's error, if it has one.
    pub fn err(&self, errors: &FieldErrors, field: &str) -> Option<String> {
        errors.get(field).map(|e| match &e.arg {
            Some(arg) => i18n::text_with(self.lang, e.key, &[arg]),
            None => i18n::text(self.lang, e.key).to_string(),
        })
    }

    pub fn date(&self, date: &NaiveDate) -> String {
        crate::domain::text::format_date(*date)
    }

    pub fn opt_date(&self, date: &Option<NaiveDate>) -> String {
        date.map(crate::domain::text::format_date)
            .unwrap_or_default()
    }

    /// The day of an instant in Vietnam, as dates are written.
    pub fn day(&self, at: &DateTime<Utc>) -> String {
        crate::domain::text::format_date(in_vietnam(at).date_naive())
    }

    pub fn time(&self, at: &DateTime<Utc>) -> String {
        in_vietnam(at).format("%d/%m/%Y %H:%M").to_string()
    }

    /// The name of an audit action (`unit.merge` → "Sáp nhập đơn vị"), or the code itself
    /// for an action the catalog does not name.
    pub fn action_label(&self, action: &str) -> String {
        let key = crate::domain::audit::action_key(action);
        if i18n::has(&key) {
            i18n::text(self.lang, &key).to_string()
        } else {
            action.to_string()
        }
    }

    /// A finding's message, its `{}` filled.
    pub fn finding_message(&self, finding: &crate::domain::findings::Finding) -> String {
        i18n::text_with(
            self.lang,
            finding.message_key,
            &[finding.arg.as_deref().unwrap_or_default()],
        )
    }

    /// The name of a typed table by its code, or the code itself for a table the seed does
    /// not have (an old revision's).
    pub fn table_label(&self, code: &str) -> String {
        match crate::domain::tables::spec(code) {
            Some(spec) => i18n::text(self.lang, &spec.title_key()).to_string(),
            None => code.to_string(),
        }
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }
}

fn nav_for(user: Option<&CurrentUser>, path: &str) -> Vec<NavItem> {
    let Some(user) = user else {
        return Vec::new();
    };
    let mut items = vec![("/".to_string(), "nav.home")];
    if matches!(user.user.role, Role::Admin | Role::Reviewer | Role::Viewer) {
        items.push(("/rounds".to_string(), "nav.rounds"));
    }
    items.push(("/frameworks".to_string(), "nav.frameworks"));
    if user.user.role == Role::Admin {
        items.push(("/admin/units".to_string(), "nav.units"));
        items.push(("/admin/users".to_string(), "nav.users"));
        items.push(("/admin/catalogs".to_string(), "nav.catalogs"));
        items.push(("/admin/audit".to_string(), "nav.audit"));
    } else {
        items.push((format!("/units/{}", user.user.org_unit_id), "nav.my_unit"));
    }
    items
        .into_iter()
        .map(|(href, label_key)| NavItem {
            active: if href == "/" {
                path == "/"
            } else {
                path.starts_with(&href)
            },
            href,
            label_key,
        })
        .collect()
}

impl<S: Send + Sync> FromRequestParts<S> for PageCtx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let ctx = RequestCtx::from_request_parts(parts, state).await?;
        Ok(Self::from_request(
            &ctx,
            parts.uri.path(),
            parts.uri.query(),
        ))
    }
}

/// Renders a template into an HTML response.
pub fn render(template: &impl Template) -> Result<Response, AppError> {
    Ok(Html(template.render()?).into_response())
}

/// A page that comes back with its form's problems: 422, so that no refusal is a 2xx.
pub fn unprocessable(response: Response) -> Response {
    with_status(response, axum::http::StatusCode::UNPROCESSABLE_ENTITY)
}

/// A page that comes back because someone else saved first: 409, whatever the form.
pub fn conflicted(response: Response) -> Response {
    with_status(response, axum::http::StatusCode::CONFLICT)
}

/// A refused form's page: 409 when someone else saved first, 422 otherwise.
pub fn refused(response: Response, conflict: bool) -> Response {
    if conflict {
        conflicted(response)
    } else {
        unprocessable(response)
    }
}

fn with_status(mut response: Response, status: axum::http::StatusCode) -> Response {
    *response.status_mut() = status;
    response
}

/// The page of an error.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub ctx: PageCtx,
    pub message_key: &'static str,
}

/// An error message alone, for htmx requests.
#[derive(Template)]
#[template(path = "_alert_error.html")]
pub struct ErrorFragment<'a> {
    pub message: &'a str,
}

#[cfg(test)]
mod tests {
    use super::FLASH_KEYS;
    use crate::domain::review::Step;

    #[test]
    fn every_review_step_may_say_it_was_taken() {
        for step in Step::ALL {
            assert!(FLASH_KEYS.contains(&step.done_key()), "{step:?}");
        }
    }
}
