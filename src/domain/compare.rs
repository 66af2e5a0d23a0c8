//! Two revisions of a plan side by side: the sections and table rows added, removed and
//! changed between them. Revisions are the JSON snapshots the review loop keeps.

use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
    Changed,
}

impl Change {
    pub const ALL: [Change; 3] = [Self::Added, Self::Removed, Self::Changed];

    pub fn code(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Changed => "changed",
        }
    }

    /// The text naming the change beside a section or a row.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Added => "review.change_added",
            Self::Removed => "review.change_removed",
            Self::Changed => "review.change_changed",
        }
    }
}

/// A section that differs: its key and title, and its text before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionChange {
    pub key: String,
    pub title: String,
    pub change: Change,
    pub before: String,
    pub after: String,
}

/// A table row that differs, with the values that changed (field, before, after).
#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    pub table: String,
    pub row: i64,
    pub title: String,
    pub change: Change,
    pub fields: Vec<(String, String, String)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    pub sections: Vec<SectionChange>,
    pub rows: Vec<RowChange>,
}

fn section_text(s: &Value) -> String {
    if s["not_applicable"].as_bool() == Some(true) {
        format!(
            "(không áp dụng) {}",
            s["not_applicable_reason"].as_str().unwrap_or_default()
        )
    } else {
        s["html"].as_str().unwrap_or_default().to_string()
    }
}

fn shown(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// What changed from `before` to `after`.
pub fn compare(before: &Value, after: &Value) -> Comparison {
    Comparison {
        sections: section_changes(before, after),
        rows: row_changes(before, after),
    }
}

/// A revision's sections by key.
fn sections_of(v: &Value) -> BTreeMap<String, Value> {
    v["sections"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|s| (s["key"].as_str().unwrap_or_default().to_string(), s.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// A revision's rows by table and id.
fn rows_of(v: &Value) -> BTreeMap<(String, i64), Value> {
    let mut m = BTreeMap::new();
    if let Some(tables) = v["tables"].as_object() {
        for (table, list) in tables {
            for r in list.as_array().into_iter().flatten() {
                m.insert(
                    (table.clone(), r["id"].as_i64().unwrap_or_default()),
                    r["values"].clone(),
                );
            }
        }
    }
    m
}

fn section_changes(before: &Value, after: &Value) -> Vec<SectionChange> {
    let (a, b) = (sections_of(before), sections_of(after));
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        let (old, new) = (a.get(key), b.get(key));
        let change = match (old, new) {
            (None, Some(_)) => Change::Added,
            (Some(_), None) => Change::Removed,
            (Some(o), Some(n)) if section_text(o) != section_text(n) => Change::Changed,
            _ => continue,
        };
        let any = new.or(old).cloned().unwrap_or_default();
        out.push(SectionChange {
            key: key.clone(),
            title: format!(
                "{} {}",
                shown(any.get("numbering")),
                shown(any.get("title"))
            )
            .trim()
            .to_string(),
            change,
            before: old.map(section_text).unwrap_or_default(),
            after: new.map(section_text).unwrap_or_default(),
        });
    }
    out
}

/// The fields whose values differ between two versions of a row: (field, before, after).
fn changed_fields(o: &Value, n: &Value) -> Vec<(String, String, String)> {
    let names: std::collections::BTreeSet<&String> = o
        .as_object()
        .into_iter()
        .flat_map(|m| m.keys())
        .chain(n.as_object().into_iter().flat_map(|m| m.keys()))
        .collect();
    names
        .into_iter()
        .filter(|f| o.get(f.as_str()) != n.get(f.as_str()))
        .map(|f| {
            (
                f.clone(),
                shown(o.get(f.as_str())),
                shown(n.get(f.as_str())),
            )
        })
        .collect()
}

fn row_changes(before: &Value, after: &Value) -> Vec<RowChange> {
    let (a, b) = (rows_of(before), rows_of(after));
    let keys: std::collections::BTreeSet<&(String, i64)> = a.keys().chain(b.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        let (old, new) = (a.get(key), b.get(key));
        let (change, fields) = match (old, new) {
            (None, Some(_)) => (Change::Added, Vec::new()),
            (Some(_), None) => (Change::Removed, Vec::new()),
            (Some(o), Some(n)) if o != n => (Change::Changed, changed_fields(o, n)),
            _ => continue,
        };
        let values = new.or(old).cloned().unwrap_or_default();
        let title = ["name", "citation", "source", "year"]
            .iter()
            .map(|f| shown(values.get(*f)))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        out.push(RowChange {
            table: key.0.clone(),
            row: key.1,
            title,
            change,
            fields,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sections_and_rows_added_removed_and_changed_are_found_and_nothing_else() {
        let before = json!({
            "sections": [
                {"key": "A", "numbering": "I.", "title": "Môi trường pháp lý", "html": "<p>cũ</p>"},
                {"key": "B", "title": "Hạ tầng", "html": "<p>giữ nguyên</p>"},
                {"key": "C", "title": "Bỏ đi", "html": "<p>x</p>"}
            ],
            "tables": {"tasks": [
                {"id": 1, "values": {"name": "HIS", "total": 1000}},
                {"id": 2, "values": {"name": "Bỏ", "total": 5}}
            ]}
        });
        let after = json!({
            "sections": [
                {"key": "A", "numbering": "I.", "title": "Môi trường pháp lý", "html": "<p>mới</p>"},
                {"key": "B", "title": "Hạ tầng", "html": "<p>giữ nguyên</p>"},
                {"key": "D", "title": "Thêm", "not_applicable": true, "not_applicable_reason": "Không có"}
            ],
            "tables": {"tasks": [
                {"id": 1, "values": {"name": "HIS", "total": 1200, "continuing": true}},
                {"id": 3, "values": {"name": "Mới"}}
            ]}
        });
        let c = compare(&before, &after);
        let s: Vec<(&str, Change)> = c
            .sections
            .iter()
            .map(|s| (s.key.as_str(), s.change))
            .collect();
        assert_eq!(
            s,
            [
                ("A", Change::Changed),
                ("C", Change::Removed),
                ("D", Change::Added)
            ]
        );
        assert_eq!(
            (c.sections[0].before.as_str(), c.sections[0].after.as_str()),
            ("<p>cũ</p>", "<p>mới</p>")
        );
        assert_eq!(c.sections[0].title, "I. Môi trường pháp lý");
        assert!(c.sections[2].after.contains("Không có"));
        let r: Vec<(i64, Change)> = c.rows.iter().map(|r| (r.row, r.change)).collect();
        assert_eq!(
            r,
            [
                (1, Change::Changed),
                (2, Change::Removed),
                (3, Change::Added)
            ]
        );
        assert_eq!(
            c.rows[0].fields,
            [
                ("continuing".to_string(), String::new(), "true".to_string()),
                ("total".to_string(), "1000".to_string(), "1200".to_string())
            ]
        );
        assert!(
            compare(&before, &before).sections.is_empty()
                && compare(&after, &after).rows.is_empty()
        );
    }
}
