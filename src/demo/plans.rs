//! The demo's rounds: the 2021–2025 round as its agencies wrote it in 2020 (Sở Y tế's whole
//! plan with its tables, Finance's and Home Affairs' whole plans, parts of others) and took it
//! through review, then the 2026–2030 round opened. Every write goes through `app`, as the
//! user who made it.

use super::{DemoError, USERS};
use crate::app::review::{add_comment, take_step, CommentInput, StepRequest};
use crate::app::users::{create_user, set_disabled, NewPassword};
use crate::app::{rounds::open_round, Who};
use crate::db::{PlanListRow, Store};
use crate::domain::framework::{table_node, PlanKind};
use crate::domain::ids::{PlanId, RowId};
use crate::domain::password;
use crate::domain::review::Step;
use crate::domain::round::{Round, RoundInput, SectionForm};
use crate::domain::tables::RowForm;
use crate::domain::user::{Language, Role, UserForm};
use chrono::{DateTime, Utc};

/// The people of 2020 who wrote demo plans for agencies that have no demo login today:
/// (username, full name, unit code). Their accounts are made for the history and disabled once
/// it is written (one unit has since closed); their passwords are never printed.
pub(super) const AUTHORS: &[(&str, &str, &str)] = &[
    ("canbo.sgddt", "Ngô Thị Lan", "SGDDT"),
    ("canbo.hbs", "Bùi Văn Minh", "HBS"),
];

/// The demo plan texts: the Department of Health's whole 2021–2025 plan, and a few sections
/// of other agencies' plans.
const FULL_PLAN: &str = include_str!("../../demo/ke-hoach-syt-2021-2025.toml");
/// The Department of Health's typed tables for 2021–2025.
const TABLES: &str = include_str!("../../demo/bang-syt-2021-2025.toml");

/// Sở Tài chính's and Sở Nội vụ's whole plans for 2021–2025.
const MORE_PLANS: &str = include_str!("../../demo/ke-hoach-them-2021-2025.toml");

const PARTIAL_PLANS: &str = include_str!("../../demo/ke-hoach-partial.toml");

#[derive(serde::Deserialize)]
struct FullPlanFile {
    /// The document facts: number, date, signer, recipients.
    document: crate::domain::round::PlanMetaForm,
    section: Vec<DemoSection>,
}

#[derive(serde::Deserialize)]
struct PartialPlansFile {
    plan: Vec<DemoPlan>,
}

#[derive(serde::Deserialize)]
struct DemoPlan {
    unit: String,
    section: Vec<DemoSection>,
}

#[derive(serde::Deserialize)]
struct DemoSection {
    key: String,
    #[serde(default)]
    html: String,
    #[serde(default)]
    not_applicable: String,
}

/// (code, title, framework, kind, period, evaluation, cut-off, deadline, units)
type DemoRound = (
    &'static str,
    &'static str,
    &'static str,
    PlanKind,
    (i32, i32),
    Option<(i32, i32)>,
    &'static str,
    &'static str,
    &'static [&'static str],
);

/// The round of 2020 (loaded as history) and the current one.
const ROUNDS: [DemoRound; 2] = [
    (
        "KH-2021-2025",
        "Kế hoạch ứng dụng CNTT, phát triển chính quyền số và bảo đảm an toàn thông tin mạng giai đoạn 2021-2025",
        "KHUNG-2021-2025",
        PlanKind::FiveYear,
        (2021, 2025),
        Some((2016, 2020)),
        "2020-07-29",
        "2020-09-15",
        &["kind:department", "kind:district"],
    ),
    (
        "KH-2026-2030",
        "Kế hoạch chuyển đổi số giai đoạn 2026-2030",
        "KHUNG-2026-2030",
        PlanKind::FiveYear,
        (2026, 2030),
        Some((2021, 2025)),
        "2025-12-14",
        "2026-12-31",
        &["kind:department", "kind:commune"],
    ),
];

fn round_input(round: &DemoRound) -> RoundInput {
    let (code, title, framework, kind, period, evaluation, cutoff, deadline, units) = round;
    RoundInput {
        code: code.to_string(),
        title: title.to_string(),
        framework_code: framework.to_string(),
        kind: *kind,
        period_start: period.0,
        period_end: period.1,
        evaluation: *evaluation,
        cutoff_date: super::province::date(cutoff),
        deadline: super::province::date(deadline),
        units: units.iter().map(|u| u.to_string()).collect(),
    }
}

/// What the demo's writes share: the store, the time, and the round's plans.
struct Demo<'a> {
    store: &'a Store,
    at: DateTime<Utc>,
    plans: Vec<PlanListRow>,
}

impl Demo<'_> {
    /// A demo user, as the use-cases know who acts.
    async fn who(&self, username: &str) -> Result<Who, DemoError> {
        let user = self
            .store
            .user_credentials(username)
            .await?
            .ok_or_else(|| DemoError::Data(format!("no demo user {username}")))?
            .0;
        Ok(Who::of(&user))
    }

    /// The user who writes a unit's plan: its editor, else its leader, else its 2020 author.
    async fn writer(&self, unit: &str) -> Result<Who, DemoError> {
        let of_unit = |role| USERS.iter().find(|(r, _, _, u)| *r == role && *u == unit);
        let username = of_unit(Role::Editor)
            .or_else(|| of_unit(Role::Leader))
            .map(|(_, name, _, _)| *name)
            .or_else(|| AUTHORS.iter().find(|(_, _, u)| *u == unit).map(|a| a.0))
            .ok_or_else(|| DemoError::Data(format!("nobody writes the plan of {unit}")))?;
        self.who(username).await
    }

    fn plan_of(&self, unit: &str) -> Result<PlanId, DemoError> {
        self.plans
            .iter()
            .find(|p| p.unit_code == unit)
            .map(|p| p.plan.id)
            .ok_or_else(|| DemoError::Data(format!("no demo plan for {unit}")))
    }

    async fn step(
        &self,
        plan: PlanId,
        who: &str,
        step: Step,
        message: &str,
    ) -> Result<(), DemoError> {
        let request = StepRequest {
            step,
            message,
            only_commented: false,
        };
        take_step(self.store, &self.who(who).await?, plan, request, self.at)
            .await
            .map_err(|e| DemoError::refused(format!("{who} {}", step.code()), e))?;
        Ok(())
    }

    async fn comment(
        &self,
        plan: PlanId,
        section: &str,
        row: Option<(&str, RowId)>,
        body: &str,
    ) -> Result<(), DemoError> {
        let input = CommentInput { section, row, body };
        let reviewer = self.who("thamdinh.skhcn").await?;
        add_comment(self.store, &reviewer, plan, input, self.at)
            .await
            .map_err(|e| DemoError::refused(format!("comment on {section}"), e))?;
        Ok(())
    }
}

/// Opens a demo round as the department's administrator.
async fn open(store: &Store, round: &DemoRound, at: DateTime<Utc>) -> Result<Round, DemoError> {
    let (_, admin, ..) = USERS[0];
    let demo = Demo {
        store,
        at,
        plans: Vec::new(),
    };
    let who = demo.who(admin).await?;
    let (round, _) = open_round(store, &who, &round_input(round), at)
        .await
        .map_err(|e| DemoError::refused(round.0, e))?;
    Ok(round)
}

/// The current round, opened once.
pub(super) async fn open_current(store: &Store, at: DateTime<Utc>) -> Result<(), DemoError> {
    if store.round_by_code(ROUNDS[1].0).await?.is_none() {
        open(store, &ROUNDS[1], at).await?;
    }
    Ok(())
}

/// The 2021–2025 round as it was written and reviewed in 2020, once.
pub(super) async fn load_history(store: &Store, at: DateTime<Utc>) -> Result<(), DemoError> {
    if store.round_by_code(ROUNDS[0].0).await?.is_some() {
        return Ok(());
    }
    authors(store, at, false).await?;
    let round = open(store, &ROUNDS[0], at).await?;
    let demo = Demo {
        store,
        at,
        plans: store.round_plans(round.id).await?,
    };
    let full: FullPlanFile =
        toml::from_str(FULL_PLAN).map_err(|e| DemoError::Data(e.to_string()))?;
    write_tables(&demo, "SYT", TABLES).await?;
    let syt = demo.writer("SYT").await?;
    let syt_plan = demo.plan_of("SYT")?;
    let (_, version) = store.plan_meta(syt_plan).await?;
    let document = crate::domain::round::PlanMetaForm {
        base_version: version,
        ..full.document
    };
    crate::app::meta::save_meta(store, &syt, syt_plan, &document, at)
        .await
        .map_err(|e| DemoError::refused("SYT document", e))?;
    let mut texts = vec![DemoPlan {
        unit: "SYT".into(),
        section: full.section,
    }];
    let more: PartialPlansFile =
        toml::from_str(MORE_PLANS).map_err(|e| DemoError::Data(e.to_string()))?;
    let partial: PartialPlansFile =
        toml::from_str(PARTIAL_PLANS).map_err(|e| DemoError::Data(e.to_string()))?;
    // Units written whole in the second file are taken from it, not from the partial one.
    let whole: Vec<String> = more.plan.iter().map(|p| p.unit.clone()).collect();
    texts.extend(more.plan);
    texts.extend(
        partial
            .plan
            .into_iter()
            .filter(|p| !whole.contains(&p.unit)),
    );
    for text in &texts {
        write_sections(&demo, text).await?;
    }
    review_loop(&demo, &round).await?;
    authors(store, at, true).await
}

/// Makes the 2020 authors' accounts (with a password nobody is told), or disables them once
/// the history is written.
async fn authors(store: &Store, at: DateTime<Utc>, disable: bool) -> Result<(), DemoError> {
    let operator = Who::operator();
    for (username, name, unit) in AUTHORS {
        let done = match (store.user_credentials(username).await?, disable) {
            (Some((user, _)), true) => set_disabled(store, &operator, user.id, true, at)
                .await
                .map(|_| ()),
            (None, false) => {
                let password = NewPassword {
                    hash: password::hash(&password::generate())
                        .map_err(|e| DemoError::Hash(e.to_string()))?,
                    one_time: true,
                };
                let form = UserForm {
                    username: username.to_string(),
                    display_name: name.to_string(),
                    role: Role::Editor.code().to_string(),
                    unit_code: unit.to_string(),
                    language: Language::Vi.code().to_string(),
                    email: String::new(),
                };
                create_user(store, &operator, &form, &password, at)
                    .await
                    .map(|_| ())
            }
            // Made already, or never made and nothing to disable.
            _ => Ok(()),
        };
        done.map_err(|e| DemoError::refused(username, e))?;
    }
    Ok(())
}

/// A unit's demo sections, saved by its writer as the editor would save them.
async fn write_sections(demo: &Demo<'_>, text: &DemoPlan) -> Result<(), DemoError> {
    let plan = demo.plan_of(&text.unit)?;
    let who = demo.writer(&text.unit).await?;
    for section in &text.section {
        let form = SectionForm {
            body: section.html.clone(),
            base_version: 0,
            not_applicable: if section.not_applicable.is_empty() {
                String::new()
            } else {
                "1".into()
            },
            reason: section.not_applicable.clone(),
        };
        crate::app::sections::save_section(demo.store, &who, plan, &section.key, &form, demo.at)
            .await
            .map_err(|e| DemoError::refused(format!("{} {}", text.unit, section.key), e))?;
    }
    Ok(())
}

/// Fills a unit's typed tables from a demo file, each row added through its form as the
/// editor would add it.
async fn write_tables(demo: &Demo<'_>, unit: &str, text: &str) -> Result<(), DemoError> {
    let file: std::collections::BTreeMap<String, Vec<RowForm>> =
        toml::from_str(text).map_err(|e| DemoError::Data(e.to_string()))?;
    let plan = demo.plan_of(unit)?;
    let who = demo.writer(unit).await?;
    for (code, rows) in file {
        for (i, form) in rows.iter().enumerate() {
            crate::app::rows::add_row(demo.store, &who, plan, &code, form, demo.at)
                .await
                .map_err(|e| DemoError::refused(format!("{code} row {}", i + 1), e))?;
        }
    }
    Ok(())
}

/// Takes the demo round half-way through its review: Sở Y tế's plan returned with comments,
/// Sở Tài chính's approved after a return, Sở Nội vụ's submitted and waiting; the others still
/// drafts. Every step goes through the same checks as a user's.
async fn review_loop(demo: &Demo<'_>, round: &Round) -> Result<(), DemoError> {
    let nodes = demo.store.framework_nodes(round.framework_id).await?;

    // Sở Y tế: submitted, returned with a comment on a section and one on a project's row;
    // its editors can take the comments in.
    let syt = demo.plan_of("SYT")?;
    demo.step(syt, "lanhdao.syt", Step::Submit, "").await?;
    demo.comment(syt, "PL1.P1.VI.1", None, "Bổ sung tiến độ phê duyệt hồ sơ cấp độ của Hệ thống thông tin quản lý bệnh viện khu vực Đặng Thùy Trâm.").await?;
    let below = demo
        .store
        .plan_rows(syt, "tasks")
        .await?
        .into_iter()
        .find(|r| {
            r.row
                .text("name")
                .is_some_and(|n| n.starts_with("Nâng cấp hạ tầng mạng"))
        })
        .map(|r| r.id);
    if let (Some(row), Some(node)) = (below, table_node(&nodes, round.kind, "tasks")) {
        demo.comment(
            syt,
            &node,
            Some(("tasks", row)),
            "Kinh phí bảo đảm an toàn thông tin của dự án mới đạt 7%; đề nghị rà soát, bổ sung.",
        )
        .await?;
    }
    demo.step(
        syt,
        "thamdinh.skhcn",
        Step::Return,
        "Đề nghị Sở Y tế hoàn thiện theo các ý kiến thẩm định kèm theo.",
    )
    .await?;

    // Sở Tài chính: returned once, resubmitted and approved — a history of four steps.
    let stc = demo.plan_of("STC")?;
    demo.step(stc, "canbo.stc", Step::Submit, "").await?;
    demo.comment(
        stc,
        "PL1.P2.I",
        None,
        "Bổ sung Quyết định số 942/QĐ-TTg ngày 15/6/2021 vào căn cứ xây dựng kế hoạch.",
    )
    .await?;
    demo.step(
        stc,
        "thamdinh.skhcn",
        Step::Return,
        "Đề nghị bổ sung căn cứ pháp lý theo ý kiến kèm theo.",
    )
    .await?;
    demo.step(stc, "canbo.stc", Step::Submit, "").await?;
    demo.step(stc, "thamdinh.skhcn", Step::Approve, "").await?;

    // Sở Nội vụ: submitted, waiting for review.
    demo.step(demo.plan_of("SNV")?, "lanhdao.snv", Step::Submit, "")
        .await
}
