//! The tables of DESIGN §4, column by column, with each table's own cross-field rules.

use super::{Column, Computed, Kind, Row, RowContext, Shape, TableSpec};
use crate::domain::money::Money;
use crate::domain::validation::FieldErrors;

const fn col(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        required: false,
        per_year: false,
        listed: false,
        summed: false,
    }
}

impl Column {
    const fn required(mut self) -> Self {
        self.required = true;
        self
    }
    const fn per_year(mut self) -> Self {
        self.per_year = true;
        self
    }
    const fn listed(mut self) -> Self {
        self.listed = true;
        self
    }
    const fn summed(mut self) -> Self {
        self.summed = true;
        self.listed = true;
        self
    }
}

fn no_check(_: &Row, _: &RowContext, _: &mut FieldErrors) {}

/// `part` may not exceed `whole` (records updated of records held, units using of units
/// targeted, …): an error on `part`.
fn at_most(row: &Row, errors: &mut FieldErrors, part: &'static str, whole: &'static str) {
    if let (Some(p), Some(w)) = (row.count(part), row.count(whole)) {
        if p > w {
            errors.add_with(part, "err.more_than_whole", w.to_string());
        }
    }
}

/// A ratio with two decimals in the Vietnamese format, `None` when the divisor is zero.
fn ratio(part: i64, whole: i64, scale: f64) -> Option<String> {
    (whole > 0).then(|| format!("{:.2}", part as f64 * scale / whole as f64).replace('.', ","))
}

const INFRASTRUCTURE: TableSpec = TableSpec {
    code: "infrastructure",
    shape: Shape::Record,
    labels: "infrastructure",
    columns: &[
        col("computers", Kind::Count),
        col("staff", Kind::Count),
        col("subordinate_units", Kind::Count),
        col("units_lan", Kind::Count),
        col("units_internet", Kind::Count),
        col("units_wan", Kind::Count),
        col("units_tslcd", Kind::Count),
        col("data_center", Kind::Bool),
        col("data_center_note", Kind::Text(500)),
    ],
    computed: &[Computed {
        name: "computers_per_staff",
        value: |r| ratio(r.count("computers")?, r.count("staff")?, 1.0),
    }],
    title_column: "computers",
    check: |row, _, errors| {
        for part in ["units_lan", "units_internet", "units_wan", "units_tslcd"] {
            at_most(row, errors, part, "subordinate_units");
        }
    },
    companion: None,
};

const DATABASE_COLUMNS: &[Column] = &[
    col("name", Kind::Text(500)).required().listed(),
    col("owner", Kind::Text(300)).listed(),
    col("address", Kind::Text(300)),
    col("records_total", Kind::Count).summed(),
    col("records_updated", Kind::Count).summed(),
    col("units_targeted", Kind::Count).listed(),
    col("units_using", Kind::Count).listed(),
];

fn database_check(row: &Row, _: &RowContext, errors: &mut FieldErrors) {
    at_most(row, errors, "records_updated", "records_total");
    at_most(row, errors, "units_using", "units_targeted");
}

const fn database(code: &'static str) -> TableSpec {
    TableSpec {
        code,
        shape: Shape::List,
        labels: "db",
        columns: DATABASE_COLUMNS,
        computed: &[],
        title_column: "name",
        check: database_check,
        companion: None,
    }
}

const APPLICATIONS: TableSpec = TableSpec {
    code: "applications",
    shape: Shape::List,
    labels: "applications",
    columns: &[
        col("name", Kind::Text(500)).required().listed(),
        col("purpose", Kind::LongText).listed(),
        col("users", Kind::Text(300)).listed(),
    ],
    computed: &[],
    title_column: "name",
    check: no_check,
    companion: None,
};

const ONLINE_SERVICES: TableSpec = TableSpec {
    code: "online_services",
    shape: Shape::Record,
    labels: "online_services",
    columns: &[
        col("procedures_total", Kind::Count),
        col("full_online", Kind::Count),
        col("partial_online", Kind::Count),
        col("dossiers_total", Kind::Count),
        col("dossiers_online", Kind::Count),
    ],
    computed: &[
        Computed {
            name: "online_share",
            value: |r| {
                ratio(
                    r.count("dossiers_online")?,
                    r.count("dossiers_total")?,
                    100.0,
                )
            },
        },
        Computed {
            name: "full_online_share",
            value: |r| ratio(r.count("full_online")?, r.count("procedures_total")?, 100.0),
        },
    ],
    title_column: "procedures_total",
    check: |row, _, errors| {
        at_most(row, errors, "dossiers_online", "dossiers_total");
        let online =
            row.count("full_online").unwrap_or(0) + row.count("partial_online").unwrap_or(0);
        if let Some(total) = row.count("procedures_total") {
            if online > total {
                errors.add_with(
                    "partial_online",
                    "err.online_above_procedures",
                    total.to_string(),
                );
            }
        }
    },
    companion: None,
};

const HUMAN_RESOURCES: TableSpec = TableSpec {
    code: "human_resources",
    shape: Shape::Record,
    labels: "human_resources",
    columns: &[
        col("it_unit", Kind::Text(300)),
        col("it_staff", Kind::Count),
        col("postgraduate", Kind::Count),
        col("university", Kind::Count),
        col("college", Kind::Count),
        col("security_staff", Kind::Count),
        col("trained", Kind::Count),
    ],
    computed: &[],
    title_column: "it_unit",
    check: |row, _, errors| {
        let qualified: i64 = ["postgraduate", "university", "college"]
            .iter()
            .filter_map(|c| row.count(c))
            .sum();
        if let Some(staff) = row.count("it_staff") {
            if qualified > staff {
                errors.add_with("college", "err.qualified_above_staff", staff.to_string());
            }
        }
        at_most(row, errors, "security_staff", "it_staff");
    },
    companion: None,
};

const INFORMATION_SYSTEMS: TableSpec = TableSpec {
    code: "information_systems",
    shape: Shape::List,
    labels: "information_systems",
    columns: &[
        col("name", Kind::Text(500)).required().listed(),
        col("managing_unit", Kind::Text(300)).listed(),
        col("level", Kind::Catalog("security_level"))
            .required()
            .listed(),
        col("approved", Kind::MonthYear).listed(),
        col("decision", Kind::Text(200)).listed(),
        col("meets_minimum", Kind::Bool).listed(),
    ],
    computed: &[],
    title_column: "name",
    check: |row, _, errors| {
        if row.text("decision").is_some() && row.text("approved").is_none() {
            errors.add("approved", "err.approval_date_needed");
        }
    },
    companion: None,
};

const LAYER_STATES: &[&str] = &["done", "in_progress", "not_started"];

const FOUR_LAYER: TableSpec = TableSpec {
    code: "four_layer",
    shape: Shape::Record,
    labels: "four_layer",
    columns: &[
        col("layer1", Kind::Choice(LAYER_STATES)),
        col("layer1_provider", Kind::Text(300)),
        col("layer2", Kind::Choice(LAYER_STATES)),
        col("layer2_provider", Kind::Text(300)),
        col("layer3", Kind::Choice(LAYER_STATES)),
        col("layer3_provider", Kind::Text(300)),
        col("layer4", Kind::Choice(LAYER_STATES)),
        col("layer4_provider", Kind::Text(300)),
    ],
    computed: &[],
    title_column: "layer1",
    check: no_check,
    companion: None,
};

const SECURITY_ACTIVITIES: TableSpec = TableSpec {
    code: "security_activities",
    shape: Shape::Record,
    labels: "security_activities",
    columns: &[
        col("systems_inspected", Kind::Count),
        col("inspected_by_decree", Kind::Count),
        col("devices_protected", Kind::Count),
        col("systems_monitored", Kind::Count),
        col("malware_campaigns", Kind::Count),
        col("incidents", Kind::Count),
        col("awareness", Kind::Count),
        col("drills", Kind::Count),
        col("response_plan", Kind::Bool),
        col("response_team", Kind::Bool),
    ],
    computed: &[],
    title_column: "systems_inspected",
    check: |row, _, errors| at_most(row, errors, "inspected_by_decree", "systems_inspected"),
    companion: None,
};

const PAST_FUNDING: TableSpec = TableSpec {
    code: "past_funding",
    shape: Shape::List,
    labels: "past_funding",
    columns: &[
        col("name", Kind::Text(500)).required().listed(),
        col("objective", Kind::LongText),
        col("total", Kind::Money).required().summed(),
        col("security", Kind::Money).summed(),
        col("security_only", Kind::Bool).listed(),
        col("source", Kind::Text(200)).listed(),
        col("time", Kind::Text(100)).listed(),
        col("result", Kind::LongText).listed(),
    ],
    computed: &[],
    title_column: "name",
    check: |row, _, errors| {
        if row.money("security") > row.money("total") {
            errors.add("security", "err.security_above_amount");
        }
    },
    companion: None,
};

const LEGAL_BASIS: TableSpec = TableSpec {
    code: "legal_basis",
    shape: Shape::List,
    labels: "legal_basis",
    columns: &[
        col("document", Kind::Catalog("legal")).listed(),
        col("citation", Kind::Text(1000)).listed(),
    ],
    computed: &[],
    title_column: "citation",
    check: |row, _, errors| {
        if row.text("document").is_none() && row.text("citation").is_none() {
            errors.add("citation", "err.document_or_citation");
        }
    },
    companion: None,
};

const DIRECTIONS: &[&str] = &["up", "down"];

const INDICATORS: TableSpec = TableSpec {
    code: "indicators",
    shape: Shape::List,
    labels: "indicators",
    columns: &[
        col("indicator", Kind::Catalog("indicator")),
        col("name", Kind::Text(500)).required().listed(),
        col("unit", Kind::Text(50)).listed(),
        col("direction", Kind::Choice(DIRECTIONS)).required(),
        col("baseline", Kind::Decimal).listed(),
        col("target", Kind::Decimal).per_year().listed(),
        // The last value measured, which the next plan starts from.
        col("actual", Kind::Decimal),
        col("national_target", Kind::Text(300)).listed(),
    ],
    computed: &[],
    title_column: "name",
    check: |row, _, errors| {
        if row.text("unit").as_deref() == Some("%") {
            let over: Vec<String> = row
                .per_year("target")
                .into_iter()
                .filter(|(_, v)| *v > 100_000)
                .map(|(y, _)| format!("target_{y}"))
                .collect();
            for field in over {
                errors.add(field, "err.percent");
            }
        }
    },
    companion: None,
};

const ROADMAP: TableSpec = TableSpec {
    code: "roadmap",
    shape: Shape::List,
    labels: "roadmap",
    columns: &[
        col("year", Kind::Year).required().listed(),
        col("results", Kind::LongText).required().listed(),
    ],
    computed: &[],
    title_column: "year",
    check: |row, ctx, errors| {
        if let Some(y) = row.count("year") {
            if y < i64::from(ctx.period.0) || y > i64::from(ctx.period.1) {
                errors.add("year", "err.year_outside_period");
            }
        }
    },
    companion: None,
};

const CAPITAL: &[&str] = &["investment", "recurrent"];

/// Security spending by year may not exceed the spending of that year.
fn security_within_amounts(row: &Row, errors: &mut FieldErrors) {
    let amounts = row.per_year("amounts");
    for (year, security) in row.per_year("security") {
        if security > amounts.get(&year).copied().unwrap_or(0) {
            errors.add(format!("security_{year}"), "err.security_above_amount");
        }
    }
}

const FUNDING: TableSpec = TableSpec {
    code: "funding",
    shape: Shape::List,
    labels: "funding",
    columns: &[
        col("source", Kind::Catalog("funding_source"))
            .required()
            .listed(),
        col("capital", Kind::Choice(CAPITAL)).required().listed(),
        col("amounts", Kind::Money).per_year().summed(),
        col("security", Kind::Money).per_year(),
    ],
    computed: &[],
    title_column: "source",
    check: |row, _, errors| security_within_amounts(row, errors),
    companion: Some("budget"),
};

const BUDGET: TableSpec = TableSpec {
    code: "budget",
    shape: Shape::Record,
    labels: "budget",
    columns: &[col("total_budget", Kind::Money).per_year()],
    computed: &[],
    title_column: "total_budget",
    check: no_check,
    companion: None,
};

const TASKS: TableSpec = TableSpec {
    code: "tasks",
    shape: Shape::List,
    labels: "tasks",
    columns: &[
        col("name", Kind::Text(500)).required().listed(),
        col("lead_unit", Kind::Text(200)).listed(),
        col("objective", Kind::LongText),
        col("continuing", Kind::Bool).listed(),
        col("start_year", Kind::Year).required(),
        col("end_year", Kind::Year).required(),
        col("total", Kind::Money).required().summed(),
        col("source", Kind::Text(200)),
        col("task_group", Kind::Catalog("task_group"))
            .required()
            .listed(),
        col("legal_basis", Kind::Text(500)),
        col("focus_items", Kind::CatalogList("focus_item")),
        col("amounts", Kind::Money).per_year().summed(),
        col("security", Kind::Money).per_year().summed(),
    ],
    computed: &[Computed {
        name: "security_share",
        value: |r| {
            let total: i64 = r.per_year("amounts").values().sum();
            let security: i64 = r.per_year("security").values().sum();
            ratio(security, total, 100.0)
        },
    }],
    title_column: "name",
    check: |row, ctx, errors| {
        let (start, end) = (row.count("start_year"), row.count("end_year"));
        if let (Some(start), Some(end)) = (start, end) {
            let (first, last) = (i64::from(ctx.period.0), i64::from(ctx.period.1));
            if end < start {
                errors.add("end_year", "err.year_order");
            } else if end < first || end > last {
                errors.add("end_year", "err.task_outside_period");
            } else if start < first && !row.bool("continuing") {
                errors.add("start_year", "err.task_starts_before");
            }
        }
        security_within_amounts(row, errors);
        let sum: i64 = row.per_year("amounts").values().sum();
        let amounts_read = !errors.iter().any(|(f, _)| f.starts_with("amounts_"));
        if amounts_read && errors.get("total").is_none() && sum != row.money("total") {
            errors.add_with("total", "err.amounts_sum", Money(sum).to_string());
        }
    },
    companion: None,
};

/// Every typed table.
pub const SPECS: &[TableSpec] = &[
    INFRASTRUCTURE,
    database("databases_national"),
    database("databases_central"),
    database("databases_provincial"),
    APPLICATIONS,
    ONLINE_SERVICES,
    HUMAN_RESOURCES,
    INFORMATION_SYSTEMS,
    FOUR_LAYER,
    SECURITY_ACTIVITIES,
    PAST_FUNDING,
    LEGAL_BASIS,
    INDICATORS,
    ROADMAP,
    FUNDING,
    BUDGET,
    TASKS,
];

/// The list tables that move in and out of spreadsheets, by the name the import and export
/// use, with the tables they gather (the three kinds of databases are one sheet with a `kind`).
pub const LIST_TABLES: &[(&str, &[&str])] = &[
    ("projects", &["tasks"]),
    ("systems", &["information_systems"]),
    (
        "databases",
        &[
            "databases_national",
            "databases_central",
            "databases_provincial",
        ],
    ),
    ("indicators", &["indicators"]),
];

pub fn spec(code: &str) -> Option<&'static TableSpec> {
    SPECS.iter().find(|s| s.code == code)
}
