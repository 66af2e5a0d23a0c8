//! The seed's sample tables as layouts of the specs' columns: which columns each appendix and
//! summary shows, in what order, with what share of the width (long text gets room) and under
//! which merged headings. Headings are the specs' labels unless the sample table words them.

use super::{catalog_name, Layout, Shown, What};
use crate::export::model::Align;
use std::collections::BTreeMap;

/// The plan's tasks and projects (the seed's sample table), grouped by task group.
pub const TASKS: Layout = Layout {
    table: "tasks",
    number_weight: 5,
    columns: &[
        Shown::column("name", 22),
        Shown::column("lead_unit", 9),
        Shown::column("objective", 26),
        Shown::new(What::Years, 7)
            .heading("Thời gian triển khai")
            .align(Align::Center),
        Shown::column("total", 8),
        Shown::column("source", 8),
        Shown::column("amounts", 6).band("Kinh phí dự kiến theo năm"),
    ],
};

const APPROVAL: &str = "Hồ sơ đề xuất cấp độ đã phê duyệt";

/// The plan's information systems and their security levels.
pub const SYSTEMS: Layout = Layout {
    table: "information_systems",
    number_weight: 4,
    columns: &[
        Shown::column("name", 24),
        Shown::column("managing_unit", 16),
        Shown::column("level", 6).align(Align::Center),
        Shown::column("approved", 8)
            .align(Align::Center)
            .band(APPROVAL)
            .heading("Tháng/năm"),
        Shown::column("decision", 18)
            .band(APPROVAL)
            .heading("Quyết định"),
        Shown::new(What::YesNo("meets_minimum", "Đáp ứng", "Chưa đáp ứng"), 12)
            .align(Align::Center),
    ],
};

const RECORDS: &str = "Số bản ghi";
const USING_UNITS: &str = "Số đơn vị khai thác";

/// The plan's databases, the three kinds in one table (they share their columns).
pub const DATABASES: Layout = Layout {
    table: "databases_national",
    number_weight: 4,
    columns: &[
        Shown::column("name", 24),
        Shown::column("owner", 14),
        Shown::column("address", 16),
        Shown::column("records_total", 9)
            .band(RECORDS)
            .heading("Tổng số"),
        Shown::column("records_updated", 9)
            .band(RECORDS)
            .since_cutoff("Cập nhật từ ngày"),
        Shown::column("units_targeted", 7)
            .band(USING_UNITS)
            .heading("Theo mục tiêu"),
        Shown::column("units_using", 7)
            .band(USING_UNITS)
            .heading("Đã tham gia"),
    ],
};

/// The plan's indicators and their targets by year.
pub const INDICATORS: Layout = Layout {
    table: "indicators",
    number_weight: 4,
    columns: &[
        Shown::column("name", 28),
        Shown::column("unit", 6).align(Align::Center),
        Shown::column("baseline", 7),
        Shown::column("target", 6).band("Mục tiêu theo năm"),
        Shown::column("national_target", 16),
    ],
};

const TOTAL: &str = "Tổng cộng";
const BY_YEAR: &str = "Phân theo năm";

/// The plan's funding by source and year.
pub const FUNDING: Layout = Layout {
    table: "funding",
    number_weight: 4,
    columns: &[
        Shown::column("source", 22),
        Shown::column("capital", 14),
        Shown::new(What::YearsTotal("amounts"), 10).heading(TOTAL),
        Shown::column("amounts", 8).band(BY_YEAR),
    ],
};

/// The province's funding by source and year, over its plans' funding tables.
pub const BY_SOURCE: Layout = Layout {
    table: "funding",
    number_weight: 4,
    columns: &[
        Shown::column("source", 30),
        Shown::new(What::YearsTotal("amounts"), 10).heading(TOTAL),
        Shown::column("amounts", 8).band(BY_YEAR),
    ],
};

/// The province's tasks' spending by task group and year.
pub const BY_GROUP: Layout = Layout {
    table: "tasks",
    number_weight: 4,
    columns: &[
        Shown::column("task_group", 30),
        Shown::new(What::YearsTotal("amounts"), 10).heading(TOTAL),
        Shown::column("amounts", 8).band(BY_YEAR),
    ],
};

/// Every layout, for the test that holds them to the specs.
pub const ALL: [Layout; 7] = [
    TASKS, SYSTEMS, DATABASES, INDICATORS, FUNDING, BY_SOURCE, BY_GROUP,
];

/// The order tasks are grouped in: by their group's code as a number (1, 2, …, 10), tasks
/// without a group last.
pub fn task_group_key(code: String) -> (i64, String) {
    (code.parse().unwrap_or(i64::MAX), code)
}

/// A task group as the documents title it; tasks without a group are the other tasks.
pub fn task_group_title(names: &BTreeMap<(String, String), String>, code: &str) -> String {
    if code.is_empty() {
        "Nhiệm vụ khác".to_string()
    } else {
        catalog_name(names, "task_group", code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tables::spec;

    #[test]
    fn every_layout_shows_columns_its_spec_has() {
        for layout in ALL {
            let spec = spec(layout.table).expect("a specified table");
            for shown in layout.columns {
                let names: &[&str] = match &shown.what {
                    What::Column(n) | What::YearsTotal(n) | What::YesNo(n, _, _) => {
                        std::slice::from_ref(n)
                    }
                    What::Years => &["start_year", "end_year", "continuing"],
                };
                for name in names {
                    assert!(spec.column(name).is_some(), "{}.{name}", layout.table);
                }
            }
        }
    }
}
