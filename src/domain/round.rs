//! Planning rounds and the plans in them. A round puts a framework to a set of units for one
//! period; each participating unit gets one plan.

use super::framework::PlanKind;
use super::ids::{FrameworkId, OrgUnitId, PlanId, RoundId};
use super::text::parse_date;
use super::validation::{required_text, FieldErrors};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub id: RoundId,
    pub code: String,
    pub title: String,
    pub framework_id: FrameworkId,
    pub kind: PlanKind,
    pub period_start: i32,
    pub period_end: i32,
    pub evaluation: Option<(i32, i32)>,
    pub cutoff_date: NaiveDate,
    pub deadline: NaiveDate,
}

impl Round {
    /// The day the round's plans read catalogs on: the first day of its period, or the
    /// cut-off date when that is later. A 2026–2030 plan written in 2025 picks from the task
    /// groups and funding sources of 2026–2030, not from those that end with 2025.
    pub fn catalog_date(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.period_start, 1, 1)
            .map_or(self.cutoff_date, |start| start.max(self.cutoff_date))
    }

    /// The years of the period, in order.
    pub fn years(&self) -> Vec<i32> {
        (self.period_start..=self.period_end).collect()
    }

    /// `2026–2030`, or `2027` for one year.
    pub fn period(&self) -> String {
        if self.period_start == self.period_end {
            self.period_start.to_string()
        } else {
            format!("{}–{}", self.period_start, self.period_end)
        }
    }
}

/// The life of a plan (DESIGN §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanStatus {
    Draft,
    Submitted,
    Returned,
    Approved,
}

impl PlanStatus {
    /// Days from `today` to the plan's `deadline` (negative: days late) while the agency still
    /// has to submit; `None` once it has (a submitted or approved plan is never late).
    pub fn days_to_deadline(self, deadline: NaiveDate, today: NaiveDate) -> Option<i64> {
        matches!(self, Self::Draft | Self::Returned).then(|| (deadline - today).num_days())
    }

    pub const ALL: [PlanStatus; 4] = [Self::Draft, Self::Submitted, Self::Returned, Self::Approved];

    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Returned => "returned",
            Self::Approved => "approved",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Draft => "plan_status.draft",
            Self::Submitted => "plan_status.submitted",
            Self::Returned => "plan_status.returned",
            Self::Approved => "plan_status.approved",
        }
    }

    /// The agency may change its plan only while it is a draft or has been returned.
    pub fn is_editable(self) -> bool {
        matches!(self, Self::Draft | Self::Returned)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub id: PlanId,
    pub round_id: RoundId,
    pub org_unit_id: OrgUnitId,
    pub status: PlanStatus,
    pub updated_at: DateTime<Utc>,
    /// The sections a partial return reopened; empty: the whole plan is open to its agency.
    pub open_sections: Vec<String>,
    /// The plan's own deadline, where an admin extended its round's for it.
    pub deadline: Option<NaiveDate>,
}

/// What an admin typed to open a round.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RoundForm {
    pub code: String,
    pub title: String,
    pub framework: String,
    pub kind: String,
    pub period_start: String,
    pub period_end: String,
    pub evaluation_start: String,
    pub evaluation_end: String,
    pub cutoff_date: String,
    pub deadline: String,
    /// Codes of the participating units, and/or `kind:department` style groups.
    pub units: Vec<String>,
}

/// A validated round; the framework is still a code and the units still codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundInput {
    pub code: String,
    pub title: String,
    pub framework_code: String,
    pub kind: PlanKind,
    pub period_start: i32,
    pub period_end: i32,
    pub evaluation: Option<(i32, i32)>,
    pub cutoff_date: NaiveDate,
    pub deadline: NaiveDate,
    pub units: Vec<String>,
}

fn year(errors: &mut FieldErrors, field: &'static str, value: &str, required: bool) -> Option<i32> {
    let value = value.trim();
    if value.is_empty() {
        if required {
            errors.add(field, "err.required");
        }
        return None;
    }
    let year = crate::domain::text::parse_plan_year(value);
    if year.is_none() {
        errors.add(field, "err.year");
    }
    year
}

fn date(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        errors.add(field, "err.required");
        return None;
    }
    let parsed = parse_date(value);
    if parsed.is_none() {
        errors.add(field, "err.date");
    }
    parsed
}

impl TryFrom<&RoundForm> for RoundInput {
    type Error = FieldErrors;

    fn try_from(form: &RoundForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let code = super::org_unit::parse_code(&mut errors, "code", &form.code);
        let title = required_text(&mut errors, "title", &form.title, 300);
        let framework_code = required_text(&mut errors, "framework", &form.framework, 64);
        let kind = PlanKind::from_code(&form.kind);
        if kind.is_none() {
            errors.add("kind", "err.choose_plan_kind");
        }
        let start = year(&mut errors, "period_start", &form.period_start, true);
        let end = match kind {
            // An annual plan is for one year.
            Some(PlanKind::Annual) => start,
            _ => year(&mut errors, "period_end", &form.period_end, true),
        };
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                errors.add("period_end", "err.year_order");
            }
        }
        let eval_start = year(
            &mut errors,
            "evaluation_start",
            &form.evaluation_start,
            false,
        );
        let eval_end = year(&mut errors, "evaluation_end", &form.evaluation_end, false);
        let evaluation = match (eval_start, eval_end) {
            (Some(s), Some(e)) if e >= s => Some((s, e)),
            (Some(_), Some(_)) => {
                errors.add("evaluation_end", "err.year_order");
                None
            }
            (None, None) => None,
            _ => {
                errors.add("evaluation_end", "err.evaluation_both");
                None
            }
        };
        let cutoff_date = date(&mut errors, "cutoff_date", &form.cutoff_date);
        let deadline = date(&mut errors, "deadline", &form.deadline);
        let units: Vec<String> = form
            .units
            .iter()
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty())
            .collect();
        if units.is_empty() {
            errors.add("units", "err.choose_units");
        }
        match (kind, start, end, cutoff_date, deadline) {
            (
                Some(kind),
                Some(period_start),
                Some(period_end),
                Some(cutoff_date),
                Some(deadline),
            ) if errors.is_empty() => Ok(RoundInput {
                code,
                title,
                framework_code,
                kind,
                period_start,
                period_end,
                evaluation,
                cutoff_date,
                deadline,
                units,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RoundForm {
        RoundForm {
            code: "kh-2026-2030".into(),
            title: "Kế hoạch chuyển đổi số giai đoạn 2026-2030".into(),
            framework: "KHUNG-2026-2030".into(),
            kind: "five_year".into(),
            period_start: "2026".into(),
            period_end: "2030".into(),
            evaluation_start: "2021".into(),
            evaluation_end: "2025".into(),
            cutoff_date: "14/12/2025".into(),
            deadline: "2026-01-31".into(),
            units: vec!["SYT".into(), " ".into(), "kind:department".into()],
        }
    }

    #[test]
    fn a_round_form_becomes_an_input() {
        let input = RoundInput::try_from(&form()).expect("valid");
        assert_eq!(input.code, "KH-2026-2030");
        assert_eq!(
            (input.period_start, input.period_end, input.evaluation),
            (2026, 2030, Some((2021, 2025)))
        );
        assert_eq!(input.units, ["SYT", "kind:department"]);
    }

    #[test]
    fn an_annual_round_is_one_year() {
        let annual = RoundForm {
            kind: "annual".into(),
            period_start: "2027".into(),
            period_end: "2099".into(),
            ..form()
        };
        let input = RoundInput::try_from(&annual).expect("valid");
        assert_eq!((input.period_start, input.period_end), (2027, 2027));
    }

    #[test]
    fn bad_years_dates_and_empty_unit_lists_are_refused() {
        let bad = RoundForm {
            period_start: "2030".into(),
            period_end: "2026".into(),
            evaluation_start: "2021".into(),
            evaluation_end: String::new(),
            cutoff_date: "hôm nay".into(),
            deadline: String::new(),
            units: vec![],
            kind: "monthly".into(),
            ..form()
        };
        let errors = RoundInput::try_from(&bad).expect_err("invalid");
        assert_eq!(
            errors.get("kind").map(|e| e.key),
            Some("err.choose_plan_kind")
        );
        assert_eq!(
            errors.get("evaluation_end").map(|e| e.key),
            Some("err.evaluation_both")
        );
        assert_eq!(errors.get("cutoff_date").map(|e| e.key), Some("err.date"));
        assert_eq!(errors.get("deadline").map(|e| e.key), Some("err.required"));
        assert_eq!(errors.get("units").map(|e| e.key), Some("err.choose_units"));
        let reversed = RoundForm {
            period_start: "2030".into(),
            period_end: "2026".into(),
            ..form()
        };
        assert_eq!(
            RoundInput::try_from(&reversed)
                .expect_err("invalid")
                .get("period_end")
                .map(|e| e.key),
            Some("err.year_order")
        );
    }
}

/// What a plan holds for one narrative node of its framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionContent {
    pub node_key: String,
    /// Cleaned HTML (see `rich_text`).
    pub body_html: String,
    pub not_applicable: bool,
    pub not_applicable_reason: String,
    /// Grows by one with every save; a save names the version it started from.
    pub version: i32,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<String>,
}

impl SectionContent {
    /// The text as a page shows it: cleaned once more on the way out, so that text written
    /// around the product (an older version, the database by hand) never comes back live.
    pub fn shown_html(&self) -> String {
        crate::domain::rich_text::clean(&self.body_html)
    }

    /// A section never saved: what a conflict shows when the other side has nothing.
    pub fn empty(node_key: &str, at: DateTime<Utc>) -> Self {
        Self {
            node_key: node_key.to_string(),
            body_html: String::new(),
            not_applicable: false,
            not_applicable_reason: String::new(),
            version: 0,
            updated_at: at,
            updated_by: None,
        }
    }

    pub fn is_filled(&self) -> bool {
        self.not_applicable || !self.body_html.is_empty()
    }
}

/// A section's new content, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionInput {
    pub body_html: String,
    pub not_applicable: bool,
    pub not_applicable_reason: String,
}

pub const REASON_MAX: usize = 1000;

/// A section's form as sent: the text, the version the editor started from, and whether the
/// section does not apply (a checkbox: any value is ticked) with the reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct SectionForm {
    pub body: String,
    pub base_version: i32,
    pub not_applicable: String,
    pub reason: String,
}

impl SectionForm {
    pub fn not_applicable(&self) -> bool {
        !self.not_applicable.is_empty()
    }
}

impl TryFrom<&SectionForm> for SectionInput {
    type Error = FieldErrors;

    fn try_from(form: &SectionForm) -> Result<Self, FieldErrors> {
        SectionInput::parse(&form.body, form.not_applicable(), &form.reason)
    }
}

impl SectionInput {
    /// Cleans the HTML and checks the "not applicable" reason.
    pub fn parse(body_html: &str, not_applicable: bool, reason: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let body_html = super::rich_text::clean(body_html);
        if body_html.len() > super::rich_text::MAX_BYTES {
            errors.add_with(
                "body",
                "err.section_too_long",
                (super::rich_text::MAX_BYTES / 1000).to_string(),
            );
        }
        let reason = if not_applicable {
            required_text(&mut errors, "reason", reason, REASON_MAX)
        } else {
            String::new()
        };
        errors.into_result(|| SectionInput {
            body_html,
            not_applicable,
            not_applicable_reason: reason,
        })
    }
}

#[cfg(test)]
mod section_tests {
    use super::*;

    #[test]
    fn not_applicable_needs_a_reason() {
        let errors = SectionInput::parse("", true, "  ").expect_err("no reason");
        assert_eq!(errors.get("reason").map(|e| e.key), Some("err.required"));
        let ok = SectionInput::parse("<p>x</p>", true, "Đơn vị không có hệ thống cấp độ 3")
            .expect("reason given");
        assert!(ok.not_applicable);
    }

    #[test]
    fn the_body_is_cleaned() {
        let ok = SectionInput::parse(
            "<p>Đã <b>triển khai</b><script>x</script></p>",
            false,
            "ignored",
        )
        .expect("valid");
        assert_eq!(ok.body_html, "<p>Đã <b>triển khai</b></p>");
        assert_eq!(ok.not_applicable_reason, "");
    }
}

/// The facts an official document of the plan needs (Decree 30/2020): number and symbol,
/// place and date, the signer, the recipients.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanMeta {
    /// The number alone, e.g. `05`; the symbol (`KH-SYT`) comes from the unit.
    pub doc_number: String,
    pub doc_place: String,
    pub doc_date: Option<NaiveDate>,
    /// `KT. GIÁM ĐỐC`, `TM. ỦY BAN NHÂN DÂN`, …
    pub signer_authority: String,
    /// `PHÓ GIÁM ĐỐC`, `CHỦ TỊCH`, …
    pub signer_title: String,
    pub signer_name: String,
    /// One recipient a line, as under `Nơi nhận:`.
    pub recipients: String,
}

/// The type abbreviation of a plan in document symbols (`KH` in `05/KH-SYT`).
pub const PLAN_TYPE: &str = "KH";

impl PlanMeta {
    /// The document's number and symbol, `05/KH-SYT` (numbers below 10 take a leading zero);
    /// `blank` stands for a number not given yet (`…` on screen, spaces to write it in on paper).
    pub fn symbol(&self, abbreviation: &str, blank: &str) -> String {
        let number = if self.doc_number.is_empty() {
            blank.to_string()
        } else {
            format!("{:0>2}", self.doc_number)
        };
        format!("{number}/{PLAN_TYPE}-{abbreviation}")
    }
}

/// What the user typed for the document facts, with the version it started from.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PlanMetaForm {
    pub doc_number: String,
    pub doc_place: String,
    pub doc_date: String,
    pub signer_authority: String,
    pub signer_title: String,
    pub signer_name: String,
    pub recipients: String,
    pub base_version: i32,
}

impl TryFrom<&PlanMetaForm> for PlanMeta {
    type Error = FieldErrors;

    fn try_from(form: &PlanMetaForm) -> Result<Self, FieldErrors> {
        use super::validation::optional_text;
        let mut errors = FieldErrors::new();
        let doc_number =
            optional_text(&mut errors, "doc_number", &form.doc_number, 20).unwrap_or_default();
        if !doc_number.chars().all(|c| c.is_ascii_digit()) {
            errors.add("doc_number", "err.doc_number");
        }
        let doc_place =
            optional_text(&mut errors, "doc_place", &form.doc_place, 100).unwrap_or_default();
        let doc_date = if form.doc_date.trim().is_empty() {
            None
        } else {
            let parsed = parse_date(&form.doc_date);
            if parsed.is_none() {
                errors.add("doc_date", "err.date");
            }
            parsed
        };
        let signer_authority =
            optional_text(&mut errors, "signer_authority", &form.signer_authority, 100)
                .unwrap_or_default()
                .to_uppercase();
        let signer_title = optional_text(&mut errors, "signer_title", &form.signer_title, 100)
            .unwrap_or_default()
            .to_uppercase();
        let signer_name =
            optional_text(&mut errors, "signer_name", &form.signer_name, 100).unwrap_or_default();
        let recipients =
            super::validation::long_text(&mut errors, "recipients", &form.recipients, 2000);
        errors.into_result(|| PlanMeta {
            doc_number,
            doc_place,
            doc_date,
            signer_authority,
            signer_title,
            signer_name,
            recipients,
        })
    }
}

#[cfg(test)]
mod meta_tests {
    use super::*;

    #[test]
    fn document_facts_are_checked_and_titles_upper_cased() {
        let form = PlanMetaForm {
            doc_number: "05".into(),
            doc_place: "Quảng Ngãi".into(),
            doc_date: "05/01/2026".into(),
            signer_authority: "kt. giám đốc".into(),
            signer_title: "phó giám đốc".into(),
            signer_name: "Nguyễn Văn A".into(),
            recipients: "- Sở KH&CN;\r\n- Lưu: VT, KHTC.".into(),
            base_version: 1,
        };
        let meta = PlanMeta::try_from(&form).expect("valid");
        assert_eq!(meta.symbol("SYT", "…"), "05/KH-SYT");
        let five = PlanMeta {
            doc_number: "5".into(),
            ..meta.clone()
        };
        assert_eq!(five.symbol("SYT", "…"), "05/KH-SYT");
        assert_eq!(PlanMeta::default().symbol("SYT", "…"), "…/KH-SYT");
        assert_eq!(meta.signer_authority, "KT. GIÁM ĐỐC");
        assert_eq!(meta.recipients, "- Sở KH&CN;\n- Lưu: VT, KHTC.");
        let bad = PlanMetaForm {
            doc_number: "5/KH".into(),
            doc_date: "32/01/2026".into(),
            ..form
        };
        let errors = PlanMeta::try_from(&bad).expect_err("invalid");
        assert_eq!(
            errors.get("doc_number").map(|e| e.key),
            Some("err.doc_number")
        );
        assert_eq!(errors.get("doc_date").map(|e| e.key), Some("err.date"));
    }
}
