//! The editor's page: the outline with each section's state, the section with its text or its
//! tables, the review's state and steps, and the framework's guidance beside it.

use super::load::{load, Loaded};
use super::table_view::{section_tables, Notes, Source, TableView};
use crate::app::access::may_write_section;
use crate::app::catalogs::Catalogs;
use crate::app::checks::{five_year_funding, Checks};
use crate::db::Comment;
use crate::domain::content::PlanContent;
use crate::domain::framework::{depths, Framework, FrameworkNode, NodeKind};
use crate::domain::ids::{PlanId, RowId};
use crate::domain::org_unit::OrgUnit;
use crate::domain::review::{may_resolve, may_take, Resolving, Step};
use crate::domain::round::{Plan, PlanStatus, Round, SectionContent, SectionForm};
use crate::domain::user::Role;
use crate::domain::validation::FieldErrors;
use crate::web::page::{render, PageCtx};
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use std::collections::BTreeMap;

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

pub struct TreeRow<'a> {
    pub node: &'a FrameworkNode,
    pub depth: usize,
    pub state: SectionState,
    pub current: bool,
    /// Empty and required: a finding points here.
    pub missing: bool,
}

/// Where the review stands, for the agency and the reviewers.
struct ReviewState {
    /// Reviewers' comments on this section itself (those on rows go with their rows).
    section_comments: Vec<Comment>,
    /// A reviewer may comment now: the plan is submitted.
    can_comment: bool,
    /// A user who may mark comments resolved.
    can_resolve: bool,
    /// Why the plan is locked, in words, when it is.
    lock: Option<String>,
    /// The message of the last return, shown to the agency.
    returned_message: Option<String>,
    /// The review steps this user may take on the plan now.
    steps: Vec<Step>,
    /// The plan's deadline: its own where an admin extended it, else its round's.
    deadline: chrono::NaiveDate,
    /// Days to the deadline (negative: late) while the agency has still to submit.
    days: Option<i64>,
}

#[derive(Template)]
#[template(path = "plans/editor.html")]
struct EditorPage<'a> {
    ctx: PageCtx,
    plan: Plan,
    round: Round,
    framework: Framework,
    unit: OrgUnit,
    tree: Vec<TreeRow<'a>>,
    node: Option<FrameworkNode>,
    guidance: Vec<String>,
    section: Option<SectionContent>,
    can_edit: bool,
    /// The user may change this plan's content (text and rows).
    can_write: bool,
    /// The node takes text (a table-only node does not).
    text_node: bool,
    /// The typed tables the node asks for (with their companion), and their findings.
    tables: Vec<TableView>,
    /// For a focus item of the annual plan: the plan's tasks that say they serve it.
    linked_tasks: Vec<(RowId, String)>,
    section_comments: Vec<Comment>,
    can_comment: bool,
    can_resolve: bool,
    lock: Option<String>,
    deadline: chrono::NaiveDate,
    days: Option<i64>,
    returned_message: Option<String>,
    steps: Vec<Step>,
    /// No errors: what a record form shows on the editor page.
    no_errors: FieldErrors,
    filled: usize,
    answerable: usize,
    /// After a refused save: what the user sent, with the reasons.
    sent: Option<SectionForm>,
    errors: FieldErrors,
    conflict: Option<SectionContent>,
}

impl EditorPage<'_> {
    /// What the editor starts with: what the user sent (after a refusal), else what is stored.
    fn body(&self) -> String {
        match (&self.sent, &self.section) {
            (Some(sent), _) => sent.body.clone(),
            (None, Some(s)) => s.body_html.clone(),
            (None, None) => String::new(),
        }
    }

    /// The text as the rich editor shows it: cleaned as a save would clean it, so that what
    /// was sent never comes back as live markup.
    fn clean_body(&self) -> String {
        crate::domain::rich_text::clean(&self.body())
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
            (Some(sent), _) => sent.not_applicable(),
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

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ShowQuery {
    section: String,
}

fn tree<'a>(
    nodes: &'a [FrameworkNode],
    sections: &BTreeMap<String, SectionContent>,
    current: Option<&str>,
) -> Vec<TreeRow<'a>> {
    nodes
        .iter()
        .zip(depths(nodes))
        .map(|(node, depth)| TreeRow {
            // Table-only sections open when their table can be filled here.
            state: if node.kind == NodeKind::TableOnly && node.table.is_some() {
                SectionState::Table
            } else if !node.takes_text() {
                SectionState::Heading
            } else {
                match sections.get(&node.key) {
                    Some(s) if s.not_applicable => SectionState::NotApplicable,
                    Some(s) if s.is_filled() => SectionState::Filled,
                    _ => SectionState::Empty,
                }
            },
            current: current == Some(node.key.as_str()),
            missing: node.takes_text()
                && !node.optional
                && !sections
                    .get(&node.key)
                    .is_some_and(SectionContent::is_filled),
            depth,
            node,
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

/// The review's state as `user` sees it on the section `node`.
async fn review_state(
    state: &AppState,
    ctx: &PageCtx,
    user: &CurrentUser,
    at: &crate::app::access::PlanAt,
    comments: &[Comment],
    node: Option<&FrameworkNode>,
) -> Result<ReviewState, AppError> {
    let plan = &at.plan;
    let (lock, returned_message) = lock_reason(state, ctx, plan).await?;
    let reviewer = user.user.role == Role::Reviewer;
    let has_leader = state.store.unit_has_leader(plan.org_unit_id).await?;
    let steps = Step::ALL
        .into_iter()
        .filter(|s| {
            s.next(plan.status).is_some()
                && may_take(&user.actor(), *s, plan.org_unit_id, has_leader)
        })
        .collect();
    let deadline = plan.deadline.unwrap_or(at.round.deadline);
    let today = state.today();
    Ok(ReviewState {
        section_comments: comments
            .iter()
            .filter(|c| c.row_id.is_none() && node.is_some_and(|n| n.key == c.node_key))
            .cloned()
            .collect(),
        can_comment: reviewer && plan.status == PlanStatus::Submitted,
        can_resolve: may_resolve(&user.actor(), plan.org_unit_id, plan.status)
            == Resolving::Allowed,
        lock,
        returned_message,
        steps,
        deadline,
        days: plan.status.days_to_deadline(deadline, today),
    })
}

/// The tables the section shows, with the plan's findings computed once from its content.
async fn node_tables(
    state: &AppState,
    ctx: &PageCtx,
    loaded: &Loaded,
    content: &PlanContent,
    node: &FrameworkNode,
    comments: &[Comment],
) -> Result<Vec<TableView>, AppError> {
    let catalogs = Catalogs::load(&state.store).await?;
    let checks = Checks {
        nodes: state
            .store
            .framework_nodes(loaded.at.round.framework_id)
            .await?,
        indicators: catalogs.indicators().to_vec(),
    };
    let five_year = five_year_funding(&state.store, &loaded.at.plan, &loaded.at.round).await?;
    let findings = checks.findings(&loaded.at.round, content, five_year.as_deref());
    let source = Source {
        ctx,
        round: &loaded.at.round,
        content,
        catalogs: &catalogs,
    };
    let notes = Notes {
        findings: &findings,
        comments,
    };
    Ok(section_tables(source, node, notes))
}

/// For a focus item of the annual plan: the plan's tasks that say they serve it.
fn linked_tasks(content: &PlanContent, node: &FrameworkNode) -> Vec<(RowId, String)> {
    if node.kind != NodeKind::ChecklistItem {
        return Vec::new();
    }
    let item = node
        .key
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .replace("dd", "đ");
    content
        .rows("tasks")
        .iter()
        .filter(|(_, t)| {
            t.text("focus_items")
                .is_some_and(|f| f.split(", ").any(|code| code == item))
        })
        .map(|(id, t)| (*id, t.text("name").unwrap_or_default()))
        .collect()
}

/// What a refused save brings back to the page: the text sent, why it was refused, and the
/// other person's version when the refusal was a conflict.
#[derive(Default)]
pub(super) struct Refused {
    pub sent: Option<SectionForm>,
    pub errors: FieldErrors,
    pub conflict: Option<SectionContent>,
}

/// The section `key` of the outline, or the first text section when none is asked for.
fn chosen_node(
    nodes: &[FrameworkNode],
    key: Option<&str>,
) -> Result<Option<FrameworkNode>, AppError> {
    Ok(match key {
        Some(k) => Some(
            nodes
                .iter()
                .find(|n| n.key == k)
                .cloned()
                .ok_or(AppError::NotFound)?,
        ),
        None => nodes.iter().find(|n| n.takes_text()).cloned(),
    })
}

/// How many of the outline's sections to answer are answered, and how many there are.
fn answered(tree: &[TreeRow]) -> (usize, usize) {
    let answerable = tree
        .iter()
        .filter(|r| !matches!(r.state, SectionState::Heading | SectionState::Table))
        .count();
    let filled = tree
        .iter()
        .filter(|r| matches!(r.state, SectionState::Filled | SectionState::NotApplicable))
        .count();
    (filled, answerable)
}

/// The editor on the section `key` (the first text section when none is asked for).
pub(super) async fn editor_page(
    state: &AppState,
    ctx: PageCtx,
    user: &CurrentUser,
    loaded: Loaded,
    key: Option<&str>,
    refused: Refused,
) -> Result<Response, AppError> {
    let node = chosen_node(&loaded.nodes, key)?;
    let key = node.as_ref().map(|n| n.key.as_str());
    // The rows are read only for a section that shows them (its tables, or the tasks serving
    // a focus item); every section shows the outline's states, read from the sections alone.
    let id = loaded.at.plan.id;
    let content = if node
        .as_ref()
        .is_some_and(|n| n.table.is_some() || n.kind == NodeKind::ChecklistItem)
    {
        state.store.plan_content(id).await?
    } else {
        PlanContent::of_sections(state.store.plan_sections(id).await?)
    };
    let tree = tree(&loaded.nodes, &content.sections, key);
    let (filled, answerable) = answered(&tree);
    // After a partial return only the commented sections (and their tables) are open.
    let can_write = may_write_section(&user.who(), &loaded.at.plan, key);
    let comments = state.store.plan_comments(loaded.at.plan.id).await?;
    let tables = match node.as_ref().filter(|n| n.table.is_some()) {
        Some(n) => node_tables(state, &ctx, &loaded, &content, n, &comments).await?,
        None => Vec::new(),
    };
    let review = review_state(state, &ctx, user, &loaded.at, &comments, node.as_ref()).await?;
    let text_node = node.as_ref().is_some_and(FrameworkNode::takes_text);
    render(&EditorPage {
        can_edit: can_write && text_node,
        can_write,
        text_node,
        tables,
        linked_tasks: node
            .as_ref()
            .map_or(Vec::new(), |n| linked_tasks(&content, n)),
        section_comments: review.section_comments,
        can_comment: review.can_comment,
        can_resolve: review.can_resolve,
        lock: review.lock,
        deadline: review.deadline,
        days: review.days,
        returned_message: review.returned_message,
        steps: review.steps,
        no_errors: FieldErrors::new(),
        guidance: node
            .as_ref()
            .map(|n| crate::domain::text::paragraphs(n.guidance_in(ctx.lang)))
            .unwrap_or_default(),
        ctx,
        section: key.and_then(|k| content.sections.get(k).cloned()),
        plan: loaded.at.plan,
        round: loaded.at.round,
        framework: loaded.framework,
        unit: loaded.unit,
        tree,
        node,
        filled,
        answerable,
        sent: refused.sent,
        errors: refused.errors,
        conflict: refused.conflict,
    })
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(query): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let loaded = load(&state, &user, PlanId(id)).await?;
    let key = Some(query.section.as_str()).filter(|k| !k.is_empty());
    editor_page(&state, ctx, &user, loaded, key, Refused::default()).await
}

#[derive(Template)]
#[template(path = "plans/_presence.html")]
struct PresenceFragment {
    ctx: PageCtx,
    others: Vec<String>,
}

/// Who else has had the plan open in the last 90 seconds. The page calls this every 30
/// seconds; it is a POST because it records that this user is here.
pub(super) async fn presence(
    State(state): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let at = crate::app::access::readable(&state.store, &user.who(), PlanId(id)).await?;
    let now = state.clock.now();
    let since = now - chrono::Duration::seconds(90);
    let others = state
        .store
        .plan_presence(at.plan.id, user.user.id, now, since)
        .await?;
    render(&PresenceFragment { ctx, others })
}
