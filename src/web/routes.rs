//! The route registry: each route is added with the access it requires, so the list of routes
//! and their access rules cannot drift from the router.

use super::AppState;
use axum::handler::Handler;
use axum::routing::{get, post};
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
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
        self.router = self.router.route(path, get(handler));
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
        self.router = self.router.route(path, post(handler));
        self
    }

    pub fn list(&self) -> Vec<RouteInfo> {
        self.list.clone()
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}
