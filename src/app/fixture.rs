//! A small province in an in-memory store for the use-cases' tests: a department that reviews,
//! two agencies (Sở Y tế with an editor and a leader, Sở Tài chính with an editor only), one
//! user per role, and the 2026–2030 round on the built-in framework with a draft plan each.

use super::access::outline;
use super::rounds::open_round;
use super::Who;
use crate::db::{AuditCtx, Store};
use crate::domain::framework::PlanKind;
use crate::domain::ids::PlanId;
use crate::domain::org_unit::{DocumentNames, OrgUnitInput, OrgUnitKind};
use crate::domain::round::{Round, RoundInput, SectionForm};
use crate::domain::user::{Language, Role, UserInput};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

pub(crate) struct Province {
    pub store: Store,
    pub now: DateTime<Utc>,
    pub admin: Who,
    pub reviewer: Who,
    pub viewer: Who,
    /// Sở Y tế's editor and leader.
    pub editor: Who,
    pub leader: Who,
    /// Sở Tài chính's editor (the unit has no leader, so its editor submits).
    pub other_editor: Who,
    pub round: Round,
    /// Sở Y tế's plan, and Sở Tài chính's.
    pub plan: PlanId,
    pub other_plan: PlanId,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn unit(code: &str, name: &str, kind: OrgUnitKind, parent: Option<&str>) -> OrgUnitInput {
    OrgUnitInput {
        code: code.into(),
        name: name.into(),
        kind,
        parent_code: parent.map(str::to_string),
        valid_from: day(2020, 1, 1),
        valid_to: None,
        doc: DocumentNames {
            parent_line: "UBND TỈNH QUẢNG NGÃI".into(),
            issuer_line: name.to_uppercase(),
            abbreviation: code.into(),
            place_name: "Quảng Ngãi".into(),
        },
    }
}

async fn user(store: &Store, ctx: &AuditCtx, username: &str, role: Role, unit: &str) -> Who {
    let input = UserInput {
        username: username.into(),
        display_name: format!("Tên {username}"),
        role,
        unit_code: unit.into(),
        language: Language::Vi,
        email: String::new(),
    };
    // The use-cases never read the hash: any string stands for one.
    let user = store
        .create_user(&input, "hash", false, ctx)
        .await
        .expect("user created");
    Who::of(&user)
}

pub(crate) async fn province() -> Province {
    let store = Store::in_memory().await.expect("in-memory store");
    let now = Utc
        .with_ymd_and_hms(2026, 3, 2, 2, 0, 0)
        .single()
        .expect("a time");
    super::builtin::install(&store, now)
        .await
        .expect("built-in frameworks");
    let ctx = AuditCtx {
        at: now,
        actor_user_id: None,
        actor_name: "test".into(),
    };
    for u in [
        unit("QNG", "Tỉnh Quảng Ngãi", OrgUnitKind::Province, None),
        unit(
            "SKHCN",
            "Sở Khoa học và Công nghệ",
            OrgUnitKind::Department,
            Some("QNG"),
        ),
        unit("SYT", "Sở Y tế", OrgUnitKind::Department, Some("QNG")),
        unit("STC", "Sở Tài chính", OrgUnitKind::Department, Some("QNG")),
    ] {
        store.create_unit(&u, &ctx).await.expect("unit created");
    }
    let admin = user(&store, &ctx, "quantri", Role::Admin, "SKHCN").await;
    let reviewer = user(&store, &ctx, "thamdinh", Role::Reviewer, "SKHCN").await;
    let viewer = user(&store, &ctx, "xem", Role::Viewer, "QNG").await;
    let editor = user(&store, &ctx, "canbo.syt", Role::Editor, "SYT").await;
    let leader = user(&store, &ctx, "lanhdao.syt", Role::Leader, "SYT").await;
    let other_editor = user(&store, &ctx, "canbo.stc", Role::Editor, "STC").await;
    let input = round_input();
    let (round, _) = open_round(&store, &admin, &input, now)
        .await
        .expect("round opened");
    let plans = store.round_plans(round.id).await.expect("plans");
    let plan_of = |code: &str| {
        plans
            .iter()
            .find(|p| p.unit_code == code)
            .map(|p| p.plan.id)
            .expect("a plan")
    };
    Province {
        plan: plan_of("SYT"),
        other_plan: plan_of("STC"),
        store,
        now,
        admin,
        reviewer,
        viewer,
        editor,
        leader,
        other_editor,
        round,
    }
}

/// The fixture's round: the 2026–2030 five-year plans of Sở Y tế and Sở Tài chính.
fn round_input() -> RoundInput {
    RoundInput {
        code: "KH-2026-2030".into(),
        title: "Kế hoạch chuyển đổi số giai đoạn 2026-2030".into(),
        framework_code: "KHUNG-2026-2030".into(),
        kind: PlanKind::FiveYear,
        period_start: 2026,
        period_end: 2030,
        evaluation: Some((2021, 2025)),
        cutoff_date: day(2026, 1, 15),
        deadline: day(2026, 6, 30),
        units: vec!["SYT".into(), "STC".into()],
    }
}

/// The form of an information system: its name and security level.
pub(crate) fn system(name: &str, level: &str) -> crate::domain::tables::RowForm {
    let mut form = crate::domain::tables::RowForm::new();
    form.insert("name".into(), name.into());
    form.insert("level".into(), level.into());
    form
}

impl Province {
    /// What opened the fixture's round, to open others like it.
    pub fn round_input(&self) -> RoundInput {
        round_input()
    }

    /// Writes every required text section of a plan, as `who`, so that it can be submitted.
    pub async fn fill(&self, who: &Who, plan: PlanId) {
        for node in outline(&self.store, &self.round).await.expect("outline") {
            if !node.takes_text() || node.optional {
                continue;
            }
            let form = SectionForm {
                body: format!("<p>Nội dung mục {}.</p>", node.numbering),
                base_version: 0,
                ..SectionForm::default()
            };
            super::sections::save_section(&self.store, who, plan, &node.key, &form, self.now)
                .await
                .expect("section saved");
        }
    }

    /// A text section of the round's framework that must be written.
    pub async fn text_section(&self) -> String {
        outline(&self.store, &self.round)
            .await
            .expect("outline")
            .into_iter()
            .find(|n| n.takes_text() && !n.optional)
            .expect("a text section")
            .key
    }

    /// Sở Y tế's plan filled and submitted by its leader: locked to its agency.
    pub async fn submitted(&self) {
        self.fill(&self.editor, self.plan).await;
        let request = super::review::StepRequest {
            step: crate::domain::review::Step::Submit,
            message: "",
            only_commented: false,
        };
        super::review::take_step(&self.store, &self.leader, self.plan, request, self.now)
            .await
            .expect("submitted");
    }
}
