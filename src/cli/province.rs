//! `export --round ROUND --province`: the province's consolidated plan from the command line,
//! with a progress bar on a terminal and a last line naming what was gathered and left out.

use super::output::Output;
use super::{print, say, CliError};
use crate::app::documents::{province_source, ProvinceFormat};
use crate::db::Store;
use crate::domain::clock::{vietnam_day, Clock, SystemClock};
use crate::domain::user::Language;
use crate::export::model::Margins;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub(super) async fn export(
    store: &Store,
    round_code: &str,
    format: &str,
    margins: Margins,
    out: &Output,
) -> Result<(), CliError> {
    let format = ProvinceFormat::from_code(format)
        .ok_or_else(|| CliError::say("cli.province_format", &[format]))?;
    let round = store
        .round_by_code(round_code)
        .await?
        .ok_or_else(|| CliError::say("cli.no_round", &[round_code]))?;
    // Drawn only on a terminal: a pipe or a log file gets the last line alone.
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(0), target);
    if let Ok(style) = ProgressStyle::with_template(&say("cli.province_bar", &[])) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(say("cli.province_gathering", &[]));
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let today = vietnam_day(&SystemClock.now());
    let source = province_source(store, &round, today, &progress)
        .await
        .map_err(|e| match e {
            crate::db::DbError::NotFound => CliError::say("cli.province_no_lead", &[]),
            other => other.into(),
        })?;
    bar.set_message(say("cli.province_writing", &[]));
    let bytes = format
        .render(&source, margins, Language::Vi)
        .map_err(CliError::new)?;
    bar.finish_and_clear();
    out.write(&bytes)?;
    let left_out: Vec<String> = source
        .left_out
        .iter()
        .map(|l| format!("{} ({})", l.code, l.status.to_lowercase()))
        .collect();
    let total = source.plans.len() + source.left_out.len();
    let left_out = if left_out.is_empty() {
        say("cli.province_none_left_out", &[])
    } else {
        left_out.join(", ")
    };
    let done = [
        source.plans.len().to_string(),
        total.to_string(),
        out.name(),
        left_out,
    ];
    let done: Vec<&str> = done.iter().map(String::as_str).collect();
    if out.on_stdout() {
        print("cli.province_done", &done);
    } else {
        // The document itself is on standard output: the closing line goes beside it.
        eprintln!("{}", say("cli.province_done", &done));
    }
    Ok(())
}
