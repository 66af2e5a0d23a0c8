//! Frameworks as administrators change them: cloned into a new draft version, their sections'
//! words edited, sections added, moved and removed, and the draft published. A published
//! framework never changes.

use super::{Refusal, Who};
use crate::db::Store;
use crate::domain::authz::{can, Action};
use crate::domain::framework::{
    outline, Framework, FrameworkNode, FrameworkStatus, NodeKind, Translation,
};
use crate::domain::ids::FrameworkId;
use crate::domain::validation::{long_text, optional_text, required_text, FieldErrors};
use chrono::{DateTime, Utc};
use serde::Deserialize;

/// The most guidance one section may hold, in characters.
const GUIDANCE_MAX: usize = 20_000;

/// A section's words as an administrator typed them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NodeForm {
    pub numbering: String,
    pub title: String,
    pub guidance: String,
    pub title_en: String,
    pub guidance_en: String,
    /// A checkbox: any value is ticked.
    pub optional: String,
}

impl NodeForm {
    /// The form filled with a node's words.
    pub fn of(node: &FrameworkNode) -> Self {
        Self {
            numbering: node.numbering.clone(),
            title: node.title.clone(),
            guidance: node.guidance.clone(),
            title_en: node.english.title.clone(),
            guidance_en: node.english.guidance.clone(),
            optional: if node.optional {
                "1".into()
            } else {
                String::new()
            },
        }
    }
}

/// A new section under a parent: its numbering, title and kind.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewNodeForm {
    pub numbering: String,
    pub title: String,
    pub kind: String,
}

/// A section's numbering (optional) and title (required), checked.
fn heading(errors: &mut FieldErrors, numbering: &str, title: &str) -> (String, String) {
    let numbering = optional_text(errors, "numbering", numbering, 40).unwrap_or_default();
    (numbering, required_text(errors, "title", title, 500))
}

fn require_admin(who: &Who) -> Result<(), Refusal> {
    if can(&who.actor, Action::ManagePlanning) {
        Ok(())
    } else {
        Err(Refusal::Forbidden)
    }
}

/// A draft framework and its outline; a published one refuses every change.
pub async fn draft(
    store: &Store,
    who: &Who,
    id: FrameworkId,
) -> Result<(Framework, Vec<FrameworkNode>), Refusal> {
    require_admin(who)?;
    let framework = store.framework(id).await?.ok_or(Refusal::NotFound)?;
    if framework.status != FrameworkStatus::Draft {
        return Err(Refusal::Locked);
    }
    let nodes = store.framework_nodes(framework.id).await?.to_vec();
    Ok((framework, nodes))
}

/// A new draft version of a framework, with the same outline.
pub async fn clone_framework(
    store: &Store,
    who: &Who,
    id: FrameworkId,
    now: DateTime<Utc>,
) -> Result<Framework, Refusal> {
    require_admin(who)?;
    Ok(store.clone_framework(id, &who.audit(now)).await?)
}

pub async fn publish_framework(
    store: &Store,
    who: &Who,
    id: FrameworkId,
    now: DateTime<Utc>,
) -> Result<Framework, Refusal> {
    require_admin(who)?;
    store
        .publish_framework(id, &who.audit(now))
        .await
        .map_err(|e| match Refusal::from(e) {
            // Published already (by someone else, meanwhile).
            Refusal::Invalid(_) => Refusal::Locked,
            other => other,
        })
}

/// Changes a section's words; gives the section as saved.
pub async fn edit_node(
    store: &Store,
    who: &Who,
    id: FrameworkId,
    key: &str,
    form: &NodeForm,
    now: DateTime<Utc>,
) -> Result<FrameworkNode, Refusal> {
    let (framework, nodes) = draft(store, who, id).await?;
    let node = nodes
        .into_iter()
        .find(|n| n.key == key)
        .ok_or(Refusal::NotFound)?;
    let mut errors = FieldErrors::new();
    let (numbering, title) = heading(&mut errors, &form.numbering, &form.title);
    let guidance = long_text(&mut errors, "guidance", &form.guidance, GUIDANCE_MAX);
    let title_en = optional_text(&mut errors, "title_en", &form.title_en, 500).unwrap_or_default();
    let guidance_en = long_text(&mut errors, "guidance_en", &form.guidance_en, GUIDANCE_MAX);
    if !errors.is_empty() {
        return Err(Refusal::Invalid(errors));
    }
    let changed = FrameworkNode {
        numbering,
        title,
        guidance,
        optional: !form.optional.is_empty(),
        english: Translation {
            title: title_en,
            guidance: guidance_en,
        },
        ..node
    };
    store
        .update_framework_node(framework.id, &changed, &who.audit(now))
        .await?;
    Ok(changed)
}

async fn rewrite(
    store: &Store,
    who: &Who,
    framework: &Framework,
    nodes: &[FrameworkNode],
    what: &str,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    Ok(store
        .rewrite_framework_outline(framework.id, nodes, "framework.edit", what, &who.audit(now))
        .await?)
}

/// Moves a section (with everything under it) one place up or down among its siblings; at the
/// edge there is nowhere to go and the outline stays as it is.
pub async fn move_node(
    store: &Store,
    who: &Who,
    id: FrameworkId,
    key: &str,
    up: bool,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    let (framework, nodes) = draft(store, who, id).await?;
    if !nodes.iter().any(|n| n.key == key) {
        return Err(Refusal::NotFound);
    }
    if let Some(moved) = outline::move_node(&nodes, key, up) {
        let what = format!("move {key} {}", if up { "up" } else { "down" });
        rewrite(store, who, &framework, &moved, &what, now).await?;
    }
    Ok(())
}

/// Removes a section and everything under it.
pub async fn remove_node(
    store: &Store,
    who: &Who,
    id: FrameworkId,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    let (framework, nodes) = draft(store, who, id).await?;
    let kept = outline::remove(&nodes, key).ok_or(Refusal::NotFound)?;
    let what = format!("remove {key} ({} nodes)", nodes.len() - kept.len());
    rewrite(store, who, &framework, &kept, &what, now).await
}

/// Adds a section at the end of a parent's children; gives the new section's key.
pub async fn add_node(
    store: &Store,
    who: &Who,
    id: FrameworkId,
    parent: &str,
    form: &NewNodeForm,
    now: DateTime<Utc>,
) -> Result<String, Refusal> {
    let (framework, nodes) = draft(store, who, id).await?;
    let parent_node = nodes
        .iter()
        .find(|n| n.key == parent)
        .ok_or(Refusal::NotFound)?;
    let mut errors = FieldErrors::new();
    let (numbering, title) = heading(&mut errors, &form.numbering, &form.title);
    if !errors.is_empty() {
        return Err(Refusal::Invalid(errors));
    }
    let node = FrameworkNode {
        key: String::new(),
        parent_key: None,
        numbering,
        title,
        guidance: String::new(),
        kind: NodeKind::from_code(&form.kind).unwrap_or(NodeKind::Narrative),
        table: None,
        optional: false,
        applies_to: parent_node.applies_to,
        english: Translation::default(),
    };
    let added = outline::add_child(&nodes, Some(parent), node).ok_or(Refusal::NotFound)?;
    let new_key = added
        .iter()
        .find(|n| !nodes.iter().any(|o| o.key == n.key))
        .map(|n| n.key.clone())
        .unwrap_or_default();
    rewrite(
        store,
        who,
        &framework,
        &added,
        &format!("add {new_key}"),
        now,
    )
    .await?;
    Ok(new_key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixture::province;

    #[tokio::test]
    async fn a_clone_is_edited_and_published_then_never_changes() {
        let p = province().await;
        let draft_copy = clone_framework(&p.store, &p.admin, p.round.framework_id, p.now)
            .await
            .expect("cloned");
        let nodes = p.store.framework_nodes(draft_copy.id).await.expect("nodes");
        let first = nodes[0].key.clone();
        let form = NodeForm {
            title: "Mục mới sửa".into(),
            ..NodeForm::of(&nodes[0])
        };
        let edited = edit_node(&p.store, &p.admin, draft_copy.id, &first, &form, p.now)
            .await
            .expect("edited");
        assert_eq!(edited.title, "Mục mới sửa");
        let blank = NodeForm {
            title: " ".into(),
            ..form.clone()
        };
        let refused = edit_node(&p.store, &p.admin, draft_copy.id, &first, &blank, p.now).await;
        assert!(matches!(refused, Err(Refusal::Invalid(_))));
        let new = NewNodeForm {
            title: "Mục thêm".into(),
            ..NewNodeForm::default()
        };
        let key = add_node(&p.store, &p.admin, draft_copy.id, &first, &new, p.now)
            .await
            .expect("added");
        remove_node(&p.store, &p.admin, draft_copy.id, &key, p.now)
            .await
            .expect("removed");
        publish_framework(&p.store, &p.admin, draft_copy.id, p.now)
            .await
            .expect("published");
        let late = edit_node(&p.store, &p.admin, draft_copy.id, &first, &form, p.now).await;
        assert!(matches!(late, Err(Refusal::Locked)), "{late:?}");
        let again = publish_framework(&p.store, &p.admin, draft_copy.id, p.now).await;
        assert!(matches!(again, Err(Refusal::Locked)), "{again:?}");
        let reviewer = clone_framework(&p.store, &p.reviewer, draft_copy.id, p.now).await;
        assert!(matches!(reviewer, Err(Refusal::Forbidden)));
    }
}
