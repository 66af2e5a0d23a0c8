//! A row of a typed table: its values by column, read from a form (or an imported line) with
//! every problem named by its field, and written back to one.

use super::{Column, Kind, TableSpec};
use crate::domain::money::{parse_count, parse_millions, Money};
use crate::domain::text::{char_len, has_control_chars, parse_month_year, parse_plan_year};
use crate::domain::validation::FieldErrors;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The values of one row by column name, as stored (JSON). Counts and years are integers,
/// amounts and decimals whole thousandths (as `Money`), per-year columns objects by year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Row(pub Map<String, Value>);

/// The fields of a row's form as typed; per-year columns are `NAME_YEAR`.
pub type RowForm = HashMap<String, String>;

/// The codes each catalog allows, by catalog name.
pub type Allowed = BTreeMap<String, BTreeSet<String>>;

/// What a row is checked against: the plan's years, today, and the catalogs' codes.
#[derive(Debug, Clone)]
pub struct RowContext {
    pub period: (i32, i32),
    pub today: NaiveDate,
    pub allowed: Allowed,
}

impl RowContext {
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.period.0..=self.period.1
    }
}

impl Row {
    pub fn text(&self, name: &str) -> Option<String> {
        match self.0.get(name)? {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            // Codes once stored as numbers (the first task groups) read as text.
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    pub fn count(&self, name: &str) -> Option<i64> {
        self.0.get(name)?.as_i64()
    }

    /// An amount (or a decimal) in thousandths; zero when absent.
    pub fn money(&self, name: &str) -> i64 {
        self.count(name).unwrap_or(0)
    }

    pub fn bool(&self, name: &str) -> bool {
        self.0.get(name).and_then(Value::as_bool).unwrap_or(false)
    }

    /// A per-year column's values by year.
    pub fn per_year(&self, name: &str) -> BTreeMap<i32, i64> {
        self.0
            .get(name)
            .and_then(Value::as_object)
            .map(|years| {
                years
                    .iter()
                    .filter_map(|(y, v)| Some((y.parse().ok()?, v.as_i64()?)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The row's name in lists and messages.
    pub fn title(&self, spec: &TableSpec) -> String {
        self.text(spec.title_column)
            .or_else(|| self.count(spec.title_column).map(|n| n.to_string()))
            .unwrap_or_default()
    }

    /// One value as the form and the table show it (`1.250,5`, `03/2024`, `1` for yes).
    pub fn shown(&self, column: &Column, year: Option<i32>) -> String {
        let value = match year {
            Some(y) => self
                .0
                .get(column.name)
                .and_then(Value::as_object)
                .and_then(|years| years.get(&y.to_string())),
            None => self.0.get(column.name),
        };
        let Some(value) = value else {
            return String::new();
        };
        match column.kind {
            Kind::Money | Kind::Decimal | Kind::Percent => value
                .as_i64()
                .map(|v| Money(v).to_string())
                .unwrap_or_default(),
            // Counts group their thousands as amounts do (`1.200`); years never do.
            Kind::Count => value
                .as_i64()
                .map(|v| Money(v.saturating_mul(1000)).to_string())
                .unwrap_or_default(),
            Kind::Year => value.as_i64().map(|v| v.to_string()).unwrap_or_default(),
            Kind::Bool => {
                if value.as_bool() == Some(true) {
                    "1".into()
                } else {
                    String::new()
                }
            }
            Kind::MonthYear => value
                .as_str()
                .and_then(|s| s.split_once('-'))
                .map(|(y, m)| format!("{m}/{y}"))
                .unwrap_or_default(),
            Kind::Text(_)
            | Kind::LongText
            | Kind::Choice(_)
            | Kind::Catalog(_)
            | Kind::CatalogList(_) => match value {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => String::new(),
            },
        }
    }
}

/// The form filled with a stored row.
pub fn row_form(spec: &TableSpec, row: &Row, years: impl Iterator<Item = i32> + Clone) -> RowForm {
    let mut form = RowForm::new();
    for column in spec.columns {
        if column.per_year {
            for y in years.clone() {
                form.insert(format!("{}_{y}", column.name), row.shown(column, Some(y)));
            }
        } else {
            form.insert(column.name.to_string(), row.shown(column, None));
        }
    }
    form
}

/// Reads a row of `spec` from its form. Every problem is named by its field.
pub fn parse_row(spec: &TableSpec, form: &RowForm, ctx: &RowContext) -> Result<Row, FieldErrors> {
    let (row, errors) = read_row(spec, form, ctx);
    errors.into_result(|| row)
}

/// What of a form reads, with the problems of the rest: the live check computes its figures
/// from what the user has typed so far, right or not.
pub fn read_row(spec: &TableSpec, form: &RowForm, ctx: &RowContext) -> (Row, FieldErrors) {
    let mut errors = FieldErrors::new();
    let mut row = Row::default();
    for column in spec.columns {
        if column.per_year {
            let mut years = Map::new();
            for y in ctx.years() {
                let field = format!("{}_{y}", column.name);
                let text = form.get(&field).map(String::as_str).unwrap_or_default();
                if let Some(v) = cell(column, text, ctx, &mut errors, Cow::Owned(field)) {
                    years.insert(y.to_string(), v);
                }
            }
            if !years.is_empty() {
                row.0.insert(column.name.into(), Value::Object(years));
            }
        } else {
            let text = form
                .get(column.name)
                .map(String::as_str)
                .unwrap_or_default();
            if let Some(v) = cell(column, text, ctx, &mut errors, Cow::Borrowed(column.name)) {
                row.0.insert(column.name.into(), v);
            }
        }
    }
    // The cross-field rules run even when a cell is wrong, so that every problem shows at once;
    // a field keeps its first error.
    (spec.check)(&row, ctx, &mut errors);
    (row, errors)
}

/// One cell: `None` when empty (and allowed to be), or when wrong (the error is added).
fn cell(
    column: &Column,
    text: &str,
    ctx: &RowContext,
    errors: &mut FieldErrors,
    field: Cow<'static, str>,
) -> Option<Value> {
    let text = match column.kind {
        Kind::LongText => Cow::Owned(text.replace("\r\n", "\n").trim().to_string()),
        _ => Cow::Borrowed(text.trim()),
    };
    if column.kind == Kind::Bool {
        return Some(Value::Bool(!text.is_empty()));
    }
    if text.is_empty() {
        if column.required && !column.per_year {
            errors.add(field, "err.required");
        }
        return None;
    }
    match value(column.kind, &text, ctx) {
        Ok(v) => Some(v),
        Err(Refused {
            key,
            arg: Some(arg),
        }) => {
            errors.add_with(field, key, arg);
            None
        }
        Err(Refused { key, arg: None }) => {
            errors.add(field, key);
            None
        }
    }
}

/// Why a cell's text is not a value of its kind: the message, and what fills it.
struct Refused {
    key: &'static str,
    arg: Option<String>,
}

fn refused(key: &'static str) -> Refused {
    Refused { key, arg: None }
}

/// A cell's trimmed, non-empty text as a value of `kind`.
fn value(kind: Kind, text: &str, ctx: &RowContext) -> Result<Value, Refused> {
    match kind {
        Kind::Text(max) => plain_text(text, max),
        Kind::LongText => plain_text(text, 2000),
        Kind::Count => parse_count(text)
            .map(Value::from)
            .map_err(|e| refused(e.key())),
        Kind::Year => parse_plan_year(text)
            .map(Value::from)
            .ok_or_else(|| refused("err.year")),
        Kind::Money | Kind::Decimal | Kind::Percent => match parse_millions(text) {
            Ok(m) if m.is_negative() => Err(refused("err.amount_negative")),
            Ok(m) if kind == Kind::Percent && m.0 > 100_000 => Err(refused("err.percent")),
            Ok(m) => Ok(m.0.into()),
            Err(e) => Err(refused(e.key())),
        },
        Kind::Choice(codes) if codes.contains(&text) => Ok(Value::String(text.to_string())),
        Kind::Catalog(catalog) if ctx.allowed.get(catalog).is_some_and(|c| c.contains(text)) => {
            Ok(Value::String(text.to_string()))
        }
        Kind::Choice(_) | Kind::Catalog(_) => Err(refused("err.choice")),
        Kind::CatalogList(catalog) => catalog_list(text, ctx.allowed.get(catalog)),
        Kind::MonthYear => month_year(text, ctx.today),
        // A box's value is whether it is ticked, read before any text.
        Kind::Bool => Ok(Value::Bool(true)),
    }
}

fn plain_text(text: &str, max: usize) -> Result<Value, Refused> {
    if char_len(text) > max {
        Err(Refused {
            key: "err.too_long",
            arg: Some(max.to_string()),
        })
    } else if has_control_chars(&text.replace(['\n', '\t'], " ")) {
        Err(refused("err.control_chars"))
    } else {
        Ok(Value::String(text.to_string()))
    }
}

/// Codes of a catalog written `a, c, đ`: each known, each once.
fn catalog_list(text: &str, allowed: Option<&BTreeSet<String>>) -> Result<Value, Refused> {
    let mut codes: Vec<String> = Vec::new();
    for part in text
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        // The document writes the letter đ; the catalog's code is `dd`.
        let code = part.trim_end_matches(')').to_lowercase().replace('đ', "dd");
        if !allowed.is_some_and(|a| a.contains(&code)) {
            return Err(Refused {
                key: "err.choice_list",
                arg: Some(part.to_string()),
            });
        }
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    Ok(Value::String(codes.join(", ").replace("dd", "đ")))
}

/// A month `MM/YYYY`, not after `today`, stored `YYYY-MM`.
fn month_year(text: &str, today: NaiveDate) -> Result<Value, Refused> {
    match parse_month_year(text) {
        None => Err(refused("err.month_year")),
        Some(d) if d > today => Err(refused("err.date_future")),
        Some(d) => Ok(Value::String(format!("{:04}-{:02}", d.year(), d.month()))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::spec;
    use super::*;

    fn ctx() -> RowContext {
        let mut allowed = Allowed::new();
        allowed.insert(
            "task_group".into(),
            (1..=7).map(|g| g.to_string()).collect(),
        );
        allowed.insert(
            "security_level".into(),
            (1..=5).map(|g| g.to_string()).collect(),
        );
        RowContext {
            period: (2026, 2030),
            today: NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"),
            allowed,
        }
    }

    fn form(pairs: &[(&str, &str)]) -> RowForm {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn project() -> RowForm {
        form(&[
            ("name", "Nâng cấp hệ thống thông tin quản lý bệnh viện"),
            ("lead_unit", "Sở Y tế"),
            ("start_year", "2026"),
            ("end_year", "2027"),
            ("total", "1.250,5"),
            ("source", "NSĐP"),
            ("task_group", "5"),
            ("amounts_2026", "750"),
            ("amounts_2027", "500,5"),
            ("security_2026", "100"),
            ("security_2027", "50"),
        ])
    }

    #[test]
    fn a_project_whose_amounts_add_up_is_read_and_round_trips_through_its_form() {
        let tasks = spec("tasks").expect("tasks");
        let row = parse_row(tasks, &project(), &ctx()).expect("valid");
        assert_eq!(row.money("total"), 1_250_500);
        assert_eq!(row.per_year("security").values().sum::<i64>(), 150_000);
        let again = row_form(tasks, &row, ctx().years());
        assert_eq!(parse_row(tasks, &again, &ctx()), Ok(row));
    }

    #[test]
    fn amounts_that_do_not_add_up_name_the_sum() {
        let mut f = project();
        f.insert("total".into(), "1.300".into());
        let errors = parse_row(spec("tasks").expect("tasks"), &f, &ctx()).expect_err("invalid");
        let e = errors.get("total").expect("total");
        assert_eq!(
            (e.key, e.arg.as_deref()),
            ("err.amounts_sum", Some("1.250,5"))
        );
    }

    #[test]
    fn wrong_cells_are_each_named_by_their_field() {
        let tasks = spec("tasks").expect("tasks");
        let mut f = project();
        f.insert("amounts_2026".into(), "-5".into());
        f.insert("task_group".into(), "9".into());
        f.insert("start_year".into(), "hai nghìn".into());
        let errors = parse_row(tasks, &f, &ctx()).expect_err("invalid");
        assert_eq!(
            errors.get("amounts_2026").map(|e| e.key),
            Some("err.amount_negative")
        );
        assert_eq!(errors.get("task_group").map(|e| e.key), Some("err.choice"));
        assert_eq!(errors.get("start_year").map(|e| e.key), Some("err.year"));
    }

    #[test]
    fn a_project_may_start_before_the_period_only_when_it_continues() {
        let tasks = spec("tasks").expect("tasks");
        let mut f = project();
        f.insert("start_year".into(), "2024".into());
        let errors = parse_row(tasks, &f, &ctx()).expect_err("invalid");
        assert_eq!(
            errors.get("start_year").map(|e| e.key),
            Some("err.task_starts_before")
        );
        f.insert("continuing".into(), "1".into());
        assert!(parse_row(tasks, &f, &ctx()).is_ok());
        f.insert("security_2027".into(), "600".into());
        let errors = parse_row(tasks, &f, &ctx()).expect_err("invalid");
        assert_eq!(
            errors.get("security_2027").map(|e| e.key),
            Some("err.security_above_amount")
        );
    }

    #[test]
    fn records_updated_may_not_exceed_records_held_nor_users_the_units_targeted() {
        let db = spec("databases_provincial").expect("db");
        let ok = form(&[
            ("name", "CSDL y tế"),
            ("records_total", "1.200"),
            ("records_updated", "300"),
            ("units_targeted", "12"),
            ("units_using", "12"),
        ]);
        assert!(parse_row(db, &ok, &ctx()).is_ok());
        let mut bad = ok.clone();
        bad.insert("records_updated".into(), "1201".into());
        bad.insert("units_using".into(), "13".into());
        let errors = parse_row(db, &bad, &ctx()).expect_err("invalid");
        assert_eq!(
            errors.get("records_updated").map(|e| e.key),
            Some("err.more_than_whole")
        );
        assert_eq!(
            errors.get("units_using").map(|e| e.key),
            Some("err.more_than_whole")
        );
    }

    #[test]
    fn an_approval_month_is_checked_and_not_in_the_future() {
        let systems = spec("information_systems").expect("systems");
        let mut f = form(&[
            ("name", "Cổng thông tin điện tử"),
            ("level", "3"),
            ("approved", "03/2024"),
        ]);
        let row = parse_row(systems, &f, &ctx()).expect("valid");
        assert_eq!(row.text("approved").as_deref(), Some("2024-03"));
        assert_eq!(
            row_form(systems, &row, ctx().years())["approved"],
            "03/2024"
        );
        f.insert("approved".into(), "12/2026".into());
        let errors = parse_row(systems, &f, &ctx()).expect_err("future");
        assert_eq!(
            errors.get("approved").map(|e| e.key),
            Some("err.date_future")
        );
        f.insert("approved".into(), "13/2024".into());
        f.insert("level".into(), "6".into());
        let errors = parse_row(systems, &f, &ctx()).expect_err("wrong");
        assert_eq!(
            errors.get("approved").map(|e| e.key),
            Some("err.month_year")
        );
        assert_eq!(errors.get("level").map(|e| e.key), Some("err.choice"));
    }

    #[test]
    fn online_services_and_staff_figures_must_fit_their_totals() {
        let services = spec("online_services").expect("services");
        let f = form(&[
            ("procedures_total", "100"),
            ("full_online", "70"),
            ("partial_online", "40"),
            ("dossiers_total", "10"),
            ("dossiers_online", "4"),
        ]);
        let errors = parse_row(services, &f, &ctx()).expect_err("above");
        assert_eq!(
            errors.get("partial_online").map(|e| e.key),
            Some("err.online_above_procedures")
        );
        let mut ok = f.clone();
        ok.insert("partial_online".into(), "30".into());
        let row = parse_row(services, &ok, &ctx()).expect("valid");
        assert_eq!((services.computed[0].value)(&row).as_deref(), Some("40,00"));
    }

    #[test]
    fn stored_numbers_where_codes_are_expected_still_read() {
        let row: Row = serde_json::from_str(r#"{"task_group": 5, "name": "A"}"#).expect("json");
        assert_eq!(row.text("task_group").as_deref(), Some("5"));
    }
}
