//! An official document as a format-neutral read model (Decree 30/2020/NĐ-CP, Appendix I): what
//! it says and how each part is styled in the decree's terms, never how a file format spells
//! it. The DOCX writer reads it now; a PDF writer can read the same value later.
//!
//! A unit's plan fills one `Document`; the province's consolidated plan is another `Document`
//! whose appendices hold the summary tables and then each unit's appendices.

use chrono::{Datelike, NaiveDate};

/// A whole official document, in reading order.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct Document {
    pub header: Header,
    pub title: Title,
    /// `Căn cứ …;` lines, the last ending in `.`, in italic under the title.
    pub basis: Vec<String>,
    /// The body: headings numbered from the framework, paragraphs, lists, tables.
    pub body: Vec<Block>,
    pub closing: Closing,
    pub appendices: Vec<Appendix>,
}

/// The header block (decree cells 1–4).
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub struct Header {
    /// The parent body, e.g. `UBND TỈNH QUẢNG NGÃI`; empty for a body with none above it.
    pub parent_body: String,
    /// The issuing body, e.g. `SỞ Y TẾ`.
    pub issuing_body: String,
    /// `Số: 05/KH-SYT`.
    pub number_line: String,
    /// `Quảng Ngãi, ngày 05 tháng 01 năm 2026` (see [`date_line`]).
    pub date_line: String,
}

/// The national title and motto: the same on every document, kept here so that every writer
/// prints the same words.
pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// The size of each element in half-points (Word's unit: 28 is 14 pt), within the decree's
/// ranges: every writer prints the same sizes.
pub mod size {
    /// Body text: 14 pt.
    pub const BODY: u32 = 28;
    pub const PARENT_BODY: u32 = 26;
    pub const ISSUING_BODY: u32 = 26;
    pub const NUMBER: u32 = 26;
    pub const DATE: u32 = 28;
    /// 12 pt: at 13 pt the national title does not fit the right column in one line.
    pub const NATIONAL_TITLE: u32 = 24;
    pub const MOTTO: u32 = 26;
    pub const TITLE: u32 = 28;
    pub const PAGE_NUMBER: u32 = 28;
    pub const RECIPIENTS_LABEL: u32 = 24;
    pub const RECIPIENTS: u32 = 22;
    pub const SIGNATURE: u32 = 28;
    pub const APPENDIX: u32 = 28;
    pub const BODY_TABLE: u32 = 26;
    pub const APPENDIX_TABLE: u32 = 24;
}

/// The document's kind and subject (decree cell 5a).
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub struct Title {
    /// `KẾ HOẠCH`.
    pub kind: String,
    /// `Ứng dụng công nghệ thông tin … giai đoạn 2026 - 2030`.
    pub subject: String,
}

/// A run of text with its emphasis.
#[derive(Debug, Clone, serde::Serialize, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    pub fn bold(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: true,
            ..Self::default()
        }
    }

    pub fn italic(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            italic: true,
            ..Self::default()
        }
    }
}

/// The text of runs, emphasis dropped.
pub fn runs_text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// The levels of a plan's numbering (REFERENCE §1): `Phần I`, `I.`, `1.`, `a)`, then `-`.
#[derive(Debug, Clone, serde::Serialize, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// `Phần I` centred, its title upper case on the next line, both bold.
    Part,
    /// `I.` upper case, bold.
    Section,
    /// `1.` bold.
    Item,
    /// `a)` regular.
    Point,
    /// `-` regular.
    Dash,
}

/// How a block of text sits on the page.
#[derive(Debug, Clone, serde::Serialize, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Body text: justified, first line indented.
    Justify,
    Left,
    Center,
    Right,
}

/// One block of the body or of an appendix.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Heading {
        level: Level,
        /// `Phần I`, `II.`, `3.`, `b)`; empty for a heading the framework does not number.
        numbering: String,
        title: String,
    },
    Paragraph {
        runs: Vec<Run>,
        align: Align,
    },
    /// One item of a list, its marker written out (`-`, `+`, `1.`, `a)`), at `depth` 0, 1, …
    ListItem {
        marker: String,
        depth: u8,
        runs: Vec<Run>,
    },
    Table(Table),
}

impl Block {
    /// A body paragraph of plain text.
    pub fn text(text: impl Into<String>) -> Self {
        Self::Paragraph {
            runs: vec![Run::plain(text)],
            align: Align::Justify,
        }
    }
}

/// A column of a table: its share of the width and how its cells align.
#[derive(Debug, Clone, serde::Serialize, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Relative width; the writer shares the page's width in proportion.
    pub weight: u16,
    pub align: Align,
}

/// A table cell. Spans work as in HTML: a cell spanning rows is given once, in its first row,
/// and the rows below simply have one cell fewer there.
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub struct Cell {
    pub runs: Vec<Run>,
    pub colspan: u16,
    pub rowspan: u16,
    /// `None`: the column's alignment.
    pub align: Option<Align>,
}

impl Cell {
    pub fn new(runs: Vec<Run>) -> Self {
        Self {
            runs,
            colspan: 1,
            rowspan: 1,
            align: None,
        }
    }

    pub fn text(text: impl Into<String>) -> Self {
        Self::new(vec![Run::plain(text)])
    }

    pub fn bold(text: impl Into<String>) -> Self {
        Self::new(vec![Run::bold(text)])
    }

    pub fn span(mut self, colspan: u16, rowspan: u16) -> Self {
        self.colspan = colspan.max(1);
        self.rowspan = rowspan.max(1);
        self
    }

    pub fn aligned(mut self, align: Align) -> Self {
        self.align = Some(align);
        self
    }

    pub fn plain_text(&self) -> String {
        runs_text(&self.runs)
    }
}

/// What a row is: the header (repeated on every page), a line of data, a group's title with
/// its subtotals, or the total.
#[derive(Debug, Clone, serde::Serialize, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    Header,
    Body,
    Group,
    Total,
}

#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub struct TableRow {
    pub kind: RowKind,
    pub cells: Vec<Cell>,
}

/// A table: header rows with merged cells, then body, group and total rows.
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<ColumnSpec>,
    pub rows: Vec<TableRow>,
    /// `Đơn vị tính: triệu đồng`, shown above the table on the right.
    pub unit: Option<String>,
}

impl Table {
    /// The rows of one kind.
    pub fn rows_of(&self, kind: RowKind) -> impl Iterator<Item = &TableRow> {
        self.rows.iter().filter(move |r| r.kind == kind)
    }
}

/// The end of the document: recipients beside the signature block (decree cells 7 and 9b).
#[derive(Debug, Clone, serde::Serialize, Default, PartialEq, Eq)]
pub struct Closing {
    /// `- Sở KH&CN;` … `- Lưu: VT, KHTC.`, one a line.
    pub recipients: Vec<String>,
    /// `KT. GIÁM ĐỐC`, `TM. ỦY BAN NHÂN DÂN`; may be empty.
    pub authority: String,
    /// `PHÓ GIÁM ĐỐC`.
    pub title: String,
    pub signer: String,
}

/// An appendix on its own pages, numbered on its own (landscape, as wide tables need).
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct Appendix {
    /// `Phụ lục I`, or `Phụ lục` when there is only one.
    pub number: String,
    /// Upper case, e.g. `DANH MỤC NHIỆM VỤ, DỰ ÁN`.
    pub title: String,
    /// `(Kèm theo Kế hoạch số 05/KH-SYT ngày 05/01/2026 của Sở Y tế)`.
    pub reference: String,
    pub landscape: bool,
    pub blocks: Vec<Block>,
}

/// The place and date line (decree cell 4): `Quảng Ngãi, ngày 05 tháng 01 năm 2026`. Days
/// below 10 and the months January and February take a leading zero, so that no one can add a
/// digit by hand. Without a date the day and month are left blank to be written in on signing.
pub fn date_line(place: &str, date: Option<NaiveDate>, year: i32) -> String {
    let place = place.trim();
    let prefix = if place.is_empty() {
        String::new()
    } else {
        format!("{place}, ")
    };
    match date {
        Some(d) => format!(
            "{prefix}ngày {} tháng {} năm {}",
            day_text(d),
            month_text(d),
            d.year()
        ),
        None => format!("{prefix}ngày      tháng      năm {year}"),
    }
}

fn day_text(d: NaiveDate) -> String {
    format!("{:02}", d.day())
}

fn month_text(d: NaiveDate) -> String {
    if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    }
}

/// A date as a reference line cites it, with the same leading zeros: `05/01/2026`, `15/8/2026`.
pub fn short_date(date: NaiveDate) -> String {
    format!("{}/{}/{}", day_text(date), month_text(date), date.year())
}

/// A plan's period as a title names it: `giai đoạn 2021 - 2025`, or `năm 2027` for one year.
pub fn period(start: i32, end: i32) -> String {
    if start == end {
        format!("năm {start}")
    } else {
        format!("giai đoạn {start} - {end}")
    }
}

/// Upper-case Roman numerals for appendix numbers: `I`, `IV`, `XII`.
pub fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// Lines of an enumeration that the decree ends with `;` each and `.` for the last (legal
/// basis, recipients): whatever the writer put at the end is replaced. A line ending in `:`
/// introduces what follows and keeps it.
pub fn punctuate(lines: &[String]) -> Vec<String> {
    let kept: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let last = kept.len().saturating_sub(1);
    kept.iter()
        .enumerate()
        .map(|(i, line)| {
            if line.ends_with(':') {
                return line.to_string();
            }
            let bare = line.trim_end_matches([';', '.', ',']).trim_end();
            format!("{bare}{}", if i == last { "." } else { ";" })
        })
        .collect()
}

/// Page margins within the decree's ranges, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Margins {
    top: u8,
    bottom: u8,
    left: u8,
    right: u8,
}

/// The decree's range for each margin, in millimetres: top, bottom, left, right.
pub const MARGIN_RANGES: [(&str, u8, u8); 4] = [
    ("trên", 20, 25),
    ("dưới", 20, 25),
    ("trái", 30, 35),
    ("phải", 15, 20),
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarginError {
    #[error("lề {side} {value} mm nằm ngoài khoảng {min}–{max} mm của Nghị định 30/2020")]
    OutOfRange {
        side: &'static str,
        value: u8,
        min: u8,
        max: u8,
    },
    #[error("ghi lề theo dạng TRÊN,DƯỚI,TRÁI,PHẢI bằng mm, ví dụ 20,20,30,15")]
    Format,
}

impl Margins {
    pub fn new(top: u8, bottom: u8, left: u8, right: u8) -> Result<Self, MarginError> {
        for ((side, min, max), value) in MARGIN_RANGES.into_iter().zip([top, bottom, left, right]) {
            if value < min || value > max {
                return Err(MarginError::OutOfRange {
                    side,
                    value,
                    min,
                    max,
                });
            }
        }
        Ok(Self {
            top,
            bottom,
            left,
            right,
        })
    }

    /// `20,20,30,15`: top, bottom, left, right in millimetres.
    pub fn parse(text: &str) -> Result<Self, MarginError> {
        let values: Vec<u8> = text
            .split(',')
            .map(|v| v.trim().parse::<u8>().map_err(|_| MarginError::Format))
            .collect::<Result<_, _>>()?;
        match values[..] {
            [top, bottom, left, right] => Self::new(top, bottom, left, right),
            _ => Err(MarginError::Format),
        }
    }

    /// Top, bottom, left, right in millimetres.
    pub fn millimetres(self) -> [u8; 4] {
        [self.top, self.bottom, self.left, self.right]
    }
}

/// The decree's usual choice: 20 mm top and bottom, 30 mm left, 15 mm right.
impl Default for Margins {
    fn default() -> Self {
        Self {
            top: 20,
            bottom: 20,
            left: 30,
            right: 15,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn the_date_line_pads_days_below_ten_and_only_the_first_two_months() {
        assert_eq!(
            date_line("Quảng Ngãi", Some(day(2026, 1, 5)), 2026),
            "Quảng Ngãi, ngày 05 tháng 01 năm 2026"
        );
        assert_eq!(
            date_line("Quảng Ngãi", Some(day(2026, 2, 28)), 2026),
            "Quảng Ngãi, ngày 28 tháng 02 năm 2026"
        );
        assert_eq!(
            date_line("Quảng Ngãi", Some(day(2026, 3, 9)), 2026),
            "Quảng Ngãi, ngày 09 tháng 3 năm 2026"
        );
        assert_eq!(
            date_line("Kon Tum", Some(day(2025, 12, 31)), 2025),
            "Kon Tum, ngày 31 tháng 12 năm 2025"
        );
    }

    #[test]
    fn an_undated_draft_leaves_day_and_month_to_be_written_in() {
        assert_eq!(
            date_line("Quảng Ngãi", None, 2027),
            "Quảng Ngãi, ngày      tháng      năm 2027"
        );
        assert_eq!(date_line("  ", None, 2027), "ngày      tháng      năm 2027");
    }

    #[test]
    fn short_dates_follow_the_same_padding() {
        assert_eq!(short_date(day(2026, 1, 5)), "05/01/2026");
        assert_eq!(short_date(day(2020, 7, 29)), "29/7/2020");
    }

    #[test]
    fn roman_numerals_number_the_appendices() {
        let got: Vec<String> = [1, 2, 3, 4, 5, 9, 14, 40].map(roman).to_vec();
        assert_eq!(got, ["I", "II", "III", "IV", "V", "IX", "XIV", "XL"]);
    }

    #[test]
    fn enumerations_end_with_semicolons_and_a_full_stop() {
        let lines = [
            "Căn cứ Luật Công nghệ thông tin.",
            "",
            "Căn cứ Nghị định số 85/2016/NĐ-CP;;",
            "Xét đề nghị:",
            "Căn cứ Quyết định số 749/QĐ-TTg, ",
        ]
        .map(String::from);
        assert_eq!(
            punctuate(&lines),
            [
                "Căn cứ Luật Công nghệ thông tin;",
                "Căn cứ Nghị định số 85/2016/NĐ-CP;",
                "Xét đề nghị:",
                "Căn cứ Quyết định số 749/QĐ-TTg."
            ]
        );
    }

    #[test]
    fn margins_stay_within_the_decree() {
        assert_eq!(Margins::default().millimetres(), [20, 20, 30, 15]);
        assert_eq!(
            Margins::parse("25, 25, 35, 20").map(Margins::millimetres),
            Ok([25, 25, 35, 20])
        );
        assert_eq!(
            Margins::parse("20,20,25,15"),
            Err(MarginError::OutOfRange {
                side: "trái",
                value: 25,
                min: 30,
                max: 35
            })
        );
        assert_eq!(Margins::parse("20,20,30"), Err(MarginError::Format));
        assert_eq!(Margins::parse("hai mươi"), Err(MarginError::Format));
    }
}
