//! A framework as written in a data file (the built-in ones ship as TOML): read, checked, and
//! its English translation applied.

use super::*;
use serde::Deserialize;
use std::collections::HashSet;

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
