//! The tasks and projects of a plan (the seed's Part II.IX and Appendix II.VII): one row per
//! task, with its lead unit, objective, years, amounts per year and the part of them spent on
//! information security.

use super::money::{parse_millions, Money};
use super::rules::ProjectSpend;
use super::validation::{optional_text, required_text, FieldErrors};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The table code of tasks and projects in frameworks.
pub const TABLE: &str = "tasks";

/// The seven task groups of the seed (Part II.IV.1–7).
pub const TASK_GROUPS: [u8; 7] = [1, 2, 3, 4, 5, 6, 7];

pub fn task_group_key(group: u8) -> &'static str {
    match group {
        1 => "task_group.1",
        2 => "task_group.2",
        3 => "task_group.3",
        4 => "task_group.4",
        5 => "task_group.5",
        6 => "task_group.6",
        _ => "task_group.7",
    }
}

/// One task or project, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskRow {
    pub name: String,
    pub lead_unit: String,
    pub objective: String,
    /// A project carried over from the last period ("chuyển tiếp").
    pub continuing: bool,
    pub start_year: i32,
    pub end_year: i32,
    pub total: Money,
    pub source: String,
    pub task_group: u8,
    pub legal_basis: String,
    /// Spending per year of the plan's period.
    pub amounts: BTreeMap<i32, Money>,
    /// The part of each year's spending on information security.
    pub security: BTreeMap<i32, Money>,
}

impl TaskRow {
    pub fn security_total(&self) -> Money {
        self.security.values().copied().sum()
    }

    pub fn spend(&self, row: &str) -> ProjectSpend {
        ProjectSpend {
            row: row.to_string(),
            it: true,
            by_year: self.amounts.clone(),
            security_by_year: self.security.clone(),
        }
    }
}

/// The fields of the row form, as typed; amounts are `amount_2026`, `security_2026`, ….
pub type TaskForm = HashMap<String, String>;

fn field<'a>(form: &'a TaskForm, name: &str) -> &'a str {
    form.get(name).map(String::as_str).unwrap_or_default()
}

/// Parses a row for a plan of the years `period`. Every problem is named by its field.
pub fn parse_task(form: &TaskForm, period: (i32, i32)) -> Result<TaskRow, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = required_text(&mut errors, "name", field(form, "name"), 500);
    let lead_unit =
        optional_text(&mut errors, "lead_unit", field(form, "lead_unit"), 200).unwrap_or_default();
    let objective =
        super::validation::long_text(&mut errors, "objective", field(form, "objective"), 2000);
    let source =
        optional_text(&mut errors, "source", field(form, "source"), 200).unwrap_or_default();
    let legal_basis = optional_text(&mut errors, "legal_basis", field(form, "legal_basis"), 500)
        .unwrap_or_default();
    let continuing = !field(form, "continuing").is_empty();
    let year = |errors: &mut FieldErrors, name: &'static str| -> i32 {
        match field(form, name).trim().parse::<i32>() {
            Ok(y) if (2000..=2100).contains(&y) => y,
            _ => {
                errors.add(name, "err.year");
                0
            }
        }
    };
    let start_year = year(&mut errors, "start_year");
    let end_year = year(&mut errors, "end_year");
    if start_year > 0 && end_year > 0 {
        if end_year < start_year {
            errors.add("end_year", "err.year_order");
        } else if end_year < period.0 || end_year > period.1 {
            errors.add("end_year", "err.task_outside_period");
        } else if start_year < period.0 && !continuing {
            errors.add("start_year", "err.task_starts_before");
        }
    }
    let task_group = field(form, "task_group")
        .parse::<u8>()
        .ok()
        .filter(|g| TASK_GROUPS.contains(g));
    if task_group.is_none() {
        errors.add("task_group", "err.choose_task_group");
    }
    let money = |errors: &mut FieldErrors, name: String, text: &str| -> Money {
        if text.trim().is_empty() {
            return Money::ZERO;
        }
        match parse_millions(text) {
            Ok(m) if m.is_negative() => {
                errors.add(name, "err.amount_negative");
                Money::ZERO
            }
            Ok(m) => m,
            Err(e) => {
                errors.add(name, e.key());
                Money::ZERO
            }
        }
    };
    let total = money(&mut errors, "total".into(), field(form, "total"));
    let mut amounts = BTreeMap::new();
    let mut security = BTreeMap::new();
    for y in period.0..=period.1 {
        let amount_name = format!("amount_{y}");
        let security_name = format!("security_{y}");
        let a = money(&mut errors, amount_name.clone(), field(form, &amount_name));
        let s = money(
            &mut errors,
            security_name.clone(),
            field(form, &security_name),
        );
        if s > a {
            errors.add(security_name, "err.security_above_amount");
        }
        if a != Money::ZERO {
            amounts.insert(y, a);
        }
        if s != Money::ZERO {
            security.insert(y, s);
        }
    }
    let sum: Money = amounts.values().copied().sum();
    if errors.get("total").is_none() && sum != total {
        errors.add_with("total", "err.amounts_sum", sum.to_string());
    }
    match task_group {
        Some(task_group) if errors.is_empty() => Ok(TaskRow {
            name,
            lead_unit,
            objective,
            continuing,
            start_year,
            end_year,
            total,
            source,
            task_group,
            legal_basis,
            amounts,
            security,
        }),
        _ => Err(errors),
    }
}

/// The form filled with a stored row.
pub fn task_form(row: &TaskRow) -> TaskForm {
    let mut form: TaskForm = [
        ("name", row.name.clone()),
        ("lead_unit", row.lead_unit.clone()),
        ("objective", row.objective.clone()),
        (
            "continuing",
            if row.continuing {
                "1".into()
            } else {
                String::new()
            },
        ),
        ("start_year", row.start_year.to_string()),
        ("end_year", row.end_year.to_string()),
        ("total", row.total.to_string()),
        ("source", row.source.clone()),
        ("task_group", row.task_group.to_string()),
        ("legal_basis", row.legal_basis.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    for (y, m) in &row.amounts {
        form.insert(format!("amount_{y}"), m.to_string());
    }
    for (y, m) in &row.security {
        form.insert(format!("security_{y}"), m.to_string());
    }
    form
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> TaskForm {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn good() -> TaskForm {
        form(&[
            ("name", "Nâng cấp hệ thống thông tin quản lý bệnh viện"),
            ("lead_unit", "Sở Y tế"),
            ("start_year", "2026"),
            ("end_year", "2027"),
            ("total", "1.250,5"),
            ("source", "NSĐP"),
            ("task_group", "5"),
            ("amount_2026", "750"),
            ("amount_2027", "500,5"),
            ("security_2026", "100"),
            ("security_2027", "50"),
        ])
    }

    #[test]
    fn a_task_with_amounts_that_add_up_is_accepted() {
        let row = parse_task(&good(), (2026, 2030)).expect("valid");
        assert_eq!(row.total, Money(1_250_500));
        assert_eq!(row.security_total(), Money(150_000));
        assert_eq!(
            parse_task(&task_form(&row), (2026, 2030)),
            Ok(row),
            "the form round-trips"
        );
    }

    #[test]
    fn amounts_that_do_not_add_up_are_an_error_naming_the_sum() {
        let mut f = good();
        f.insert("total".into(), "1.300".into());
        let errors = parse_task(&f, (2026, 2030)).expect_err("invalid");
        let e = errors.get("total").expect("total");
        assert_eq!(
            (e.key, e.arg.as_deref()),
            ("err.amounts_sum", Some("1.250,5"))
        );
    }

    #[test]
    fn years_outside_the_period_negative_amounts_and_security_above_spending_are_refused() {
        let mut f = good();
        f.insert("start_year".into(), "2024".into());
        f.insert("amount_2026".into(), "-5".into());
        f.insert("security_2027".into(), "600".into());
        f.insert("task_group".into(), "9".into());
        let errors = parse_task(&f, (2026, 2030)).expect_err("invalid");
        assert_eq!(
            errors.get("start_year").map(|e| e.key),
            Some("err.task_starts_before")
        );
        assert_eq!(
            errors.get("amount_2026").map(|e| e.key),
            Some("err.amount_negative")
        );
        assert_eq!(
            errors.get("security_2027").map(|e| e.key),
            Some("err.security_above_amount")
        );
        assert_eq!(
            errors.get("task_group").map(|e| e.key),
            Some("err.choose_task_group")
        );
        // A continuing project may have started before the period.
        let mut c = good();
        c.insert("start_year".into(), "2024".into());
        c.insert("continuing".into(), "1".into());
        assert!(parse_task(&c, (2026, 2030)).is_ok());
    }
}
