//! Every user-visible text, in Vietnamese (first) and English, by key, and the one lookup. The
//! texts live in tables by area of the product (the modules below); each line of a table keeps
//! both languages side by side, so a text can never exist in one language only.
//! A plain table rather than a translation framework: the product has two languages, no plural
//! forms in Vietnamese, and a few `{}` placeholders filled in order.
//!
//! Keys written out in the code and the templates are checked by scanning them (the tests
//! below); keys built at run time from data (`col.TABLE.COLUMN`, `review.step_STEP`, …) by
//! enumerating every value that builds them (`families`).

use crate::domain::user::Language;
use std::collections::HashMap;
use std::sync::LazyLock;

mod audit;
mod cli;
/// The typed tables' column labels and choices: many, and kept apart from the rest.
mod columns;
mod errors;
#[cfg(test)]
mod families;
mod frameworks;
mod general;
mod plans;
mod review;
mod tables;
mod units;
mod users;

/// Every table of texts, by area.
const TABLES: &[&[(&str, &str, &str)]] = &[
    general::TEXTS,
    units::TEXTS,
    users::TEXTS,
    audit::TEXTS,
    frameworks::TEXTS,
    plans::TEXTS,
    review::TEXTS,
    tables::TEXTS,
    columns::TEXTS,
    errors::TEXTS,
    cli::TEXTS,
];

static CATALOG: LazyLock<HashMap<&'static str, (&'static str, &'static str)>> =
    LazyLock::new(|| all().map(|(k, vi, en)| (*k, (*vi, *en))).collect());

/// Every text of the catalog: (key, Vietnamese, English).
fn all() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    TABLES.iter().flat_map(|table| table.iter())
}

pub fn keys() -> impl Iterator<Item = &'static str> {
    all().map(|(k, _, _)| *k)
}

pub fn has(key: &str) -> bool {
    CATALOG.contains_key(key)
}

/// The text of `key` in `lang`. An unknown key shows itself, so a missing text is visible
/// rather than blank (and a test checks that every key the code uses exists).
pub fn text(lang: Language, key: &str) -> &'static str {
    match CATALOG.get(key) {
        Some((vi, en)) => match lang {
            Language::Vi => vi,
            Language::En => en,
        },
        None => {
            tracing::warn!(text.key = key, "text key missing from the catalog");
            CATALOG.get("error.title").map(|(vi, _)| *vi).unwrap_or("?")
        }
    }
}

/// The text of `key` with each `{}` replaced by the next argument.
pub fn text_with(lang: Language, key: &str, args: &[&str]) -> String {
    let mut out = String::new();
    let mut args = args.iter();
    let mut parts = text(lang, key).split("{}").peekable();
    while let Some(part) = parts.next() {
        out.push_str(part);
        if parts.peek().is_some() {
            out.push_str(args.next().copied().unwrap_or_default());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_both_languages_are_filled() {
        let mut seen = std::collections::HashSet::new();
        for (key, vi, en) in all() {
            assert!(seen.insert(key), "duplicate key {key}");
            assert!(
                !vi.trim().is_empty() && !en.trim().is_empty(),
                "{key} is empty"
            );
            assert_eq!(
                vi.matches("{}").count(),
                en.matches("{}").count(),
                "{key} placeholders"
            );
        }
    }

    /// The families of the keys written out in code and templates.
    const PREFIXES: &[&str] = &[
        "app.",
        "nav.",
        "lang.",
        "role.",
        "kind.",
        "login.",
        "home.",
        "common.",
        "units.",
        "import.",
        "users.",
        "notice.",
        "account.",
        "audit.",
        "err.",
        "error.",
        "frameworks.",
        "rounds.",
        "plan.",
        "plan_kind.",
        "plan_status.",
        "section.",
        "node.",
        "rte.",
        "table.",
        "finding.",
        "meta.",
        "task_group.",
        "tasks.",
        "tables.",
        "catalogs.",
        "catalog.",
        "choice.",
        "col.",
        "action.",
        "cli.",
        "sheet.",
        "lists.",
        "review.",
        "board.",
        "legal.",
        "province.",
    ];

    /// Every key that templates and code name exists: a key is any string literal made of a
    /// known prefix, a dot and lower-case words.
    #[test]
    fn every_key_used_in_templates_and_code_is_in_the_catalog() {
        fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("readable folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    files(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs" || e == "html") {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        files(&root.join("src"), &mut paths);
        files(&root.join("templates"), &mut paths);
        let mut missing = Vec::new();
        for path in &paths {
            let text = std::fs::read_to_string(path).expect("readable file");
            for literal in text.split('"').skip(1).step_by(2) {
                let is_key = PREFIXES.iter().any(|p| literal.starts_with(p))
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                    && !literal.ends_with('.')
                    && ![".html", ".css", ".js", ".csv", ".svg"]
                        .iter()
                        .any(|e| literal.ends_with(e));
                if is_key && !has(literal) {
                    missing.push(format!("{}: {literal}", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from the catalog:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn placeholders_are_filled_in_order() {
        assert_eq!(
            text_with(Language::Vi, "import.summary", &["3", "2"]),
            "3 đơn vị được thêm, 2 đơn vị được cập nhật."
        );
        assert_eq!(
            text_with(Language::En, "home.welcome", &["Lan"]),
            "Welcome, Lan"
        );
    }
}
