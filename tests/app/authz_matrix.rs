//! The authorization matrix: every route × every role (and no sign-in) × an object of the
//! user's own unit and of another unit. The expected access is written here, route by route,
//! and compared with the router's own list: a route added without an entry fails this test.

use crate::helpers::{location, Client, TestApp};
use kehoachso::domain::user::{Role, User};
use kehoachso::web::{route_list, Access};

/// What this test expects of each route, independently of what the router declares.
const EXPECTED: &[(&str, &str, Access)] = &[
    ("GET", "/static/{name}", Access::Public),
    ("GET", "/healthz", Access::Public),
    ("GET", "/login", Access::Public),
    ("POST", "/login", Access::Public),
    ("POST", "/logout", Access::SignedIn),
    ("GET", "/account/password", Access::SignedIn),
    ("POST", "/account/password", Access::SignedIn),
    ("POST", "/language", Access::Public),
    ("GET", "/notifications", Access::SignedIn),
    ("POST", "/notifications/{id}/open", Access::SignedIn),
    ("POST", "/notifications/read-all", Access::SignedIn),
    ("GET", "/", Access::SignedIn),
    ("GET", "/admin/units", Access::Admin),
    ("GET", "/admin/units/new", Access::Admin),
    ("POST", "/admin/units", Access::Admin),
    ("GET", "/admin/units/import", Access::Admin),
    ("POST", "/admin/units/import", Access::Admin),
    ("GET", "/admin/units/template.csv", Access::Admin),
    ("GET", "/admin/units/{id}", Access::Admin),
    ("GET", "/admin/units/{id}/edit", Access::Admin),
    ("POST", "/admin/units/{id}", Access::Admin),
    ("POST", "/admin/units/{id}/close", Access::Admin),
    ("POST", "/admin/units/{id}/merge", Access::Admin),
    ("GET", "/units/{id}", Access::UnitProfile),
    ("GET", "/admin/users", Access::Admin),
    ("GET", "/admin/users/new", Access::Admin),
    ("POST", "/admin/users", Access::Admin),
    ("GET", "/admin/users/{id}", Access::Admin),
    ("POST", "/admin/users/{id}", Access::Admin),
    ("POST", "/admin/users/{id}/disable", Access::Admin),
    ("POST", "/admin/users/{id}/enable", Access::Admin),
    ("POST", "/admin/users/{id}/reset-password", Access::Admin),
    ("GET", "/admin/audit", Access::Admin),
    ("GET", "/frameworks", Access::SignedIn),
    ("GET", "/legal-documents", Access::SignedIn),
    ("GET", "/frameworks/{id}", Access::SignedIn),
    ("POST", "/admin/frameworks/{id}/clone", Access::Admin),
    ("POST", "/admin/frameworks/{id}/publish", Access::Admin),
    ("GET", "/admin/frameworks/{id}/nodes/{key}", Access::Admin),
    ("POST", "/admin/frameworks/{id}/nodes/{key}", Access::Admin),
    (
        "POST",
        "/admin/frameworks/{id}/nodes/{key}/move",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/frameworks/{id}/nodes/{key}/delete",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/frameworks/{id}/nodes/{key}/children",
        Access::Admin,
    ),
    ("GET", "/rounds", Access::Department),
    ("GET", "/rounds/{id}", Access::Department),
    ("GET", "/admin/rounds/new", Access::Admin),
    ("POST", "/admin/rounds", Access::Admin),
    ("GET", "/plans/{id}", Access::PlanRead),
    ("GET", "/plans/{id}/readiness", Access::PlanRead),
    ("POST", "/plans/{id}/presence", Access::PlanRead),
    ("GET", "/plans/{id}/meta", Access::PlanRead),
    ("GET", "/admin/catalogs", Access::Admin),
    ("GET", "/admin/catalogs/{catalog}", Access::Admin),
    ("POST", "/admin/catalogs/{catalog}", Access::Admin),
    ("GET", "/admin/catalogs/{catalog}/new", Access::Admin),
    ("GET", "/admin/catalogs/{catalog}/{entry}", Access::Admin),
    ("POST", "/admin/catalogs/{catalog}/{entry}", Access::Admin),
    (
        "GET",
        "/plans/{id}/lists/{list}/export/{format}",
        Access::PlanRead,
    ),
    (
        "GET",
        "/plans/{id}/lists/{list}/template/{format}",
        Access::PlanRead,
    ),
    ("GET", "/plans/{id}/lists/{list}/import", Access::PlanWrite),
    ("POST", "/plans/{id}/lists/{list}/import", Access::PlanWrite),
    ("GET", "/plans/{id}/export/json", Access::PlanRead),
    ("GET", "/plans/{id}/export/docx", Access::PlanRead),
    ("GET", "/plans/{id}/export/pdf", Access::PlanRead),
    ("GET", "/plans/{id}/export/xlsx", Access::PlanRead),
    ("GET", "/admin/legal-documents/new", Access::Admin),
    ("POST", "/admin/legal-documents", Access::Admin),
    ("GET", "/admin/legal-documents/{id}", Access::Admin),
    ("POST", "/admin/legal-documents/{id}", Access::Admin),
    ("POST", "/plans/{id}/submit", Access::PlanSubmit),
    ("POST", "/plans/{id}/reopen", Access::PlanSubmit),
    ("POST", "/plans/{id}/return", Access::Review),
    ("POST", "/plans/{id}/approve", Access::Review),
    ("POST", "/plans/{id}/comments", Access::Review),
    (
        "POST",
        "/plans/{id}/comments/{comment}/resolve",
        Access::CommentResolve,
    ),
    ("GET", "/rounds/{id}/not-submitted/xlsx", Access::Department),
    ("POST", "/rounds/{id}/export/{format}", Access::Department),
    ("GET", "/rounds/{id}/export/jobs/{job}", Access::Department),
    (
        "GET",
        "/rounds/{id}/export/jobs/{job}/file",
        Access::Department,
    ),
    ("POST", "/plans/{id}/deadline", Access::Admin),
    ("GET", "/plans/{id}/history", Access::PlanRead),
    ("GET", "/plans/{id}/compare", Access::PlanRead),
    ("GET", "/plans/{id}/revisions/{number}", Access::PlanRead),
    ("GET", "/plans/{id}/tables/{table}/new", Access::PlanWrite),
    ("POST", "/plans/{id}/tables/{table}", Access::PlanWrite),
    (
        "POST",
        "/plans/{id}/tables/{table}/check",
        Access::PlanWrite,
    ),
    ("GET", "/plans/{id}/tables/{table}/{row}", Access::PlanRead),
    (
        "POST",
        "/plans/{id}/tables/{table}/{row}",
        Access::PlanWrite,
    ),
    (
        "POST",
        "/plans/{id}/tables/{table}/{row}/delete",
        Access::PlanWrite,
    ),
    (
        "POST",
        "/plans/{id}/tables/{table}/{row}/move",
        Access::PlanWrite,
    ),
    ("POST", "/plans/{id}/meta", Access::PlanWrite),
    ("POST", "/plans/{id}/sections/{key}", Access::PlanWrite),
];

#[test]
fn every_route_has_an_entry_and_every_entry_a_route() {
    let routes = route_list();
    for r in &routes {
        let entry = EXPECTED
            .iter()
            .find(|(m, p, _)| *m == r.method && *p == r.path);
        let (_, _, expected) = entry.unwrap_or_else(|| {
            panic!(
                "route {} {} has no entry in the authorization matrix",
                r.method, r.path
            )
        });
        assert_eq!(
            *expected, r.access,
            "{} {} declares other access than the matrix expects",
            r.method, r.path
        );
    }
    for (method, path, _) in EXPECTED {
        assert!(
            routes
                .iter()
                .any(|r| r.method == *method && r.path == *path),
            "the matrix names {method} {path}, which no longer exists"
        );
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Scope {
    Own,
    Other,
}

fn allowed(access: Access, role: Option<Role>, scope: Scope) -> bool {
    let agency = matches!(role, Some(Role::Editor | Role::Leader));
    match (access, role) {
        (Access::Public, _) => true,
        (_, None) => false,
        (Access::SignedIn, Some(_)) => true,
        (Access::Admin, Some(role)) => role == Role::Admin,
        (Access::Department, Some(_)) => !agency,
        (Access::UnitProfile | Access::PlanRead, Some(_)) => !agency || scope == Scope::Own,
        (Access::PlanWrite, Some(_)) => agency && scope == Scope::Own,
        // The own unit has a leader here, so its editors do not submit.
        (Access::PlanSubmit, Some(role)) => role == Role::Leader && scope == Scope::Own,
        (Access::Review, Some(role)) => role == Role::Reviewer,
        (Access::CommentResolve, Some(role)) => {
            role == Role::Reviewer || (agency && scope == Scope::Own)
        }
    }
}

#[tokio::test]
async fn every_route_lets_in_exactly_who_it_should() {
    let app = TestApp::spawn().await;
    app.add_unit("QNG", None).await;
    let own = app.add_unit("SYT", Some("QNG")).await;
    let other = app.add_unit("STC", Some("QNG")).await;
    let framework = app
        .store
        .framework_by_code("KHUNG-2026-2030")
        .await
        .expect("q")
        .expect("built in");
    let round = crate::helpers::open_round(&app, "KHUNG-2026-2030", &["SYT", "STC"]).await;
    let plans = app.store.round_plans(round.id).await.expect("plans");
    let plan_of = |unit: &str| {
        plans
            .iter()
            .find(|p| p.unit_code == unit)
            .expect("plan")
            .plan
            .id
    };
    // One task row in each plan, for the row routes.
    let mut row_of = std::collections::HashMap::new();
    for p in &plans {
        let id = crate::helpers::seed_row(&app, p.plan.id, "tasks", serde_json::json!({})).await;
        row_of.insert(p.unit_code.clone(), id);
    }
    let section = app
        .store
        .framework_nodes(framework.id)
        .await
        .expect("nodes")
        .iter()
        .find(|n| {
            n.kind == kehoachso::domain::framework::NodeKind::Narrative
                && n.applies(kehoachso::domain::framework::PlanKind::FiveYear)
        })
        .expect("a narrative node")
        .key
        .clone();
    let legal_doc = app.store.legal_documents("", "").await.expect("legal")[0].id;
    let funding_entry = app.store.catalog("funding_source").await.expect("catalog")[0].id;
    let mut actors: Vec<(Option<Role>, Option<User>)> = vec![(None, None)];
    for role in Role::ALL {
        let user = app
            .add_user(&format!("actor.{}", role.code()), role, "SYT")
            .await;
        actors.push((Some(role), Some(user)));
    }
    let mut checked = 0;
    let mut failures = Vec::new();
    for route in route_list() {
        for (role, actor) in &actors {
            for scope in [Scope::Own, Scope::Other] {
                let unit = if scope == Scope::Own { &own } else { &other };
                let path = if route.path.starts_with("/admin/users/{id}") {
                    let target = app
                        .add_user(&format!("target.{checked}"), Role::Viewer, &unit.code)
                        .await;
                    route.path.replace("{id}", &target.id.to_string())
                } else if route.path.starts_with("/plans/{id}") {
                    route
                        .path
                        .replace("{id}", &plan_of(&unit.code).to_string())
                        .replace("{key}", &section)
                        .replace("{row}", &row_of[&unit.code].to_string())
                        .replace("{table}", "tasks")
                        .replace("{list}", "projects")
                        .replace("{format}", "csv")
                        .replace("{number}", "1")
                        .replace("{comment}", "1")
                } else if route.path.starts_with("/admin/legal-documents") {
                    route.path.replace("{id}", &legal_doc.to_string())
                } else if route.path.starts_with("/admin/catalogs") {
                    route
                        .path
                        .replace("{catalog}", "funding_source")
                        .replace("{entry}", &funding_entry.expect("stored").to_string())
                } else if route.path.starts_with("/rounds/{id}") {
                    // No such job: allowed users get 404, the others are refused first.
                    route
                        .path
                        .replace("{id}", &round.id.to_string())
                        .replace("{format}", "docx")
                        .replace("{job}", "no-such-job")
                } else if route.path.contains("frameworks/{id}") {
                    // A draft of its own for each request: publishing or cloning changes nothing else.
                    let draft = app
                        .store
                        .clone_framework(framework.id, &app.audit())
                        .await
                        .expect("draft");
                    route
                        .path
                        .replace("{id}", &draft.id.to_string())
                        .replace("{key}", &section)
                } else {
                    route
                        .path
                        .replace("{id}", &unit.id.to_string())
                        .replace("{name}", "app.css")
                };
                let client: Client = match actor {
                    Some(user) => app.session_for(user).await,
                    None => {
                        let mut c = app.client();
                        c.refresh_csrf("/login").await;
                        c
                    }
                };
                let response = match route.method {
                    "GET" => client.get(&path).await,
                    _ => client.post(&path, &[]).await,
                };
                let status = response.status().as_u16();
                // Signing out also ends on the sign-in page, but not as a refusal.
                let target = location(&response);
                let to_login =
                    status == 303 && (target == "/login" || target.starts_with("/login?next="));
                let denied = status == 403 || to_login;
                let expected = allowed(route.access, *role, scope);
                if status >= 500 || denied == expected {
                    failures.push(format!(
                        "{} {path} as {role:?} ({scope:?}): status {status}, expected {}",
                        route.method,
                        if expected { "allowed" } else { "denied" }
                    ));
                }
                checked += 1;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(checked, route_list().len() * 6 * 2);
}
