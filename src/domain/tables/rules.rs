//! The rules over a plan's tables that do not refuse a save but inform (DESIGN §5): each gives
//! findings with a code, a severity, the section and the row it points at.
//! Row-level errors (records updated above records held, …) are refused on save instead, in
//! each table's `check`, so a stored row never breaks them.

use super::Row;
use crate::domain::catalog::CatalogEntry;
use crate::domain::findings::{Finding, Severity};
use crate::domain::ids::RowId;
use crate::domain::money::Money;
use crate::domain::rules::{security_share, ProjectSpend, SEED_SECURITY_SHARE};
use std::collections::{BTreeMap, HashMap};

/// A plan's rows by table code, each with its id, in the tables' order.
pub type PlanTables = HashMap<String, Vec<(RowId, Row)>>;

/// Digital-government spending is at least this percent of the unit's budget (seed, V.3).
pub const DG_BUDGET_PERCENT: i64 = 1;

fn finding(code: &'static str, severity: Severity, node: &str, key: &'static str) -> Finding {
    Finding {
        code,
        severity,
        node_key: node.to_string(),
        message_key: key,
        row: None,
        year: None,
        arg: None,
    }
}

/// A project's spending, as the money rules read it.
pub fn project_spend(id: RowId, row: &Row) -> ProjectSpend {
    let money = |name| {
        row.per_year(name)
            .into_iter()
            .map(|(y, v)| (y, Money(v)))
            .collect()
    };
    ProjectSpend {
        row: id.to_string(),
        it: true,
        by_year: money("amounts"),
        security_by_year: money("security"),
    }
}

/// A plan's indicator against the national target it cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NationalComparison {
    /// The year of the plan's target that counts, and the target (in thousandths).
    pub year: i32,
    pub planned: i64,
    pub meets: bool,
}

/// The plan's target for the national target's year, or its last one before it (its last one
/// at all when it ends earlier), against the national target; `None` when either is missing.
pub fn national_comparison(row: &Row, entry: &CatalogEntry) -> Option<NationalComparison> {
    let target = entry.target?;
    let targets = row.per_year("target");
    let year = entry.target_year.unwrap_or(i32::MAX);
    let (year, planned) = targets
        .range(..=year)
        .next_back()
        .or(targets.iter().next_back())?;
    let up = row.text("direction").as_deref() != Some("down");
    let meets = if up {
        *planned >= target
    } else {
        *planned <= target
    };
    Some(NationalComparison {
        year: *year,
        planned: *planned,
        meets,
    })
}

/// The warnings about one row of `table`, wherever it is shown (the table, the row's form
/// while it is typed).
pub fn row_findings(
    table: &str,
    node: &str,
    id: RowId,
    row: &Row,
    indicators: &[CatalogEntry],
) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut add = |code, key, arg: Option<String>| {
        let mut f = finding(code, Severity::Warning, node, key);
        f.row = Some(id.to_string());
        f.arg = arg;
        found.push(f);
    };
    match table {
        "tasks" => {
            return security_share(node, &[project_spend(id, row)], SEED_SECURITY_SHARE)
                .into_iter()
                .filter(|f| f.code == "SECURITY_SHARE_PROJECT")
                .collect()
        }
        "information_systems" => {
            let level: i64 = row.text("level").and_then(|l| l.parse().ok()).unwrap_or(0);
            if level >= 3 && row.text("approved").is_none() {
                add(
                    "SYSTEM_LEVEL_UNAPPROVED",
                    "finding.system_unapproved",
                    Some(level.to_string()),
                );
            }
        }
        "indicators" => {
            let up = row.text("direction").as_deref() != Some("down");
            let targets = row.per_year("target");
            let wrong_way = |from: i64, to: i64| if up { to < from } else { to > from };
            if let Some(baseline) = row.count("baseline") {
                if let Some((year, _)) = targets.iter().find(|(_, t)| wrong_way(baseline, **t)) {
                    add(
                        "INDICATOR_DIRECTION",
                        "finding.indicator_direction",
                        Some(year.to_string()),
                    );
                }
            }
            let national = row
                .text("indicator")
                .and_then(|code| indicators.iter().rev().find(|e| e.code == code));
            if let Some(entry) = national {
                if national_comparison(row, entry).is_some_and(|c| !c.meets) {
                    add(
                        "INDICATOR_BELOW_NATIONAL",
                        "finding.indicator_national",
                        Some(entry.target_shown()),
                    );
                }
            }
        }
        _ => {}
    }
    found
}

/// Every informing rule over a plan's tables. `node_of` gives the section holding a table in
/// this plan's framework (`None` when the framework has no such table).
pub fn table_findings(
    tables: &PlanTables,
    node_of: impl Fn(&str) -> Option<String>,
    indicators: &[CatalogEntry],
) -> Vec<Finding> {
    let mut found = Vec::new();
    let rows = |code: &str| tables.get(code).map(Vec::as_slice).unwrap_or_default();
    for (code, list) in tables {
        let Some(node) = node_of(code) else { continue };
        if code == "tasks" {
            let spends: Vec<ProjectSpend> =
                list.iter().map(|(id, r)| project_spend(*id, r)).collect();
            found.extend(security_share(&node, &spends, SEED_SECURITY_SHARE));
            continue;
        }
        for (id, row) in list {
            found.extend(row_findings(code, &node, *id, row, indicators));
        }
    }
    if let (Some(node), Some((_, record))) = (node_of("four_layer"), rows("four_layer").first()) {
        for layer in 1..=4 {
            if record.text(&format!("layer{layer}")).as_deref() == Some("not_started") {
                let mut f = finding(
                    "LAYER_NOT_STARTED",
                    Severity::Warning,
                    &node,
                    "finding.layer_not_started",
                );
                f.arg = Some(layer.to_string());
                found.push(f);
            }
        }
    }
    // Digital-government spending (the plan's tasks) against the unit's budget, each year the
    // budget is given.
    if let (Some(node), Some((_, budget))) = (node_of("budget"), rows("budget").first()) {
        let mut spending: BTreeMap<i32, i64> = BTreeMap::new();
        for (_, task) in rows("tasks") {
            for (y, v) in task.per_year("amounts") {
                *spending.entry(y).or_default() += v;
            }
        }
        for (year, total) in budget.per_year("total_budget") {
            let spent = spending.get(&year).copied().unwrap_or(0);
            if total > 0
                && i128::from(spent) * 100 < i128::from(total) * i128::from(DG_BUDGET_PERCENT)
            {
                let mut f = finding(
                    "DG_BUDGET_SHARE",
                    Severity::Warning,
                    &node,
                    "finding.dg_budget_share",
                );
                f.year = Some(year);
                f.arg = Money::percent_of(Money(spent), Money(total))
                    .map(|p| format!("{p:.2}").replace('.', ","));
                found.push(f);
            }
        }
    }
    found.sort_by(|a, b| (&a.node_key, a.severity, a.code).cmp(&(&b.node_key, b.severity, b.code)));
    found
}

/// The annual plan's funding per source and year fits the five-year plan's (Decree 224/2026
/// Art. 4): a warning for each source and year above it.
pub fn annual_within_five_year(
    node: &str,
    annual: &[(RowId, Row)],
    five_year: &[(RowId, Row)],
) -> Vec<Finding> {
    let by_source = |rows: &[(RowId, Row)]| {
        let mut sums: BTreeMap<(String, i32), i64> = BTreeMap::new();
        for (_, r) in rows {
            let source = r.text("source").unwrap_or_default();
            for (y, v) in r.per_year("amounts") {
                *sums.entry((source.clone(), y)).or_default() += v;
            }
        }
        sums
    };
    let allowed = by_source(five_year);
    by_source(annual)
        .into_iter()
        .filter(|(key, v)| *v > allowed.get(key).copied().unwrap_or(0))
        .map(|((source, year), _)| {
            let mut f = finding(
                "ANNUAL_ABOVE_FIVE_YEAR",
                Severity::Warning,
                node,
                "finding.annual_above_five_year",
            );
            f.year = Some(year);
            f.arg =
                Some(Money(allowed.get(&(source.clone(), year)).copied().unwrap_or(0)).to_string());
            f.row = None;
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(value: serde_json::Value) -> Row {
        serde_json::from_value(value).expect("row")
    }

    fn node(code: &str) -> Option<String> {
        Some(format!("N.{code}"))
    }

    fn codes(found: &[Finding]) -> Vec<&str> {
        found.iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_level_three_system_without_approval_is_a_warning_on_its_row() {
        let mut tables = PlanTables::new();
        tables.insert(
            "information_systems".into(),
            vec![
                (RowId(1), row(json!({"name": "Cổng", "level": "3"}))),
                (
                    RowId(2),
                    row(json!({"name": "Một cửa", "level": "3", "approved": "2024-03"})),
                ),
                (RowId(3), row(json!({"name": "Nội bộ", "level": "2"}))),
            ],
        );
        let found = table_findings(&tables, node, &[]);
        assert_eq!(codes(&found), ["SYSTEM_LEVEL_UNAPPROVED"]);
        assert_eq!(found[0].row.as_deref(), Some("1"));
    }

    #[test]
    fn a_layer_not_started_is_a_warning_naming_the_layer() {
        let mut tables = PlanTables::new();
        tables.insert(
            "four_layer".into(),
            vec![(
                RowId(1),
                row(json!({"layer1": "done", "layer2": "in_progress", "layer4": "not_started"})),
            )],
        );
        let found = table_findings(&tables, node, &[]);
        assert_eq!(codes(&found), ["LAYER_NOT_STARTED"]);
        assert_eq!(found[0].arg.as_deref(), Some("4"));
    }

    #[test]
    fn indicators_must_move_the_right_way_and_meet_the_national_target_they_cite() {
        let national = CatalogEntry {
            id: Some(crate::domain::ids::CatalogEntryId(1)),
            catalog: "indicator".into(),
            code: "HS_TOAN_TRINH".into(),
            name: "Tỷ lệ hồ sơ xử lý trực tuyến toàn trình".into(),
            name_en: String::new(),
            valid_from: chrono::NaiveDate::from_ymd_opt(2021, 6, 15).expect("date"),
            valid_to: None,
            source: String::new(),
            unit: "%".into(),
            direction: "up".into(),
            target: Some(80_000),
            target_year: Some(2025),
        };
        let good = row(
            json!({"name": "A", "direction": "up", "indicator": "HS_TOAN_TRINH", "baseline": 20000,
            "target": {"2021": 30000, "2025": 85000}}),
        );
        let low = row(
            json!({"name": "B", "direction": "up", "indicator": "HS_TOAN_TRINH", "baseline": 20000,
            "target": {"2021": 10000, "2025": 60000}}),
        );
        let down = row(
            json!({"name": "C", "direction": "down", "baseline": 10000, "target": {"2022": 8000}}),
        );
        assert!(row_findings(
            "indicators",
            "N",
            RowId(1),
            &good,
            std::slice::from_ref(&national)
        )
        .is_empty());
        assert!(row_findings("indicators", "N", RowId(3), &down, &[]).is_empty());
        let found = row_findings(
            "indicators",
            "N",
            RowId(2),
            &low,
            std::slice::from_ref(&national),
        );
        assert_eq!(
            codes(&found),
            ["INDICATOR_DIRECTION", "INDICATOR_BELOW_NATIONAL"]
        );
        assert_eq!(found[0].arg.as_deref(), Some("2021"));
        assert_eq!(found[1].arg.as_deref(), Some("80"));
    }

    #[test]
    fn digital_government_spending_below_one_percent_of_the_budget_is_a_warning_for_that_year() {
        let mut tables = PlanTables::new();
        tables.insert(
            "tasks".into(),
            vec![(RowId(1), row(json!({"amounts": {"2026": 2_000_000, "2027": 500_000}, "security": {"2026": 200_000, "2027": 50_000}})))],
        );
        tables.insert(
            "budget".into(),
            vec![(
                RowId(2),
                row(json!({"total_budget": {"2026": 200_000_000, "2027": 100_000_000}})),
            )],
        );
        let found = table_findings(&tables, node, &[]);
        assert_eq!(codes(&found), ["DG_BUDGET_SHARE"]);
        assert_eq!(
            (found[0].year, found[0].arg.as_deref()),
            (Some(2027), Some("0,50"))
        );
    }

    #[test]
    fn the_annual_plan_may_not_fund_a_source_above_the_five_year_plan() {
        let five = vec![(
            RowId(1),
            row(json!({"source": "NSDP", "amounts": {"2027": 1_000_000}})),
        )];
        let annual = vec![
            (
                RowId(2),
                row(json!({"source": "NSDP", "amounts": {"2027": 800_000}})),
            ),
            (
                RowId(3),
                row(json!({"source": "NSDP", "amounts": {"2027": 300_000}})),
            ),
            (
                RowId(4),
                row(json!({"source": "ODA", "amounts": {"2027": 1}})),
            ),
        ];
        let found = annual_within_five_year("N", &annual, &five);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].arg.as_deref(), Some("1.000"));
        assert_eq!(found[1].arg.as_deref(), Some("0"));
    }
}
