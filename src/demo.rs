//! The demo province: Quảng Ngãi as the 2020 framework knew it (its departments, boards and the
//! districts and towns of 2020), then the 2025 reorganisation as lineage: the departments merged
//! on 01/03/2025 (Sở TTTT into Sở KH&CN, …), Kon Tum merged into Quảng Ngãi and the district
//! level closed on 01/07/2025, with a handful of the new communes and wards. One user per role,
//! each with a random password printed once.

use crate::db::{AuditCtx, DbError, ImportMode, Store, UnitWriteError};
use crate::domain::framework::PlanKind;
use crate::domain::org_unit::{Closure, DocumentNames, OrgUnitInput, OrgUnitKind};
use crate::domain::password;
use crate::domain::round::{RoundInput, SectionInput};
use crate::domain::user::{Language, Role, UserInput};
use chrono::{DateTime, NaiveDate, Utc};

/// A demo login to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub role: Role,
    pub username: String,
    pub password: String,
    pub unit_name: String,
}

const PROVINCE_LINE: &str = "UBND TỈNH QUẢNG NGÃI";
const PLACE: &str = "Quảng Ngãi";

/// (code, name, issuer line, abbreviation, valid from)
const DEPARTMENTS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "VPUBND",
        "Văn phòng UBND tỉnh",
        "VĂN PHÒNG",
        "VPUB",
        "1989-07-01",
    ),
    (
        "STTTT",
        "Sở Thông tin và Truyền thông",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "STTTT",
        "2008-04-01",
    ),
    (
        "SKHCN",
        "Sở Khoa học và Công nghệ",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "SKHCN",
        "1989-07-01",
    ),
    ("SNV", "Sở Nội vụ", "SỞ NỘI VỤ", "SNV", "1989-07-01"),
    ("STP", "Sở Tư pháp", "SỞ TƯ PHÁP", "STP", "1989-07-01"),
    (
        "SKHDT",
        "Sở Kế hoạch và Đầu tư",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
        "SKHĐT",
        "1989-07-01",
    ),
    ("STC", "Sở Tài chính", "SỞ TÀI CHÍNH", "STC", "1989-07-01"),
    (
        "SCT",
        "Sở Công Thương",
        "SỞ CÔNG THƯƠNG",
        "SCT",
        "2008-04-01",
    ),
    (
        "SNNPTNT",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
        "SNNPTNT",
        "1989-07-01",
    ),
    (
        "STNMT",
        "Sở Tài nguyên và Môi trường",
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "STNMT",
        "2003-07-01",
    ),
    (
        "SGTVT",
        "Sở Giao thông vận tải",
        "SỞ GIAO THÔNG VẬN TẢI",
        "SGTVT",
        "1989-07-01",
    ),
    ("SXD", "Sở Xây dựng", "SỞ XÂY DỰNG", "SXD", "1989-07-01"),
    (
        "SLDTBXH",
        "Sở Lao động - Thương binh và Xã hội",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "SLĐTBXH",
        "1989-07-01",
    ),
    (
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "SVHTTDL",
        "2008-04-01",
    ),
    (
        "SGDDT",
        "Sở Giáo dục và Đào tạo",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "SGDĐT",
        "1989-07-01",
    ),
    ("SYT", "Sở Y tế", "SỞ Y TẾ", "SYT", "1989-07-01"),
    ("SNGV", "Sở Ngoại vụ", "SỞ NGOẠI VỤ", "SNgV", "2008-04-01"),
    (
        "TTRA",
        "Thanh tra tỉnh",
        "THANH TRA TỈNH",
        "TTr",
        "1989-07-01",
    ),
    (
        "BDT",
        "Ban Dân tộc tỉnh",
        "BAN DÂN TỘC",
        "BDT",
        "1989-07-01",
    ),
    (
        "BQLKKT",
        "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi",
        "BAN QUẢN LÝ KHU KINH TẾ DUNG QUẤT VÀ CÁC KHU CÔNG NGHIỆP QUẢNG NGÃI",
        "BQL",
        "2010-01-01",
    ),
    (
        "SNNMT",
        "Sở Nông nghiệp và Môi trường",
        "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "SNNMT",
        "2025-03-01",
    ),
    (
        "SDTTG",
        "Sở Dân tộc và Tôn giáo",
        "SỞ DÂN TỘC VÀ TÔN GIÁO",
        "SDTTG",
        "2025-03-01",
    ),
];

/// Agencies of the central level in the province that the framework names (kind "other").
const OTHERS: &[(&str, &str, &str, &str)] = &[
    ("CAT", "Công an tỉnh", "CÔNG AN TỈNH QUẢNG NGÃI", "CAT"),
    (
        "BHXH",
        "Bảo hiểm xã hội tỉnh",
        "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI",
        "BHXH",
    ),
];

/// The district-level units of 2020: (code, name, issuer line, place).
const DISTRICTS: &[(&str, &str, &str, &str)] = &[
    (
        "TPQN",
        "Thành phố Quảng Ngãi",
        "ỦY BAN NHÂN DÂN THÀNH PHỐ QUẢNG NGÃI",
        "Quảng Ngãi",
    ),
    (
        "TXDP",
        "Thị xã Đức Phổ",
        "ỦY BAN NHÂN DÂN THỊ XÃ ĐỨC PHỔ",
        "Đức Phổ",
    ),
    (
        "HBS",
        "Huyện Bình Sơn",
        "ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN",
        "Bình Sơn",
    ),
    (
        "HSTI",
        "Huyện Sơn Tịnh",
        "ỦY BAN NHÂN DÂN HUYỆN SƠN TỊNH",
        "Sơn Tịnh",
    ),
    (
        "HTNG",
        "Huyện Tư Nghĩa",
        "ỦY BAN NHÂN DÂN HUYỆN TƯ NGHĨA",
        "Tư Nghĩa",
    ),
    (
        "HNH",
        "Huyện Nghĩa Hành",
        "ỦY BAN NHÂN DÂN HUYỆN NGHĨA HÀNH",
        "Nghĩa Hành",
    ),
    (
        "HMD",
        "Huyện Mộ Đức",
        "ỦY BAN NHÂN DÂN HUYỆN MỘ ĐỨC",
        "Mộ Đức",
    ),
    ("HBT", "Huyện Ba Tơ", "ỦY BAN NHÂN DÂN HUYỆN BA TƠ", "Ba Tơ"),
    (
        "HML",
        "Huyện Minh Long",
        "ỦY BAN NHÂN DÂN HUYỆN MINH LONG",
        "Minh Long",
    ),
    (
        "HSH",
        "Huyện Sơn Hà",
        "ỦY BAN NHÂN DÂN HUYỆN SƠN HÀ",
        "Sơn Hà",
    ),
    (
        "HSTA",
        "Huyện Sơn Tây",
        "ỦY BAN NHÂN DÂN HUYỆN SƠN TÂY",
        "Sơn Tây",
    ),
    (
        "HTB",
        "Huyện Trà Bồng",
        "ỦY BAN NHÂN DÂN HUYỆN TRÀ BỒNG",
        "Trà Bồng",
    ),
    (
        "HLS",
        "Huyện Lý Sơn",
        "ỦY BAN NHÂN DÂN HUYỆN LÝ SƠN",
        "Lý Sơn",
    ),
];

/// Communes, wards and the special zone formed on 01/07/2025: (code, name, issuer line, place).
const COMMUNES: &[(&str, &str, &str, &str)] = &[
    (
        "PCTHANH",
        "Phường Cẩm Thành",
        "ỦY BAN NHÂN DÂN PHƯỜNG CẨM THÀNH",
        "Cẩm Thành",
    ),
    (
        "PNLO",
        "Phường Nghĩa Lộ",
        "ỦY BAN NHÂN DÂN PHƯỜNG NGHĨA LỘ",
        "Nghĩa Lộ",
    ),
    (
        "PTQT",
        "Phường Trương Quang Trọng",
        "ỦY BAN NHÂN DÂN PHƯỜNG TRƯƠNG QUANG TRỌNG",
        "Trương Quang Trọng",
    ),
    (
        "PDPHO",
        "Phường Đức Phổ",
        "ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC PHỔ",
        "Đức Phổ",
    ),
    (
        "XBSON",
        "Xã Bình Sơn",
        "ỦY BAN NHÂN DÂN XÃ BÌNH SƠN",
        "Bình Sơn",
    ),
    (
        "DKLS",
        "Đặc khu Lý Sơn",
        "ỦY BAN NHÂN DÂN ĐẶC KHU LÝ SƠN",
        "Lý Sơn",
    ),
    (
        "PKTUM",
        "Phường Kon Tum",
        "ỦY BAN NHÂN DÂN PHƯỜNG KON TUM",
        "Kon Tum",
    ),
];

/// The 2025 lineage: (unit, successor or empty for a plain closure, effective date).
const CHANGES: &[(&str, &str, &str)] = &[
    ("STTTT", "SKHCN", "2025-03-01"),
    ("SKHDT", "STC", "2025-03-01"),
    ("SGTVT", "SXD", "2025-03-01"),
    ("SLDTBXH", "SNV", "2025-03-01"),
    ("SNNPTNT", "SNNMT", "2025-03-01"),
    ("STNMT", "SNNMT", "2025-03-01"),
    ("BDT", "SDTTG", "2025-03-01"),
    ("SNGV", "VPUBND", "2025-03-01"),
    ("KTM", "QNG", "2025-07-01"),
    ("TPQN", "", "2025-07-01"),
    ("TXDP", "", "2025-07-01"),
    ("HBS", "", "2025-07-01"),
    ("HSTI", "", "2025-07-01"),
    ("HTNG", "", "2025-07-01"),
    ("HNH", "", "2025-07-01"),
    ("HMD", "", "2025-07-01"),
    ("HBT", "", "2025-07-01"),
    ("HML", "", "2025-07-01"),
    ("HSH", "", "2025-07-01"),
    ("HSTA", "", "2025-07-01"),
    ("HTB", "", "2025-07-01"),
    ("HLS", "DKLS", "2025-07-01"),
];

/// One user per role (two editors, in different agencies, to show that each sees only its own):
/// (role, username, full name, unit code).
pub const USERS: &[(Role, &str, &str, &str)] = &[
    (Role::Admin, "quantri.skhcn", "Nguyễn Văn An", "SKHCN"),
    (Role::Reviewer, "thamdinh.skhcn", "Trần Thị Bích", "SKHCN"),
    (Role::Editor, "canbo.syt", "Lê Minh Cường", "SYT"),
    (Role::Leader, "lanhdao.syt", "Phạm Thị Dung", "SYT"),
    (Role::Viewer, "lanhdao.ubnd", "Võ Quốc Hùng", "QNG"),
    (Role::Editor, "canbo.stc", "Đặng Thu Hà", "STC"),
    (Role::Leader, "lanhdao.snv", "Hoàng Văn Phúc", "SNV"),
];

fn date(text: &str) -> NaiveDate {
    crate::domain::text::parse_date(text).unwrap_or_default()
}

fn unit(
    code: &str,
    name: &str,
    kind: OrgUnitKind,
    parent: Option<&str>,
    from: &str,
    doc: DocumentNames,
) -> OrgUnitInput {
    OrgUnitInput {
        code: code.to_string(),
        name: name.to_string(),
        kind,
        parent_code: parent.map(str::to_string),
        valid_from: date(from),
        valid_to: None,
        doc,
    }
}

fn doc(parent_line: &str, issuer_line: &str, abbreviation: &str, place: &str) -> DocumentNames {
    DocumentNames {
        parent_line: parent_line.to_string(),
        issuer_line: issuer_line.to_string(),
        abbreviation: abbreviation.to_string(),
        place_name: place.to_string(),
    }
}

/// Every demo unit, parents before children.
pub fn units() -> Vec<OrgUnitInput> {
    let mut all = vec![
        unit(
            "QNG",
            "Tỉnh Quảng Ngãi",
            OrgUnitKind::Province,
            None,
            "1989-07-01",
            doc("", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "UBND", PLACE),
        ),
        unit(
            "KTM",
            "Tỉnh Kon Tum",
            OrgUnitKind::Province,
            None,
            "1991-08-12",
            doc("", "ỦY BAN NHÂN DÂN TỈNH KON TUM", "UBND", "Kon Tum"),
        ),
    ];
    all.extend(DEPARTMENTS.iter().map(|(code, name, issuer, abbr, from)| {
        unit(
            code,
            name,
            OrgUnitKind::Department,
            Some("QNG"),
            from,
            doc(PROVINCE_LINE, issuer, abbr, PLACE),
        )
    }));
    all.extend(OTHERS.iter().map(|(code, name, issuer, abbr)| {
        unit(
            code,
            name,
            OrgUnitKind::Other,
            Some("QNG"),
            "1989-07-01",
            doc("", issuer, abbr, PLACE),
        )
    }));
    all.extend(DISTRICTS.iter().map(|(code, name, issuer, place)| {
        unit(
            code,
            name,
            OrgUnitKind::District,
            Some("QNG"),
            "1989-07-01",
            doc(PROVINCE_LINE, issuer, "UBND", place),
        )
    }));
    all.extend(COMMUNES.iter().map(|(code, name, issuer, place)| {
        unit(
            code,
            name,
            OrgUnitKind::Commune,
            Some("QNG"),
            "2025-07-01",
            doc(PROVINCE_LINE, issuer, "UBND", place),
        )
    }));
    all
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the demo's own data was refused: {0}")]
    Data(String),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("password hashing failed: {0}")]
    Hash(String),
}

/// Loads the demo units and lineage (by code: existing units are updated) and creates the demo
/// users, or gives existing demo users new passwords. Returns the logins to print once.
pub async fn load(store: &Store, now: DateTime<Utc>) -> Result<Vec<DemoLogin>, DemoError> {
    let ctx = AuditCtx {
        at: now,
        actor_user_id: None,
        actor_name: "demo".to_string(),
    };
    store
        .import_units(&units(), &ctx, ImportMode::AllOrNothing)
        .await
        .map_err(|e| match e {
            UnitWriteError::Rows(rows) => DemoError::Data(format!("{rows:?}")),
            UnitWriteError::Db(e) => DemoError::Db(e),
        })?;
    for (code, successor, effective) in CHANGES {
        let unit = store.unit_by_code(code).await?.ok_or(DbError::NotFound)?;
        if unit.is_closed() {
            continue;
        }
        let closure = if successor.is_empty() {
            Closure::Close
        } else {
            let s = store
                .unit_by_code(successor)
                .await?
                .ok_or(DbError::NotFound)?;
            Closure::MergeInto(s.id)
        };
        store
            .close_unit(unit.id, closure, date(effective), &ctx)
            .await?;
    }
    let mut logins = Vec::new();
    for (role, username, name, unit_code) in USERS {
        let secret = password::generate();
        let hash = password::hash(&secret).map_err(|e| DemoError::Hash(e.to_string()))?;
        match store.user_credentials(username).await? {
            Some((existing, _)) => store.set_password(existing.id, &hash, false, &ctx).await?,
            None => {
                let input = UserInput {
                    username: username.to_string(),
                    display_name: name.to_string(),
                    role: *role,
                    unit_code: unit_code.to_string(),
                    language: Language::Vi,
                    email: String::new(),
                };
                store.create_user(&input, &hash, false, &ctx).await?;
            }
        }
        let unit_name = store
            .unit_by_code(unit_code)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        logins.push(DemoLogin {
            role: *role,
            username: username.to_string(),
            password: secret,
            unit_name,
        });
    }
    load_rounds(store, &ctx).await?;
    store
        .record_audit(&ctx.event(
            "demo.load",
            "system",
            "demo",
            "Quảng Ngãi",
            String::new(),
            format!("units={}", units().len()),
        ))
        .await?;
    Ok(logins)
}

/// The demo plan texts: the Department of Health's whole 2021–2025 plan, and a few sections
/// of other agencies' plans.
const FULL_PLAN: &str = include_str!("../demo/ke-hoach-syt-2021-2025.toml");
/// The Department of Health's typed tables for 2021–2025.
const TABLES: &str = include_str!("../demo/bang-syt-2021-2025.toml");

/// Sở Tài chính's and Sở Nội vụ's whole plans for 2021–2025.
const MORE_PLANS: &str = include_str!("../demo/ke-hoach-them-2021-2025.toml");

const PARTIAL_PLANS: &str = include_str!("../demo/ke-hoach-partial.toml");

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

const ROUNDS: &[DemoRound] = &[
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

/// Opens the demo rounds (once) and writes the demo plan texts into the first one.
async fn load_rounds(store: &Store, ctx: &AuditCtx) -> Result<(), DemoError> {
    for (code, title, framework, kind, period, evaluation, cutoff, deadline, units) in ROUNDS {
        if store.round_by_code(code).await?.is_some() {
            continue;
        }
        let input = RoundInput {
            code: code.to_string(),
            title: title.to_string(),
            framework_code: framework.to_string(),
            kind: *kind,
            period_start: period.0,
            period_end: period.1,
            evaluation: *evaluation,
            cutoff_date: date(cutoff),
            deadline: date(deadline),
            units: units.iter().map(|u| u.to_string()).collect(),
        };
        let round = store.create_round(&input, ctx).await?;
        if *code != "KH-2021-2025" {
            continue;
        }
        let full: FullPlanFile =
            toml::from_str(FULL_PLAN).map_err(|e| DemoError::Data(e.to_string()))?;
        let partial: PartialPlansFile =
            toml::from_str(PARTIAL_PLANS).map_err(|e| DemoError::Data(e.to_string()))?;
        let plans = store.round_plans(round.id).await?;
        let mut texts = vec![DemoPlan {
            unit: "SYT".into(),
            section: full.section,
        }];
        let more: PartialPlansFile =
            toml::from_str(MORE_PLANS).map_err(|e| DemoError::Data(e.to_string()))?;
        // Units written whole in the second file are taken from it, not from the partial one.
        let whole: Vec<String> = more.plan.iter().map(|p| p.unit.clone()).collect();
        texts.extend(more.plan);
        texts.extend(
            partial
                .plan
                .into_iter()
                .filter(|p| !whole.contains(&p.unit)),
        );
        if let Some(syt) = plans.iter().find(|p| p.unit_code == "SYT") {
            load_tables(store, syt.plan.id, &round, TABLES, ctx).await?;
            let meta = crate::domain::round::PlanMeta::try_from(&full.document)
                .map_err(|e| DemoError::Data(format!("SYT document: {e:?}")))?;
            let (_, version) = store.plan_meta(syt.plan.id).await?;
            store
                .save_plan_meta(syt.plan.id, version, &meta, ctx)
                .await?
                .map_err(|_| DemoError::Data("SYT document: changed meanwhile".into()))?;
        }
        for demo_plan in &texts {
            let Some(plan) = plans.iter().find(|p| p.unit_code == demo_plan.unit) else {
                return Err(DemoError::Data(format!(
                    "no demo plan for {}",
                    demo_plan.unit
                )));
            };
            for section in &demo_plan.section {
                let input = SectionInput::parse(
                    &section.html,
                    !section.not_applicable.is_empty(),
                    &section.not_applicable,
                )
                .map_err(|e| {
                    DemoError::Data(format!("{} {}: {e:?}", demo_plan.unit, section.key))
                })?;
                store
                    .save_section(plan.plan.id, &section.key, 0, &input, ctx)
                    .await
                    .map_err(|e| {
                        DemoError::Data(format!("{} {}: {e}", demo_plan.unit, section.key))
                    })?;
            }
        }
        review_loop(store, &round, ctx.at).await?;
    }
    Ok(())
}

/// Takes the demo round half-way through its review: Sở Y tế's plan returned with comments,
/// Sở Tài chính's approved after a return, Sở Nội vụ's submitted and waiting; the others still
/// drafts. Every step goes through the same checks as a user's.
async fn review_loop(
    store: &Store,
    round: &crate::domain::round::Round,
    at: DateTime<Utc>,
) -> Result<(), DemoError> {
    use crate::domain::review::Step;
    let nodes: Vec<_> = store
        .framework_nodes(round.framework_id)
        .await?
        .into_iter()
        .filter(|n| n.applies(round.kind))
        .collect();
    let plans = store.round_plans(round.id).await?;
    let plan_of = |unit: &str| {
        plans
            .iter()
            .find(|p| p.unit_code == unit)
            .map(|p| p.plan.id)
            .ok_or_else(|| DemoError::Data(format!("no demo plan for {unit}")))
    };
    let demo = Demo {
        store,
        round,
        nodes: &nodes,
        at,
    };

    // Sở Y tế: submitted, returned with a comment on a section and one on a project's row;
    // its editors can take the comments in.
    let syt = plan_of("SYT")?;
    demo.step(syt, "lanhdao.syt", Step::Submit, "").await?;
    demo.comment(syt, "PL1.P1.VI.1", None, "Bổ sung tiến độ phê duyệt hồ sơ cấp độ của Hệ thống thông tin quản lý bệnh viện khu vực Đặng Thùy Trâm.").await?;
    let below = crate::checks::table_rows(store, syt, "tasks")
        .await?
        .into_iter()
        .find(|(_, r)| {
            r.text("name")
                .is_some_and(|n| n.starts_with("Nâng cấp hạ tầng mạng"))
        })
        .map(|(id, _)| id);
    if let (Some(row), Some(node)) = (
        below,
        crate::checks::table_node(&nodes, round.kind, "tasks"),
    ) {
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
    let stc = plan_of("STC")?;
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
    demo.step(plan_of("SNV")?, "lanhdao.snv", Step::Submit, "")
        .await?;
    Ok(())
}

/// What the demo's review steps share: the store, the round, its outline and the time.
struct Demo<'a> {
    store: &'a Store,
    round: &'a crate::domain::round::Round,
    nodes: &'a [crate::domain::framework::FrameworkNode],
    at: DateTime<Utc>,
}

impl Demo<'_> {
    /// A demo user as the review acts in their name.
    async fn as_user(
        &self,
        username: &str,
    ) -> Result<(crate::domain::authz::Actor, AuditCtx), DemoError> {
        let user = self
            .store
            .user_credentials(username)
            .await?
            .ok_or_else(|| DemoError::Data(format!("no demo user {username}")))?
            .0;
        let actor = crate::domain::authz::Actor {
            user_id: user.id,
            role: user.role,
            org_unit_id: user.org_unit_id,
        };
        let ctx = AuditCtx {
            at: self.at,
            actor_user_id: Some(user.id),
            actor_name: user.display_name,
        };
        Ok((actor, ctx))
    }

    async fn step(
        &self,
        plan: crate::domain::ids::PlanId,
        who: &str,
        step: crate::domain::review::Step,
        message: &str,
    ) -> Result<(), DemoError> {
        let (actor, ctx) = self.as_user(who).await?;
        let plan = self.store.plan(plan).await?.ok_or(DbError::NotFound)?;
        let request = crate::review::StepRequest {
            step,
            message,
            only_commented: false,
        };
        crate::review::take_step(
            self.store, &plan, self.round, self.nodes, &actor, request, &ctx,
        )
        .await
        .map_err(|e| DemoError::Data(format!("{who} {}: {e}", step.code())))?;
        Ok(())
    }

    async fn comment(
        &self,
        plan: crate::domain::ids::PlanId,
        node_key: &str,
        row: Option<(&str, i64)>,
        body: &str,
    ) -> Result<(), DemoError> {
        let (_, ctx) = self.as_user("thamdinh.skhcn").await?;
        let at = crate::db::CommentAt {
            plan,
            node_key,
            row,
        };
        self.store.add_comment(&at, body, &ctx).await?;
        Ok(())
    }
}

/// Fills a plan's typed tables from a demo file: each row is read as the form would read it,
/// so demo data obeys every rule a user's data does.
async fn load_tables(
    store: &Store,
    plan: crate::domain::ids::PlanId,
    round: &crate::domain::round::Round,
    text: &str,
    ctx: &AuditCtx,
) -> Result<(), DemoError> {
    use crate::domain::tables::{parse_row, spec, RowContext, RowForm};
    let file: std::collections::BTreeMap<String, Vec<RowForm>> =
        toml::from_str(text).map_err(|e| DemoError::Data(e.to_string()))?;
    let context = RowContext {
        period: (round.period_start, round.period_end),
        today: ctx.at.date_naive(),
        allowed: crate::checks::catalog_codes(store, round).await?,
    };
    for (code, rows) in file {
        let spec = spec(&code).ok_or_else(|| DemoError::Data(format!("no table {code}")))?;
        for (i, form) in rows.iter().enumerate() {
            let row = parse_row(spec, form, &context)
                .map_err(|e| DemoError::Data(format!("{code} row {}: {e:?}", i + 1)))?;
            let data = serde_json::to_string(&row).map_err(|e| DemoError::Data(e.to_string()))?;
            store
                .insert_plan_row(plan, spec.code, &data, &row.title(spec), ctx)
                .await?;
        }
    }
    Ok(())
}

/// True when the demo users are already there.
pub async fn is_loaded(store: &Store) -> Result<bool, DbError> {
    Ok(store.user_credentials(USERS[0].1).await?.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org_unit::OrgUnitForm;

    #[test]
    fn every_demo_unit_passes_the_unit_rules() {
        for u in units() {
            let form = OrgUnitForm {
                code: u.code.clone(),
                name: u.name.clone(),
                kind: u.kind.code().into(),
                parent_code: u.parent_code.clone().unwrap_or_default(),
                valid_from: u.valid_from.to_string(),
                valid_to: String::new(),
                parent_line: u.doc.parent_line.clone(),
                issuer_line: u.doc.issuer_line.clone(),
                abbreviation: u.doc.abbreviation.clone(),
                place_name: u.doc.place_name.clone(),
            };
            assert_eq!(OrgUnitInput::try_from(&form), Ok(u.clone()), "{}", u.code);
        }
    }

    #[test]
    fn every_change_names_demo_units_and_every_user_an_open_unit() {
        let codes: Vec<String> = units().into_iter().map(|u| u.code).collect();
        for (code, successor, _) in CHANGES {
            assert!(codes.iter().any(|c| c == code), "{code}");
            assert!(
                successor.is_empty() || codes.iter().any(|c| c == successor),
                "{successor}"
            );
        }
        for (_, _, _, unit) in USERS {
            assert!(!CHANGES.iter().any(|(c, _, _)| c == unit), "{unit} closes");
        }
    }
}
