//! Saving a section: by autosave (htmx, answered with a fragment) or by the form without
//! script (answered with the page). The save itself, with all its rules, is `app::sections`.

use super::editor::{editor_page, Refused};
use super::load::load;
use crate::app::sections::save_section;
use crate::app::{Conflict, Refusal};
use crate::domain::ids::PlanId;
use crate::domain::round::{SectionContent, SectionForm};
use crate::domain::validation::FieldErrors;
use crate::web::page::{conflicted, refused as page_refused, render, unprocessable, PageCtx};
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;

#[derive(Template)]
#[template(path = "plans/_saved.html")]
struct SavedFragment {
    ctx: PageCtx,
    section: SectionContent,
}

#[derive(Template)]
#[template(path = "plans/_conflict.html")]
struct ConflictFragment {
    ctx: PageCtx,
    theirs: SectionContent,
}

#[derive(Template)]
#[template(path = "plans/_save_error.html")]
struct SaveErrorFragment {
    ctx: PageCtx,
    errors: FieldErrors,
}

/// An htmx answer that lands somewhere other than where the form asked.
fn retarget(mut response: Response, target: &'static str) -> Response {
    response
        .headers_mut()
        .insert("hx-retarget", HeaderValue::from_static(target));
    response
        .headers_mut()
        .insert("hx-reswap", HeaderValue::from_static("innerHTML"));
    response
}

pub(super) async fn save(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    headers: HeaderMap,
    Path((id, key)): Path<(i64, String)>,
    Form(sent): Form<SectionForm>,
) -> Result<Response, AppError> {
    let who = user.who();
    let saved = save_section(
        &state.store,
        &who,
        PlanId(id),
        &key,
        &sent,
        state.clock.now(),
    )
    .await;
    let htmx = headers.contains_key("hx-request");
    // The autosave path answers with a fragment; the whole page is built only when a save
    // without script is refused.
    let refused = match saved {
        Ok(section) if htmx => return render(&SavedFragment { ctx, section }),
        Ok(_) => {
            let to = format!("/plans/{id}?section={key}&msg=common.saved");
            return Ok(Redirect::to(&to).into_response());
        }
        Err(Refusal::Invalid(errors)) if htmx => {
            let fragment = render(&SaveErrorFragment { ctx, errors })?;
            return Ok(unprocessable(retarget(fragment, "#save-status")));
        }
        Err(Refusal::Conflict(Conflict::Section(theirs))) if htmx => {
            let fragment = render(&ConflictFragment {
                ctx,
                theirs: *theirs,
            })?;
            return Ok(conflicted(retarget(fragment, "#conflict")));
        }
        Err(Refusal::Invalid(errors)) => Refused {
            sent: Some(sent),
            errors,
            conflict: None,
        },
        Err(Refusal::Conflict(Conflict::Section(theirs))) => Refused {
            sent: Some(sent),
            errors: FieldErrors::new(),
            conflict: Some(*theirs),
        },
        Err(other) => return Err(other.into()),
    };
    let conflict = refused.conflict.is_some();
    let loaded = load(&state, &user, PlanId(id)).await?;
    let page = editor_page(&state, ctx, &user, loaded, Some(&key), refused).await?;
    Ok(page_refused(page, conflict))
}
