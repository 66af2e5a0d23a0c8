//! Frameworks and their outlines. A published framework is never changed: edits go to a new
//! draft version, cloned from it.

use super::sql::{sql, Sql, Tx};
use super::{AuditCtx, DbError, DbResult, Store};
use crate::domain::framework::{
    parse_applies_to, Framework, FrameworkDraft, FrameworkNode, FrameworkStatus, NodeKind,
    Translation,
};
use crate::domain::ids::FrameworkId;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

const FRAMEWORK_COLUMNS: &str = "framework_id, code, version, title, period_start, period_end, \
    evaluation_start, evaluation_end, source, status";

#[derive(sqlx::FromRow)]
struct FrameworkRow {
    framework_id: i64,
    code: String,
    version: i32,
    title: String,
    period_start: i32,
    period_end: i32,
    evaluation_start: i32,
    evaluation_end: i32,
    source: String,
    status: String,
}

impl TryFrom<FrameworkRow> for Framework {
    type Error = DbError;

    fn try_from(r: FrameworkRow) -> DbResult<Self> {
        Ok(Framework {
            id: FrameworkId(r.framework_id),
            status: FrameworkStatus::from_code(&r.status)
                .ok_or_else(|| DbError::Corrupt(format!("framework status {}", r.status)))?,
            code: r.code,
            version: r.version,
            title: r.title,
            period_start: r.period_start,
            period_end: r.period_end,
            evaluation_start: r.evaluation_start,
            evaluation_end: r.evaluation_end,
            source: r.source,
        })
    }
}

#[derive(sqlx::FromRow)]
struct NodeRow {
    node_key: String,
    parent_key: Option<String>,
    numbering: String,
    title: String,
    guidance: String,
    kind: String,
    table_code: Option<String>,
    optional: bool,
    applies_to: Option<String>,
    title_en: String,
    guidance_en: String,
}

impl TryFrom<NodeRow> for FrameworkNode {
    type Error = DbError;

    fn try_from(r: NodeRow) -> DbResult<Self> {
        Ok(FrameworkNode {
            kind: NodeKind::from_code(&r.kind)
                .ok_or_else(|| DbError::Corrupt(format!("node kind {}", r.kind)))?,
            applies_to: parse_applies_to(r.applies_to.as_deref().unwrap_or_default())
                .ok_or_else(|| DbError::Corrupt("node plan kind".into()))?,
            key: r.node_key,
            parent_key: r.parent_key,
            numbering: r.numbering,
            title: r.title,
            guidance: r.guidance,
            table: r.table_code,
            optional: r.optional,
            english: Translation {
                title: r.title_en,
                guidance: r.guidance_en,
            },
        })
    }
}

/// The statement that stores node `n` of a framework's outline at `position`.
fn insert_node(framework: FrameworkId, position: usize, n: &FrameworkNode) -> Sql<'_> {
    sql(
        "insert into framework_node (framework_id, node_key, parent_key, position, numbering, \
         title, guidance, kind, table_code, optional, applies_to, title_en, guidance_en) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(framework)
    .bind(&n.key)
    .bind(n.parent_key.as_deref())
    .bind(position as i32)
    .bind(&n.numbering)
    .bind(&n.title)
    .bind(&n.guidance)
    .bind(n.kind.code())
    .bind(n.table.as_deref())
    .bind(n.optional)
    .bind(n.applies_to.map(|k| k.code()))
    .bind(&n.english.title)
    .bind(&n.english.guidance)
}

/// Keeps a framework a draft until the transaction ends, or refuses when it is published
/// already. The status is compared inside a write, so on PostgreSQL the row stays locked: a
/// publish waits for the transaction instead of slipping in between a check and the change.
async fn hold_draft(tx: &mut Tx, id: FrameworkId) -> DbResult<()> {
    let held = sql("update framework set status = 'draft' \
                    where framework_id = $1 and status = 'draft'")
    .bind(id)
    .execute(tx)
    .await?;
    if held == 0 {
        return Err(DbError::field("framework", "err.framework_published"));
    }
    Ok(())
}

const NODE_COLUMNS: &str = "node_key, parent_key, numbering, title, guidance, kind, table_code, \
    optional, applies_to, title_en, guidance_en";

impl Store {
    pub async fn frameworks(&self) -> DbResult<Vec<Framework>> {
        let text = format!("select {FRAMEWORK_COLUMNS} from framework order by code, version");
        let rows: Vec<FrameworkRow> = sql(&text).fetch_all(self).await?;
        rows.into_iter().map(Framework::try_from).collect()
    }

    /// A framework; a published one is read once and kept, as its outline is.
    pub async fn framework(&self, id: FrameworkId) -> DbResult<Option<Framework>> {
        if let Some(kept) = self.published.get(id) {
            return Ok(Some(kept.framework.clone()));
        }
        let text = format!("select {FRAMEWORK_COLUMNS} from framework where framework_id = $1");
        let row: Option<FrameworkRow> = sql(&text).bind(id).fetch_optional(self).await?;
        row.map(Framework::try_from).transpose()
    }

    /// The newest version of the framework with this code (`KHUNG-2021-2025`), or a given
    /// version (`KHUNG-2021-2025@2`).
    pub async fn framework_by_code(&self, code: &str) -> DbResult<Option<Framework>> {
        let (code, version) = match code.split_once('@') {
            Some((c, v)) => (c, v.parse::<i32>().ok()),
            None => (code, None),
        };
        let text = format!(
            "select {FRAMEWORK_COLUMNS} from framework \
             where code = $1 and ($2 = 0 or version = $2) order by version desc limit 1"
        );
        let row: Option<FrameworkRow> = sql(&text)
            .bind(code.trim().to_uppercase())
            .bind(version.unwrap_or(0))
            .fetch_optional(self)
            .await?;
        row.map(Framework::try_from).transpose()
    }

    /// The outline, in document order. A published framework's outline is read once and kept:
    /// it never changes, and every page of a plan and every check reads it.
    pub async fn framework_nodes(&self, id: FrameworkId) -> DbResult<Arc<[FrameworkNode]>> {
        if let Some(kept) = self.published.get(id) {
            return Ok(kept.nodes.clone());
        }
        // The framework is read before its nodes: one published then has its final outline,
        // whereas nodes read before a publication might be a draft's.
        let framework = self.framework(id).await?;
        let text = format!(
            "select {NODE_COLUMNS} from framework_node where framework_id = $1 order by position"
        );
        let rows: Vec<NodeRow> = sql(&text).bind(id).fetch_all(self).await?;
        let nodes: Arc<[FrameworkNode]> = rows
            .into_iter()
            .map(FrameworkNode::try_from)
            .collect::<DbResult<Vec<_>>>()?
            .into();
        if let Some(framework) = framework.filter(|f| f.status == FrameworkStatus::Published) {
            self.published.keep(framework, nodes.clone());
        }
        Ok(nodes)
    }

    /// Stores a framework read from a file, published. A framework whose code and version are
    /// already stored is left as it is: built-in frameworks install once.
    pub async fn install_framework(
        &self,
        draft: &FrameworkDraft,
        ctx: &AuditCtx,
    ) -> DbResult<Framework> {
        if let Some(existing) = self
            .framework_by_code(&format!("{}@{}", draft.code, draft.version))
            .await?
        {
            return Ok(existing);
        }
        let mut tx = self.begin_write().await?;
        let id = sql(
            "insert into framework (code, version, title, period_start, period_end, \
             evaluation_start, evaluation_end, source, status, created_at, published_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, 'published', $9, $9) \
             returning framework_id",
        )
        .bind(&draft.code)
        .bind(draft.version)
        .bind(&draft.title)
        .bind(draft.period_start)
        .bind(draft.period_end)
        .bind(draft.evaluation_start)
        .bind(draft.evaluation_end)
        .bind(&draft.source)
        .bind(ctx.at)
        .scalar(&mut tx)
        .await
        .map(FrameworkId)?;
        for (position, n) in draft.nodes.iter().enumerate() {
            insert_node(id, position, n).execute(&mut tx).await?;
        }
        let event = ctx.event(
            "framework.install",
            "framework",
            id,
            format!("{} v{}", draft.code, draft.version),
            String::new(),
            format!("nodes={}", draft.nodes.len()),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        self.framework(id).await?.ok_or(DbError::NotFound)
    }

    /// A new draft version of a framework, with a copy of its outline, to edit.
    pub async fn clone_framework(&self, from: FrameworkId, ctx: &AuditCtx) -> DbResult<Framework> {
        let source = self.framework(from).await?.ok_or(DbError::NotFound)?;
        let mut tx = self.begin_write().await?;
        let next: i32 = sql("select coalesce(max(version), 0) + 1 from framework where code = $1")
            .bind(&source.code)
            .scalar(&mut tx)
            .await?;
        let id = sql(
            "insert into framework (code, version, title, period_start, period_end, \
             evaluation_start, evaluation_end, source, status, based_on_id, created_at) \
             select code, $1, title, period_start, period_end, evaluation_start, \
             evaluation_end, source, 'draft', framework_id, $2 \
             from framework where framework_id = $3 returning framework_id",
        )
        .bind(next)
        .bind(ctx.at)
        .bind(from)
        .scalar(&mut tx)
        .await
        .map(FrameworkId)?;
        sql(
            "insert into framework_node (framework_id, node_key, parent_key, position, numbering, \
             title, guidance, kind, table_code, optional, applies_to, title_en, guidance_en) \
             select $1, node_key, parent_key, position, numbering, title, guidance, kind, \
             table_code, optional, applies_to, title_en, guidance_en \
             from framework_node where framework_id = $2",
        )
        .bind(id)
        .bind(from)
        .execute(&mut tx)
        .await?;
        let event = ctx.event(
            "framework.clone",
            "framework",
            id,
            format!("{} v{next}", source.code),
            format!("from=v{}", source.version),
            "status=draft".into(),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        self.framework(id).await?.ok_or(DbError::NotFound)
    }

    /// Changes a node's words in a draft framework. A published one refuses.
    pub async fn update_framework_node(
        &self,
        id: FrameworkId,
        node: &FrameworkNode,
        ctx: &AuditCtx,
    ) -> DbResult<()> {
        let framework = self.framework(id).await?.ok_or(DbError::NotFound)?;
        let mut tx = self.begin_write().await?;
        hold_draft(&mut tx, id).await?;
        let changed = sql(
            "update framework_node set numbering = $1, title = $2, guidance = $3, \
             optional = $4, title_en = $5, guidance_en = $6 \
             where framework_id = $7 and node_key = $8",
        )
        .bind(&node.numbering)
        .bind(&node.title)
        .bind(&node.guidance)
        .bind(node.optional)
        .bind(&node.english.title)
        .bind(&node.english.guidance)
        .bind(id)
        .bind(&node.key)
        .execute(&mut tx)
        .await?;
        if changed == 0 {
            return Err(DbError::NotFound);
        }
        let event = ctx.event(
            "framework.edit",
            "framework",
            id,
            format!("{} v{} {}", framework.code, framework.version, node.key),
            String::new(),
            format!("title={}", node.title),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces the whole outline of a draft framework (after adding, removing or moving
    /// nodes): one transaction, so the outline is never half-changed.
    pub async fn rewrite_framework_outline(
        &self,
        id: FrameworkId,
        nodes: &[FrameworkNode],
        action: &'static str,
        what: &str,
        ctx: &AuditCtx,
    ) -> DbResult<()> {
        let framework = self.framework(id).await?.ok_or(DbError::NotFound)?;
        let mut tx = self.begin_write().await?;
        hold_draft(&mut tx, id).await?;
        sql("delete from framework_node where framework_id = $1")
            .bind(id)
            .execute(&mut tx)
            .await?;
        for (position, n) in nodes.iter().enumerate() {
            insert_node(id, position, n).execute(&mut tx).await?;
        }
        let event = ctx.event(
            action,
            "framework",
            id,
            format!("{} v{}", framework.code, framework.version),
            String::new(),
            what.to_string(),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Publishes a draft: from now on it never changes and rounds may use it.
    pub async fn publish_framework(&self, id: FrameworkId, ctx: &AuditCtx) -> DbResult<Framework> {
        let framework = self.framework(id).await?.ok_or(DbError::NotFound)?;
        let mut tx = self.begin_write().await?;
        let published = sql(
            "update framework set status = 'published', published_at = $1 \
             where framework_id = $2 and status = 'draft'",
        )
        .bind(ctx.at)
        .bind(id)
        .execute(&mut tx)
        .await?;
        if published == 0 {
            return Err(DbError::field("framework", "err.framework_published"));
        }
        let event = ctx.event(
            "framework.publish",
            "framework",
            id,
            format!("{} v{}", framework.code, framework.version),
            "status=draft".into(),
            "status=published".into(),
        );
        Store::insert_audit(&mut tx, &event).await?;
        tx.commit().await?;
        self.framework(id).await?.ok_or(DbError::NotFound)
    }
}

/// Published frameworks with their outlines, by id. A framework is never deleted and a
/// published one never changes, so what is kept here is never stale, whichever process wrote
/// the database.
#[derive(Debug, Default, Clone)]
pub(super) struct Published(Arc<RwLock<HashMap<FrameworkId, Arc<Kept>>>>);

#[derive(Debug)]
struct Kept {
    framework: Framework,
    nodes: Arc<[FrameworkNode]>,
}

impl Published {
    fn get(&self, id: FrameworkId) -> Option<Arc<Kept>> {
        // A poisoned lock only means a reader panicked: the map itself is whole.
        let map = self.0.read().unwrap_or_else(|e| e.into_inner());
        map.get(&id).cloned()
    }

    fn keep(&self, framework: Framework, nodes: Arc<[FrameworkNode]>) {
        let mut map = self.0.write().unwrap_or_else(|e| e.into_inner());
        map.insert(framework.id, Arc::new(Kept { framework, nodes }));
    }
}
