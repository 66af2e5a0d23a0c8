//! Catalogs that typed tables pick from: funding sources, task groups, solution groups, the
//! annual plan's focus items, security levels (two vocabularies), the 4 layers, indicators with
//! their national targets. An entry applies from a date and until one; a code may have a newer
//! wording from a later date (the task groups of 2026–2030, the security levels of Decree
//! 331/2026), and plans read the wording in force on their round's cut-off date.

use super::ids::CatalogEntryId;
use super::money::{parse_millions, Money};
use super::text::parse_date;
use super::user::Language;
use super::validation::{optional_text, required_text, FieldErrors};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashMap;

/// Every catalog, in the order the admin pages list them.
pub const CATALOGS: &[&str] = &[
    "funding_source",
    "task_group",
    "solution_group",
    "focus_item",
    "security_level",
    "layer",
    "indicator",
];

/// The text naming a catalog: `catalog.funding_source`.
pub fn title_key(catalog: &str) -> String {
    format!("catalog.{catalog}")
}

/// Catalogs whose codes read better than their names in a narrow column (task group 5,
/// level 3).
pub fn shown_by_code(catalog: &str) -> bool {
    matches!(catalog, "task_group" | "security_level")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEntry {
    /// `None` before it is stored.
    pub id: Option<CatalogEntryId>,
    pub catalog: String,
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// The document the entry comes from.
    pub source: String,
    /// Indicators: the unit (`%`), whether higher is better, the national target (thousandths)
    /// and its year.
    pub unit: String,
    pub direction: String,
    pub target: Option<i64>,
    pub target_year: Option<i32>,
}

impl CatalogEntry {
    pub fn in_force(&self, on: NaiveDate) -> bool {
        self.valid_from <= on && self.valid_to.is_none_or(|to| on <= to)
    }

    pub fn name_in(&self, lang: impl std::borrow::Borrow<Language>) -> &str {
        match lang.borrow() {
            Language::En if !self.name_en.is_empty() => &self.name_en,
            _ => &self.name,
        }
    }

    pub fn target_shown(&self) -> String {
        self.target
            .map(|t| Money(t).to_string())
            .unwrap_or_default()
    }
}

/// The wording of each code in force on `on`, in the catalog's order; codes no longer in force
/// but named in `keep` (values already in a plan) stay, with their last wording.
pub fn options_on<'a>(
    entries: &'a [CatalogEntry],
    on: NaiveDate,
    keep: &[String],
) -> Vec<&'a CatalogEntry> {
    let mut chosen: Vec<&CatalogEntry> = Vec::new();
    for e in entries {
        let wanted = e.in_force(on) || (keep.contains(&e.code) && e.valid_from <= on);
        if !wanted {
            continue;
        }
        match chosen.iter_mut().find(|c| c.code == e.code) {
            Some(c) if c.valid_from < e.valid_from => *c = e,
            Some(_) => {}
            None => chosen.push(e),
        }
    }
    // A kept code that only exists after the date still reads.
    for code in keep {
        if !chosen.iter().any(|c| &c.code == code) {
            if let Some(e) = entries.iter().find(|e| &e.code == code) {
                chosen.push(e);
            }
        }
    }
    chosen
}

#[derive(Deserialize)]
struct SeedFile {
    entry: Vec<SeedEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedEntry {
    catalog: String,
    code: String,
    name: String,
    name_en: String,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    direction: String,
    target: Option<String>,
    target_year: Option<i32>,
}

/// Reads the catalogs shipped with the product.
pub fn parse_seed(text: &str) -> Result<Vec<CatalogEntry>, String> {
    let file: SeedFile = toml::from_str(text).map_err(|e| e.to_string())?;
    file.entry
        .into_iter()
        .map(|e| {
            if !CATALOGS.contains(&e.catalog.as_str()) {
                return Err(format!("unknown catalog {}", e.catalog));
            }
            let target = match &e.target {
                Some(t) => Some(
                    parse_millions(t)
                        .map_err(|_| format!("{} {}: target {t}", e.catalog, e.code))?
                        .0,
                ),
                None => None,
            };
            Ok(CatalogEntry {
                id: None,
                catalog: e.catalog,
                code: e.code,
                name: e.name,
                name_en: e.name_en,
                valid_from: e.valid_from,
                valid_to: e.valid_to,
                source: e.source,
                unit: e.unit,
                direction: e.direction,
                target,
                target_year: e.target_year,
            })
        })
        .collect()
}

/// Reads an entry from the admin form. Every problem is named by its field.
pub fn parse_form(
    catalog: &str,
    form: &HashMap<String, String>,
) -> Result<CatalogEntry, FieldErrors> {
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
    let mut errors = FieldErrors::new();
    let code = required_text(&mut errors, "code", field("code"), 50);
    let name = required_text(&mut errors, "name", field("name"), 500);
    let name_en = optional_text(&mut errors, "name_en", field("name_en"), 500).unwrap_or_default();
    let source = optional_text(&mut errors, "source", field("source"), 500).unwrap_or_default();
    let unit = optional_text(&mut errors, "unit", field("unit"), 50).unwrap_or_default();
    let valid_from = parse_date(field("valid_from"));
    if valid_from.is_none() {
        errors.add("valid_from", "err.date");
    }
    let valid_to = match field("valid_to").trim() {
        "" => None,
        text => {
            let to = parse_date(text);
            match (to, valid_from) {
                (None, _) => errors.add("valid_to", "err.date"),
                (Some(to), Some(from)) if to < from => errors.add("valid_to", "err.date_order"),
                _ => {}
            }
            to
        }
    };
    let direction = field("direction").to_string();
    if !["", "up", "down"].contains(&direction.as_str()) {
        errors.add("direction", "err.choice");
    }
    let target = match field("target").trim() {
        "" => None,
        text => match parse_millions(text) {
            Ok(m) => Some(m.0),
            Err(e) => {
                errors.add("target", e.key());
                None
            }
        },
    };
    let target_year = match field("target_year").trim() {
        "" => None,
        text => {
            let year = crate::domain::text::parse_plan_year(text);
            if year.is_none() {
                errors.add("target_year", "err.year");
            }
            year
        }
    };
    match valid_from {
        Some(valid_from) if errors.is_empty() => Ok(CatalogEntry {
            id: None,
            catalog: catalog.to_string(),
            code,
            name,
            name_en,
            valid_from,
            valid_to,
            source,
            unit,
            direction,
            target,
            target_year,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        code: &str,
        name: &str,
        from: (i32, u32, u32),
        to: Option<(i32, u32, u32)>,
    ) -> CatalogEntry {
        let date = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        CatalogEntry {
            id: None,
            catalog: "task_group".into(),
            code: code.into(),
            name: name.into(),
            name_en: String::new(),
            valid_from: date(from),
            valid_to: to.map(date),
            source: String::new(),
            unit: String::new(),
            direction: String::new(),
            target: None,
            target_year: None,
        }
    }

    #[test]
    fn a_round_reads_the_wording_in_force_on_its_cut_off_date() {
        let entries = vec![
            entry(
                "1",
                "Môi trường pháp lý",
                (2020, 1, 1),
                Some((2025, 12, 31)),
            ),
            entry("1", "Thể chế số", (2026, 1, 1), None),
            entry("8", "Nhóm đã bỏ", (2020, 1, 1), Some((2022, 12, 31))),
        ];
        let on = |y| NaiveDate::from_ymd_opt(y, 6, 1).expect("date");
        let names = |v: Vec<&CatalogEntry>| v.iter().map(|e| e.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(options_on(&entries, on(2021), &[])),
            ["Môi trường pháp lý", "Nhóm đã bỏ"]
        );
        assert_eq!(names(options_on(&entries, on(2027), &[])), ["Thể chế số"]);
        // A retired code a plan already holds stays readable.
        assert_eq!(
            names(options_on(&entries, on(2027), &["8".into()])),
            ["Thể chế số", "Nhóm đã bỏ"]
        );
    }

    #[test]
    fn the_shipped_catalogs_read_and_every_catalog_has_entries() {
        let entries = parse_seed(include_str!("../../frameworks/danh-muc.toml")).expect("catalogs");
        for catalog in CATALOGS {
            assert!(
                entries.iter().any(|e| &e.catalog == catalog),
                "{catalog} is empty"
            );
        }
        let mut seen = std::collections::HashSet::new();
        for e in &entries {
            assert!(
                seen.insert((&e.catalog, &e.code, e.valid_from)),
                "{} {} twice",
                e.catalog,
                e.code
            );
        }
        let groups_2026 = options_on(
            &entries
                .iter()
                .filter(|e| e.catalog == "task_group")
                .cloned()
                .collect::<Vec<_>>(),
            NaiveDate::from_ymd_opt(2026, 3, 1).expect("date"),
            &[],
        )
        .len();
        assert_eq!(groups_2026, 7);
    }

    #[test]
    fn the_admin_form_names_each_wrong_field() {
        let form: HashMap<String, String> = [
            ("code", ""),
            ("name", "Ngân sách trung ương"),
            ("valid_from", "01/01/2026"),
            ("valid_to", "31/12/2025"),
            ("target", "tám mươi"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let errors = parse_form("funding_source", &form).expect_err("invalid");
        assert_eq!(errors.get("code").map(|e| e.key), Some("err.required"));
        assert_eq!(
            errors.get("valid_to").map(|e| e.key),
            Some("err.date_order")
        );
        assert_eq!(errors.get("target").map(|e| e.key), Some("err.amount"));
    }
}
