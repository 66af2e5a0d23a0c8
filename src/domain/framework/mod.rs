//! Frameworks: the outline a department sends its agencies (headings, guidance, the forms to
//! fill), as versioned data. A published framework never changes; edits make a new version.

mod file;
pub mod outline;

pub use file::{
    apply_english, parse_framework_file, FrameworkDraft, FrameworkFile, FrameworkHeader, NodeEntry,
};

use super::ids::FrameworkId;
use super::user::Language;

/// What a node of the outline asks of the agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// A container; its own text, if any, is guidance.
    Heading,
    /// The agency writes text here (and fills the node's table, if it has one).
    Narrative,
    /// A container of checklist items.
    Checklist,
    /// One item: addressed (how, by which tasks) or not applicable (why).
    ChecklistItem,
    /// Only a table is filled here.
    TableOnly,
}

impl NodeKind {
    pub const ALL: [NodeKind; 5] = [
        Self::Heading,
        Self::Narrative,
        Self::Checklist,
        Self::ChecklistItem,
        Self::TableOnly,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Heading => "heading",
            Self::Narrative => "narrative",
            Self::Checklist => "checklist",
            Self::ChecklistItem => "checklist_item",
            Self::TableOnly => "table_only",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Heading => "node.heading",
            Self::Narrative => "node.narrative",
            Self::Checklist => "node.checklist",
            Self::ChecklistItem => "node.checklist_item",
            Self::TableOnly => "node.table_only",
        }
    }

    /// True when the agency answers something at this node.
    pub fn is_answered(self) -> bool {
        matches!(
            self,
            Self::Narrative | Self::ChecklistItem | Self::TableOnly
        )
    }
}

/// The typed tables of the seed's forms (DESIGN §4). Their columns come with the typed-table
/// feature; here they are names a node can point at.
pub const TABLE_CODES: &[&str] = &[
    "infrastructure",
    "databases_national",
    "databases_central",
    "databases_provincial",
    "applications",
    "online_services",
    "human_resources",
    "information_systems",
    "four_layer",
    "security_activities",
    "past_funding",
    "legal_basis",
    "indicators",
    "roadmap",
    "funding",
    "tasks",
];

/// Which kind of plan a node belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanKind {
    /// The five-year plan with the evaluation of the last period.
    FiveYear,
    /// The annual plan.
    Annual,
}

impl PlanKind {
    pub const ALL: [PlanKind; 2] = [Self::FiveYear, Self::Annual];

    pub fn code(self) -> &'static str {
        match self {
            Self::FiveYear => "five_year",
            Self::Annual => "annual",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::FiveYear => "plan_kind.five_year",
            Self::Annual => "plan_kind.annual",
        }
    }
}

/// `None` means the node belongs to every kind of plan.
pub fn parse_applies_to(code: &str) -> Option<Option<PlanKind>> {
    match code {
        "all" | "" => Some(None),
        other => PlanKind::from_code(other).map(Some),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameworkStatus {
    Draft,
    Published,
}

impl FrameworkStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "draft" => Some(Self::Draft),
            "published" => Some(Self::Published),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framework {
    pub id: FrameworkId,
    pub code: String,
    pub version: i32,
    pub title: String,
    pub period_start: i32,
    pub period_end: i32,
    pub evaluation_start: i32,
    pub evaluation_end: i32,
    pub source: String,
    pub status: FrameworkStatus,
}

impl Framework {
    /// `2021–2025`
    pub fn period(&self) -> String {
        format!("{}–{}", self.period_start, self.period_end)
    }
}

/// A node's title and guidance in English; empty parts fall back to the Vietnamese.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Translation {
    pub title: String,
    pub guidance: String,
}

/// One node of a framework's outline, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkNode {
    pub key: String,
    pub parent_key: Option<String>,
    pub numbering: String,
    pub title: String,
    pub guidance: String,
    pub kind: NodeKind,
    pub table: Option<String>,
    pub optional: bool,
    /// `None`: every kind of plan.
    pub applies_to: Option<PlanKind>,
    pub english: Translation,
}

impl FrameworkNode {
    /// The title in the reader's language.
    pub fn title_in(&self, lang: impl std::borrow::Borrow<Language>) -> &str {
        match lang.borrow() {
            Language::En if !self.english.title.is_empty() => &self.english.title,
            _ => &self.title,
        }
    }

    /// The guidance in the reader's language.
    pub fn guidance_in(&self, lang: impl std::borrow::Borrow<Language>) -> &str {
        match lang.borrow() {
            Language::En if !self.english.guidance.is_empty() => &self.english.guidance,
            _ => &self.guidance,
        }
    }

    pub fn applies(&self, kind: PlanKind) -> bool {
        self.applies_to.is_none_or(|k| k == kind)
    }

    /// A node where the agency writes text (tables come with their own editor).
    pub fn takes_text(&self) -> bool {
        matches!(self.kind, NodeKind::Narrative | NodeKind::ChecklistItem)
    }
}

/// The section of `nodes` that holds `table` in a plan of `kind` (the budget is filled beside
/// the funding).
pub fn table_node(nodes: &[FrameworkNode], kind: PlanKind, table: &str) -> Option<String> {
    let table = if table == "budget" { "funding" } else { table };
    nodes
        .iter()
        .find(|n| n.applies(kind) && n.table.as_deref() == Some(table))
        .map(|n| n.key.clone())
}

/// The nodes' depth in the tree, in the same order as `nodes`.
pub fn depths(nodes: &[FrameworkNode]) -> Vec<usize> {
    let mut depth_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    nodes
        .iter()
        .map(|n| {
            let d = n
                .parent_key
                .as_deref()
                .and_then(|p| depth_of.get(p))
                .map_or(0, |d| d + 1);
            depth_of.insert(&n.key, d);
            d
        })
        .collect()
}
