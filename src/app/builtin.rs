//! What the product ships with, whatever the database: the built-in frameworks (the seed's
//! 2021–2025 framework of Quảng Ngãi and the 2026–2030 one made from it), the legal documents
//! they cite and the catalogs. Installed once, at start; what is already stored is left alone.

use crate::db::{AuditCtx, DbError, Store};
use crate::domain::framework::{apply_english, parse_framework_file, FrameworkDraft};
use chrono::{DateTime, Utc};

/// (file name, contents, English overlay)
const FRAMEWORK_FILES: &[(&str, &str, &str)] = &[
    (
        "khung-2021-2025.toml",
        include_str!("../../frameworks/khung-2021-2025.toml"),
        include_str!("../../frameworks/khung-2021-2025.en.toml"),
    ),
    (
        "khung-2026-2030.toml",
        include_str!("../../frameworks/khung-2026-2030.toml"),
        include_str!("../../frameworks/khung-2026-2030.en.toml"),
    ),
];

/// (source, file contents): the legal documents each built-in framework lists.
const LEGAL_FILES: &[(&str, &str)] = &[(
    "KHUNG-2021-2025",
    include_str!("../../frameworks/van-ban-2020.toml"),
)];

/// The catalogs: funding sources, task groups, security levels, indicators, ….
const CATALOG_FILE: &str = include_str!("../../frameworks/danh-muc.toml");

/// The built-in frameworks, parsed and checked.
pub fn frameworks() -> Result<Vec<FrameworkDraft>, String> {
    FRAMEWORK_FILES
        .iter()
        .map(|(name, text, english)| {
            let mut draft = parse_framework_file(text).map_err(|e| format!("{name}: {e}"))?;
            apply_english(&mut draft, english).map_err(|e| format!("{name} (English): {e}"))?;
            Ok(draft)
        })
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum BuiltinError {
    #[error("a built-in framework is not valid: {0}")]
    Invalid(String),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// The name under which the digest of the shipped files is kept.
const SHIPPED: &str = "builtin";

/// A digest of every shipped file, names and contents: it changes with any of them.
fn shipped_digest() -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    let files = FRAMEWORK_FILES
        .iter()
        .flat_map(|(name, text, english)| [*name, *text, *english])
        .chain(
            LEGAL_FILES
                .iter()
                .flat_map(|(source, text)| [*source, *text]),
        )
        .chain([CATALOG_FILE]);
    for part in files {
        // Each part's length first, so that no two different sets of files read the same.
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// Installs the built-in frameworks, legal documents and catalogs that the database does not
/// have yet. When the files shipped are those last installed, there is nothing to read: every
/// command starts with this, and reading the files is most of a short command's work.
pub async fn install(store: &Store, now: DateTime<Utc>) -> Result<(), BuiltinError> {
    let digest = shipped_digest();
    if store.shipped_digest(SHIPPED).await?.as_deref() == Some(digest.as_str()) {
        return Ok(());
    }
    install_files(store, now).await?;
    store.record_shipped(SHIPPED, &digest, now).await?;
    Ok(())
}

/// Installs what of the shipped files the database does not have yet.
async fn install_files(store: &Store, now: DateTime<Utc>) -> Result<(), BuiltinError> {
    let ctx = AuditCtx {
        at: now,
        actor_user_id: None,
        actor_name: "system".to_string(),
    };
    for draft in frameworks().map_err(BuiltinError::Invalid)? {
        store.install_framework(&draft, &ctx).await?;
    }
    for (source, text) in LEGAL_FILES {
        let docs = crate::domain::legal::parse_catalog(text, source)
            .map_err(|e| BuiltinError::Invalid(format!("{source}: {e}")))?;
        store.install_legal_documents(source, &docs, &ctx).await?;
    }
    let entries = crate::domain::catalog::parse_seed(CATALOG_FILE)
        .map_err(|e| BuiltinError::Invalid(format!("danh-muc.toml: {e}")))?;
    store.install_catalogs(&entries, &ctx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework::{NodeKind, PlanKind};

    #[tokio::test]
    async fn a_start_with_the_files_last_installed_reads_nothing_and_new_files_are_installed() {
        let store = Store::in_memory().await.expect("store");
        let now = chrono::Utc::now();
        // The digest of these very files is stored, as after an earlier start: nothing to do.
        store
            .record_shipped(SHIPPED, &shipped_digest(), now)
            .await
            .expect("recorded");
        install(&store, now).await.expect("install");
        assert!(store.frameworks().await.expect("q").is_empty());
        // Files that differ from those last installed are installed, and their digest kept.
        store
            .record_shipped(SHIPPED, "an earlier release", now)
            .await
            .expect("recorded");
        install(&store, now).await.expect("install");
        assert_eq!(store.frameworks().await.expect("q").len(), 2);
        assert_eq!(
            store.shipped_digest(SHIPPED).await.expect("q"),
            Some(shipped_digest())
        );
        // A second start finds them in place.
        install(&store, now).await.expect("install again");
        assert_eq!(store.frameworks().await.expect("q").len(), 2);
    }

    #[test]
    fn the_built_in_frameworks_parse_and_cover_both_periods() {
        let all = frameworks().expect("valid files");
        let periods: Vec<(i32, i32)> = all.iter().map(|f| (f.period_start, f.period_end)).collect();
        assert_eq!(periods, [(2021, 2025), (2026, 2030)]);
        for f in &all {
            assert!(f.nodes.len() > 60, "{} has {} nodes", f.code, f.nodes.len());
            for kind in [PlanKind::FiveYear, PlanKind::Annual] {
                assert!(
                    f.nodes
                        .iter()
                        .any(|n| n.applies(kind) && n.kind.is_answered()),
                    "{} has something to answer in a {kind:?} plan",
                    f.code
                );
            }
            assert!(
                f.nodes.iter().any(|n| n.kind == NodeKind::ChecklistItem),
                "{}: focus items",
                f.code
            );
        }
    }

    fn norm(text: &str) -> String {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches(':')
            .trim()
            .to_lowercase()
    }

    /// A heading of the seed: its numbering (`Phần I`, `IV.`, `3.`, `b)`) and its text, as far
    /// as the line goes (the seed's lines are hard-wrapped).
    fn seed_heading(line: &str) -> Option<(String, String, bool)> {
        let trimmed = line.trim();
        for prefix in ["Phần ", "Phụ lục "] {
            if let Some(rest) = trimmed.strip_prefix(prefix) {
                let (numeral, title) = rest.split_once(' ').unwrap_or((rest, ""));
                if numeral.chars().all(|c| "IVX".contains(c)) {
                    return Some((format!("{prefix}{numeral}"), title.to_string(), true));
                }
            }
        }
        // Numbered points start the line (at most one space of the extraction before them).
        if line.starts_with("  ") {
            return None;
        }
        let (number, title) = trimmed.split_once(' ')?;
        let title = title.trim();
        let roman = number
            .strip_suffix('.')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| "IVX".contains(c)));
        let arabic = number
            .strip_suffix('.')
            .is_some_and(|n| n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()));
        let letter = number.strip_suffix(')').is_some_and(|n| {
            n.len() == 1 && ('a'..='k').contains(&n.chars().next().unwrap_or(' '))
        });
        let capital = title.chars().next().is_some_and(char::is_uppercase);
        // Roman sections and lettered points are headings of their own; a numbered line may be
        // a point of a list that the framework keeps in its section's guidance.
        (capital && (roman || letter || arabic))
            .then(|| (number.to_string(), title.to_string(), !arabic))
    }

    #[test]
    fn the_seed_framework_matches_the_seed_heading_by_heading() {
        let seed = include_str!("../../tests/fixtures/khung-2020-quang-ngai.txt");
        let framework = &frameworks().expect("valid files")[0];
        let guidance: String = framework
            .nodes
            .iter()
            .map(|n| norm(&n.guidance))
            .collect::<Vec<_>>()
            .join(" ");
        let mut checked = 0;
        let mut missing = Vec::new();
        for (number, title, must_be_node) in seed.lines().filter_map(seed_heading) {
            let title = norm(&title);
            let short: String = title.chars().take(25).collect();
            let as_node = framework.nodes.iter().any(|n| {
                let node_title = norm(&n.title);
                norm(&n.numbering) == norm(&number)
                    && (node_title.starts_with(&short)
                        || title.starts_with(&node_title.chars().take(25).collect::<String>()))
            });
            // Report-form fields ("1. Tên CSDL quốc gia:") and list points live in guidance.
            let in_guidance = !must_be_node && guidance.contains(&short);
            if !(as_node || in_guidance) {
                missing.push(format!("{number} {title}"));
            }
            checked += 1;
        }
        assert!(checked > 60, "only {checked} headings read from the seed");
        assert!(
            missing.is_empty(),
            "headings of the seed missing or renamed:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn every_section_of_both_frameworks_reads_in_english_too() {
        for f in frameworks().expect("valid files") {
            for n in &f.nodes {
                assert!(
                    !n.english.title.is_empty(),
                    "{} {} has no English title",
                    f.code,
                    n.key
                );
                assert_eq!(
                    n.guidance.is_empty(),
                    n.english.guidance.is_empty(),
                    "{} {} guidance",
                    f.code,
                    n.key
                );
            }
        }
    }

    #[test]
    fn the_seeds_legal_documents_are_a_catalog() {
        let docs = crate::domain::legal::parse_catalog(LEGAL_FILES[0].1, "KHUNG-2021-2025")
            .expect("valid");
        assert!(docs.len() > 30, "{} documents", docs.len());
        let nq17 = docs
            .iter()
            .find(|d| d.number == "17/NQ-CP")
            .expect("Resolution 17 listed");
        assert!(
            nq17.province_document.contains("61/KH-UBND"),
            "with the province's plan implementing it"
        );
    }

    #[test]
    fn the_seed_framework_keeps_the_seeds_headings_and_guidance() {
        let all = frameworks().expect("valid files");
        let seed = &all[0];
        let text: String = seed
            .nodes
            .iter()
            .map(|n| format!("{} {}\n{}\n", n.numbering, n.title, n.guidance))
            .collect();
        for expected in [
            "MÔI TRƯỜNG PHÁP LÝ",
            "HẠ TẦNG KỸ THUẬT",
            "PHÁT TRIỂN DỮ LIỆU",
            "AN TOÀN THÔNG TIN",
            "DANH MỤC NHIỆM VỤ, DỰ ÁN",
            "Hệ thống thông tin và CSDL Người có công",
            "Nghị quyết số 17/NQ-CP",
            "mô hình 4 lớp",
        ] {
            assert!(
                text.contains(expected),
                "the seed framework lacks «{expected}»"
            );
        }
        let tables: Vec<&str> = seed
            .nodes
            .iter()
            .filter_map(|n| n.table.as_deref())
            .collect();
        for table in [
            "databases_national",
            "information_systems",
            "tasks",
            "funding",
            "indicators",
        ] {
            assert!(tables.contains(&table), "the seed places the {table} table");
        }
    }
}
