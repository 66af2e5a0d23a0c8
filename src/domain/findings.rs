//! Findings: what a check says about a plan. Every rule gives findings of one shape — a code,
//! a severity, the place it points at and a message — so the editor, the readiness view, the
//! submit gate and the batch check all show the same thing.

use super::framework::{FrameworkNode, PlanKind};
use super::round::SectionContent;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Blocks submission.
    Error,
    /// Informs.
    Warning,
}

impl Severity {
    pub fn code(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// A stable rule code, e.g. `SECTION_EMPTY`.
    pub code: &'static str,
    pub severity: Severity,
    /// The framework node the finding points at.
    pub node_key: String,
    /// The message's key in the text catalog.
    pub message_key: &'static str,
    /// The table row it points at, for findings about rows.
    pub row: Option<String>,
    /// The year it is about, for findings about one year.
    pub year: Option<i32>,
    /// What fills the message's `{}` (a percentage, say).
    pub arg: Option<String>,
}

/// Every non-optional text section of the plan is filled or marked not applicable with a
/// reason (DESIGN §5; an error at submission).
pub fn missing_sections(
    nodes: &[FrameworkNode],
    kind: PlanKind,
    sections: &BTreeMap<String, SectionContent>,
) -> Vec<Finding> {
    nodes
        .iter()
        .filter(|n| n.applies(kind) && !n.optional)
        .filter(|n| n.takes_text())
        .filter(|n| !sections.get(&n.key).is_some_and(SectionContent::is_filled))
        .map(|n| Finding {
            code: "SECTION_EMPTY",
            severity: Severity::Error,
            node_key: n.key.clone(),
            message_key: "finding.section_empty",
            row: None,
            year: None,
            arg: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework::NodeKind;
    use chrono::Utc;

    fn node(
        key: &str,
        kind: NodeKind,
        optional: bool,
        applies_to: Option<PlanKind>,
    ) -> FrameworkNode {
        FrameworkNode {
            key: key.into(),
            parent_key: None,
            numbering: String::new(),
            title: key.into(),
            guidance: String::new(),
            kind,
            table: None,
            optional,
            applies_to,
            english: Default::default(),
        }
    }

    fn section(key: &str, body: &str, na: bool) -> (String, SectionContent) {
        (
            key.into(),
            SectionContent {
                node_key: key.into(),
                body_html: body.into(),
                not_applicable: na,
                not_applicable_reason: if na { "lý do".into() } else { String::new() },
                version: 1,
                updated_at: Utc::now(),
                updated_by: None,
            },
        )
    }

    #[test]
    fn empty_required_sections_are_errors_and_nothing_else_is() {
        let nodes = vec![
            node("H", NodeKind::Heading, false, None),
            node("A", NodeKind::Narrative, false, None),
            node("B", NodeKind::Narrative, false, None),
            node("C", NodeKind::Narrative, true, None),
            node("D", NodeKind::ChecklistItem, false, Some(PlanKind::Annual)),
            node("E", NodeKind::Narrative, false, Some(PlanKind::FiveYear)),
            node("F", NodeKind::Narrative, false, None),
        ];
        let sections: BTreeMap<_, _> = [
            section("A", "<p>x</p>", false),
            section("F", "", true),
            section("E", "", false),
        ]
        .into_iter()
        .collect();
        let found: Vec<String> = missing_sections(&nodes, PlanKind::FiveYear, &sections)
            .into_iter()
            .map(|f| f.node_key)
            .collect();
        assert_eq!(
            found,
            ["B", "E"],
            "headings, optional, other kinds, filled and not-applicable sections pass"
        );
        let annual: Vec<String> = missing_sections(&nodes, PlanKind::Annual, &sections)
            .into_iter()
            .map(|f| f.node_key)
            .collect();
        assert_eq!(annual, ["B", "D"]);
    }
}
