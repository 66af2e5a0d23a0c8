//! Org units: the province, its departments and boards, district- and commune-level units and
//! public service units. Units are never deleted: they close (`valid_to`) and may hand their
//! history to a successor through lineage (`merged_into`, `split_from`).

use super::ids::OrgUnitId;
use super::text::{parse_date, search_key};
use super::validation::{optional_text, required_text, FieldErrors};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrgUnitKind {
    Province,
    Department,
    District,
    Commune,
    PublicService,
    Other,
}

impl OrgUnitKind {
    pub const ALL: [OrgUnitKind; 6] = [
        Self::Province,
        Self::Department,
        Self::District,
        Self::Commune,
        Self::PublicService,
        Self::Other,
    ];

    /// The stable code stored in the database, CSV files and the CLI.
    pub fn code(self) -> &'static str {
        match self {
            Self::Province => "province",
            Self::Department => "department",
            Self::District => "district",
            Self::Commune => "commune",
            Self::PublicService => "public_service",
            Self::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    /// The key of the kind's name in the text catalog.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Province => "kind.province",
            Self::Department => "kind.department",
            Self::District => "kind.district",
            Self::Commune => "kind.commune",
            Self::PublicService => "kind.public_service",
            Self::Other => "kind.other",
        }
    }
}

/// An org unit as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgUnit {
    pub id: OrgUnitId,
    pub code: String,
    pub name: String,
    pub kind: OrgUnitKind,
    pub parent_id: Option<OrgUnitId>,
    pub valid_from: NaiveDate,
    /// The last day the unit exists; `None` while it is in force.
    pub valid_to: Option<NaiveDate>,
    pub merged_into_id: Option<OrgUnitId>,
    pub split_from_id: Option<OrgUnitId>,
    pub doc: DocumentNames,
}

impl OrgUnit {
    pub fn is_open_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }

    pub fn is_closed(&self) -> bool {
        self.valid_to.is_some()
    }
}

/// The names a unit's official documents need (Decree 30/2020, header cells 2 and 3).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentNames {
    /// The parent body's line, e.g. `UBND TỈNH QUẢNG NGÃI`.
    pub parent_line: String,
    /// The issuing body's line, e.g. `SỞ Y TẾ`.
    pub issuer_line: String,
    /// The abbreviation used in document symbols, e.g. `SYT` in `Số: 05/KH-SYT`.
    pub abbreviation: String,
    /// The place name of the date line, e.g. `Quảng Ngãi`.
    pub place_name: String,
}

/// What a user typed for a unit, all as text: kept whole so a form with errors shows it again.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct OrgUnitForm {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_code: String,
    pub valid_from: String,
    pub valid_to: String,
    pub parent_line: String,
    pub issuer_line: String,
    pub abbreviation: String,
    pub place_name: String,
}

/// What an administrator typed to close a unit, or to merge it into a successor: from when, and
/// (for a merger) into which unit, by code.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LifecycleForm {
    pub effective: String,
    pub successor: String,
}

/// A validated unit, ready to be stored. The parent is still a code: the store resolves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgUnitInput {
    pub code: String,
    pub name: String,
    pub kind: OrgUnitKind,
    pub parent_code: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub doc: DocumentNames,
}

impl OrgUnitInput {
    pub fn search_text(&self) -> String {
        search_key(&format!(
            "{} {} {}",
            self.code, self.name, self.doc.abbreviation
        ))
    }
}

pub const CODE_MAX: usize = 32;
pub const NAME_MAX: usize = 200;
pub const LINE_MAX: usize = 200;
pub const ABBREVIATION_MAX: usize = 20;
pub const PLACE_MAX: usize = 100;

/// A unit code: letters, digits, `.`, `-`, `_`; stored upper case.
pub fn parse_code(errors: &mut FieldErrors, field: &'static str, value: &str) -> String {
    let code = required_text(errors, field, value, CODE_MAX).to_uppercase();
    if !code.is_empty()
        && !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    {
        errors.add(field, "err.code_chars");
    }
    code
}

impl TryFrom<&OrgUnitForm> for OrgUnitInput {
    type Error = FieldErrors;

    fn try_from(form: &OrgUnitForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let code = parse_code(&mut errors, "code", &form.code);
        let name = required_text(&mut errors, "name", &form.name, NAME_MAX);
        let kind = OrgUnitKind::from_code(&form.kind);
        if kind.is_none() {
            errors.add("kind", "err.choose_kind");
        }
        let parent_code = optional_text(&mut errors, "parent_code", &form.parent_code, CODE_MAX)
            .map(|c| c.to_uppercase());
        if parent_code.as_deref() == Some(code.as_str()) && !code.is_empty() {
            errors.add("parent_code", "err.parent_self");
        }
        let valid_from = parse_date(&form.valid_from);
        if form.valid_from.trim().is_empty() {
            errors.add("valid_from", "err.required");
        } else if valid_from.is_none() {
            errors.add("valid_from", "err.date");
        }
        let valid_to = if form.valid_to.trim().is_empty() {
            None
        } else {
            let parsed = parse_date(&form.valid_to);
            match (parsed, valid_from) {
                (None, _) => errors.add("valid_to", "err.date"),
                (Some(to), Some(from)) if to < from => errors.add("valid_to", "err.date_order"),
                _ => {}
            }
            parsed
        };
        // A province's own documents have no parent body above the issuer.
        let parent_line = optional_text(&mut errors, "parent_line", &form.parent_line, LINE_MAX)
            .unwrap_or_default();
        let issuer_line = required_text(&mut errors, "issuer_line", &form.issuer_line, LINE_MAX);
        let abbreviation = required_text(
            &mut errors,
            "abbreviation",
            &form.abbreviation,
            ABBREVIATION_MAX,
        );
        if abbreviation.contains(['/', ' ']) {
            errors.add("abbreviation", "err.abbreviation");
        }
        let place_name = required_text(&mut errors, "place_name", &form.place_name, PLACE_MAX);
        match (kind, valid_from) {
            (Some(kind), Some(valid_from)) if errors.is_empty() => Ok(OrgUnitInput {
                code,
                name,
                kind,
                parent_code,
                valid_from,
                valid_to,
                doc: DocumentNames {
                    parent_line,
                    issuer_line,
                    abbreviation,
                    place_name,
                },
            }),
            _ => Err(errors),
        }
    }
}

impl OrgUnitForm {
    /// The form filled with a stored unit, for editing.
    pub fn from_unit(unit: &OrgUnit, parent_code: Option<String>) -> Self {
        Self {
            code: unit.code.clone(),
            name: unit.name.clone(),
            kind: unit.kind.code().to_string(),
            parent_code: parent_code.unwrap_or_default(),
            valid_from: unit.valid_from.to_string(),
            valid_to: unit.valid_to.map(|d| d.to_string()).unwrap_or_default(),
            parent_line: unit.doc.parent_line.clone(),
            issuer_line: unit.doc.issuer_line.clone(),
            abbreviation: unit.doc.abbreviation.clone(),
            place_name: unit.doc.place_name.clone(),
        }
    }
}

/// A change of a unit's life: it closes on its own, or its history passes to a successor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closure {
    Close,
    MergeInto(OrgUnitId),
}

/// Checks that `unit` may close with the change taking effect on `effective` (its last day is
/// the day before). Returns that last day.
pub fn closing_day(
    unit: &OrgUnit,
    effective: NaiveDate,
    open_children: usize,
    successor: Option<&OrgUnit>,
) -> Result<NaiveDate, &'static str> {
    if unit.is_closed() {
        return Err("err.unit_already_closed");
    }
    let last_day = effective.checked_sub_days(Days::new(1)).ok_or("err.date")?;
    if last_day < unit.valid_from {
        return Err("err.close_before_start");
    }
    if open_children > 0 {
        return Err("err.unit_has_open_children");
    }
    if let Some(successor) = successor {
        if successor.id == unit.id {
            return Err("err.merge_into_self");
        }
        if !successor.is_open_on(effective) {
            return Err("err.successor_not_open");
        }
    }
    Ok(last_day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> OrgUnitForm {
        OrgUnitForm {
            code: "syt".into(),
            name: "Sở Y tế".into(),
            kind: "department".into(),
            parent_code: "QNG".into(),
            valid_from: "01/01/2020".into(),
            valid_to: String::new(),
            parent_line: "UBND TỈNH QUẢNG NGÃI".into(),
            issuer_line: "SỞ Y TẾ".into(),
            abbreviation: "SYT".into(),
            place_name: "Quảng Ngãi".into(),
        }
    }

    fn unit(id: i64, from: &str, to: Option<&str>) -> OrgUnit {
        let input = OrgUnitInput::try_from(&form()).expect("valid form");
        OrgUnit {
            id: OrgUnitId(id),
            code: format!("U{id}"),
            name: input.name,
            kind: input.kind,
            parent_id: None,
            valid_from: parse_date(from).expect("date"),
            valid_to: to.and_then(parse_date),
            merged_into_id: None,
            split_from_id: None,
            doc: input.doc,
        }
    }

    #[test]
    fn a_valid_form_becomes_an_input_with_an_upper_case_code() {
        let input = OrgUnitInput::try_from(&form()).expect("valid form");
        assert_eq!(input.code, "SYT");
        assert_eq!(input.kind, OrgUnitKind::Department);
        assert_eq!(input.parent_code.as_deref(), Some("QNG"));
        assert_eq!(input.search_text(), "syt so y te syt");
    }

    #[test]
    fn every_bad_field_gets_its_own_message() {
        let bad = OrgUnitForm {
            code: "S Y T".into(),
            name: "x".repeat(NAME_MAX + 1),
            kind: "ministry".into(),
            valid_from: "2020-13-01".into(),
            valid_to: "hôm nay".into(),
            abbreviation: "KH/SYT".into(),
            ..form()
        };
        let errors = OrgUnitInput::try_from(&bad).expect_err("invalid form");
        assert_eq!(errors.get("code").map(|e| e.key), Some("err.code_chars"));
        assert_eq!(errors.get("name").map(|e| e.key), Some("err.too_long"));
        assert_eq!(errors.get("kind").map(|e| e.key), Some("err.choose_kind"));
        assert_eq!(errors.get("valid_from").map(|e| e.key), Some("err.date"));
        assert_eq!(errors.get("valid_to").map(|e| e.key), Some("err.date"));
        assert_eq!(
            errors.get("abbreviation").map(|e| e.key),
            Some("err.abbreviation")
        );
    }

    #[test]
    fn a_unit_cannot_end_before_it_starts() {
        let bad = OrgUnitForm {
            valid_to: "2019-12-31".into(),
            ..form()
        };
        let errors = OrgUnitInput::try_from(&bad).expect_err("invalid form");
        assert_eq!(
            errors.get("valid_to").map(|e| e.key),
            Some("err.date_order")
        );
    }

    #[test]
    fn closing_takes_effect_the_next_day() {
        let u = unit(1, "2020-01-01", None);
        let effective = parse_date("2025-07-01").expect("date");
        assert_eq!(
            closing_day(&u, effective, 0, None),
            parse_date("2025-06-30").ok_or("x")
        );
    }

    #[test]
    fn a_closed_unit_or_one_with_open_children_does_not_close() {
        let effective = parse_date("2025-07-01").expect("date");
        let closed = unit(1, "2020-01-01", Some("2024-01-01"));
        assert_eq!(
            closing_day(&closed, effective, 0, None),
            Err("err.unit_already_closed")
        );
        let parent = unit(2, "2020-01-01", None);
        assert_eq!(
            closing_day(&parent, effective, 3, None),
            Err("err.unit_has_open_children")
        );
    }

    #[test]
    fn a_merge_needs_another_successor_open_on_the_day() {
        let effective = parse_date("2025-07-01").expect("date");
        let u = unit(1, "2020-01-01", None);
        assert_eq!(
            closing_day(&u, effective, 0, Some(&u)),
            Err("err.merge_into_self")
        );
        let later = unit(2, "2026-01-01", None);
        assert_eq!(
            closing_day(&u, effective, 0, Some(&later)),
            Err("err.successor_not_open")
        );
        let ok = unit(3, "2020-01-01", None);
        assert!(closing_day(&u, effective, 0, Some(&ok)).is_ok());
    }
}
