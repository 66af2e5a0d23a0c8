//! The province's consolidated plan from the round's board: a job that reads the approved
//! plans one by one and renders the file off the runtime, a page that shows its progress and
//! refreshes itself until the file is ready, and the file.

use super::jobs::{Finished, Job, Phase};
use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::{AppError, AppState};
use crate::app::documents::{province_source, ProvinceFormat};
use crate::domain::authz::{can, Action};
use crate::domain::ids::RoundId;
use crate::domain::round::Round;
use crate::domain::user::Language;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::Arc;

pub fn routes(r: Routes) -> Routes {
    r.post("/rounds/{id}/export/{format}", Access::Department, start)
        .get("/rounds/{id}/export/jobs/{job}", Access::Department, show)
        .get(
            "/rounds/{id}/export/jobs/{job}/file",
            Access::Department,
            file,
        )
}

/// The round, for department roles only.
async fn round_for(state: &AppState, user: &CurrentUser, id: i64) -> Result<Round, AppError> {
    if !can(&user.actor(), Action::ViewRound) {
        return Err(AppError::Forbidden);
    }
    state
        .store
        .round(RoundId(id))
        .await?
        .ok_or(AppError::NotFound)
}

/// Starts a job and sends the user to its page; when too many are running, back to the board
/// with a message.
async fn start(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, format)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let round = round_for(&state, &user, id).await?;
    let format = ProvinceFormat::from_code(&format).ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let Some(job) = state
        .jobs
        .start(super::random_name(), user.user.id, round.id, now)
    else {
        return Ok(Redirect::to(&format!("/rounds/{id}?msg=province.busy")).into_response());
    };
    tracing::info!(round = %round.code, format = format.extension(), "consolidated plan started");
    let name = format!(
        "{}_{}.{}",
        round.code,
        ctx.t("province.file_name"),
        format.extension()
    );
    tokio::spawn(run(
        state.clone(),
        round,
        format,
        job.clone(),
        name,
        ctx.lang,
    ));
    Ok(Redirect::to(&format!("/rounds/{id}/export/jobs/{}", job.id)).into_response())
}

/// The job's work: gather with progress, render in a document slot, keep the file.
async fn run(
    state: AppState,
    round: Round,
    format: ProvinceFormat,
    job: Arc<Job>,
    file_name: String,
    lang: Language,
) {
    let today = state.today();
    let progress = |done, total| job.progress(done, total);
    let result = match province_source(&state.store, &round, today, &progress).await {
        Ok(source) => {
            job.writing();
            let margins = state.config.document_margins;
            match state
                .render(move || format.render(&source, margins, lang))
                .await
            {
                Ok(rendered) => rendered,
                Err(e) => Err(e.to_string()),
            }
        }
        Err(e) => Err(e.to_string()),
    };
    let finished = match result {
        Ok(bytes) => Some(Finished {
            file_name,
            content_type: format.content_type(),
            bytes,
        }),
        Err(error) => {
            tracing::error!(round = %round.code, %error, "consolidated plan failed");
            None
        }
    };
    job.finish(finished, state.clock.now());
}

#[derive(Template)]
#[template(path = "rounds/export_job.html")]
struct JobPage {
    ctx: PageCtx,
    round: Round,
    job_id: String,
    done: usize,
    total: usize,
    state: &'static str,
    file_name: String,
}

impl JobPage {
    fn counts(&self) -> String {
        format!("{}/{}", self.done, self.total)
    }
}

/// The job's page: progress while it runs (the page asks again every second), then the link.
async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path((id, job)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let round = round_for(&state, &user, id).await?;
    let job = state
        .jobs
        .get(&job, user.user.id, round.id)
        .ok_or(AppError::NotFound)?;
    let (done, total) = job.counts();
    let (phase, file_name) = match job.phase() {
        Phase::Gathering => ("gathering", String::new()),
        Phase::Writing => ("writing", String::new()),
        Phase::Done(f) => ("done", f.file_name.clone()),
        Phase::Failed => ("failed", String::new()),
    };
    render(&JobPage {
        ctx,
        round,
        job_id: job.id.clone(),
        done,
        total,
        state: phase,
        file_name,
    })
}

/// The finished file, under its Vietnamese name.
async fn file(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, job)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let round = round_for(&state, &user, id).await?;
    let job = state
        .jobs
        .get(&job, user.user.id, round.id)
        .ok_or(AppError::NotFound)?;
    let Phase::Done(finished) = job.phase() else {
        return Err(AppError::NotFound);
    };
    Ok(super::download::download(
        &finished.file_name,
        finished.content_type,
        finished.bytes.clone(),
    ))
}
