//! The plan's document details: what the official document prints in its header and at its
//! end. Saved through `app::meta`.

use super::load::load;
use crate::app::meta::save_meta;
use crate::app::{Conflict, Refusal};
use crate::domain::authz::{can, Action};
use crate::domain::ids::PlanId;
use crate::domain::org_unit::OrgUnit;
use crate::domain::round::{Plan, PlanMeta, PlanMetaForm, Round};
use crate::domain::validation::FieldErrors;
use crate::web::page::{refused, render, PageCtx};
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;

#[derive(Template)]
#[template(path = "plans/meta.html")]
struct MetaPage {
    ctx: PageCtx,
    plan: Plan,
    round: Round,
    unit: OrgUnit,
    form: PlanMetaForm,
    errors: FieldErrors,
    can_edit: bool,
    /// Set when someone saved the facts since this form was opened.
    conflict: bool,
}

impl MetaPage {
    /// `Số: 05/KH-SYT` as the document will show it.
    fn symbol(&self) -> String {
        let meta = PlanMeta {
            doc_number: self.form.doc_number.clone(),
            ..PlanMeta::default()
        };
        format!("Số: {}", meta.symbol(&self.unit.doc.abbreviation, "…"))
    }
}

fn meta_form(meta: &PlanMeta, version: i32, unit: &OrgUnit) -> PlanMetaForm {
    PlanMetaForm {
        doc_number: meta.doc_number.clone(),
        doc_place: if meta.doc_place.is_empty() {
            unit.doc.place_name.clone()
        } else {
            meta.doc_place.clone()
        },
        doc_date: meta
            .doc_date
            .map(crate::domain::text::format_date)
            .unwrap_or_default(),
        signer_authority: meta.signer_authority.clone(),
        signer_title: meta.signer_title.clone(),
        signer_name: meta.signer_name.clone(),
        recipients: meta.recipients.clone(),
        base_version: version,
    }
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = load(&state, &user, PlanId(id)).await?;
    let (meta, version) = state.store.plan_meta(loaded.at.plan.id).await?;
    let plan = loaded.at.plan;
    render(&MetaPage {
        form: meta_form(&meta, version, &loaded.unit),
        can_edit: can(
            &user.actor(),
            Action::EditPlan(plan.org_unit_id, plan.status),
        ),
        ctx,
        plan,
        round: loaded.at.round,
        unit: loaded.unit,
        errors: FieldErrors::new(),
        conflict: false,
    })
}

pub(super) async fn save(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<PlanMetaForm>,
) -> Result<Response, AppError> {
    let saved = save_meta(
        &state.store,
        &user.who(),
        PlanId(id),
        &form,
        state.clock.now(),
    )
    .await;
    let (form, errors, conflict) = match saved {
        Ok(_) => {
            return Ok(Redirect::to(&format!("/plans/{id}/meta?msg=common.saved")).into_response())
        }
        Err(Refusal::Invalid(errors)) => (form, errors, false),
        // Someone saved first: show the form again with what this user typed, and the version
        // now stored, so that saving again is a choice made knowingly.
        Err(Refusal::Conflict(Conflict::Meta(current))) => {
            let form = PlanMetaForm {
                base_version: current,
                ..form
            };
            (form, FieldErrors::new(), true)
        }
        Err(other) => return Err(other.into()),
    };
    // Refused after the plan was found open to this user: the form stays editable.
    let loaded = load(&state, &user, PlanId(id)).await?;
    Ok(refused(
        render(&MetaPage {
            can_edit: true,
            ctx,
            plan: loaded.at.plan,
            round: loaded.at.round,
            unit: loaded.unit,
            form,
            errors,
            conflict,
        })?,
        conflict,
    ))
}
