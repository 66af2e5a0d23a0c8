//! `export --round ROUND --province`: the province's consolidated plan from the command line,
//! with a progress bar on a terminal and a last line naming what was gathered and left out.

use super::CliError;
use crate::app::documents::{province_source, ProvinceFormat};
use crate::db::Store;
use crate::domain::clock::{vietnam_day, Clock, SystemClock};
use crate::domain::user::Language;
use crate::export::model::Margins;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;

pub(super) async fn export(
    store: &Store,
    round_code: &str,
    format: &str,
    margins: Margins,
    out: &Path,
) -> Result<(), CliError> {
    let format = ProvinceFormat::from_code(format).ok_or_else(|| {
        CliError::new(format!(
            "Định dạng «{format}» không có cho kế hoạch tổng hợp; dùng docx, pdf hoặc xlsx."
        ))
    })?;
    let round = store
        .round_by_code(round_code)
        .await?
        .ok_or_else(|| CliError::new(format!("Không có đợt «{round_code}».")))?;
    // Drawn only on a terminal: a pipe or a log file gets the last line alone.
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(0), target);
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} đơn vị ({elapsed})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message("Đang tổng hợp");
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let today = vietnam_day(&SystemClock.now());
    let source = province_source(store, &round, today, &progress)
        .await
        .map_err(|e| match e {
            crate::db::DbError::NotFound => CliError::new(
                "Chưa xác định được cơ quan chủ trì: cần ít nhất một tài khoản quản trị thuộc cơ quan đó.",
            ),
            other => other.into(),
        })?;
    bar.set_message("Đang tạo tệp");
    let bytes = format
        .render(&source, margins, Language::Vi)
        .map_err(CliError::new)?;
    bar.finish_and_clear();
    std::fs::write(out, bytes).map_err(|e| CliError::new(format!("{}: {e}", out.display())))?;
    let left_out: Vec<String> = source
        .left_out
        .iter()
        .map(|l| format!("{} ({})", l.code, l.status.to_lowercase()))
        .collect();
    let total = source.plans.len() + source.left_out.len();
    println!(
        "Đã tổng hợp {}/{total} kế hoạch đã phê duyệt vào «{}»; chưa tổng hợp: {}.",
        source.plans.len(),
        out.display(),
        if left_out.is_empty() {
            "không có".to_string()
        } else {
            left_out.join(", ")
        }
    );
    Ok(())
}
