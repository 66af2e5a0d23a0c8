//! Carry-forward: how a row of a unit's last approved plan starts the unit's next plan.
//! Information systems and databases continue as they are; projects still running continue,
//! marked "chuyển tiếp", with only the amounts still to spend; indicators start from their last
//! value. Everything else is written anew for the new period.

use super::Row;
use serde_json::{Map, Value};

/// The tables that carry forward, in the order they are filled.
pub const CARRIED_TABLES: [&str; 6] = [
    "information_systems",
    "databases_national",
    "databases_central",
    "databases_provincial",
    "tasks",
    "indicators",
];

/// A per-year column's values kept for the years of `period` only.
fn within(row: &Row, name: &str, period: (i32, i32)) -> Map<String, Value> {
    row.per_year(name)
        .into_iter()
        .filter(|(y, _)| (period.0..=period.1).contains(y))
        .map(|(y, v)| (y.to_string(), Value::from(v)))
        .collect()
}

/// `row` of `table` in the last plan, as it starts a plan of the years `period`; `None` when
/// it does not carry (a finished project, a table written anew).
pub fn carried(table: &str, row: &Row, period: (i32, i32)) -> Option<Row> {
    let mut out = row.clone();
    match table {
        "information_systems" => {}
        // The records updated since the last cut-off are counted again from the new one.
        "databases_national" | "databases_central" | "databases_provincial" => {
            out.0.remove("records_updated");
        }
        "tasks" => {
            let amounts = within(row, "amounts", period);
            if row.count("end_year")? < i64::from(period.0) || amounts.is_empty() {
                return None;
            }
            let remaining: i64 = amounts.values().filter_map(Value::as_i64).sum();
            let security = within(row, "security", period);
            out.0.insert("continuing".into(), Value::Bool(true));
            out.0.insert("total".into(), remaining.into());
            out.0.insert("amounts".into(), Value::Object(amounts));
            if security.is_empty() {
                out.0.remove("security");
            } else {
                out.0.insert("security".into(), Value::Object(security));
            }
            let end = row.count("end_year")?.min(i64::from(period.1));
            out.0.insert("end_year".into(), end.into());
        }
        "indicators" => {
            let last_target = row
                .per_year("target")
                .into_iter()
                .next_back()
                .map(|(_, v)| v);
            match row.count("actual").or(last_target) {
                Some(value) => out.0.insert("baseline".into(), value.into()),
                None => out.0.remove("baseline"),
            };
            out.0.remove("target");
            out.0.remove("actual");
        }
        _ => return None,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(v: Value) -> Row {
        serde_json::from_value(v).expect("row")
    }

    #[test]
    fn a_running_project_continues_with_the_amounts_still_to_spend() {
        let project = row(
            json!({"name": "HIS", "start_year": 2024, "end_year": 2027, "total": 9000,
            "amounts": {"2024": 3000, "2025": 3000, "2026": 2000, "2027": 1000},
            "security": {"2025": 300, "2026": 200}}),
        );
        let next = carried("tasks", &project, (2026, 2030)).expect("continues");
        assert!(next.bool("continuing"));
        assert_eq!(next.money("total"), 3000);
        assert_eq!(
            next.per_year("amounts").keys().copied().collect::<Vec<_>>(),
            [2026, 2027]
        );
        assert_eq!(next.per_year("security").values().sum::<i64>(), 200);
        assert_eq!(next.count("start_year"), Some(2024));
    }

    #[test]
    fn a_finished_project_and_the_tables_written_anew_do_not_carry() {
        let done =
            row(json!({"name": "A", "start_year": 2021, "end_year": 2023, "amounts": {"2021": 5}}));
        assert!(carried("tasks", &done, (2026, 2030)).is_none());
        assert!(carried("roadmap", &row(json!({"year": 2024})), (2026, 2030)).is_none());
    }

    #[test]
    fn indicators_start_from_their_last_value_and_databases_recount_updates() {
        let measured = row(
            json!({"name": "DVC", "baseline": 20000, "actual": 85000, "target": {"2025": 80000}}),
        );
        let planned =
            row(json!({"name": "HS", "baseline": 10000, "target": {"2024": 50000, "2025": 70000}}));
        let a = carried("indicators", &measured, (2026, 2030)).expect("carries");
        assert_eq!(
            (a.count("baseline"), a.0.get("target")),
            (Some(85000), None)
        );
        assert_eq!(
            carried("indicators", &planned, (2026, 2030))
                .expect("carries")
                .count("baseline"),
            Some(70000)
        );
        let db = row(json!({"name": "CSDL", "records_total": 100, "records_updated": 40}));
        let next = carried("databases_provincial", &db, (2026, 2030)).expect("carries");
        assert_eq!(
            (next.count("records_total"), next.count("records_updated")),
            (Some(100), None)
        );
    }
}
