//! The province's figures over its approved plans: investment by year and funding source and by
//! task group, each unit's security share against the seed's rule, information systems by
//! security level and approval, indicators against the national targets they cite. Computed
//! once here; the document's appendices and the workbook's sheets only lay them out.

use super::ProvinceSource;
use crate::domain::catalog::CatalogEntry;
use crate::domain::money::Money;
use crate::domain::rules::{SecurityShareRule, SEED_SECURITY_SHARE};
use crate::domain::tables::rules::{national_comparison, project_spend};
use crate::domain::tables::Row;
use crate::export::columns::layouts::task_group_key;
use std::collections::BTreeMap;

/// Amounts by year.
pub type ByYear = BTreeMap<i32, Money>;

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub years: Vec<i32>,
    /// Funding by source code (the funding table), in code order.
    pub by_source: BTreeMap<String, ByYear>,
    /// Tasks' spending by task group, in the groups' order (`""`: tasks without a group).
    pub by_group: Vec<(String, ByYear)>,
    /// Each approved unit's share of security spending in its tasks and projects.
    pub shares: Vec<UnitShare>,
    pub rule: SecurityShareRule,
    /// Information systems by security level code: (approved, not approved).
    pub systems: BTreeMap<String, (usize, usize)>,
    /// Indicators that cite a national target, in the catalog's order.
    pub indicators: Vec<IndicatorSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitShare {
    pub code: String,
    pub name: String,
    pub total: Money,
    pub security: Money,
    /// `None`: no spending to hold the rule against.
    pub meets: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorSummary {
    pub entry: CatalogEntry,
    pub units: Vec<UnitTarget>,
}

impl IndicatorSummary {
    /// How many of the units that plan this indicator meet the national target.
    pub fn met(&self) -> usize {
        self.units.iter().filter(|u| u.meets == Some(true)).count()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitTarget {
    pub name: String,
    /// The plan's target that counts and its year, as the plan wrote it (`90`, `2025`).
    pub target: Option<(i32, Money)>,
    pub meets: Option<bool>,
}

/// A rule's verdict as the tables word it: met, not met, or `none` when there is nothing to
/// hold the rule against.
pub fn verdict(meets: Option<bool>, none: &'static str) -> &'static str {
    match meets {
        Some(true) => "Đạt",
        Some(false) => "Chưa đạt",
        None => none,
    }
}

/// A sum over years.
pub fn total(by_year: &ByYear) -> Money {
    by_year.values().copied().sum()
}

fn add_years(into: &mut ByYear, row: &Row, column: &str) {
    for (year, value) in row.per_year(column) {
        *into.entry(year).or_default() =
            into.get(&year).copied().unwrap_or_default() + Money(value);
    }
}

pub fn summarize(src: &ProvinceSource) -> Summary {
    let mut by_source: BTreeMap<String, ByYear> = BTreeMap::new();
    let mut groups: BTreeMap<(i64, String), ByYear> = BTreeMap::new();
    let mut shares = Vec::new();
    let mut systems: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let rule = SEED_SECURITY_SHARE;
    for unit in &src.plans {
        let plan = &unit.source;
        for (_, row) in plan.rows("funding") {
            let source = row.text("source").unwrap_or_default();
            add_years(by_source.entry(source).or_default(), row, "amounts");
        }
        let mut total_spend = Money::ZERO;
        let mut security = Money::ZERO;
        for (id, row) in plan.rows("tasks") {
            let code = row.text("task_group").unwrap_or_default();
            add_years(
                groups.entry(task_group_key(code)).or_default(),
                row,
                "amounts",
            );
            // The rule's own reading of a project's spending.
            let spend = project_spend(*id, row);
            total_spend = total_spend + spend.by_year.values().copied().sum();
            security = security + spend.security_by_year.values().copied().sum();
        }
        shares.push(UnitShare {
            code: unit.code.clone(),
            name: plan.unit_name.clone(),
            total: total_spend,
            security,
            meets: rule.is_met(security, total_spend),
        });
        for (_, row) in plan.rows("information_systems") {
            let level = row.text("level").unwrap_or_default();
            let counts = systems.entry(level).or_default();
            if row.text("approved").is_some() {
                counts.0 += 1;
            } else {
                counts.1 += 1;
            }
        }
    }
    Summary {
        years: src.round.years(),
        by_source,
        by_group: groups
            .into_iter()
            .map(|((_, code), years)| (code, years))
            .collect(),
        shares,
        rule,
        systems,
        indicators: indicators(src),
    }
}

/// Every national target some approved plan cites, with each unit's target against it.
fn indicators(src: &ProvinceSource) -> Vec<IndicatorSummary> {
    let mut out: Vec<IndicatorSummary> = Vec::new();
    for entry in &src.indicators {
        // The catalog may hold several wordings of a code over time; the last one counts, as
        // in the plan's own check.
        if entry.target.is_none() || out.iter().any(|s| s.entry.code == entry.code) {
            continue;
        }
        let Some(entry) = src.indicators.iter().rev().find(|e| e.code == entry.code) else {
            continue;
        };
        let mut units = Vec::new();
        for plan in &src.plans {
            let plan = &plan.source;
            for (_, row) in plan.rows("indicators") {
                if row.text("indicator").as_deref() != Some(entry.code.as_str()) {
                    continue;
                }
                let comparison = national_comparison(row, entry);
                units.push(UnitTarget {
                    name: plan.unit_name.clone(),
                    target: comparison.map(|c| (c.year, Money(c.planned))),
                    meets: comparison.map(|c| c.meets),
                });
            }
        }
        if !units.is_empty() {
            out.push(IndicatorSummary {
                entry: entry.clone(),
                units,
            });
        }
    }
    out
}

impl Summary {
    /// All funding by year, over every source.
    pub fn funding_by_year(&self) -> ByYear {
        let mut all = ByYear::new();
        for years in self.by_source.values() {
            for (y, v) in years {
                *all.entry(*y).or_default() = all.get(y).copied().unwrap_or_default() + *v;
            }
        }
        all
    }

    /// All tasks' spending by year, over every group.
    pub fn tasks_by_year(&self) -> ByYear {
        let mut all = ByYear::new();
        for (_, years) in &self.by_group {
            for (y, v) in years {
                *all.entry(*y).or_default() = all.get(y).copied().unwrap_or_default() + *v;
            }
        }
        all
    }

    /// The province's tasks and their security spending together.
    pub fn share_total(&self) -> UnitShare {
        let total: Money = self.shares.iter().map(|s| s.total).sum();
        let security: Money = self.shares.iter().map(|s| s.security).sum();
        UnitShare {
            code: String::new(),
            name: String::new(),
            total,
            security,
            meets: self.rule.is_met(security, total),
        }
    }
}
