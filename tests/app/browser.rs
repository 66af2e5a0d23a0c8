//! The browser test: Playwright drives Debian's Chromium through the demo, one role at a time.

use crate::helpers::TestApp;
use kehoachso::domain::clock::Clock;
use kehoachso::domain::user::Role;
use std::path::{Path, PathBuf};

/// What the browser test needs, or why it cannot run. In CI (or when asked for with
/// `KEHOACHSO_TEST_BROWSER=required`) a missing part fails the test instead of skipping it.
fn browser_setup() -> Option<PathBuf> {
    let chromium = std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let script_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let missing = if !Path::new(&chromium).exists() {
        Some(format!("Chromium is not at {chromium}"))
    } else if !script_dir.join("node_modules/playwright-core").exists() {
        Some("playwright-core is not installed (npm ci --prefix tests/browser)".to_string())
    } else {
        None
    };
    match missing {
        None => Some(script_dir),
        Some(why) => {
            let required = std::env::var("CI").is_ok()
                || std::env::var("KEHOACHSO_TEST_BROWSER").is_ok_and(|v| v == "required");
            assert!(!required, "the browser test must run here: {why}");
            eprintln!("skipped: {why}");
            None
        }
    }
}

fn home_title(role: Role) -> &'static str {
    match role {
        Role::Admin => "Quản trị hệ thống",
        Role::Reviewer => "Thẩm định kế hoạch",
        Role::Editor | Role::Leader => "Kế hoạch của đơn vị",
        Role::Viewer => "Tổng quan toàn tỉnh",
    }
}

#[tokio::test]
async fn each_demo_role_signs_in_sees_its_vietnamese_home_and_signs_out() {
    let Some(script_dir) = browser_setup() else {
        return;
    };
    let app = TestApp::spawn().await;
    let logins = kehoachso::demo::load(&app.store, app.clock.now())
        .await
        .expect("demo loads");
    let json: Vec<String> = logins
        .iter()
        .map(|l| {
            format!(
                r#"{{"role":"{}","username":"{}","password":"{}","home_title":"{}"}}"#,
                l.role.code(),
                l.username,
                l.password,
                home_title(l.role)
            )
        })
        .collect();
    let output = tokio::process::Command::new("node")
        .arg("roles.mjs")
        .current_dir(&script_dir)
        .env("KEHOACHSO_BASE_URL", format!("http://{}", app.addr))
        .env("KEHOACHSO_LOGINS", format!("[{}]", json.join(",")))
        .output()
        .await
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "browser test failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains(&format!("{} passed, 0 failed", logins.len() + 1)),
        "{stdout}"
    );
}
