//! The command line as a Unix tool and as a door to the plans: lists that end quietly when
//! their reader goes away, documents to standard output or over a file only when asked, and
//! imports that take the same rules as the pages.

use crate::cli::{kehoachso, sqlite_url, stderr, stdout};
use crate::helpers::{Backend, TestDb};
use std::process::{Command, Stdio};

/// A database with the demo loaded, by the command line.
async fn demo_db() -> (TestDb, String) {
    let db = TestDb::new(Backend::Sqlite).await.expect("db");
    let url = sqlite_url(&db);
    let o = kehoachso(&["--database-url", &url, "--create", "demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    (db, url)
}

#[tokio::test]
async fn every_list_ends_quietly_when_its_reader_goes_away() {
    let (_db, url) = demo_db().await;
    let lists: &[&[&str]] = &[
        &["unit", "list"],
        &["user", "list"],
        &["round", "list"],
        &["framework", "list"],
        &["framework", "show", "KHUNG-2021-2025", "--guidance"],
        &["plan", "list", "--round", "KH-2021-2025"],
        &["plan", "history", "KH-2021-2025/STC"],
        &["check", "--round", "KH-2021-2025"],
    ];
    for args in lists {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kehoachso"))
            .arg("--database-url")
            .arg(&url)
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        // The reader goes away before the first line: every write meets a closed pipe.
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("it ends");
        let err = stderr(&o);
        assert!(o.status.success(), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?} said: {err}");
    }
}

#[tokio::test]
async fn a_document_goes_to_standard_output_or_over_a_file_only_when_asked() {
    let (_db, url) = demo_db().await;
    let export = |out: &str, force: bool| {
        let mut args = vec![
            "--database-url",
            &url,
            "export",
            "--plan",
            "KH-2021-2025/SYT",
            "--format",
            "docx",
            "--out",
            out,
        ];
        if force {
            args.push("--force");
        }
        kehoachso(&args)
    };
    let o = export("-", false);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.starts_with(b"PK"), "a DOCX on standard output");
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("ke-hoach.docx");
    std::fs::write(&file, b"old").expect("write");
    let path = file.to_str().expect("utf-8");
    let o = export(path, false);
    assert!(
        !o.status.success() && stderr(&o).contains("đã có"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read(&file).expect("read"),
        b"old",
        "left as it was"
    );
    let o = export(path, true);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&file).expect("read").starts_with(b"PK"));
}

#[tokio::test]
async fn an_import_takes_the_rules_of_the_pages() {
    let (_db, url) = demo_db().await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("he-thong.csv");
    let path = file.to_str().expect("utf-8");
    let o = kehoachso(&[
        "--database-url",
        &url,
        "export",
        "--plan",
        "KH-2021-2025/SYT",
        "--table",
        "systems",
        "--format",
        "csv",
        "--out",
        path,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let import = |plan: &str, who: &str| {
        kehoachso(&[
            "--database-url",
            &url,
            "import",
            "--plan",
            plan,
            "--table",
            "systems",
            "--as",
            who,
            path,
        ])
    };
    let before = stdout(&kehoachso(&[
        "--database-url",
        &url,
        "plan",
        "list",
        "--round",
        "KH-2021-2025",
    ]));
    // Sở Tài chính's plan is approved and Sở Nội vụ's submitted: neither takes rows.
    for (plan, who) in [
        ("KH-2021-2025/STC", "canbo.stc"),
        ("KH-2021-2025/SNV", "lanhdao.snv"),
    ] {
        let o = import(plan, who);
        assert!(!o.status.success(), "{plan}: {}", stdout(&o));
        assert!(
            stderr(&o).contains("không nhận thay đổi"),
            "{plan}: {}",
            stderr(&o)
        );
    }
    // Another unit's user, and nobody at all, are refused too.
    let o = import("KH-2021-2025/SYT", "canbo.stc");
    assert!(
        !o.status.success() && stderr(&o).contains("không có quyền"),
        "{}",
        stderr(&o)
    );
    let o = import("KH-2021-2025/SYT", "khong.co");
    assert!(
        !o.status.success() && stderr(&o).contains("khong.co"),
        "{}",
        stderr(&o)
    );
    let after = stdout(&kehoachso(&[
        "--database-url",
        &url,
        "plan",
        "list",
        "--round",
        "KH-2021-2025",
    ]));
    let changed = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("STC\t") || l.starts_with("SNV\t"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        changed(&before),
        changed(&after),
        "the locked plans are as they were"
    );
    // Sở Y tế's own editor imports into its returned plan.
    let o = import("KH-2021-2025/SYT", "canbo.syt");
    assert!(o.status.success(), "{}", stderr(&o));
}
