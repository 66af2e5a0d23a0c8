//! The framework's outline as the plan's document numbers it: which nodes print, at which level
//! of the decree's numbering, numbered as the framework says or in order when it does not.

use super::PlanSource;
use crate::domain::framework::{FrameworkNode, NodeKind};
use crate::export::model::{roman, Level};
use std::collections::{HashMap, HashSet};

/// The framework's nodes that the document prints, with their level and numbering.
pub(super) struct Outline<'a> {
    pub(super) entries: Vec<(&'a FrameworkNode, Level, String)>,
}

impl<'a> Outline<'a> {
    pub(super) fn new(src: &'a PlanSource) -> Self {
        let kind = src.round.kind;
        let by_key: HashMap<&str, &FrameworkNode> =
            src.nodes.iter().map(|n| (n.key.as_str(), n)).collect();
        // A node is printed when it, or a node below it, asks for an answer in this kind of
        // plan: the guidance-only parts (the list of documents to apply) stay out.
        let mut wanted: HashSet<&str> = HashSet::new();
        for node in src.nodes.iter().filter(|n| n.applies(kind)) {
            if node.kind.is_answered() || node.kind == NodeKind::Checklist {
                let mut at = Some(node);
                while let Some(n) = at {
                    if !wanted.insert(n.key.as_str()) {
                        break;
                    }
                    at = n.parent_key.as_deref().and_then(|p| by_key.get(p).copied());
                }
            }
        }
        let mut levels: HashMap<&str, Level> = HashMap::new();
        let mut unnumbered: HashMap<&str, u32> = HashMap::new();
        let mut entries = Vec::new();
        for node in &src.nodes {
            if !wanted.contains(node.key.as_str()) || !node.applies(kind) {
                continue;
            }
            let parent = node
                .parent_key
                .as_deref()
                .filter(|p| by_key.contains_key(p));
            // The framework's top headings (the seed's "Phụ lục I" that holds the five-year
            // plan) wrap the plan; they are not part of it.
            let Some(parent) = parent else {
                continue;
            };
            let parent_level = levels.get(parent).copied();
            let (level, numbering) = match level_of(&node.numbering) {
                Some(level) => (level, node.numbering.trim().to_string()),
                None => {
                    let level = below(parent_level);
                    let n = unnumbered.entry(parent).or_insert(0);
                    *n += 1;
                    (level, auto_number(level, *n))
                }
            };
            levels.insert(node.key.as_str(), level);
            entries.push((node, level, numbering));
        }
        Self { entries }
    }
}

/// The level a framework's numbering shows: `Phần I`, `IV.`, `2.`, `b)`.
pub(super) fn level_of(numbering: &str) -> Option<Level> {
    let n = numbering.trim();
    if n.is_empty() {
        return None;
    }
    if n.starts_with("Phần") {
        return Some(Level::Part);
    }
    if let Some(head) = n.strip_suffix('.') {
        if !head.is_empty() && head.chars().all(|c| "IVXLC".contains(c)) {
            return Some(Level::Section);
        }
        if head.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Some(Level::Item);
        }
    }
    if n.ends_with(')') {
        return Some(Level::Point);
    }
    if n == "-" || n == "+" {
        return Some(Level::Dash);
    }
    Some(Level::Item)
}

fn below(parent: Option<Level>) -> Level {
    match parent {
        None => Level::Part,
        Some(Level::Part) => Level::Section,
        Some(Level::Section) => Level::Item,
        Some(Level::Item) => Level::Point,
        Some(Level::Point | Level::Dash) => Level::Dash,
    }
}

/// The letters of points in Vietnamese texts: a), b), c), d), đ), e), g), … (no f, j, w, z).
const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

pub(super) fn auto_number(level: Level, n: u32) -> String {
    match level {
        Level::Part => format!("Phần {}", roman(n)),
        Level::Section => format!("{}.", roman(n)),
        Level::Item => format!("{n}."),
        Level::Point => format!("{})", POINT_LETTERS[(n as usize - 1) % POINT_LETTERS.len()]),
        Level::Dash => "-".into(),
    }
}
