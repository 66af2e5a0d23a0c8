//! Frameworks: the outline a department sends its agencies (headings, guidance, the forms to
//! fill), as versioned data. A published framework never changes; edits make a new version.

use super::ids::FrameworkId;
use super::user::Language;
use serde::Deserialize;
use std::collections::HashSet;

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

/// A framework as written in a data file (the built-in ones ship as TOML).
#[derive(Debug, Clone, Deserialize)]
pub struct FrameworkFile {
    pub framework: FrameworkHeader,
    #[serde(rename = "node")]
    pub nodes: Vec<NodeEntry>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FrameworkHeader {
    pub code: String,
    pub version: i32,
    pub title: String,
    pub period_start: i32,
    pub period_end: i32,
    pub evaluation_start: i32,
    pub evaluation_end: i32,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct NodeEntry {
    pub key: String,
    #[serde(default)]
    pub parent: String,
    #[serde(default)]
    pub numbering: String,
    pub title: String,
    #[serde(default)]
    pub guidance: String,
    pub kind: String,
    #[serde(default)]
    pub table: String,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub applies_to: String,
}

/// A framework read from a file and checked: keys unique, parents before children, kinds and
/// tables known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkDraft {
    pub code: String,
    pub version: i32,
    pub title: String,
    pub period_start: i32,
    pub period_end: i32,
    pub evaluation_start: i32,
    pub evaluation_end: i32,
    pub source: String,
    pub nodes: Vec<FrameworkNode>,
}

/// Parses and checks a framework file. The error names the first problem.
pub fn parse_framework_file(text: &str) -> Result<FrameworkDraft, String> {
    let file: FrameworkFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let h = file.framework;
    if h.period_start > h.period_end || h.evaluation_start > h.evaluation_end {
        return Err(format!("{}: a period ends before it starts", h.code));
    }
    let mut seen = HashSet::new();
    let mut nodes = Vec::with_capacity(file.nodes.len());
    for n in file.nodes {
        if n.key.is_empty()
            || !n
                .key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        {
            return Err(format!("node key {:?} is not plain ASCII", n.key));
        }
        if !n.parent.is_empty() && !seen.contains(&n.parent) {
            return Err(format!(
                "node {} names parent {} before it appears",
                n.key, n.parent
            ));
        }
        if !seen.insert(n.key.clone()) {
            return Err(format!("node key {} repeats", n.key));
        }
        let kind = NodeKind::from_code(&n.kind)
            .ok_or_else(|| format!("node {}: unknown kind {}", n.key, n.kind))?;
        if !n.table.is_empty() && !TABLE_CODES.contains(&n.table.as_str()) {
            return Err(format!("node {}: unknown table {}", n.key, n.table));
        }
        let applies_to = parse_applies_to(&n.applies_to)
            .ok_or_else(|| format!("node {}: unknown plan kind {}", n.key, n.applies_to))?;
        nodes.push(FrameworkNode {
            key: n.key,
            parent_key: Some(n.parent).filter(|p| !p.is_empty()),
            numbering: n.numbering.trim().to_string(),
            title: n.title.trim().to_string(),
            guidance: n.guidance.trim().to_string(),
            kind,
            table: Some(n.table).filter(|t| !t.is_empty()),
            optional: n.optional,
            applies_to,
            english: Translation::default(),
        });
    }
    Ok(FrameworkDraft {
        code: h.code,
        version: h.version,
        title: h.title,
        period_start: h.period_start,
        period_end: h.period_end,
        evaluation_start: h.evaluation_start,
        evaluation_end: h.evaluation_end,
        source: h.source,
        nodes,
    })
}

#[derive(Debug, Deserialize)]
struct EnglishFile {
    node: Vec<EnglishEntry>,
}

#[derive(Debug, Deserialize)]
struct EnglishEntry {
    key: String,
    title: String,
    #[serde(default)]
    guidance: String,
}

/// Adds an English overlay (key, title, guidance) to a framework read from a file. A key the
/// framework does not have is an error: the overlay has drifted from its source.
pub fn apply_english(draft: &mut FrameworkDraft, text: &str) -> Result<(), String> {
    let file: EnglishFile = toml::from_str(text).map_err(|e| e.to_string())?;
    for entry in file.node {
        let node = draft
            .nodes
            .iter_mut()
            .find(|n| n.key == entry.key)
            .ok_or_else(|| {
                format!(
                    "the English overlay names node {}, which the framework lacks",
                    entry.key
                )
            })?;
        node.english = Translation {
            title: entry.title.trim().to_string(),
            guidance: entry.guidance.trim().to_string(),
        };
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"
[framework]
code = "T"
version = 1
title = "Thử"
period_start = 2021
period_end = 2025
evaluation_start = 2016
evaluation_end = 2020

[[node]]
key = "P1"
numbering = "Phần I"
title = "ĐÁNH GIÁ"
kind = "heading"
applies_to = "five_year"

[[node]]
key = "P1.I"
parent = "P1"
numbering = "I."
title = "MÔI TRƯỜNG PHÁP LÝ"
guidance = "Nêu kết quả ban hành…"
kind = "narrative"
applies_to = "five_year"

[[node]]
key = "P1.II"
parent = "P1"
numbering = "II."
title = "HẠ TẦNG"
kind = "narrative"
table = "infrastructure"
optional = true
"#;

    #[test]
    fn a_framework_file_becomes_an_ordered_checked_outline() {
        let draft = parse_framework_file(SMALL).expect("valid");
        assert_eq!(draft.nodes.len(), 3);
        assert_eq!(draft.nodes[1].parent_key.as_deref(), Some("P1"));
        assert_eq!(draft.nodes[2].table.as_deref(), Some("infrastructure"));
        assert!(
            draft.nodes[2].applies(PlanKind::Annual),
            "no applies_to means every kind"
        );
        assert!(!draft.nodes[1].applies(PlanKind::Annual));
        assert_eq!(depths(&draft.nodes), [0, 1, 1]);
    }

    #[test]
    fn bad_outlines_are_refused_with_the_reason() {
        let orphan = SMALL.replace(
            "parent = \"P1\"\nnumbering = \"I.\"",
            "parent = \"P9\"\nnumbering = \"I.\"",
        );
        assert!(parse_framework_file(&orphan)
            .expect_err("orphan")
            .contains("P9"));
        let bad_table = SMALL.replace("infrastructure", "spreadsheet");
        assert!(parse_framework_file(&bad_table)
            .expect_err("table")
            .contains("spreadsheet"));
        let bad_kind = SMALL.replace("kind = \"heading\"", "kind = \"chapter\"");
        assert!(parse_framework_file(&bad_kind)
            .expect_err("kind")
            .contains("chapter"));
        let repeated = SMALL.replace("key = \"P1.II\"", "key = \"P1.I\"");
        assert!(parse_framework_file(&repeated)
            .expect_err("repeat")
            .contains("repeats"));
    }
}

/// Outline edits of a draft framework, as pure functions over the ordered node list: the
/// store then writes the whole new order.
pub mod outline {
    use super::FrameworkNode;

    /// The index range of a node and everything under it.
    fn subtree(nodes: &[FrameworkNode], key: &str) -> Option<std::ops::Range<usize>> {
        let start = nodes.iter().position(|n| n.key == key)?;
        let mut inside: Vec<&str> = vec![key];
        let mut end = start + 1;
        while end < nodes.len() {
            match nodes[end].parent_key.as_deref() {
                Some(p) if inside.contains(&p) => {
                    inside.push(&nodes[end].key);
                    end += 1;
                }
                _ => break,
            }
        }
        Some(start..end)
    }

    /// Removes a node and everything under it.
    pub fn remove(nodes: &[FrameworkNode], key: &str) -> Option<Vec<FrameworkNode>> {
        let range = subtree(nodes, key)?;
        let mut out = nodes.to_vec();
        out.drain(range);
        Some(out)
    }

    /// Moves a node (with its subtree) before its previous sibling (`up`) or after its next one.
    /// `None` when there is no such sibling.
    pub fn move_node(nodes: &[FrameworkNode], key: &str, up: bool) -> Option<Vec<FrameworkNode>> {
        let range = subtree(nodes, key)?;
        let parent = nodes[range.start].parent_key.clone();
        let sibling = if up {
            nodes[..range.start]
                .iter()
                .rev()
                .find(|n| n.parent_key == parent)?
        } else {
            nodes[range.end..]
                .first()
                .filter(|n| n.parent_key == parent)?
        };
        let other = subtree(nodes, &sibling.key)?;
        let (first, second) = if up {
            (range.clone(), other)
        } else {
            (other, range.clone())
        };
        // `second` comes before `first` in the list: swap the two blocks.
        let mut out = nodes[..second.start].to_vec();
        out.extend_from_slice(&nodes[first.clone()]);
        out.extend_from_slice(&nodes[second.end..first.start]);
        out.extend_from_slice(&nodes[second.clone()]);
        out.extend_from_slice(&nodes[first.end..]);
        Some(out)
    }

    /// Adds a node as the last child of `parent` (at the end when `parent` is `None`), with a
    /// key made unique from the parent's.
    pub fn add_child(
        nodes: &[FrameworkNode],
        parent: Option<&str>,
        mut node: FrameworkNode,
    ) -> Option<Vec<FrameworkNode>> {
        let at = match parent {
            Some(p) => subtree(nodes, p)?.end,
            None => nodes.len(),
        };
        let stem = parent.unwrap_or("N");
        node.key = (1..)
            .map(|i| format!("{stem}.n{i}"))
            .find(|k| !nodes.iter().any(|n| &n.key == k))?;
        node.parent_key = parent.map(str::to_string);
        let mut out = nodes.to_vec();
        out.insert(at, node);
        Some(out)
    }

    #[cfg(test)]
    mod tests {
        use super::super::NodeKind;
        use super::*;

        fn n(key: &str, parent: Option<&str>) -> FrameworkNode {
            FrameworkNode {
                key: key.into(),
                parent_key: parent.map(str::to_string),
                numbering: String::new(),
                title: key.into(),
                guidance: String::new(),
                kind: NodeKind::Narrative,
                table: None,
                optional: false,
                applies_to: None,
                english: Default::default(),
            }
        }

        fn keys(nodes: &[FrameworkNode]) -> Vec<&str> {
            nodes.iter().map(|n| n.key.as_str()).collect()
        }

        fn tree() -> Vec<FrameworkNode> {
            vec![
                n("A", None),
                n("A1", Some("A")),
                n("A1a", Some("A1")),
                n("A2", Some("A")),
                n("B", None),
                n("B1", Some("B")),
            ]
        }

        #[test]
        fn a_node_moves_with_everything_under_it() {
            assert_eq!(
                keys(&move_node(&tree(), "A2", true).expect("moves")),
                ["A", "A2", "A1", "A1a", "B", "B1"]
            );
            assert_eq!(
                keys(&move_node(&tree(), "A", false).expect("moves")),
                ["B", "B1", "A", "A1", "A1a", "A2"]
            );
            assert!(move_node(&tree(), "A1", true).is_none(), "no sibling above");
            assert!(
                move_node(&tree(), "A2", false).is_none(),
                "no sibling below"
            );
        }

        #[test]
        fn removing_takes_the_subtree_and_adding_goes_last_under_the_parent() {
            assert_eq!(
                keys(&remove(&tree(), "A1").expect("removed")),
                ["A", "A2", "B", "B1"]
            );
            let added = add_child(&tree(), Some("A"), n("x", None)).expect("added");
            assert_eq!(keys(&added), ["A", "A1", "A1a", "A2", "A.n1", "B", "B1"]);
            assert_eq!(added[4].parent_key.as_deref(), Some("A"));
            let again = add_child(&added, Some("A"), n("y", None)).expect("added");
            assert_eq!(again[5].key, "A.n2");
        }
    }
}
