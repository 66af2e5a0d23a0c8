//! The seed's money rules (Part II.IV.6): spending on information security is at least a tenth
//! of IT spending — for the plan as a whole and for each year (errors), and for each IT project
//! (a warning). The threshold is a parameter with its source, not a constant in the checks.

use super::findings::{Finding, Severity};
use super::money::Money;
use std::collections::{BTreeMap, BTreeSet};

/// One project's spending, as the tasks-and-projects table holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectSpend {
    /// The row's key in its table.
    pub row: String,
    /// Projects that are not IT projects do not count towards IT spending.
    pub it: bool,
    pub by_year: BTreeMap<i32, Money>,
    pub security_by_year: BTreeMap<i32, Money>,
}

/// The rule's threshold and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecurityShareRule {
    /// Percent of IT spending, at least.
    pub min_percent: i64,
    pub source: &'static str,
}

/// The seed's rule: "kinh phí bảo đảm an toàn thông tin mạng tối thiểu 10% tổng kinh phí".
pub const SEED_SECURITY_SHARE: SecurityShareRule = SecurityShareRule {
    min_percent: 10,
    source: "Khung kế hoạch 2021-2025, Phần II.IV.6",
};

impl SecurityShareRule {
    /// `security` is at least the rule's share of `total`; `None` when there is no spending
    /// to hold it against. The same test the findings use, for summaries over many plans.
    pub fn is_met(self, security: Money, total: Money) -> Option<bool> {
        (total.0 > 0).then(|| !short(security, total, self))
    }
}

/// `security` falls short of `rule` percent of `total` (exactly, in integers).
fn short(security: Money, total: Money, rule: SecurityShareRule) -> bool {
    total.0 > 0 && i128::from(security.0) * 100 < i128::from(total.0) * i128::from(rule.min_percent)
}

/// The share as findings and documents print it: `6,8`; empty without spending.
pub fn percent(security: Money, total: Money) -> String {
    Money::percent_of(security, total)
        .map(|p| format!("{p:.1}").replace('.', ","))
        .unwrap_or_default()
}

/// The findings of the security-share rule over the IT projects of a table at `node_key`.
pub fn security_share(
    node_key: &str,
    projects: &[ProjectSpend],
    rule: SecurityShareRule,
) -> Vec<Finding> {
    let it: Vec<&ProjectSpend> = projects.iter().filter(|p| p.it).collect();
    let sum = |f: &dyn Fn(&ProjectSpend) -> Money| it.iter().map(|p| f(p)).sum::<Money>();
    let mut findings = Vec::new();
    let finding =
        |code, severity, key, row: Option<&str>, year: Option<i32>, security, total| Finding {
            code,
            severity,
            node_key: node_key.to_string(),
            message_key: key,
            row: row.map(str::to_string),
            year,
            arg: Some(percent(security, total)),
        };
    let total = sum(&|p| p.by_year.values().copied().sum());
    let security = sum(&|p| p.security_by_year.values().copied().sum());
    if short(security, total, rule) {
        findings.push(finding(
            "SECURITY_SHARE_PLAN",
            Severity::Error,
            "finding.security_share_plan",
            None,
            None,
            security,
            total,
        ));
    }
    let years: BTreeSet<i32> = it
        .iter()
        .flat_map(|p| p.by_year.keys().chain(p.security_by_year.keys()).copied())
        .collect();
    for year in years {
        let total = sum(&|p| p.by_year.get(&year).copied().unwrap_or_default());
        let security = sum(&|p| p.security_by_year.get(&year).copied().unwrap_or_default());
        if short(security, total, rule) {
            findings.push(finding(
                "SECURITY_SHARE_YEAR",
                Severity::Error,
                "finding.security_share_year",
                None,
                Some(year),
                security,
                total,
            ));
        }
    }
    for p in &it {
        let total: Money = p.by_year.values().copied().sum();
        let security: Money = p.security_by_year.values().copied().sum();
        if short(security, total, rule) {
            findings.push(finding(
                "SECURITY_SHARE_PROJECT",
                Severity::Warning,
                "finding.security_share_project",
                Some(&p.row),
                None,
                security,
                total,
            ));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn project(row: &str, it: bool, years: &[(i32, i64, i64)]) -> ProjectSpend {
        ProjectSpend {
            row: row.into(),
            it,
            by_year: years
                .iter()
                .map(|(y, t, _)| (*y, Money::millions(*t)))
                .collect(),
            security_by_year: years
                .iter()
                .map(|(y, _, s)| (*y, Money::millions(*s)))
                .collect(),
        }
    }

    fn codes(findings: &[Finding]) -> Vec<(&str, Option<i32>, Option<&str>)> {
        findings
            .iter()
            .map(|f| (f.code, f.year, f.row.as_deref()))
            .collect()
    }

    #[test]
    fn ten_percent_exactly_passes() {
        let p = [project("1", true, &[(2026, 1000, 100)])];
        assert!(security_share("T", &p, SEED_SECURITY_SHARE).is_empty());
    }

    #[test]
    fn security_share_below_ten_percent_is_an_error_for_plan_and_year_and_a_warning_for_the_project(
    ) {
        let p = [
            project("1", true, &[(2026, 1000, 99), (2027, 1000, 200)]),
            project("2", true, &[(2026, 500, 100)]),
        ];
        let found = security_share("T", &p, SEED_SECURITY_SHARE);
        // Plan: 399 of 2500 (16%) passes; 2026: 199 of 1500 (13%) passes; project 1: 299 of 2000 passes.
        assert!(found.is_empty(), "{found:?}");
        let p = [
            project("1", true, &[(2026, 1000, 50), (2027, 1000, 100)]),
            project("2", true, &[(2026, 500, 20)]),
        ];
        let found = security_share("T", &p, SEED_SECURITY_SHARE);
        assert_eq!(
            codes(&found),
            [
                ("SECURITY_SHARE_PLAN", None, None),
                ("SECURITY_SHARE_YEAR", Some(2026), None),
                ("SECURITY_SHARE_PROJECT", None, Some("1")),
                ("SECURITY_SHARE_PROJECT", None, Some("2"))
            ]
        );
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[2].severity, Severity::Warning);
        assert_eq!(found[0].arg.as_deref(), Some("6,8"), "170 of 2500");
    }

    #[test]
    fn projects_that_are_not_it_projects_do_not_count() {
        let p = [
            project("1", true, &[(2026, 100, 10)]),
            project("2", false, &[(2026, 10_000, 0)]),
        ];
        assert!(security_share("T", &p, SEED_SECURITY_SHARE).is_empty());
    }

    proptest! {
        /// Random projects, years and amounts: the findings match an independent computation
        /// of the shares in floating point, away from the exact boundary.
        #[test]
        fn the_computed_shares_match_an_independent_computation(
            raw in prop::collection::vec((any::<bool>(), prop::collection::vec((2026..2031i32, 0..100_000i64, 0..30_000i64), 0..6)), 0..8)
        ) {
            let projects: Vec<ProjectSpend> = raw.iter().enumerate().map(|(i, (it, years))| {
                let mut by_year = BTreeMap::new();
                let mut sec = BTreeMap::new();
                for (y, t, s) in years {
                    *by_year.entry(*y).or_insert(Money::ZERO) = by_year.get(y).copied().unwrap_or_default() + Money(*t);
                    *sec.entry(*y).or_insert(Money::ZERO) = sec.get(y).copied().unwrap_or_default() + Money(*s);
                }
                ProjectSpend { row: i.to_string(), it: *it, by_year, security_by_year: sec }
            }).collect();
            let found = security_share("T", &projects, SEED_SECURITY_SHARE);
            let fails = |s: f64, t: f64| t > 0.0 && s / t < 0.1 - 1e-12;
            let boundary = |s: f64, t: f64| t > 0.0 && (s / t - 0.1).abs() < 1e-9;
            let (mut t_all, mut s_all) = (0.0, 0.0);
            let mut per_year: BTreeMap<i32, (f64, f64)> = BTreeMap::new();
            for (i, (it, years)) in raw.iter().enumerate() {
                if !it { continue; }
                let (mut t_p, mut s_p) = (0.0, 0.0);
                for (y, t, s) in years {
                    t_all += *t as f64; s_all += *s as f64; t_p += *t as f64; s_p += *s as f64;
                    let e = per_year.entry(*y).or_insert((0.0, 0.0));
                    e.0 += *t as f64; e.1 += *s as f64;
                }
                if !boundary(s_p, t_p) {
                    let flagged = found.iter().any(|f| f.code == "SECURITY_SHARE_PROJECT" && f.row.as_deref() == Some(i.to_string().as_str()));
                    prop_assert_eq!(flagged, fails(s_p, t_p), "project {}", i);
                }
            }
            if !boundary(s_all, t_all) {
                prop_assert_eq!(found.iter().any(|f| f.code == "SECURITY_SHARE_PLAN"), fails(s_all, t_all));
            }
            for (y, (t, s)) in per_year {
                if !boundary(s, t) {
                    let flagged = found.iter().any(|f| f.code == "SECURITY_SHARE_YEAR" && f.year == Some(y));
                    prop_assert_eq!(flagged, fails(s, t), "year {}", y);
                }
            }
        }
    }
}
