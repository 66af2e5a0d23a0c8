//! A row someone else changed first, set beside what this user typed, field by field, so that
//! the choice between the two is made on the page without leaving it.

use super::table_view::{fields, FieldView};
use crate::app::catalogs::Choices;
use crate::db::RowRecord;
use crate::domain::tables::{row_form, Row, RowForm, TableSpec};
use crate::web::page::PageCtx;
use chrono::{DateTime, Utc};

/// One field where the stored row and the sent form differ, in the words the page shows.
pub struct Difference {
    pub label: String,
    pub theirs: String,
    pub mine: String,
}

/// The row as the other person saved it: who, when, and where it differs from the form.
pub struct RowConflictView {
    pub by: Option<String>,
    pub at: DateTime<Utc>,
    pub differences: Vec<Difference>,
}

impl RowConflictView {
    /// `typed` is the sent form as read: both sides are compared as the product prints them,
    /// so `1250,5` and `1.250,5` are the same; a value that did not read is shown as sent.
    pub fn new(
        ctx: &PageCtx,
        spec: &TableSpec,
        current: &RowRecord,
        (sent, typed): (&RowForm, &Row),
        years: &[i32],
        choices: &Choices,
    ) -> Self {
        let stored = row_form(spec, &current.row, years.iter().copied());
        let mut read = row_form(spec, typed, years.iter().copied());
        for (name, value) in read.iter_mut() {
            if let Some(raw) = sent.get(name).filter(|_| value.is_empty()) {
                value.clone_from(raw);
            }
        }
        let theirs = fields(spec, &stored, years, choices);
        let mine = fields(spec, &read, years, choices);
        let mut differences = Vec::new();
        for (t, m) in theirs.iter().zip(&mine) {
            let label = ctx.t(&t.label_key);
            if t.years.is_empty() {
                if t.value.trim() != m.value.trim() {
                    differences.push(Difference {
                        label: label.to_string(),
                        theirs: shown(ctx, t, &t.value),
                        mine: shown(ctx, m, &m.value),
                    });
                }
                continue;
            }
            for ((year, their_value, _), (_, my_value, _)) in t.years.iter().zip(&m.years) {
                if their_value.trim() != my_value.trim() {
                    differences.push(Difference {
                        label: format!("{label} ({year})"),
                        theirs: their_value.clone(),
                        mine: my_value.clone(),
                    });
                }
            }
        }
        Self {
            by: current.updated_by.clone(),
            at: current.updated_at,
            differences,
        }
    }
}

/// A value as the form shows it: a choice by its label, a tick as yes or no.
fn shown(ctx: &PageCtx, field: &FieldView, value: &str) -> String {
    match field.input {
        "checkbox" => ctx
            .t(if value.is_empty() {
                "common.no"
            } else {
                "common.yes"
            })
            .to_string(),
        "select" => field
            .choices
            .iter()
            .find(|c| c.code == value)
            .map_or_else(|| value.to_string(), |c| ctx.choice_label(&c.label)),
        _ => value.to_string(),
    }
}
