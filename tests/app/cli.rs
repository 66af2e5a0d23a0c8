//! The command line, run as the real binary.

use crate::helpers::{Backend, TestDb};
use std::process::{Command, Output};

pub fn kehoachso(args: &[&str]) -> Output {
    kehoachso_command(args).output().expect("the binary runs")
}

/// The binary with `args`, in Vietnamese, with no database named from outside the test.
pub fn kehoachso_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kehoachso"));
    command
        .args(args)
        .env_remove("KEHOACHSO_DATABASE_URL")
        .env_remove("KEHOACHSO_LANG");
    command
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

pub fn sqlite_url(db: &TestDb) -> String {
    match &db.url {
        kehoachso::config::DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
        other => panic!("not SQLite: {other:?}"),
    }
}

#[test]
fn every_command_has_help() {
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["demo", "--help"],
        vec!["user", "--help"],
        vec!["user", "add", "--help"],
        vec!["user", "disable", "--help"],
        vec!["user", "reset-password", "--help"],
        vec!["unit", "list", "--help"],
        vec!["backup", "--help"],
        vec!["check", "--help"],
    ] {
        let o = kehoachso(&args);
        assert!(o.status.success(), "{args:?}");
        assert!(stdout(&o).contains("Usage"), "{args:?}");
    }
    let help = stdout(&kehoachso(&["serve", "--help"]));
    for env in [
        "KEHOACHSO_BIND",
        "KEHOACHSO_DATABASE_URL",
        "KEHOACHSO_DEMO",
        "KEHOACHSO_SECURE_COOKIES",
    ] {
        assert!(help.contains(env), "serve --help names {env}");
    }
}

#[test]
fn an_unknown_database_scheme_is_named_in_a_clear_error() {
    let o = kehoachso(&["--database-url", "mysql://localhost/kh", "unit", "list"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("«mysql»"), "{}", stderr(&o));
}

#[test]
fn a_mistyped_sqlite_path_never_creates_an_empty_database() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("nham-duong-dan.db");
    let url = format!("sqlite://{}", path.display());
    let o = kehoachso(&["--database-url", &url, "unit", "list"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("Không tìm thấy tệp cơ sở dữ liệu SQLite"),
        "{}",
        stderr(&o)
    );
    assert!(!path.exists());
    let o = kehoachso(&["--database-url", &url, "--create", "migrate"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(path.exists());
}

#[tokio::test]
async fn demo_units_users_and_backup_work_from_the_command_line() {
    let db = TestDb::new(Backend::Sqlite).await.expect("db");
    let url = sqlite_url(&db);
    let o = kehoachso(&["--database-url", &url, "--create", "demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let printed = stdout(&o);
    for (role, username) in [
        ("admin", "quantri.skhcn"),
        ("reviewer", "thamdinh.skhcn"),
        ("editor", "canbo.syt"),
        ("leader", "lanhdao.syt"),
        ("viewer", "lanhdao.ubnd"),
    ] {
        assert!(
            printed
                .lines()
                .any(|l| l.split_whitespace().take(2).eq([role, username])),
            "{role} {username} printed:\n{printed}"
        );
    }
    let again = kehoachso(&["--database-url", &url, "demo"]);
    assert!(!again.status.success(), "a second load needs --force");
    assert!(stderr(&again).contains("--force"));

    // unit list: one line per unit, tab-separated, code first, no header.
    let units = stdout(&kehoachso(&["--database-url", &url, "unit", "list"]));
    let stttt: Vec<&str> = units
        .lines()
        .find(|l| l.starts_with("STTTT\t"))
        .expect("STTTT listed")
        .split('\t')
        .collect();
    assert_eq!(
        stttt,
        [
            "STTTT",
            "Sở Thông tin và Truyền thông",
            "department",
            "2008-04-01",
            "2025-02-28",
            "QNG",
            "SKHCN"
        ]
    );
    let ktm = units
        .lines()
        .find(|l| l.starts_with("KTM\t"))
        .expect("Kon Tum listed");
    assert!(ktm.ends_with("\t2025-06-30\t\tQNG"), "{ktm}");
    assert!(units
        .lines()
        .any(|l| l.starts_with("HBS\t") && l.contains("\tdistrict\t") && l.contains("2025-06-30")));
    assert!(units
        .lines()
        .any(|l| l.starts_with("DKLS\t") && l.contains("\tcommune\t")));
    let open = stdout(&kehoachso(&[
        "--database-url",
        &url,
        "unit",
        "list",
        "--open",
    ]));
    assert!(!open.contains("STTTT\t"));

    // user add prints a one-time password; a bad role or unit is refused clearly.
    let o = kehoachso(&[
        "--database-url",
        &url,
        "user",
        "add",
        "--username",
        "moi.syt",
        "--role",
        "leader",
        "--unit",
        "SYT",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Mật khẩu dùng một lần: "));
    let o = kehoachso(&[
        "--database-url",
        &url,
        "user",
        "add",
        "--username",
        "x.y",
        "--role",
        "root",
        "--unit",
        "SYT",
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("Vai trò «root» không hợp lệ"));
    let o = kehoachso(&[
        "--database-url",
        &url,
        "user",
        "add",
        "--username",
        "x.y",
        "--role",
        "viewer",
        "--unit",
        "STTTT",
    ]);
    assert!(
        stderr(&o).contains("Không có đơn vị đang hoạt động nào mang mã này."),
        "{}",
        stderr(&o)
    );
    let o = kehoachso(&["--database-url", &url, "user", "disable", "moi.syt"]);
    assert!(o.status.success());
    let users = stdout(&kehoachso(&["--database-url", &url, "user", "list"]));
    assert!(
        users
            .lines()
            .any(|l| l.starts_with("moi.syt\tleader\tSYT\tdisabled")),
        "{users}"
    );
    let o = kehoachso(&["--database-url", &url, "user", "reset-password", "moi.syt"]);
    assert!(stdout(&o).contains("Mật khẩu dùng một lần mới"));

    // backup: a consistent copy that opens as a database with the same units.
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("sao-luu.db");
    let o = kehoachso(&[
        "--database-url",
        &url,
        "backup",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let copy = stdout(&kehoachso(&[
        "--database-url",
        &format!("sqlite://{}", out.display()),
        "unit",
        "list",
    ]));
    assert_eq!(copy, units);
    let o = kehoachso(&[
        "--database-url",
        &url,
        "backup",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(!o.status.success(), "an existing file is never overwritten");
}

#[tokio::test]
async fn user_add_reads_a_password_from_stdin_and_checks_it() {
    use std::io::Write;
    let db = TestDb::new(Backend::Sqlite).await.expect("db");
    let url = sqlite_url(&db);
    assert!(kehoachso(&["--database-url", &url, "--create", "demo"])
        .status
        .success());
    let run = |password: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kehoachso"))
            .args([
                "--database-url",
                &url,
                "user",
                "add",
                "--username",
                "nhap.syt",
                "--role",
                "editor",
                "--unit",
                "SYT",
                "--password-stdin",
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(format!("{password}\n").as_bytes())
            .expect("write");
        child.wait_with_output().expect("output")
    };
    let weak = run("12345678");
    assert!(!weak.status.success());
    assert!(
        stderr(&weak).contains("Mật khẩu quá phổ biến"),
        "{}",
        stderr(&weak)
    );
    let ok = run("Núi Ấn sông Trà mùa thu");
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(!stdout(&ok).contains("Mật khẩu dùng một lần"));
}

#[tokio::test]
async fn backup_on_postgresql_explains_pg_dump() {
    let Some(db) = TestDb::new(Backend::Postgres).await else {
        return;
    };
    let kehoachso::config::DatabaseUrl::Postgres(url) = &db.url else {
        unreachable!()
    };
    let o = kehoachso(&[
        "--database-url",
        url,
        "backup",
        "--out",
        "/nonexistent/x.db",
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("pg_dump"));
}

#[tokio::test]
async fn frameworks_are_listed_and_their_outline_shown() {
    let db = TestDb::new(Backend::Sqlite).await.expect("db");
    let url = sqlite_url(&db);
    let o = kehoachso(&["--database-url", &url, "--create", "framework", "list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Vec<String>> = stdout(&o)
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0][..3], ["KHUNG-2021-2025", "1", "2021–2025"]);
    assert_eq!(lines[0][4], "published");
    assert_eq!(lines[1][..3], ["KHUNG-2026-2030", "1", "2026–2030"]);
    let outline = stdout(&kehoachso(&[
        "--database-url",
        &url,
        "framework",
        "show",
        "KHUNG-2021-2025",
    ]));
    assert!(
        outline
            .lines()
            .any(|l| l.trim_start().starts_with("Phần I\t")),
        "{outline}"
    );
    assert!(
        outline
            .lines()
            .any(|l| l.contains("MÔI TRƯỜNG PHÁP LÝ\tnarrative")),
        "{outline}"
    );
    assert!(outline.lines().any(|l| l.contains("+tasks")));
    assert!(
        !outline.contains("Nghị quyết số 17/NQ-CP"),
        "guidance only when asked"
    );
    let with_guidance = stdout(&kehoachso(&[
        "--database-url",
        &url,
        "framework",
        "show",
        "KHUNG-2021-2025",
        "--guidance",
    ]));
    assert!(with_guidance.contains("Nghị quyết số 17/NQ-CP"));
    let missing = kehoachso(&["--database-url", &url, "framework", "show", "KHONG-CO"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("Không có khung kế hoạch «KHONG-CO»"));
}

#[tokio::test]
async fn the_demo_rounds_are_listed_with_their_plans_and_findings() {
    let db = TestDb::new(Backend::Sqlite).await.expect("db");
    let url = sqlite_url(&db);
    assert!(kehoachso(&["--database-url", &url, "--create", "demo"])
        .status
        .success());
    let rounds = stdout(&kehoachso(&["--database-url", &url, "round", "list"]));
    let first: Vec<&str> = rounds
        .lines()
        .find(|l| l.starts_with("KH-2021-2025\t"))
        .expect("listed")
        .split('\t')
        .collect();
    assert_eq!(
        first[1..5],
        ["KHUNG-2021-2025@1", "five_year", "2021–2025", "2020-09-15"]
    );
    assert!(first[5].starts_with("draft="), "{}", first[5]);
    assert!(rounds
        .lines()
        .any(|l| l.starts_with("KH-2026-2030\tKHUNG-2026-2030@1\t")));
    let plans = stdout(&kehoachso(&[
        "--database-url",
        &url,
        "plan",
        "list",
        "--round",
        "KH-2021-2025",
    ]));
    let syt: Vec<&str> = plans
        .lines()
        .find(|l| l.starts_with("SYT\t"))
        .expect("SYT plan")
        .split('\t')
        .collect();
    assert_eq!(
        syt[1..3],
        ["returned", "3"],
        "every section is written; the three findings are the demo's warnings"
    );
    let sgddt: Vec<&str> = plans
        .lines()
        .find(|l| l.starts_with("SGDDT\t"))
        .expect("SGDDT plan")
        .split('\t')
        .collect();
    assert!(
        sgddt[2].parse::<usize>().expect("count") > 0,
        "Education wrote part of its plan"
    );
    // Finance's plan went through review and was approved.
    assert!(
        plans.lines().any(|l| l.starts_with("STC\tapproved\t0\t")),
        "{plans}"
    );
    assert!(
        plans.lines().any(|l| l.starts_with("STTTT\t")),
        "the 2020 units take part in the 2020 round"
    );
    assert!(
        plans.lines().any(|l| l.starts_with("HBS\t")),
        "and so do the districts of 2020"
    );
    let new = stdout(&kehoachso(&[
        "--database-url",
        &url,
        "plan",
        "list",
        "--round",
        "KH-2026-2030",
    ]));
    assert!(
        !new.lines()
            .any(|l| l.starts_with("STTTT\t") || l.starts_with("HBS\t")),
        "closed units do not"
    );
    assert!(
        new.lines().any(|l| l.starts_with("DKLS\t")),
        "the new communes do"
    );
    let missing = kehoachso(&[
        "--database-url",
        &url,
        "plan",
        "list",
        "--round",
        "KHONG-CO",
    ]);
    assert!(stderr(&missing).contains("Không có đợt «KHONG-CO»"));
}

#[tokio::test]
async fn check_prints_every_finding_of_a_round() {
    let db = TestDb::new(Backend::Sqlite).await.expect("db");
    let url = sqlite_url(&db);
    assert!(kehoachso(&["--database-url", &url, "--create", "demo"])
        .status
        .success());
    let o = kehoachso(&["--database-url", &url, "check", "--round", "KH-2021-2025"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let syt: Vec<Vec<&str>> = out
        .lines()
        .filter(|l| l.starts_with("SYT\t"))
        .map(|l| l.split('\t').collect())
        .collect();
    let mut codes: Vec<&str> = syt.iter().map(|f| f[1]).collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            "DG_BUDGET_SHARE",
            "SECURITY_SHARE_PROJECT",
            "SYSTEM_LEVEL_UNAPPROVED"
        ],
        "the demo's three warnings: {out}"
    );
    assert!(syt.iter().all(|f| f[2] == "warning"));
    let syt: Vec<&Vec<&str>> = syt
        .iter()
        .filter(|f| f[1] == "SECURITY_SHARE_PROJECT")
        .collect();
    assert!(
        syt[0][3].contains("DANH MỤC NHIỆM VỤ, DỰ ÁN / dòng "),
        "{}",
        syt[0][3]
    );
    assert!(
        syt[0][4].starts_with("Dự án CNTT này dành 7,0% kinh phí"),
        "{}",
        syt[0][4]
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("SGDDT\tSECTION_EMPTY\terror\t")),
        "a partly written plan misses sections"
    );
    let missing = kehoachso(&["--database-url", &url, "check", "--round", "KHONG-CO"]);
    assert!(!missing.status.success());
}
