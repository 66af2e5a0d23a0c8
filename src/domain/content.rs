//! A plan's content as one read model: its document details, its sections by node and its
//! tables' rows, read together. The checks, the editor, the documents and the revision kept at
//! a step all read this one value.

use super::ids::RowId;
use super::round::{PlanMeta, SectionContent};
use super::tables::rules::PlanTables;
use super::tables::Row;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanContent {
    pub meta: PlanMeta,
    /// The version of the document details.
    pub meta_version: i32,
    /// Saved sections by node key.
    pub sections: BTreeMap<String, SectionContent>,
    /// Every table's rows by table code, each in the table's order.
    pub tables: PlanTables,
    /// Each row's version, for the forms that change it.
    pub row_versions: HashMap<RowId, i32>,
}

impl PlanContent {
    /// A plan's sections alone, by node key (no document details, no rows).
    pub fn of_sections(sections: Vec<SectionContent>) -> Self {
        Self {
            sections: sections
                .into_iter()
                .map(|s| (s.node_key.clone(), s))
                .collect(),
            ..Self::default()
        }
    }

    /// One table's rows, in order (none when the table is empty).
    pub fn rows(&self, table: &str) -> &[(RowId, Row)] {
        self.tables.get(table).map_or(&[], Vec::as_slice)
    }

    pub fn section(&self, key: &str) -> Option<&SectionContent> {
        self.sections.get(key)
    }

    /// The row's version, 0 when it is not there.
    pub fn row_version(&self, row: RowId) -> i32 {
        self.row_versions.get(&row).copied().unwrap_or(0)
    }
}
