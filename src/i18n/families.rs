//! The keys built at run time, family by family, each enumerated from the data that builds it:
//! a value added without its text (a review step, a status, a typed table, one of its columns,
//! figures or choices, a list, a catalog, an audit action, a kind of change) fails here, where
//! the scan of written-out keys cannot see it.

use super::{has, keys};
use crate::domain::audit::{action_key, ACTIONS};
use crate::domain::catalog::{self, CATALOGS};
use crate::domain::compare::Change;
use crate::domain::framework::{NodeKind, PlanKind};
use crate::domain::legal::LegalStatus;
use crate::domain::notification::NoticeKind;
use crate::domain::org_unit::OrgUnitKind;
use crate::domain::review::Step;
use crate::domain::round::PlanStatus;
use crate::domain::sheet;
use crate::domain::tables::{choice_key, Kind, LIST_TABLES, SPECS};
use crate::domain::user::Role;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Fails naming every key of a family that the catalog lacks.
fn assert_known(family: &str, keys: impl IntoIterator<Item = impl Into<String>>) {
    let missing: Vec<String> = keys
        .into_iter()
        .map(Into::into)
        .filter(|k| !has(k))
        .collect();
    assert!(
        missing.is_empty(),
        "{family}: keys missing from the catalog:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_review_step_has_its_name_button_question_and_message() {
    let keys = Step::ALL.into_iter().flat_map(|s| {
        [
            Some(s.label_key()),
            Some(s.action_key()),
            s.confirm_key(),
            Some(s.done_key()),
        ]
        .into_iter()
        .flatten()
    });
    assert_known("review steps", keys);
}

#[test]
fn every_kind_status_role_and_change_is_named() {
    assert_known("plan statuses", PlanStatus::ALL.map(PlanStatus::label_key));
    assert_known("plan kinds", PlanKind::ALL.map(PlanKind::label_key));
    assert_known("changes", Change::ALL.map(Change::label_key));
    assert_known("roles", Role::ALL.map(Role::label_key));
    assert_known("unit kinds", OrgUnitKind::ALL.map(OrgUnitKind::label_key));
    assert_known("section kinds", NodeKind::ALL.map(NodeKind::label_key));
    assert_known(
        "legal statuses",
        LegalStatus::ALL.map(LegalStatus::label_key),
    );
    assert_known("notices", NoticeKind::ALL.map(NoticeKind::text_key));
}

#[test]
fn every_typed_table_has_its_name_columns_figures_and_choices() {
    let mut keys = Vec::new();
    for spec in SPECS {
        keys.push(spec.title_key());
        keys.extend(spec.columns.iter().map(|c| spec.label_key(c.name)));
        keys.extend(spec.computed.iter().map(|c| spec.label_key(c.name)));
        for column in spec.columns {
            if let Kind::Choice(codes) = column.kind {
                keys.extend(codes.iter().map(|code| choice_key(code)));
            }
        }
    }
    assert_known("typed tables", keys);
}

/// A table's name is found through its spec (`PageCtx::table_label`): no name is left without
/// a table.
#[test]
fn every_table_name_names_a_typed_table() {
    let titles: BTreeSet<String> = SPECS.iter().map(|s| s.title_key()).collect();
    let stray: Vec<&str> = keys()
        .filter(|k| k.starts_with("table.") && !titles.contains(*k))
        .collect();
    assert!(stray.is_empty(), "names of no typed table: {stray:?}");
}

#[test]
fn every_list_sheet_has_its_name_and_every_column_its_label() {
    let mut keys = Vec::new();
    for (list, _) in LIST_TABLES {
        keys.push(sheet::list_title_key(list));
        let columns = sheet::sheet_columns(list, &[2026, 2027]).expect("a list's columns");
        keys.extend(columns.into_iter().map(|c| c.label_key));
    }
    assert_known("list sheets", keys);
}

#[test]
fn every_catalog_has_its_name() {
    assert_known("catalogs", CATALOGS.iter().map(|c| catalog::title_key(c)));
}

#[test]
fn every_audit_action_has_its_name() {
    assert_known("audit actions", ACTIONS.iter().map(|a| action_key(a)));
}

/// The string literals of the Rust files under `dir` (split on quotes, as the scan of
/// written-out keys does).
fn literals(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).expect("readable folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            literals(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("readable file");
            for literal in text.split('"').skip(1).step_by(2) {
                out.push((path.clone(), literal.to_string()));
            }
        }
    }
}

/// Every audit action the code records is in `ACTIONS`, and every one listed is recorded: an
/// action is a literal `object.verb` in the code that writes (the store, the use-cases, the
/// web, the command line, the demo) that is neither a catalog key, nor a file name, nor a
/// demo account's username.
#[test]
fn the_listed_audit_actions_are_the_recorded_ones() {
    const FILE_EXTENSIONS: &[&str] = &[
        "html", "css", "js", "svg", "xml", "typ", "csv", "json", "xlsx", "docx", "pdf", "toml",
        "txt", "db", "sql",
    ];
    let usernames: BTreeSet<&str> = crate::demo::usernames().collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for dir in ["db", "app", "web", "cli", "demo"] {
        literals(&root.join(dir), &mut found);
    }
    let shaped = |literal: &str| {
        literal.split_once('.').is_some_and(|(object, verb)| {
            [object, verb].iter().all(|part| {
                part.starts_with(|c: char| c.is_ascii_lowercase())
                    && part.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            }) && !FILE_EXTENSIONS.contains(&verb)
        })
    };
    let recorded: Vec<&(PathBuf, String)> = found
        .iter()
        .filter(|(_, l)| shaped(l) && !has(l) && !usernames.contains(l.as_str()))
        .collect();
    let unlisted: Vec<String> = recorded
        .iter()
        .filter(|(_, l)| !ACTIONS.contains(&l.as_str()))
        .map(|(path, l)| format!("{}: {l}", path.display()))
        .collect();
    assert!(
        unlisted.is_empty(),
        "audit actions missing from domain::audit::ACTIONS (or catalog keys missing from the \
         catalog):\n{}",
        unlisted.join("\n")
    );
    let never: Vec<&&str> = ACTIONS
        .iter()
        .filter(|a| !recorded.iter().any(|(_, l)| l == *a))
        .collect();
    assert!(never.is_empty(), "listed but never recorded: {never:?}");
}

/// Every text under `action.` names a listed action (`action.unit.merge`) or a group of them
/// in the log's filter (`action.unit`): none is left over from an action no longer recorded.
#[test]
fn every_action_text_names_a_listed_action_or_group() {
    let stray: Vec<&str> = keys()
        .filter_map(|k| k.strip_prefix("action."))
        .filter(|a| {
            let group = format!("{a}.");
            !ACTIONS.contains(a) && !ACTIONS.iter().any(|listed| listed.starts_with(&group))
        })
        .collect();
    assert!(stray.is_empty(), "action texts of no action: {stray:?}");
}
