//! The plan editor: the framework's outline on the left (each section marked empty, filled or
//! not applicable), the section in the middle with its typed tables, the framework's guidance
//! beside it; the document details; the readiness view; and the tables' rows, each with a form
//! that checks as it is typed. Every write goes to `app`; these handlers parse, call and
//! render.

mod editor;
mod load;
mod meta;
mod readiness;
mod row_conflict;
mod rows;
mod sections;
mod table_view;

use super::routes::{Access, Routes};

pub fn routes(r: Routes) -> Routes {
    r.get("/plans/{id}", Access::PlanRead, editor::show)
        .get("/plans/{id}/readiness", Access::PlanRead, readiness::show)
        .post("/plans/{id}/presence", Access::PlanRead, editor::presence)
        .get("/plans/{id}/meta", Access::PlanRead, meta::show)
        .post("/plans/{id}/meta", Access::PlanWrite, meta::save)
        .post(
            "/plans/{id}/sections/{key}",
            Access::PlanWrite,
            sections::save,
        )
        .get(
            "/plans/{id}/tables/{table}/new",
            Access::PlanWrite,
            rows::new_form,
        )
        .post(
            "/plans/{id}/tables/{table}",
            Access::PlanWrite,
            rows::create,
        )
        .post(
            "/plans/{id}/tables/{table}/check",
            Access::PlanWrite,
            rows::check,
        )
        .get(
            "/plans/{id}/tables/{table}/{row}",
            Access::PlanRead,
            rows::show,
        )
        .post(
            "/plans/{id}/tables/{table}/{row}",
            Access::PlanWrite,
            rows::update,
        )
        .post(
            "/plans/{id}/tables/{table}/{row}/delete",
            Access::PlanWrite,
            rows::delete,
        )
        .post(
            "/plans/{id}/tables/{table}/{row}/move",
            Access::PlanWrite,
            rows::move_row,
        )
}
