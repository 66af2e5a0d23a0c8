//! The route registry: each route is added with the access it requires, so the list of routes
//! and their access rules cannot drift from the router.

use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::domain::authz::{can, Action};
use axum::extract::Request;
use axum::handler::Handler;
use axum::middleware::{from_fn, Next};
use axum::response::Response;
use axum::routing::{get, post, MethodRouter};
use axum::Router;

/// Who may call a route, as the authorization test matrix checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in user.
    SignedIn,
    /// Administrators only.
    Admin,
    /// Department roles for any unit; agency roles only for their own unit (`{id}` is a unit).
    UnitProfile,
    /// The department's roles: administrators, reviewers and viewers.
    Department,
    /// Department roles for any plan; agency roles only for their own unit's (`{id}` is a plan).
    PlanRead,
    /// Editors and leaders of the plan's own unit, while the plan is a draft or returned.
    PlanWrite,
    /// The leader of the plan's own unit (or its editors, where it has no leader): submitting
    /// and reopening.
    PlanSubmit,
    /// Reviewers: returning and approving submitted plans.
    Review,
    /// Reviewers, and the editors and leaders of the plan's own unit: marking a comment
    /// resolved.
    CommentResolve,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

/// Administrators' routes are guarded here as well as in their handlers, so that a handler that
/// forgets its check still refuses everyone else.
fn guarded(access: Access, route: MethodRouter<AppState>) -> MethodRouter<AppState> {
    match access {
        Access::Admin => route.route_layer(from_fn(require_admin)),
        _ => route,
    }
}

async fn require_admin(
    user: CurrentUser,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    if can(&user.actor(), Action::ManageUsers) {
        Ok(next.run(request).await)
    } else {
        Err(AppError::Forbidden)
    }
}

pub struct Routes {
    router: Router<AppState>,
    list: Vec<RouteInfo>,
}

impl Routes {
    pub fn new() -> Self {
        Self {
            router: Router::new(),
            list: Vec::new(),
        }
    }

    pub fn get<H, T>(mut self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.list.push(RouteInfo {
            method: "GET",
            path,
            access,
        });
        self.router = self.router.route(path, guarded(access, get(handler)));
        self
    }

    pub fn post<H, T>(mut self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.list.push(RouteInfo {
            method: "POST",
            path,
            access,
        });
        self.router = self.router.route(path, guarded(access, post(handler)));
        self
    }

    pub fn list(&self) -> Vec<RouteInfo> {
        self.list.clone()
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}
