//! The plans of rounds from the command line: listed with their findings, their revisions, every
//! finding of a round, a plan exported in each of its forms, and a list imported into a plan in
//! the name of one of its agency's users.

use super::output::Output;
use super::{open_store, out_line, print, say, CliError, DbArgs};
use crate::app::access::{by_path, PathError, PlanAt};
use crate::app::checks::check_round;
use crate::app::documents::{plan_sheets, plan_source, render_plan, render_xlsx, DocumentFormat};
use crate::app::exchange::{export_list, import_list, plan_json, ImportFile};
use crate::app::Who;
use crate::db::Store;
use crate::domain::clock::{Clock, SystemClock};
use crate::domain::round::Round;
use crate::domain::sheet::Format;
use crate::domain::user::Language;
use crate::export::model::Margins;
use std::io::Write;
use std::path::Path;

/// A plan named `ROUND/UNIT`.
async fn plan_at(store: &Store, path: &str) -> Result<PlanAt, CliError> {
    match by_path(store, path).await? {
        Ok(at) => Ok(at),
        Err(PathError::Shape) => Err(CliError::say("cli.plan_path", &[path])),
        Err(PathError::NoRound(code)) => Err(CliError::say("cli.no_round", &[&code])),
        Err(PathError::NoPlan(round, unit)) => Err(CliError::say("cli.no_plan", &[&round, &unit])),
    }
}

async fn round(store: &Store, code: &str) -> Result<Round, CliError> {
    store
        .round_by_code(code)
        .await?
        .ok_or_else(|| CliError::say("cli.no_round", &[code]))
}

pub(super) async fn list(db: &DbArgs, round_code: &str) -> Result<(), CliError> {
    let store = open_store(db).await?;
    let round = round(&store, round_code).await?;
    let mut out = std::io::stdout().lock();
    for (row, findings) in check_round(&store, &round).await? {
        let line = format!(
            "{}\t{}\t{}\t{}",
            row.unit_code,
            row.plan.status.code(),
            findings.len(),
            row.plan.updated_at.to_rfc3339()
        );
        out_line(&mut out, &line)?;
    }
    Ok(())
}

pub(super) async fn history(db: &DbArgs, path: &str) -> Result<(), CliError> {
    let store = open_store(db).await?;
    let at = plan_at(&store, path).await?;
    let mut out = std::io::stdout().lock();
    for r in store.plan_revisions(at.plan.id).await? {
        let line = format!(
            "{}\t{}\t{}\t{}",
            r.number,
            r.status,
            r.created_by_name,
            r.created_at.to_rfc3339()
        );
        out_line(&mut out, &line)?;
    }
    Ok(())
}

pub(super) async fn check(db: &DbArgs, round_code: &str) -> Result<(), CliError> {
    let store = open_store(db).await?;
    let round = round(&store, round_code).await?;
    let nodes = store.framework_nodes(round.framework_id).await?;
    let mut out = std::io::stdout().lock();
    for (row, findings) in check_round(&store, &round).await? {
        for f in findings {
            let node = nodes.iter().find(|n| n.key == f.node_key);
            let mut place = node.map_or(f.node_key.clone(), |n| {
                format!("{} {}", n.numbering, n.title)
            });
            if let Some(r) = &f.row {
                place.push_str(&format!(" / {}", say("cli.finding_row", &[&r.to_string()])));
            }
            if let Some(y) = f.year {
                place.push_str(&format!(
                    " / {}",
                    say("cli.finding_year", &[&y.to_string()])
                ));
            }
            let message = say(f.message_key, &[f.arg.as_deref().unwrap_or_default()]);
            let line = format!(
                "{}\t{}\t{}\t{place}\t{message}",
                row.unit_code,
                f.code,
                f.severity.code()
            );
            out_line(&mut out, &line)?;
        }
    }
    Ok(())
}

/// What `export` is asked for.
pub(super) struct Export<'a> {
    pub table: Option<&'a str>,
    pub format: &'a str,
    pub margins: Margins,
    pub out: Output,
}

fn unknown_format(format: &str) -> CliError {
    CliError::say("cli.unknown_format", &[format])
}

pub(super) async fn export_province(
    db: &DbArgs,
    round: &str,
    what: Export<'_>,
) -> Result<(), CliError> {
    what.out.check()?;
    let store = open_store(db).await?;
    super::province::export(&store, round, what.format, what.margins, &what.out).await
}

pub(super) async fn export(db: &DbArgs, path: &str, what: Export<'_>) -> Result<(), CliError> {
    what.out.check()?;
    let store = open_store(db).await?;
    let at = plan_at(&store, path).await?;
    let render_error = |e: &dyn std::fmt::Display| CliError::new(e.to_string());
    let bytes = match (what.format, what.table) {
        ("json", _) => {
            let value = plan_json(&store, &at).await?;
            serde_json::to_vec_pretty(&value).map_err(|e| render_error(&e))?
        }
        (code @ ("docx" | "pdf"), _) => {
            let format = DocumentFormat::from_code(code).ok_or_else(|| unknown_format(code))?;
            let source = plan_source(
                &store,
                &at,
                crate::domain::clock::vietnam_day(&SystemClock.now()),
            )
            .await?;
            render_plan(&source, what.margins, format).map_err(|e| render_error(&e))?
        }
        ("xlsx", None) => {
            let sheets = plan_sheets(&store, &at, Language::Vi).await?;
            render_xlsx(&sheets).map_err(|e| render_error(&e))?
        }
        (other, Some(table)) => {
            let format = Format::from_code(other).ok_or_else(|| unknown_format(other))?;
            export_list(&store, &at, table, format, Language::Vi, false)
                .await
                .map_err(|e| match e {
                    crate::app::Refusal::NotFound => CliError::say("cli.unknown_table", &[table]),
                    other => other.into(),
                })?
        }
        ("csv", None) => return Err(CliError::say("cli.csv_needs_table", &[])),
        (other, None) => return Err(unknown_format(other)),
    };
    what.out.write(&bytes)
}

/// What `import` is asked for.
pub(super) struct Import<'a> {
    pub plan: &'a str,
    pub table: &'a str,
    pub valid_only: bool,
    /// The username of the agency's user the import is made as.
    pub as_user: &'a str,
    pub file: &'a Path,
}

pub(super) async fn import(db: &DbArgs, what: Import<'_>) -> Result<(), CliError> {
    let file = what.file;
    let format = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .and_then(|e| Format::from_code(&e))
        .ok_or_else(|| CliError::say("cli.import_extension", &[]))?;
    let size = std::fs::metadata(file)
        .map_err(|e| CliError::new(format!("{}: {e}", file.display())))?
        .len();
    if size > crate::domain::sheet::MAX_BYTES as u64 {
        return Err(CliError::say("import.err_too_big", &["2 MB"]));
    }
    let bytes =
        std::fs::read(file).map_err(|e| CliError::new(format!("{}: {e}", file.display())))?;
    let store = open_store(db).await?;
    let at = plan_at(&store, what.plan).await?;
    let user = store
        .user_credentials(what.as_user)
        .await?
        .map(|(u, _)| u)
        .filter(|u| !u.disabled)
        .ok_or_else(|| CliError::say("cli.no_active_user", &[what.as_user]))?;
    let input = ImportFile {
        list: what.table,
        format,
        bytes: &bytes,
        valid_only: what.valid_only,
    };
    let outcome = import_list(
        &store,
        &Who::of(&user),
        at.plan.id,
        input,
        SystemClock.now(),
    )
    .await
    .map_err(|e| match e {
        crate::app::Refusal::NotFound => CliError::say("cli.unknown_table", &[what.table]),
        other => other.into(),
    })?;
    let mut err = std::io::stderr().lock();
    for e in &outcome.errors {
        let line = say("cli.import_line", &[&e.line.to_string()]);
        let message = say(e.key, &[e.arg.as_deref().unwrap_or_default()]);
        let _ = writeln!(err, "{line}\t{}\t{message}", e.column);
    }
    if outcome.refused {
        return Err(CliError::say(
            "cli.import_refused",
            &[&outcome.errors.len().to_string()],
        ));
    }
    print("cli.imported", &[&outcome.imported.to_string(), what.table]);
    Ok(())
}
