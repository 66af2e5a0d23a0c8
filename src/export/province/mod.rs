//! The province's consolidated plan: one `Document` issued by the coordinating department over
//! the round's approved plans — a short body saying which plans it gathers (and which it does
//! not yet), the summary tables as landscape appendices, then each unit's own appendices.

mod sheets;
mod summary;
mod tables;

pub use sheets::summary_sheets;
pub use summary::{summarize, IndicatorSummary, Summary, UnitShare, UnitTarget};

use super::columns::catalog_name;
use super::model::{
    date_line, period, punctuate, roman, Align, Appendix, Block, Closing, Document, Header, Level,
    Run, Title,
};
use super::plan::{plan_document, subject, PlanSource};
use super::words::money_in_words;
use crate::domain::catalog::CatalogEntry;
use crate::domain::org_unit::DocumentNames;
use crate::domain::round::Round;
use std::collections::BTreeMap;

/// Everything the consolidated plan is made from, already read from the store.
pub struct ProvinceSource {
    pub round: Round,
    /// The coordinating department as a sentence names it (`Sở Khoa học và Công nghệ`).
    pub department_name: String,
    /// Its header names: parent line, issuing body, abbreviation, place.
    pub department: DocumentNames,
    /// The province as a sentence names it (`tỉnh Quảng Ngãi`); empty when unknown.
    pub province_name: String,
    /// The approved plans, in the order of their units' codes.
    pub plans: Vec<UnitPlan>,
    /// The round's other plans, named in the body as not included.
    pub left_out: Vec<LeftOut>,
    /// Catalog wording by catalog and code on the round's catalog date.
    pub catalog_names: BTreeMap<(String, String), String>,
    /// The indicator catalog: the national targets plans cite.
    pub indicators: Vec<CatalogEntry>,
    /// The Vietnamese text of a message key (the column labels of the summary tables).
    pub text: fn(&str) -> &'static str,
    /// The year an undated draft carries in its date line.
    pub year: i32,
}

/// An approved plan and its unit's code.
pub struct UnitPlan {
    pub code: String,
    pub source: PlanSource,
}

/// A plan of the round that is not (yet) approved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub code: String,
    pub name: String,
    /// Its status as the document names it (`Trả lại để chỉnh sửa`).
    pub status: String,
}

impl ProvinceSource {
    fn catalog(&self, catalog: &str, code: &str) -> String {
        catalog_name(&self.catalog_names, catalog, code)
    }

    /// `GIAI ĐOẠN 2021 - 2025` or `NĂM 2027`.
    fn period_upper(&self) -> String {
        self.period().to_uppercase()
    }

    /// `giai đoạn 2021 - 2025` or `năm 2027`.
    fn period(&self) -> String {
        period(self.round.period_start, self.round.period_end)
    }

    /// `     /KH-SKHCN`: the number is written in on signing.
    fn symbol(&self) -> String {
        format!("     /KH-{}", self.department.abbreviation)
    }

    /// `(Kèm theo Kế hoạch số      /KH-SKHCN ngày      /     /2026 của Sở Khoa học và Công nghệ)`
    fn reference(&self) -> String {
        format!(
            "(Kèm theo Kế hoạch số {} ngày      /     /{} của {})",
            self.symbol(),
            self.year,
            self.department_name
        )
    }
}

/// The subject under `KẾ HOẠCH`: the round's subject for the province's agencies, with the
/// round's own period at its end — `Ứng dụng CNTT, … trong hoạt động của các cơ quan nhà nước
/// tỉnh Quảng Ngãi giai đoạn 2021 - 2025`.
fn province_subject(src: &ProvinceSource) -> String {
    let whole = subject(&src.round.title);
    // The round's title usually ends with its period; it is written again from the round's
    // years so that the province's name can stand before it.
    let core = ["giai đoạn", "năm"]
        .iter()
        .filter_map(|marker| whole.rfind(&format!(" {marker} ")))
        .filter(|at| whole[*at..].chars().any(|c| c.is_ascii_digit()))
        .min()
        .map_or(whole.as_str(), |at| &whole[..at])
        .trim_end_matches([',', ' ']);
    let mut out = core.to_string();
    if !src.province_name.is_empty() {
        out.push_str(" trong hoạt động của các cơ quan nhà nước ");
        out.push_str(&src.province_name);
    }
    out.push(' ');
    out.push_str(&src.period());
    out
}

/// The consolidated plan of the round's approved plans.
pub fn province_document(src: &ProvinceSource) -> Document {
    let summary = summarize(src);
    let subject = province_subject(src);
    let mut appendices = tables::summary_appendices(src, &summary);
    let summary_count = appendices.len();
    for unit in &src.plans {
        let prefix = unit.source.unit_name.to_uppercase();
        for appendix in plan_document(&unit.source).appendices {
            appendices.push(Appendix {
                title: format!("{prefix} - {}", appendix.title),
                reference: src.reference(),
                ..appendix
            });
        }
    }
    for (i, appendix) in appendices.iter_mut().enumerate() {
        appendix.number = if summary_count + src.plans.len() <= 1 && i == 0 {
            "Phụ lục".into()
        } else {
            format!("Phụ lục {}", roman(i as u32 + 1))
        };
    }
    Document {
        header: Header {
            parent_body: src.department.parent_line.to_uppercase(),
            issuing_body: src.department.issuer_line.to_uppercase(),
            number_line: format!("Số: {}", src.symbol()),
            date_line: date_line(&src.department.place_name, None, src.year),
        },
        title: Title {
            kind: "KẾ HOẠCH".into(),
            subject: subject.clone(),
        },
        basis: Vec::new(),
        body: body(src, &summary, &subject, &appendices[..summary_count]),
        closing: Closing {
            recipients: punctuate(&[
                "- Các cơ quan, đơn vị có kế hoạch được tổng hợp".to_string(),
                format!("- Lưu: VT, {}", src.department.abbreviation),
            ]),
            ..Closing::default()
        },
        appendices,
    }
}

fn heading(level: Level, numbering: &str, title: &str) -> Block {
    Block::Heading {
        level,
        numbering: numbering.into(),
        title: title.into(),
    }
}

fn dash(text: String) -> Block {
    Block::ListItem {
        marker: "-".into(),
        depth: 0,
        runs: vec![Run::plain(text)],
    }
}

/// Items of a list as the decree ends them: `;` each, `.` for the last.
fn dashes(items: Vec<String>) -> Vec<Block> {
    punctuate(&items).into_iter().map(dash).collect()
}

/// The body: what the plan gathers and what it does not yet, its funding, its security and
/// indicators, where the details are, and who carries it out.
fn body(
    src: &ProvinceSource,
    summary: &Summary,
    subject: &str,
    summary_appendices: &[Appendix],
) -> Vec<Block> {
    let mut out = Vec::new();
    let mut chars = subject.chars();
    let lowered: String = chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default();
    out.push(Block::text(format!(
        "Trên cơ sở kế hoạch của các cơ quan, đơn vị đã được thẩm định, phê duyệt, {} tổng hợp Kế hoạch {lowered} như sau:",
        src.department_name
    )));
    out.push(heading(
        Level::Section,
        "I.",
        "KẾT QUẢ TỔNG HỢP KẾ HOẠCH CỦA CÁC CƠ QUAN, ĐƠN VỊ",
    ));
    out.extend(gathered(src));
    out.extend(not_gathered(src));
    out.extend(funding(src, summary));
    out.extend(security(src, summary));
    if !summary_appendices.is_empty() {
        let numbers: Vec<&str> = summary_appendices
            .iter()
            .map(|a| a.number.as_str())
            .collect();
        out.push(Block::Paragraph {
            runs: vec![Run::italic(format!(
                "(Chi tiết tại {} kèm theo Kế hoạch này; kế hoạch của từng cơ quan, đơn vị tại các phụ lục tiếp theo)",
                numbers.join(", ")
            ))],
            align: Align::Justify,
        });
    }
    out.push(heading(Level::Section, "II.", "TỔ CHỨC THỰC HIỆN"));
    out.push(Block::text(format!(
        "Các cơ quan, đơn vị tổ chức triển khai kế hoạch của mình đã được phê duyệt, bảo đảm kinh phí và tiến độ; {} theo dõi, đôn đốc, tổng hợp kết quả thực hiện và báo cáo cấp có thẩm quyền.",
        src.department_name
    )));
    out
}

/// Item 1: the plans gathered, of those taking part in the round.
fn gathered(src: &ProvinceSource) -> Vec<Block> {
    let approved = src.plans.len();
    let participating = approved + src.left_out.len();
    let mut out = vec![heading(Level::Item, "1.", "Các kế hoạch được tổng hợp")];
    if approved == 0 {
        out.push(Block::text(format!(
            "Đợt {} có {participating} cơ quan, đơn vị tham gia; chưa có kế hoạch nào được phê duyệt.",
            src.round.code
        )));
    } else {
        out.push(Block::text(format!(
            "Đợt {} có {participating} cơ quan, đơn vị tham gia; {approved}/{participating} kế hoạch đã được phê duyệt và được tổng hợp vào Kế hoạch này, gồm:",
            src.round.code
        )));
        out.extend(dashes(
            src.plans
                .iter()
                .map(|p| p.source.unit_name.clone())
                .collect(),
        ));
    }
    out
}

/// Item 2: the plans not gathered (yet), by status.
fn not_gathered(src: &ProvinceSource) -> Vec<Block> {
    let mut out = vec![heading(
        Level::Item,
        "2.",
        "Các kế hoạch chưa được tổng hợp",
    )];
    if src.left_out.is_empty() {
        out.push(Block::text(
            "Mọi kế hoạch của đợt đều đã được phê duyệt và tổng hợp.",
        ));
        return out;
    }
    out.push(Block::text(format!(
        "{} kế hoạch chưa được phê duyệt nên chưa được tổng hợp vào Kế hoạch này:",
        src.left_out.len()
    )));
    // One line per status, so that a round of many units stays a short paragraph.
    let mut by_status: Vec<(&str, Vec<&str>)> = Vec::new();
    for l in &src.left_out {
        match by_status.iter_mut().find(|(s, _)| *s == l.status) {
            Some((_, names)) => names.push(&l.name),
            None => by_status.push((&l.status, vec![&l.name])),
        }
    }
    out.extend(dashes(
        by_status
            .into_iter()
            .map(|(status, names)| format!("{} ({}): {}", status, names.len(), names.join(", ")))
            .collect(),
    ));
    out
}

/// Item 3: the tasks' spending and its security share, and the funding, in figures and words.
fn funding(src: &ProvinceSource, summary: &Summary) -> Vec<Block> {
    let share = summary.share_total();
    let funding = summary::total(&summary.funding_by_year());
    vec![
        heading(Level::Item, "3.", "Kinh phí thực hiện"),
        Block::text(format!(
            "Tổng kinh phí dự kiến thực hiện các nhiệm vụ, dự án {}: {} triệu đồng (bằng chữ: {}); trong đó kinh phí bảo đảm an toàn thông tin mạng {} triệu đồng, chiếm {}%.",
            src.period(),
            share.total,
            money_in_words(share.total),
            share.security,
            share_text(&share),
        )),
        Block::text(format!(
            "Tổng kinh phí theo nguồn vốn: {} triệu đồng (bằng chữ: {}).",
            funding,
            money_in_words(funding)
        )),
    ]
}

/// Item 4: the units meeting the security share, the systems, the indicators compared.
fn security(src: &ProvinceSource, summary: &Summary) -> Vec<Block> {
    let meeting = summary
        .shares
        .iter()
        .filter(|s| s.meets == Some(true))
        .count();
    let systems: usize = summary.systems.values().map(|(a, n)| a + n).sum();
    let unapproved: usize = summary.systems.values().map(|(_, n)| n).sum();
    vec![
        heading(
            Level::Item,
            "4.",
            "Bảo đảm an toàn thông tin mạng và chỉ tiêu",
        ),
        Block::text(format!(
            "{meeting}/{} cơ quan, đơn vị bố trí kinh phí bảo đảm an toàn thông tin mạng tối thiểu {}% kinh phí nhiệm vụ, dự án; các cơ quan, đơn vị quản lý {systems} hệ thống thông tin, trong đó {unapproved} hệ thống chưa được phê duyệt hồ sơ đề xuất cấp độ; {} chỉ tiêu của các cơ quan, đơn vị được đối chiếu với mục tiêu quốc gia.",
            src.plans.len(),
            summary.rule.min_percent,
            summary.indicators.len()
        )),
    ]
}

/// `6,8` (a share's percent), or `0` without spending.
fn share_text(share: &UnitShare) -> String {
    let text = crate::domain::rules::percent(share.security, share.total);
    if text.is_empty() {
        "0".into()
    } else {
        text
    }
}

#[cfg(test)]
mod tests;
