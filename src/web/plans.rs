//! The plan editor: the framework's outline on the left (each section marked empty, filled or
//! not applicable), the section in the middle, the framework's guidance beside it. Saving names
//! the version the editor started from, so two people never silently overwrite each other.

use super::frameworks::paragraphs;
use super::page::{render, PageCtx};
use super::routes::{Access, Routes};
use super::session::CurrentUser;
use super::units::audit_ctx;
use super::{AppError, AppState};
use crate::db::SaveError;
use crate::domain::authz::{can, Action};
use crate::domain::findings::Finding;
use crate::domain::framework::{depths, Framework, FrameworkNode, NodeKind};
use crate::domain::ids::PlanId;
use crate::domain::org_unit::OrgUnit;
use crate::domain::round::{
    Plan, PlanMeta, PlanMetaForm, PlanStatus, Round, SectionContent, SectionInput,
};
use crate::domain::user::Role;
use crate::domain::validation::FieldErrors;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes(r: Routes) -> Routes {
    r.get("/plans/{id}", Access::PlanRead, show)
        .get("/plans/{id}/readiness", Access::PlanRead, readiness)
        .post("/plans/{id}/presence", Access::PlanRead, presence)
        .get("/plans/{id}/meta", Access::PlanRead, meta_page)
        .post("/plans/{id}/meta", Access::PlanWrite, meta_save)
        .post("/plans/{id}/sections/{key}", Access::PlanWrite, save)
}

/// How a section of the outline stands, for the tree's marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionState {
    /// A heading: nothing to answer.
    Heading,
    /// A table only: filled row by row.
    Table,
    Empty,
    Filled,
    NotApplicable,
}

impl SectionState {
    pub fn code(self) -> &'static str {
        match self {
            Self::Heading => "heading",
            Self::Table => "table",
            Self::Empty => "empty",
            Self::Filled => "filled",
            Self::NotApplicable => "na",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Heading => "section.heading",
            Self::Table => "section.table",
            Self::Empty => "section.empty",
            Self::Filled => "section.filled",
            Self::NotApplicable => "section.na",
        }
    }
}

pub struct TreeRow {
    pub node: FrameworkNode,
    pub depth: usize,
    pub state: SectionState,
    pub current: bool,
    /// Empty and required: a finding points here.
    pub missing: bool,
}

/// Only nodes where the agency writes text are edited here (tables come with their own editor).
fn is_text_node(node: &FrameworkNode) -> bool {
    matches!(node.kind, NodeKind::Narrative | NodeKind::ChecklistItem)
}

struct Loaded {
    plan: Plan,
    round: Round,
    framework: Framework,
    unit: OrgUnit,
    nodes: Vec<FrameworkNode>,
}

/// A plan and its round, once the user may read the plan (`write: false`) or change its
/// content now (`write: true`). Every plan route starts here.
pub async fn plan_and_round(
    state: &AppState,
    user: &CurrentUser,
    id: PlanId,
    write: bool,
) -> Result<(Plan, Round), AppError> {
    let plan = state.store.plan(id).await?.ok_or(AppError::NotFound)?;
    let action = if write {
        Action::EditPlan(plan.org_unit_id, plan.status)
    } else {
        Action::ViewPlan(plan.org_unit_id)
    };
    if !can(&user.actor(), action) {
        return Err(AppError::Forbidden);
    }
    let round = state
        .store
        .round(plan.round_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((plan, round))
}

/// What a write touches, for a plan returned with only some sections reopened.
pub enum Touches<'a> {
    Section(&'a str),
    /// The sections holding these tables.
    Tables(&'a [&'a str]),
    /// The plan as a whole (its document details).
    Whole,
}

/// Refuses a write outside the sections that a partial return reopened; with the whole plan
/// open, every write the status allows passes.
pub async fn ensure_open(
    state: &AppState,
    plan: &Plan,
    round: &Round,
    touches: Touches<'_>,
) -> Result<(), AppError> {
    let open = state.store.open_sections(plan.id).await?;
    if open.is_empty() {
        return Ok(());
    }
    let allowed = match touches {
        Touches::Section(key) => open.iter().any(|o| o == key),
        Touches::Tables(tables) => {
            let nodes = state.store.framework_nodes(round.framework_id).await?;
            tables.iter().all(|t| {
                crate::checks::table_node(&nodes, round.kind, t).is_some_and(|n| open.contains(&n))
            })
        }
        Touches::Whole => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn load(state: &AppState, user: &CurrentUser, id: PlanId) -> Result<Loaded, AppError> {
    let (plan, round) = plan_and_round(state, user, id, false).await?;
    let framework = state
        .store
        .framework(round.framework_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let unit = state
        .store
        .unit(plan.org_unit_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let nodes = state
        .store
        .framework_nodes(framework.id)
        .await?
        .into_iter()
        .filter(|n| n.applies(round.kind))
        .collect();
    Ok(Loaded {
        plan,
        round,
        framework,
        unit,
        nodes,
    })
}

#[derive(Template)]
#[template(path = "plans/editor.html")]
struct EditorPage {
    ctx: PageCtx,
    plan: Plan,
    round: Round,
    framework: Framework,
    unit: OrgUnit,
    tree: Vec<TreeRow>,
    node: Option<FrameworkNode>,
    guidance: Vec<String>,
    section: Option<SectionContent>,
    can_edit: bool,
    /// The user may change this plan's content (text and rows).
    can_write: bool,
    /// The node takes text (a table-only node does not).
    text_node: bool,
    /// The typed tables the node asks for (with their companion), and their findings.
    tables: Vec<super::tables::TableView>,
    /// For a focus item of the annual plan: the plan's tasks that say they serve it.
    linked_tasks: Vec<(i64, String)>,
    /// Reviewers' comments on this section itself (those on rows go with their rows).
    section_comments: Vec<crate::db::Comment>,
    /// A reviewer may comment now: the plan is submitted.
    can_comment: bool,
    /// A user who may mark comments resolved.
    can_resolve: bool,
    /// The sections a partial return reopened (empty: the whole plan).
    open_sections: Vec<String>,
    /// Why the plan is locked, in words, when it is.
    lock: Option<String>,
    /// The plan's deadline: its own where an admin extended it, else its round's.
    deadline: chrono::NaiveDate,
    /// Days to the deadline (negative: late) while the agency has still to submit.
    days: Option<i64>,
    /// The message of the last return, shown to the agency.
    returned_message: Option<String>,
    /// The review steps this user may take on the plan now.
    steps: Vec<&'static str>,
    /// No errors: what a record form shows on the editor page.
    no_errors: FieldErrors,
    filled: usize,
    answerable: usize,
    /// After a refused save: what the user sent, with the reasons.
    sent: Option<SentSection>,
    errors: FieldErrors,
    conflict: Option<SectionContent>,
}

impl EditorPage {
    fn step_label(&self, step: &str) -> String {
        format!("review.do_{step}")
    }

    fn confirm_key(&self, step: &str) -> String {
        format!("review.confirm_{step}")
    }

    /// What the editor starts with: what the user sent (after a refusal), else what is stored.
    fn body(&self) -> String {
        match (&self.sent, &self.section) {
            (Some(sent), _) => sent.body.clone(),
            (None, Some(s)) => s.body_html.clone(),
            (None, None) => String::new(),
        }
    }

    /// The version a save starts from. After a conflict the user has seen the other version,
    /// so saving again deliberately replaces it.
    fn base_version(&self) -> i32 {
        match (&self.conflict, &self.sent, &self.section) {
            (Some(theirs), _, _) => theirs.version,
            (None, Some(sent), _) => sent.base_version,
            (None, None, Some(s)) => s.version,
            (None, None, None) => 0,
        }
    }

    fn not_applicable(&self) -> bool {
        match (&self.sent, &self.section) {
            (Some(sent), _) => !sent.not_applicable.is_empty(),
            (None, Some(s)) => s.not_applicable,
            (None, None) => false,
        }
    }

    fn reason(&self) -> String {
        match (&self.sent, &self.section) {
            (Some(sent), _) => sent.reason.clone(),
            (None, Some(s)) => s.not_applicable_reason.clone(),
            (None, None) => String::new(),
        }
    }

    /// `12/40`: sections answered of those to answer.
    fn progress(&self) -> String {
        format!("{}/{}", self.filled, self.answerable)
    }

    /// Why the section is read-only here, in words.
    fn lock_key(&self) -> &'static str {
        let agency = self
            .ctx
            .user
            .as_ref()
            .is_some_and(|u| matches!(u.user.role, Role::Editor | Role::Leader));
        match self.plan.status {
            _ if !agency => "plan.locked_department",
            PlanStatus::Submitted => "plan.locked_submitted",
            PlanStatus::Approved => "plan.locked_approved",
            PlanStatus::Draft | PlanStatus::Returned => "plan.locked_other",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SentSection {
    body: String,
    base_version: i32,
    not_applicable: String,
    reason: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ShowQuery {
    section: String,
}

fn tree(
    nodes: &[FrameworkNode],
    sections: &HashMap<String, SectionContent>,
    current: Option<&str>,
) -> Vec<TreeRow> {
    nodes
        .iter()
        .zip(depths(nodes))
        .map(|(node, depth)| TreeRow {
            // Table-only sections open when their table can be filled here.
            state: if node.kind == NodeKind::TableOnly && node.table.is_some() {
                SectionState::Table
            } else if !is_text_node(node) {
                SectionState::Heading
            } else {
                match sections.get(&node.key) {
                    Some(s) if s.not_applicable => SectionState::NotApplicable,
                    Some(s) if s.is_filled() => SectionState::Filled,
                    _ => SectionState::Empty,
                }
            },
            current: current == Some(node.key.as_str()),
            missing: is_text_node(node)
                && !node.optional
                && !sections
                    .get(&node.key)
                    .is_some_and(SectionContent::is_filled),
            depth,
            node: node.clone(),
        })
        .collect()
}

/// Why a plan is locked, in words ("Đã nộp ngày …, đang chờ thẩm định"), and the message of
/// the return that reopened it.
async fn lock_reason(
    state: &AppState,
    ctx: &PageCtx,
    plan: &Plan,
) -> Result<(Option<String>, Option<String>), AppError> {
    use crate::domain::round::PlanStatus;
    let steps = state.store.plan_steps(plan.id).await?;
    let Some(last) = steps.last() else {
        return Ok((None, None));
    };
    let day = ctx.day(&last.at);
    Ok(match plan.status {
        PlanStatus::Submitted => (Some(ctx.tf("review.locked_submitted", &day)), None),
        PlanStatus::Approved => (
            Some(crate::i18n::text_with(
                ctx.lang,
                "review.locked_approved",
                &[&day, &last.by_name],
            )),
            None,
        ),
        PlanStatus::Returned => (None, Some(last.message.clone())),
        PlanStatus::Draft => (None, None),
    })
}

/// What a refused save brings back to the page: the text sent, why it was refused, and the
/// other person's version when the refusal was a conflict.
#[derive(Default)]
struct Refusal {
    sent: Option<SentSection>,
    errors: FieldErrors,
    conflict: Option<SectionContent>,
}

async fn editor_page(
    state: &AppState,
    ctx: PageCtx,
    user: &CurrentUser,
    loaded: Loaded,
    key: Option<&str>,
    refusal: Refusal,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let sections: HashMap<String, SectionContent> = state
        .store
        .plan_sections(loaded.plan.id)
        .await?
        .into_iter()
        .map(|s| (s.node_key.clone(), s))
        .collect();
    let node = match key {
        Some(k) => Some(
            loaded
                .nodes
                .iter()
                .find(|n| n.key == k)
                .cloned()
                .ok_or(AppError::NotFound)?,
        ),
        None => loaded.nodes.iter().find(|n| is_text_node(n)).cloned(),
    };
    let tree = tree(
        &loaded.nodes,
        &sections,
        node.as_ref().map(|n| n.key.as_str()),
    );
    let answerable = tree
        .iter()
        .filter(|r| !matches!(r.state, SectionState::Heading | SectionState::Table))
        .count();
    let filled = tree
        .iter()
        .filter(|r| matches!(r.state, SectionState::Filled | SectionState::NotApplicable))
        .count();
    let section = node.as_ref().and_then(|n| sections.get(&n.key).cloned());
    // After a partial return only the commented sections (and their tables) are open.
    let open_sections = state.store.open_sections(loaded.plan.id).await?;
    let can_write = can(
        &user.actor(),
        Action::EditPlan(loaded.plan.org_unit_id, loaded.plan.status),
    ) && (open_sections.is_empty()
        || node
            .as_ref()
            .is_some_and(|n| open_sections.contains(&n.key)));
    let text_node = node.as_ref().is_some_and(is_text_node);
    let comments = state.store.plan_comments(loaded.plan.id).await?;
    let tables = match node.as_ref().filter(|n| n.table.is_some()) {
        Some(n) => {
            let findings = crate::checks::plan_findings(
                &state.store,
                &loaded.plan,
                &loaded.round,
                &loaded.nodes,
            )
            .await?;
            super::tables::section_tables(
                state,
                &ctx,
                &loaded.plan,
                &loaded.round,
                n,
                super::tables::Notes {
                    findings: &findings,
                    comments: &comments,
                },
            )
            .await?
        }
        None => Vec::new(),
    };
    let (lock, returned_message) = lock_reason(state, &ctx, &loaded.plan).await?;
    let section_comments = comments
        .iter()
        .filter(|c| c.row_id.is_none() && node.as_ref().is_some_and(|n| n.key == c.node_key))
        .cloned()
        .collect();
    let reviewer = user.user.role == crate::domain::user::Role::Reviewer;
    let can_comment = reviewer && loaded.plan.status == crate::domain::round::PlanStatus::Submitted;
    let can_resolve = reviewer
        || (matches!(
            user.user.role,
            crate::domain::user::Role::Editor | crate::domain::user::Role::Leader
        ) && user.user.org_unit_id == loaded.plan.org_unit_id);
    let has_leader = state.store.unit_has_leader(loaded.plan.org_unit_id).await?;
    let steps = crate::domain::review::Step::ALL
        .into_iter()
        .filter(|s| {
            s.next(loaded.plan.status).is_some()
                && crate::domain::review::may_take(
                    &user.actor(),
                    *s,
                    loaded.plan.org_unit_id,
                    has_leader,
                )
        })
        .map(|s| s.code())
        .collect();
    let deadline = state
        .store
        .plan_deadline(loaded.plan.id)
        .await?
        .unwrap_or(loaded.round.deadline);
    let days = loaded.plan.status.days_to_deadline(
        deadline,
        crate::domain::clock::vietnam_day(&state.clock.now()),
    );
    let linked_tasks = match node.as_ref().filter(|n| n.kind == NodeKind::ChecklistItem) {
        Some(n) => {
            let item = n
                .key
                .rsplit('.')
                .next()
                .unwrap_or_default()
                .replace("dd", "đ");
            crate::checks::table_rows(&state.store, loaded.plan.id, "tasks")
                .await?
                .into_iter()
                .filter(|(_, t)| {
                    t.text("focus_items")
                        .is_some_and(|f| f.split(", ").any(|code| code == item))
                })
                .map(|(id, t)| (id, t.text("name").unwrap_or_default()))
                .collect()
        }
        None => Vec::new(),
    };
    render(&EditorPage {
        can_edit: can_write && text_node,
        can_write,
        text_node,
        tables,
        linked_tasks,
        section_comments,
        can_comment,
        can_resolve,
        open_sections,
        lock,
        deadline,
        days,
        returned_message,
        steps,
        no_errors: FieldErrors::new(),
        ctx,
        guidance: node
            .as_ref()
            .map(|n| paragraphs(n.guidance_in(lang)))
            .unwrap_or_default(),
        plan: loaded.plan,
        round: loaded.round,
        framework: loaded.framework,
        unit: loaded.unit,
        tree,
        node,
        section,
        filled,
        answerable,
        sent: refusal.sent,
        errors: refusal.errors,
        conflict: refusal.conflict,
    })
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(query): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let loaded = load(&state, &user, PlanId(id)).await?;
    let key = Some(query.section.as_str()).filter(|k| !k.is_empty());
    editor_page(&state, ctx, &user, loaded, key, Refusal::default()).await
}

#[derive(Template)]
#[template(path = "plans/_presence.html")]
struct PresenceFragment {
    ctx: PageCtx,
    others: Vec<String>,
}

/// Who else has had the plan open in the last 90 seconds. The page calls this every 30
/// seconds; it is a POST because it records that this user is here.
async fn presence(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (plan, _) = plan_and_round(&state, &user, PlanId(id), false).await?;
    let now = state.clock.now();
    let others = state
        .store
        .plan_presence(
            plan.id,
            user.user.id,
            now,
            now - chrono::Duration::seconds(90),
        )
        .await?;
    render(&PresenceFragment { ctx, others })
}

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

async fn meta_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = load(&state, &user, PlanId(id)).await?;
    let (meta, version) = state.store.plan_meta(loaded.plan.id).await?;
    render(&MetaPage {
        form: meta_form(&meta, version, &loaded.unit),
        can_edit: can(
            &user.actor(),
            Action::EditPlan(loaded.plan.org_unit_id, loaded.plan.status),
        ),
        ctx,
        plan: loaded.plan,
        round: loaded.round,
        unit: loaded.unit,
        errors: FieldErrors::new(),
        conflict: false,
    })
}

async fn meta_save(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<PlanMetaForm>,
) -> Result<Response, AppError> {
    let loaded = load(&state, &user, PlanId(id)).await?;
    if !can(
        &user.actor(),
        Action::EditPlan(loaded.plan.org_unit_id, loaded.plan.status),
    ) {
        return Err(AppError::Forbidden);
    }
    ensure_open(&state, &loaded.plan, &loaded.round, Touches::Whole).await?;
    let page = |ctx, form, errors, conflict| MetaPage {
        ctx,
        plan: loaded.plan.clone(),
        round: loaded.round.clone(),
        unit: loaded.unit.clone(),
        form,
        errors,
        can_edit: true,
        conflict,
    };
    let meta = match PlanMeta::try_from(&form) {
        Ok(meta) => meta,
        Err(errors) => return Ok(unprocessable(render(&page(ctx, form, errors, false))?)),
    };
    match state
        .store
        .save_plan_meta(
            loaded.plan.id,
            form.base_version,
            &meta,
            &audit_ctx(&state, &user),
        )
        .await?
    {
        Ok(_) => Ok(Redirect::to(&format!("/plans/{id}/meta?msg=common.saved")).into_response()),
        // Someone saved first: show the form again with what this user typed, and the version
        // now stored, so that saving again is a choice made knowingly.
        Err(current) => {
            let form = PlanMetaForm {
                base_version: current,
                ..form
            };
            Ok(unprocessable(render(&page(
                ctx,
                form,
                FieldErrors::new(),
                true,
            ))?))
        }
    }
}

fn unprocessable(mut response: Response) -> Response {
    *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    response
}

/// A finding with the node it points at, for the readiness list.
pub struct FindingRow {
    pub finding: Finding,
    pub node: FrameworkNode,
}

#[derive(Template)]
#[template(path = "plans/readiness.html")]
struct ReadinessPage {
    ctx: PageCtx,
    plan: Plan,
    round: Round,
    unit: OrgUnit,
    rows: Vec<FindingRow>,
}

/// What is missing or wrong before the plan can be submitted, each a link to its place.
async fn readiness(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = load(&state, &user, PlanId(id)).await?;
    let findings =
        crate::checks::plan_findings(&state.store, &loaded.plan, &loaded.round, &loaded.nodes)
            .await?;
    let rows = findings
        .into_iter()
        .filter_map(|finding| {
            let node = loaded
                .nodes
                .iter()
                .find(|n| n.key == finding.node_key)?
                .clone();
            Some(FindingRow { finding, node })
        })
        .collect();
    render(&ReadinessPage {
        ctx,
        plan: loaded.plan,
        round: loaded.round,
        unit: loaded.unit,
        rows,
    })
}

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

async fn save(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    headers: HeaderMap,
    Path((id, key)): Path<(i64, String)>,
    Form(sent): Form<SentSection>,
) -> Result<Response, AppError> {
    // The autosave path: only what the save needs (the plan, its round, the one node), not the
    // whole outline; the full page is built only when a save without script is refused.
    let (plan, round) = plan_and_round(&state, &user, PlanId(id), true).await?;
    ensure_open(&state, &plan, &round, Touches::Section(&key)).await?;
    let node = state
        .store
        .framework_node(round.framework_id, &key)
        .await?
        .filter(|n| n.applies(round.kind) && is_text_node(n))
        .ok_or(AppError::NotFound)?;
    let htmx = headers.contains_key("hx-request");
    let input = match SectionInput::parse(&sent.body, !sent.not_applicable.is_empty(), &sent.reason)
    {
        Ok(input) => input,
        Err(errors) if htmx => {
            return Ok(retarget(
                render(&SaveErrorFragment { ctx, errors })?,
                "#save-status",
            ));
        }
        Err(errors) => {
            let loaded = load(&state, &user, plan.id).await?;
            let refusal = Refusal {
                sent: Some(sent),
                errors,
                conflict: None,
            };
            return editor_page(&state, ctx, &user, loaded, Some(&node.key), refusal).await;
        }
    };
    let result = state
        .store
        .save_section(
            plan.id,
            &node.key,
            sent.base_version,
            &input,
            &audit_ctx(&state, &user),
        )
        .await;
    match result {
        Ok(section) if htmx => render(&SavedFragment { ctx, section }),
        Ok(_) => Ok(
            Redirect::to(&format!("/plans/{id}?section={key}&msg=common.saved")).into_response(),
        ),
        Err(SaveError::Conflict { current, .. }) if htmx => Ok(retarget(
            render(&ConflictFragment {
                ctx,
                theirs: *current,
            })?,
            "#conflict",
        )),
        Err(SaveError::Conflict { current, .. }) => {
            let loaded = load(&state, &user, plan.id).await?;
            let refusal = Refusal {
                sent: Some(sent),
                errors: FieldErrors::new(),
                conflict: Some(*current),
            };
            editor_page(&state, ctx, &user, loaded, Some(&node.key), refusal).await
        }
        Err(SaveError::Db(e)) => Err(e.into()),
    }
}
