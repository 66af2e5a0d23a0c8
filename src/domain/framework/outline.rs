//! Outline edits of a draft framework, as pure functions over the ordered node list: the
//! store then writes the whole new order.

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
