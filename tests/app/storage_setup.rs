//! What every storage contract starts from: the built-in 2026–2030 framework, a round on it,
//! a province with one department, its editor and leader, a reviewer, and the department's
//! draft plan. Built through the store alone, on whichever backend the contract runs on.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use kehoachso::db::{AuditCtx, StepChange, StepRefused, Store};
use kehoachso::domain::content::PlanContent;
use kehoachso::domain::framework::PlanKind;
use kehoachso::domain::ids::{PlanId, RoundId};
use kehoachso::domain::org_unit::{DocumentNames, OrgUnitInput, OrgUnitKind};
use kehoachso::domain::review::Step;
use kehoachso::domain::round::PlanStatus;
use kehoachso::domain::round::RoundInput;
use kehoachso::domain::user::{Language, Role, User, UserInput};

/// Runs each named contract on SQLite and, when a server is given, on PostgreSQL.
macro_rules! on_both_backends {
    ($($name:ident => $contract:ident),* $(,)?) => {
        mod sqlite {
            use super::*;
            $(#[tokio::test] async fn $name() {
                let db = crate::helpers::TestDb::new(crate::helpers::Backend::Sqlite)
                    .await
                    .expect("SQLite");
                $contract(db.store().await).await;
            })*
        }
        mod postgres {
            use super::*;
            $(#[tokio::test] async fn $name() {
                let Some(db) = crate::helpers::TestDb::new(crate::helpers::Backend::Postgres)
                    .await else { return };
                $contract(db.store().await).await;
            })*
        }
    };
}

/// The province a contract works in.
pub struct Province {
    pub store: Store,
    pub now: DateTime<Utc>,
    pub plan: PlanId,
    pub round: RoundId,
    pub editor: User,
    pub leader: User,
    pub reviewer: User,
    /// A section of the framework that takes text.
    pub section: String,
    /// A table of the framework, by its code.
    pub table: String,
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

pub fn unit(code: &str, parent: Option<&str>, name: &str) -> OrgUnitInput {
    OrgUnitInput {
        code: code.into(),
        name: name.into(),
        kind: if parent.is_some() {
            OrgUnitKind::Department
        } else {
            OrgUnitKind::Province
        },
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

impl Province {
    pub async fn new(store: Store) -> Self {
        let now = Utc
            .with_ymd_and_hms(2026, 3, 2, 2, 0, 0)
            .single()
            .expect("time");
        let system = AuditCtx {
            at: now,
            actor_user_id: None,
            actor_name: "contract".into(),
        };
        let draft = kehoachso::app::builtin::frameworks()
            .expect("the built-in frameworks read")
            .into_iter()
            .find(|f| f.code == "KHUNG-2026-2030")
            .expect("the 2026–2030 framework is built in");
        let framework = store
            .install_framework(&draft, &system)
            .await
            .expect("framework");
        for u in [
            unit("QNG", None, "Tỉnh Quảng Ngãi"),
            unit("SKHCN", Some("QNG"), "Sở Khoa học và Công nghệ"),
            unit("SYT", Some("QNG"), "Sở Y tế"),
        ] {
            store.create_unit(&u, &system).await.expect("unit");
        }
        let person = |username: &str, name: &str, role, unit: &str| UserInput {
            username: username.into(),
            display_name: name.into(),
            role,
            unit_code: unit.into(),
            language: Language::Vi,
            email: format!("{username}@example.vn"),
        };
        let mut users = Vec::new();
        for input in [
            person("canbo.syt", "Nguyễn Văn An", Role::Editor, "SYT"),
            person("lanhdao.syt", "Trần Thị Bình", Role::Leader, "SYT"),
            person("thamdinh", "Lê Văn Cường", Role::Reviewer, "SKHCN"),
        ] {
            let user = store
                .create_user(&input, crate::helpers::password_hash(), false, &system)
                .await
                .expect("user");
            users.push(user);
        }
        let [editor, leader, reviewer]: [User; 3] = users.try_into().expect("three users");
        let round = store
            .create_round(
                &RoundInput {
                    code: "KH-2026-2030".into(),
                    title: "Kế hoạch chuyển đổi số giai đoạn 2026-2030".into(),
                    framework_code: framework.code.clone(),
                    kind: PlanKind::FiveYear,
                    period_start: 2026,
                    period_end: 2030,
                    evaluation: Some((2021, 2025)),
                    cutoff_date: day(2026, 1, 15),
                    deadline: day(2026, 6, 30),
                    units: vec!["SYT".into()],
                },
                &system,
            )
            .await
            .expect("round");
        let plans = store.round_plans(round.id).await.expect("plans");
        assert_eq!(plans.len(), 1, "one unit takes part");
        let nodes = store
            .framework_nodes(round.framework_id)
            .await
            .expect("outline");
        let section = nodes
            .iter()
            .find(|n| n.takes_text() && !n.optional)
            .expect("a text section")
            .key
            .clone();
        let table = nodes.iter().find_map(|n| n.table.clone()).expect("a table");
        Province {
            plan: plans[0].plan.id,
            round: round.id,
            store,
            now,
            editor,
            leader,
            reviewer,
            section,
            table,
        }
    }

    /// Takes `step` from `from` to `to` as `user`, keeping the revision `snapshot` makes of
    /// the content: the revision's number, or why the step did not happen.
    pub async fn step(
        &self,
        user: &User,
        (step, from, to): (Step, PlanStatus, PlanStatus),
        snapshot: impl FnOnce(&PlanContent) -> String,
    ) -> Result<Option<i32>, StepRefused<()>> {
        let change = StepChange {
            step,
            from,
            to,
            message: "Ý kiến kèm theo bước.",
            open_sections: &[],
        };
        self.store
            .take_step(self.plan, &change, &self.as_user(user), |c| {
                Ok::<_, ()>(snapshot(c))
            })
            .await
            .expect("the step is written or refused, never a database error")
    }

    /// The audit context of `user` acting now.
    pub fn as_user(&self, user: &User) -> AuditCtx {
        AuditCtx {
            at: self.now,
            actor_user_id: Some(user.id),
            actor_name: user.username.clone(),
        }
    }
}
