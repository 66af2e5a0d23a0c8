//! The audit log, browsed and filtered by administrators.

use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::domain::audit::{AuditEvent, AuditFilter};
use crate::domain::authz::{can, Action};
use crate::domain::text::parse_date;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

const PAGE_SIZE: i64 = 50;

/// Action filters offered, as (prefix, catalog key).
const ACTIONS: &[(&str, &str)] = &[
    ("unit.", "action.unit"),
    ("user.", "action.user"),
    ("auth.", "action.auth"),
];

pub fn routes(r: Routes) -> Routes {
    r.get("/admin/audit", Access::Admin, list)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AuditQuery {
    actor: String,
    action: String,
    from: String,
    to: String,
    page: i64,
}

#[derive(Template)]
#[template(path = "audit/list.html")]
struct AuditPage {
    ctx: PageCtx,
    q: AuditQuery,
    actions: &'static [(&'static str, &'static str)],
    events: Vec<AuditEvent>,
    total: i64,
    page: i64,
    pages: i64,
}

impl AuditPage {
    /// The query string of another page with the same filters.
    fn page_link(&self, page: i64) -> String {
        let pairs = [
            ("actor", self.q.actor.as_str()),
            ("action", self.q.action.as_str()),
            ("from", self.q.from.as_str()),
            ("to", self.q.to.as_str()),
            ("page", &page.to_string()),
        ];
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    if !can(&user.actor(), Action::ViewAudit) {
        return Err(AppError::Forbidden);
    }
    let page = q.page.max(1);
    let day_start = |text: &str| {
        parse_date(text)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc() - chrono::Duration::hours(7))
    };
    let filter = AuditFilter {
        actor: Some(q.actor.trim().to_lowercase()).filter(|a| !a.is_empty()),
        action_prefix: ACTIONS
            .iter()
            .find(|(p, _)| *p == q.action)
            .map(|(p, _)| p.to_string()),
        object_kind: None,
        from: day_start(&q.from),
        // The whole last day, in Vietnam's time.
        to: day_start(&q.to).map(|t| t + chrono::Duration::days(1) - chrono::Duration::seconds(1)),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
    };
    let (events, total) = state.store.audit_events(&filter).await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    render(&AuditPage {
        ctx,
        q,
        actions: ACTIONS,
        events,
        total,
        page,
        pages,
    })
}
